/**
 * The device catalog shared by every project (issue 3 §2): Plenum's generic types, the real NetBox
 * types shipped in assets/devicetypes, and the NetBox types the user imported into their library
 * (kept in `<user data>/library/device-types.json`). Placing a catalog type copies it into the
 * project (device.create's `deviceType` argument); the catalog itself never changes a project.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { GENERIC_DEVICE_TYPES, GENERIC_RACK_TYPES } from '../../core/catalog/generic';
import type { CatalogEntry, CatalogImportResult, CatalogList, CatalogQuery } from '../../core/api';
import { PlenumError } from '../../core/model/errors';
import type { DeviceType, RackType } from '../../core/model/schema';
import { DeviceType as DeviceTypeSchema } from '../../core/model/schema';
import { builtinDeviceTypes, readNetboxInputs } from './netbox-import';
import { writeJsonAtomic } from './user-data';

const LibraryFile = z.object({ version: z.literal(1), deviceTypes: z.array(DeviceTypeSchema) });

/** Matches when every word of the query is found in manufacturer, model or part number. */
export function matchesQuery(type: DeviceType, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = `${type.manufacturer} ${type.model} ${type.partNumber ?? ''}`.toLowerCase();
  return words.every((w) => text.includes(w));
}

export function filterCatalog(types: readonly DeviceType[], q: CatalogQuery): DeviceType[] {
  return types.filter((t) => {
    if (q.query && !matchesQuery(t, q.query)) return false;
    if (q.manufacturer && t.manufacturer.toLowerCase() !== q.manufacturer.toLowerCase()) return false;
    if (q.uHeight !== undefined && t.uHeight !== q.uHeight) return false;
    if (q.role && t.role !== q.role) return false;
    if (q.minPowerW !== undefined && (t.powerMaxW === null || t.powerMaxW < q.minPowerW)) return false;
    if (q.maxPowerW !== undefined && (t.powerMaxW === null || t.powerMaxW > q.maxPowerW)) return false;
    return true;
  });
}

const byName = new Intl.Collator('en', { numeric: true, sensitivity: 'base' }).compare;

export class DeviceCatalog {
  private shipped: DeviceType[] | null = null;

  constructor(private readonly userDataDir: string) {}

  get libraryFile(): string {
    return path.join(this.userDataDir, 'library', 'device-types.json');
  }

  /** The user's imported types; an unreadable or invalid file reads as empty (and is kept as it is). */
  library(): DeviceType[] {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(this.libraryFile, 'utf8'));
    } catch {
      return [];
    }
    const parsed = LibraryFile.safeParse(raw);
    if (!parsed.success) {
      console.warn(`Plenum: ignoring ${this.libraryFile}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return [];
    }
    return parsed.data.deviceTypes;
  }

  private shippedTypes(): DeviceType[] {
    this.shipped ??= builtinDeviceTypes();
    return this.shipped;
  }

  /** Every catalog type by id: library types win over shipped ones, shipped ones over generic. */
  all(): DeviceType[] {
    const byId = new Map<string, DeviceType>();
    for (const t of [...GENERIC_DEVICE_TYPES, ...this.shippedTypes(), ...this.library()]) byId.set(t.id, t);
    return [...byId.values()].sort((a, b) => byName(a.manufacturer, b.manufacturer) || a.uHeight - b.uHeight || byName(a.model, b.model));
  }

  list(q: CatalogQuery, projectTypeIds: ReadonlySet<string>): CatalogList {
    const all = this.all();
    const deviceTypes: CatalogEntry[] = filterCatalog(all, q).map((t) => ({ ...t, inProject: projectTypeIds.has(t.id) }));
    const manufacturers = [...new Set(all.map((t) => t.manufacturer))].sort(byName);
    return { deviceTypes, manufacturers };
  }

  /** Reads NetBox YAML files and folders; valid types join the library (same id: replaced). */
  importNetbox(paths: readonly string[]): CatalogImportResult {
    const results: CatalogImportResult['files'] = [];
    const imported: DeviceType[] = [];
    for (const input of paths) {
      const abs = path.resolve(input);
      if (!fs.existsSync(abs)) {
        results.push({ path: abs, errors: ['no such file or folder'], warnings: [] });
        continue;
      }
      for (const r of readNetboxInputs([abs])) {
        if (r.deviceType) {
          const type: DeviceType = { ...r.deviceType, source: `library:${r.deviceType.source ?? path.basename(r.path)}` };
          imported.push(type);
          results.push({ path: r.path, id: type.id, model: `${type.manufacturer} ${type.model}`, errors: [], warnings: r.warnings });
        } else {
          results.push({ path: r.path, errors: r.errors, warnings: r.warnings });
        }
      }
    }
    if (results.length === 0) throw new PlenumError('No NetBox device type files (.yaml, .yml) were found there', 'invalid', 'paths');
    if (imported.length > 0) {
      const byId = new Map(this.library().map((t) => [t.id, t]));
      for (const t of imported) byId.set(t.id, t);
      writeJsonAtomic(this.libraryFile, { version: 1, deviceTypes: [...byId.values()] });
    }
    return { imported: imported.length, failed: results.filter((r) => r.errors.length > 0).length, files: results };
  }

  rackTypes(): RackType[] {
    return [...GENERIC_RACK_TYPES];
  }
}
