import { describe, expect, it } from 'vitest';
import type { Rack, Room } from '../../../core/model/schema';
import { cornerOf, fitPose, overviewDirection, roomCentre, roomPoints, snapshotPose } from './pose';

const room: Room = { id: 'room:1', name: 'Hall', widthMm: 20_000, depthMm: 12_000 };
const rack = (rotationDeg: number): Rack => ({ id: `r${rotationDeg}`, name: 'R', roomId: room.id, xMm: 5000, yMm: 5000, rotationDeg, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 10, maxKg: 1000 });

/** Where a point lands on the picture, as a fraction of the half-width and half-height (±1 = edge). */
function project(p: number[], pose: { position: number[]; target: number[] }, fovDeg: number, aspect: number): [number, number] {
  const d = pose.target.map((t, k) => t - pose.position[k]!);
  const len = Math.hypot(...d);
  const f = d.map((x) => x / len);
  const r = [f[1]! * 0 - f[2]! * 1, f[2]! * 0 - f[0]! * 0, f[0]! * 1 - f[1]! * 0];
  const rl = Math.hypot(...r);
  const right = r.map((x) => x / rl);
  const up = [right[1]! * f[2]! - right[2]! * f[1]!, right[2]! * f[0]! - right[0]! * f[2]!, right[0]! * f[1]! - right[1]! * f[0]!];
  const o = p.map((x, k) => x - pose.position[k]!);
  const depth = o.reduce((a, x, k) => a + x * f[k]!, 0);
  const tan = Math.tan((fovDeg * Math.PI) / 360);
  return [o.reduce((a, x, k) => a + x * right[k]!, 0) / depth / (tan * aspect), o.reduce((a, x, k) => a + x * up[k]!, 0) / depth / tan];
}

describe('the report camera', () => {
  it('looks at the fronts of most racks, from the corner it names', () => {
    expect(cornerOf(overviewDirection([rack(180), rack(180), rack(0)]))).toBe('bottom-left');
    expect(cornerOf(overviewDirection([rack(0), rack(0)]))).toBe('top-right');
    expect(cornerOf(overviewDirection([rack(90)]))).toBe('bottom-right');
    // No racks: the 3D view's default, fronts facing down the plan.
    expect(snapshotPose(room, [], [], 45, 1500, 900).corner).toBe('bottom-left');
  });

  it('holds the whole room, centred and edge to edge within the margin', () => {
    const aspect = 5 / 3;
    const points = roomPoints(room, [rack(180)], [], overviewDirection([rack(180)]));
    const pose = fitPose(points, overviewDirection([rack(180)]), 45, aspect);
    const xy = points.map((p) => project(p, pose, 45, aspect));
    const [xs, ys] = [xy.map((p) => p[0]), xy.map((p) => p[1])];
    for (const v of [...xs, ...ys]) expect(Math.abs(v)).toBeLessThanOrEqual(0.93);
    // Tight: the room touches the margin on one axis, and is centred on both.
    expect(Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys))).toBeGreaterThan(1.8);
    expect(Math.abs(Math.max(...xs) + Math.min(...xs))).toBeLessThan(0.05);
    expect(Math.abs(Math.max(...ys) + Math.min(...ys))).toBeLessThan(0.05);
    // The near corner's wall is cut away, so its top need not be in the picture; the far ones are.
    const tops = points.filter((p) => p[1] === 3);
    expect(tops).not.toContainEqual([0, 3, 12]);
    expect(tops).toContainEqual([20, 3, 0]);
    // Above the room, looking down.
    expect(pose.position[1]).toBeGreaterThan(5);
    expect(roomCentre(room)).toEqual([10, 6]);
  });

  it('gives a long hall a shorter picture, never wider than 2.4 : 1, and a square room the full height', () => {
    const long: Room = { ...room, widthMm: 80_000, depthMm: 6_000 };
    expect(snapshotPose(long, [], [], 45, 1500, 900).height).toBe(625);
    expect(snapshotPose({ ...room, widthMm: 10_000, depthMm: 10_000 }, [], [], 45, 1500, 900).height).toBe(900);
    const mid = snapshotPose(room, [], [], 45, 1500, 900).height;
    expect(mid).toBeGreaterThan(625);
    expect(mid).toBeLessThanOrEqual(900);
  });
});
