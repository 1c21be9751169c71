/**
 * Finding the `.plenum` file the app was asked to open: on the command line (Windows and Linux
 * file associations, `plenum-app file.plenum`), or in the argv a second instance forwards.
 * macOS delivers files through the `open-file` event instead. Pure, tested in argv.test.ts.
 */
import path from 'node:path';

export const PROJECT_EXTENSION = '.plenum';

/**
 * The first argument naming a `.plenum` file, made absolute against `cwd` (the working directory
 * of the process that received it). argv[0] is the executable; Chromium and Electron switches
 * (`--foo`) are skipped.
 */
export function projectPathFromArgv(argv: readonly string[], cwd: string): string | undefined {
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-')) continue;
    if (!arg.toLowerCase().endsWith(PROJECT_EXTENSION)) continue;
    return path.resolve(cwd, arg);
  }
  return undefined;
}
