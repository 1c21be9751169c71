/**
 * `device.placeMany`: places several devices at once, typically the plan of the placement finder
 * (core/capacity/placement.ts), as ONE command: one transaction, one undo step.
 *
 * Everything is validated before any change is returned: every rack and type exists, every device
 * fits under its rack's top, and none collides with a device already there or with another of the
 * same call. Devices without a name get the rack's default name for their position
 * (`A01-U07`, `A01-U07R` on the rear, as `device.create` names them), with `-2`, `-3`… when that
 * name is taken in the rack.
 */
import { z } from 'zod';
import type { Change } from '../model/changes';
import { PlenumError } from '../model/errors';
import { ID_PREFIX } from '../model/ids';
import type { Device, DeviceType } from '../model/schema';
import { Device as DeviceSchema, Face, Id, Name } from '../model/schema';
import { collisionMessage, findCollision, rackFitProblem } from '../rules/rack-units';
import { defineCommand, validated } from './registry';

const Placement = z.object({ rackId: Id, position: DeviceSchema.shape.position, face: Face.default('front'), typeId: Id, name: Name.optional() });

export const placeDevices = defineCommand({
  name: 'device.placeMany',
  labelKey: 'command.device.placeMany',
  args: z.object({ placements: z.array(Placement).min(1, 'give at least one placement').max(5000, 'at most 5000 devices at once') }),
  plan(doc, args, ctx) {
    // Per rack: its devices with their types, growing as this call places more.
    const occupants = new Map<string, Array<{ device: Device; type: DeviceType }>>();
    const names = new Map<string, Set<string>>();
    const changes: Change[] = [];
    const racksTouched = new Set<string>();
    args.placements.forEach((p, i) => {
      const at = `placements.${i}`;
      const rack = doc.get('racks', p.rackId);
      if (!rack) throw new PlenumError(`Rack ${p.rackId} does not exist`, 'not-found', `${at}.rackId`);
      const type = doc.get('deviceTypes', p.typeId);
      if (!type) throw new PlenumError(`Device type ${p.typeId} does not exist`, 'not-found', `${at}.typeId`);
      if (type.subdeviceRole === 'child') throw new PlenumError(`${type.model} is a child device: it goes in a chassis bay, not directly in a rack`, 'invalid', `${at}.typeId`);
      let inRack = occupants.get(rack.id);
      let taken = names.get(rack.id);
      if (!inRack || !taken) {
        const existing = doc.list('devices', { field: 'rackId', value: rack.id });
        inRack = existing.filter((d) => !d.parentDeviceId).flatMap((d) => {
          const t = doc.get('deviceTypes', d.typeId);
          return t ? [{ device: d, type: t }] : [];
        });
        taken = new Set(existing.map((d) => d.name.toLowerCase()));
        occupants.set(rack.id, inRack);
        names.set(rack.id, taken);
      }
      let name = p.name;
      if (name !== undefined) {
        if (taken.has(name.toLowerCase())) throw new PlenumError(`Rack ${rack.name} already has a device named ${name}`, 'conflict', `${at}.name`);
      } else {
        const base = `${rack.name}-U${String(p.position).padStart(2, '0')}${p.face === 'rear' ? 'R' : ''}`;
        name = base;
        for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}-${n}`;
      }
      const device: Device = validated(DeviceSchema, { id: ctx.newId(ID_PREFIX.devices), name, rackId: rack.id, typeId: type.id, position: p.position, face: p.face }, `Device ${name}`);
      const fit = rackFitProblem(device, type, rack);
      if (fit) throw new PlenumError(`Device ${i + 1} of ${args.placements.length}: ${fit}`, 'conflict', `${at}.position`);
      const hit = findCollision(device, type, inRack);
      if (hit) throw new PlenumError(`Device ${i + 1} of ${args.placements.length} in rack ${rack.name}: ${collisionMessage(device, type, hit)}`, 'conflict', `${at}.position`);
      inRack.push({ device, type });
      taken.add(name.toLowerCase());
      racksTouched.add(rack.name);
      changes.push({ op: 'put', kind: 'devices', entity: device });
    });
    const ids = changes.map((c) => (c.op === 'put' ? c.entity.id : ''));
    return { changes, result: { ids }, detail: `${ids.length} device(s) in ${[...racksTouched].join(', ')}` };
  },
});
