import { describe, expect, it } from 'vitest';
import type { Device, DeviceType, Rack } from '../../../core/model/schema';
import { emptySnapshot } from '../../../core/model/schema';
import { DEVICE_W_BINS, LOAD_BINS, NO_DATA, RACK_NEUTRAL, ROLE_COLOURS, colourBy, hexCss, loadColour, wattsColour } from './colour';

function site() {
  const snap = emptySnapshot('Test');
  const types: DeviceType[] = [
    { id: 'dt:srv', manufacturer: 'A', model: 'Server', uHeight: 2, fullDepth: true, weightKg: 20, powerMaxW: 800, powerTypicalW: 500, airflow: 'front-to-rear', role: 'server' },
    { id: 'dt:sw', manufacturer: 'A', model: 'Switch', uHeight: 1, fullDepth: false, weightKg: 5, powerMaxW: 200, powerTypicalW: null, airflow: 'rear-to-front', role: 'switch' },
    { id: 'dt:pp', manufacturer: 'A', model: 'Patch', uHeight: 1, fullDepth: false, weightKg: 1, powerMaxW: null, powerTypicalW: null, airflow: 'passive' },
  ];
  for (const t of types) snap.deviceTypes[t.id] = t;
  const rack = (id: string, maxKw: number, uHeight = 10): Rack => ({ id, name: id, roomId: 'room:1', xMm: 0, yMm: 0, rotationDeg: 0, uHeight, widthMm: 600, depthMm: 1200, maxKw, maxKg: 1000 });
  const racks = [rack('r:light', 10), rack('r:full', 1), rack('r:nobudget', 0), rack('r:empty', 5)];
  for (const r of racks) snap.racks[r.id] = r;
  const dev = (id: string, rackId: string, typeId: string, position: number): Device => ({ id, name: id, rackId, typeId, position, face: 'front' });
  // r:light: one server (0.5 kW of 10 kW, 2 U of 10 U). r:full: 2 servers + switch (1.2 kW of 1 kW; 5 U of 10 U).
  const devices = [
    dev('d:1', 'r:light', 'dt:srv', 1),
    dev('d:2', 'r:full', 'dt:srv', 1), dev('d:3', 'r:full', 'dt:srv', 3), dev('d:4', 'r:full', 'dt:sw', 5),
    dev('d:5', 'r:nobudget', 'dt:pp', 1),
  ];
  for (const d of devices) snap.devices[d.id] = d;
  return snap;
}

describe('colourBy', () => {
  it('colours devices by role (untyped roles as other) and keeps racks neutral, listing only the roles present', () => {
    const c = colourBy('role', site());
    expect(c.devices.get('d:1')).toBe(ROLE_COLOURS.server);
    expect(c.devices.get('d:4')).toBe(ROLE_COLOURS.switch);
    expect(c.devices.get('d:5')).toBe(ROLE_COLOURS.other);
    expect([...c.racks.values()].every((v) => v === RACK_NEUTRAL)).toBe(true);
    expect(c.legend).toHaveLength(1);
    expect(c.legend[0]!.entries.map((e) => e.labelKey)).toEqual(['view3d.role.server', 'view3d.role.switch', 'view3d.role.other']);
  });

  it('colours racks by allocated power against their budget and devices by their draw', () => {
    const c = colourBy('kw', site());
    expect(c.racks.get('r:light')).toBe(LOAD_BINS[0].colour); // 5 %
    expect(c.racks.get('r:full')).toBe(LOAD_BINS[3].colour); // 120 %: over budget
    expect(c.racks.get('r:nobudget')).toBe(NO_DATA);
    expect(c.racks.get('r:empty')).toBe(LOAD_BINS[0].colour); // 0 %
    expect(c.devices.get('d:1')).toBe(DEVICE_W_BINS[1].colour); // 500 W typical
    expect(c.devices.get('d:4')).toBe(DEVICE_W_BINS[0].colour); // no typical: 200 W nameplate
    expect(c.devices.get('d:5')).toBe(NO_DATA);
    // Two groups, each saying what grey means because grey is in use.
    expect(c.legend.map((g) => g.titleKey)).toEqual(['view3d.legend.rackKwTitle', 'view3d.legend.deviceWTitle']);
    expect(c.legend[0]!.entries.at(-1)!.labelKey).toBe('view3d.legend.noBudget');
    expect(c.legend[1]!.entries.at(-1)!.labelKey).toBe('view3d.legend.noPower');
  });

  it('colours racks and their devices by the share of rack units used', () => {
    const c = colourBy('uUse', site());
    expect(c.racks.get('r:light')).toBe(LOAD_BINS[0].colour); // 2 of 10 U
    expect(c.racks.get('r:full')).toBe(LOAD_BINS[0].colour); // 5 of 10 U: exactly half
    expect(c.devices.get('d:2')).toBe(c.racks.get('r:full'));
    const s = site();
    s.racks['r:full'] = { ...s.racks['r:full']!, uHeight: 6 };
    expect(colourBy('uUse', s).racks.get('r:full')).toBe(LOAD_BINS[2].colour); // 5 of 6 U
  });

  it('limits the work to the racks given', () => {
    const s = site();
    const c = colourBy('kw', s, [s.racks['r:light']!]);
    expect([...c.racks.keys()]).toEqual(['r:light']);
    expect([...c.devices.keys()]).toEqual(['d:1']);
  });

  it('bins ratios and watts at their edges', () => {
    expect(loadColour(0.5)).toBe(LOAD_BINS[0].colour);
    expect(loadColour(0.51)).toBe(LOAD_BINS[1].colour);
    expect(loadColour(1)).toBe(LOAD_BINS[2].colour);
    expect(loadColour(null)).toBe(NO_DATA);
    expect(wattsColour(0)).toBe(NO_DATA);
    expect(wattsColour(5000)).toBe(DEVICE_W_BINS[4].colour);
    expect(hexCss(0x0a0b0c)).toBe('#0a0b0c');
  });
});
