import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, fitWindowState, loadWindowState, parseWindowState, saveWindowState, WINDOW_STATE_FILE } from './window-state';

const LAPTOP = { x: 0, y: 0, width: 1920, height: 1080 };
const RIGHT_MONITOR = { x: 1920, y: 0, width: 2560, height: 1440 };

describe('saved window state', () => {
  it('accepts plain finite numbers only, and enforces the minimum size', () => {
    expect(parseWindowState({ x: 10.4, y: 20, width: 1200, height: 800, isMaximized: true })).toEqual({ x: 10, y: 20, width: 1200, height: 800, isMaximized: true });
    expect(parseWindowState({ width: 100, height: 100 })).toEqual({ width: 960, height: 600, isMaximized: false });
    expect(parseWindowState({ x: 'a', y: 0, width: 1000, height: 700 })).toEqual({ width: 1000, height: 700, isMaximized: false });
    expect(parseWindowState({ width: Infinity, height: 700 })).toBeNull();
    expect(parseWindowState(null)).toBeNull();
    expect(parseWindowState('x')).toBeNull();
  });

  it('keeps a position that is still on a screen', () => {
    const state = { x: 2000, y: 100, width: 1600, height: 1000, isMaximized: false };
    expect(fitWindowState(state, [LAPTOP, RIGHT_MONITOR])).toEqual(state);
  });

  it('centres the window when its monitor is gone', () => {
    const fitted = fitWindowState({ x: 2000, y: 100, width: 1600, height: 1000, isMaximized: true }, [LAPTOP]);
    expect(fitted).toEqual({ width: 1600, height: 1000, isMaximized: true });
  });

  it('shrinks a window larger than every screen', () => {
    expect(fitWindowState({ width: 4000, height: 3000, isMaximized: false }, [LAPTOP])).toEqual({ width: 1920, height: 1080, isMaximized: false });
  });
});

describe('window-state.json', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('round-trips, and falls back to the default when missing or corrupt', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-ws-'));
    dirs.push(dir);
    expect(loadWindowState(dir)).toEqual(DEFAULT_WINDOW_STATE);
    saveWindowState(dir, { x: 5, y: 6, width: 1300, height: 900, isMaximized: false });
    expect(loadWindowState(dir)).toEqual({ x: 5, y: 6, width: 1300, height: 900, isMaximized: false });
    fs.writeFileSync(path.join(dir, WINDOW_STATE_FILE), '{ not json');
    expect(loadWindowState(dir)).toEqual(DEFAULT_WINDOW_STATE);
  });
});
