/**
 * NetBox devicetype-library rack types (`rack-types/<Manufacturer>/*.yaml`) → Plenum `RackType`.
 * Same liberal reading as device types: only an unusable manufacturer, model or u_height rejects
 * a file; anything else missing is assumed, with a warning saying what.
 */
import { isMap } from 'yaml';
import type { RackType } from '../model/schema';
import { RackType as RackTypeSchema } from '../model/schema';
import { slugify } from '../model/ids';
import { KG_PER_WEIGHT_UNIT, loadYaml, show, toNumber } from './devicetype';

export type NetboxRackParseResult = { ok: true; rackType: RackType; warnings: string[] } | { ok: false; errors: string[] };

const MM_PER_UNIT = { mm: 1, in: 25.4 } as const;
/** A rack's power budget is a design decision, not a product property: NetBox has no field. */
export const ASSUMED_RACK_BUDGET_KW = 8;
export const ASSUMED_RACK_WIDTH_MM = 600;

/** True when a parsed YAML mapping looks like a rack type rather than a device type. */
export function looksLikeRackType(text: string): boolean {
  return /^form_factor\s*:/m.test(text) || /^(outer_depth|max_weight|starting_unit)\s*:/m.test(text);
}

export function rackTypeIdFor(manufacturer: string, model: string): string {
  return `rt:${slugify(manufacturer)}/${slugify(model)}`;
}

export function parseNetboxRackTypeYaml(text: string, sourcePath: string): NetboxRackParseResult {
  const loaded = loadYaml(text);
  if (!loaded.ok) return loaded;
  const warnings = [...loaded.warnings];
  const root = loaded.doc.contents;
  if (!isMap(root)) return { ok: false, errors: ['expected a NetBox rack type (manufacturer, model, u_height, …)'] };
  const data = loaded.doc.toJS() as Record<string, unknown>;
  const errors: string[] = [];
  const text1 = (key: string) => (typeof data[key] === 'string' && (data[key] as string).trim() ? (data[key] as string).trim() : null);
  const manufacturer = text1('manufacturer');
  const model = text1('model');
  if (!manufacturer) errors.push('manufacturer: missing');
  if (!model) errors.push('model: missing');
  const uHeight = toNumber(data.u_height);
  if (uHeight === null || !Number.isInteger(uHeight) || uHeight < 1 || uHeight > 100) errors.push(`u_height: must be a whole number from 1 to 100, got ${show(data.u_height)}`);
  if (errors.length) return { ok: false, errors };

  const unitName = typeof data.outer_unit === 'string' ? data.outer_unit.toLowerCase() : 'mm';
  const mmPerUnit = MM_PER_UNIT[unitName as keyof typeof MM_PER_UNIT];
  if (!mmPerUnit) warnings.push(`outer_unit: unknown unit ${show(data.outer_unit)}: assumed mm`);
  const length = (key: string, fallback: number | null, what: string): number | null => {
    const v = toNumber(data[key]);
    if (v !== null && v > 0) return Math.round(v * (mmPerUnit ?? 1) * 10) / 10;
    if (fallback !== null) warnings.push(`${key} missing: assumed ${fallback} mm ${what}`);
    return fallback;
  };
  const widthMm = length('outer_width', ASSUMED_RACK_WIDTH_MM, '(a standard 19″ cabinet)')!;
  const depthMm = length('outer_depth', 1200, '')!;
  const heightMm = length('outer_height', null, '');

  const weightUnit = typeof data.weight_unit === 'string' ? data.weight_unit.toLowerCase() : 'kg';
  const kgPer = KG_PER_WEIGHT_UNIT[weightUnit as keyof typeof KG_PER_WEIGHT_UNIT];
  if (!kgPer) warnings.push(`weight_unit: unknown unit ${show(data.weight_unit)}: weights ignored`);
  const kg = (key: string) => {
    const v = toNumber(data[key]);
    return v !== null && v >= 0 && kgPer ? Math.round(v * kgPer * 1000) / 1000 : null;
  };
  const emptyWeightKg = kg('weight');
  const maxKg = kg('max_weight');
  if (emptyWeightKg === null) warnings.push('weight missing: assumed 0 kg empty weight');
  if (maxKg === null) warnings.push('max_weight missing: assumed 1000 kg');
  warnings.push(`no power budget in NetBox: assumed ${ASSUMED_RACK_BUDGET_KW} kW`);

  const candidate = {
    id: rackTypeIdFor(manufacturer!, model!),
    manufacturer: manufacturer!,
    model: model!,
    uHeight: uHeight!,
    widthMm,
    depthMm,
    ...(heightMm !== null ? { heightMm } : {}),
    maxKw: ASSUMED_RACK_BUDGET_KW,
    maxKg: maxKg ?? 1000,
    emptyWeightKg: emptyWeightKg ?? 0,
    source: `netbox:${sourcePath.replaceAll('\\', '/')}`,
  };
  const parsed = RackTypeSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  return { ok: true, rackType: parsed.data, warnings };
}
