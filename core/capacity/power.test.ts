import { describe, expect, it } from 'vitest';
import type { PowerElement } from '../model/schema';
import { circuitCapacityW, circuitVa, currentA, deratedVa, elementRating, kvaToKw, kwToKva, SQRT3 } from './power';

const ups = (patch: Partial<PowerElement>): PowerElement => ({
  id: 'pe:ups', name: 'UPS-1', kind: 'ups', upstreamIds: [], voltageV: 400, phases: 3, breakerA: null, ratingKw: null, ratingKva: null, ...patch,
});

describe('circuit arithmetic (hand-computed)', () => {
  it('single-phase: V × A', () => {
    // 230 V × 32 A = 7,360 VA
    expect(circuitVa(230, 32, 1)).toBe(7360);
  });

  it('three-phase: √3 × V(line-to-line) × A', () => {
    // √3 × 400 V × 32 A = 1.7320508 × 12,800 = 22,170.25 VA
    expect(circuitVa(400, 32, 3)).toBeCloseTo(22_170.25, 1);
    expect(SQRT3).toBeCloseTo(1.7320508, 6);
  });

  it('derates to 80 % of the breaker for continuous load', () => {
    // NetBox's default feed: 120 V × 15 A × 80 % = 1,440 VA
    expect(deratedVa(120, 15, 1, 80)).toBe(1440);
    // 230 V × 16 A × 80 % = 2,944 VA
    expect(deratedVa(230, 16, 1, 80)).toBeCloseTo(2944, 6);
  });

  it('turns VA into W with the power factor', () => {
    // 230 V × 32 A × 0.8 × 0.95 = 5,593.6 W
    expect(circuitCapacityW(230, 32, 1, 80, 0.95)).toBeCloseTo(5593.6, 6);
    // three-phase 400 V 16 A, 80 %, PF 1: √3 × 400 × 16 × 0.8 = 1.7320508 × 5,120 = 8,868.1 W
    expect(circuitCapacityW(400, 16, 3, 80, 1)).toBeCloseTo(8868.1, 1);
  });

  it('kVA and kW convert through the power factor', () => {
    expect(kvaToKw(500, 0.9)).toBeCloseTo(450, 9);
    expect(kwToKva(450, 0.9)).toBeCloseTo(500, 9);
  });

  it('computes the current a load draws per phase', () => {
    // 7,000 W at 230 V, PF 1 → 30.43 A; on three phases at 400 V → 10.10 A per phase
    expect(currentA(7000, 230, 1, 1)).toBeCloseTo(30.43, 2);
    expect(currentA(7000, 400, 3, 1)).toBeCloseTo(10.1, 2);
  });
});

describe('elementRating', () => {
  const defaults = { deratingPct: 80, powerFactor: 0.95 };

  it('takes the smallest of kW, kVA × PF and the derated breaker', () => {
    // 500 kVA × 0.9 = 450 kW < 480 kW
    const r = elementRating(ups({ ratingKw: 480, ratingKva: 500, powerFactor: 0.9 }), defaults);
    expect(r.capacityW).toBeCloseTo(450_000, 6);
    expect(r.limitedBy).toBe('kva');
  });

  it('uses the project power factor for a kVA-only rating', () => {
    expect(elementRating(ups({ ratingKva: 100 }), defaults).capacityW).toBeCloseTo(95_000, 6);
  });

  it('is limited by its input breaker when that is smaller', () => {
    // √3 × 400 V × 250 A × 0.8 × 0.95 = 131,636 W < 200 kW
    const r = elementRating(ups({ kind: 'rpp', ratingKw: 200, breakerA: 250 }), defaults);
    expect(r.capacityW).toBeCloseTo(SQRT3 * 400 * 250 * 0.8 * 0.95, 3);
    expect(r.limitedBy).toBe('breaker');
  });

  it('splits a modular UPS into modules', () => {
    const r = elementRating(ups({ ratingKw: 400, modules: 4 }), defaults);
    expect(r.moduleW).toBe(100_000);
  });

  it('has no capacity without any rating', () => {
    expect(elementRating(ups({}), defaults)).toEqual({ capacityW: null, limitedBy: null, moduleW: null });
  });
});
