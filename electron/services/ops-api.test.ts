/**
 * The operations methods of the API (issue 7) through AppServices.handle, on a real project
 * file: attention, sensor charts and summaries, the readings import (with its refusals and its
 * change event) and the timeline.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent, ApiResponse, OpsReadingsImportResult, OpsSensorSummary, SensorChart } from '../../core/api';
import type { AttentionItem } from '../../core/ops/attention';
import type { TimelineEntry } from '../../core/ops/timeline';
import { GENERIC_DEVICE_TYPES } from '../../core/catalog/generic';
import { ProjectStore } from '../store/project-store';
import { AppServices } from './app-services';

let dir: string;
let services: AppServices;
let events: ApiEvent[];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-ops-api-'));
  services = new AppServices({ userDataDir: path.join(dir, 'user-data'), mode: 'browser', version: '9.9.9', platform: 'linux' });
  events = [];
  services.onEvent((e) => events.push(e));
});

afterEach(() => {
  services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function value<T>(res: ApiResponse<unknown>): T {
  if (!res.ok) throw new Error(`expected ok, got ${res.error.code}: ${res.error.message}`);
  return res.value as T;
}

/** A room with one rack holding a server, and a rack-inlet sensor "T1". */
async function site(): Promise<{ roomId: string; rackId: string; deviceId: string; sensorId: string }> {
  const f = path.join(dir, 'ops.plenum');
  const store = ProjectStore.create(f, { name: 'Ops' });
  const room = store.execute('room.create', { name: 'Hall', widthMm: 8000, depthMm: 6000 }).result as { id: string };
  store.close();
  value(await services.handle('project.open', { path: f }));
  const roomId = room.id;
  const rackId = value<{ result: { id: string } }>(await services.handle('cmd.rack.create', { roomId, name: 'A01', xMm: 2000, yMm: 2000 })).result.id;
  const type = GENERIC_DEVICE_TYPES.find((t) => t.uHeight === 1 && t.role === 'server') ?? GENERIC_DEVICE_TYPES[0]!;
  const deviceId = value<{ result: { id: string } }>(await services.handle('cmd.device.create', { rackId, typeId: type.id, deviceType: type, position: 10, name: 'srv-01' })).result.id;
  const sensorId = value<{ result: { id: string } }>(await services.handle('cmd.sensor.create', { name: 'T1', roomId, rackId, placement: 'rack-inlet-middle' })).result.id;
  events.length = 0;
  return { roomId, rackId, deviceId, sensorId };
}

const CSV = [
  'timestamp,sensor,temperatureC,humidityPct',
  '2026-11-20T10:00:00Z,T1,22.5,45',
  '2026-11-20T10:05:00Z,T1,23.0,46',
  '2026-11-20T10:10:00Z,T1,24.5,',
].join('\n');

describe('ops.readings.import', () => {
  it('imports a CSV as one step, emits doc.changed with the import record, and the chart and summaries read it back', async () => {
    const { sensorId } = await site();
    const r = value<OpsReadingsImportResult>(await services.handle('ops.readings.import', { fileName: 'env.csv', text: CSV, actor: 'Ana' }));
    expect(r).toMatchObject({ rows: 3, inserted: 3, duplicates: 0, skipped: 0, sensorsCreated: [], fromAt: '2026-11-20T10:00:00.000Z', toAt: '2026-11-20T10:10:00.000Z' });
    expect(r.importId).toMatch(/.+/);
    expect(events).toHaveLength(1);
    const e = events[0]!;
    if (e.type !== 'doc.changed') throw new Error(`expected doc.changed, got ${e.type}`);
    expect(e.source).toBe('command');
    expect(e.changes).toContainEqual({ op: 'put', kind: 'readingImports', entity: expect.objectContaining({ id: r.importId, fileName: 'env.csv', rows: 3, importedBy: 'Ana', sensorIds: [sensorId] }) });
    expect(e.history).toMatchObject({ canUndo: true, undo: { seq: e.seq } });

    const summaries = value<OpsSensorSummary[]>(await services.handle('ops.sensorSummaries', {}));
    const t0 = Date.parse('2026-11-20T10:00:00Z') / 1000;
    expect(summaries).toEqual([{ sensorId, samples: 3, firstT: t0, lastT: t0 + 600, last: { t: t0 + 600, temperatureC: 24.5, humidityPct: null } }]);

    const chart = value<SensorChart>(await services.handle('ops.sensorChart', { sensorId, buckets: 10 }));
    expect(chart.samples).toBe(3);
    expect(chart.buckets.tempMax.filter((v) => v !== null)).toEqual([22.5, 23, 24.5]);

    // The same file again: nothing new, no step, no event.
    const again = value<OpsReadingsImportResult>(await services.handle('ops.readings.import', { fileName: 'env.csv', text: CSV }));
    expect(again).toMatchObject({ importId: null, inserted: 0, duplicates: 3 });
    expect(events).toHaveLength(1);
  });

  it('refuses a file with a bad row, listing file:line details, writes nothing and emits nothing', async () => {
    await site();
    const bad = `${CSV}\n2026-11-20T10:15:00Z,T1,hot,40\n`;
    const res = await services.handle('ops.readings.import', { fileName: 'env.csv', text: bad });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('invalid');
    expect(res.error.message).toContain('1 invalid row');
    expect(res.error.details).toEqual([{ path: 'env.csv:5', message: expect.stringContaining('hot') }]);
    expect(events).toEqual([]);
    expect(value<OpsSensorSummary[]>(await services.handle('ops.sensorSummaries', {}))).toEqual([]);
    // --skip-invalid imports the good rows.
    const r = value<OpsReadingsImportResult>(await services.handle('ops.readings.import', { fileName: 'env.csv', text: bad, skipInvalid: true }));
    expect(r).toMatchObject({ inserted: 3, skipped: 1 });
  });

  it('refuses unknown sensors unless asked to create them in an existing room', async () => {
    const { roomId } = await site();
    const text = 'Time;Point;Temp;RH\n2026-11-20 10:00;CRAH-1 supply;18,5;50\n';
    const mapping = { timestamp: 'Time', sensor: 'Point', temperatureC: 'Temp', humidityPct: 'RH' };
    const unknown = await services.handle('ops.readings.import', { fileName: 'bms.csv', text, mapping, utcOffset: '+01:00' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid', field: 'sensor', message: expect.stringContaining('"CRAH-1 supply"') } });
    const noRoom = await services.handle('ops.readings.import', { fileName: 'bms.csv', text, mapping, utcOffset: '+01:00', createSensorsRoomId: 'room_nope' });
    expect(noRoom).toMatchObject({ ok: false, error: { code: 'not-found', field: 'createSensorsRoomId', message: expect.stringContaining('room_nope') } });
    expect(events).toEqual([]);
    const r = value<OpsReadingsImportResult>(await services.handle('ops.readings.import', { fileName: 'bms.csv', text, mapping, utcOffset: '+01:00', createSensorsRoomId: roomId }));
    expect(r).toMatchObject({ inserted: 1, sensorsCreated: ['CRAH-1 supply'], fromAt: '2026-11-20T09:00:00.000Z' });
    const e = events[0]!;
    if (e.type !== 'doc.changed') throw new Error('expected doc.changed');
    expect(e.changes).toContainEqual({ op: 'put', kind: 'sensors', entity: expect.objectContaining({ name: 'CRAH-1 supply', roomId, placement: 'room' }) });
  });

  it('validates its arguments', async () => {
    await site();
    await expect(services.handle('ops.readings.import', { fileName: 'x.csv', text: CSV, utcOffset: 'CET' })).resolves.toMatchObject({ ok: false, error: { code: 'invalid', field: 'utcOffset' } });
    await expect(services.handle('ops.sensorChart', { sensorId: 'sen_nope' })).resolves.toMatchObject({ ok: false, error: { code: 'not-found', field: 'sensorId' } });
    await expect(services.handle('ops.sensorChart', { sensorId: 'x', buckets: 5 })).resolves.toMatchObject({ ok: false, error: { code: 'invalid', field: 'buckets' } });
    await expect(services.handle('ops.timeline', { limit: 5001 })).resolves.toMatchObject({ ok: false, error: { field: 'limit' } });
  });
});

describe('ops.attention and ops.timeline', () => {
  it('lists overdue maintenance and an expired licence, and the rack timeline includes its server', async () => {
    const { rackId, deviceId } = await site();
    value(await services.handle('cmd.maintenance.create', { title: 'BIOS update', category: 'firmware', status: 'planned', asset: { assetKind: 'device', assetId: deviceId }, plannedDate: '2020-01-10' }));
    const lic = value<{ result: { id: string } }>(await services.handle('cmd.licence.create', { product: 'Hypervisor', vendor: 'VM Co', metric: 'socket', quantity: 2, expiresOn: '2021-03-31' })).result.id;
    value(await services.handle('cmd.licenceAssignment.create', { licenceId: lic, deviceId, units: 2 }));
    value(await services.handle('cmd.opsEvent.create', { at: '2021-06-01T09:00:00+02:00', category: 'incident', severity: 'critical', title: 'PSU failure', asset: { assetKind: 'rack', assetId: rackId } }));
    value(await services.handle('cmd.opsEvent.create', { at: '2021-07-01T09:00:00+02:00', category: 'note', severity: 'info', title: 'Unrelated', asset: { assetKind: 'system', assetId: 'ERP' } }));

    const attention = value<AttentionItem[]>(await services.handle('ops.attention', {}));
    expect(attention.map((a) => a.register)).toEqual(expect.arrayContaining(['maintenance', 'licence']));

    const all = value<TimelineEntry[]>(await services.handle('ops.timeline', {}));
    expect(all.map((e) => e.title)).toEqual(['Unrelated', 'PSU failure', 'Licence expired: Hypervisor (VM Co)', 'BIOS update: planned']);
    const rack = value<TimelineEntry[]>(await services.handle('ops.timeline', { asset: { assetKind: 'rack', assetId: rackId } }));
    expect(rack.map((e) => e.title)).toEqual(['PSU failure', 'Licence expired: Hypervisor (VM Co)', 'BIOS update: planned']);
    const page = value<TimelineEntry[]>(await services.handle('ops.timeline', { before: '2021-06-01T07:00:00Z', limit: 1 }));
    expect(page.map((e) => e.title)).toEqual(['Licence expired: Hypervisor (VM Co)']);
  });
});
