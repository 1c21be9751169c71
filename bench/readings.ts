/**
 * The environment readings bench (issue 7 §8), into real SQLite project files:
 *  1. `plenum import FILE readings.csv` of 1,000,000 readings (100 sensors × 10,000 five-minute
 *     samples), the way the CLI does it — stream the file through the CSV parser, validate every
 *     row, count duplicates, then one transaction with the import record and the samples — versus
 *     the bare insert floor: the same rows, already in memory, through one prepared single-row
 *     INSERT in one transaction into a plain row-per-reading table (sensorId, t, °C, %RH) with
 *     its primary key, the simplest way to store them. Target: ≤ 3× the floor. (Plenum stores
 *     readings packed in blocks, electron/store/readings.ts, which is why it can beat the floor's
 *     write; its cost is parsing and validating the CSV.)
 *  2. A chart of a year of 5-minute readings (105,120 samples of one sensor): reading the range
 *     from the file and downsampling it to 600 min/max/mean buckets with its excursions, as the
 *     Operate workspace does on every zoom. Target: ≤ 100 ms, so zooming stays responsive.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ReadingsCsvParser } from '../core/ops/readings-csv';
import { ProjectStore } from '../electron/store/project-store';
import { sensorChart } from '../electron/services/ops';

export const IMPORT_RATIO_TARGET = 3;
export const CHART_TARGET_MS = 100;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const T0 = Date.UTC(2026, 0, 1) / 1000;

function writeCsv(file: string, sensors: number, perSensor: number): void {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, 'timestamp,sensor,temperatureC,humidityPct\n');
  const lines: string[] = [];
  for (let i = 0; i < perSensor; i++) {
    const iso = new Date((T0 + i * 300) * 1000).toISOString().replace('.000Z', 'Z');
    for (let s = 0; s < sensors; s++) {
      lines.push(`${iso},S-${String(s).padStart(3, '0')},${(21 + ((i * 7 + s) % 50) / 10).toFixed(1)},${40 + ((i + s) % 20)}`);
    }
    if (lines.length >= 50_000) {
      fs.writeSync(fd, lines.join('\n') + '\n');
      lines.length = 0;
    }
  }
  if (lines.length) fs.writeSync(fd, lines.join('\n') + '\n');
  fs.closeSync(fd);
}

function newProject(file: string, sensors: number): ProjectStore {
  fs.rmSync(file, { force: true });
  const store = ProjectStore.create(file, { name: 'bench' });
  const roomId = store.execute<{ id: string }>('room.create', { name: 'Hall A', widthMm: 30_000, depthMm: 20_000 }).result.id;
  for (let s = 0; s < sensors; s++) store.execute('sensor.create', { name: `S-${String(s).padStart(3, '0')}`, roomId, placement: 'room' });
  return store;
}

/** What `plenum import` does: stream, parse, validate, then one transaction. */
function plenumImport(project: string, csv: string, sensors: number): { ms: number; parseMs: number; rows: number } {
  const store = newProject(project, sensors);
  const t0 = performance.now();
  const parser = new ReadingsCsvParser({ fileName: 'readings.csv' });
  const fd = fs.openSync(csv, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  const decoder = new TextDecoder();
  for (;;) {
    const n = fs.readSync(fd, buf, 0, buf.length, null);
    if (n === 0) break;
    parser.push(decoder.decode(buf.subarray(0, n), { stream: true }));
  }
  fs.closeSync(fd);
  const parsed = parser.finish();
  const parseMs = performance.now() - t0;
  const r = store.importReadings(parsed, { fileName: 'readings.csv', at: '2026-11-25T10:00:00+01:00' });
  const ms = performance.now() - t0;
  store.close();
  if (r.inserted !== parsed.rows) throw new Error(`inserted ${r.inserted} of ${parsed.rows}`);
  return { ms, parseMs, rows: r.inserted };
}

/** The floor: the rows already in memory, one prepared INSERT per row, one transaction. */
function bareInsert(project: string, sensors: number, perSensor: number): number {
  newProject(project, sensors).close();
  const reader = new Database(project, { readonly: true });
  const ids = reader.prepare('SELECT id, name FROM sensors ORDER BY name').all() as Array<{ id: string }>;
  reader.close();
  const n = sensors * perSensor;
  const sensorIdx = new Int32Array(n);
  const t = new Float64Array(n);
  const temp = new Float64Array(n);
  const rh = new Float64Array(n);
  for (let i = 0, k = 0; i < perSensor; i++) {
    for (let s = 0; s < sensors; s++, k++) {
      sensorIdx[k] = s;
      t[k] = T0 + i * 300;
      temp[k] = 21 + ((i * 7 + s) % 50) / 10;
      rh[k] = 40 + ((i + s) % 20);
    }
  }
  const t0 = performance.now();
  const db = new Database(project);
  // (The table is created inside the timing, as Plenum's import creates its rows inside its own.)
  db.pragma('journal_mode = WAL');
  db.pragma('locking_mode = EXCLUSIVE');
  db.exec('CREATE TABLE readings (sensorId TEXT NOT NULL, t INTEGER NOT NULL, temperatureC REAL NOT NULL, humidityPct REAL, PRIMARY KEY (sensorId, t)) STRICT, WITHOUT ROWID');
  const insert = db.prepare('INSERT INTO readings (sensorId, t, temperatureC, humidityPct) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (let k = 0; k < n; k++) insert.run(ids[sensorIdx[k]!]!.id, t[k], temp[k], rh[k]);
  })();
  db.close();
  return performance.now() - t0;
}

export function benchReadings(dir: string, runs: number): { importMs: number; bareMs: number; ratio: number; chartMs: number } {
  const sensors = 100;
  const perSensor = 10_000;
  const csv = path.join(dir, 'readings.csv');
  writeCsv(csv, sensors, perSensor);
  const mb = fs.statSync(csv).size / 1e6;
  console.log(`Environment readings: ${(sensors * perSensor).toLocaleString('en')} readings, ${sensors} sensors, CSV ${mb.toFixed(0)} MB`);
  const imports: number[] = [];
  const parses: number[] = [];
  const bares: number[] = [];
  for (let r = 0; r < runs; r++) {
    const p = plenumImport(path.join(dir, 'readings.plenum'), csv, sensors);
    imports.push(p.ms);
    parses.push(p.parseMs);
    bares.push(bareInsert(path.join(dir, 'bare.plenum'), sensors, perSensor));
  }
  const mi = median(imports);
  const mb2 = median(bares);
  const ratio = mi / mb2;
  console.log(`  plenum import (stream, parse, validate, write)      ${mi.toFixed(0).padStart(6)} ms   (parse + validate ${median(parses).toFixed(0)} ms)`);
  console.log(`  bare insert floor (rows in memory, one INSERT/row)  ${mb2.toFixed(0).padStart(6)} ms`);
  console.log(`  ratio                                               ${ratio.toFixed(2)}×   target ≤ ${IMPORT_RATIO_TARGET}× ${ratio <= IMPORT_RATIO_TARGET ? 'OK' : 'MISSED'}`);
  console.log(`  all runs: import [${imports.map((x) => x.toFixed(0)).join(', ')}] bare [${bares.map((x) => x.toFixed(0)).join(', ')}]`);

  // A year of one sensor, every 5 minutes.
  const yearCsv = path.join(dir, 'year.csv');
  const yearLines = ['timestamp,sensor,temperatureC,humidityPct'];
  for (let i = 0; i < 105_120; i++) yearLines.push(`${T0 + i * 300},S-000,${(22 + 2 * Math.sin(i / 288 * 2 * Math.PI) + (i % 5000 === 0 ? 12 : 0)).toFixed(2)},${45 + (i % 10)}`);
  fs.writeFileSync(yearCsv, yearLines.join('\n'));
  const project = path.join(dir, 'year.plenum');
  const store = newProject(project, 1);
  const parser = new ReadingsCsvParser();
  parser.push(fs.readFileSync(yearCsv, 'utf8'));
  store.importReadings(parser.finish(), { fileName: 'year.csv', at: '2026-11-25T10:00:00+01:00' });
  const snap = store.snapshot();
  const sensorId = Object.keys(snap.sensors)[0]!;
  const charts: number[] = [];
  let last = sensorChart(store, snap, sensorId, { buckets: 600 });
  for (let r = 0; r < Math.max(5, runs * 2); r++) {
    const t0 = performance.now();
    last = sensorChart(store, snap, sensorId, { buckets: 600 });
    charts.push(performance.now() - t0);
  }
  // And a zoom to one week: the same query on a narrower range.
  const t1 = performance.now();
  const week = sensorChart(store, snap, sensorId, { fromT: T0 + 100 * 86_400, toT: T0 + 107 * 86_400, buckets: 600 });
  const weekMs = performance.now() - t1;
  store.close();
  const mc = median(charts);
  console.log(`  chart of a year (${last.samples.toLocaleString('en')} samples → ${last.buckets.t.length} buckets, ${last.excursions.length} excursions)   ${mc.toFixed(1).padStart(6)} ms   target ≤ ${CHART_TARGET_MS} ms ${mc <= CHART_TARGET_MS ? 'OK' : 'MISSED'}`);
  console.log(`  zoom to one week (${week.samples.toLocaleString('en')} samples)                      ${weekMs.toFixed(1).padStart(6)} ms`);
  return { importMs: mi, bareMs: mb2, ratio, chartMs: mc };
}
