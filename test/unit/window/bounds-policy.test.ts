import { describe, expect, it } from 'vitest';
import { parsePlacement, placeWindow, type Rect, type WindowPlacement } from '../../../main/window/bounds-policy';

const LIMITS = { defaultSize: { width: 520, height: 680 }, minimumSize: { width: 380, height: 520 } };
// A laptop (primary, a 25 px menu bar) and an external display to its right.
const LAPTOP: Rect = { x: 0, y: 25, width: 1440, height: 875 };
const EXTERNAL: Rect = { x: 1440, y: 0, width: 2560, height: 1440 };
const placed = (bounds: Rect, extra: Partial<WindowPlacement> = {}): WindowPlacement => ({ bounds, maximized: false, fullScreen: false, ...extra });

describe('placeWindow', () => {
  it('opens a first window at its default size, centred on the primary display', () => {
    expect(placeWindow(null, [LAPTOP, EXTERNAL], LAPTOP, LIMITS)).toEqual(placed({ x: 460, y: 123, width: 520, height: 680 }));
  });

  it('opens where it was left when that is still on a display', () => {
    const left = placed({ x: 2000, y: 300, width: 700, height: 900 });
    expect(placeWindow(left, [LAPTOP, EXTERNAL], LAPTOP, LIMITS)).toEqual(left);
  });

  it('a window left on a display since unplugged opens centred on the primary one, its size kept', () => {
    expect(placeWindow(placed({ x: 2000, y: 300, width: 700, height: 800 }), [LAPTOP], LAPTOP, LIMITS)).toEqual(
      placed({ x: 370, y: 63, width: 700, height: 800 }),
    );
  });

  it('too big for the display it is on: shrunk to its work area, never below the minimum size', () => {
    expect(placeWindow(placed({ x: 10, y: 30, width: 3000, height: 2000 }), [LAPTOP], LAPTOP, LIMITS)).toEqual(placed({ x: 0, y: 25, width: 1440, height: 875 }));
    const tiny: Rect = { x: 0, y: 0, width: 300, height: 400 };
    expect(placeWindow(placed({ x: 0, y: 0, width: 600, height: 700 }), [tiny], tiny, LIMITS).bounds).toMatchObject({ width: 380, height: 520 });
  });

  it('half off the edge: pulled fully onto the display it is mostly on', () => {
    expect(placeWindow(placed({ x: 1200, y: 600, width: 520, height: 680 }), [LAPTOP], LAPTOP, LIMITS)).toEqual(
      placed({ x: 920, y: 220, width: 520, height: 680 }),
    );
  });

  it('only a sliver visible (less than a title bar can be grabbed by): centred on the primary', () => {
    expect(placeWindow(placed({ x: 1400, y: 880, width: 520, height: 680 }), [LAPTOP], LAPTOP, LIMITS).bounds).toEqual({ x: 460, y: 123, width: 520, height: 680 });
  });

  it('remembers maximised and full screen, with the normal bounds to return to', () => {
    const left = placed({ x: 1500, y: 100, width: 800, height: 900 }, { maximized: true });
    expect(placeWindow(left, [LAPTOP, EXTERNAL], LAPTOP, LIMITS)).toEqual(left);
    expect(placeWindow(placed({ x: 100, y: 100, width: 600, height: 700 }, { fullScreen: true }), [LAPTOP], LAPTOP, LIMITS).fullScreen).toBe(true);
  });

  it('with no displays reported, still opens on the primary', () => {
    expect(placeWindow(placed({ x: 5, y: 30, width: 520, height: 680 }), [], LAPTOP, LIMITS).bounds).toEqual({ x: 460, y: 123, width: 520, height: 680 });
  });
});

describe('parsePlacement', () => {
  it('reads back what was stored', () => {
    expect(parsePlacement({ bounds: { x: -1200, y: 40, width: 600.4, height: 700 }, maximized: true, fullScreen: false })).toEqual({
      bounds: { x: -1200, y: 40, width: 600, height: 700 },
      maximized: true,
      fullScreen: false,
    });
  });

  it.each([
    undefined,
    null,
    'x=1',
    {},
    { bounds: null },
    { bounds: { x: 0, y: 0, width: 0, height: 700 } },
    { bounds: { x: 0, y: 0, width: -5, height: 700 } },
    { bounds: { x: Number.NaN, y: 0, width: 600, height: 700 } },
    { bounds: { x: 1e9, y: 0, width: 600, height: 700 } },
    { bounds: { x: '0', y: 0, width: 600, height: 700 } },
    { bounds: { x: 0, y: 0, width: Infinity, height: 700 } },
  ])('a damaged or hostile value %j means the default place', (raw) => {
    expect(parsePlacement(raw)).toBeNull();
  });

  it('anything but true is not maximised', () => {
    expect(parsePlacement({ bounds: { x: 0, y: 0, width: 600, height: 700 }, maximized: 'yes', fullScreen: 1 })).toMatchObject({ maximized: false, fullScreen: false });
  });
});
