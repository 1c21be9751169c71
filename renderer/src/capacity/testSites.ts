/**
 * Small sites for the tests of the findings UI and the capacity overlays: each one makes the real
 * DesignChecker report particular capacity findings (power, cooling, weight, environment). Used
 * only by tests (findings/findings.test.ts, capacity/overlay.test.ts).
 */
import type { Device, DeviceType, DocumentSnapshot, EnvReading, FloorEquipment, PowerElement, PowerFeed, Rack, Room } from '../../../core/model/schema';
import { emptySnapshot } from '../../../core/model/schema';

export interface SiteParts {
  rooms?: Room[];
  racks?: Rack[];
  deviceTypes?: DeviceType[];
  devices?: Device[];
  floorEquipment?: FloorEquipment[];
  powerElements?: PowerElement[];
  powerFeeds?: PowerFeed[];
  envReadings?: EnvReading[];
}

export function site(parts: SiteParts, name = 'Capacity'): DocumentSnapshot {
  const snap = emptySnapshot(name);
  for (const [kind, list] of Object.entries(parts)) {
    for (const e of list as Array<{ id: string }>) (snap as unknown as Record<string, Record<string, unknown>>)[kind]![e.id] = e;
  }
  return snap;
}

export const hall = (id: string, extra: Partial<Room> = {}): Room => ({ id, name: `Hall ${id.slice(5)}`, widthMm: 30_000, depthMm: 30_000, ...extra });

export const rack = (roomId: string, name: string, xMm: number, extra: Partial<Rack> = {}): Rack => ({
  id: `rack:${name}`, name, roomId, xMm, yMm: 3000, rotationDeg: 0, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 0, maxKg: 0, ...extra,
});

export const TYPES: Record<'dual' | 'single' | 'heavy' | 'pdu' | 'reverse' | 'forward', DeviceType> = {
  dual: { id: 'dt:dual', manufacturer: 'X', model: 'Dual 1U', uHeight: 1, fullDepth: true, weightKg: 10, powerMaxW: 1000, powerTypicalW: 1000, psuCount: 2, airflow: null },
  single: { id: 'dt:single', manufacturer: 'X', model: 'Single 1U', uHeight: 1, fullDepth: true, weightKg: 10, powerMaxW: 500, powerTypicalW: 500, psuCount: 1, airflow: null },
  heavy: { id: 'dt:heavy', manufacturer: 'X', model: 'Storage 4U', uHeight: 4, fullDepth: true, weightKg: 100, powerMaxW: 0, powerTypicalW: 0, psuCount: 0, airflow: null },
  pdu: { id: 'dt:pdu', manufacturer: 'X', model: 'Rack PDU', uHeight: 0, fullDepth: false, weightKg: 5, powerMaxW: null, powerTypicalW: null, airflow: null, psuCount: 0, pduInletA: 16, pduOutlets: 1 },
  reverse: { id: 'dt:rev', manufacturer: 'X', model: 'Switch R2F', uHeight: 1, fullDepth: false, weightKg: 5, powerMaxW: 0, powerTypicalW: 0, psuCount: 0, airflow: 'rear-to-front' },
  forward: { id: 'dt:fwd', manufacturer: 'X', model: 'Switch F2R', uHeight: 1, fullDepth: false, weightKg: 5, powerMaxW: 0, powerTypicalW: 0, psuCount: 0, airflow: 'front-to-rear' },
};

let deviceSeq = 0;
/** `count` devices of a type stacked from U1 in a rack (ids unique across a test run). */
export function devices(rackId: string, type: DeviceType, count: number, from = 1, extra: Partial<Device> = {}): Device[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `dev:${rackId.slice(5)}-${type.id.slice(3)}-${++deviceSeq}`, name: `${rackId.slice(5)}-${type.model}-${i + 1}`, rackId, typeId: type.id,
    position: from + i * Math.max(1, type.uHeight), face: 'front' as const, ...extra,
  }));
}

export const element = (id: string, kind: PowerElement['kind'], upstreamIds: string[], extra: Partial<PowerElement> = {}): PowerElement => ({
  id, name: id.slice(4).toUpperCase(), kind, upstreamIds, voltageV: 400, phases: 3, breakerA: null, ratingKw: null, ratingKva: null, ...extra,
});

export const feed = (rackId: string, side: 'A' | 'B', sourceId: string, extra: Partial<PowerFeed> = {}): PowerFeed => ({
  id: `feed:${rackId.slice(5)}-${side}`, name: `${rackId.slice(5)}-${side}`, rackId, side, sourceId, breakerA: 32, voltageV: 230, phases: 1, ...extra,
});

export const cooler = (roomId: string, name: string, coolingKw: number, extra: Partial<FloorEquipment> = {}): FloorEquipment => ({
  id: `fe:${name}`, name, roomId, kind: 'crah', xMm: 20_000, yMm: 20_000, rotationDeg: 0, widthMm: 2000, depthMm: 900, heightMm: 1950,
  coolingKw, powerKva: null, weightKg: 600, ...extra,
});

const types = Object.values(TYPES);

/** One site per group of findings, so that they do not interfere with each other. */
export function capacityGallery(): DocumentSnapshot[] {
  const out: DocumentSnapshot[] = [];

  // Budget and weight: a rack over and a rack near each, and the floor under them.
  {
    const room = hall('room:w', { floorRatingKgM2: 300, coolingRedundancy: 'N' });
    const over = rack(room.id, 'W01', 2000, { maxKw: 1, maxKg: 100 });
    const near = rack(room.id, 'W02', 4000, { maxKw: 2.4, maxKg: 250, emptyWeightKg: 0 });
    const floorNear = rack(room.id, 'W03', 6000, { maxKg: 0 });
    const floorOver = rack(room.id, 'W04', 8000, { maxKg: 0 });
    out.push(site({
      rooms: [room], racks: [over, near, floorNear, floorOver], deviceTypes: types,
      devices: [...devices(over.id, TYPES.dual, 2), ...devices(over.id, TYPES.heavy, 1, 10),
        ...devices(near.id, TYPES.dual, 2), ...devices(near.id, TYPES.heavy, 2, 10),
        ...devices(floorNear.id, TYPES.heavy, 3, 10), ...devices(floorOver.id, TYPES.heavy, 4, 10)],
      floorEquipment: [cooler(room.id, 'CRAH-W', 100)],
    }));
  }

  // Feeds: overload in normal operation, on failover, near capacity; rack PDU outlets and inlet;
  // a missing feed (dual-corded in a 2N room, and none at all); a device on a missing side; a
  // single-corded device in a 2N room; a failure that cuts both feeds of racks.
  {
    const room = hall('room:p', { powerRedundancy: '2N', coolingRedundancy: 'N' });
    const up = element('pwr:rpp-a', 'rpp', []);
    const up2 = element('pwr:rpp-b', 'rpp', []);
    const normal = rack(room.id, 'P01', 2000);
    const failover = rack(room.id, 'P02', 3000);
    const near = rack(room.id, 'P03', 4000);
    const pduRack = rack(room.id, 'P04', 5000);
    const halfFed = rack(room.id, 'P05', 6000);
    const unfed = rack(room.id, 'P06', 7000);
    const common = rack(room.id, 'P07', 8000);
    const common2 = rack(room.id, 'P08', 9000);
    const common3 = rack(room.id, 'P09', 10_000);
    const pdu: Device = { id: 'dev:p04-pdu', name: 'P04-PDU-A', rackId: pduRack.id, typeId: TYPES.pdu.id, position: 0, face: 'rear' };
    out.push(site({
      rooms: [room], deviceTypes: types, powerElements: [up, up2, element('pwr:rpp-c', 'rpp', [])],
      racks: [normal, failover, near, pduRack, halfFed, unfed, common, common2, common3],
      devices: [
        ...devices(normal.id, TYPES.dual, 4), ...devices(failover.id, TYPES.dual, 3),
        ...devices(near.id, TYPES.single, 3, 1, { powerSide: 'A' }),
        pdu, ...devices(pduRack.id, TYPES.single, 2, 1, { powerSide: 'A' }), ...devices(pduRack.id, TYPES.dual, 1, 10),
        ...devices(halfFed.id, TYPES.dual, 2), ...devices(halfFed.id, TYPES.single, 1, 10, { powerSide: 'B' }),
        ...devices(unfed.id, TYPES.dual, 1), ...devices(common.id, TYPES.dual, 1), ...devices(common2.id, TYPES.dual, 1), ...devices(common3.id, TYPES.dual, 1),
      ],
      powerFeeds: [
        // 230 V × 10 A × 80 % × 0.95 = 1,748 W per feed.
        feed(normal.id, 'A', up.id, { breakerA: 10 }), feed(normal.id, 'B', up2.id, { breakerA: 10 }),
        feed(failover.id, 'A', up.id, { breakerA: 10 }), feed(failover.id, 'B', up2.id, { breakerA: 10 }),
        // Single-corded on A only: 1,500 W of 1,748 W, and nothing moves over on a failure.
        feed(near.id, 'A', up.id, { breakerA: 10 }),
        feed(pduRack.id, 'A', up.id, { breakerA: 32, rackPduDeviceId: pdu.id }), feed(pduRack.id, 'B', up2.id),
        feed(halfFed.id, 'A', up.id),
        feed(common.id, 'A', 'pwr:rpp-c'), feed(common.id, 'B', 'pwr:rpp-c'),
        feed(common2.id, 'A', 'pwr:rpp-c'), feed(common2.id, 'B', 'pwr:rpp-c'),
        feed(common3.id, 'A', 'pwr:rpp-a'), feed(common3.id, 'B', 'pwr:rpp-a'),
      ],
      floorEquipment: [cooler(room.id, 'CRAH-P', 100)],
    }));
  }

  // UPS: overloaded, over on a partner's failure, near its rating; group redundancy below design
  // and overloaded; a loop in the chain.
  {
    const room = hall('room:u', { coolingRedundancy: 'N' });
    const upsA = element('pwr:ups-a', 'ups', [], { ratingKw: 3, group: 'G1', redundancy: '2N' });
    const upsB = element('pwr:ups-b', 'ups', [], { ratingKw: 3, group: 'G1', redundancy: '2N' });
    const small = element('pwr:ups-s', 'ups', [], { ratingKw: 1, redundancy: 'N+1' });
    const snug = element('pwr:ups-n', 'ups', [], { ratingKw: 1.2 });
    const loopA = element('pwr:loop-a', 'switchboard', ['pwr:loop-b']);
    const loopB = element('pwr:loop-b', 'switchboard', ['pwr:loop-a']);
    const r1 = rack(room.id, 'U01', 2000);
    const r2 = rack(room.id, 'U02', 3000);
    const r3 = rack(room.id, 'U03', 4000);
    out.push(site({
      rooms: [room], deviceTypes: types, powerElements: [upsA, upsB, small, snug, loopA, loopB], racks: [r1, r2, r3],
      devices: [...devices(r1.id, TYPES.dual, 4), ...devices(r2.id, TYPES.dual, 2), ...devices(r3.id, TYPES.single, 2, 1, { powerSide: 'A' })],
      powerFeeds: [
        feed(r1.id, 'A', upsA.id), feed(r1.id, 'B', upsB.id),
        feed(r2.id, 'A', small.id), feed(r2.id, 'B', small.id),
        feed(r3.id, 'A', snug.id),
      ],
      floorEquipment: [cooler(room.id, 'CRAH-U', 100)],
    }));
  }

  // Cooling: a zone with no unit, one short, one near its capacity and not N+1.
  {
    const room = hall('room:c');
    const none = rack(room.id, 'C01', 2000, { zone: 'Z0' });
    const short = rack(room.id, 'C02', 4000, { zone: 'Z1' });
    const near = rack(room.id, 'C03', 6000, { zone: 'Z2' });
    out.push(site({
      rooms: [room], deviceTypes: types, racks: [none, short, near],
      devices: [...devices(none.id, TYPES.dual, 1), ...devices(short.id, TYPES.dual, 5), ...devices(near.id, TYPES.dual, 2)],
      floorEquipment: [cooler(room.id, 'CRAH-Z1', 1, { zone: 'Z1' }), cooler(room.id, 'CRAH-Z2', 2.5, { zone: 'Z2', xMm: 25_000 })],
    }));
  }

  // Airflow: a rear-to-front switch on the front, a front-to-rear one on the rear.
  {
    const room = hall('room:a');
    const r = rack(room.id, 'F01', 2000);
    out.push(site({
      rooms: [room], deviceTypes: types, racks: [r],
      devices: [...devices(r.id, TYPES.reverse, 1, 20), ...devices(r.id, TYPES.forward, 1, 30, { face: 'rear' })],
    }));
  }

  // Environment: set points outside the allowable and the recommended envelopes, and readings.
  {
    const hot = hall('room:e1', { supplyTempC: 35, supplyRhPct: 40 });
    const warm = hall('room:e2', { supplyTempC: 29, supplyRhPct: 40, ashraeClass: 'A2' });
    const r = rack(hot.id, 'E01', 2000);
    const r2 = rack(warm.id, 'E02', 2000);
    out.push(site({
      rooms: [hot, warm], racks: [r, r2],
      envReadings: [
        { id: 'env:1', roomId: hot.id, rackId: r.id, takenAt: '2026-11-20T10:00:00+01:00', temperatureC: 22, humidityPct: 45 },
        { id: 'env:2', roomId: hot.id, rackId: r.id, takenAt: '2026-11-24T10:00:00+01:00', temperatureC: 33.5, humidityPct: 40 },
        { id: 'env:3', roomId: warm.id, takenAt: '2026-11-24T11:00:00+01:00', temperatureC: 24, humidityPct: 75 },
      ],
    }));
  }
  return out;
}
