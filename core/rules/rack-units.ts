/**
 * Rack-unit occupancy: which U slots a device takes on which face.
 *
 * A device at `position` p with height h occupies [p, p + h) in U (half units allowed).
 * A full-depth device blocks both faces; a half-depth one only its own face. 0U devices
 * (vertical PDUs, side cable managers) sit outside the rails and never collide in U.
 */
import type { Device, DeviceType, Face, Rack } from '../model/schema';

export interface Occupancy {
  deviceId: string;
  bottom: number; // inclusive, U
  top: number; // exclusive, U
  faces: ReadonlySet<Face>;
}

export function occupancyOf(device: Device, type: DeviceType): Occupancy | null {
  if (type.uHeight === 0) return null;
  const faces = new Set<Face>(type.fullDepth ? ['front', 'rear'] : [device.face]);
  return { deviceId: device.id, bottom: device.position, top: device.position + type.uHeight, faces };
}

export function formatU(u: number): string {
  return Number.isInteger(u) ? `U${u}` : `U${u.toFixed(1)}`;
}

/** Why a device cannot sit where it is asked to, or null when it fits. */
export function rackFitProblem(device: Device, type: DeviceType, rack: Rack): string | null {
  if (type.uHeight === 0) return null;
  const top = device.position + type.uHeight - 1;
  if (top > rack.uHeight) {
    return `${type.model} is ${type.uHeight}U tall: at ${formatU(device.position)} it would reach ${formatU(Math.ceil(top))}, but rack ${rack.name} has ${rack.uHeight}U`;
  }
  return null;
}

/** The first existing device that overlaps `device` in U on a shared face, or null. */
export function findCollision(
  device: Device,
  type: DeviceType,
  others: ReadonlyArray<{ device: Device; type: DeviceType }>,
): { device: Device; type: DeviceType } | null {
  const mine = occupancyOf(device, type);
  if (!mine) return null;
  for (const other of others) {
    if (other.device.id === device.id) continue;
    const theirs = occupancyOf(other.device, other.type);
    if (!theirs) continue;
    const overlapU = mine.bottom < theirs.top && theirs.bottom < mine.top;
    if (!overlapU) continue;
    for (const f of mine.faces) if (theirs.faces.has(f)) return other;
  }
  return null;
}

export function collisionMessage(device: Device, type: DeviceType, other: { device: Device; type: DeviceType }): string {
  const span = (d: Device, t: DeviceType) =>
    t.uHeight <= 1 ? formatU(d.position) : `${formatU(d.position)}–${formatU(d.position + t.uHeight - 1)}`;
  const why = other.type.fullDepth && other.device.face !== device.face
    ? ` (${other.device.name} is full-depth and blocks the ${device.face} too)`
    : type.fullDepth && other.device.face !== device.face
      ? ` (${type.model} is full-depth and would block the ${other.device.face})`
      : '';
  return `${span(device, type)} on the ${device.face} is taken by ${other.device.name} at ${span(other.device, other.type)}${why}`;
}
