/**
 * Colour-by for the 3D view (and, later, the plan's capacity overlays): a pure function of the
 * mode and the document that returns one colour per rack and per device, and the legend that
 * explains them. Colours are 0xRRGGBB in sRGB. Colour never carries meaning alone: the legend
 * names every bin (UI.md, look and feel). Tested in colour.test.ts.
 */
import type { Device, DeviceType, DocumentSnapshot, FloorEquipmentKind, Rack } from '../../../core/model/schema';
import { DEVICE_ROLES } from '../../../core/model/schema';
import { ROLE_COLOURS as ROLE_HEX } from '../elevation/roles';
import { rackLoad } from '../state/selectors';
import type { CapacityOverlay, WhatIfView } from '../capacity/overlay';
import { WHAT_IF_COLOURS } from '../capacity/overlay';

export const COLOUR_MODES = ['role', 'kw', 'uUse'] as const;
export type ColourMode = (typeof COLOUR_MODES)[number];
export type DeviceRole = (typeof DEVICE_ROLES)[number];

/** Rack frames when the mode does not colour racks: a dark powder-coated frame, as real racks are. */
export const RACK_NEUTRAL = 0x3a4049;
export const DEVICE_NEUTRAL = 0xb9c0ca;
export const NO_DATA = 0x9aa1ab;

/** The same role hues as the rack elevation and the catalog (elevation/roles.ts), as numbers. */
export const ROLE_COLOURS: Readonly<Record<DeviceRole, number>> = Object.fromEntries(
  DEVICE_ROLES.map((role) => [role, parseInt(ROLE_HEX[role].slice(1), 16)]),
) as Record<DeviceRole, number>;

/** Floor equipment by kind: blues for cooling, ambers and browns for power. */
export const FLOOR_EQUIPMENT_COLOURS: Readonly<Record<FloorEquipmentKind, number>> = {
  'crah': 0x4aa3df,
  'crac': 0x3b8fd0,
  'in-row-cooler': 0x5cc0e8,
  'rear-door-cooler': 0x6fd0f0,
  'floor-pdu': 0xe0a030,
  'rpp': 0xd08a2a,
  'ups': 0xc0703a,
  'battery-cabinet': 0x8a6a4a,
};

/** Load against a budget, shared by the kW (rack power vs maxKw) and U-use modes. */
export const LOAD_BINS = [
  { upTo: 0.5, colour: 0x2f9e5b, key: 'low' },
  { upTo: 0.8, colour: 0xc9b22c, key: 'medium' },
  { upTo: 1.0, colour: 0xe07a2a, key: 'high' },
  { upTo: Infinity, colour: 0xd6393f, key: 'over' },
] as const;

/** Device draw (typical, else nameplate), in watts. */
export const DEVICE_W_BINS = [
  { upTo: 300, colour: 0x8fd0a8 },
  { upTo: 600, colour: 0x3fae6a },
  { upTo: 1200, colour: 0xd9b431 },
  { upTo: 3000, colour: 0xe07a2a },
  { upTo: Infinity, colour: 0xc8302f },
] as const;

export interface LegendEntry {
  colour: number;
  /** i18n key under view3d.legend, with its interpolation values. */
  labelKey: string;
  params?: Record<string, number | string>;
}

export interface LegendGroup {
  titleKey: string;
  entries: LegendEntry[];
}

export interface Colouring {
  mode: ColourMode;
  racks: Map<string, number>;
  devices: Map<string, number>;
  legend: LegendGroup[];
  /** Floor equipment that does not take its kind's colour (a what-if's failed units). */
  equipment?: Map<string, number>;
  /** The colour of the other floor equipment, when not its kind's (a what-if greys what it does not touch). */
  equipmentOther?: number;
  /** Set when a capacity overlay or a what-if colours the racks: its legend replaces `legend`. */
  capacity?: { overlay: CapacityOverlay | null; whatIf: WhatIfView | null };
}

function loadBin(ratio: number): (typeof LOAD_BINS)[number] {
  return LOAD_BINS.find((b) => ratio <= b.upTo) ?? LOAD_BINS[LOAD_BINS.length - 1]!;
}

export function loadColour(ratio: number | null): number {
  return ratio === null || !Number.isFinite(ratio) ? NO_DATA : loadBin(ratio).colour;
}

export function roleColour(type: DeviceType | undefined): number {
  return ROLE_COLOURS[type?.role ?? 'other'];
}

export function deviceWatts(type: DeviceType | undefined): number | null {
  return type?.powerTypicalW ?? type?.powerMaxW ?? null;
}

export function wattsColour(w: number | null): number {
  if (w === null || w <= 0) return NO_DATA;
  return (DEVICE_W_BINS.find((b) => w <= b.upTo) ?? DEVICE_W_BINS[DEVICE_W_BINS.length - 1]!).colour;
}

/** Ratio of a rack's allocated (typical) power to its budget; null without a budget. */
export function rackKwRatio(rack: Rack, typicalKw: number): number | null {
  return rack.maxKw > 0 ? typicalKw / rack.maxKw : null;
}

export function rackUUseRatio(rack: Rack, usedU: number): number {
  return rack.uHeight > 0 ? usedU / rack.uHeight : 0;
}

const loadLegend = (titleKey: string): LegendGroup => ({
  titleKey,
  entries: [
    { colour: LOAD_BINS[0].colour, labelKey: 'view3d.legend.below', params: { pct: 50 } },
    { colour: LOAD_BINS[1].colour, labelKey: 'view3d.legend.between', params: { from: 50, to: 80 } },
    { colour: LOAD_BINS[2].colour, labelKey: 'view3d.legend.between', params: { from: 80, to: 100 } },
    { colour: LOAD_BINS[3].colour, labelKey: 'view3d.legend.over', params: { pct: 100 } },
  ],
});

/**
 * Colours for `mode`. `racks` limits the work to the racks shown (one room); all racks otherwise.
 * `devicesByRack` may be passed when the caller already has it (the renderer's memoised selector).
 */
export function colourBy(
  mode: ColourMode,
  snapshot: DocumentSnapshot,
  racks: readonly Rack[] = Object.values(snapshot.racks),
  devicesByRack?: ReadonlyMap<string, readonly Device[]>,
): Colouring {
  const byRack = devicesByRack ?? groupDevices(snapshot);
  const rackColours = new Map<string, number>();
  const deviceColours = new Map<string, number>();
  const legend: LegendGroup[] = [];

  if (mode === 'role') {
    const seen = new Set<DeviceRole>();
    for (const rack of racks) {
      rackColours.set(rack.id, RACK_NEUTRAL);
      for (const d of byRack.get(rack.id) ?? []) {
        const type = snapshot.deviceTypes[d.typeId];
        const role = type?.role ?? 'other';
        seen.add(role);
        deviceColours.set(d.id, ROLE_COLOURS[role]);
      }
    }
    // Only the roles present, in the schema's order, so the legend stays short.
    legend.push({
      titleKey: 'view3d.legend.roleTitle',
      entries: DEVICE_ROLES.filter((r) => seen.has(r)).map((r) => ({ colour: ROLE_COLOURS[r], labelKey: `view3d.role.${r}` })),
    });
  } else if (mode === 'kw') {
    let noBudget = false;
    let noData = false;
    for (const rack of racks) {
      const devices = byRack.get(rack.id) ?? [];
      const ratio = rackKwRatio(rack, rackLoad(snapshot, devices).typicalKw);
      if (ratio === null) noBudget = true;
      rackColours.set(rack.id, loadColour(ratio));
      for (const d of devices) {
        const w = deviceWatts(snapshot.deviceTypes[d.typeId]);
        if (w === null || w <= 0) noData = true;
        deviceColours.set(d.id, wattsColour(w));
      }
    }
    const racksGroup = loadLegend('view3d.legend.rackKwTitle');
    if (noBudget) racksGroup.entries.push({ colour: NO_DATA, labelKey: 'view3d.legend.noBudget' });
    legend.push(racksGroup);
    const devicesGroup: LegendGroup = {
      titleKey: 'view3d.legend.deviceWTitle',
      entries: [
        { colour: DEVICE_W_BINS[0].colour, labelKey: 'view3d.legend.wBelow', params: { w: 300 } },
        { colour: DEVICE_W_BINS[1].colour, labelKey: 'view3d.legend.wBetween', params: { from: 300, to: 600 } },
        { colour: DEVICE_W_BINS[2].colour, labelKey: 'view3d.legend.wBetween', params: { from: 600, to: 1200 } },
        { colour: DEVICE_W_BINS[3].colour, labelKey: 'view3d.legend.wBetween', params: { from: 1200, to: 3000 } },
        { colour: DEVICE_W_BINS[4].colour, labelKey: 'view3d.legend.wOver', params: { w: 3000 } },
      ],
    };
    if (noData) devicesGroup.entries.push({ colour: NO_DATA, labelKey: 'view3d.legend.noPower' });
    legend.push(devicesGroup);
  } else {
    for (const rack of racks) {
      const devices = byRack.get(rack.id) ?? [];
      const colour = loadColour(rackUUseRatio(rack, rackLoad(snapshot, devices).usedU));
      rackColours.set(rack.id, colour);
      // Devices take their rack's colour so the whole rack reads as one block from afar.
      for (const d of devices) deviceColours.set(d.id, colour);
    }
    legend.push(loadLegend('view3d.legend.uUseTitle'));
  }
  return { mode, racks: rackColours, devices: deviceColours, legend };
}

function groupDevices(snapshot: DocumentSnapshot): Map<string, Device[]> {
  const out = new Map<string, Device[]>();
  for (const d of Object.values(snapshot.devices)) {
    const list = out.get(d.rackId);
    if (list) list.push(d);
    else out.set(d.rackId, [d]);
  }
  return out;
}

export function hexCss(colour: number): string {
  return `#${colour.toString(16).padStart(6, '0')}`;
}

/**
 * The capacity overlay (capacity/overlay.ts, the same bins as the plan) or the what-if painted over
 * a colouring: each rack and its devices take the rack's colour, so the whole rack reads as one
 * block from afar. A what-if wins over the overlay (it is what the user just asked), and the racks
 * it does not touch turn a quiet grey. Without either, the colouring is returned as it is.
 */
export function withCapacity(
  base: Colouring,
  racks: readonly Rack[],
  devicesByRack: ReadonlyMap<string, readonly Device[]>,
  overlay: CapacityOverlay | null,
  whatIf: WhatIfView | null,
): Colouring {
  if (!overlay && !whatIf) return base;
  const rackColours = new Map<string, number>();
  const deviceColours = new Map<string, number>();
  for (const rack of racks) {
    const state = whatIf?.racks.get(rack.id);
    const colour = whatIf ? WHAT_IF_COLOURS[state ?? 'unaffected'] : overlay!.racks.get(rack.id)?.colour ?? NO_DATA;
    rackColours.set(rack.id, colour);
    for (const d of devicesByRack.get(rack.id) ?? []) deviceColours.set(d.id, colour);
  }
  const equipment = new Map<string, number>();
  for (const [id, state] of whatIf?.equipment ?? []) equipment.set(id, WHAT_IF_COLOURS[state]);
  return {
    ...base, racks: rackColours, devices: deviceColours, equipment, capacity: { overlay: whatIf ? null : overlay, whatIf },
    ...(whatIf ? { equipmentOther: WHAT_IF_COLOURS.unaffected } : {}),
  };
}
