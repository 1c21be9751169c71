import { describe, expect, it } from 'vitest';
import type { Device, DeviceType, Rack } from '../../core/model/schema';
import { lowestFreePosition } from './rackSlots';

const rack: Rack = { id: 'rack:1', name: 'R01', roomId: 'room:1', xMm: 0, yMm: 0, rotationDeg: 0, uHeight: 10, widthMm: 600, depthMm: 1200, maxKw: 8, maxKg: 1200 };
const type = (id: string, uHeight: number, fullDepth = true): DeviceType => ({
  id, manufacturer: 'Acme', model: id, uHeight, fullDepth, weightKg: null, powerMaxW: null, powerTypicalW: null, airflow: null,
});
const device = (id: string, typeId: string, position: number, face: 'front' | 'rear' = 'front'): Device => ({ id, name: id, rackId: 'rack:1', typeId, position, face });

describe('lowestFreePosition', () => {
  it('starts at U1 in an empty rack', () => {
    expect(lowestFreePosition(rack, type('t2', 2), 'front', [])).toBe(1);
  });

  it('skips occupied units', () => {
    const t2 = type('t2', 2);
    const others = [{ device: device('a', 't2', 1), type: t2 }, { device: device('b', 't2', 4), type: t2 }];
    expect(lowestFreePosition(rack, type('t1', 1), 'front', others)).toBe(3);
    expect(lowestFreePosition(rack, t2, 'front', others)).toBe(6);
  });

  it('lets a half-depth device share a unit with one on the other face', () => {
    const half = type('h1', 1, false);
    const others = [{ device: device('a', 'h1', 1, 'front'), type: half }];
    expect(lowestFreePosition(rack, half, 'rear', others)).toBe(1);
    expect(lowestFreePosition(rack, half, 'front', others)).toBe(2);
  });

  it('returns null when nothing fits', () => {
    expect(lowestFreePosition(rack, type('big', 11), 'front', [])).toBeNull();
  });
});
