/**
 * Capacity overlays (issue 4, §7; UI.md "Overlays") and what-if highlighting, as one pure module
 * read by both the 2D plan and the 3D view, so the two never disagree on a bin or a colour.
 *
 * Values are never recomputed here: they come from the DesignChecker's per-rack analysis
 * (core/capacity/rack.ts `RackAnalysis`) and its what-if (core/capacity/report.ts `whatIf`). This
 * module only bins them, picks the colour and names every bin in a legend, because colour never
 * carries meaning alone (UI.md, look and feel).
 *
 * Colours are 0xRRGGBB in sRGB.
 */
import type { AshraeClass, DocumentSnapshot, EnvReading, Rack } from '../../../core/model/schema';
import type { RackAnalysis } from '../../../core/capacity/rack';
import type { WhatIfResult } from '../../../core/capacity/report';
import { classify, type EnvironmentVerdict } from '../../../core/capacity/environment';
import { formatNumber } from '../units';

export const CAPACITY_MODES = ['kw', 'budget', 'temperature', 'weight'] as const;
export type CapacityMode = (typeof CAPACITY_MODES)[number];
export type OverlayMode = CapacityMode | 'none';

/** The order the "cycle overlay" shortcut walks through. */
export const OVERLAY_CYCLE: readonly OverlayMode[] = ['none', ...CAPACITY_MODES];

export const NO_DATA_COLOUR = 0x9aa1ab;

export interface OverlayBin {
  key: string;
  colour: number;
  /** i18n key and its values: "3–6 kW", "80–100 %", "Recommended"… */
  labelKey: string;
  params?: Record<string, number | string>;
}

/**
 * Absolute rack load. A sequential palette (pale to deep), not traffic lights: 12 kW is not "bad"
 * in itself, only against a budget (that is the budget overlay's job).
 */
export const KW_BINS: readonly (OverlayBin & { upToW: number })[] = [
  { key: 'kw0', upToW: 3_000, colour: 0xa6d8cf, labelKey: 'overlay.bin.kwBelow', params: { kw: 3 } },
  { key: 'kw1', upToW: 6_000, colour: 0x4fb3a9, labelKey: 'overlay.bin.kwBetween', params: { from: 3, to: 6 } },
  { key: 'kw2', upToW: 10_000, colour: 0x2b7fb8, labelKey: 'overlay.bin.kwBetween', params: { from: 6, to: 10 } },
  { key: 'kw3', upToW: 20_000, colour: 0x5b4aa8, labelKey: 'overlay.bin.kwBetween', params: { from: 10, to: 20 } },
  { key: 'kw4', upToW: Infinity, colour: 0x8e1f6b, labelKey: 'overlay.bin.kwOver', params: { kw: 20 } },
];

/** Share of a rating (power budget, weight rating): green, yellow, orange, red. */
export const RATIO_BINS: readonly (OverlayBin & { upTo: number; inclusive: boolean })[] = [
  { key: 'low', upTo: 0.5, inclusive: false, colour: 0x2f9e5b, labelKey: 'overlay.bin.pctBelow', params: { pct: 50 } },
  { key: 'medium', upTo: 0.8, inclusive: false, colour: 0xc9b22c, labelKey: 'overlay.bin.pctBetween', params: { from: 50, to: 80 } },
  // Up to and including 100 %: at its rating a rack is full, not over (the rule fails above 100 %).
  { key: 'high', upTo: 1, inclusive: true, colour: 0xe07a2a, labelKey: 'overlay.bin.pctBetween', params: { from: 80, to: 100 } },
  { key: 'over', upTo: Infinity, inclusive: true, colour: 0xd6393f, labelKey: 'overlay.bin.pctOver', params: { pct: 100 } },
];

export const TEMPERATURE_BINS: Readonly<Record<EnvironmentVerdict | 'noData', OverlayBin>> = {
  recommended: { key: 'recommended', colour: 0x2f9e5b, labelKey: 'overlay.bin.recommended' },
  allowable: { key: 'allowable', colour: 0xe0a030, labelKey: 'overlay.bin.allowable' },
  outside: { key: 'outside', colour: 0xd6393f, labelKey: 'overlay.bin.outside' },
  noData: { key: 'noData', colour: NO_DATA_COLOUR, labelKey: 'overlay.bin.noData' },
};

const NO_BUDGET: OverlayBin = { key: 'none', colour: NO_DATA_COLOUR, labelKey: 'overlay.bin.noBudget' };
const NO_RATING: OverlayBin = { key: 'none', colour: NO_DATA_COLOUR, labelKey: 'overlay.bin.noRating' };

/** The value a rack shows next to its colour, unformatted (the view formats it in the user's locale). */
export type OverlayValue =
  | { unit: 'kW'; value: number }
  | { unit: '%'; value: number }
  | { unit: '°C'; value: number; source: TemperatureSource };

/** Where a rack's temperature comes from, best first. */
export type TemperatureSource = 'rack' | 'room' | 'setpoint';

export interface RackOverlay {
  bin: string;
  colour: number;
  value: OverlayValue | null;
}

export interface CapacityOverlay {
  mode: CapacityMode;
  titleKey: string;
  racks: Map<string, RackOverlay>;
  /** Every bin of the mode, in order, with how many of the given racks fall in it. */
  legend: Array<OverlayBin & { count: number }>;
}

function ratioBin(ratio: number): OverlayBin {
  return RATIO_BINS.find((b) => (b.inclusive ? ratio <= b.upTo : ratio < b.upTo)) ?? RATIO_BINS[RATIO_BINS.length - 1]!;
}

export function kwBin(loadW: number): OverlayBin {
  return KW_BINS.find((b) => loadW < b.upToW) ?? KW_BINS[KW_BINS.length - 1]!;
}

/** % of a rating, or null (and the "no budget / no rating" bin) when there is no rating. */
export function ratioOverlay(value: number, rating: number, none: OverlayBin = NO_BUDGET): RackOverlay {
  if (!(rating > 0)) return { bin: none.key, colour: none.colour, value: null };
  const ratio = value / rating;
  const bin = ratioBin(ratio);
  return { bin: bin.key, colour: bin.colour, value: { unit: '%', value: Math.round(ratio * 100) } };
}

/** The latest reading per rack and per room (room-level readings only), by `takenAt`. */
export function latestReadings(readings: Iterable<EnvReading>): { byRack: Map<string, EnvReading>; byRoom: Map<string, EnvReading> } {
  const byRack = new Map<string, EnvReading>();
  const byRoom = new Map<string, EnvReading>();
  for (const r of readings) {
    const map = r.rackId ? byRack : byRoom;
    const key = r.rackId ?? r.roomId;
    const seen = map.get(key);
    if (!seen || Date.parse(r.takenAt) > Date.parse(seen.takenAt)) map.set(key, r);
  }
  return { byRack, byRoom };
}

/**
 * The ASHRAE verdict at a rack: its own latest inlet reading, else its room's latest room-level
 * reading, else the room's design set point; classified against the room's class (A1 when unset).
 */
export function temperatureOverlay(
  rack: Pick<Rack, 'id' | 'roomId'>,
  snapshot: Pick<DocumentSnapshot, 'rooms'>,
  latest: ReturnType<typeof latestReadings>,
): RackOverlay {
  const room = snapshot.rooms[rack.roomId];
  const cls: AshraeClass = room?.ashraeClass ?? 'A1';
  const reading = latest.byRack.get(rack.id) ?? latest.byRoom.get(rack.roomId);
  let temperatureC: number;
  let humidityPct: number | null;
  let source: TemperatureSource;
  if (reading) {
    temperatureC = reading.temperatureC;
    humidityPct = reading.humidityPct;
    source = reading.rackId ? 'rack' : 'room';
  } else if (room?.supplyTempC !== undefined) {
    temperatureC = room.supplyTempC;
    humidityPct = room.supplyRhPct ?? null;
    source = 'setpoint';
  } else {
    const b = TEMPERATURE_BINS.noData;
    return { bin: b.key, colour: b.colour, value: null };
  }
  const b = TEMPERATURE_BINS[classify(cls, temperatureC, humidityPct).verdict];
  return { bin: b.key, colour: b.colour, value: { unit: '°C', value: temperatureC, source } };
}

const TITLES: Record<CapacityMode, string> = {
  kw: 'overlay.title.kw',
  budget: 'overlay.title.budget',
  temperature: 'overlay.title.temperature',
  weight: 'overlay.title.weight',
};

function binsOf(mode: CapacityMode): readonly OverlayBin[] {
  if (mode === 'kw') return KW_BINS;
  if (mode === 'temperature') return [TEMPERATURE_BINS.recommended, TEMPERATURE_BINS.allowable, TEMPERATURE_BINS.outside, TEMPERATURE_BINS.noData];
  return [...RATIO_BINS, mode === 'budget' ? NO_BUDGET : NO_RATING];
}

/**
 * The overlay of `racks` (one room's, or all) from the checker's analyses. A rack the checker has
 * not analysed (it cannot happen for a rack of the same snapshot) gets no entry.
 */
export function capacityOverlay(
  mode: CapacityMode,
  snapshot: Pick<DocumentSnapshot, 'rooms' | 'envReadings'>,
  analyses: ReadonlyMap<string, RackAnalysis>,
  racks: readonly Pick<Rack, 'id' | 'roomId'>[],
): CapacityOverlay {
  const out = new Map<string, RackOverlay>();
  const latest = mode === 'temperature' ? latestReadings(Object.values(snapshot.envReadings ?? {})) : null;
  for (const rack of racks) {
    const a = analyses.get(rack.id);
    if (!a) continue;
    let o: RackOverlay;
    if (mode === 'kw') {
      const b = kwBin(a.loadW);
      o = { bin: b.key, colour: b.colour, value: { unit: 'kW', value: a.loadW / 1000 } };
    } else if (mode === 'budget') o = ratioOverlay(a.loadW, a.budgetW, NO_BUDGET);
    else if (mode === 'weight') o = ratioOverlay(a.weightKg, a.maxKg, NO_RATING);
    else o = temperatureOverlay(rack, snapshot, latest!);
    out.set(rack.id, o);
  }
  const counts = new Map<string, number>();
  for (const o of out.values()) counts.set(o.bin, (counts.get(o.bin) ?? 0) + 1);
  // The "no data" bins only when some rack is in them: the legend names what is on screen.
  const legend = binsOf(mode)
    .filter((b) => b.colour !== NO_DATA_COLOUR || (counts.get(b.key) ?? 0) > 0)
    .map((b) => ({ key: b.key, colour: b.colour, labelKey: b.labelKey, ...(b.params ? { params: b.params } : {}), count: counts.get(b.key) ?? 0 }));
  return { mode, titleKey: TITLES[mode], racks: out, legend };
}

/** "7.2 kW", "84 %", "24.1 °C" in the user's locale (units.ts number formatting). */
export function formatOverlayValue(v: OverlayValue, locale: string): string {
  const nbsp = '\u00a0';
  if (v.unit === 'kW') return `${formatNumber(v.value, locale, 1, 1)}${nbsp}kW`;
  if (v.unit === '%') return `${formatNumber(v.value, locale, 0)}${nbsp}%`;
  return `${formatNumber(v.value, locale, 1, 1)}${nbsp}°C`;
}

// ---------------------------------------------------------------- what if

export type WhatIfRackState = 'down' | 'degraded' | 'coolingShort';
export type WhatIfEquipmentState = 'failed' | 'dead';

export const WHAT_IF_COLOURS: Readonly<Record<WhatIfRackState | WhatIfEquipmentState | 'unaffected', number>> = {
  down: 0xd6393f,
  degraded: 0xe0a030,
  coolingShort: 0x8a5cd6,
  failed: 0xb0242b,
  dead: 0x6b7280,
  unaffected: 0xc3c8cf,
};

export interface WhatIfView {
  failedIds: readonly string[];
  /** Names of what was failed, for the banner ("UPS-A"). */
  failedNames: string[];
  racks: Map<string, WhatIfRackState>;
  /** Floor equipment that failed (a failed cooler, or the footprint of a failed power element) or lost power. */
  equipment: Map<string, WhatIfEquipmentState>;
  down: number;
  degraded: number;
  coolingShort: number;
  lostW: number;
  overloads: number;
  /** Cooling zones left without enough capacity. */
  shortZones: Array<{ key: string; roomId: string; zone: string | null; heatW: number; capacityW: number }>;
}

/**
 * What the views draw for a what-if result: each rack's state (down beats degraded beats short of
 * cooling), the floor equipment that failed (crossed) or lost power (dashed), and the banner's
 * totals.
 */
export function whatIfView(result: WhatIfResult, snapshot: Pick<DocumentSnapshot, 'powerElements' | 'powerFeeds' | 'floorEquipment'>, analyses: ReadonlyMap<string, RackAnalysis>): WhatIfView {
  const racks = new Map<string, WhatIfRackState>();
  for (const r of result.racks) racks.set(r.rackId, r.state);
  const shortZones = result.zones.filter((z) => z.short);
  const shortKeys = new Set(shortZones.map((z) => z.key));
  let coolingShort = 0;
  if (shortKeys.size > 0) {
    for (const a of analyses.values()) {
      if (!shortKeys.has(a.zoneKey) || racks.has(a.rackId)) continue;
      racks.set(a.rackId, 'coolingShort');
      coolingShort++;
    }
  }
  const equipment = new Map<string, WhatIfEquipmentState>();
  const elements = snapshot.powerElements ?? {};
  const failedNames: string[] = [];
  for (const id of result.failed) {
    const e = elements[id];
    const fe = snapshot.floorEquipment?.[id];
    const feed = snapshot.powerFeeds?.[id];
    failedNames.push(e?.name ?? fe?.name ?? feed?.name ?? id);
    if (e?.floorEquipmentId) equipment.set(e.floorEquipmentId, 'failed');
    if (fe) equipment.set(fe.id, 'failed');
  }
  for (const id of result.deadElements) {
    const feId = elements[id]?.floorEquipmentId;
    if (feId && !equipment.has(feId)) equipment.set(feId, 'dead');
  }
  let down = 0, degraded = 0;
  for (const r of result.racks) {
    if (r.state === 'down') down++;
    else degraded++;
  }
  return {
    failedIds: result.failed, failedNames, racks, equipment, down, degraded, coolingShort, lostW: result.lostW,
    overloads: result.overloads.length,
    shortZones: shortZones.map((z) => ({ key: z.key, roomId: z.roomId, zone: z.zone, heatW: z.heatW, capacityW: z.capacityW })),
  };
}

/** The what-if legend: the states that occur, in order of gravity. */
export function whatIfLegend(view: WhatIfView): Array<{ key: string; colour: number; labelKey: string; count: number; pattern?: 'hatch' | 'cross' | 'dashed' }> {
  const out: Array<{ key: string; colour: number; labelKey: string; count: number; pattern?: 'hatch' | 'cross' | 'dashed' }> = [];
  const failedFe = [...view.equipment.values()].filter((s) => s === 'failed').length;
  const deadFe = view.equipment.size - failedFe;
  if (view.down > 0) out.push({ key: 'down', colour: WHAT_IF_COLOURS.down, labelKey: 'overlay.whatIf.legend.down', count: view.down, pattern: 'hatch' });
  if (view.degraded > 0) out.push({ key: 'degraded', colour: WHAT_IF_COLOURS.degraded, labelKey: 'overlay.whatIf.legend.degraded', count: view.degraded });
  if (view.coolingShort > 0) out.push({ key: 'coolingShort', colour: WHAT_IF_COLOURS.coolingShort, labelKey: 'overlay.whatIf.legend.coolingShort', count: view.coolingShort });
  if (failedFe > 0) out.push({ key: 'failed', colour: WHAT_IF_COLOURS.failed, labelKey: 'overlay.whatIf.legend.failed', count: failedFe, pattern: 'cross' });
  if (deadFe > 0) out.push({ key: 'dead', colour: WHAT_IF_COLOURS.dead, labelKey: 'overlay.whatIf.legend.dead', count: deadFe, pattern: 'dashed' });
  return out;
}

export function hexCss(colour: number): string {
  return `#${colour.toString(16).padStart(6, '0')}`;
}
