// The crash-recovery adapter on stand-ins: Electron's events go in as the real objects emit
// them, and what comes out (reloads, loads, dialogs, quit, log lines) is recorded. The
// policy is the real one on vitest's fake timers.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCrashRecovery } from '../../../main/electron/crash-recovery';
import { DEFAULT_CRASH_POLICY } from '../../../main/recovery/crash-policy';
import { useFakeTime } from '../../fixtures/fake-time';
import { fakeEvent, FakeRecoveryApp, FakeRecoveryWindow, recordingLogger } from './stand-ins';

const PAGE = 'app://renderer/index.html';

function setup(answers: string[] = []) {
  const time = useFakeTime();
  const clock = time;
  const { logger, lines } = recordingLogger();
  const app = new FakeRecoveryApp();
  const asked: Array<{ message: string; buttons: string[]; detail: string }> = [];
  const actions: string[] = [];
  startCrashRecovery({
    app,
    pageUrl: PAGE,
    pageOrigins: ['app://renderer'],
    ask: (options) => {
      const buttons = options.buttons ?? [];
      asked.push({ message: options.message, buttons, detail: options.detail ?? '' });
      const answer = answers.shift();
      return answer === undefined ? new Promise<number>(() => undefined) : Promise.resolve(buttons.indexOf(answer));
    },
    copyDiagnostics: () => Promise.resolve(actions.push('copy')),
    openLogFolder: () => Promise.resolve(actions.push('open-log-folder')),
    logFilePath: '/home/ana/.config/PromptGrimoire/logs/main.log',
    logger,
    clock,
  });
  const window = new FakeRecoveryWindow();
  app.emit('browser-window-created', fakeEvent(), window);
  const contents = window.webContents;
  const gone = (reason: string) => contents.emit('render-process-gone', fakeEvent(), { reason, exitCode: 139 });
  return { app, window, contents, gone, asked, actions, lines, time };
}

afterEach(() => {
  vi.useRealTimers();
});

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('startCrashRecovery: a renderer that dies', () => {
  it('reloads three times, then stops and asks with the four choices', async () => {
    const { contents, gone, asked, lines } = setup();
    for (let i = 0; i < 3; i += 1) gone('crashed');
    expect(contents.calls).toEqual(['reload', 'reload', 'reload']);
    expect(asked).toEqual([]);
    gone('oom');
    await settle();
    expect(contents.calls).toHaveLength(3);
    expect(asked).toHaveLength(1);
    expect(asked[0]?.buttons).toEqual(['Reload', 'Copy diagnostics', 'Open log folder', 'Quit']);
    expect(asked[0]?.detail).toContain('logs/main.log');
    expect(lines.filter((line) => line.includes('renderer process is gone'))).toHaveLength(4);
    expect(lines.at(-1)).toContain('"reason":"oom"');
  });

  it('keeps asking after Copy diagnostics and Open log folder; Reload starts a fresh count', async () => {
    const { contents, gone, asked, actions } = setup(['Copy diagnostics', 'Open log folder', 'Reload']);
    for (let i = 0; i < 4; i += 1) gone('crashed');
    await settle();
    expect(actions).toEqual(['copy', 'open-log-folder']);
    expect(asked).toHaveLength(3);
    expect(contents.calls).toEqual(['reload', 'reload', 'reload', 'reload']);
    // A fresh count: three more reloads before the next question.
    for (let i = 0; i < 3; i += 1) gone('crashed');
    expect(asked).toHaveLength(3);
  });

  it('quits when the person chooses Quit', async () => {
    const { app, gone } = setup(['Quit']);
    for (let i = 0; i < 4; i += 1) gone('crashed');
    await settle();
    expect(app.quitCalls).toBe(1);
  });

  it('leaves a clean exit alone', () => {
    const { contents, gone, lines } = setup();
    gone('clean-exit');
    expect(contents.calls).toEqual([]);
    expect(lines).toEqual([]);
  });
});

describe('startCrashRecovery: a hung page', () => {
  it('offers a reload after ten seconds and ends the hung renderer when the person accepts', async () => {
    const { window, contents, asked, time, gone } = setup(['Reload']);
    window.emit('unresponsive');
    time.advance(DEFAULT_CRASH_POLICY.unresponsiveMs - 1);
    expect(asked).toEqual([]);
    time.advance(1);
    await settle();
    expect(asked[0]?.buttons).toEqual(['Reload', 'Keep waiting']);
    expect(contents.calls).toEqual(['forcefullyCrashRenderer']);
    // The killed renderer comes back through the crash path.
    gone('killed');
    expect(contents.calls).toEqual(['forcefullyCrashRenderer', 'reload']);
  });

  it('asks nothing when the page answers again in time', () => {
    const { window, asked, time } = setup();
    window.emit('unresponsive');
    time.advance(5_000);
    window.emit('responsive');
    time.advance(60_000);
    expect(asked).toEqual([]);
  });
});

describe('startCrashRecovery: a page that fails to load', () => {
  it('shows the built-in error page, and its Try again loads the app’s page', () => {
    const { contents } = setup();
    contents.emit('did-fail-load', fakeEvent(), -6, 'ERR_FILE_NOT_FOUND', PAGE, true);
    expect(contents.calls).toEqual(['loadURL data:…']);
    const page = Buffer.from(contents.loaded[0]?.split(',')[1] ?? '', 'base64').toString('utf8');
    expect(page).toContain('ERR_FILE_NOT_FOUND (-6)');
    expect(page).toContain(`href="${PAGE}"`);
    contents.emit('will-navigate', fakeEvent({ url: PAGE }));
    expect(contents.calls).toEqual(['loadURL data:…', `loadURL ${PAGE}`]);
  });

  it('ignores aborted loads, sub-frames, other origins, and links while no error page shows', () => {
    const { contents } = setup();
    contents.emit('did-fail-load', fakeEvent(), -3, 'ERR_ABORTED', PAGE, true);
    contents.emit('did-fail-load', fakeEvent(), -6, 'ERR_FILE_NOT_FOUND', PAGE, false);
    contents.emit('did-fail-load', fakeEvent(), -105, 'ERR_NAME_NOT_RESOLVED', 'https://example.com/', true);
    contents.emit('will-navigate', fakeEvent({ url: PAGE }));
    expect(contents.calls).toEqual([]);
  });
});

describe('startCrashRecovery: child processes', () => {
  it('logs a GPU crash as an error and ignores clean exits', () => {
    const { app, lines } = setup();
    app.emit('child-process-gone', fakeEvent(), { type: 'GPU', reason: 'crashed', exitCode: 11 });
    app.emit('child-process-gone', fakeEvent(), { type: 'Utility', reason: 'clean-exit', exitCode: 0 });
    expect(lines).toEqual(['error window: the GPU process crashed {"type":"GPU","reason":"crashed","exitCode":11,"name":null}']);
  });
});
