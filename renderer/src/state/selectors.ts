/**
 * Derived views of the mirror. Lists are memoised on the collection reference, which the mirror
 * keeps stable for kinds a change did not touch, so components re-render only when their data moved.
 */
import type { Device, DeviceType, DocumentSnapshot, Rack, Room } from '../../../core/model/schema';
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

/** The room the plan shows: the routed room when it exists. */
export function selectCurrentRoomId(s: AppState): string | null {
  if (s.route.name === 'roomPlan' && s.snapshot?.rooms[s.route.roomId]) return s.route.roomId;
  return null;
}

/** Ids in the selection that still exist in the mirror (an undo may have removed them). */
export function liveSelectionIds(s: AppState): string[] {
  const sel = s.selection;
  const snap = s.snapshot;
  if (!sel || !snap) return [];
  if (sel.kind === 'project') return [...sel.ids];
  const table = sel.kind === 'room' ? snap.rooms : sel.kind === 'rack' ? snap.racks : snap.devices;
  return sel.ids.filter((id) => id in table);
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
