/**
 * The tabular views of a project shared by the design report and the data exports (CSV, XLSX):
 * racks, devices and the bill of materials. Cells are strings or numbers so that a spreadsheet
 * keeps numbers as numbers.
 */
import type { DeviceType, DocumentSnapshot } from '../model/schema';
import { typeDrawW } from '../capacity/rack';
import { settingsOf } from '../capacity/settings';
import { naturalCompare } from '../rules/finding';

export type Cell = string | number | null;

export interface Table {
  /** Sheet or file name (ASCII, no spaces). */
  name: string;
  header: string[];
  rows: Cell[][];
}

export interface BomLine {
  manufacturer: string;
  model: string;
  role: string;
  typeId: string;
  count: number;
  uEach: number;
  uTotal: number;
  kwTotal: number;
  kgTotal: number;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Bill of materials: one line per device type, sorted by manufacturer then model. Power on the
 * project's basis (typical or nameplate); kg from the type's weight (unknown weights count 0).
 */
export function bomLines(s: DocumentSnapshot): BomLine[] {
  const basis = settingsOf(s).powerBasis;
  const lines = new Map<string, BomLine>();
  for (const d of Object.values(s.devices)) {
    const type: DeviceType | undefined = s.deviceTypes[d.typeId];
    let line = lines.get(d.typeId);
    if (!line) {
      line = {
        manufacturer: type?.manufacturer ?? '?', model: type?.model ?? d.typeId, role: type?.role ?? 'other', typeId: d.typeId,
        count: 0, uEach: type?.uHeight ?? 0, uTotal: 0, kwTotal: 0, kgTotal: 0,
      };
      lines.set(d.typeId, line);
    }
    line.count++;
    // A child in a chassis bay takes no rack units of its own.
    if (!d.parentDeviceId) line.uTotal += type?.uHeight ?? 0;
    line.kwTotal += type ? typeDrawW(type, basis) / 1000 : 0;
    line.kgTotal += type?.weightKg ?? 0;
  }
  return [...lines.values()]
    .map((l) => ({ ...l, kwTotal: round(l.kwTotal, 3), kgTotal: round(l.kgTotal, 1) }))
    .sort((a, b) => naturalCompare(a.manufacturer, b.manufacturer) || naturalCompare(a.model, b.model));
}

export function bomTable(s: DocumentSnapshot): Table {
  return {
    name: 'bom',
    header: ['manufacturer', 'model', 'role', 'type_id', 'count', 'u_each', 'u_total', 'kw_total', 'kg_total'],
    rows: bomLines(s).map((l) => [l.manufacturer, l.model, l.role, l.typeId, l.count, l.uEach, l.uTotal, l.kwTotal, l.kgTotal]),
  };
}

/** Rack → row name, built once. */
function rowNames(s: DocumentSnapshot): Map<string, string> {
  const m = new Map<string, string>();
  for (const row of Object.values(s.rows)) for (const id of row.rackIds) m.set(id, row.name);
  return m;
}

export function racksTable(s: DocumentSnapshot): Table {
  const rows = rowNames(s);
  const used = new Map<string, number>();
  const count = new Map<string, number>();
  for (const d of Object.values(s.devices)) {
    count.set(d.rackId, (count.get(d.rackId) ?? 0) + 1);
    if (!d.parentDeviceId) used.set(d.rackId, (used.get(d.rackId) ?? 0) + (s.deviceTypes[d.typeId]?.uHeight ?? 0));
  }
  const racks = Object.values(s.racks).sort((a, b) => naturalCompare(s.rooms[a.roomId]?.name ?? '', s.rooms[b.roomId]?.name ?? '') || naturalCompare(a.name, b.name));
  return {
    name: 'racks',
    header: ['id', 'name', 'room', 'row', 'zone', 'x_mm', 'y_mm', 'rotation_deg', 'u_height', 'width_mm', 'depth_mm', 'max_kw', 'max_kg', 'devices', 'used_u'],
    rows: racks.map((r) => [r.id, r.name, s.rooms[r.roomId]?.name ?? r.roomId, rows.get(r.id) ?? null, r.zone ?? null, r.xMm, r.yMm, r.rotationDeg, r.uHeight, r.widthMm, r.depthMm, r.maxKw, r.maxKg, count.get(r.id) ?? 0, used.get(r.id) ?? 0]),
  };
}

export function devicesTable(s: DocumentSnapshot): Table {
  const basis = settingsOf(s).powerBasis;
  const devices = Object.values(s.devices).sort((a, b) => naturalCompare(s.racks[a.rackId]?.name ?? '', s.racks[b.rackId]?.name ?? '') || b.position - a.position || naturalCompare(a.name, b.name));
  return {
    name: 'devices',
    header: ['id', 'name', 'rack', 'room', 'position', 'face', 'manufacturer', 'model', 'role', 'u_height', 'power_w', 'weight_kg', 'parent', 'bay', 'power_side'],
    rows: devices.map((d) => {
      const t = s.deviceTypes[d.typeId];
      const rack = s.racks[d.rackId];
      return [
        d.id, d.name, rack?.name ?? d.rackId, rack ? (s.rooms[rack.roomId]?.name ?? rack.roomId) : null, d.position, d.face,
        t?.manufacturer ?? null, t?.model ?? null, t?.role ?? null, t?.uHeight ?? null, t ? typeDrawW(t, basis) : null, t?.weightKg ?? null,
        d.parentDeviceId ? (s.devices[d.parentDeviceId]?.name ?? d.parentDeviceId) : null, d.bay ?? null, d.powerSide ?? null,
      ];
    }),
  };
}

/** RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, quote or line break. */
export function toCsv(table: Pick<Table, 'header' | 'rows'>): string {
  const field = (c: Cell): string => {
    if (c === null) return '';
    const text = typeof c === 'number' ? String(c) : c;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [table.header, ...table.rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
