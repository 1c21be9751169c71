import { describe, expect, it } from 'vitest';
import {
  formatArea, formatFeetInches, formatPosition, formatLength, formatMass, formatPowerKw, formatPowerW, formatRulerLabel, formatU,
  parseDecimal, parseDegrees, parseLength, parseMass, parsePowerKw, parseU, rulerStepMm,
} from './units';
import type { UnitOptions } from './units';

const NBSP = '\u00a0';
const metricEn: UnitOptions = { system: 'metric', locale: 'en' };
const metricFr: UnitOptions = { system: 'metric', locale: 'fr' };
const imperialEn: UnitOptions = { system: 'imperial', locale: 'en' };

describe('formatLength', () => {
  it('shows room-scale lengths in metres with at most three decimals', () => {
    expect(formatLength(12000, metricEn)).toBe(`12${NBSP}m`);
    expect(formatLength(8400, metricEn)).toBe(`8.4${NBSP}m`);
    expect(formatLength(1234.6, metricEn)).toBe(`1.235${NBSP}m`);
  });

  it('uses the French decimal comma in French', () => {
    expect(formatLength(8400, metricFr)).toBe(`8,4${NBSP}m`);
  });

  it('shows equipment-scale lengths in millimetres', () => {
    expect(formatLength(600, metricEn, 'equipment')).toBe(`600${NBSP}mm`);
    expect(formatLength(1200, metricEn, 'equipment')).toBe(`1,200${NBSP}mm`);
  });

  it('shows imperial lengths in feet and inches to the nearest eighth', () => {
    expect(formatLength(MM(12, 0), imperialEn)).toBe(`12' 0"`);
    expect(formatLength(1200, imperialEn, 'equipment')).toBe(`3' 11-1/4"`);
    expect(formatLength(600, imperialEn, 'equipment')).toBe(`1' 11-5/8"`);
    expect(formatLength(250, imperialEn, 'equipment')).toBe(`9-7/8"`);
    expect(formatFeetInches(0)).toBe(`0"`);
    expect(formatFeetInches(-MM(1, 6))).toBe(`-1' 6"`);
  });

  it('never shows minus zero', () => {
    expect(formatLength(-0.0001, metricEn)).toBe(`0${NBSP}m`);
  });
});

describe('parseLength', () => {
  it('takes a bare number in the display unit of the field', () => {
    expect(parseLength('12', metricEn)).toBe(12000);
    expect(parseLength('600', metricEn, 'equipment')).toBe(600);
    expect(parseLength('4', imperialEn)).toBe(1219.2);
    expect(parseLength('24', imperialEn, 'equipment')).toBe(609.6);
  });

  it('accepts explicit units whatever the display system', () => {
    expect(parseLength('600 mm', metricEn)).toBe(600);
    expect(parseLength('1.2m', imperialEn)).toBe(1200);
    expect(parseLength('120 cm', metricEn)).toBe(1200);
    expect(parseLength('2 ft', metricEn)).toBe(609.6);
    expect(parseLength('24"', metricEn)).toBe(609.6);
    expect(parseLength('24 in', metricEn)).toBe(609.6);
  });

  it('reads feet and inches with fractions', () => {
    expect(parseLength(`3' 4"`, imperialEn)).toBe(1016);
    expect(parseLength(`3'4"`, imperialEn)).toBe(1016);
    expect(parseLength('3 ft 4 in', imperialEn)).toBe(1016);
    expect(parseLength(`3' 11-1/4"`, imperialEn)).toBe(1200.15);
    expect(parseLength(`23-5/8"`, imperialEn)).toBeCloseTo(600.075, 1);
    expect(parseLength(`-1' 6"`, imperialEn)).toBe(-457.2);
  });

  it('round-trips what formatLength shows', () => {
    for (const mm of [600, 1200, 3600, 12000, 8400, 150]) {
      expect(parseLength(formatLength(mm, metricEn), metricEn)).toBe(mm);
      expect(parseLength(formatLength(mm, metricFr, 'equipment'), metricFr, 'equipment')).toBe(mm);
      expect(Math.abs(parseLength(formatLength(mm, imperialEn), imperialEn)! - mm)).toBeLessThan(1.6);
    }
  });

  it('reads French decimal commas', () => {
    expect(parseLength('8,4', metricFr)).toBe(8400);
    expect(parseLength('8,4 m', metricFr)).toBe(8400);
  });

  it('refuses text that is not a length', () => {
    expect(parseLength('', metricEn)).toBeNull();
    expect(parseLength('twelve', metricEn)).toBeNull();
    expect(parseLength('12 parsecs', metricEn)).toBeNull();
    expect(parseLength('1/0"', metricEn)).toBeNull();
  });
});

describe('parseDecimal', () => {
  it('ignores English thousands separators and French spaces', () => {
    expect(parseDecimal('1,200', 'en')).toBe(1200);
    expect(parseDecimal('1,200.5', 'en')).toBe(1200.5);
    expect(parseDecimal('1\u202f200,5', 'fr')).toBe(1200.5);
    expect(parseDecimal('1.200,5', 'fr')).toBe(1200.5);
  });

  it('takes a lone comma as a decimal separator', () => {
    expect(parseDecimal('1,5', 'en')).toBe(1.5);
    expect(parseDecimal('1,5', 'fr')).toBe(1.5);
    expect(parseDecimal('1.5', 'fr')).toBe(1.5);
  });

  it('refuses junk', () => {
    expect(parseDecimal('1.2.3', 'en')).toBeNull();
    expect(parseDecimal('abc', 'en')).toBeNull();
    expect(parseDecimal(' ', 'en')).toBeNull();
  });
});

describe('mass', () => {
  it('formats kilograms and pounds', () => {
    expect(formatMass(1200, metricEn)).toBe(`1,200${NBSP}kg`);
    expect(formatMass(1200, imperialEn)).toBe(`2,646${NBSP}lb`);
    expect(formatMass(1200, metricFr)).toBe(`1\u202f200${NBSP}kg`);
  });

  it('parses into kilograms from either unit', () => {
    expect(parseMass('1200', metricEn)).toBe(1200);
    expect(parseMass('1 200 kg', metricFr)).toBe(1200);
    expect(parseMass('100', imperialEn)).toBe(45.359);
    expect(parseMass('100 lb', metricEn)).toBe(45.359);
    expect(parseMass('1.2 t', metricEn)).toBe(1200);
    expect(parseMass('heavy', metricEn)).toBeNull();
  });
});

describe('power, area, rack units and angles', () => {
  it('formats power in kW and W', () => {
    expect(formatPowerKw(8, 'en')).toBe(`8${NBSP}kW`);
    expect(formatPowerKw(7.25, 'fr')).toBe(`7,25${NBSP}kW`);
    expect(formatPowerW(750, 'en')).toBe(`750${NBSP}W`);
    expect(formatPowerW(1500, 'en')).toBe(`1.5${NBSP}kW`);
  });

  it('parses power typed in kW or W', () => {
    expect(parsePowerKw('8', 'en')).toBe(8);
    expect(parsePowerKw('8 kW', 'en')).toBe(8);
    expect(parsePowerKw('7500 W', 'en')).toBe(7.5);
    expect(parsePowerKw('x', 'en')).toBeNull();
  });

  it('formats areas', () => {
    expect(formatArea(12000 * 9000, metricEn)).toBe(`108${NBSP}m²`);
    expect(formatArea(12000 * 9000, imperialEn)).toBe(`1,163${NBSP}ft²`);
  });

  it('formats and parses rack units', () => {
    expect(formatU(42, 'en')).toBe(`42${NBSP}U`);
    expect(parseU('42U', 'en')).toBe(42);
    expect(parseU('U12', 'en')).toBe(12);
    expect(parseU('1,5 U', 'fr')).toBe(1.5);
    expect(formatPosition(12, 'en')).toBe('U12');
    expect(formatPosition(7.5, 'fr')).toBe('U7,5');
    expect(parseU(formatPosition(7.5, 'fr'), 'fr')).toBe(7.5);
  });

  it('normalises angles into [0, 360)', () => {
    expect(parseDegrees('90°', 'en')).toBe(90);
    expect(parseDegrees('-90', 'en')).toBe(270);
    expect(parseDegrees('360', 'en')).toBe(0);
  });
});

describe('ruler', () => {
  it('picks a tile multiple that leaves room for labels', () => {
    expect(rulerStepMm('metric', 0.1)).toBe(600);
    expect(rulerStepMm('metric', 0.05)).toBe(1200);
    expect(rulerStepMm('metric', 0.01)).toBe(6000);
    expect(rulerStepMm('imperial', 0.1)).toBe(2 * 304.8);
  });

  it('labels metres or feet', () => {
    expect(formatRulerLabel(3600, metricEn)).toBe('3.6');
    expect(formatRulerLabel(3048, imperialEn)).toBe(`10'`);
  });
});

/** Feet and inches to millimetres, for readable expectations. */
function MM(feet: number, inches: number): number {
  return feet * 304.8 + inches * 25.4;
}
