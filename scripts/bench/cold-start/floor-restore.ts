// Cold-start floor 2: a window plus the local restore the first screen depends on (open the
// store, decrypt, verify the JWT against stored keys), answered to the page's first ask.
// Nothing else: no configuration, logger, protocol handler or network client.
import { app, BrowserWindow, ipcMain, safeStorage } from 'electron';
import ElectronStore from 'electron-store';
import { stytchJwtExpectations, verifyJwtLocally } from '../../../main/auth/jwt-verify';
import { toAuthView } from '../../../main/auth/view';
import { createSafeStorageCipher } from '../../../main/electron/safe-storage-cipher';
import { openSessionStore } from '../../../main/electron/session-store';
import { createSessionVault } from '../../../main/session/session-vault';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const expectations = stytchJwtExpectations(process.env['STYTCH_PROJECT_ID'] ?? '', process.env['STYTCH_API_URL']?.replace(/\/+$/, ''));

void app.whenReady().then(async () => {
  const win = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true } });
  const store = openSessionStore({ userDataDir: app.getPath('userData'), open: (options) => new ElectronStore(options), logger: silent });
  const vault = createSessionVault({ cipher: createSafeStorageCipher(safeStorage, process.platform), store, logger: silent, clock: { now: Date.now } });
  const session = vault.load();
  const verified = session ? (await verifyJwtLocally(session.sessionJwt, session.signingKeys, Date.now(), expectations)).ok : false;
  const view = toAuthView(session && verified ? { status: 'signed-in', session } : { status: 'signed-out' }, null, vault, { signUpPolicy: 'open', invitesEnabled: false, stytchTimeoutMs: 15_000 }, false);
  ipcMain.handle(process.env['COLD_START_GET_VIEW_CHANNEL'] ?? '', () => ({ ok: true, value: view }));
  void win.loadURL('app://renderer/index.html');
});
