/**
 * A project in operation for the operations report tests, built only with the real commands
 * through ProjectStore.execute in a real SQLite file, and readings imported through the real CSV
 * parser and store.importReadings. Judged on 2026-11-25 (OPS_FIXTURE_NOW): a quarterly UPS
 * maintenance missed in October, a monthly one due soon, an approved OS patch left late, a nightly
 * backup failing since 20 November with an overdue restore test, an over-allocated and expiring
 * licence, an expired subscription, three sensors over September–November with one excursion
 * outside the recommended envelope and one outside the allowable envelope, events and contacts.
 */
import { parseReadingsCsv } from '../../core/ops/readings-csv';
import { ProjectStore } from '../store/project-store';

/** The instant the fixture is judged at (ms): 2026-11-25 12:00 UTC. */
export const OPS_FIXTURE_NOW = Date.UTC(2026, 10, 25, 12, 0);
export const OPS_FIXTURE_DATE = '2026-11-25';

export interface OpsFixture {
  roomA: string;
  roomB: string;
  sensors: string[];
  /** Names the report must show. */
  overdueSchedule: string;
  dueSchedule: string;
  lateWork: string;
  overAllocatedLicence: string;
  failingBackup: string;
  excursionSensor: string;
  outsideSensor: string;
  incident: string;
  readings: number;
}

const id = (r: { result: unknown }) => (r.result as { id: string }).id;

/** Readings every 30 minutes from 1 September to 24 November, a daily swing, two excursions. */
function readingsCsv(): { text: string; rows: number } {
  const lines = ['timestamp,sensor,temperatureC,humidityPct'];
  const from = Date.UTC(2026, 8, 1) / 1000;
  const to = Date.UTC(2026, 10, 24, 23, 30) / 1000;
  const hotFrom = Date.UTC(2026, 10, 12, 14, 0) / 1000;
  const hotTo = Date.UTC(2026, 10, 12, 16, 30) / 1000;
  const outFrom = Date.UTC(2026, 10, 18, 3, 0) / 1000;
  const outTo = Date.UTC(2026, 10, 18, 4, 0) / 1000;
  for (let t = from; t <= to; t += 1800) {
    const day = Math.sin(((t % 86_400) / 86_400) * 2 * Math.PI);
    const iso = new Date(t * 1000).toISOString().replace('.000Z', 'Z');
    const inlet = t >= hotFrom && t <= hotTo ? 29.4 : 23 + 1.5 * day;
    lines.push(`${iso},HA-INLET-01,${inlet.toFixed(2)},${(45 + 4 * day).toFixed(1)}`);
    lines.push(`${iso},HA-ROOM,${(21.5 + day).toFixed(2)},${(48 - 3 * day).toFixed(1)}`);
    const supply = t >= outFrom && t <= outTo ? 33.6 : 19.5 + 0.8 * day;
    lines.push(`${iso},HB-SUPPLY,${supply.toFixed(2)},`);
  }
  return { text: `${lines.join('\n')}\n`, rows: lines.length - 1 };
}

export function buildOpsFixture(file: string): OpsFixture {
  const store = ProjectStore.create(file, { name: 'Lyon DC1 operations' });
  try {
    const roomA = id(store.execute('room.create', { name: 'Hall A', widthMm: 12_000, depthMm: 8_000, ashraeClass: 'A1' }));
    const roomB = id(store.execute('room.create', { name: 'Hall B', widthMm: 10_000, depthMm: 6_000, ashraeClass: 'A1' }));
    const rack = id(store.execute('rack.create', { roomId: roomA, name: 'A01', xMm: 2000, yMm: 2000 }));
    store.execute('deviceType.upsert', { deviceType: { id: 'dt:srv', manufacturer: 'Dell', model: 'R760', uHeight: 2, fullDepth: true, weightKg: 30, powerMaxW: 1400, powerTypicalW: 700, airflow: 'front-to-rear' } });
    const srv1 = id(store.execute('device.create', { rackId: rack, typeId: 'dt:srv', position: 10, face: 'front', name: 'esx-01' }));
    const srv2 = id(store.execute('device.create', { rackId: rack, typeId: 'dt:srv', position: 14, face: 'front', name: 'esx-02' }));
    const ups = id(store.execute('powerElement.create', { kind: 'ups', name: 'UPS-1' }));

    // Maintenance: a quarterly UPS schedule done three times, missed in October; a monthly one coming up.
    const upsPm = id(store.execute('maintenanceSchedule.create', { title: 'UPS quarterly PM', category: 'preventive', assets: [{ assetKind: 'powerElement', assetId: ups }], interval: { every: 3, unit: 'month' }, startDate: '2026-01-10', performedBy: 'Eaton field service', active: true }));
    for (const [occurrence, done] of [['2026-01-10', '2026-01-10T10:30:00+01:00'], ['2026-04-10', '2026-04-11T09:00:00+02:00'], ['2026-07-10', '2026-07-10T15:00:00+02:00']] as const) {
      store.execute('maintenance.create', { title: 'UPS quarterly PM', category: 'preventive', status: 'done', asset: { assetKind: 'powerElement', assetId: ups }, plannedDate: occurrence, completedAt: done, performedBy: 'Eaton field service', outcome: 'success', scheduleId: upsPm, occurrence });
    }
    store.execute('maintenanceSchedule.create', { title: 'CRAH filter change', category: 'preventive', assets: [{ assetKind: 'system', assetId: 'cooling' }], interval: { every: 1, unit: 'month' }, startDate: '2026-12-01', active: true });
    store.execute('maintenance.create', { title: 'BIOS 2.3.1 on esx-01', category: 'firmware', status: 'done', asset: { assetKind: 'device', assetId: srv1 }, plannedDate: '2026-10-02', completedAt: '2026-10-02T22:40:00+02:00', performedBy: 'Marc Petit', approvedBy: 'Jane Roe', approvalRef: 'CAB-1042', outcome: 'success', fromVersion: '2.1.0', toVersion: '2.3.1' });
    store.execute('maintenance.create', { title: 'RHEL 9.4 kernel patch', category: 'os-patch', status: 'approved', asset: { assetKind: 'device', assetId: srv2 }, plannedDate: '2026-11-10', approvedBy: 'Jane Roe', approvalRef: 'CAB-1077' });
    const swap = id(store.execute('maintenance.create', { title: 'Replace PSU 2 on esx-02', category: 'replacement', status: 'in-progress', asset: { assetKind: 'device', assetId: srv2 }, plannedDate: '2026-11-26' }));
    store.execute('maintenance.complete', { id: swap, completedAt: '2026-11-20T11:15:00+01:00', outcome: 'rolled-back', notes: 'Wrong PSU part delivered' });

    // Backups: nightly VMs failing since 20 November, restore test last in July; weekly SQL fine.
    const vm = id(store.execute('backupPolicy.create', { name: 'VM images nightly', scope: 'All production VMs', assets: [{ assetKind: 'device', assetId: srv1 }, { assetKind: 'device', assetId: srv2 }], schedule: { every: 1, unit: 'day' }, retentionDays: 30, target: 'Tape library TL-1', restoreTest: { every: 3, unit: 'month' }, active: true }));
    const sql = id(store.execute('backupPolicy.create', { name: 'SQL weekly full', scope: 'ERP database', assets: [{ assetKind: 'system', assetId: 'ERP' }], schedule: { every: 1, unit: 'week' }, retentionDays: 365, target: 'Offsite vault', active: true }));
    const runs: Array<Record<string, unknown>> = [];
    for (let d = 1; d <= 24; d++) {
      const day = `2026-11-${String(d).padStart(2, '0')}`;
      runs.push({ policyId: vm, kind: 'backup', startedAt: `${day}T01:00:00+01:00`, finishedAt: `${day}T02:10:00+01:00`, status: d < 20 ? 'success' : 'failed', sizeBytes: 2.4e12, ...(d >= 20 ? { note: 'Tape drive 2 offline' } : {}) });
    }
    runs.push({ policyId: vm, kind: 'restore-test', startedAt: '2026-07-01T09:00:00+02:00', finishedAt: '2026-07-01T11:00:00+02:00', status: 'success' });
    runs.push({ policyId: sql, kind: 'backup', startedAt: '2026-11-22T03:00:00+01:00', finishedAt: '2026-11-22T03:40:00+01:00', status: 'success', sizeBytes: 8.1e10 });
    store.execute('backupRun.import', { runs, source: 'veeam-export.csv' });

    // Licences: over-allocated and expiring soon, fine, and expired.
    const acme = id(store.execute('licence.create', { product: 'Backup Suite', vendor: 'Acme', metric: 'socket', quantity: 2, expiresOn: '2026-12-20', cost: 4800, currency: 'EUR', contractRef: 'ACME-2291' }));
    const vsphere = id(store.execute('licence.create', { product: 'vSphere Enterprise Plus', vendor: 'Broadcom', metric: 'core', quantity: 64, expiresOn: '2027-06-30', cost: 12_000, currency: 'EUR' }));
    store.execute('licence.create', { product: 'RHEL Server', vendor: 'Red Hat', metric: 'subscription', quantity: 10, expiresOn: '2026-11-01', cost: 3490, currency: 'USD' });
    store.execute('licence.create', { product: 'vCenter Standard', vendor: 'Broadcom', metric: 'device', quantity: 1, cost: 6000, currency: 'USD' });
    store.execute('licenceAssignment.create', { licenceId: acme, deviceId: srv1, units: 2 });
    store.execute('licenceAssignment.create', { licenceId: acme, deviceId: srv2, units: 3 });
    store.execute('licenceAssignment.create', { licenceId: vsphere, deviceId: srv1, units: 32 });

    // Environment: three sensors in two rooms, readings through the real CSV import.
    store.execute('sensor.create', { name: 'HA-INLET-01', roomId: roomA, rackId: rack, placement: 'rack-inlet-middle' });
    store.execute('sensor.create', { name: 'HA-ROOM', roomId: roomA, placement: 'room' });
    store.execute('sensor.create', { name: 'HB-SUPPLY', roomId: roomB, placement: 'supply' });
    const csv = readingsCsv();
    store.importReadings(parseReadingsCsv(csv.text), { fileName: 'bms-export.csv', at: '2026-11-25T08:00:00+01:00', importedBy: 'Marc Petit' });

    // Event log and contacts.
    const incident = 'UPS-1 on bypass during battery string check';
    store.execute('opsEvent.create', { at: '2026-10-15T14:20:00+02:00', category: 'incident', severity: 'warning', title: incident, detail: 'Load on raw mains for 12 minutes', asset: { assetKind: 'powerElement', assetId: ups }, author: 'Marc Petit' });
    store.execute('opsEvent.create', { at: '2026-09-05T10:00:00+02:00', category: 'installation', severity: 'info', title: 'esx-02 installed in A01', asset: { assetKind: 'device', assetId: srv2 } });
    // A deficiency found in operation, in the commissioning issues log (the timeline shows it).
    store.execute('cx.issue.create', { title: 'Hall B supply air above 32 °C overnight', severity: 'major', location: 'Hall B', roomId: roomB, actor: { name: 'Marc Petit', deviceId: 'laptop-2', at: '2026-11-18T09:10:00+01:00' } });
    store.execute('contact.create', { name: 'Eaton support', organisation: 'Eaton', role: 'vendor-support', escalationLevel: 1, phone: '+33 1 23 45 67 89', hours: '24/7', contractRef: 'EAT-SLA-4H', assets: [{ assetKind: 'powerElement', assetId: ups }] });
    store.execute('contact.create', { name: 'NOC on call', role: 'on-call', escalationLevel: 1, phone: '+33 4 00 00 00 01', email: 'noc@example.com', hours: '24/7', assets: [] });
    store.execute('contact.create', { name: 'Sophie Martin', organisation: 'Facility', role: 'facility', escalationLevel: 2, email: 'sophie.martin@example.com', hours: 'Mon–Fri 08–18', assets: [{ assetKind: 'system', assetId: 'cooling' }] });
    return {
      roomA, roomB, sensors: ['HA-INLET-01', 'HA-ROOM', 'HB-SUPPLY'], overdueSchedule: 'UPS quarterly PM', dueSchedule: 'CRAH filter change',
      lateWork: 'RHEL 9.4 kernel patch', overAllocatedLicence: 'Acme Backup Suite', failingBackup: 'VM images nightly',
      excursionSensor: 'HA-INLET-01', outsideSensor: 'HB-SUPPLY', incident, readings: csv.rows,
    };
  } finally {
    store.close();
  }
}
