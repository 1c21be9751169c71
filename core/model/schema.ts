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
  /**
   * Number of power supplies (NetBox power ports). 2 or more = dual-corded: the load is shared
   * across feeds A and B and survives the loss of either. Absent: 1 when the type draws power.
   */
  psuCount: z.number().int('psuCount must be a whole number').min(0).max(16).optional(),
  /** Rack PDUs only: inlet rating and outlet count (checked against the feed and the cords). */
  pduInletA: z.number().finite().positive('pduInletA must be greater than 0').max(1000).optional(),
  pduOutlets: z.number().int().min(0).max(200).optional(),
  /** Where the type came from, e.g. `netbox:Dell/PowerEdge-R740.yaml` or `builtin`. */
  source: z.string().max(500).optional(),
});
export type DeviceType = z.infer<typeof DeviceType>;

/** A point in room coordinates: mm from the room's top-left corner, x right, y down the plan. */
export const Point = z.object({ xMm: z.number().finite(), yMm: z.number().finite() });
export type Point = z.infer<typeof Point>;

const lengthMm = (what: string, max = 1_000_000) =>
  z.number({ error: `${what} must be a number` }).finite().positive(`${what} must be greater than 0`).max(max, `${what} must be at most ${max / 1000} m`);

export const ASHRAE_CLASSES = ['A1', 'A2', 'A3', 'A4'] as const;
export type AshraeClass = (typeof ASHRAE_CLASSES)[number];
const REDUNDANCIES_ROOM = ['N', 'N+1', '2N', '2(N+1)'] as const;

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
  /** Floor live-load rating (TIA-942 Rated-3: 12 kPa ≈ 1224 kg/m²). */
  floorRatingKgM2: z.number().finite().positive().max(20_000).optional(),
  /** Power redundancy the room is designed for; 2N flags single-corded devices. */
  powerRedundancy: z.enum(REDUNDANCIES_ROOM).optional(),
  /** Cooling redundancy the room is designed for. */
  coolingRedundancy: z.enum(['N', 'N+1']).optional(),
  /** Heat on top of the IT load (lighting, people, distribution losses), % of IT load. */
  heatLossPct: z.number().finite().min(0).max(200).optional(),
  /** ASHRAE TC9.9 class the room is designed for, and its design set points. */
  ashraeClass: z.enum(ASHRAE_CLASSES).optional(),
  supplyTempC: z.number().finite().min(-20).max(60).optional(),
  supplyRhPct: z.number().finite().min(0).max(100).optional(),
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
  /** Cooling zone within the room (absent: the room's single zone). */
  zone: z.string().trim().min(1).max(60).optional(),
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
  /** Single-corded devices: which of the rack's feeds the cord is plugged into (absent: A). */
  powerSide: z.enum(['A', 'B']).optional(),
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

export const FLOOR_EQUIPMENT_KINDS = ['crah', 'crac', 'in-row-cooler', 'rear-door-cooler', 'floor-pdu', 'rpp', 'ups', 'battery-cabinet'] as const;
/** Floor equipment that removes heat: its `coolingKw` counts towards its zone's capacity. */
export const COOLING_KINDS: ReadonlySet<string> = new Set(['crah', 'crac', 'in-row-cooler', 'rear-door-cooler']);
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
  /** Coolers: the cooling zone they serve (absent: the room's single zone). */
  zone: z.string().trim().min(1).max(60).optional(),
});
export type FloorEquipment = z.infer<typeof FloorEquipment>;

// ---------------------------------------------------------------- power chain (issue 4)

export const POWER_ELEMENT_KINDS = ['utility', 'generator', 'ats', 'ups', 'switchboard', 'pdu', 'rpp', 'panel'] as const;
export type PowerElementKind = (typeof POWER_ELEMENT_KINDS)[number];
export const REDUNDANCIES = ['N', 'N+1', '2N', '2(N+1)'] as const;
export type Redundancy = (typeof REDUNDANCIES)[number];
export const PHASES = [1, 3] as const;
const Phases = z.union([z.literal(1), z.literal(3)], { error: 'phases must be 1 or 3' });
const volts = z.number({ error: 'voltageV must be a number' }).finite().positive('voltageV must be greater than 0').max(100_000);
const amps = (what: string) => z.number({ error: `${what} must be a number` }).finite().positive(`${what} must be greater than 0`).max(100_000);
const percent = (what: string) => z.number({ error: `${what} must be a number` }).finite().gt(0, `${what} must be greater than 0`).max(100, `${what} must be at most 100`);

/**
 * One element of the electrical chain: a source (utility, generator), a transfer switch, a UPS, or
 * distribution (switchboard, floor PDU, RPP, panel). `upstreamIds` are the elements that feed it;
 * with several, any one of them keeps it powered (utility + generator through an ATS, static
 * bypass). Capacity is the smallest of its ratings: kW, kVA × power factor, and the input breaker
 * V × A × derating (× √3 on three phases).
 */
export const PowerElement = z.looseObject({
  id: Id,
  name: Name,
  kind: z.enum(POWER_ELEMENT_KINDS),
  upstreamIds: z.array(Id).max(20),
  /** Line-to-line voltage on three phases, line-to-neutral on one. */
  voltageV: volts,
  phases: Phases,
  /** Input (main) breaker rating. */
  breakerA: amps('breakerA').nullable(),
  /** Continuous-load limit as % of the breaker rating (absent: the project's, 80 % by default). */
  deratingPct: percent('deratingPct').optional(),
  ratingKw: nonNegative('ratingKw').nullable(),
  ratingKva: nonNegative('ratingKva').nullable(),
  /** kW = kVA × power factor (absent: the project's). */
  powerFactor: z.number().finite().gt(0, 'powerFactor must be greater than 0').max(1, 'powerFactor must be at most 1').optional(),
  /** UPS: power modules, each of ratingKw / modules. */
  modules: z.number().int().min(1, 'modules must be at least 1').max(64).optional(),
  /** UPS: the redundancy it is designed for. */
  redundancy: z.enum(REDUNDANCIES).optional(),
  /** UPS: systems with the same group form one redundant group (e.g. the two sides of a 2N pair). */
  group: z.string().trim().min(1).max(60).optional(),
  /** Where it stands: a room and, optionally, its footprint on the plan. */
  roomId: Id.nullable().optional(),
  floorEquipmentId: Id.nullable().optional(),
});
export type PowerElement = z.infer<typeof PowerElement>;

export const FEED_SIDES = ['A', 'B'] as const;
export type FeedSide = (typeof FEED_SIDES)[number];

/**
 * A rack feed: the circuit from a distribution element's breaker to a rack PDU. A rack has at most
 * one feed per side; dual-corded devices share their load across A and B.
 */
export const PowerFeed = z.looseObject({
  id: Id,
  name: Name,
  rackId: Id,
  side: z.enum(FEED_SIDES),
  sourceId: Id,
  breakerA: amps('breakerA'),
  voltageV: volts,
  phases: Phases,
  deratingPct: percent('deratingPct').optional(),
  /** The rack PDU on this feed (a device in the rack), if modelled. */
  rackPduDeviceId: Id.nullable().optional(),
});
export type PowerFeed = z.infer<typeof PowerFeed>;

/** A spot reading of the room or rack inlet environment. */
export const EnvReading = z.looseObject({
  id: Id,
  roomId: Id,
  rackId: Id.nullable().optional(),
  /** ISO 8601 with offset, e.g. 2026-11-25T14:05:00+01:00. */
  takenAt: z.string().min(10).max(40),
  temperatureC: z.number({ error: 'temperatureC must be a number' }).finite().min(-60).max(90),
  humidityPct: z.number().finite().min(0, 'humidityPct must be between 0 and 100').max(100, 'humidityPct must be between 0 and 100').nullable(),
  note: z.string().max(500).optional(),
});
export type EnvReading = z.infer<typeof EnvReading>;

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

// ---------------------------------------------------------------- commissioning (issue 5)
// Kept here (not in core/cx) because core/cx/template.ts imports this file; the lists below are
// checked equal to core/cx/template.ts's by core/cx/model.test.ts.

export const CX_LEVELS = ['L1', 'L2', 'L3', 'L4', 'L5'] as const;
export const CX_SEVERITIES = ['critical', 'major', 'minor', 'observation'] as const;
export const CX_ASSET_KINDS = ['room', 'row', 'rack', 'device', 'floorEquipment', 'powerElement', 'system'] as const;
export const CX_ISSUE_STATUSES = ['open', 'in-progress', 'resolved', 'closed', 'reopened'] as const;
/**
 * The local time an action was really taken, with its offset (`2026-11-25T14:05:00.000+01:00`
 * or `…Z`): walk mode works offline for days, so the time is the device's, not the sync time.
 */
export const LocalTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/, 'must be an ISO 8601 time with its offset, e.g. 2026-11-25T14:05:00+01:00');
const Person = z.string().trim().min(1, 'must not be empty').max(120);
const DeviceId = z.string().trim().min(1).max(120);
/** Blob ids (photos, files): `blob:` + the SHA-256 of the stored bytes (electron/store/cx-blobs.ts). */
export const BlobId = z.string().regex(/^blob:[0-9a-f]{64}$/, 'must be a blob id (blob:<sha256>)');

/** A published, frozen template version. `id` is `<templateId>@<version>`. */
export const CxTemplate = z.looseObject({
  id: Id,
  templateId: z.string().min(1).max(100),
  version: z.number().int().min(1),
  title: z.string().min(1).max(300),
  level: z.enum(CX_LEVELS),
  /** The YAML exactly as published: the frozen source of truth, re-parsed (and cached) on use. */
  yaml: z.string().min(1).max(2_000_000),
  publishedAt: LocalTime,
  publishedBy: Person,
});
export type CxTemplate = z.infer<typeof CxTemplate>;

/** A checklist: one template version (pinned) run on one asset or system. Status is derived. */
export const CxInstance = z.looseObject({
  id: Id,
  templateId: z.string().min(1).max(100),
  templateVersion: z.number().int().min(1),
  level: z.enum(CX_LEVELS),
  assetKind: z.enum(CX_ASSET_KINDS),
  /** The asset's id, or for `system` the system's name (e.g. "electrical"). */
  assetId: z.string().min(1).max(200),
  /**
   * The room the asset stood in at generation (location navigation, roll-ups). Not a foreign key:
   * commissioning records outlive design edits, so deleting a room or rack keeps its checklists.
   */
  roomId: Id.nullable().optional(),
  /** The system the checklist counts towards in roll-ups (e.g. "electrical"). */
  system: z.string().max(60).optional(),
  createdBy: Person,
  createdAt: LocalTime,
});
export type CxInstance = z.infer<typeof CxInstance>;

/** Attribution of a recorded action: who, on which device, at what local time. */
const stamped = {
  author: Person,
  deviceId: DeviceId,
  at: LocalTime,
};

/**
 * The answer to one item of one instance (one row of a table item: `rowKey`). `id` is
 * `<instanceId>/<itemId>` or `<instanceId>/<itemId>/<rowKey>`, so an item has one answer row.
 */
export const CxAnswer = z.looseObject({
  id: Id,
  instanceId: Id,
  itemId: z.string().min(1).max(100),
  rowKey: z.string().min(1).max(100).nullable().optional(),
  /** See core/cx/evaluate.ts AnswerValue; a table row holds its cells by column id. */
  value: z.unknown(),
  /** The automatic status (core/cx/evaluate.ts), or null when not (validly) answered. */
  status: z.enum(['pass', 'fail', 'na']).nullable(),
  note: z.string().max(5000).optional(),
  photoIds: z.array(BlobId).max(50).optional(),
  fileIds: z.array(BlobId).max(50).optional(),
  ...stamped,
  /** Why it was changed (required in a signed scope; kept for the audit log). */
  reason: z.string().max(1000).optional(),
});
export type CxAnswer = z.infer<typeof CxAnswer>;

/** Signature drawings are capped: a signature, not a photo album. */
export const SIGNATURE_MAX_CHARS = 200_000;
export const CxSignature = z.strictObject({
  format: z.enum(['svg-path', 'png-data-url']),
  data: z.string().min(1).max(SIGNATURE_MAX_CHARS, `a drawn signature must be at most ${SIGNATURE_MAX_CHARS / 1000} kB`),
}).refine((s) => s.format !== 'png-data-url' || s.data.startsWith('data:image/png;base64,'), { message: 'a PNG signature must be a data:image/png;base64 URL', path: ['data'] });

export const CxSignOff = z.looseObject({
  id: Id,
  instanceId: Id,
  /** `final` covers the whole checklist; otherwise a section id (sections with `signOff: true`). */
  scope: z.string().min(1).max(100),
  name: Person,
  role: z.string().trim().min(1).max(120),
  company: z.string().max(200).optional(),
  signature: CxSignature.optional(),
  /** The item ids the signature covers (frozen at signing). */
  covers: z.array(z.string()).max(2000),
  ...stamped,
  /** Set when a covered answer changed after signing: the signature no longer holds. */
  invalidatedAt: LocalTime.optional(),
  invalidatedBy: Person.optional(),
  invalidatedReason: z.string().max(1000).optional(),
});
export type CxSignOff = z.infer<typeof CxSignOff>;

/** A deficiency in the issues log. */
export const CxIssue = z.looseObject({
  id: Id,
  title: z.string().trim().min(1, 'must not be empty').max(300),
  description: z.string().max(10_000).optional(),
  severity: z.enum(CX_SEVERITIES),
  status: z.enum(CX_ISSUE_STATUSES),
  assetKind: z.enum(CX_ASSET_KINDS).optional(),
  assetId: z.string().max(200).optional(),
  /** Where on site, in words (e.g. "Hall A, row 3, rear"). */
  location: z.string().max(300).optional(),
  roomId: Id.nullable().optional(),
  /** The checklist item that raised it. */
  instanceId: Id.nullable().optional(),
  itemId: z.string().max(100).optional(),
  rowKey: z.string().max(100).optional(),
  cause: z.string().max(5000).optional(),
  recommendation: z.string().max(5000).optional(),
  /** Who must fix it: only they mark it resolved. */
  assignee: Person.optional(),
  /** Who verifies it: only they close it (docs/commissioning.md). */
  owner: Person,
  dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, e.g. 2026-12-01').optional(),
  photoIds: z.array(BlobId).max(50).optional(),
  createdBy: Person,
  createdAt: LocalTime,
  ...stamped,
  reason: z.string().max(1000).optional(),
});
export type CxIssue = z.infer<typeof CxIssue>;

// ---------------------------------------------------------------- operations (issue 7)
// The registers an engineer keeps after go-live, tied to the same assets as design and
// commissioning. Dates that are days (due dates, expiries) are `YYYY-MM-DD`; moments (a backup
// run, an event) are ISO 8601 with their offset, like commissioning stamps. Time series of
// sensor readings are NOT entities: they live in their own table (electron/store/readings.ts)
// and never travel in the snapshot; `readingImports` records each import so undo can hide it.

export const OPS_ASSET_KINDS = CX_ASSET_KINDS;
export const DayDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, e.g. 2026-12-01')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'is not a real calendar date');
/** An asset an operations record is about: a design object by id, or a system by name. */
export const AssetRef = z.strictObject({
  assetKind: z.enum(CX_ASSET_KINDS),
  /** The asset's id, or for `system` the system's name (e.g. "electrical", "ERP"). */
  assetId: z.string().trim().min(1).max(200),
});
export type AssetRef = z.infer<typeof AssetRef>;
export const INTERVAL_UNITS = ['hour', 'day', 'week', 'month', 'year'] as const;
export type IntervalUnit = (typeof INTERVAL_UNITS)[number];
/** "Every 3 months": a recurrence or a schedule. Months keep the day of month (clamped to month end). */
export const Interval = z.strictObject({
  every: z.number().int().min(1, 'every must be at least 1').max(1000),
  unit: z.enum(INTERVAL_UNITS),
});
export type Interval = z.infer<typeof Interval>;
const Text = (max: number) => z.string().max(max);

/** A temperature / humidity sensor in a room, optionally on a rack (e.g. its front inlet, top). */
export const SENSOR_PLACEMENTS = ['rack-inlet-top', 'rack-inlet-middle', 'rack-inlet-bottom', 'rack-outlet', 'room', 'supply', 'return'] as const;
export const Sensor = z.looseObject({
  id: Id,
  name: Name,
  roomId: Id,
  rackId: Id.nullable().optional(),
  placement: z.enum(SENSOR_PLACEMENTS),
  /** Plan position (room mm); a rack sensor without one is drawn at its rack. */
  xMm: z.number().finite().optional(),
  yMm: z.number().finite().optional(),
  /** Height above the floor, mm. */
  zMm: z.number().finite().min(0).max(20_000).optional(),
  /** The name the readings CSV uses for it, when that is not `name` (a BMS point id). */
  externalId: z.string().trim().min(1).max(200).optional(),
});
export type Sensor = z.infer<typeof Sensor>;

/** One import of readings (CSV): what undo removes, and what the register lists. */
export const ReadingImport = z.looseObject({
  id: Id,
  fileName: z.string().min(1).max(500),
  importedAt: LocalTime,
  importedBy: Person.optional(),
  /** Readings it added; `duplicates` were already there (same sensor and second) and were kept. */
  rows: z.number().int().min(0),
  duplicates: z.number().int().min(0).optional(),
  /** Invalid rows left out (--skip-invalid). */
  skipped: z.number().int().min(0),
  /** The sensors it brought readings for (a record: a sensor deleted later stays listed). */
  sensorIds: z.array(Id).max(100_000),
  /** First and last reading time (ISO, UTC). */
  fromAt: z.string().max(40).nullable(),
  toAt: z.string().max(40).nullable(),
});
export type ReadingImport = z.infer<typeof ReadingImport>;

export const MAINTENANCE_CATEGORIES = ['firmware', 'os-patch', 'hardware-upgrade', 'replacement', 'preventive', 'corrective', 'inspection'] as const;
export const MAINTENANCE_STATUSES = ['planned', 'approved', 'in-progress', 'done', 'cancelled'] as const;
export const MAINTENANCE_OUTCOMES = ['success', 'partial', 'failed', 'rolled-back'] as const;

/** Planned or completed work on an asset (a change log entry). */
export const MaintenanceEntry = z.looseObject({
  id: Id,
  title: z.string().trim().min(1, 'must not be empty').max(300),
  category: z.enum(MAINTENANCE_CATEGORIES),
  status: z.enum(MAINTENANCE_STATUSES),
  asset: AssetRef,
  /** The day it is planned for (the window's first day). */
  plannedDate: DayDate.optional(),
  /** Done entries: when the work finished. */
  completedAt: LocalTime.optional(),
  /** Who does or did the work. */
  performedBy: Text(200).optional(),
  /** The change approval: who, and its reference (CAB ticket). */
  approvedBy: Person.optional(),
  approvalRef: Text(200).optional(),
  outcome: z.enum(MAINTENANCE_OUTCOMES).optional(),
  /** Firmware / OS patch: from and to version. */
  fromVersion: Text(100).optional(),
  toVersion: Text(100).optional(),
  notes: Text(10_000).optional(),
  /** A deficiency it fixes or caused (the commissioning issues log). */
  issueId: Id.optional(),
  /** Set when the entry fulfils a schedule's occurrence: the schedule and the due date. */
  scheduleId: Id.optional(),
  occurrence: DayDate.optional(),
});
export type MaintenanceEntry = z.infer<typeof MaintenanceEntry>;

/** A recurring maintenance schedule (e.g. quarterly UPS preventive maintenance). */
export const MaintenanceSchedule = z.looseObject({
  id: Id,
  title: z.string().trim().min(1, 'must not be empty').max(300),
  category: z.enum(MAINTENANCE_CATEGORIES),
  assets: z.array(AssetRef).min(1, 'give at least one asset').max(10_000),
  interval: Interval,
  /** The first due date; later ones follow by the interval. */
  startDate: DayDate,
  /** Shown as upcoming this many days before it is due (default: the project's ops setting). */
  leadDays: z.number().int().min(0).max(366).optional(),
  /** Who usually does it (vendor, team). */
  performedBy: Text(200).optional(),
  active: z.boolean(),
});
export type MaintenanceSchedule = z.infer<typeof MaintenanceSchedule>;

/** A backup policy: what is backed up, how often, kept how long, where. */
export const BackupPolicy = z.looseObject({
  id: Id,
  name: Name,
  /** What it covers, in words (e.g. "VM images and SQL databases"). */
  scope: Text(1000),
  assets: z.array(AssetRef).max(10_000),
  /** How often a backup must succeed. */
  schedule: Interval,
  retentionDays: z.number().int().min(1).max(36_500),
  /** Where copies go (e.g. "Tape library TL-1, offsite vault"). */
  target: Text(500),
  /** How often a restore must be tested (absent: never required). */
  restoreTest: Interval.optional(),
  active: z.boolean(),
});
export type BackupPolicy = z.infer<typeof BackupPolicy>;

export const BACKUP_RUN_KINDS = ['backup', 'restore-test'] as const;
export const BACKUP_RUN_STATUSES = ['success', 'partial', 'failed'] as const;
export const BackupRun = z.looseObject({
  id: Id,
  policyId: Id,
  kind: z.enum(BACKUP_RUN_KINDS),
  startedAt: LocalTime,
  finishedAt: LocalTime.optional(),
  status: z.enum(BACKUP_RUN_STATUSES),
  sizeBytes: z.number().min(0).optional(),
  note: Text(2000).optional(),
  /** Recorded by hand, or imported (the file name). */
  source: Text(500).optional(),
});
export type BackupRun = z.infer<typeof BackupRun>;

/** How a licence is counted: per CPU core, socket, named/concurrent seat, device, or a subscription term. */
export const LICENCE_METRICS = ['core', 'socket', 'seat', 'device', 'subscription'] as const;
export const Licence = z.looseObject({
  id: Id,
  product: z.string().trim().min(1, 'must not be empty').max(200),
  vendor: z.string().trim().min(1, 'must not be empty').max(200),
  metric: z.enum(LICENCE_METRICS),
  /** Units bought (cores, sockets, seats, devices; for a subscription, its seats or 1). */
  quantity: z.number().int().min(0).max(10_000_000),
  /** Last valid day; absent for a perpetual licence. */
  expiresOn: DayDate.optional(),
  /** Cost per term, in `currency`. */
  cost: z.number().finite().min(0).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code, e.g. EUR').optional(),
  contractRef: Text(200).optional(),
  notes: Text(5000).optional(),
});
export type Licence = z.infer<typeof Licence>;

/** Units of a licence used by one device (e.g. 32 cores of a per-core licence). */
export const LicenceAssignment = z.looseObject({
  id: Id,
  licenceId: Id,
  deviceId: Id,
  units: z.number().int().min(1, 'units must be at least 1').max(1_000_000),
});
export type LicenceAssignment = z.infer<typeof LicenceAssignment>;

export const OPS_EVENT_CATEGORIES = ['installation', 'incident', 'change', 'commissioning', 'maintenance', 'backup', 'licence', 'environment', 'note'] as const;
export const OPS_EVENT_SEVERITIES = ['info', 'warning', 'critical'] as const;
/** A hand-written entry of the event log; entries of the other registers join it in the timeline. */
export const OpsEvent = z.looseObject({
  id: Id,
  at: LocalTime,
  category: z.enum(OPS_EVENT_CATEGORIES),
  severity: z.enum(OPS_EVENT_SEVERITIES),
  title: z.string().trim().min(1, 'must not be empty').max(300),
  detail: Text(10_000).optional(),
  asset: AssetRef.optional(),
  author: Person.optional(),
});
export type OpsEvent = z.infer<typeof OpsEvent>;

export const CONTACT_ROLES = ['vendor-support', 'on-call', 'facility', 'owner', 'security', 'other'] as const;
/** An escalation contact for assets or systems (empty `assets`: the whole site). */
export const Contact = z.looseObject({
  id: Id,
  name: Name,
  organisation: Text(200).optional(),
  role: z.enum(CONTACT_ROLES),
  /** 1 is called first. */
  escalationLevel: z.number().int().min(1).max(9),
  phone: Text(60).optional(),
  email: z.email('must be an e-mail address').max(200).optional(),
  /** When they can be reached, in words (e.g. "24/7", "Mon–Fri 08–18 CET"). */
  hours: Text(200).optional(),
  contractRef: Text(200).optional(),
  assets: z.array(AssetRef).max(10_000),
  notes: Text(5000).optional(),
});
export type Contact = z.infer<typeof Contact>;

/** Project-wide operations settings; absent fields take the defaults (docs/operations.md). */
export const OpsSettings = z.looseObject({
  /** Warn this many days before a licence expires (60). */
  licenceLeadDays: z.number().int().min(0).max(730).optional(),
  /** Maintenance shows as upcoming this many days before it is due (14). */
  maintenanceLeadDays: z.number().int().min(0).max(366).optional(),
  /** A backup or restore test is overdue this long after its interval has passed (hours, 0). */
  backupGraceHours: z.number().min(0).max(24 * 90).optional(),
  /** An environment excursion shorter than this is not listed (minutes, 0: every one). */
  excursionMinMinutes: z.number().min(0).max(1440).optional(),
});
export type OpsSettings = z.infer<typeof OpsSettings>;

/** Every document collection, in dependency order (a kind only references kinds before it). */
export const ENTITY_KINDS = ['deviceTypes', 'rackTypes', 'rooms', 'obstacles', 'doors', 'floorEquipment', 'racks', 'rows', 'devices', 'annotations', 'powerElements', 'powerFeeds', 'envReadings', 'cxTemplates', 'cxInstances', 'cxAnswers', 'cxSignOffs', 'cxIssues',
  'sensors', 'readingImports', 'maintenanceSchedules', 'maintenance', 'backupPolicies', 'backupRuns', 'licences', 'licenceAssignments', 'opsEvents', 'contacts'] as const;
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
  powerElements: PowerElement,
  powerFeeds: PowerFeed,
  envReadings: EnvReading,
  cxTemplates: CxTemplate,
  cxInstances: CxInstance,
  cxAnswers: CxAnswer,
  cxSignOffs: CxSignOff,
  cxIssues: CxIssue,
  sensors: Sensor,
  readingImports: ReadingImport,
  maintenanceSchedules: MaintenanceSchedule,
  maintenance: MaintenanceEntry,
  backupPolicies: BackupPolicy,
  backupRuns: BackupRun,
  licences: Licence,
  licenceAssignments: LicenceAssignment,
  opsEvents: OpsEvent,
  contacts: Contact,
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
  powerElements: PowerElement;
  powerFeeds: PowerFeed;
  envReadings: EnvReading;
  cxTemplates: CxTemplate;
  cxInstances: CxInstance;
  cxAnswers: CxAnswer;
  cxSignOffs: CxSignOff;
  cxIssues: CxIssue;
  sensors: Sensor;
  readingImports: ReadingImport;
  maintenanceSchedules: MaintenanceSchedule;
  maintenance: MaintenanceEntry;
  backupPolicies: BackupPolicy;
  backupRuns: BackupRun;
  licences: Licence;
  licenceAssignments: LicenceAssignment;
  opsEvents: OpsEvent;
  contacts: Contact;
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
  { kind: 'powerElements', field: 'upstreamIds', target: 'powerElements', many: true },
  { kind: 'powerElements', field: 'roomId', target: 'rooms', optional: true },
  { kind: 'powerElements', field: 'floorEquipmentId', target: 'floorEquipment', optional: true },
  { kind: 'powerFeeds', field: 'rackId', target: 'racks' },
  { kind: 'powerFeeds', field: 'sourceId', target: 'powerElements' },
  { kind: 'powerFeeds', field: 'rackPduDeviceId', target: 'devices', optional: true },
  { kind: 'envReadings', field: 'roomId', target: 'rooms' },
  { kind: 'envReadings', field: 'rackId', target: 'racks', optional: true },
  { kind: 'cxAnswers', field: 'instanceId', target: 'cxInstances' },
  { kind: 'cxSignOffs', field: 'instanceId', target: 'cxInstances' },
  { kind: 'cxIssues', field: 'instanceId', target: 'cxInstances', optional: true },
  { kind: 'sensors', field: 'roomId', target: 'rooms' },
  { kind: 'sensors', field: 'rackId', target: 'racks', optional: true },
  { kind: 'maintenance', field: 'scheduleId', target: 'maintenanceSchedules', optional: true },
  { kind: 'maintenance', field: 'issueId', target: 'cxIssues', optional: true },
  { kind: 'backupRuns', field: 'policyId', target: 'backupPolicies' },
  { kind: 'licenceAssignments', field: 'licenceId', target: 'licences' },
  { kind: 'licenceAssignments', field: 'deviceId', target: 'devices' },
];

/** Project-wide rule settings; every field is optional and defaults as in docs/rules.md. */
export const RuleSettings = z.looseObject({
  /** Continuous-load limit of breakers, % of rating (80). */
  deratingPct: percent('deratingPct').optional(),
  /** Power factor of IT load and of kVA-only ratings (0.95). */
  powerFactor: z.number().finite().gt(0).max(1).optional(),
  /** Which device draw the power checks add up: `typical` (allocated) or `max` (nameplate). */
  powerBasis: z.enum(['typical', 'max']).optional(),
  /** Warn at this % of a rack's power budget or weight rating, and of any capacity (80). */
  warnAtPct: percent('warnAtPct').optional(),
  /** Heat on top of IT load, % (10), when the room does not say. */
  heatLossPct: z.number().finite().min(0).max(200).optional(),
  /** Floor load: depth of service area in front of and behind a rack (1200 mm in all), and the share of it a rack carries (0.5). */
  serviceDepthMm: z.number().finite().min(0).max(10_000).optional(),
  serviceAreaShare: z.number().finite().min(0).max(1).optional(),
  /** Floor rating when a room does not give one (1224 kg/m², TIA-942 Rated-3). */
  floorRatingKgM2: z.number().finite().positive().max(20_000).optional(),
});
export type RuleSettings = z.infer<typeof RuleSettings>;

export const ProjectMeta = z.looseObject({
  name: Name,
  /** The site the rooms belong to (one site per project). */
  site: z.looseObject({ name: Name, address: z.string().max(500).optional() }).optional(),
  /** Defaults and thresholds of the design rules (docs/rules.md); absent fields take the defaults. */
  rules: RuleSettings.optional(),
  /** Operations settings (issue 7). */
  ops: OpsSettings.optional(),
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
  powerElements: z.array(PowerElement).default([]),
  powerFeeds: z.array(PowerFeed).default([]),
  envReadings: z.array(EnvReading).default([]),
  cxTemplates: z.array(CxTemplate).default([]),
  cxInstances: z.array(CxInstance).default([]),
  cxAnswers: z.array(CxAnswer).default([]),
  cxSignOffs: z.array(CxSignOff).default([]),
  cxIssues: z.array(CxIssue).default([]),
  sensors: z.array(Sensor).default([]),
  readingImports: z.array(ReadingImport).default([]),
  maintenanceSchedules: z.array(MaintenanceSchedule).default([]),
  maintenance: z.array(MaintenanceEntry).default([]),
  backupPolicies: z.array(BackupPolicy).default([]),
  backupRuns: z.array(BackupRun).default([]),
  licences: z.array(Licence).default([]),
  licenceAssignments: z.array(LicenceAssignment).default([]),
  opsEvents: z.array(OpsEvent).default([]),
  contacts: z.array(Contact).default([]),
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
