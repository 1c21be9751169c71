/**
 * Electrical arithmetic (FACTS.md, "Power"). Everything is in SI units: volts, amps, watts, VA.
 *
 * - Apparent power of a circuit: S = V × I on one phase, √3 × V(line-to-line) × I on three.
 * - Usable (continuous) power: S × derating (80 % of the breaker rating by default).
 * - Real power: P = S × power factor.
 */
import type { PowerElement } from '../model/schema';

export const SQRT3 = Math.sqrt(3);

/** Apparent power (VA) a circuit carries at its full rating. */
export function circuitVa(voltageV: number, currentA: number, phases: 1 | 3): number {
  return phases === 3 ? SQRT3 * voltageV * currentA : voltageV * currentA;
}

/** Continuous apparent power (VA) of a breaker-protected circuit after derating. */
export function deratedVa(voltageV: number, breakerA: number, phases: 1 | 3, deratingPct: number): number {
  return circuitVa(voltageV, breakerA, phases) * (deratingPct / 100);
}

/** Real power (W) a circuit can carry continuously, for loads with the given power factor. */
export function circuitCapacityW(voltageV: number, breakerA: number, phases: 1 | 3, deratingPct: number, powerFactor: number): number {
  return deratedVa(voltageV, breakerA, phases, deratingPct) * powerFactor;
}

export const kvaToKw = (kva: number, powerFactor: number): number => kva * powerFactor;
export const kwToKva = (kw: number, powerFactor: number): number => kw / powerFactor;

/** Current (A) drawn per phase by a real load P at the given voltage, phases and power factor. */
export function currentA(loadW: number, voltageV: number, phases: 1 | 3, powerFactor: number): number {
  const va = loadW / powerFactor;
  return phases === 3 ? va / (SQRT3 * voltageV) : va / voltageV;
}

/** 1 W of IT load is 3.412 BTU/h of heat. */
export const BTU_PER_HOUR_PER_W = 3.412;

export interface ElementRating {
  /** Usable real power, W: the smallest of the ratings given; null when none is given. */
  capacityW: number | null;
  /** Which rating limits it. */
  limitedBy: 'kw' | 'kva' | 'breaker' | null;
  /** Capacity of one module (UPS), W; null without modules. */
  moduleW: number | null;
}

/**
 * The usable capacity of a power element: min(kW rating, kVA × PF, input breaker derated × PF).
 * `defaults` are the project's derating and power factor for what the element does not say.
 */
export function elementRating(e: PowerElement, defaults: { deratingPct: number; powerFactor: number }): ElementRating {
  const pf = e.powerFactor ?? defaults.powerFactor;
  let capacityW: number | null = null;
  let limitedBy: ElementRating['limitedBy'] = null;
  const consider = (w: number | null, why: NonNullable<ElementRating['limitedBy']>) => {
    if (w === null || !Number.isFinite(w)) return;
    if (capacityW === null || w < capacityW) {
      capacityW = w;
      limitedBy = why;
    }
  };
  consider(e.ratingKw != null ? e.ratingKw * 1000 : null, 'kw');
  consider(e.ratingKva != null ? kvaToKw(e.ratingKva, pf) * 1000 : null, 'kva');
  consider(e.breakerA != null ? circuitCapacityW(e.voltageV, e.breakerA, e.phases, e.deratingPct ?? defaults.deratingPct, pf) : null, 'breaker');
  const modules = e.modules ?? 1;
  const moduleW = capacityW !== null && modules > 1 ? capacityW / modules : null;
  return { capacityW, limitedBy, moduleW };
}
