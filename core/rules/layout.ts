/**
 * Layout validation (issue 3, §6): what is wrong with the way racks, floor equipment and devices
 * are placed, as a list of findings the UI can show, select and translate.
 *
 * Geometry: every footprint is an oriented rectangle — centre (xMm, yMm), widthMm along its local
 * x, depthMm along its local y, turned `rotationDeg` clockwise on a y-down plan. At rotation 0 a
 * rack's front faces up the plan (−y). Overlaps use the separating axis theorem; rooms are their
 * `outline` polygon (which may be concave, e.g. L-shaped) or the widthMm × depthMm rectangle.
 *
 * Cost: every pass is O(n log n) or close to it (sweep-and-prune for overlaps, orientation
 * buckets plus a uniform grid for aisles), so a 2,000-rack hall validates in a few milliseconds.
 *
 * Pure: no DOM, no Node. Messages are English; `code` + `variant` + `params` let a UI translate
 * them (key `findings.<code>.<variant>`; params named `…Mm` are lengths in mm, `…Deg` angles in
 * degrees, `…Kind` enumerated words to translate).
 */
import type { Device, DeviceType, DocumentSnapshot, FloorEquipment, Obstacle, Rack, Room, Row } from '../model/schema';
import { findCollision, formatU, rackFitProblem } from './rack-units';
import { compareFindings, naturalCompare, type Finding, type FindingEntity, type Severity } from './finding';

/** Every layout rule, with the message variants each can take (the UI has one string per pair). */
export const FINDING_VARIANTS = {
  'rack-overlap': ['racks', 'rackEquipment', 'equipment'],
  'rack-outside-room': ['rackOutside', 'rackPartly', 'rackWall', 'equipmentOutside', 'equipmentPartly', 'equipmentWall'],
  'rack-on-obstacle': ['rack', 'rackUnnamed', 'equipment', 'equipmentUnnamed'],
  'aisle-too-narrow': ['coldRacks', 'coldRows', 'hotRacks', 'hotRows'],
  'device-overlap': ['front', 'rear', 'behind'],
  'device-outside-rack': ['above', 'below'],
  'rack-front-not-cold': ['rowHot', 'racks', 'rows'],
  'row-mixed-orientation': ['one', 'many'],
} as const;
export type FindingCode = keyof typeof FINDING_VARIANTS;
export const FINDING_CODES = Object.keys(FINDING_VARIANTS) as FindingCode[];

/** What to do about each layout finding (English; the UI's key is `findings.<rule>.hint`). */
export const LAYOUT_HINTS: Record<FindingCode, string> = {
  'rack-overlap': 'Move or rotate one of them; footprints may touch but not overlap.',
  'rack-outside-room': 'Move it inside the room outline, or enlarge the room.',
  'rack-on-obstacle': 'Move it off the obstacle, or move the obstacle if it is wrongly placed.',
  'aisle-too-narrow': "Move the rows apart, or lower the room's minimum aisle width if a narrower aisle is intended.",
  'device-overlap': 'Move one device to free rack units, or change its face.',
  'device-outside-rack': 'Move the device down, or use a taller rack.',
  'rack-front-not-cold': "Turn the racks or the row so that fronts face the cold aisle, or set the row's front aisle.",
  'row-mixed-orientation': 'Rotate the odd racks to face the same way as the rest of the row.',
};

/** Words that `…Kind` params take; the UI translates them as `findings.kind.<value>`. */
export const FINDING_KIND_WORDS = ['column', 'wall', 'obstacle'] as const;

export type { Finding, FindingEntity, Severity };

/** The shape the layout rules build internally; `layoutFindings` turns it into a `Finding`. */
interface LayoutFinding {
  id: string;
  severity: Severity;
  code: FindingCode;
  variant: string;
  message: string;
  params: Record<string, string | number>;
  entities: FindingEntity[];
  roomId?: string;
  rackId?: string;
}

function toFinding(f: LayoutFinding): Finding {
  const { code, entities, ...rest } = f;
  return { ...rest, rule: code, hint: LAYOUT_HINTS[code], refs: entities, entities: entities.map((e) => e.id) };
}

export interface LayoutOptions {
  /** Only findings in this room (devices: in racks of this room). */
  roomId?: string;
  /** Skip the per-rack device rules (the incremental checker runs them per rack). */
  devices?: boolean;
}

/** Default minimum aisle widths (FACTS.md: a 4 ft cold and a 3 ft hot aisle). */
export const DEFAULT_MIN_COLD_AISLE_MM = 1200;
export const DEFAULT_MIN_HOT_AISLE_MM = 900;
/** Footprints may touch or overlap by this much (rounding, tile snapping) without a finding. */
export const OVERLAP_TOLERANCE_MM = 1;
/** Orientations this close (degrees) count as the same direction when pairing racks across aisles. */
const ANGLE_TOLERANCE_DEG = 1;
/** Racks this far apart or more (front plane to facing plane) do not share an aisle. */
const MIN_AISLE_REACH_MM = 3000;

const TOL = OVERLAP_TOLERANCE_MM;

// ---------------------------------------------------------------- geometry

interface Vec {
  x: number;
  y: number;
}

/** An oriented rectangle with its axes precomputed. */
interface Footprint {
  cx: number;
  cy: number;
  hw: number;
  hd: number;
  /** Local x (along the width), unit vector. */
  ax: Vec;
  /** Local y (front to rear), unit vector. */
  ay: Vec;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

type Placeable = Pick<Rack, 'xMm' | 'yMm' | 'widthMm' | 'depthMm' | 'rotationDeg'>;

function footprint(p: Placeable, shrinkMm = 0): Footprint {
  const a = (p.rotationDeg * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const hw = Math.max(0, p.widthMm / 2 - shrinkMm);
  const hd = Math.max(0, p.depthMm / 2 - shrinkMm);
  const ex = hw * Math.abs(cos) + hd * Math.abs(sin);
  const ey = hw * Math.abs(sin) + hd * Math.abs(cos);
  return {
    cx: p.xMm, cy: p.yMm, hw, hd, ax: { x: cos, y: sin }, ay: { x: -sin, y: cos },
    minX: p.xMm - ex, maxX: p.xMm + ex, minY: p.yMm - ey, maxY: p.yMm + ey,
  };
}

function corners(f: Footprint): Vec[] {
  const at = (sx: number, sy: number): Vec => ({
    x: f.cx + sx * f.hw * f.ax.x + sy * f.hd * f.ay.x,
    y: f.cy + sx * f.hw * f.ax.y + sy * f.hd * f.ay.y,
  });
  return [at(-1, -1), at(1, -1), at(1, 1), at(-1, 1)];
}

const dot = (a: Vec, b: Vec) => a.x * b.x + a.y * b.y;

/** Half the extent of a footprint projected on a unit axis. */
function radius(f: Footprint, axis: Vec): number {
  return f.hw * Math.abs(dot(f.ax, axis)) + f.hd * Math.abs(dot(f.ay, axis));
}

/**
 * Separating axis theorem for two oriented rectangles: the smallest overlap over the four
 * candidate axes, i.e. how far one must move to clear the other. ≤ 0 means apart (touching is 0).
 */
export function penetrationMm(a: Placeable, b: Placeable): number {
  return penetration(footprint(a), footprint(b));
}

function penetration(a: Footprint, b: Footprint): number {
  let least = Infinity;
  const d = { x: b.cx - a.cx, y: b.cy - a.cy };
  for (const axis of [a.ax, a.ay, b.ax, b.ay]) {
    const overlap = radius(a, axis) + radius(b, axis) - Math.abs(dot(d, axis));
    if (overlap < least) least = overlap;
    if (least <= 0) return least;
  }
  return least;
}

/** Whether a segment crosses the (open) interior of a rectangle: SAT with the segment's normal. */
function segmentHitsRect(p: Vec, q: Vec, f: Footprint): boolean {
  const len = Math.hypot(q.x - p.x, q.y - p.y);
  const axes: Vec[] = [f.ax, f.ay];
  if (len > 0) axes.push({ x: -(q.y - p.y) / len, y: (q.x - p.x) / len });
  const c = { x: f.cx, y: f.cy };
  for (const axis of axes) {
    const r = radius(f, axis);
    const cc = dot(c, axis);
    const a = dot(p, axis);
    const b = dot(q, axis);
    if (Math.max(a, b) <= cc - r || Math.min(a, b) >= cc + r) return false;
  }
  return true;
}

/** Even-odd point in polygon. */
export function pointInPolygon(pt: Vec, poly: readonly Vec[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[i]!;
    const b = poly[j]!;
    if ((a.y > pt.y) !== (b.y > pt.y) && pt.x < ((b.x - a.x) * (pt.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

function distanceToSegment(p: Vec, a: Vec, b: Vec): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

function distanceToPolygon(p: Vec, poly: readonly Vec[]): number {
  let best = Infinity;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) best = Math.min(best, distanceToSegment(p, poly[j]!, poly[i]!));
  return best;
}

/** The room's floor as a polygon: its outline, or the widthMm × depthMm rectangle. */
export function roomPolygon(room: Room): Vec[] {
  if (room.outline && room.outline.length >= 3) return room.outline.map((p) => ({ x: p.xMm, y: p.yMm }));
  return [{ x: 0, y: 0 }, { x: room.widthMm, y: 0 }, { x: room.widthMm, y: room.depthMm }, { x: 0, y: room.depthMm }];
}

/**
 * Where a footprint stands relative to the room: inside (touching the wall is fine), entirely
 * outside, partly outside (by how much its farthest corner is), or across a wall with every
 * corner inside (a concave room's inner corner pokes into it).
 */
export function placementInRoom(p: Placeable, poly: readonly Vec[]): { where: 'inside' } | { where: 'outside' } | { where: 'partly'; outsideMm: number } | { where: 'wall' } {
  const inner = footprint(p, TOL);
  let crosses = false;
  for (let i = 0, j = poly.length - 1; i < poly.length && !crosses; j = i++) crosses = segmentHitsRect(poly[j]!, poly[i]!, inner);
  if (!crosses) return pointInPolygon({ x: p.xMm, y: p.yMm }, poly) ? { where: 'inside' } : { where: 'outside' };
  let outsideMm = 0;
  for (const c of corners(footprint(p))) if (!pointInPolygon(c, poly)) outsideMm = Math.max(outsideMm, distanceToPolygon(c, poly));
  return outsideMm >= TOL ? { where: 'partly', outsideMm } : { where: 'wall' };
}

// ---------------------------------------------------------------- helpers

const mm = (v: number) => `${Math.round(v)} mm`;
const sortedIds = (ids: readonly string[]) => [...ids].sort().join('|');

/** "A03, A07, A09 (+2)": at most `max` names, then how many more. */
function nameList(names: readonly string[], max = 6): string {
  const sorted = [...names].sort(naturalCompare);
  return sorted.length <= max ? sorted.join(', ') : `${sorted.slice(0, max).join(', ')} (+${sorted.length - max})`;
}

function uSpan(bottom: number, top: number): string {
  return top - bottom <= 1 ? formatU(bottom) : `${formatU(bottom)}–${formatU(top - 1)}`;
}

/** Placed things that occupy floor: racks and floor equipment. */
interface Solid {
  kind: 'racks' | 'floorEquipment';
  id: string;
  name: string;
  fp: Footprint;
  entity: Rack | FloorEquipment;
}

/** Sweep-and-prune on x: every pair whose bounding boxes overlap by more than the tolerance. */
function candidatePairs<T extends { fp: Footprint }>(items: readonly T[], visit: (a: T, b: T) => void): void {
  const order = [...items].sort((a, b) => a.fp.minX - b.fp.minX);
  const active: T[] = [];
  for (const item of order) {
    let w = 0;
    for (const other of active) if (other.fp.maxX - TOL > item.fp.minX) active[w++] = other;
    active.length = w;
    for (const other of active) {
      if (other.fp.maxY - TOL > item.fp.minY && item.fp.maxY - TOL > other.fp.minY) visit(other, item);
    }
    active.push(item);
  }
}

// ---------------------------------------------------------------- the rules

export function layoutFindings(snapshot: DocumentSnapshot, options: LayoutOptions = {}): Finding[] {
  const out: LayoutFinding[] = [];
  const rooms = options.roomId ? [snapshot.rooms[options.roomId]].filter((r): r is Room => r !== undefined) : Object.values(snapshot.rooms);
  const roomIds = new Set(rooms.map((r) => r.id));

  const racksByRoom = groupBy(Object.values(snapshot.racks), (r) => r.roomId, roomIds);
  const equipmentByRoom = groupBy(Object.values(snapshot.floorEquipment ?? {}), (e) => e.roomId, roomIds);
  const obstaclesByRoom = groupBy(Object.values(snapshot.obstacles ?? {}), (o) => o.roomId, roomIds);
  const rowsByRoom = groupBy(Object.values(snapshot.rows ?? {}), (r) => r.roomId, roomIds);

  for (const room of rooms) {
    const racks = racksByRoom.get(room.id) ?? [];
    const equipment = equipmentByRoom.get(room.id) ?? [];
    const solids: Solid[] = [
      ...racks.map((r): Solid => ({ kind: 'racks', id: r.id, name: r.name, fp: footprint(r), entity: r })),
      ...equipment.map((e): Solid => ({ kind: 'floorEquipment', id: e.id, name: e.name, fp: footprint(e), entity: e })),
    ];
    overlapRule(solids, room, out);
    outsideRule(solids, room, out);
    obstacleRule(solids, obstaclesByRoom.get(room.id) ?? [], room, out);
    const rows = rowsByRoom.get(room.id) ?? [];
    aisleRules(racks, rows, room, snapshot, out);
    rowRules(rows, snapshot, room, out);
  }
  if (options.devices !== false) deviceRules(snapshot, roomIds, out);
  return out.map(toFinding).sort(compareFindings);
}

function groupBy<T>(items: readonly T[], key: (t: T) => string, keep: ReadonlySet<string>): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (!keep.has(k)) continue;
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Rule 1: racks and floor equipment must not overlap one another. */
function overlapRule(solids: readonly Solid[], room: Room, out: LayoutFinding[]): void {
  candidatePairs(solids, (p, q) => {
    const depth = penetration(p.fp, q.fp);
    if (depth <= TOL) return;
    // Racks first, then by name, so the message reads the same whatever the sweep order.
    const [a, b] = [p, q].sort((x, y) => (x.kind === y.kind ? naturalCompare(x.name, y.name) : x.kind === 'racks' ? -1 : 1)) as [Solid, Solid];
    const variant = a.kind === 'racks' && b.kind === 'racks' ? 'racks' : a.kind === 'racks' ? 'rackEquipment' : 'equipment';
    const overlapMm = Math.round(depth);
    const message = variant === 'racks'
      ? `Racks ${a.name} and ${b.name} overlap by ${mm(overlapMm)}`
      : variant === 'rackEquipment'
        ? `Rack ${a.name} and ${b.name} overlap by ${mm(overlapMm)}`
        : `${a.name} and ${b.name} overlap by ${mm(overlapMm)}`;
    out.push({
      id: `rack-overlap:${sortedIds([a.id, b.id])}`, severity: 'error', code: 'rack-overlap', variant, message,
      params: { a: a.name, b: b.name, overlapMm },
      entities: [{ kind: a.kind, id: a.id }, { kind: b.kind, id: b.id }], roomId: room.id,
    });
  });
}

/** Rule 2: racks and floor equipment stand inside the room's outline. */
function outsideRule(solids: readonly Solid[], room: Room, out: LayoutFinding[]): void {
  const poly = roomPolygon(room);
  for (const s of solids) {
    const at = placementInRoom(s.entity, poly);
    if (at.where === 'inside') continue;
    const isRack = s.kind === 'racks';
    const subject = isRack ? `Rack ${s.name}` : s.name;
    const variant = `${isRack ? 'rack' : 'equipment'}${at.where === 'outside' ? 'Outside' : at.where === 'partly' ? 'Partly' : 'Wall'}`;
    const params: Record<string, string | number> = { a: s.name, room: room.name };
    let message: string;
    if (at.where === 'outside') message = `${subject} is outside room ${room.name}`;
    else if (at.where === 'partly') {
      params.outsideMm = Math.round(at.outsideMm);
      message = `${subject} extends ${mm(at.outsideMm)} outside room ${room.name}`;
    } else message = `${subject} crosses a wall of room ${room.name}`;
    out.push({
      id: `rack-outside-room:${s.id}`, severity: 'error', code: 'rack-outside-room', variant, message, params,
      entities: [{ kind: s.kind, id: s.id }], roomId: room.id,
    });
  }
}

/** Rule 3: nothing stands on a column, an inner wall or another obstacle. */
function obstacleRule(solids: readonly Solid[], obstacles: readonly Obstacle[], room: Room, out: LayoutFinding[]): void {
  if (obstacles.length === 0) return;
  type Item = { fp: Footprint; solid?: Solid; obstacle?: Obstacle };
  const items: Item[] = [
    ...solids.map((solid): Item => ({ fp: solid.fp, solid })),
    ...obstacles.map((obstacle): Item => ({ fp: footprint(obstacle), obstacle })),
  ];
  candidatePairs(items, (p, q) => {
    const solid = p.solid ?? q.solid;
    const obstacle = p.obstacle ?? q.obstacle;
    if (!solid || !obstacle) return;
    const depth = penetration(p.fp, q.fp);
    if (depth <= TOL) return;
    const overlapMm = Math.round(depth);
    const named = obstacle.name !== undefined && obstacle.name.trim() !== '';
    const isRack = solid.kind === 'racks';
    const variant = `${isRack ? 'rack' : 'equipment'}${named ? '' : 'Unnamed'}`;
    const subject = isRack ? `Rack ${solid.name}` : solid.name;
    const message = named
      ? `${subject} overlaps ${obstacle.kind} ${obstacle.name!} by ${mm(overlapMm)}`
      : `${subject} overlaps an unnamed ${obstacle.kind} by ${mm(overlapMm)}`;
    out.push({
      id: `rack-on-obstacle:${sortedIds([solid.id, obstacle.id])}`, severity: 'error', code: 'rack-on-obstacle', variant, message,
      params: { a: solid.name, b: named ? obstacle.name! : '', obstacleKind: obstacle.kind, overlapMm },
      entities: [{ kind: solid.kind, id: solid.id }, { kind: 'obstacles', id: obstacle.id }], roomId: room.id,
    });
  });
}

// ---------------------------------------------------------------- aisles

/** A rack seen in the frame of its orientation bucket: s along the bucket's front normal, t along the row. */
interface Oriented {
  rack: Rack;
  /** +1: the front faces +n (the face at sHigh is the front); −1: the rear does. */
  sign: 1 | -1;
  sLow: number;
  sHigh: number;
  tLow: number;
  tHigh: number;
}

const frontNormal = (deg: number): Vec => {
  const a = (deg * Math.PI) / 180;
  return { x: Math.sin(a), y: -Math.cos(a) };
};
const alongRow = (deg: number): Vec => {
  const a = (deg * Math.PI) / 180;
  return { x: Math.cos(a), y: Math.sin(a) };
};
/** Signed difference a − b in (−180, 180]. */
function angleDiff(a: number, b: number): number {
  let d = (((a - b) % 360) + 360) % 360;
  if (d > 180) d -= 360;
  return d;
}

/**
 * Groups racks whose orientations lie on the same axis (θ and θ + 180° together), within the
 * angle tolerance, wrapping at 180°. Each bucket keeps the angle of its first rack as its frame.
 */
function orientationBuckets(racks: readonly Rack[]): Array<{ axisDeg: number; racks: Rack[] }> {
  const withAxis = racks.map((rack) => ({ rack, axis: ((rack.rotationDeg % 180) + 180) % 180 })).sort((a, b) => a.axis - b.axis);
  const buckets: Array<{ axisDeg: number; last: number; racks: Rack[] }> = [];
  for (const { rack, axis } of withAxis) {
    const cur = buckets[buckets.length - 1];
    if (cur && axis - cur.last <= ANGLE_TOLERANCE_DEG) {
      cur.racks.push(rack);
      cur.last = axis;
    } else buckets.push({ axisDeg: axis, last: axis, racks: [rack] });
  }
  // 179.6° and 0.2° are the same axis.
  if (buckets.length > 1 && buckets[0]!.axisDeg + 180 - buckets[buckets.length - 1]!.last <= ANGLE_TOLERANCE_DEG) {
    buckets[0]!.racks.push(...buckets.pop()!.racks);
  }
  return buckets.map(({ axisDeg, racks: list }) => ({ axisDeg, racks: list }));
}

interface FacingPair {
  /** The rack whose face looks at `b`; for front-to-rear pairs, the one whose front takes the exhaust. */
  a: Rack;
  b: Rack;
  kind: 'cold' | 'hot' | 'frontToRear';
  gapMm: number;
}

/**
 * Racks whose faces look at each other across open floor: for each rack, the racks ahead of the
 * face at its high side (in its bucket's frame) that overlap it along the row and are not hidden
 * behind a nearer rack. A uniform grid keeps each look-up to a few cells.
 */
function facingPairs(racks: readonly Rack[], reachMm: number): FacingPair[] {
  const pairs: FacingPair[] = [];
  const CELL = 1200;
  for (const bucket of orientationBuckets(racks)) {
    if (bucket.racks.length < 2) continue;
    const n = frontNormal(bucket.axisDeg);
    const u = alongRow(bucket.axisDeg);
    const items: Oriented[] = bucket.racks.map((rack) => {
      const f = footprint(rack);
      const c = { x: rack.xMm, y: rack.yMm };
      const s = dot(c, n);
      const t = dot(c, u);
      const hn = radius(f, n);
      const hu = radius(f, u);
      const sign = Math.abs(angleDiff(rack.rotationDeg, bucket.axisDeg)) < 90 ? 1 : -1;
      return { rack, sign, sLow: s - hn, sHigh: s + hn, tLow: t - hu, tHigh: t + hu };
    });
    // Grid keyed by (t cell, cell of the low face): a rack ahead of A has its low face just past A's high face.
    const grid = new Map<string, number[]>();
    items.forEach((it, i) => {
      const si = Math.floor(it.sLow / CELL);
      for (let ti = Math.floor(it.tLow / CELL); ti <= Math.floor(it.tHigh / CELL); ti++) {
        const key = `${ti},${si}`;
        const list = grid.get(key);
        if (list) list.push(i);
        else grid.set(key, [i]);
      }
    });
    const seen = new Int32Array(items.length).fill(-1);
    items.forEach((a, ai) => {
      const ahead: Oriented[] = [];
      const sFrom = a.sHigh - TOL;
      const sTo = a.sHigh + reachMm;
      for (let ti = Math.floor(a.tLow / CELL); ti <= Math.floor(a.tHigh / CELL); ti++) {
        for (let si = Math.floor(sFrom / CELL); si <= Math.floor(sTo / CELL); si++) {
          for (const bi of grid.get(`${ti},${si}`) ?? []) {
            if (bi === ai || seen[bi] === ai) continue;
            seen[bi] = ai;
            const b = items[bi]!;
            if (b.sLow < sFrom || b.sLow > sTo) continue;
            if (Math.min(a.tHigh, b.tHigh) - Math.max(a.tLow, b.tLow) <= TOL) continue;
            ahead.push(b);
          }
        }
      }
      if (ahead.length === 0) return;
      ahead.sort((x, y) => x.sLow - y.sLow);
      // Walk outwards; a rack is a partner if some of its overlap with A is not hidden yet.
      const covered: Array<[number, number]> = [];
      for (const b of ahead) {
        const lo = Math.max(a.tLow, b.tLow);
        const hi = Math.min(a.tHigh, b.tHigh);
        if (uncoveredLength(covered, lo, hi) > TOL) {
          const gapMm = Math.max(0, b.sLow - a.sHigh);
          const aFront = a.sign === 1; // A's face at sHigh is its front
          const bFront = b.sign === -1; // B's face at sLow is its front
          if (aFront && bFront) pairs.push({ a: a.rack, b: b.rack, kind: 'cold', gapMm });
          else if (!aFront && !bFront) pairs.push({ a: a.rack, b: b.rack, kind: 'hot', gapMm });
          else if (aFront) pairs.push({ a: a.rack, b: b.rack, kind: 'frontToRear', gapMm });
          else pairs.push({ a: b.rack, b: a.rack, kind: 'frontToRear', gapMm });
        }
        covered.push([lo, hi]);
        if (uncoveredLength(covered, a.tLow, a.tHigh) <= TOL) break;
      }
    });
  }
  return pairs;
}

/** Length of [lo, hi] not covered by the intervals. */
function uncoveredLength(covered: ReadonlyArray<[number, number]>, lo: number, hi: number): number {
  const parts = covered.filter(([a, b]) => b > lo && a < hi).map(([a, b]): [number, number] => [Math.max(a, lo), Math.min(b, hi)]).sort((x, y) => x[0] - y[0]);
  let free = 0;
  let at = lo;
  for (const [a, b] of parts) {
    if (a > at) free += a - at;
    at = Math.max(at, b);
  }
  return free + Math.max(0, hi - at);
}

/** Rules 4 and 6 (geometric part): aisle widths, and fronts that face another rack's rear. */
function aisleRules(racks: readonly Rack[], rows: readonly Row[], room: Room, snapshot: DocumentSnapshot, out: LayoutFinding[]): void {
  if (racks.length < 2) return;
  const minCold = room.minColdAisleMm ?? DEFAULT_MIN_COLD_AISLE_MM;
  const minHot = room.minHotAisleMm ?? DEFAULT_MIN_HOT_AISLE_MM;
  const reach = Math.max(MIN_AISLE_REACH_MM, 2 * Math.max(minCold, minHot));
  const rowOf = new Map<string, Row>();
  for (const row of rows) for (const id of row.rackIds) if (!rowOf.has(id) && snapshot.racks[id]) rowOf.set(id, row);

  interface Group {
    kind: FacingPair['kind'];
    rowA?: Row;
    rowB?: Row;
    racks: Map<string, Rack>;
    pairs: FacingPair[];
    gapMm: number;
  }
  const groups = new Map<string, Group>();
  for (const pair of facingPairs(racks, reach)) {
    const min = pair.kind === 'cold' ? minCold : minHot;
    if (pair.kind !== 'frontToRear' && pair.gapMm >= min - 0.5) continue;
    const rowA = rowOf.get(pair.a.id);
    const rowB = rowOf.get(pair.b.id);
    const byRows = rowA !== undefined && rowB !== undefined && rowA.id !== rowB.id;
    // A cold or hot aisle is symmetric; front-to-rear is not (A takes in B's exhaust).
    const key = byRows
      ? `${pair.kind}|${pair.kind === 'frontToRear' ? `${rowA.id}>${rowB.id}` : sortedIds([rowA.id, rowB.id])}`
      : `${pair.kind}|${pair.kind === 'frontToRear' ? `${pair.a.id}>${pair.b.id}` : sortedIds([pair.a.id, pair.b.id])}`;
    let g = groups.get(key);
    if (!g) {
      g = { kind: pair.kind, racks: new Map(), pairs: [], gapMm: Infinity, ...(byRows ? { rowA, rowB } : {}) };
      groups.set(key, g);
    }
    g.racks.set(pair.a.id, pair.a);
    g.racks.set(pair.b.id, pair.b);
    g.pairs.push(pair);
    g.gapMm = Math.min(g.gapMm, pair.gapMm);
  }

  for (const [key, g] of groups) {
    const rackEntities = [...g.racks.values()].sort((x, y) => naturalCompare(x.name, y.name)).map((r): FindingEntity => ({ kind: 'racks', id: r.id }));
    const rowEntities: FindingEntity[] = g.rowA && g.rowB
      ? [g.rowA, g.rowB].sort((x, y) => naturalCompare(x.name, y.name)).map((r): FindingEntity => ({ kind: 'rows', id: r.id }))
      : [];
    const gapMm = Math.round(g.gapMm);
    if (g.kind === 'frontToRear') {
      const first = g.pairs[0]!;
      const message = g.rowA && g.rowB
        ? `The fronts of row ${g.rowA.name} face the rears of row ${g.rowB.name}, ${mm(gapMm)} away: they take in its hot exhaust`
        : `The front of rack ${first.a.name} faces the rear of rack ${first.b.name}, ${mm(gapMm)} away: it takes in its hot exhaust`;
      out.push({
        id: `rack-front-not-cold:${key.slice(key.indexOf('|') + 1)}`, severity: 'warning', code: 'rack-front-not-cold',
        variant: g.rowA && g.rowB ? 'rows' : 'racks', message,
        params: g.rowA && g.rowB ? { a: g.rowA.name, b: g.rowB.name, gapMm } : { a: first.a.name, b: first.b.name, gapMm },
        entities: [...rackEntities, ...rowEntities], roomId: room.id,
      });
      continue;
    }
    const min = g.kind === 'cold' ? minCold : minHot;
    const first = g.pairs[0]!;
    const [na, nb] = g.rowA && g.rowB
      ? [g.rowA.name, g.rowB.name].sort(naturalCompare) as [string, string]
      : [first.a.name, first.b.name].sort(naturalCompare) as [string, string];
    const byRows = g.rowA !== undefined;
    const aisle = g.kind === 'cold' ? 'Cold' : 'Hot';
    const message = byRows
      ? `${aisle} aisle between rows ${na} and ${nb} is ${mm(gapMm)} wide at its narrowest, less than the ${mm(min)} minimum`
      : `${aisle} aisle between racks ${na} and ${nb} is ${mm(gapMm)} wide, less than the ${mm(min)} minimum`;
    out.push({
      id: `aisle-too-narrow:${key}`, severity: g.gapMm < min / 2 ? 'error' : 'warning', code: 'aisle-too-narrow',
      variant: `${g.kind}${byRows ? 'Rows' : 'Racks'}`, message,
      params: { a: na, b: nb, gapMm, minMm: Math.round(min) },
      entities: [...rackEntities, ...rowEntities], roomId: room.id,
    });
  }
}

/** Rule 6 (declared part) and rule 7: rows whose fronts are set to face a hot aisle, rows with mixed orientation. */
function rowRules(rows: readonly Row[], snapshot: DocumentSnapshot, room: Room, out: LayoutFinding[]): void {
  for (const row of rows) {
    const racks = row.rackIds.map((id) => snapshot.racks[id]).filter((r): r is Rack => r !== undefined);
    if (row.frontAisle === 'hot' && racks.length > 0) {
      out.push({
        id: `rack-front-not-cold:row:${row.id}`, severity: 'warning', code: 'rack-front-not-cold', variant: 'rowHot',
        message: `The fronts of row ${row.name} are set to face a hot aisle: racks take in air from the front`,
        params: { row: row.name },
        entities: [{ kind: 'rows', id: row.id }, ...racks.map((r): FindingEntity => ({ kind: 'racks', id: r.id }))], roomId: room.id,
      });
    }
    const off = racks.filter((r) => Math.abs(angleDiff(r.rotationDeg, row.orientationDeg)) > 0.5);
    if (off.length > 0) {
      const names = nameList(off.map((r) => r.name));
      const orientationDeg = Math.round(row.orientationDeg * 10) / 10;
      const one = off.length === 1;
      out.push({
        id: `row-mixed-orientation:${row.id}`, severity: 'warning', code: 'row-mixed-orientation', variant: one ? 'one' : 'many',
        message: one
          ? `Rack ${names} does not face the direction of row ${row.name} (${orientationDeg}°)`
          : `Racks ${names} do not face the direction of row ${row.name} (${orientationDeg}°)`,
        params: { racks: names, row: row.name, orientationDeg },
        entities: [...off.map((r): FindingEntity => ({ kind: 'racks', id: r.id })), { kind: 'rows', id: row.id }], roomId: room.id,
      });
    }
  }
}

// ---------------------------------------------------------------- devices

interface Mounted {
  device: Device;
  type: DeviceType;
  bottom: number;
  top: number;
}

/**
 * Devices on the rails per rack, sorted by their bottom U. Cached per devices collection (and
 * device types): the renderer's mirror keeps a collection's reference when an edit leaves it
 * untouched, so moving racks around does not re-read 40,000 devices (Object.values on an object
 * that large costs ~20 ms on its own).
 */
const mountedCache = new WeakMap<object, { types: object; byRack: Map<string, Mounted[]> }>();

function mountedByRack(snapshot: DocumentSnapshot): Map<string, Mounted[]> {
  const hit = mountedCache.get(snapshot.devices);
  if (hit && hit.types === snapshot.deviceTypes) return hit.byRack;
  const byRack = new Map<string, Mounted[]>();
  for (const id in snapshot.devices) {
    const device = snapshot.devices[id]!;
    const type = snapshot.deviceTypes[device.typeId];
    // Children sit in a chassis bay, not on the rails; a missing type is a document error.
    if (!type || device.parentDeviceId) continue;
    const mounted: Mounted = { device, type, bottom: device.position, top: device.position + type.uHeight };
    const list = byRack.get(device.rackId);
    if (list) list.push(mounted);
    else byRack.set(device.rackId, [mounted]);
  }
  for (const list of byRack.values()) list.sort((x, y) => x.bottom - y.bottom);
  mountedCache.set(snapshot.devices, { types: snapshot.deviceTypes, byRack });
  return byRack;
}

/** Rule 5: devices overlapping in U on a shared face, and devices outside the rack's U range. */
function deviceRules(snapshot: DocumentSnapshot, roomIds: ReadonlySet<string>, out: LayoutFinding[]): void {
  const byRack = mountedByRack(snapshot);
  for (const [rackId, list] of byRack) {
    const rack = snapshot.racks[rackId];
    if (!rack || !roomIds.has(rack.roomId)) continue;
    rackDeviceRules(rack, list, out);
  }
}

/**
 * The device rules of one rack, for the incremental checker: `devices` are the rack's devices
 * (children in chassis bays are skipped here, as they do not sit on the rails).
 */
export function rackDeviceFindings(rack: Rack, devices: Iterable<Device>, types: Readonly<Record<string, DeviceType>>): Finding[] {
  const list: Mounted[] = [];
  for (const device of devices) {
    const type = types[device.typeId];
    if (!type || device.parentDeviceId) continue;
    list.push({ device, type, bottom: device.position, top: device.position + type.uHeight });
  }
  list.sort((x, y) => x.bottom - y.bottom);
  const out: LayoutFinding[] = [];
  rackDeviceRules(rack, list, out);
  return out.map(toFinding);
}

function rackDeviceRules(rack: Rack, list: readonly Mounted[], out: LayoutFinding[]): void {
  const rackId = rack.id;
  {
    const base = { roomId: rack.roomId, rackId };
    for (const { device, type, top } of list) {
      if (type.uHeight === 0) continue;
      if (top - 1 > rack.uHeight && rackFitProblem(device, type, rack)) {
        const reachesU = Math.ceil(top - 1);
        out.push({
          ...base, id: `device-outside-rack:${device.id}`, severity: 'error', code: 'device-outside-rack', variant: 'above',
          message: `Device ${device.name} (${type.uHeight}U at ${formatU(device.position)}) reaches U${reachesU}, above the top of rack ${rack.name} (${rack.uHeight}U)`,
          params: { a: device.name, heightU: type.uHeight, position: formatU(device.position), reaches: `U${reachesU}`, rack: rack.name, rackU: rack.uHeight },
          entities: [{ kind: 'devices', id: device.id }, { kind: 'racks', id: rack.id }],
        });
      } else if (device.position < 1) {
        out.push({
          ...base, id: `device-outside-rack:${device.id}`, severity: 'error', code: 'device-outside-rack', variant: 'below',
          message: `Device ${device.name} starts at ${formatU(device.position)}, below U1 of rack ${rack.name}`,
          params: { a: device.name, position: formatU(device.position), rack: rack.name },
          entities: [{ kind: 'devices', id: device.id }, { kind: 'racks', id: rack.id }],
        });
      }
    }
    // Sweep in U (the list is sorted by bottom): only devices whose ranges overlap are compared.
    const active: Mounted[] = [];
    for (const cur of list) {
      if (cur.type.uHeight === 0) continue;
      let w = 0;
      for (const other of active) if (other.top > cur.bottom) active[w++] = other;
      active.length = w;
      for (const other of active) {
        const sharesFace = cur.device.face === other.device.face || cur.type.fullDepth || other.type.fullDepth;
        if (sharesFace && findCollision(cur.device, cur.type, [other])) deviceOverlap(cur, other, rack, base, out);
      }
      active.push(cur);
    }
  }
}

function deviceOverlap(
  p: { device: Device; type: DeviceType; bottom: number; top: number },
  q: { device: Device; type: DeviceType; bottom: number; top: number },
  rack: Rack,
  base: { roomId: string; rackId: string },
  out: LayoutFinding[],
): void {
  const [a, b] = [p, q].sort((x, y) => naturalCompare(x.device.name, y.device.name)) as [typeof p, typeof p];
  const span = uSpan(Math.max(a.bottom, b.bottom), Math.min(a.top, b.top));
  const id = `device-overlap:${sortedIds([a.device.id, b.device.id])}`;
  const entities: FindingEntity[] = [{ kind: 'devices', id: a.device.id }, { kind: 'devices', id: b.device.id }, { kind: 'racks', id: rack.id }];
  if (a.device.face === b.device.face) {
    out.push({
      ...base, id, severity: 'error', code: 'device-overlap', variant: a.device.face,
      message: `Devices ${a.device.name} and ${b.device.name} overlap at ${span} on the ${a.device.face} of rack ${rack.name}`,
      params: { a: a.device.name, b: b.device.name, span, rack: rack.name }, entities,
    });
    return;
  }
  // Different faces collide only through a full-depth device: name it as the blocker.
  const [full, behind] = a.type.fullDepth ? [a, b] : [b, a];
  out.push({
    ...base, id, severity: 'error', code: 'device-overlap', variant: 'behind',
    message: `Device ${behind.device.name} is behind full-depth ${full.device.name} at ${span} in rack ${rack.name}`,
    params: { a: behind.device.name, b: full.device.name, span, rack: rack.name }, entities,
  });
}
