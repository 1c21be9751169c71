/**
 * A small commissioning site for the cx tests: a room of racks in an in-memory snapshot, a way to
 * run real commands against it (plan → apply, as the store does), and two small templates.
 */
import { getCommand } from '../commands';
import type { DocumentSnapshot } from '../model/schema';
import { emptySnapshot } from '../model/schema';
import { applyChangesToSnapshot, SnapshotReader } from '../model/changes';
import { sequentialIds } from '../model/ids';

export const L2_YAML = `
id: test-l2
version: 1
title: Test delivery
level: L2
appliesTo: [{kind: rack}]
sections:
  - id: main
    title: Main
    signOff: true
    items:
      - {id: damage_free, type: check, label: Free of damage, onFail: {requireNote: true, raiseIssue: major}}
      - {id: voltage, type: numeric, label: Voltage, unit: V, target: 230, tolerance: 5, onFail: {requirePhoto: true}}
      - {id: remark, type: text, label: Remark, required: false}
  - id: extra
    title: Extra
    items:
      - {id: seal, type: check, label: Seal intact, allowNA: true, onFail: {raiseIssue: minor}}
`;

export const L3_YAML = `
id: test-l3
version: 1
title: Test installation
level: L3
appliesTo: [{kind: rack}]
prerequisites: {levels: [L2]}
sections:
  - id: main
    title: Main
    items:
      - {id: anchored, type: check, label: Anchored}
`;

export const actor = (name = 'Ana', at = '2026-11-25T10:00:00+01:00') => ({ name, deviceId: 'tablet-1', at });

export function cxSite(racks = 3): { snap: DocumentSnapshot; doc: SnapshotReader; run: <R = Record<string, unknown>>(name: string, args: unknown) => R } {
  const snap = emptySnapshot('cx');
  snap.rooms['room:a'] = { id: 'room:a', name: 'Hall A', widthMm: 20000, depthMm: 10000 };
  snap.rooms['room:b'] = { id: 'room:b', name: 'Hall B', widthMm: 20000, depthMm: 10000 };
  for (let i = 1; i <= racks; i++) {
    snap.racks[`rack:${i}`] = { id: `rack:${i}`, name: `R${i}`, roomId: 'room:a', xMm: 1000 * i, yMm: 2000, rotationDeg: 0, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 10, maxKg: 1000 };
  }
  snap.racks['rack:b1'] = { id: 'rack:b1', name: 'B1', roomId: 'room:b', xMm: 1000, yMm: 2000, rotationDeg: 0, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 10, maxKg: 1000 };
  const doc = new SnapshotReader(snap);
  const ctx = { newId: sequentialIds() };
  const run = <R,>(name: string, args: unknown): R => {
    const def = getCommand(name);
    if (!def) throw new Error(`no command ${name}`);
    const plan = def.plan(doc, def.args.parse(args), ctx);
    applyChangesToSnapshot(snap, plan.changes);
    return plan.result as R;
  };
  return { snap, doc, run };
}
