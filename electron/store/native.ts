/**
 * Where better-sqlite3's native addon comes from.
 *
 * Node (CLI, `plenum serve`, tests) and Electron have different ABIs. The node_modules copy is
 * always built for Node. `scripts/start.mjs` builds a second copy for Electron with
 * @electron/rebuild into .cache/electron-native/ and passes its path in
 * PLENUM_SQLITE_BINDING; a packaged app has node_modules rebuilt for Electron by electron-builder
 * (`npmRebuild`) and needs no override. So switching runtimes is never a manual step.
 */
export function nativeBindingPath(): string | undefined {
  const fromEnv = process.env.PLENUM_SQLITE_BINDING;
  return fromEnv && fromEnv.length > 0 ? fromEnv : undefined;
}
