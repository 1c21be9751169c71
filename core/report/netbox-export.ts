/**
 * NetBox bulk-import files (issue 6 §4): CSVs for sites, locations, racks and devices with
 * NetBox's own import field names (NetBox 4.1+: devices take `role`, racks `form_factor`), and
 * device types as devicetype-library YAML (the format core/netbox/devicetype.ts imports).
 *
 * Mapping: the project's site → one NetBox site; each room → a location of that site; racks and
 * devices refer to them by name, as NetBox's CSV import resolves them. Import order in NetBox:
 * manufacturers and device roles, device types (YAML), sites, locations, racks, devices.
 */
import { stringify } from 'yaml';
import type { DeviceType, DocumentSnapshot } from '../model/schema';
import { typeDrawW } from '../capacity/rack';
import { slugify } from '../netbox/devicetype';
import { naturalCompare } from '../rules/finding';
import type { Table } from './tables';

export const NETBOX_HEADERS = {
  sites: ['name', 'slug', 'status', 'physical_address', 'description'],
  locations: ['site', 'name', 'slug', 'status', 'description'],
  racks: ['site', 'location', 'name', 'status', 'form_factor', 'width', 'u_height', 'outer_width', 'outer_depth', 'outer_unit', 'weight', 'max_weight', 'weight_unit', 'description'],
  devices: ['name', 'role', 'manufacturer', 'device_type', 'status', 'site', 'location', 'rack', 'position', 'face', 'parent', 'device_bay', 'airflow'],
} as const;

/** The NetBox site name: the project's site, else the project's name. */
export const netboxSiteName = (s: DocumentSnapshot): string => s.project.site?.name ?? s.project.name;

/** Plenum role → NetBox device role name (roles must exist in NetBox before the import). */
const ROLE_NAMES: Readonly<Record<string, string>> = {
  server: 'Server', 'gpu-server': 'GPU Server', switch: 'Switch', router: 'Router', firewall: 'Firewall', storage: 'Storage',
  'patch-panel': 'Patch Panel', blanking: 'Blanking Panel', pdu: 'PDU', ups: 'UPS', 'cable-manager': 'Cable Manager', chassis: 'Chassis', other: 'Other',
};
export const netboxRoleName = (role: string | undefined): string => ROLE_NAMES[role ?? 'other'] ?? 'Other';

export function netboxTables(s: DocumentSnapshot): Table[] {
  const site = netboxSiteName(s);
  const rooms = Object.values(s.rooms).sort((a, b) => naturalCompare(a.name, b.name));
  const racks = Object.values(s.racks).sort((a, b) => naturalCompare(a.name, b.name));
  const devices = Object.values(s.devices).sort((a, b) => (a.parentDeviceId ? 1 : 0) - (b.parentDeviceId ? 1 : 0) || naturalCompare(s.racks[a.rackId]?.name ?? '', s.racks[b.rackId]?.name ?? '') || a.position - b.position);
  return [
    { name: 'sites', header: [...NETBOX_HEADERS.sites], rows: [[site, slugify(site), 'planned', s.project.site?.address ?? '', `Plenum project ${s.project.name}`]] },
    { name: 'locations', header: [...NETBOX_HEADERS.locations], rows: rooms.map((r) => [site, r.name, slugify(r.name), 'planned', '']) },
    {
      name: 'racks', header: [...NETBOX_HEADERS.racks],
      rows: racks.map((r) => [site, s.rooms[r.roomId]?.name ?? '', r.name, 'planned', '4-post-cabinet', 19, r.uHeight, r.widthMm, r.depthMm, 'mm', r.emptyWeightKg ?? null, r.maxKg || null, 'kg', '']),
    },
    {
      name: 'devices', header: [...NETBOX_HEADERS.devices],
      rows: devices.map((d) => {
        const t = s.deviceTypes[d.typeId];
        const rack = s.racks[d.rackId];
        const child = Boolean(d.parentDeviceId);
        // NetBox: 0U devices and children in bays have no position or face; children name their parent.
        const racked = !child && (t?.uHeight ?? 1) > 0;
        return [d.name, netboxRoleName(t?.role), t?.manufacturer ?? '', t?.model ?? '', 'planned', site, rack ? (s.rooms[rack.roomId]?.name ?? '') : '', rack?.name ?? '',
          racked ? d.position : null, racked ? d.face : null, child ? (s.devices[d.parentDeviceId!]?.name ?? '') : null, child ? (d.bay ?? null) : null, t?.airflow ?? null];
      }),
    },
  ];
}

/** One device type as devicetype-library YAML, and its path in the library (`Manufacturer/model.yaml`). */
export function deviceTypeYaml(t: DeviceType): { path: string; text: string } {
  const out: Record<string, unknown> = {
    manufacturer: t.manufacturer,
    model: t.model,
    slug: slugify(`${t.manufacturer} ${t.model}`),
  };
  if (t.partNumber) out.part_number = t.partNumber;
  out.u_height = t.uHeight;
  out.is_full_depth = t.fullDepth;
  if (t.airflow) out.airflow = t.airflow;
  if (t.subdeviceRole) out.subdevice_role = t.subdeviceRole;
  if (t.weightKg !== null) {
    out.weight = t.weightKg;
    out.weight_unit = 'kg';
  }
  // Power ports: the draw split evenly over the PSUs (NetBox sums them back).
  const cords = t.psuCount ?? ((t.powerMaxW ?? t.powerTypicalW ?? 0) > 0 ? 1 : 0);
  if (cords > 0) {
    const max = typeDrawW(t, 'max');
    const typ = typeDrawW(t, 'typical');
    out['power-ports'] = Array.from({ length: cords }, (_, i) => ({
      name: `PSU${i + 1}`, type: 'iec-60320-c14',
      ...(max ? { maximum_draw: Math.round(max / cords) } : {}), ...(typ ? { allocated_draw: Math.round(typ / cords) } : {}),
    }));
  }
  // The library's own naming: `Manufacturer/Model-With-Dashes.yaml`.
  const safe = (x: string) => x.replace(/[/\\:*?"<>|\s]+/g, '-');
  const file = `${safe(t.manufacturer)}/${safe(t.model)}.yaml`;
  return { path: file, text: `---\n${stringify(out)}` };
}
