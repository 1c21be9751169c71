/**
 * electron-builder hooks that keep node_modules usable by Node after `npm run dist`.
 *
 * With `npmRebuild: true`, electron-builder rebuilds better-sqlite3 *in place* in node_modules
 * for Electron's ABI before packaging. The packaged app needs that build, but the CLI, `plenum
 * serve` and the tests run under Node and would then fail with "compiled against a different
 * Node.js version". So the Node build is set aside before the rebuild (beforeBuild) and put back
 * once the app has been copied into the package (afterPack), for every platform/arch packaged.
 *
 * If a dist build fails between the two (e.g. offline: no Electron headers), restore by hand:
 *   node build/native-abi.mjs restore
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NODE_BINDING = path.join(ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const BACKUP = path.join(ROOT, '.cache', 'node-abi-backup', 'better_sqlite3.node');

/** Before electron-builder rebuilds native modules: keep a copy of the Node build. */
export async function beforeBuild() {
  if (!fs.existsSync(NODE_BINDING)) return true;
  // A backup left by an interrupted run is the Node build; never overwrite it with an Electron one.
  if (!fs.existsSync(BACKUP)) {
    fs.mkdirSync(path.dirname(BACKUP), { recursive: true });
    fs.copyFileSync(NODE_BINDING, BACKUP);
  }
  return true; // go on with the rebuild
}

/** After the app (with its Electron build) is in the package: restore the Node build. */
export async function afterPack() {
  if (!fs.existsSync(BACKUP)) return;
  fs.copyFileSync(BACKUP, NODE_BINDING);
  fs.rmSync(BACKUP);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.argv[2] === 'restore') {
  if (!fs.existsSync(BACKUP)) {
    console.log('Nothing to restore: no saved Node build of better-sqlite3.');
  } else {
    void afterPack().then(() => console.log(`Restored the Node build of better-sqlite3 in ${path.relative(ROOT, NODE_BINDING)}.`));
  }
}
