// A recording stand-in for the 'electron' module, so the built main bundle runs in plain
// Node for the cold-start bench. It notes, in ms since the process started, when the first
// BrowserWindow is constructed and when the first view reaches the page: pushed on the view
// channel, or the answer to the page's own first ask (the stand-in asks the way the page
// does, on the get-view channel, as soon as a page URL is loaded and a handler exists).
// Then it prints one line "COLD_START {json}" and ends the process.
// Everything it does not model is a silent no-op, so new Electron calls in the app do not
// break the bench. Never used by the app or the tests.
import { standInSafeStorage } from './stand-in-safe-storage.mjs';

const userData = process.env.COLD_START_USER_DATA ?? process.cwd();
const viewChannel = process.env.COLD_START_VIEW_CHANNEL ?? '';
const getViewChannel = process.env.COLD_START_GET_VIEW_CHANNEL ?? '';
const pageOrigin = process.env.COLD_START_PAGE_ORIGIN ?? '';
const stopAfter = process.env.COLD_START_STOP ?? 'view';
const marks = {};

function finish() {
  const loaded = globalThis.__coldStartPackages ?? [];
  process.stdout.write(`COLD_START ${JSON.stringify({ ...marks, packagesBeforeWindow: loaded.filter((p) => p.at <= (marks.window ?? Infinity)).map((p) => p.name) })}\n`);
  process.exit(0);
}

function mark(name) {
  if (marks[name] !== undefined) return;
  marks[name] = performance.now();
  if (name === stopAfter) setImmediate(finish);
}

/** A value that answers every property and call with itself; never a thenable. */
function inert() {
  const fn = function () {};
  const proxy = new Proxy(fn, {
    get: (_target, key) => (key === 'then' ? undefined : key === Symbol.toPrimitive ? () => '' : proxy),
    apply: () => proxy,
    construct: () => proxy,
  });
  return proxy;
}

/** An object with the given members; anything else is inert. */
function partial(members) {
  return new Proxy(members, { get: (target, key) => (key in target ? target[key] : key === 'then' ? undefined : inert()) });
}

const paths = { userData, logs: `${userData}/logs`, temp: `${userData}/tmp`, appData: userData, home: userData, exe: process.execPath };
let ready;

// The page: once a URL is loaded, it asks for the view as soon as main answers that channel.
const handlers = new Map();
let pageLoaded = null;
function askForView() {
  const handler = handlers.get(getViewChannel);
  if (!pageLoaded || !handler) return;
  const contents = pageLoaded;
  pageLoaded = null;
  const event = { sender: contents, senderFrame: { origin: pageOrigin, processId: 1, routingId: 1, parent: null, url: `${pageOrigin}/index.html` } };
  Promise.resolve(handler(event, undefined)).then(
    (answer) => (answer && answer.ok ? mark('view') : console.error('COLD_START the page was refused its view', answer)),
    (error) => console.error('COLD_START get-view failed', error),
  );
}

export const app = partial({
  isPackaged: false,
  name: 'PromptGrimoire',
  getName: () => 'PromptGrimoire',
  getVersion: () => '0.0.0-bench',
  getPath: (name) => paths[name] ?? userData,
  setPath: (name, value) => {
    paths[name] = value;
  },
  getAppPath: () => process.cwd(),
  // No switches given: the Linux keyring choice runs as it would on a plain launch.
  commandLine: partial({ hasSwitch: () => false, getSwitchValue: () => '', appendSwitch: () => undefined }),
  requestSingleInstanceLock: () => true,
  isReady: () => ready !== undefined,
  whenReady: () => (ready ??= new Promise((resolve) => setImmediate(resolve))),
  on: () => app,
  once: () => app,
  off: () => app,
  quit: () => finish(),
  exit: () => finish(),
});

class WebContents {
  id = 1;
  session = partial({});
  mainFrame = partial({ processId: 1, routingId: 1 });
  send(channel) {
    if (channel === viewChannel) mark('view');
  }
  isDestroyed = () => false;
  on = () => this;
  once = () => this;
  setWindowOpenHandler = () => undefined;
  loadURL = () => loadPage(this);
  getURL = () => '';
}

function loadPage(contents) {
  pageLoaded = contents;
  setImmediate(askForView);
  return Promise.resolve();
}

export class BrowserWindow {
  static getAllWindows = () => [];
  constructor() {
    mark('window');
    this.contents = new WebContents();
    this.webContents = partial(this.contents);
    return partial(this);
  }
  loadURL = () => loadPage(this.contents);
  loadFile = () => loadPage(this.contents);
  isDestroyed = () => false;
  isMinimized = () => false;
  on = () => this;
  once = () => this;
  show = () => undefined;
  focus = () => undefined;
}

export const safeStorage = partial(standInSafeStorage);
export const protocol = partial({ handle: () => undefined, registerSchemesAsPrivileged: () => undefined });
export const ipcMain = partial({
  handle: (channel, handler) => {
    handlers.set(channel, handler);
    setImmediate(askForView);
  },
  removeHandler: (channel) => handlers.delete(channel),
  on: () => ipcMain,
  removeAllListeners: () => ipcMain,
});
export const session = partial({ defaultSession: partial({}) });
export const dialog = inert();
export const shell = inert();
export const clipboard = inert();
export const Menu = inert();
export const MenuItem = inert();
export const nativeTheme = inert();
export const nativeImage = inert();
export const powerMonitor = inert();
export const screen = inert();
export const net = inert();
export const autoUpdater = inert();
export const crashReporter = inert();
export const webContents = inert();
export const contentTracing = inert();
export const globalShortcut = inert();
export const Notification = inert();
export const systemPreferences = inert();
export const utilityProcess = inert();
export const ClipboardItem = inert();
export const BaseWindow = inert();
export const WebContentsView = inert();
export const desktopCapturer = inert();
export const TouchBar = inert();
export const ShareMenu = inert();

export default partial({ app, BrowserWindow, safeStorage, protocol, ipcMain, session, dialog, shell, clipboard, Menu, MenuItem, nativeTheme, nativeImage, powerMonitor, screen, net, autoUpdater, crashReporter, webContents, contentTracing, globalShortcut, Notification, systemPreferences, utilityProcess, ClipboardItem, BaseWindow, WebContentsView, desktopCapturer, TouchBar, ShareMenu });
