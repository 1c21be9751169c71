/**
 * The main window's position, size and maximized state, kept in userData/window-state.json so
 * Plenum reopens where it was left. A saved position is used only while it is still on a screen
 * (monitors get unplugged); otherwise the window is centred. Pure apart from file I/O, and
 * unit-tested in window-state.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent: let the OS centre the window. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  isMaximized: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const MIN_WINDOW_SIZE = { width: 960, height: 600 } as const;
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1440, height: 900, isMaximized: false };
/** How much of the window must remain on some screen for the saved position to be kept. */
const MIN_VISIBLE = { width: 200, height: 100 } as const;

function finite(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

/** Reads a saved state, accepting nothing that is not a plain, finite, sensible value. */
export function parseWindowState(raw: unknown): WindowState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (!finite(r.width) || !finite(r.height)) return null;
  const state: WindowState = {
    width: Math.max(MIN_WINDOW_SIZE.width, Math.round(r.width)),
    height: Math.max(MIN_WINDOW_SIZE.height, Math.round(r.height)),
    isMaximized: r.isMaximized === true,
  };
  if (finite(r.x) && finite(r.y)) {
    state.x = Math.round(r.x);
    state.y = Math.round(r.y);
  }
  return state;
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/**
 * Adapts a saved state to the screens present now: the size is capped to the largest work area,
 * and the position is dropped (window centred) unless enough of the window is on some screen.
 */
export function fitWindowState(state: WindowState, workAreas: readonly Rect[]): WindowState {
  if (workAreas.length === 0) return state;
  const maxWidth = Math.max(...workAreas.map((a) => a.width));
  const maxHeight = Math.max(...workAreas.map((a) => a.height));
  const fitted: WindowState = {
    width: Math.min(state.width, maxWidth),
    height: Math.min(state.height, maxHeight),
    isMaximized: state.isMaximized,
  };
  if (state.x !== undefined && state.y !== undefined) {
    const rect = { x: state.x, y: state.y, width: fitted.width, height: fitted.height };
    const visible = workAreas.some((area) => {
      const o = overlap(rect, area);
      return o.width >= Math.min(MIN_VISIBLE.width, rect.width) && o.height >= Math.min(MIN_VISIBLE.height, rect.height);
    });
    if (visible) {
      fitted.x = state.x;
      fitted.y = state.y;
    }
  }
  return fitted;
}

export function loadWindowState(userDataDir: string): WindowState {
  try {
    const text = fs.readFileSync(path.join(userDataDir, WINDOW_STATE_FILE), 'utf8');
    return parseWindowState(JSON.parse(text)) ?? DEFAULT_WINDOW_STATE;
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

/** Written through a temporary file and a rename, so a crash never leaves half a file. */
export function saveWindowState(userDataDir: string, state: WindowState): void {
  const file = path.join(userDataDir, WINDOW_STATE_FILE);
  fs.mkdirSync(userDataDir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state, null, 2) + '\n');
  fs.renameSync(tmp, file);
}
