/**
 * Display units. The document always stores millimetres, kilograms and kilowatts (see the field
 * names in core/model/schema.ts); this module turns those into text for the chosen unit system and
 * language, and parses what a person types back into stored units.
 *
 * Pure: no DOM, no React, so it is unit-tested in node (units.test.ts).
 */
import type { UNIT_SYSTEMS } from '../../core/api';

export type UnitSystem = (typeof UNIT_SYSTEMS)[number];

/**
 * Which metric unit suits a length: room-scale lengths (room sizes, positions in a room) read best
 * in metres, equipment-scale ones (rack width and depth) in millimetres. Imperial uses ft-in for both.
 */
export type LengthScale = 'room' | 'equipment';

export interface UnitOptions {
  system: UnitSystem;
  /** BCP 47 language tag, e.g. `en` or `fr`: decides decimal and grouping separators. */
  locale: string;
}

export const MM_PER_INCH = 25.4;
export const MM_PER_FOOT = 304.8;
export const KG_PER_POUND = 0.45359237;
/** Inches are shown to the nearest 1/8″, the usual precision of a tape measure. */
const INCH_DENOMINATOR = 8;
/** Non-breaking space between a number and its unit, so "12 m" never wraps. */
const NBSP = '\u00a0';

const formatters = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number, locale: string, maxFractionDigits = 2, minFractionDigits = 0): string {
  const key = `${locale}|${maxFractionDigits}|${minFractionDigits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: maxFractionDigits, minimumFractionDigits: minFractionDigits });
    formatters.set(key, f);
  }
  // Avoid "-0" for values that round to zero.
  const rounded = Number(value.toFixed(maxFractionDigits));
  return f.format(Object.is(rounded, -0) ? 0 : rounded);
}

// ---------------------------------------------------------------- lengths

/** The unit a bare number typed into a length field is taken to be in. */
export function lengthInputUnit(opts: UnitOptions, scale: LengthScale): 'm' | 'mm' | 'ft' | 'in' {
  if (opts.system === 'metric') return scale === 'room' ? 'm' : 'mm';
  return scale === 'room' ? 'ft' : 'in';
}

/** Short label of the display unit, for field suffixes and column headers. */
export function lengthUnitLabel(opts: UnitOptions, scale: LengthScale): string {
  if (opts.system === 'metric') return scale === 'room' ? 'm' : 'mm';
  return 'ft-in';
}

export function formatLength(mm: number, opts: UnitOptions, scale: LengthScale = 'room'): string {
  if (!Number.isFinite(mm)) return '—';
  if (opts.system === 'metric') {
    return scale === 'room'
      ? `${formatNumber(mm / 1000, opts.locale, 3)}${NBSP}m`
      : `${formatNumber(mm, opts.locale, 1)}${NBSP}mm`;
  }
  return formatFeetInches(mm);
}

/** `3' 11-5/8"`, `23-5/8"`, `-1' 0"`: feet and inches to the nearest 1/8 inch. */
export function formatFeetInches(mm: number): string {
  const sign = mm < 0 ? '-' : '';
  const eighths = Math.round((Math.abs(mm) / MM_PER_INCH) * INCH_DENOMINATOR);
  const feet = Math.floor(eighths / (12 * INCH_DENOMINATOR));
  const restEighths = eighths - feet * 12 * INCH_DENOMINATOR;
  const wholeInches = Math.floor(restEighths / INCH_DENOMINATOR);
  let fraction = restEighths - wholeInches * INCH_DENOMINATOR;
  let denominator = INCH_DENOMINATOR;
  while (fraction > 0 && fraction % 2 === 0) {
    fraction /= 2;
    denominator /= 2;
  }
  const inches = fraction > 0 ? `${wholeInches}-${fraction}/${denominator}"` : `${wholeInches}"`;
  if (eighths === 0) return `0"`;
  return feet > 0 ? `${sign}${feet}' ${inches}` : `${sign}${inches}`;
}

/**
 * Reads a decimal number written the way a person of `locale` writes it. Accepts both `.` and `,`
 * as the decimal separator (French keyboards differ on the numeric pad), and ignores grouping:
 * spaces always, and in English a comma followed by exactly three digits ("1,200").
 */
export function parseDecimal(text: string, locale: string): number | null {
  let s = text.trim().replace(/[\s\u00a0\u202f']/g, '').replace(/\u2212/g, '-');
  if (s === '') return null;
  const english = !locale.toLowerCase().startsWith('fr');
  if (english && /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  else if (!english && /^-?\d{1,3}(\.\d{3})+,\d+$/.test(s)) s = s.replace(/\./g, '').replace(',', '.');
  else s = s.replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** A number, a simple fraction (`5/8`) or a mixed number (`11 5/8`, `11-5/8`). */
function parseMixed(text: string, locale: string): number | null {
  const t = text.trim();
  const mixed = /^(-?\d+)(?:\s+|-)(\d+)\/(\d+)$/.exec(t);
  if (mixed) {
    const whole = Number(mixed[1]);
    const frac = Number(mixed[2]) / Number(mixed[3]);
    if (!Number.isFinite(frac) || Number(mixed[3]) === 0) return null;
    return whole < 0 || mixed[1]!.startsWith('-') ? whole - frac : whole + frac;
  }
  const simple = /^(-?\d+)\/(\d+)$/.exec(t);
  if (simple) return Number(simple[2]) === 0 ? null : Number(simple[1]) / Number(simple[2]);
  return parseDecimal(t, locale);
}

const LENGTH_UNITS: Record<string, number> = {
  mm: 1, millimetre: 1, millimetres: 1, millimeter: 1, millimeters: 1, millimètre: 1, millimètres: 1,
  cm: 10, m: 1000, metre: 1000, metres: 1000, meter: 1000, meters: 1000, mètre: 1000, mètres: 1000,
  in: MM_PER_INCH, inch: MM_PER_INCH, inches: MM_PER_INCH, '"': MM_PER_INCH, '″': MM_PER_INCH, po: MM_PER_INCH, pouce: MM_PER_INCH, pouces: MM_PER_INCH,
  ft: MM_PER_FOOT, foot: MM_PER_FOOT, feet: MM_PER_FOOT, "'": MM_PER_FOOT, '′': MM_PER_FOOT, pi: MM_PER_FOOT, pied: MM_PER_FOOT, pieds: MM_PER_FOOT,
};

/**
 * Parses a length typed in any unit into millimetres: `12`, `12.5 m`, `600mm`, `120 cm`, `4'`,
 * `3' 11-5/8"`, `3 ft 4 in`, `40"`. A bare number is in the field's display unit
 * (lengthInputUnit). Returns null when the text is not a length. Rounded to 0.01 mm to drop
 * floating-point noise from conversions.
 */
export function parseLength(text: string, opts: UnitOptions, scale: LengthScale = 'room'): number | null {
  const t = text.trim().toLowerCase().replace(/\u2212/g, '-');
  if (t === '') return null;
  const round = (mm: number) => Math.round(mm * 100) / 100;

  // Feet and inches together: 3' 4", 3'4", 3 ft 4 in, 3' 11-5/8", 3 ft 4.
  const ftIn = /^(-?)\s*(\d+(?:[.,]\d+)?)\s*(?:'|′|ft|feet|foot|pi|pieds?)\s*(\d+(?:[.,]\d+)?(?:(?:\s+|-)\d+\/\d+)?|\d+\/\d+)\s*(?:"|″|in|inch|inches|po|pouces?)?$/.exec(t);
  if (ftIn) {
    const feet = parseDecimal(ftIn[2]!, opts.locale);
    const inches = parseMixed(ftIn[3]!, opts.locale);
    if (feet === null || inches === null) return null;
    const mm = feet * MM_PER_FOOT + inches * MM_PER_INCH;
    return round(ftIn[1] ? -mm : mm);
  }

  const withUnit = /^(.*?)\s*([a-zèé]+|"|″|'|′)$/.exec(t);
  if (withUnit && withUnit[1] !== '' && LENGTH_UNITS[withUnit[2]!] !== undefined) {
    const value = parseMixed(withUnit[1]!, opts.locale);
    return value === null ? null : round(value * LENGTH_UNITS[withUnit[2]!]!);
  }

  const bare = parseMixed(t, opts.locale);
  if (bare === null) return null;
  const unit = lengthInputUnit(opts, scale);
  return round(bare * LENGTH_UNITS[unit]!);
}

// ---------------------------------------------------------------- mass

export function massUnitLabel(opts: UnitOptions): string {
  return opts.system === 'metric' ? 'kg' : 'lb';
}

export function formatMass(kg: number, opts: UnitOptions): string {
  if (!Number.isFinite(kg)) return '—';
  return opts.system === 'metric'
    ? `${formatNumber(kg, opts.locale, 1)}${NBSP}kg`
    : `${formatNumber(kg / KG_PER_POUND, opts.locale, 0)}${NBSP}lb`;
}

/** Parses `1200`, `1 200 kg`, `2650 lb`, `1.2 t` into kilograms (a bare number is in the display unit). */
export function parseMass(text: string, opts: UnitOptions): number | null {
  const t = text.trim().toLowerCase();
  const m = /^(.*?)\s*(kg|lb|lbs|t|g)?$/.exec(t);
  if (!m) return null;
  const value = parseDecimal(m[1]!, opts.locale);
  if (value === null) return null;
  const unit = m[2] ?? (opts.system === 'metric' ? 'kg' : 'lb');
  const kg = unit === 'kg' ? value : unit === 't' ? value * 1000 : unit === 'g' ? value / 1000 : value * KG_PER_POUND;
  return Math.round(kg * 1000) / 1000;
}

// ---------------------------------------------------------------- temperature

/** Temperatures are stored in °C; imperial shows °F (US facilities read inlet temperatures in °F). */
export function temperatureUnitLabel(opts: UnitOptions): string {
  return opts.system === 'metric' ? '°C' : '°F';
}

/** A °C value in the display unit, as a number (chart axes). A difference uses `delta`. */
export function toDisplayTemperature(c: number, system: UnitSystem, delta = false): number {
  return system === 'metric' ? c : delta ? c * 1.8 : c * 1.8 + 32;
}

export function formatTemperature(c: number, opts: UnitOptions, digits = 1): string {
  if (!Number.isFinite(c)) return '—';
  return `${formatNumber(toDisplayTemperature(c, opts.system), opts.locale, digits, digits)}${NBSP}${temperatureUnitLabel(opts)}`;
}

// ---------------------------------------------------------------- power, area, height

/** Power is in kW in both systems (datacenter practice in the US too). */
export function formatPowerKw(kw: number, locale: string): string {
  if (!Number.isFinite(kw)) return '—';
  return `${formatNumber(kw, locale, 2)}${NBSP}kW`;
}

export function formatPowerW(w: number, locale: string): string {
  return w >= 1000 ? formatPowerKw(w / 1000, locale) : `${formatNumber(w, locale, 0)}${NBSP}W`;
}

/** Parses `8`, `8 kW`, `7500 W` into kW. */
export function parsePowerKw(text: string, locale: string): number | null {
  const m = /^(.*?)\s*(kw|w|mw)?$/.exec(text.trim().toLowerCase());
  if (!m) return null;
  const value = parseDecimal(m[1]!, locale);
  if (value === null) return null;
  const kw = m[2] === 'w' ? value / 1000 : m[2] === 'mw' ? value * 1000 : value;
  return Math.round(kw * 1e6) / 1e6;
}

export function formatArea(mm2: number, opts: UnitOptions): string {
  return opts.system === 'metric'
    ? `${formatNumber(mm2 / 1e6, opts.locale, 1)}${NBSP}m²`
    : `${formatNumber(mm2 / (MM_PER_FOOT * MM_PER_FOOT), opts.locale, 0)}${NBSP}ft²`;
}

/** Rack units: `42U`, `1.5U`. */
export function formatU(u: number, locale: string): string {
  return `${formatNumber(u, locale, 1)}${NBSP}U`;
}

/** A position in a rack, the way elevations label it: `U12`, `U7.5`. */
export function formatPosition(u: number, locale: string): string {
  return `U${formatNumber(u, locale, 1)}`;
}

/** Parses `42`, `42U`, `U12`, `1,5 U` into rack units. */
export function parseU(text: string, locale: string): number | null {
  const t = text.trim().toLowerCase().replace(/^u\s*/, '').replace(/\s*u$/, '');
  return parseDecimal(t, locale);
}

/** Parses an angle in degrees, `90`, `90°`, `90 deg`, normalised to [0, 360). */
export function parseDegrees(text: string, locale: string): number | null {
  const t = text.trim().toLowerCase().replace(/\s*(°|deg|degrees|degrés)$/, '');
  const n = parseDecimal(t, locale);
  if (n === null) return null;
  return ((n % 360) + 360) % 360;
}

export function formatDegrees(deg: number, locale: string): string {
  return `${formatNumber(deg, locale, 1)}°`;
}

/** The spacing of ruler labels on the plan: a round number of tiles (600 mm) or feet, about `minPx` apart on screen. */
export function rulerStepMm(system: UnitSystem, pxPerMm: number, minPx = 56): number {
  const steps = system === 'metric'
    ? [600, 1200, 3000, 6000, 12000, 30000, 60000, 120000]
    : [2, 4, 10, 20, 50, 100, 200, 500].map((ft) => ft * MM_PER_FOOT);
  for (const s of steps) if (s * pxPerMm >= minPx) return s;
  return steps[steps.length - 1]!;
}

/** Short ruler label: metres with one decimal in metric, whole feet in imperial. */
export function formatRulerLabel(mm: number, opts: UnitOptions): string {
  return opts.system === 'metric'
    ? formatNumber(mm / 1000, opts.locale, 1)
    : `${formatNumber(mm / MM_PER_FOOT, opts.locale, 0)}'`;
}
