/**
 * `plenum report FILE --kind design|cx|ops [--format pdf|html] [--room R] [--paper a4|letter]
 * [--lang en|fr] [--revision REV] [--author NAME] [--date YYYY-MM-DD] [--logo IMAGE] [--no-3d]
 * [--since YYYY-MM-DD] [--until YYYY-MM-DD] -o OUT` and the data formats of `plenum export` (csv, xlsx, netbox). main.ts parses the arguments and
 * owns the exit codes; these functions validate the options and do the work.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PlenumError } from '../../core/model/errors';
import { LANGS, type Lang } from '../../core/report/i18n';
import type { Paper } from '../../core/report/design';
import { designReport, type ReportFormat } from '../report/design-report';
import { cxReport } from '../report/cx-report';
import { opsReport } from '../report/ops-report';
import { Progress } from './progress';

export interface ReportCliIo {
  err(line: string): void;
  /** Makes the CLI's usage error (exit code 2, no file prefix). */
  usage(message: string): Error;
}

export const REPORT_KINDS = ['design', 'cx', 'ops'] as const;

export const REPORT_USAGE = 'plenum report FILE --kind design|cx|ops [--format pdf|html] [--room R] [--paper a4|letter] [--lang en|fr] [--revision REV] [--author NAME] [--date YYYY-MM-DD] [--logo IMAGE] [--no-3d] [--since YYYY-MM-DD] [--until YYYY-MM-DD] -o OUT';

export const REPORT_OPTIONS = {
  kind: { type: 'string' }, format: { type: 'string' }, room: { type: 'string' }, paper: { type: 'string' }, lang: { type: 'string' },
  revision: { type: 'string' }, author: { type: 'string' }, date: { type: 'string' }, logo: { type: 'string' }, output: { type: 'string', short: 'o' },
  // The operations report's period (default: the 90 days up to --date).
  since: { type: 'string' }, until: { type: 'string' },
  // Node 20's parseArgs has no negations: `--no-3d` is an option of its own.
  'no-3d': { type: 'boolean' },
} as const;

type Values = Record<string, string | boolean | string[] | undefined>;

function oneOf<T extends string>(io: ReportCliIo, name: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) throw io.usage(`--${name} must be one of ${allowed.join(', ')}, got "${String(value)}"`);
  return value as T;
}

export async function runReport(file: string, values: Values, io: ReportCliIo): Promise<number> {
  const kind = values.kind;
  if (kind === undefined) throw io.usage(`--kind is required. Usage: ${REPORT_USAGE}`);
  if (typeof kind !== 'string' || !(REPORT_KINDS as readonly string[]).includes(kind)) throw io.usage(`--kind must be one of ${REPORT_KINDS.join(', ')} (design, commissioning or operations report), got "${String(kind)}"`);
  const out = values.output;
  if (typeof out !== 'string' || out === '') throw io.usage(`-o OUT is required. Usage: ${REPORT_USAGE}`);
  const guessed: ReportFormat = /\.html?$/i.test(out) ? 'html' : 'pdf';
  const format = oneOf<ReportFormat>(io, 'format', values.format, ['pdf', 'html'], guessed);
  const paper = oneOf<Paper>(io, 'paper', values.paper, ['a4', 'letter'], 'a4');
  const lang = oneOf<Lang>(io, 'lang', values.lang, LANGS, 'en');
  if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(values.date))) throw io.usage(`--date must be YYYY-MM-DD, got "${String(values.date)}"`);
  for (const k of ['since', 'until'] as const) {
    if (values[k] === undefined) continue;
    if (kind !== 'ops') throw io.usage(`--${k} is for --kind ops (the operations report's period)`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(String(values[k])) || Number.isNaN(Date.parse(`${String(values[k])}T00:00:00Z`))) throw io.usage(`--${k} must be a date YYYY-MM-DD, got "${String(values[k])}"`);
  }
  if (typeof values.since === 'string' && typeof values.until === 'string' && values.since > values.until) throw io.usage(`--since (${values.since}) is after --until (${values.until})`);
  if (!fs.existsSync(file)) throw new PlenumError(`${file}: no such file`, 'not-found');

  const progress = new Progress('Report');
  const t0 = performance.now();
  // Printed after the progress line is cleared, so they are not overwritten.
  const warnings: string[] = [];
  let bytes: Uint8Array;
  try {
    bytes = await (kind === 'cx' ? cxReport : kind === 'ops' ? opsReport : designReport)({
      file, format, paper, lang, room: values.room as string | undefined, revision: values.revision as string | undefined,
      author: values.author as string | undefined, date: values.date as string | undefined, logoPath: values.logo as string | undefined,
      onProgress: (done, total, phase) => progress.update(done, total, phase),
      rooms3d: values['no-3d'] !== true,
      onWarning: (message) => warnings.push(message),
      since: values.since as string | undefined, until: values.until as string | undefined,
    });
  } finally {
    progress.done();
    for (const w of warnings) io.err(`Warning: ${w}`);
  }
  const tmp = `${out}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, out);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new PlenumError(`${out}: cannot write (${(e as Error).message})`, 'io');
  }
  const pages = format === 'pdf' ? pdfPageCount(bytes) : undefined;
  io.err(`Wrote ${out}${pages ? ` (${pages} pages)` : ''} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return 0;
}

/** Pages of a PDF Chromium wrote: its page tree root's `/Count`. */
export function pdfPageCount(pdf: Uint8Array): number | undefined {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  let best: number | undefined;
  for (const m of text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/g)) best = Math.max(best ?? 0, Number(m[1]));
  return best;
}
