/**
 * Operations queries that need the readings table as well as the document (issue 7): the
 * "needs attention" list with environment excursions, and a sensor's chart data. Shared by the
 * CLI (`plenum ops due`), the app and the operations report. Reads only.
 */
import type { AttentionItem } from '../../core/ops/attention';
import { needsAttention, opsSettings } from '../../core/ops/attention';
import type { Excursion } from '../../core/ops/series';
import { bucketize, excursions, judgedByEnvelope } from '../../core/ops/series';
import type { OpsSensorSummary, SensorChart } from '../../core/api';
import type { DocumentSnapshot } from '../../core/model/schema';
import type { ProjectStore } from '../store/project-store';

/** How far back the attention list looks for excursions (days). */
export const EXCURSION_LOOKBACK_DAYS = 30;

/** Excursions of every sensor over [fromT, toT) (Unix s), against its room's ASHRAE class. */
export function sensorExcursions(store: ProjectStore, snap: DocumentSnapshot, fromT: number, toT: number): Map<string, Excursion[]> {
  const minDurationS = opsSettings(snap.project).excursionMinMinutes * 60;
  const out = new Map<string, Excursion[]>();
  for (const sensor of Object.values(snap.sensors)) {
    if (!judgedByEnvelope(sensor)) continue;
    const cls = snap.rooms[sensor.roomId]?.ashraeClass ?? 'A1';
    const found = excursions(store.sensorSeries(sensor.id, fromT, toT), cls, { minDurationS });
    if (found.length) out.set(sensor.id, found);
  }
  return out;
}

export function opsAttention(store: ProjectStore, snap: DocumentSnapshot, nowMs: number, offsetMinutes = -new Date(nowMs).getTimezoneOffset()): AttentionItem[] {
  const toT = nowMs / 1000;
  const fromT = toT - EXCURSION_LOOKBACK_DAYS * 86_400;
  return needsAttention(snap, { nowMs, offsetMinutes, excursions: sensorExcursions(store, snap, fromT, toT) });
}

// The chart's shape is part of the API contract (core/api.ts), so the renderer can type it.
export type { SensorChart } from '../../core/api';

/**
 * A sensor's readings over a range, downsampled to at most `buckets` min/max/mean points (a year
 * of 5-minute readings is 105,120 samples; the chart needs a few hundred), with its excursions.
 * NaN becomes null so the result crosses JSON.
 */
export function sensorChart(store: ProjectStore, snap: DocumentSnapshot, sensorId: string, range: { fromT?: number; toT?: number; buckets?: number }): SensorChart {
  const series = store.sensorSeries(sensorId, range.fromT, range.toT);
  const n = series.t.length;
  const fromT = range.fromT ?? (n ? series.t[0]! : 0);
  const toT = range.toT ?? (n ? series.t[n - 1]! + 1 : 1);
  const b = bucketize(series, fromT, toT, Math.min(range.buckets ?? 600, Math.max(1, n)));
  const list = (a: ArrayLike<number>): Array<number | null> => Array.from(a, (v) => (Number.isNaN(v) ? null : v));
  const sensor = snap.sensors[sensorId];
  const cls = (sensor && snap.rooms[sensor.roomId]?.ashraeClass) ?? 'A1';
  return {
    sensorId, fromT, toT, samples: n,
    buckets: { t: Array.from(b.t), count: Array.from(b.count), tempMin: list(b.tempMin), tempMax: list(b.tempMax), tempMean: list(b.tempMean), rhMean: list(b.rhMean), dewPointMax: list(b.dewPointMax) },
    excursions: sensor && !judgedByEnvelope(sensor) ? [] : excursions(series, cls, { minDurationS: opsSettings(snap.project).excursionMinMinutes * 60 }),
  };
}

/** Every sensor's reading count and span, with its newest reading (the plan colours sensors by it). */
export function sensorSummariesWithLast(store: ProjectStore): OpsSensorSummary[] {
  return store.sensorSummaries().map((s) => {
    // The newest second only: one block is read, not the whole series.
    const last = store.sensorSeries(s.sensorId, s.lastT, s.lastT + 1);
    const n = last.t.length;
    if (n === 0) return { ...s };
    const rh = last.humidityPct[n - 1]!;
    return { ...s, last: { t: last.t[n - 1]!, temperatureC: last.temperatureC[n - 1]!, humidityPct: Number.isNaN(rh) ? null : rh } };
  });
}
