import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sequentialIds } from '../../core/model/ids';
import { ProjectStore } from './project-store';

/**
 * The power chain through a real SQLite project file: the foreign keys of power_feeds and
 * env_readings are enforced by SQLite, so a cascade in the wrong order fails here, not just in
 * the in-memory tests.
 */
let dir: string;
const opened: ProjectStore[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-power-'));
});

afterEach(() => {
  for (const s of opened.splice(0)) s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function open(f: string): ProjectStore {
  const s = ProjectStore.open(f, { newId: sequentialIds(1000) });
  opened.push(s);
  return s;
}

describe('power chain in a project file', () => {
  it('creates elements and feeds, undoes, redoes, reopens, and deletes a fed rack', () => {
    const f = path.join(dir, 'power.plenum');
    ProjectStore.create(f, { name: 'Power', newId: sequentialIds() }).close();
    let store = open(f);
    const roomId = store.execute<{ id: string }>('room.create', { name: 'Hall 1', widthMm: 12_000, depthMm: 8_000 }).result.id;
    const { rackIds } = store.execute<{ rackIds: string[] }>('row.create', { roomId, count: 4, xMm: 1000, yMm: 2000 }).result;
    const fe = store.execute<{ id: string }>('floorEquipment.create', { roomId, kind: 'rpp', xMm: 9000, yMm: 500 }).result.id;
    const ups = store.execute<{ id: string }>('powerElement.create', { kind: 'ups', name: 'UPS-A', roomId }).result.id;
    const rpp = store.execute<{ id: string }>('powerElement.create', { kind: 'rpp', name: 'RPP-A1', upstreamIds: [ups], floorEquipmentId: fe }).result.id;
    store.execute('deviceType.upsert', { deviceType: { id: 'dt:pdu', manufacturer: 'Acme', model: 'PDU', uHeight: 0, fullDepth: false, weightKg: 5, powerMaxW: null, powerTypicalW: null, airflow: 'passive', role: 'pdu', pduInletA: 32, pduOutlets: 24 } });
    const pdu = store.execute<{ id: string }>('device.create', { rackId: rackIds[0], typeId: 'dt:pdu', position: 1, side: 'left', name: 'PDU-A' }).result.id;
    store.execute('powerFeed.create', { rackId: rackIds[0], side: 'A', sourceId: rpp, rackPduDeviceId: pdu });
    store.execute('envReading.create', { roomId, rackId: rackIds[0], takenAt: '2026-11-25T14:05:00+01:00', temperatureC: 24, humidityPct: 40 });
    const connect = store.execute<{ created: number; replaced: number }>('powerFeed.connect', { rackIds, side: 'A', sourceId: rpp, breakerA: 16, voltageV: 400, phases: 3 });
    expect(connect.result).toMatchObject({ created: 3, replaced: 1 });
    expect(store.count('powerFeeds')).toBe(4);

    // The whole row connection is one undo step.
    store.undo();
    expect(store.count('powerFeeds')).toBe(1);
    expect(store.list('powerFeeds')[0]).toMatchObject({ breakerA: 32, voltageV: 230, phases: 1, rackPduDeviceId: pdu });
    store.redo();
    expect(store.count('powerFeeds')).toBe(4);

    store.close();
    opened.splice(0);
    store = open(f);
    const feeds = store.list('powerFeeds');
    expect(feeds.every((x) => x.sourceId === rpp && x.breakerA === 16 && x.phases === 3)).toBe(true);
    expect(store.get('powerElements', rpp)).toMatchObject({ upstreamIds: [ups], floorEquipmentId: fe, roomId, kind: 'rpp' });
    expect(store.get('powerElements', ups)).toMatchObject({ modules: 5, redundancy: 'N+1' });

    // Deleting the fed rack takes its feed (and its PDU) and unhooks the reading, under SQLite's foreign keys.
    const before = store.snapshot();
    store.execute('rack.delete', { ids: [rackIds[0]] });
    expect(store.list('powerFeeds', { field: 'rackId', value: rackIds[0]! })).toEqual([]);
    expect(store.count('powerFeeds')).toBe(3);
    expect(store.list('envReadings')[0]).not.toHaveProperty('rackId');
    store.undo();
    expect(store.snapshot()).toEqual(before);

    // Deleting the RPP takes every feed it sources; deleting the room then leaves the UPS roomless.
    store.execute('layout.delete', { items: [{ kind: 'powerElements', id: rpp }] });
    expect(store.count('powerFeeds')).toBe(0);
    store.execute('room.delete', { id: roomId });
    expect(store.get('powerElements', ups)).not.toHaveProperty('roomId');
    expect(store.count('envReadings')).toBe(0);
    store.undo();
    store.undo();
    expect(store.snapshot()).toEqual(before);
  });
});
