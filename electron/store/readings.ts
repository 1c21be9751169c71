/**
 * Sensor time series storage (issue 7 §4), written in bulk by a readings import in the same
 * transaction as its `readings.import` command, and read back per sensor.
 *
 * Storage: `env_blocks` (migration 005), one row per sensor, import and run of up to BLOCK
 * consecutive samples, the samples packed as three columns (Int32 seconds after t0, Float32 °C,
 * Float32 %RH). A row per sample would cost ~1 µs per sample to read back, so a year of 5-minute
 * readings (105,120 samples) took ~100 ms before the chart could even start; packed, it is ~100
 * rows. Float32 holds a reading to better than 1e-5 °C at room temperatures; values are rounded
 * to 4 decimals when read, so 22.6 reads back as 22.6.
 *
 * Visibility: a block is seen only while its import record exists (`reading_imports`). Undoing an
 * import deletes the record, which hides its blocks at once; redo puts it back. When the redo
 * history is dropped the hidden blocks can never come back, and `purgeOrphans` deletes them.
 *
 * Duplicates: a sensor has one reading per second. When imports overlap, the earlier import's
 * reading is kept; an import counts (and skips) readings the project already shows.
 */
import type Database from 'better-sqlite3';
import type { Series } from '../../core/ops/series';

export interface InsertResult {
  inserted: number;
  /** Rows whose sensor already had a reading at that second (kept as they were). */
  duplicates: number;
}

export interface SensorSummary {
  sensorId: string;
  samples: number;
  firstT: number;
  lastT: number;
}

export interface ReadingRows {
  sensorIndex: Int32Array;
  t: Float64Array;
  temperatureC: Float64Array;
  humidityPct: Float64Array;
  rows: number;
}

/** Samples per block: ~3.5 days at 5-minute intervals, 12 kB. */
export const BLOCK = 1024;
const BYTES_PER_SAMPLE = 12;

function encode(t0: number, t: ArrayLike<number>, temp: ArrayLike<number>, rh: ArrayLike<number>, from: number, to: number): Buffer {
  const n = to - from;
  const buf = Buffer.allocUnsafe(n * BYTES_PER_SAMPLE);
  for (let i = 0; i < n; i++) {
    buf.writeInt32LE(t[from + i]! - t0, i * 4);
    buf.writeFloatLE(temp[from + i]!, n * 4 + i * 4);
    buf.writeFloatLE(rh[from + i]!, n * 8 + i * 4);
  }
  return buf;
}

const round4 = (v: number) => Math.round(v * 1e4) / 1e4;

export class ReadingsStore {
  constructor(private readonly db: Database.Database) {}

  /**
   * Writes `rows` under `importId`, leaving out readings the project already shows and repeats
   * within the rows (first one wins). Call inside the import's transaction.
   */
  insert(importId: string, sensorIds: readonly string[], rows: ReadingRows, onProgress?: (done: number, total: number) => void): InsertResult {
    const insert = this.db.prepare('INSERT INTO env_blocks (sensorId, importId, t0, t1, n, data) VALUES (?, ?, ?, ?, ?, ?)');
    const bySensor = this.groupBySensor(sensorIds, rows);
    let inserted = 0;
    let done = 0;
    for (const [s, order] of bySensor) {
      const id = sensorIds[s]!;
      // Sorted by time; integer seconds.
      const ts = order.map((i) => Math.round(rows.t[i]!));
      const idx = order.map((_, k) => k).sort((a, b) => ts[a]! - ts[b]! || a - b);
      const [lo, hi] = idxMinMax(ts);
      const existing = this.visibleTimes(id, lo, hi);
      const keepT: number[] = [];
      const keepTemp: number[] = [];
      const keepRh: number[] = [];
      let previous = NaN;
      for (const k of idx) {
        const t = ts[k]!;
        if (t === previous || existing.has(t)) continue;
        previous = t;
        const i = order[k]!;
        keepT.push(t);
        keepTemp.push(rows.temperatureC[i]!);
        keepRh.push(rows.humidityPct[i]!);
      }
      for (let from = 0; from < keepT.length; from += BLOCK) {
        const to = Math.min(keepT.length, from + BLOCK);
        const t0 = keepT[from]!;
        insert.run(id, importId, t0, keepT[to - 1]!, to - from, encode(t0, keepT, keepTemp, keepRh, from, to));
      }
      inserted += keepT.length;
      done += order.length;
      onProgress?.(done, rows.rows);
    }
    return { inserted, duplicates: rows.rows - inserted };
  }

  /** How many of `rows` `insert` would leave out (already shown, or repeated within the rows). */
  countDuplicates(sensorIds: readonly string[], rows: ReadingRows): number {
    let duplicates = 0;
    for (const [s, order] of this.groupBySensor(sensorIds, rows)) {
      const ts = order.map((i) => Math.round(rows.t[i]!));
      const [lo, hi] = idxMinMax(ts);
      const seen = this.visibleTimes(sensorIds[s]!, lo, hi);
      for (const t of ts) {
        if (seen.has(t)) duplicates++;
        else seen.add(t);
      }
    }
    return duplicates;
  }

  /** One sensor's visible readings in [fromT, toT), oldest first, as columns. */
  series(sensorId: string, fromT = -Infinity, toT = Infinity): Series {
    const lo = Number.isFinite(fromT) ? Math.ceil(fromT) : -9e15;
    const hi = Number.isFinite(toT) ? toT : 9e15;
    const blocks = this.db.prepare(`SELECT b.t0, b.n, b.data, r.importedAt, r.id FROM env_blocks b JOIN reading_imports r ON r.id = b.importId
      WHERE b.sensorId = ? AND b.t1 >= ? AND b.t0 < ? ORDER BY b.t0`).raw(true).all(sensorId, lo, hi) as Array<[number, number, Buffer, string, string]>;
    let total = 0;
    for (const b of blocks) total += b[1];
    let t = new Float64Array(total);
    let temp = new Float64Array(total);
    let rh = new Float64Array(total);
    let n = 0;
    let sorted = true;
    let multipleImports = false;
    for (const [t0, count, data, , importId] of blocks) {
      if (blocks[0]![4] !== importId) multipleImports = true;
      for (let i = 0; i < count; i++) {
        const ti = t0 + data.readInt32LE(i * 4);
        if (ti < lo || ti >= hi) continue;
        if (n > 0 && ti <= t[n - 1]!) sorted = false;
        t[n] = ti;
        temp[n] = round4(data.readFloatLE(count * 4 + i * 4));
        const h = data.readFloatLE(count * 8 + i * 4);
        rh[n] = Number.isNaN(h) ? NaN : round4(h);
        n++;
      }
    }
    if (!sorted || multipleImports) {
      // Overlapping imports: order by time, and keep the earliest import's reading of a second.
      const rank = new Map<string, number>();
      [...new Set(blocks.map((b) => `${b[3]}\u0000${b[4]}`))].sort().forEach((key, r) => rank.set(key.split('\u0000')[1]!, r));
      const owner = new Int32Array(n);
      let k = 0;
      for (const [t0, count, data, , importId] of blocks) {
        for (let i = 0; i < count; i++) {
          const ti = t0 + data.readInt32LE(i * 4);
          if (ti >= lo && ti < hi) owner[k++] = rank.get(importId)!;
        }
      }
      const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => t[a]! - t[b]! || owner[a]! - owner[b]!);
      const t2 = new Float64Array(n);
      const temp2 = new Float64Array(n);
      const rh2 = new Float64Array(n);
      let m = 0;
      for (const i of order) {
        if (m > 0 && t2[m - 1] === t[i]) continue;
        t2[m] = t[i]!;
        temp2[m] = temp[i]!;
        rh2[m] = rh[i]!;
        m++;
      }
      t = t2;
      temp = temp2;
      rh = rh2;
      n = m;
    }
    return { t: t.subarray(0, n), temperatureC: temp.subarray(0, n), humidityPct: rh.subarray(0, n) };
  }

  /** Readings and time span per sensor (visible readings only). */
  summaries(): SensorSummary[] {
    return this.db.prepare(`SELECT sensorId, sum(n) AS samples, min(t0) AS firstT, max(t1) AS lastT FROM env_blocks
      WHERE importId IN (SELECT id FROM reading_imports) GROUP BY sensorId ORDER BY sensorId`).all() as SensorSummary[];
  }

  /** Deletes blocks whose import no longer exists. Call only when no redo can bring one back. */
  purgeOrphans(): number {
    return this.db.prepare('DELETE FROM env_blocks WHERE importId NOT IN (SELECT id FROM reading_imports)').run().changes;
  }

  private visibleTimes(sensorId: string, lo: number, hi: number): Set<number> {
    const s = this.series(sensorId, lo, hi + 1);
    return new Set(s.t);
  }

  private groupBySensor(sensorIds: readonly string[], rows: ReadingRows): Map<number, number[]> {
    const by = new Map<number, number[]>();
    for (let i = 0; i < rows.rows; i++) {
      const s = rows.sensorIndex[i]!;
      let list = by.get(s);
      if (!list) by.set(s, (list = []));
      list.push(i);
    }
    // A sensor listed twice under two names (case) maps to one id: merge their rows.
    const byId = new Map<string, number>();
    for (const [s, list] of [...by]) {
      const first = byId.get(sensorIds[s]!);
      if (first === undefined) byId.set(sensorIds[s]!, s);
      else {
        by.get(first)!.push(...list);
        by.delete(s);
      }
    }
    return by;
  }
}

function idxMinMax(ts: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of ts) {
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  return [lo, hi];
}
