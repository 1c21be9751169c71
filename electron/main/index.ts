/**
 * Plenum's Electron main process: app lifecycle, the window, the `app://` scheme, IPC and the
 * native menu, wired to the shared services layer (electron/services/app-services.ts).
 *
 * Security decisions are listed in docs/security.md; the short version: a sandboxed,
 * context-isolated page served from `app://plenum` with a strict CSP, a preload exposing only the
 * API contract, every IPC sender validated, no navigation, no new windows, no permissions, and
 * shell.openExternal only for allow-listed https links.
 */
import path from 'node:path';
import type { BrowserWindow, MessageBoxOptions, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { app, dialog, session, shell } from 'electron';
import type { MenuAction, ProjectInfo } from '../../core/api';
import type { PlatformHooks } from '../services/app-services';
import { AppServices, isAllowedExternalUrl } from '../services/app-services';
import { APP_ENTRY_URL } from './app-protocol';
import { PROJECT_EXTENSION, projectPathFromArgv, suggestedProjectFileName, withProjectExtension } from './project-paths';
import { registerIpc, sendToRenderer } from './ipc';
import { printWithElectron } from './report-pdf';
import { snapshot3dWithElectron } from './snapshot3d-electron';
import { installApplicationMenu } from './menu';
import { handleAppScheme, registerAppSchemePrivileges } from './protocol';
import { hardenSession, hardenWebContents, openExternalSafely } from './security';
import { trustedOrigins } from './trust';
import { createMainWindow } from './window';

/**
 * Where Help › Documentation points. `.invalid` never resolves (RFC 2606): it is a placeholder
 * until the published docs have an address. The item appears only once the address is also on
 * EXTERNAL_URL_ALLOW_LIST (electron/services/app-services.ts).
 */
const DOCUMENTATION_URL = 'https://plenum.invalid/docs/';
const APP_USER_MODEL_ID = 'io.plenum.app';

const isDev = !app.isPackaged;
/** electron-vite sets this for `electron-vite dev`; never honoured in a packaged app. */
const devServerUrl = (isDev && process.env.ELECTRON_RENDERER_URL) || undefined;
const origins = trustedOrigins(devServerUrl);

// The bundle lives in out/main; its siblings are out/preload and out/renderer (also inside app.asar).
const outDir = path.resolve(import.meta.dirname, '..');
const preloadPath = path.join(outDir, 'preload', 'index.cjs');
const rendererDir = path.join(outDir, 'renderer');

// ------------------------------------------------------------------ before ready

// Tests and portable setups choose where preferences, recent list and backups live.
if (process.env.PLENUM_USER_DATA) app.setPath('userData', path.resolve(process.env.PLENUM_USER_DATA));
// The Electron-ABI better-sqlite3 override is a development aid (scripts/start.mjs); a packaged
// app has its own rebuilt copy and must not load a native module named by the environment.
if (app.isPackaged) delete process.env.PLENUM_SQLITE_BINDING;
if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

// Every renderer sandboxed, whatever a future window forgets to say.
app.enableSandbox();
registerAppSchemePrivileges();

let services: AppServices | null = null;
let mainWindow: BrowserWindow | null = null;
let currentProject: ProjectInfo | null = null;
/** A file named on the command line or by macOS before the services were ready. */
let pendingOpen: string | undefined = projectPathFromArgv(process.argv, process.cwd());

if (!app.requestSingleInstanceLock()) {
  // Another Plenum is running: it receives our argv through 'second-instance' and opens the file.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const file = projectPathFromArgv(argv, workingDirectory);
    const win = ensureWindow();
    if (win.isMinimized()) win.restore();
    win.focus();
    if (file) void openProject(file);
  });

  // macOS: double-click in Finder, drag on the Dock icon. May fire before 'ready'.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    if (!file.toLowerCase().endsWith(PROJECT_EXTENSION)) return;
    if (services) void openProject(file);
    else pendingOpen = file;
  });

  // Guards for every page Electron ever creates, not just the main window.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, origins));

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (services && !mainWindow) ensureWindow();
  });
  app.on('will-quit', () => {
    services?.close();
    services = null;
  });

  app.whenReady().then(startUp).catch((err: unknown) => {
    console.error('Plenum: startup failed', err);
    dialog.showErrorBox('Plenum could not start', err instanceof Error ? (err.stack ?? err.message) : String(err));
    app.exit(1);
  });
}

// ------------------------------------------------------------------ startup

async function startUp(): Promise<void> {
  const ses = session.defaultSession;
  hardenSession(ses);
  handleAppScheme(ses, rendererDir);

  const svc = new AppServices({
    userDataDir: app.getPath('userData'),
    mode: 'electron',
    version: app.getVersion(),
    platform: process.platform,
    hooks: platformHooks(),
    // Report PDFs with the app's own Chromium, never a second browser (docs/reports.md).
    printPdf: printWithElectron,
    snapshot3d: snapshot3dWithElectron(rendererDir),
  });
  services = svc;
  registerIpc({ services: svc, getWindow: () => mainWindow, origins });
  svc.onEvent((event) => {
    if (event.type === 'project.changed') projectChanged(event.project);
  });
  installApplicationMenu({
    services: svc,
    isDev,
    sendAction: sendMenuAction,
    openRecent: (file) => void openProject(file),
    ...(isAllowedExternalUrl(DOCUMENTATION_URL) ? { openDocumentation: () => void openExternalSafely(DOCUMENTATION_URL) } : {}),
  });

  // Open the project before the page loads, so it starts on the project, not the start screen.
  const file = pendingOpen;
  pendingOpen = undefined;
  let startupError: unknown = null;
  try {
    projectChanged(await svc.openOnStartup(file));
  } catch (err) {
    startupError = err;
  }
  const win = ensureWindow();
  if (startupError) showError(win, file ? `Plenum could not open ${file}` : 'Plenum could not open the last project', startupError);
  // A file delivered by macOS while the first one was opening.
  if (pendingOpen) {
    const next = pendingOpen;
    pendingOpen = undefined;
    void openProject(next);
  }
}

function platformHooks(): PlatformHooks {
  const filters = [{ name: 'Plenum project', extensions: [PROJECT_EXTENSION.slice(1)] }];
  return {
    async openProjectDialog() {
      const options: OpenDialogOptions = { properties: ['openFile'], filters, defaultPath: await defaultFolder() };
      const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async saveProjectDialog(defaultName) {
      const fileName = suggestedProjectFileName(defaultName);
      const folder = await defaultFolder();
      const options: SaveDialogOptions = { filters, defaultPath: folder ? path.join(folder, fileName) : fileName, properties: ['showOverwriteConfirmation', 'createDirectory'] };
      const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      return withProjectExtension(result.filePath);
    },
    async openExternal(url) {
      await openExternalSafely(url);
    },
    async saveReportDialog(defaultName, format) {
      const folder = app.getPath('documents');
      const options: SaveDialogOptions = {
        filters: [format === 'pdf' ? { name: 'PDF', extensions: ['pdf'] } : { name: 'HTML', extensions: ['html', 'htm'] }],
        defaultPath: path.join(folder, defaultName),
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      };
      const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      return /\.[a-z0-9]+$/i.test(result.filePath) ? result.filePath : `${result.filePath}.${format}`;
    },
    async chooseFolderDialog() {
      const options: OpenDialogOptions = { properties: ['openDirectory', 'createDirectory', 'promptToCreate'], defaultPath: app.getPath('documents') };
      const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    revealPath(file) {
      // Only paths a report job of this run wrote reach here (AppServices 'report.reveal').
      shell.showItemInFolder(file);
    },
  };
}

async function defaultFolder(): Promise<string | undefined> {
  const result = await services?.handle('files.defaultFolder', {});
  return result?.ok ? (result.value as { path: string }).path : undefined;
}

// ------------------------------------------------------------------ window

function ensureWindow(): BrowserWindow {
  if (mainWindow && !mainWindow.isDestroyed()) return mainWindow;
  const win = createMainWindow({
    userDataDir: app.getPath('userData'),
    preloadPath,
    devTools: isDev,
    ...(isDev ? { iconPath: path.join(app.getAppPath(), 'build', 'icon.png') } : {}),
  });
  mainWindow = win;
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    console.error(`Plenum: the window's renderer stopped (${details.reason}, exit code ${details.exitCode})`);
    void askToReload(win, details.reason);
  });
  applyTitle(win);
  void win.loadURL(devServerUrl ?? APP_ENTRY_URL);
  return win;
}

async function askToReload(win: BrowserWindow, reason: string): Promise<void> {
  const { response } = await dialog.showMessageBox(win, {
    type: 'error',
    message: 'Plenum’s window stopped unexpectedly',
    detail: `Reason: ${reason}. Your project is saved: every change is written as you make it.`,
    buttons: ['Reload', 'Quit'],
    defaultId: 0,
    cancelId: 1,
  });
  if (response === 0 && !win.isDestroyed()) win.reload();
  else app.quit();
}

function projectChanged(project: ProjectInfo | null): void {
  currentProject = project;
  if (project) app.addRecentDocument(project.path);
  if (mainWindow && !mainWindow.isDestroyed()) applyTitle(mainWindow);
}

function applyTitle(win: BrowserWindow): void {
  const p = currentProject;
  win.setTitle(p ? `${p.name}${p.readOnly ? ' (read-only)' : ''} — Plenum` : 'Plenum');
  if (process.platform === 'darwin') win.setRepresentedFilename(p?.path ?? '');
}

// ------------------------------------------------------------------ actions

function sendMenuAction(action: MenuAction): void {
  const win = ensureWindow();
  const send = () => sendToRenderer(win, { type: 'menu', action }, origins);
  if (win.webContents.isLoading()) win.webContents.once('did-finish-load', send);
  else send();
}

async function openProject(file: string): Promise<void> {
  if (!services) return;
  const result = await services.handle('project.open', { path: file });
  const win = ensureWindow();
  if (!result.ok) showError(win, `Plenum could not open ${file}`, result.error);
}

function showError(win: BrowserWindow, message: string, error: unknown): void {
  const detail = typeof error === 'object' && error !== null && 'message' in error ? String((error as { message: unknown }).message) : String(error);
  const options: MessageBoxOptions = { type: 'error', message, detail, buttons: ['OK'] };
  void dialog.showMessageBox(win, options);
}
