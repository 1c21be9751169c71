import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlenumError } from '../../core/model/errors';
import { sequentialIds } from '../../core/model/ids';
import { AppServices } from '../services/app-services';
import { KEEP_BACKUPS, backupFolderFor, listBackups, newBackupName } from '../services/backups';
import { copyProject, createProject, openProjectWithBackup } from '../services/project-files';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { PLENUM_APPLICATION_ID, ProjectStore } from './project-store';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
const STORE_MODULE = pathToFileURL(path.join(HERE, 'project-store.ts')).href;
const IS_ROOT = process.getuid?.() === 0;

let dir: string;
const opened: ProjectStore[] = [];
const children: Array<{ kill(signal?: NodeJS.Signals): boolean; exitCode: number | null; signalCode: NodeJS.Signals | null }> = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-store-'));
});

afterEach(() => {
  for (const s of opened.splice(0)) s.close();
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  fs.chmodSync(dir, 0o700);
  fs.rmSync(dir, { recursive: true, force: true });
});

// ------------------------------------------------------------------ helpers

function track(store: ProjectStore): ProjectStore {
  opened.push(store);
  return store;
}

function file(name: string): string {
  return path.join(dir, name);
}

function newProject(name = 'p.plenum', projectName = 'Test'): string {
  const f = file(name);
  ProjectStore.create(f, { name: projectName, newId: sequentialIds() }).close();
  return f;
}

function fingerprint(f: string): { sha256: string; mtimeMs: number; size: number } {
  const st = fs.statSync(f);
  return { sha256: crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex'), mtimeMs: st.mtimeMs, size: st.size };
}

/** The SQLite side files (-wal, -shm, -journal) that exist next to `f`. */
function sideFiles(f: string): string[] {
  return ['-wal', '-shm', '-journal'].filter((s) => fs.existsSync(f + s)).map((s) => path.basename(f) + s);
}

function pragma(f: string, name: string): unknown {
  const db = new Database(f, { readonly: true, fileMustExist: true });
  try {
    return db.pragma(name, { simple: true });
  } finally {
    db.close();
  }
}

/** Opens `f`, expects a PlenumError with `code`, and checks the file was not touched. */
function expectRefusal(f: string, code: string, options: { readOnly?: boolean } = {}): PlenumError {
  const before = fingerprint(f);
  let caught: unknown;
  try {
    track(ProjectStore.open(f, options));
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(PlenumError);
  const err = caught as PlenumError;
  expect(err.code).toBe(code);
  expect(err.message).toContain(f);
  expect(fingerprint(f)).toEqual(before);
  return err;
}

function privateDb(store: ProjectStore): Database.Database {
  return (store as unknown as { db: Database.Database }).db;
}

/** Writes a child script into the temp dir; it imports the real store module by URL. */
function writeScript(name: string, body: string): string {
  const script = path.join(dir, name);
  fs.writeFileSync(script, `import { ProjectStore } from ${JSON.stringify(STORE_MODULE)};\n${body}`);
  return script;
}

type Child = ChildProcessByStdio<Writable, Readable, Readable>;

function spawnTsx(script: string, args: string[]): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

/** Collects stdout lines; resolves when `until(lines)` holds. Rejects if the child exits first. */
function readLines(child: Child, until: (lines: string[]) => boolean, timeoutMs = 20_000): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    let buf = '';
    let stderr = '';
    let done = false;
    const finish = (fn: () => void) => {
      if (!done) {
        done = true;
        clearTimeout(timer);
        fn();
      }
    };
    const timer = setTimeout(() => finish(() => reject(new Error(`child timed out; stderr: ${stderr}`))), timeoutMs);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const parts = buf.split('\n');
      buf = parts.pop()!;
      lines.push(...parts);
      if (until(lines)) finish(() => resolve(lines));
    });
    child.on('exit', (code, signal) => finish(() => reject(new Error(`child exited (${code ?? signal}) early; stderr: ${stderr}`))));
  });
}

function exited(child: Child): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
}

/** A file with Plenum's application_id but user_version 0 and no tables, as an early build wrote it. */
function versionZeroFile(name: string, setup?: (db: Database.Database) => void): string {
  const f = file(name);
  const db = new Database(f);
  db.pragma(`application_id = ${PLENUM_APPLICATION_ID}`);
  setup?.(db);
  db.close();
  return f;
}

// ------------------------------------------------------------------ create / open

describe('creating and opening a project', () => {
  it('creates a file that reopens with its name and content after close', () => {
    const f = file('a.plenum');
    const store = ProjectStore.create(f, { name: 'Lyon DC1', newId: sequentialIds() });
    const room = store.execute<{ id: string }>('room.create', { widthMm: 9000, depthMm: 6000 });
    store.execute('rack.create', { roomId: room.result.id, xMm: 500, yMm: 500 });
    store.close();

    const again = track(ProjectStore.open(f));
    expect(again.info()).toEqual({
      path: f, name: 'Lyon DC1', schemaVersion: LATEST_SCHEMA_VERSION, readOnly: false,
      counts: { rooms: 1, racks: 1, devices: 0, deviceTypes: 0, rows: 0, rackTypes: 0, floorEquipment: 0 },
    });
    expect(again.list('racks')[0]).toMatchObject({ name: 'R01', roomId: room.result.id, uHeight: 42 });
  });

  it('marks the file with Plenum application_id and the latest user_version, readable by plain SQLite after close', () => {
    const f = newProject();
    expect(pragma(f, 'application_id')).toBe(PLENUM_APPLICATION_ID);
    expect(pragma(f, 'user_version')).toBe(LATEST_SCHEMA_VERSION);
    // The header itself carries both, so header-only checks recognise a never-edited file.
    const header = fs.readFileSync(f).subarray(0, 100);
    expect(header.readUInt32BE(68)).toBe(PLENUM_APPLICATION_ID);
    expect(header.readUInt32BE(60)).toBe(LATEST_SCHEMA_VERSION);
  });

  it('keeps the file in WAL journal mode', () => {
    const f = newProject();
    expect(pragma(f, 'journal_mode')).toBe('wal');
  });

  it('creates every table as STRICT', () => {
    const f = newProject();
    const db = new Database(f, { readonly: true });
    const tables = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string; strict: number }>;
    const sql = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string; sql: string }>;
    db.close();
    expect(tables.map((t) => t.name)).toEqual(['annotations', 'backup_policies', 'backup_runs', 'contacts', 'cx_answers', 'cx_audit', 'cx_blobs', 'cx_instances', 'cx_issues', 'cx_sign_offs', 'cx_templates', 'device_types', 'devices', 'doors', 'env_blocks', 'env_readings',
      'floor_equipment', 'licence_assignments', 'licences', 'maintenance', 'maintenance_schedules', 'meta', 'obstacles', 'oplog', 'ops_events', 'power_elements', 'power_feeds', 'rack_types', 'racks', 'reading_imports', 'rooms', 'rows', 'sensors']);
    expect(tables.every((t) => t.strict === 1)).toBe(true);
    for (const t of sql) expect(t.sql, t.name).toMatch(/\)\s*STRICT(,\s*WITHOUT ROWID)?\s*$/);
  });

  it('turns foreign keys on for the open connection', () => {
    const store = track(ProjectStore.open(newProject()));
    expect(privateDb(store).pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() => privateDb(store).prepare("INSERT INTO racks (id, name, roomId, xMm, yMm, rotationDeg, uHeight, widthMm, depthMm, maxKw, maxKg) VALUES ('r', 'r', 'nowhere', 0, 0, 0, 42, 600, 1200, 1, 1)").run())
      .toThrow(/FOREIGN KEY/);
  });

  it('refuses to create over an existing file and leaves that file alone', () => {
    const f = file('exists.plenum');
    fs.writeFileSync(f, 'precious');
    const before = fingerprint(f);
    expect(() => ProjectStore.create(f, { name: 'x' })).toThrow(expect.objectContaining({ code: 'io' }));
    expect(fingerprint(f)).toEqual(before);
  });
});

// ------------------------------------------------------------------ migrations

describe('migrations', () => {
  it('migrates a Plenum file at user_version 0 to the latest schema when it is opened', () => {
    const f = versionZeroFile('v0.plenum');
    expect(pragma(f, 'user_version')).toBe(0);
    const store = track(ProjectStore.open(f, { newId: sequentialIds() }));
    expect(store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    // The migrated schema works: a command runs and is undoable.
    store.execute('room.create', { widthMm: 1000, depthMm: 1000 });
    expect(store.count('rooms')).toBe(1);
    expect(store.historyState().canUndo).toBe(true);
    store.close();
    expect(pragma(f, 'user_version')).toBe(LATEST_SCHEMA_VERSION);
    expect(pragma(f, 'application_id')).toBe(PLENUM_APPLICATION_ID);
  });

  it('rolls a failing migration back completely, leaving user_version and the schema as they were', () => {
    // MIGRATIONS cannot be injected, so make the real migration 001 fail on its last statement:
    // a table named "oplog" already exists. Everything it created before must be rolled back.
    const f = versionZeroFile('clash.plenum', (db) => db.exec('CREATE TABLE oplog (x)'));
    expect(() => ProjectStore.open(f)).toThrow(/oplog/);
    expect(pragma(f, 'user_version')).toBe(0);
    const db = new Database(f, { readonly: true });
    const names = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name);
    db.close();
    expect(names).toEqual(['oplog']);
  });

  it('refuses to open an old file read-only, because it would need migrating', () => {
    const f = versionZeroFile('old.plenum');
    const err = expectRefusal(f, 'read-only', { readOnly: true });
    expect(err.message).toContain('older');
    expect(pragma(f, 'user_version')).toBe(0);
  });
});

// ------------------------------------------------------------------ refusals

describe('refusing files Plenum should not touch', () => {
  it('refuses a text file as not-sqlite and leaves it untouched', () => {
    const f = file('notes.plenum');
    fs.writeFileSync(f, 'These are my notes about the data hall. Not a database.\n'.repeat(10));
    expectRefusal(f, 'not-sqlite');
    expect(sideFiles(f)).toEqual([]);
  });

  it('refuses a text file shorter than a SQLite header as not-sqlite', () => {
    const f = file('short.plenum');
    fs.writeFileSync(f, 'hello\n');
    expectRefusal(f, 'not-sqlite');
    expect(sideFiles(f)).toEqual([]);
  });

  it('refuses an empty file as not-sqlite and leaves it untouched', () => {
    const f = file('empty.plenum');
    fs.writeFileSync(f, '');
    expectRefusal(f, 'not-sqlite');
    expect(fs.statSync(f).size).toBe(0);
    expect(sideFiles(f)).toEqual([]);
  });

  it('refuses a plain SQLite database as not-plenum and leaves it untouched', () => {
    const f = file('other.db');
    const db = new Database(f);
    db.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES (\'Ada\')');
    db.close();
    expectRefusal(f, 'not-plenum');
    expect(sideFiles(f)).toEqual([]);
  });

  it('refuses a SQLite database of another application (other application_id) as not-plenum', () => {
    const f = file('foreign.db');
    const db = new Database(f);
    db.pragma('application_id = 1234');
    db.exec('CREATE TABLE t (x)');
    db.close();
    const err = expectRefusal(f, 'not-plenum');
    expect(err.message).toContain('0x4d2');
    expect(sideFiles(f)).toEqual([]);
  });

  it('refuses a Plenum file with user_version 99 as too-new, leaves it untouched and leaves no -wal/-shm behind', () => {
    const f = newProject('future.plenum');
    const db = new Database(f);
    db.pragma('user_version = 99');
    db.close();
    expect(sideFiles(f)).toEqual([]);
    const err = expectRefusal(f, 'too-new');
    expect(err.message).toContain('99');
    expect(sideFiles(f)).toEqual([]);
  });

  it('refuses a project held open by another process as locked, without touching it', async () => {
    const f = newProject('held.plenum');
    const script = writeScript('hold.mts', `
const store = ProjectStore.open(process.argv[2]);
process.stdout.write('ready\\n');
process.stdin.resume();
process.stdin.on('end', () => { store.close(); process.stdout.write('closed\\n'); });
`);
    const child = spawnTsx(script, [f]);
    await readLines(child, (l) => l.includes('ready'));
    const sidesWhileHeld = sideFiles(f);
    const walBefore = fs.existsSync(`${f}-wal`) ? fingerprint(`${f}-wal`) : null;

    expectRefusal(f, 'locked');
    expectRefusal(f, 'locked', { readOnly: true });
    expect(sideFiles(f)).toEqual(sidesWhileHeld);
    expect(fs.existsSync(`${f}-wal`) ? fingerprint(`${f}-wal`) : null).toEqual(walBefore);

    child.stdin.end();
    expect(await exited(child)).toEqual({ code: 0, signal: null });
    // Once the other process has let go, the file opens normally.
    expect(track(ProjectStore.open(f)).info().name).toBe('Test');
  });

  it('refuses a project whose table pages were overwritten with garbage as corrupt, leaving it untouched and leaving no -wal/-shm behind', () => {
    const f = file('demo.plenum');
    createProject(f, { demo: true }).close();
    expect(sideFiles(f)).toEqual([]);
    // Find a leaf page of the devices table (not page 1), using a separate connection.
    const probe = new Database(f, { readonly: true });
    const pageSize = probe.pragma('page_size', { simple: true }) as number;
    const leaves = (probe.prepare("SELECT pageno FROM dbstat WHERE name = 'devices' AND pagetype = 'leaf' ORDER BY pageno").all() as Array<{ pageno: number }>).map((r) => r.pageno);
    probe.close();
    for (const side of ['-wal', '-shm']) fs.rmSync(f + side, { force: true });
    expect(leaves.length).toBeGreaterThan(3);
    const page = leaves[Math.floor(leaves.length / 2)]!;
    expect(page).toBeGreaterThan(1);

    const header = fs.readFileSync(f).subarray(0, 100);
    const garbage = Buffer.alloc(pageSize - 200);
    let x = 0x2545f491;
    for (let i = 0; i < garbage.length; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      garbage[i] = x >>> 24;
    }
    const fd = fs.openSync(f, 'r+');
    fs.writeSync(fd, garbage, 0, garbage.length, (page - 1) * pageSize + 100);
    fs.closeSync(fd);
    // The SQLite header is intact: only the table page is damaged.
    expect(fs.readFileSync(f).subarray(0, 100).equals(header)).toBe(true);

    const err = expectRefusal(f, 'corrupt');
    expect(err.message).toContain('backup');
    expect(sideFiles(f)).toEqual([]);
  });
});

// ------------------------------------------------------------------ read-only

describe('read-only projects', () => {
  function projectWithRoom(): string {
    const f = file('ro.plenum');
    const store = ProjectStore.create(f, { name: 'RO', newId: sequentialIds() });
    store.execute('room.create', { name: 'Hall', widthMm: 5000, depthMm: 5000 });
    store.close();
    return f;
  }

  function expectReadOnlyStore(store: ProjectStore, reason: string): void {
    expect(store.readOnly).toBe(true);
    expect(store.readOnlyReason).toBe(reason);
    expect(store.info()).toMatchObject({ readOnly: true, readOnlyReason: reason, counts: { rooms: 1 } });
    expect(() => store.execute('room.create', { widthMm: 1000, depthMm: 1000 })).toThrow(expect.objectContaining({ code: 'read-only' }));
    expect(() => store.undo()).toThrow(expect.objectContaining({ code: 'read-only' }));
    // The history is kept and shown, but a read-only file cannot walk it.
    expect(store.historyState()).toMatchObject({ canUndo: false, canRedo: false, undo: { command: 'room.create' }, redo: null });
  }

  it('opens with readOnly: true, reads the project, refuses edits with code read-only and leaves the file unchanged', () => {
    const f = projectWithRoom();
    const before = fingerprint(f);
    const store = track(ProjectStore.open(f, { readOnly: true }));
    expectReadOnlyStore(store, 'Opened read-only.');
    expect(store.list('rooms').map((r) => r.name)).toEqual(['Hall']);
    store.close();
    expect(fingerprint(f)).toEqual(before);
  });

  it('leaves no -wal or -shm file next to the project after a read-only open and close', () => {
    const f = projectWithRoom();
    expect(sideFiles(f)).toEqual([]);
    ProjectStore.open(f, { readOnly: true }).close();
    expect(sideFiles(f)).toEqual([]);
  });

  it.skipIf(IS_ROOT)('opens a file that is read-only on disk (chmod 0444) read-only, with the reason, and leaves it unchanged', () => {
    const f = projectWithRoom();
    fs.chmodSync(f, 0o444);
    const before = fingerprint(f);
    const store = track(ProjectStore.open(f));
    expectReadOnlyStore(store, 'The file is read-only on disk.');
    store.close();
    expect(fingerprint(f)).toEqual(before);
  });
});

// ------------------------------------------------------------------ undo / redo

describe('undo and redo', () => {
  function seeded(): { f: string; roomId: string } {
    const f = file('h.plenum');
    const store = ProjectStore.create(f, { name: 'H', newId: sequentialIds() });
    const roomId = store.execute<{ id: string }>('room.create', { name: 'Hall', widthMm: 9000, depthMm: 9000 }).result.id;
    for (const name of ['A', 'B', 'C']) store.execute('rack.create', { roomId, name, xMm: 0, yMm: 0 });
    store.close();
    return { f, roomId };
  }

  it('keeps the undo and redo stacks across a close and reopen, and redo works after the restart', () => {
    const { f } = seeded();
    let store = ProjectStore.open(f);
    expect(store.undo()!.seq).toBe(4);
    expect(store.undo()!.seq).toBe(3);
    expect(store.list('racks').map((r) => r.name)).toEqual(['A']);
    store.close();

    store = track(ProjectStore.open(f, { newId: sequentialIds(100) }));
    expect(store.historyState()).toEqual({
      canUndo: true, canRedo: true,
      undo: { seq: 2, command: 'rack.create', detail: 'A' },
      redo: { seq: 3, command: 'rack.create', detail: 'B' },
    });
    const redone = store.redo()!;
    expect(redone.seq).toBe(3);
    expect(redone.changes).toEqual([{ op: 'put', kind: 'racks', entity: expect.objectContaining({ name: 'B' }) }]);
    expect(store.list('racks').map((r) => r.name).sort()).toEqual(['A', 'B']);
    expect(store.historyState().redo).toEqual({ seq: 4, command: 'rack.create', detail: 'C' });
  });

  it('drops the redo stack when a new command is run after an undo', () => {
    const { f, roomId } = seeded();
    const store = track(ProjectStore.open(f, { newId: sequentialIds(100) }));
    store.undo();
    store.undo();
    store.execute('rack.create', { roomId, name: 'D', xMm: 0, yMm: 0 });
    const state = store.historyState();
    expect(state.canRedo).toBe(false);
    expect(state.redo).toBeNull();
    expect(state.undo).toMatchObject({ command: 'rack.create', detail: 'D' });
    expect(store.redo()).toBeNull();
    expect(store.list('racks').map((r) => r.name).sort()).toEqual(['A', 'D']);
    // The dropped steps stay dropped after a restart too.
    store.close();
    const again = track(ProjectStore.open(f));
    expect(again.historyState().canRedo).toBe(false);
  });

  it('undoes a multi-rack delete in one step, restoring every rack and its devices', () => {
    const f = file('m.plenum');
    const store = track(ProjectStore.create(f, { name: 'M', newId: sequentialIds() }));
    store.execute('deviceType.upsert', { deviceType: { id: 'dt:1u', manufacturer: 'Acme', model: 'One', uHeight: 1, fullDepth: false, weightKg: 10, powerMaxW: 100, powerTypicalW: 50, airflow: 'front-to-rear' } });
    const roomId = store.execute<{ id: string }>('room.create', { widthMm: 9000, depthMm: 9000 }).result.id;
    const racks = [0, 1, 2].map((i) => store.execute<{ id: string }>('rack.create', { roomId, xMm: i * 600, yMm: 0 }).result.id);
    for (const rackId of racks) for (const position of [1, 2, 3]) store.execute('device.create', { rackId, typeId: 'dt:1u', position });
    const before = store.snapshot();
    expect(store.count('devices')).toBe(9);

    const del = store.execute('rack.delete', { ids: racks });
    expect(store.count('racks')).toBe(0);
    expect(store.count('devices')).toBe(0);
    expect(store.historyState().undo).toEqual({ seq: del.seq, command: 'rack.delete', detail: 'R01, R02, R03' });

    const undone = store.undo()!;
    expect(undone.seq).toBe(del.seq);
    expect(store.snapshot()).toEqual(before);
    // The step before the delete is the last device.create: the delete was exactly one step.
    expect(store.historyState().undo).toMatchObject({ command: 'device.create', seq: del.seq - 1 });
  });

  it('undoes and redoes an import of more than 1000 entities, some replacing existing ones, exactly, across a restart', () => {
    const f = file('bulk.plenum');
    const store = ProjectStore.create(f, { name: 'Bulk', newId: sequentialIds() });
    const type = { id: 'dt:1u', manufacturer: 'Acme', model: 'One', uHeight: 1, fullDepth: false, weightKg: 10, powerMaxW: 100, powerTypicalW: 50, airflow: 'front-to-rear' as const };
    store.execute('document.import', {
      document: {
        format: 'plenum/1',
        deviceTypes: [type],
        rooms: [{ id: 'room:a', name: 'A', widthMm: 50_000, depthMm: 50_000 }],
        racks: [{ id: 'rack:old', name: 'OLD', roomId: 'room:a', xMm: 0, yMm: 0, rotationDeg: 0, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 5, maxKg: 900 }],
        devices: [{ id: 'dev:old', name: 'old', rackId: 'rack:old', typeId: 'dt:1u', position: 1, face: 'front' }],
      },
    });
    const before = store.snapshot();
    const racks = Array.from({ length: 1100 }, (_, i) => ({
      id: `rack:n${i}`, name: `N${String(i).padStart(4, '0')}`, roomId: 'room:a', xMm: i * 10, yMm: 100, rotationDeg: 0, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 5, maxKg: 900, note: `extra ${i}`,
    }));
    const applied = store.execute<{ racks: number }>('document.import', {
      document: {
        format: 'plenum/1',
        deviceTypes: [{ ...type, weightKg: 12 }],
        rooms: [{ id: 'room:a', name: 'A renamed', widthMm: 50_000, depthMm: 50_000 }],
        racks: [{ ...before.racks['rack:old']!, xMm: 4242 }, ...racks],
        devices: [{ ...before.devices['dev:old']!, position: 5 }],
      },
    });
    expect(applied.result.racks).toBe(1101);
    const after = store.snapshot();
    expect(Object.keys(after.racks)).toHaveLength(1101);
    expect(after.racks['rack:n7']).toMatchObject({ name: 'N0007', note: 'extra 7' });
    expect(after.rooms['room:a']!.name).toBe('A renamed');

    store.undo();
    expect(store.snapshot()).toEqual(before);
    store.redo();
    expect(store.snapshot()).toEqual(after);
    store.close();

    const again = track(ProjectStore.open(f));
    expect(again.snapshot()).toEqual(after);
    again.undo();
    expect(again.snapshot()).toEqual(before);
  });

  it('applies nothing and logs nothing when a command is refused', () => {
    const { f, roomId } = seeded();
    const store = track(ProjectStore.open(f));
    const before = store.snapshot();
    expect(() => store.execute('rack.create', { roomId, name: 'a', xMm: 0, yMm: 0 })).toThrow(expect.objectContaining({ code: 'conflict', field: 'name' }));
    expect(() => store.execute('rack.create', { roomId, xMm: 'left', yMm: 0 })).toThrow(expect.objectContaining({ code: 'invalid', field: 'xMm' }));
    expect(store.snapshot()).toEqual(before);
    expect(store.historyState().undo!.seq).toBe(4);
  });
});

// ------------------------------------------------------------------ crash safety

describe('crash safety', () => {
  it('keeps every committed command when the writing process is killed with SIGKILL', async () => {
    const f = file('crash.plenum');
    const seed = ProjectStore.create(f, { name: 'Crash' });
    seed.execute('room.create', { widthMm: 100_000, depthMm: 100_000 });
    seed.close();
    const script = writeScript('writer.mts', `
const store = ProjectStore.open(process.argv[2]);
const roomId = store.list('rooms')[0].id;
for (let i = 0; ; i++) {
  const applied = store.execute('rack.create', { roomId, name: 'K' + i, xMm: i * 10, yMm: 0 });
  process.stdout.write(applied.seq + ' ' + applied.result.id + '\\n');
  await new Promise((resolve) => setImmediate(resolve));
}
`);
    const child = spawnTsx(script, [f]);
    const lines = await readLines(child, (l) => l.length >= 50);
    child.kill('SIGKILL');
    expect(await exited(child)).toEqual({ code: null, signal: 'SIGKILL' });

    const printed = lines.filter((l) => /^\d+ \S+$/.test(l)).map((l) => {
      const [seq, id] = l.split(' ');
      return { seq: Number(seq), id: id! };
    });
    expect(printed.length).toBeGreaterThanOrEqual(50);

    // open() runs integrity_check and refuses a damaged file.
    const store = track(ProjectStore.open(f));
    for (const { id } of printed) expect(store.get('racks', id), id).toBeDefined();
    expect(store.historyState().undo!.seq).toBeGreaterThanOrEqual(printed[printed.length - 1]!.seq);
    store.close();

    const db = new Database(f);
    const seqs = new Set((db.prepare('SELECT seq FROM oplog WHERE undone = 0').all() as Array<{ seq: number }>).map((r) => r.seq));
    db.close();
    for (const { seq } of printed) expect(seqs.has(seq), `seq ${seq}`).toBe(true);
  });
});

// ------------------------------------------------------------------ copies and backups

describe('Save As, Duplicate and backups', () => {
  it('copies the open project with the backup API into a file that opens with the same snapshot', async () => {
    const f = file('src.plenum');
    const store = track(createProject(f, { name: 'Source' }));
    const roomId = store.execute<{ id: string }>('room.create', { widthMm: 5000, depthMm: 5000 }).result.id;
    store.execute('rack.create', { roomId, xMm: 0, yMm: 0 });

    const dest = await copyProject(store, file('copy'));
    expect(dest).toBe(file('copy.plenum'));
    const copy = track(ProjectStore.open(dest));
    expect(copy.snapshot()).toEqual(store.snapshot());
    expect(copy.info().counts).toEqual({ rooms: 1, racks: 1, devices: 0, deviceTypes: 0, rows: 0, rackTypes: 0, floorEquipment: 0 });
    // The copy is independent of the original.
    copy.execute('room.create', { widthMm: 1000, depthMm: 1000 });
    expect(store.count('rooms')).toBe(1);
  });

  it('refuses to copy a project onto an existing file or onto itself', async () => {
    const f = file('src.plenum');
    const store = track(createProject(f, { name: 'Source' }));
    const other = file('other.plenum');
    fs.writeFileSync(other, 'keep me');
    await expect(copyProject(store, other)).rejects.toMatchObject({ code: 'io', field: 'path' });
    expect(fs.readFileSync(other, 'utf8')).toBe('keep me');
    await expect(copyProject(store, f)).rejects.toMatchObject({ code: 'invalid', field: 'path' });
  });

  it('takes a backup in the user-data backups folder each time a project is opened, keeping the newest KEEP_BACKUPS', async () => {
    const f = newProject('rolling.plenum', 'v0');
    const root = file('user-data/backups');
    const folder = backupFolderFor(root, f);
    const opens = KEEP_BACKUPS + 3;
    for (let i = 1; i <= opens; i++) {
      const store = await openProjectWithBackup(f, root);
      expect(listBackups(folder)).toHaveLength(Math.min(i, KEEP_BACKUPS));
      // The name written now shows up in the backup taken at the next open.
      store.execute('project.rename', { name: `v${i}` });
      store.close();
    }
    const kept = listBackups(folder);
    expect(kept).toHaveLength(KEEP_BACKUPS);
    expect(path.dirname(folder)).toBe(root);
    const names = kept.map((b) => {
      const s = ProjectStore.open(path.join(folder, b.id), { readOnly: true });
      const name = s.project().name;
      s.close();
      return name;
    });
    // Newest first: the backup taken at open N holds the state saved by session N-1.
    expect(names).toEqual(Array.from({ length: KEEP_BACKUPS }, (_, k) => `v${opens - 1 - k}`));
  });

  it('lists two backups taken in the same millisecond newest first', () => {
    const folder = file('same-ms');
    fs.mkdirSync(folder);
    const at = new Date('2030-01-02T03:04:05.678Z');
    const first = newBackupName(at);
    const second = newBackupName(at);
    expect(second).not.toBe(first);
    fs.writeFileSync(path.join(folder, first), 'first');
    fs.writeFileSync(path.join(folder, second), 'second');
    expect(listBackups(folder).map((b) => b.id)).toEqual([second, first]);
  });

  it('restores an earlier backup through AppServices, losing the edit made after it and keeping the replaced state as a backup', async () => {
    const userDataDir = file('user-data');
    const f = newProject('restore.plenum', 'Restore me');
    const services = new AppServices({ userDataDir, mode: 'browser', version: 'test', platform: process.platform });
    try {
      await services.openProject(f);
      const created = await services.handle('cmd.room.create', { name: 'Added later', widthMm: 3000, depthMm: 3000 });
      expect(created.ok).toBe(true);
      const listed = await services.handle('backups.list', {});
      if (!listed.ok) throw new Error(listed.error.message);
      const backups = listed.value as Array<{ id: string }>;
      expect(backups).toHaveLength(1);

      const restored = await services.handle('backups.restore', { id: backups[0]!.id });
      expect(restored).toMatchObject({ ok: true, value: { path: f, name: 'Restore me', counts: { rooms: 0 } } });
      const snap = await services.handle('doc.snapshot', {});
      expect(snap.ok && Object.keys((snap.value as { rooms: object }).rooms)).toEqual([]);

      // The state that was replaced was itself backed up, so the restore can be reversed.
      const after = await services.handle('backups.list', {});
      const ids = (after.ok ? (after.value as Array<{ id: string }>) : []).map((b) => b.id);
      expect(ids).toHaveLength(3);
      const folder = backupFolderFor(path.join(userDataDir, 'backups'), f);
      const roomsIn = ids.map((id) => {
        const s = ProjectStore.open(path.join(folder, id), { readOnly: true });
        const n = s.list('rooms').map((r) => r.name);
        s.close();
        return n;
      });
      expect(roomsIn).toContainEqual(['Added later']);
    } finally {
      services.close();
    }
  });

  it('refuses a backup id that is not a bare backup file name', async () => {
    const services = new AppServices({ userDataDir: file('ud'), mode: 'browser', version: 'test', platform: process.platform });
    try {
      await services.openProject(newProject());
      const res = await services.handle('backups.restore', { id: '../p.plenum' });
      expect(res).toMatchObject({ ok: false, error: { code: 'invalid', field: 'id' } });
    } finally {
      services.close();
    }
  });
});
