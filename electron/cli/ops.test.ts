import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sequentialIds } from '../../core/model/ids';
import { ProjectStore } from '../store/project-store';
import { runPlenum } from './run-plenum';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-ops-cli-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const plenum = (...args: string[]) => runPlenum(path.join(dir, 'user-data'), args);
const sha256 = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
const write = (name: string, text: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};

/** A room with one sensor, a quarterly UPS schedule started long ago, an over-allocated licence. */
function project(): string {
  const f = path.join(dir, 'ops.plenum');
  const store = ProjectStore.create(f, { name: 'Ops', newId: sequentialIds() });
  try {
    const roomId = store.execute<{ id: string }>('room.create', { name: 'Hall A', widthMm: 12_000, depthMm: 8_000 }).result.id;
    store.execute('sensor.create', { name: 'HA-01', roomId, placement: 'room' });
    const ups = store.execute<{ id: string }>('powerElement.create', { kind: 'ups', name: 'UPS-1' }).result.id;
    store.execute('maintenanceSchedule.create', { title: 'UPS quarterly PM', category: 'preventive', assets: [{ assetKind: 'powerElement', assetId: ups }], interval: { every: 3, unit: 'month' }, startDate: '2026-01-10', active: true });
    const lic = store.execute<{ id: string }>('licence.create', { product: 'Backup Suite', vendor: 'Acme', metric: 'socket', quantity: 2, expiresOn: '2026-12-01' }).result.id;
    store.execute('rack.create', { roomId, name: 'A01', xMm: 2000, yMm: 2000 });
    const rackId = store.list('racks')[0]!.id;
    store.execute('deviceType.upsert', { deviceType: { id: 'dt:srv', manufacturer: 'Dell', model: 'R760', uHeight: 2, fullDepth: true, weightKg: 30, powerMaxW: 1400, powerTypicalW: 700, airflow: 'front-to-rear' } });
    const dev = store.execute<{ id: string }>('device.create', { rackId, typeId: 'dt:srv', position: 10, face: 'front', name: 'srv-1' }).result.id;
    store.execute('licenceAssignment.create', { licenceId: lic, deviceId: dev, units: 4 });
  } finally {
    store.close();
  }
  return f;
}

describe('plenum import FILE readings.csv', () => {
  it('imports readings in one step and reports what it did; nothing changes on refusal', async () => {
    const f = project();
    const good = write('r.csv', 'timestamp,sensor,temperatureC,humidityPct\n2026-11-20T10:00:00Z,HA-01,22.5,45\n2026-11-20T10:05:00Z,ha-01,23,\n');
    const r = await plenum('import', f, good);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Imported 2 readings of 1 sensor\(s\), 2026-11-20 10:00 to 2026-11-20 10:05 UTC, from r\.csv in \d+\.\d s/);

    const before = sha256(f);
    const bad = write('bad.csv', 'timestamp,sensor,temperatureC,humidityPct\n2026-11-20T11:00:00Z,HA-01,22.5,45\n2026-11-20T11:05:00Z,HA-01,,45\n2026-11-20T11:10:00,HA-01,21,45\n');
    const refused = await plenum('import', f, bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('bad.csv:3: temperatureC "" is not a number');
    expect(refused.stderr).toContain('bad.csv:4: "2026-11-20T11:10:00" has no UTC offset');
    expect(refused.stderr).toContain('plenum: bad.csv: 2 invalid row(s); nothing was imported');
    const unknown = await plenum('import', f, write('u.csv', 'timestamp,sensor,temperatureC\n2026-11-20T11:00:00Z,ZZ-9,22\n'));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/1 unknown sensor\(s\): "ZZ-9"/);
    expect(sha256(f)).toBe(before);

    const skipped = await plenum('import', f, bad, '--skip-invalid', '--utc-offset', '+01:00');
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toMatch(/^Imported 2 readings/);
    expect(skipped.stderr).toContain('1 invalid row(s) skipped (--skip-invalid)');
  });

  it('maps other headers, creates sensors in a named room, and rejects usage errors with exit 2', async () => {
    const f = project();
    const bms = write('bms.csv', 'Time;Point;Temp;RH\n2026-11-20 10:00;AHU-1 RAT;24,5;40\n');
    const mapped = await plenum('import', f, bms, '--map', 'timestamp=Time', '--map', 'sensor=Point', '--map', 'temperatureC=Temp', '--map', 'humidityPct=RH', '--utc-offset', '+01:00', '--create-sensors', '--room', 'hall a');
    expect(mapped.code).toBe(0);
    expect(mapped.stdout).toContain('created 1 sensor(s): AHU-1 RAT');
    expect(mapped.stdout).toContain('2026-11-20 09:00 to 2026-11-20 09:00 UTC');
    expect((await plenum('import', f, bms, '--map', 'colour=Time')).code).toBe(2);
    const noRoom = await plenum('import', f, bms, '--create-sensors');
    expect(noRoom.code).toBe(2);
    expect(noRoom.stderr).toContain('--create-sensors needs --room ROOM');
    const again = await plenum('import', f, bms, '--map', 'timestamp=Time', '--map', 'sensor=Point', '--map', 'temperatureC=Temp', '--utc-offset', '+01:00');
    expect(again.stdout).toBe('All 1 readings of bms.csv are already in the project: nothing was imported\n');
  });
});

describe('plenum ops due', () => {
  it('lists overdue and upcoming items of every register, read-only, as text and JSON', async () => {
    const f = project();
    await plenum('import', f, write('hot.csv', 'timestamp,sensor,temperatureC,humidityPct\n2026-11-20T10:00:00Z,HA-01,22,45\n2026-11-20T10:05:00Z,HA-01,33,40\n2026-11-20T10:10:00Z,HA-01,34,40\n2026-11-20T10:15:00Z,HA-01,22,45\n'));
    const before = sha256(f);
    const text = await plenum('ops', 'due', f, '--on', '2026-11-25');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^ops\.plenum: 3 overdue, 1 due soon \(2026-11-25\)/);
    expect(text.stdout).toContain('UPS quarterly PM on UPS-1 is overdue since 2026-01-10 (4 occurrences missed)');
    expect(text.stdout).toContain('Acme Backup Suite: 4 sockets assigned, 2 owned (2 over)');
    expect(text.stdout).toContain('Acme Backup Suite expires on 2026-12-01 (in 6 days)');
    expect(text.stdout).toMatch(/HA-01: outside the allowable envelope from 2026-11-20T10:05:00\.000Z for 5 min \(temperature-high, dewPoint-high; max 34\.0 °C\)/);
    const json = JSON.parse((await plenum('ops', 'due', f, '--json', '--on', '2026-11-25')).stdout) as { items: Array<{ code: string }>; summary: { overdue: number } };
    expect(json.summary.overdue).toBe(3);
    expect(json.items.map((i) => i.code)).toEqual(['maintenance-overdue', 'excursion-outside', 'licence-over-allocated', 'licence-expiring']);
    expect(sha256(f)).toBe(before);
    expect((await plenum('ops', 'due', f, '--on', 'tomorrow')).code).toBe(2);
    expect((await plenum('ops', 'list', f)).code).toBe(2);
  });
});
