/**
 * The Plenum document model and its zod schemas.
 *
 * These schemas are the single source of truth for three boundaries:
 *  - the `plenum/1` interchange format (docs/format.md, JSON Schema generated from here),
 *  - rows read back from a `.plenum` SQLite file,
 *  - arguments of editing commands arriving over IPC or HTTP.
 *
 * Units are in the field names: millimetres (`Mm`), watts (`W`), kilograms (`Kg`), degrees (`Deg`).
 * Ids are strings, unique per collection. By convention Plenum prefixes them by kind
 * (`room:…`, `rack:…`, `dev:…`, `dt:…`) but imported ids are kept as they are.
 * Objects are `looseObject`s: unknown fields survive a round trip (forward compatibility).
 */
import { z } from 'zod';

export const Id = z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
export const Name = z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters');

/** NetBox's airflow list (see shared/reference/FACTS.md). */
export const AIRFLOWS = [
  'front-to-rear', 'rear-to-front', 'left-to-right', 'right-to-left', 'side-to-rear',
  'rear-to-side', 'bottom-to-top', 'top-to-bottom', 'passive', 'mixed',
] as const;
export const Airflow = z.enum(AIRFLOWS);

/** What a device is for; drives colour-by-role in the views and catalog grouping. */
export const DEVICE_ROLES = [
  'server', 'gpu-server', 'switch', 'router', 'firewall', 'storage', 'patch-panel', 'blanking',
  'pdu', 'ups', 'cable-manager', 'chassis', 'other',
] as const;
export const DeviceRole = z.enum(DEVICE_ROLES);

export const SUBDEVICE_ROLES = ['parent', 'child'] as const;

const nonNegative = (what: string) => z.number({ error: `${what} must be a number` }).finite().nonnegative(`${what} must be 0 or more`);

export const DeviceType = z.looseObject({
  id: Id,
  manufacturer: Name,
  model: Name,
  /** Height in rack units. 0 for side-mounted (0U) gear such as vertical PDUs; half units allowed. */
  uHeight: z.number().finite().min(0, 'uHeight must be 0 or more').max(100, 'uHeight must be at most 100')
    .refine((u) => Number.isInteger(u * 2), 'uHeight must be a multiple of 0.5'),
  /** Occupies both the front and rear rails. */
  fullDepth: z.boolean(),
  weightKg: nonNegative('weightKg').nullable(),
  /** Nameplate maximum draw, sum of all power ports. */
  powerMaxW: nonNegative('powerMaxW').nullable(),
  /** Expected (allocated) draw, sum of all power ports. */
  powerTypicalW: nonNegative('powerTypicalW').nullable(),
  airflow: Airflow.nullable(),
  role: DeviceRole.optional(),
  /** NetBox `subdevice_role`: a parent chassis has device bays; a child sits in one. */
  subdeviceRole: z.enum(SUBDEVICE_ROLES).nullable().optional(),
  partNumber: z.string().max(200).optional(),
  /** Where the type came from, e.g. `netbox:Dell/PowerEdge-R740.yaml` or `builtin`. */
  source: z.string().max(500).optional(),
});
export type DeviceType = z.infer<typeof DeviceType>;

/** A point in room coordinates: mm from the room's top-left corner, x right, y down the plan. */
export const Point = z.object({ xMm: z.number().finite(), yMm: z.number().finite() });
export type Point = z.infer<typeof Point>;

const lengthMm = (what: string, max = 1_000_000) =>
  z.number({ error: `${what} must be a number` }).finite().positive(`${what} must be greater than 0`).max(max, `${what} must be at most ${max / 1000} m`);

export const Room = z.looseObject({
  id: Id,
  name: Name,
  /** Extent of the room along x and y (the bounding box of `outline` when there is one). */
  widthMm: lengthMm('widthMm'),
  depthMm: lengthMm('depthMm'),
  /**
   * The room's floor outline, clockwise, in room coordinates. Absent: the rectangle
   * (0,0)–(widthMm,depthMm). Walls run along the outline's edges.
   */
  outline: z.array(Point).min(3, 'outline needs at least 3 points').max(200).optional(),
  ceilingHeightMm: lengthMm('ceilingHeightMm', 20_000).optional(),
  wallThicknessMm: z.number().finite().min(0).max(2000).optional(),
  /** Raised-floor tile grid: tile size and the position of a tile corner. */
  tileSizeMm: z.number().finite().min(100, 'tileSizeMm must be at least 100').max(3000, 'tileSizeMm must be at most 3000').optional(),
  tileOriginXMm: z.number().finite().optional(),
  tileOriginYMm: z.number().finite().optional(),
  /** Height of the raised floor; 0 for a slab floor. */
  raisedFloorHeightMm: z.number().finite().min(0).max(3000).optional(),
  /** Minimum aisle widths for layout validation (FACTS.md: 1200 mm cold, 900 mm hot). */
  minColdAisleMm: z.number().finite().min(0).max(10_000).optional(),
  minHotAisleMm: z.number().finite().min(0).max(10_000).optional(),
});
export type Room = z.infer<typeof Room>;

export const Rack = z.looseObject({
  id: Id,
  name: Name,
  roomId: Id,
  /**
   * Centre of the rack's footprint in the room, mm from the room's top-left corner (x right,
   * y down in the plan). At rotation 0 the front faces up the plan (towards y = 0); rotation is
   * clockwise in degrees.
   */
  xMm: z.number().finite(),
  yMm: z.number().finite(),
  rotationDeg: z.number().finite().min(0, 'rotationDeg must be between 0 and 360').lt(360, 'rotationDeg must be between 0 and 360'),
  uHeight: z.number().int('uHeight must be a whole number').min(1, 'uHeight must be at least 1').max(100, 'uHeight must be at most 100'),
  widthMm: z.number().finite().positive('widthMm must be greater than 0').max(5000),
  depthMm: z.number().finite().positive('depthMm must be greater than 0').max(5000),
  maxKw: nonNegative('maxKw'),
  maxKg: nonNegative('maxKg'),
  /** The rack type it was placed from, if any (its dimensions were copied in at placement). */
  rackTypeId: Id.nullable().optional(),
  /** Weight of the empty rack, added to the devices' weight. */
  emptyWeightKg: nonNegative('emptyWeightKg').optional(),
  heightMm: lengthMm('heightMm', 5000).optional(),
});
export type Rack = z.infer<typeof Rack>;

/** A rack model: the defaults a placed rack takes. NetBox rack-types map here. */
export const RackType = z.looseObject({
  id: Id,
  manufacturer: Name,
  model: Name,
  uHeight: z.number().int('uHeight must be a whole number').min(1).max(100),
  widthMm: lengthMm('widthMm', 5000),
  depthMm: lengthMm('depthMm', 5000),
  heightMm: lengthMm('heightMm', 5000).optional(),
  maxKw: nonNegative('maxKw'),
  maxKg: nonNegative('maxKg'),
  emptyWeightKg: nonNegative('emptyWeightKg'),
  source: z.string().max(500).optional(),
});
export type RackType = z.infer<typeof RackType>;

export const FACES = ['front', 'rear'] as const;
export const Face = z.enum(FACES);
export type Face = z.infer<typeof Face>;

export const Device = z.looseObject({
  id: Id,
  name: Name,
  rackId: Id,
  typeId: Id,
  /** Lowest U occupied, 1-based. Half units allowed (NetBox allows x.5 positions). */
  position: z.number().finite().min(1, 'position must be at least 1')
    .refine((u) => Number.isInteger(u * 2), 'position must be a multiple of 0.5'),
  face: Face,
  /** For a child device: the chassis it sits in, and which bay. */
  parentDeviceId: Id.nullable().optional(),
  bay: z.string().max(50).optional(),
  /** For a 0U device: which side of the rack it is mounted on (vertical PDUs, cable managers). */
  side: z.enum(['left', 'right']).optional(),
});
export type Device = z.infer<typeof Device>;

/** Whether a row's fronts face a cold aisle (the norm) or a hot one. */
export const AISLE_KINDS = ['cold', 'hot'] as const;
export const CONTAINMENTS = ['none', 'cold-aisle', 'hot-aisle', 'chimney'] as const;

export const Row = z.looseObject({
  id: Id,
  name: Name,
  roomId: Id,
  /** The racks of the row, in order along it. */
  rackIds: z.array(Id).max(200),
  /** The direction the fronts face, as a rack rotation (0 = up the plan, clockwise). */
  orientationDeg: z.number().finite().min(0).lt(360),
  frontAisle: z.enum(AISLE_KINDS),
  containment: z.enum(CONTAINMENTS),
});
export type Row = z.infer<typeof Row>;

export const OBSTACLE_KINDS = ['column', 'wall', 'obstacle'] as const;

/** Something racks must not stand on: a building column, an inner wall, a ramp, a pipe chase. */
export const Obstacle = z.looseObject({
  id: Id,
  name: z.string().max(120).optional(),
  roomId: Id,
  kind: z.enum(OBSTACLE_KINDS),
  /** Centre, size and rotation, as for racks. */
  xMm: z.number().finite(),
  yMm: z.number().finite(),
  widthMm: lengthMm('widthMm', 100_000),
  depthMm: lengthMm('depthMm', 100_000),
  rotationDeg: z.number().finite().min(0).lt(360),
});
export type Obstacle = z.infer<typeof Obstacle>;

export const Door = z.looseObject({
  id: Id,
  name: z.string().max(120).optional(),
  roomId: Id,
  /** Centre of the opening, on a wall. */
  xMm: z.number().finite(),
  yMm: z.number().finite(),
  widthMm: lengthMm('widthMm', 10_000),
  /** Direction of the wall it sits in (0 = along x). */
  rotationDeg: z.number().finite().min(0).lt(360),
  swing: z.enum(['in', 'out', 'sliding', 'double']).optional(),
});
export type Door = z.infer<typeof Door>;

export const FLOOR_EQUIPMENT_KINDS = ['crah', 'crac', 'in-row-cooler', 'floor-pdu', 'rpp', 'ups', 'battery-cabinet'] as const;
export type FloorEquipmentKind = (typeof FLOOR_EQUIPMENT_KINDS)[number];

/** Cooling and power equipment standing on the floor. */
export const FloorEquipment = z.looseObject({
  id: Id,
  name: Name,
  roomId: Id,
  kind: z.enum(FLOOR_EQUIPMENT_KINDS),
  xMm: z.number().finite(),
  yMm: z.number().finite(),
  rotationDeg: z.number().finite().min(0).lt(360),
  widthMm: lengthMm('widthMm', 20_000),
  depthMm: lengthMm('depthMm', 20_000),
  heightMm: lengthMm('heightMm', 10_000),
  /** Net sensible cooling capacity (coolers). */
  coolingKw: nonNegative('coolingKw').nullable(),
  /** Rated power (UPS, PDUs, RPPs). */
  powerKva: nonNegative('powerKva').nullable(),
  weightKg: nonNegative('weightKg').nullable(),
  manufacturer: z.string().max(120).optional(),
  model: z.string().max(120).optional(),
});
export type FloorEquipment = z.infer<typeof FloorEquipment>;

/** A text label or a dimension line drawn on the plan. */
export const Annotation = z.looseObject({
  id: Id,
  roomId: Id,
  kind: z.enum(['label', 'dimension']),
  xMm: z.number().finite(),
  yMm: z.number().finite(),
  /** End point of a dimension line. */
  x2Mm: z.number().finite().optional(),
  y2Mm: z.number().finite().optional(),
  text: z.string().max(500).optional(),
});
export type Annotation = z.infer<typeof Annotation>;

/** Every document collection, in dependency order (a kind only references kinds before it). */
export const ENTITY_KINDS = ['deviceTypes', 'rackTypes', 'rooms', 'obstacles', 'doors', 'floorEquipment', 'racks', 'rows', 'devices', 'annotations'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const ENTITY_SCHEMAS = {
  deviceTypes: DeviceType,
  rackTypes: RackType,
  rooms: Room,
  obstacles: Obstacle,
  doors: Door,
  floorEquipment: FloorEquipment,
  racks: Rack,
  rows: Row,
  devices: Device,
  annotations: Annotation,
} as const satisfies Record<EntityKind, z.ZodType>;

export interface EntityByKind {
  deviceTypes: DeviceType;
  rackTypes: RackType;
  rooms: Room;
  obstacles: Obstacle;
  doors: Door;
  floorEquipment: FloorEquipment;
  racks: Rack;
  rows: Row;
  devices: Device;
  annotations: Annotation;
}
export type AnyEntity = EntityByKind[EntityKind];

/** Foreign keys: which field of which kind points at which kind. Used by validation and deletes. */
export const REFERENCES: ReadonlyArray<{ kind: EntityKind; field: string; target: EntityKind; optional?: boolean; many?: boolean }> = [
  { kind: 'racks', field: 'roomId', target: 'rooms' },
  { kind: 'racks', field: 'rackTypeId', target: 'rackTypes', optional: true },
  { kind: 'rows', field: 'roomId', target: 'rooms' },
  { kind: 'rows', field: 'rackIds', target: 'racks', many: true },
  { kind: 'obstacles', field: 'roomId', target: 'rooms' },
  { kind: 'doors', field: 'roomId', target: 'rooms' },
  { kind: 'floorEquipment', field: 'roomId', target: 'rooms' },
  { kind: 'annotations', field: 'roomId', target: 'rooms' },
  { kind: 'devices', field: 'rackId', target: 'racks' },
  { kind: 'devices', field: 'typeId', target: 'deviceTypes' },
  { kind: 'devices', field: 'parentDeviceId', target: 'devices', optional: true },
];

export const ProjectMeta = z.looseObject({
  name: Name,
  /** The site the rooms belong to (one site per project). */
  site: z.looseObject({ name: Name, address: z.string().max(500).optional() }).optional(),
});
export type ProjectMeta = z.infer<typeof ProjectMeta>;

export const FORMAT = 'plenum/1' as const;

/** The `plenum/1` interchange document. */
export const PlenumDocument = z.looseObject({
  format: z.literal(FORMAT, { error: `format must be "${FORMAT}"` }),
  project: ProjectMeta.optional(),
  deviceTypes: z.array(DeviceType).default([]),
  rackTypes: z.array(RackType).default([]),
  rooms: z.array(Room).default([]),
  obstacles: z.array(Obstacle).default([]),
  doors: z.array(Door).default([]),
  floorEquipment: z.array(FloorEquipment).default([]),
  racks: z.array(Rack).default([]),
  rows: z.array(Row).default([]),
  devices: z.array(Device).default([]),
  annotations: z.array(Annotation).default([]),
});
export type PlenumDocument = z.infer<typeof PlenumDocument>;
/** A document as written by hand or by a generator: empty collections may be left out. */
export type PlenumDocumentInput = z.input<typeof PlenumDocument>;

/** In-memory shape of a whole project: entities keyed by id, per kind. */
export type DocumentSnapshot = { project: ProjectMeta } & { [K in EntityKind]: Record<string, EntityByKind[K]> };

export function emptySnapshot(name = 'Untitled'): DocumentSnapshot {
  const snap = { project: { name } } as DocumentSnapshot;
  for (const kind of ENTITY_KINDS) (snap as unknown as Record<string, unknown>)[kind] = {};
  return snap;
}
