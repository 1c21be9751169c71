/**
 * A finding in a language and units of the caller's choosing, shared by the app's findings panel
 * (renderer/src/findings/findingText.ts) and the printed reports (electron/report/finding-text.ts).
 * The engine gives each finding a rule, a variant and raw params; the message key is
 * `findings.<rule>.<variant>`, the hint's `findings.<rule>.hints.<variant>` when it depends on the
 * variant, else `findings.<rule>.hint`. Params are formatted by name: `…Mm` lengths, `…Deg` angles,
 * `…W` powers, `…Kg` masses, `…KgM2` floor loads, `…C` temperatures, `pct`/`…Pct` percentages,
 * `…Kind` words from `findings.kind`, `takenAt` a date and time.
 *
 * Without formatters for the capacity units, params are written the way core writes its English
 * messages ("7.2 kW", "812 kg"), so a test can compare the English text with core's message.
 * Pure: the translation function is passed in (i18next's `t` in both callers).
 */
import type { Finding } from './finding';

/** A translation function: i18next's `t`, or anything with its key-and-options shape. */
export type Translate = (key: string | string[], options?: Record<string, unknown>) => string;

export interface ParamFormatters {
  length(mm: number): string;
  degrees(deg: number): string;
  power?(w: number): string;
  mass?(kg: number): string;
  floorLoad?(kgPerM2: number): string;
  temperature?(c: number): string;
  percent?(pct: number): string;
  dateTime?(iso: string): string;
}

/** Core's own English formatting (core/capacity/*.ts `kw`), the fallback of every capacity unit. */
const CORE: Required<Omit<ParamFormatters, 'length' | 'degrees'>> = {
  power: (w) => `${(w / 1000).toFixed(w >= 100_000 ? 0 : 1)} kW`,
  mass: (kg) => `${Math.round(kg)} kg`,
  floorLoad: (v) => `${Math.round(v)} kg/m²`,
  temperature: (c) => `${c} °C`,
  percent: (p) => String(p),
  dateTime: (iso) => iso,
};

/** The place a capacity finding is about ("zone Z1 of Hall 1", "rack A03"), from its structured params. */
function placeParams(finding: Pick<Finding, 'rule' | 'params'>, t: Translate): Record<string, string> {
  const p = finding.params;
  if (typeof p.where !== 'string' || typeof p.room !== 'string') return {};
  if (typeof p.zone === 'string' && p.zone !== '') return { where: t('findings.where.zone', { zone: p.zone, room: p.room }) };
  if (typeof p.rack === 'string' && p.rack !== '') return { where: t('findings.where.rack', { rack: p.rack }) };
  return { where: p.room };
}

export function findingParams(finding: Pick<Finding, 'params'> & Partial<Pick<Finding, 'id' | 'rule' | 'rackId'>>, t: Translate, fmt: ParamFormatters): Record<string, string | number> {
  const f = { ...CORE, ...fmt };
  const p = finding.params;
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(p)) {
    if (typeof value === 'number' && key.endsWith('Mm')) out[key] = fmt.length(value);
    else if (typeof value === 'number' && key.endsWith('Deg')) out[key] = fmt.degrees(value);
    else if (typeof value === 'number' && key.endsWith('KgM2')) out[key] = f.floorLoad(value);
    else if (typeof value === 'number' && key.endsWith('Kg')) out[key] = f.mass(value);
    else if (typeof value === 'number' && key.endsWith('W')) out[key] = f.power(value);
    else if (typeof value === 'number' && key.endsWith('C')) out[key] = f.temperature(value);
    else if (typeof value === 'number' && (key === 'pct' || key.endsWith('Pct'))) out[key] = f.percent(value);
    else if (typeof value === 'string' && key.endsWith('Kind')) out[key] = t(`findings.kind.${value}`, { defaultValue: value });
    else if (typeof value === 'string' && key === 'takenAt') out[key] = f.dateTime(value);
    else out[key] = value;
  }
  // Environment limits: a temperature or dew point in °C, or a relative humidity in % RH.
  if (typeof p.quantityKind === 'string') {
    const humidity = p.quantityKind === 'humidity';
    for (const key of ['value', 'limit'] as const) {
      const v = p[key];
      if (typeof v === 'number') out[key] = humidity ? t('findings.unit.rh', { value: f.percent(v) }) : f.temperature(v);
    }
    if (p.side === 'low' || p.side === 'high') out.direction = t(`findings.kind.${p.side === 'low' ? 'below' : 'above'}`);
  }
  // The other feed of a rack (device-unfed's hint: "plug it into feed B").
  if (p.side === 'A' || p.side === 'B') out.otherSide = p.side === 'A' ? 'B' : 'A';
  // "A01, A02 … and 19 more", in the user's language.
  if (typeof p.shown === 'string' && typeof p.more === 'number') out.racks = p.more > 0 ? `${p.shown} ${t('findings.andMore', { count: p.more })}` : p.shown;
  if (finding.rule) Object.assign(out, placeParams(finding as Finding, t));
  return out;
}

/** The message in the current language; core's English message when a key is missing. */
export function findingText(finding: Finding, t: Translate, fmt: ParamFormatters): string {
  return sentence(t(`findings.${finding.rule}.${finding.variant}`, { ...findingParams(finding, t, fmt), defaultValue: finding.message }));
}

/** A message may open on a place ("zone Z1 of Hall 1 produces…"): it still starts a sentence. */
const sentence = (text: string): string => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/** What to do about it, in the current language; core's English hint when a key is missing. */
export function findingHint(finding: Finding, t: Translate, fmt: ParamFormatters): string {
  if (!finding.hint) return '';
  return t([`findings.${finding.rule}.hints.${finding.variant}`, `findings.${finding.rule}.hint`], { ...findingParams(finding, t, fmt), defaultValue: finding.hint });
}

