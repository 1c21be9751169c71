/**
 * Cooling per zone (issue 4, §3). A zone is a room, or a named part of it (`zone` on racks and
 * coolers). Heat load = IT load × (1 + losses %). The N+1 verdict asks whether the zone is still
 * covered with its largest unit failed.
 */
import { COOLING_KINDS, type EnvReading, type FloorEquipment, type Room } from '../model/schema';
import { finding, type Finding } from '../rules/finding';
import { classify } from './environment';
import { zoneKey, type RackAnalysis } from './rack';
import { roomHeatLossPct, type ResolvedSettings } from './settings';

export type CoolingVerdict = 'N+1' | 'N' | 'short' | 'none';

export interface ZoneResult {
  key: string;
  roomId: string;
  /** Null: the room's unnamed zone. */
  zone: string | null;
  itLoadW: number;
  heatW: number;
  capacityW: number;
  largestUnitW: number;
  coolerIds: string[];
  rackCount: number;
  verdict: CoolingVerdict;
}

const kw = (w: number) => `${(w / 1000).toFixed(w >= 100_000 ? 0 : 1)} kW`;

export function coolingZones(
  rooms: Readonly<Record<string, Room>>,
  racks: Iterable<RackAnalysis>,
  equipment: Iterable<FloorEquipment>,
  settings: ResolvedSettings,
  failed: ReadonlySet<string> = new Set(),
): ZoneResult[] {
  const zones = new Map<string, ZoneResult>();
  const zoneOf = (roomId: string, zone: string | undefined): ZoneResult | undefined => {
    if (!rooms[roomId]) return undefined;
    const key = zoneKey(roomId, zone);
    let z = zones.get(key);
    if (!z) {
      z = { key, roomId, zone: zone ?? null, itLoadW: 0, heatW: 0, capacityW: 0, largestUnitW: 0, coolerIds: [], rackCount: 0, verdict: 'none' };
      zones.set(key, z);
    }
    return z;
  };
  for (const r of racks) {
    const z = zoneOf(r.roomId, r.zoneKey.slice(r.zoneKey.indexOf('#') + 1) || undefined);
    if (!z) continue;
    z.itLoadW += r.loadW;
    z.rackCount++;
  }
  for (const e of equipment) {
    if (!COOLING_KINDS.has(e.kind) || failed.has(e.id)) continue;
    const z = zoneOf(e.roomId, e.zone);
    if (!z) continue;
    const w = (e.coolingKw ?? 0) * 1000;
    z.capacityW += w;
    z.largestUnitW = Math.max(z.largestUnitW, w);
    z.coolerIds.push(e.id);
  }
  for (const z of zones.values()) {
    z.heatW = z.itLoadW * (1 + roomHeatLossPct(rooms[z.roomId], settings) / 100);
    z.verdict = z.heatW <= 0 ? (z.capacityW > 0 ? 'N+1' : 'none')
      : z.capacityW - z.largestUnitW >= z.heatW ? 'N+1' : z.capacityW >= z.heatW ? 'N' : z.capacityW > 0 ? 'short' : 'none';
  }
  return [...zones.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function coolingFindings(zones: readonly ZoneResult[], rooms: Readonly<Record<string, Room>>, settings: ResolvedSettings): Finding[] {
  const out: Finding[] = [];
  for (const z of zones) {
    if (z.heatW <= 0) continue;
    const room = rooms[z.roomId]!;
    const where = z.zone ? `zone ${z.zone} of ${room.name}` : room.name;
    const refs = [{ kind: 'rooms' as const, id: room.id }, ...z.coolerIds.map((id) => ({ kind: 'floorEquipment' as const, id }))];
    // `where` is the English place; `room` and `zone` let a UI say it in its own language.
    const params = { where, room: room.name, zone: z.zone ?? '', heatW: Math.round(z.heatW), capacityW: Math.round(z.capacityW), pct: z.capacityW > 0 ? Math.round((z.heatW / z.capacityW) * 100) : 0 };
    const id = `cooling-capacity:${z.key}`;
    if (z.verdict === 'none') {
      out.push(finding({
        id, rule: 'cooling-capacity', severity: 'warning', variant: 'none', roomId: room.id,
        message: `${where} produces ${kw(z.heatW)} of heat and has no cooling unit`,
        hint: 'Place CRAH, in-row or rear-door coolers in this zone.',
        params, refs,
      }));
    } else if (z.verdict === 'short') {
      out.push(finding({
        id, rule: 'cooling-capacity', severity: 'error', variant: 'over', roomId: room.id,
        message: `${where} produces ${kw(z.heatW)} of heat, over its ${kw(z.capacityW)} cooling capacity`,
        hint: 'Add cooling units, or move load to another zone.',
        params, refs,
      }));
    } else {
      if ((room.coolingRedundancy ?? 'N+1') === 'N+1' && z.verdict === 'N') {
        out.push(finding({
          id: `cooling-redundancy:${z.key}`, rule: 'cooling-redundancy', severity: 'warning', variant: 'nPlus1', roomId: room.id,
          message: `${where} is not N+1: with its largest unit (${kw(z.largestUnitW)}) failed, ${kw(z.capacityW - z.largestUnitW)} is left for ${kw(z.heatW)} of heat`,
          hint: 'Add one more cooling unit, or set the room to N if that is the design.',
          params: { ...params, largestW: Math.round(z.largestUnitW), remainingW: Math.round(z.capacityW - z.largestUnitW) }, refs,
        }));
      }
      if (z.heatW >= (z.capacityW * settings.warnAtPct) / 100) {
        out.push(finding({
          id, rule: 'cooling-capacity', severity: 'warning', variant: 'near', roomId: room.id,
          message: `${where} uses ${params.pct} % of its ${kw(z.capacityW)} cooling capacity`,
          hint: 'Plan cooling before adding load.',
          params, refs,
        }));
      }
    }
  }
  return out;
}

/**
 * Design set points and the latest reading per room and per rack, against the room's ASHRAE class
 * (A1 when the room does not say): outside the allowable envelope is an error, outside only the
 * recommended one a warning.
 */
export function environmentFindings(rooms: Readonly<Record<string, Room>>, readings: Iterable<EnvReading>, rackName: (id: string) => string | undefined): Finding[] {
  const out: Finding[] = [];
  for (const room of Object.values(rooms)) {
    if (room.supplyTempC === undefined) continue;
    const cls = room.ashraeClass ?? 'A1';
    const { verdict, breaches } = classify(cls, room.supplyTempC, room.supplyRhPct ?? null);
    if (verdict === 'recommended') continue;
    const b = breaches[0]!;
    out.push(finding({
      id: `environment-setpoint:${room.id}`, rule: 'environment-setpoint', severity: verdict === 'outside' ? 'error' : 'warning', variant: verdict === 'outside' ? 'allowable' : 'recommended',
      roomId: room.id,
      message: `${room.name}'s design set point (${room.supplyTempC} °C${room.supplyRhPct !== undefined ? `, ${room.supplyRhPct} % RH` : ''}) is outside the ${verdict === 'outside' ? `${cls} allowable` : 'recommended'} envelope: ${describe(b)}`,
      hint: verdict === 'outside' ? `Bring the set point within ${cls}'s allowable envelope, or design the room for a higher class.` : 'Aim for 18–27 °C, −9 to 15 °C dew point and at most 70 % RH.',
      params: {
        room: room.name, cls, quantityKind: b.quantity, value: round1(b.value), limit: b.limit, side: b.side,
        temperatureC: room.supplyTempC, ...(room.supplyRhPct !== undefined ? { humidityPct: room.supplyRhPct } : {}),
      },
      refs: [{ kind: 'rooms', id: room.id }],
    }));
  }
  // The latest reading per place (room, or rack inlet).
  const latest = new Map<string, EnvReading>();
  for (const r of readings) {
    const key = `${r.roomId}|${r.rackId ?? ''}`;
    const seen = latest.get(key);
    if (!seen || Date.parse(r.takenAt) > Date.parse(seen.takenAt)) latest.set(key, r);
  }
  for (const r of latest.values()) {
    const room = rooms[r.roomId];
    if (!room) continue;
    const cls = room.ashraeClass ?? 'A1';
    const { verdict, breaches } = classify(cls, r.temperatureC, r.humidityPct);
    if (verdict === 'recommended') continue;
    const b = breaches[0]!;
    const where = r.rackId ? `rack ${rackName(r.rackId) ?? r.rackId}` : room.name;
    out.push(finding({
      id: `environment-reading:${r.roomId}|${r.rackId ?? ''}`, rule: 'environment-reading', severity: verdict === 'outside' ? 'error' : 'warning', variant: verdict === 'outside' ? 'allowable' : 'recommended',
      roomId: room.id, rackId: r.rackId ?? undefined,
      message: `Reading at ${where} (${r.temperatureC} °C${r.humidityPct !== null ? `, ${r.humidityPct} % RH` : ''}, ${r.takenAt}) is outside the ${verdict === 'outside' ? `${cls} allowable` : 'recommended'} envelope: ${describe(b)}`,
      hint: verdict === 'outside' ? 'Investigate cooling and humidity control now; equipment is outside its allowable envelope.' : 'Check set points and airflow (blanking, containment).',
      params: {
        where, room: room.name, rack: r.rackId ? rackName(r.rackId) ?? r.rackId : '', cls, quantityKind: b.quantity, value: round1(b.value), limit: b.limit, side: b.side, takenAt: r.takenAt,
        temperatureC: r.temperatureC, ...(r.humidityPct !== null ? { humidityPct: r.humidityPct } : {}),
      },
      refs: [{ kind: 'envReadings', id: r.id }, ...(r.rackId ? [{ kind: 'racks' as const, id: r.rackId }] : []), { kind: 'rooms', id: room.id }],
    }));
  }
  return out;
}

const round1 = (v: number) => Math.round(v * 10) / 10;

function describe(b: { quantity: string; value: number; limit: number; side: 'low' | 'high' }): string {
  const what = b.quantity === 'temperature' ? 'temperature' : b.quantity === 'dewPoint' ? 'dew point' : 'humidity';
  const unit = b.quantity === 'humidity' ? ' % RH' : ' °C';
  return `${what} ${round1(b.value)}${unit} is ${b.side === 'low' ? 'below' : 'above'} ${b.limit}${unit}`;
}
