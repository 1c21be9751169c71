import { describe, expect, it } from 'vitest';
import type { Rack, Room, Sensor } from '../../../core/model/schema';
import { defaultHeightMm, newSensorArgs, nextSensorName, RACK_SENSOR_OFFSET_MM, readingVerdict, sensorSpots } from './sensorGeometry';

const room = { id: 'rm', name: 'Hall', widthMm: 2000, depthMm: 4000 } as Room;
const rack = (rotationDeg: number): Rack => ({ id: 'rk', roomId: 'rm', name: 'A01', xMm: 1000, yMm: 2000, widthMm: 600, depthMm: 1200, rotationDeg, uHeight: 42 }) as Rack;
const sensor = (id: string, s: Partial<Sensor>): Sensor => ({ id, name: id, roomId: 'rm', placement: 'room', ...s });
const near = (p: { xMm: number; yMm: number } | undefined, x: number, y: number) => {
  expect(p!.xMm).toBeCloseTo(x, 6);
  expect(p!.yMm).toBeCloseTo(y, 6);
};

describe('sensorSpots', () => {
  it('keeps a sensor position, and its height or a default by placement', () => {
    const spots = sensorSpots([sensor('a', { xMm: 100, yMm: 200, zMm: 900 }), sensor('b', { xMm: 5, yMm: 6 })], {}, room);
    expect(spots.get('a')).toEqual({ xMm: 100, yMm: 200, zMm: 900, derived: false, unplaced: false });
    expect(spots.get('b')!.zMm).toBe(1500);
  });

  it('puts rack inlet sensors on the front edge (spread top/middle/bottom) and outlet ones on the rear, following the rotation', () => {
    const racks = { rk: rack(0) };
    const list = [
      sensor('mid', { rackId: 'rk', placement: 'rack-inlet-middle' }),
      sensor('top', { rackId: 'rk', placement: 'rack-inlet-top' }),
      sensor('bot', { rackId: 'rk', placement: 'rack-inlet-bottom' }),
      sensor('out', { rackId: 'rk', placement: 'rack-outlet' }),
    ];
    const front = 2000 - 600 - RACK_SENSOR_OFFSET_MM;
    let spots = sensorSpots(list, racks, room);
    near(spots.get('mid'), 1000, front);
    near(spots.get('top'), 1180, front);
    near(spots.get('bot'), 820, front);
    near(spots.get('out'), 1000, 2000 + 600 + RACK_SENSOR_OFFSET_MM);
    expect(spots.get('mid')!.derived).toBe(true);
    // 42U + plinths: 2067 mm; top is 250 mm below the roof, middle at half.
    expect([spots.get('top')!.zMm, spots.get('mid')!.zMm, spots.get('bot')!.zMm]).toEqual([1817, 1034, 300]);
    // Turned 90° clockwise, the front faces +x (right).
    spots = sensorSpots(list, { rk: rack(90) }, room);
    near(spots.get('mid'), 1000 + 600 + RACK_SENSOR_OFFSET_MM, 2000);
    near(spots.get('out'), 1000 - 600 - RACK_SENSOR_OFFSET_MM, 2000);
  });

  it('lines up sensors with neither position nor rack along the top wall, wrapping', () => {
    const list = ['a', 'b', 'c', 'd', 'e'].map((id) => sensor(id, {}));
    const spots = sensorSpots(list, {}, room);
    // (2000 - 600) / 450 → 4 per line.
    expect(list.map((s) => [spots.get(s.id)!.xMm, spots.get(s.id)!.yMm])).toEqual([[300, 300], [750, 300], [1200, 300], [1650, 300], [300, 750]]);
    expect(spots.get('a')!.unplaced).toBe(true);
  });
});

describe('new sensors', () => {
  it('go on the selected rack inlet, else the room centre, with the first free name', () => {
    expect(newSensorArgs(room, rack(0), 'T1')).toEqual({ name: 'T1', roomId: 'rm', rackId: 'rk', placement: 'rack-inlet-middle' });
    expect(newSensorArgs(room, undefined, 'T2')).toEqual({ name: 'T2', roomId: 'rm', placement: 'room', xMm: 1000, yMm: 2000 });
    expect(nextSensorName([])).toBe('T1');
    expect(nextSensorName([{ name: 't1' }, { name: 'X', externalId: 'T2' }, { name: 'T4' }])).toBe('T3');
  });

  it('default heights', () => {
    expect(defaultHeightMm({ placement: 'supply' }, undefined)).toBe(300);
    expect(defaultHeightMm({ placement: 'rack-inlet-top' }, { uHeight: 48, heightMm: 2200 })).toBe(1950);
  });
});

describe('readingVerdict', () => {
  it('classifies the last reading against the room class', () => {
    expect(readingVerdict(undefined, 'A1')).toBeNull();
    expect(readingVerdict({ temperatureC: 22, humidityPct: 45 }, 'A1')).toBe('recommended');
    expect(readingVerdict({ temperatureC: 30, humidityPct: 40 }, 'A1')).toBe('allowable');
    expect(readingVerdict({ temperatureC: 33, humidityPct: 40 }, 'A1')).toBe('outside');
    expect(readingVerdict({ temperatureC: 33, humidityPct: null }, 'A2')).toBe('allowable');
    // Exhaust air is not inlet air: a hot outlet is not an excursion.
    expect(readingVerdict({ temperatureC: 38, humidityPct: 20 }, 'A1', 'rack-outlet')).toBeNull();
    expect(readingVerdict({ temperatureC: 38, humidityPct: 20 }, 'A1', 'rack-inlet-top')).toBe('outside');
  });
});
