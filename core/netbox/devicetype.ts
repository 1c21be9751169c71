/**
 * Importer for one device type file of the NetBox community devicetype-library
 * (https://github.com/netbox-community/devicetype-library, `device-types/<Manufacturer>/<model>.yaml`).
 *
 * Pure: takes the file's text and its path (for `source` only), returns a Plenum `DeviceType` or
 * a list of errors. Reading files, walking folders and prefixing messages with the file path is the
 * caller's job.
 *
 * The library is real-world data (see e2e/fixtures/README.md), so the importer is liberal:
 *  - only the fields Plenum uses are checked; anything else (interfaces, module bays without
 *    `position`, `comments`, images, …) is never an error;
 *  - a field Plenum needs that is missing or unusable becomes a warning that says what was assumed;
 *  - only an unusable identity or height (`manufacturer`, `model`, `u_height`) or unreadable YAML
 *    rejects the file.
 * Every message starts with the NetBox field it is about and ends with the line, when known.
 */
import { AIRFLOWS, DeviceType, SUBDEVICE_ROLES } from '../model/schema';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';

export type NetboxParseResult =
  | { ok: true; deviceType: DeviceType; warnings: string[] }
  | { ok: false; errors: string[] };

export type DeviceRoleName = NonNullable<DeviceType['role']>;
type AirflowName = (typeof AIRFLOWS)[number];
type SubdeviceRoleName = (typeof SUBDEVICE_ROLES)[number];

/** Kilograms per NetBox `weight_unit` (exact: 1 lb = 0.45359237 kg by international definition). */
export const KG_PER_WEIGHT_UNIT = { kg: 1, g: 0.001, lb: 0.45359237, oz: 0.028349523125 } as const;
type WeightUnit = keyof typeof KG_PER_WEIGHT_UNIT;

/** Spellings accepted for each unit; NetBox itself only knows the four short ones. */
const WEIGHT_UNIT_ALIASES: Record<string, WeightUnit> = {
  kg: 'kg', kgs: 'kg', kilogram: 'kg', kilograms: 'kg',
  g: 'g', gram: 'g', grams: 'g',
  lb: 'lb', lbs: 'lb', pound: 'lb', pounds: 'lb',
  oz: 'oz', ounce: 'oz', ounces: 'oz',
};

/** Plenum field → the NetBox field it came from, so schema errors name what the user can fix. */
const NETBOX_FIELD_FOR: Record<string, string> = {
  id: 'slug',
  manufacturer: 'manufacturer',
  model: 'model',
  uHeight: 'u_height',
  fullDepth: 'is_full_depth',
  weightKg: 'weight',
  powerMaxW: 'power-ports',
  powerTypicalW: 'power-ports',
  airflow: 'airflow',
  subdeviceRole: 'subdevice_role',
  partNumber: 'part_number',
  source: 'source',
  role: 'role',
};

// ---------------------------------------------------------------------------------------------
// Ids

/**
 * Lowercase ASCII slug: accents dropped, every run of other characters becomes one `-`, no
 * leading or trailing `-`. Text with no ASCII letters or digits at all (e.g. only CJK) is spelled
 * as hex code points so that it still gives a stable, non-empty slug.
 */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug !== '' || text.trim() === '') return slug;
  return Array.from(text.trim(), (ch) => (ch.codePointAt(0) ?? 0).toString(16)).join('-');
}

const clip = (slug: string, max: number): string => slug.slice(0, max).replace(/-+$/, '');

/**
 * Deterministic id of a device type, e.g. `dt:dell/poweredge-r740`.
 *
 * The model part is the NetBox `slug` when given, else the model name. Library slugs usually
 * repeat the manufacturer (`dell-poweredge-r740`); that prefix is dropped, from slug and model
 * alike, so the same type gets the same id whether or not its file has a slug.
 */
export function deviceTypeIdFor(manufacturer: string, model: string, slug?: string | null): string {
  const maker = clip(slugify(manufacturer), 80) || 'unknown';
  let part = (slug ? slugify(slug) : '') || slugify(model);
  if (part.startsWith(`${maker}-`) && part.length > maker.length + 1) part = part.slice(maker.length + 1);
  return `dt:${maker}/${clip(part, 110) || 'unnamed'}`;
}

// ---------------------------------------------------------------------------------------------
// Role inference

/** What role inference looks at: identity text, height, and how many of each component a type has. */
export interface RoleFacts {
  manufacturer: string;
  model: string;
  slug?: string | null;
  partNumber?: string | null;
  comments?: string | null;
  uHeight: number;
  subdeviceRole?: SubdeviceRoleName | null;
  /** All interfaces, management ones included. */
  interfaces?: number;
  /** Interfaces that are not `mgmt_only` and not virtual/LAG: the ports that carry traffic. */
  dataInterfaces?: number;
  /** Console ports plus console server ports. */
  consolePorts?: number;
  powerPorts?: number;
  powerOutlets?: number;
  frontPorts?: number;
  rearPorts?: number;
  deviceBays?: number;
}

const UPS_HINT = /\bups\b|smart-ups|symmetra|\d\s?k?va\b/i;
const PDU_HINT = /\bpdu\b|power distribution/i;
const GPU_HINT = /\bgpus?\b|\bdgx\b|\bhgx\b/i;
/** Supermicro's naming: a `G` right after the four-digit family marks a GPU system (SYS-4029GP, AS-4125GS). */
const SUPERMICRO_GPU = /\b\d{4}g[a-z]*-/i;
const STORAGE_MAKERS = /^(netapp|pure ?storage|nimble|hitachi vantara|infinidat)\b/i;
const STORAGE_HINT =
  /\b(storage|shelf|jbod|jbof|san|nas|alletra|nimble|powervault|powerstore|unity|compellent|equallogic|flasharray|flashblade|md\d{4}|me\d{4}|fas\d{3,4}|aff|msa ?\d{4})\b/i;
/** How many traffic-carrying ports make a 1–2U box a switch rather than a server. */
export const SWITCH_MIN_DATA_PORTS = 16;

/**
 * Best guess of what a device type is for. The rules run in this order and the first match wins;
 * "name" means manufacturer, model, slug and part number, "text" is name plus comments:
 *  1. `blanking`    — "blank" or "filler" in the name.
 *  2. `patch-panel` — "patch panel" in the name, or front/rear ports with no interfaces and no power.
 *  3. `ups`         — UPS, Smart-UPS, Symmetra or a VA rating in the text, and no "PDU" there.
 *  4. `pdu`         — power outlets (or "PDU" in the name): distributes power and is not a UPS.
 *  5. `gpu-server`  — GPU, DGX or HGX in the text, or a Supermicro G model (SYS-4029GP-…).
 *  6. `switch`      — at least SWITCH_MIN_DATA_PORTS data interfaces in 1 or 2 U, or "switch" in the model.
 *  7. `storage`     — a storage maker (NetApp, Pure Storage…) or a storage word in the name
 *                     (storage, shelf, JBOD, Alletra, MD1400, FAS2750…).
 *  8. `gpu-server`  — anything else made by Nvidia (after the switch rule: Nvidia also sells switches).
 *  9. `firewall`, `router`, `cable-manager` — by keyword in the name.
 * 10. `chassis`     — `subdevice_role: parent` with device bays, or with no interfaces or consoles
 *                     (a parent that has its own ports, e.g. Lenovo SR630, is a server).
 * 11. `server`      — 1U or more (or a child blade/node) with at least one interface or console port.
 * 12. `other`       — everything else (fan panels, shelves, …).
 */
export function inferDeviceRole(facts: RoleFacts): DeviceRoleName {
  const name = [facts.manufacturer, facts.model, facts.slug, facts.partNumber].filter(Boolean).join(' ');
  const text = `${name} ${facts.comments ?? ''}`;
  const n = (count: number | undefined) => count ?? 0;
  const ports = n(facts.frontPorts) + n(facts.rearPorts);
  const consoles = n(facts.consolePorts);

  if (/blank|filler/i.test(name)) return 'blanking';
  if (/patch[\s_-]*panel/i.test(name) || (ports > 0 && n(facts.interfaces) === 0 && n(facts.powerPorts) === 0)) {
    return 'patch-panel';
  }
  const pduHint = PDU_HINT.test(text);
  if (UPS_HINT.test(text) && !pduHint) return 'ups';
  if (n(facts.powerOutlets) > 0 || PDU_HINT.test(name)) return 'pdu';
  if (GPU_HINT.test(text)) return 'gpu-server';
  if (/supermicro/i.test(facts.manufacturer) && SUPERMICRO_GPU.test(name)) return 'gpu-server';
  if ((n(facts.dataInterfaces) >= SWITCH_MIN_DATA_PORTS && facts.uHeight >= 1 && facts.uHeight <= 2)
    || /\bswitch\b/i.test(facts.model)) {
    return 'switch';
  }
  if (STORAGE_MAKERS.test(facts.manufacturer) || STORAGE_HINT.test(name)) return 'storage';
  if (/\bnvidia\b/i.test(facts.manufacturer)) return 'gpu-server';
  if (/firewall|fortigate/i.test(name)) return 'firewall';
  if (/\brouter\b/i.test(name)) return 'router';
  if (/cable[\s_-]*manag/i.test(name)) return 'cable-manager';
  if (facts.subdeviceRole === 'parent' && (n(facts.deviceBays) > 0 || (n(facts.interfaces) === 0 && consoles === 0))) {
    return 'chassis';
  }
  if ((facts.uHeight >= 1 || facts.subdeviceRole === 'child') && (n(facts.interfaces) > 0 || consoles > 0)) {
    return 'server';
  }
  return 'other';
}

// ---------------------------------------------------------------------------------------------
// YAML loading

type Yaml = Document.Parsed;
export type Loaded = { ok: true; doc: Yaml; lines: LineCounter; warnings: string[] } | { ok: false; errors: string[] };

const MAX_YAML_ERRORS = 5;

function parseYaml(text: string): { doc: Yaml; lines: LineCounter } {
  const lines = new LineCounter();
  // uniqueKeys: false: PyYAML (what NetBox uses) lets the last of duplicate keys win; we warn instead.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  return { doc, lines };
}

function describeYamlProblem(kind: string, e: YAMLError, lines: LineCounter): string {
  const { line, col } = lines.linePos(e.pos[0]);
  const message = e.message.split('\n')[0]?.trim() ?? e.message;
  return `${kind} at line ${line}, column ${col}: ${message}`;
}

/**
 * NetBox reads the library with PyYAML, which accepts a multi-line quoted value whose later lines
 * start in column 0 (e.g. long `comments: '…'` in Dell/PowerEdge-C6400.yaml, Nvidia/DGC-A100.yaml).
 * YAML 1.2, and so the `yaml` library, requires those lines to be indented past their key.
 * Indenting them by one space does not change the value (a quoted scalar folds away the leading
 * white space of its continuation lines) and keeps every line number.
 * Only top-level keys are considered. Returns null if there was nothing to fix, or if the quote
 * looks genuinely unclosed (it never closes, or a later line looks like the next `field:`).
 */
function indentQuotedContinuationLines(text: string): { text: string; fixed: { key: string; line: number }[] } | null {
  const lines = text.split('\n');
  const fixed: { key: string; line: number }[] = [];
  const closingQuote = (line: string, from: number, quote: string): number => {
    for (let i = from; i < line.length; i++) {
      const ch = line[i];
      if (quote === '"' && ch === '\\') i++;
      else if (ch === quote) {
        if (quote === "'" && line[i + 1] === "'") i++; // '' is an escaped ' in single quotes
        else return i;
      }
    }
    return -1;
  };
  for (let i = 0; i < lines.length; i++) {
    const start = /^([A-Za-z0-9_][\w.-]*)[ \t]*:[ \t]+(['"])/.exec(lines[i] ?? '');
    if (!start) continue;
    const [opening, key = '', quote = "'"] = start;
    let at = i;
    let from = opening.length;
    let changed = false;
    while (closingQuote(lines[at] ?? '', from, quote) < 0) {
      at++;
      from = 0;
      const next = lines[at];
      if (next === undefined) return null; // never closed: a real error, leave it to the parser
      // A line that looks like the next field means the quote was really left open: don't guess.
      if (/^[a-z][a-z0-9_-]*:(\s|$)/.test(next)) return null;
      if (next.trim() !== '' && !/^[ \t]/.test(next)) {
        lines[at] = ` ${next}`;
        changed = true;
      }
    }
    if (changed) fixed.push({ key, line: i + 1 });
    i = at;
  }
  return fixed.length > 0 ? { text: lines.join('\n'), fixed } : null;
}

export function loadYaml(text: string): Loaded {
  let { doc, lines } = parseYaml(text);
  const warnings: string[] = [];
  if (doc.errors.length > 0) {
    const repaired = indentQuotedContinuationLines(text);
    const retry = repaired ? parseYaml(repaired.text) : null;
    if (!repaired || !retry || retry.doc.errors.length > 0) {
      const errors = doc.errors.slice(0, MAX_YAML_ERRORS).map((e) => describeYamlProblem('YAML syntax error', e, lines));
      if (doc.errors.length > MAX_YAML_ERRORS) errors.push(`…and ${doc.errors.length - MAX_YAML_ERRORS} more YAML syntax errors`);
      return { ok: false, errors };
    }
    ({ doc, lines } = retry);
    for (const { key, line } of repaired.fixed) {
      warnings.push(`${key}: the quoted value starting on line ${line} continues on lines that are not indented, `
        + 'which YAML 1.2 does not allow; read it the way NetBox (PyYAML) does');
    }
  }
  for (const w of doc.warnings) warnings.push(describeYamlProblem('YAML warning', w, lines));
  return { ok: true, doc, lines, warnings };
}

// ---------------------------------------------------------------------------------------------
// Value helpers

/** A value as a user would recognise it in a message. */
export function show(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** A number, or a string holding a plain decimal ("2", "2.0"). Anything else → null. */
export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && DECIMAL.test(value.trim())) return Number(value.trim());
  return null;
}

/** YAML 1.2 booleans, plus the YAML 1.1 spellings PyYAML also reads as booleans. */
function toBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value !== 'string') return null;
  const v = value.trim().toLowerCase();
  if (['true', 'yes', 'y', 'on', '1'].includes(v)) return true;
  if (['false', 'no', 'n', 'off', '0'].includes(v)) return false;
  return null;
}

/** Rounds away binary noise (0.7 kg, not 0.7000000000000001) while keeping micrograms and microwatts. */
const roundNoise = (x: number): number => Math.round(x * 1e9) / 1e9;

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// ---------------------------------------------------------------------------------------------
// The importer

/**
 * The current rating of a power inlet, from its NetBox connector type, when the type fixes it:
 * IEC 60320 C14 10 A and C20 16 A (IEC ratings; UL rates them 15/20 A), NEMA plugs by the number
 * in their name (L6-30P: 30 A). IEC 60309 types in NetBox name the pin layout and clock position,
 * not the current (16, 32, 63 and 125 A share them), so they give nothing: better absent than guessed.
 */
export function inletAmps(type: unknown): number | null {
  if (typeof type !== 'string') return null;
  const t = type.trim().toLowerCase();
  if (t === 'iec-60320-c14' || t === 'iec-60320-c16') return 10;
  if (t === 'iec-60320-c20') return 16;
  const nema = /^nema-(?:l)?\d+-(\d+)p$/.exec(t);
  return nema ? Number(nema[1]) : null;
}

/**
 * Parses one devicetype-library YAML file into a Plenum `DeviceType` (with an inferred `role`).
 * `sourcePath` is the file's path inside the library, e.g. `Dell/PowerEdge-R740.yaml`; it becomes
 * `source: "netbox:Dell/PowerEdge-R740.yaml"` (backslashes turned into `/`).
 */
export function parseNetboxDeviceTypeYaml(text: string, sourcePath: string): NetboxParseResult {
  if (typeof text !== 'string') return { ok: false, errors: ['the file is not text'] };
  const loaded = loadYaml(text);
  if (!loaded.ok) return loaded;
  const { doc, lines } = loaded;
  const warnings = [...loaded.warnings];
  const errors: string[] = [];

  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
    return { ok: false, errors: ['the file is empty: expected a NetBox device type (manufacturer, model, u_height, …)'] };
  }
  if (!isMap(root)) {
    const what = isSeq(root) ? 'a list' : `a single value (${show(isScalar(root) ? root.value : root)})`;
    return { ok: false, errors: [`the document is ${what}, but a NetBox device type must be a mapping of fields such as manufacturer, model and u_height`] };
  }

  /** 1-based line of the node at `path`, or of the nearest parent that exists. */
  const lineOf = (path: (string | number)[]): number | undefined => {
    for (let depth = path.length; depth > 0; depth--) {
      const node: unknown = doc.getIn(path.slice(0, depth), true);
      if (isRecord(node) && Array.isArray(node.range) && typeof node.range[0] === 'number') {
        return lines.linePos(node.range[0]).line;
      }
    }
    return undefined;
  };
  const at = (path: (string | number)[]): string => {
    const line = lineOf(path);
    return line === undefined ? '' : ` (line ${line})`;
  };

  // Duplicate keys: PyYAML keeps the last value; so does toJS() below. Say so.
  const seen = new Map<string, number>();
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const line = isScalar(pair.key) && pair.key.range ? lines.linePos(pair.key.range[0]).line : 0;
    const first = seen.get(key);
    if (first !== undefined) warnings.push(`${key}: given twice (lines ${first} and ${line}); the last value is used`);
    else seen.set(key, line);
  }

  let raw: Record<string, unknown>;
  try {
    const js: unknown = doc.toJS({ maxAliasCount: 100 });
    raw = isRecord(js) ? js : {};
  } catch (e) {
    return { ok: false, errors: [`the YAML could not be read: ${e instanceof Error ? e.message : String(e)}`] };
  }

  /**
   * A text field; numbers and booleans keep their exact source spelling (`model: 1.10` → "1.10").
   * Anything else is dropped, with a warning unless `quiet` (for fields only used as hints).
   */
  const textField = (key: string, quiet = false): string | null => {
    const value = raw[key];
    if (value === null || value === undefined) return null;
    if (typeof value === 'string') return value.trim();
    if (typeof value === 'number' || typeof value === 'boolean') {
      const node: unknown = doc.get(key, true);
      return (isScalar(node) && typeof node.source === 'string' ? node.source : String(value)).trim();
    }
    if (!quiet) warnings.push(`${key}: must be text, got ${show(value)}; ignored${at([key])}`);
    return null;
  };

  // Identity
  const manufacturer = textField('manufacturer');
  const model = textField('model');
  if (!manufacturer) errors.push(`manufacturer: is required (the maker's name, e.g. "Dell")${at(['manufacturer'])}`);
  if (!model) errors.push(`model: is required (the model name, e.g. "PowerEdge R740")${at(['model'])}`);
  const slug = textField('slug');
  const partNumber = textField('part_number');
  const comments = textField('comments', true); // only a hint for role inference

  // Height
  let uHeight = 1;
  const rawU = raw.u_height;
  if (rawU === undefined || rawU === null) {
    warnings.push(`u_height missing: assumed 1${at(['u_height'])}`);
  } else {
    const u = toNumber(rawU);
    if (u === null) errors.push(`u_height: must be a number, got ${show(rawU)}${at(['u_height'])}`);
    else if (u < 0) errors.push(`u_height: must be 0 or more, got ${u}${at(['u_height'])}`);
    else if (!Number.isInteger(u * 2)) errors.push(`u_height: must be a multiple of 0.5 (e.g. 1, 1.5, 2), got ${u}${at(['u_height'])}`);
    else uHeight = u;
  }

  // Depth (NetBox's default is full depth)
  let fullDepth = true;
  const rawDepth = raw.is_full_depth;
  if (rawDepth === undefined || rawDepth === null) {
    warnings.push(`is_full_depth missing: assumed true (NetBox's default)${at(['is_full_depth'])}`);
  } else {
    const b = toBoolean(rawDepth);
    if (b === null) warnings.push(`is_full_depth: must be true or false, got ${show(rawDepth)}; assumed true${at(['is_full_depth'])}`);
    else fullDepth = b;
  }

  // Weight
  let weightKg: number | null = null;
  const rawWeight = raw.weight;
  const rawUnit = raw.weight_unit;
  if (rawWeight === undefined || rawWeight === null) {
    if (rawUnit !== undefined && rawUnit !== null) warnings.push(`weight_unit: ${show(rawUnit)} is given without a weight; ignored${at(['weight_unit'])}`);
  } else {
    const w = toNumber(rawWeight);
    if (w === null) warnings.push(`weight: must be a number, got ${show(rawWeight)}; weight left empty${at(['weight'])}`);
    else if (w < 0) warnings.push(`weight: must be 0 or more, got ${w}; weight left empty${at(['weight'])}`);
    else if (rawUnit === undefined || rawUnit === null) {
      warnings.push(`weight_unit missing: assumed kg for weight ${w}${at(['weight'])}`);
      weightKg = roundNoise(w);
    } else {
      const unit = typeof rawUnit === 'string' ? WEIGHT_UNIT_ALIASES[rawUnit.trim().toLowerCase()] : undefined;
      if (unit === undefined) {
        warnings.push(`weight_unit: unknown unit ${show(rawUnit)} (expected kg, g, lb or oz); weight left empty${at(['weight_unit'])}`);
      } else {
        weightKg = roundNoise(w * KG_PER_WEIGHT_UNIT[unit]);
      }
    }
  }

  // Power: sums over all power ports (nameplate maximum and allocated/expected draw)
  const power = { maximum_draw: { sum: 0, given: 0 }, allocated_draw: { sum: 0, given: 0 } };
  const rawPorts = raw['power-ports'];
  const ports = Array.isArray(rawPorts) ? rawPorts : [];
  if (rawPorts !== undefined && rawPorts !== null && !Array.isArray(rawPorts)) {
    warnings.push(`power-ports: must be a list, got ${show(rawPorts)}; power draw left empty${at(['power-ports'])}`);
  }
  ports.forEach((port, i) => {
    if (!isRecord(port)) {
      warnings.push(`power-ports[${i}]: must be a mapping (name, type, maximum_draw…), got ${show(port)}; ignored${at(['power-ports', i])}`);
      return;
    }
    for (const field of ['maximum_draw', 'allocated_draw'] as const) {
      const value = port[field];
      if (value === undefined || value === null) continue; // `allocated_draw: null` is common: absent
      const watts = toNumber(value);
      if (watts === null || watts < 0) {
        warnings.push(`power-ports[${i}].${field}: must be a number of watts (0 or more), got ${show(value)}; not counted${at(['power-ports', i, field])}`);
        continue;
      }
      power[field].sum += watts;
      power[field].given++;
    }
  });
  for (const field of ['maximum_draw', 'allocated_draw'] as const) {
    const { given } = power[field];
    if (given > 0 && given < ports.length) {
      warnings.push(`power-ports: ${field} is given for ${given} of ${ports.length} power ports; the total counts only those${at(['power-ports'])}`);
    }
  }
  const powerMaxW = power.maximum_draw.given > 0 ? roundNoise(power.maximum_draw.sum) : null;
  const powerTypicalW = power.allocated_draw.given > 0 ? roundNoise(power.allocated_draw.sum) : null;

  // Airflow (accepts "Front to Rear" and "front_to_rear" spellings)
  let airflow: AirflowName | null = null;
  const rawAirflow = raw.airflow;
  if (rawAirflow !== undefined && rawAirflow !== null) {
    const normal = typeof rawAirflow === 'string' ? rawAirflow.trim().toLowerCase().replace(/[\s_]+/g, '-') : '';
    const known = AIRFLOWS.find((a) => a === normal);
    if (known) airflow = known;
    else warnings.push(`airflow: unknown value ${show(rawAirflow)} (expected one of ${AIRFLOWS.join(', ')}); left empty${at(['airflow'])}`);
  }

  // Parent/child
  let subdeviceRole: SubdeviceRoleName | null = null;
  const rawSub = raw.subdevice_role;
  if (rawSub !== undefined && rawSub !== null) {
    const normal = typeof rawSub === 'string' ? rawSub.trim().toLowerCase() : '';
    const known = SUBDEVICE_ROLES.find((r) => r === normal);
    if (known) subdeviceRole = known;
    else warnings.push(`subdevice_role: unknown value ${show(rawSub)} (expected parent or child); left empty${at(['subdevice_role'])}`);
  }

  if (errors.length > 0 || !manufacturer || !model) return { ok: false, errors };

  const interfaces = asList(raw.interfaces);
  const role = inferDeviceRole({
    manufacturer, model, slug, partNumber, comments, uHeight, subdeviceRole,
    interfaces: interfaces.length,
    dataInterfaces: interfaces.filter((i) => isRecord(i) && i.mgmt_only !== true
      && !/^(virtual|lag|bridge)$/i.test(String(i.type ?? ''))).length,
    consolePorts: asList(raw['console-ports']).length + asList(raw['console-server-ports']).length,
    powerPorts: ports.length,
    powerOutlets: asList(raw['power-outlets']).length,
    frontPorts: asList(raw['front-ports']).length,
    rearPorts: asList(raw['rear-ports']).length,
    deviceBays: asList(raw['device-bays']).length,
  });

  // Cords: a PDU's power ports are its inlets and its outlets are what it offers; any other
  // device's power ports are its power supplies (2 or more = dual-corded, FACTS.md).
  const outlets = asList(raw['power-outlets']).length;
  const cords: Partial<Pick<DeviceType, 'psuCount' | 'pduInletA' | 'pduOutlets'>> = {};
  if (role === 'pdu') {
    if (outlets > 0 && outlets <= 200) cords.pduOutlets = outlets;
    const inletA = ports.map((p) => (isRecord(p) ? inletAmps(p.type) : null));
    if (inletA.length > 0 && inletA[0] !== null && inletA.every((a) => a === inletA[0])) cords.pduInletA = inletA[0];
  } else if (ports.length > 0) {
    if (ports.length <= 16) cords.psuCount = ports.length;
    else warnings.push(`power-ports: ${ports.length} power ports is more than the 16 power supplies Plenum models; PSU count left empty${at(['power-ports'])}`);
  }

  const candidate: DeviceType = {
    id: deviceTypeIdFor(manufacturer, model, slug),
    manufacturer,
    model,
    uHeight,
    fullDepth,
    weightKg,
    powerMaxW,
    powerTypicalW,
    airflow,
    role,
    subdeviceRole,
    ...(partNumber ? { partNumber } : {}),
    ...cords,
    source: `netbox:${sourcePath.replace(/\\/g, '/')}`,
  };

  const checked = DeviceType.safeParse(candidate);
  if (!checked.success) {
    return {
      ok: false,
      errors: checked.error.issues.map((issue) => {
        const plenumKey = String(issue.path[0] ?? '');
        const field = NETBOX_FIELD_FOR[plenumKey] ?? (issue.path.join('.') || 'device type');
        const message = issue.message.startsWith(`${plenumKey} `) ? issue.message.slice(plenumKey.length + 1) : issue.message;
        return `${field}: ${message}${at([field])}`;
      }),
    };
  }
  return { ok: true, deviceType: checked.data, warnings };
}
