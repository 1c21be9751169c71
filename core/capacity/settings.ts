/**
 * Rule settings with their defaults. A project may override any of them (`project.rules`); a room
 * may override the ones that are about the room (heat losses, floor rating). docs/rules.md lists
 * each default with its source.
 */
import type { DocumentSnapshot, Room, RuleSettings } from '../model/schema';

export interface ResolvedSettings {
  deratingPct: number;
  powerFactor: number;
  powerBasis: 'typical' | 'max';
  warnAtPct: number;
  heatLossPct: number;
  serviceDepthMm: number;
  serviceAreaShare: number;
  floorRatingKgM2: number;
}

export const DEFAULT_SETTINGS: Readonly<ResolvedSettings> = {
  // Continuous loads are limited to 80 % of the breaker rating (NEC 210.19/215.2; FACTS.md).
  deratingPct: 80,
  // Server PSUs with active PFC run at 0.95 or better at typical load (80 PLUS requires ≥ 0.9).
  powerFactor: 0.95,
  // NetBox's "allocated draw": what the device is expected to draw, not its nameplate.
  powerBasis: 'typical',
  // openDCIM's default yellow is 60 % and red 80 %; Plenum warns at 80 % and fails above 100 %.
  warnAtPct: 80,
  // Lighting, people, UPS and distribution losses on top of the IT load.
  heatLossPct: 10,
  // Half of a 1200 mm front and rear service area is shared with the facing row.
  serviceDepthMm: 1200,
  serviceAreaShare: 0.5,
  // TIA-942 Rated-3: 12 kPa ≈ 1224 kg/m².
  floorRatingKgM2: 1224,
};

export function resolveSettings(rules: RuleSettings | undefined): ResolvedSettings {
  const out = { ...DEFAULT_SETTINGS };
  if (!rules) return out;
  for (const key of Object.keys(DEFAULT_SETTINGS) as Array<keyof ResolvedSettings>) {
    const v = rules[key];
    if (v !== undefined && v !== null) (out as Record<string, unknown>)[key] = v;
  }
  return out;
}

export const settingsOf = (snapshot: Pick<DocumentSnapshot, 'project'>): ResolvedSettings => resolveSettings(snapshot.project.rules);

export const roomHeatLossPct = (room: Room | undefined, s: ResolvedSettings): number => room?.heatLossPct ?? s.heatLossPct;
export const roomFloorRating = (room: Room | undefined, s: ResolvedSettings): number => room?.floorRatingKgM2 ?? s.floorRatingKgM2;
