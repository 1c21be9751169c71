/**
 * Plan geometry, in room millimetres, x right and y down from the room's top-left corner
 * (docs/format.md). A rack's (xMm, yMm) is the centre of its footprint; unrotated it spans
 * widthMm along x and depthMm along y with its front edge towards y = 0 (up the plan).
 * rotationDeg turns it clockwise on the plan about its centre. Pure, tested in geometry.test.ts.
 */
import type { Rack } from '../../../core/model/schema';

export interface Point {
  x: number;
  y: number;
}

export interface Camera {
  /** Screen pixels per millimetre. */
  scale: number;
  /** Screen position of the room origin. */
  tx: number;
  ty: number;
}

export const TILE_MM = 600;

export function toScreen(cam: Camera, p: Point): Point {
  return { x: p.x * cam.scale + cam.tx, y: p.y * cam.scale + cam.ty };
}

export function toRoom(cam: Camera, p: Point): Point {
  return { x: (p.x - cam.tx) / cam.scale, y: (p.y - cam.ty) / cam.scale };
}

/**
 * The four corners of a rack's footprint, in order: front-left and front-right as seen on the
 * unrotated plan, then rear-right and rear-left. The first two are the front edge.
 */
export function rackCorners(rack: Pick<Rack, 'xMm' | 'yMm' | 'widthMm' | 'depthMm' | 'rotationDeg'>): [Point, Point, Point, Point] {
  const a = (rack.rotationDeg * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const hw = rack.widthMm / 2;
  const hd = rack.depthMm / 2;
  const at = (dx: number, dy: number): Point => ({ x: rack.xMm + dx * cos - dy * sin, y: rack.yMm + dx * sin + dy * cos });
  return [at(-hw, -hd), at(hw, -hd), at(hw, hd), at(-hw, hd)];
}

export function rackCenter(rack: Pick<Rack, 'xMm' | 'yMm'>): Point {
  return { x: rack.xMm, y: rack.yMm };
}

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function rackBounds(rack: Pick<Rack, 'xMm' | 'yMm' | 'widthMm' | 'depthMm' | 'rotationDeg'>): Bounds {
  const pts = rackCorners(rack);
  return {
    minX: Math.min(...pts.map((p) => p.x)),
    minY: Math.min(...pts.map((p) => p.y)),
    maxX: Math.max(...pts.map((p) => p.x)),
    maxY: Math.max(...pts.map((p) => p.y)),
  };
}

/** The camera that shows the whole room centred in the viewport, with a margin. */
export function fitCamera(room: { widthMm: number; depthMm: number }, viewport: { x: number; y: number; width: number; height: number }, marginPx = 48): Camera {
  const w = Math.max(1, viewport.width - 2 * marginPx);
  const h = Math.max(1, viewport.height - 2 * marginPx);
  const scale = Math.max(1e-4, Math.min(w / room.widthMm, h / room.depthMm));
  return {
    scale,
    tx: viewport.x + (viewport.width - room.widthMm * scale) / 2,
    ty: viewport.y + (viewport.height - room.depthMm * scale) / 2,
  };
}

/** Zooms by `factor` keeping the room point under `anchor` (screen) where it is. */
export function zoomAt(cam: Camera, anchor: Point, factor: number, limits: { min: number; max: number }): Camera {
  const scale = Math.min(limits.max, Math.max(limits.min, cam.scale * factor));
  const k = scale / cam.scale;
  return { scale, tx: anchor.x - (anchor.x - cam.tx) * k, ty: anchor.y - (anchor.y - cam.ty) * k };
}

/**
 * A free spot for a new rack (its centre): the first place on the tile grid, row by row, where
 * an unrotated footprint fits inside the room without touching another rack, leaving one tile
 * along the walls.
 */
export function suggestRackPosition(
  room: { widthMm: number; depthMm: number },
  racks: ReadonlyArray<Pick<Rack, 'xMm' | 'yMm' | 'widthMm' | 'depthMm' | 'rotationDeg'>>,
  size: { widthMm: number; depthMm: number },
): Point {
  const taken = racks.map(rackBounds);
  const overlaps = (b: Bounds) => taken.some((o) => b.minX < o.maxX - 1 && o.minX < b.maxX - 1 && b.minY < o.maxY - 1 && o.minY < b.maxY - 1);
  for (let y = TILE_MM; y + size.depthMm <= room.depthMm - TILE_MM / 2; y += TILE_MM) {
    for (let x = TILE_MM; x + size.widthMm <= room.widthMm - TILE_MM / 2; x += TILE_MM) {
      if (!overlaps({ minX: x, minY: y, maxX: x + size.widthMm, maxY: y + size.depthMm })) return { x: x + size.widthMm / 2, y: y + size.depthMm / 2 };
    }
  }
  return { x: room.widthMm / 2, y: room.depthMm / 2 };
}
