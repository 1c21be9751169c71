import { describe, expect, it } from 'vitest';
import type { Change } from '../model/changes';
import { SnapshotReader, applyChangesToSnapshot, cloneSnapshot } from '../model/changes';
import { sequentialIds } from '../model/ids';
import type { DocumentSnapshot } from '../model/schema';
import { emptySnapshot } from '../model/schema';
import { getCommand } from './index';
import { nextCopyName, nextRowName, rackNameFromPattern, rowDirection } from './layout';

// One id sequence for the whole file, as a project has: ids never repeat.
const ids = sequentialIds(100);

function run(snap: DocumentSnapshot, name: string, args: unknown) {
  const def = getCommand(name)!;
  const parsed = def.args.parse(args);
  const plan = def.plan(new SnapshotReader(snap), parsed, { newId: ids });
  const inverse = applyChangesToSnapshot(snap, plan.changes);
  return { plan, inverse };
}

function withRoom(): DocumentSnapshot {
  const s = emptySnapshot('T');
  s.rooms['room:1'] = { id: 'room:1', name: 'Hall', widthMm: 20_000, depthMm: 12_000 };
  return s;
}

describe('rack naming', () => {
  it('expands {row} and zero-padded numbers', () => {
    expect(rackNameFromPattern('{row}{nn}', 'A', 1)).toBe('A01');
    expect(rackNameFromPattern('{row}-{nnn}', 'B', 7)).toBe('B-007');
    expect(rackNameFromPattern('R{n}', 'C', 12)).toBe('R12');
  });

  it('names rows A…Z then AA, AB, skipping names in use', () => {
    expect(nextRowName(new Set())).toBe('A');
    expect(nextRowName(new Set(['A', 'B']))).toBe('C');
    const all = new Set(Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i)));
    expect(nextRowName(all)).toBe('AA');
  });

  it('gives a copy the next free number with the same width', () => {
    expect(nextCopyName('A05', new Set(['A05', 'A06']))).toBe('A07');
    expect(nextCopyName('CRAH', new Set(['CRAH']))).toBe('CRAH-1');
  });
});

describe('row.create', () => {
  it('places N racks side by side along the row, named A01…A10, as one row', () => {
    const s = withRoom();
    const { plan } = run(s, 'row.create', { roomId: 'room:1', count: 10, xMm: 2000, yMm: 3000, orientationDeg: 180 });
    const racks = Object.values(s.racks).sort((a, b) => a.name.localeCompare(b.name));
    expect(racks.map((r) => r.name)).toEqual(['A01', 'A02', 'A03', 'A04', 'A05', 'A06', 'A07', 'A08', 'A09', 'A10']);
    // Fronts face down the plan (180°): the row runs along −x, 600 mm apart.
    expect(racks.map((r) => r.xMm)).toEqual([2000, 1400, 800, 200, -400, -1000, -1600, -2200, -2800, -3400]);
    expect(racks.every((r) => r.yMm === 3000 && r.rotationDeg === 180)).toBe(true);
    const row = Object.values(s.rows)[0]!;
    expect(row).toMatchObject({ name: 'A', orientationDeg: 180, frontAisle: 'cold', containment: 'none' });
    expect(row.rackIds).toEqual((plan.result as { rackIds: string[] }).rackIds);
  });

  it('refuses a pattern that would reuse a rack name, and changes nothing', () => {
    const s = withRoom();
    run(s, 'row.create', { roomId: 'room:1', count: 3, xMm: 0, yMm: 0 });
    const before = JSON.stringify(s);
    expect(() => run(s, 'row.create', { roomId: 'room:1', name: 'B', count: 3, xMm: 0, yMm: 3000, namePattern: 'A{nn}' })).toThrow(/"A01" is already used/);
    expect(JSON.stringify(s)).toBe(before);
  });

  it('builds the row from a catalog rack type, copying the type into the project in the same step', () => {
    const s = withRoom();
    const rackType = { id: 'rt:generic/48u', manufacturer: 'Generic', model: '48U 800', uHeight: 48, widthMm: 800, depthMm: 1200, maxKw: 12, maxKg: 1500, emptyWeightKg: 160 };
    const { plan, inverse } = run(s, 'row.create', { roomId: 'room:1', count: 3, xMm: 1000, yMm: 1000, rackType });
    expect(plan.changes[0]).toEqual({ op: 'put', kind: 'rackTypes', entity: rackType });
    const racks = Object.values(s.racks).sort((a, b) => a.xMm - b.xMm);
    expect(racks.map((r) => [r.uHeight, r.widthMm, r.emptyWeightKg, r.rackTypeId])).toEqual([[48, 800, 160, 'rt:generic/48u'], [48, 800, 160, 'rt:generic/48u'], [48, 800, 160, 'rt:generic/48u']]);
    // 800 mm racks sit 800 mm apart.
    expect(racks.map((r) => r.xMm)).toEqual([1000, 1800, 2600]);
    applyChangesToSnapshot(s, inverse);
    expect(s.rackTypes).toEqual({});
  });

  it('runs along +x when the fronts face up the plan', () => {
    expect(rowDirection(0)).toEqual({ x: 1, y: 0 });
    const d = rowDirection(90);
    expect(d.x).toBeCloseTo(0);
    expect(d.y).toBeCloseTo(1);
  });
});

describe('layout.move', () => {
  it('moves and rotates several racks as one step, and the inverse puts them back', () => {
    const s = withRoom();
    run(s, 'row.create', { roomId: 'room:1', count: 3, xMm: 1000, yMm: 1000 });
    const before = cloneSnapshot(s);
    const items = Object.values(s.racks).map((r) => ({ kind: 'racks', id: r.id, xMm: r.xMm + 600, yMm: r.yMm + 1200, rotationDeg: 450 }));
    const { plan, inverse } = run(s, 'layout.move', { items });
    expect(Object.values(s.racks).every((r) => r.rotationDeg === 90)).toBe(true);
    // The row turned with all its racks.
    expect(Object.values(s.rows)[0]!.orientationDeg).toBe(90);
    expect(plan.changes.length).toBe(4);
    applyChangesToSnapshot(s, inverse);
    expect(s).toEqual(before);
  });
});

describe('layout.delete', () => {
  it('deletes a rack with its devices and takes it out of its row', () => {
    const s = withRoom();
    s.deviceTypes['dt:1u'] = { id: 'dt:1u', manufacturer: 'G', model: '1U', uHeight: 1, fullDepth: true, weightKg: 10, powerMaxW: 300, powerTypicalW: 200, airflow: 'front-to-rear' };
    run(s, 'row.create', { roomId: 'room:1', count: 3, xMm: 1000, yMm: 1000 });
    const row = Object.values(s.rows)[0]!;
    const victim = row.rackIds[1]!;
    run(s, 'device.create', { rackId: victim, typeId: 'dt:1u', position: 10 });
    const before = cloneSnapshot(s);
    const { inverse } = run(s, 'layout.delete', { items: [{ kind: 'racks', id: victim }] });
    expect(s.racks[victim]).toBeUndefined();
    expect(Object.values(s.devices)).toHaveLength(0);
    expect(s.rows[row.id]!.rackIds).toEqual([row.rackIds[0], row.rackIds[2]]);
    applyChangesToSnapshot(s, inverse);
    expect(s).toEqual(before);
  });
});

describe('layout.paste', () => {
  it('copies racks with their devices under new ids and names, outside any row', () => {
    const s = withRoom();
    s.deviceTypes['dt:1u'] = { id: 'dt:1u', manufacturer: 'G', model: '1U', uHeight: 1, fullDepth: true, weightKg: 10, powerMaxW: 300, powerTypicalW: 200, airflow: 'front-to-rear' };
    run(s, 'row.create', { roomId: 'room:1', count: 2, xMm: 1000, yMm: 1000 });
    const [a1] = Object.values(s.rows)[0]!.rackIds;
    run(s, 'device.create', { rackId: a1, typeId: 'dt:1u', position: 1, name: 'A01-srv01' });
    const { plan } = run(s, 'layout.paste', { roomId: 'room:1', items: [{ kind: 'racks', id: a1 }], dxMm: 0, dyMm: 2400 });
    const [copyId] = (plan.result as { ids: string[] }).ids;
    const copy = s.racks[copyId!]!;
    expect(copy.name).toBe('A03');
    expect(copy.yMm).toBe(3400);
    const devices = Object.values(s.devices).filter((d) => d.rackId === copyId);
    expect(devices.map((d) => d.name)).toEqual(['A03-srv01']);
    expect(Object.values(s.rows)[0]!.rackIds).not.toContain(copyId);
  });
});

describe('floor equipment', () => {
  it('creates a CRAH with typical defaults and an automatic name', () => {
    const s = withRoom();
    run(s, 'floorEquipment.create', { roomId: 'room:1', kind: 'crah', xMm: 1000, yMm: 500 });
    const fe = Object.values(s.floorEquipment)[0]!;
    expect(fe).toMatchObject({ name: 'CRAH-01', kind: 'crah', coolingKw: 120, widthMm: 2550 });
  });

  it('refuses an out-of-range rating with the field named', () => {
    const s = withRoom();
    run(s, 'floorEquipment.create', { roomId: 'room:1', kind: 'ups', xMm: 1000, yMm: 500 });
    const id = Object.keys(s.floorEquipment)[0]!;
    const parsed = getCommand('floorEquipment.update')!.args.safeParse({ id, patch: { powerKva: -5 } });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path).toEqual(['patch', 'powerKva']);
    expect(parsed.error!.issues[0]!.message).toBe('powerKva must be 0 or more');
  });
});

describe('room.delete', () => {
  it('removes everything in the room and the inverse restores it exactly', () => {
    const s = withRoom();
    run(s, 'row.create', { roomId: 'room:1', count: 2, xMm: 1000, yMm: 1000 });
    run(s, 'floorEquipment.create', { roomId: 'room:1', kind: 'crah', xMm: 1000, yMm: 8000 });
    run(s, 'obstacle.create', { roomId: 'room:1', xMm: 5000, yMm: 5000 });
    run(s, 'door.create', { roomId: 'room:1', xMm: 0, yMm: 6000, rotationDeg: 90 });
    run(s, 'annotation.create', { roomId: 'room:1', kind: 'label', xMm: 100, yMm: 100, text: 'Loading bay' });
    const before = cloneSnapshot(s);
    const { plan, inverse } = run(s, 'room.delete', { id: 'room:1' });
    const kinds = new Set(plan.changes.map((c: Change) => (c.op === 'project' ? 'project' : c.kind)));
    expect(kinds).toEqual(new Set(['rows', 'racks', 'floorEquipment', 'obstacles', 'doors', 'annotations', 'rooms']));
    applyChangesToSnapshot(s, inverse);
    expect(s).toEqual(before);
  });
});
