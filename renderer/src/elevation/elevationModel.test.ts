import { describe, expect, it } from 'vitest';
import type { Device, DeviceType, Rack } from '../../../core/model/schema';
import { dropPosition, dropProblem, facesOf, rackTotals, visibleSide } from './elevationModel';

const rack: Rack = { id: 'rack:1', name: 'R01', roomId: 'room:1', xMm: 0, yMm: 0, rotationDeg: 0, uHeight: 10, widthMm: 600, depthMm: 1200, maxKw: 8, maxKg: 1000, emptyWeightKg: 100 };
const types: Record<string, DeviceType> = {
  s1: { id: 's1', manufacturer: 'A', model: 'S1', uHeight: 1, fullDepth: false, weightKg: 10, powerMaxW: 400, powerTypicalW: 200, airflow: null },
  s2: { id: 's2', manufacturer: 'A', model: 'S2', uHeight: 2, fullDepth: true, weightKg: 30, powerMaxW: 800, powerTypicalW: null, airflow: null },
  pdu: { id: 'pdu', manufacturer: 'A', model: 'PDU', uHeight: 0, fullDepth: false, weightKg: 5, powerMaxW: null, powerTypicalW: null, airflow: null },
  blade: { id: 'blade', manufacturer: 'A', model: 'Blade', uHeight: 1, fullDepth: false, weightKg: 2, powerMaxW: 100, powerTypicalW: 50, airflow: null, subdeviceRole: 'child' },
};
const dev = (id: string, typeId: string, position: number, face: 'front' | 'rear' = 'front', extra: Partial<Device> = {}): Device =>
  ({ id, name: id, rackId: rack.id, typeId, position, face, ...extra });

describe('dropPosition', () => {
  it('centres a catalog device on the pointer and snaps to whole U', () => {
    expect(dropPosition(4.5, 1, 10)).toBe(5); // pointer in the middle of U5
    expect(dropPosition(4.1, 1, 10)).toBe(5);
    expect(dropPosition(4.5, 2, 10)).toBe(5); // a 2U device centred on the U4/U5 line… lands on U5–U6 when above
  });

  it('keeps the grab offset of a moved device and clamps to the rails', () => {
    expect(dropPosition(7.5, 2, 10, 1.5)).toBe(7);
    expect(dropPosition(-3, 1, 10)).toBe(1);
    expect(dropPosition(12, 4, 10)).toBe(7);
  });
});

describe('dropProblem', () => {
  const devices = [dev('a', 's2', 3), dev('b', 's1', 6, 'rear')];
  it('agrees with the core rules: far-face collision with a full-depth device, fit at the top, children refused', () => {
    expect(dropProblem(rack, dev('new', 's1', 4, 'rear'), types.s1!, devices, types)).toEqual({ kind: 'collision', name: 'a', farFace: true });
    expect(dropProblem(rack, dev('new', 's1', 6, 'front'), types.s1!, devices, types)).toBeNull();
    expect(dropProblem(rack, dev('new', 's2', 5, 'front'), types.s2!, devices, types)).toEqual({ kind: 'collision', name: 'b', farFace: true });
    expect(dropProblem(rack, dev('new', 's2', 10, 'front'), types.s2!, devices, types)).toMatchObject({ kind: 'tooTall', uHeight: 2, rackU: 10 });
    expect(dropProblem(rack, dev('new', 'blade', 1), types.blade!, devices, types)).toMatchObject({ kind: 'child' });
  });

  it('ignores the device being moved', () => {
    expect(dropProblem(rack, dev('a', 's2', 4), types.s2!, devices, types)).toBeNull();
  });
});

describe('rackTotals', () => {
  it('sums U on either face, power (typical falls back to max) and weight with the empty rack', () => {
    const totals = rackTotals(rack, [dev('a', 's2', 3), dev('b', 's1', 6, 'rear'), dev('c', 's1', 6, 'front'), dev('p', 'pdu', 1, 'rear', { side: 'left' }), dev('other', 's1', 1, 'front', { rackId: 'rack:2' })], types);
    expect(totals).toEqual({ uUsed: 3, uFree: 7, typicalW: 800 + 200 + 200, maxW: 800 + 400 + 400, weightKg: 100 + 30 + 10 + 10 + 5, deviceCount: 4 });
  });
});

describe('faces and sides', () => {
  it('shows full-depth devices on both faces and mirrors 0U sides on the rear', () => {
    expect(facesOf(dev('a', 's2', 1, 'rear'), types.s2)).toEqual(['front', 'rear']);
    expect(facesOf(dev('b', 's1', 1, 'rear'), types.s1)).toEqual(['rear']);
    expect(visibleSide('left', 'front')).toBe('left');
    expect(visibleSide('left', 'rear')).toBe('right');
  });
});
