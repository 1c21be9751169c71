import { beforeEach, describe, expect, it } from 'vitest';
import { GENERIC_BLANKING_TYPE_ID, genericDeviceType } from '../catalog/generic';
import type { Change } from '../model/changes';
import { SnapshotReader, applyChangesToSnapshot } from '../model/changes';
import { PlenumError } from '../model/errors';
import type { IdFactory } from '../model/ids';
import { sequentialIds } from '../model/ids';
import type { DeviceType, DocumentSnapshot } from '../model/schema';
import { emptySnapshot } from '../model/schema';
import { getCommand } from './index';

let doc: DocumentSnapshot;
let newId: IdFactory;

function run<R>(name: string, args: unknown): { result: R; changes: Change[]; inverse: Change[] } {
  const def = getCommand(name)!;
  const p = def.plan(new SnapshotReader(doc), def.args.parse(args), { newId });
  return { result: p.result as R, changes: p.changes, inverse: applyChangesToSnapshot(doc, p.changes) };
}

const SERVER2U: DeviceType = { id: 'dt:s2', manufacturer: 'Acme', model: 'S2', uHeight: 2, fullDepth: true, weightKg: 25, powerMaxW: 800, powerTypicalW: 400, airflow: 'front-to-rear' };
const SWITCH1U: DeviceType = { id: 'dt:sw', manufacturer: 'Acme', model: 'SW', uHeight: 1, fullDepth: false, weightKg: 8, powerMaxW: 300, powerTypicalW: 150, airflow: 'rear-to-front' };
const PDU0U: DeviceType = { id: 'dt:pdu', manufacturer: 'Acme', model: 'PDU', uHeight: 0, fullDepth: false, weightKg: 6, powerMaxW: 0, powerTypicalW: 0, airflow: 'passive' };

let rackId: string;

beforeEach(() => {
  doc = emptySnapshot('Fill');
  newId = sequentialIds();
  for (const t of [SERVER2U, SWITCH1U, PDU0U]) doc.deviceTypes[t.id] = t;
  doc.rooms['room:a'] = { id: 'room:a', name: 'A', widthMm: 5000, depthMm: 5000 };
  rackId = 'rack:a';
  doc.racks[rackId] = { id: rackId, name: 'R01', roomId: 'room:a', xMm: 1000, yMm: 1000, rotationDeg: 0, uHeight: 10, widthMm: 600, depthMm: 1200, maxKw: 8, maxKg: 1000 };
  doc.devices['dev:srv'] = { id: 'dev:srv', name: 'srv', rackId, typeId: SERVER2U.id, position: 3, face: 'front' };
  doc.devices['dev:sw'] = { id: 'dev:sw', name: 'R01-U07', rackId, typeId: SWITCH1U.id, position: 7, face: 'rear' };
  doc.devices['dev:pdu'] = { id: 'dev:pdu', name: 'pdu', rackId, typeId: PDU0U.id, position: 1, face: 'rear', side: 'left' };
});

describe('rack.fillBlanks', () => {
  it('fills every free U of the front with the generic blanking panel, copying the type in, and one inverse undoes it all', () => {
    const before = structuredClone(doc);
    const { result, changes, inverse } = run<{ count: number }>('rack.fillBlanks', { rackId });
    // 10U rack, server takes U3–U4 on both faces; the rear switch and the 0U PDU leave the front free.
    const blanks = Object.values(doc.devices).filter((d) => d.typeId === GENERIC_BLANKING_TYPE_ID);
    expect(blanks.map((d) => d.position).sort((a, b) => a - b)).toEqual([1, 2, 5, 6, 7, 8, 9, 10]);
    expect(result.count).toBe(8);
    expect(blanks.every((d) => d.face === 'front')).toBe(true);
    expect(changes[0]).toEqual({ op: 'put', kind: 'deviceTypes', entity: genericDeviceType(GENERIC_BLANKING_TYPE_ID) });
    // Names stay unique in the rack: U07 is already the switch's name.
    expect(blanks.find((d) => d.position === 7)!.name).toBe('R01-U07-2');
    applyChangesToSnapshot(doc, inverse);
    expect(doc).toEqual(before);
  });

  it('fills the rear when asked, around rear devices, and does not copy a type the project has', () => {
    doc.deviceTypes[GENERIC_BLANKING_TYPE_ID] = genericDeviceType(GENERIC_BLANKING_TYPE_ID)!;
    const { changes } = run('rack.fillBlanks', { rackId, face: 'rear' });
    expect(changes.every((c) => c.op === 'put' && c.kind === 'devices')).toBe(true);
    const rear = Object.values(doc.devices).filter((d) => d.typeId === GENERIC_BLANKING_TYPE_ID);
    expect(rear.map((d) => d.position).sort((a, b) => a - b)).toEqual([1, 2, 5, 6, 8, 9, 10]);
    expect(rear.every((d) => d.face === 'rear' && d.name.endsWith('R'))).toBe(true);
  });

  it('refuses when nothing is free, and refuses a type that is not 1U', () => {
    run('rack.fillBlanks', { rackId });
    expect(() => run('rack.fillBlanks', { rackId })).toThrow(/no free rack unit on the front/);
    expect(() => run('rack.fillBlanks', { rackId, face: 'rear', typeId: SERVER2U.id })).toThrow(PlenumError);
    expect(() => run('rack.fillBlanks', { rackId: 'rack:nope' })).toThrow(/does not exist/);
  });
});
