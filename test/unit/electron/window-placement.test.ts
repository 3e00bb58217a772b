// The placement adapter on a stand-in window and screen: placed before it is shown,
// maximised only once ready to show, and written once a drag pauses and on close.
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { placeAndRemember, SAVE_DELAY_MS, type PlacedWindow, type ScreenLike } from '../../../main/electron/window-placement';
import { WINDOW_SIZES } from '../../../main/electron/window';
import { WINDOW_PLACEMENT_KEY, type Rect as Rectangle } from '../../../main/window/bounds-policy';
import type { Store } from '../../../common/ports';

class FakeWindow extends EventEmitter {
  bounds: Rectangle = { x: 0, y: 0, width: 520, height: 680 };
  maximized = false;
  fullScreen = false;
  destroyed = false;
  readonly calls: string[] = [];
  getNormalBounds = (): Rectangle => ({ ...this.bounds });
  isMaximized = (): boolean => this.maximized;
  isFullScreen = (): boolean => this.fullScreen;
  isDestroyed = (): boolean => this.destroyed;
  setBounds = (bounds: Partial<Rectangle>): void => {
    this.bounds = { ...this.bounds, ...bounds };
    this.calls.push(`setBounds(${JSON.stringify(bounds)})`);
  };
  maximize = (): void => {
    this.maximized = true;
    this.calls.push('maximize');
  };
  setFullScreen = (flag: boolean): void => {
    this.fullScreen = flag;
    this.calls.push(`setFullScreen(${String(flag)})`);
  };
}

class MapStore implements Store {
  readonly values = new Map<string, unknown>();
  writes = 0;
  get = (key: string): unknown => this.values.get(key);
  set = (key: string, value: unknown): void => {
    this.writes += 1;
    this.values.set(key, value);
  };
  delete = (key: string): void => void this.values.delete(key);
  keys = (): string[] => [...this.values.keys()];
}

const workArea = { x: 0, y: 0, width: 1920, height: 1080 };
const screen = { getAllDisplays: () => [{ workArea }], getPrimaryDisplay: () => ({ workArea }) } as unknown as ScreenLike;
const quiet = { debug: () => undefined, info: () => undefined, warn: vi.fn(), error: () => undefined };

let win: FakeWindow;
let store: MapStore;
beforeEach(() => {
  vi.useFakeTimers();
  win = new FakeWindow();
  store = new MapStore();
});
afterEach(() => vi.useRealTimers());

const place = () => placeAndRemember(win as unknown as PlacedWindow, { screen, store, limits: WINDOW_SIZES, logger: quiet });

describe('window placement', () => {
  it('opens a first window centred, and a later one where the last was left', () => {
    place();
    expect(win.bounds).toEqual({ x: 700, y: 200, width: 520, height: 680 });
    store.values.set(WINDOW_PLACEMENT_KEY, { bounds: { x: 100, y: 50, width: 800, height: 900 }, maximized: false, fullScreen: false });
    win = new FakeWindow();
    place();
    expect(win.bounds).toEqual({ x: 100, y: 50, width: 800, height: 900 });
  });

  it('maximises a window left maximised only when it is ready to show (a hidden window would show)', () => {
    store.values.set(WINDOW_PLACEMENT_KEY, { bounds: { x: 100, y: 50, width: 800, height: 900 }, maximized: true, fullScreen: false });
    place();
    expect(win.calls).toEqual(['setBounds({"x":100,"y":50,"width":800,"height":900})']);
    win.emit('ready-to-show');
    expect(win.calls.at(-1)).toBe('maximize');
  });

  it('writes once a drag pauses, not on every move, and at once on close', () => {
    place();
    for (let step = 0; step < 20; step += 1) {
      win.bounds = { ...win.bounds, x: 100 + step };
      win.emit('move');
      vi.advanceTimersByTime(SAVE_DELAY_MS / 5);
    }
    expect(store.writes).toBe(0);
    vi.advanceTimersByTime(SAVE_DELAY_MS);
    expect(store.writes).toBe(1);
    expect(store.values.get(WINDOW_PLACEMENT_KEY)).toEqual({ bounds: { x: 119, y: 200, width: 520, height: 680 }, maximized: false, fullScreen: false });
    win.maximized = true;
    win.emit('maximize');
    win.emit('close');
    expect(store.writes).toBe(2);
    expect(store.values.get(WINDOW_PLACEMENT_KEY)).toMatchObject({ maximized: true });
  });

  it('a damaged stored value opens the window in the default place', () => {
    store.values.set(WINDOW_PLACEMENT_KEY, { bounds: { x: 'left', y: 0, width: 1e12, height: -1 } });
    place();
    expect(win.bounds).toEqual({ x: 700, y: 200, width: 520, height: 680 });
  });

  it('a store that refuses the write costs only the place, logged', () => {
    place();
    store.set = () => {
      throw new Error('disk full');
    };
    win.emit('close');
    expect(quiet.warn).toHaveBeenCalledWith('window: could not remember where the window was', { error: 'Error: disk full' });
  });

  it('writes nothing for a window already destroyed', () => {
    place();
    win.emit('resize');
    win.destroyed = true;
    vi.advanceTimersByTime(SAVE_DELAY_MS);
    expect(store.writes).toBe(0);
  });
});
