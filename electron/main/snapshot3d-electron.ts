/**
 * The app's 3D pictures for the design report: the renderer's snapshot page
 * (renderer/src/snapshot3d, built into out/renderer with the app) in a hidden, locked-down window
 * served from `app://plenum`, so the app never launches a second browser. Same page, same camera,
 * same PNG as the CLI's headless Chromium (electron/report/snapshot3d.ts).
 *
 * Usage: `renderDesignReport(snapshot, { snapshot3d: snapshot3dWithElectron(rendererDir), … })`.
 */
import type { Session } from 'electron';
import { BrowserWindow, session } from 'electron';
import type { Room3dImage } from '../../core/report/design';
import type { Snapshot3dResult } from '../../renderer/src/snapshot3d/contract';
import { SNAPSHOT3D_PAGE } from '../../renderer/src/snapshot3d/contract';
import type { Snapshot3dFn } from '../report/snapshot3d';
import { SNAPSHOT3D_SIZE, Snapshot3dUnavailable } from '../report/snapshot3d';
import { APP_ORIGIN } from './app-protocol';
import { handleAppScheme } from './protocol';
import { hardenSession } from './security';

/** An in-memory session of its own: no cookies or storage shared with the app's window. */
const PARTITION = 'plenum-snapshot3d';

const prepared = new WeakSet<Session>();

/** The snapshot page's session: the app's files on app://plenum, no permissions, no network. */
function snapshotSession(rendererDir: string): Session {
  const ses = session.fromPartition(PARTITION);
  if (!prepared.has(ses)) {
    prepared.add(ses);
    hardenSession(ses);
    handleAppScheme(ses, rendererDir);
    ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !(details.url.startsWith(`${APP_ORIGIN}/`) || details.url.startsWith('data:') || details.url.startsWith('blob:')) }));
  }
  return ses;
}

/** The picture maker for `renderDesignReport`, reading the page from `rendererDir` (out/renderer). */
export function snapshot3dWithElectron(rendererDir: string): Snapshot3dFn {
  return async (snapshot, roomIds, opts) => {
    const out = new Map<string, Room3dImage>();
    if (roomIds.length === 0) return out;
    opts.signal?.throwIfAborted();
    const size = opts.size ?? SNAPSHOT3D_SIZE;
    snapshotSession(rendererDir);
    // Every security-relevant preference written out, as for the main window (window.ts) and the
    // printing window (report-pdf.ts). Scripts run (the page is the app's own three.js scene),
    // sandboxed and isolated, with no preload: the page has no API at all.
    const win = new BrowserWindow({
      show: false,
      width: size.width,
      height: size.height,
      useContentSize: true,
      webPreferences: {
        javascript: true,
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
        plugins: false,
        enableWebSQL: false,
        disableBlinkFeatures: 'Auxclick',
        partition: PARTITION,
        images: true,
        webgl: true,
        // Drawn off screen: a hidden window gets no animation frames, and the scene draws on them.
        offscreen: true,
        backgroundThrottling: false,
      },
    });
    win.webContents.on('will-navigate', (e) => e.preventDefault());
    win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    const onAbort = () => win.destroy();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    // The page's API, called from here: arguments go in as JSON literals (never page-made code).
    const call = <T>(method: string, ...args: unknown[]): Promise<T> =>
      win.webContents.executeJavaScript(`window.plenumSnapshot3d.${method}(${args.map((a) => JSON.stringify(a)).join(', ')})`, true) as Promise<T>;
    try {
      await win.loadURL(`${APP_ORIGIN}/${SNAPSHOT3D_PAGE}`);
      const started = await win.webContents.executeJavaScript('Boolean(window.plenumSnapshot3d)', true) as boolean;
      if (!started) throw new Snapshot3dUnavailable('the 3D snapshot page did not start');
      const glError = await call<string | null>('webglError');
      if (glError) throw new Snapshot3dUnavailable(glError);
      await call<void>('load', snapshot);
      let done = 0;
      for (const roomId of roomIds) {
        opts.signal?.throwIfAborted();
        const t0 = performance.now();
        const r = await call<Snapshot3dResult>('render', roomId, size);
        out.set(roomId, { dataUrl: r.dataUrl, width: r.width, height: r.height, corner: r.corner });
        opts.onRoom?.(++done, roomIds.length, snapshot.rooms[roomId]?.name ?? roomId, Math.round(performance.now() - t0));
      }
      return out;
    } catch (e) {
      if (opts.signal?.aborted) throw opts.signal.reason;
      if (e instanceof Snapshot3dUnavailable) throw e;
      throw new Snapshot3dUnavailable((e as Error).message);
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
      if (!win.isDestroyed()) win.destroy();
    }
  };
}
