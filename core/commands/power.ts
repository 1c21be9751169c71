/**
 * Power-chain commands (issue 4): the electrical elements (sources, transfer switches, UPS,
 * distribution), the rack feeds they supply, and spot environment readings. Each command is one
 * undo step; `powerFeed.connect` feeds a whole row in one step.
 *
 * `powerCascade` is the single place that knows what the new collections reference: every delete
 * elsewhere (room, rack, device, floor equipment, layout selection) asks it which feeds and
 * readings go with the deleted things and which surviving entities must drop a reference, so no
 * foreign key in the SQLite file (or in an export) can dangle.
 */
import { z } from 'zod';
import type { Change, DocReader } from '../model/changes';
import { PlenumError } from '../model/errors';
import type { EnvReading, PowerElement, PowerElementKind, PowerFeed, Redundancy } from '../model/schema';
import {
  EnvReading as EnvReadingSchema, FEED_SIDES, Id, Name, PowerElement as PowerElementSchema, PowerFeed as PowerFeedSchema,
} from '../model/schema';
import { mustGet, nextFreeName } from './edit';
import { defineCommand, validated } from './registry';

export const POWER_ID_PREFIX = { powerElements: 'pwr', powerFeeds: 'feed', envReadings: 'env' } as const;

interface ElementDefaults {
  prefix: string;
  voltageV: number;
  phases: 1 | 3;
  breakerA: number | null;
  ratingKw: number | null;
  ratingKva: number | null;
  modules?: number;
  redundancy?: Redundancy;
}

/**
 * Defaults of a new power element, by kind. Low-voltage distribution at 400 V three-phase (IEC);
 * breakers are the next standard frame above the rated current I = kVA / (√3 × 400 V):
 *
 * | kind        | prefix | V   | ph | breaker A | kVA  | kW   | notes                                   |
 * |-------------|--------|-----|----|-----------|------|------|-----------------------------------------|
 * | utility     | UTIL-  | 400 | 3  | 3200      | 2000 | —    | 2 MVA transformer secondary (2887 A)    |
 * | generator   | GEN-   | 400 | 3  | 3200      | 2000 | 1600 | gensets are rated at power factor 0.8   |
 * | ats         | ATS-   | 400 | 3  | 3200      | —    | —    | limited by its frame rating only        |
 * | ups         | UPS-   | 400 | 3  | 800       | 500  | 450  | 5 × 100 kVA modules, N+1 (722 A input)  |
 * | switchboard | SWB-   | 400 | 3  | 1600      | —    | —    | main LV board downstream of the UPS     |
 * | pdu         | PDU-   | 400 | 3  | 250       | 150  | —    | floor PDU, as floor equipment (216 A)   |
 * | rpp         | RPP-   | 400 | 3  | 160       | 100  | —    | remote power panel, as floor eq. (144 A)|
 * | panel       | PNL-   | 400 | 3  | 63        | —    | —    | small wall-mounted distribution board   |
 *
 * Every value is editable; these only spare the designer typing the common case.
 */
export const POWER_ELEMENT_DEFAULTS: Record<PowerElementKind, ElementDefaults> = {
  utility: { prefix: 'UTIL-', voltageV: 400, phases: 3, breakerA: 3200, ratingKw: null, ratingKva: 2000 },
  generator: { prefix: 'GEN-', voltageV: 400, phases: 3, breakerA: 3200, ratingKw: 1600, ratingKva: 2000 },
  ats: { prefix: 'ATS-', voltageV: 400, phases: 3, breakerA: 3200, ratingKw: null, ratingKva: null },
  ups: { prefix: 'UPS-', voltageV: 400, phases: 3, breakerA: 800, ratingKw: 450, ratingKva: 500, modules: 5, redundancy: 'N+1' },
  switchboard: { prefix: 'SWB-', voltageV: 400, phases: 3, breakerA: 1600, ratingKw: null, ratingKva: null },
  pdu: { prefix: 'PDU-', voltageV: 400, phases: 3, breakerA: 250, ratingKw: null, ratingKva: 150 },
  rpp: { prefix: 'RPP-', voltageV: 400, phases: 3, breakerA: 160, ratingKw: null, ratingKva: 100 },
  panel: { prefix: 'PNL-', voltageV: 400, phases: 3, breakerA: 63, ratingKw: null, ratingKva: null },
};

/** Source kinds a rack may never be fed from directly: there is always distribution in between. */
const NOT_A_RACK_SOURCE: ReadonlySet<PowerElementKind> = new Set(['utility', 'generator']);

/** Rack feed defaults: a 32 A single-phase 230 V circuit, the most common rack feed in IEC sites. */
export const FEED_DEFAULTS = { breakerA: 32, voltageV: 230, phases: 1 } as const;

function getElement(doc: DocReader, id: string, field: string): PowerElement {
  const found = doc.get('powerElements', id);
  if (!found) throw new PlenumError(`Power element ${id} does not exist`, 'not-found', field);
  return found;
}

function getFeed(doc: DocReader, id: string, field: string): PowerFeed {
  const found = doc.get('powerFeeds', id);
  if (!found) throw new PlenumError(`Power feed ${id} does not exist`, 'not-found', field);
  return found;
}

const defined = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

// ---------------------------------------------------------------- power elements

/**
 * The chain from `start` back to `target` through upstreamIds, if any, as a list of ids
 * (start … target). `upstreamOf` gives the (possibly edited) upstream list of an element.
 */
function pathUpstream(start: string, target: string, upstreamOf: (id: string) => readonly string[]): string[] | null {
  const seen = new Set<string>();
  const walk = (id: string, trail: string[]): string[] | null => {
    if (id === target) return [...trail, id];
    if (seen.has(id)) return null;
    seen.add(id);
    for (const up of upstreamOf(id)) {
      const found = walk(up, [...trail, id]);
      if (found) return found;
    }
    return null;
  };
  return walk(start, []);
}

/** Checks an element's references: upstream elements exist, no cycle, room and floor equipment agree. */
function checkElement(doc: DocReader, element: PowerElement): void {
  // null and absent mean the same; keep them absent, as the project file reads them back.
  if (element.roomId === null) delete element.roomId;
  if (element.floorEquipmentId === null) delete element.floorEquipmentId;
  const seen = new Set<string>();
  element.upstreamIds.forEach((up, i) => {
    if (up === element.id) throw new PlenumError(`${element.name} cannot feed itself`, 'invalid', `upstreamIds.${i}`);
    if (seen.has(up)) throw new PlenumError(`${element.name} lists ${up} twice upstream`, 'invalid', `upstreamIds.${i}`);
    seen.add(up);
    getElement(doc, up, `upstreamIds.${i}`);
  });
  const upstreamOf = (id: string) => (id === element.id ? element.upstreamIds : doc.get('powerElements', id)?.upstreamIds ?? []);
  for (const [i, up] of element.upstreamIds.entries()) {
    const cycle = pathUpstream(up, element.id, upstreamOf);
    if (cycle) {
      const names = [element.id, ...cycle].map((id) => (id === element.id ? element.name : doc.get('powerElements', id)?.name ?? id));
      // Written downstream → upstream, the way upstreamIds read: "UPS-1 ← SWB-1 ← UPS-1".
      throw new PlenumError(`${element.name} would feed itself through the chain: ${names.join(' ← ')}`, 'conflict', `upstreamIds.${i}`);
    }
  }
  if (element.roomId) mustGet(doc, 'rooms', element.roomId, 'roomId');
  if (element.floorEquipmentId) {
    const fe = doc.get('floorEquipment', element.floorEquipmentId);
    if (!fe) throw new PlenumError(`Floor equipment ${element.floorEquipmentId} does not exist`, 'not-found', 'floorEquipmentId');
    if (element.roomId && fe.roomId !== element.roomId) throw new PlenumError(`${fe.name} stands in another room than ${element.name}`, 'invalid', 'floorEquipmentId');
    const other = doc.list('powerElements', { field: 'floorEquipmentId', value: fe.id }).find((e) => e.id !== element.id);
    if (other) throw new PlenumError(`${fe.name} is already the footprint of ${other.name}`, 'conflict', 'floorEquipmentId');
  }
  const clash = doc.list('powerElements').find((e) => e.id !== element.id && e.name.trim().toLowerCase() === element.name.trim().toLowerCase());
  if (clash) throw new PlenumError(`The name "${element.name}" is already used by another power element`, 'conflict', 'name');
}

const ElementFields = PowerElementSchema.omit({ id: true }).partial().strict();

export const createPowerElement = defineCommand({
  name: 'powerElement.create',
  labelKey: 'command.powerElement.create',
  args: ElementFields.extend({ kind: PowerElementSchema.shape.kind, name: Name.optional() }),
  plan(doc, args, ctx) {
    const { prefix, ...defaults } = POWER_ELEMENT_DEFAULTS[args.kind];
    const name = args.name ?? nextFreeName(new Set(doc.list('powerElements').map((e) => e.name)), prefix);
    // Placed on a piece of floor equipment: it stands in that equipment's room.
    const fe = args.floorEquipmentId ? doc.get('floorEquipment', args.floorEquipmentId) : undefined;
    const element = validated(PowerElementSchema, {
      ...defaults,
      upstreamIds: [],
      ...(fe && args.roomId === undefined ? { roomId: fe.roomId } : {}),
      ...defined(args),
      id: ctx.newId(POWER_ID_PREFIX.powerElements),
      name,
    }, 'Power element');
    checkElement(doc, element);
    return { changes: [{ op: 'put', kind: 'powerElements', entity: element }], result: { id: element.id }, detail: element.name };
  },
});

export const updatePowerElement = defineCommand({
  name: 'powerElement.update',
  labelKey: 'command.powerElement.update',
  args: z.object({ id: Id, patch: ElementFields }),
  plan(doc, args) {
    const current = getElement(doc, args.id, 'id');
    const next = validated(PowerElementSchema, { ...current, ...args.patch }, `Power element ${current.name}`);
    checkElement(doc, next);
    if (NOT_A_RACK_SOURCE.has(next.kind) && !NOT_A_RACK_SOURCE.has(current.kind)) {
      const fed = doc.list('powerFeeds', { field: 'sourceId', value: current.id });
      if (fed.length > 0) throw new PlenumError(`${current.name} feeds ${fed.length} rack(s): it cannot become a ${next.kind}, racks are never fed straight from one`, 'conflict', 'patch.kind');
    }
    return { changes: [{ op: 'put', kind: 'powerElements', entity: next }], result: null, detail: next.name };
  },
});

// ---------------------------------------------------------------- rack feeds

function checkFeed(doc: DocReader, feed: PowerFeed): void {
  const rack = mustGet(doc, 'racks', feed.rackId, 'rackId');
  const source = getElement(doc, feed.sourceId, 'sourceId');
  if (NOT_A_RACK_SOURCE.has(source.kind)) {
    throw new PlenumError(`${source.name} is a ${source.kind}: racks are never fed straight from a ${source.kind}, feed them from a UPS or distribution (PDU, RPP, panel)`, 'invalid', 'sourceId');
  }
  const twin = doc.list('powerFeeds', { field: 'rackId', value: rack.id }).find((f) => f.id !== feed.id && f.side === feed.side);
  if (twin) throw new PlenumError(`Rack ${rack.name} already has a feed ${feed.side} (${twin.name})`, 'conflict', 'side');
  if (feed.rackPduDeviceId) {
    const pdu = doc.get('devices', feed.rackPduDeviceId);
    if (!pdu || pdu.rackId !== rack.id) {
      throw new PlenumError(`${pdu ? pdu.name : feed.rackPduDeviceId} is not a device in rack ${rack.name}`, 'invalid', 'rackPduDeviceId');
    }
  }
}

export const createPowerFeed = defineCommand({
  name: 'powerFeed.create',
  labelKey: 'command.powerFeed.create',
  args: z.object({
    rackId: Id,
    side: z.enum(FEED_SIDES),
    sourceId: Id,
    name: Name.optional(),
    breakerA: PowerFeedSchema.shape.breakerA.default(FEED_DEFAULTS.breakerA),
    voltageV: PowerFeedSchema.shape.voltageV.default(FEED_DEFAULTS.voltageV),
    phases: PowerFeedSchema.shape.phases.default(FEED_DEFAULTS.phases),
    deratingPct: PowerFeedSchema.shape.deratingPct,
    rackPduDeviceId: Id.optional(),
  }).strict(),
  plan(doc, args, ctx) {
    const rack = mustGet(doc, 'racks', args.rackId, 'rackId');
    const feed = validated(PowerFeedSchema, { ...defined(args), id: ctx.newId(POWER_ID_PREFIX.powerFeeds), name: args.name ?? `${rack.name}-${args.side}` }, 'Power feed');
    checkFeed(doc, feed);
    return { changes: [{ op: 'put', kind: 'powerFeeds', entity: feed }], result: { id: feed.id }, detail: feed.name };
  },
});

export const updatePowerFeed = defineCommand({
  name: 'powerFeed.update',
  labelKey: 'command.powerFeed.update',
  args: z.object({ id: Id, patch: PowerFeedSchema.omit({ id: true, rackId: true }).partial().strict() }),
  plan(doc, args) {
    const current = getFeed(doc, args.id, 'id');
    const next = validated(PowerFeedSchema, { ...current, ...args.patch }, `Power feed ${current.name}`);
    if (next.rackPduDeviceId === null) delete next.rackPduDeviceId;
    checkFeed(doc, next);
    return { changes: [{ op: 'put', kind: 'powerFeeds', entity: next }], result: null, detail: next.name };
  },
});

/**
 * Feeds many racks on one side from one source as a single undo step: how a designer feeds a
 * whole row from an RPP. A rack that already has a feed on that side keeps the feed (its id, name
 * and rack PDU) with the new source; ratings not given keep their current values, or take the
 * defaults for a new feed.
 */
export const connectPowerFeeds = defineCommand({
  name: 'powerFeed.connect',
  labelKey: 'command.powerFeed.connect',
  args: z.object({
    rackIds: z.array(Id).min(1, 'give at least one rack').max(5000),
    side: z.enum(FEED_SIDES),
    sourceId: Id,
    breakerA: PowerFeedSchema.shape.breakerA.optional(),
    voltageV: PowerFeedSchema.shape.voltageV.optional(),
    phases: PowerFeedSchema.shape.phases.optional(),
  }).strict(),
  plan(doc, args, ctx) {
    const source = getElement(doc, args.sourceId, 'sourceId');
    const ratings = defined({ breakerA: args.breakerA, voltageV: args.voltageV, phases: args.phases });
    const changes: Change[] = [];
    const ids: string[] = [];
    let created = 0;
    const seen = new Set<string>();
    for (const [i, rackId] of args.rackIds.entries()) {
      if (seen.has(rackId)) throw new PlenumError(`Rack ${rackId} is listed twice`, 'invalid', `rackIds.${i}`);
      seen.add(rackId);
      const rack = mustGet(doc, 'racks', rackId, `rackIds.${i}`);
      const existing = doc.list('powerFeeds', { field: 'rackId', value: rack.id }).find((f) => f.side === args.side);
      const feed = validated(PowerFeedSchema, existing
        ? { ...existing, ...ratings, sourceId: source.id }
        : { ...FEED_DEFAULTS, ...ratings, id: ctx.newId(POWER_ID_PREFIX.powerFeeds), name: `${rack.name}-${args.side}`, rackId: rack.id, side: args.side, sourceId: source.id },
      `Power feed of ${rack.name}`);
      try {
        checkFeed(doc, feed);
      } catch (err) {
        if (err instanceof PlenumError && err.field === 'sourceId') throw new PlenumError(err.message, err.code, 'sourceId');
        throw err;
      }
      if (!existing) created++;
      ids.push(feed.id);
      changes.push({ op: 'put', kind: 'powerFeeds', entity: feed });
    }
    return {
      changes,
      result: { ids, created, replaced: ids.length - created },
      detail: `${source.name} → ${args.rackIds.length} rack(s) ${args.side}`,
    };
  },
});

// ---------------------------------------------------------------- environment readings

const TakenAt = EnvReadingSchema.shape.takenAt.refine((s) => !Number.isNaN(Date.parse(s)), 'takenAt must be an ISO 8601 date and time, e.g. 2026-11-25T14:05:00+01:00');

function checkReading(doc: DocReader, reading: EnvReading): void {
  const room = mustGet(doc, 'rooms', reading.roomId, 'roomId');
  if (reading.rackId) {
    const rack = mustGet(doc, 'racks', reading.rackId, 'rackId');
    if (rack.roomId !== room.id) throw new PlenumError(`Rack ${rack.name} is not in ${room.name}`, 'invalid', 'rackId');
  }
}

export const createEnvReading = defineCommand({
  name: 'envReading.create',
  labelKey: 'command.envReading.create',
  args: z.object({
    roomId: Id,
    rackId: Id.nullable().optional(),
    /** Absent: now. */
    takenAt: TakenAt.optional(),
    temperatureC: EnvReadingSchema.shape.temperatureC,
    humidityPct: EnvReadingSchema.shape.humidityPct.default(null),
    note: EnvReadingSchema.shape.note,
  }).strict(),
  plan(doc, args, ctx) {
    const reading = validated(EnvReadingSchema, {
      ...defined(args), takenAt: args.takenAt ?? new Date().toISOString(), id: ctx.newId(POWER_ID_PREFIX.envReadings),
    }, 'Environment reading');
    if (reading.rackId === null) delete reading.rackId;
    checkReading(doc, reading);
    const where = reading.rackId ? doc.get('racks', reading.rackId)?.name : doc.get('rooms', reading.roomId)?.name;
    return { changes: [{ op: 'put', kind: 'envReadings', entity: reading }], result: { id: reading.id }, detail: `${where ?? ''} ${reading.temperatureC} °C`.trim() };
  },
});

export const updateEnvReading = defineCommand({
  name: 'envReading.update',
  labelKey: 'command.envReading.update',
  args: z.object({ id: Id, patch: EnvReadingSchema.omit({ id: true, roomId: true }).extend({ takenAt: TakenAt }).partial().strict() }),
  plan(doc, args) {
    const current = doc.get('envReadings', args.id);
    if (!current) throw new PlenumError(`Environment reading ${args.id} does not exist`, 'not-found', 'id');
    const next = validated(EnvReadingSchema, { ...current, ...args.patch }, 'Environment reading');
    if (next.rackId === null) delete next.rackId;
    checkReading(doc, next);
    return { changes: [{ op: 'put', kind: 'envReadings', entity: next }], result: null, detail: `${next.temperatureC} °C` };
  },
});

export { powerCascade } from './power-cascade';
export type { Doomed } from './power-cascade';
