/**
 * The plan editor's pure geometry: the tile grid and its coordinates (A01…), snapping, hit
 * testing of rotated footprints, marquee selection, alignment guides, align/distribute and
 * rotation of a selection, room outlines and row layout. Room millimetres, x right, y down,
 * rotation clockwise (docs/format.md). Tested in planMath.test.ts.
 */
import type { Room } from '../../../core/model/schema';
import type { PlanSnap } from '../state/sessionSlice';
import type { Bounds, Point } from './geometry';

export const DEFAULT_TILE_MM = 600;
export const FINE_GRID_MM = 100;

// ---------------------------------------------------------------- tile grid

export interface TileGrid {
  sizeMm: number;
  originXMm: number;
  originYMm: number;
}

export function tileGrid(room: Pick<Room, 'tileSizeMm' | 'tileOriginXMm' | 'tileOriginYMm'>): TileGrid {
  return { sizeMm: room.tileSizeMm ?? DEFAULT_TILE_MM, originXMm: room.tileOriginXMm ?? 0, originYMm: room.tileOriginYMm ?? 0 };
}

/** Column letters as on a raised floor: 0 → A, 25 → Z, 26 → AA, 27 → AB… Negative indices get a minus. */
export function columnLabel(index: number): string {
  if (index < 0) return `-${columnLabel(-index - 1)}`;
  let name = '';
  let n = index;
  do {
    name = String.fromCharCode(65 + (n % 26)) + name;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return name;
}

/** Row numbers, 1-based and zero-padded to two digits: 0 → 01, 9 → 10. */
export function rowLabel(index: number): string {
  if (index < 0) return `-${String(-index).padStart(2, '0')}`;
  return String(index + 1).padStart(2, '0');
}

/** The tile under a point, as its column and row index and its name (B07). */
export function tileAt(grid: TileGrid, p: Point): { col: number; row: number; name: string } {
  const col = Math.floor((p.x - grid.originXMm) / grid.sizeMm);
  const row = Math.floor((p.y - grid.originYMm) / grid.sizeMm);
  return { col, row, name: `${columnLabel(col)}${rowLabel(row)}` };
}

/** Tile indices whose cells overlap [from, to) along one axis. */
export function tileRange(origin: number, size: number, from: number, to: number): number[] {
  const out: number[] = [];
  const first = Math.floor((from - origin) / size);
  const last = Math.ceil((to - origin) / size) - 1;
  for (let i = first; i <= last && out.length < 2000; i++) out.push(i);
  return out;
}

// ---------------------------------------------------------------- snapping

export function snapStepMm(mode: PlanSnap, grid: TileGrid): number {
  return mode === 'tile' ? grid.sizeMm : mode === 'fine' ? FINE_GRID_MM : 0;
}

/** Rounds `v` to the nearest multiple of `step` counted from `origin`; step 0 leaves it (to 0.1 mm). */
export function snapValue(v: number, step: number, origin = 0): number {
  if (step <= 0) return Math.round(v * 10) / 10;
  return origin + Math.round((v - origin) / step) * step;
}

/** Snaps a point to the tile corners (tile mode, counted from the tile origin) or the 100 mm grid. */
export function snapPoint(p: Point, mode: PlanSnap, grid: TileGrid): Point {
  const step = snapStepMm(mode, grid);
  const ox = mode === 'tile' ? grid.originXMm : 0;
  const oy = mode === 'tile' ? grid.originYMm : 0;
  return { x: snapValue(p.x, step, ox), y: snapValue(p.y, step, oy) };
}

/**
 * Where a footprint's centre goes so that its edges sit on the grid: a 600 × 1200 rack in tile
 * mode fills whole tiles (its centre is on a tile centre along x, on a tile edge along y).
 */
export function snapFootprintCenter(center: Point, size: { widthMm: number; depthMm: number; rotationDeg: number }, mode: PlanSnap, grid: TileGrid): Point {
  const step = snapStepMm(mode, grid);
  if (step <= 0) return { x: Math.round(center.x * 10) / 10, y: Math.round(center.y * 10) / 10 };
  const quarter = Math.round(size.rotationDeg / 90) % 2 === 1;
  const w = quarter ? size.depthMm : size.widthMm;
  const d = quarter ? size.widthMm : size.depthMm;
  const ox = mode === 'tile' ? grid.originXMm : 0;
  const oy = mode === 'tile' ? grid.originYMm : 0;
  return { x: snapValue(center.x - w / 2, step, ox) + w / 2, y: snapValue(center.y - d / 2, step, oy) + d / 2 };
}

/** A line end constrained to 0/45/90° from `from` when within `toleranceDeg` of it (ortho mode). */
export function snapAngle(from: Point, to: Point, toleranceDeg = 8): Point {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const len = Math.hypot(dx, dy);
  if (len === 0) return to;
  const deg = (Math.atan2(dy, dx) * 180) / Math.PI;
  const nearest = Math.round(deg / 45) * 45;
  if (Math.abs(deg - nearest) > toleranceDeg) return to;
  const r = (nearest * Math.PI) / 180;
  return { x: from.x + Math.round(Math.cos(r) * len * 10) / 10, y: from.y + Math.round(Math.sin(r) * len * 10) / 10 };
}

// ---------------------------------------------------------------- footprints

export interface Footprint {
  xMm: number;
  yMm: number;
  widthMm: number;
  depthMm: number;
  rotationDeg: number;
}

export function footprintCorners(f: Footprint): [Point, Point, Point, Point] {
  const a = (f.rotationDeg * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const hw = f.widthMm / 2;
  const hd = f.depthMm / 2;
  const at = (dx: number, dy: number): Point => ({ x: f.xMm + dx * cos - dy * sin, y: f.yMm + dx * sin + dy * cos });
  return [at(-hw, -hd), at(hw, -hd), at(hw, hd), at(-hw, hd)];
}

export function boundsOf(points: readonly Point[]): Bounds {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    if (p.x < minX) minX = p.x;
    if (p.y < minY) minY = p.y;
    if (p.x > maxX) maxX = p.x;
    if (p.y > maxY) maxY = p.y;
  }
  return { minX, minY, maxX, maxY };
}

export function footprintBounds(f: Footprint): Bounds {
  return boundsOf(footprintCorners(f));
}

export function unionBounds(list: readonly Bounds[]): Bounds | null {
  if (list.length === 0) return null;
  return {
    minX: Math.min(...list.map((b) => b.minX)),
    minY: Math.min(...list.map((b) => b.minY)),
    maxX: Math.max(...list.map((b) => b.maxX)),
    maxY: Math.max(...list.map((b) => b.maxY)),
  };
}

/** Whether a point lies on a rotated footprint (edges included), with an optional tolerance. */
export function pointInFootprint(p: Point, f: Footprint, toleranceMm = 0): boolean {
  const a = (-f.rotationDeg * Math.PI) / 180;
  const dx = p.x - f.xMm;
  const dy = p.y - f.yMm;
  const lx = dx * Math.cos(a) - dy * Math.sin(a);
  const ly = dx * Math.sin(a) + dy * Math.cos(a);
  return Math.abs(lx) <= f.widthMm / 2 + toleranceMm && Math.abs(ly) <= f.depthMm / 2 + toleranceMm;
}

/** Distance from a point to a segment. */
export function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

// ---------------------------------------------------------------- plan items

export type PlacedKind = 'rack' | 'floorEquipment' | 'obstacle' | 'door' | 'annotation';

/** Anything placed on the plan, reduced to what the editor's geometry needs. */
export interface PlanItem extends Footprint {
  kind: PlacedKind;
  id: string;
  /** Second end of a dimension annotation. */
  x2Mm?: number;
  y2Mm?: number;
}

export const itemKey = (i: { kind: string; id: string }) => `${i.kind}|${i.id}`;

/** The box an item occupies, for marquee and guides (a dimension line spans both its ends). */
export function itemBounds(item: PlanItem): Bounds {
  if (item.x2Mm !== undefined && item.y2Mm !== undefined) {
    return boundsOf([{ x: item.xMm, y: item.yMm }, { x: item.x2Mm, y: item.y2Mm }]);
  }
  return footprintBounds(item);
}

/**
 * The topmost item under a point (the last drawn wins: racks are drawn over floor equipment,
 * annotations over everything). `toleranceMm` widens thin things such as dimension lines.
 */
export function hitTest(items: readonly PlanItem[], p: Point, toleranceMm = 0): PlanItem | null {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    if (item.x2Mm !== undefined && item.y2Mm !== undefined) {
      if (distanceToSegment(p, { x: item.xMm, y: item.yMm }, { x: item.x2Mm, y: item.y2Mm }) <= Math.max(toleranceMm, 1)) return item;
    } else if (pointInFootprint(p, item, toleranceMm)) {
      return item;
    }
  }
  return null;
}

/**
 * Marquee selection, as in CAD programs: dragged left to right (a window) it takes what lies
 * wholly inside; dragged right to left (crossing) it also takes what it touches.
 */
export function marqueeSelect(items: readonly PlanItem[], from: Point, to: Point): PlanItem[] {
  const box: Bounds = { minX: Math.min(from.x, to.x), minY: Math.min(from.y, to.y), maxX: Math.max(from.x, to.x), maxY: Math.max(from.y, to.y) };
  const crossing = to.x < from.x;
  return items.filter((item) => {
    const b = itemBounds(item);
    if (crossing) return b.minX <= box.maxX && b.maxX >= box.minX && b.minY <= box.maxY && b.maxY >= box.minY;
    return b.minX >= box.minX && b.maxX <= box.maxX && b.minY >= box.minY && b.maxY <= box.maxY;
  });
}

// ---------------------------------------------------------------- moves

/** One item's new place, as `layout.move` takes it. */
export interface ItemMove {
  kind: PlacedKind;
  id: string;
  xMm: number;
  yMm: number;
  rotationDeg?: number;
  x2Mm?: number;
  y2Mm?: number;
}

const r1 = (v: number) => Math.round(v * 10) / 10;

export function translateItems(items: readonly PlanItem[], dx: number, dy: number): ItemMove[] {
  return items.map((i) => {
    const move: ItemMove = { kind: i.kind, id: i.id, xMm: r1(i.xMm + dx), yMm: r1(i.yMm + dy) };
    if (i.x2Mm !== undefined) move.x2Mm = r1(i.x2Mm + dx);
    if (i.y2Mm !== undefined) move.y2Mm = r1(i.y2Mm + dy);
    return move;
  });
}

export const normaliseDeg = (deg: number) => {
  const r = ((deg % 360) + 360) % 360;
  return Math.abs(r - 360) < 1e-9 ? 0 : Math.round(r * 1e6) / 1e6;
};

/**
 * Turns a selection by `deg` (clockwise) about the centre of its bounding box: each item's
 * centre moves round that point and its own rotation turns by the same angle.
 */
export function rotateItems(items: readonly PlanItem[], deg: number): ItemMove[] {
  const box = unionBounds(items.map(itemBounds));
  if (!box) return [];
  const c = { x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2 };
  const a = (deg * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const turn = (x: number, y: number) => ({ x: r1(c.x + (x - c.x) * cos - (y - c.y) * sin), y: r1(c.y + (x - c.x) * sin + (y - c.y) * cos) });
  return items.map((i) => {
    const p = turn(i.xMm, i.yMm);
    const move: ItemMove = { kind: i.kind, id: i.id, xMm: p.x, yMm: p.y };
    if (i.x2Mm !== undefined && i.y2Mm !== undefined) {
      const q = turn(i.x2Mm, i.y2Mm);
      move.x2Mm = q.x;
      move.y2Mm = q.y;
    } else {
      move.rotationDeg = normaliseDeg(i.rotationDeg + deg);
    }
    return move;
  });
}

export type AlignMode = 'left' | 'right' | 'top' | 'bottom' | 'centerX' | 'centerY';

/** Aligns the items' boxes on the selection's left/right/top/bottom edge or its centre line. */
export function alignItems(items: readonly PlanItem[], mode: AlignMode): ItemMove[] {
  const boxes = items.map(itemBounds);
  const all = unionBounds(boxes);
  if (!all) return [];
  return items.map((item, i) => {
    const b = boxes[i]!;
    let dx = 0;
    let dy = 0;
    if (mode === 'left') dx = all.minX - b.minX;
    else if (mode === 'right') dx = all.maxX - b.maxX;
    else if (mode === 'top') dy = all.minY - b.minY;
    else if (mode === 'bottom') dy = all.maxY - b.maxY;
    else if (mode === 'centerX') dx = (all.minX + all.maxX) / 2 - (b.minX + b.maxX) / 2;
    else dy = (all.minY + all.maxY) / 2 - (b.minY + b.maxY) / 2;
    return translateItems([item], dx, dy)[0]!;
  });
}

/**
 * Spreads three or more items so the gaps between their boxes are equal along an axis; the first
 * and last (by position) stay where they are.
 */
export function distributeItems(items: readonly PlanItem[], axis: 'x' | 'y'): ItemMove[] {
  if (items.length < 3) return [];
  const entries = items.map((item) => ({ item, b: itemBounds(item) }));
  const lo = (b: Bounds) => (axis === 'x' ? b.minX : b.minY);
  const hi = (b: Bounds) => (axis === 'x' ? b.maxX : b.maxY);
  entries.sort((a, b) => (lo(a.b) + hi(a.b)) - (lo(b.b) + hi(b.b)));
  const start = lo(entries[0]!.b);
  const end = Math.max(...entries.map((e) => hi(e.b)));
  const sizes = entries.reduce((sum, e) => sum + hi(e.b) - lo(e.b), 0);
  const gap = (end - start - sizes) / (entries.length - 1);
  let cursor = start;
  const moved = new Map<string, ItemMove>();
  for (const e of entries) {
    const d = cursor - lo(e.b);
    moved.set(itemKey(e.item), translateItems([e.item], axis === 'x' ? d : 0, axis === 'y' ? d : 0)[0]!);
    cursor += hi(e.b) - lo(e.b) + gap;
  }
  return items.map((i) => moved.get(itemKey(i))!);
}

// ---------------------------------------------------------------- alignment guides

export interface Guide {
  axis: 'x' | 'y';
  /** The x (for a vertical guide) or y (horizontal) it runs along. */
  at: number;
  /** Extent of the guide line along the other axis. */
  from: number;
  to: number;
}

/**
 * While dragging: pulls the moving box onto other items' edges and centres when one of its own
 * edges or its centre comes within `toleranceMm`, and says which guide lines to draw.
 */
export function alignmentGuides(moving: Bounds, others: readonly Bounds[], toleranceMm: number): { dx: number; dy: number; guides: Guide[] } {
  const pick = (axis: 'x' | 'y') => {
    const mine = axis === 'x' ? [moving.minX, (moving.minX + moving.maxX) / 2, moving.maxX] : [moving.minY, (moving.minY + moving.maxY) / 2, moving.maxY];
    let best: { delta: number; at: number } | null = null;
    for (const o of others) {
      const theirs = axis === 'x' ? [o.minX, (o.minX + o.maxX) / 2, o.maxX] : [o.minY, (o.minY + o.maxY) / 2, o.maxY];
      for (const m of mine) {
        for (const t of theirs) {
          const delta = t - m;
          if (Math.abs(delta) <= toleranceMm && (!best || Math.abs(delta) < Math.abs(best.delta))) best = { delta, at: t };
        }
      }
    }
    return best;
  };
  const bx = pick('x');
  const by = pick('y');
  const dx = bx?.delta ?? 0;
  const dy = by?.delta ?? 0;
  const moved: Bounds = { minX: moving.minX + dx, maxX: moving.maxX + dx, minY: moving.minY + dy, maxY: moving.maxY + dy };
  const guides: Guide[] = [];
  const eps = 0.5;
  if (bx) {
    const touching = others.filter((o) => [o.minX, (o.minX + o.maxX) / 2, o.maxX].some((v) => Math.abs(v - bx.at) < eps));
    const ys = touching.flatMap((o) => [o.minY, o.maxY]).concat([moved.minY, moved.maxY]);
    guides.push({ axis: 'x', at: bx.at, from: Math.min(...ys), to: Math.max(...ys) });
  }
  if (by) {
    const touching = others.filter((o) => [o.minY, (o.minY + o.maxY) / 2, o.maxY].some((v) => Math.abs(v - by.at) < eps));
    const xs = touching.flatMap((o) => [o.minX, o.maxX]).concat([moved.minX, moved.maxX]);
    guides.push({ axis: 'y', at: by.at, from: Math.min(...xs), to: Math.max(...xs) });
  }
  return { dx, dy, guides };
}

// ---------------------------------------------------------------- rooms

/** The room's outline: its polygon, or the rectangle of its width and depth. */
export function roomOutline(room: Pick<Room, 'widthMm' | 'depthMm' | 'outline'>): Point[] {
  if (room.outline && room.outline.length >= 3) return room.outline.map((p) => ({ x: p.xMm, y: p.yMm }));
  return [{ x: 0, y: 0 }, { x: room.widthMm, y: 0 }, { x: room.widthMm, y: room.depthMm }, { x: 0, y: room.depthMm }];
}

/** Twice the signed area; positive for a clockwise polygon on the plan (y down). */
export function signedArea2(points: readonly Point[]): number {
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const a = points[i]!;
    const b = points[(i + 1) % points.length]!;
    sum += a.x * b.y - b.x * a.y;
  }
  return sum;
}

export function polygonArea(points: readonly Point[]): number {
  return Math.abs(signedArea2(points)) / 2;
}

/**
 * A drawn outline as `room.create` takes it: clockwise, moved so its bounding box starts at
 * (0, 0), with the width and depth of that box. Repeated points are dropped.
 */
export function normaliseOutline(points: readonly Point[]): { outline: { xMm: number; yMm: number }[]; widthMm: number; depthMm: number } | null {
  const clean = points.filter((p, i) => {
    const prev = points[(i - 1 + points.length) % points.length]!;
    return i === 0 ? Math.hypot(p.x - points[points.length - 1]!.x, p.y - points[points.length - 1]!.y) > 1 : Math.hypot(p.x - prev.x, p.y - prev.y) > 1;
  });
  if (clean.length < 3 || polygonArea(clean) < 1) return null;
  const ordered = signedArea2(clean) < 0 ? [...clean].reverse() : clean;
  const b = boundsOf(ordered);
  return {
    outline: ordered.map((p) => ({ xMm: r1(p.x - b.minX), yMm: r1(p.y - b.minY) })),
    widthMm: r1(b.maxX - b.minX),
    depthMm: r1(b.maxY - b.minY),
  };
}

export function pointInPolygon(p: Point, poly: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[i]!;
    const b = poly[j]!;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

// ---------------------------------------------------------------- rows

/**
 * A row drawn as a line: how many racks of `rackWidthMm` fit along it, which way their fronts
 * face, and the centre of the first rack, as `row.create` takes them. `flip` turns the fronts to
 * the other side of the line (the racks then run from its far end, so they still cover it).
 */
export function rowFromLine(from: Point, to: Point, rackWidthMm: number, flip: boolean, count?: number): { count: number; xMm: number; yMm: number; orientationDeg: number; lengthMm: number } {
  const len = Math.hypot(to.x - from.x, to.y - from.y);
  const ux = len > 0 ? (to.x - from.x) / len : 1;
  const uy = len > 0 ? (to.y - from.y) / len : 0;
  const n = Math.max(1, Math.min(60, count ?? Math.max(1, Math.floor((len + 1) / rackWidthMm))));
  const along = normaliseDeg((Math.atan2(uy, ux) * 180) / Math.PI);
  if (!flip) {
    return { count: n, xMm: r1(from.x + ux * rackWidthMm / 2), yMm: r1(from.y + uy * rackWidthMm / 2), orientationDeg: along, lengthMm: len };
  }
  const far = n * rackWidthMm - rackWidthMm / 2;
  return { count: n, xMm: r1(from.x + ux * far), yMm: r1(from.y + uy * far), orientationDeg: normaliseDeg(along + 180), lengthMm: len };
}

/**
 * The oriented box round a row's racks, in the row's frame: `corners` to draw, and the front
 * edge (the aisle side its fronts face).
 */
export function rowOutline(racks: readonly Footprint[], orientationDeg: number, marginMm = 60): { corners: Point[]; front: [Point, Point]; center: Point } | null {
  if (racks.length === 0) return null;
  const a = (orientationDeg * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  // Into the row frame (undo the rotation), take the box, and back.
  const local = racks.flatMap((r) => footprintCorners(r)).map((p) => ({ x: p.x * cos + p.y * sin, y: -p.x * sin + p.y * cos }));
  const b = boundsOf(local);
  const world = (x: number, y: number): Point => ({ x: x * cos - y * sin, y: x * sin + y * cos });
  const m = marginMm;
  const corners = [world(b.minX - m, b.minY - m), world(b.maxX + m, b.minY - m), world(b.maxX + m, b.maxY + m), world(b.minX - m, b.maxY + m)];
  return { corners, front: [corners[0]!, corners[1]!], center: world((b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2) };
}
