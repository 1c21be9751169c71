import { describe, expect, it } from 'vitest';
import type { Rack, Sensor } from '../../../core/model/schema';
import { MATRIX_FLOATS } from '../view3d/layout';
import { layoutSensors, SENSOR_3D_MM } from './sensor3d';

describe('layoutSensors', () => {
  it('places one sphere per sensor of the room, at its plan spot and height, in metres', () => {
    const rack = { id: 'rk', roomId: 'rm', name: 'A01', xMm: 1000, yMm: 2000, widthMm: 600, depthMm: 1200, rotationDeg: 0, uHeight: 42 } as Rack;
    const sensors: Record<string, Sensor> = {
      b: { id: 'b', name: 'T2', roomId: 'rm', rackId: 'rk', placement: 'rack-inlet-top' },
      a: { id: 'a', name: 'T1', roomId: 'rm', placement: 'room', xMm: 500, yMm: 700, zMm: 1200 },
      c: { id: 'c', name: 'T3', roomId: 'other', placement: 'room', xMm: 1, yMm: 1 },
    };
    const out = layoutSensors({ sensors, racks: { rk: rack } }, { id: 'rm', widthMm: 4000 });
    expect(out.ids).toEqual(['a', 'b']);
    expect(out.matrices).toHaveLength(2 * MATRIX_FLOATS);
    // Translation is the last column; scale on the diagonal.
    expect([...out.matrices.slice(12, 15)].map((v) => Math.round(v * 1000))).toEqual([500, 1200, 700]);
    expect(out.matrices[0]).toBeCloseTo(SENSOR_3D_MM / 1000, 6);
    const b = out.matrices.slice(MATRIX_FLOATS + 12, MATRIX_FLOATS + 15);
    // On the front edge (y = 2000 − 600 − 60), top placement: 250 mm below the 2067 mm roof, spread right.
    expect([...b].map((v) => Math.round(v * 1000))).toEqual([1180, 1817, 1340]);
    expect(out.centres[1]).toMatchObject({ zMm: 1817 });
  });
});
