/**
 * The placement finder (issue 4, §5): where can N devices of one type go, with room for them in
 * space, power (the rack's budget and each feed on the loss of the other), cooling and weight?
 *
 * For every candidate rack it works out how many devices fit by each constraint and takes the
 * smallest:
 *  - space: the lowest free contiguous blocks of U, whole-U positions from U1 up; a full-depth
 *    type needs both faces free, a half-depth one its own face;
 *  - rack power budget (`maxKw`, when set): load + k × draw ≤ budget;
 *  - feeds, in failover: a dual-corded device puts its full draw on the surviving feed, so each
 *    feed's failover load + k × draw must stay within its continuous capacity; a single-corded
 *    device goes on feed A (B when the rack only has B) and adds its draw there;
 *  - cooling: the zone's capacity − heat must take k × draw × (1 + heat losses) (zones with no
 *    cooler modelled are not limited here: the cooling-capacity rule reports them);
 *  - weight: the rack's static rating (`maxKg`, when set) and the floor rating in kg/m² over the
 *    rack's footprint plus its share of the service area, as the floor-load rule computes it.
 * Redundancy 'ab' keeps only racks with both feeds A and B (and a dual-corded type).
 * Racks that cannot take even one device are left out of `racks` and listed in `excluded` with
 * the constraint that stops them.
 *
 * Ranking ("fill racks that already have the most headroom balance"): each rack's headroom is
 * measured as a fraction of each constrained capacity it has (free U / U height, budget left /
 * budget, the tightest feed's failover headroom / its capacity, zone cooling left / capacity,
 * weight left / rating, floor left / rating). The score is the smallest of these fractions: the
 * rack's bottleneck. Racks with the best bottleneck come first, so new load goes where every
 * resource still has room, and racks that are short of one resource (plenty of U but no power,
 * say) are not filled further and stranded. Ties: more devices fit, then the rack name.
 *
 * `plan` then assigns the requested quantity to the ranked racks in turn, each taking as many as
 * fit, and charges cooling to the zone as it goes (racks of one zone share its headroom).
 */
import type { Device, DeviceType, DocumentSnapshot, Face, FeedSide, Rack } from '../model/schema';
import { PlenumError } from '../model/errors';
import type { DesignChecker } from '../rules/checker';
import { cordsOf, typeDrawW, type RackAnalysis } from './rack';
import { roomHeatLossPct, type ResolvedSettings } from './settings';

export type PlacementRedundancy = 'none' | 'ab';

export interface PlacementRequest {
  typeId: string;
  quantity: number;
  redundancy: PlacementRedundancy;
  /** Only racks of this room. */
  roomId?: string;
  /** The face a half-depth type goes on (default front). */
  face?: Face;
}

export type PlacementConstraint = 'space' | 'power' | 'feeds' | 'cooling' | 'weight' | 'floor' | 'redundancy';

export interface FeedHeadroom {
  side: FeedSide;
  feedId: string;
  capacityW: number;
  /** Load on this feed when the other one is lost, W (before placement). */
  failoverW: number;
  headroomW: number;
  /** What one device adds to this feed's failover load, W. */
  perDeviceW: number;
}

export interface RackPlacement {
  rackId: string;
  name: string;
  roomId: string;
  /** How many of the requested devices fit in this rack (at most the quantity). */
  fits: number;
  /** The U positions for them, lowest first. */
  positions: number[];
  face: Face;
  /** The constraint that stops the rack at `fits` (`quantity` when the rack could take more). */
  limitedBy: PlacementConstraint | 'quantity';
  /** Devices that fit by each constraint; null when it does not limit (nothing set or modelled). */
  limits: Record<Exclude<PlacementConstraint, 'redundancy'>, number | null>;
  /** Why: the headroom behind each limit, before placement. */
  headroom: {
    freeU: number;
    largestFreeU: number;
    power: { budgetW: number; loadW: number; headroomW: number } | null;
    feeds: FeedHeadroom[];
    cooling: { zoneKey: string; heatW: number; capacityW: number; headroomW: number } | null;
    weight: { weightKg: number; maxKg: number; headroomKg: number } | null;
    floor: { kgM2: number; ratingKgM2: number; headroomKgM2: number };
  };
  /** The bottleneck headroom fraction (0–1) the ranking sorts by. */
  score: number;
}

export interface PlacementResult {
  type: DeviceType;
  request: PlacementRequest;
  /** Per device: draw on the project's basis (W), heat is this × (1 + losses). */
  drawW: number;
  /** Racks that can take at least one device, best first. */
  racks: RackPlacement[];
  /** Racks that cannot take one, with the constraint that stops them. */
  excluded: Array<{ rackId: string; name: string; reason: PlacementConstraint }>;
  /** The quantity assigned to racks in rank order (what `device.placeMany` takes). */
  plan: Array<{ rackId: string; position: number; face: Face; typeId: string }>;
  /** How many of the quantity found no place. */
  unplaced: number;
}

const HALF = 2;
/** Natural order of rack names (A2 before A10); one collator, as thousands of racks may tie on score. */
const byName = new Intl.Collator('en', { numeric: true, sensitivity: 'base' }).compare;

/** Occupied half-U slots of each face of a rack. */
function occupancy(rack: Rack, devices: readonly Device[], types: Readonly<Record<string, DeviceType>>): Record<Face, Uint8Array> {
  const n = rack.uHeight * HALF;
  const front = new Uint8Array(n);
  const rear = new Uint8Array(n);
  for (const d of devices) {
    const t = types[d.typeId];
    if (!t || d.parentDeviceId || t.uHeight === 0) continue;
    const from = Math.max(0, Math.round((d.position - 1) * HALF));
    const to = Math.min(n, Math.round((d.position - 1 + t.uHeight) * HALF));
    for (let i = from; i < to; i++) {
      if (t.fullDepth || d.face === 'front') front[i] = 1;
      if (t.fullDepth || d.face === 'rear') rear[i] = 1;
    }
  }
  return { front, rear };
}

/** The lowest whole-U positions where `count` devices of `type` fit, packed from U1 upwards. */
export function lowestFreePositions(rack: Rack, devices: readonly Device[], types: Readonly<Record<string, DeviceType>>, type: DeviceType, face: Face, count: number): number[] {
  const occ = occupancy(rack, devices, types);
  const faces = type.fullDepth ? [occ.front, occ.rear] : [occ[face]];
  const h = Math.round(type.uHeight * HALF);
  const out: number[] = [];
  for (let u = 1; u + type.uHeight - 1 <= rack.uHeight && out.length < count; u++) {
    const from = (u - 1) * HALF;
    let free = true;
    for (const f of faces) for (let i = from; i < from + h && free; i++) if (f[i]) free = false;
    if (!free) continue;
    out.push(u);
    for (const f of faces) f.fill(1, from, from + h);
    u += Math.ceil(type.uHeight) - 1;
  }
  return out;
}

const fitCount = (headroom: number, per: number): number | null => (per > 0 ? Math.max(0, Math.floor(headroom / per + 1e-9)) : null);
const fraction = (left: number, whole: number): number => (whole > 0 ? Math.max(0, Math.min(1, left / whole)) : 1);

export function findPlacements(checker: DesignChecker, request: PlacementRequest): PlacementResult {
  const s: DocumentSnapshot = checker.snapshot;
  const type = s.deviceTypes[request.typeId];
  if (!type) throw new PlenumError(`Device type ${request.typeId} does not exist`, 'not-found', 'typeId');
  if (type.subdeviceRole === 'child') throw new PlenumError(`${type.model} is a child device: it goes in a chassis bay, not in a rack`, 'invalid', 'typeId');
  if (type.uHeight === 0) throw new PlenumError(`${type.model} is 0U: it is mounted on the side of a rack, not in rack units`, 'invalid', 'typeId');
  if (!Number.isInteger(request.quantity) || request.quantity < 1) throw new PlenumError('quantity must be a whole number of at least 1', 'invalid', 'quantity');
  if (request.roomId !== undefined && !s.rooms[request.roomId]) throw new PlenumError(`Room ${request.roomId} does not exist`, 'not-found', 'roomId');
  const settings: ResolvedSettings = checker.resolvedSettings();
  const analyses = checker.racks();
  const zones = new Map(checker.zones().map((z) => [z.key, z]));
  const face: Face = request.face ?? 'front';
  const drawW = typeDrawW(type, settings.powerBasis);
  const cords = cordsOf(type);
  const dual = cords >= 2;
  const massKg = type.weightKg ?? 0;
  if (request.redundancy === 'ab' && drawW > 0 && !dual) {
    throw new PlenumError(`${type.model} has ${cords} power supply: it cannot be fed from both A and B`, 'invalid', 'redundancy');
  }

  const devicesByRack = new Map<string, Device[]>();
  for (const d of Object.values(s.devices)) {
    const list = devicesByRack.get(d.rackId);
    if (list) list.push(d);
    else devicesByRack.set(d.rackId, [d]);
  }

  const racks: RackPlacement[] = [];
  const excluded: PlacementResult['excluded'] = [];
  for (const rack of Object.values(s.racks)) {
    if (request.roomId !== undefined && rack.roomId !== request.roomId) continue;
    const a: RackAnalysis | undefined = analyses.get(rack.id);
    if (!a) continue;
    if (request.redundancy === 'ab' && (!a.feeds.A || !a.feeds.B)) {
      excluded.push({ rackId: rack.id, name: rack.name, reason: 'redundancy' });
      continue;
    }
    const devices = devicesByRack.get(rack.id) ?? [];
    // Every block that fits (the space limit), of which the lowest `quantity` are offered.
    const free = lowestFreePositions(rack, devices, s.deviceTypes, type, face, Number.MAX_SAFE_INTEGER);
    const positions = free.slice(0, request.quantity);
    const spaceAll = free.length;

    const fractions: number[] = [fraction(a.freeU, a.uHeight)];
    const power = a.budgetW > 0 ? { budgetW: a.budgetW, loadW: a.loadW, headroomW: a.budgetW - a.loadW } : null;
    if (power) fractions.push(fraction(power.headroomW, power.budgetW));

    // Feeds: which ones take the device's draw in failover.
    const feeds: FeedHeadroom[] = [];
    const sides: FeedSide[] = dual ? (['A', 'B'] as const).filter((x) => a.feeds[x]) : a.feeds.A ? ['A'] : a.feeds.B ? ['B'] : [];
    for (const side of (['A', 'B'] as const)) {
      const f = a.feeds[side];
      if (!f) continue;
      const perDeviceW = sides.includes(side) ? drawW : 0;
      feeds.push({ side, feedId: f.feedId, capacityW: f.capacityW, failoverW: f.failoverW, headroomW: f.capacityW - f.failoverW, perDeviceW });
      if (perDeviceW > 0) fractions.push(fraction(f.capacityW - f.failoverW, f.capacityW));
    }
    let byFeeds: number | null = null;
    for (const f of feeds) {
      const k = fitCount(f.headroomW, f.perDeviceW);
      if (k !== null) byFeeds = byFeeds === null ? k : Math.min(byFeeds, k);
    }

    const zone = zones.get(a.zoneKey);
    const heatPerDevice = drawW * (1 + roomHeatLossPct(s.rooms[rack.roomId], settings) / 100);
    const cooling = zone && zone.capacityW > 0 ? { zoneKey: zone.key, heatW: zone.heatW, capacityW: zone.capacityW, headroomW: zone.capacityW - zone.heatW } : null;
    if (cooling) fractions.push(fraction(cooling.headroomW, cooling.capacityW));

    const weight = rack.maxKg > 0 ? { weightKg: a.weightKg, maxKg: rack.maxKg, headroomKg: rack.maxKg - a.weightKg } : null;
    if (weight) fractions.push(fraction(weight.headroomKg, weight.maxKg));
    const areaM2 = (rack.widthMm * (rack.depthMm + settings.serviceDepthMm * settings.serviceAreaShare)) / 1e6;
    const floor = { kgM2: a.floorKgM2, ratingKgM2: a.floorRatingKgM2, headroomKgM2: a.floorRatingKgM2 - a.floorKgM2 };
    fractions.push(fraction(floor.headroomKgM2, floor.ratingKgM2));

    const limits: RackPlacement['limits'] = {
      space: spaceAll,
      power: power ? fitCount(power.headroomW, drawW) : null,
      feeds: byFeeds,
      cooling: cooling ? fitCount(cooling.headroomW, heatPerDevice) : null,
      weight: weight ? fitCount(weight.headroomKg, massKg) : null,
      floor: areaM2 > 0 ? fitCount(floor.headroomKgM2, massKg / areaM2) : null,
    };
    let fits = request.quantity;
    let limitedBy: RackPlacement['limitedBy'] = 'quantity';
    for (const key of ['space', 'power', 'feeds', 'cooling', 'weight', 'floor'] as const) {
      const k = limits[key];
      if (k !== null && k < fits) {
        fits = k;
        limitedBy = key;
      }
    }
    if (fits <= 0) {
      excluded.push({ rackId: rack.id, name: rack.name, reason: limitedBy as PlacementConstraint });
      continue;
    }
    racks.push({
      rackId: rack.id, name: rack.name, roomId: rack.roomId, fits, positions: positions.slice(0, fits), face, limitedBy, limits,
      headroom: { freeU: a.freeU, largestFreeU: a.largestFreeU, power, feeds, cooling, weight, floor },
      score: Math.min(...fractions),
    });
  }
  racks.sort((p, q) => q.score - p.score || q.fits - p.fits || byName(p.name, q.name));
  excluded.sort((p, q) => byName(p.name, q.name));

  // Assign the quantity best first; racks of one cooling zone share its headroom.
  const plan: PlacementResult['plan'] = [];
  const zoneLeft = new Map<string, number>();
  let left = request.quantity;
  for (const r of racks) {
    if (left === 0) break;
    let n = Math.min(left, r.fits);
    if (r.headroom.cooling && heatPerDeviceOf(r, drawW, s, settings) > 0) {
      const key = r.headroom.cooling.zoneKey;
      const room = zoneLeft.get(key) ?? r.headroom.cooling.headroomW;
      const per = heatPerDeviceOf(r, drawW, s, settings);
      n = Math.min(n, Math.max(0, Math.floor(room / per + 1e-9)));
      zoneLeft.set(key, room - n * per);
    }
    for (const position of r.positions.slice(0, n)) plan.push({ rackId: r.rackId, position, face, typeId: type.id });
    left -= n;
  }
  return { type, request, drawW, racks, excluded, plan, unplaced: left };
}

function heatPerDeviceOf(r: RackPlacement, drawW: number, s: DocumentSnapshot, settings: ResolvedSettings): number {
  return drawW * (1 + roomHeatLossPct(s.rooms[r.roomId], settings) / 100);
}
