/**
 * 3D pictures of rooms for the design report, drawn by the app's own 3D scene: the renderer's
 * snapshot page (renderer/src/snapshot3d) in headless Chromium through playwright-core, for the
 * CLI and browser mode. The app draws them in a hidden window instead
 * (electron/main/snapshot3d-electron.ts); both return the same map.
 *
 * No server and no network: the page and its scripts are answered from out/renderer by request
 * interception on an origin that does not exist, anything else is refused, and the snapshot goes
 * in through page.evaluate. WebGL runs on SwiftShader (software), so the pictures are the same on
 * every machine, GPU or not.
 */
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DocumentSnapshot } from '../../core/model/schema';
import type { Room3dImage } from '../../core/report/design';
import type { Snapshot3dResult, Snapshot3dSize } from '../../renderer/src/snapshot3d/contract';
import { SNAPSHOT3D_PAGE } from '../../renderer/src/snapshot3d/contract';
import { mimeTypeFor, resolveAppAssetPath } from '../main/app-protocol';
import { findBrowser } from './pdf';

/** The picture's size: the report's text width at about 200 dpi, 5:3. */
export const SNAPSHOT3D_SIZE: Snapshot3dSize = { width: 1500, height: 900 };

/** An origin that cannot resolve: every request to it is answered from out/renderer. */
const ORIGIN = 'https://plenum-snapshot.invalid';

export interface Snapshot3dOptions {
  size?: Snapshot3dSize;
  signal?: AbortSignal;
  /** After each room: rooms done, rooms in all, the room's name, and its time in ms. */
  onRoom?: (done: number, total: number, roomName: string, ms: number) => void;
  /** out/renderer; default: built with Vite when missing or stale (renderer-build.ts). */
  rendererDir?: string;
}

/** Renders rooms' 3D pictures; rejects when the pictures cannot be made (no browser, no WebGL). */
export type Snapshot3dFn = (snapshot: DocumentSnapshot, roomIds: readonly string[], opts: Snapshot3dOptions) => Promise<Map<string, Room3dImage>>;

/** Why the pictures could not be made, worded for the CLI's warning. */
export class Snapshot3dUnavailable extends Error {
  override name = 'Snapshot3dUnavailable';
}

export const snapshotRooms3d: Snapshot3dFn = async (snapshot, roomIds, opts) => {
  const out = new Map<string, Room3dImage>();
  if (roomIds.length === 0) return out;
  opts.signal?.throwIfAborted();
  let executablePath: string;
  try {
    executablePath = findBrowser();
  } catch (e) {
    throw new Snapshot3dUnavailable((e as Error).message.replace(/^PDF needs/, '3D pictures need').replace(/, or use --format html$/, ''));
  }
  const rendererDir = opts.rendererDir ?? await (await import('../server/renderer-build')).ensureRendererBuilt();
  const pageFile = path.join(rendererDir, SNAPSHOT3D_PAGE);
  if (!existsSync(pageFile)) throw new Snapshot3dUnavailable(`the 3D snapshot page is not built: ${pageFile} is missing`);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath, headless: true,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
  });
  const onAbort = () => void browser.close();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const pageErrors: string[] = [];
  try {
    const size = opts.size ?? SNAPSHOT3D_SIZE;
    const page = await browser.newPage({ viewport: { width: size.width, height: size.height }, deviceScaleFactor: 1 });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      const file = url.startsWith(`${ORIGIN}/`) ? resolveAppAssetPath(rendererDir, `app://plenum${new URL(url).pathname}`) : null;
      if (!file) return route.abort();
      try {
        return await route.fulfill({ status: 200, body: await fs.readFile(file), contentType: mimeTypeFor(file) });
      } catch {
        return route.fulfill({ status: 404, body: 'Not found', contentType: 'text/plain' });
      }
    });
    await page.goto(`${ORIGIN}/${SNAPSHOT3D_PAGE}`, { waitUntil: 'load' });
    await page.waitForFunction(() => Boolean(window.plenumSnapshot3d), undefined, { timeout: 30_000 }).catch(() => {
      throw new Snapshot3dUnavailable(`the 3D snapshot page did not start${pageErrors.length ? `: ${pageErrors.join('; ')}` : ''}`);
    });
    const glError = await page.evaluate(() => window.plenumSnapshot3d!.webglError());
    if (glError) throw new Snapshot3dUnavailable(glError);
    await page.evaluate((s) => window.plenumSnapshot3d!.load(s), snapshot);
    let done = 0;
    for (const roomId of roomIds) {
      opts.signal?.throwIfAborted();
      const t0 = performance.now();
      const r: Snapshot3dResult = await page.evaluate(([id, sz]) => window.plenumSnapshot3d!.render(id, sz), [roomId, size] as const);
      out.set(roomId, { dataUrl: r.dataUrl, width: r.width, height: r.height, corner: r.corner });
      opts.onRoom?.(++done, roomIds.length, snapshot.rooms[roomId]?.name ?? roomId, Math.round(performance.now() - t0));
    }
    return out;
  } catch (e) {
    // Closing the browser on cancel fails the pending call; report the cancel, not the fallout.
    if (opts.signal?.aborted) throw opts.signal.reason;
    if (e instanceof Snapshot3dUnavailable) throw e;
    throw new Snapshot3dUnavailable(`${(e as Error).message.split('\n')[0]}${pageErrors.length ? ` (${pageErrors.join('; ')})` : ''}`);
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    await browser.close().catch(() => {});
  }
};
