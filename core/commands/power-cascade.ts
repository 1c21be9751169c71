/**
 * The power-chain side of every delete (issue 4). Kept apart from power.ts so that edit.ts and
 * layout.ts can use it without an import cycle (power.ts builds on edit.ts).
 */
import type { Change, DocReader } from '../model/changes';
import type { PowerElement } from '../model/schema';
import { opsCascade } from './ops-cascade';

/** What a command is about to delete. Containers imply their content (room → racks → devices). */
export interface Doomed {
  rooms?: Iterable<string>;
  racks?: Iterable<string>;
  devices?: Iterable<string>;
  floorEquipment?: Iterable<string>;
  powerElements?: Iterable<string>;
  powerFeeds?: Iterable<string>;
  envReadings?: Iterable<string>;
}

/**
 * The power-chain side of deleting `doomed`: deletes of the feeds and readings that go with it,
 * puts of surviving elements, feeds and readings that drop a reference to it, and the deletes of
 * doomed power elements. Put these changes BEFORE the caller's own deletes: each only references
 * things still present, and once applied nothing of the power chain points at a doomed entity.
 *
 * - a rack takes its feeds; readings taken at it keep the room and lose the rack;
 * - a device stops being the rack PDU of a feed;
 * - floor equipment stops being the footprint of a power element;
 * - a power element takes the feeds it sources and leaves the upstream lists of the others;
 * - a room takes its readings; power elements standing in it lose their room;
 * - and the operations registers' side (ops-cascade.ts): sensors, licence assignments.
 */
export function powerCascade(doc: DocReader, doomed: Doomed): Change[] {
  const rooms = new Set(doomed.rooms ?? []);
  const racks = new Set(doomed.racks ?? []);
  const devices = new Set(doomed.devices ?? []);
  const floorEquipment = new Set(doomed.floorEquipment ?? []);
  const elements = new Set(doomed.powerElements ?? []);
  const feeds = new Set(doomed.powerFeeds ?? []);
  const readings = new Set(doomed.envReadings ?? []);
  for (const roomId of rooms) {
    for (const r of doc.list('racks', { field: 'roomId', value: roomId })) racks.add(r.id);
    for (const f of doc.list('floorEquipment', { field: 'roomId', value: roomId })) floorEquipment.add(f.id);
    for (const e of doc.list('envReadings', { field: 'roomId', value: roomId })) readings.add(e.id);
  }
  for (const rackId of racks) {
    for (const d of doc.list('devices', { field: 'rackId', value: rackId })) devices.add(d.id);
    for (const f of doc.list('powerFeeds', { field: 'rackId', value: rackId })) feeds.add(f.id);
  }
  for (const id of elements) for (const f of doc.list('powerFeeds', { field: 'sourceId', value: id })) feeds.add(f.id);

  const changes: Change[] = [];
  for (const id of feeds) if (doc.get('powerFeeds', id)) changes.push({ op: 'delete', kind: 'powerFeeds', id });
  for (const id of readings) if (doc.get('envReadings', id)) changes.push({ op: 'delete', kind: 'envReadings', id });

  for (const id of devices) {
    for (const f of doc.list('powerFeeds', { field: 'rackPduDeviceId', value: id })) {
      if (feeds.has(f.id)) continue;
      const { rackPduDeviceId: _dropped, ...kept } = f;
      changes.push({ op: 'put', kind: 'powerFeeds', entity: kept });
    }
  }
  for (const id of racks) {
    for (const r of doc.list('envReadings', { field: 'rackId', value: id })) {
      if (readings.has(r.id)) continue;
      const { rackId: _dropped, ...kept } = r;
      changes.push({ op: 'put', kind: 'envReadings', entity: kept });
    }
  }
  if (rooms.size + floorEquipment.size + elements.size > 0) {
    for (const e of doc.list('powerElements')) {
      if (elements.has(e.id)) continue;
      const next: PowerElement = { ...e };
      let touched = false;
      if (e.upstreamIds.some((u) => elements.has(u))) {
        next.upstreamIds = e.upstreamIds.filter((u) => !elements.has(u));
        touched = true;
      }
      if (e.floorEquipmentId && floorEquipment.has(e.floorEquipmentId)) {
        delete next.floorEquipmentId;
        touched = true;
      }
      if (e.roomId && rooms.has(e.roomId)) {
        delete next.roomId;
        touched = true;
      }
      if (touched) changes.push({ op: 'put', kind: 'powerElements', entity: next });
    }
  }
  for (const id of elements) changes.push({ op: 'delete', kind: 'powerElements', id });
  // Sensors and licence assignments follow the same expansion (rooms → racks → devices).
  changes.push(...opsCascade(doc, { rooms, racks, devices }));
  return changes;
}
