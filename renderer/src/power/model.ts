/**
 * Pure helpers of the Power & capacity UI: the power chain as a tree, percentages and their tone,
 * floor-load units, and table sorting. No React, no DOM: tested in model.test.ts.
 */
import type { PowerElement, PowerFeed } from '../../../core/model/schema';
import type { UnitOptions } from '../units';
import { KG_PER_POUND, MM_PER_FOOT, formatNumber } from '../units';

export interface ChainNode {
  element: PowerElement;
  /** 0 for a source (no modelled upstream). */
  depth: number;
  children: ChainNode[];
  /** Upstreams other than the one it hangs under in the tree (an ATS's generator, a bypass). */
  alsoFrom: string[];
  /** Rack feeds this element sources directly. */
  feeds: number;
  /** Racks those feeds go to. */
  racks: number;
}

/** Order of kinds within siblings: sources first, then the way power flows. */
const KIND_ORDER: Record<PowerElement['kind'], number> = { utility: 0, generator: 1, ats: 2, ups: 3, switchboard: 4, pdu: 5, rpp: 6, panel: 7 };

const natural = new Intl.Collator('en', { numeric: true, sensitivity: 'base' }).compare;

/**
 * The chain as a forest: each element hangs under its first upstream that exists (the one that
 * carries it in normal operation, as the engine reads `upstreamIds`); its other upstreams are
 * listed in `alsoFrom`. Elements on a cycle, or whose upstreams are all unknown, become roots, so
 * nothing is ever lost from the tree.
 */
export function buildChainTree(elements: Readonly<Record<string, PowerElement>>, feeds: Readonly<Record<string, PowerFeed>>): ChainNode[] {
  const feedCount = new Map<string, number>();
  const rackSets = new Map<string, Set<string>>();
  for (const f of Object.values(feeds)) {
    feedCount.set(f.sourceId, (feedCount.get(f.sourceId) ?? 0) + 1);
    const set = rackSets.get(f.sourceId) ?? new Set<string>();
    set.add(f.rackId);
    rackSets.set(f.sourceId, set);
  }
  const nodes = new Map<string, ChainNode>();
  for (const e of Object.values(elements)) {
    nodes.set(e.id, { element: e, depth: 0, children: [], alsoFrom: [], feeds: feedCount.get(e.id) ?? 0, racks: rackSets.get(e.id)?.size ?? 0 });
  }
  const parentOf = new Map<string, string>();
  for (const node of nodes.values()) {
    const ups = node.element.upstreamIds.filter((u) => nodes.has(u) && u !== node.element.id);
    if (ups.length === 0) continue;
    parentOf.set(node.element.id, ups[0]!);
    node.alsoFrom = ups.slice(1);
  }
  // A parent link that closes a loop is dropped: the element becomes a root.
  for (const id of [...parentOf.keys()]) {
    const seen = new Set<string>([id]);
    let p = parentOf.get(id);
    while (p !== undefined) {
      if (seen.has(p)) {
        parentOf.delete(id);
        break;
      }
      seen.add(p);
      p = parentOf.get(p);
    }
  }
  const roots: ChainNode[] = [];
  for (const node of nodes.values()) {
    const p = parentOf.get(node.element.id);
    if (p !== undefined) nodes.get(p)!.children.push(node);
    else roots.push(node);
  }
  const sortAndDepth = (list: ChainNode[], depth: number) => {
    list.sort((a, b) => KIND_ORDER[a.element.kind] - KIND_ORDER[b.element.kind] || natural(a.element.name, b.element.name));
    for (const n of list) {
      n.depth = depth;
      sortAndDepth(n.children, depth + 1);
    }
  };
  sortAndDepth(roots, 0);
  return roots;
}

/** The tree in display order, skipping the children of collapsed nodes. */
export function flattenChain(roots: readonly ChainNode[], collapsed: ReadonlySet<string> = new Set()): ChainNode[] {
  const out: ChainNode[] = [];
  const walk = (list: readonly ChainNode[]) => {
    for (const n of list) {
      out.push(n);
      if (!collapsed.has(n.element.id)) walk(n.children);
    }
  };
  walk(roots);
  return out;
}

/** Elements below `id` (itself excluded): the ones that may not become its upstream. */
export function downstreamOf(elements: Readonly<Record<string, PowerElement>>, id: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const e of Object.values(elements)) {
    for (const u of e.upstreamIds) children.set(u, [...(children.get(u) ?? []), e.id]);
  }
  const out = new Set<string>();
  const stack = [...(children.get(id) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (out.has(next) || next === id) continue;
    out.add(next);
    stack.push(...(children.get(next) ?? []));
  }
  return out;
}

export type Tone = 'ok' | 'warning' | 'danger' | 'none';

/** Load as % of a capacity; null when there is no capacity to compare with. */
export function pctOf(loadW: number, capacityW: number | null | undefined): number | null {
  if (capacityW === null || capacityW === undefined || !(capacityW > 0)) return null;
  return (loadW / capacityW) * 100;
}

/** The tone of a utilisation: above 100 % is an error, from `warnAtPct` a warning (as the rules grade it). */
export function toneOf(pct: number | null, warnAtPct: number): Tone {
  if (pct === null) return 'none';
  if (pct > 100) return 'danger';
  if (pct >= warnAtPct) return 'warning';
  return 'ok';
}

/** Rank of the redundancy verdicts, to tell whether an achieved verdict meets the design. */
const VERDICT_RANK: Record<string, number> = { unknown: -2, overloaded: -1, short: -1, none: -2, N: 0, 'N+1': 1, '2N': 2, '2(N+1)': 3 };

export function meetsDesign(achieved: string, designed: string): boolean | null {
  if (achieved === 'unknown') return null;
  return (VERDICT_RANK[achieved] ?? -2) >= (VERDICT_RANK[designed] ?? 0);
}

// ---------------------------------------------------------------- floor load units

export const KG_M2_PER_LB_FT2 = KG_PER_POUND / ((MM_PER_FOOT / 1000) ** 2);

/** Floor load (stored in kg/m²) as kg/m² or lb/ft². */
export function formatFloorLoad(kgM2: number, opts: UnitOptions): string {
  if (!Number.isFinite(kgM2)) return '—';
  return opts.system === 'metric'
    ? `${formatNumber(kgM2, opts.locale, 0)}\u00a0kg/m²`
    : `${formatNumber(kgM2 / KG_M2_PER_LB_FT2, opts.locale, 0)}\u00a0lb/ft²`;
}

export function floorLoadUnit(opts: UnitOptions): string {
  return opts.system === 'metric' ? 'kg/m²' : 'lb/ft²';
}

/** Parses `1224`, `1224 kg/m²`, `250 lb/ft²`, `12 kPa` into kg/m² (a bare number is in the display unit). */
export function parseFloorLoad(text: string, opts: UnitOptions, parseDecimal: (t: string, locale: string) => number | null): number | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const m = /^(.*?)\s*(kg\/m²|kg\/m2|lb\/ft²|lb\/ft2|lbf\/ft²|lbf\/ft2|psf|kpa)?$/.exec(t);
  if (!m) return null;
  const value = parseDecimal(m[1]!, opts.locale);
  if (value === null || value <= 0) return null;
  const unit = m[2] ?? (opts.system === 'metric' ? 'kg/m²' : 'lb/ft²');
  const kgM2 = unit.startsWith('kg') ? value : unit === 'kpa' ? (value * 1000) / 9.80665 : value * KG_M2_PER_LB_FT2;
  return Math.round(kgM2 * 10) / 10;
}

// ---------------------------------------------------------------- tables

export type SortDir = 'asc' | 'desc';
export interface SortState<K extends string> {
  key: K;
  dir: SortDir;
}

/**
 * Rows sorted by one column: numbers numerically, text naturally ("R2" before "R10"); null and
 * undefined values always last, whatever the direction. Stable for equal keys.
 */
export function sortRows<T, K extends string>(rows: readonly T[], sort: SortState<K>, value: (row: T, key: K) => number | string | null | undefined): T[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, v: value(row, sort.key) }))
    .sort((a, b) => {
      const av = a.v, bv = b.v;
      const an = av === null || av === undefined, bn = bv === null || bv === undefined;
      if (an || bn) return an === bn ? a.i - b.i : an ? 1 : -1;
      const c = typeof av === 'number' && typeof bv === 'number' ? av - bv : natural(String(av), String(bv));
      return c !== 0 ? c * sign : a.i - b.i;
    })
    .map((x) => x.row);
}

/** Clicking a column header: the same column flips its direction; another starts descending for numbers. */
export function nextSort<K extends string>(current: SortState<K>, key: K, numeric: boolean): SortState<K> {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: numeric ? 'desc' : 'asc' };
}

/**
 * Where a new element of `kind` hangs by default: under the picked element when power flows
 * from that one to the new kind (a UPS under an ATS, an RPP under a PDU), else nowhere.
 */
export function defaultUpstream(kind: PowerElement['kind'], picked: PowerElement | null | undefined): string[] {
  if (!picked) return [];
  return KIND_ORDER[kind] > KIND_ORDER[picked.kind] ? [picked.id] : [];
}

/** Kinds a rack feed may come from: distribution and UPS, never a utility or generator directly. */
export const FEED_SOURCE_KINDS: ReadonlySet<PowerElement['kind']> = new Set(['ats', 'ups', 'switchboard', 'pdu', 'rpp', 'panel']);

/** Candidate sources for rack feeds, distribution closest to the racks first. */
export function feedSources(elements: Readonly<Record<string, PowerElement>>): PowerElement[] {
  return Object.values(elements)
    .filter((e) => FEED_SOURCE_KINDS.has(e.kind))
    .sort((a, b) => KIND_ORDER[b.kind] - KIND_ORDER[a.kind] || natural(a.name, b.name));
}
