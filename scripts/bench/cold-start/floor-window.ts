// Cold-start floor 1: the least a main process can do to show a window. Bundled by the
// bench exactly like the app's main bundle; only `electron` is imported.
import { app, BrowserWindow } from 'electron';

void app.whenReady().then(() => {
  const win = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true } });
  void win.loadURL('app://renderer/index.html');
});
