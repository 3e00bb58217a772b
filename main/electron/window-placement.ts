// The window opens where it was left: its placement is read from the store and fitted to
// the displays there are now (main/window/bounds-policy), and written back when the person
// moves or resizes it (once they pause) and when it closes.
// Rule: wiring only; Electron types only, main/electron/app-startup.ts passes screen in.
import type { BrowserWindow, Rectangle, Screen } from 'electron';
import type { Logger, Store } from '../../common/ports';
import { parsePlacement, placeWindow, WINDOW_PLACEMENT_KEY, type PlacementLimits, type WindowPlacement } from '../window/bounds-policy';
import type { Expect } from './type-checks';

export type PlacedWindow = Pick<
  BrowserWindow,
  'getNormalBounds' | 'isMaximized' | 'isFullScreen' | 'setBounds' | 'maximize' | 'setFullScreen' | 'isDestroyed' | 'on' | 'once'
>;
export type ScreenLike = Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay'>;
export type _BrowserWindowFits = Expect<BrowserWindow extends PlacedWindow ? true : false>;
export type _ScreenFits = Expect<Screen extends ScreenLike ? true : false>;

/** Moves and resizes come in bursts while a person drags; one write once they pause. */
export const SAVE_DELAY_MS = 500;

export interface PlacementDeps {
  screen: ScreenLike;
  store: Store;
  limits: PlacementLimits;
  logger: Logger;
}

const plain = ({ x, y, width, height }: Rectangle) => ({ x, y, width, height });

/** Puts a new (still hidden) window where it was left, and keeps its placement from now on. */
export function placeAndRemember(win: PlacedWindow, deps: PlacementDeps): () => void {
  const saved = parsePlacement(deps.store.get(WINDOW_PLACEMENT_KEY));
  const placement = placeWindow(
    saved,
    deps.screen.getAllDisplays().map((display) => plain(display.workArea)),
    plain(deps.screen.getPrimaryDisplay().workArea),
    deps.limits,
  );
  win.setBounds(placement.bounds);
  // Maximising a hidden window would show it: both wait until the page is ready to show.
  if (placement.maximized || placement.fullScreen) {
    win.once('ready-to-show', () => (placement.fullScreen ? win.setFullScreen(true) : win.maximize()));
  }
  return rememberPlacement(win, deps);
}

function rememberPlacement(win: PlacedWindow, { store, logger }: PlacementDeps): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const save = (): void => {
    clearTimeout(timer);
    timer = undefined;
    if (stopped || win.isDestroyed()) return;
    const placement: WindowPlacement = { bounds: plain(win.getNormalBounds()), maximized: win.isMaximized(), fullScreen: win.isFullScreen() };
    try {
      store.set(WINDOW_PLACEMENT_KEY, placement);
    } catch (error) {
      // Only the window's place is lost; the next start opens it centred.
      logger.warn('window: could not remember where the window was', { error: String(error) });
    }
  };
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  };
  win.on('move', later);
  win.on('resize', later);
  win.on('maximize', later);
  win.on('unmaximize', later);
  win.on('enter-full-screen', later);
  win.on('leave-full-screen', later);
  win.on('close', save);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
