/**
 * The revision history of a project for its report: the undo log (`oplog`), oldest first, without
 * undone steps. ProjectStore exposes only the top of the log (historyState), so this reads the
 * table through its own read-only connection; it never writes and never takes the write lock.
 */
import Database from 'better-sqlite3';
import type { RevisionEntry } from '../../core/report/design';
import { nativeBindingPath } from '../store/native';

export function readRevisionHistory(file: string): RevisionEntry[] {
  const binding = nativeBindingPath();
  const db = new Database(file, { readonly: true, fileMustExist: true, ...(binding ? { nativeBinding: binding } : {}) });
  try {
    const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'oplog'").get();
    if (!has) return [];
    return (db.prepare('SELECT seq, at, command, label FROM oplog WHERE undone = 0 ORDER BY seq').all() as Array<{ seq: number; at: string; command: string; label: string }>)
      .map((r) => ({ seq: r.seq, at: r.at, command: r.command, detail: r.label }));
  } finally {
    db.close();
  }
}
