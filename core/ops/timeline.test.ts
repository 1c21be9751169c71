import { describe, expect, it } from 'vitest';
import type { DocumentSnapshot, EntityKind } from '../model/schema';
import { emptySnapshot } from '../model/schema';
import { assetScope, buildTimeline } from './timeline';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const rack = { assetKind: 'rack', assetId: 'rk:a01' } as const;
const server = { assetKind: 'device', assetId: 'dv:srv1' } as const;
const ups = { assetKind: 'powerElement', assetId: 'pwr:ups' } as const;

/** One room with a rack A01 holding srv1, a UPS, and one record in every register. */
function site(): DocumentSnapshot {
  const s = emptySnapshot('T');
  const put = <K extends EntityKind>(kind: K, e: DocumentSnapshot[K][string]) => {
    (s[kind] as Record<string, unknown>)[e.id] = e;
  };
  put('rooms', { id: 'rm:hall', name: 'Hall', widthMm: 8000, depthMm: 6000 } as never);
  put('racks', { id: 'rk:a01', roomId: 'rm:hall', name: 'A01' } as never);
  put('racks', { id: 'rk:a02', roomId: 'rm:hall', name: 'A02' } as never);
  put('devices', { id: 'dv:srv1', rackId: 'rk:a01', typeId: 't', position: 10 } as never);
  put('devices', { id: 'dv:srv2', rackId: 'rk:a02', typeId: 't', position: 10 } as never);
  put('powerElements', { id: 'pwr:ups', roomId: 'rm:hall', name: 'UPS-1', kind: 'ups', upstreamIds: [] } as never);
  put('opsEvents', { id: 'ev:1', at: '2026-11-01T09:00:00+01:00', category: 'incident', severity: 'critical', title: 'PSU failed', asset: server });
  put('opsEvents', { id: 'ev:2', at: '2026-11-01T08:00:00Z', category: 'installation', severity: 'info', title: 'A02 installed', asset: { assetKind: 'rack', assetId: 'rk:a02' } });
  put('maintenance', { id: 'mn:done', title: 'BIOS', category: 'firmware', status: 'done', asset: server, completedAt: '2026-10-05T16:00:00+02:00', outcome: 'rolled-back', fromVersion: '1.2', toVersion: '1.3' });
  put('maintenance', { id: 'mn:plan', title: 'UPS PM', category: 'preventive', status: 'planned', asset: ups, plannedDate: '2026-12-15' });
  put('maintenance', { id: 'mn:cancel', title: 'Old', category: 'inspection', status: 'cancelled', asset: ups, plannedDate: '2026-09-01' });
  put('backupPolicies', { id: 'bp:1', name: 'Nightly', scope: 'VMs', assets: [server], schedule: { every: 1, unit: 'day' }, retentionDays: 30, target: 'NAS', active: true });
  put('backupRuns', { id: 'br:ok', policyId: 'bp:1', kind: 'backup', startedAt: '2026-11-20T01:00:00Z', finishedAt: '2026-11-20T02:00:00Z', status: 'success' });
  put('backupRuns', { id: 'br:fail', policyId: 'bp:1', kind: 'restore-test', startedAt: '2026-11-21T01:00:00Z', status: 'failed', note: 'tape unreadable' });
  put('cxTemplates', { id: 'l3-rack@2', templateId: 'l3-rack', version: 2, title: 'Rack installation', level: 'L3', yaml: 'x', publishedAt: '2026-01-01T00:00:00Z', publishedBy: 'Ana' });
  put('cxInstances', { id: 'ci:1', templateId: 'l3-rack', templateVersion: 2, level: 'L3', assetKind: 'rack', assetId: 'rk:a01', createdBy: 'Ana', createdAt: '2026-06-01T00:00:00Z' });
  put('cxSignOffs', { id: 'so:final', instanceId: 'ci:1', scope: 'final', name: 'Ben', role: 'CxA', covers: [], author: 'Ben', deviceId: 'd', at: '2026-06-10T10:00:00+02:00' });
  put('cxSignOffs', { id: 'so:section', instanceId: 'ci:1', scope: 'power', name: 'Ben', role: 'CxA', covers: [], author: 'Ben', deviceId: 'd', at: '2026-06-09T10:00:00+02:00' });
  put('cxIssues', { id: 'is:1', title: 'Missing blanking', severity: 'major', status: 'closed', assetKind: 'rack', assetId: 'rk:a01', owner: 'Ana', createdBy: 'Ana', createdAt: '2026-06-05T10:00:00Z', author: 'Ana', deviceId: 'd', at: '2026-06-08T10:00:00Z' });
  put('sensors', { id: 'sn:1', name: 'T1', roomId: 'rm:hall', rackId: 'rk:a01', placement: 'rack-inlet-middle' });
  put('readingImports', { id: 'ri:1', fileName: 'env.csv', importedAt: '2026-11-22T10:00:00+01:00', rows: 2016, skipped: 0, sensorIds: ['sn:1'], fromAt: '2026-11-15T00:00:00.000Z', toAt: '2026-11-21T23:55:00.000Z' });
  put('licences', { id: 'li:old', product: 'Hypervisor', vendor: 'VM Co', metric: 'socket', quantity: 2, expiresOn: '2026-11-24' });
  put('licences', { id: 'li:today', product: 'Backup', vendor: 'B Co', metric: 'device', quantity: 5, expiresOn: '2026-11-25' });
  put('licenceAssignments', { id: 'la:1', licenceId: 'li:old', deviceId: 'dv:srv1', units: 2 });
  return s;
}

describe('buildTimeline', () => {
  it('joins every register, newest first, with categories and severities', () => {
    const t = buildTimeline(site(), { nowMs: NOW });
    expect(t.map((e) => [e.at, e.category, e.severity, e.title])).toEqual([
      ['2026-12-15T00:00:00Z', 'maintenance', 'info', 'UPS PM: planned'],
      ['2026-11-24T00:00:00Z', 'licence', 'warning', 'Licence expired: Hypervisor (VM Co)'],
      ['2026-11-22T10:00:00+01:00', 'environment', 'info', '2,016 readings imported from env.csv'],
      ['2026-11-21T01:00:00Z', 'backup', 'warning', 'Restore test "Nightly" failed'],
      ['2026-11-20T02:00:00Z', 'backup', 'info', 'Backup "Nightly" success'],
      ['2026-11-01T09:00:00+01:00', 'incident', 'critical', 'PSU failed'],
      ['2026-11-01T08:00:00Z', 'installation', 'info', 'A02 installed'],
      ['2026-10-05T16:00:00+02:00', 'maintenance', 'warning', 'BIOS (1.2 → 1.3): done, rolled-back'],
      ['2026-06-10T10:00:00+02:00', 'commissioning', 'info', 'L3 Rack installation signed by Ben'],
      ['2026-06-08T10:00:00Z', 'commissioning', 'info', 'Issue closed: Missing blanking'],
      ['2026-06-05T10:00:00Z', 'commissioning', 'warning', 'Issue raised: Missing blanking'],
    ]);
    // A licence valid through today has not expired; a section sign-off and a cancelled entry are not milestones.
    expect(t.find((e) => e.source.id === 'li:today' || e.source.id === 'so:section' || e.source.id === 'mn:cancel')).toBeUndefined();
    expect(t.find((e) => e.source.id === 'br:fail')).toMatchObject({ detail: 'tape unreadable', asset: server, source: { kind: 'backupRuns', id: 'br:fail' } });
    expect(t.find((e) => e.source.id === 'ri:1')).toMatchObject({ asset: rack });
  });

  it('sorts by instant across offsets, not by the text', () => {
    // 09:00+01:00 is 08:00Z: equal instants keep source order (opsEvents ev:1 before ev:2).
    const s = site();
    s.opsEvents['ev:2']!.at = '2026-11-01T08:00:00Z';
    const t = buildTimeline(s, { nowMs: NOW }).filter((e) => e.source.kind === 'opsEvents');
    expect(t.map((e) => e.source.id)).toEqual(['ev:1', 'ev:2']);
    s.opsEvents['ev:2']!.at = '2026-11-01T08:30:00Z';
    expect(buildTimeline(s, { nowMs: NOW }).filter((e) => e.source.kind === 'opsEvents').map((e) => e.source.id)).toEqual(['ev:2', 'ev:1']);
  });

  it("filters by asset: a rack's timeline includes its servers, not its neighbour's", () => {
    const t = buildTimeline(site(), { nowMs: NOW, asset: rack });
    expect(t.map((e) => e.source.id)).toEqual(['li:old', 'ri:1', 'br:fail', 'br:ok', 'ev:1', 'mn:done', 'so:final', 'is:1', 'is:1']);
    const device = buildTimeline(site(), { nowMs: NOW, asset: server });
    expect(device.map((e) => e.source.id)).toEqual(['li:old', 'br:fail', 'br:ok', 'ev:1', 'mn:done']);
    const a02 = buildTimeline(site(), { nowMs: NOW, asset: { assetKind: 'rack', assetId: 'rk:a02' } });
    expect(a02.map((e) => e.source.id)).toEqual(['ev:2']);
    const room = buildTimeline(site(), { nowMs: NOW, asset: { assetKind: 'room', assetId: 'rm:hall' } });
    expect(room).toHaveLength(11);
    expect(assetScope(site(), { assetKind: 'room', assetId: 'rm:hall' })).toEqual(new Set(['room:rm:hall', 'rack:rk:a01', 'device:dv:srv1', 'rack:rk:a02', 'device:dv:srv2', 'powerElement:pwr:ups']));
  });

  it('pages with before and limit', () => {
    const first = buildTimeline(site(), { nowMs: NOW, limit: 3 });
    expect(first.map((e) => e.source.id)).toEqual(['mn:plan', 'li:old', 'ri:1']);
    // A planned date and an expiry are days, not moments; an import is a moment.
    expect(first.map((e) => e.allDay ?? false)).toEqual([true, true, false]);
    const next = buildTimeline(site(), { nowMs: NOW, limit: 2, before: first.at(-1)!.at });
    expect(next.map((e) => e.source.id)).toEqual(['br:fail', 'br:ok']);
  });

  it('marks an invalidated final sign-off, and an expired licence only once its last day is over', () => {
    const s = site();
    s.cxSignOffs['so:final'] = { ...s.cxSignOffs['so:final']!, invalidatedAt: '2026-07-01T08:00:00Z', invalidatedReason: 'answer changed' };
    const t = buildTimeline(s, { nowMs: NOW });
    expect(t.find((e) => e.title.includes('invalidated'))).toMatchObject({ at: '2026-07-01T08:00:00Z', severity: 'warning', detail: 'answer changed', asset: rack });
    expect(buildTimeline(s, { nowMs: Date.parse('2026-11-24T23:00:00Z') }).some((e) => e.source.id === 'li:old')).toBe(false);
    expect(buildTimeline(s, { nowMs: Date.parse('2026-11-26T00:00:01Z') }).filter((e) => e.category === 'licence').map((e) => e.source.id)).toEqual(['li:today', 'li:old']);
  });
});
