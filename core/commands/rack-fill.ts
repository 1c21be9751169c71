/**
 * `rack.fillBlanks`: closes every free rack unit of one face with 1U blanking panels, as ONE
 * command (one transaction, one undo step). Blanking panels keep hot exhaust air from recirculating
 * to the cold aisle through empty U. The panel type is the generic blanking panel unless another
 * 1U type is given; it is copied into the project when the project does not have it yet.
 */
import { z } from 'zod';
import { GENERIC_BLANKING_TYPE_ID, genericDeviceType } from '../catalog/generic';
import type { Change } from '../model/changes';
import { PlenumError } from '../model/errors';
import { ID_PREFIX } from '../model/ids';
import type { Device, DeviceType } from '../model/schema';
import { Face, Id } from '../model/schema';
import { findCollision } from '../rules/rack-units';
import { defineCommand } from './registry';

/** The whole U slots of `face` that no device occupies, bottom first. */
export function freeUnits(rackUHeight: number, face: Face, occupants: ReadonlyArray<{ device: Device; type: DeviceType }>, probeType: DeviceType): number[] {
  const free: number[] = [];
  for (let u = 1; u <= rackUHeight; u++) {
    const probe: Device = { id: '\u0000probe', name: 'probe', rackId: '', typeId: probeType.id, position: u, face };
    if (!findCollision(probe, { ...probeType, uHeight: 1, fullDepth: false }, occupants)) free.push(u);
  }
  return free;
}

export const fillBlanks = defineCommand({
  name: 'rack.fillBlanks',
  labelKey: 'command.rack.fillBlanks',
  args: z.object({ rackId: Id, face: Face.default('front'), typeId: Id.optional() }),
  plan(doc, args, ctx) {
    const rack = doc.get('racks', args.rackId);
    if (!rack) throw new PlenumError(`Rack ${args.rackId} does not exist`, 'not-found', 'rackId');
    const typeId = args.typeId ?? GENERIC_BLANKING_TYPE_ID;
    const inProject = doc.get('deviceTypes', typeId);
    const type = inProject ?? genericDeviceType(typeId);
    if (!type) throw new PlenumError(`Device type ${typeId} does not exist`, 'not-found', 'typeId');
    if (type.uHeight !== 1 || type.subdeviceRole === 'child') {
      throw new PlenumError(`${type.model} is not a 1U panel: blank space is filled one rack unit at a time`, 'invalid', 'typeId');
    }
    const devices = doc.list('devices', { field: 'rackId', value: rack.id });
    const occupants = devices.filter((d) => !d.parentDeviceId).flatMap((d) => {
      const t = doc.get('deviceTypes', d.typeId);
      return t ? [{ device: d, type: t }] : [];
    });
    const free = freeUnits(rack.uHeight, args.face, occupants, type);
    if (free.length === 0) throw new PlenumError(`Rack ${rack.name} has no free rack unit on the ${args.face} to fill`, 'conflict', 'rackId');
    const names = new Set(devices.map((d) => d.name.toLowerCase()));
    const changes: Change[] = inProject ? [] : [{ op: 'put', kind: 'deviceTypes', entity: type }];
    for (const u of free) {
      const base = `${rack.name}-U${String(u).padStart(2, '0')}${args.face === 'rear' ? 'R' : ''}`;
      let name = base;
      for (let n = 2; names.has(name.toLowerCase()); n++) name = `${base}-${n}`;
      names.add(name.toLowerCase());
      const device: Device = { id: ctx.newId(ID_PREFIX.devices), name, rackId: rack.id, typeId: type.id, position: u, face: args.face };
      changes.push({ op: 'put', kind: 'devices', entity: device });
    }
    return { changes, result: { count: free.length }, detail: `${rack.name}: ${free.length} × ${type.model}` };
  },
});
