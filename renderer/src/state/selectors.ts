/**
 * Derived views of the mirror. Lists are memoised on the collection reference, which the mirror
 * keeps stable for kinds a change did not touch, so components re-render only when their data moved.
 */
import type { Device, DeviceType, DocumentSnapshot, Rack, Room } from '../../../core/model/schema';
import type { PlanItemKind, Selection, SelectionItem, SelectionKind } from './sessionSlice';
import type { AppState } from './store';

/** Natural order: "R2" before "R10", "Room 2" before "Room 10". */
export const naturalCompare = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' }).compare;

function memoOne<A extends object, R>(fn: (a: A) => R): (a: A) => R {
  let lastArg: A | null = null;
  let lastResult: R;
  return (a: A) => {
    if (a !== lastArg) {
      lastResult = fn(a);
      lastArg = a;
    }
    return lastResult!;
  };
}

const EMPTY: Record<string, never> = {};

const sortedRooms = memoOne((rooms: Record<string, Room>) => Object.values(rooms).sort((a, b) => naturalCompare(a.name, b.name)));

const racksByRoom = memoOne((racks: Record<string, Rack>) => {
  const out = new Map<string, Rack[]>();
  for (const rack of Object.values(racks)) {
    const list = out.get(rack.roomId);
    if (list) list.push(rack);
    else out.set(rack.roomId, [rack]);
  }
  for (const list of out.values()) list.sort((a, b) => naturalCompare(a.name, b.name));
  return out;
});

/** Devices per rack, top of the rack first (as an elevation reads). */
const devicesByRack = memoOne((devices: Record<string, Device>) => {
  const out = new Map<string, Device[]>();
  for (const device of Object.values(devices)) {
    const list = out.get(device.rackId);
    if (list) list.push(device);
    else out.set(device.rackId, [device]);
  }
  for (const list of out.values()) list.sort((a, b) => b.position - a.position || (a.face === b.face ? 0 : a.face === 'front' ? -1 : 1));
  return out;
});

const sortedDeviceTypes = memoOne((types: Record<string, DeviceType>) =>
  Object.values(types).sort((a, b) => naturalCompare(a.manufacturer, b.manufacturer) || naturalCompare(a.model, b.model)));

const NO_RACKS: Rack[] = [];
const NO_DEVICES: Device[] = [];

export const selectRooms = (s: AppState): Room[] => sortedRooms(s.snapshot?.rooms ?? EMPTY);
export const selectRacksByRoom = (s: AppState): Map<string, Rack[]> => racksByRoom(s.snapshot?.racks ?? EMPTY);
export const selectDevicesByRack = (s: AppState): Map<string, Device[]> => devicesByRack(s.snapshot?.devices ?? EMPTY);
export const selectDeviceTypes = (s: AppState): DeviceType[] => sortedDeviceTypes(s.snapshot?.deviceTypes ?? EMPTY);

export const racksInRoom = (s: AppState, roomId: string | null | undefined): Rack[] =>
  (roomId ? selectRacksByRoom(s).get(roomId) : undefined) ?? NO_RACKS;
export const devicesInRack = (s: AppState, rackId: string | null | undefined): Device[] =>
  (rackId ? selectDevicesByRack(s).get(rackId) : undefined) ?? NO_DEVICES;

export function documentCounts(snapshot: DocumentSnapshot | null): { rooms: number; racks: number; devices: number; deviceTypes: number } {
  if (!snapshot) return { rooms: 0, racks: 0, devices: 0, deviceTypes: 0 };
  return {
    rooms: Object.keys(snapshot.rooms).length,
    racks: Object.keys(snapshot.racks).length,
    devices: Object.keys(snapshot.devices).length,
    deviceTypes: Object.keys(snapshot.deviceTypes).length,
  };
}

/** The room the centre shows: the routed room (plan or 3D), or the routed rack's room, when it exists. */
export function selectCurrentRoomId(s: AppState): string | null {
  const r = s.route;
  const roomId = r.name === 'roomPlan' || r.name === 'room3d' || r.name === 'roomCapacity' ? r.roomId : r.name === 'rack' ? s.snapshot?.racks[r.rackId]?.roomId : undefined;
  if (roomId && s.snapshot?.rooms[roomId]) return roomId;
  return null;
}

/** The document collection each plan item kind lives in. */
export const PLAN_KIND_COLLECTION = {
  rack: 'racks', row: 'rows', floorEquipment: 'floorEquipment', obstacle: 'obstacles', door: 'doors', annotation: 'annotations',
} as const satisfies Record<PlanItemKind, keyof DocumentSnapshot>;

export const isPlanItemKind = (kind: string): kind is PlanItemKind => kind in PLAN_KIND_COLLECTION;

/** The items of a plan selection with their kinds (empty for project, room and device selections). */
export function selectionItems(sel: Selection | null): SelectionItem[] {
  if (!sel) return [];
  if (sel.items) return [...sel.items];
  if (!isPlanItemKind(sel.kind)) return [];
  const kind = sel.kind;
  return sel.ids.map((id) => ({ kind, id }));
}

/** A selection of plan items: one kind keeps the plain `{ kind, ids }` shape; several make `mixed`. */
export function makePlanSelection(items: readonly SelectionItem[]): Selection | null {
  const seen = new Set<string>();
  const unique = items.filter((i) => {
    const key = `${i.kind}|${i.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length === 0) return null;
  const kinds = new Set(unique.map((i) => i.kind));
  const ids = unique.map((i) => i.id);
  if (kinds.size === 1) return { kind: unique[0]!.kind, ids };
  return { kind: 'mixed', ids, items: unique };
}

function tableFor(snap: DocumentSnapshot, kind: SelectionKind): Record<string, unknown> {
  if (kind === 'room') return snap.rooms;
  if (kind === 'device') return snap.devices;
  if (kind === 'sensor') return snap.sensors;
  if (isPlanItemKind(kind)) return snap[PLAN_KIND_COLLECTION[kind]];
  return {};
}

/** The selection without what an edit, undo or redo removed; null when nothing is left. */
export function liveSelection(sel: Selection | null, snap: DocumentSnapshot | null): Selection | null {
  if (!sel || !snap || sel.kind === 'project') return sel;
  if (sel.kind === 'mixed') {
    const items = selectionItems(sel).filter((i) => i.id in tableFor(snap, i.kind));
    return items.length === sel.items?.length ? sel : makePlanSelection(items);
  }
  const table = tableFor(snap, sel.kind);
  const ids = sel.ids.filter((id) => id in table);
  if (ids.length === sel.ids.length) return sel;
  return ids.length ? { kind: sel.kind, ids } : null;
}

/** Ids in the selection that still exist in the mirror (an undo may have removed them). */
export function liveSelectionIds(s: AppState): string[] {
  const sel = s.selection;
  const snap = s.snapshot;
  if (!sel || !snap) return [];
  if (sel.kind === 'project') return [...sel.ids];
  return liveSelection(sel, snap)?.ids.slice() ?? [];
}

export interface RackLoad {
  deviceCount: number;
  usedU: number;
  typicalKw: number;
  maxKw: number;
  weightKg: number;
}

/** What a rack carries, from its devices' types: U used, allocated and nameplate power, weight. */
export function rackLoad(snapshot: DocumentSnapshot, devices: readonly Device[]): RackLoad {
  let usedU = 0;
  let typicalW = 0;
  let maxW = 0;
  let weightKg = 0;
  for (const d of devices) {
    const t = snapshot.deviceTypes[d.typeId];
    if (!t) continue;
    usedU += t.uHeight;
    typicalW += t.powerTypicalW ?? t.powerMaxW ?? 0;
    maxW += t.powerMaxW ?? 0;
    weightKg += t.weightKg ?? 0;
  }
  return { deviceCount: devices.length, usedU, typicalKw: typicalW / 1000, maxKw: maxW / 1000, weightKg };
}
