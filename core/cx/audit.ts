/**
 * The commissioning audit log (issue 5 §5), the pure half: which entity kinds are audited, how a
 * change becomes field-level entries (old → new), and the CSV / JSON exports. The store
 * (electron/store/cx-audit.ts) appends the entries in the same transaction as the change, chains
 * their hashes, and refuses any UPDATE or DELETE of the log.
 */
import type { EntityKind } from '../model/schema';

export const AUDITED_KINDS: ReadonlySet<EntityKind> = new Set<EntityKind>(['cxAnswers', 'cxSignOffs', 'cxIssues']);

/** Attribution fields: they are the entry's own columns, not changes. */
const META_FIELDS = new Set(['id', 'author', 'deviceId', 'at', 'reason']);

export interface AuditEntry {
  seq: number;
  /** The local time the action was taken, with its offset. */
  at: string;
  /** When the file recorded it (UTC). */
  recordedAt: string;
  author: string;
  deviceId: string;
  /** The undo step it belongs to. */
  opSeq: number | null;
  command: string;
  /** `kind:id`, e.g. `cxAnswers:cxi:1/anchoring`. */
  entity: string;
  field: string;
  /** JSON text of the old and new values; null when the field was absent. */
  old: string | null;
  new: string | null;
  reason: string | null;
  prevHash: string;
  hash: string;
}

export interface FieldChange {
  field: string;
  old: string | null;
  new: string | null;
}

const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

/** Field-level differences between two versions of an entity (either may be absent). */
export function diffEntity(before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): FieldChange[] {
  const out: FieldChange[] = [];
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const field of [...keys].sort()) {
    if (META_FIELDS.has(field)) continue;
    const o = json(before?.[field]);
    const n = json(after?.[field]);
    if (o !== n) out.push({ field, old: o, new: n });
  }
  // A created or deleted entity with nothing but metadata still leaves a trace.
  if (out.length === 0 && (before === undefined) !== (after === undefined)) out.push({ field: '*', old: before ? 'exists' : null, new: after ? 'exists' : null });
  return out;
}

/** The text hashed for an entry: every recorded column, in a fixed order, after the previous hash. */
export function auditHashInput(prevHash: string, e: Omit<AuditEntry, 'seq' | 'hash' | 'prevHash'>): string {
  return `${prevHash}\n${JSON.stringify([e.at, e.recordedAt, e.author, e.deviceId, e.opSeq, e.command, e.entity, e.field, e.old, e.new, e.reason])}`;
}

export const GENESIS_HASH = '0'.repeat(64);

const CSV_COLUMNS = ['seq', 'at', 'recordedAt', 'author', 'deviceId', 'opSeq', 'command', 'entity', 'field', 'old', 'new', 'reason', 'prevHash', 'hash'] as const;

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // Quote always-risky cells; a leading = + - @ would be run as a formula by spreadsheet apps.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r']/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV with a header row; formula-like cells are neutralised with a leading quote. */
export function auditToCsv(entries: readonly AuditEntry[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of entries) lines.push(CSV_COLUMNS.map((c) => csvCell(e[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** JSON export: old/new parsed back to values so the file reads naturally. */
export function auditToJson(entries: readonly AuditEntry[]): string {
  return JSON.stringify({
    format: 'plenum-cx-audit/1',
    entries: entries.map((e) => ({ ...e, old: e.old === null ? null : JSON.parse(e.old) as unknown, new: e.new === null ? null : JSON.parse(e.new) as unknown })),
  }, null, 2);
}
