/**
 * The main process wired end to end, under Node, with Electron replaced by a recording fake:
 * the real index.ts, IPC, menu, protocol and security code, the real AppServices and a real
 * project file. It checks the wiring the Electron e2e suite checks, on machines where the
 * Electron runtime cannot run (and in a second, not a minute).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiResponse } from '../../core/api';
import { API_METHOD_NAMES, IPC_EVENT_CHANNEL, IPC_PREFIX } from '../../core/api';
import { createProject } from '../services/project-files';

type Fn = (...args: never[]) => unknown;

const fake = vi.hoisted(() => {
  class Emitter {
    private readonly handlers = new Map<string, Array<(...args: unknown[]) => unknown>>();
    on(event: string, fn: (...args: unknown[]) => unknown) {
      this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
      return this;
    }
    once(event: string, fn: (...args: unknown[]) => unknown) {
      return this.on(event, fn);
    }
    emit(event: string, ...args: unknown[]) {
      for (const fn of this.handlers.get(event) ?? []) fn(...args);
    }
  }

  const state = {
    userData: '',
    sandboxEnabled: false,
    privileged: [] as unknown[],
    windows: [] as FakeWindow[],
    ipc: new Map<string, (event: unknown, args: unknown) => Promise<unknown>>(),
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    menus: [] as unknown[],
    permissionRequest: null as null | ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void),
    permissionCheck: null as null | (() => boolean),
    deviceCheck: null as null | (() => boolean),
    opened: [] as string[],
    recentDocuments: [] as string[],
    openDialogResult: { canceled: false, filePaths: ['/projects/picked.plenum'] },
  };
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    setPath: (_name: string, p: string) => void (state.userData = p),
    getPath: () => state.userData,
    getAppPath: () => '/app',
    getVersion: () => '0.1.0-test',
    setAppUserModelId: () => {},
    enableSandbox: () => void (state.sandboxEnabled = true),
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    addRecentDocument: (p: string) => void state.recentDocuments.push(p),
    quit: () => {},
    exit: () => {},
  });

  let nextId = 1;
  class FakeWebContents extends Emitter {
    readonly id = nextId++;
    url = '';
    sent: Array<[string, unknown]> = [];
    windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
    readonly mainFrame = { parent: null, processId: 7, routingId: this.id, url: '' };
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
    }
    setWindowOpenHandler(fn: (d: { url: string }) => { action: string }) {
      this.windowOpenHandler = fn;
    }
    isLoading = () => false;
    isDestroyed = () => false;
    getURL = () => this.url;
  }
  class FakeWindow extends Emitter {
    readonly webContents = new FakeWebContents();
    title = '';
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      super();
      state.windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string) {
      this.webContents.url = url;
      this.webContents.mainFrame.url = url;
      return Promise.resolve();
    }
    setTitle(t: string) {
      this.title = t;
    }
    getNormalBounds = () => ({ x: 10, y: 20, width: 1300, height: 850 });
    isMaximized = () => false;
    isFullScreen = () => false;
    isMinimized = () => false;
    isDestroyed = () => false;
    maximize() {}
    restore() {}
    focus() {}
    reload() {}
    setRepresentedFilename() {}
  }

  const electron = {
    app,
    BrowserWindow: FakeWindow,
    ipcMain: {
      handle: (channel: string, fn: (event: unknown, args: unknown) => Promise<unknown>) => void state.ipc.set(channel, fn),
      removeHandler: (channel: string) => void state.ipc.delete(channel),
    },
    protocol: { registerSchemesAsPrivileged: (s: unknown[]) => void state.privileged.push(...s) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: typeof state.permissionRequest) => void (state.permissionRequest = fn),
        setPermissionCheckHandler: (fn: typeof state.permissionCheck) => void (state.permissionCheck = fn),
        setDevicePermissionHandler: (fn: typeof state.deviceCheck) => void (state.deviceCheck = fn),
        protocol: { handle: (scheme: string, fn: (r: Request) => Promise<Response>) => void state.protocolHandlers.set(scheme, fn) },
      },
    },
    Menu: { buildFromTemplate: (t: unknown) => ({ template: t }), setApplicationMenu: (m: { template: unknown }) => void state.menus.push(m.template) },
    dialog: {
      showOpenDialog: async () => state.openDialogResult,
      showSaveDialog: async () => ({ canceled: true }),
      showMessageBox: async () => ({ response: 0 }),
      showErrorBox: () => {},
    },
    shell: { openExternal: async (url: string) => void state.opened.push(url) },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    nativeTheme: { shouldUseDarkColors: false },
  };
  return { state, electron, FakeWindow };
});

vi.mock('electron', () => fake.electron);

const { state } = fake;
let tmp = '';
let projectPath = '';
const savedArgv = process.argv;

function win() {
  const w = state.windows[0];
  if (!w) throw new Error('no window');
  return w;
}

/** An IPC event as Electron would build it for a frame of our window. */
function ipcEvent(frame: Partial<{ parent: unknown; processId: number; routingId: number; url: string }> = {}, sender: unknown = win().webContents) {
  const main = win().webContents.mainFrame;
  return { sender, senderFrame: { ...main, ...frame } };
}

async function call(method: string, args: unknown = {}, event = ipcEvent()): Promise<ApiResponse<unknown>> {
  const handler = state.ipc.get(IPC_PREFIX + method);
  if (!handler) throw new Error(`no IPC handler for ${method}`);
  return (await handler(event, args)) as ApiResponse<unknown>;
}

function menuLabels(): string[] {
  const walk = (items: Array<{ label?: string; submenu?: unknown }>): string[] =>
    items.flatMap((i) => [i.label ?? '', ...(Array.isArray(i.submenu) ? walk(i.submenu as typeof items) : [])]);
  return walk(state.menus.at(-1) as Array<{ label?: string }>);
}

beforeAll(async () => {
  // Refusals are logged; keep the test output for failures.
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-main-'));
  projectPath = path.join(tmp, 'Site A.plenum');
  createProject(projectPath, { name: 'Site A' }).close();
  process.env.PLENUM_USER_DATA = path.join(tmp, 'user-data');
  process.env.ELECTRON_RENDERER_URL = '';
  process.argv = [savedArgv[0]!, '/app', projectPath];
  await import('./index');
  await vi.waitFor(() => expect(win().title).toBe('Site A — Plenum'), { timeout: 10_000 });
});

afterAll(() => {
  process.argv = savedArgv;
  delete process.env.PLENUM_USER_DATA;
  fake.electron.app.emit('will-quit');
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the main process', () => {
  it('sandboxes every renderer and registers app:// before ready', () => {
    expect(state.sandboxEnabled).toBe(true);
    expect(state.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(state.userData).toBe(path.join(tmp, 'user-data'));
  });

  it('creates one window with every security preference set explicitly', () => {
    expect(state.windows).toHaveLength(1);
    const prefs = win().options.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.cjs$/);
  });

  it('opens the project named on the command line and loads the app from app://plenum', () => {
    expect(win().webContents.url).toBe('app://plenum/index.html');
    expect(state.recentDocuments).toContain(projectPath);
  });

  it('registers one IPC channel per API method', () => {
    expect([...state.ipc.keys()].sort()).toEqual(API_METHOD_NAMES.map((m) => IPC_PREFIX + m).sort());
  });

  it('answers our own page', async () => {
    await expect(call('project.current')).resolves.toMatchObject({ ok: true, value: { name: 'Site A', path: projectPath } });
    await expect(call('app.info')).resolves.toMatchObject({ ok: true, value: { mode: 'electron', version: '0.1.0-test' } });
  });

  it.each([
    ['another origin', { url: 'https://evil.example/' }],
    ['a file:// page', { url: 'file:///tmp/x.html' }],
    ['a sub-frame', { parent: {} }],
    ['another frame of the window', { routingId: 999 }],
  ])('refuses %s, and logs it', async (_what, frame) => {
    vi.mocked(console.warn).mockClear();
    await expect(call('project.current', {}, ipcEvent(frame))).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(console.warn).toHaveBeenCalledWith(expect.stringMatching(/^Plenum: refused IPC project\.current: /));
  });

  it('refuses another web contents and a vanished frame', async () => {
    await expect(call('project.current', {}, ipcEvent({}, { id: 999 }))).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await expect(call('project.current', {}, { sender: win().webContents, senderFrame: null } as never)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('validates arguments through the services', async () => {
    await expect(call('project.open', { path: 42 })).resolves.toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('forwards service events to the page, and rebuilds the menu in the chosen language', async () => {
    win().webContents.sent.length = 0;
    await expect(call('prefs.set', { language: 'fr' })).resolves.toMatchObject({ ok: true });
    expect(win().webContents.sent).toContainEqual([IPC_EVENT_CHANNEL, expect.objectContaining({ type: 'prefs.changed' })]);
    expect(menuLabels()).toContain('&Fichier');
    await call('prefs.set', { language: 'en' });
    expect(menuLabels()).toContain('&File');
  });

  it('lists the project under Open Recent and sends menu actions to the page', async () => {
    await vi.waitFor(() => expect(menuLabels().some((l) => l.startsWith('Site A — '))).toBe(true));
    const file = (state.menus.at(-1) as Array<{ submenu: Array<{ label: string; click?: Fn }> }>)[0]!;
    win().webContents.sent.length = 0;
    (file.submenu.find((i) => i.label === 'Open…')!.click as () => void)();
    expect(win().webContents.sent).toEqual([[IPC_EVENT_CHANNEL, { type: 'menu', action: 'file.open' }]]);
  });

  it('answers native dialogs and opens only allow-listed links', async () => {
    await expect(call('dialog.openProject')).resolves.toEqual({ ok: true, value: { path: '/projects/picked.plenum' } });
    await expect(call('shell.openExternal', { url: 'https://github.com/netbox-community/devicetype-library' })).resolves.toMatchObject({ ok: true });
    await expect(call('shell.openExternal', { url: 'https://evil.example/' })).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(state.opened).toEqual(['https://github.com/netbox-community/devicetype-library']);
  });

  it('denies every permission', () => {
    const answers: boolean[] = [];
    state.permissionRequest!(win().webContents, 'media', (ok) => answers.push(ok));
    state.permissionRequest!(win().webContents, 'notifications', (ok) => answers.push(ok));
    expect(answers).toEqual([false, false]);
    expect(state.permissionCheck!()).toBe(false);
    expect(state.deviceCheck!()).toBe(false);
  });

  it('blocks navigation away from the app, new windows and webviews', () => {
    const navigate = (url: string) => {
      const event = { url, preventDefault: vi.fn() };
      win().webContents.emit('will-navigate', event);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('app://plenum/index.html')).toBe(false);

    state.opened.length = 0;
    expect(win().webContents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(win().webContents.windowOpenHandler!({ url: 'app://plenum/index.html' })).toEqual({ action: 'deny' });
    expect(win().webContents.windowOpenHandler!({ url: 'https://www.ashrae.org/technical-resources' })).toEqual({ action: 'deny' });
    expect(state.opened).toEqual(['https://www.ashrae.org/technical-resources']);

    const attach = { preventDefault: vi.fn() };
    win().webContents.emit('will-attach-webview', attach);
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('refuses app:// requests that leave the renderer folder', async () => {
    const handler = state.protocolHandlers.get('app')!;
    expect((await handler(new Request('app://plenum/..%2f..%2fpackage.json'))).status).toBe(403);
    expect((await handler(new Request('app://plenum/index.html', { method: 'POST' }))).status).toBe(405);
  });

  it('opens a project passed by a second instance', async () => {
    const other = path.join(tmp, 'Site B.plenum');
    createProject(other, { name: 'Site B' }).close();
    fake.electron.app.emit('second-instance', {}, ['/opt/plenum', 'Site B.plenum'], tmp);
    await vi.waitFor(() => expect(win().title).toBe('Site B — Plenum'));
  });

  it('saves the window position on close', () => {
    win().emit('close');
    const saved = JSON.parse(fs.readFileSync(path.join(tmp, 'user-data', 'window-state.json'), 'utf8'));
    expect(saved).toEqual({ x: 10, y: 20, width: 1300, height: 850, isMaximized: false });
  });
});

describe('app:// serving', () => {
  it('serves built files with the CSP header, and 404s what is missing', async () => {
    const { handleAppScheme } = await import('./protocol');
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-renderer-'));
    fs.mkdirSync(path.join(root, 'assets'));
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Plenum</title>');
    fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    const handlers = new Map<string, (r: Request) => Promise<Response>>();
    handleAppScheme({ protocol: { handle: (s: string, fn: (r: Request) => Promise<Response>) => handlers.set(s, fn) } } as never, root);
    const serve = handlers.get('app')!;

    const index = await serve(new Request('app://plenum/'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await index.text()).toContain('<title>Plenum</title>');
    expect((await serve(new Request('app://plenum/assets/app.js'))).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await serve(new Request('app://plenum/assets/missing.js'))).status).toBe(404);
    expect((await serve(new Request('app://plenum/assets'))).status).toBe(404);
    expect((await serve(new Request('app://other/index.html'))).status).toBe(403);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
