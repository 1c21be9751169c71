/**
 * Everything that can be decided about one rack from the rack, its devices, its feeds, its row and
 * its room: space, power draw split by cord, feed loads in normal operation and on the loss of
 * either feed, weight and floor load, airflow, and the rack's findings.
 *
 * The incremental checker (rules/checker.ts) caches one `RackAnalysis` per rack and recomputes it
 * only when something the rack depends on changes.
 */
import type { Device, DeviceType, FeedSide, PowerFeed, Rack, Room, Row } from '../model/schema';
import { rackDeviceFindings } from '../rules/layout';
import { finding, type Finding } from '../rules/finding';
import { circuitCapacityW } from './power';
import type { ResolvedSettings } from './settings';
import { roomFloorRating } from './settings';

export interface FeedLoad {
  feedId: string;
  side: FeedSide;
  sourceId: string;
  /** Continuous capacity of the circuit (breaker, and the rack PDU inlet when it is smaller), W. */
  capacityW: number;
  /** Load in normal operation, W. */
  normalW: number;
  /** Load when the other feed is lost (dual-corded load moves here), W. */
  failoverW: number;
  /** Cords plugged into this side. */
  cords: number;
}

export interface RackAnalysis {
  rackId: string;
  roomId: string;
  /** Cooling zone key: `<roomId>#<zone>` (zone empty when the rack has none). */
  zoneKey: string;
  uHeight: number;
  usedU: number;
  freeU: number;
  /** The tallest block of free U (both faces free). */
  largestFreeU: number;
  /** Draw on the project's basis (typical or nameplate), W. */
  loadW: number;
  nameplateW: number;
  typicalW: number;
  /** The rack's power budget (maxKw), W; 0 = not set. */
  budgetW: number;
  weightKg: number;
  maxKg: number;
  /** Weight over the footprint plus its share of the service area, kg/m². */
  floorKgM2: number;
  floorRatingKgM2: number;
  /** Load of devices with two or more PSUs, shared across A and B. */
  dualW: number;
  /** Load of single-corded devices, by the side they are plugged into. */
  singleW: Record<FeedSide, number>;
  /** Load that no feed carries (no feed on the device's side, or the rack has no feed). */
  unfedW: number;
  deviceCount: number;
  dualDeviceIds: string[];
  singleDeviceIds: Record<FeedSide, string[]>;
  feeds: Partial<Record<FeedSide, FeedLoad>>;
  findings: Finding[];
}

export interface RackContext {
  rack: Rack;
  devices: Iterable<Device>;
  types: Readonly<Record<string, DeviceType>>;
  /** Looks a device up by id (chassis parents, rack PDUs). */
  device: (id: string) => Device | undefined;
  feeds: Iterable<PowerFeed>;
  room: Room | undefined;
  row: Row | undefined;
  settings: ResolvedSettings;
  /** Whether the project models a power chain at all (otherwise missing feeds are not findings). */
  hasPowerChain: boolean;
}

/** The draw of a device type on the chosen basis, W (the other value when one is missing). */
export function typeDrawW(type: DeviceType, basis: 'typical' | 'max'): number {
  return (basis === 'typical' ? type.powerTypicalW ?? type.powerMaxW : type.powerMaxW ?? type.powerTypicalW) ?? 0;
}

/** How many cords a device type has: `psuCount`, else 1 when it draws power. */
export function cordsOf(type: DeviceType): number {
  if (type.psuCount !== undefined) return type.psuCount;
  return (type.powerMaxW ?? type.powerTypicalW ?? 0) > 0 ? 1 : 0;
}

const REDUNDANT_ROOMS = new Set(['2N', '2(N+1)']);

const kw = (w: number) => `${(w / 1000).toFixed(w >= 100_000 ? 0 : 1)} kW`;
const pct = (v: number) => Math.round(v);

/** A's side is lost: the other one. */
const other = (side: FeedSide): FeedSide => (side === 'A' ? 'B' : 'A');

/**
 * Airflow seen from the rack: a device mounted on the rear rails blows the other way round.
 * Returns whether the device pushes hot air out of the rack's front.
 */
function blowsIntoFront(device: Device, type: DeviceType): boolean {
  if (type.airflow === 'rear-to-front') return device.face === 'front';
  if (type.airflow === 'front-to-rear') return device.face === 'rear';
  return false;
}

export function analyzeRack(ctx: RackContext): RackAnalysis {
  const { rack, types, room, settings } = ctx;
  const refs = { rack: { kind: 'racks' as const, id: rack.id } };
  const base = { roomId: rack.roomId, rackId: rack.id };
  const findings: Finding[] = [];
  const devices = [...ctx.devices];
  findings.push(...rackDeviceFindings(rack, devices, types));

  // -------- space: half-U slots, occupied when either face is
  const slots = new Uint8Array(Math.max(0, Math.round(rack.uHeight * 2)));
  // -------- power and weight
  let loadW = 0, nameplateW = 0, typicalW = 0, dualW = 0, unfedW = 0;
  let weightKg = rack.emptyWeightKg ?? 0;
  const singleW: Record<FeedSide, number> = { A: 0, B: 0 };
  const cords: Record<FeedSide, number> = { A: 0, B: 0 };
  const dualDeviceIds: string[] = [];
  const singleDeviceIds: Record<FeedSide, string[]> = { A: [], B: [] };
  const feedBySide: Partial<Record<FeedSide, PowerFeed>> = {};
  for (const f of ctx.feeds) feedBySide[f.side] = f;
  const hasA = feedBySide.A !== undefined;
  const hasB = feedBySide.B !== undefined;
  const redundantRoom = room?.powerRedundancy !== undefined && REDUNDANT_ROOMS.has(room.powerRedundancy);
  const fedSingle: Device[] = [];

  for (const device of devices) {
    const type = types[device.typeId];
    if (!type) continue;
    if (!device.parentDeviceId && type.uHeight > 0) {
      const from = Math.max(0, Math.round((device.position - 1) * 2));
      const to = Math.min(slots.length, Math.round((device.position - 1 + type.uHeight) * 2));
      for (let i = from; i < to; i++) slots[i] = 1;
    }
    weightKg += type.weightKg ?? 0;
    const draw = typeDrawW(type, settings.powerBasis);
    nameplateW += type.powerMaxW ?? type.powerTypicalW ?? 0;
    typicalW += type.powerTypicalW ?? type.powerMaxW ?? 0;
    loadW += draw;
    if (draw <= 0) continue;
    let n = cordsOf(type);
    // A blade with no PSU of its own is powered through its chassis: it takes the chassis' cords.
    if (n === 0) {
      const parent = device.parentDeviceId ? ctx.device(device.parentDeviceId) : undefined;
      const parentType = parent ? types[parent.typeId] : undefined;
      n = parentType ? Math.max(1, cordsOf(parentType)) : 1;
    }
    if (n >= 2) {
      dualW += draw;
      dualDeviceIds.push(device.id);
      if (!hasA && !hasB) unfedW += draw;
      // Cords alternate A, B, A, …; with one feed, every cord goes to it.
      const perSide = Math.ceil(n / 2);
      if (hasA && hasB) {
        cords.A += perSide;
        cords.B += n - perSide;
      } else if (hasA) cords.A += n;
      else if (hasB) cords.B += n;
      continue;
    }
    // Single-corded: the side it says, else A, else whichever feed the rack has.
    const side: FeedSide = device.powerSide ?? (hasA || !hasB ? 'A' : 'B');
    if (feedBySide[side]) {
      singleW[side] += draw;
      singleDeviceIds[side].push(device.id);
      cords[side] += 1;
      fedSingle.push(device);
    } else {
      unfedW += draw;
      if (ctx.hasPowerChain && (hasA || hasB)) {
        findings.push(finding({
          ...base, id: `device-unfed:${device.id}`, rule: 'device-unfed', severity: 'warning', variant: 'side',
          message: `Device ${device.name} is plugged into feed ${side} of rack ${rack.name}, which has no feed ${side}`,
          hint: `Add feed ${side} to the rack, or plug the device into feed ${other(side)}.`,
          params: { device: device.name, rack: rack.name, side },
          refs: [{ kind: 'devices', id: device.id }, refs.rack],
        }));
      }
    }
    if (redundantRoom && n < 2) {
      findings.push(finding({
        ...base, id: `single-corded:${device.id}`, rule: 'single-corded', severity: 'warning', variant: 'room2n',
        message: `Device ${device.name} in rack ${rack.name} is single-corded in a ${room!.powerRedundancy} room: it loses power with feed ${side}`,
        hint: 'Use a dual-PSU model, or add a rack-mounted automatic transfer switch.',
        params: { device: device.name, rack: rack.name, side, redundancy: room!.powerRedundancy! },
        refs: [{ kind: 'devices', id: device.id }, refs.rack],
      }));
    }
  }

  // -------- airflow: the rack's front is its cold side unless its row says the front aisle is hot
  const frontIsCold = ctx.row ? ctx.row.frontAisle === 'cold' : true;
  for (const device of devices) {
    const type = types[device.typeId];
    if (!type || !type.airflow) continue;
    const reverse = frontIsCold ? blowsIntoFront(device, type) : (type.airflow === 'front-to-rear' && device.face === 'front') || (type.airflow === 'rear-to-front' && device.face === 'rear');
    if (!reverse) continue;
    findings.push(finding({
      ...base, id: `airflow-reverse:${device.id}`, rule: 'airflow-reverse', severity: 'warning', variant: device.face,
      message: `Device ${device.name} (${type.airflow}, on the ${device.face}) blows hot air into the cold aisle of rack ${rack.name}`,
      hint: 'Mount it on the other face, order the reverse-airflow model, or add an airflow kit.',
      params: { device: device.name, rack: rack.name, airflowKind: type.airflow, face: device.face },
      refs: [{ kind: 'devices', id: device.id }, refs.rack],
    }));
  }

  let used = 0, run = 0, largest = 0;
  for (let i = 0; i < slots.length; i++) {
    if (slots[i]) {
      used++;
      run = 0;
    } else if (++run > largest) largest = run;
  }
  const usedU = used / 2;
  const largestFreeU = largest / 2;

  // -------- feeds: normal, and on the loss of the other feed
  const feeds: Partial<Record<FeedSide, FeedLoad>> = {};
  for (const side of ['A', 'B'] as const) {
    const f = feedBySide[side];
    if (!f) continue;
    const derating = f.deratingPct ?? settings.deratingPct;
    let capacityW = circuitCapacityW(f.voltageV, f.breakerA, f.phases, derating, settings.powerFactor);
    const pdu = f.rackPduDeviceId ? ctx.device(f.rackPduDeviceId) : undefined;
    const pduType = pdu ? types[pdu.typeId] : undefined;
    if (pduType?.pduInletA !== undefined) {
      capacityW = Math.min(capacityW, circuitCapacityW(f.voltageV, pduType.pduInletA, f.phases, derating, settings.powerFactor));
    }
    const otherSide = other(side);
    const normalW = singleW[side] + (feedBySide[otherSide] ? dualW / 2 : dualW);
    const failoverW = feedBySide[otherSide] ? singleW[side] + dualW : normalW;
    feeds[side] = { feedId: f.id, side, sourceId: f.sourceId, capacityW, normalW, failoverW, cords: cords[side] };
    const feedRefs = [{ kind: 'powerFeeds' as const, id: f.id }, refs.rack];
    const params = { feed: f.name, rack: rack.name, side, loadW: Math.round(normalW), capacityW: Math.round(capacityW), pct: pct((normalW / capacityW) * 100), breakerA: f.breakerA, deratingPct: derating };
    if (normalW > capacityW) {
      findings.push(finding({
        ...base, id: `feed-overload:${f.id}`, rule: 'feed-overload', severity: 'error', variant: 'normal',
        message: `Feed ${f.name} of rack ${rack.name} carries ${kw(normalW)}, over its ${kw(capacityW)} continuous capacity (${f.breakerA} A, ${derating} %)`,
        hint: 'Move load to another rack, or use a larger breaker and rack PDU.',
        params, refs: feedRefs,
      }));
    } else if (failoverW > capacityW) {
      findings.push(finding({
        ...base, id: `feed-overload:${f.id}`, rule: 'feed-overload', severity: 'error', variant: 'failover',
        message: `On loss of feed ${otherSide}, feed ${f.name} of rack ${rack.name} would carry ${kw(failoverW)}, over its ${kw(capacityW)} capacity`,
        hint: `Keep each feed below half of its capacity in normal operation, or use larger circuits.`,
        params: { ...params, lost: otherSide, loadW: Math.round(failoverW), pct: pct((failoverW / capacityW) * 100) }, refs: feedRefs,
      }));
    } else if (normalW >= (capacityW * settings.warnAtPct) / 100 && normalW > 0) {
      findings.push(finding({
        ...base, id: `feed-overload:${f.id}`, rule: 'feed-overload', severity: 'warning', variant: 'near',
        message: `Feed ${f.name} of rack ${rack.name} is at ${params.pct} % of its ${kw(capacityW)} capacity`,
        hint: 'Leave headroom for inrush and growth, or use a larger circuit.',
        params, refs: feedRefs,
      }));
    }
    if (pdu && pduType) {
      if (pduType.pduOutlets !== undefined && cords[side] > pduType.pduOutlets) {
        findings.push(finding({
          ...base, id: `rack-pdu-outlets:${f.id}`, rule: 'rack-pdu-outlets', severity: 'warning', variant: 'tooMany',
          message: `Rack PDU ${pdu.name} on feed ${side} of rack ${rack.name} has ${pduType.pduOutlets} outlets for ${cords[side]} cords`,
          hint: 'Add a second rack PDU on this side, or use a model with more outlets.',
          params: { pdu: pdu.name, rack: rack.name, side, outlets: pduType.pduOutlets, cords: cords[side] },
          refs: [{ kind: 'devices', id: pdu.id }, { kind: 'powerFeeds', id: f.id }, refs.rack],
        }));
      }
      if (pduType.pduInletA !== undefined && pduType.pduInletA < f.breakerA) {
        findings.push(finding({
          ...base, id: `rack-pdu-inlet:${f.id}`, rule: 'rack-pdu-inlet', severity: 'warning', variant: 'belowBreaker',
          message: `Rack PDU ${pdu.name} (${pduType.pduInletA} A inlet) is protected by a ${f.breakerA} A breaker on feed ${f.name}`,
          hint: 'Match the breaker to the PDU inlet rating.',
          params: { pdu: pdu.name, feed: f.name, inletA: pduType.pduInletA, breakerA: f.breakerA },
          refs: [{ kind: 'devices', id: pdu.id }, { kind: 'powerFeeds', id: f.id }, refs.rack],
        }));
      }
    }
  }

  // -------- losing a feed: dual-corded devices need the other one
  if (dualW > 0 && hasA !== hasB && room?.powerRedundancy && room.powerRedundancy !== 'N') {
    const missing: FeedSide = hasA ? 'B' : 'A';
    const redundant = REDUNDANT_ROOMS.has(room.powerRedundancy);
    findings.push(finding({
      ...base, id: `feed-missing:${rack.id}`, rule: 'feed-missing', severity: redundant ? 'error' : 'warning', variant: 'dual',
      message: `Rack ${rack.name} has no feed ${missing}: its ${dualDeviceIds.length} dual-corded devices lose power with feed ${other(missing)}`,
      hint: `Add feed ${missing} from the other distribution path.`,
      params: { rack: rack.name, side: missing, count: dualDeviceIds.length, redundancy: room.powerRedundancy },
      refs: [refs.rack],
    }));
  }
  if (!hasA && !hasB && loadW > 0 && ctx.hasPowerChain) {
    findings.push(finding({
      ...base, id: `feed-missing:${rack.id}`, rule: 'feed-missing', severity: 'warning', variant: 'none',
      message: `Rack ${rack.name} draws ${kw(loadW)} but has no feed`,
      hint: 'Connect feeds A and B from the distribution (Power panel).',
      params: { rack: rack.name, loadW: Math.round(loadW) },
      refs: [refs.rack],
    }));
  }

  // -------- budget, weight, floor
  const budgetW = rack.maxKw * 1000;
  if (budgetW > 0 && loadW > 0) {
    const p = (loadW / budgetW) * 100;
    if (p > 100 || p >= settings.warnAtPct) {
      const over = p > 100;
      findings.push(finding({
        ...base, id: `rack-power-budget:${rack.id}`, rule: 'rack-power-budget', severity: over ? 'error' : 'warning', variant: over ? 'over' : 'near',
        message: over
          ? `Rack ${rack.name} draws ${kw(loadW)}, over its ${kw(budgetW)} power budget (${pct(p)} %)`
          : `Rack ${rack.name} draws ${kw(loadW)}, ${pct(p)} % of its ${kw(budgetW)} power budget`,
        hint: over ? 'Move devices to a rack with headroom, or raise the budget if the feeds and cooling allow it.' : 'Plan further devices elsewhere.',
        params: { rack: rack.name, loadW: Math.round(loadW), budgetW: Math.round(budgetW), pct: pct(p) },
        refs: [refs.rack],
      }));
    }
  }
  if (rack.maxKg > 0) {
    const p = (weightKg / rack.maxKg) * 100;
    if (p > 100 || p >= settings.warnAtPct) {
      const over = p > 100;
      findings.push(finding({
        ...base, id: `rack-weight:${rack.id}`, rule: 'rack-weight', severity: over ? 'error' : 'warning', variant: over ? 'over' : 'near',
        message: over
          ? `Rack ${rack.name} weighs ${Math.round(weightKg)} kg, over its ${Math.round(rack.maxKg)} kg static load rating (${pct(p)} %)`
          : `Rack ${rack.name} weighs ${Math.round(weightKg)} kg, ${pct(p)} % of its ${Math.round(rack.maxKg)} kg rating`,
        hint: over ? 'Move heavy devices to another rack, or use a rack rated for the load.' : 'Check the rating before adding heavy devices.',
        params: { rack: rack.name, weightKg: Math.round(weightKg), maxKg: Math.round(rack.maxKg), pct: pct(p) },
        refs: [refs.rack],
      }));
    }
  }
  const areaM2 = (rack.widthMm * (rack.depthMm + settings.serviceDepthMm * settings.serviceAreaShare)) / 1e6;
  const floorKgM2 = areaM2 > 0 ? weightKg / areaM2 : 0;
  const floorRatingKgM2 = roomFloorRating(room, settings);
  if (floorKgM2 > 0) {
    const p = (floorKgM2 / floorRatingKgM2) * 100;
    if (p > 100 || p >= settings.warnAtPct) {
      const over = p > 100;
      findings.push(finding({
        ...base, id: `floor-load:${rack.id}`, rule: 'floor-load', severity: over ? 'error' : 'warning', variant: over ? 'over' : 'near',
        message: `Rack ${rack.name} loads the floor with ${Math.round(floorKgM2)} kg/m², ${pct(p)} % of the ${Math.round(floorRatingKgM2)} kg/m² rating`,
        hint: over ? 'Spread the weight over more racks, or have the floor reinforced (a tile carries about ⅓ of a rack).' : 'Check the floor rating before adding heavy devices.',
        params: { rack: rack.name, floorKgM2: Math.round(floorKgM2), ratingKgM2: Math.round(floorRatingKgM2), pct: pct(p) },
        refs: [refs.rack],
      }));
    }
  }

  return {
    rackId: rack.id, roomId: rack.roomId, zoneKey: zoneKey(rack.roomId, rack.zone),
    uHeight: rack.uHeight, usedU, freeU: rack.uHeight - usedU, largestFreeU,
    loadW, nameplateW, typicalW, budgetW, weightKg, maxKg: rack.maxKg, floorKgM2, floorRatingKgM2,
    dualW, singleW, unfedW, deviceCount: devices.length, dualDeviceIds, singleDeviceIds, feeds, findings,
  };
}

export const zoneKey = (roomId: string, zone: string | undefined): string => `${roomId}#${zone ?? ''}`;

/**
 * Load on each feed of a rack given which feeds are alive (failure analysis): a dead feed carries
 * nothing; dual-corded load moves to the surviving side; what no live feed carries is lost.
 */
export function survivingLoads(singleA: number, singleB: number, dualW: number, aliveA: boolean, aliveB: boolean): { A: number; B: number; lostW: number } {
  const A = aliveA ? singleA + (aliveB ? dualW / 2 : dualW) : 0;
  const B = aliveB ? singleB + (aliveA ? dualW / 2 : dualW) : 0;
  const lostW = (aliveA ? 0 : singleA) + (aliveB ? 0 : singleB) + (aliveA || aliveB ? 0 : dualW);
  return { A, B, lostW };
}

/** `survivingLoads` of an analysed rack, with `dead` saying which of its feeds are down. */
export function feedLoadsWith(a: RackAnalysis, dead: (feedId: string) => boolean): { A: number; B: number; lostW: number } {
  const aliveA = a.feeds.A !== undefined && !dead(a.feeds.A.feedId);
  const aliveB = a.feeds.B !== undefined && !dead(a.feeds.B.feedId);
  return survivingLoads(a.singleW.A, a.singleW.B, a.dualW, aliveA, aliveB);
}
