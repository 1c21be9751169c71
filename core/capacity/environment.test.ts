import { describe, expect, it } from 'vitest';
import { classify, dewPointC } from './environment';

describe('dew point (Magnus, a = 17.62, b = 243.12 °C)', () => {
  it('matches hand-computed values', () => {
    // γ = ln(0.5) + 17.62·25/(243.12+25) = −0.693147 + 1.642736 = 0.949589; Td = 243.12·γ/(17.62−γ) = 13.85 °C
    expect(dewPointC(25, 50)).toBeCloseTo(13.85, 2);
    // At 100 % RH the dew point is the temperature.
    expect(dewPointC(20, 100)).toBeCloseTo(20, 6);
    expect(dewPointC(0, 100)).toBeCloseTo(0, 6);
  });

  it('falls as humidity falls', () => {
    expect(dewPointC(22, 30)).toBeLessThan(dewPointC(22, 60));
  });
});

describe('ASHRAE TC9.9 classes', () => {
  it('accepts a typical set point as recommended', () => {
    expect(classify('A1', 22, 45).verdict).toBe('recommended');
  });

  it('flags 30 °C as allowable-only for A1 (recommended tops at 27 °C)', () => {
    const r = classify('A1', 30, 40);
    expect(r.verdict).toBe('allowable');
    expect(r.breaches[0]).toMatchObject({ quantity: 'temperature', limit: 27, side: 'high' });
  });

  it('puts 34 °C outside A1 but inside A2', () => {
    expect(classify('A1', 34, 40).verdict).toBe('outside');
    expect(classify('A2', 34, 40).verdict).toBe('allowable');
  });

  it('checks the dew point and RH bounds', () => {
    // 25 °C at 85 % RH: dew point 22.2 °C > 17 °C (A1) and RH > 80 %
    const a1 = classify('A1', 25, 85);
    expect(a1.verdict).toBe('outside');
    expect(a1.breaches.map((b) => b.quantity)).toEqual(['dewPoint', 'humidity']);
    // Dry air: 5 % RH is below the 8 % lower bound of every class
    expect(classify('A4', 22, 5).breaches.some((b) => b.quantity === 'humidity' && b.side === 'low')).toBe(true);
  });

  it('judges temperature alone when RH is unknown', () => {
    expect(classify('A3', 38, null).verdict).toBe('allowable');
    expect(classify('A3', 41, null).verdict).toBe('outside');
  });
});
