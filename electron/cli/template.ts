/**
 * `plenum template lint FILE…`: lints checklist templates (core/cx/lint.ts) and prints every
 * problem as `file:line:col: severity: message [rule]`, the format editors and CI logs link.
 * Exit codes follow the CLI's (main.ts): 0 clean (warnings allowed), 1 at least one error,
 * 2 a file could not be read (the readable ones are still linted and reported).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { lintTemplate } from '../../core/cx/lint';
import type { TemplateProblem } from '../../core/cx/lint';

export interface TemplateCliIo {
  out(line: string): void;
  err(line: string): void;
}

const EXIT = { ok: 0, dataErrors: 1, io: 2 } as const;

/** The built-in templates shipped with Plenum. */
export const BUILT_IN_TEMPLATE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../assets/templates');

/** The ids of the built-in templates, so that prerequisites naming them are not "unknown". */
export function builtInTemplateIds(dir = BUILT_IN_TEMPLATE_DIR): Set<string> {
  const ids = new Set<string>();
  if (!fs.existsSync(dir)) return ids;
  for (const name of fs.readdirSync(dir)) {
    if (!/\.ya?ml$/i.test(name)) continue;
    const id = idOf(fs.readFileSync(path.join(dir, name), 'utf8'));
    if (id) ids.add(id);
  }
  return ids;
}

function idOf(text: string): string | null {
  try {
    const value = parseYaml(text) as unknown;
    return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string' ? (value as { id: string }).id : null;
  } catch {
    return null;
  }
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function runTemplateLint(files: string[], options: { json: boolean }, io: TemplateCliIo): number {
  const texts = new Map<string, string>();
  const unreadable: Array<{ file: string; error: string }> = [];
  for (const file of files) {
    try {
      if (fs.statSync(file).isDirectory()) throw new Error('is a folder, not a template file');
      texts.set(file, fs.readFileSync(file, 'utf8'));
    } catch (e) {
      const error = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read (${(e as Error).message})`;
      unreadable.push({ file, error });
    }
  }
  // Prerequisites may name any built-in template or any template linted alongside.
  const known = builtInTemplateIds();
  for (const text of texts.values()) {
    const id = idOf(text);
    if (id) known.add(id);
  }
  const results: Array<{ file: string; problems: TemplateProblem[] }> = [];
  for (const [file, text] of texts) results.push({ file, problems: lintTemplate(text, file, { knownTemplateIds: known }).problems });

  const all = results.flatMap((r) => r.problems);
  const errors = all.filter((p) => p.severity === 'error').length;
  const warnings = all.length - errors;
  if (options.json) {
    io.out(JSON.stringify({
      files: [
        ...results.map((r) => ({ file: r.file, problems: r.problems.map(({ file: _f, ...p }) => p) })),
        ...unreadable.map((u) => ({ file: u.file, error: u.error })),
      ],
      summary: { files: files.length, errors, warnings, unreadable: unreadable.length },
    }, null, 2));
  } else {
    for (const p of all) io.out(`${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message} [${p.rule}]`);
    for (const u of unreadable) io.err(`plenum: ${u.file}: ${u.error}`);
    const checked = results.length;
    io.out(all.length === 0
      ? `${plural(checked, 'template')} checked: no problems`
      : `${plural(checked, 'template')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`);
  }
  if (unreadable.length > 0) return EXIT.io;
  return errors > 0 ? EXIT.dataErrors : EXIT.ok;
}
