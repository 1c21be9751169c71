/**
 * Is the Electron runtime on this machine? Answered from disk, the way scripts/start.mjs does,
 * and never with `require('electron')`, which under Node tries to download the runtime (and
 * hangs or throws offline).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What node_modules/electron/install.js writes to path.txt, per platform. */
const PLATFORM_EXECUTABLE: Partial<Record<NodeJS.Platform, string>> = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe', linux: 'electron' };

export function electronExecutable(electronDir = path.join(ROOT, 'node_modules', 'electron')): string | null {
  const pathFile = path.join(electronDir, 'path.txt');
  const recorded = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!recorded && !override) return null;
  const exe = path.join(override || path.join(electronDir, 'dist'), recorded || PLATFORM_EXECUTABLE[process.platform] || 'electron');
  return fs.existsSync(exe) ? exe : null;
}

export const ELECTRON_UNAVAILABLE = 'Electron runtime not available on this machine (offline): Electron e2e skipped';
