import { describe, expect, it } from 'vitest';
import { builtinDeviceTypes } from '../electron/services/netbox-import';
import { SnapshotReader, applyChangesToSnapshot } from './model/changes';
import { sequentialIds } from './model/ids';
import { emptySnapshot } from './model/schema';
import { getCommand } from './commands/index';
import { buildDemoDocument } from './demo';
import { checkDocument } from './rules/checker';

/** The demo imported through the real `document.import` command, as `plenum new --demo` does. */
function demoSnapshot() {
  const doc = emptySnapshot('Demo');
  const run = (name: string, args: unknown) => {
    const def = getCommand(name)!;
    const plan = def.plan(new SnapshotReader(doc), def.args.parse(args), { newId: sequentialIds() });
    applyChangesToSnapshot(doc, plan.changes);
  };
  run('document.import', { document: buildDemoDocument(builtinDeviceTypes()) });
  return { doc, run };
}

describe('demo power chain', () => {
  it('imports, and every element and feed passes the editing commands own checks', () => {
    const { doc, run } = demoSnapshot();
    expect(Object.keys(doc.powerElements).length).toBeGreaterThanOrEqual(14);
    // An empty patch re-runs the command validation: no cycle, floor equipment linked once and
    // in the element's room, rack PDUs inside their racks, no generator feeding a rack.
    for (const id of Object.keys(doc.powerElements)) run('powerElement.update', { id, patch: {} });
    for (const id of Object.keys(doc.powerFeeds)) run('powerFeed.update', { id, patch: {} });
    for (const id of Object.keys(doc.envReadings)) run('envReading.update', { id, patch: {} });
  });

  it('has two 2N UPS systems on the existing floor equipment', () => {
    const { doc } = demoSnapshot();
    const ups = Object.values(doc.powerElements).filter((e) => e.kind === 'ups');
    expect(ups.map((u) => [u.name, u.group, u.redundancy, u.modules, u.ratingKva, u.ratingKw])).toEqual([
      ['UPS-A', 'UPS 2N', '2N', 4, 500, 450], ['UPS-B', 'UPS 2N', '2N', 4, 500, 450],
    ]);
    expect(ups.map((u) => doc.floorEquipment[u.floorEquipmentId!]!.kind)).toEqual(['ups', 'ups']);
    expect(doc.rooms['room:hall-1']).toMatchObject({ powerRedundancy: '2N', coolingRedundancy: 'N+1', ashraeClass: 'A1', floorRatingKgM2: 1224 });
  });

  it('feeds every hall-1 rack on A and B from different UPS sides, except the one deliberate gap (C06 B)', () => {
    const { doc } = demoSnapshot();
    const upsOf = (id: string): string => {
      const e = doc.powerElements[id]!;
      return e.kind === 'ups' ? e.name : upsOf(e.upstreamIds[0]!);
    };
    const hall = Object.values(doc.racks).filter((r) => r.roomId === 'room:hall-1');
    const missing: string[] = [];
    for (const r of hall) {
      const feeds = Object.values(doc.powerFeeds).filter((f) => f.rackId === r.id);
      for (const side of ['A', 'B'] as const) {
        const f = feeds.find((x) => x.side === side);
        if (!f) missing.push(`${r.name}-${side}`);
        else expect(upsOf(f.sourceId)).toBe(`UPS-${side}`);
      }
    }
    expect(missing).toEqual(['C06-B']);
  });

  it('gives the demo device types their power supplies', () => {
    const { doc } = demoSnapshot();
    for (const t of Object.values(doc.deviceTypes)) {
      if (t.role === 'pdu') expect(t.pduInletA, t.model).toBe(16);
      else expect(t.psuCount, t.model).toBeDefined();
    }
  });

  it('shows exactly one design problem in the findings: the missing feed B of C06', () => {
    const { doc } = demoSnapshot();
    const { findings } = checkDocument(doc);
    expect(findings.map((f) => [f.severity, f.rule, f.entities])).toEqual([['error', 'feed-missing', ['rack:c06']]]);
  });
});
