/**
 * Sensor time series storage (issue 7 §4): `env_samples` rows, written in bulk by a readings
 * import in the same transaction as its `readings.import` command, and read back per sensor.
 *
 * A sample is visible only while its import record exists (`reading_imports`): undoing an import
 * deletes the record, which hides its samples at once without touching a million rows; redo puts
 * the record back. When the redo history is dropped the hidden samples can never come back, and
 * `purgeOrphans` deletes them.
 */
import type Database from 'better-sqlite3';
import type { Series } from '../../core/ops/series';

export interface InsertResult {
  inserted: number;
  /** Rows whose sensor already had a sample at that second (kept as they were). */
  duplicates: number;
}

export interface SensorSummary {
  sensorId: string;
  samples: number;
  firstT: number;
  lastT: number;
}

/** Rows per multi-row INSERT: 4 parameters each, under SQLite's 32,766 parameter limit. */
const BATCH = 500;

export class ReadingsStore {
  private insertBatch: Database.Statement | undefined;
  private insertOne: Database.Statement | undefined;

  constructor(private readonly db: Database.Database) {}

  /**
   * Inserts rows `sensorIds[sensorIndex[i]], t[i], …` under `importId`. Call inside the import's
   * transaction. Multi-row statements cut the per-statement overhead that dominates a bulk load.
   */
  insert(importId: string, sensorIds: readonly string[], rows: { sensorIndex: Int32Array; t: Float64Array; temperatureC: Float64Array; humidityPct: Float64Array; rows: number }, onProgress?: (done: number, total: number) => void): InsertResult {
    const n = rows.rows;
    this.insertBatch ??= this.db.prepare(`INSERT OR IGNORE INTO env_samples (sensorId, t, temperatureC, humidityPct, importId) VALUES ${Array.from({ length: BATCH }, () => '(?, ?, ?, ?, ?)').join(', ')}`);
    this.insertOne ??= this.db.prepare('INSERT OR IGNORE INTO env_samples (sensorId, t, temperatureC, humidityPct, importId) VALUES (?, ?, ?, ?, ?)');
    let inserted = 0;
    const params: Array<string | number | null> = new Array(BATCH * 5);
    let i = 0;
    for (; i + BATCH <= n; i += BATCH) {
      for (let k = 0; k < BATCH; k++) {
        const j = i + k;
        const rh = rows.humidityPct[j]!;
        params[k * 5] = sensorIds[rows.sensorIndex[j]!]!;
        params[k * 5 + 1] = Math.round(rows.t[j]!);
        params[k * 5 + 2] = rows.temperatureC[j]!;
        params[k * 5 + 3] = Number.isNaN(rh) ? null : rh;
        params[k * 5 + 4] = importId;
      }
      inserted += this.insertBatch.run(params).changes;
      if (onProgress && (i / BATCH) % 200 === 0) onProgress(i, n);
    }
    for (; i < n; i++) {
      const rh = rows.humidityPct[i]!;
      inserted += this.insertOne.run(sensorIds[rows.sensorIndex[i]!]!, Math.round(rows.t[i]!), rows.temperatureC[i]!, Number.isNaN(rh) ? null : rh, importId).changes;
    }
    onProgress?.(n, n);
    return { inserted, duplicates: n - inserted };
  }

  /** One sensor's visible samples in [fromT, toT), oldest first, as columns. */
  series(sensorId: string, fromT = -Infinity, toT = Infinity): Series {
    const stmt = this.db.prepare(`SELECT t, temperatureC, humidityPct FROM env_samples s
      WHERE sensorId = ? AND t >= ? AND t < ? AND EXISTS (SELECT 1 FROM reading_imports r WHERE r.id = s.importId) ORDER BY t`).raw(true);
    const t: number[] = [];
    const temp: number[] = [];
    const rh: number[] = [];
    const lo = Number.isFinite(fromT) ? fromT : -9e15;
    const hi = Number.isFinite(toT) ? toT : 9e15;
    for (const row of stmt.iterate(sensorId, lo, hi) as Iterable<[number, number, number | null]>) {
      t.push(row[0]);
      temp.push(row[1]);
      rh.push(row[2] ?? NaN);
    }
    return { t: Float64Array.from(t), temperatureC: Float64Array.from(temp), humidityPct: Float64Array.from(rh) };
  }

  /** Samples and time span per sensor (visible samples only). */
  summaries(): SensorSummary[] {
    return (this.db.prepare(`SELECT sensorId, count(*) AS samples, min(t) AS firstT, max(t) AS lastT FROM env_samples
      WHERE importId IN (SELECT id FROM reading_imports) GROUP BY sensorId ORDER BY sensorId`).all() as SensorSummary[]);
  }

  /**
   * How many of these rows would be duplicates: the sensor already has a visible sample at that
   * second, or the same rows repeat it earlier. Per sensor, one range query on the primary key.
   */
  countDuplicates(sensorIds: readonly string[], rows: { sensorIndex: Int32Array; t: Float64Array; rows: number }): number {
    const range = new Map<number, { lo: number; hi: number }>();
    for (let i = 0; i < rows.rows; i++) {
      const s = rows.sensorIndex[i]!;
      const t = Math.round(rows.t[i]!);
      const r = range.get(s);
      if (!r) range.set(s, { lo: t, hi: t });
      else {
        if (t < r.lo) r.lo = t;
        if (t > r.hi) r.hi = t;
      }
    }
    const stmt = this.db.prepare(`SELECT t FROM env_samples s WHERE sensorId = ? AND t BETWEEN ? AND ?
      AND EXISTS (SELECT 1 FROM reading_imports r WHERE r.id = s.importId)`).pluck();
    const seen = new Map<number, Set<number>>();
    for (const [s, r] of range) seen.set(s, new Set(stmt.all(sensorIds[s], r.lo, r.hi) as number[]));
    let duplicates = 0;
    for (let i = 0; i < rows.rows; i++) {
      const set = seen.get(rows.sensorIndex[i]!)!;
      const t = Math.round(rows.t[i]!);
      if (set.has(t)) duplicates++;
      else set.add(t);
    }
    return duplicates;
  }

  /** Deletes samples whose import no longer exists. Call only when no redo can bring one back. */
  purgeOrphans(): number {
    return this.db.prepare('DELETE FROM env_samples WHERE importId NOT IN (SELECT id FROM reading_imports)').run().changes;
  }
}
