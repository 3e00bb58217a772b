// The preload: exposes exactly one object, `window.grimoire`, built by the contract's
// createBridge over ipcRenderer. The page never sees ipcRenderer, the IPC event object,
// process or any Node API; it can only call the contract's methods.
// Rule: nothing but the bridge is exposed.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createBridge, type Invoke, type Subscribe } from './api';

const invoke: Invoke = (channel, payload) => ipcRenderer.invoke(channel, payload);

const subscribe: Subscribe = (channel, listener) => {
  // The event carries `sender` (ipcRenderer itself); only the payload goes to the page.
  const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
};

contextBridge.exposeInMainWorld('grimoire', createBridge(invoke, subscribe));
