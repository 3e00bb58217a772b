// Where the window opens: where it was left, kept on a display that is still there. A
// saved position on a display since unplugged opens centred on the primary one; a saved
// size bigger than the display shrinks to fit; maximised and full screen come back as such.
// Rules: pure, nothing here may import electron; anything read back from the store is
// checked, and what cannot be used means "the default place", never a refusal to start.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowPlacement {
  /** The normal (not maximised) bounds. */
  bounds: Rect;
  maximized: boolean;
  fullScreen: boolean;
}

export interface Size {
  width: number;
  height: number;
}

export interface PlacementLimits {
  defaultSize: Size;
  minimumSize: Size;
}

/** The store key; plain, not sealed: where a window sits is not a secret. */
export const WINDOW_PLACEMENT_KEY = 'windowPlacement';

// Far beyond any real desktop; a bigger number is a damaged or hostile file.
const LIMIT = 100_000;
/** How much of the window must be on a display for a person to grab it there (a title bar's worth). */
const GRAB = { width: 100, height: 40 } as const;

const isCoordinate = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= LIMIT;
const isLength = (value: unknown): value is number => isCoordinate(value) && value > 0;

/** A placement read back from the store, or null when it is missing or unusable. */
export function parsePlacement(raw: unknown): WindowPlacement | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { bounds, maximized, fullScreen } = raw as Record<string, unknown>;
  if (typeof bounds !== 'object' || bounds === null) return null;
  const { x, y, width, height } = bounds as Record<string, unknown>;
  if (!isCoordinate(x) || !isCoordinate(y) || !isLength(width) || !isLength(height)) return null;
  return {
    bounds: { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) },
    maximized: maximized === true,
    fullScreen: fullScreen === true,
  };
}

function overlap(a: Rect, b: Rect): Size {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

function fitSize(size: Size, area: Rect, minimum: Size): Size {
  // Never below the window's minimum, even on a display smaller than it (Electron would refuse).
  return {
    width: Math.max(minimum.width, Math.min(size.width, area.width)),
    height: Math.max(minimum.height, Math.min(size.height, area.height)),
  };
}

function centred(size: Size, area: Rect): Rect {
  return {
    x: Math.round(area.x + (area.width - size.width) / 2),
    y: Math.round(area.y + (area.height - size.height) / 2),
    ...size,
  };
}

const clamp = (value: number, low: number, high: number): number => Math.max(low, Math.min(value, Math.max(low, high)));

/**
 * `workAreas`: every display's work area (without the taskbar or dock); `primary`: the
 * primary display's. Returns where to open the window.
 */
export function placeWindow(saved: WindowPlacement | null, workAreas: readonly Rect[], primary: Rect, limits: PlacementLimits): WindowPlacement {
  if (saved === null) return { bounds: centred(fitSize(limits.defaultSize, primary, limits.minimumSize), primary), maximized: false, fullScreen: false };
  let best: { area: Rect; seen: Size } | null = null;
  for (const area of workAreas) {
    const seen = overlap(saved.bounds, area);
    if (best === null || seen.width * seen.height > best.seen.width * best.seen.height) best = { area, seen };
  }
  const { maximized, fullScreen } = saved;
  if (best === null || best.seen.width < Math.min(GRAB.width, saved.bounds.width) || best.seen.height < Math.min(GRAB.height, saved.bounds.height)) {
    // Off every display (one unplugged, a resolution change): the primary display, centred.
    return { bounds: centred(fitSize(saved.bounds, primary, limits.minimumSize), primary), maximized, fullScreen };
  }
  const { area } = best;
  const size = fitSize(saved.bounds, area, limits.minimumSize);
  return {
    bounds: {
      x: clamp(saved.bounds.x, area.x, area.x + area.width - size.width),
      y: clamp(saved.bounds.y, area.y, area.y + area.height - size.height),
      ...size,
    },
    maximized,
    fullScreen,
  };
}
