/**
 * The power chain: which element carries which load, in normal operation and when any one element
 * fails (the single-failure criterion), and what redundancy each UPS group really achieves.
 *
 * Model (FACTS.md, "Power"):
 *  - An element with no upstream is a source (utility, generator, or a chain modelled only from
 *    the UPS down). An element with upstreams is alive while one of them is; the first alive one
 *    in `upstreamIds` carries its load (an ATS prefers the utility it lists first).
 *  - A rack feed is alive while its source is. Dual-corded load moves to the surviving feed.
 *  - Loads add up the chain: an element carries its feeds plus everything it is the carrier of.
 *
 * Cost: with E elements and R racks, normal operation is O(E + R); each failure scenario only
 * revisits the racks fed from what died, so all E scenarios together stay far below O(E × R).
 */
import type { PowerElement, PowerFeed, Redundancy, Room } from '../model/schema';
import { finding, naturalCompare, type Finding } from '../rules/finding';
import { elementRating, type ElementRating } from './power';
import { survivingLoads, type RackAnalysis } from './rack';
import type { ResolvedSettings } from './settings';

export interface ElementLoad {
  id: string;
  kind: PowerElement['kind'];
  rating: ElementRating;
  /** Load in normal operation, W. */
  normalW: number;
  /** The highest load over normal operation and every single failure, W. */
  worstW: number;
  /** The element whose failure gives `worstW` (null: normal operation). */
  worstCause: string | null;
  /** Load that is lost (devices unpowered) when this element fails, W. */
  lossOnFailureW: number;
  /** Racks that lose power completely when this element fails. */
  racksDownOnFailure: number;
}

export type RedundancyVerdict = Redundancy | 'overloaded' | 'unknown';

export interface UpsGroupResult {
  group: string;
  elementIds: string[];
  designed: Redundancy;
  achieved: RedundancyVerdict;
  loadW: number;
  /** Capacity of each system, W (null: no rating). */
  capacitiesW: Array<number | null>;
}

export interface ChainResult {
  elements: Map<string, ElementLoad>;
  groups: UpsGroupResult[];
  findings: Finding[];
  /** Elements on a cycle of upstream links (a modelling error). */
  cyclic: Set<string>;
}

export interface ChainInput {
  elements: Readonly<Record<string, PowerElement>>;
  racks: ReadonlyMap<string, RackAnalysis>;
  rackName: (rackId: string) => string;
  rooms: Readonly<Record<string, Room>>;
  settings: ResolvedSettings;
}

/** The feeds behind the rack analyses (for a topology built without the document's feed list). */
function* feedsOf(racks: ReadonlyMap<string, RackAnalysis>): Iterable<PowerFeed> {
  for (const r of racks.values()) {
    for (const side of ['A', 'B'] as const) {
      const f = r.feeds[side];
      if (f) yield { id: f.feedId, name: f.feedId, rackId: r.rackId, side, sourceId: f.sourceId, breakerA: 1, voltageV: 1, phases: 1 };
    }
  }
}

const RANK: Record<RedundancyVerdict, number> = { unknown: -2, overloaded: -1, N: 0, 'N+1': 1, '2N': 2, '2(N+1)': 3 };
const REDUNDANT_ROOMS = new Set(['2N', '2(N+1)']);
const kw = (w: number) => `${(w / 1000).toFixed(w >= 100_000 ? 0 : 1)} kW`;

/** Elements in topological order (upstream first), and those on cycles. */
function order(elements: readonly PowerElement[]): { order: PowerElement[]; cyclic: Set<string> } {
  const byId = new Map(elements.map((e) => [e.id, e]));
  const indegree = new Map<string, number>();
  const children = new Map<string, string[]>();
  for (const e of elements) {
    let n = 0;
    for (const u of e.upstreamIds) {
      if (!byId.has(u)) continue;
      n++;
      const list = children.get(u);
      if (list) list.push(e.id);
      else children.set(u, [e.id]);
    }
    indegree.set(e.id, n);
  }
  const queue = elements.filter((e) => indegree.get(e.id) === 0);
  const out: PowerElement[] = [];
  for (let i = 0; i < queue.length; i++) {
    const e = queue[i]!;
    out.push(e);
    for (const c of children.get(e.id) ?? []) {
      const n = indegree.get(c)! - 1;
      indegree.set(c, n);
      if (n === 0) queue.push(byId.get(c)!);
    }
  }
  const cyclic = new Set(elements.filter((e) => indegree.get(e.id)! > 0).map((e) => e.id));
  // Cyclic elements go last, treated as sources, so the rest of the analysis still runs.
  for (const e of elements) if (cyclic.has(e.id)) out.push(e);
  return { order: out, cyclic };
}

/**
 * The shape of the chain, independent of loads: element order, which racks each feed side hangs
 * from, and for every single-element failure which elements stay alive, who carries whom, and
 * which racks lose a feed. It only changes when elements or feeds change, so the checker keeps it
 * across device edits; each check then only adds loads up (typed arrays, no allocation per rack).
 */
export class ChainTopology {
  readonly order: PowerElement[];
  readonly cyclic: Set<string>;
  readonly index = new Map<string, number>();
  /** Racks with at least one feed, and per rack the element index of each side's source (−1: none). */
  readonly rackIds: string[] = [];
  readonly rackIndex = new Map<string, number>();
  readonly srcA: Int32Array;
  readonly srcB: Int32Array;
  readonly feedIdA: Array<string | null> = [];
  readonly feedIdB: Array<string | null> = [];
  readonly normal: { alive: Uint8Array; carrier: Int32Array };
  /** One per element, in `order`: the failure of that element. */
  readonly scenarios: Array<{ alive: Uint8Array; carrier: Int32Array; racks: Int32Array; deadA: Uint8Array; deadB: Uint8Array }>;

  constructor(elements: Readonly<Record<string, PowerElement>>, feeds: Iterable<PowerFeed>) {
    const o = order(Object.values(elements));
    this.order = o.order;
    this.cyclic = o.cyclic;
    this.order.forEach((e, i) => this.index.set(e.id, i));
    const a: number[] = [];
    const b: number[] = [];
    for (const f of feeds) {
      let r = this.rackIndex.get(f.rackId);
      if (r === undefined) {
        r = this.rackIds.length;
        this.rackIndex.set(f.rackId, r);
        this.rackIds.push(f.rackId);
        a.push(-1);
        b.push(-1);
        this.feedIdA.push(null);
        this.feedIdB.push(null);
      }
      const src = this.index.get(f.sourceId) ?? -1;
      if (f.side === 'A') {
        a[r] = src;
        this.feedIdA[r] = f.id;
      } else {
        b[r] = src;
        this.feedIdB[r] = f.id;
      }
    }
    this.srcA = Int32Array.from(a);
    this.srcB = Int32Array.from(b);
    // Racks by the element each side hangs from, to find what a failure touches.
    const racksBySource: number[][] = this.order.map(() => []);
    for (let r = 0; r < this.rackIds.length; r++) {
      if (this.srcA[r]! >= 0) racksBySource[this.srcA[r]!]!.push(r);
      if (this.srcB[r]! >= 0 && this.srcB[r] !== this.srcA[r]) racksBySource[this.srcB[r]!]!.push(r);
    }
    this.normal = this.alive(new Set());
    this.scenarios = this.order.map((e) => {
      const { alive, carrier } = this.alive(new Set([e.id]));
      const touched = new Set<number>();
      for (let i = 0; i < this.order.length; i++) if (!alive[i]) for (const r of racksBySource[i]!) touched.add(r);
      const racks = Int32Array.from(touched);
      const deadA = new Uint8Array(racks.length);
      const deadB = new Uint8Array(racks.length);
      racks.forEach((r, k) => {
        deadA[k] = this.srcA[r]! >= 0 && !alive[this.srcA[r]!] ? 1 : 0;
        deadB[k] = this.srcB[r]! >= 0 && !alive[this.srcB[r]!] ? 1 : 0;
      });
      return { alive, carrier, racks, deadA, deadB };
    });
  }

  /** Which elements are alive when `failed` are down, and which upstream carries each. */
  alive(failed: ReadonlySet<string>): { alive: Uint8Array; carrier: Int32Array } {
    const n = this.order.length;
    const alive = new Uint8Array(n);
    const carrier = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; i++) {
      const e = this.order[i]!;
      if (failed.has(e.id)) continue;
      if (e.upstreamIds.length === 0 || this.cyclic.has(e.id)) {
        alive[i] = 1;
        continue;
      }
      let known = false;
      for (const u of e.upstreamIds) {
        const j = this.index.get(u);
        if (j === undefined) continue;
        known = true;
        if (alive[j]) {
          alive[i] = 1;
          carrier[i] = j;
          break;
        }
      }
      // Upstreams that are not modelled: it is a source.
      if (!known) alive[i] = 1;
    }
    return { alive, carrier };
  }
}

/** Adds each element's total into its carrier, leaves first; dead elements carry nothing. */
function propagate(total: Float64Array, alive: Uint8Array, carrier: Int32Array): void {
  for (let i = total.length - 1; i >= 0; i--) {
    if (!alive[i]) {
      total[i] = 0;
      continue;
    }
    const c = carrier[i]!;
    if (c >= 0) total[c]! += total[i]!;
  }
}

export interface ScenarioRack {
  rack: RackAnalysis;
  A: number;
  B: number;
  lostW: number;
  deadA: boolean;
  deadB: boolean;
}

/** The chain's loads for the current rack analyses, on a topology. */
export class PowerChain {
  readonly order: PowerElement[];
  readonly cyclic: Set<string>;
  /** Per topology rack: its analysis (undefined when the rack is gone) and its loads. */
  private readonly racks: Array<RackAnalysis | undefined>;
  private readonly sA: Float64Array;
  private readonly sB: Float64Array;
  private readonly dual: Float64Array;
  private readonly nA: Float64Array;
  private readonly nB: Float64Array;
  private readonly normalDirect: Float64Array;

  constructor(private readonly input: ChainInput, readonly topology: ChainTopology = new ChainTopology(input.elements, feedsOf(input.racks))) {
    this.order = topology.order;
    this.cyclic = topology.cyclic;
    const n = topology.rackIds.length;
    this.racks = topology.rackIds.map((id) => input.racks.get(id));
    this.sA = new Float64Array(n);
    this.sB = new Float64Array(n);
    this.dual = new Float64Array(n);
    this.nA = new Float64Array(n);
    this.nB = new Float64Array(n);
    this.normalDirect = new Float64Array(this.order.length);
    for (let r = 0; r < n; r++) {
      const a = this.racks[r];
      if (!a) continue;
      this.sA[r] = a.singleW.A;
      this.sB[r] = a.singleW.B;
      this.dual[r] = a.dualW;
      this.nA[r] = a.feeds.A?.normalW ?? 0;
      this.nB[r] = a.feeds.B?.normalW ?? 0;
      if (topology.srcA[r]! >= 0) this.normalDirect[topology.srcA[r]!]! += this.nA[r]!;
      if (topology.srcB[r]! >= 0) this.normalDirect[topology.srcB[r]!]! += this.nB[r]!;
    }
  }

  indexOf(id: string): number | undefined {
    return this.topology.index.get(id);
  }

  /** Loads on a rack's feeds when some are dead: dual-corded load moves to the survivor. */
  private rackLoads(r: number, deadA: boolean, deadB: boolean): { A: number; B: number; lostW: number } {
    const t = this.topology;
    return survivingLoads(this.sA[r]!, this.sB[r]!, this.dual[r]!, t.feedIdA[r] !== null && !deadA, t.feedIdB[r] !== null && !deadB);
  }

  /**
   * Loads of every element when `failed` elements (and `failedFeeds`) are down, for what-if: any
   * combination, so it walks every fed rack.
   */
  scenario(failed: ReadonlySet<string>, failedFeeds: ReadonlySet<string> = new Set()): {
    total: Float64Array; alive: Uint8Array; affected: ScenarioRack[]; lostW: number;
  } {
    const t = this.topology;
    const { alive, carrier } = t.alive(failed);
    const total = Float64Array.from(this.normalDirect);
    const affected: ScenarioRack[] = [];
    let lostW = 0;
    for (let r = 0; r < t.rackIds.length; r++) {
      const rack = this.racks[r];
      if (!rack) continue;
      const deadA = t.feedIdA[r] !== null && (failedFeeds.has(t.feedIdA[r]!) || (t.srcA[r]! >= 0 && !alive[t.srcA[r]!]));
      const deadB = t.feedIdB[r] !== null && (failedFeeds.has(t.feedIdB[r]!) || (t.srcB[r]! >= 0 && !alive[t.srcB[r]!]));
      if (!deadA && !deadB) continue;
      const loads = this.rackLoads(r, deadA, deadB);
      if (t.srcA[r]! >= 0) total[t.srcA[r]!]! += loads.A - this.nA[r]!;
      if (t.srcB[r]! >= 0) total[t.srcB[r]!]! += loads.B - this.nB[r]!;
      lostW += loads.lostW;
      affected.push({ rack, ...loads, deadA, deadB });
    }
    propagate(total, alive, carrier);
    return { total, alive, affected, lostW };
  }

  analyze(): ChainResult {
    const { settings, rooms, rackName } = this.input;
    const t = this.topology;
    const findings: Finding[] = [];
    const n = this.order.length;
    const ratings = this.order.map((e) => elementRating(e, settings));
    const normalTotal = Float64Array.from(this.normalDirect);
    propagate(normalTotal, t.normal.alive, t.normal.carrier);
    const worst = Float64Array.from(normalTotal);
    const worstCause: Array<string | null> = new Array(n).fill(null);
    const loss = new Float64Array(n);
    const racksDown = new Int32Array(n);
    const total = new Float64Array(n);
    for (let x = 0; x < n; x++) {
      const sc = t.scenarios[x]!;
      total.set(this.normalDirect);
      let lost = 0;
      let down = 0;
      const cut: RackAnalysis[] = [];
      for (let k = 0; k < sc.racks.length; k++) {
        const r = sc.racks[k]!;
        const rack = this.racks[r];
        if (!rack) continue;
        const deadA = sc.deadA[k] === 1;
        const deadB = sc.deadB[k] === 1;
        const loads = this.rackLoads(r, deadA, deadB);
        if (t.srcA[r]! >= 0) total[t.srcA[r]!]! += loads.A - this.nA[r]!;
        if (t.srcB[r]! >= 0) total[t.srcB[r]!]! += loads.B - this.nB[r]!;
        lost += loads.lostW;
        const allDead = (deadA || t.feedIdA[r] === null) && (deadB || t.feedIdB[r] === null);
        if (allDead && rack.loadW > 0) {
          down++;
          // A single failure that cuts both feeds of racks in a 2N room breaks the design's promise.
          if (deadA && deadB && REDUNDANT_ROOMS.has(rooms[rack.roomId]?.powerRedundancy ?? '')) cut.push(rack);
        }
      }
      propagate(total, sc.alive, sc.carrier);
      const failedId = this.order[x]!.id;
      const failedKind = this.order[x]!.kind;
      for (let i = 0; i < n; i++) {
        if (!sc.alive[i]) continue;
        if (total[i]! > worst[i]! + 1e-6) {
          worst[i] = total[i]!;
          worstCause[i] = failedId;
        } else if (worstCause[i] !== null && total[i]! > worst[i]! - 1e-6 && failedKind === this.order[i]!.kind && this.input.elements[worstCause[i]!]?.kind !== failedKind) {
          // Several failures give the same worst load (UPS-B, its ATS, its switchboard…): name the
          // partner of the same kind, which is how an engineer reads it.
          worstCause[i] = failedId;
        }
      }
      loss[x] = lost;
      racksDown[x] = down;
      if (cut.length > 0) {
        const e = this.order[x]!;
        const names = cut.map((a) => rackName(a.rackId)).sort(naturalCompare);
        const shown = names.length > 6 ? `${names.slice(0, 6).join(', ')} and ${names.length - 6} more` : names.join(', ');
        findings.push(finding({
          id: `common-path:${e.id}`, rule: 'common-path', severity: 'error', variant: 'both',
          message: `Failure of ${e.name} cuts both feeds of ${names.length === 1 ? 'rack' : `${names.length} racks`} ${shown} in a 2N room`,
          hint: 'Feed A and B from independent paths (different UPS, switchboard and RPP).',
          params: { element: e.name, count: names.length, racks: shown, shown: names.slice(0, 6).join(', '), more: Math.max(0, names.length - 6) },
          refs: [{ kind: 'powerElements', id: e.id }, ...cut.slice(0, 50).map((a) => ({ kind: 'racks' as const, id: a.rackId }))],
          roomId: cut[0]!.roomId,
        }));
      }
    }

    const elements = new Map<string, ElementLoad>();
    for (let i = 0; i < n; i++) {
      const e = this.order[i]!;
      elements.set(e.id, {
        id: e.id, kind: e.kind, rating: ratings[i]!, normalW: normalTotal[i]!, worstW: worst[i]!, worstCause: worstCause[i]!,
        lossOnFailureW: loss[i]!, racksDownOnFailure: racksDown[i]!,
      });
      const cap = ratings[i]!.capacityW;
      const refs = [{ kind: 'powerElements' as const, id: e.id }];
      const roomId = e.roomId ?? undefined;
      if (cap === null) continue;
      const nw = normalTotal[i]!;
      const pct = (w: number) => Math.round((w / cap) * 100);
      if (nw > cap) {
        findings.push(finding({
          id: `element-overload:${e.id}`, rule: 'element-overload', severity: 'error', variant: 'normal', roomId,
          message: `${e.name} carries ${kw(nw)}, over its ${kw(cap)} capacity (${pct(nw)} %)`,
          hint: 'Move load to another path, or raise the rating.',
          params: { element: e.name, loadW: Math.round(nw), capacityW: Math.round(cap), pct: pct(nw) }, refs,
        }));
      } else if (worst[i]! > cap && worstCause[i]) {
        const cause = this.input.elements[worstCause[i]!]!;
        findings.push(finding({
          id: `element-overload:${e.id}`, rule: 'element-overload', severity: 'error', variant: 'failover', roomId,
          message: `On failure of ${cause.name}, ${e.name} would carry ${kw(worst[i]!)}, over its ${kw(cap)} capacity (${pct(worst[i]!)} %)`,
          hint: 'Keep each path below the load its partner must take over, or raise the rating.',
          params: { element: e.name, cause: cause.name, loadW: Math.round(worst[i]!), capacityW: Math.round(cap), pct: pct(worst[i]!) },
          refs: [...refs, { kind: 'powerElements', id: cause.id }],
        }));
      } else if (nw > 0 && nw >= (cap * settings.warnAtPct) / 100) {
        findings.push(finding({
          id: `element-overload:${e.id}`, rule: 'element-overload', severity: 'warning', variant: 'near', roomId,
          message: `${e.name} is at ${pct(nw)} % of its ${kw(cap)} capacity`,
          hint: 'Plan growth on another path.',
          params: { element: e.name, loadW: Math.round(nw), capacityW: Math.round(cap), pct: pct(nw) }, refs,
        }));
      }
    }
    for (const id of this.cyclic) {
      const e = this.input.elements[id]!;
      findings.push(finding({
        id: `power-chain-cycle:${id}`, rule: 'power-chain-cycle', severity: 'error', variant: 'cycle',
        message: `${e.name} feeds itself through its upstream links`,
        hint: 'Remove the upstream link that closes the loop.',
        params: { element: e.name }, refs: [{ kind: 'powerElements', id }],
      }));
    }

    const groups = upsGroups(this.order, ratings, normalTotal);
    for (const g of groups) {
      if (RANK[g.achieved] >= RANK[g.designed] || g.achieved === 'unknown') continue;
      const names = g.elementIds.map((id) => this.input.elements[id]!.name).join(', ');
      findings.push(finding({
        id: `ups-redundancy:${g.group}`, rule: 'ups-redundancy', severity: 'error', variant: g.achieved === 'overloaded' ? 'overloaded' : 'below',
        message: g.achieved === 'overloaded'
          ? `UPS group ${g.group} (${names}) cannot carry its ${kw(g.loadW)} load`
          : `UPS group ${g.group} (${names}) is designed ${g.designed} but achieves ${g.achieved} at ${kw(g.loadW)}`,
        hint: 'Add modules or a system, or move load to another group.',
        params: { group: g.group, elements: names, designed: g.designed, achieved: g.achieved, loadW: Math.round(g.loadW) },
        refs: g.elementIds.map((id) => ({ kind: 'powerElements' as const, id })),
      }));
    }
    return { elements, groups, findings, cyclic: this.cyclic };
  }
}

/**
 * Redundancy verdict of each UPS group (UPS systems sharing `group`, or one system alone):
 *  - 2(N+1): two or more systems, each able to carry the whole group load with one module failed;
 *  - 2N: two or more systems, each able to carry the whole group load;
 *  - N+1: the group carries its load with its largest module (or system) failed;
 *  - N: the group carries its load;
 *  - overloaded: it does not.
 */
export function upsGroups(order: readonly PowerElement[], ratings: readonly ElementRating[], loads: Float64Array): UpsGroupResult[] {
  const byGroup = new Map<string, number[]>();
  order.forEach((e, i) => {
    if (e.kind !== 'ups') return;
    const key = e.group ?? e.name;
    const list = byGroup.get(key);
    if (list) list.push(i);
    else byGroup.set(key, [i]);
  });
  const out: UpsGroupResult[] = [];
  for (const [group, members] of byGroup) {
    const designed = members.reduce<Redundancy>((best, i) => {
      const r = order[i]!.redundancy ?? 'N';
      return RANK[r] > RANK[best] ? r : best;
    }, 'N');
    const loadW = members.reduce((s, i) => s + loads[i]!, 0);
    const caps = members.map((i) => ratings[i]!.capacityW);
    const result: UpsGroupResult = { group, elementIds: members.map((i) => order[i]!.id), designed, achieved: 'unknown', loadW, capacitiesW: caps };
    out.push(result);
    if (caps.some((c) => c === null)) continue;
    const c = caps as number[];
    const spare = members.map((i, k) => ratings[i]!.moduleW ?? c[k]!);
    const sum = c.reduce((s, v) => s + v, 0);
    if (members.length >= 2 && members.every((i, k) => ratings[i]!.moduleW !== null && c[k]! - ratings[i]!.moduleW! >= loadW)) result.achieved = '2(N+1)';
    else if (members.length >= 2 && c.every((v) => v >= loadW)) result.achieved = '2N';
    else if (sum - Math.max(...spare) >= loadW) result.achieved = 'N+1';
    else if (sum >= loadW) result.achieved = 'N';
    else result.achieved = 'overloaded';
  }
  return out.sort((a, b) => a.group.localeCompare(b.group, 'en', { numeric: true }));
}
