/**
 * Data exports (issue 6 §4): racks, devices and the bill of materials — and, when the project has
 * commissioning data, its checklists, readings and issues — as CSV files or one XLSX workbook, and NetBox bulk-import files (CSVs + device types as devicetype-library YAML). Every
 * file is written to a temporary name and renamed, so a cancelled or failed export never leaves a
 * half-written file under the final name.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PlenumError } from '../../core/model/errors';
import type { DocumentSnapshot } from '../../core/model/schema';
import type { ProgressFn } from '../../core/report/design';
import { deviceTypeYaml, netboxTables } from '../../core/report/netbox-export';
import { bomTable, devicesTable, racksTable, toCsv, type Table } from '../../core/report/tables';
import { checklistsTable, cxSummary, issuesTable, readingsTable, today } from '../../core/report/cx-data';
import { xlsxBytes } from './xlsx';

export const DATA_FORMATS = ['csv', 'xlsx', 'netbox'] as const;
export type DataFormat = (typeof DATA_FORMATS)[number];

export interface ExportOptions {
  onProgress?: ProgressFn;
  signal?: AbortSignal;
}

/**
 * The tables of a data export: racks, devices and the BOM always; checklists, readings (one row
 * per answer) and issues when the project has checklists or issues (a design-only project gets no
 * empty commissioning sheets). `todayIso` decides which issues are overdue.
 */
export function dataTables(s: DocumentSnapshot, todayIso = today()): Table[] {
  const tables = [racksTable(s), devicesTable(s), bomTable(s)];
  if (Object.keys(s.cxInstances).length === 0 && Object.keys(s.cxIssues).length === 0) return tables;
  const summary = cxSummary(s, { today: todayIso });
  return [...tables, checklistsTable(s, summary), readingsTable(s, summary), issuesTable(s, summary, todayIso)];
}

function writeAtomic(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new PlenumError(`${file}: cannot write (${(e as Error).message})`, 'io');
  }
}

/** Writes the export into `dir` (created if missing) and returns the files written, relative to it. */
export function exportData(s: DocumentSnapshot, format: DataFormat, dir: string, opts: ExportOptions = {}): string[] {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new PlenumError(`${dir}: cannot create the folder (${(e as Error).message})`, 'io');
  }
  const written: string[] = [];
  const put = (rel: string, data: string | Uint8Array) => {
    opts.signal?.throwIfAborted();
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeAtomic(file, data);
    written.push(rel);
  };
  if (format === 'csv' || format === 'xlsx') {
    const tables = dataTables(s);
    opts.onProgress?.(1, 2, 'tables');
    if (format === 'csv') for (const t of tables) put(`${t.name}.csv`, toCsv(t));
    else put('plenum.xlsx', xlsxBytes(tables));
    opts.onProgress?.(2, 2, 'done');
    return written;
  }
  const tables = netboxTables(s);
  const types = Object.values(s.deviceTypes).filter((t) => Object.values(s.devices).some((d) => d.typeId === t.id));
  const total = tables.length + types.length;
  tables.forEach((t, i) => {
    put(`${String(i + 1).padStart(2, '0')}-${t.name}.csv`, toCsv(t));
    opts.onProgress?.(i + 1, total, t.name);
  });
  types.forEach((t, i) => {
    const y = deviceTypeYaml(t);
    put(path.join('device-types', y.path), y.text);
    opts.onProgress?.(tables.length + i + 1, total, 'device types');
  });
  return written;
}
