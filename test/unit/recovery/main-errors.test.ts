// The main process's last-resort error policy: every error is logged, redacted, under a
// stable code; an uncaught exception is fatal and shows one dialog naming the problem and
// the log file, once the app is ready; an unhandled rejection is logged and the app goes on.
import { describe, expect, it } from 'vitest';
import { createMainErrorHandler, describeProblem, MAIN_ERROR_CODES } from '../../../main/recovery/main-errors';
import { recordingLogger } from '../electron/stand-ins';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const LOG_FILE = '/home/ana/.config/PromptGrimoire/logs/main.log';

function setup() {
  const { logger, lines } = recordingLogger();
  const events: string[] = [];
  let ready = false;
  const waiting: Array<() => void> = [];
  const handler = createMainErrorHandler({
    logger,
    logFilePath: LOG_FILE,
    whenReady: (show) => (ready ? show() : waiting.push(show)),
    showErrorBox: (title, content) => events.push(`dialog ${title}\n${content}`),
    exit: (code) => events.push(`exit ${code}`),
  });
  const becomeReady = () => {
    ready = true;
    for (const show of waiting.splice(0)) show();
  };
  return { handler, lines, events, becomeReady, setReady: () => (ready = true) };
}

describe('createMainErrorHandler', () => {
  it('logs an uncaught exception redacted under its code, then shows one dialog and exits', () => {
    const { handler, lines, events, setReady } = setup();
    setReady();
    handler.handle('uncaughtException', new TypeError(`cannot read session_jwt=${JWT}`));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`error fatal error in the main process {"code":"${MAIN_ERROR_CODES.uncaughtException}"`);
    expect(lines.join('\n')).not.toContain(JWT);
    expect(events).toHaveLength(2);
    expect(events[0]).toContain('dialog PromptGrimoire has to close');
    expect(events[0]).toContain('TypeError: cannot read session_jwt=[redacted]');
    expect(events[0]).toContain(LOG_FILE);
    expect(events[0]).toContain(MAIN_ERROR_CODES.uncaughtException);
    expect(events[0]).not.toContain(JWT);
    expect(events[1]).toBe('exit 1');
  });

  it('holds the dialog of a fatal error before ready until the app is ready', () => {
    const { handler, events, becomeReady } = setup();
    handler.handle('uncaughtException', new Error('broken before ready'));
    expect(events).toEqual([]);
    becomeReady();
    expect(events.map((event) => event.split('\n')[0])).toEqual(['dialog PromptGrimoire has to close', 'exit 1']);
  });

  it('logs an unhandled rejection and carries on: no dialog, no exit', () => {
    const { handler, lines, events, setReady } = setup();
    setReady();
    handler.handle('unhandledRejection', new Error('background task failed'));
    handler.handle('unhandledRejection', 'a bare string');
    expect(events).toEqual([]);
    expect(lines).toHaveLength(2);
    expect(lines.every((line) => line.includes(`"code":"${MAIN_ERROR_CODES.unhandledRejection}"`))).toBe(true);
  });

  it('shows the dialog once when a second fatal error comes while the first waits', () => {
    const { handler, lines, events, becomeReady } = setup();
    handler.handle('uncaughtException', new Error('first'));
    handler.handle('uncaughtException', new Error('second'));
    becomeReady();
    expect(events.filter((event) => event.startsWith('dialog'))).toHaveLength(1);
    expect(events[0]).toContain('Error: first');
    expect(lines).toHaveLength(2);
  });
});

describe('describeProblem', () => {
  it('names a thrown non-error only by its kind, and cuts a long message', () => {
    expect(describeProblem({ token: 'x' })).toBe('A value that is not an error was thrown (object)');
    const long = describeProblem(new Error('y'.repeat(1000)));
    expect(long.length).toBe(300);
    expect(long.endsWith('…')).toBe(true);
  });
});
