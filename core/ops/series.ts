/**
 * Sensor time series (issue 7 §4): excursions out of the room's ASHRAE envelope, and
 * downsampling for charts. A series is columnar (typed arrays sorted by time) because a year of
 * 5-minute readings is 105,120 samples per sensor: objects per sample would cost ten times the
 * memory and the garbage collector's time.
 */
import type { AshraeClass, Sensor } from '../model/schema';

/**
 * Placements that measure exhaust air (a rack's outlet, a CRAH's return). The ASHRAE envelopes
 * are for the air entering IT equipment, so these sensors are charted but never judged by them:
 * a 36 °C hot aisle is normal, not an excursion.
 */
export const EXHAUST_PLACEMENTS: ReadonlySet<Sensor['placement']> = new Set(['rack-outlet', 'return']);
export const judgedByEnvelope = (sensor: Pick<Sensor, 'placement'>) => !EXHAUST_PLACEMENTS.has(sensor.placement);
import { ALLOWABLE, dewPointC, envelopeBreaches, RECOMMENDED, type EnvelopeQuantity } from '../capacity/environment';

export interface Series {
  /** Unix seconds, ascending. */
  t: Float64Array;
  temperatureC: Float64Array;
  /** NaN where the sensor gave no humidity. */
  humidityPct: Float64Array;
}

export interface Excursion {
  /** First and last sample outside the recommended envelope (Unix s). */
  startT: number;
  endT: number;
  samples: number;
  /** `outside`: some sample left the class's allowable envelope too. */
  level: 'allowable' | 'outside';
  /** Which limits were crossed, e.g. ['temperature-high', 'dewPoint-high']. */
  crossed: Array<`${EnvelopeQuantity}-${'low' | 'high'}`>;
  maxTemperatureC: number;
  minTemperatureC: number;
  /** Highest dew point in the excursion; NaN without humidity. */
  maxDewPointC: number;
}

/**
 * Runs of consecutive samples outside the RECOMMENDED envelope. A run ends at a sample back
 * inside, or at a gap in the data longer than `maxGapS` (a sensor offline is not an excursion
 * that lasted all night). Runs shorter than `minDurationS` are dropped (a single spike of a
 * sensor next to an opened door), except those that left the allowable envelope: they always count.
 */
export function excursions(series: Series, cls: AshraeClass, opts: { maxGapS?: number; minDurationS?: number } = {}): Excursion[] {
  const { t, temperatureC, humidityPct } = series;
  const n = t.length;
  const maxGapS = opts.maxGapS ?? Math.max(900, 3 * medianStep(t));
  const minDurationS = opts.minDurationS ?? 0;
  const allowable = ALLOWABLE[cls];
  const out: Excursion[] = [];
  let cur: Excursion | null = null;
  const close = () => {
    if (cur && (cur.level === 'outside' || cur.endT - cur.startT >= minDurationS)) out.push(cur);
    cur = null;
  };
  for (let i = 0; i < n; i++) {
    const temp = temperatureC[i]!;
    const rh = Number.isNaN(humidityPct[i]!) ? null : humidityPct[i]!;
    if (cur && t[i]! - (cur as Excursion).endT > maxGapS) close();
    // Fast path, no allocation: most samples sit well inside the recommended envelope.
    if (temp >= RECOMMENDED.minTempC && temp <= RECOMMENDED.maxTempC && (rh === null || (rh <= RECOMMENDED.maxRhPct && rh >= RECOMMENDED.minRhPct && insideDewPoint(temp, rh)))) {
      close();
      continue;
    }
    const rec = envelopeBreaches(RECOMMENDED, temp, rh);
    if (rec.length === 0) {
      close();
      continue;
    }
    const outside = envelopeBreaches(allowable, temp, rh).length > 0;
    const dp = rh === null ? NaN : dewPointC(temp, rh);
    if (!cur) {
      cur = { startT: t[i]!, endT: t[i]!, samples: 0, level: 'allowable', crossed: [], maxTemperatureC: temp, minTemperatureC: temp, maxDewPointC: dp };
    }
    const c: Excursion = cur;
    c.endT = t[i]!;
    c.samples++;
    if (outside) c.level = 'outside';
    for (const b of rec) {
      const key = `${b.quantity}-${b.side}` as const;
      if (!c.crossed.includes(key)) c.crossed.push(key);
    }
    c.maxTemperatureC = Math.max(c.maxTemperatureC, temp);
    c.minTemperatureC = Math.min(c.minTemperatureC, temp);
    if (!Number.isNaN(dp)) c.maxDewPointC = Number.isNaN(c.maxDewPointC) ? dp : Math.max(c.maxDewPointC, dp);
  }
  close();
  return out;
}

/** Inside the recommended dew point band (−9…15 °C), computed only when RH is known. */
function insideDewPoint(temp: number, rh: number): boolean {
  const dp = dewPointC(temp, rh);
  return dp >= RECOMMENDED.minDewPointC && dp <= RECOMMENDED.maxDewPointC;
}

/** The median spacing of a sorted time axis (s); 300 when there are fewer than two samples. */
export function medianStep(t: Float64Array): number {
  if (t.length < 2) return 300;
  const step = Math.max(1, Math.floor(t.length / 2000));
  const gaps: number[] = [];
  for (let i = step; i < t.length; i += step) gaps.push((t[i]! - t[i - step]!) / step);
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)]!;
}

export interface Buckets {
  /** Bucket start times (Unix s). */
  t: Float64Array;
  count: Uint32Array;
  tempMin: Float64Array;
  tempMax: Float64Array;
  tempMean: Float64Array;
  /** NaN where no sample of the bucket had humidity. */
  rhMean: Float64Array;
  dewPointMax: Float64Array;
}

/**
 * Min / max / mean per time bucket, so that a chart of a year stays a few thousand points while
 * every spike still shows (the min-max band keeps extremes that an average would hide).
 * Empty buckets have count 0 and NaN values: the chart leaves a gap there.
 */
export function bucketize(series: Series, fromT: number, toT: number, buckets: number): Buckets {
  const nb = Math.max(1, Math.floor(buckets));
  const width = Math.max(1, (toT - fromT) / nb);
  const out: Buckets = {
    t: new Float64Array(nb), count: new Uint32Array(nb), tempMin: new Float64Array(nb).fill(NaN), tempMax: new Float64Array(nb).fill(NaN),
    tempMean: new Float64Array(nb).fill(NaN), rhMean: new Float64Array(nb).fill(NaN), dewPointMax: new Float64Array(nb).fill(NaN),
  };
  const tempSum = new Float64Array(nb);
  const rhSum = new Float64Array(nb);
  const rhCount = new Uint32Array(nb);
  for (let b = 0; b < nb; b++) out.t[b] = fromT + b * width;
  const { t, temperatureC, humidityPct } = series;
  let i = lowerBound(t, fromT);
  for (; i < t.length && t[i]! < toT; i++) {
    const b = Math.min(nb - 1, Math.floor((t[i]! - fromT) / width));
    const temp = temperatureC[i]!;
    const rh = humidityPct[i]!;
    if (out.count[b] === 0) {
      out.tempMin[b] = temp;
      out.tempMax[b] = temp;
    } else {
      if (temp < out.tempMin[b]!) out.tempMin[b] = temp;
      if (temp > out.tempMax[b]!) out.tempMax[b] = temp;
    }
    out.count[b]!++;
    tempSum[b] = tempSum[b]! + temp;
    if (!Number.isNaN(rh)) {
      rhSum[b] = rhSum[b]! + rh;
      rhCount[b]!++;
      const dp = dewPointC(temp, rh);
      if (Number.isNaN(out.dewPointMax[b]!) || dp > out.dewPointMax[b]!) out.dewPointMax[b] = dp;
    }
  }
  for (let b = 0; b < nb; b++) {
    if (out.count[b]! > 0) out.tempMean[b] = tempSum[b]! / out.count[b]!;
    if (rhCount[b]! > 0) out.rhMean[b] = rhSum[b]! / rhCount[b]!;
  }
  return out;
}

/** First index with t[i] >= x. */
export function lowerBound(t: Float64Array, x: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
