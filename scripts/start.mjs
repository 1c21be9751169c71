#!/usr/bin/env node
/**
 * `npm start` (and `npm run dev`, which adds --dev): runs Plenum as a desktop app when the Electron
 * runtime is installed, and otherwise, in one step and with one line of explanation, in the
 * browser (`plenum serve`).
 *
 *   node scripts/start.mjs [--dev] [FILE.plenum]
 *   node scripts/start.mjs --prepare     Only build (runtime check, better-sqlite3 for Electron,
 *                                        electron-vite build), then print
 *                                        `PLENUM_SQLITE_BINDING=<path>`; exit 3 if desktop mode is
 *                                        not possible here. Used by the Electron e2e suite.
 *
 * Desktop mode needs better-sqlite3 built for Electron's ABI, while node_modules keeps the build
 * for Node (the CLI, `plenum serve` and the tests need that one). So a second copy is built once
 * per Electron version/platform/arch in .cache/electron-native/ with @electron/rebuild, and its
 * path is handed to the app in PLENUM_SQLITE_BINDING (read by electron/store/native.ts). Switching
 * between the two runtimes is never a manual step.
 *
 * Nothing here calls `require('electron')`: under Node that starts a download of the runtime,
 * which hangs or throws offline. The runtime is looked for on disk instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ELECTRON_DIR = path.join(ROOT, 'node_modules', 'electron');
const ELECTRON_VITE = path.join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
const PLENUM_CLI = path.join(ROOT, 'bin', 'plenum.mjs');
/** What node_modules/electron/install.js writes to path.txt, per platform. */
const PLATFORM_EXECUTABLE = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe', linux: 'electron', freebsd: 'electron', openbsd: 'electron' };
/** Long enough for a real download of the runtime; offline, install.js fails within a second. */
const INSTALL_TIMEOUT_MS = 90_000;

const argv = process.argv.slice(2);
const dev = argv.includes('--dev');
const prepareOnly = argv.includes('--prepare');
/** Exit status of --prepare when Electron cannot run here. */
const EXIT_NO_DESKTOP = 3;
// npm runs scripts from the package root; a project path is relative to where the user typed it.
const userCwd = process.env.INIT_CWD || process.cwd();
const passThrough = argv.filter((a) => a !== '--dev' && a !== '--prepare').map((a) => (!a.startsWith('-') && a.toLowerCase().endsWith('.plenum') ? path.resolve(userCwd, a) : a));

// ------------------------------------------------------------------ Electron runtime

/**
 * The Electron executable if it is on disk, found the way node_modules/electron/index.js finds
 * it but without its download fallback. (e2e/electron/runtime.ts has the same check.)
 */
function electronExecutable(electronDir = ELECTRON_DIR) {
  const pathFile = path.join(electronDir, 'path.txt');
  const recorded = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!recorded && !override) return null;
  const relative = recorded || PLATFORM_EXECUTABLE[process.platform] || 'electron';
  const exe = path.join(override || path.join(electronDir, 'dist'), relative);
  return fs.existsSync(exe) ? exe : null;
}

function electronVersion() {
  return JSON.parse(fs.readFileSync(path.join(ELECTRON_DIR, 'package.json'), 'utf8')).version;
}

/** Finds the runtime, trying its installer once (quietly) if it is missing. */
function findOrInstallElectron() {
  const found = electronExecutable();
  if (found) return found;
  const installer = path.join(ELECTRON_DIR, 'install.js');
  if (!fs.existsSync(installer)) return null;
  spawnSync(process.execPath, [installer], { cwd: ELECTRON_DIR, stdio: 'ignore', timeout: INSTALL_TIMEOUT_MS });
  return electronExecutable();
}

// ------------------------------------------------------------------ better-sqlite3 for Electron

/**
 * Returns the path of a better_sqlite3.node built for this Electron, building it on first use.
 * Throws with a one-line reason when it cannot be built (typically: offline, no Electron headers).
 */
async function electronSqliteBinding(version) {
  const source = path.join(ROOT, 'node_modules', 'better-sqlite3');
  const sqliteVersion = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8')).version;
  const dir = path.join(ROOT, '.cache', 'electron-native', `${version}-${process.platform}-${process.arch}`);
  const moduleDir = path.join(dir, 'node_modules', 'better-sqlite3');
  const binding = path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
  const stamp = path.join(dir, 'built-for.json');
  const wanted = { electron: version, betterSqlite3: sqliteVersion, platform: process.platform, arch: process.arch };

  // Reuse only a build that completed (the stamp is written last) for the same versions.
  try {
    const done = JSON.parse(fs.readFileSync(stamp, 'utf8'));
    if (JSON.stringify(done) === JSON.stringify(wanted) && fs.existsSync(binding)) return binding;
  } catch {
    // not built yet
  }

  console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${version} (first start only)…`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(moduleDir), { recursive: true });
  // The sources, without the Node build: @electron/rebuild compiles (or fetches a prebuild) afresh.
  fs.cpSync(source, moduleDir, { recursive: true, filter: (p) => path.relative(source, p) !== 'build' });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'plenum-electron-native', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }, null, 2),
  );
  // @electron/rebuild's programmatic API, in a child process so that node-gyp's and
  // prebuild-install's chatter goes to a log file rather than the terminal.
  const log = path.join(ROOT, '.cache', 'electron-native', `${path.basename(dir)}.log`);
  const script = `import('@electron/rebuild').then(({ rebuild }) => rebuild(${JSON.stringify({ buildPath: dir, electronVersion: version, force: true, onlyModules: ['better-sqlite3'] })}))
    .catch((err) => { console.error(String(err && err.message || err)); process.exit(1); });`;
  const result = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  fs.writeFileSync(log, `${result.stdout ?? ''}\n${result.stderr ?? ''}`);
  if (result.status !== 0 || !fs.existsSync(binding)) {
    fs.rmSync(dir, { recursive: true, force: true });
    const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`;
    const offline = /network connectivity|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo/.test(output);
    const lines = (result.stderr || result.error?.message || '').trim().split('\n').filter((l) => l.trim());
    const reason = offline ? "offline: Electron's headers and prebuilt binaries cannot be downloaded" : (lines.at(-1) ?? `exit status ${result.status}`);
    throw new Error(`${reason}; log: ${path.relative(ROOT, log)}`);
  }
  fs.writeFileSync(stamp, JSON.stringify(wanted));
  return binding;
}

// ------------------------------------------------------------------ running

/** Runs a child with our stdio, forwards Ctrl+C and friends, and exits with its status. */
function runAndExit(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on('error', (err) => {
    console.error(`Could not start ${path.basename(command)}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function startBrowserMode(reason) {
  if (prepareOnly) {
    console.log(`${reason}: desktop mode is not possible here.`);
    process.exit(EXIT_NO_DESKTOP);
  }
  console.log(`${reason}: starting Plenum in browser mode instead.`);
  // `plenum serve` opens FILE, else the last project, else the demo, and prints the URL.
  runAndExit(process.execPath, [PLENUM_CLI, 'serve', ...passThrough]);
}

function electronViteSync(args) {
  const result = spawnSync(process.execPath, [ELECTRON_VITE, ...args], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const electron = findOrInstallElectron();
if (!electron) {
  startBrowserMode('Electron runtime not available (offline?)');
} else {
  const version = electronVersion();
  let binding;
  try {
    binding = await electronSqliteBinding(version);
  } catch (err) {
    const reason = String(err?.message ?? err).split('\n')[0];
    startBrowserMode(`Could not build better-sqlite3 for Electron ${version} (${reason})`);
  }
  if (binding) {
    // ELECTRON_EXEC_PATH: electron-vite dev launches this runtime rather than looking it up again.
    const env = { ...process.env, PLENUM_SQLITE_BINDING: binding, ELECTRON_EXEC_PATH: electron };
    if (prepareOnly) {
      electronViteSync(['build']);
      console.log(`PLENUM_SQLITE_BINDING=${binding}`);
    } else if (dev) {
      // electron-vite serves the renderer with HMR, rebuilds main/preload on change (-w) and
      // launches Electron itself; arguments after `--` reach the app.
      runAndExit(process.execPath, [ELECTRON_VITE, 'dev', '-w', ...(passThrough.length ? ['--', ...passThrough] : [])], env);
    } else {
      electronViteSync(['build']);
      runAndExit(electron, [ROOT, ...passThrough], env);
    }
  }
}
