import { beforeEach, describe, expect, it } from 'vitest';
import { SnapshotReader, applyChangesToSnapshot, type Change } from '../model/changes';
import { PlenumError } from '../model/errors';
import { sequentialIds, type IdFactory } from '../model/ids';
import type { Device, DeviceType, DocumentSnapshot, PowerFeed, Rack } from '../model/schema';
import { emptySnapshot } from '../model/schema';
import { getCommand } from '../commands/index';
import { checkDocument, DesignChecker } from '../rules/checker';
import { findPlacements, lowestFreePositions } from './placement';

/*
 * The site, hand-computed. Every feed is 32 A at 230 V single-phase: 230 × 32 × 0.8 × 0.95 =
 * 5,593.6 W. The server draws 500 W (typical) on two PSUs, weighs 25 kg and is 2U full-depth.
 *  R1: empty, feeds A + B. Failover headroom 5,593.6 W → 11 servers (5,500 W); budget 10 kW → 20.
 *  R2: 10 servers (5 kW), A + B: each feed's failover load is 5,000 W → 1 more server.
 *  R3: 2 servers, feed A only: A carries 1,000 W → 9 more (5,500 W ≤ 5,593.6 W).
 *  R4: full of 2U shelves (no power).
 *  R5: empty, no feed, rated 200 kg with a 100 kg empty weight → 4 servers.
 * Cooling: one 40 kW CRAH; heat = 6 kW × 1.1 = 6.6 kW, so 33.4 kW of headroom (60 servers at 550 W).
 */
const SERVER: DeviceType = { id: 'dt:srv', manufacturer: 'Acme', model: 'S2', uHeight: 2, fullDepth: true, weightKg: 25, powerMaxW: 800, powerTypicalW: 500, airflow: 'front-to-rear', psuCount: 2 };
const SWITCH: DeviceType = { id: 'dt:sw', manufacturer: 'Acme', model: 'SW1', uHeight: 1, fullDepth: false, weightKg: 5, powerMaxW: 200, powerTypicalW: 150, airflow: 'front-to-rear', psuCount: 1 };
const SHELF: DeviceType = { id: 'dt:shelf', manufacturer: 'Acme', model: 'Shelf', uHeight: 2, fullDepth: true, weightKg: 1, powerMaxW: null, powerTypicalW: null, airflow: 'passive' };
const FEED_W = 230 * 32 * 0.8 * 0.95;

let doc: DocumentSnapshot;
let newId: IdFactory;

function rack(id: string, xMm: number, patch: Partial<Rack> = {}): Rack {
  return { id, name: id.slice(5).toUpperCase(), roomId: 'room:h', xMm, yMm: 2000, rotationDeg: 0, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 10, maxKg: 1000, emptyWeightKg: 100, ...patch };
}
function feed(rackId: string, side: 'A' | 'B'): PowerFeed {
  return { id: `feed:${rackId}:${side}`, name: `${rackId}-${side}`, rackId, side, sourceId: `pe:rpp-${side.toLowerCase()}`, breakerA: 32, voltageV: 230, phases: 1 };
}
function fill(rackId: string, typeId: string, count: number, step: number): void {
  for (let i = 0; i < count; i++) {
    const d: Device = { id: `dev:${rackId}:${i}`, name: `${rackId}-${i}`, rackId, typeId, position: 1 + i * step, face: 'front' };
    doc.devices[d.id] = d;
  }
}

beforeEach(() => {
  doc = emptySnapshot('Placement');
  newId = sequentialIds();
  for (const t of [SERVER, SWITCH, SHELF]) doc.deviceTypes[t.id] = t;
  doc.rooms['room:h'] = { id: 'room:h', name: 'Hall', widthMm: 12_000, depthMm: 8_000 };
  doc.floorEquipment['fe:crah'] = { id: 'fe:crah', name: 'CRAH-1', roomId: 'room:h', kind: 'crah', xMm: 9000, yMm: 6500, rotationDeg: 0, widthMm: 1000, depthMm: 800, heightMm: 2000, coolingKw: 40, powerKva: null, weightKg: 500 };
  for (const [id, x, patch] of [['rack:r1', 1000, {}], ['rack:r2', 1600, {}], ['rack:r3', 2200, {}], ['rack:r4', 2800, {}], ['rack:r5', 3400, { maxKg: 200 }]] as const) doc.racks[id] = rack(id, x, patch);
  doc.powerElements['pe:utility'] = { id: 'pe:utility', name: 'Utility', kind: 'utility', upstreamIds: [], voltageV: 400, phases: 3, breakerA: null, ratingKw: null, ratingKva: null };
  for (const side of ['a', 'b']) doc.powerElements[`pe:rpp-${side}`] = { id: `pe:rpp-${side}`, name: `RPP-${side.toUpperCase()}`, kind: 'rpp', upstreamIds: ['pe:utility'], voltageV: 400, phases: 3, breakerA: null, ratingKw: null, ratingKva: null };
  for (const f of [feed('rack:r1', 'A'), feed('rack:r1', 'B'), feed('rack:r2', 'A'), feed('rack:r2', 'B'), feed('rack:r3', 'A')]) doc.powerFeeds[f.id] = f;
  fill('rack:r2', SERVER.id, 10, 2);
  fill('rack:r3', SERVER.id, 2, 2);
  fill('rack:r4', SHELF.id, 21, 2);
});

describe('findPlacements', () => {
  it('ranks the racks by their bottleneck headroom and gives each its fit, positions and limiting constraint', () => {
    const r = findPlacements(new DesignChecker(doc), { typeId: SERVER.id, quantity: 30, redundancy: 'none' });
    expect(r.racks.map((x) => [x.name, x.fits, x.limitedBy])).toEqual([
      // R1: cooling is its bottleneck (33.4 of 40 kW free, 0.835); R3: feed A (4,593.6 / 5,593.6, 0.82).
      ['R1', 11, 'feeds'], ['R3', 9, 'feeds'], ['R5', 4, 'weight'], ['R2', 1, 'feeds'],
    ]);
    const [r1, r3, r5, r2] = r.racks as [typeof r.racks[0], typeof r.racks[0], typeof r.racks[0], typeof r.racks[0]];
    expect(r1.score).toBeCloseTo(33_400 / 40_000, 9);
    expect(r3.score).toBeCloseTo((FEED_W - 1000) / FEED_W, 9);
    expect(r5.score).toBeCloseTo(0.5, 9);
    expect(r2.score).toBeCloseTo((FEED_W - 5000) / FEED_W, 9);
    expect(r1.positions).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21]);
    expect(r3.positions).toEqual([5, 7, 9, 11, 13, 15, 17, 19, 21]);
    expect(r2.positions).toEqual([21]);
    expect(r1.limits).toEqual({ space: 21, power: 20, feeds: 11, cooling: 60, weight: 36, floor: 48 });
    expect(r1.headroom.feeds.map((f) => [f.side, f.failoverW, f.perDeviceW])).toEqual([['A', 0, 500], ['B', 0, 500]]);
    expect(r1.headroom.feeds[0]!.headroomW).toBeCloseTo(FEED_W, 9);
    expect(r2.headroom.power).toEqual({ budgetW: 10_000, loadW: 5000, headroomW: 5000 });
    expect(r5.headroom.weight).toEqual({ weightKg: 100, maxKg: 200, headroomKg: 100 });
    expect(r5.limits.feeds).toBeNull();
    expect(r.excluded).toEqual([{ rackId: 'rack:r4', name: 'R4', reason: 'space' }]);
    // 11 + 9 + 4 + 1 = 25 of the 30 placed, best rack first.
    expect(r.plan).toHaveLength(25);
    expect(r.unplaced).toBe(5);
    expect(r.plan[0]).toEqual({ rackId: 'rack:r1', position: 1, face: 'front', typeId: SERVER.id });
  });

  it('keeps only racks with feeds A and B for redundancy ab', () => {
    const r = findPlacements(new DesignChecker(doc), { typeId: SERVER.id, quantity: 5, redundancy: 'ab' });
    expect(r.racks.map((x) => [x.name, x.fits, x.limitedBy])).toEqual([['R1', 5, 'quantity'], ['R2', 1, 'feeds']]);
    expect(r.excluded.map((x) => [x.name, x.reason])).toEqual([['R3', 'redundancy'], ['R4', 'redundancy'], ['R5', 'redundancy']]);
    expect(r.plan.map((p) => `${p.rackId}@${p.position}`)).toEqual(['rack:r1@1', 'rack:r1@3', 'rack:r1@5', 'rack:r1@7', 'rack:r1@9']);
  });

  it('refuses redundancy ab for a single-corded type', () => {
    expect(() => findPlacements(new DesignChecker(doc), { typeId: SWITCH.id, quantity: 1, redundancy: 'ab' })).toThrow(/1 power supply/);
  });

  it('puts single-corded devices on feed A only, and half-depth ones on their own face', () => {
    // R3's switch load goes on A alone: (5,593.6 − 1,000) / 150 = 30 switches.
    const r = findPlacements(new DesignChecker(doc), { typeId: SWITCH.id, quantity: 40, redundancy: 'none', face: 'rear' });
    const r3 = r.racks.find((x) => x.name === 'R3')!;
    expect(r3.headroom.feeds).toEqual([expect.objectContaining({ side: 'A', perDeviceW: 150 })]);
    expect(r3.limits.feeds).toBe(30);
    // R1 has both feeds but a single cord only loads A: B is not charged.
    expect(r.racks.find((x) => x.name === 'R1')!.headroom.feeds.map((f) => f.perDeviceW)).toEqual([150, 0]);
    // The rear of R3 is blocked only where its full-depth servers are (U1–U4).
    expect(r3.positions[0]).toBe(5);
  });

  it('shares a cooling zone between racks when it assigns the quantity', () => {
    doc.floorEquipment['fe:crah']!.coolingKw = 12;
    // 12 kW − 6.6 kW of heat = 5.4 kW: 9 servers of 550 W in the whole zone.
    const r = findPlacements(new DesignChecker(doc), { typeId: SERVER.id, quantity: 20, redundancy: 'none' });
    expect(r.racks[0]).toMatchObject({ name: 'R1', fits: 9, limitedBy: 'cooling' });
    expect(r.plan).toHaveLength(9);
    expect(new Set(r.plan.map((p) => p.rackId))).toEqual(new Set(['rack:r1']));
    expect(r.unplaced).toBe(11);
  });

  it('honours the room filter and refuses a room that does not exist', () => {
    doc.rooms['room:2'] = { id: 'room:2', name: 'Other', widthMm: 5000, depthMm: 5000 };
    expect(findPlacements(new DesignChecker(doc), { typeId: SERVER.id, quantity: 1, redundancy: 'none', roomId: 'room:2' }).racks).toEqual([]);
    expect(() => findPlacements(new DesignChecker(doc), { typeId: SERVER.id, quantity: 1, redundancy: 'none', roomId: 'room:x' })).toThrow(PlenumError);
  });

  it('finds the lowest free blocks around existing devices, on both faces for a full-depth type', () => {
    const r = doc.racks['rack:r1']!;
    const devices: Device[] = [
      { id: 'd1', name: 'a', rackId: r.id, typeId: SWITCH.id, position: 2, face: 'rear' },
      { id: 'd2', name: 'b', rackId: r.id, typeId: SWITCH.id, position: 5, face: 'front' },
    ];
    expect(lowestFreePositions(r, devices, doc.deviceTypes, SERVER, 'front', 3)).toEqual([3, 6, 8]);
    expect(lowestFreePositions(r, devices, doc.deviceTypes, SWITCH, 'front', 3)).toEqual([1, 2, 3]);
  });
});

// ---------------------------------------------------------------- device.placeMany

function run(args: unknown): { result: { ids: string[] }; changes: Change[]; inverse: Change[] } {
  const def = getCommand('device.placeMany')!;
  const p = def.plan(new SnapshotReader(doc), def.args.parse(args), { newId });
  return { result: p.result as { ids: string[] }, changes: p.changes, inverse: applyChangesToSnapshot(doc, p.changes) };
}

function refused(args: unknown): PlenumError {
  const before = structuredClone(doc);
  let caught: unknown;
  try {
    run(args);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(PlenumError);
  expect(doc).toEqual(before);
  return caught as PlenumError;
}

const errorsOf = (snap: DocumentSnapshot) => checkDocument(snap).findings.filter((f) => f.severity === 'error').map((f) => f.id);

describe('device.placeMany', () => {
  it('places the finder’s whole plan in one step, without a new error, and one inverse undoes it', () => {
    const before = structuredClone(doc);
    const errorsBefore = errorsOf(doc);
    const { plan } = findPlacements(new DesignChecker(doc), { typeId: SERVER.id, quantity: 25, redundancy: 'none' });
    const { result, inverse } = run({ placements: plan });
    expect(result.ids).toHaveLength(25);
    expect(errorsOf(doc)).toEqual(errorsBefore);
    applyChangesToSnapshot(doc, inverse);
    expect(doc).toEqual(before);
  });

  it('stops at the finder’s fit: one more device in R1 overloads a feed on failover', () => {
    const { racks } = findPlacements(new DesignChecker(doc), { typeId: SERVER.id, quantity: 12, redundancy: 'ab' });
    expect(racks[0]).toMatchObject({ name: 'R1', fits: 11 });
    run({ placements: [...racks[0]!.positions, 23].map((position) => ({ rackId: 'rack:r1', position, typeId: SERVER.id })) });
    expect(errorsOf(doc)).toEqual(['feed-overload:feed:rack:r1:A', 'feed-overload:feed:rack:r1:B']);
  });

  it('names devices with the next free names of their rack', () => {
    doc.devices['dev:named'] = { id: 'dev:named', name: 'R1-U01', rackId: 'rack:r1', typeId: SWITCH.id, position: 40, face: 'front' };
    run({ placements: [
      { rackId: 'rack:r1', position: 1, typeId: SWITCH.id },
      { rackId: 'rack:r1', position: 1, face: 'rear', typeId: SWITCH.id },
      { rackId: 'rack:r1', position: 3, typeId: SERVER.id, name: 'db-1' },
    ] });
    const names = Object.values(doc.devices).filter((d) => d.rackId === 'rack:r1').map((d) => `${d.name}@${d.position}${d.face[0]}`).sort();
    expect(names).toEqual(['R1-U01-2@1f', 'R1-U01@40f', 'R1-U01R@1r', 'db-1@3f']);
  });

  it('refuses a collision with an existing device, naming the placement, and changes nothing', () => {
    const e = refused({ placements: [
      { rackId: 'rack:r3', position: 21, typeId: SERVER.id },
      { rackId: 'rack:r3', position: 2, typeId: SERVER.id },
    ] });
    expect(e.field).toBe('placements.1.position');
    expect(e.message).toContain('rack:r3-0');
  });

  it('refuses two placements of the same call that collide with each other', () => {
    const e = refused({ placements: [
      { rackId: 'rack:r1', position: 10, typeId: SERVER.id },
      { rackId: 'rack:r1', position: 11, face: 'rear', typeId: SWITCH.id },
    ] });
    expect(e.field).toBe('placements.1.position');
    expect(e.message).toContain('full-depth');
  });

  it('refuses a device past the top of its rack, an unknown rack, and a name taken in the rack', () => {
    expect(refused({ placements: [{ rackId: 'rack:r1', position: 42, typeId: SERVER.id }] }).message).toMatch(/42U/);
    expect(refused({ placements: [{ rackId: 'rack:nope', position: 1, typeId: SERVER.id }] }).field).toBe('placements.0.rackId');
    expect(refused({ placements: [{ rackId: 'rack:r2', position: 30, typeId: SERVER.id, name: 'RACK:R2-3' }] }).field).toBe('placements.0.name');
  });
});
