/**
 * ASHRAE TC9.9 thermal envelopes (5th ed., 2021, Table 2.1; FACTS.md) and the dew point.
 */
import type { AshraeClass } from '../model/schema';

/** Magnus coefficients over water (FACTS.md): a = 17.62, b = 243.12 °C. */
const MAGNUS_A = 17.62;
const MAGNUS_B = 243.12;

/** Dew point (°C) from dry-bulb temperature (°C) and relative humidity (%), Magnus formula. */
export function dewPointC(temperatureC: number, humidityPct: number): number {
  const rh = Math.min(100, Math.max(0.01, humidityPct));
  const gamma = Math.log(rh / 100) + (MAGNUS_A * temperatureC) / (MAGNUS_B + temperatureC);
  return (MAGNUS_B * gamma) / (MAGNUS_A - gamma);
}

export interface Envelope {
  minTempC: number;
  maxTempC: number;
  minDewPointC: number;
  maxDewPointC: number;
  minRhPct: number;
  maxRhPct: number;
}

/** Recommended envelope, the same for A1–A4. */
export const RECOMMENDED: Readonly<Envelope> = { minTempC: 18, maxTempC: 27, minDewPointC: -9, maxDewPointC: 15, minRhPct: 0, maxRhPct: 70 };

/** Allowable envelopes: every class has −12 °C dew point and 8 % RH as its lower humidity bound. */
export const ALLOWABLE: Readonly<Record<AshraeClass, Envelope>> = {
  A1: { minTempC: 15, maxTempC: 32, minDewPointC: -12, maxDewPointC: 17, minRhPct: 8, maxRhPct: 80 },
  A2: { minTempC: 10, maxTempC: 35, minDewPointC: -12, maxDewPointC: 21, minRhPct: 8, maxRhPct: 80 },
  A3: { minTempC: 5, maxTempC: 40, minDewPointC: -12, maxDewPointC: 24, minRhPct: 8, maxRhPct: 85 },
  A4: { minTempC: 5, maxTempC: 45, minDewPointC: -12, maxDewPointC: 24, minRhPct: 8, maxRhPct: 90 },
};

export type EnvelopeQuantity = 'temperature' | 'dewPoint' | 'humidity';

export interface EnvelopeBreach {
  quantity: EnvelopeQuantity;
  value: number;
  /** The limit crossed and whether it was the low or the high one. */
  limit: number;
  side: 'low' | 'high';
}

/** Every way a condition lies outside an envelope (empty: inside). RH may be unknown. */
export function envelopeBreaches(env: Envelope, temperatureC: number, humidityPct: number | null): EnvelopeBreach[] {
  const out: EnvelopeBreach[] = [];
  const check = (quantity: EnvelopeQuantity, value: number, min: number, max: number) => {
    if (value < min) out.push({ quantity, value, limit: min, side: 'low' });
    else if (value > max) out.push({ quantity, value, limit: max, side: 'high' });
  };
  check('temperature', temperatureC, env.minTempC, env.maxTempC);
  if (humidityPct !== null) {
    check('dewPoint', dewPointC(temperatureC, humidityPct), env.minDewPointC, env.maxDewPointC);
    check('humidity', humidityPct, env.minRhPct, env.maxRhPct);
  }
  return out;
}

export type EnvironmentVerdict = 'recommended' | 'allowable' | 'outside';

/** Where a condition sits for a class: inside the recommended envelope, only the allowable one, or outside both. */
export function classify(cls: AshraeClass, temperatureC: number, humidityPct: number | null): { verdict: EnvironmentVerdict; breaches: EnvelopeBreach[] } {
  const allowable = envelopeBreaches(ALLOWABLE[cls], temperatureC, humidityPct);
  if (allowable.length > 0) return { verdict: 'outside', breaches: allowable };
  const recommended = envelopeBreaches(RECOMMENDED, temperatureC, humidityPct);
  return { verdict: recommended.length > 0 ? 'allowable' : 'recommended', breaches: recommended };
}
