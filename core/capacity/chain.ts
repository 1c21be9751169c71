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
import type { PowerElement, Redundancy, Room } from '../model/schema';
import { finding, type Finding } from '../rules/finding';
import { elementRating, type ElementRating } from './power';
import { feedLoadsWith, type RackAnalysis } from './rack';
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

/** A prepared chain: indexes built once per analysis, reused by every scenario and by what-if. */
export class PowerChain {
  readonly order: PowerElement[];
  readonly cyclic: Set<string>;
  private readonly index = new Map<string, number>();
  /** Per element: the racks' feeds it sources directly. */
  private readonly feedsBySource: Array<Array<{ rack: RackAnalysis; side: 'A' | 'B' }>>;
  private readonly normalDirect: Float64Array;

  constructor(private readonly input: ChainInput) {
    const o = order(Object.values(input.elements));
    this.order = o.order;
    this.cyclic = o.cyclic;
    this.order.forEach((e, i) => this.index.set(e.id, i));
    this.feedsBySource = this.order.map(() => []);
    this.normalDirect = new Float64Array(this.order.length);
    for (const rack of input.racks.values()) {
      for (const side of ['A', 'B'] as const) {
        const f = rack.feeds[side];
        if (!f) continue;
        const i = this.index.get(f.sourceId);
        if (i === undefined) continue;
        this.feedsBySource[i]!.push({ rack, side });
        this.normalDirect[i]! += f.normalW;
      }
    }
  }

  indexOf(id: string): number | undefined {
    return this.index.get(id);
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

  /**
   * Loads of every element when `failed` elements (and `failedFeeds`) are down. Returns the
   * totals, the racks whose loads changed, and the load that lost power.
   */
  scenario(failed: ReadonlySet<string>, failedFeeds: ReadonlySet<string> = new Set()): {
    total: Float64Array; alive: Uint8Array; affected: Array<{ rack: RackAnalysis; A: number; B: number; lostW: number; deadA: boolean; deadB: boolean }>; lostW: number;
  } {
    const { alive, carrier } = this.alive(failed);
    const total = Float64Array.from(this.normalDirect);
    const affected: Array<{ rack: RackAnalysis; A: number; B: number; lostW: number; deadA: boolean; deadB: boolean }> = [];
    const seen = new Set<string>();
    const dead = (feedId: string, sourceId: string) => {
      if (failedFeeds.has(feedId)) return true;
      const j = this.index.get(sourceId);
      return j !== undefined && !alive[j];
    };
    const visit = (rack: RackAnalysis) => {
      if (seen.has(rack.rackId)) return;
      seen.add(rack.rackId);
      const fa = rack.feeds.A, fb = rack.feeds.B;
      const deadA = fa ? dead(fa.feedId, fa.sourceId) : false;
      const deadB = fb ? dead(fb.feedId, fb.sourceId) : false;
      if (!deadA && !deadB) return;
      const loads = feedLoadsWith(rack, (id) => (fa?.feedId === id && deadA) || (fb?.feedId === id && deadB));
      for (const [f, w] of [[fa, loads.A], [fb, loads.B]] as const) {
        if (!f) continue;
        const j = this.index.get(f.sourceId);
        if (j !== undefined) total[j]! += w - f.normalW;
      }
      affected.push({ rack, ...loads, deadA, deadB });
    };
    for (let i = 0; i < this.order.length; i++) if (!alive[i]) for (const { rack } of this.feedsBySource[i]!) visit(rack);
    if (failedFeeds.size > 0) {
      for (const rack of this.input.racks.values()) {
        if ((rack.feeds.A && failedFeeds.has(rack.feeds.A.feedId)) || (rack.feeds.B && failedFeeds.has(rack.feeds.B.feedId))) visit(rack);
      }
    }
    // Dead elements carry nothing; then add each element's total into its carrier, leaves first.
    for (let i = this.order.length - 1; i >= 0; i--) {
      if (!alive[i]) {
        total[i] = 0;
        continue;
      }
      const c = carrier[i]!;
      if (c >= 0) total[c]! += total[i]!;
    }
    let lostW = 0;
    for (const a of affected) lostW += a.lostW;
    return { total, alive, affected, lostW };
  }

  analyze(): ChainResult {
    const { settings, rooms, rackName } = this.input;
    const findings: Finding[] = [];
    const n = this.order.length;
    const ratings = this.order.map((e) => elementRating(e, settings));
    const normal = this.scenario(new Set());
    const worst = Float64Array.from(normal.total);
    const worstCause: Array<string | null> = new Array(n).fill(null);
    const loss = new Float64Array(n);
    const racksDown = new Int32Array(n);
    for (let x = 0; x < n; x++) {
      const failedId = this.order[x]!.id;
      const s = this.scenario(new Set([failedId]));
      const failedKind = this.order[x]!.kind;
      for (let i = 0; i < n; i++) {
        if (!s.alive[i]) continue;
        if (s.total[i]! > worst[i]! + 1e-6) {
          worst[i] = s.total[i]!;
          worstCause[i] = failedId;
        } else if (worstCause[i] !== null && s.total[i]! > worst[i]! - 1e-6 && failedKind === this.order[i]!.kind && this.input.elements[worstCause[i]!]?.kind !== failedKind) {
          // Several failures give the same worst load (UPS-B, its ATS, its switchboard…): name the
          // partner of the same kind, which is how an engineer reads it.
          worstCause[i] = failedId;
        }
      }
      loss[x] = s.lostW;
      const both = s.affected.filter((a) => (a.deadA || !a.rack.feeds.A) && (a.deadB || !a.rack.feeds.B) && a.rack.loadW > 0);
      racksDown[x] = both.length;
      // A single failure that cuts both feeds of racks in a 2N room breaks the design's promise.
      const inRedundantRooms = both.filter((a) => a.rack.feeds.A && a.rack.feeds.B && REDUNDANT_ROOMS.has(rooms[a.rack.roomId]?.powerRedundancy ?? ''));
      if (inRedundantRooms.length > 0) {
        const e = this.order[x]!;
        const names = inRedundantRooms.map((a) => rackName(a.rack.rackId)).sort((p, q) => p.localeCompare(q, 'en', { numeric: true }));
        const shown = names.length > 6 ? `${names.slice(0, 6).join(', ')} and ${names.length - 6} more` : names.join(', ');
        findings.push(finding({
          id: `common-path:${e.id}`, rule: 'common-path', severity: 'error', variant: 'both',
          message: `Failure of ${e.name} cuts both feeds of ${names.length === 1 ? 'rack' : `${names.length} racks`} ${shown} in a 2N room`,
          hint: 'Feed A and B from independent paths (different UPS, switchboard and RPP).',
          params: { element: e.name, count: names.length, racks: shown },
          refs: [{ kind: 'powerElements', id: e.id }, ...inRedundantRooms.slice(0, 50).map((a) => ({ kind: 'racks' as const, id: a.rack.rackId }))],
          roomId: inRedundantRooms[0]!.rack.roomId,
        }));
      }
    }

    const elements = new Map<string, ElementLoad>();
    for (let i = 0; i < n; i++) {
      const e = this.order[i]!;
      elements.set(e.id, {
        id: e.id, kind: e.kind, rating: ratings[i]!, normalW: normal.total[i]!, worstW: worst[i]!, worstCause: worstCause[i]!,
        lossOnFailureW: loss[i]!, racksDownOnFailure: racksDown[i]!,
      });
      const cap = ratings[i]!.capacityW;
      const refs = [{ kind: 'powerElements' as const, id: e.id }];
      const roomId = e.roomId ?? undefined;
      if (cap === null) continue;
      const nw = normal.total[i]!;
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

    const groups = upsGroups(this.order, ratings, normal.total);
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
