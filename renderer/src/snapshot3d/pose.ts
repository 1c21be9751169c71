/**
 * The report's camera: the 3D view's own overview direction (from above one corner, looking at
 * the fronts of most racks: layout.ts overviewPose), moved in so the whole room (floor, walls and
 * what stands on it) just fills the picture. The 3D view frames a bounding sphere, which suits a
 * camera the user then moves; a printed picture wants the room edge to edge. Pure, tested in
 * pose.test.ts.
 */
import type { FloorEquipment, Rack, Room } from '../../../core/model/schema';
import type { CameraPose } from '../view3d/layout';
import { ceilingMm, dominantFrontDeg, footprintBounds, rackHeightMm, roomOutline } from '../view3d/layout';
import type { PlanCorner } from './contract';

const MM = 0.001;
/** Blank space kept around the room, as a share of the picture. */
const MARGIN = 0.04;

type Vec3 = [number, number, number];

const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const norm = (a: Vec3): Vec3 => {
  const l = Math.hypot(a[0], a[1], a[2]) || 1;
  return [a[0] / l, a[1] / l, a[2] / l];
};
const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];

/** The viewing direction (camera → room) of the 3D view's overview, for these racks. */
export function overviewDirection(racks: readonly Pick<Rack, 'rotationDeg'>[]): Vec3 {
  const th = ((dominantFrontDeg(racks) ?? 180) * Math.PI) / 180;
  const [fx, fz] = [Math.sin(th), -Math.cos(th)];
  const [sx, sz] = [Math.cos(th), Math.sin(th)];
  return norm([-0.8 * fx - 0.45 * sx, -0.75, -0.8 * fz - 0.45 * sz]);
}

/** The plan corner a camera looking along `direction` stands at (plan y runs down the page). */
export function cornerOf(direction: Vec3): PlanCorner {
  const vertical = -direction[2] > 0 ? 'bottom' : 'top';
  const horizontal = -direction[0] < 0 ? 'left' : 'right';
  return `${vertical}-${horizontal}`;
}

/**
 * Points the picture must hold: the floor's outline down to the slab's underside, the top of
 * every rack and piece of floor equipment, and the tops of the walls that stay in the picture
 * (those facing away from the camera: the cutaway leaves the others out, main.tsx).
 */
export function roomPoints(room: Room, racks: readonly Rack[], equipment: readonly FloorEquipment[], direction: Vec3): Vec3[] {
  const pts: Vec3[] = [];
  const slab = -Math.max(150, room.raisedFloorHeightMm ?? 0) * MM;
  const ceiling = ceilingMm(room) * MM;
  const outline = roomOutline(room);
  const [cx, cz] = roomCentre(room);
  for (let i = 0; i < outline.length; i++) {
    const a = outline[i]!;
    const b = outline[(i + 1) % outline.length]!;
    pts.push([a.xMm * MM, slab, a.yMm * MM], [a.xMm * MM, 0, a.yMm * MM]);
    // The edge's normal, turned outwards (away from the centre), against the way to the camera.
    let [nx, nz] = [b.yMm - a.yMm, a.xMm - b.xMm];
    if (nx * ((a.xMm + b.xMm) / 2 * MM - cx) + nz * ((a.yMm + b.yMm) / 2 * MM - cz) < 0) [nx, nz] = [-nx, -nz];
    if (nx * -direction[0] + nz * -direction[2] <= 0) pts.push([a.xMm * MM, ceiling, a.yMm * MM], [b.xMm * MM, ceiling, b.yMm * MM]);
  }
  const tops = [...racks.map((r) => ({ item: r, h: rackHeightMm(r) })), ...equipment.map((f) => ({ item: f, h: f.heightMm }))];
  for (const { item, h } of tops) {
    const b = footprintBounds(item, h);
    for (const x of [b.min[0], b.max[0]]) for (const z of [b.min[2], b.max[2]]) pts.push([x, b.max[1], z]);
  }
  return pts;
}

/**
 * A perspective camera looking along `direction` that holds every point, centred, with a small
 * margin: the distance each point needs (|x| ≤ tan(h)·depth, |y| ≤ tan(v)·depth) and a lateral
 * shift that centres their extent, twice (the shift changes the depths a little).
 */
export function fitPose(points: readonly Vec3[], direction: Vec3, fovDeg: number, aspect: number): CameraPose {
  const d = norm(direction);
  const right = norm(cross(d, [0, 1, 0]));
  const up = cross(right, d);
  const tanV = Math.tan((fovDeg * Math.PI) / 360) * (1 - 2 * MARGIN);
  const tanH = Math.tan((fovDeg * Math.PI) / 360) * aspect * (1 - 2 * MARGIN);
  let target: Vec3 = [0, 0, 0];
  for (const p of points) for (let k = 0; k < 3; k++) target[k]! += p[k]! / Math.max(1, points.length);
  let distance = 1;
  for (let pass = 0; pass < 3; pass++) {
    distance = 0.5;
    for (const p of points) {
      const o: Vec3 = [p[0] - target[0], p[1] - target[1], p[2] - target[2]];
      const x = dot(o, right);
      const y = dot(o, up);
      const z = dot(o, d);
      distance = Math.max(distance, Math.abs(x) / tanH - z, Math.abs(y) / tanV - z);
    }
    // Where the points land on the picture (as tangents), and the shift that centres them.
    let [xMin, xMax, yMin, yMax] = [Infinity, -Infinity, Infinity, -Infinity];
    for (const p of points) {
      const o: Vec3 = [p[0] - target[0], p[1] - target[1], p[2] - target[2]];
      const depth = distance + dot(o, d);
      const sx = dot(o, right) / depth;
      const sy = dot(o, up) / depth;
      [xMin, xMax, yMin, yMax] = [Math.min(xMin, sx), Math.max(xMax, sx), Math.min(yMin, sy), Math.max(yMax, sy)];
    }
    const cx = ((xMin + xMax) / 2) * distance;
    const cy = ((yMin + yMax) / 2) * distance;
    target = [target[0] + right[0] * cx + up[0] * cy, target[1] + right[1] * cx + up[1] * cy, target[2] + right[2] * cx + up[2] * cy];
  }
  return { position: [target[0] - d[0] * distance, target[1] - d[1] * distance, target[2] - d[2] * distance], target };
}

/** The centre of the room's floor outline (world metres, x and z): the mean of its corners. */
export function roomCentre(room: Room): [number, number] {
  const pts = roomOutline(room);
  return [pts.reduce((a, p) => a + p.xMm, 0) * MM / pts.length, pts.reduce((a, p) => a + p.yMm, 0) * MM / pts.length];
}

/** Width over height of the points as the camera sees them (with the margin), for a picture's shape. */
export function contentAspect(points: readonly Vec3[], direction: Vec3, fovDeg: number): number {
  const pose = fitPose(points, direction, fovDeg, 1);
  const d = norm(direction);
  const right = norm(cross(d, [0, 1, 0]));
  const up = cross(right, d);
  let [xMin, xMax, yMin, yMax] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const p of points) {
    const o: Vec3 = [p[0] - pose.position[0], p[1] - pose.position[1], p[2] - pose.position[2]];
    const depth = dot(o, d);
    [xMin, xMax] = [Math.min(xMin, dot(o, right) / depth), Math.max(xMax, dot(o, right) / depth)];
    [yMin, yMax] = [Math.min(yMin, dot(o, up) / depth), Math.max(yMax, dot(o, up) / depth)];
  }
  return (xMax - xMin) / Math.max(1e-6, yMax - yMin);
}

/** The widest picture the report takes (a long hall seen from its corner): width over height. */
const WIDEST = 2.4;

/**
 * The report's camera for a room, the plan corner it looks from (for the caption) and the
 * picture's height: `width` wide, and at most `maxHeight` tall, less for a wide room so it is not
 * lost in white space.
 */
export function snapshotPose(room: Room, racks: readonly Rack[], equipment: readonly FloorEquipment[], fovDeg: number, width: number, maxHeight: number): { pose: CameraPose; corner: PlanCorner; height: number } {
  const direction = overviewDirection(racks);
  const points = roomPoints(room, racks, equipment, direction);
  const height = Math.round(Math.min(maxHeight, Math.max(width / WIDEST, width / contentAspect(points, direction, fovDeg))));
  return { pose: fitPose(points, direction, fovDeg, width / height), corner: cornerOf(direction), height };
}
