// "Every IPC channel is checked" must hold for our dependencies too. electron-log and
// electron-store register ipcMain listeners for renderer halves this app never loads; none
// of them checks the sender. After set-up only our own, checked handlers may remain.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INVOKE_CONTRACT } from '../../../preload/api';
import type { IpcEndpoints } from '../../../main/ipc/endpoints';
import {
  createSenderCheck,
  FORBIDDEN_SENDER,
  registerIpcHandlers,
  removeForeignIpc,
  THIRD_PARTY_INVOKE_CHANNELS,
} from '../../../main/electron/ipc';
import { FakeIpcMain, recordingLogger } from './stand-ins';

// electron-store's exports hide its package.json; both live in the project's node_modules.
const packageDir = (name: string): string => join(process.cwd(), 'node_modules', name);

/** The channels a dependency's source registers, read from the installed package itself. */
function registered(file: string, pattern: RegExp): string[] {
  return [...readFileSync(file, 'utf8').matchAll(pattern)].map((match) => match[1] ?? '');
}
const LOG_MAIN = join(packageDir('electron-log'), 'src', 'main', 'index.js');
const STORE_MAIN = join(packageDir('electron-store'), 'index.js');
const logListeners = registered(LOG_MAIN, /onIpc\('([^']+)'/g);
const logHandlers = registered(LOG_MAIN, /onIpcInvoke\('([^']+)'/g);
const storeListeners = registered(STORE_MAIN, /ipcMain\.on\('([^']+)'/g);

const allowAll = Object.fromEntries(
  Object.values(INVOKE_CONTRACT).map(({ channel }) => [channel, () => Promise.resolve({ ok: true, value: null })]),
) as unknown as IpcEndpoints;

describe('IPC listeners registered by dependencies', () => {
  it('are the ones this app knows about (a dependency update that adds one fails here)', () => {
    expect(logListeners).toEqual(['__ELECTRON_LOG__']);
    expect(storeListeners).toEqual(['electron-store-get-data']);
    expect(logHandlers).toEqual([...THIRD_PARTY_INVOKE_CHANNELS]);
  });

  it('are all gone after set-up; only our handlers remain, and each refuses a foreign frame', async () => {
    const ipcMain = new FakeIpcMain();
    // What the libraries do on import and on `new ElectronStore()`.
    const heard: string[] = [];
    for (const channel of [...logListeners, ...storeListeners]) ipcMain.on(channel, () => heard.push(channel));
    for (const channel of logHandlers) ipcMain.handle(channel, () => Promise.resolve(FORBIDDEN_SENDER));

    const { logger, lines } = recordingLogger();
    const removed = removeForeignIpc(ipcMain, logger);
    const check = createSenderCheck({ window: () => null, allowedOrigins: ['app://renderer'] });
    registerIpcHandlers(ipcMain, allowAll, check, logger);

    expect(removed.sort()).toEqual(['__ELECTRON_LOG__', 'electron-store-get-data']);
    expect(ipcMain.eventNames()).toEqual([]);
    for (const channel of storeListeners) expect(ipcMain.emit(channel, { returnValue: null })).toBe(false);
    expect(heard).toEqual([]);
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.values(INVOKE_CONTRACT).map(({ channel }) => channel).sort());
    const foreign = { sender: { id: 99 }, senderFrame: { origin: 'https://evil.example', processId: 9, routingId: 9, parent: null } };
    for (const listener of ipcMain.handlers.values()) expect(await listener(foreign, undefined)).toEqual(FORBIDDEN_SENDER);
    expect(lines.join('\n')).toContain('removed listeners registered by dependencies');
  });

  it('leaves a clean ipcMain clean (innocent start-up without the libraries)', () => {
    const ipcMain = new FakeIpcMain();
    expect(removeForeignIpc(ipcMain, recordingLogger().logger)).toEqual([...THIRD_PARTY_INVOKE_CHANNELS]);
    expect(ipcMain.eventNames()).toEqual([]);
  });
});
