/**
 * Where a device can go in a rack, using the same occupancy rules main enforces
 * (core/rules/rack-units.ts), so the Add device dialog proposes a slot main will accept.
 */
import type { Device, DeviceType, Face, Rack } from '../../core/model/schema';
import { findCollision, rackFitProblem } from '../../core/rules/rack-units';

export function lowestFreePosition(
  rack: Rack,
  type: DeviceType,
  face: Face,
  others: ReadonlyArray<{ device: Device; type: DeviceType }>,
): number | null {
  const step = Number.isInteger(type.uHeight) ? 1 : 0.5;
  for (let position = 1; position + Math.max(type.uHeight, 1) - 1 <= rack.uHeight; position += step) {
    const candidate: Device = { id: '__new__', name: '', rackId: rack.id, typeId: type.id, position, face };
    if (rackFitProblem(candidate, type, rack)) continue;
    if (!findCollision(candidate, type, others)) return position;
  }
  return null;
}
