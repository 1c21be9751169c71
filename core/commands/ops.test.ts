import { describe, expect, it } from 'vitest';
import { applyChangesToSnapshot, SnapshotReader } from '../model/changes';
import { PlenumError } from '../model/errors';
import { sequentialIds } from '../model/ids';
import { emptySnapshot } from '../model/schema';
import { getCommand } from '.';

function site() {
  const snap = emptySnapshot('Ops');
  snap.rooms['room:a'] = { id: 'room:a', name: 'Hall A', widthMm: 20000, depthMm: 10000 };
  snap.rooms['room:b'] = { id: 'room:b', name: 'Hall B', widthMm: 20000, depthMm: 10000 };
  snap.racks['rack:1'] = { id: 'rack:1', name: 'A01', roomId: 'room:a', xMm: 1000, yMm: 2000, rotationDeg: 0, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 10, maxKg: 1000 };
  snap.deviceTypes['dt:srv'] = { id: 'dt:srv', manufacturer: 'Dell', model: 'R760', uHeight: 2, fullDepth: true, weightKg: 30, powerMaxW: 1400, powerTypicalW: 700, airflow: 'front-to-rear' };
  snap.devices['dev:1'] = { id: 'dev:1', name: 'esx-01', rackId: 'rack:1', typeId: 'dt:srv', position: 10, face: 'front' };
  snap.devices['dev:2'] = { id: 'dev:2', name: 'esx-02', rackId: 'rack:1', typeId: 'dt:srv', position: 12, face: 'front' };
  const doc = new SnapshotReader(snap);
  const ctx = { newId: sequentialIds() };
  const run = <R = { id: string }>(name: string, args: unknown): R => {
    const def = getCommand(name);
    if (!def) throw new Error(`no command ${name}`);
    const plan = def.plan(doc, def.args.parse(args), ctx);
    applyChangesToSnapshot(snap, plan.changes);
    return plan.result as R;
  };
  return { snap, run };
}

const refusal = (f: () => unknown): PlenumError => {
  try {
    f();
  } catch (e) {
    if (e instanceof PlenumError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('register commands', () => {
  it('create, update with null clearing a field, and delete, validated like the model', () => {
    const { snap, run } = site();
    const { id } = run('licence.create', { product: 'vSphere', vendor: 'Broadcom', metric: 'core', quantity: 64, expiresOn: '2027-01-31', currency: 'EUR', cost: 12000 });
    expect(snap.licences[id]).toMatchObject({ product: 'vSphere', quantity: 64 });
    run('licence.update', { id, patch: { quantity: 96, expiresOn: null } });
    expect(snap.licences[id]!.quantity).toBe(96);
    expect(snap.licences[id]).not.toHaveProperty('expiresOn');
    expect(refusal(() => run('licence.update', { id, patch: { quantity: -1 } })).message).toMatch(/^Licence: quantity:/);
    expect(refusal(() => run('licence.update', { id, patch: { colour: 'red' } })).field).toBe('patch.colour');
    expect(refusal(() => run('licence.update', { id, patch: { product: null } })).field).toBe('product');
    expect(() => run('licence.create', { product: 'x', vendor: 'y', metric: 'core', quantity: 1, quantiy: 2 })).toThrow();
    expect(() => run('licence.create', { product: 'x', vendor: 'y', metric: 'core', quantity: 1, expiresOn: '2027-02-30' })).toThrow(/not a real calendar date/);
  });

  it('assigns licences to existing devices once each, and deleting a device or a licence frees its assignments', () => {
    const { snap, run } = site();
    const { id: lic } = run('licence.create', { product: 'Windows Server', vendor: 'Microsoft', metric: 'core', quantity: 32 });
    run('licenceAssignment.create', { licenceId: lic, deviceId: 'dev:1', units: 16 });
    run('licenceAssignment.create', { licenceId: lic, deviceId: 'dev:2', units: 16 });
    expect(refusal(() => run('licenceAssignment.create', { licenceId: lic, deviceId: 'dev:1', units: 8 })).code).toBe('conflict');
    expect(refusal(() => run('licenceAssignment.create', { licenceId: lic, deviceId: 'dev:9', units: 8 })).code).toBe('not-found');
    run('device.delete', { ids: ['dev:1'] });
    expect(Object.values(snap.licenceAssignments).map((a) => a.deviceId)).toEqual(['dev:2']);
    run('licence.delete', { ids: [lic] });
    expect(snap.licenceAssignments).toEqual({});
  });

  it('places sensors in rooms and on racks; deleting the rack keeps them in the room, deleting the room takes them', () => {
    const { snap, run } = site();
    const { id } = run('sensor.create', { name: 'A01-inlet-top', roomId: 'room:a', rackId: 'rack:1', placement: 'rack-inlet-top', zMm: 1800 });
    run('sensor.create', { name: 'Hall A return', roomId: 'room:a', placement: 'return' });
    expect(refusal(() => run('sensor.create', { name: 'a01-INLET-top', roomId: 'room:a', placement: 'room' })).code).toBe('conflict');
    expect(refusal(() => run('sensor.create', { name: 'B-1', roomId: 'room:b', rackId: 'rack:1', placement: 'rack-inlet-top' })).field).toBe('rackId');
    expect(refusal(() => run('sensor.create', { name: 'B-2', roomId: 'room:b', placement: 'rack-outlet' })).field).toBe('rackId');
    run('rack.delete', { ids: ['rack:1'] });
    expect(snap.sensors[id]).toMatchObject({ roomId: 'room:a', placement: 'room' });
    expect(snap.sensors[id]).not.toHaveProperty('rackId');
    run('room.delete', { id: 'room:a' });
    expect(snap.sensors).toEqual({});
  });

  it('ties maintenance to real occurrences of a schedule, once per asset and date', () => {
    const { snap, run } = site();
    const ups = { assetKind: 'rack', assetId: 'rack:1' } as const;
    const { id: sch } = run('maintenanceSchedule.create', { title: 'Quarterly PM', category: 'preventive', assets: [ups], interval: { every: 3, unit: 'month' }, startDate: '2026-01-15', active: true });
    expect(refusal(() => run('maintenanceSchedule.create', { title: 'x', category: 'preventive', assets: [ups], interval: { every: 3, unit: 'hour' }, startDate: '2026-01-15', active: true })).field).toBe('interval.unit');
    expect(refusal(() => run('maintenanceSchedule.create', { title: 'x', category: 'preventive', assets: [{ assetKind: 'rack', assetId: 'rack:zz' }], interval: { every: 1, unit: 'year' }, startDate: '2026-01-15', active: true })).field).toBe('assets.0');
    const base = { title: 'Q2 PM', category: 'preventive', status: 'planned', asset: ups, scheduleId: sch };
    expect(refusal(() => run('maintenance.create', { ...base, occurrence: '2026-04-16' })).message).toMatch(/is not a due date of "Quarterly PM"/);
    const { id } = run('maintenance.create', { ...base, occurrence: '2026-04-15' });
    expect(refusal(() => run('maintenance.create', { ...base, occurrence: '2026-04-15' })).code).toBe('conflict');
    expect(refusal(() => run('maintenance.update', { id, patch: { status: 'done' } })).field).toBe('completedAt');
    run('maintenance.complete', { id, completedAt: '2026-04-15T16:00:00+02:00', outcome: 'success', performedBy: 'Vendor FE' });
    expect(snap.maintenance[id]).toMatchObject({ status: 'done', outcome: 'success', performedBy: 'Vendor FE' });
    expect(refusal(() => run('maintenance.complete', { id, completedAt: '2026-04-15T16:00:00+02:00', outcome: 'success' })).code).toBe('conflict');
    // Deleting the schedule keeps the log, as one-off work on its date.
    run('maintenanceSchedule.delete', { ids: [sch] });
    expect(snap.maintenance[id]).toMatchObject({ plannedDate: '2026-04-15', status: 'done' });
    expect(snap.maintenance[id]).not.toHaveProperty('scheduleId');
  });

  it('imports backup runs all or nothing, naming the bad run', () => {
    const { snap, run } = site();
    const { id: pol } = run('backupPolicy.create', { name: 'VMs', scope: 'All VMs', assets: [], schedule: { every: 1, unit: 'day' }, retentionDays: 30, target: 'NAS', active: true });
    const ok = { policyId: pol, kind: 'backup', startedAt: '2026-11-24T01:00:00Z', finishedAt: '2026-11-24T02:00:00Z', status: 'success' };
    const e = refusal(() => run('backupRun.import', { source: 'veeam.csv', runs: [ok, { ...ok, finishedAt: '2026-11-24T00:00:00Z' }] }));
    expect(e.message).toBe('runs.1: finishedAt is before startedAt');
    expect(snap.backupRuns).toEqual({});
    expect(run<{ imported: number }>('backupRun.import', { source: 'veeam.csv', runs: [ok, { ...ok, startedAt: '2026-11-25T01:00:00Z', finishedAt: undefined, status: 'failed' }] }).imported).toBe(2);
    expect(Object.values(snap.backupRuns).every((r) => r.source === 'veeam.csv')).toBe(true);
    run('backupPolicy.delete', { ids: [pol] });
    expect(snap.backupRuns).toEqual({});
  });

  it('keeps operations settings in the project', () => {
    const { snap, run } = site();
    run('ops.settings.update', { licenceLeadDays: 90 });
    expect(snap.project.ops).toEqual({ licenceLeadDays: 90 });
    expect(() => run('ops.settings.update', { licenceLeadDays: 90, nonsense: 1 })).toThrow();
  });
});
