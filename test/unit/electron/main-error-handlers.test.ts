// The installer on stand-ins: a process that emits the two events, an app that becomes
// ready when the test says, and a dialog that records what it was asked to show.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { installMainErrorHandlers, type ErrorProcess, type ReadyApp } from '../../../main/electron/main-error-handlers';
import { recordingLogger } from './stand-ins';

class FakeProcess extends EventEmitter implements ErrorProcess {}

function fakeApp() {
  let markReady: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => (markReady = resolve));
  const state = { ready: false, exits: [] as number[] };
  const app: ReadyApp = {
    isReady: () => state.ready,
    whenReady: () => readyPromise,
    exit: (code?: number) => void state.exits.push(code ?? 0),
  };
  return { app, state, becomeReady: () => ((state.ready = true), markReady()) };
}

describe('installMainErrorHandlers', () => {
  it('turns an uncaught exception before ready into a dialog once ready, then exits', async () => {
    const process = new FakeProcess();
    const { app, state, becomeReady } = fakeApp();
    const shown: string[] = [];
    const { logger, lines } = recordingLogger();
    installMainErrorHandlers({ process, app, dialog: { showErrorBox: (title) => void shown.push(title) }, logFilePath: '/logs/main.log', logger });
    process.emit('uncaughtException', new Error('early'));
    expect(shown).toEqual([]);
    becomeReady();
    await Promise.resolve();
    expect(shown).toEqual(['PromptGrimoire has to close']);
    expect(state.exits).toEqual([1]);
    expect(lines[0]).toContain('main-uncaught-exception');
  });

  it('only logs an unhandled rejection', () => {
    const process = new FakeProcess();
    const { app, state } = fakeApp();
    state.ready = true;
    const shown: string[] = [];
    const { logger, lines } = recordingLogger();
    installMainErrorHandlers({ process, app, dialog: { showErrorBox: (title) => void shown.push(title) }, logFilePath: '/logs/main.log', logger });
    process.emit('unhandledRejection', new Error('later'));
    expect(shown).toEqual([]);
    expect(state.exits).toEqual([]);
    expect(lines[0]).toContain('main-unhandled-rejection');
  });
});
