import { describe, expect, it } from 'vitest';
import type { PlanItem } from './planMath';
import {
  alignItems, alignmentGuides, columnLabel, distributeItems, hitTest, marqueeSelect, normaliseOutline, pointInFootprint, rotateItems,
  rowFromLine, rowLabel, rowOutline, signedArea2, snapFootprintCenter, snapPoint, snapValue, tileAt, tileGrid, tileRange, translateItems,
} from './planMath';

const rack = (id: string, x: number, y: number, rotationDeg = 0): PlanItem => ({ kind: 'rack', id, xMm: x, yMm: y, widthMm: 600, depthMm: 1200, rotationDeg });

describe('tile coordinates', () => {
  it('letters columns A…Z then AA, AB and numbers rows from 01', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLabel)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
    expect([0, 8, 9, 99].map(rowLabel)).toEqual(['01', '09', '10', '100']);
  });

  it('names the tile under a point from the room tile size and origin', () => {
    const grid = tileGrid({ tileSizeMm: 600, tileOriginXMm: 300, tileOriginYMm: 0 });
    expect(tileAt(grid, { x: 350, y: 10 }).name).toBe('A01');
    expect(tileAt(grid, { x: 1000, y: 1300 }).name).toBe('B03');
    expect(tileAt(grid, { x: 100, y: 10 }).name).toBe('-A01');
    expect(tileGrid({}).sizeMm).toBe(600);
  });

  it('lists the tiles a span crosses', () => {
    expect(tileRange(0, 600, 0, 1800)).toEqual([0, 1, 2]);
    expect(tileRange(300, 600, 0, 1000)).toEqual([-1, 0, 1]);
  });
});

describe('snapping', () => {
  const grid = tileGrid({ tileSizeMm: 600 });
  it('snaps to tiles, to the 100 mm grid, or not at all', () => {
    expect(snapPoint({ x: 1250, y: 340 }, 'tile', grid)).toEqual({ x: 1200, y: 600 });
    expect(snapPoint({ x: 1250, y: 340 }, 'fine', grid)).toEqual({ x: 1300, y: 300 });
    expect(snapPoint({ x: 1250.04, y: 340 }, 'off', grid)).toEqual({ x: 1250, y: 340 });
    expect(snapValue(1000, 600, 300)).toBe(900);
  });

  it('puts a rack footprint on whole tiles, also when turned a quarter', () => {
    expect(snapFootprintCenter({ x: 1000, y: 1000 }, { widthMm: 600, depthMm: 1200, rotationDeg: 0 }, 'tile', grid)).toEqual({ x: 900, y: 1200 });
    expect(snapFootprintCenter({ x: 1000, y: 1000 }, { widthMm: 600, depthMm: 1200, rotationDeg: 90 }, 'tile', grid)).toEqual({ x: 1200, y: 900 });
  });
});

describe('hit testing and marquee', () => {
  const items = [rack('a', 900, 1200), rack('b', 1500, 1200, 90)];
  it('finds the rotated footprint under the pointer, topmost first', () => {
    expect(hitTest(items, { x: 900, y: 700 })?.id).toBe('a');
    expect(hitTest(items, { x: 1990, y: 1200 })?.id).toBe('b'); // turned: 1200 mm along x
    expect(hitTest(items, { x: 1500, y: 1600 })).toBeNull();
    expect(pointInFootprint({ x: 1205, y: 600 }, items[0]!, 10)).toBe(true);
  });

  it('takes what is wholly inside a left-to-right window and what it touches when crossing', () => {
    expect(marqueeSelect(items, { x: 500, y: 500 }, { x: 1300, y: 1900 }).map((i) => i.id)).toEqual(['a']);
    expect(marqueeSelect(items, { x: 1300, y: 1900 }, { x: 1000, y: 500 }).map((i) => i.id)).toEqual(['a', 'b']);
  });

  it('hits a dimension line near its segment', () => {
    const dim: PlanItem = { kind: 'annotation', id: 'd', xMm: 0, yMm: 0, x2Mm: 1000, y2Mm: 0, widthMm: 1, depthMm: 1, rotationDeg: 0 };
    expect(hitTest([dim], { x: 500, y: 40 }, 50)?.id).toBe('d');
    expect(hitTest([dim], { x: 500, y: 80 }, 50)).toBeNull();
  });
});

describe('align, distribute and rotate', () => {
  const items = [rack('a', 600, 1000), rack('b', 1500, 1300), rack('c', 3000, 900)];
  it('aligns boxes on the left edge, the top edge and the centre line', () => {
    expect(alignItems(items, 'left').map((m) => m.xMm)).toEqual([600, 600, 600]);
    expect(alignItems(items, 'top').map((m) => m.yMm)).toEqual([900, 900, 900]);
    expect(alignItems(items, 'centerY').map((m) => m.yMm)).toEqual([1100, 1100, 1100]);
    expect(alignItems(items, 'right').map((m) => m.xMm)).toEqual([3000, 3000, 3000]);
  });

  it('spreads items with equal gaps, the outer ones staying', () => {
    const moves = distributeItems([items[2]!, items[0]!, items[1]!], 'x');
    expect(moves.map((m) => m.id)).toEqual(['c', 'a', 'b']);
    expect(moves.map((m) => m.xMm)).toEqual([3000, 600, 1800]);
    expect(distributeItems(items.slice(0, 2), 'x')).toEqual([]);
  });

  it('turns a selection a quarter clockwise about its centre', () => {
    const moves = rotateItems([rack('a', 0, 0), rack('b', 600, 0)], 90);
    // Box 900 × 1200 centred on (300, 0): the racks end up one above the other.
    expect(moves[0]).toEqual({ kind: 'rack', id: 'a', xMm: 300, yMm: -300, rotationDeg: 90 });
    expect(moves[1]).toEqual({ kind: 'rack', id: 'b', xMm: 300, yMm: 300, rotationDeg: 90 });
    expect(rotateItems([rack('a', 0, 0, 270)], 90)[0]!.rotationDeg).toBe(0);
  });

  it('moves both ends of a dimension line', () => {
    const dim: PlanItem = { kind: 'annotation', id: 'd', xMm: 0, yMm: 0, x2Mm: 1000, y2Mm: 0, widthMm: 1, depthMm: 1, rotationDeg: 0 };
    expect(translateItems([dim], 100, 50)[0]).toEqual({ kind: 'annotation', id: 'd', xMm: 100, yMm: 50, x2Mm: 1100, y2Mm: 50 });
  });
});

describe('alignment guides', () => {
  it('pulls a dragged box onto a neighbour edge and says where to draw the guide', () => {
    const other = { minX: 0, maxX: 600, minY: 0, maxY: 1200 };
    const moving = { minX: 1000, maxX: 1600, minY: 30, maxY: 1230 };
    const g = alignmentGuides(moving, [other], 50);
    expect(g.dy).toBe(-30);
    expect(g.dx).toBe(0);
    expect(g.guides).toEqual([{ axis: 'y', at: 0, from: 0, to: 1600 }]);
    expect(alignmentGuides(moving, [other], 10).guides).toEqual([]);
  });
});

describe('outlines and rows', () => {
  it('makes a drawn outline clockwise and starting at the origin', () => {
    const counter = [{ x: 1000, y: 1000 }, { x: 1000, y: 5000 }, { x: 7000, y: 5000 }, { x: 7000, y: 1000 }];
    expect(signedArea2(counter)).toBeLessThan(0);
    const out = normaliseOutline(counter)!;
    expect(out.widthMm).toBe(6000);
    expect(out.depthMm).toBe(4000);
    expect(out.outline[0]).toEqual({ xMm: 6000, yMm: 0 });
    expect(signedArea2(out.outline.map((p) => ({ x: p.xMm, y: p.yMm })))).toBeGreaterThan(0);
    expect(normaliseOutline([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 20, y: 0 }])).toBeNull();
  });

  it('lays racks along a drawn line, fronts up or turned to the other side', () => {
    const up = rowFromLine({ x: 1200, y: 2400 }, { x: 7200, y: 2400 }, 600, false);
    expect(up).toMatchObject({ count: 10, xMm: 1500, yMm: 2400, orientationDeg: 0 });
    const down = rowFromLine({ x: 1200, y: 2400 }, { x: 7200, y: 2400 }, 600, true);
    expect(down).toMatchObject({ count: 10, xMm: 6900, yMm: 2400, orientationDeg: 180 });
    expect(rowFromLine({ x: 0, y: 0 }, { x: 0, y: 3000 }, 600, false, 4)).toMatchObject({ count: 4, xMm: 0, yMm: 300, orientationDeg: 90 });
  });

  it('draws a row outline round its racks with the front edge on the aisle side', () => {
    const o = rowOutline([rack('a', 300, 600), rack('b', 900, 600)], 0, 0)!;
    expect(o.corners).toEqual([{ x: 0, y: 0 }, { x: 1200, y: 0 }, { x: 1200, y: 1200 }, { x: 0, y: 1200 }]);
    expect(o.front).toEqual([{ x: 0, y: 0 }, { x: 1200, y: 0 }]);
  });
});
