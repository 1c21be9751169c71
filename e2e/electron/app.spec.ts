/**
 * The desktop app end to end: Plenum launched by Playwright on a project given on the command
 * line, with its user data in a temporary folder. Checks the things only a real Electron run can
 * show: the window's effective security preferences, the app:// origin and its CSP header, the
 * bridge the page gets, and that window.open and navigation are refused.
 *
 * Skipped, saying so, on machines without the Electron runtime (it cannot be downloaded offline).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ElectronApplication, Page } from '@playwright/test';
import { _electron as electron, expect, test } from '@playwright/test';
import type { PlenumBridge } from '../../core/api';
import { ELECTRON_UNAVAILABLE, electronExecutable, ROOT } from './runtime';

/** `window` as the preload leaves it (typed here, not globally, so this file stands alone). */
type BridgedWindow = Window & { plenum?: PlenumBridge };

const executablePath = electronExecutable();
// Reporters other than HTML/JSON do not print skip reasons; say it once, plainly, in the output.
if (!executablePath && process.env.TEST_WORKER_INDEX === undefined) console.warn(ELECTRON_UNAVAILABLE);
const PROJECT_NAME = 'E2E site';

test.describe('Plenum desktop app', () => {
  test.skip(!executablePath, ELECTRON_UNAVAILABLE);
  test.describe.configure({ mode: 'serial', timeout: 120_000 });

  let app: ElectronApplication;
  let page: Page;
  let tmp: string;

  test.beforeAll(async () => {
    // Builds out/ and the Electron-ABI better-sqlite3 (once), and tells us where the latter is.
    const prepared = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs'), '--prepare'], { cwd: ROOT, encoding: 'utf8' });
    const binding = /^PLENUM_SQLITE_BINDING=(.+)$/m.exec(prepared.stdout)?.[1];
    test.skip(!binding, `Electron e2e skipped: desktop mode could not be prepared here (${(prepared.stdout + prepared.stderr).trim().split('\n').pop()})`);

    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-e2e-electron-'));
    const project = path.join(tmp, `${PROJECT_NAME}.plenum`);
    // Created by the CLI, under Node, exactly as a user would.
    const created = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'plenum.mjs'), 'new', project, '--name', PROJECT_NAME, '--demo'], { cwd: ROOT, encoding: 'utf8' });
    expect(created.status, created.stderr).toBe(0);

    app = await electron.launch({
      executablePath: executablePath!,
      // Chromium refuses to run as root with its OS sandbox (CI containers); the renderer sandbox
      // checked below is Electron's and stays on.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), ROOT, project],
      cwd: ROOT,
      env: { ...process.env, PLENUM_USER_DATA: path.join(tmp, 'user-data'), PLENUM_SQLITE_BINDING: binding!, ELECTRON_RENDERER_URL: '' },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('opens the project named on the command line', async () => {
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle())).toBe(`${PROJECT_NAME} — Plenum`);
    await expect(page.getByText(PROJECT_NAME).first()).toBeVisible();
    const current = await page.evaluate(() => (window as BridgedWindow).plenum!.invoke('project.current', {}));
    expect(current).toMatchObject({ ok: true, value: { name: PROJECT_NAME } });
  });

  test('runs the page with every security preference set', async () => {
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      // Not in Electron's typings, but public at runtime (Electron's own specs use it): the
      // preferences the renderer actually runs with, after defaults and app.enableSandbox().
      const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> };
      const p = contents.getLastWebPreferences();
      const keys = ['contextIsolation', 'sandbox', 'nodeIntegration', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'webSecurity', 'allowRunningInsecureContent', 'experimentalFeatures', 'enableBlinkFeatures', 'webviewTag', 'navigateOnDragDrop', 'spellcheck', 'preload'];
      return Object.fromEntries(keys.map((k) => [k, p[k] ?? null]));
    });
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
    expect(prefs.enableBlinkFeatures || null).toBeNull();
    expect(String(prefs.preload)).toMatch(/out[\\/]preload[\\/]index\.cjs$/);
  });

  test('serves the page from app://plenum with the CSP header', async () => {
    expect(page.url()).toBe('app://plenum/index.html');
    const csp = await page.evaluate(async () => (await fetch('/index.html')).headers.get('content-security-policy'));
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const traversal = await page.evaluate(async () => (await fetch('/..%2f..%2fpackage.json')).status);
    expect(traversal).toBe(403);
  });

  test('gives the page the plenum bridge and nothing of Node or IPC', async () => {
    const surface = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return {
        require: typeof w.require,
        process: typeof w.process,
        ipcRenderer: typeof w.ipcRenderer,
        bridge: Object.keys((window as BridgedWindow).plenum ?? {}).sort(),
        mode: (window as BridgedWindow).plenum?.mode,
      };
    });
    expect(surface).toEqual({ require: 'undefined', process: 'undefined', ipcRenderer: 'undefined', bridge: ['invoke', 'mode', 'onEvent'], mode: 'electron' });
    await expect(page.evaluate(() => (window as BridgedWindow).plenum!.invoke('no.such.method', {}))).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await expect(page.evaluate(() => (window as BridgedWindow).plenum!.invoke('app.info', {}))).resolves.toMatchObject({ ok: true, value: { mode: 'electron' } });
  });

  test('denies window.open', async () => {
    const windows = () => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
    const before = await windows();
    const opened = await page.evaluate(() => [window.open('https://example.com/', '_blank'), window.open('app://plenum/index.html'), window.open('about:blank')].map((w) => w === null));
    expect(opened).toEqual([true, true, true]);
    expect(await windows()).toBe(before);
  });

  test('prevents navigation away from the app', async () => {
    for (const target of ['https://example.com/', 'file:///etc/hosts']) {
      await page.evaluate((url) => {
        window.location.href = url;
      }, target);
      await page.waitForTimeout(300);
      expect(page.url()).toBe('app://plenum/index.html');
    }
  });

  test('grants no web permission', async () => {
    const states = await page.evaluate(async () =>
      Promise.all((['geolocation', 'notifications', 'camera', 'microphone'] as PermissionName[]).map(async (name) => (await navigator.permissions.query({ name }).catch(() => ({ state: 'denied' }))).state)),
    );
    expect(states).toEqual(['denied', 'denied', 'denied', 'denied']);
  });
});
