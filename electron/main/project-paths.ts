/**
 * Project file paths in main: finding the `.plenum` file the app was asked to open (on the command
 * line for Windows and Linux file associations, or in the argv a second instance forwards; macOS
 * uses the `open-file` event instead), and naming files for the Save dialog.
 * Pure, tested in project-paths.test.ts.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_EXTENSION = '.plenum';

/**
 * The first argument naming a `.plenum` file, made absolute against `cwd` (the working directory
 * of the process that received it). argv[0] is the executable; Chromium and Electron switches
 * (`--foo`) are skipped. Linux desktop files pass `%U`, so a `file://` URL is accepted too.
 */
export function projectPathFromArgv(argv: readonly string[], cwd: string): string | undefined {
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-')) continue;
    let file = arg;
    if (/^file:\/\//i.test(arg)) {
      try {
        file = fileURLToPath(arg);
      } catch {
        continue;
      }
    }
    if (!file.toLowerCase().endsWith(PROJECT_EXTENSION)) continue;
    return path.resolve(cwd, file);
  }
  return undefined;
}

/**
 * A file name for the Save dialog's suggestion, from a project name: characters that are not
 * allowed in file names on Windows, macOS or Linux (and control characters) become `-`.
 */
export function suggestedProjectFileName(name: string | undefined): string {
  const cleaned = [...(name ?? '')]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(ch) ? '-' : ch))
    .join('')
    .trim();
  const base = cleaned || 'Untitled';
  return base.toLowerCase().endsWith(PROJECT_EXTENSION) ? base : base + PROJECT_EXTENSION;
}

/** Adds `.plenum` when the user typed a name without it. */
export function withProjectExtension(file: string): string {
  return file.toLowerCase().endsWith(PROJECT_EXTENSION) ? file : file + PROJECT_EXTENSION;
}
