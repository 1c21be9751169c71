/**
 * The built renderer (out/renderer) for everything that runs under Node without Electron:
 * `plenum serve` serves it, and the design report draws its 3D pictures with its snapshot page
 * (electron/report/snapshot3d.ts). Built with Vite on first use and after the sources change.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The pages the bundle must hold (renderer/vite.config.ts rendererInputs), relative to out/renderer. */
export const RENDERER_PAGES = ['index.html', 'src/snapshot3d/index.html'] as const;

export function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'renderer'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error('cannot find the Plenum installation folder');
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** One build at a time per process: the server and a report asking together share it. */
const building = new Map<string, Promise<string>>();

/**
 * Builds out/renderer with Vite when a page is missing or older than the renderer sources.
 * `PLENUM_RENDERER_DIR` names an already built renderer to use as is (an installed CLI without
 * the sources, or tests that build their own).
 */
export function ensureRendererBuilt(root = repoRoot()): Promise<string> {
  const given = process.env.PLENUM_RENDERER_DIR;
  if (given) return Promise.resolve(path.resolve(given));
  let pending = building.get(root);
  if (!pending) {
    pending = build(root).finally(() => building.delete(root));
    building.set(root, pending);
  }
  return pending;
}

async function build(root: string): Promise<string> {
  const outDir = path.join(root, 'out', 'renderer');
  const pages = RENDERER_PAGES.map((p) => path.join(outDir, p));
  const sources = [path.join(root, 'renderer'), path.join(root, 'core')];
  const built = pages.every((p) => fs.existsSync(p));
  const stale = !built || sources.some((s) => newestMtime(s) > Math.min(...pages.map((p) => fs.statSync(p).mtimeMs)));
  if (stale && process.env.PLENUM_SKIP_RENDERER_BUILD !== '1') {
    process.stderr.write('Building the Plenum interface (first start or after an update)…\n');
    const vite = await import('vite');
    await vite.build({ configFile: path.join(root, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
  }
  const index = pages[0]!;
  if (!fs.existsSync(index)) throw new Error(`the interface is not built: ${index} is missing`);
  return outDir;
}
