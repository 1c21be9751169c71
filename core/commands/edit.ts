/**
 * Editing commands for the foundation model: project, rooms, racks, device types and devices.
 * Each returns changes; none mutates. See registry.ts.
 */
import { z } from 'zod';
import type { Change, DocReader } from '../model/changes';
import { PlenumError } from '../model/errors';
import { ID_PREFIX } from '../model/ids';
import type { Device, DeviceType, Rack, Room, Row } from '../model/schema';
import { Device as DeviceSchema, DeviceType as DeviceTypeSchema, Face, Id, Name, Rack as RackSchema, RackType as RackTypeSchema, Room as RoomSchema } from '../model/schema';
import { collisionMessage, findCollision, rackFitProblem } from '../rules/rack-units';
import { powerCascade } from './power-cascade';
import { defineCommand, validated } from './registry';

/** The entity, or a not-found refusal naming `field`. */
export function mustGet<K extends 'rooms' | 'racks' | 'devices' | 'deviceTypes' | 'rackTypes'>(doc: DocReader, kind: K, id: string, field: string) {
  const found = doc.get(kind, id);
  if (!found) throw new PlenumError(`${noun[kind]} ${id} does not exist`, 'not-found', field);
  return found;
}
const noun = { rooms: 'Room', racks: 'Rack', devices: 'Device', deviceTypes: 'Device type', rackTypes: 'Rack type' } as const;

/** Next free name in a sequence such as A01, A02… or "Room 1", "Room 2"…, skipping names in use. */
export function nextFreeName(taken: ReadonlySet<string>, prefix: string, width = 0): string {
  for (let n = 1; ; n++) {
    const candidate = `${prefix}${String(n).padStart(width, '0')}`;
    if (!taken.has(candidate)) return candidate;
  }
}

function assertUniqueName(names: Iterable<{ id: string; name: string }>, name: string, selfId: string | null, where: string) {
  const lower = name.trim().toLowerCase();
  for (const other of names) {
    if (other.id !== selfId && other.name.trim().toLowerCase() === lower) {
      throw new PlenumError(`The name "${name}" is already used by another ${where}`, 'conflict', 'name');
    }
  }
}

// ---------------------------------------------------------------- project

export const renameProject = defineCommand({
  name: 'project.rename',
  labelKey: 'command.project.rename',
  args: z.object({ name: Name }),
  plan(doc, args) {
    return { changes: [{ op: 'project', project: { ...doc.project(), name: args.name } }], result: null };
  },
});

// ---------------------------------------------------------------- rooms

export const createRoom = defineCommand({
  name: 'room.create',
  labelKey: 'command.room.create',
  args: RoomSchema.omit({ id: true, name: true }).extend({ name: Name.optional() }).strict(),
  plan(doc, args, ctx) {
    const rooms = doc.list('rooms');
    const name = args.name ?? nextFreeName(new Set(rooms.map((r) => r.name)), 'Room ');
    assertUniqueName(rooms, name, null, 'room');
    const given = Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined));
    const room: Room = validated(RoomSchema, { ...given, id: ctx.newId(ID_PREFIX.rooms), name }, 'Room');
    return { changes: [{ op: 'put', kind: 'rooms', entity: room }], result: { id: room.id }, detail: room.name };
  },
});

const RoomPatch = RoomSchema.omit({ id: true }).partial().strict();

export const updateRoom = defineCommand({
  name: 'room.update',
  labelKey: 'command.room.update',
  args: z.object({ id: Id, patch: RoomPatch }),
  plan(doc, args) {
    const room = mustGet(doc, 'rooms', args.id, 'id');
    if (args.patch.name !== undefined) assertUniqueName(doc.list('rooms'), args.patch.name, room.id, 'room');
    const next = validated(RoomSchema, { ...room, ...args.patch }, `Room ${room.name}`);
    return { changes: [{ op: 'put', kind: 'rooms', entity: next }], result: null, detail: next.name };
  },
});

export const deleteRoom = defineCommand({
  name: 'room.delete',
  labelKey: 'command.room.delete',
  args: z.object({ id: Id }),
  plan(doc, args) {
    const room = mustGet(doc, 'rooms', args.id, 'id');
    // Feeds and readings go, power elements standing here stay (they lose the room): first.
    const changes: Change[] = powerCascade(doc, { rooms: [room.id] });
    const inRoom = { field: 'roomId', value: room.id };
    for (const row of doc.list('rows', inRoom)) changes.push({ op: 'delete', kind: 'rows', id: row.id });
    for (const rack of doc.list('racks', inRoom)) changes.push(...rackDeletion(doc, rack));
    for (const kind of ['floorEquipment', 'obstacles', 'doors', 'annotations'] as const) {
      for (const e of doc.list(kind, inRoom)) changes.push({ op: 'delete', kind, id: e.id });
    }
    changes.push({ op: 'delete', kind: 'rooms', id: room.id });
    return { changes, result: null, detail: room.name };
  },
});

// ---------------------------------------------------------------- racks

/** A standard 42U, 600 × 1200 mm cabinet: the most common size in new builds (FACTS.md). */
export const RACK_DEFAULTS = { uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 8, maxKg: 1200, rotationDeg: 0 } as const;

export const createRack = defineCommand({
  name: 'rack.create',
  labelKey: 'command.rack.create',
  args: z.object({
    roomId: Id,
    name: Name.optional(),
    xMm: RackSchema.shape.xMm,
    yMm: RackSchema.shape.yMm,
    rotationDeg: RackSchema.shape.rotationDeg.optional(),
    uHeight: RackSchema.shape.uHeight.optional(),
    widthMm: RackSchema.shape.widthMm.optional(),
    depthMm: RackSchema.shape.depthMm.optional(),
    maxKw: RackSchema.shape.maxKw.optional(),
    maxKg: RackSchema.shape.maxKg.optional(),
    rackTypeId: Id.optional(),
    /** The rack type from the app's catalog: copied into the project by this same command when missing (one undo step). */
    rackType: RackTypeSchema.optional(),
  }),
  plan(doc, args, ctx) {
    const room = mustGet(doc, 'rooms', args.roomId, 'roomId');
    const siblings = doc.list('racks', { field: 'roomId', value: room.id });
    const name = args.name ?? nextFreeName(new Set(siblings.map((r) => r.name)), 'R', 2);
    assertUniqueName(siblings, name, null, `rack in ${room.name}`);
    const { rackType: catalogType, ...placed } = args;
    if (catalogType && placed.rackTypeId !== undefined && placed.rackTypeId !== catalogType.id) {
      throw new PlenumError(`rackType.id (${catalogType.id}) must equal rackTypeId (${placed.rackTypeId})`, 'invalid', 'rackType.id');
    }
    const rackTypeId = placed.rackTypeId ?? catalogType?.id;
    const copied = catalogType && !doc.get('rackTypes', catalogType.id) ? catalogType : undefined;
    const type = rackTypeId ? (copied ?? mustGet(doc, 'rackTypes', rackTypeId, 'rackTypeId')) : undefined;
    const rack: Rack = validated(RackSchema, {
      ...RACK_DEFAULTS,
      ...(type ? { uHeight: type.uHeight, widthMm: type.widthMm, depthMm: type.depthMm, maxKw: type.maxKw, maxKg: type.maxKg, emptyWeightKg: type.emptyWeightKg } : {}),
      ...Object.fromEntries(Object.entries({ ...placed, rackTypeId }).filter(([, v]) => v !== undefined)),
      id: ctx.newId(ID_PREFIX.racks),
      name,
    }, 'Rack');
    const changes: Change[] = copied ? [{ op: 'put', kind: 'rackTypes', entity: copied }] : [];
    changes.push({ op: 'put', kind: 'racks', entity: rack });
    return { changes, result: { id: rack.id }, detail: rack.name };
  },
});

const RackPatch = RackSchema.pick({ name: true, roomId: true, xMm: true, yMm: true, rotationDeg: true, uHeight: true, widthMm: true, depthMm: true, maxKw: true, maxKg: true, emptyWeightKg: true, heightMm: true, zone: true })
  .partial().strict();

export const updateRack = defineCommand({
  name: 'rack.update',
  labelKey: 'command.rack.update',
  args: z.object({ id: Id, patch: RackPatch }),
  plan(doc, args) {
    const rack = mustGet(doc, 'racks', args.id, 'id');
    const next = validated(RackSchema, { ...rack, ...args.patch }, `Rack ${rack.name}`);
    if (next.roomId !== rack.roomId) mustGet(doc, 'rooms', next.roomId, 'roomId');
    if (next.name !== rack.name || next.roomId !== rack.roomId) {
      assertUniqueName(doc.list('racks', { field: 'roomId', value: next.roomId }), next.name, rack.id, 'rack in this room');
    }
    if (next.uHeight < rack.uHeight) {
      for (const device of doc.list('devices', { field: 'rackId', value: rack.id })) {
        const type = doc.get('deviceTypes', device.typeId);
        const problem = type && rackFitProblem(device, type, next);
        if (problem) throw new PlenumError(`Cannot shrink rack ${rack.name} to ${next.uHeight}U: ${device.name} would not fit (${problem})`, 'conflict', 'uHeight');
      }
    }
    const changes: Change[] = [{ op: 'put', kind: 'racks', entity: next }];
    if (next.roomId !== rack.roomId) {
      // A reading taken at the rack stays in the room where it was taken, without the rack.
      for (const reading of doc.list('envReadings', { field: 'rackId', value: rack.id })) {
        const { rackId: _moved, ...kept } = reading;
        changes.push({ op: 'put', kind: 'envReadings', entity: kept });
      }
    }
    return { changes, result: null, detail: next.name };
  },
});

/** The rack and its devices; its feeds are the caller's (powerCascade, placed before these). */
function rackDeletion(doc: DocReader, rack: Rack): Change[] {
  // Children in chassis bays go before their parents (foreign key).
  const devices = doc.list('devices', { field: 'rackId', value: rack.id });
  devices.sort((a, b) => Number(Boolean(b.parentDeviceId)) - Number(Boolean(a.parentDeviceId)));
  const changes: Change[] = devices.map((d) => ({ op: 'delete', kind: 'devices', id: d.id }));
  changes.push({ op: 'delete', kind: 'racks', id: rack.id });
  return changes;
}

export const deleteRacks = defineCommand({
  name: 'rack.delete',
  labelKey: 'command.rack.delete',
  args: z.object({ ids: z.array(Id).min(1, 'give at least one rack') }),
  plan(doc, args) {
    const changes: Change[] = [];
    const names: string[] = [];
    const rows = new Map<string, Row>();
    args.ids.forEach((id, i) => {
      const rack = mustGet(doc, 'racks', id, `ids.${i}`);
      names.push(rack.name);
      for (const row of doc.list('rows', { field: 'roomId', value: rack.roomId })) {
        const current = rows.get(row.id) ?? row;
        if (current.rackIds.includes(id)) rows.set(row.id, { ...current, rackIds: current.rackIds.filter((r) => r !== id) });
      }
      changes.push(...rackDeletion(doc, rack));
    });
    changes.unshift(...[...rows.values()].map((entity): Change => ({ op: 'put', kind: 'rows', entity })), ...powerCascade(doc, { racks: args.ids }));
    return { changes, result: null, detail: names.join(', ') };
  },
});

// ---------------------------------------------------------------- device types

export const upsertDeviceType = defineCommand({
  name: 'deviceType.upsert',
  labelKey: 'command.deviceType.upsert',
  args: z.object({ deviceType: DeviceTypeSchema }),
  plan(doc, args) {
    const existing = doc.get('deviceTypes', args.deviceType.id);
    if (existing && existing.uHeight !== args.deviceType.uHeight && doc.list('devices', { field: 'typeId', value: existing.id }).length > 0) {
      throw new PlenumError(`Device type ${existing.model} is in use: its height cannot change`, 'conflict', 'deviceType.uHeight');
    }
    return { changes: [{ op: 'put', kind: 'deviceTypes', entity: args.deviceType }], result: { id: args.deviceType.id }, detail: args.deviceType.model };
  },
});

// ---------------------------------------------------------------- devices

function placementCheck(doc: DocReader, device: Device): DeviceType {
  const rack = mustGet(doc, 'racks', device.rackId, 'rackId');
  const type = mustGet(doc, 'deviceTypes', device.typeId, 'typeId');
  if (device.parentDeviceId) {
    // A child device sits in a bay of its chassis: it takes no rack units of its own.
    const parent = mustGet(doc, 'devices', device.parentDeviceId, 'parentDeviceId');
    const parentType = doc.get('deviceTypes', parent.typeId);
    if (parentType?.subdeviceRole !== 'parent') throw new PlenumError(`${parent.name} is not a chassis: it has no device bays`, 'invalid', 'parentDeviceId');
    if (parent.rackId !== device.rackId) throw new PlenumError(`${parent.name} is in another rack`, 'invalid', 'parentDeviceId');
    if (type.subdeviceRole !== 'child') throw new PlenumError(`${type.model} is not a child device type: it cannot go in a chassis bay`, 'invalid', 'typeId');
    if (device.bay) {
      const taken = doc.list('devices', { field: 'parentDeviceId', value: parent.id }).find((d) => d.id !== device.id && d.bay === device.bay);
      if (taken) throw new PlenumError(`Bay ${device.bay} of ${parent.name} is taken by ${taken.name}`, 'conflict', 'bay');
    }
    return type;
  }
  if (type.subdeviceRole === 'child') {
    throw new PlenumError(`${type.model} is a child device: it goes in a chassis bay, not directly in a rack`, 'invalid', 'typeId');
  }
  const fit = rackFitProblem(device, type, rack);
  if (fit) throw new PlenumError(fit, 'conflict', 'position');
  const others = doc.list('devices', { field: 'rackId', value: rack.id }).flatMap((d) => {
    const t = doc.get('deviceTypes', d.typeId);
    return t ? [{ device: d, type: t }] : [];
  });
  const hit = findCollision(device, type, others);
  if (hit) throw new PlenumError(collisionMessage(device, type, hit), 'conflict', 'position');
  const duplicate = others.find((o) => o.device.id !== device.id && o.device.name.toLowerCase() === device.name.toLowerCase());
  if (duplicate) throw new PlenumError(`The name "${device.name}" is already used in rack ${rack.name}`, 'conflict', 'name');
  return type;
}

/**
 * A reader that also sees `types` as if they were in the project: lets a command validate a
 * placement against a device type it is about to copy into the project in the same transaction.
 */
export function withDeviceTypes(doc: DocReader, types: readonly DeviceType[]): DocReader {
  if (types.length === 0) return doc;
  const extra = new Map(types.map((t) => [t.id, t]));
  return {
    project: () => doc.project(),
    get: (kind, id) => (kind === 'deviceTypes' ? (doc.get(kind, id) ?? extra.get(id) as never) : doc.get(kind, id)),
    list: (kind, where) => {
      const base = doc.list(kind, where);
      if (kind !== 'deviceTypes') return base;
      const seen = new Set(base.map((e) => e.id));
      const more = [...extra.values()].filter((t) => !seen.has(t.id) && (!where || (t as Record<string, unknown>)[where.field] === where.value));
      return [...base, ...more] as typeof base;
    },
    count: (kind) => (kind === 'deviceTypes' ? doc.count(kind) + [...extra.keys()].filter((id) => !doc.get('deviceTypes', id)).length : doc.count(kind)),
  };
}

export const createDevice = defineCommand({
  name: 'device.create',
  labelKey: 'command.device.create',
  args: z.object({
    rackId: Id, typeId: Id, position: DeviceSchema.shape.position, face: Face.default('front'), name: Name.optional(),
    parentDeviceId: Id.optional(), bay: z.string().max(50).optional(), side: z.enum(['left', 'right']).optional(),
    powerSide: DeviceSchema.shape.powerSide,
    /**
     * The type itself, from the app's catalog: when the project lacks `typeId`, it is copied in by
     * this same command, so placing a catalog device is one transaction and one undo step.
     */
    deviceType: DeviceTypeSchema.optional(),
  }),
  plan(rawDoc, args, ctx) {
    if (args.deviceType && args.deviceType.id !== args.typeId) {
      throw new PlenumError(`deviceType.id (${args.deviceType.id}) must equal typeId (${args.typeId})`, 'invalid', 'deviceType.id');
    }
    const copied = args.deviceType && !rawDoc.get('deviceTypes', args.deviceType.id) ? args.deviceType : undefined;
    const doc = withDeviceTypes(rawDoc, copied ? [copied] : []);
    const type = mustGet(doc, 'deviceTypes', args.typeId, 'typeId');
    const rack = mustGet(doc, 'racks', args.rackId, 'rackId');
    const name = args.name ?? (args.parentDeviceId && args.bay
      ? `${mustGet(doc, 'devices', args.parentDeviceId, 'parentDeviceId').name}-${args.bay}`
      : `${rack.name}-U${String(args.position).padStart(2, '0')}${args.face === 'rear' ? 'R' : ''}`);
    const extra = Object.fromEntries(Object.entries({ parentDeviceId: args.parentDeviceId, bay: args.bay, side: args.side, powerSide: args.powerSide }).filter(([, v]) => v !== undefined));
    const device: Device = validated(DeviceSchema, { id: ctx.newId(ID_PREFIX.devices), name, rackId: rack.id, typeId: type.id, position: args.position, face: args.face, ...extra }, 'Device');
    placementCheck(doc, device);
    const changes: Change[] = copied ? [{ op: 'put', kind: 'deviceTypes', entity: copied }] : [];
    changes.push({ op: 'put', kind: 'devices', entity: device });
    return { changes, result: { id: device.id }, detail: device.name };
  },
});

const DevicePatch = DeviceSchema.pick({ name: true, rackId: true, position: true, face: true, parentDeviceId: true, bay: true, side: true, powerSide: true }).partial().strict();

export const updateDevice = defineCommand({
  name: 'device.update',
  labelKey: 'command.device.update',
  args: z.object({ id: Id, patch: DevicePatch }),
  plan(doc, args) {
    const device = mustGet(doc, 'devices', args.id, 'id');
    const next = validated(DeviceSchema, { ...device, ...args.patch }, `Device ${device.name}`);
    placementCheck(doc, next);
    const changes: Change[] = [{ op: 'put', kind: 'devices', entity: next }];
    if (next.rackId !== device.rackId) {
      // A rack PDU moved to another rack no longer powers this rack's feed.
      for (const feed of doc.list('powerFeeds', { field: 'rackPduDeviceId', value: device.id })) {
        const { rackPduDeviceId: _moved, ...kept } = feed;
        changes.push({ op: 'put', kind: 'powerFeeds', entity: kept });
      }
    }
    return { changes, result: null, detail: next.name };
  },
});

export const deleteDevices = defineCommand({
  name: 'device.delete',
  labelKey: 'command.device.delete',
  args: z.object({ ids: z.array(Id).min(1, 'give at least one device') }),
  plan(doc, args) {
    const names: string[] = [];
    const deletes: Change[] = args.ids.map((id, i) => {
      names.push(mustGet(doc, 'devices', id, `ids.${i}`).name);
      return { op: 'delete', kind: 'devices', id };
    });
    // Feeds stop naming a deleted device as their rack PDU before it goes (foreign key).
    const changes: Change[] = [...powerCascade(doc, { devices: args.ids }), ...deletes];
    return { changes, result: null, detail: names.join(', ') };
  },
});
