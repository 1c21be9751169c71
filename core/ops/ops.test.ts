import { describe, expect, it } from 'vitest';
import { dewPointC } from '../capacity/environment';
import type { BackupPolicy, BackupRun, DocumentSnapshot, Licence, LicenceAssignment, MaintenanceEntry, MaintenanceSchedule } from '../model/schema';
import { emptySnapshot } from '../model/schema';
import { needsAttention } from './attention';
import { backupStatus } from './backups';
import { addInterval, daysBetween } from './dates';
import { licenceStatus } from './licences';
import { dueOccurrences, nextOccurrence, occurrencesUntil } from './recurrence';
import { bucketize, excursions, type Series } from './series';

const ups = { assetKind: 'powerElement', assetId: 'pwr:ups-1' } as const;
const quarterly: MaintenanceSchedule = {
  id: 'sch:ups', title: 'UPS preventive maintenance', category: 'preventive', assets: [ups], interval: { every: 3, unit: 'month' }, startDate: '2026-01-31', active: true,
};
const entry = (occurrence: string, status: MaintenanceEntry['status']): MaintenanceEntry => ({
  id: `mnt:${occurrence}`, title: 'UPS PM', category: 'preventive', status, asset: ups, scheduleId: 'sch:ups', occurrence,
});
const ms = (iso: string) => Date.parse(iso);

describe('recurrence', () => {
  it('keeps the start day of month, clamped to short months without drifting', () => {
    expect(occurrencesUntil(quarterly, '2027-01-31')).toEqual(['2026-01-31', '2026-04-30', '2026-07-31', '2026-10-31', '2027-01-31']);
    expect(addInterval('2024-01-31', { every: 1, unit: 'month' })).toBe('2024-02-29');
    expect(addInterval('2023-01-31', { every: 1, unit: 'month' })).toBe('2023-02-28');
    expect(addInterval('2024-02-29', { every: 1, unit: 'year' })).toBe('2025-02-28');
    expect(addInterval('2026-11-25', { every: 2, unit: 'week' })).toBe('2026-12-09');
    expect(daysBetween('2026-11-25', '2027-01-01')).toBe(37);
  });

  it('lists every missed occurrence as overdue and the next one inside the lead time as due', () => {
    const due = dueOccurrences(quarterly, [entry('2026-01-31', 'done')], '2026-10-20', 14);
    expect(due.map((d) => [d.dueDate, d.state, d.inDays])).toEqual([['2026-04-30', 'overdue', -173], ['2026-07-31', 'overdue', -81], ['2026-10-31', 'due-soon', 11]]);
  });

  it('counts done and cancelled occurrences as settled, planned ones as still open', () => {
    const entries = [entry('2026-01-31', 'done'), entry('2026-04-30', 'cancelled'), { ...entry('2026-07-31', 'approved'), id: 'mnt:planned' }];
    const due = dueOccurrences(quarterly, entries, '2026-08-05', 14);
    expect(due).toEqual([{ scheduleId: 'sch:ups', asset: ups, dueDate: '2026-07-31', inDays: -5, state: 'overdue', plannedEntryId: 'mnt:planned' }]);
    // An entry for another asset or another date settles nothing.
    expect(dueOccurrences(quarterly, [{ ...entry('2026-07-31', 'done'), asset: { assetKind: 'rack', assetId: 'rack:1' } }], '2026-08-05', 0)).toHaveLength(3);
    expect(dueOccurrences({ ...quarterly, active: false }, [], '2026-08-05', 14)).toEqual([]);
  });

  it('gives the next occurrence on or after today', () => {
    expect(nextOccurrence(quarterly, '2026-05-01')).toBe('2026-07-31');
    expect(nextOccurrence(quarterly, '2026-07-31')).toBe('2026-07-31');
  });
});

describe('backups', () => {
  const daily: BackupPolicy = { id: 'bp:db', name: 'SQL databases', scope: 'All SQL', assets: [], schedule: { every: 1, unit: 'day' }, retentionDays: 30, target: 'NAS-2', restoreTest: { every: 3, unit: 'month' }, active: true };
  const run = (id: string, kind: BackupRun['kind'], startedAt: string, status: BackupRun['status']): BackupRun => ({ id, policyId: 'bp:db', kind, startedAt, finishedAt: startedAt, status });

  it('is on time within the interval, overdue after it (plus grace), and failures do not reset the clock', () => {
    const runs = [run('r1', 'backup', '2026-11-24T01:00:00Z', 'success'), run('r2', 'backup', '2026-11-25T01:00:00Z', 'failed')];
    const at = (iso: string, grace = 0) => backupStatus(daily, runs, ms(iso), grace).backup;
    expect(at('2026-11-25T00:59:00Z')).toMatchObject({ overdue: false, failuresSince: 0 });
    expect(at('2026-11-25T09:00:00Z')).toMatchObject({ overdue: true, failuresSince: 1, lateMs: 8 * 3_600_000 });
    expect(at('2026-11-25T09:00:00Z', 12)).toMatchObject({ overdue: false });
    expect(backupStatus(daily, [], ms('2026-11-25T09:00:00Z')).backup.overdue).toBe(true);
  });

  it('requires a restore test every interval after the first good backup', () => {
    const runs = [run('b', 'backup', '2026-08-01T01:00:00Z', 'success'), run('b2', 'backup', '2026-11-25T01:00:00Z', 'success')];
    expect(backupStatus(daily, runs, ms('2026-10-01T00:00:00Z')).restoreTest!.overdue).toBe(false);
    expect(backupStatus(daily, runs, ms('2026-11-25T02:00:00Z')).restoreTest!.overdue).toBe(true);
    const tested = [...runs, run('t', 'restore-test', '2026-11-20T10:00:00Z', 'success')];
    expect(backupStatus(daily, tested, ms('2026-11-25T02:00:00Z')).restoreTest!.overdue).toBe(false);
    expect(backupStatus({ ...daily, restoreTest: undefined }, runs, ms('2026-11-25T02:00:00Z')).restoreTest).toBeUndefined();
  });
});

describe('licences', () => {
  const lic: Licence = { id: 'lic:vs', product: 'vSphere Enterprise Plus', vendor: 'Broadcom', metric: 'core', quantity: 96, expiresOn: '2027-01-15' };
  const a = (id: string, units: number): LicenceAssignment => ({ id, licenceId: 'lic:vs', deviceId: `dev:${id}`, units });

  it('flags over-allocation against the units owned', () => {
    expect(licenceStatus(lic, [a('1', 32), a('2', 32), a('3', 32)], '2026-11-25', 60)).toMatchObject({ used: 96, free: 0, overAllocated: false, devices: 3 });
    expect(licenceStatus(lic, [a('1', 32), a('2', 32), a('3', 32), a('4', 16)], '2026-11-25', 60)).toMatchObject({ used: 112, free: -16, overAllocated: true });
  });

  it('warns inside the lead time, and expires after the last valid day', () => {
    expect(licenceStatus(lic, [], '2026-11-15', 60)).toMatchObject({ expiresInDays: 61, expiringSoon: false, expired: false });
    expect(licenceStatus(lic, [], '2026-11-16', 60)).toMatchObject({ expiresInDays: 60, expiringSoon: true });
    expect(licenceStatus(lic, [], '2027-01-15', 60)).toMatchObject({ expiresInDays: 0, expired: false, expiringSoon: true });
    expect(licenceStatus(lic, [], '2027-01-16', 60)).toMatchObject({ expired: true, expiringSoon: false });
    expect(licenceStatus({ ...lic, expiresOn: undefined }, [], '2040-01-01', 60)).toMatchObject({ expired: false, expiringSoon: false });
  });
});

describe('environment series', () => {
  it('computes the dew point (Magnus, 17.62 / 243.12 °C)', () => {
    expect(dewPointC(24, 50)).toBeCloseTo(12.93, 2);
    expect(dewPointC(27, 60)).toBeCloseTo(18.57, 2);
  });

  const series = (rows: Array<[number, number, number?]>): Series => ({
    t: Float64Array.from(rows.map((r) => r[0])), temperatureC: Float64Array.from(rows.map((r) => r[1])), humidityPct: Float64Array.from(rows.map((r) => r[2] ?? NaN)),
  });

  it('finds excursions out of the recommended envelope, worst level, split by recovery and by data gaps', () => {
    const s = series([[0, 22, 45], [300, 28, 40], [600, 33, 40], [900, 24, 45], [1200, 28.5, 45], [5000, 29, 45], [5300, 22, 45], [5600, 21, 75]]);
    const x = excursions(s, 'A1');
    expect(x.map((e) => [e.startT, e.endT, e.samples, e.level])).toEqual([[300, 600, 2, 'outside'], [1200, 1200, 1, 'allowable'], [5000, 5000, 1, 'allowable'], [5600, 5600, 1, 'allowable']]);
    // 33 °C at 40 % RH is also a 17.6 °C dew point, above the recommended 15 °C.
    expect(x[0]!.crossed).toEqual(['temperature-high', 'dewPoint-high']);
    expect(x[0]!.maxTemperatureC).toBe(33);
    // 21 °C at 75 % RH: inside the temperature range, but above 70 % RH and a 16.4 °C dew point.
    expect(x[3]!.crossed).toEqual(['dewPoint-high', 'humidity-high']);
    // The same 33 °C is allowable for class A2.
    expect(excursions(s, 'A2')[0]!.level).toBe('allowable');
    // A minimum duration drops short allowable blips, never an allowable-envelope breach.
    expect(excursions(s, 'A1', { minDurationS: 60 }).map((e) => e.startT)).toEqual([300]);
  });

  it('downsamples to min / max / mean buckets that keep every spike', () => {
    const rows: Array<[number, number, number]> = [];
    for (let i = 0; i < 105_120; i++) rows.push([i * 300, 22 + Math.sin(i / 50), 45]);
    rows[50_000]![1] = 41;
    const b = bucketize(series(rows), 0, 105_120 * 300, 1000);
    expect(b.t.length).toBe(1000);
    expect(Math.max(...b.tempMax)).toBe(41);
    expect([...b.count].reduce((x, y) => x + y, 0)).toBe(105_120);
    expect(b.tempMean[0]).toBeGreaterThan(21);
    expect(b.dewPointMax[0]).toBeGreaterThan(9);
  });
});

describe('needs attention', () => {
  function site(): DocumentSnapshot {
    const s = emptySnapshot('Ops');
    s.powerElements['pwr:ups-1'] = { id: 'pwr:ups-1', name: 'UPS-1', kind: 'ups', upstreamIds: [], voltageV: 400, phases: 3, breakerA: 800, ratingKw: 450, ratingKva: 500 };
    s.maintenanceSchedules[quarterly.id] = quarterly;
    s.maintenance['mnt:1'] = entry('2026-01-31', 'done');
    s.licences['lic:1'] = { id: 'lic:1', product: 'Windows Server Datacenter', vendor: 'Microsoft', metric: 'core', quantity: 16, expiresOn: '2026-12-10' };
    s.licenceAssignments['la:1'] = { id: 'la:1', licenceId: 'lic:1', deviceId: 'dev:1', units: 24 };
    s.backupPolicies['bp:1'] = { id: 'bp:1', name: 'VM images', scope: 'All VMs', assets: [], schedule: { every: 1, unit: 'day' }, retentionDays: 14, target: 'Tape', active: true };
    s.backupRuns['br:1'] = { id: 'br:1', policyId: 'bp:1', kind: 'backup', startedAt: '2026-11-20T01:00:00Z', status: 'success' };
    return s;
  }

  it('lists overdue items first, with messages that name the thing and the date', () => {
    const items = needsAttention(site(), { nowMs: ms('2026-11-25T09:00:00Z') });
    expect(items.map((i) => [i.code, i.severity])).toEqual([
      ['maintenance-overdue', 'overdue'], ['backup-overdue', 'overdue'], ['licence-over-allocated', 'overdue'], ['licence-expiring', 'due'],
    ]);
    expect(items[0]!.message).toBe('UPS preventive maintenance on UPS-1 is overdue since 2026-04-30 (3 occurrences missed)');
    expect(items[2]!.message).toBe('Microsoft Windows Server Datacenter: 24 cores assigned, 16 owned (8 over)');
    expect(items[3]!.message).toBe('Microsoft Windows Server Datacenter expires on 2026-12-10 (in 15 days)');
  });

  it('takes the project settings: lead days and backup grace', () => {
    const s = site();
    s.project.ops = { licenceLeadDays: 10, backupGraceHours: 24 * 7 };
    const codes = needsAttention(s, { nowMs: ms('2026-11-25T09:00:00Z') }).map((i) => i.code);
    expect(codes).not.toContain('licence-expiring');
    expect(codes).not.toContain('backup-overdue');
  });
});
