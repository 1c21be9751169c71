import { describe, expect, it } from 'vitest';
import { DesignChecker } from '../rules/checker';
import type { DocumentSnapshot } from '../model/schema';
import { capacityReport, whatIf } from './report';
import { chainElements, element, feed, rack, site } from './test-site';

const chainOf = (snap: DocumentSnapshot) => new DesignChecker(snap).chain().result;
const findings = (snap: DocumentSnapshot) => new DesignChecker(snap).check().findings;

describe('power chain loads', () => {
  it('adds feed loads up the chain to the sources', () => {
    const r = chainOf(site());
    const load = (id: string) => r.elements.get(id)!.normalW;
    expect(load('pe:rpp-a')).toBe(2600);
    expect(load('pe:rpp-b')).toBe(2500);
    expect(load('pe:ups-a')).toBe(2600);
    // Both ATSs prefer the utility, listed first: it carries everything, the generator nothing.
    expect(load('pe:utility')).toBe(5100);
    expect(load('pe:generator')).toBe(0);
  });

  it('finds each element’s worst load over every single failure, and its cause', () => {
    const r = chainOf(site());
    // UPS-A fails: all dual-corded load moves to B (5,000 W); the switch on A goes dark.
    expect(r.elements.get('pe:ups-b')!.worstW).toBe(5000);
    expect(['pe:ups-a', 'pe:rpp-a', 'pe:ats-a']).toContain(r.elements.get('pe:ups-b')!.worstCause);
    expect(r.elements.get('pe:ups-a')!.lossOnFailureW).toBe(100);
    // The utility fails: the generator takes the whole load.
    expect(r.elements.get('pe:generator')!.worstW).toBe(5100);
    expect(r.elements.get('pe:generator')!.worstCause).toBe('pe:utility');
  });

  it('flags an element that a failure would overload', () => {
    // RPP-B is rated 3 kW: fine at 2.5 kW, over on the loss of path A (5 kW).
    const snap = site();
    snap.powerElements['pe:rpp-b'] = { ...snap.powerElements['pe:rpp-b']!, ratingKw: 3 };
    const f = findings(snap).find((x) => x.rule === 'element-overload')!;
    expect(f).toMatchObject({ severity: 'error', variant: 'failover', entities: ['pe:rpp-b', expect.any(String)] });
    expect(f.message).toMatch(/^On failure of (ats-a|ups-a|rpp-a), rpp-b would carry 5\.0 kW, over its 3\.0 kW capacity \(167 %\)$/);
  });

  it('flags a single element whose failure cuts both feeds in a 2N room', () => {
    // One ATS for both UPS systems: a single point of failure.
    const elements = chainElements().filter((e) => e.id !== 'pe:ats-b').map((e) => (e.id === 'pe:ups-b' ? { ...e, upstreamIds: ['pe:ats-a'] } : e));
    const f = findings(site({ elements })).filter((x) => x.rule === 'common-path');
    expect(f.map((x) => x.entities)).toEqual([['pe:ats-a', 'rack:r1']]);
    expect(f[0]!.message).toBe('Failure of ats-a cuts both feeds of rack R1 in a 2N room');
    // The same chain in an N room is not a finding.
    expect(findings(site({ elements, room: { powerRedundancy: 'N' } })).some((x) => x.rule === 'common-path')).toBe(false);
  });

  it('reports a loop in the upstream links', () => {
    const elements = [...chainElements(), element('pe:x', 'panel', ['pe:y']), element('pe:y', 'panel', ['pe:x'])];
    expect(findings(site({ elements })).filter((f) => f.rule === 'power-chain-cycle').map((f) => f.entities[0]).sort()).toEqual(['pe:x', 'pe:y']);
  });
});

describe('UPS group verdicts', () => {
  const verdict = (snap: DocumentSnapshot) => chainOf(snap).groups.find((g) => g.group === '2N')!;

  it('is 2N when each system carries the whole group load', () => {
    expect(verdict(site())).toMatchObject({ designed: '2N', achieved: '2N', loadW: 5100 });
  });

  it('is 2(N+1) when each system does so with a module failed', () => {
    const snap = site();
    for (const id of ['pe:ups-a', 'pe:ups-b']) snap.powerElements[id] = { ...snap.powerElements[id]!, modules: 4 };
    expect(verdict(snap).achieved).toBe('2(N+1)');
  });

  it('falls to N+1 or N when one system can no longer carry everything, and says so', () => {
    // 4 kW each for 5.1 kW: together 8 kW minus the largest unit (4 kW) = 4 kW < 5.1 kW → N
    const snap = site();
    for (const id of ['pe:ups-a', 'pe:ups-b']) snap.powerElements[id] = { ...snap.powerElements[id]!, ratingKw: 4 };
    expect(verdict(snap).achieved).toBe('N');
    // 5 kW each in 5 modules of 1 kW: neither carries 5.1 kW alone, but 10 kW − 1 kW ≥ 5.1 kW → N+1
    for (const id of ['pe:ups-a', 'pe:ups-b']) snap.powerElements[id] = { ...snap.powerElements[id]!, ratingKw: 5, modules: 5 };
    expect(verdict(snap).achieved).toBe('N+1');
    const f = findings(snap).find((x) => x.rule === 'ups-redundancy')!;
    expect(f).toMatchObject({ severity: 'error', variant: 'below', params: { designed: '2N', achieved: 'N+1' } });
  });

  it('is overloaded when the group cannot carry its load at all', () => {
    const snap = site();
    for (const id of ['pe:ups-a', 'pe:ups-b']) snap.powerElements[id] = { ...snap.powerElements[id]!, ratingKw: 2 };
    expect(verdict(snap).achieved).toBe('overloaded');
  });
});

describe('what if X fails', () => {
  it('lists the racks degraded and devices down when a UPS fails', () => {
    const checker = new DesignChecker(site({ racks: [rack('rack:r1', 'R1'), rack('rack:r2', 'R2', { xMm: 1600 })] }));
    const r = whatIf(checker, ['pe:ups-a']);
    expect(r.deadElements).toEqual(['pe:ups-a', 'pe:rpp-a']);
    expect(r.deadFeeds.sort()).toEqual(['feed:rack:r1:A', 'feed:rack:r2:A']);
    expect(r.racks.map((x) => [x.rackId, x.state, x.devicesDown])).toEqual([
      ['rack:r1', 'degraded', ['dev:rack:r1:sw']],
      ['rack:r2', 'degraded', ['dev:rack:r2:sw']],
    ]);
    expect(r.lostW).toBe(200);
  });

  it('takes a rack down when both its feeds die, and reports overloads', () => {
    const checker = new DesignChecker(site());
    const r = whatIf(checker, ['pe:rpp-a', 'pe:rpp-b']);
    expect(r.racks).toEqual([{ rackId: 'rack:r1', state: 'down', lostW: 5100, devicesDown: expect.arrayContaining(['dev:rack:r1:s0', 'dev:rack:r1:sw']) }]);
    const small = site();
    small.powerElements['pe:rpp-b'] = { ...small.powerElements['pe:rpp-b']!, ratingKw: 3 };
    expect(whatIf(new DesignChecker(small), ['feed:rack:r1:A']).overloads).toEqual([{ kind: 'powerElements', id: 'pe:rpp-b', loadW: 5000, capacityW: 3000 }]);
  });

  it('fails a cooler and shows what is left of its zone', () => {
    const snap = site();
    snap.floorEquipment['fe:crah-1'] = { id: 'fe:crah-1', name: 'CRAH-1', roomId: 'room:h', kind: 'crah', xMm: 5000, yMm: 8000, rotationDeg: 0, widthMm: 2000, depthMm: 900, heightMm: 2000, coolingKw: 5, powerKva: null, weightKg: 900 };
    snap.floorEquipment['fe:crah-2'] = { ...snap.floorEquipment['fe:crah-1']!, id: 'fe:crah-2', name: 'CRAH-2', xMm: 8000, coolingKw: 4 };
    const r = whatIf(new DesignChecker(snap), ['fe:crah-1']);
    // 5.1 kW IT × 1.1 losses = 5.61 kW against the 4 kW left
    expect(r.zones).toEqual([expect.objectContaining({ key: 'room:h#', capacityW: 4000, short: true })]);
    expect(r.zones[0]!.heatW).toBeCloseTo(5610, 6);
  });
});

describe('capacity report', () => {
  it('totals racks per room and row', () => {
    const snap = site({ racks: [rack('rack:r1', 'R1'), rack('rack:r2', 'R2', { xMm: 1600, maxKw: 8 })] });
    snap.rows['row:1'] = { id: 'row:1', name: 'A', roomId: 'room:h', rackIds: ['rack:r1', 'rack:r2'], orientationDeg: 0, frontAisle: 'cold', containment: 'none' };
    const report = capacityReport(new DesignChecker(snap));
    expect(report.site).toMatchObject({ racks: 2, devices: 22, uHeight: 84, usedU: 22, freeU: 62, loadW: 10_200, budgetW: 18_000, weightKg: 610 });
    expect(report.rooms[0]).toMatchObject({ roomId: 'room:h', loadW: 10_200 });
    expect(report.rows[0]).toMatchObject({ rowId: 'row:1', racks: 2, loadW: 10_200 });
    expect(report.upsGroups[0]).toMatchObject({ group: '2N', achieved: '2N' });
  });
});

describe('feeds change with their racks', () => {
  it('ignores a feed whose source is not modelled', () => {
    const snap = site({ feeds: [feed('rack:r1', 'A', 'pe:rpp-a'), feed('rack:r1', 'B', 'pe:rpp-b')] });
    expect(chainOf(snap).elements.get('pe:rpp-a')!.normalW).toBe(2600);
  });
});
