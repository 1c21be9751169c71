/**
 * Capacity totals and headroom per site, room, row and rack (issue 4, `plenum capacity`), and
 * "what if X fails" (§2): select any power or cooling element and see what loses power or cooling.
 */
import type { DocumentSnapshot } from '../model/schema';
import { COOLING_KINDS } from '../model/schema';
import type { DesignChecker } from '../rules/checker';
import type { ElementLoad, UpsGroupResult } from './chain';
import { coolingZones, type ZoneResult } from './cooling';
import type { RackAnalysis } from './rack';
import { naturalCompare as natural } from '../rules/finding';
import type { ResolvedSettings } from './settings';

export interface Totals {
  racks: number;
  devices: number;
  uHeight: number;
  usedU: number;
  freeU: number;
  /** The tallest free block in any one rack. */
  largestFreeU: number;
  loadW: number;
  budgetW: number;
  weightKg: number;
  maxKg: number;
}

export interface RoomCapacity extends Totals {
  roomId: string;
  name: string;
  coolingCapacityW: number;
  heatW: number;
}

export interface RowCapacity extends Totals {
  rowId: string;
  roomId: string;
  name: string;
}

export interface RackCapacity extends Omit<RackAnalysis, 'findings'> {
  name: string;
  rowId: string | null;
}

export interface ElementCapacity extends ElementLoad {
  name: string;
  capacityW: number | null;
}

export interface CapacityReport {
  settings: ResolvedSettings;
  site: Totals;
  rooms: RoomCapacity[];
  rows: RowCapacity[];
  racks: RackCapacity[];
  zones: ZoneResult[];
  elements: ElementCapacity[];
  upsGroups: UpsGroupResult[];
}

const emptyTotals = (): Totals => ({ racks: 0, devices: 0, uHeight: 0, usedU: 0, freeU: 0, largestFreeU: 0, loadW: 0, budgetW: 0, weightKg: 0, maxKg: 0 });

function add(t: Totals, r: RackAnalysis): void {
  t.racks++;
  t.devices += r.deviceCount;
  t.uHeight += r.uHeight;
  t.usedU += r.usedU;
  t.freeU += r.freeU;
  t.largestFreeU = Math.max(t.largestFreeU, r.largestFreeU);
  t.loadW += r.loadW;
  t.budgetW += r.budgetW;
  t.weightKg += r.weightKg;
  t.maxKg += r.maxKg;
}


export function capacityReport(checker: DesignChecker): CapacityReport {
  const s = checker.snapshot;
  const racks = checker.racks();
  const zones = checker.zones();
  const { result } = checker.chain();
  const site = emptyTotals();
  const rooms = new Map<string, RoomCapacity>();
  for (const room of Object.values(s.rooms)) rooms.set(room.id, { ...emptyTotals(), roomId: room.id, name: room.name, coolingCapacityW: 0, heatW: 0 });
  const rows = new Map<string, RowCapacity>();
  const rowOf = new Map<string, string>();
  for (const row of Object.values(s.rows ?? {})) {
    rows.set(row.id, { ...emptyTotals(), rowId: row.id, roomId: row.roomId, name: row.name });
    for (const id of row.rackIds) rowOf.set(id, row.id);
  }
  const rackOut: RackCapacity[] = [];
  for (const r of racks.values()) {
    add(site, r);
    const room = rooms.get(r.roomId);
    if (room) add(room, r);
    const rowId = rowOf.get(r.rackId) ?? null;
    if (rowId) add(rows.get(rowId)!, r);
    const { findings: _f, ...rest } = r;
    rackOut.push({ ...rest, name: s.racks[r.rackId]!.name, rowId });
  }
  for (const z of zones) {
    const room = rooms.get(z.roomId);
    if (!room) continue;
    room.coolingCapacityW += z.capacityW;
    room.heatW += z.heatW;
  }
  const elements = [...result.elements.values()].map((e) => ({ ...e, name: s.powerElements[e.id]?.name ?? e.id, capacityW: e.rating.capacityW }));
  return {
    settings: checker.resolvedSettings(),
    site,
    rooms: [...rooms.values()].sort((a, b) => natural(a.name, b.name)),
    rows: [...rows.values()].sort((a, b) => natural(a.name, b.name)),
    racks: rackOut.sort((a, b) => natural(a.name, b.name)),
    zones,
    elements: elements.sort((a, b) => natural(a.name, b.name)),
    upsGroups: result.groups,
  };
}

export interface WhatIfRack {
  rackId: string;
  /** down: no power at all; degraded: lost a feed, or some single-corded devices went dark. */
  state: 'down' | 'degraded';
  lostW: number;
  devicesDown: string[];
}

export interface WhatIfResult {
  /** The ids that were asked to fail, as power elements, feeds or coolers. */
  failed: string[];
  deadElements: string[];
  deadFeeds: string[];
  racks: WhatIfRack[];
  lostW: number;
  /** Elements and feeds that end up over capacity. */
  overloads: Array<{ kind: 'powerElements' | 'powerFeeds'; id: string; loadW: number; capacityW: number }>;
  /** Cooling zones that lost a unit, with what is left. */
  zones: Array<ZoneResult & { short: boolean }>;
}

/**
 * What loses power or cooling when `ids` fail. Ids may be power elements, rack feeds, or floor
 * equipment (a cooler, or the footprint of a power element such as a UPS).
 */
export function whatIf(checker: DesignChecker, ids: readonly string[]): WhatIfResult {
  const s: DocumentSnapshot = checker.snapshot;
  const failedElements = new Set<string>();
  const failedFeeds = new Set<string>();
  const failedCoolers = new Set<string>();
  for (const id of ids) {
    if (s.powerElements?.[id]) failedElements.add(id);
    else if (s.powerFeeds?.[id]) failedFeeds.add(id);
    else if (s.floorEquipment?.[id]) {
      const fe = s.floorEquipment[id]!;
      if (COOLING_KINDS.has(fe.kind)) failedCoolers.add(id);
      for (const e of Object.values(s.powerElements ?? {})) if (e.floorEquipmentId === id) failedElements.add(e.id);
    }
  }
  const { chain } = checker.chain();
  const sc = chain.scenario(failedElements, failedFeeds);
  const deadElements = chain.order.filter((_, i) => !sc.alive[i]).map((e) => e.id);
  const deadFeeds: string[] = [];
  const racks: WhatIfRack[] = [];
  const overloads: WhatIfResult['overloads'] = [];
  for (const a of sc.affected) {
    const r = a.rack;
    if (a.deadA && r.feeds.A) deadFeeds.push(r.feeds.A.feedId);
    if (a.deadB && r.feeds.B) deadFeeds.push(r.feeds.B.feedId);
    const allDead = (a.deadA || !r.feeds.A) && (a.deadB || !r.feeds.B);
    const devicesDown = allDead
      ? [...r.dualDeviceIds, ...r.singleDeviceIds.A, ...r.singleDeviceIds.B]
      : [...(a.deadA ? r.singleDeviceIds.A : []), ...(a.deadB ? r.singleDeviceIds.B : [])];
    racks.push({ rackId: r.rackId, state: allDead ? 'down' : 'degraded', lostW: a.lostW, devicesDown });
    for (const [f, w, dead] of [[r.feeds.A, a.A, a.deadA], [r.feeds.B, a.B, a.deadB]] as const) {
      if (f && !dead && w > f.capacityW) overloads.push({ kind: 'powerFeeds', id: f.feedId, loadW: w, capacityW: f.capacityW });
    }
  }
  const settings = checker.resolvedSettings();
  chain.order.forEach((e, i) => {
    if (!sc.alive[i]) return;
    const cap = checker.chain().result.elements.get(e.id)?.rating.capacityW ?? null;
    if (cap !== null && sc.total[i]! > cap) overloads.push({ kind: 'powerElements', id: e.id, loadW: sc.total[i]!, capacityW: cap });
  });
  let zones: WhatIfResult['zones'] = [];
  if (failedCoolers.size > 0) {
    const touched = new Set<string>();
    for (const id of failedCoolers) {
      const fe = s.floorEquipment[id]!;
      touched.add(`${fe.roomId}#${fe.zone ?? ''}`);
    }
    zones = coolingZones(s.rooms, checker.racks().values(), Object.values(s.floorEquipment ?? {}), settings, failedCoolers)
      .filter((z) => touched.has(z.key))
      .map((z) => ({ ...z, short: z.heatW > z.capacityW }));
  }
  return { failed: [...ids], deadElements, deadFeeds, racks, lostW: sc.lostW, overloads, zones };
}
