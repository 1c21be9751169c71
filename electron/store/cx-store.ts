/**
 * Commissioning storage that is not a document entity: the audit log and photo/file blobs.
 *
 * Audit log. Every change to an answer, sign-off or issue — by a command, by undo or by redo —
 * appends field-level entries in the same SQLite transaction (so a change without its entry can
 * never be committed). Triggers (migration 004) refuse UPDATE and DELETE on the table. Each entry
 * stores the SHA-256 of the previous entry's hash plus its own content (a hash chain):
 * `verify()` recomputes it, so an entry edited, removed or inserted by hand outside Plenum is
 * detected (an attacker rewriting the whole chain is not; that needs a signature key, which an
 * offline single-file tool does not have).
 *
 * Undo never erases history: undoing a step applies the inverse changes, and those are audited
 * like any others, with the reason "undo of step N".
 *
 * Blobs. Photos are downscaled by the caller (walk mode) and stored by content hash (`blob:` +
 * SHA-256), so the same photo attached twice is stored once; the original is kept only on
 * request. Blob rows are immutable and are not part of undo: a blob is only ever referenced.
 */
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Change } from '../../core/model/changes';
import { PlenumError } from '../../core/model/errors';
import type { AuditEntry } from '../../core/cx/audit';
import { AUDITED_KINDS, auditHashInput, diffEntity, GENESIS_HASH } from '../../core/cx/audit';

export interface AuditContext {
  opSeq: number | null;
  command: string;
  author?: string | undefined;
  deviceId?: string | undefined;
  at?: string | undefined;
  reason?: string | undefined;
}

export interface AuditPage {
  total: number;
  entries: AuditEntry[];
}

/** A downscaled photo is at most this big; originals at most ORIGINAL_MAX_BYTES. */
export const BLOB_MAX_BYTES = 8 * 1024 * 1024;
export const ORIGINAL_MAX_BYTES = 64 * 1024 * 1024;
const BLOB_MIMES = new Set(['image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'text/csv', 'text/plain']);

export interface BlobInput {
  mime: string;
  data: Uint8Array;
  width?: number;
  height?: number;
  /** The file as imported, kept only when the user chose to keep originals. */
  original?: { mime: string; data: Uint8Array };
}

export interface StoredBlob {
  id: string;
  mime: string;
  bytes: number;
  width: number | null;
  height: number | null;
  data: Buffer;
  original: Buffer | null;
  originalMime: string | null;
  createdAt: string;
}

const sha256 = (s: string | Uint8Array) => crypto.createHash('sha256').update(s).digest('hex');

/** Who did a command: its `actor` argument, if it has one. */
export function actorOfArgs(args: unknown): Pick<AuditContext, 'author' | 'deviceId' | 'at' | 'reason'> {
  const a = (args ?? {}) as { actor?: { name?: unknown; deviceId?: unknown; at?: unknown }; reason?: unknown };
  return {
    author: typeof a.actor?.name === 'string' ? a.actor.name : undefined,
    deviceId: typeof a.actor?.deviceId === 'string' ? a.actor.deviceId : undefined,
    at: typeof a.actor?.at === 'string' ? a.actor.at : undefined,
    reason: typeof a.reason === 'string' && a.reason.trim() !== '' ? a.reason : undefined,
  };
}

export class CxStore {
  private readonly stmts = new Map<string, Database.Statement>();
  constructor(private readonly db: Database.Database) {}

  private stmt(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) this.stmts.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  /**
   * Appends the entries for `changes` (as applied) given `previous[i]`, the state each change
   * replaced. Call inside the transaction that applied them.
   */
  record(ctx: AuditContext, changes: readonly Change[], previous: ReadonlyArray<Record<string, unknown> | undefined>): number {
    let written = 0;
    let prevHash: string | undefined;
    const recordedAt = new Date().toISOString();
    changes.forEach((change, i) => {
      if (change.op === 'project' || !AUDITED_KINDS.has(change.kind)) return;
      const before = previous[i];
      const after = change.op === 'put' ? (change.entity as unknown as Record<string, unknown>) : undefined;
      const id = change.op === 'put' ? change.entity.id : change.id;
      const source = after ?? before ?? {};
      const author = ctx.author ?? (typeof source.author === 'string' ? source.author : 'unknown');
      const deviceId = ctx.deviceId ?? (typeof source.deviceId === 'string' ? source.deviceId : 'unknown');
      const at = ctx.at ?? (typeof source.at === 'string' ? source.at : recordedAt);
      const reason = ctx.reason ?? (typeof after?.reason === 'string' ? after.reason : null);
      for (const f of diffEntity(before, after)) {
        prevHash ??= this.lastHash();
        const entry = { at, recordedAt, author, deviceId, opSeq: ctx.opSeq, command: ctx.command, entity: `${change.kind}:${id}`, field: f.field, old: f.old, new: f.new, reason };
        const hash = sha256(auditHashInput(prevHash, entry));
        this.stmt(`INSERT INTO cx_audit (at, recordedAt, author, deviceId, opSeq, command, entity, field, old, new, reason, prevHash, hash)
          VALUES (@at, @recordedAt, @author, @deviceId, @opSeq, @command, @entity, @field, @old, @new, @reason, @prevHash, @hash)`).run({ ...entry, prevHash, hash });
        prevHash = hash;
        written++;
      }
    });
    return written;
  }

  private lastHash(): string {
    const row = this.stmt('SELECT hash FROM cx_audit ORDER BY seq DESC LIMIT 1').get() as { hash: string } | undefined;
    return row?.hash ?? GENESIS_HASH;
  }

  /** Who made an undo step (its first audited entry), to attribute its undo when no one is named. */
  actorOfStep(opSeq: number): { author: string; deviceId: string } | undefined {
    return this.stmt('SELECT author, deviceId FROM cx_audit WHERE opSeq = ? ORDER BY seq LIMIT 1').get(opSeq) as { author: string; deviceId: string } | undefined;
  }

  /** A page of the log, oldest first; optionally only one entity (`kind:id`) or entities with a prefix. */
  page(query: { offset?: number; limit?: number; entity?: string; entityPrefix?: string } = {}): AuditPage {
    const offset = Math.max(0, Math.floor(query.offset ?? 0));
    const limit = Math.min(10_000, Math.max(1, Math.floor(query.limit ?? 100)));
    let where = '';
    const params: string[] = [];
    if (query.entity !== undefined) {
      where = 'WHERE entity = ?';
      params.push(query.entity);
    } else if (query.entityPrefix !== undefined) {
      // Prefix match without LIKE wildcards: the range [prefix, prefix + U+FFFF).
      where = 'WHERE entity >= ? AND entity < ?';
      params.push(query.entityPrefix, `${query.entityPrefix}\uffff`);
    }
    const total = (this.stmt(`SELECT count(*) AS n FROM cx_audit ${where}`).get(...params) as { n: number }).n;
    const entries = this.stmt(`SELECT * FROM cx_audit ${where} ORDER BY seq LIMIT ? OFFSET ?`).all(...params, limit, offset) as AuditEntry[];
    return { total, entries };
  }

  /** Every entry, oldest first, in pages (for exports). */
  *all(pageSize = 5000): Generator<AuditEntry> {
    for (let offset = 0; ; offset += pageSize) {
      const { entries } = this.page({ offset, limit: pageSize });
      yield* entries;
      if (entries.length < pageSize) return;
    }
  }

  /** Recomputes the hash chain. */
  verify(): { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; message: string } {
    let prev = GENESIS_HASH;
    let n = 0;
    for (const e of this.stmt('SELECT * FROM cx_audit ORDER BY seq').iterate() as Iterable<AuditEntry>) {
      n++;
      if (e.prevHash !== prev) return { ok: false, entries: n, brokenAt: e.seq, message: `entry ${e.seq} does not follow the entry before it (an entry was removed or inserted)` };
      if (sha256(auditHashInput(e.prevHash, e)) !== e.hash) return { ok: false, entries: n, brokenAt: e.seq, message: `entry ${e.seq} was altered after it was recorded` };
      prev = e.hash;
    }
    return { ok: true, entries: n };
  }

  // ---------------------------------------------------------------- blobs

  putBlob(input: BlobInput): string {
    if (!BLOB_MIMES.has(input.mime)) throw new PlenumError(`Unsupported attachment type ${input.mime}`, 'invalid', 'mime');
    if (input.data.byteLength === 0) throw new PlenumError('The attachment is empty', 'invalid', 'data');
    // Photos arrive downscaled; documents (a PDF start-up report) are kept as they are, up to the original cap.
    const cap = input.mime.startsWith('image/') ? BLOB_MAX_BYTES : ORIGINAL_MAX_BYTES;
    if (input.data.byteLength > cap) throw new PlenumError(`The attachment is ${(input.data.byteLength / 1e6).toFixed(1)} MB; ${input.mime.startsWith('image/') ? 'downscale it to' : 'the limit is'} at most ${cap / 1024 / 1024} MB`, 'invalid', 'data');
    if (input.original && input.original.data.byteLength > ORIGINAL_MAX_BYTES) throw new PlenumError(`The original is larger than ${ORIGINAL_MAX_BYTES / 1024 / 1024} MB`, 'invalid', 'original');
    const id = `blob:${sha256(input.data)}`;
    this.stmt(`INSERT INTO cx_blobs (id, mime, bytes, width, height, data, original, originalMime, createdAt)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`).run(
      id, input.mime, input.data.byteLength, input.width ?? null, input.height ?? null, Buffer.from(input.data),
      input.original ? Buffer.from(input.original.data) : null, input.original?.mime ?? null, new Date().toISOString(),
    );
    return id;
  }

  getBlob(id: string): StoredBlob | undefined {
    return this.stmt('SELECT * FROM cx_blobs WHERE id = ?').get(id) as StoredBlob | undefined;
  }

  hasBlob(id: string): boolean {
    return this.stmt('SELECT 1 FROM cx_blobs WHERE id = ?').get(id) !== undefined;
  }
}
