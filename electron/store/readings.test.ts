import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sequentialIds } from '../../core/model/ids';
import { PlenumError } from '../../core/model/errors';
import { parseReadingsCsv } from '../../core/ops/readings-csv';
import { ProjectStore } from './project-store';

/** Readings imports through a real project file: one undo step, all or nothing, undo hides. */
let dir: string;
let store: ProjectStore;
const AT = '2026-11-25T10:00:00+01:00';

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-readings-'));
  store = ProjectStore.create(path.join(dir, 'r.plenum'), { name: 'Readings', newId: sequentialIds(1) });
  store.execute('room.create', { name: 'Hall A', widthMm: 10000, depthMm: 8000 });
  const roomId = store.list('rooms')[0]!.id;
  store.execute('sensor.create', { name: 'A-01', roomId, placement: 'room' });
  store.execute('sensor.create', { name: 'Return air', roomId, placement: 'return', externalId: 'BMS.AHU1.RAT' });
});

afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const db = (s: ProjectStore) => (s as unknown as { db: Database.Database }).db;
const samples = () => (db(store).prepare('SELECT coalesce(sum(n), 0) AS n FROM env_blocks').get() as { n: number }).n;
const csv = (rows: string[]) => parseReadingsCsv(['timestamp,sensor,temperatureC,humidityPct', ...rows].join('\n'));
const roomId = () => store.list('rooms')[0]!.id;
const sensor = (name: string) => store.list('sensors').find((s) => s.name === name)!;

function refusal(f: () => unknown): PlenumError {
  try {
    f();
  } catch (e) {
    if (e instanceof PlenumError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('readings import', () => {
  it('writes the record and the samples in one undo step, matching sensors by external id or name', () => {
    const r = store.importReadings(csv(['2026-11-25T09:00:00Z,a-01,22.5,45', '2026-11-25T09:05:00Z,BMS.AHU1.RAT,31,30', '2026-11-25T09:10:00Z,A-01,23,']), { fileName: 'day.csv', at: AT });
    expect(r).toMatchObject({ rows: 3, inserted: 3, duplicates: 0, skipped: 0, sensorsCreated: [], fromAt: '2026-11-25T09:00:00.000Z', toAt: '2026-11-25T09:10:00.000Z' });
    expect(store.historyState().undo).toMatchObject({ command: 'readings.import', detail: '3 readings from day.csv' });
    const a = store.sensorSeries(sensor('A-01').id);
    expect([...a.temperatureC]).toEqual([22.5, 23]);
    expect(Number.isNaN(a.humidityPct[1]!)).toBe(true);
    expect(store.sensorSummaries().map((s) => [s.sensorId, s.samples])).toEqual([[sensor('A-01').id, 2], [sensor('Return air').id, 1]]);
    expect(store.list('readingImports')[0]).toMatchObject({ fileName: 'day.csv', rows: 3, sensorIds: [sensor('A-01').id, sensor('Return air').id] });
  });

  it('refuses bad rows and unknown sensors before writing anything', () => {
    const seq = store.historyState().undo!.seq;
    const bad = refusal(() => store.importReadings(csv(['2026-11-25T09:00:00Z,A-01,22.5,45', '2026-11-25T09:05:00Z,A-01,hot,45']), { fileName: 'bad.csv', at: AT }));
    expect(bad.message).toBe('bad.csv: 1 invalid row(s); nothing was imported (fix them, or pass --skip-invalid to import the valid rows)');
    expect(bad.details).toEqual([{ path: 'bad.csv:3', message: 'temperatureC "hot" is not a number' }]);
    const unknown = refusal(() => store.importReadings(csv(['2026-11-25T09:00:00Z,Z-99,22.5,45']), { fileName: 'u.csv', at: AT }));
    expect(unknown.message).toMatch(/^u\.csv: 1 unknown sensor\(s\): "Z-99"\. Add them to the project first, or pass --create-sensors/);
    expect(samples()).toBe(0);
    expect(store.list('readingImports')).toEqual([]);
    expect(store.historyState().undo!.seq).toBe(seq);
  });

  it('imports the valid rows with skipInvalid, and creates unknown sensors in the given room when asked', () => {
    const r = store.importReadings(csv(['2026-11-25T09:00:00Z,NEW-1,22.5,45', 'garbage', '2026-11-25T09:05:00Z,NEW-1,22.7,44']), { fileName: 's.csv', at: AT, skipInvalid: true, createSensors: { roomId: roomId() } });
    expect(r).toMatchObject({ rows: 2, skipped: 1, sensorsCreated: ['NEW-1'] });
    expect(sensor('NEW-1')).toMatchObject({ roomId: roomId(), placement: 'room' });
    // Undo takes the created sensor with the import.
    store.undo();
    expect(store.list('sensors').map((s) => s.name).sort()).toEqual(['A-01', 'Return air']);
  });

  it('hides an undone import at once, shows it again on redo, and purges it when the redo history goes', () => {
    store.importReadings(csv(['2026-11-25T09:00:00Z,A-01,22.5,45', '2026-11-25T09:05:00Z,A-01,22.6,45']), { fileName: 'a.csv', at: AT });
    const id = sensor('A-01').id;
    store.undo();
    expect(store.sensorSeries(id).t.length).toBe(0);
    expect(samples()).toBe(2);
    store.redo();
    expect(store.sensorSeries(id).t.length).toBe(2);
    store.undo();
    // Any new step drops the redo history: the hidden samples can never return and are deleted.
    store.execute('sensor.update', { id, patch: { zMm: 1500 } });
    expect(samples()).toBe(0);
    // The same file again imports in full (nothing of the old import blocks its keys).
    expect(store.importReadings(csv(['2026-11-25T09:00:00Z,A-01,22.5,45']), { fileName: 'a.csv', at: AT }).inserted).toBe(1);
  });

  it('keeps the first sample of a sensor at a given second when files overlap', () => {
    store.importReadings(csv(['2026-11-25T09:00:00Z,A-01,22.5,45']), { fileName: 'a.csv', at: AT });
    const r = store.importReadings(csv(['2026-11-25T09:00:00Z,A-01,35,45', '2026-11-25T09:05:00Z,A-01,23,45']), { fileName: 'b.csv', at: AT });
    expect(r).toMatchObject({ rows: 2, inserted: 1, duplicates: 1 });
    expect([...store.sensorSeries(sensor('A-01').id).temperatureC]).toEqual([22.5, 23]);
    expect(store.list('readingImports').find((i) => i.fileName === 'b.csv')).toMatchObject({ rows: 1, duplicates: 1 });
    // The same file a third time adds nothing, so it writes nothing: no step, no record.
    const seq = store.historyState().undo!.seq;
    expect(store.importReadings(csv(['2026-11-25T09:05:00Z,A-01,23,45', '2026-11-25T09:05:00Z,A-01,23,45']), { fileName: 'c.csv', at: AT })).toMatchObject({ importId: null, inserted: 0, duplicates: 2 });
    expect(store.historyState().undo!.seq).toBe(seq);
    expect(store.list('readingImports')).toHaveLength(2);
  });

  it('reads back what was written, to the decimal, across block boundaries and in time order', () => {
    // Out of order in the file, and more than one block (1,024 readings) long.
    const rows = Array.from({ length: 2500 }, (_, i) => `${1764061200 + (2499 - i) * 60},A-01,${(20 + (i % 97) / 100).toFixed(2)},${(40 + (i % 13) / 10).toFixed(1)}`);
    store.importReadings(csv(rows), { fileName: 'blocks.csv', at: AT });
    const s = store.sensorSeries(sensor('A-01').id);
    expect(s.t.length).toBe(2500);
    expect([...s.t].every((t, i) => i === 0 || t > s.t[i - 1]!)).toBe(true);
    // The reading taken at the first second is the file's last row (i = 2499).
    expect(s.temperatureC[0]).toBe(Number((20 + (2499 % 97) / 100).toFixed(2)));
    expect(s.humidityPct[0]).toBe(Number((40 + (2499 % 13) / 10).toFixed(1)));
    expect((db(store).prepare('SELECT count(*) AS n FROM env_blocks').get() as { n: number }).n).toBe(3);
  });

  it('writes a thousand-row batch boundary correctly', () => {
    const rows = Array.from({ length: 1234 }, (_, i) => `${1764061200 + i * 60},A-01,${20 + (i % 50) / 10},40`);
    const r = store.importReadings(csv(rows), { fileName: 'big.csv', at: AT });
    expect(r.inserted).toBe(1234);
    const s = store.sensorSeries(sensor('A-01').id, 1764061200 + 600 * 60, 1764061200 + 700 * 60);
    expect(s.t.length).toBe(100);
    expect(s.temperatureC[0]).toBeCloseTo(20 + (600 % 50) / 10);
  });
});
