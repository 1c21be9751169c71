/**
 * Geometry of the 3D view, pure (no WebGL, no DOM): where every rack frame, device face, piece of
 * floor equipment, obstacle and wall goes, written straight into the Float32Arrays that back the
 * instanced meshes (one per kind of thing, so draw calls stay flat as a hall grows: STYLE.md §4).
 *
 * World axes (three.js): metres, x right as on the plan, y up, z down the plan (plan y). The floor
 * top (the raised floor's walking surface) is y = 0. A plan rotation θ (clockwise, y down) is a
 * yaw of −θ about y; a rack's front is its local −z, so at θ = 0 the front faces up the plan.
 * Tested in layout.test.ts.
 */
import type { Device, DeviceType, DocumentSnapshot, Door, FloorEquipment, Obstacle, Point, Rack, Room, Row } from '../../../core/model/schema';

/** One rack unit (EIA-310): 1.75 in. */
export const U_MM = 44.45;
/** From the floor to the bottom of U1, and above the top U: the rack's plinth and roof. */
export const RACK_PLINTH_MM = 100;
export const DEFAULT_CEILING_MM = 3000;
export const DEFAULT_WALL_MM = 200;
export const DEFAULT_TILE_MM = 600;
/** Clear height of a door opening; the wall continues above it as a lintel. */
export const DOOR_HEIGHT_MM = 2100;
/** Device faces stand proud of the rack frame by this much, so they read as bezels. */
export const FACE_DEPTH_MM = 16;
/** The 19-inch opening between the rails. */
export const RAIL_WIDTH_MM = 482.6;
/** Width of a 0U (side-mounted) device strip, along the rack's depth. */
export const ZERO_U_WIDTH_MM = 60;
export const OBSTACLE_HEIGHT_MM = 1000;
/** Depth of the aisle hints drawn on the floor in front of and behind a row. */
export const AISLE_HINT_MM = 500;

const MM = 0.001;

/** Floats per instance matrix (column-major 4 × 4, as three.js stores instanceMatrix). */
export const MATRIX_FLOATS = 16;

/** Three.js yaw (radians about +y) of a plan rotation in degrees. */
export function yawOf(rotationDeg: number): number {
  return (-rotationDeg * Math.PI) / 180;
}

/**
 * Writes T·R_y(yaw)·S (a unit box centred on the origin becomes a box of size sx × sy × sz centred
 * on cx, cy, cz) at instance `index`, column-major.
 */
export function writeBoxMatrix(out: Float32Array, index: number, cx: number, cy: number, cz: number, yaw: number, sx: number, sy: number, sz: number): void {
  const c = Math.cos(yaw);
  const s = Math.sin(yaw);
  const o = index * MATRIX_FLOATS;
  out[o] = c * sx; out[o + 1] = 0; out[o + 2] = -s * sx; out[o + 3] = 0;
  out[o + 4] = 0; out[o + 5] = sy; out[o + 6] = 0; out[o + 7] = 0;
  out[o + 8] = s * sz; out[o + 9] = 0; out[o + 10] = c * sz; out[o + 11] = 0;
  out[o + 12] = cx; out[o + 13] = cy; out[o + 14] = cz; out[o + 15] = 1;
}

/** A point of a footprint's local frame (mm: x along the width, z towards the rear) in world metres. */
export function localToWorld(centre: { xMm: number; yMm: number }, rotationDeg: number, lx: number, ly: number, lz: number): [number, number, number] {
  const yaw = yawOf(rotationDeg);
  const c = Math.cos(yaw);
  const s = Math.sin(yaw);
  return [(centre.xMm + c * lx + s * lz) * MM, ly * MM, (centre.yMm - s * lx + c * lz) * MM];
}

export function rackHeightMm(rack: Pick<Rack, 'uHeight' | 'heightMm'>): number {
  return rack.heightMm ?? Math.round(rack.uHeight * U_MM + 2 * RACK_PLINTH_MM);
}

export function ceilingMm(room: Room): number {
  return room.ceilingHeightMm ?? DEFAULT_CEILING_MM;
}

/** The room's floor outline: its polygon, or the width × depth rectangle. */
export function roomOutline(room: Room): Point[] {
  if (room.outline && room.outline.length >= 3) return room.outline;
  return [{ xMm: 0, yMm: 0 }, { xMm: room.widthMm, yMm: 0 }, { xMm: room.widthMm, yMm: room.depthMm }, { xMm: 0, yMm: room.depthMm }];
}

/** Twice the signed area (shoelace) in plan coordinates; positive when clockwise on screen (y down). */
export function signedArea2(points: readonly Point[]): number {
  let a = 0;
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const q = points[(i + 1) % points.length]!;
    a += p.xMm * q.yMm - q.xMm * p.yMm;
  }
  return a;
}

// ---------------------------------------------------------------- racks and devices

export interface RackInstances {
  ids: string[];
  /** Rack frames: one unit box per rack. */
  frames: Float32Array;
  /** A thin strip along the top of each front face: which way the rack faces. */
  fronts: Float32Array;
}

export function layoutRacks(racks: readonly Rack[]): RackInstances {
  const frames = new Float32Array(racks.length * MATRIX_FLOATS);
  const fronts = new Float32Array(racks.length * MATRIX_FLOATS);
  racks.forEach((rack, i) => {
    const h = rackHeightMm(rack);
    const yaw = yawOf(rack.rotationDeg);
    writeBoxMatrix(frames, i, rack.xMm * MM, (h / 2) * MM, rack.yMm * MM, yaw, rack.widthMm * MM, h * MM, rack.depthMm * MM);
    const strip = Math.min(60, RACK_PLINTH_MM * 0.6);
    const [fx, fy, fz] = localToWorld(rack, rack.rotationDeg, 0, h - strip / 2, -rack.depthMm / 2 - FACE_DEPTH_MM / 2);
    writeBoxMatrix(fronts, i, fx, fy, fz, yaw, rack.widthMm * MM, strip * MM, FACE_DEPTH_MM * MM);
  });
  return { ids: racks.map((r) => r.id), frames, fronts };
}

/** Where a device face sits in its rack's local frame (mm), and its size. */
export interface FaceBox {
  lx: number;
  ly: number;
  lz: number;
  sx: number;
  sy: number;
  sz: number;
}

/**
 * The visible face of a device in its rack: a panel on the front (or on the rear for rear-mounted
 * gear) spanning its units; 0U gear (vertical PDUs) as a strip on the side of the rack, towards
 * the rear. `zeroUIndex` alternates sides when the device does not say which.
 */
export function deviceFace(rack: Rack, device: Device, type: DeviceType | undefined, zeroUIndex = 0): FaceBox {
  const uHeight = type?.uHeight ?? 1;
  const railW = Math.min(RAIL_WIDTH_MM, rack.widthMm - 40);
  if (uHeight === 0) {
    const side = device.side ?? (zeroUIndex % 2 === 0 ? 'left' : 'right');
    const span = rack.uHeight * U_MM * 0.9;
    return {
      lx: (side === 'left' ? -1 : 1) * (rack.widthMm / 2 + FACE_DEPTH_MM / 2),
      ly: RACK_PLINTH_MM + (rack.uHeight * U_MM) / 2,
      lz: rack.depthMm / 2 - ZERO_U_WIDTH_MM * (1.5 + Math.floor(zeroUIndex / 2) * 1.5),
      sx: FACE_DEPTH_MM,
      sy: span,
      sz: ZERO_U_WIDTH_MM,
    };
  }
  const heightMm = Math.max(8, uHeight * U_MM - 3);
  const z = rack.depthMm / 2 + FACE_DEPTH_MM / 2;
  return {
    lx: 0,
    ly: RACK_PLINTH_MM + (device.position - 1) * U_MM + (uHeight * U_MM) / 2,
    lz: device.face === 'rear' ? z : -z,
    sx: railW,
    sy: heightMm,
    sz: FACE_DEPTH_MM,
  };
}

export interface DeviceInstances {
  ids: string[];
  /** The rack of each device face, by index into the rack list. */
  rackIndex: Int32Array;
  /** One matrix per face for a unit quad in the x–y plane (its normal along local z). */
  faces: Float32Array;
}

/**
 * Device faces for the racks given. Child devices (in a chassis bay) are drawn by their chassis,
 * not on their own.
 */
export function layoutDevices(racks: readonly Rack[], devicesByRack: ReadonlyMap<string, readonly Device[]>, types: Readonly<Record<string, DeviceType>>): DeviceInstances {
  let count = 0;
  for (const rack of racks) for (const d of devicesByRack.get(rack.id) ?? []) if (!d.parentDeviceId) count++;
  const faces = new Float32Array(count * MATRIX_FLOATS);
  const rackIndex = new Int32Array(count);
  const ids: string[] = new Array<string>(count);
  let i = 0;
  racks.forEach((rack, r) => {
    const yaw = yawOf(rack.rotationDeg);
    let zeroU = 0;
    for (const d of devicesByRack.get(rack.id) ?? []) {
      if (d.parentDeviceId) continue;
      const type = types[d.typeId];
      const f = deviceFace(rack, d, type, type?.uHeight === 0 ? zeroU++ : 0);
      const [x, y, z] = localToWorld(rack, rack.rotationDeg, f.lx, f.ly, f.lz);
      // Faces are drawn as unit quads (2 triangles, not a box's 12: 40,000 devices stay cheap),
      // in their local x–y plane: a side strip turns a quarter so its quad faces sideways.
      if (f.sx < f.sz) writeBoxMatrix(faces, i, x, y, z, yaw + Math.PI / 2, f.sz * MM, f.sy * MM, f.sx * MM);
      else writeBoxMatrix(faces, i, x, y, z, yaw, f.sx * MM, f.sy * MM, f.sz * MM);
      rackIndex[i] = r;
      ids[i] = d.id;
      i++;
    }
  });
  return { ids, rackIndex, faces };
}

// ---------------------------------------------------------------- floor items

/** Boxes standing on the floor with a centre, a footprint, a rotation and a height. */
export function layoutFootprints(items: readonly { xMm: number; yMm: number; widthMm: number; depthMm: number; rotationDeg: number }[], heightMm: (index: number) => number): Float32Array {
  const out = new Float32Array(items.length * MATRIX_FLOATS);
  items.forEach((it, i) => {
    const h = heightMm(i);
    writeBoxMatrix(out, i, it.xMm * MM, (h / 2) * MM, it.yMm * MM, yawOf(it.rotationDeg), it.widthMm * MM, h * MM, it.depthMm * MM);
  });
  return out;
}

export function obstacleHeightMm(obstacle: Obstacle, room: Room): number {
  return obstacle.kind === 'obstacle' ? Math.min(OBSTACLE_HEIGHT_MM, ceilingMm(room)) : ceilingMm(room);
}

export const COOLING_KINDS: ReadonlySet<FloorEquipment['kind']> = new Set(['crah', 'crac', 'in-row-cooler']);
export const POWER_KINDS: ReadonlySet<FloorEquipment['kind']> = new Set(['floor-pdu', 'rpp', 'ups', 'battery-cabinet']);

// ---------------------------------------------------------------- walls and doors

/** A straight piece of wall between y0 and y1 (mm), centred on (xMm, yMm) in the plan. */
export interface WallPiece {
  xMm: number;
  yMm: number;
  rotationDeg: number;
  lengthMm: number;
  thicknessMm: number;
  y0Mm: number;
  y1Mm: number;
}

/** A door opening on a wall edge: the edge it cuts and its extent along it. */
export interface DoorOpening {
  doorId: string;
  edge: number;
  fromMm: number;
  toMm: number;
  piece: WallPiece;
}

/**
 * Walls along the outline's edges, standing outside the floor (the room's inner size stays the
 * drawn size), from the floor to the ceiling, cut where doors open: full height between openings,
 * a lintel above each. Each edge is lengthened by the wall thickness at its end to close the
 * corner it turns.
 */
export function layoutWalls(room: Room, doors: readonly Door[]): { walls: WallPiece[]; openings: DoorOpening[] } {
  const pts = roomOutline(room);
  const t = room.wallThicknessMm ?? DEFAULT_WALL_MM;
  const top = ceilingMm(room);
  const clockwise = signedArea2(pts) > 0;
  const walls: WallPiece[] = [];
  const openings: DoorOpening[] = [];
  for (let e = 0; e < pts.length; e++) {
    const a = pts[e]!;
    const b = pts[(e + 1) % pts.length]!;
    const dx = b.xMm - a.xMm;
    const dy = b.yMm - a.yMm;
    const len = Math.hypot(dx, dy);
    if (len < 1) continue;
    const ux = dx / len;
    const uy = dy / len;
    // Outward normal: right of the direction of travel when the outline runs clockwise on screen.
    const nx = clockwise ? uy : -uy;
    const ny = clockwise ? -ux : ux;
    const rotationDeg = ((Math.atan2(uy, ux) * 180) / Math.PI + 360) % 360;
    const at = (s: number) => ({ xMm: a.xMm + ux * s + (nx * t) / 2, yMm: a.yMm + uy * s + (ny * t) / 2 });
    const cuts: { from: number; to: number; doorId: string }[] = [];
    for (const door of doors) {
      const px = door.xMm - a.xMm;
      const py = door.yMm - a.yMm;
      const along = px * ux + py * uy;
      const across = Math.abs(px * -uy + py * ux);
      if (across > Math.max(t, 300) || along < 0 || along > len) continue;
      const from = Math.max(0, along - door.widthMm / 2);
      const to = Math.min(len, along + door.widthMm / 2);
      if (to > from) cuts.push({ from, to, doorId: door.id });
    }
    cuts.sort((p, q) => p.from - q.from);
    const end = len + (t > 0 ? t : 0);
    let s = 0;
    const solid = (from: number, to: number, y0: number, y1: number) => {
      if (to - from < 1 || y1 - y0 < 1) return;
      const c = at((from + to) / 2);
      walls.push({ ...c, rotationDeg, lengthMm: to - from, thicknessMm: Math.max(t, 20), y0Mm: y0, y1Mm: y1 });
    };
    for (const cut of cuts) {
      solid(s, Math.max(s, cut.from), 0, top);
      const from = Math.max(s, cut.from);
      const doorTop = Math.min(DOOR_HEIGHT_MM, top);
      solid(from, cut.to, doorTop, top);
      const c = at((from + cut.to) / 2);
      openings.push({ doorId: cut.doorId, edge: e, fromMm: from, toMm: cut.to, piece: { ...c, rotationDeg, lengthMm: cut.to - from, thicknessMm: Math.max(t, 20), y0Mm: 0, y1Mm: doorTop } });
      s = Math.max(s, cut.to);
    }
    solid(s, end, 0, top);
  }
  return { walls, openings };
}

export function layoutWallPieces(pieces: readonly WallPiece[]): Float32Array {
  const out = new Float32Array(pieces.length * MATRIX_FLOATS);
  pieces.forEach((p, i) => {
    writeBoxMatrix(out, i, p.xMm * MM, ((p.y0Mm + p.y1Mm) / 2) * MM, p.yMm * MM, yawOf(p.rotationDeg), p.lengthMm * MM, (p.y1Mm - p.y0Mm) * MM, p.thicknessMm * MM);
  });
  return out;
}

// ---------------------------------------------------------------- aisles

export interface AisleHint {
  rowId: string;
  kind: 'cold' | 'hot';
  xMm: number;
  yMm: number;
  rotationDeg: number;
  widthMm: number;
  depthMm: number;
}

/**
 * Strips on the floor along each row: in front of the racks (the row's front aisle) and behind
 * them (the other kind), so cold and hot aisles read at a glance.
 */
export function aisleHints(rows: readonly Row[], racks: Readonly<Record<string, Rack>>): AisleHint[] {
  const out: AisleHint[] = [];
  for (const row of rows) {
    const members = row.rackIds.map((id) => racks[id]).filter((r): r is Rack => r !== undefined);
    if (members.length === 0) continue;
    const th = (row.orientationDeg * Math.PI) / 180;
    // Plan directions: the fronts face f; the row runs along a.
    const fx = Math.sin(th);
    const fy = -Math.cos(th);
    const ax = Math.cos(th);
    const ay = Math.sin(th);
    let minA = Infinity;
    let maxA = -Infinity;
    let sumF = 0;
    let depth = 0;
    for (const r of members) {
      const along = r.xMm * ax + r.yMm * ay;
      minA = Math.min(minA, along - r.widthMm / 2);
      maxA = Math.max(maxA, along + r.widthMm / 2);
      sumF += r.xMm * fx + r.yMm * fy;
      depth = Math.max(depth, r.depthMm);
    }
    const midA = (minA + maxA) / 2;
    const midF = sumF / members.length;
    const place = (offset: number, kind: 'cold' | 'hot') => {
      const f = midF + offset;
      out.push({ rowId: row.id, kind, xMm: midA * ax + f * fx, yMm: midA * ay + f * fy, rotationDeg: row.orientationDeg, widthMm: maxA - minA, depthMm: AISLE_HINT_MM });
    };
    const front = row.frontAisle;
    place(depth / 2 + AISLE_HINT_MM / 2 + 20, front);
    place(-(depth / 2 + AISLE_HINT_MM / 2 + 20), front === 'cold' ? 'hot' : 'cold');
  }
  return out;
}

// ---------------------------------------------------------------- bounds and camera

export interface Bounds {
  min: [number, number, number];
  max: [number, number, number];
}

/** World bounds of a footprint box (metres). */
export function footprintBounds(item: { xMm: number; yMm: number; widthMm: number; depthMm: number; rotationDeg: number }, heightMm: number): Bounds {
  const th = (item.rotationDeg * Math.PI) / 180;
  const hw = (Math.abs(Math.cos(th)) * item.widthMm + Math.abs(Math.sin(th)) * item.depthMm) / 2;
  const hd = (Math.abs(Math.sin(th)) * item.widthMm + Math.abs(Math.cos(th)) * item.depthMm) / 2;
  return { min: [(item.xMm - hw) * MM, 0, (item.yMm - hd) * MM], max: [(item.xMm + hw) * MM, heightMm * MM, (item.yMm + hd) * MM] };
}

export function unionBounds(list: readonly Bounds[]): Bounds | null {
  if (list.length === 0) return null;
  const out: Bounds = { min: [...list[0]!.min], max: [...list[0]!.max] };
  for (const b of list) {
    for (let k = 0; k < 3; k++) {
      out.min[k] = Math.min(out.min[k]!, b.min[k]!);
      out.max[k] = Math.max(out.max[k]!, b.max[k]!);
    }
  }
  return out;
}

export function roomBounds(room: Room): Bounds {
  const pts = roomOutline(room);
  const xs = pts.map((p) => p.xMm);
  const ys = pts.map((p) => p.yMm);
  return { min: [Math.min(...xs) * MM, 0, Math.min(...ys) * MM], max: [Math.max(...xs) * MM, ceilingMm(room) * MM, Math.max(...ys) * MM] };
}

export interface CameraPose {
  position: [number, number, number];
  target: [number, number, number];
}

/**
 * A camera that frames `bounds` with a vertical field of view `fovDeg`, looking along `direction`
 * (from the camera towards the target, any length).
 */
export function framePose(bounds: Bounds, direction: readonly [number, number, number], fovDeg: number, aspect = 1.6, margin = 1.15): CameraPose {
  const target: [number, number, number] = [0, 1, 2].map((k) => (bounds.min[k]! + bounds.max[k]!) / 2) as [number, number, number];
  const radius = Math.max(0.5, Math.hypot(bounds.max[0] - bounds.min[0], bounds.max[1] - bounds.min[1], bounds.max[2] - bounds.min[2]) / 2);
  const vHalf = (fovDeg * Math.PI) / 360;
  const hHalf = Math.atan(Math.tan(vHalf) * aspect);
  const distance = (radius * margin) / Math.sin(Math.min(vHalf, hHalf));
  const len = Math.hypot(...direction) || 1;
  const position: [number, number, number] = [0, 1, 2].map((k) => target[k]! - (direction[k]! / len) * distance) as [number, number, number];
  return { position, target };
}

/**
 * The way most racks face (a plan rotation in degrees), or null when they disagree (as many face
 * one way as the other) or there are none.
 */
export function dominantFrontDeg(racks: readonly Pick<Rack, 'rotationDeg'>[]): number | null {
  let fx = 0;
  let fy = 0;
  for (const r of racks) {
    const th = (r.rotationDeg * Math.PI) / 180;
    fx += Math.sin(th);
    fy += -Math.cos(th);
  }
  if (racks.length === 0 || Math.hypot(fx, fy) < 0.2 * racks.length) return null;
  return ((Math.atan2(fx, -fy) * 180) / Math.PI + 360) % 360;
}

/**
 * The room seen from above one corner, looking at the fronts of most racks (`frontDeg`, default
 * 180: fronts facing down the plan): the first view of a room.
 */
export function overviewPose(room: Room, fovDeg: number, aspect = 1.6, frontDeg: number | null = null): CameraPose {
  const b = roomBounds(room);
  const flat: Bounds = { min: b.min, max: [b.max[0], Math.min(b.max[1], 2.2), b.max[2]] };
  const th = ((frontDeg ?? 180) * Math.PI) / 180;
  const [fx, fz] = [Math.sin(th), -Math.cos(th)];
  const [sx, sz] = [Math.cos(th), Math.sin(th)];
  return framePose(flat, [-0.8 * fx - 0.45 * sx, -0.75, -0.8 * fz - 0.45 * sz], fovDeg, aspect, 1.02);
}

/** The direction to look at a rack's front from: in front of it, a little to the side and above. */
export function frontViewDirection(rotationDeg: number): [number, number, number] {
  const th = (rotationDeg * Math.PI) / 180;
  // Front of the rack in world (x, z): (sin θ, −cos θ); the camera looks back against it.
  const fx = Math.sin(th);
  const fz = -Math.cos(th);
  const sx = Math.cos(th);
  const sz = Math.sin(th);
  return [-(fx + 0.35 * sx), -0.45, -(fz + 0.35 * sz)];
}

/** The things the 3D view draws for one room, picked out of the snapshot. */
export interface RoomContent {
  racks: Rack[];
  floorEquipment: FloorEquipment[];
  obstacles: Obstacle[];
  doors: Door[];
  rows: Row[];
}

export function roomContent(snapshot: DocumentSnapshot, roomId: string, racks: readonly Rack[]): RoomContent {
  const inRoom = <T extends { roomId: string }>(table: Record<string, T> | undefined) => Object.values(table ?? {}).filter((x) => x.roomId === roomId);
  return {
    racks: [...racks],
    floorEquipment: inRoom(snapshot.floorEquipment),
    obstacles: inRoom(snapshot.obstacles),
    doors: inRoom(snapshot.doors),
    rows: inRoom(snapshot.rows),
  };
}
