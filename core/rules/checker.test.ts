import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change } from '../model/changes';
import type { Device, DeviceType, DocumentSnapshot, EntityKind, PowerFeed } from '../model/schema';
import { buildDemoDocument } from '../demo';
import { builtinDeviceTypes } from '../../electron/services/netbox-import';
import { ENTITY_KINDS } from '../model/schema';
import { capacityReport } from '../capacity/report';
import { feedLoadsWith } from '../capacity/rack';
import { chainElements, rack, ROOM } from '../capacity/test-site';
import { emptySnapshot } from '../model/schema';
import { checkDocument, DesignChecker } from './checker';
import { RULE_IDS } from './catalog';

type Infer<A> = A extends fc.Arbitrary<infer T> ? T : never;

/** A random device type: any PSU count, any draw, sometimes none. */
const typeArb = fc.record({
  psuCount: fc.integer({ min: 0, max: 4 }),
  typical: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: null }),
  max: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: null }),
  uHeight: fc.constantFrom(1, 2),
  fullDepth: fc.boolean(),
});
const rackArb = fc.record({
  devices: fc.array(fc.record({ type: fc.integer({ min: 0, max: 3 }), side: fc.constantFrom<'A' | 'B' | undefined>('A', 'B', undefined), face: fc.constantFrom<'front' | 'rear'>('front', 'rear') }), { maxLength: 12 }),
  feeds: fc.constantFrom('AB', 'A', 'B', ''),
  rpp: fc.constantFrom(0, 1),
});
const siteArb = fc.record({ types: fc.array(typeArb, { minLength: 4, maxLength: 4 }), racks: fc.array(rackArb, { minLength: 1, maxLength: 6 }), redundancy: fc.constantFrom<'N' | '2N'>('N', '2N') });

function build(input: Infer<typeof siteArb>): DocumentSnapshot {
  const snap = emptySnapshot('Random');
  snap.rooms[ROOM.id] = { ...ROOM, powerRedundancy: input.redundancy };
  input.types.forEach((t, i) => {
    const type: DeviceType = { id: `dt:${i}`, manufacturer: 'T', model: `M${i}`, uHeight: t.uHeight, fullDepth: t.fullDepth, weightKg: 10, powerMaxW: t.max, powerTypicalW: t.typical, airflow: 'front-to-rear', psuCount: t.psuCount };
    snap.deviceTypes[type.id] = type;
  });
  for (const e of chainElements()) snap.powerElements[e.id] = e;
  input.racks.forEach((r, i) => {
    const id = `rack:${i}`;
    snap.racks[id] = rack(id, `R${i}`, { xMm: 1000 + i * 600 });
    r.devices.forEach((d, k) => {
      const dev: Device = { id: `dev:${i}:${k}`, name: `D${i}-${k}`, rackId: id, typeId: `dt:${d.type}`, position: 1 + k * 2, face: d.face, ...(d.side ? { powerSide: d.side } : {}) };
      snap.devices[dev.id] = dev;
    });
    for (const side of r.feeds.split('') as Array<'A' | 'B'>) {
      const f: PowerFeed = { id: `feed:${i}:${side}`, name: `R${i}-${side}`, rackId: id, side, sourceId: side === 'A' ? (r.rpp ? 'pe:rpp-a' : 'pe:ups-a') : 'pe:rpp-b', breakerA: 32, voltageV: 230, phases: 1 };
      snap.powerFeeds[f.id] = f;
    }
  });
  return snap;
}

/** Applies changes the way the renderer's mirror does: new objects for what changed, shared references for the rest. */
function applyChangesToSnapshot(snap: DocumentSnapshot, changes: readonly Change[]): { snapshot: DocumentSnapshot } {
  const next = { ...snap } as DocumentSnapshot;
  const copied = new Set<EntityKind>();
  for (const c of changes) {
    if (c.op === 'project') {
      next.project = c.project;
      continue;
    }
    const coll = next as unknown as Record<string, Record<string, unknown>>;
    if (!copied.has(c.kind)) {
      coll[c.kind] = { ...coll[c.kind] };
      copied.add(c.kind);
    }
    if (c.op === 'put') coll[c.kind]![c.entity.id] = c.entity;
    else delete coll[c.kind]![c.id];
  }
  return { snapshot: next };
}

const draw = (t: DeviceType) => t.powerTypicalW ?? t.powerMaxW ?? 0;

describe('capacity invariants (property tests)', () => {
  it('totals equal the sum of their parts', () => {
    fc.assert(fc.property(siteArb, (input) => {
      const snap = build(input);
      const report = capacityReport(new DesignChecker(snap));
      let devicesW = 0;
      for (const d of Object.values(snap.devices)) devicesW += draw(snap.deviceTypes[d.typeId]!);
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
      expect(report.site.loadW).toBeCloseTo(devicesW, 6);
      expect(sum(report.racks.map((r) => r.loadW))).toBeCloseTo(report.site.loadW, 6);
      expect(sum(report.rooms.map((r) => r.loadW))).toBeCloseTo(report.site.loadW, 6);
      expect(sum(report.racks.map((r) => r.usedU + r.freeU))).toBe(report.site.uHeight);
      for (const r of report.racks) {
        // Every watt is on a feed or counted as unfed.
        expect((r.feeds.A?.normalW ?? 0) + (r.feeds.B?.normalW ?? 0) + r.unfedW).toBeCloseTo(r.loadW, 6);
      }
      // The sources carry all that the feeds carry (one tree from the utility).
      const fed = sum(report.racks.map((r) => (r.feeds.A?.normalW ?? 0) + (r.feeds.B?.normalW ?? 0)));
      expect(report.elements.find((e) => e.id === 'pe:utility')!.normalW).toBeCloseTo(fed, 6);
    }), { numRuns: 200 });
  });

  it('failover never reports less load on the surviving path than normal operation', () => {
    fc.assert(fc.property(siteArb, (input) => {
      const checker = new DesignChecker(build(input));
      for (const r of checker.racks().values()) {
        for (const side of ['A', 'B'] as const) {
          const f = r.feeds[side];
          if (!f) continue;
          expect(f.failoverW).toBeGreaterThanOrEqual(f.normalW - 1e-9);
          const other = r.feeds[side === 'A' ? 'B' : 'A'];
          if (other) expect(feedLoadsWith(r, (id) => id === other.feedId)[side]).toBeGreaterThanOrEqual(f.normalW - 1e-9);
        }
      }
      for (const e of checker.chain().result.elements.values()) expect(e.worstW).toBeGreaterThanOrEqual(e.normalW - 1e-9);
    }), { numRuns: 200 });
  });
});

/** A random edit of the test site, as the changes a command would produce. */
const editArb = fc.oneof(
  fc.record({ k: fc.constant('move' as const), rack: fc.nat(5), dev: fc.nat(11), to: fc.nat(5), pos: fc.integer({ min: 1, max: 45 }) }),
  fc.record({ k: fc.constant('deleteDevice' as const), rack: fc.nat(5), dev: fc.nat(11) }),
  fc.record({ k: fc.constant('type' as const), type: fc.nat(3), typical: fc.integer({ min: 0, max: 5000 }), psu: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ k: fc.constant('rack' as const), rack: fc.nat(5), maxKw: fc.integer({ min: 0, max: 20 }), x: fc.integer({ min: 0, max: 12_000 }) }),
  fc.record({ k: fc.constant('deleteFeed' as const), rack: fc.nat(5), side: fc.constantFrom('A', 'B') }),
  fc.record({ k: fc.constant('addFeed' as const), rack: fc.nat(5), side: fc.constantFrom<'A' | 'B'>('A', 'B'), breaker: fc.constantFrom(16, 32) }),
  fc.record({ k: fc.constant('element' as const), rating: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ k: fc.constant('room' as const), redundancy: fc.constantFrom<'N' | '2N'>('N', '2N'), floor: fc.integer({ min: 100, max: 2000 }) }),
  fc.record({ k: fc.constant('deleteRack' as const), rack: fc.nat(5) }),
  fc.record({ k: fc.constant('settings' as const), warn: fc.integer({ min: 50, max: 100 }) }),
);

function toChanges(snap: DocumentSnapshot, e: Infer<typeof editArb>): Change[] {
  const rackId = (n: number) => `rack:${n}`;
  switch (e.k) {
    case 'move': {
      const d = snap.devices[`dev:${e.rack}:${e.dev}`];
      if (!d || !snap.racks[rackId(e.to)]) return [];
      return [{ op: 'put', kind: 'devices', entity: { ...d, rackId: rackId(e.to), position: e.pos } }];
    }
    case 'deleteDevice': return snap.devices[`dev:${e.rack}:${e.dev}`] ? [{ op: 'delete', kind: 'devices', id: `dev:${e.rack}:${e.dev}` }] : [];
    case 'type': return [{ op: 'put', kind: 'deviceTypes', entity: { ...snap.deviceTypes[`dt:${e.type}`]!, powerTypicalW: e.typical, psuCount: e.psu } }];
    case 'rack': return snap.racks[rackId(e.rack)] ? [{ op: 'put', kind: 'racks', entity: { ...snap.racks[rackId(e.rack)]!, maxKw: e.maxKw, xMm: e.x } }] : [];
    case 'deleteFeed': return snap.powerFeeds[`feed:${e.rack}:${e.side}`] ? [{ op: 'delete', kind: 'powerFeeds', id: `feed:${e.rack}:${e.side}` }] : [];
    case 'addFeed': return snap.racks[rackId(e.rack)]
      ? [{ op: 'put', kind: 'powerFeeds', entity: { id: `feed:${e.rack}:${e.side}`, name: `n${e.rack}${e.side}`, rackId: rackId(e.rack), side: e.side, sourceId: e.side === 'A' ? 'pe:rpp-a' : 'pe:rpp-b', breakerA: e.breaker, voltageV: 230, phases: 1 } }]
      : [];
    case 'element': return [{ op: 'put', kind: 'powerElements', entity: { ...snap.powerElements['pe:ups-b']!, ratingKw: e.rating } }];
    case 'room': return [{ op: 'put', kind: 'rooms', entity: { ...snap.rooms[ROOM.id]!, powerRedundancy: e.redundancy, floorRatingKgM2: e.floor } }];
    case 'deleteRack': {
      const id = rackId(e.rack);
      if (!snap.racks[id]) return [];
      return [
        ...Object.values(snap.devices).filter((d) => d.rackId === id).map((d): Change => ({ op: 'delete', kind: 'devices', id: d.id })),
        ...Object.values(snap.powerFeeds).filter((f) => f.rackId === id).map((f): Change => ({ op: 'delete', kind: 'powerFeeds', id: f.id })),
        { op: 'delete', kind: 'racks', id },
      ];
    }
    case 'settings': return [{ op: 'project', project: { ...snap.project, rules: { warnAtPct: e.warn } } }];
  }
}

const ids = (snap: DocumentSnapshot) => new DesignChecker(snap).check().findings.map((f) => `${f.id} ${f.severity} ${f.message}`);

describe('incremental checking', () => {
  it('after any sequence of edits, gives exactly what a full check gives (apply)', () => {
    fc.assert(fc.property(siteArb, fc.array(editArb, { minLength: 1, maxLength: 8 }), (input, edits) => {
      let snap = build(input);
      const checker = new DesignChecker(snap);
      checker.check();
      for (const e of edits) {
        const changes = toChanges(snap, e);
        snap = applyChangesToSnapshot(snap, changes).snapshot;
        checker.apply(changes, snap);
        expect(checker.check().findings.map((f) => `${f.id} ${f.severity} ${f.message}`)).toEqual(ids(snap));
      }
    }), { numRuns: 150 });
  });

  it('after any sequence of edits, gives exactly what a full check gives (update by reference)', () => {
    fc.assert(fc.property(siteArb, fc.array(editArb, { minLength: 1, maxLength: 8 }), (input, edits) => {
      let snap = build(input);
      const checker = new DesignChecker(snap);
      checker.check();
      for (const e of edits) {
        snap = applyChangesToSnapshot(snap, toChanges(snap, e)).snapshot;
        checker.update(snap);
        expect(checker.check().findings.map((f) => `${f.id} ${f.severity} ${f.message}`)).toEqual(ids(snap));
      }
    }), { numRuns: 150 });
  });
});

describe('checkDocument', () => {
  it('filters by rule and summarises', () => {
    const snap = build({ types: [{ psuCount: 1, typical: 900, max: 1000, uHeight: 1, fullDepth: true }, ...Array(3).fill({ psuCount: 2, typical: 100, max: 100, uHeight: 1, fullDepth: true })], racks: [{ devices: Array(12).fill({ type: 0, side: undefined, face: 'front' }), feeds: 'AB', rpp: 1 }], redundancy: '2N' });
    const all = checkDocument(snap);
    const only = checkDocument(snap, { rules: ['single-corded'] });
    expect(only.findings).toHaveLength(12);
    expect(only.summary).toEqual({ total: 12, errors: 0, warnings: 12, infos: 0, byRule: { 'single-corded': 12 } });
    expect(all.summary.byRule['rack-power-budget']).toBe(1);
    expect(all.summary.errors).toBeGreaterThan(0);
  });

  it('only reports rules of the catalog', () => {
    const doc = buildDemoDocument(builtinDeviceTypes()) as unknown as Record<string, Array<{ id: string }>>;
    const snap = emptySnapshot('Demo');
    for (const kind of ENTITY_KINDS) for (const e of doc[kind] ?? []) (snap[kind] as Record<string, unknown>)[e.id] = e;
    for (const f of checkDocument(snap).findings) expect(RULE_IDS.has(f.rule), f.rule).toBe(true);
  });

  it('keeps a finding’s entities as interchange ids that exist in the document', () => {
    const snap = build({ types: [{ psuCount: 1, typical: 900, max: 1000, uHeight: 1, fullDepth: true }, ...Array(3).fill({ psuCount: 2, typical: 100, max: 100, uHeight: 1, fullDepth: true })], racks: [{ devices: Array(12).fill({ type: 0, side: 'B', face: 'rear' }), feeds: 'A', rpp: 0 }], redundancy: '2N' });
    const known = new Set(ENTITY_KINDS.flatMap((k) => Object.keys(snap[k])));
    const findings = checkDocument(snap).findings;
    expect(new Set(findings.map((f) => f.rule))).toEqual(new Set(['single-corded', 'device-unfed', 'cooling-capacity', 'airflow-reverse', 'rack-power-budget']));
    for (const f of findings) for (const id of f.entities) expect(known.has(id), id).toBe(true);
  });
});
