/**
 * A small, hand-computable site for the capacity tests: one 2N room with one rack fed A and B
 * through utility + generator → ATS → UPS-A / UPS-B → RPP-A / RPP-B.
 */
import type { Device, DeviceType, DocumentSnapshot, PowerElement, PowerFeed, Rack, Room } from '../model/schema';
import { emptySnapshot } from '../model/schema';

export const SERVER: DeviceType = {
  id: 'dt:server', manufacturer: 'Test', model: '1U dual-PSU server', uHeight: 1, fullDepth: true, weightKg: 20,
  powerMaxW: 750, powerTypicalW: 500, airflow: 'front-to-rear', role: 'server', psuCount: 2,
};
export const SWITCH: DeviceType = {
  id: 'dt:switch', manufacturer: 'Test', model: '1U single-PSU switch', uHeight: 1, fullDepth: false, weightKg: 5,
  powerMaxW: 150, powerTypicalW: 100, airflow: 'front-to-rear', role: 'switch', psuCount: 1,
};

export const ROOM: Room = { id: 'room:h', name: 'Hall', widthMm: 10_000, depthMm: 10_000, powerRedundancy: '2N' };

export function rack(id: string, name: string, patch: Partial<Rack> = {}): Rack {
  return { id, name, roomId: ROOM.id, xMm: 1000, yMm: 1000, rotationDeg: 0, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 10, maxKg: 1000, emptyWeightKg: 100, ...patch };
}

export function element(id: string, kind: PowerElement['kind'], upstreamIds: string[], patch: Partial<PowerElement> = {}): PowerElement {
  return { id, name: id.replace(/^pe:/, ''), kind, upstreamIds, voltageV: 400, phases: 3, breakerA: null, ratingKw: null, ratingKva: null, ...patch };
}

export function feed(rackId: string, side: 'A' | 'B', sourceId: string, patch: Partial<PowerFeed> = {}): PowerFeed {
  return { id: `feed:${rackId}:${side}`, name: `${rackId}-${side}`, rackId, side, sourceId, breakerA: 32, voltageV: 230, phases: 1, ...patch };
}

/** `servers` dual-PSU servers from U1 up and one single-corded switch (on feed A) at U40. */
export function devices(rackId: string, servers: number): Device[] {
  const out: Device[] = [];
  for (let i = 0; i < servers; i++) out.push({ id: `dev:${rackId}:s${i}`, name: `${rackId}-srv${i + 1}`, rackId, typeId: SERVER.id, position: i + 1, face: 'front' });
  out.push({ id: `dev:${rackId}:sw`, name: `${rackId}-sw`, rackId, typeId: SWITCH.id, position: 40, face: 'front' });
  return out;
}

export function chainElements(): PowerElement[] {
  return [
    element('pe:utility', 'utility', []),
    element('pe:generator', 'generator', [], { ratingKw: 400 }),
    element('pe:ats-a', 'ats', ['pe:utility', 'pe:generator']),
    element('pe:ats-b', 'ats', ['pe:utility', 'pe:generator']),
    element('pe:ups-a', 'ups', ['pe:ats-a'], { ratingKw: 100, group: '2N', redundancy: '2N' }),
    element('pe:ups-b', 'ups', ['pe:ats-b'], { ratingKw: 100, group: '2N', redundancy: '2N' }),
    element('pe:rpp-a', 'rpp', ['pe:ups-a'], { ratingKw: 50 }),
    element('pe:rpp-b', 'rpp', ['pe:ups-b'], { ratingKw: 50 }),
  ];
}

export function site(options: { servers?: number; racks?: Rack[]; elements?: PowerElement[]; feeds?: PowerFeed[]; room?: Partial<Room> } = {}): DocumentSnapshot {
  const snap = emptySnapshot('Test');
  snap.rooms[ROOM.id] = { ...ROOM, ...options.room };
  snap.deviceTypes[SERVER.id] = SERVER;
  snap.deviceTypes[SWITCH.id] = SWITCH;
  const racks = options.racks ?? [rack('rack:r1', 'R1')];
  for (const r of racks) {
    snap.racks[r.id] = r;
    for (const d of devices(r.id, options.servers ?? 10)) snap.devices[d.id] = d;
  }
  for (const e of options.elements ?? chainElements()) snap.powerElements[e.id] = e;
  const feeds = options.feeds ?? racks.flatMap((r) => [feed(r.id, 'A', 'pe:rpp-a'), feed(r.id, 'B', 'pe:rpp-b')]);
  for (const f of feeds) snap.powerFeeds[f.id] = f;
  return snap;
}
