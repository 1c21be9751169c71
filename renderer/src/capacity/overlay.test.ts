import { describe, expect, it } from 'vitest';
import { whatIf } from '../../../core/capacity/report';
import { DesignChecker } from '../../../core/rules/checker';
import { colourBy, withCapacity } from '../view3d/colour';
import { KW_BINS, NO_DATA_COLOUR, RATIO_BINS, TEMPERATURE_BINS, WHAT_IF_COLOURS, capacityOverlay, formatOverlayValue, whatIfView } from './overlay';
import { nextOverlay } from './useCapacity';
import { TYPES, cooler, devices, element, feed, hall, rack, site } from './testSites';

const room = hall('room:o');

/** Racks drawing 1, 2.999, 3, 12 and 25 kW (1 kW dual-corded servers, one 0.5 kW single for 2.999…). */
function loads() {
  const r = (name: string, x: number, extra = {}) => rack(room.id, name, x, extra);
  const racks = [r('K01', 1000, { maxKw: 10, maxKg: 100 }), r('K02', 2000, { maxKw: 5 }), r('K03', 3000, { maxKw: 6, maxKg: 1000 }), r('K04', 4000, { maxKw: 12 }), r('K05', 5000)];
  const snap = site({
    rooms: [room], racks, deviceTypes: Object.values(TYPES),
    devices: [
      ...devices('rack:K01', TYPES.dual, 1),
      ...devices('rack:K02', TYPES.dual, 2), ...devices('rack:K02', TYPES.single, 1, 10),
      ...devices('rack:K03', TYPES.dual, 3),
      ...devices('rack:K04', TYPES.dual, 12),
      ...devices('rack:K05', TYPES.dual, 25),
    ],
  });
  return { snap, racks, checker: new DesignChecker(snap) };
}

describe('capacity overlays', () => {
  it('bins absolute rack load by kW, with the value the checker computed', () => {
    const { snap, racks, checker } = loads();
    const o = capacityOverlay('kw', snap, checker.racks(), racks);
    expect(racks.map((r) => o.racks.get(r.id)!.bin)).toEqual(['kw0', 'kw0', 'kw1', 'kw3', 'kw4']);
    expect(o.racks.get('rack:K02')!.value).toEqual({ unit: 'kW', value: 2.5 });
    expect(o.racks.get('rack:K04')!.colour).toBe(KW_BINS[3]!.colour);
    // Every bin named, with how many racks it holds.
    expect(o.legend.map((b) => [b.key, b.count])).toEqual([['kw0', 2], ['kw1', 1], ['kw2', 0], ['kw3', 1], ['kw4', 1]]);
    expect(o.legend[1]).toMatchObject({ labelKey: 'overlay.bin.kwBetween', params: { from: 3, to: 6 } });
  });

  it('bins load against the budget: under 50, 50–80, 80–100 (100 included), over 100, and no budget', () => {
    const { snap, racks, checker } = loads();
    const o = capacityOverlay('budget', snap, checker.racks(), racks);
    // K01 1 of 10 kW (10 %), K02 2.5 of 5 (50 %), K03 3 of 6 (50 %), K04 12 of 12 (100 %), K05 no budget.
    expect(racks.map((r) => o.racks.get(r.id)!.bin)).toEqual(['low', 'medium', 'medium', 'high', 'none']);
    expect(o.racks.get('rack:K02')!.value).toEqual({ unit: '%', value: 50 });
    expect(o.racks.get('rack:K04')!.value).toEqual({ unit: '%', value: 100 });
    expect(o.racks.get('rack:K05')).toEqual({ bin: 'none', colour: NO_DATA_COLOUR, value: null });
    expect(o.legend.map((b) => b.key)).toEqual(['low', 'medium', 'high', 'over', 'none']);
    const over = capacityOverlay('budget', snap, checker.racks(), [{ ...racks[0]!, id: 'rack:K05' }]);
    expect(over.legend.find((b) => b.key === 'none')!.count).toBe(1);
  });

  it('bins weight against the rack rating, and leaves the no-rating bin out when every rack has one', () => {
    const { snap, racks, checker } = loads();
    const o = capacityOverlay('weight', snap, checker.racks(), [racks[0]!, racks[2]!]);
    // K01: 10 kg of 100 (10 %); K03: 30 kg of 1,000 (3 %).
    expect(o.racks.get('rack:K01')).toEqual({ bin: 'low', colour: RATIO_BINS[0]!.colour, value: { unit: '%', value: 10 } });
    expect(o.legend.map((b) => b.key)).toEqual(['low', 'medium', 'high', 'over']);
    const heavy = site({ rooms: [room], racks: [rack(room.id, 'H01', 1000, { maxKg: 100 })], deviceTypes: Object.values(TYPES), devices: devices('rack:H01', TYPES.heavy, 2) });
    expect(capacityOverlay('weight', heavy, new DesignChecker(heavy).racks(), Object.values(heavy.racks)).racks.get('rack:H01')!.bin).toBe('over');
  });

  it("classifies temperature at a rack from its latest reading, else the room's, else the set point, against the room's class", () => {
    const a1 = hall('room:t1', { supplyTempC: 22, supplyRhPct: 45 });
    const a3 = hall('room:t3', { ashraeClass: 'A3' });
    const none = hall('room:t0');
    const racks = [rack(a1.id, 'T01', 1000), rack(a1.id, 'T02', 2000), rack(a3.id, 'T03', 1000), rack(a3.id, 'T04', 2000), rack(none.id, 'T05', 1000)];
    const snap = site({
      rooms: [a1, a3, none], racks,
      envReadings: [
        // T01: an old outside reading, then a newer one in the allowable-only band (28 °C).
        { id: 'env:1', roomId: a1.id, rackId: 'rack:T01', takenAt: '2026-11-01T10:00:00Z', temperatureC: 36, humidityPct: 40 },
        { id: 'env:2', roomId: a1.id, rackId: 'rack:T01', takenAt: '2026-11-20T10:00:00Z', temperatureC: 28, humidityPct: 40 },
        // Room t3: 38 °C is outside A1 but only allowable for A3.
        { id: 'env:3', roomId: a3.id, takenAt: '2026-11-20T10:00:00Z', temperatureC: 38, humidityPct: 30 },
        // T04 has its own reading, which beats the room's.
        { id: 'env:4', roomId: a3.id, rackId: 'rack:T04', takenAt: '2026-11-19T10:00:00Z', temperatureC: 23, humidityPct: 45 },
      ],
    });
    const o = capacityOverlay('temperature', snap, new DesignChecker(snap).racks(), racks);
    const at = (id: string) => o.racks.get(`rack:${id}`)!;
    expect(at('T01')).toEqual({ bin: 'allowable', colour: TEMPERATURE_BINS.allowable.colour, value: { unit: '°C', value: 28, source: 'rack' } });
    expect(at('T02')).toMatchObject({ bin: 'recommended', value: { value: 22, source: 'setpoint' } });
    expect(at('T03')).toMatchObject({ bin: 'allowable', value: { value: 38, source: 'room' } });
    expect(at('T04')).toMatchObject({ bin: 'recommended', value: { value: 23, source: 'rack' } });
    expect(at('T05')).toEqual({ bin: 'noData', colour: NO_DATA_COLOUR, value: null });
    expect(o.legend.map((b) => [b.key, b.count])).toEqual([['recommended', 2], ['allowable', 2], ['outside', 0], ['noData', 1]]);
    const hot = { ...snap, envReadings: { ...snap.envReadings, 'env:5': { id: 'env:5', roomId: a1.id, rackId: 'rack:T01', takenAt: '2026-11-24T10:00:00Z', temperatureC: 33, humidityPct: 40 } } };
    expect(capacityOverlay('temperature', hot, new DesignChecker(hot).racks(), racks).racks.get('rack:T01')!.bin).toBe('outside');
  });

  it('formats values in the user language', () => {
    expect(formatOverlayValue({ unit: 'kW', value: 7.24 }, 'en')).toBe('7.2\u00a0kW');
    expect(formatOverlayValue({ unit: 'kW', value: 12 }, 'fr')).toBe('12,0\u00a0kW');
    expect(formatOverlayValue({ unit: '%', value: 84 }, 'fr')).toBe('84\u00a0%');
    expect(formatOverlayValue({ unit: '°C', value: 24.1, source: 'rack' }, 'fr')).toBe('24,1\u00a0°C');
  });

  it('cycles none → kW → budget → temperature → weight → none', () => {
    expect(['none', 'kw', 'budget', 'temperature', 'weight'].map((m) => nextOverlay(m as never))).toEqual(['kw', 'budget', 'temperature', 'weight', 'none']);
  });
});

/** Two UPS paths A and B; rack D01 dual-corded on both, D02 single-corded on A only, D03 only fed by A. */
function chainSite() {
  const r = hall('room:d', { powerRedundancy: '2N' });
  const racks = [rack(r.id, 'D01', 1000), rack(r.id, 'D02', 2000), rack(r.id, 'D03', 3000, { zone: 'Z' }), rack(r.id, 'D04', 4000, { zone: 'Z' })];
  const snap = site({
    rooms: [r], racks, deviceTypes: Object.values(TYPES),
    devices: [...devices('rack:D01', TYPES.dual, 2), ...devices('rack:D02', TYPES.single, 1, 1, { powerSide: 'A' }), ...devices('rack:D02', TYPES.dual, 1, 5), ...devices('rack:D03', TYPES.dual, 1), ...devices('rack:D04', TYPES.dual, 3)],
    powerElements: [
      element('pwr:ups-a', 'ups', [], { ratingKw: 50, floorEquipmentId: 'fe:UPS-A' }),
      element('pwr:pdu-a', 'pdu', ['pwr:ups-a'], { floorEquipmentId: 'fe:PDU-A' }),
      element('pwr:ups-b', 'ups', [], { ratingKw: 50 }),
    ],
    powerFeeds: [
      feed('rack:D01', 'A', 'pwr:pdu-a'), feed('rack:D01', 'B', 'pwr:ups-b'),
      feed('rack:D02', 'A', 'pwr:pdu-a'), feed('rack:D02', 'B', 'pwr:ups-b'),
      feed('rack:D03', 'A', 'pwr:pdu-a'), feed('rack:D04', 'A', 'pwr:ups-b'), feed('rack:D04', 'B', 'pwr:ups-b'),
    ],
    floorEquipment: [
      cooler(r.id, 'UPS-A', 0, { kind: 'ups', xMm: 10_000 }), cooler(r.id, 'PDU-A', 0, { kind: 'floor-pdu', xMm: 14_000 }),
      cooler(r.id, 'CRAH-1', 3, { zone: 'Z', xMm: 18_000 }), cooler(r.id, 'CRAH-2', 3, { zone: 'Z', xMm: 22_000 }),
    ],
  });
  return { snap, racks, checker: new DesignChecker(snap) };
}

describe('what if', () => {
  it('maps a UPS failure to racks down and degraded, and crosses the failed footprint, dashing the dead one', () => {
    const { snap, checker } = chainSite();
    const view = whatIfView(whatIf(checker, ['pwr:ups-a']), snap, checker.racks());
    expect(Object.fromEntries(view.racks)).toEqual({ 'rack:D01': 'degraded', 'rack:D02': 'degraded', 'rack:D03': 'down' });
    expect([view.down, view.degraded]).toEqual([1, 2]);
    // D02's single-corded 500 W and D03's 1 kW lose power.
    expect(view.lostW).toBe(1500);
    expect(Object.fromEntries(view.equipment)).toEqual({ 'fe:UPS-A': 'failed', 'fe:PDU-A': 'dead' });
    expect(view.failedNames).toEqual(['UPS-A']);
  });

  it('marks the racks of a cooling zone left short when a cooler fails', () => {
    const { snap, checker } = chainSite();
    // Zone Z: 4 kW of IT (+10 % losses = 4.4 kW) on two 3 kW units; one fails.
    const view = whatIfView(whatIf(checker, ['fe:CRAH-1']), snap, checker.racks());
    expect(view.shortZones.map((z) => z.key)).toEqual(['room:d#Z']);
    expect(Object.fromEntries(view.racks)).toEqual({ 'rack:D03': 'coolingShort', 'rack:D04': 'coolingShort' });
    expect(view.coolingShort).toBe(2);
    expect(view.equipment.get('fe:CRAH-1')).toBe('failed');
  });

  it('paints the 3D racks and their devices with the what-if, over any overlay, and the overlay otherwise', () => {
    const { snap, racks, checker } = chainSite();
    const byRack = new Map(racks.map((r) => [r.id, Object.values(snap.devices).filter((d) => d.rackId === r.id)]));
    const base = colourBy('role', snap, racks, byRack);
    expect(withCapacity(base, racks, byRack, null, null)).toBe(base);
    const overlay = capacityOverlay('kw', snap, checker.racks(), racks);
    const view = whatIfView(whatIf(checker, ['pwr:ups-a']), snap, checker.racks());
    const painted = withCapacity(base, racks, byRack, overlay, view);
    expect(painted.racks.get('rack:D03')).toBe(WHAT_IF_COLOURS.down);
    expect(painted.racks.get('rack:D04')).toBe(WHAT_IF_COLOURS.unaffected);
    for (const d of byRack.get('rack:D01')!) expect(painted.devices.get(d.id)).toBe(WHAT_IF_COLOURS.degraded);
    expect(painted.equipment!.get('fe:UPS-A')).toBe(WHAT_IF_COLOURS.failed);
    expect(painted.equipmentOther).toBe(WHAT_IF_COLOURS.unaffected);
    expect(painted.capacity).toEqual({ overlay: null, whatIf: view });
    const kw = withCapacity(base, racks, byRack, overlay, null);
    expect(kw.racks.get('rack:D04')).toBe(overlay.racks.get('rack:D04')!.colour);
    expect(kw.capacity!.overlay).toBe(overlay);
    expect(kw.equipmentOther).toBeUndefined();
  });
});
