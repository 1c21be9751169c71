import { describe, expect, it } from 'vitest';
import { fitCamera, rackBounds, rackCenter, rackCorners, suggestRackPosition, toRoom, toScreen, zoomAt } from './geometry';

describe('rack footprint', () => {
  const rack = { xMm: 1500, yMm: 1200, widthMm: 600, depthMm: 1200, rotationDeg: 0 };

  it('is centred on (xMm, yMm) with its front edge up the plan when unrotated', () => {
    expect(rackCorners(rack)).toEqual([{ x: 1200, y: 600 }, { x: 1800, y: 600 }, { x: 1800, y: 1800 }, { x: 1200, y: 1800 }]);
    expect(rackCenter(rack)).toEqual({ x: 1500, y: 1200 });
  });

  it('turns clockwise on the plan about its centre', () => {
    const b = rackBounds({ ...rack, rotationDeg: 90 });
    expect(b.minX).toBeCloseTo(900);
    expect(b.maxX).toBeCloseTo(2100);
    expect(b.minY).toBeCloseTo(900);
    expect(b.maxY).toBeCloseTo(1500);
    // Turned a quarter clockwise, the front faces right (+x).
    const [fl, fr] = rackCorners({ ...rack, rotationDeg: 90 });
    expect(fl.x).toBeCloseTo(2100);
    expect(fr.x).toBeCloseTo(2100);
  });

  it('faces down the plan when turned half way, as the demo site\'s facing rows do', () => {
    const [fl, fr] = rackCorners({ ...rack, rotationDeg: 180 });
    expect(fl.y).toBeCloseTo(1800);
    expect(fr.y).toBeCloseTo(1800);
  });
});

describe('camera', () => {
  it('fits the room in the viewport, centred', () => {
    const cam = fitCamera({ widthMm: 12000, depthMm: 9000 }, { x: 0, y: 0, width: 1296, height: 996 }, 48);
    expect(cam.scale).toBeCloseTo(0.1);
    expect(toScreen(cam, { x: 0, y: 0 })).toEqual({ x: 48, y: 48 });
    expect(toScreen(cam, { x: 12000, y: 9000 }).x).toBeCloseTo(1248);
  });

  it('converts screen points back to room millimetres', () => {
    const cam = { scale: 0.1, tx: 50, ty: 20 };
    expect(toRoom(cam, toScreen(cam, { x: 3600, y: 1800 }))).toEqual({ x: 3600, y: 1800 });
  });

  it('zooms about the pointer and respects the limits', () => {
    const cam = { scale: 0.1, tx: 0, ty: 0 };
    const anchor = { x: 300, y: 200 };
    const zoomed = zoomAt(cam, anchor, 2, { min: 0.01, max: 1 });
    expect(zoomed.scale).toBe(0.2);
    expect(toRoom(zoomed, anchor)).toEqual(toRoom(cam, anchor));
    expect(zoomAt(cam, anchor, 100, { min: 0.01, max: 1 }).scale).toBe(1);
  });
});

describe('suggestRackPosition', () => {
  it('starts one tile in from the walls and skips taken places', () => {
    const room = { widthMm: 6000, depthMm: 6000 };
    const size = { widthMm: 600, depthMm: 1200 };
    const first = suggestRackPosition(room, [], size);
    expect(first).toEqual({ x: 900, y: 1200 });
    expect(suggestRackPosition(room, [{ ...size, xMm: first.x, yMm: first.y, rotationDeg: 0 }], size)).toEqual({ x: 1500, y: 1200 });
  });
});
