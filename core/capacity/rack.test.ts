import { describe, expect, it } from 'vitest';
import { DesignChecker } from '../rules/checker';
import type { DocumentSnapshot } from '../model/schema';
import { feed, rack, site } from './test-site';

const analyse = (snap: DocumentSnapshot, rackId = 'rack:r1') => new DesignChecker(snap).racks().get(rackId)!;
const rules = (snap: DocumentSnapshot) => new DesignChecker(snap).check().findings;

describe('one rack, hand-computed', () => {
  it('adds up space, power, weight and floor load', () => {
    const a = analyse(site());
    // 10 × 1U servers + 1U switch
    expect(a.usedU).toBe(11);
    expect(a.freeU).toBe(31);
    // U11–U39 is the tallest free block: 29 U
    expect(a.largestFreeU).toBe(29);
    // typical draw: 10 × 500 W + 100 W
    expect(a.loadW).toBe(5100);
    expect(a.nameplateW).toBe(10 * 750 + 150);
    expect(a.dualW).toBe(5000);
    expect(a.singleW).toEqual({ A: 100, B: 0 });
    // 100 kg empty + 10 × 20 kg + 5 kg
    expect(a.weightKg).toBe(305);
    // 0.6 m × (1.2 m + 0.5 × 1.2 m) = 1.08 m² → 305 / 1.08
    expect(a.floorKgM2).toBeCloseTo(305 / 1.08, 6);
  });

  it('splits dual-corded load across A and B, and moves it on the loss of a feed', () => {
    const a = analyse(site());
    // 230 V × 32 A × 80 % × PF 0.95 = 5,593.6 W per feed
    expect(a.feeds.A!.capacityW).toBeCloseTo(5593.6, 6);
    expect(a.feeds.A!.normalW).toBe(100 + 2500);
    expect(a.feeds.B!.normalW).toBe(2500);
    // lose B: A carries the switch and every server
    expect(a.feeds.A!.failoverW).toBe(5100);
    expect(a.feeds.B!.failoverW).toBe(5000);
  });

  it('uses the nameplate when the project asks for it', () => {
    const snap = site();
    snap.project = { ...snap.project, rules: { powerBasis: 'max' } };
    expect(analyse(snap).loadW).toBe(7650);
  });

  it('flags a feed that would trip on the loss of the other feed', () => {
    // 12 servers: A fails over to 100 + 6,000 = 6,100 W > 5,593.6 W
    const found = rules(site({ servers: 12 })).filter((f) => f.rule === 'feed-overload');
    expect(found.map((f) => [f.entities[0], f.severity, f.variant])).toEqual([
      ['feed:rack:r1:A', 'error', 'failover'],
      ['feed:rack:r1:B', 'error', 'failover'],
    ]);
    expect(found[0]!.message).toBe('On loss of feed B, feed rack:r1-A of rack R1 would carry 6.1 kW, over its 5.6 kW capacity');
  });

  it('flags a rack over its power budget as an error, and near it as a warning', () => {
    const over = rules(site({ servers: 12, racks: [rack('rack:r1', 'R1', { maxKw: 5 })] })).find((f) => f.rule === 'rack-power-budget')!;
    expect(over).toMatchObject({ severity: 'error', variant: 'over', entities: ['rack:r1'] });
    expect(over.message).toBe('Rack R1 draws 6.1 kW, over its 5.0 kW power budget (122 %)');
    expect(over.hint).toMatch(/Move devices/);
    // 5.1 kW of 6 kW = 85 % ≥ 80 %
    const near = rules(site({ racks: [rack('rack:r1', 'R1', { maxKw: 6 })] })).find((f) => f.rule === 'rack-power-budget')!;
    expect(near).toMatchObject({ severity: 'warning', variant: 'near' });
    expect(rules(site()).find((f) => f.rule === 'rack-power-budget')).toBeUndefined();
  });

  it('flags a rack over its weight rating and a floor over its rating', () => {
    const heavy = rules(site({ racks: [rack('rack:r1', 'R1', { maxKg: 300 })] }));
    expect(heavy.find((f) => f.rule === 'rack-weight')).toMatchObject({ severity: 'error', variant: 'over' });
    // 305 kg over 1.08 m² = 282 kg/m² against a 250 kg/m² floor
    const floor = rules(site({ room: { floorRatingKgM2: 250 } })).find((f) => f.rule === 'floor-load')!;
    expect(floor).toMatchObject({ severity: 'error', params: { floorKgM2: 282, ratingKgM2: 250 } });
  });

  it('flags single-corded devices in a 2N room, not in an N room', () => {
    const in2n = rules(site()).filter((f) => f.rule === 'single-corded');
    expect(in2n.map((f) => f.entities)).toEqual([['dev:rack:r1:sw', 'rack:r1']]);
    expect(rules(site({ room: { powerRedundancy: 'N' } })).some((f) => f.rule === 'single-corded')).toBe(false);
  });

  it('flags dual-corded devices left with one feed in a 2N room', () => {
    const snap = site({ feeds: [feed('rack:r1', 'A', 'pe:rpp-a')] });
    const f = rules(snap).find((x) => x.rule === 'feed-missing')!;
    expect(f).toMatchObject({ severity: 'error', variant: 'dual', params: { side: 'B', count: 10 } });
    // With one feed, it carries everything.
    expect(analyse(snap).feeds.A!.normalW).toBe(5100);
  });

  it('flags a device plugged into a side the rack has no feed for', () => {
    const snap = site({ feeds: [feed('rack:r1', 'A', 'pe:rpp-a')] });
    snap.devices['dev:rack:r1:sw'] = { ...snap.devices['dev:rack:r1:sw']!, powerSide: 'B' };
    const a = analyse(snap);
    expect(a.unfedW).toBe(100);
    expect(rules(snap).find((f) => f.rule === 'device-unfed')).toMatchObject({ entities: ['dev:rack:r1:sw', 'rack:r1'], params: { side: 'B' } });
  });

  it('flags reverse airflow: a front-to-rear device mounted on the rear', () => {
    const snap = site();
    snap.devices['dev:rack:r1:sw'] = { ...snap.devices['dev:rack:r1:sw']!, face: 'rear' };
    expect(rules(snap).filter((f) => f.rule === 'airflow-reverse').map((f) => f.entities[0])).toEqual(['dev:rack:r1:sw']);
  });

  it('checks rack PDU outlets and inlet against the feed', () => {
    const snap = site();
    snap.deviceTypes['dt:pdu'] = { id: 'dt:pdu', manufacturer: 'Test', model: 'Vertical PDU 16 A', uHeight: 0, fullDepth: false, weightKg: 5, powerMaxW: null, powerTypicalW: null, airflow: null, role: 'pdu', pduInletA: 16, pduOutlets: 8 };
    snap.devices['dev:pdu-a'] = { id: 'dev:pdu-a', name: 'PDU-A', rackId: 'rack:r1', typeId: 'dt:pdu', position: 1, face: 'rear', side: 'left' };
    snap.powerFeeds['feed:rack:r1:A'] = { ...snap.powerFeeds['feed:rack:r1:A']!, rackPduDeviceId: 'dev:pdu-a' };
    const a = analyse(snap);
    // The 16 A inlet limits the feed: 230 × 16 × 0.8 × 0.95 = 2,796.8 W
    expect(a.feeds.A!.capacityW).toBeCloseTo(2796.8, 6);
    // 10 servers (one cord each side) + the switch = 11 cords on A, 8 outlets
    expect(a.feeds.A!.cords).toBe(11);
    const found = rules(snap).map((f) => f.rule);
    expect(found).toContain('rack-pdu-outlets');
    expect(found).toContain('rack-pdu-inlet');
    expect(found).toContain('feed-overload');
  });
});
