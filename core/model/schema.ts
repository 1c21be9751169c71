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

export const Room = z.looseObject({
  id: Id,
  name: Name,
  widthMm: z.number().finite().positive('widthMm must be greater than 0').max(1_000_000, 'widthMm must be at most 1000 m'),
  depthMm: z.number().finite().positive('depthMm must be greater than 0').max(1_000_000, 'depthMm must be at most 1000 m'),
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
});
export type Rack = z.infer<typeof Rack>;

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
});
export type Device = z.infer<typeof Device>;

/** Every document collection, in dependency order (a kind only references kinds before it). */
export const ENTITY_KINDS = ['deviceTypes', 'rooms', 'racks', 'devices'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const ENTITY_SCHEMAS = {
  deviceTypes: DeviceType,
  rooms: Room,
  racks: Rack,
  devices: Device,
} as const satisfies Record<EntityKind, z.ZodType>;

export interface EntityByKind {
  deviceTypes: DeviceType;
  rooms: Room;
  racks: Rack;
  devices: Device;
}
export type AnyEntity = EntityByKind[EntityKind];

/** Foreign keys: which field of which kind points at which kind. Used by validation and deletes. */
export const REFERENCES: ReadonlyArray<{ kind: EntityKind; field: string; target: EntityKind }> = [
  { kind: 'racks', field: 'roomId', target: 'rooms' },
  { kind: 'devices', field: 'rackId', target: 'racks' },
  { kind: 'devices', field: 'typeId', target: 'deviceTypes' },
];

export const ProjectMeta = z.looseObject({
  name: Name,
});
export type ProjectMeta = z.infer<typeof ProjectMeta>;

export const FORMAT = 'plenum/1' as const;

/** The `plenum/1` interchange document. */
export const PlenumDocument = z.looseObject({
  format: z.literal(FORMAT, { error: `format must be "${FORMAT}"` }),
  project: ProjectMeta.optional(),
  deviceTypes: z.array(DeviceType).default([]),
  rooms: z.array(Room).default([]),
  racks: z.array(Rack).default([]),
  devices: z.array(Device).default([]),
});
export type PlenumDocument = z.infer<typeof PlenumDocument>;

/** In-memory shape of a whole project: entities keyed by id, per kind. */
export interface DocumentSnapshot {
  project: ProjectMeta;
  deviceTypes: Record<string, DeviceType>;
  rooms: Record<string, Room>;
  racks: Record<string, Rack>;
  devices: Record<string, Device>;
}

export function emptySnapshot(name = 'Untitled'): DocumentSnapshot {
  return { project: { name }, deviceTypes: {}, rooms: {}, racks: {}, devices: {} };
}
