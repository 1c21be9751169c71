import { beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '../model/changes';
import { SnapshotReader, applyChangesToSnapshot } from '../model/changes';
import { PlenumError } from '../model/errors';
import type { IdFactory } from '../model/ids';
import { sequentialIds } from '../model/ids';
import type { DeviceType, DocumentSnapshot } from '../model/schema';
import { emptySnapshot } from '../model/schema';
import type { CommandName } from './index';
import { getCommand } from './index';
import { RACK_DEFAULTS } from './edit';

/**
 * A tiny in-memory "store": plans a command against a SnapshotReader and applies its changes
 * with applyChangesToSnapshot, exactly as the renderer mirror does.
 */
interface Applied<R> {
  result: R;
  changes: Change[];
  inverse: Change[];
}

let doc: DocumentSnapshot;
let newId: IdFactory;

function plan<R = unknown>(name: CommandName, rawArgs: unknown): { changes: Change[]; result: R } {
  const def = getCommand(name);
  if (!def) throw new Error(`no command ${name}`);
  const args = def.args.parse(rawArgs);
  const p = def.plan(new SnapshotReader(doc), args, { newId });
  return { changes: p.changes, result: p.result as R };
}

function run<R = unknown>(name: CommandName, rawArgs: unknown): Applied<R> {
  const p = plan<R>(name, rawArgs);
  const inverse = applyChangesToSnapshot(doc, p.changes);
  return { result: p.result, changes: p.changes, inverse };
}

/** Runs a command that must be refused and returns the PlenumError, checking nothing changed. */
function refused(name: CommandName, rawArgs: unknown): PlenumError {
  const before = structuredClone(doc);
  let caught: unknown;
  try {
    run(name, rawArgs);
  } catch (err) {
    caught = err;
  }
  expect(caught, `${name} should have been refused`).toBeInstanceOf(PlenumError);
  expect(doc).toEqual(before);
  return caught as PlenumError;
}

const TYPES: Record<string, DeviceType> = {
  server1u: { id: 'dt:server-1u', manufacturer: 'Acme', model: 'S1', uHeight: 1, fullDepth: false, weightKg: 15, powerMaxW: 400, powerTypicalW: 250, airflow: 'front-to-rear' },
  server2uFull: { id: 'dt:server-2u', manufacturer: 'Acme', model: 'S2 Full', uHeight: 2, fullDepth: true, weightKg: 30, powerMaxW: 800, powerTypicalW: 500, airflow: 'front-to-rear' },
  pdu0u: { id: 'dt:pdu-0u', manufacturer: 'Acme', model: 'Vertical PDU', uHeight: 0, fullDepth: false, weightKg: 5, powerMaxW: null, powerTypicalW: null, airflow: 'passive' },
  blade: { id: 'dt:blade', manufacturer: 'Acme', model: 'Blade B1', uHeight: 1, fullDepth: false, weightKg: 3, powerMaxW: 300, powerTypicalW: 200, airflow: 'front-to-rear', subdeviceRole: 'child' },
};

function seedTypes(): void {
  for (const t of Object.values(TYPES)) doc.deviceTypes[t.id] = t;
}

function createRoom(name?: string): string {
  return run<{ id: string }>('room.create', { ...(name ? { name } : {}), widthMm: 10_000, depthMm: 8_000 }).result.id;
}

function createRack(roomId: string, extra: Record<string, unknown> = {}): string {
  return run<{ id: string }>('rack.create', { roomId, xMm: 1_000, yMm: 1_000, ...extra }).result.id;
}

function place(rackId: string, typeId: string, position: number, face: 'front' | 'rear' = 'front', name?: string): string {
  return run<{ id: string }>('device.create', { rackId, typeId, position, face, ...(name ? { name } : {}) }).result.id;
}

beforeEach(() => {
  doc = emptySnapshot('Test project');
  newId = sequentialIds();
});

describe('the command registry', () => {
  it('knows the editing commands by name', () => {
    expect(getCommand('rack.create')?.name).toBe('rack.create');
    expect(getCommand('room.delete')?.name).toBe('room.delete');
  });

  it('returns undefined for names inherited from Object.prototype', () => {
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']) {
      expect(getCommand(name), name).toBeUndefined();
    }
  });
});

describe('room.create', () => {
  it('names rooms "Room 1", "Room 2" in order when no name is given', () => {
    const a = createRoom();
    const b = createRoom();
    expect(doc.rooms[a]!.name).toBe('Room 1');
    expect(doc.rooms[b]!.name).toBe('Room 2');
    expect(a).toBe('room:0001');
    expect(b).toBe('room:0002');
  });

  it('skips an automatic name that a room already uses', () => {
    createRoom('Room 1');
    const b = createRoom();
    expect(doc.rooms[b]!.name).toBe('Room 2');
  });

  it('stores the given dimensions on the new room', () => {
    const id = createRoom('Hall');
    expect(doc.rooms[id]).toEqual({ id, name: 'Hall', widthMm: 10_000, depthMm: 8_000 });
  });

  it('refuses a name already used by another room, ignoring case, with field "name"', () => {
    createRoom('Data Hall');
    const err = refused('room.create', { name: 'data hall', widthMm: 5_000, depthMm: 5_000 });
    expect(err.code).toBe('conflict');
    expect(err.field).toBe('name');
    expect(err.message).toContain('data hall');
  });

  it('refuses to rename a room to the name of another room, ignoring case', () => {
    createRoom('Data Hall');
    const other = createRoom('Network');
    const err = refused('room.update', { id: other, patch: { name: 'DATA HALL' } });
    expect(err.code).toBe('conflict');
    expect(err.field).toBe('name');
  });

  it('lets a room be renamed to a different case of its own name', () => {
    const id = createRoom('Data Hall');
    run('room.update', { id, patch: { name: 'DATA HALL' } });
    expect(doc.rooms[id]!.name).toBe('DATA HALL');
  });
});

describe('rack.create', () => {
  it('gives a new rack the 42U, 600 × 1200 mm defaults', () => {
    const room = createRoom();
    const id = createRack(room);
    expect(doc.racks[id]).toEqual({
      id, name: 'R01', roomId: room, xMm: 1_000, yMm: 1_000,
      rotationDeg: 0, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: RACK_DEFAULTS.maxKw, maxKg: RACK_DEFAULTS.maxKg,
    });
  });

  it('names racks R01, R02, R03 in order within a room', () => {
    const room = createRoom();
    const names = [createRack(room), createRack(room), createRack(room)].map((id) => doc.racks[id]!.name);
    expect(names).toEqual(['R01', 'R02', 'R03']);
  });

  it('starts the automatic rack names again at R01 in another room', () => {
    const a = createRoom();
    const b = createRoom();
    createRack(a);
    createRack(a);
    expect(doc.racks[createRack(b)]!.name).toBe('R01');
  });

  it('keeps explicit dimensions over the defaults', () => {
    const room = createRoom();
    const id = createRack(room, { uHeight: 48, widthMm: 800, depthMm: 1000 });
    expect(doc.racks[id]).toMatchObject({ uHeight: 48, widthMm: 800, depthMm: 1000 });
  });

  it('refuses a rack in a room that does not exist, with field "roomId"', () => {
    const err = refused('rack.create', { roomId: 'room:nope', xMm: 0, yMm: 0 });
    expect(err.code).toBe('not-found');
    expect(err.field).toBe('roomId');
  });

  it('refuses a rack name already used in the same room, ignoring case', () => {
    const room = createRoom();
    createRack(room, { name: 'A01' });
    const err = refused('rack.create', { roomId: room, xMm: 0, yMm: 0, name: 'a01' });
    expect(err.code).toBe('conflict');
    expect(err.field).toBe('name');
  });
});

describe('rack.update', () => {
  it('refuses to shrink a rack below a device it holds, naming the device', () => {
    seedTypes();
    const room = createRoom();
    const rack = createRack(room);
    place(rack, TYPES.server1u!.id, 40, 'front', 'web-40');
    const err = refused('rack.update', { id: rack, patch: { uHeight: 30 } });
    expect(err.code).toBe('conflict');
    expect(err.field).toBe('uHeight');
    expect(err.message).toContain('web-40');
    expect(err.message).toContain('30U');
    expect(doc.racks[rack]!.uHeight).toBe(42);
  });

  it('lets a rack shrink exactly down to the top of its highest device', () => {
    seedTypes();
    const room = createRoom();
    const rack = createRack(room);
    place(rack, TYPES.server2uFull!.id, 39); // occupies U39–U40
    run('rack.update', { id: rack, patch: { uHeight: 40 } });
    expect(doc.racks[rack]!.uHeight).toBe(40);
  });
});

describe('device placement', () => {
  let rack: string;
  beforeEach(() => {
    seedTypes();
    rack = createRack(createRoom());
  });

  it('places a device that fits and names it after the rack and U', () => {
    const id = place(rack, TYPES.server1u!.id, 10);
    expect(doc.devices[id]).toEqual({ id, name: 'R01-U10', rackId: rack, typeId: TYPES.server1u!.id, position: 10, face: 'front' });
  });

  it('places a device whose top is exactly the top U of the rack', () => {
    const id = place(rack, TYPES.server2uFull!.id, 41);
    expect(doc.devices[id]!.position).toBe(41);
  });

  it('refuses a device that would stick out of the top of the rack, naming the U it would reach', () => {
    const err = refused('device.create', { rackId: rack, typeId: TYPES.server2uFull!.id, position: 42 });
    expect(err.code).toBe('conflict');
    expect(err.field).toBe('position');
    expect(err.message).toContain('U42');
    expect(err.message).toContain('U43');
    expect(err.message).toContain('42U');
  });

  it('refuses a device that overlaps another on the same face, naming the other device', () => {
    place(rack, TYPES.server1u!.id, 10, 'front', 'first');
    const err = refused('device.create', { rackId: rack, typeId: TYPES.server1u!.id, position: 10, face: 'front', name: 'second' });
    expect(err.code).toBe('conflict');
    expect(err.field).toBe('position');
    expect(err.message).toContain('first');
    expect(err.message).toContain('U10');
  });

  it('refuses a 2U device whose upper U overlaps the device above it', () => {
    place(rack, TYPES.server1u!.id, 11, 'front', 'upper');
    const err = refused('device.create', { rackId: rack, typeId: TYPES.server2uFull!.id, position: 10 });
    expect(err.message).toContain('upper');
  });

  it('allows half-depth devices at the same U on the front and on the rear', () => {
    const front = place(rack, TYPES.server1u!.id, 20, 'front');
    const rear = place(rack, TYPES.server1u!.id, 20, 'rear');
    expect(doc.devices[front]!.face).toBe('front');
    expect(doc.devices[rear]).toMatchObject({ face: 'rear', position: 20, name: 'R01-U20R' });
  });

  it('refuses a rear device where a full-depth front device already is, saying it is full-depth', () => {
    place(rack, TYPES.server2uFull!.id, 10, 'front', 'big');
    const err = refused('device.create', { rackId: rack, typeId: TYPES.server1u!.id, position: 11, face: 'rear' });
    expect(err.code).toBe('conflict');
    expect(err.message).toContain('full-depth');
    expect(err.message).toContain('big');
  });

  it('refuses a full-depth device on the front where a rear device already is, saying it is full-depth', () => {
    place(rack, TYPES.server1u!.id, 11, 'rear', 'rear-box');
    const err = refused('device.create', { rackId: rack, typeId: TYPES.server2uFull!.id, position: 10, face: 'front' });
    expect(err.message).toContain('full-depth');
    expect(err.message).toContain('rear-box');
  });

  it('never reports a collision for a 0U device, even beside a full-depth device at the same U', () => {
    place(rack, TYPES.server2uFull!.id, 10, 'front');
    const a = place(rack, TYPES.pdu0u!.id, 10, 'rear', 'pdu-a');
    const b = place(rack, TYPES.pdu0u!.id, 10, 'rear', 'pdu-b');
    expect(doc.devices[a]!.position).toBe(10);
    expect(doc.devices[b]!.position).toBe(10);
  });

  it('refuses a child device type directly in a rack, with field "typeId"', () => {
    const err = refused('device.create', { rackId: rack, typeId: TYPES.blade!.id, position: 5 });
    expect(err.code).toBe('invalid');
    expect(err.field).toBe('typeId');
    expect(err.message).toContain('child');
  });

  it('refuses to move a device onto another one with device.update', () => {
    place(rack, TYPES.server1u!.id, 10, 'front', 'a');
    const b = place(rack, TYPES.server1u!.id, 12, 'front', 'b');
    const err = refused('device.update', { id: b, patch: { position: 10 } });
    expect(err.field).toBe('position');
  });

  it('lets a device be moved within its own footprint without colliding with itself', () => {
    const id = place(rack, TYPES.server2uFull!.id, 10);
    run('device.update', { id, patch: { position: 11 } });
    expect(doc.devices[id]!.position).toBe(11);
  });
});

describe('room.delete', () => {
  it('deletes the devices, then the racks, then the room, and its inverse restores the exact snapshot', () => {
    seedTypes();
    const room = createRoom('Doomed');
    const keep = createRoom('Kept');
    const r1 = createRack(room);
    const r2 = createRack(room);
    const r3 = createRack(keep);
    const d1 = place(r1, TYPES.server1u!.id, 1);
    const d2 = place(r1, TYPES.server2uFull!.id, 5);
    const d3 = place(r2, TYPES.pdu0u!.id, 1, 'rear');
    const kept = place(r3, TYPES.server1u!.id, 1);
    const before = structuredClone(doc);

    const { changes, inverse } = run('room.delete', { id: room });

    const order = changes.map((c) => (c.op === 'delete' ? `${c.kind}:${c.id}` : c.op));
    expect(order).toHaveLength(6);
    expect(new Set(order.slice(0, 2))).toEqual(new Set([`devices:${d1}`, `devices:${d2}`]));
    expect(order[2]).toBe(`racks:${r1}`);
    expect(order[3]).toBe(`devices:${d3}`);
    expect(order[4]).toBe(`racks:${r2}`);
    expect(order[5]).toBe(`rooms:${room}`);
    expect(doc.rooms[room]).toBeUndefined();
    expect(Object.keys(doc.racks)).toEqual([r3]);
    expect(Object.keys(doc.devices)).toEqual([kept]);

    applyChangesToSnapshot(doc, inverse);
    expect(doc).toEqual(before);
  });

  it('refuses to delete a room that does not exist, with code not-found', () => {
    const err = refused('room.delete', { id: 'room:missing' });
    expect(err.code).toBe('not-found');
    expect(err.field).toBe('id');
  });
});

describe('device.create with a catalog deviceType (copy into the project in the same step)', () => {
  const catalogType: DeviceType = { id: 'dt:generic/test-2u', manufacturer: 'Generic', model: 'Test 2U', uHeight: 2, fullDepth: true, weightKg: 20, powerMaxW: 700, powerTypicalW: 400, airflow: 'front-to-rear', role: 'server' };

  it('puts the type and the device in one plan when the project lacks the type; one inverse undoes both', () => {
    const rack = createRack(createRoom());
    const before = structuredClone(doc);
    const { result, changes, inverse } = run<{ id: string }>('device.create', { rackId: rack, typeId: catalogType.id, position: 10, deviceType: catalogType });
    expect(changes.map((c) => (c.op === 'put' ? c.kind : c.op))).toEqual(['deviceTypes', 'devices']);
    expect(doc.deviceTypes[catalogType.id]).toEqual(catalogType);
    expect(doc.devices[result.id]).toMatchObject({ typeId: catalogType.id, position: 10 });
    applyChangesToSnapshot(doc, inverse);
    expect(doc).toEqual(before);
  });

  it('does not rewrite a type the project already has', () => {
    const rack = createRack(createRoom());
    doc.deviceTypes[catalogType.id] = { ...catalogType, model: 'Edited in project' };
    const { changes } = run('device.create', { rackId: rack, typeId: catalogType.id, position: 1, deviceType: catalogType });
    expect(changes.map((c) => (c.op === 'put' ? c.kind : c.op))).toEqual(['devices']);
    expect(doc.deviceTypes[catalogType.id]!.model).toBe('Edited in project');
  });

  it('checks the placement against the copied type and changes nothing when refused', () => {
    const rack = createRack(createRoom(), { uHeight: 42 });
    const fit = refused('device.create', { rackId: rack, typeId: catalogType.id, position: 42, deviceType: catalogType });
    expect(fit.code).toBe('conflict');
    expect(fit.message).toContain('Test 2U is 2U tall');
    seedTypes();
    place(rack, TYPES.server1u!.id, 5, 'rear', 'rear-1u');
    const hit = refused('device.create', { rackId: rack, typeId: catalogType.id, position: 4, face: 'front', deviceType: catalogType });
    expect(hit.message).toContain('rear-1u');
    expect(doc.deviceTypes[catalogType.id]).toBeUndefined();
  });

  it('refuses a deviceType whose id is not typeId', () => {
    const rack = createRack(createRoom());
    expect(refused('device.create', { rackId: rack, typeId: 'dt:other', position: 1, deviceType: catalogType }).field).toBe('deviceType.id');
  });
});

describe('rack.create with a catalog rackType (copy into the project in the same step)', () => {
  const catalogRack = { id: 'rt:generic/test-48u', manufacturer: 'Generic', model: '48U test', uHeight: 48, widthMm: 600, depthMm: 1200, maxKw: 12, maxKg: 1500, emptyWeightKg: 160 };

  it('puts the rack type and the rack in one plan, takes the type\'s sizes, and one inverse undoes both', () => {
    const room = createRoom();
    const before = structuredClone(doc);
    const { result, changes, inverse } = run<{ id: string }>('rack.create', { roomId: room, xMm: 1000, yMm: 1000, rackType: catalogRack });
    expect(changes.map((c) => (c.op === 'put' ? c.kind : c.op))).toEqual(['rackTypes', 'racks']);
    expect(doc.racks[result.id]).toMatchObject({ rackTypeId: catalogRack.id, uHeight: 48, maxKw: 12, maxKg: 1500, emptyWeightKg: 160 });
    applyChangesToSnapshot(doc, inverse);
    expect(doc).toEqual(before);
  });

  it('does not copy a rack type the project has, and refuses a mismatched rackTypeId', () => {
    const room = createRoom();
    doc.rackTypes[catalogRack.id] = { ...catalogRack, maxKw: 20 };
    const { result, changes } = run<{ id: string }>('rack.create', { roomId: room, xMm: 1000, yMm: 1000, rackType: catalogRack });
    expect(changes.map((c) => (c.op === 'put' ? c.kind : c.op))).toEqual(['racks']);
    expect(doc.racks[result.id]!.maxKw).toBe(20);
    expect(refused('rack.create', { roomId: room, xMm: 2000, yMm: 1000, rackTypeId: 'rt:other', rackType: catalogRack }).field).toBe('rackType.id');
  });
});
