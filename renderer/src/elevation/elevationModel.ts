/**
 * The pure part of the rack elevation: where a drop lands, whether it fits (with the same core
 * rules the server applies, so the preview agrees with the answer), and the rack's totals.
 */
import type { Device, DeviceType, Face, Rack } from '../../../core/model/schema';
import { findCollision, rackFitProblem } from '../../../core/rules/rack-units';

/** Millimetres of a 19" panel width per rack unit height (482.6 / 44.45): draws the rack to scale. */
export const PANEL_WIDTH_PER_U = 482.6 / 44.45;

/**
 * The lowest U of a device of height `h` dropped with the pointer at `pointerU` (U from the bottom
 * of the rails, continuous) having grabbed it `grabU` above its bottom. Snaps to whole U.
 */
export function dropPosition(pointerU: number, h: number, rackU: number, grabU = h / 2): number {
  const bottom = Math.round(pointerU - grabU) + 1;
  const maxBottom = Math.max(1, rackU - Math.max(h, 1) + 1);
  return Math.min(Math.max(1, bottom), maxBottom);
}

export type DropProblem =
  | { kind: 'child'; model: string }
  | { kind: 'tooTall'; model: string; uHeight: number; rackU: number }
  | { kind: 'collision'; name: string; farFace: boolean };

/** Why `device` of `type` cannot go in `rack`, or null when it fits. Child devices and devices being moved are skipped. */
export function dropProblem(
  rack: Rack,
  device: Device,
  type: DeviceType,
  devices: readonly Device[],
  types: Readonly<Record<string, DeviceType>>,
): DropProblem | null {
  if (type.subdeviceRole === 'child') return { kind: 'child', model: type.model };
  if (rackFitProblem(device, type, rack)) return { kind: 'tooTall', model: type.model, uHeight: type.uHeight, rackU: rack.uHeight };
  const others = devices.filter((d) => d.rackId === rack.id && !d.parentDeviceId && d.id !== device.id).flatMap((d) => {
    const t = types[d.typeId];
    return t ? [{ device: d, type: t }] : [];
  });
  const hit = findCollision(device, type, others);
  if (hit) return { kind: 'collision', name: hit.device.name, farFace: hit.device.face !== device.face };
  return null;
}

export interface RackTotals {
  uUsed: number;
  uFree: number;
  typicalW: number;
  maxW: number;
  /** Devices plus the empty rack. */
  weightKg: number;
  deviceCount: number;
}

export function rackTotals(rack: Rack, devices: readonly Device[], types: Readonly<Record<string, DeviceType>>): RackTotals {
  const used = new Set<number>();
  let typicalW = 0;
  let maxW = 0;
  let weightKg = rack.emptyWeightKg ?? 0;
  let deviceCount = 0;
  for (const d of devices) {
    if (d.rackId !== rack.id) continue;
    deviceCount++;
    const t = types[d.typeId];
    if (!t) continue;
    typicalW += t.powerTypicalW ?? t.powerMaxW ?? 0;
    maxW += t.powerMaxW ?? 0;
    weightKg += t.weightKg ?? 0;
    if (d.parentDeviceId || t.uHeight === 0) continue;
    // Count whole U slots touched on either face (a half-U device still takes its slot).
    for (let u = Math.floor(d.position); u < d.position + t.uHeight; u++) if (u >= 1 && u <= rack.uHeight) used.add(u);
  }
  return { uUsed: used.size, uFree: rack.uHeight - used.size, typicalW, maxW, weightKg, deviceCount };
}

/** Which faces show a device: its own, and the far one too when it is full depth. */
export function facesOf(device: Device, type: DeviceType | undefined): Face[] {
  return type?.fullDepth ? ['front', 'rear'] : [device.face];
}

/** The side of the rack a 0U device is on as seen from `face` (the rear view mirrors left and right). */
export function visibleSide(side: 'left' | 'right', face: Face): 'left' | 'right' {
  return face === 'front' ? side : side === 'left' ? 'right' : 'left';
}
