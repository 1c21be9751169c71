/**
 * The operations side of every design delete (issue 7), called by powerCascade once it has
 * expanded rooms into racks and racks into devices:
 *  - a room takes its sensors (their readings stay in the file, unseen, and come back on undo);
 *  - a rack's sensors stay in the room, as room sensors;
 *  - a device takes its licence assignments (the units are free again).
 * Maintenance, backups, events and contacts name assets by reference, not by foreign key: an
 * operations record outlives the thing it was about, like a commissioning record.
 */
import type { Change, DocReader } from '../model/changes';
import type { Sensor } from '../model/schema';

export function opsCascade(doc: DocReader, doomed: { rooms: ReadonlySet<string>; racks: ReadonlySet<string>; devices: ReadonlySet<string> }): Change[] {
  const changes: Change[] = [];
  for (const roomId of doomed.rooms) {
    for (const s of doc.list('sensors', { field: 'roomId', value: roomId })) changes.push({ op: 'delete', kind: 'sensors', id: s.id });
  }
  for (const rackId of doomed.racks) {
    for (const s of doc.list('sensors', { field: 'rackId', value: rackId })) {
      if (doomed.rooms.has(s.roomId)) continue;
      const { rackId: _dropped, ...kept } = s;
      const next: Sensor = { ...kept, placement: kept.placement.startsWith('rack-') ? 'room' : kept.placement };
      changes.push({ op: 'put', kind: 'sensors', entity: next });
    }
  }
  for (const deviceId of doomed.devices) {
    for (const a of doc.list('licenceAssignments', { field: 'deviceId', value: deviceId })) changes.push({ op: 'delete', kind: 'licenceAssignments', id: a.id });
  }
  return changes;
}
