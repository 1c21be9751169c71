import { describe, expect, it } from 'vitest';
import type { Device, DeviceType, Door, Rack, Room, Row } from '../../../core/model/schema';
import type { Bounds, CameraPose } from './layout';
import {
  FACE_DEPTH_MM, MATRIX_FLOATS, RACK_PLINTH_MM, U_MM, aisleHints, deviceFace, dominantFrontDeg, footprintBounds, overviewPose, framePose, frontViewDirection,
  layoutDevices, layoutRacks, layoutWalls, localToWorld, rackHeightMm, roomOutline, signedArea2, writeBoxMatrix, yawOf,
} from './layout';

const rack = (over: Partial<Rack> = {}): Rack => ({
  id: 'rack:a01', name: 'A01', roomId: 'room:1', xMm: 3000, yMm: 2000, rotationDeg: 0, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 10, maxKg: 1000, ...over,
});
const type = (over: Partial<DeviceType> = {}): DeviceType => ({
  id: 'dt:1u', manufacturer: 'Acme', model: '1U', uHeight: 1, fullDepth: true, weightKg: 10, powerMaxW: 500, powerTypicalW: 300, airflow: 'front-to-rear', role: 'server', ...over,
});
const device = (over: Partial<Device> = {}): Device => ({ id: 'dev:1', name: 'srv1', rackId: 'rack:a01', typeId: 'dt:1u', position: 1, face: 'front', ...over });

/** Applies instance `i` of a column-major matrix array to a point. */
function apply(m: Float32Array, i: number, p: [number, number, number]): [number, number, number] {
  const o = i * MATRIX_FLOATS;
  return [0, 1, 2].map((r) => m[o + r]! * p[0] + m[o + 4 + r]! * p[1] + m[o + 8 + r]! * p[2] + m[o + 12 + r]!) as [number, number, number];
}

/** Every corner of the bounds lies within the camera's vertical half-angle of its line of sight. */
function seesWhole(pose: CameraPose, b: Bounds, fovDeg: number): boolean {
  const dir = [0, 1, 2].map((k) => pose.target[k]! - pose.position[k]!);
  const len = Math.hypot(...dir);
  for (const x of [b.min[0], b.max[0]]) for (const y of [b.min[1], b.max[1]]) for (const z of [b.min[2], b.max[2]]) {
    const v = [x - pose.position[0], y - pose.position[1], z - pose.position[2]];
    const cos = (v[0]! * dir[0]! + v[1]! * dir[1]! + v[2]! * dir[2]!) / (Math.hypot(...v) * len);
    if (Math.acos(Math.min(1, cos)) > (fovDeg * Math.PI) / 360) return false;
  }
  return true;
}

const close = (a: readonly number[], b: readonly number[], digits = 6) => a.forEach((v, k) => expect(v).toBeCloseTo(b[k]!, digits));

describe('3D layout: instance matrices', () => {
  it('turns a unit box into a box of the given size, yaw and centre', () => {
    const m = new Float32Array(MATRIX_FLOATS * 2);
    writeBoxMatrix(m, 1, 5, 1, 3, 0, 0.6, 2, 1.2);
    // The first instance is untouched; the second maps the unit cube's corner to the box corner.
    expect([...m.slice(0, 16)].every((v) => v === 0)).toBe(true);
    close(apply(m, 1, [0.5, 0.5, 0.5]), [5.3, 2, 3.6]);
    close(apply(m, 1, [-0.5, -0.5, -0.5]), [4.7, 0, 2.4]);
    expect(m[31]).toBe(1);
  });

  it('maps a plan rotation (clockwise, y down) to a yaw that turns the rack front the same way', () => {
    // Front is the local −z: at 0° it faces up the plan (−z), at 90° right (+x), at 180° down (+z).
    for (const [deg, front] of [[0, [0, -1]], [90, [1, 0]], [180, [0, 1]], [270, [-1, 0]]] as const) {
      const [x, , z] = localToWorld({ xMm: 0, yMm: 0 }, deg, 0, 0, -1000);
      close([x, z], front);
    }
    expect(yawOf(90)).toBeCloseTo(-Math.PI / 2);
  });

  it('stands racks on the floor with their real height and footprint, front strip on the front face', () => {
    const r = rack({ xMm: 3000, yMm: 2000, rotationDeg: 90 });
    const { ids, frames, fronts } = layoutRacks([r]);
    expect(ids).toEqual(['rack:a01']);
    const h = rackHeightMm(r) / 1000;
    expect(h).toBeCloseTo((42 * U_MM + 2 * RACK_PLINTH_MM) / 1000, 3);
    // Rotated 90°: the 1200 mm depth now runs along x, the 600 mm width along z.
    const corners = [-0.5, 0.5].flatMap((x) => [-0.5, 0.5].flatMap((y) => [-0.5, 0.5].map((z) => apply(frames, 0, [x, y, z]))));
    close([0, 1, 2].map((k) => Math.min(...corners.map((c) => c[k]!))), [2.4, 0, 1.7]);
    close([0, 1, 2].map((k) => Math.max(...corners.map((c) => c[k]!))), [3.6, h, 2.3]);
    // The front strip sits beyond the front face (+x at 90°), at the top.
    const [fx, fy] = apply(fronts, 0, [0, 0, 0]);
    expect(fx).toBeGreaterThan(3.6);
    expect(fy).toBeGreaterThan(h - 0.1);
    expect(rackHeightMm(rack({ heightMm: 2200 }))).toBe(2200);
  });

  it('puts device faces at their units, front or rear, and 0U gear on alternating sides', () => {
    const r = rack();
    const front = deviceFace(r, device({ position: 10 }), type({ uHeight: 2 }));
    expect(front.ly).toBeCloseTo(RACK_PLINTH_MM + 9 * U_MM + U_MM);
    expect(front.lz).toBeCloseTo(-(600 + FACE_DEPTH_MM / 2));
    expect(front.sy).toBeCloseTo(2 * U_MM - 3);
    const rear = deviceFace(r, device({ face: 'rear' }), type());
    expect(rear.lz).toBeGreaterThan(600);
    const left = deviceFace(r, device(), type({ uHeight: 0 }), 0);
    const right = deviceFace(r, device(), type({ uHeight: 0 }), 1);
    expect(left.lx).toBeLessThan(-300);
    expect(right.lx).toBeGreaterThan(300);
    expect(deviceFace(r, device({ side: 'right' }), type({ uHeight: 0 }), 0).lx).toBeGreaterThan(300);
    // Side strips run along the depth: thin across x, long in y.
    expect(left.sx).toBe(FACE_DEPTH_MM);
    expect(left.sy).toBeGreaterThan(1500);
  });

  it('lays out one face per device across racks, skipping children in a chassis bay', () => {
    const a = rack();
    const b = rack({ id: 'rack:a02', xMm: 3600 });
    const byRack = new Map<string, Device[]>([
      [a.id, [device({ id: 'd1', position: 1 }), device({ id: 'd2', position: 2 })]],
      [b.id, [device({ id: 'd3', rackId: b.id }), device({ id: 'child', rackId: b.id, parentDeviceId: 'd3' })]],
    ]);
    const out = layoutDevices([a, b], byRack, { 'dt:1u': type() });
    expect(out.ids).toEqual(['d1', 'd2', 'd3']);
    expect([...out.rackIndex]).toEqual([0, 0, 1]);
    expect(out.faces.length).toBe(3 * MATRIX_FLOATS);
    // d3 is 600 mm to the right of d1, at the same height.
    const p1 = apply(out.faces, 0, [0, 0, 0]);
    const p3 = apply(out.faces, 2, [0, 0, 0]);
    close([p3[0] - p1[0], p3[1] - p1[1]], [0.6, 0]);
    // Faces are quads in their x–y plane: a front face spans the rails across x and faces −z.
    const a0 = apply(out.faces, 0, [-0.5, 0, 0]);
    const a1 = apply(out.faces, 0, [0.5, 0, 0]);
    close([a1[0] - a0[0], a1[2] - a0[2]], [0.4826, 0], 4);
  });

  it('turns the quad of a side-mounted (0U) device to face sideways, along the depth of the rack', () => {
    const r = rack();
    const byRack = new Map<string, Device[]>([[r.id, [device({ id: 'pdu', typeId: 'dt:0u', face: 'rear' })]]]);
    const out = layoutDevices([r], byRack, { 'dt:0u': type({ id: 'dt:0u', uHeight: 0, role: 'pdu' }) });
    const a0 = apply(out.faces, 0, [-0.5, 0, 0]);
    const a1 = apply(out.faces, 0, [0.5, 0, 0]);
    // Its width runs along z (the depth) and it stands just outside the left side (x < 3.0 − 0.3).
    expect(Math.abs(a1[0] - a0[0])).toBeLessThan(1e-6);
    expect(Math.abs(a1[2] - a0[2])).toBeCloseTo(0.06, 4);
    expect(a0[0]).toBeLessThan(2.7);
  });
});

describe('3D layout: walls, doors and aisles', () => {
  const room: Room = { id: 'room:1', name: 'Hall', widthMm: 10_000, depthMm: 6000, wallThicknessMm: 200, ceilingHeightMm: 3500 };

  it('reads the outline, or the width × depth rectangle, clockwise on screen', () => {
    expect(roomOutline(room)).toHaveLength(4);
    expect(signedArea2(roomOutline(room))).toBeGreaterThan(0);
    const l = [{ xMm: 0, yMm: 0 }, { xMm: 4000, yMm: 0 }, { xMm: 4000, yMm: 2000 }, { xMm: 2000, yMm: 2000 }, { xMm: 2000, yMm: 4000 }, { xMm: 0, yMm: 4000 }];
    expect(roomOutline({ ...room, outline: l })).toBe(l);
  });

  it('stands the walls outside the floor, to the ceiling, closing the corners', () => {
    const { walls, openings } = layoutWalls(room, []);
    expect(walls).toHaveLength(4);
    expect(openings).toEqual([]);
    const top = walls[0]!;
    // The top wall runs along x, 100 mm above the floor edge (outside), lengthened by one thickness.
    expect(top.yMm).toBeCloseTo(-100);
    expect(top.lengthMm).toBe(10_200);
    expect(top.y1Mm).toBe(3500);
    expect(walls.every((w) => w.thicknessMm === 200)).toBe(true);
    // Outside on every side, whichever way the outline is drawn.
    const ccw = layoutWalls({ ...room, outline: [...roomOutline(room)].reverse() }, []).walls;
    expect(ccw.some((w) => w.yMm < 0)).toBe(true);
    expect(ccw.some((w) => w.xMm > 10_000)).toBe(true);
  });

  it('cuts a door opening out of its wall and keeps a lintel above it', () => {
    const door: Door = { id: 'door:1', roomId: 'room:1', xMm: 0, yMm: 3000, widthMm: 1000, rotationDeg: 90 };
    const { walls, openings } = layoutWalls(room, [door]);
    expect(openings).toHaveLength(1);
    expect(openings[0]).toMatchObject({ doorId: 'door:1', fromMm: 2500, toMm: 3500 });
    // The left wall (edge 3, from (0,6000) up to (0,0)) is now below, above and a lintel.
    const left = walls.filter((w) => Math.abs(w.xMm + 100) < 1);
    expect(left).toHaveLength(3);
    const lintel = left.find((w) => w.y0Mm > 0)!;
    expect(lintel.lengthMm).toBeCloseTo(1000);
    expect(lintel.y0Mm).toBe(2100);
    expect(left.filter((w) => w.y0Mm === 0).reduce((n, w) => n + w.lengthMm, 0)).toBeCloseTo(6000 - 1000 + 200);
  });

  it('draws the cold aisle in front of a row and the hot aisle behind it', () => {
    const racks = Object.fromEntries([0, 1, 2].map((i) => [`r${i}`, rack({ id: `r${i}`, xMm: 1000 + i * 600, yMm: 3000, rotationDeg: 180 })]));
    const row: Row = { id: 'row:a', name: 'A', roomId: 'room:1', rackIds: ['r0', 'r1', 'r2'], orientationDeg: 180, frontAisle: 'cold', containment: 'none' };
    const hints = aisleHints([row], racks);
    expect(hints.map((h) => h.kind)).toEqual(['cold', 'hot']);
    const [cold, hot] = hints as [typeof hints[0], typeof hints[0]];
    // Fronts face down the plan (180°): the cold strip is below the row, the hot one above.
    expect(cold.yMm).toBeGreaterThan(3600);
    expect(hot.yMm).toBeLessThan(2400);
    expect(cold.xMm).toBeCloseTo(1600);
    expect(cold.widthMm).toBeCloseTo(1800);
    expect(aisleHints([{ ...row, rackIds: ['gone'] }], racks)).toEqual([]);
  });
});

describe('3D layout: camera', () => {
  it('frames bounds from the given direction, far enough to see them whole', () => {
    const bounds = footprintBounds(rack({ xMm: 3000, yMm: 2000 }), 2000);
    const pose = framePose(bounds, [0, -1, -1], 45, 1.6);
    close(pose.target, [3, 1, 2]);
    // The camera is behind (+z) and above the target, on the line of sight.
    expect(pose.position[2]).toBeGreaterThan(2);
    expect(pose.position[1]).toBeGreaterThan(1);
    expect(pose.position[1] - 1).toBeCloseTo(pose.position[2] - 2);
    expect(seesWhole(pose, bounds, 45)).toBe(true);
    // Closer than that, it would not.
    const tooClose = { ...pose, position: pose.position.map((v, k) => pose.target[k]! + (v - pose.target[k]!) * 0.4) as [number, number, number] };
    expect(seesWhole(tooClose, bounds, 45)).toBe(false);
  });

  it('opens a room looking at the fronts of most of its racks', () => {
    expect(dominantFrontDeg([{ rotationDeg: 0 }, { rotationDeg: 0 }, { rotationDeg: 180 }])).toBeCloseTo(0);
    expect(dominantFrontDeg([{ rotationDeg: 90 }, { rotationDeg: 90 }])).toBeCloseTo(90);
    expect(dominantFrontDeg([{ rotationDeg: 0 }, { rotationDeg: 180 }])).toBeNull();
    expect(dominantFrontDeg([])).toBeNull();
    const room: Room = { id: 'room:1', name: 'Hall', widthMm: 10_000, depthMm: 6000 };
    // Fronts facing up the plan (−z): the camera stands at the top (−z side) looking down the plan.
    const up = overviewPose(room, 45, 1.6, 0);
    expect(up.position[2]).toBeLessThan(up.target[2]);
    // Default (fronts facing down): from the bottom of the plan.
    const down = overviewPose(room, 45, 1.6);
    expect(down.position[2]).toBeGreaterThan(down.target[2]);
    expect(down.position[1]).toBeGreaterThan(3);
  });

  it('looks at a rack from in front of it', () => {
    // A rack at 180° faces +z: the camera looks towards −z (back at the front face).
    const d = frontViewDirection(180);
    expect(d[2]).toBeLessThan(-0.9);
    expect(d[1]).toBeLessThan(0);
    expect(frontViewDirection(0)[2]).toBeGreaterThan(0.9);
  });
});
