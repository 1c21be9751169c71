/**
 * The main window. Every security-relevant `webPreferences` value is written out explicitly,
 * including the ones that already default to the safe value, so that a reader (and
 * Electronegativity, which only sees what is written) can check them without knowing Electron's
 * defaults, and so an upstream default change cannot weaken Plenum silently.
 */
import path from 'node:path';
import { BrowserWindow, nativeTheme, screen } from 'electron';
import type { WindowState } from './window-state';
import { fitWindowState, loadWindowState, MIN_WINDOW_SIZE, saveWindowState } from './window-state';

export interface MainWindowOptions {
  userDataDir: string;
  /** Absolute path of out/preload/index.cjs. */
  preloadPath: string;
  /** Developer tools only in unpackaged runs. */
  devTools: boolean;
  /** Linux window icon in unpackaged runs (packaged builds get it from the .desktop file). */
  iconPath?: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((d) => d.workArea);
  const state = fitWindowState(loadWindowState(options.userDataDir), workAreas);

  const win = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'Plenum',
    // Shown until the first paint and while resizing: match the OS theme to avoid a flash.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1b1e23' : '#f5f6f8',
    ...(options.iconPath && process.platform === 'linux' ? { icon: options.iconPath } : {}),
    webPreferences: {
      preload: path.resolve(options.preloadPath), // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // enableBlinkFeatures is deliberately absent: no Blink feature is switched on.
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      plugins: false,
      enableWebSQL: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
      devTools: options.devTools,
    },
  });

  if (state.isMaximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  // Main owns the title (project name, see index.ts); the page's <title> does not override it.
  win.on('page-title-updated', (event) => event.preventDefault());
  trackWindowState(win, options.userDataDir);
  return win;
}

/** Saves bounds (the normal, un-maximized ones) and the maximized flag, debounced and on close. */
function trackWindowState(win: BrowserWindow, userDataDir: string): void {
  let timer: NodeJS.Timeout | undefined;
  const current = (): WindowState => {
    const b = win.getNormalBounds();
    return { x: b.x, y: b.y, width: b.width, height: b.height, isMaximized: win.isMaximized() };
  };
  const save = () => {
    try {
      saveWindowState(userDataDir, current());
    } catch (err) {
      console.warn('Plenum: could not save the window position', err);
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('maximize', later);
  win.on('unmaximize', later);
  win.on('close', () => {
    clearTimeout(timer);
    if (!win.isFullScreen()) save();
  });
}
