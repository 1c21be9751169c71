/**
 * Backup runs from a CSV export of the backup software (issue 7 §2: "recorded by hand or imported
 * from CSV"). Columns: policy,kind,startedAt,finishedAt,status,sizeBytes,note (header required,
 * any order, `;` or `,`). `policy` is a policy's name (case-insensitive) or id. Times are ISO 8601
 * with their offset, like every moment in the project (a backup log without offsets would move
 * runs across the overdue line by hours). Pure: the UI and the CLI both parse with it, and
 * `backupRun.import` then validates again in main.
 *
 * All or nothing: any bad row refuses the file, with every line number, so the person fixes the
 * export once rather than finding runs missing later.
 */
import type { BackupPolicy, BackupRun } from '../model/schema';
import { BACKUP_RUN_KINDS, BACKUP_RUN_STATUSES, LocalTime } from '../model/schema';
import { splitCsvLine } from './readings-csv';

export const BACKUP_CSV_COLUMNS = ['policy', 'kind', 'startedAt', 'finishedAt', 'status', 'sizeBytes', 'note'] as const;
const REQUIRED = ['policy', 'kind', 'startedAt', 'status'] as const;

export interface BackupCsvError {
  /** 1-based line of the file. */
  line: number;
  column?: (typeof BACKUP_CSV_COLUMNS)[number];
  message: string;
}

export type BackupRunInput = Omit<BackupRun, 'id'>;

export interface ParsedBackupRuns {
  runs: BackupRunInput[];
  errors: BackupCsvError[];
}

/** The run's kind as exports write it: `backup`, `restore-test`, also `restore test` / `restore`. */
function kindOf(text: string): BackupRun['kind'] | null {
  const k = text.trim().toLowerCase().replace(/[\s_]+/g, '-');
  if (k === 'restore') return 'restore-test';
  return (BACKUP_RUN_KINDS as readonly string[]).includes(k) ? (k as BackupRun['kind']) : null;
}

function statusOf(text: string): BackupRun['status'] | null {
  const s = text.trim().toLowerCase();
  const alias: Record<string, BackupRun['status']> = { ok: 'success', succeeded: 'success', successful: 'success', completed: 'success', warning: 'partial', error: 'failed', failure: 'failed' };
  if ((BACKUP_RUN_STATUSES as readonly string[]).includes(s)) return s as BackupRun['status'];
  return alias[s] ?? null;
}

export function parseBackupRunsCsv(text: string, policies: ReadonlyArray<Pick<BackupPolicy, 'id' | 'name'>>): ParsedBackupRuns {
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  const errors: BackupCsvError[] = [];
  const runs: BackupRunInput[] = [];
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) return { runs, errors: [{ line: 1, message: 'The file is empty: the first line must name the columns (policy,kind,startedAt,finishedAt,status,sizeBytes,note)' }] };
  const headerLine = lines[headerIndex]!;
  const delimiter = headerLine.split(';').length > headerLine.split(',').length ? ';' : ',';
  const header = (splitCsvLine(headerLine, delimiter) ?? []).map((h) => h.trim().toLowerCase());
  const col = new Map<string, number>();
  for (const name of BACKUP_CSV_COLUMNS) {
    const i = header.indexOf(name.toLowerCase());
    if (i >= 0) col.set(name, i);
  }
  const missing = REQUIRED.filter((c) => !col.has(c));
  if (missing.length) {
    return { runs, errors: [{ line: headerIndex + 1, message: `Missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')} (the header must have ${REQUIRED.join(', ')})` }] };
  }
  const byKey = new Map<string, string>();
  for (const p of policies) {
    byKey.set(p.id, p.id);
    byKey.set(p.name.trim().toLowerCase(), p.id);
  }
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const line = i + 1;
    const cells = splitCsvLine(raw, delimiter);
    if (!cells) {
      errors.push({ line, message: 'A quoted field is not closed' });
      continue;
    }
    const get = (c: (typeof BACKUP_CSV_COLUMNS)[number]) => (col.has(c) ? (cells[col.get(c)!] ?? '').trim() : '');
    const before = errors.length;
    const policyText = get('policy');
    const policyId = byKey.get(policyText) ?? byKey.get(policyText.toLowerCase());
    if (!policyId) errors.push({ line, column: 'policy', message: policyText ? `No backup policy is named "${policyText}"` : 'The policy is empty' });
    const kind = kindOf(get('kind'));
    if (!kind) errors.push({ line, column: 'kind', message: `"${get('kind')}" is not a run kind (backup or restore-test)` });
    const startedAt = get('startedAt');
    if (!LocalTime.safeParse(startedAt).success) errors.push({ line, column: 'startedAt', message: `"${startedAt}" is not a time with its offset, e.g. 2026-11-25T02:00:00+01:00` });
    const finishedAt = get('finishedAt');
    if (finishedAt) {
      if (!LocalTime.safeParse(finishedAt).success) errors.push({ line, column: 'finishedAt', message: `"${finishedAt}" is not a time with its offset, e.g. 2026-11-25T02:40:00+01:00` });
      else if (Date.parse(finishedAt) < Date.parse(startedAt)) errors.push({ line, column: 'finishedAt', message: 'finishedAt is before startedAt' });
    }
    const status = statusOf(get('status'));
    if (!status) errors.push({ line, column: 'status', message: `"${get('status')}" is not a status (success, partial or failed)` });
    const sizeText = get('sizeBytes');
    const sizeBytes = sizeText === '' ? undefined : Number(sizeText);
    if (sizeBytes !== undefined && (!Number.isFinite(sizeBytes) || sizeBytes < 0)) errors.push({ line, column: 'sizeBytes', message: `"${sizeText}" is not a size in bytes` });
    const note = get('note');
    if (note.length > 2000) errors.push({ line, column: 'note', message: 'The note is longer than 2000 characters' });
    if (errors.length > before) continue;
    runs.push({
      policyId: policyId!, kind: kind!, startedAt, status: status!,
      ...(finishedAt ? { finishedAt } : {}), ...(sizeBytes !== undefined ? { sizeBytes } : {}), ...(note ? { note } : {}),
    });
  }
  if (runs.length === 0 && errors.length === 0) errors.push({ line: headerIndex + 1, message: 'The file has a header but no runs' });
  return { runs: errors.length ? [] : runs, errors };
}
