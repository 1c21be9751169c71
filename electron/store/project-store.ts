/**
 * One open `.plenum` project: a SQLite file opened with better-sqlite3.
 *
 * - The file is marked by `PRAGMA application_id` and versioned by `PRAGMA user_version`.
 * - It is held with `locking_mode=EXCLUSIVE`, so a second Plenum process (or any other SQLite
 *   client) gets SQLITE_BUSY instead of silently editing the same file.
 * - Every command runs in one transaction, together with its op log entry: there is no unsaved
 *   state, and undo/redo survive a restart because they live in the file.
 * - Refusals (not SQLite, not Plenum, too new, locked, corrupt) happen before any write.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Change, DocReader } from '../../core/model/changes';
import { PlenumError } from '../../core/model/errors';
import type { IdFactory } from '../../core/model/ids';
import { randomId } from '../../core/model/ids';
import type { AnyEntity, DocumentSnapshot, EntityByKind, EntityKind, ProjectMeta } from '../../core/model/schema';
import { ENTITY_KINDS, ProjectMeta as ProjectMetaSchema } from '../../core/model/schema';
import { getCommand } from '../../core/commands';
import type { CommandDef } from '../../core/commands';
import { OPS_ID_PREFIX, recordReadingsImport } from '../../core/commands/ops';
import type { Sensor } from '../../core/model/schema';
import type { ParsedReadings } from '../../core/ops/readings-csv';
import type { Series } from '../../core/ops/series';
import type { InsertResult, SensorSummary } from './readings';
import { ReadingsStore } from './readings';
import type { HistoryState, HistoryStep, ProjectInfo } from '../../core/api';
import { formatPath } from '../../core/interchange/plenum1';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import { TABLES, fromRow, toRow } from './tables';
import { nativeBindingPath } from './native';
import type { AuditContext, AuditPage, BlobInput, StoredBlob } from './cx-store';
import { actorOfArgs, CxStore } from './cx-store';
import type { AuditEntry } from '../../core/cx/audit';
import { AUDITED_KINDS } from '../../core/cx/audit';

/** 'PLNM' in ASCII: what `PRAGMA application_id` holds in every Plenum file. */
export const PLENUM_APPLICATION_ID = 0x504c4e4d;
const SQLITE_MAGIC = 'SQLite format 3\u0000';

export interface OpenOptions {
  /** Open read-only even if the file is writable. */
  readOnly?: boolean;
}

export interface CommandApplied<R = unknown> {
  result: R;
  seq: number;
  changes: Change[];
}

export type ProgressListener = (done: number, total: number) => void;

export interface ReadingsImportOptions {
  /** For messages and the import record. */
  fileName: string;
  /** The local time of the import, with its offset. */
  at: string;
  importedBy?: string;
  skipInvalid?: boolean;
  /** Create sensors the file names but the project lacks, in this room. */
  createSensors?: { roomId: string } | false;
  onProgress?: ProgressListener;
}

export interface ReadingsImportResult {
  /** Null when every reading was already in the project: nothing was written. */
  importId: string | null;
  seq: number | null;
  changes: Change[];
  /** Distinct sensors the file has readings for. */
  sensors: number;
  rows: number;
  inserted: number;
  duplicates: number;
  skipped: number;
  sensorsCreated: string[];
  fromAt: string;
  toAt: string;
}

export interface HistoryApplied {
  seq: number;
  changes: Change[];
}

function openDatabase(path: string, options: Database.Options): Database.Database {
  const binding = nativeBindingPath();
  return new Database(path, binding ? { ...options, nativeBinding: binding } : options);
}

/**
 * Checks a file before it is opened for real. Reads the header with plain file I/O, then asks
 * SQLite through a read-only connection. Never writes.
 */
export function inspectProjectFile(path: string): { schemaVersion: number } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch {
    throw new PlenumError(`${path}: no such file`, 'io');
  }
  if (stat.isDirectory()) throw new PlenumError(`${path}: is a folder, not a Plenum project file`, 'io');
  if (stat.size === 0) throw new PlenumError(`${path}: the file is empty, so it is not a Plenum project`, 'not-sqlite');
  const header = Buffer.alloc(100);
  const fd = fs.openSync(path, 'r');
  let read: number;
  try {
    read = fs.readSync(fd, header, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (read < 100 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    throw new PlenumError(`${path}: not a Plenum project (it is not a SQLite database at all)`, 'not-sqlite');
  }
  const headerAppId = header.readUInt32BE(68);
  if (headerAppId !== 0 && headerAppId !== PLENUM_APPLICATION_ID) {
    throw new PlenumError(`${path}: a SQLite database, but not a Plenum project (application_id 0x${headerAppId.toString(16)})`, 'not-plenum');
  }
  let probe: Database.Database | undefined;
  const before = sideFiles(path);
  try {
    probe = openDatabase(path, { readonly: true, fileMustExist: true, timeout: 0 });
    const appId = probe.pragma('application_id', { simple: true }) as number;
    if (appId !== PLENUM_APPLICATION_ID) {
      throw new PlenumError(`${path}: a SQLite database, but not a Plenum project (it has no Plenum application id)`, 'not-plenum');
    }
    const version = probe.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_SCHEMA_VERSION) {
      throw new PlenumError(
        `${path}: written by a newer version of Plenum (project schema ${version}; this version reads up to ${LATEST_SCHEMA_VERSION}). Update Plenum to open it.`,
        'too-new',
      );
    }
    return { schemaVersion: version };
  } catch (err) {
    throw translateSqliteError(err, path);
  } finally {
    if (probe) closeLeavingNoTrace(probe, path, before);
  }
}

export function translateSqliteError(err: unknown, path: string): unknown {
  if (err instanceof PlenumError) return err;
  const code = (err as { code?: string }).code ?? '';
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new PlenumError(`${path}: already open in another Plenum window or process. Close it there first.`, 'locked');
  }
  if (code === 'SQLITE_NOTADB') return new PlenumError(`${path}: not a Plenum project (the SQLite header is unreadable)`, 'not-sqlite');
  if (code.startsWith('SQLITE_CORRUPT')) {
    return new PlenumError(`${path}: the project file is corrupted (${(err as Error).message}). Restore a backup; Plenum will not try to repair it.`, 'corrupt');
  }
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_IOERR')) {
    return new PlenumError(`${path}: cannot read or write the file (${(err as Error).message})`, 'io');
  }
  return err;
}

/**
 * A read-only SQLite connection to a WAL file creates `-wal` and `-shm` files it cannot remove
 * when it closes. Plenum must leave no trace on a file it only inspected or refused, so remove
 * side files this connection created (a `-wal` only while it is empty: then it holds nothing).
 */
function closeLeavingNoTrace(db: Database.Database, path: string, existedBefore: { wal: boolean; shm: boolean }): void {
  db.close();
  try {
    if (!existedBefore.wal && fs.existsSync(`${path}-wal`) && fs.statSync(`${path}-wal`).size === 0) fs.rmSync(`${path}-wal`);
    if (!existedBefore.shm && !fs.existsSync(`${path}-wal`)) fs.rmSync(`${path}-shm`, { force: true });
  } catch {
    // Best effort: a side file we cannot remove is harmless to SQLite.
  }
}

function sideFiles(path: string): { wal: boolean; shm: boolean } {
  return { wal: fs.existsSync(`${path}-wal`), shm: fs.existsSync(`${path}-shm`) };
}

function isWritable(path: string): boolean {
  try {
    fs.accessSync(path, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export class ProjectStore implements DocReader {
  private readonly stmts = new Map<string, Database.Statement>();
  private closed = false;
  private cxStore: CxStore | undefined;
  private readingsStore: ReadingsStore | undefined;

  private constructor(
    readonly path: string,
    private readonly db: Database.Database,
    readonly readOnly: boolean,
    readonly readOnlyReason: string | undefined,
    private readonly newId: IdFactory,
    /** For read-only connections: side files that existed before we opened, to clean up after. */
    private readonly sideFilesBefore: { wal: boolean; shm: boolean } | null = null,
  ) {}

  /** Creates a new, empty project. Refuses to overwrite an existing file. */
  static create(path: string, options: { name: string; newId?: IdFactory }): ProjectStore {
    if (fs.existsSync(path)) throw new PlenumError(`${path}: already exists; choose another name or open it`, 'io');
    let db: Database.Database;
    try {
      db = openDatabase(path, { timeout: 0 });
    } catch (err) {
      throw new PlenumError(`${path}: cannot create the file (${(err as Error).message})`, 'io');
    }
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('foreign_keys = ON');
      db.pragma(`application_id = ${PLENUM_APPLICATION_ID}`);
      ProjectStore.migrate(db, 0);
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('project', JSON.stringify(ProjectMetaSchema.parse({ name: options.name })));
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('createdAt', new Date().toISOString());
      // Write the header (application_id, user_version) into the main file now, so a file
      // that is never edited again is still recognised by header checks.
      db.pragma('wal_checkpoint(TRUNCATE)');
    } catch (err) {
      db.close();
      fs.rmSync(path, { force: true });
      throw err;
    }
    return new ProjectStore(path, db, false, undefined, options.newId ?? randomId);
  }

  /** Opens an existing project, refusing anything Plenum should not touch. */
  static open(path: string, options: OpenOptions & { newId?: IdFactory } = {}): ProjectStore {
    const { schemaVersion } = inspectProjectFile(path);
    const writable = isWritable(path);
    const readOnly = options.readOnly === true || !writable;
    const readOnlyReason = !writable ? 'The file is read-only on disk.' : options.readOnly ? 'Opened read-only.' : undefined;
    if (readOnly && schemaVersion < LATEST_SCHEMA_VERSION) {
      throw new PlenumError(`${path}: made by an older Plenum and needs upgrading, but it is read-only. Copy it somewhere writable first.`, 'read-only');
    }
    let db: Database.Database | undefined;
    const before = sideFiles(path);
    try {
      db = openDatabase(path, { readonly: readOnly, fileMustExist: true, timeout: 0 });
      if (!readOnly) {
        db.pragma('locking_mode = EXCLUSIVE');
        // Take the write lock now, not at the first edit: a second process must be refused
        // when it opens the file, not half-way through someone's work.
        db.exec('BEGIN IMMEDIATE');
        db.exec('ROLLBACK');
      }
      const problems = db.pragma('integrity_check(20)', { simple: false }) as Array<{ integrity_check: string }>;
      if (problems.length !== 1 || problems[0]!.integrity_check !== 'ok') {
        const first = problems.slice(0, 3).map((p) => p.integrity_check).join('; ');
        throw new PlenumError(`${path}: the project file is corrupted (integrity check: ${first}). Restore a backup; Plenum will not try to repair it.`, 'corrupt');
      }
      db.pragma('foreign_keys = ON');
      if (!readOnly) ProjectStore.migrate(db, schemaVersion);
    } catch (err) {
      if (db) closeLeavingNoTrace(db, path, before);
      throw translateSqliteError(err, path);
    }
    return new ProjectStore(path, db, readOnly, readOnlyReason, options.newId ?? randomId, readOnly ? before : null);
  }

  /** Applies every migration above `from`, each in its own transaction with its version bump. */
  private static migrate(db: Database.Database, from: number): void {
    for (const m of MIGRATIONS) {
      if (m.version <= from) continue;
      db.transaction(() => {
        db.exec(m.up);
        db.pragma(`user_version = ${m.version}`);
      }).immediate();
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.sideFilesBefore) closeLeavingNoTrace(this.db, this.path, this.sideFilesBefore);
    else this.db.close();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private stmt(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) this.stmts.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  // ------------------------------------------------------------------ reading

  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  project(): ProjectMeta {
    const row = this.stmt('SELECT value FROM meta WHERE key = ?').get('project') as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as ProjectMeta) : { name: 'Untitled' };
  }

  get<K extends EntityKind>(kind: K, id: string): EntityByKind[K] | undefined {
    const row = this.stmt(`SELECT * FROM ${TABLES[kind].table} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
    return row ? (fromRow(kind, row) as EntityByKind[K]) : undefined;
  }

  list<K extends EntityKind>(kind: K, where?: { field: string; value: string }): EntityByKind[K][] {
    const def = TABLES[kind];
    let rows: Record<string, unknown>[];
    if (where) {
      if (!def.columns.some((c) => c.name === where.field)) throw new Error(`${kind} has no column ${where.field}`);
      rows = this.stmt(`SELECT * FROM ${def.table} WHERE ${where.field} = ? ORDER BY id`).all(where.value) as Record<string, unknown>[];
    } else {
      rows = this.stmt(`SELECT * FROM ${def.table} ORDER BY id`).all() as Record<string, unknown>[];
    }
    return rows.map((r) => fromRow(kind, r) as EntityByKind[K]);
  }

  count(kind: EntityKind): number {
    return (this.stmt(`SELECT count(*) AS n FROM ${TABLES[kind].table}`).get() as { n: number }).n;
  }

  snapshot(): DocumentSnapshot {
    const snap = { project: this.project() } as DocumentSnapshot;
    for (const kind of ENTITY_KINDS) {
      const byId: Record<string, AnyEntity> = {};
      for (const row of this.stmt(`SELECT * FROM ${TABLES[kind].table}`).iterate() as Iterable<Record<string, unknown>>) {
        byId[row.id as string] = fromRow(kind, row);
      }
      (snap as unknown as Record<string, unknown>)[kind] = byId;
    }
    return snap;
  }

  info(): ProjectInfo {
    return {
      path: this.path,
      name: this.project().name,
      schemaVersion: this.schemaVersion(),
      readOnly: this.readOnly,
      ...(this.readOnlyReason ? { readOnlyReason: this.readOnlyReason } : {}),
      counts: {
        rooms: this.count('rooms'), racks: this.count('racks'), devices: this.count('devices'), deviceTypes: this.count('deviceTypes'),
        rows: this.count('rows'), rackTypes: this.count('rackTypes'), floorEquipment: this.count('floorEquipment'),
      },
    };
  }

  // ------------------------------------------------------------------ writing

  private assertWritable(): void {
    if (this.closed) throw new PlenumError('The project is closed', 'no-project');
    if (this.readOnly) throw new PlenumError(`${this.path} is open read-only: ${this.readOnlyReason ?? ''}`.trim(), 'read-only');
  }

  /** Applies changes and returns their inverse, in undo order. Call inside a transaction. */
  private applyChanges(changes: readonly Change[], onProgress?: ProgressListener): Change[] {
    const inverse: Change[] = [];
    const total = changes.length;
    // Large batches (imports) mostly create new rows: learn which ids exist with one scan per
    // table instead of one lookup per row, and use a plain INSERT for the new ones.
    const known = total > 1000 ? this.existingIds(changes) : null;
    let done = 0;
    for (const change of changes) {
      if (onProgress && ++done % 2000 === 0) onProgress(done, total);
      if (change.op === 'project') {
        inverse.push({ op: 'project', project: this.project() });
        this.stmt('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run('project', JSON.stringify(change.project));
        continue;
      }
      const def = TABLES[change.kind];
      const id = change.op === 'put' ? change.entity.id : change.id;
      const ids = known?.get(change.kind);
      if (change.op === 'put' && ids && !ids.has(id)) {
        inverse.push({ op: 'delete', kind: change.kind, id });
        this.insert(change.kind).run(toRow(change.kind, change.entity));
        ids.add(id);
        continue;
      }
      const previous = this.stmt(`SELECT * FROM ${def.table} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
      inverse.push(previous ? { op: 'put', kind: change.kind, entity: fromRow(change.kind, previous) } : { op: 'delete', kind: change.kind, id });
      if (change.op === 'put') this.upsert(change.kind).run(toRow(change.kind, change.entity));
      else {
        this.stmt(`DELETE FROM ${def.table} WHERE id = ?`).run(id);
        ids?.delete(id);
      }
    }
    onProgress?.(total, total);
    return inverse.reverse();
  }

  private existingIds(changes: readonly Change[]): Map<EntityKind, Set<string>> {
    const kinds = new Set<EntityKind>();
    for (const c of changes) if (c.op !== 'project') kinds.add(c.kind);
    const out = new Map<EntityKind, Set<string>>();
    for (const kind of kinds) {
      out.set(kind, new Set((this.stmt(`SELECT id FROM ${TABLES[kind].table}`).pluck().all() as string[])));
    }
    return out;
  }

  private readonly insertByKind = new Map<EntityKind, Database.Statement>();
  private readonly upsertByKind = new Map<EntityKind, Database.Statement>();

  private insert(kind: EntityKind): Database.Statement {
    let s = this.insertByKind.get(kind);
    if (!s) {
      const def = TABLES[kind];
      const cols = [...def.columns.map((c) => c.name), 'extra'];
      this.insertByKind.set(kind, (s = this.db.prepare(`INSERT INTO ${def.table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)));
    }
    return s;
  }

  private upsert(kind: EntityKind): Database.Statement {
    let s = this.upsertByKind.get(kind);
    if (!s) {
      const def = TABLES[kind];
      const cols = [...def.columns.map((c) => c.name), 'extra'];
      s = this.db.prepare(`INSERT INTO ${def.table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})
        ON CONFLICT(id) DO UPDATE SET ${cols.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')}`);
      this.upsertByKind.set(kind, s);
    }
    return s;
  }

  /**
   * Runs a command by name: validates its arguments, plans it against the current document, and
   * applies the changes plus the op log entry in one transaction. One call = one undo step.
   */
  execute<R = unknown>(name: string, rawArgs: unknown, options: { onProgress?: ProgressListener } = {}): CommandApplied<R> {
    this.assertWritable();
    const def = getCommand(name);
    if (!def) throw new PlenumError(`Unknown command "${name}"`, 'invalid', 'command');
    return this.runCommand<R>(def, rawArgs, options);
  }

  /**
   * The transaction of one command: plan, apply, log for undo, audit. `alongside` runs inside the
   * same transaction once the changes are applied (a readings import writes its samples there),
   * so the step and its data commit together or not at all.
   */
  private runCommand<R>(def: CommandDef, rawArgs: unknown, options: { onProgress?: ProgressListener; alongside?: (result: R) => void } = {}): CommandApplied<R> {
    const name = def.name;
    const parsed = def.args.safeParse(rawArgs);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = formatPath(issue.path);
      throw new PlenumError(`${field ? `${field}: ` : ''}${issue.message}`, 'invalid', field || undefined);
    }
    return this.db.transaction(() => {
      const plan = def.plan(this, parsed.data, { newId: this.newId });
      if (plan.changes.length === 0) return { result: plan.result as R, seq: this.lastSeq(), changes: [] };
      const inverse = this.applyChanges(plan.changes, options.onProgress);
      // A new step drops the redo history; readings an undone import hid can never return then.
      const droppedImport = this.stmt("SELECT 1 FROM oplog WHERE undone = 1 AND command = 'readings.import' LIMIT 1").get() !== undefined;
      this.stmt('DELETE FROM oplog WHERE undone = 1').run();
      if (droppedImport) this.readings.purgeOrphans();
      // Only the inverse is stored now. The forward changes are needed only for redo, and undo
      // recomputes them exactly from the rows it reverts (see undo), which keeps big imports cheap.
      const info = this.stmt('INSERT INTO oplog (command, label, forward, inverse, at) VALUES (?, ?, NULL, ?, ?)').run(
        name, plan.detail ?? '', JSON.stringify(inverse), new Date().toISOString(),
      );
      this.audit({ opSeq: Number(info.lastInsertRowid), command: name, ...actorOfArgs(parsed.data) }, plan.changes, inverse);
      options.alongside?.(plan.result as R);
      return { result: plan.result as R, seq: Number(info.lastInsertRowid), changes: plan.changes };
    }).immediate();
  }

  // ------------------------------------------------------------------ environment readings (readings.ts)

  private get readings(): ReadingsStore {
    return (this.readingsStore ??= new ReadingsStore(this.db));
  }

  /**
   * Imports parsed readings (core/ops/readings-csv.ts) as ONE undo step: the import record, the
   * sensors it creates and every sample commit together. Everything is checked first; a refusal
   * writes nothing. Sensors are matched by `externalId`, else by name, ignoring case.
   */
  importReadings(parsed: ParsedReadings, opts: ReadingsImportOptions): ReadingsImportResult {
    this.assertWritable();
    const file = opts.fileName;
    if (parsed.fatal) throw new PlenumError(`${file}: ${parsed.fatal}`, 'invalid');
    if (parsed.invalid > 0 && !opts.skipInvalid) {
      throw new PlenumError(`${file}: ${parsed.invalid} invalid row(s); nothing was imported (fix them, or pass --skip-invalid to import the valid rows)`, 'invalid', undefined, [
        ...parsed.errors.map((e) => ({ path: `${file}:${e.line}`, message: e.message })),
        ...(parsed.invalid > parsed.errors.length ? [{ path: file, message: `… and ${parsed.invalid - parsed.errors.length} more invalid rows` }] : []),
      ]);
    }
    if (parsed.rows === 0) throw new PlenumError(`${file}: no readings to import`, 'invalid');
    const byKey = new Map<string, Sensor>();
    for (const s of this.list('sensors')) {
      byKey.set((s.externalId ?? s.name).toLowerCase(), s);
      if (!byKey.has(s.name.toLowerCase())) byKey.set(s.name.toLowerCase(), s);
    }
    const unknown = parsed.sensors.filter((name) => !byKey.has(name.toLowerCase()));
    const newSensors: Sensor[] = [];
    if (unknown.length > 0) {
      if (!opts.createSensors) {
        const shown = unknown.slice(0, 10).map((n) => `"${n}"`).join(', ');
        throw new PlenumError(`${file}: ${unknown.length} unknown sensor(s): ${shown}${unknown.length > 10 ? ', …' : ''}. Add them to the project first, or pass --create-sensors (with --room) to create them`, 'invalid', 'sensor');
      }
      const room = this.get('rooms', opts.createSensors.roomId);
      if (!room) throw new PlenumError(`Room ${opts.createSensors.roomId} does not exist (for the new sensors)`, 'not-found', 'roomId');
      for (const name of unknown) {
        const sensor: Sensor = { id: this.newId(OPS_ID_PREFIX.sensors), name: name.slice(0, 120), roomId: room.id, placement: 'room', ...(name.length > 120 ? { externalId: name } : {}) };
        newSensors.push(sensor);
        byKey.set(name.toLowerCase(), sensor);
      }
    }
    const sensorIds = parsed.sensors.map((name) => byKey.get(name.toLowerCase())!.id);
    let fromT = Infinity;
    let toT = -Infinity;
    for (let i = 0; i < parsed.rows; i++) {
      const t = parsed.t[i]!;
      if (t < fromT) fromT = t;
      if (t > toT) toT = t;
    }
    const duplicates = this.readings.countDuplicates(sensorIds, parsed);
    const fresh = parsed.rows - duplicates;
    const span = { fromAt: new Date(fromT * 1000).toISOString(), toAt: new Date(toT * 1000).toISOString() };
    if (fresh === 0) {
      // Nothing new: no step, no record, nothing written (not even the sensors).
      return { importId: null, seq: null, changes: [], sensors: new Set(sensorIds).size, rows: parsed.rows, inserted: 0, duplicates, skipped: parsed.invalid, sensorsCreated: [], ...span };
    }
    const importId = this.newId(OPS_ID_PREFIX.readingImports);
    let inserted: InsertResult = { inserted: 0, duplicates: 0 };
    const applied = this.runCommand<{ id: string }>(recordReadingsImport, {
      importId,
      record: {
        fileName: file.slice(-500), importedAt: opts.at, ...(opts.importedBy ? { importedBy: opts.importedBy } : {}), rows: fresh, skipped: parsed.invalid, duplicates,
        sensorIds: [...new Set(sensorIds)], fromAt: new Date(fromT * 1000).toISOString(), toAt: new Date(toT * 1000).toISOString(),
      },
      newSensors,
    }, { alongside: () => { inserted = this.readings.insert(importId, sensorIds, parsed, opts.onProgress); } });
    // The insert's count agrees with countDuplicates: that counted visible samples only, and the
    // hidden ones of an undone import are purged by runCommand before the insert.
    return { importId, seq: applied.seq, changes: applied.changes, sensors: new Set(sensorIds).size, rows: parsed.rows, inserted: inserted.inserted, duplicates: inserted.duplicates, skipped: parsed.invalid, sensorsCreated: newSensors.map((s) => s.name), ...span };
  }

  /** One sensor's visible readings in [fromT, toT) (Unix s). */
  sensorSeries(sensorId: string, fromT?: number, toT?: number): Series {
    if (this.closed) throw new PlenumError('The project is closed', 'no-project');
    return this.readings.series(sensorId, fromT, toT);
  }

  sensorSummaries(): SensorSummary[] {
    if (this.closed) throw new PlenumError('The project is closed', 'no-project');
    return this.readings.summaries();
  }

  private lastSeq(): number {
    return (this.stmt("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'oplog'), 0) AS s").get() as { s: number }).s;
  }

  /**
   * Undoes the last step. Commissioning changes it reverts are audited (reason "undo of step N"),
   * attributed to `actor` or, when none is given, to whoever made the step.
   */
  undo(actor?: { name: string; deviceId: string; at?: string }): HistoryApplied | null {
    this.assertWritable();
    return this.db.transaction(() => {
      const row = this.stmt('SELECT seq, command, inverse FROM oplog WHERE undone = 0 ORDER BY seq DESC LIMIT 1').get() as { seq: number; command: string; inverse: string } | undefined;
      if (!row) return null;
      const changes = JSON.parse(row.inverse) as Change[];
      const forward = this.applyChanges(changes);
      this.audit(this.historyContext('undo', row.seq, row.command, actor), changes, forward);
      this.stmt('UPDATE oplog SET undone = 1, forward = ? WHERE seq = ?').run(JSON.stringify(forward), row.seq);
      return { seq: row.seq, changes };
    }).immediate();
  }

  redo(actor?: { name: string; deviceId: string; at?: string }): HistoryApplied | null {
    this.assertWritable();
    return this.db.transaction(() => {
      const row = this.stmt('SELECT seq, command, forward FROM oplog WHERE undone = 1 ORDER BY seq ASC LIMIT 1').get() as { seq: number; command: string; forward: string | null } | undefined;
      if (!row) return null;
      if (row.forward === null) throw new PlenumError(`The undo history of ${this.path} is damaged (step ${row.seq} has no redo data)`, 'corrupt');
      const changes = JSON.parse(row.forward) as Change[];
      const inverse = this.applyChanges(changes);
      this.audit(this.historyContext('redo', row.seq, row.command, actor), changes, inverse);
      this.stmt('UPDATE oplog SET undone = 0, inverse = ? WHERE seq = ?').run(JSON.stringify(inverse), row.seq);
      return { seq: row.seq, changes };
    }).immediate();
  }

  historyState(): HistoryState {
    const step = (sql: string): HistoryStep | null => {
      const row = this.stmt(sql).get() as { seq: number; command: string; label: string } | undefined;
      return row ? { seq: row.seq, command: row.command, detail: row.label } : null;
    };
    const undo = step('SELECT seq, command, label FROM oplog WHERE undone = 0 ORDER BY seq DESC LIMIT 1');
    const redo = step('SELECT seq, command, label FROM oplog WHERE undone = 1 ORDER BY seq ASC LIMIT 1');
    // A read-only file keeps its history, but it cannot be walked.
    return { canUndo: undo !== null && !this.readOnly, canRedo: redo !== null && !this.readOnly, undo, redo };
  }

  // ------------------------------------------------------------------ commissioning (cx-store.ts)

  private get cx(): CxStore {
    return (this.cxStore ??= new CxStore(this.db));
  }

  /** Appends audit entries for the audited changes among `changes`; `inverse` is what applyChanges returned. */
  private audit(ctx: AuditContext, changes: readonly Change[], inverse: readonly Change[]): void {
    if (!changes.some((c) => c.op !== 'project' && AUDITED_KINDS.has(c.kind))) return;
    // applyChanges returns one inverse per change, reversed: inverse[n - 1 - i] undoes changes[i].
    const n = changes.length;
    const previous = changes.map((_, i) => {
      const inv = inverse[n - 1 - i];
      return inv && inv.op === 'put' ? (inv.entity as unknown as Record<string, unknown>) : undefined;
    });
    this.cx.record(ctx, changes, previous);
  }

  private historyContext(kind: 'undo' | 'redo', seq: number, command: string, actor?: { name: string; deviceId: string; at?: string }): AuditContext {
    const who = actor ? { author: actor.name, deviceId: actor.deviceId } : this.cx.actorOfStep(seq);
    return { opSeq: seq, command: `${kind}:${command}`, author: who?.author, deviceId: who?.deviceId, at: actor?.at, reason: `${kind} of step ${seq}` };
  }

  /** A page of the commissioning audit log, oldest first. */
  auditLog(query: { offset?: number; limit?: number; entity?: string; entityPrefix?: string } = {}): AuditPage {
    if (this.closed) throw new PlenumError('The project is closed', 'no-project');
    return this.cx.page(query);
  }

  /** Every audit entry, oldest first (for CSV / JSON export, core/cx/audit.ts). */
  auditEntries(): AuditEntry[] {
    if (this.closed) throw new PlenumError('The project is closed', 'no-project');
    return [...this.cx.all()];
  }

  /** Recomputes the audit log's hash chain. */
  verifyAuditLog(): ReturnType<CxStore['verify']> {
    if (this.closed) throw new PlenumError('The project is closed', 'no-project');
    return this.cx.verify();
  }

  /** Stores a photo or file (already downscaled by the caller) and returns its blob id. */
  putBlob(input: BlobInput): string {
    this.assertWritable();
    return this.cx.putBlob(input);
  }

  getBlob(id: string): StoredBlob | undefined {
    if (this.closed) throw new PlenumError('The project is closed', 'no-project');
    return this.cx.getBlob(id);
  }

  /** Copies the live database to `dest` with SQLite's online backup API (consistent, WAL-aware). */
  async backupTo(dest: string): Promise<void> {
    if (this.closed) throw new PlenumError('The project is closed', 'no-project');
    await this.db.backup(dest);
  }
}
