import { describe, expect, it } from 'vitest';
import type { PowerElement, PowerFeed } from '../../../core/model/schema';
import { parseDecimal } from '../units';
import {
  KG_M2_PER_LB_FT2, buildChainTree, defaultUpstream, downstreamOf, feedSources, flattenChain, formatFloorLoad, meetsDesign, nextSort,
  parseFloorLoad, pctOf, sortRows, toneOf,
} from './model';

const el = (id: string, kind: PowerElement['kind'], upstreamIds: string[] = []): PowerElement => ({
  id, name: id.toUpperCase(), kind, upstreamIds, voltageV: 400, phases: 3, breakerA: null, ratingKw: null, ratingKva: null,
});
const feed = (id: string, rackId: string, sourceId: string, side: 'A' | 'B' = 'A'): PowerFeed => ({ id, name: id, rackId, side, sourceId, breakerA: 16, voltageV: 400, phases: 3 });
const byId = (list: PowerElement[]) => Object.fromEntries(list.map((e) => [e.id, e]));

describe('buildChainTree', () => {
  // Utility and generator into an ATS, two UPS under it, each with a PDU; rack feeds on the PDUs.
  const elements = byId([
    el('gen', 'generator'), el('util', 'utility'), el('ats', 'ats', ['util', 'gen']),
    el('ups-b', 'ups', ['ats']), el('ups-a', 'ups', ['ats']), el('pdu-a', 'pdu', ['ups-a']), el('pdu-b', 'pdu', ['ups-b']),
  ]);
  const feeds = Object.fromEntries([feed('f1', 'r1', 'pdu-a'), feed('f2', 'r2', 'pdu-a'), feed('f3', 'r1', 'pdu-b', 'B')].map((f) => [f.id, f]));

  it('hangs each element under its first upstream, lists the others, and orders sources first', () => {
    const roots = buildChainTree(elements, feeds);
    expect(roots.map((n) => n.element.id)).toEqual(['util', 'gen']);
    const ats = roots[0]!.children[0]!;
    expect(ats.element.id).toBe('ats');
    expect(ats.alsoFrom).toEqual(['gen']);
    expect(ats.children.map((n) => n.element.id)).toEqual(['ups-a', 'ups-b']);
    expect(flattenChain(roots).map((n) => `${n.depth}:${n.element.id}`)).toEqual(['0:util', '1:ats', '2:ups-a', '3:pdu-a', '2:ups-b', '3:pdu-b', '0:gen']);
  });

  it('counts the feeds and the distinct racks each element sources', () => {
    const flat = flattenChain(buildChainTree(elements, feeds));
    const pduA = flat.find((n) => n.element.id === 'pdu-a')!;
    expect([pduA.feeds, pduA.racks]).toEqual([2, 2]);
    expect(flat.find((n) => n.element.id === 'ups-a')!.feeds).toBe(0);
  });

  it('skips collapsed subtrees', () => {
    const flat = flattenChain(buildChainTree(elements, feeds), new Set(['ats']));
    expect(flat.map((n) => n.element.id)).toEqual(['util', 'ats', 'gen']);
  });

  it('never loses an element on a cycle or with unknown upstreams', () => {
    const cyclic = byId([el('a', 'ups', ['b']), el('b', 'pdu', ['a']), el('c', 'rpp', ['nowhere'])]);
    const flat = flattenChain(buildChainTree(cyclic, {}));
    expect(flat.map((n) => n.element.id).sort()).toEqual(['a', 'b', 'c']);
    expect(new Set(flat.map((n) => n.element.id)).size).toBe(3);
  });

  it('knows what is downstream, so an element cannot be fed from below itself', () => {
    expect([...downstreamOf(elements, 'ats')].sort()).toEqual(['pdu-a', 'pdu-b', 'ups-a', 'ups-b']);
    expect(downstreamOf(elements, 'pdu-a').size).toBe(0);
  });
});

describe('new elements and feed sources', () => {
  it('hangs a new element under the picked one only when power flows that way', () => {
    expect(defaultUpstream('rpp', el('pdu', 'pdu'))).toEqual(['pdu']);
    expect(defaultUpstream('utility', el('pdu', 'pdu'))).toEqual([]);
    expect(defaultUpstream('ups', null)).toEqual([]);
  });

  it('offers distribution closest to the racks first and never a utility or generator', () => {
    const list = feedSources(byId([el('util', 'utility'), el('gen', 'generator'), el('ups', 'ups'), el('rpp2', 'rpp'), el('rpp10', 'rpp'), el('pnl', 'panel')]));
    expect(list.map((e) => e.id)).toEqual(['pnl', 'rpp2', 'rpp10', 'ups']);
  });
});

describe('percentages and verdicts', () => {
  it('grades a load against its capacity as the rules do', () => {
    expect(pctOf(50, 200)).toBe(25);
    expect(pctOf(50, null)).toBeNull();
    expect(pctOf(50, 0)).toBeNull();
    expect(toneOf(79.9, 80)).toBe('ok');
    expect(toneOf(80, 80)).toBe('warning');
    expect(toneOf(100, 80)).toBe('warning');
    expect(toneOf(100.1, 80)).toBe('danger');
    expect(toneOf(null, 80)).toBe('none');
  });

  it('tells whether an achieved redundancy meets the design', () => {
    expect(meetsDesign('2(N+1)', '2N')).toBe(true);
    expect(meetsDesign('2N', '2N')).toBe(true);
    expect(meetsDesign('N+1', '2N')).toBe(false);
    expect(meetsDesign('overloaded', 'N')).toBe(false);
    expect(meetsDesign('short', 'N+1')).toBe(false);
    expect(meetsDesign('unknown', 'N')).toBeNull();
  });
});

describe('floor load units', () => {
  const metric = { system: 'metric' as const, locale: 'en' };
  const imperial = { system: 'imperial' as const, locale: 'en' };

  it('converts kg/m² and lb/ft² (TIA-942: 1224 kg/m² ≈ 250 lbf/ft²)', () => {
    expect(KG_M2_PER_LB_FT2).toBeCloseTo(4.8824, 3);
    expect(formatFloorLoad(1224, metric)).toBe('1,224\u00a0kg/m²');
    expect(formatFloorLoad(1224, imperial)).toBe('251\u00a0lb/ft²');
    expect(formatFloorLoad(1224, { system: 'metric', locale: 'fr' })).toBe('1\u202f224\u00a0kg/m²');
  });

  it('parses what a person types, a bare number in the display unit', () => {
    expect(parseFloorLoad('1224', metric, parseDecimal)).toBe(1224);
    expect(parseFloorLoad('250', imperial, parseDecimal)).toBeCloseTo(1220.6, 1);
    expect(parseFloorLoad('250 lb/ft²', metric, parseDecimal)).toBeCloseTo(1220.6, 1);
    expect(parseFloorLoad('12 kPa', metric, parseDecimal)).toBeCloseTo(1223.7, 1);
    expect(parseFloorLoad('0', metric, parseDecimal)).toBeNull();
    expect(parseFloorLoad('heavy', metric, parseDecimal)).toBeNull();
  });
});

describe('sorting tables', () => {
  const rows = [{ n: 'R10', v: 3 }, { n: 'R2', v: null }, { n: 'R1', v: 7 }, { n: 'R3', v: 3 }];
  const value = (r: (typeof rows)[number], k: 'n' | 'v') => r[k];

  it('sorts text naturally and numbers numerically, missing values last either way, stable on ties', () => {
    expect(sortRows(rows, { key: 'n', dir: 'asc' }, value).map((r) => r.n)).toEqual(['R1', 'R2', 'R3', 'R10']);
    expect(sortRows(rows, { key: 'v', dir: 'desc' }, value).map((r) => r.n)).toEqual(['R1', 'R10', 'R3', 'R2']);
    expect(sortRows(rows, { key: 'v', dir: 'asc' }, value).map((r) => r.n)).toEqual(['R10', 'R3', 'R1', 'R2']);
  });

  it('flips the direction on the same column and starts numbers descending', () => {
    expect(nextSort({ key: 'n', dir: 'asc' }, 'n', false)).toEqual({ key: 'n', dir: 'desc' });
    expect(nextSort({ key: 'n', dir: 'asc' }, 'v', true)).toEqual({ key: 'v', dir: 'desc' });
    expect(nextSort({ key: 'v', dir: 'desc' }, 'n', false)).toEqual({ key: 'n', dir: 'asc' });
  });
});
