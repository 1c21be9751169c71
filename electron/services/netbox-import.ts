/**
 * Reads NetBox devicetype-library YAML from files and folders (recursively) and maps each
 * file with the pure importer in core/netbox. Invalid files are reported by path; valid ones
 * are returned so they can be imported.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DeviceType, RackType } from '../../core/model/schema';
import { parseNetboxDeviceTypeYaml } from '../../core/netbox/devicetype';
import { looksLikeRackType, parseNetboxRackTypeYaml } from '../../core/netbox/racktype';
import { assetsDir } from './assets';

export interface NetboxFileResult {
  path: string;
  deviceType?: DeviceType;
  /** Set instead of deviceType for files from the library's rack-types/ folder. */
  rackType?: RackType;
  errors: string[];
  warnings: string[];
}

export function isYamlFile(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

export function collectYamlFiles(input: string): string[] {
  const stat = fs.statSync(input);
  if (!stat.isDirectory()) return [input];
  const out: string[] = [];
  for (const entry of fs.readdirSync(input, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(input, entry.name);
    if (entry.isDirectory()) out.push(...collectYamlFiles(full));
    else if (isYamlFile(entry.name)) out.push(full);
  }
  return out;
}

/** `displayRoot` makes reported paths relative (e.g. `Dell/PowerEdge-R740.yaml`). */
export function readNetboxFile(file: string, displayRoot?: string): NetboxFileResult {
  const shown = displayRoot ? path.relative(displayRoot, file) || path.basename(file) : file;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return { path: file, errors: [`cannot read the file (${(err as Error).message})`], warnings: [] };
  }
  const sourcePath = shown.split(path.sep).join('/');
  if (looksLikeRackType(text)) {
    const rack = parseNetboxRackTypeYaml(text, sourcePath);
    return rack.ok ? { path: file, rackType: rack.rackType, errors: [], warnings: rack.warnings } : { path: file, errors: rack.errors, warnings: [] };
  }
  const parsed = parseNetboxDeviceTypeYaml(text, sourcePath);
  return parsed.ok
    ? { path: file, deviceType: parsed.deviceType, errors: [], warnings: parsed.warnings }
    : { path: file, errors: parsed.errors, warnings: [] };
}

export function readNetboxInputs(inputs: readonly string[]): NetboxFileResult[] {
  const results: NetboxFileResult[] = [];
  for (const input of inputs) {
    const root = fs.statSync(input).isDirectory() ? input : path.dirname(input);
    for (const file of collectYamlFiles(input)) results.push(readNetboxFile(file, root));
  }
  return results;
}

/** The device types shipped with Plenum (real NetBox files, see assets/devicetypes/README.md). */
export function builtinDeviceTypes(): DeviceType[] {
  const dir = path.join(assetsDir(), 'devicetypes');
  return readNetboxInputs([dir]).flatMap((r) => {
    if (r.rackType) return [];
    if (!r.deviceType) throw new Error(`built-in device type ${r.path} does not import: ${r.errors.join('; ')}`);
    return [{ ...r.deviceType, source: `builtin:${path.basename(r.path)}` }];
  });
}
