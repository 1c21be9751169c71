/**
 * Layout commands for the plan editor: rows of racks, floor equipment, obstacles, doors,
 * annotations, and the multi-selection gestures (move/rotate/align/distribute as one step,
 * delete, paste). Each is one undo step.
 */
import { z } from 'zod';
import type { Change, DocReader } from '../model/changes';
import { PlenumError } from '../model/errors';
import { ID_PREFIX } from '../model/ids';
import type { AnyEntity, Device, EntityKind, FloorEquipment, FloorEquipmentKind, Rack, Row } from '../model/schema';
import {
  AISLE_KINDS, Annotation, CONTAINMENTS, Door, FLOOR_EQUIPMENT_KINDS, FloorEquipment as FloorEquipmentSchema, Id, Name, Obstacle,
  OBSTACLE_KINDS, Rack as RackSchema, RackType as RackTypeSchema, Row as RowSchema,
} from '../model/schema';
import { RACK_DEFAULTS, mustGet, nextFreeName } from './edit';
import { powerCascade } from './power-cascade';
import { defineCommand, validated } from './registry';

const PREFIX: Record<string, string> = {
  ...ID_PREFIX, rows: 'row', rackTypes: 'rt', obstacles: 'obs', doors: 'door', floorEquipment: 'fe', annotations: 'note',
};

export function normaliseDeg(deg: number): number {
  const r = ((deg % 360) + 360) % 360;
  return Math.abs(r - 360) < 1e-9 ? 0 : Math.round(r * 1e6) / 1e6;
}

/** Unit vector along a row whose fronts face `orientationDeg` (0 = up the plan, clockwise, y down). */
export function rowDirection(orientationDeg: number): { x: number; y: number } {
  const t = (orientationDeg * Math.PI) / 180;
  return { x: Math.cos(t), y: Math.sin(t) };
}

/**
 * Expands a rack naming pattern. Tokens: `{row}` the row name, `{n}` the number, `{nn}` and
 * `{nnn}` the number zero-padded. Default `{row}{nn}` gives A01…A20.
 */
export function rackNameFromPattern(pattern: string, row: string, n: number): string {
  return pattern
    .replaceAll('{row}', row)
    .replaceAll('{nnn}', String(n).padStart(3, '0'))
    .replaceAll('{nn}', String(n).padStart(2, '0'))
    .replaceAll('{n}', String(n));
}

/** Next free row name: A, B, … Z, AA, AB … */
export function nextRowName(taken: ReadonlySet<string>): string {
  for (let i = 0; ; i++) {
    let name = '';
    let n = i;
    do {
      name = String.fromCharCode(65 + (n % 26)) + name;
      n = Math.floor(n / 26) - 1;
    } while (n >= 0);
    if (!taken.has(name)) return name;
  }
}

// ---------------------------------------------------------------- rows

export const createRow = defineCommand({
  name: 'row.create',
  labelKey: 'command.row.create',
  args: z.object({
    roomId: Id,
    name: Name.optional(),
    count: z.number().int('count must be a whole number').min(1, 'a row needs at least 1 rack').max(60, 'a row holds at most 60 racks'),
    /** Centre of the first rack. */
    xMm: z.number().finite(),
    yMm: z.number().finite(),
    orientationDeg: z.number().finite().default(0),
    namePattern: z.string().min(1).max(60).default('{row}{nn}'),
    firstNumber: z.number().int().min(0).max(9999).default(1),
    rackTypeId: Id.optional(),
    /** A rack type from the app's catalog: copied into the project by this same command when missing. */
    rackType: RackTypeSchema.optional(),
    uHeight: RackSchema.shape.uHeight.optional(),
    widthMm: RackSchema.shape.widthMm.optional(),
    depthMm: RackSchema.shape.depthMm.optional(),
    maxKw: RackSchema.shape.maxKw.optional(),
    maxKg: RackSchema.shape.maxKg.optional(),
    frontAisle: z.enum(AISLE_KINDS).default('cold'),
    containment: z.enum(CONTAINMENTS).default('none'),
  }),
  plan(doc, args, ctx) {
    const room = mustGet(doc, 'rooms', args.roomId, 'roomId');
    const rows = doc.list('rows', { field: 'roomId', value: room.id });
    const rowName = args.name ?? nextRowName(new Set(rows.map((r) => r.name)));
    if (rows.some((r) => r.name.toLowerCase() === rowName.toLowerCase())) {
      throw new PlenumError(`The name "${rowName}" is already used by another row in ${room.name}`, 'conflict', 'name');
    }
    if (args.rackType && args.rackTypeId !== undefined && args.rackTypeId !== args.rackType.id) {
      throw new PlenumError(`rackType.id (${args.rackType.id}) must equal rackTypeId (${args.rackTypeId})`, 'invalid', 'rackType.id');
    }
    const rackTypeId = args.rackTypeId ?? args.rackType?.id;
    const copied = args.rackType && !doc.get('rackTypes', args.rackType.id) ? args.rackType : undefined;
    const type = rackTypeId ? (copied ?? doc.get('rackTypes', rackTypeId)) : undefined;
    if (rackTypeId && !type) throw new PlenumError(`Rack type ${rackTypeId} does not exist`, 'not-found', 'rackTypeId');
    const base = {
      ...RACK_DEFAULTS,
      ...(type ? { uHeight: type.uHeight, widthMm: type.widthMm, depthMm: type.depthMm, maxKw: type.maxKw, maxKg: type.maxKg, emptyWeightKg: type.emptyWeightKg, rackTypeId: type.id } : {}),
      ...(args.uHeight !== undefined ? { uHeight: args.uHeight } : {}),
      ...(args.widthMm !== undefined ? { widthMm: args.widthMm } : {}),
      ...(args.depthMm !== undefined ? { depthMm: args.depthMm } : {}),
      ...(args.maxKw !== undefined ? { maxKw: args.maxKw } : {}),
      ...(args.maxKg !== undefined ? { maxKg: args.maxKg } : {}),
    };
    const taken = new Set(doc.list('racks', { field: 'roomId', value: room.id }).map((r) => r.name.toLowerCase()));
    const orientation = normaliseDeg(args.orientationDeg);
    const dir = rowDirection(orientation);
    const racks: Rack[] = [];
    for (let i = 0; i < args.count; i++) {
      const name = rackNameFromPattern(args.namePattern, rowName, args.firstNumber + i);
      if (taken.has(name.toLowerCase())) throw new PlenumError(`The rack name "${name}" is already used in ${room.name}`, 'conflict', 'namePattern');
      taken.add(name.toLowerCase());
      racks.push(validated(RackSchema, {
        ...base,
        id: ctx.newId(ID_PREFIX.racks),
        name,
        roomId: room.id,
        xMm: Math.round((args.xMm + dir.x * base.widthMm * i) * 10) / 10,
        yMm: Math.round((args.yMm + dir.y * base.widthMm * i) * 10) / 10,
        rotationDeg: orientation,
      }, `Rack ${name}`));
    }
    const row: Row = validated(RowSchema, {
      id: ctx.newId(PREFIX.rows!), name: rowName, roomId: room.id, rackIds: racks.map((r) => r.id),
      orientationDeg: orientation, frontAisle: args.frontAisle, containment: args.containment,
    }, `Row ${rowName}`);
    const changes: Change[] = copied ? [{ op: 'put', kind: 'rackTypes', entity: copied }] : [];
    changes.push(...racks.map((entity): Change => ({ op: 'put', kind: 'racks', entity })));
    changes.push({ op: 'put', kind: 'rows', entity: row });
    return { changes, result: { id: row.id, rackIds: row.rackIds }, detail: `${rowName} (${racks.length} racks)` };
  },
});

const RowPatch = RowSchema.pick({ name: true, rackIds: true, orientationDeg: true, frontAisle: true, containment: true }).partial().strict();

export const updateRow = defineCommand({
  name: 'row.update',
  labelKey: 'command.row.update',
  args: z.object({ id: Id, patch: RowPatch }),
  plan(doc, args) {
    const row = doc.get('rows', args.id);
    if (!row) throw new PlenumError(`Row ${args.id} does not exist`, 'not-found', 'id');
    const next = validated(RowSchema, { ...row, ...args.patch }, `Row ${row.name}`);
    if (args.patch.name !== undefined) {
      const clash = doc.list('rows', { field: 'roomId', value: row.roomId }).find((r) => r.id !== row.id && r.name.toLowerCase() === next.name.toLowerCase());
      if (clash) throw new PlenumError(`The name "${next.name}" is already used by another row in this room`, 'conflict', 'name');
    }
    if (args.patch.rackIds) {
      const seen = new Set<string>();
      const others = doc.list('rows', { field: 'roomId', value: row.roomId }).filter((r) => r.id !== row.id);
      next.rackIds.forEach((rackId, i) => {
        const rack = doc.get('racks', rackId);
        if (!rack) throw new PlenumError(`Rack ${rackId} does not exist`, 'not-found', `patch.rackIds.${i}`);
        if (rack.roomId !== row.roomId) throw new PlenumError(`Rack ${rack.name} is in another room`, 'invalid', `patch.rackIds.${i}`);
        if (seen.has(rackId)) throw new PlenumError(`Rack ${rack.name} is listed twice`, 'invalid', `patch.rackIds.${i}`);
        seen.add(rackId);
        const other = others.find((r) => r.rackIds.includes(rackId));
        if (other) throw new PlenumError(`Rack ${rack.name} is already in row ${other.name}`, 'conflict', `patch.rackIds.${i}`);
      });
    }
    return { changes: [{ op: 'put', kind: 'rows', entity: next }], result: null, detail: next.name };
  },
});

// ---------------------------------------------------------------- simple placed entities

const FLOOR_EQUIPMENT_DEFAULTS: Record<FloorEquipmentKind, { widthMm: number; depthMm: number; heightMm: number; coolingKw: number | null; powerKva: number | null; weightKg: number | null; prefix: string }> = {
  // Typical footprints and ratings of current products; every value is editable.
  crah: { widthMm: 2550, depthMm: 890, heightMm: 1980, coolingKw: 120, powerKva: null, weightKg: 900, prefix: 'CRAH-' },
  crac: { widthMm: 2550, depthMm: 890, heightMm: 1980, coolingKw: 90, powerKva: null, weightKg: 1100, prefix: 'CRAC-' },
  'in-row-cooler': { widthMm: 300, depthMm: 1200, heightMm: 2000, coolingKw: 30, powerKva: null, weightKg: 250, prefix: 'IRC-' },
  'rear-door-cooler': { widthMm: 600, depthMm: 200, heightMm: 2000, coolingKw: 35, powerKva: null, weightKg: 120, prefix: 'RDHx-' },
  'floor-pdu': { widthMm: 800, depthMm: 900, heightMm: 1950, coolingKw: null, powerKva: 150, weightKg: 700, prefix: 'PDU-' },
  rpp: { widthMm: 600, depthMm: 600, heightMm: 1950, coolingKw: null, powerKva: 100, weightKg: 250, prefix: 'RPP-' },
  ups: { widthMm: 1200, depthMm: 850, heightMm: 1950, coolingKw: null, powerKva: 250, weightKg: 1000, prefix: 'UPS-' },
  'battery-cabinet': { widthMm: 800, depthMm: 850, heightMm: 1950, coolingKw: null, powerKva: null, weightKg: 1600, prefix: 'BAT-' },
};

export function floorEquipmentDefaults(kind: FloorEquipmentKind) {
  return FLOOR_EQUIPMENT_DEFAULTS[kind];
}

export const createFloorEquipment = defineCommand({
  name: 'floorEquipment.create',
  labelKey: 'command.floorEquipment.create',
  args: z.object({
    roomId: Id,
    kind: z.enum(FLOOR_EQUIPMENT_KINDS),
    name: Name.optional(),
    xMm: z.number().finite(),
    yMm: z.number().finite(),
    rotationDeg: z.number().finite().default(0),
    widthMm: FloorEquipmentSchema.shape.widthMm.optional(),
    depthMm: FloorEquipmentSchema.shape.depthMm.optional(),
    heightMm: FloorEquipmentSchema.shape.heightMm.optional(),
    coolingKw: FloorEquipmentSchema.shape.coolingKw.optional(),
    powerKva: FloorEquipmentSchema.shape.powerKva.optional(),
    weightKg: FloorEquipmentSchema.shape.weightKg.optional(),
    manufacturer: z.string().max(120).optional(),
    model: z.string().max(120).optional(),
  }),
  plan(doc, args, ctx) {
    const room = mustGet(doc, 'rooms', args.roomId, 'roomId');
    const { prefix, ...defaults } = FLOOR_EQUIPMENT_DEFAULTS[args.kind];
    const siblings = doc.list('floorEquipment', { field: 'roomId', value: room.id });
    const name = args.name ?? nextFreeName(new Set(siblings.map((s) => s.name)), prefix, 2);
    if (siblings.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
      throw new PlenumError(`The name "${name}" is already used in ${room.name}`, 'conflict', 'name');
    }
    const given = Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined));
    const entity: FloorEquipment = validated(FloorEquipmentSchema, {
      ...defaults, ...given, id: ctx.newId(PREFIX.floorEquipment!), name, rotationDeg: normaliseDeg(args.rotationDeg),
    }, 'Floor equipment');
    return { changes: [{ op: 'put', kind: 'floorEquipment', entity }], result: { id: entity.id }, detail: entity.name };
  },
});

/** create/update commands for kinds that are just placed shapes in a room. */
function placedEntityCommands<S extends z.ZodObject>(kind: 'obstacles' | 'doors' | 'annotations', schema: S, createArgs: z.ZodObject, noun: string) {
  const create = defineCommand({
    name: `${singular[kind]}.create`,
    labelKey: `command.${singular[kind]}.create`,
    args: createArgs,
    plan(doc, args, ctx) {
      mustGet(doc, 'rooms', (args as { roomId: string }).roomId, 'roomId');
      const raw = { ...(args as object), id: ctx.newId(PREFIX[kind]!) } as Record<string, unknown>;
      if (typeof raw.rotationDeg === 'number') raw.rotationDeg = normaliseDeg(raw.rotationDeg);
      const entity = validated(schema, raw, noun) as unknown as AnyEntity;
      return { changes: [{ op: 'put', kind, entity }], result: { id: entity.id }, detail: (raw.name as string | undefined) ?? (raw.text as string | undefined) ?? noun };
    },
  });
  const update = defineCommand({
    name: `${singular[kind]}.update`,
    labelKey: `command.${singular[kind]}.update`,
    args: z.object({ id: Id, patch: schema.omit({ id: true, roomId: true }).partial().strict() }),
    plan(doc, args) {
      const current = doc.get(kind, args.id);
      if (!current) throw new PlenumError(`${noun} ${args.id} does not exist`, 'not-found', 'id');
      const next = validated(schema, { ...current, ...args.patch }, noun) as unknown as AnyEntity;
      return { changes: [{ op: 'put', kind, entity: next }], result: null, detail: noun };
    },
  });
  return { create, update };
}
const singular = { obstacles: 'obstacle', doors: 'door', annotations: 'annotation' } as const;

export const obstacleCommands = placedEntityCommands('obstacles', Obstacle, z.object({
  roomId: Id, kind: z.enum(OBSTACLE_KINDS).default('column'), name: z.string().max(120).optional(),
  xMm: z.number().finite(), yMm: z.number().finite(),
  widthMm: Obstacle.shape.widthMm.default(600), depthMm: Obstacle.shape.depthMm.default(600), rotationDeg: z.number().finite().default(0),
}), 'Obstacle');

export const doorCommands = placedEntityCommands('doors', Door, z.object({
  roomId: Id, name: z.string().max(120).optional(), xMm: z.number().finite(), yMm: z.number().finite(),
  widthMm: Door.shape.widthMm.default(1200), rotationDeg: z.number().finite().default(0), swing: Door.shape.swing.default('double'),
}), 'Door');

export const annotationCommands = placedEntityCommands('annotations', Annotation, z.object({
  roomId: Id, kind: z.enum(['label', 'dimension']), xMm: z.number().finite(), yMm: z.number().finite(),
  x2Mm: z.number().finite().optional(), y2Mm: z.number().finite().optional(), text: z.string().max(500).optional(),
}), 'Annotation');

export const upsertRackType = defineCommand({
  name: 'rackType.upsert',
  labelKey: 'command.rackType.upsert',
  args: z.object({ rackType: RackTypeSchema }),
  plan(_doc, args) {
    return { changes: [{ op: 'put', kind: 'rackTypes', entity: args.rackType }], result: { id: args.rackType.id }, detail: args.rackType.model };
  },
});

// ---------------------------------------------------------------- selection gestures

const MOVABLE_KINDS = ['racks', 'floorEquipment', 'obstacles', 'doors', 'annotations'] as const;
/** Power-chain entities are not on the plan but are deleted through the same gesture (lists, properties). */
const SelectionItem = z.object({ kind: z.enum([...MOVABLE_KINDS, 'rows', 'powerElements', 'powerFeeds', 'envReadings']), id: Id });

/**
 * Moves and/or rotates any number of placed things as ONE undo step: a drag committed on
 * pointer-up, an arrow-key nudge, R to rotate, align and distribute all end here.
 */
export const moveItems = defineCommand({
  name: 'layout.move',
  labelKey: 'command.layout.move',
  args: z.object({
    items: z.array(z.object({
      kind: z.enum(MOVABLE_KINDS), id: Id,
      xMm: z.number().finite(), yMm: z.number().finite(),
      rotationDeg: z.number().finite().optional(),
      x2Mm: z.number().finite().optional(), y2Mm: z.number().finite().optional(),
    })).min(1, 'nothing to move').max(20_000),
  }),
  plan(doc, args) {
    const changes: Change[] = args.items.map((item, i) => {
      const current = doc.get(item.kind, item.id) as (AnyEntity & Record<string, unknown>) | undefined;
      if (!current) throw new PlenumError(`${item.kind} ${item.id} does not exist`, 'not-found', `items.${i}.id`);
      const next: Record<string, unknown> = { ...current, xMm: round1(item.xMm), yMm: round1(item.yMm) };
      if (item.rotationDeg !== undefined && 'rotationDeg' in current) next.rotationDeg = normaliseDeg(item.rotationDeg);
      if (item.x2Mm !== undefined) next.x2Mm = round1(item.x2Mm);
      if (item.y2Mm !== undefined) next.y2Mm = round1(item.y2Mm);
      return { op: 'put', kind: item.kind, entity: next as unknown as AnyEntity };
    });
    // A row whose racks all turned together turns with them.
    const turned = new Map(args.items.filter((i) => i.kind === 'racks' && i.rotationDeg !== undefined).map((i) => [i.id, normaliseDeg(i.rotationDeg!)]));
    if (turned.size > 0) {
      const roomIds = new Set(args.items.filter((i) => i.kind === 'racks').map((i) => (doc.get('racks', i.id) as Rack).roomId));
      for (const roomId of roomIds) {
        for (const row of doc.list('rows', { field: 'roomId', value: roomId })) {
          const angles = row.rackIds.map((id) => turned.get(id));
          if (row.rackIds.length > 0 && angles.every((a) => a !== undefined && a === angles[0])) {
            changes.push({ op: 'put', kind: 'rows', entity: { ...row, orientationDeg: angles[0]! } });
          }
        }
      }
    }
    return { changes, result: null, detail: args.items.length === 1 ? nameOf(doc, args.items[0]!) : `${args.items.length} items` };
  },
});

const round1 = (v: number) => Math.round(v * 10) / 10;

function nameOf(doc: DocReader, item: { kind: EntityKind; id: string }): string {
  const e = doc.get(item.kind, item.id) as Record<string, unknown> | undefined;
  return (e?.name as string | undefined) ?? (e?.text as string | undefined) ?? item.id;
}

/** Deletes a mixed selection as one step: racks take their devices and leave their rows. */
export const deleteItems = defineCommand({
  name: 'layout.delete',
  labelKey: 'command.layout.delete',
  args: z.object({ items: z.array(SelectionItem).min(1, 'nothing to delete').max(20_000) }),
  plan(doc, args) {
    const changes: Change[] = [];
    const rackIds = new Set(args.items.filter((i) => i.kind === 'racks').map((i) => i.id));
    const rowIds = new Set(args.items.filter((i) => i.kind === 'rows').map((i) => i.id));
    // Deleting a row deletes its racks too.
    for (const rowId of rowIds) {
      const row = doc.get('rows', rowId);
      if (!row) throw new PlenumError(`Row ${rowId} does not exist`, 'not-found', 'items');
      for (const r of row.rackIds) rackIds.add(r);
    }
    const touchedRows = new Map<string, Row>();
    for (const rackId of rackIds) {
      const rack = doc.get('racks', rackId);
      if (!rack) throw new PlenumError(`Rack ${rackId} does not exist`, 'not-found', 'items');
      for (const row of doc.list('rows', { field: 'roomId', value: rack.roomId })) {
        if (!rowIds.has(row.id) && row.rackIds.includes(rackId)) {
          const current = touchedRows.get(row.id) ?? row;
          touchedRows.set(row.id, { ...current, rackIds: current.rackIds.filter((id) => id !== rackId) });
        }
      }
    }
    for (const row of touchedRows.values()) changes.push({ op: 'put', kind: 'rows', entity: row });
    // Feeds, readings and power-element references that would dangle go first (see powerCascade).
    const ofKind = (kind: string) => args.items.filter((i) => i.kind === kind).map((i) => i.id);
    const power = { powerElements: ofKind('powerElements'), powerFeeds: ofKind('powerFeeds'), envReadings: ofKind('envReadings') };
    for (const [kind, ids] of Object.entries(power) as Array<[keyof typeof power, string[]]>) {
      for (const id of ids) if (!doc.get(kind, id)) throw new PlenumError(`${kind} ${id} does not exist`, 'not-found', 'items');
    }
    changes.push(...powerCascade(doc, { racks: rackIds, floorEquipment: ofKind('floorEquipment'), ...power }));
    for (const rowId of rowIds) changes.push({ op: 'delete', kind: 'rows', id: rowId });
    for (const rackId of rackIds) {
      // Children (in chassis bays) before their parents, because of the foreign key.
      const devices = doc.list('devices', { field: 'rackId', value: rackId });
      devices.sort((a, b) => Number(Boolean(b.parentDeviceId)) - Number(Boolean(a.parentDeviceId)));
      for (const d of devices) changes.push({ op: 'delete', kind: 'devices', id: d.id });
      changes.push({ op: 'delete', kind: 'racks', id: rackId });
    }
    for (const item of args.items) {
      if (item.kind === 'racks' || item.kind === 'rows' || item.kind in power) continue;
      if (!doc.get(item.kind, item.id)) throw new PlenumError(`${item.kind} ${item.id} does not exist`, 'not-found', 'items');
      changes.push({ op: 'delete', kind: item.kind, id: item.id });
    }
    return { changes, result: null, detail: args.items.length === 1 ? nameOf(doc, args.items[0]!) : `${args.items.length} items` };
  },
});

/**
 * Paste / duplicate: copies of placed things (racks with their devices) at an offset, with new
 * ids and the next free names. Copies never join the source's row. Copied racks get no power
 * feeds (a rack has one feed per side, and which breaker feeds the copy is a design decision), and
 * copied floor equipment is not linked to a power element (that link is one-to-one).
 */
export const pasteItems = defineCommand({
  name: 'layout.paste',
  labelKey: 'command.layout.paste',
  args: z.object({
    roomId: Id,
    items: z.array(z.object({ kind: z.enum(MOVABLE_KINDS), id: Id })).min(1, 'nothing to paste').max(5000),
    dxMm: z.number().finite(),
    dyMm: z.number().finite(),
    withDevices: z.boolean().default(true),
  }),
  plan(doc, args, ctx) {
    const room = mustGet(doc, 'rooms', args.roomId, 'roomId');
    const changes: Change[] = [];
    const created: string[] = [];
    const rackNames = new Set(doc.list('racks', { field: 'roomId', value: room.id }).map((r) => r.name));
    const feNames = new Set(doc.list('floorEquipment', { field: 'roomId', value: room.id }).map((r) => r.name));
    const deviceChanges: Change[] = [];
    for (const [i, item] of args.items.entries()) {
      const source = doc.get(item.kind, item.id) as (AnyEntity & Record<string, unknown>) | undefined;
      if (!source) throw new PlenumError(`${item.kind} ${item.id} does not exist`, 'not-found', `items.${i}.id`);
      const copy: Record<string, unknown> = { ...source, id: ctx.newId(PREFIX[item.kind]!), roomId: room.id, xMm: round1((source.xMm as number) + args.dxMm), yMm: round1((source.yMm as number) + args.dyMm) };
      if (typeof source.x2Mm === 'number') copy.x2Mm = round1(source.x2Mm + args.dxMm);
      if (typeof source.y2Mm === 'number') copy.y2Mm = round1((source.y2Mm as number) + args.dyMm);
      if (item.kind === 'racks' || item.kind === 'floorEquipment') {
        const names = item.kind === 'racks' ? rackNames : feNames;
        copy.name = nextCopyName(source.name as string, names);
        names.add(copy.name as string);
      }
      changes.push({ op: 'put', kind: item.kind, entity: copy as unknown as AnyEntity });
      created.push(copy.id as string);
      if (item.kind === 'racks' && args.withDevices) {
        const idMap = new Map<string, string>();
        const devices = doc.list('devices', { field: 'rackId', value: source.id });
        for (const d of devices) idMap.set(d.id, ctx.newId(ID_PREFIX.devices));
        // Parents first, so children can reference them.
        devices.sort((a, b) => Number(Boolean(a.parentDeviceId)) - Number(Boolean(b.parentDeviceId)));
        for (const d of devices) {
          const dev: Device = { ...d, id: idMap.get(d.id)!, rackId: copy.id as string, name: d.name.startsWith(`${source.name as string}`) ? `${copy.name as string}${d.name.slice((source.name as string).length)}` : d.name };
          if (d.parentDeviceId) dev.parentDeviceId = idMap.get(d.parentDeviceId) ?? null;
          deviceChanges.push({ op: 'put', kind: 'devices', entity: dev });
        }
      }
    }
    return { changes: [...changes, ...deviceChanges], result: { ids: created }, detail: `${created.length} item(s)` };
  },
});

/** "A05" → the next free "A…" name keeping the number width: A06, A07… */
export function nextCopyName(name: string, taken: ReadonlySet<string>): string {
  const m = /^(.*?)(\d+)$/.exec(name);
  if (!m) return nextFreeName(taken, `${name}-`, 1);
  const [, prefix, digits] = m;
  for (let n = Number(digits) + 1; ; n++) {
    const candidate = `${prefix}${String(n).padStart(digits!.length, '0')}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export const updateFloorEquipment = defineCommand({
  name: 'floorEquipment.update',
  labelKey: 'command.floorEquipment.update',
  args: z.object({ id: Id, patch: FloorEquipmentSchema.omit({ id: true, roomId: true }).partial().strict() }),
  plan(doc, args) {
    const current = doc.get('floorEquipment', args.id);
    if (!current) throw new PlenumError(`Floor equipment ${args.id} does not exist`, 'not-found', 'id');
    const next = validated(FloorEquipmentSchema, { ...current, ...args.patch }, current.name);
    if (args.patch.name !== undefined) {
      const clash = doc.list('floorEquipment', { field: 'roomId', value: current.roomId }).find((e) => e.id !== current.id && e.name.toLowerCase() === next.name.toLowerCase());
      if (clash) throw new PlenumError(`The name "${next.name}" is already used in this room`, 'conflict', 'name');
    }
    return { changes: [{ op: 'put', kind: 'floorEquipment', entity: next }], result: null, detail: next.name };
  },
});
