/**
 * The app's 3D-picture adapter with Electron replaced by a recording stand-in (the pattern of
 * report-pdf.test.ts): the window it opens is locked down and served from app://plenum, the page's
 * API is called with the snapshot as JSON (read back here exactly), only the app's own origin may
 * load, and the window always goes. The page itself is exercised for real, in headless Chromium,
 * by electron/report/snapshot3d.test.ts.
 */
import { describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  const state = {
    prefs: null as Record<string, unknown> | null,
    size: null as { width: number; height: number } | null,
    loaded: '',
    calls: [] as { method: string; args: unknown[] }[],
    destroyed: 0,
    glError: null as string | null,
    started: true,
    filter: null as null | ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
    schemeRoot: '',
    navigation: null as null | ((e: { preventDefault(): void }) => void),
    openHandler: null as null | (() => { action: string }),
    onRender: null as null | (() => void),
  };
  const ses = {
    webRequest: { onBeforeRequest: (fn: typeof state.filter) => void (state.filter = fn) },
    setPermissionRequestHandler: () => {},
    setPermissionCheckHandler: () => {},
    setDevicePermissionHandler: () => {},
    protocol: { handle: () => {} },
  };
  class FakeWindow {
    private dead = false;
    constructor(options: { width: number; height: number; webPreferences: Record<string, unknown> }) {
      state.prefs = options.webPreferences;
      state.size = { width: options.width, height: options.height };
    }
    webContents = {
      on: (event: string, fn: (e: { preventDefault(): void }) => void) => {
        if (event === 'will-navigate') state.navigation = fn;
      },
      setWindowOpenHandler: (fn: () => { action: string }) => void (state.openHandler = fn),
      executeJavaScript: async (code: string) => {
        if (this.dead) throw new Error('Object has been destroyed');
        if (code === 'Boolean(window.plenumSnapshot3d)') return state.started;
        const m = /^window\.plenumSnapshot3d\.(\w+)\(([\s\S]*)\)$/.exec(code);
        if (!m) throw new Error(`unexpected script: ${code.slice(0, 80)}`);
        const args = JSON.parse(`[${m[2]}]`) as unknown[];
        state.calls.push({ method: m[1]!, args });
        if (m[1] === 'webglError') return state.glError;
        if (m[1] === 'render') {
          state.onRender?.();
          const size = args[1] as { width: number; height: number };
          return { dataUrl: 'data:image/png;base64,iVBORw0KGgo=', width: size.width, height: size.height, corner: 'bottom-left', racks: 1, devices: 2, ms: 5 };
        }
        return undefined;
      },
    };
    async loadURL(url: string) {
      state.loaded = url;
    }
    isDestroyed() {
      return this.dead;
    }
    destroy() {
      if (!this.dead) state.destroyed++;
      this.dead = true;
    }
  }
  return { state, electron: { BrowserWindow: FakeWindow, session: { fromPartition: () => ses }, protocol: { registerSchemesAsPrivileged: () => {} }, shell: {} } };
});

vi.mock('electron', () => fake.electron);
vi.mock('./protocol', () => ({ handleAppScheme: (_ses: unknown, root: string) => void (fake.state.schemeRoot = root) }));

const { snapshot3dWithElectron } = await import('./snapshot3d-electron');
const { Snapshot3dUnavailable } = await import('../report/snapshot3d');

const snapshot = { rooms: { 'room:1': { id: 'room:1', name: 'Hall "A"\u2028 1' } }, racks: {} } as never;

describe('snapshot3dWithElectron', () => {
  it('draws each room in a hidden, sandboxed window served from app://plenum', async () => {
    const rooms: string[] = [];
    const images = await snapshot3dWithElectron('/opt/plenum/out/renderer')(snapshot, ['room:1'], { size: { width: 800, height: 480 }, onRoom: (_d, _t, name) => rooms.push(name) });
    expect(fake.state.schemeRoot).toBe('/opt/plenum/out/renderer');
    expect(fake.state.loaded).toBe('app://plenum/src/snapshot3d/index.html');
    expect(fake.state.size).toEqual({ width: 800, height: 480 });
    expect(fake.state.prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, partition: 'plenum-snapshot3d', offscreen: true });
    expect(fake.state.prefs).not.toHaveProperty('preload');
    // The snapshot went in as JSON and came out the same, awkward characters included.
    expect(fake.state.calls.map((c) => c.method)).toEqual(['webglError', 'load', 'render']);
    expect(fake.state.calls[1]!.args[0]).toEqual(snapshot);
    expect(fake.state.calls[2]!.args).toEqual(['room:1', { width: 800, height: 480 }]);
    expect(rooms).toEqual(['Hall "A"\u2028 1']);
    expect(images.get('room:1')).toEqual({ dataUrl: 'data:image/png;base64,iVBORw0KGgo=', width: 800, height: 480, corner: 'bottom-left' });
    expect(fake.state.destroyed).toBe(1);
    // Only the app's own files load; no navigation, no new windows.
    const decide = (url: string) => new Promise<boolean>((resolve) => fake.state.filter!({ url }, (r) => resolve(r.cancel)));
    expect(await decide('https://example.com/x.js')).toBe(true);
    expect(await decide('file:///etc/passwd')).toBe(true);
    expect(await decide('app://plenum/assets/Scene.js')).toBe(false);
    let prevented = false;
    fake.state.navigation!({ preventDefault: () => void (prevented = true) });
    expect(prevented).toBe(true);
    expect(fake.state.openHandler!()).toEqual({ action: 'deny' });
  });

  it('says why when WebGL is missing, and closes the window', async () => {
    fake.state.glError = 'WebGL is not available in this browser (no GPU and no software renderer)';
    const before = fake.state.destroyed;
    await expect(snapshot3dWithElectron('/r')(snapshot, ['room:1'], {})).rejects.toThrow(Snapshot3dUnavailable);
    expect(fake.state.destroyed).toBe(before + 1);
    fake.state.glError = null;
  });

  it('stops when cancelled between rooms', async () => {
    const ac = new AbortController();
    fake.state.onRender = () => ac.abort(new Error('cancelled'));
    const two = { rooms: { a: { id: 'a', name: 'A' }, b: { id: 'b', name: 'B' } } } as never;
    fake.state.calls = [];
    await expect(snapshot3dWithElectron('/r')(two, ['a', 'b'], { signal: ac.signal })).rejects.toThrow('cancelled');
    expect(fake.state.calls.filter((c) => c.method === 'render')).toHaveLength(1);
    fake.state.onRender = null;
  });
});
