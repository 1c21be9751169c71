import { describe, expect, it } from 'vitest';
import { DeviceType, RackType } from '../model/schema';
import { GENERIC_BLANKING_TYPE_ID, GENERIC_DEVICE_TYPES, GENERIC_RACK_TYPES, genericDeviceType } from './generic';

describe('generic device types', () => {
  it('every type passes the DeviceType schema unchanged, with a stable dt:generic/ id', () => {
    for (const t of GENERIC_DEVICE_TYPES) {
      expect(DeviceType.parse(t)).toEqual(t);
      expect(t.id).toMatch(/^dt:generic\/[a-z0-9-]+$/);
      expect(t.role, t.id).toBeDefined();
      expect(t.weightKg, t.id).toBeGreaterThan(0);
    }
    expect(new Set(GENERIC_DEVICE_TYPES.map((t) => t.id)).size).toBe(GENERIC_DEVICE_TYPES.length);
  });

  it('has realistic values: typical draw never above nameplate maximum', () => {
    for (const t of GENERIC_DEVICE_TYPES) expect(t.powerTypicalW!, t.id).toBeLessThanOrEqual(t.powerMaxW!);
    const server = genericDeviceType('dt:generic/server-1u')!;
    expect(server).toMatchObject({ uHeight: 1, powerMaxW: 550, powerTypicalW: 300, weightKg: 16, fullDepth: true, airflow: 'front-to-rear' });
    expect(genericDeviceType('dt:generic/gpu-server-4u')).toMatchObject({ uHeight: 4, powerMaxW: 6500, powerTypicalW: 4500, weightKg: 60 });
  });

  it('covers 0U side-mounted gear and the 1U blanking panel', () => {
    const zeroU = GENERIC_DEVICE_TYPES.filter((t) => t.uHeight === 0).map((t) => t.role);
    expect(zeroU.sort()).toEqual(['cable-manager', 'pdu']);
    expect(genericDeviceType(GENERIC_BLANKING_TYPE_ID)).toMatchObject({ uHeight: 1, role: 'blanking', fullDepth: false });
  });
});

describe('generic device types: power cords (issue 4)', () => {
  it('makes every drawing type dual-corded, passive gear cordless, and rates the PDUs', () => {
    for (const t of GENERIC_DEVICE_TYPES) {
      expect(t.psuCount, t.id).toBeDefined();
      if (t.powerMaxW! > 0) expect(t.psuCount!, t.id).toBeGreaterThanOrEqual(2);
      else expect(t.psuCount, t.id).toBe(0);
      if (t.role === 'pdu') {
        expect(t.pduInletA, t.id).toBeGreaterThan(0);
        expect(t.pduOutlets, t.id).toBeGreaterThan(0);
      } else {
        expect(t.pduInletA, t.id).toBeUndefined();
      }
    }
    expect(genericDeviceType('dt:generic/pdu-vertical-0u')).toMatchObject({ pduInletA: 32, pduOutlets: 42 });
    expect(genericDeviceType('dt:generic/pdu-horizontal-1u')).toMatchObject({ pduInletA: 16, pduOutlets: 12 });
  });
});

describe('generic rack types', () => {
  it('pass the RackType schema and cover 42U/48U 600 mm and an 800 mm network rack', () => {
    for (const t of GENERIC_RACK_TYPES) expect(RackType.parse(t)).toEqual(t);
    expect(GENERIC_RACK_TYPES.map((t) => [t.uHeight, t.widthMm, t.depthMm])).toEqual([[42, 600, 1200], [48, 600, 1200], [42, 800, 1200]]);
    for (const t of GENERIC_RACK_TYPES) expect(t.emptyWeightKg).toBeLessThan(t.maxKg);
  });
});
