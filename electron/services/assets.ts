import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds the shipped assets folder: next to the sources when running from the repo (CLI, tests,
 * dev), or in the packaged app's resources (electron-builder `extraResources`).
 */
export function assetsDir(): string {
  if (process.env.PLENUM_ASSETS_DIR) return process.env.PLENUM_ASSETS_DIR;
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  const candidates: string[] = [];
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    candidates.push(path.join(dir, 'assets'));
    dir = path.dirname(dir);
  }
  if (resources) candidates.push(path.join(resources, 'assets'));
  const found = candidates.find((c) => fs.existsSync(path.join(c, 'devicetypes')));
  if (!found) throw new Error(`Plenum's assets folder was not found (looked in ${candidates.join(', ')})`);
  return found;
}
