/**
 * Operations from the command line (issue 7 §7):
 *  - `plenum import FILE readings.csv [--map FIELD=HEADER]… [--utc-offset ±HH:MM] [--skip-invalid]
 *    [--create-sensors --room ROOM]`: environment readings, one undo step, all or nothing;
 *  - `plenum ops due FILE [--json]`: overdue and upcoming items of every register.
 * main.ts parses the arguments and owns the exit codes (0 done, 1 data errors, 2 usage).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PlenumError } from '../../core/model/errors';
import type { AttentionItem } from '../../core/ops/attention';
import { READING_FIELDS, ReadingsCsvParser, type ReadingField } from '../../core/ops/readings-csv';
import { ProjectStore } from '../store/project-store';
import { opsAttention } from '../services/ops';
import { localTimeWithOffset } from '../../core/ops/dates';
import { Progress } from './progress';

export interface OpsCliIo {
  out(line: string): void;
  err(line: string): void;
  usage(message: string): Error;
  /** A data error already reported line by line (exit 1). */
  dataErrors(message: string): Error;
}

export const READINGS_IMPORT_OPTIONS = {
  map: { type: 'string', multiple: true }, 'utc-offset': { type: 'string' }, 'skip-invalid': { type: 'boolean' },
  'create-sensors': { type: 'boolean' }, room: { type: 'string' },
} as const;
export const READINGS_USAGE = 'plenum import FILE readings.csv [--map FIELD=HEADER]... [--utc-offset +HH:MM] [--skip-invalid] [--create-sensors --room ROOM]';

type Values = Record<string, string | boolean | string[] | undefined>;


export function runReadingsImport(file: string, input: string, values: Values, io: OpsCliIo): number {
  const mapping: Partial<Record<ReadingField, string>> = {};
  for (const m of (values.map as string[] | undefined) ?? []) {
    const eq = m.indexOf('=');
    const field = m.slice(0, eq) as ReadingField;
    if (eq < 1 || !READING_FIELDS.includes(field) || m.slice(eq + 1).trim() === '') {
      throw io.usage(`--map takes FIELD=HEADER with FIELD one of ${READING_FIELDS.join(', ')}, got "${m}"`);
    }
    mapping[field] = m.slice(eq + 1).trim();
  }
  if (values['create-sensors'] && typeof values.room !== 'string') throw io.usage('--create-sensors needs --room ROOM: the room the new sensors are placed in');
  if (!fs.existsSync(file)) throw new PlenumError(`${file}: no such project (create it with plenum new)`, 'not-found');
  let fd: number;
  try {
    fd = fs.openSync(input, 'r');
  } catch (e) {
    throw new PlenumError(`${input}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'io');
  }

  // 1. Parse and validate the whole file before the project is opened for writing.
  const t0 = performance.now();
  const progress = new Progress('Importing readings');
  const size = fs.fstatSync(fd).size;
  const parser = new ReadingsCsvParser({ mapping, utcOffset: values['utc-offset'] as string | undefined, fileName: path.basename(input) });
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const buf = Buffer.allocUnsafe(1 << 20);
  let read = 0;
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      read += n;
      parser.push(decoder.decode(buf.subarray(0, n), { stream: true }));
      progress.update(read, size * 2, 'reading');
    }
    parser.push(decoder.decode());
  } finally {
    fs.closeSync(fd);
  }
  const parsed = parser.finish();

  // 2. One transaction: the import record, new sensors and every sample, or nothing.
  const store = ProjectStore.open(file);
  try {
    let roomId: string | undefined;
    if (values['create-sensors']) {
      const want = String(values.room);
      const room = store.list('rooms').find((r) => r.id === want || r.name.toLowerCase() === want.toLowerCase());
      if (!room) throw io.usage(`--room: no room "${want}" in ${file} (rooms: ${store.list('rooms').map((r) => r.name).join(', ') || 'none'})`);
      roomId = room.id;
    }
    let r;
    try {
      r = store.importReadings(parsed, {
        fileName: path.basename(input), at: localTimeWithOffset(), skipInvalid: values['skip-invalid'] === true,
        createSensors: roomId ? { roomId } : false, onProgress: (done, total) => progress.update(size + (done / Math.max(1, total)) * size, size * 2, 'writing'),
      });
    } catch (e) {
      progress.done();
      if (e instanceof PlenumError && e.details?.length) {
        for (const d of e.details) io.err(`${d.path}: ${d.message}`);
        throw io.dataErrors(e.message);
      }
      if (e instanceof PlenumError && e.code === 'invalid') throw io.dataErrors(e.message);
      throw e;
    }
    progress.done();
    if (r.importId === null) {
      io.out(`All ${r.rows.toLocaleString('en')} readings of ${path.basename(input)} are already in the project: nothing was imported`);
      return 0;
    }
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    io.out(`Imported ${r.inserted.toLocaleString('en')} readings of ${r.sensors} sensor(s), ${r.fromAt.slice(0, 16).replace('T', ' ')} to ${r.toAt.slice(0, 16).replace('T', ' ')} UTC, from ${path.basename(input)} in ${seconds} s`);
    if (r.duplicates) io.out(`  ${r.duplicates.toLocaleString('en')} reading(s) were already in the project (same sensor and time) and were kept as they were`);
    if (r.skipped) io.err(`  ${r.skipped.toLocaleString('en')} invalid row(s) skipped (--skip-invalid)`);
    if (r.sensorsCreated.length) io.out(`  created ${r.sensorsCreated.length} sensor(s): ${r.sensorsCreated.slice(0, 10).join(', ')}${r.sensorsCreated.length > 10 ? ', …' : ''}`);
    return 0;
  } finally {
    store.close();
  }
}

export interface OpsDueReport {
  file: string;
  today: string;
  items: AttentionItem[];
  summary: { overdue: number; due: number; byRegister: Record<string, number> };
}

/** `plenum ops due`: read-only, never modifies the file. */
export function opsDue(file: string, nowMs = Date.now()): OpsDueReport {
  if (!fs.existsSync(file)) throw new PlenumError(`${file}: no such file`, 'not-found');
  const store = ProjectStore.open(file, { readOnly: true });
  try {
    const snap = store.snapshot();
    const items = opsAttention(store, snap, nowMs);
    const byRegister: Record<string, number> = {};
    for (const i of items) byRegister[i.register] = (byRegister[i.register] ?? 0) + 1;
    return {
      file, today: localTimeWithOffset(new Date(nowMs)).slice(0, 10), items,
      summary: { overdue: items.filter((i) => i.severity === 'overdue').length, due: items.filter((i) => i.severity === 'due').length, byRegister },
    };
  } finally {
    store.close();
  }
}

export function runOpsDue(file: string, values: Values, io: OpsCliIo): number {
  // --on: what will be due by that day (planning a maintenance window); noon, local time.
  const report = opsDue(file, typeof values.on === 'string' ? new Date(`${values.on}T12:00:00`).getTime() : Date.now());
  if (values.json) {
    io.out(JSON.stringify(report, null, 2));
    return 0;
  }
  if (report.items.length === 0) {
    io.out(`${path.basename(file)}: nothing overdue or due soon (${report.today})`);
    return 0;
  }
  io.out(`${path.basename(file)}: ${report.summary.overdue} overdue, ${report.summary.due} due soon (${report.today})`);
  const registerWidth = Math.max(...report.items.map((i) => i.register.length));
  for (const severity of ['overdue', 'due'] as const) {
    const list = report.items.filter((i) => i.severity === severity);
    if (!list.length) continue;
    io.out('');
    io.out(severity === 'overdue' ? 'OVERDUE' : 'DUE SOON');
    for (const i of list) io.out(`  ${(i.dueDate ?? '').padEnd(10)}  ${i.register.padEnd(registerWidth)}  ${i.message}`);
  }
  return 0;
}
