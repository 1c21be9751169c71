import { beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '../model/changes';
import { SnapshotReader, applyChangesToSnapshot } from '../model/changes';
import { PlenumError } from '../model/errors';
import type { IdFactory } from '../model/ids';
import { sequentialIds } from '../model/ids';
import type { DeviceType, DocumentSnapshot, EntityKind } from '../model/schema';
import { REFERENCES, emptySnapshot } from '../model/schema';
import type { CommandName } from './index';
import { getCommand } from './index';
import { POWER_ELEMENT_DEFAULTS } from './power';

/** Real commands planned against a SnapshotReader and applied as the renderer mirror applies them. */
let doc: DocumentSnapshot;
let newId: IdFactory;

function run<R = unknown>(name: CommandName, rawArgs: unknown): { result: R; changes: Change[]; inverse: Change[] } {
  const def = getCommand(name);
  if (!def) throw new Error(`no command ${name}`);
  // Argument errors are refused as the store refuses them: a PlenumError naming the field.
  const parsed = def.args.safeParse(rawArgs);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PlenumError(issue.message, 'invalid', issue.path.join('.'));
  }
  const p = def.plan(new SnapshotReader(doc), parsed.data, { newId });
  const inverse = applyChangesToSnapshot(doc, p.changes);
  return { result: p.result as R, changes: p.changes, inverse };
}

function refused(name: CommandName, rawArgs: unknown): PlenumError {
  const before = structuredClone(doc);
  let caught: unknown;
  try {
    run(name, rawArgs);
  } catch (err) {
    caught = err;
  }
  expect(caught, `${name} should have been refused`).toBeInstanceOf(PlenumError);
  expect(doc).toEqual(before);
  return caught as PlenumError;
}

/** Every foreign key of the document (REFERENCES) points at an entity that exists. */
function danglingReferences(): string[] {
  const out: string[] = [];
  for (const ref of REFERENCES) {
    for (const e of Object.values(doc[ref.kind]) as unknown as Array<Record<string, unknown>>) {
      const v = e[ref.field];
      const ids = ref.many ? (v as string[]) : v === undefined || v === null ? [] : [v as string];
      for (const id of ids) if (!(doc[ref.target as EntityKind] as Record<string, unknown>)[id]) out.push(`${ref.kind} ${e.id as string}.${ref.field} → ${id}`);
    }
  }
  return out;
}

const SERVER: DeviceType = { id: 'dt:srv', manufacturer: 'Acme', model: 'S1', uHeight: 1, fullDepth: true, weightKg: 15, powerMaxW: 500, powerTypicalW: 300, airflow: 'front-to-rear', psuCount: 2 };
const PDU: DeviceType = { id: 'dt:pdu', manufacturer: 'Acme', model: 'PDU 16A', uHeight: 0, fullDepth: false, weightKg: 5, powerMaxW: null, powerTypicalW: null, airflow: 'passive', role: 'pdu', pduInletA: 16, pduOutlets: 24 };

let roomId: string;
let racks: string[];

const id = (r: { result: unknown }) => (r.result as { id: string }).id;
const element = (args: Record<string, unknown>) => id(run('powerElement.create', args));

beforeEach(() => {
  doc = emptySnapshot('Power');
  newId = sequentialIds();
  doc.deviceTypes[SERVER.id] = SERVER;
  doc.deviceTypes[PDU.id] = PDU;
  roomId = id(run('room.create', { name: 'Hall 1', widthMm: 12_000, depthMm: 8_000 }));
  racks = (run<{ rackIds: string[] }>('row.create', { roomId, count: 3, xMm: 1000, yMm: 2000 }).result).rackIds;
});

describe('powerElement.create / update', () => {
  it('names by kind and applies the per-kind defaults', () => {
    const ups1 = element({ kind: 'ups' });
    const ups2 = element({ kind: 'ups' });
    const rpp = element({ kind: 'rpp', upstreamIds: [ups1] });
    expect(doc.powerElements[ups1]).toMatchObject({ name: 'UPS-1', kind: 'ups', voltageV: 400, phases: 3, ratingKva: 500, ratingKw: 450, upstreamIds: [] });
    expect(doc.powerElements[ups2]!.name).toBe('UPS-2');
    expect(doc.powerElements[rpp]).toMatchObject({ name: 'RPP-1', upstreamIds: [ups1], breakerA: POWER_ELEMENT_DEFAULTS.rpp.breakerA });
    expect(doc.powerElements[element({ kind: 'utility' })]).toMatchObject({ name: 'UTIL-1', voltageV: 400, phases: 3 });
  });

  it('takes the room of the floor equipment it stands on, and refuses a second element on it', () => {
    const fe = id(run('floorEquipment.create', { roomId, kind: 'ups', xMm: 500, yMm: 500 }));
    const ups = element({ kind: 'ups', floorEquipmentId: fe });
    expect(doc.powerElements[ups]).toMatchObject({ roomId, floorEquipmentId: fe });
    expect(refused('powerElement.create', { kind: 'ups', floorEquipmentId: fe }).message).toMatch(/already the footprint of UPS-1/);
    expect(refused('powerElement.create', { kind: 'ups', floorEquipmentId: 'fe:nope' }).field).toBe('floorEquipmentId');
    run('powerElement.update', { id: ups, patch: { floorEquipmentId: null, roomId: null } });
    expect(doc.powerElements[ups]).not.toHaveProperty('floorEquipmentId');
    expect(doc.powerElements[ups]).not.toHaveProperty('roomId');
  });

  it('refuses duplicate names, unknown upstream elements and invalid ratings', () => {
    element({ kind: 'ups', name: 'UPS-A' });
    expect(refused('powerElement.create', { kind: 'rpp', name: 'ups-a' }).field).toBe('name');
    const err = refused('powerElement.create', { kind: 'rpp', upstreamIds: ['pwr:missing'] });
    expect(err.field).toBe('upstreamIds.0');
    expect(refused('powerElement.create', { kind: 'ups', powerFactor: 1.5 }).field).toBe('powerFactor');
  });

  it('refuses a cycle in the chain and names it', () => {
    const ups = element({ kind: 'ups', name: 'UPS-A' });
    const swb = element({ kind: 'switchboard', name: 'SWB-A', upstreamIds: [ups] });
    const pdu = element({ kind: 'pdu', name: 'PDU-A', upstreamIds: [swb] });
    const err = refused('powerElement.update', { id: ups, patch: { upstreamIds: [pdu] } });
    expect(err.code).toBe('conflict');
    expect(err.field).toBe('upstreamIds.0');
    expect(err.message).toContain('UPS-A ← PDU-A ← SWB-A ← UPS-A');
    expect(refused('powerElement.update', { id: ups, patch: { upstreamIds: [ups] } }).message).toMatch(/cannot feed itself/);
    // A diamond (two paths to the same source) is not a cycle.
    const utility = element({ kind: 'utility' });
    const gen = element({ kind: 'generator' });
    const ats = element({ kind: 'ats', upstreamIds: [utility, gen] });
    run('powerElement.update', { id: ups, patch: { upstreamIds: [ats, utility] } });
    expect(doc.powerElements[ups]!.upstreamIds).toEqual([ats, utility]);
  });

  it('refuses to turn an element that feeds racks into a generator', () => {
    const rpp = element({ kind: 'rpp' });
    run('powerFeed.create', { rackId: racks[0], side: 'A', sourceId: rpp });
    expect(refused('powerElement.update', { id: rpp, patch: { kind: 'generator' } }).field).toBe('patch.kind');
  });
});

describe('powerFeed.create / update / connect', () => {
  let rppA: string;
  let rppB: string;
  beforeEach(() => {
    rppA = element({ kind: 'rpp', name: 'RPP-A1' });
    rppB = element({ kind: 'rpp', name: 'RPP-B1' });
  });

  it('creates a feed with the defaults and the rack-side name', () => {
    const feed = id(run('powerFeed.create', { rackId: racks[0], side: 'A', sourceId: rppA }));
    expect(doc.powerFeeds[feed]).toEqual({ id: feed, name: 'A01-A', rackId: racks[0], side: 'A', sourceId: rppA, breakerA: 32, voltageV: 230, phases: 1 });
  });

  it('refuses a second feed on the same rack side, naming rack and side', () => {
    run('powerFeed.create', { rackId: racks[0], side: 'A', sourceId: rppA });
    const err = refused('powerFeed.create', { rackId: racks[0], side: 'A', sourceId: rppB });
    expect(err.message).toMatch(/Rack A01 already has a feed A/);
    expect(err.field).toBe('side');
    run('powerFeed.create', { rackId: racks[0], side: 'B', sourceId: rppB });
    const b = Object.values(doc.powerFeeds).find((f) => f.side === 'B')!;
    expect(refused('powerFeed.update', { id: b.id, patch: { side: 'A' } }).message).toMatch(/Rack A01 already has a feed A/);
  });

  it('refuses utility and generator sources, and says why', () => {
    for (const kind of ['utility', 'generator'] as const) {
      const src = element({ kind });
      const err = refused('powerFeed.create', { rackId: racks[0], side: 'A', sourceId: src });
      expect(err.field).toBe('sourceId');
      expect(err.message).toContain(`never fed straight from a ${kind}`);
    }
    const ups = element({ kind: 'ups' });
    run('powerFeed.create', { rackId: racks[0], side: 'A', sourceId: ups });
  });

  it('accepts a rack PDU in the rack and refuses one that is not', () => {
    const pduHere = id(run('device.create', { rackId: racks[0], typeId: PDU.id, position: 1, side: 'left', name: 'PDU-A' }));
    const pduThere = id(run('device.create', { rackId: racks[1], typeId: PDU.id, position: 1, side: 'left', name: 'PDU-A' }));
    const err = refused('powerFeed.create', { rackId: racks[0], side: 'A', sourceId: rppA, rackPduDeviceId: pduThere });
    expect(err.field).toBe('rackPduDeviceId');
    expect(err.message).toMatch(/not a device in rack A01/);
    const feed = id(run('powerFeed.create', { rackId: racks[0], side: 'A', sourceId: rppA, rackPduDeviceId: pduHere }));
    expect(doc.powerFeeds[feed]!.rackPduDeviceId).toBe(pduHere);
    run('powerFeed.update', { id: feed, patch: { breakerA: 16, voltageV: 400, phases: 3, rackPduDeviceId: null } });
    expect(doc.powerFeeds[feed]).not.toHaveProperty('rackPduDeviceId');
    expect(doc.powerFeeds[feed]).toMatchObject({ breakerA: 16, voltageV: 400, phases: 3 });
  });

  it('feeds a whole row in one step, replacing existing feeds in place, and undoes as one', () => {
    const pdu = id(run('device.create', { rackId: racks[1], typeId: PDU.id, position: 1, side: 'right', name: 'PDU-B' }));
    const old = id(run('powerFeed.create', { rackId: racks[1], side: 'B', sourceId: rppA, rackPduDeviceId: pdu, breakerA: 16 }));
    const before = structuredClone(doc);
    const r = run<{ ids: string[]; created: number; replaced: number }>('powerFeed.connect', { rackIds: racks, side: 'B', sourceId: rppB, voltageV: 400, phases: 3, breakerA: 16 });
    expect(r.result.created).toBe(2);
    expect(r.result.replaced).toBe(1);
    expect(r.result.ids[1]).toBe(old);
    expect(doc.powerFeeds[old]).toMatchObject({ sourceId: rppB, rackPduDeviceId: pdu, name: 'A02-B', voltageV: 400, phases: 3 });
    const bSide = Object.values(doc.powerFeeds).filter((f) => f.side === 'B');
    expect(bSide.map((f) => f.rackId).sort()).toEqual([...racks].sort());
    expect(bSide.every((f) => f.sourceId === rppB && f.breakerA === 16)).toBe(true);
    applyChangesToSnapshot(doc, r.inverse);
    expect(doc).toEqual(before);
  });

  it('connect keeps current ratings when none are given and refuses a generator for the whole batch', () => {
    const feed = id(run('powerFeed.create', { rackId: racks[0], side: 'A', sourceId: rppA, breakerA: 63, voltageV: 400, phases: 3 }));
    run('powerFeed.connect', { rackIds: [racks[0], racks[2]], side: 'A', sourceId: rppB });
    expect(doc.powerFeeds[feed]).toMatchObject({ breakerA: 63, voltageV: 400, phases: 3, sourceId: rppB });
    expect(Object.values(doc.powerFeeds).find((f) => f.rackId === racks[2])).toMatchObject({ breakerA: 32, voltageV: 230, phases: 1 });
    const gen = element({ kind: 'generator' });
    expect(refused('powerFeed.connect', { rackIds: racks, side: 'A', sourceId: gen }).field).toBe('sourceId');
    expect(refused('powerFeed.connect', { rackIds: [racks[0], racks[0]], side: 'A', sourceId: rppA }).field).toBe('rackIds.1');
    expect(refused('powerFeed.connect', { rackIds: [racks[0], 'rack:nope'], side: 'A', sourceId: rppA }).field).toBe('rackIds.1');
  });
});

describe('envReading.create / update', () => {
  it('records a reading at a rack of the room and refuses a rack of another room', () => {
    const other = id(run('room.create', { name: 'Hall 2', widthMm: 5000, depthMm: 5000 }));
    const reading = id(run('envReading.create', { roomId, rackId: racks[0], takenAt: '2026-11-25T14:05:00+01:00', temperatureC: 24.5, humidityPct: 45 }));
    expect(doc.envReadings[reading]).toMatchObject({ roomId, rackId: racks[0], temperatureC: 24.5, humidityPct: 45 });
    expect(refused('envReading.create', { roomId: other, rackId: racks[0], temperatureC: 20 }).field).toBe('rackId');
    expect(refused('envReading.create', { roomId, takenAt: 'yesterday-ish', temperatureC: 20 }).field).toBe('takenAt');
    run('envReading.update', { id: reading, patch: { temperatureC: 27, rackId: null, note: 'after CRAH-2 trip' } });
    expect(doc.envReadings[reading]).toMatchObject({ temperatureC: 27, note: 'after CRAH-2 trip' });
    expect(doc.envReadings[reading]).not.toHaveProperty('rackId');
    const now = id(run('envReading.create', { roomId, temperatureC: 22 }));
    expect(Number.isNaN(Date.parse(doc.envReadings[now]!.takenAt))).toBe(false);
    expect(doc.envReadings[now]!.humidityPct).toBeNull();
  });
});

describe('deletes cascade through the power chain', () => {
  let ups: string;
  let rppA: string;
  let rppB: string;
  let fe: string;
  let pdu: string;
  beforeEach(() => {
    fe = id(run('floorEquipment.create', { roomId, kind: 'rpp', xMm: 8000, yMm: 500 }));
    ups = element({ kind: 'ups', name: 'UPS-A', roomId });
    rppA = element({ kind: 'rpp', name: 'RPP-A', upstreamIds: [ups], floorEquipmentId: fe });
    rppB = element({ kind: 'rpp', name: 'RPP-B', upstreamIds: [ups, rppA] });
    run('powerFeed.connect', { rackIds: racks, side: 'A', sourceId: rppA });
    run('powerFeed.connect', { rackIds: racks, side: 'B', sourceId: rppB });
    pdu = id(run('device.create', { rackId: racks[2], typeId: PDU.id, position: 1, side: 'left', name: 'PDU-A' }));
    const feedA = Object.values(doc.powerFeeds).find((f) => f.rackId === racks[2] && f.side === 'A')!;
    run('powerFeed.update', { id: feedA.id, patch: { rackPduDeviceId: pdu } });
    run('envReading.create', { roomId, rackId: racks[0], temperatureC: 23 });
    run('envReading.create', { roomId, temperatureC: 22 });
    expect(danglingReferences()).toEqual([]);
  });

  const feedsOf = (rackId: string) => Object.values(doc.powerFeeds).filter((f) => f.rackId === rackId);

  it('rack.delete takes the rack feeds and keeps its readings in the room', () => {
    const { inverse } = run('rack.delete', { ids: [racks[0]] });
    expect(feedsOf(racks[0]!)).toEqual([]);
    expect(Object.keys(doc.powerFeeds)).toHaveLength(4);
    const readings = Object.values(doc.envReadings);
    expect(readings).toHaveLength(2);
    expect(readings.every((r) => r.rackId === undefined && r.roomId === roomId)).toBe(true);
    expect(danglingReferences()).toEqual([]);
    applyChangesToSnapshot(doc, inverse);
    expect(feedsOf(racks[0]!)).toHaveLength(2);
    expect(Object.values(doc.envReadings).some((r) => r.rackId === racks[0])).toBe(true);
  });

  it('rack.update moving a rack to another room unhooks the readings taken at it', () => {
    const other = id(run('room.create', { name: 'Hall 2', widthMm: 5000, depthMm: 5000 }));
    run('rack.update', { id: racks[0], patch: { roomId: other } });
    expect(Object.values(doc.envReadings).every((r) => r.rackId === undefined && r.roomId === roomId)).toBe(true);
    expect(feedsOf(racks[0]!)).toHaveLength(2);
  });

  it('device.delete clears the rack PDU of its feed', () => {
    run('device.delete', { ids: [pdu] });
    expect(feedsOf(racks[2]!)).toHaveLength(2);
    expect(feedsOf(racks[2]!).every((f) => f.rackPduDeviceId === undefined)).toBe(true);
    expect(danglingReferences()).toEqual([]);
  });

  it('device.update moving a rack PDU to another rack clears it from the feed', () => {
    run('device.update', { id: pdu, patch: { rackId: racks[1] } });
    expect(feedsOf(racks[2]!).every((f) => f.rackPduDeviceId === undefined)).toBe(true);
  });

  it('layout.delete of floor equipment unlinks its power element', () => {
    run('layout.delete', { items: [{ kind: 'floorEquipment', id: fe }] });
    expect(doc.powerElements[rppA]).not.toHaveProperty('floorEquipmentId');
    expect(danglingReferences()).toEqual([]);
  });

  it('layout.delete of a power element takes its feeds and leaves the upstream lists', () => {
    run('layout.delete', { items: [{ kind: 'powerElements', id: rppA }] });
    expect(doc.powerElements[rppA]).toBeUndefined();
    expect(Object.values(doc.powerFeeds).map((f) => f.side)).toEqual(['B', 'B', 'B']);
    expect(doc.powerElements[rppB]!.upstreamIds).toEqual([ups]);
    expect(danglingReferences()).toEqual([]);
    run('layout.delete', { items: [{ kind: 'powerElements', id: ups }, { kind: 'powerElements', id: rppB }] });
    expect(doc.powerElements).toEqual({});
    expect(doc.powerFeeds).toEqual({});
  });

  it('layout.delete deletes feeds and readings, and a row with its racks and their feeds', () => {
    const feed = feedsOf(racks[1]!)[0]!;
    const reading = Object.values(doc.envReadings)[0]!;
    run('layout.delete', { items: [{ kind: 'powerFeeds', id: feed.id }, { kind: 'envReadings', id: reading.id }] });
    expect(doc.powerFeeds[feed.id]).toBeUndefined();
    expect(doc.envReadings[reading.id]).toBeUndefined();
    expect(refused('layout.delete', { items: [{ kind: 'powerFeeds', id: feed.id }] }).code).toBe('not-found');
    const rowId = Object.keys(doc.rows)[0]!;
    run('layout.delete', { items: [{ kind: 'rows', id: rowId }] });
    expect(doc.powerFeeds).toEqual({});
    expect(danglingReferences()).toEqual([]);
  });

  it('room.delete takes feeds and readings and leaves power elements without a room', () => {
    const { inverse } = run('room.delete', { id: roomId });
    expect(doc.powerFeeds).toEqual({});
    expect(doc.envReadings).toEqual({});
    expect(Object.keys(doc.powerElements)).toHaveLength(3);
    expect(doc.powerElements[ups]).not.toHaveProperty('roomId');
    expect(doc.powerElements[rppA]).not.toHaveProperty('floorEquipmentId');
    expect(danglingReferences()).toEqual([]);
    applyChangesToSnapshot(doc, inverse);
    expect(doc.powerElements[ups]!.roomId).toBe(roomId);
    expect(Object.keys(doc.powerFeeds)).toHaveLength(6);
  });

  it('layout.paste copies racks without their feeds', () => {
    const r = run<{ ids: string[] }>('layout.paste', { roomId, items: [{ kind: 'racks', id: racks[0] }], dxMm: 0, dyMm: 2000 });
    expect(feedsOf(r.result.ids[0]!)).toEqual([]);
  });
});

describe('document.import and the power chain', () => {
  it('refuses a feed whose source power element is missing, with its JSON path', () => {
    const err = refused('document.import', {
      document: {
        format: 'plenum/1',
        rooms: [{ id: 'room:1', name: 'Hall', widthMm: 5000, depthMm: 5000 }],
        racks: [{ id: 'rack:1', name: 'A01', roomId: 'room:1', xMm: 1000, yMm: 1000, rotationDeg: 0, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 8, maxKg: 1200 }],
        powerElements: [{ id: 'pwr:rpp', name: 'RPP-1', kind: 'rpp', upstreamIds: ['pwr:ups'], voltageV: 400, phases: 3, breakerA: 160, ratingKw: null, ratingKva: 100 }],
        powerFeeds: [{ id: 'feed:1', name: 'A01-A', rackId: 'rack:1', side: 'A', sourceId: 'pwr:gone', breakerA: 32, voltageV: 230, phases: 1 }],
      },
    });
    const paths = (err.details ?? []).map((i) => i.path);
    expect(paths).toContain('powerFeeds[0].sourceId');
    expect(paths).toContain('powerElements[0].upstreamIds[0]');
  });
});
