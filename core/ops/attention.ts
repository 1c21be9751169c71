/**
 * The "needs attention" list across every register (issue 7 §6) and `plenum ops due`: overdue
 * and upcoming maintenance, overdue backups and restore tests, licences over-allocated, expired
 * or expiring, and environment excursions. Pure: the clock and the excursions (which come from
 * the readings table, outside the snapshot) are inputs.
 *
 * Severity: `overdue` (late, expired, over-allocated, outside the allowable envelope),
 * `due` (coming up within its lead time, or outside the recommended envelope only).
 */
import type { AssetRef, DocumentSnapshot, OpsSettings } from '../model/schema';
import { backupStatus } from './backups';
import { dayNumber, localDay } from './dates';
import { licenceStatuses } from './licences';
import { dueOccurrences } from './recurrence';
import type { Excursion } from './series';

export const OPS_DEFAULTS = { licenceLeadDays: 60, maintenanceLeadDays: 14, backupGraceHours: 0, excursionMinMinutes: 0 } as const;

export function opsSettings(project: { ops?: OpsSettings | undefined }): Required<Pick<OpsSettings, keyof typeof OPS_DEFAULTS>> {
  const s = project.ops ?? {};
  return {
    licenceLeadDays: s.licenceLeadDays ?? OPS_DEFAULTS.licenceLeadDays,
    maintenanceLeadDays: s.maintenanceLeadDays ?? OPS_DEFAULTS.maintenanceLeadDays,
    backupGraceHours: s.backupGraceHours ?? OPS_DEFAULTS.backupGraceHours,
    excursionMinMinutes: s.excursionMinMinutes ?? OPS_DEFAULTS.excursionMinMinutes,
  };
}

export type AttentionRegister = 'maintenance' | 'backup' | 'restore-test' | 'licence' | 'environment';
export type AttentionCode =
  | 'maintenance-overdue' | 'maintenance-due' | 'planned-work-late'
  | 'backup-overdue' | 'backup-failing' | 'restore-test-overdue'
  | 'licence-over-allocated' | 'licence-expired' | 'licence-expiring'
  | 'excursion-outside' | 'excursion-allowable';

export interface AttentionItem {
  /** Stable across recomputations (register + entity + date). */
  id: string;
  register: AttentionRegister;
  code: AttentionCode;
  severity: 'overdue' | 'due';
  /** English sentence (the CLI's); the UI builds its own from `code` and `params`. */
  message: string;
  params: Record<string, string | number>;
  /** The day it was or is due (YYYY-MM-DD), for sorting and the "due" column. */
  dueDate?: string;
  /** The register entity (kind:id) and the asset, for navigation. */
  entity: { kind: string; id: string };
  asset?: AssetRef;
}

export interface AttentionInput {
  /** Now, in ms, and the local UTC offset in minutes (the day "today" is). */
  nowMs: number;
  offsetMinutes?: number;
  /** Excursions per sensor id (from the readings store), already filtered to the period of interest. */
  excursions?: ReadonlyMap<string, readonly Excursion[]>;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function assetName(s: DocumentSnapshot, a: AssetRef): string {
  const table = { room: s.rooms, row: s.rows, rack: s.racks, device: s.devices, floorEquipment: s.floorEquipment, powerElement: s.powerElements } as Record<string, Record<string, { name: string }> | undefined>;
  return a.assetKind === 'system' ? a.assetId : table[a.assetKind]?.[a.assetId]?.name ?? a.assetId;
}

export function needsAttention(s: DocumentSnapshot, input: AttentionInput): AttentionItem[] {
  const settings = opsSettings(s.project);
  const today = localDay(input.nowMs, input.offsetMinutes ?? 0);
  const items: AttentionItem[] = [];
  const entries = Object.values(s.maintenance);

  for (const schedule of Object.values(s.maintenanceSchedules)) {
    const due = dueOccurrences(schedule, entries, today, schedule.leadDays ?? settings.maintenanceLeadDays);
    // One line per asset: the earliest open occurrence, and how many are overdue.
    const byAsset = new Map<string, typeof due>();
    for (const d of due) {
      const key = `${d.asset.assetKind}:${d.asset.assetId}`;
      (byAsset.get(key) ?? byAsset.set(key, []).get(key)!).push(d);
    }
    for (const list of byAsset.values()) {
      const first = list[0]!;
      const overdue = list.filter((d) => d.state === 'overdue').length;
      const name = assetName(s, first.asset);
      items.push({
        id: `maintenance:${schedule.id}:${first.asset.assetKind}:${first.asset.assetId}`, register: 'maintenance',
        code: overdue ? 'maintenance-overdue' : 'maintenance-due', severity: overdue ? 'overdue' : 'due',
        message: overdue
          ? `${schedule.title} on ${name} is overdue since ${first.dueDate}${overdue > 1 ? ` (${overdue} occurrences missed)` : ''}`
          : `${schedule.title} on ${name} is due on ${first.dueDate} (in ${plural(first.inDays, 'day')})`,
        params: { title: schedule.title, asset: name, dueDate: first.dueDate, missed: overdue, inDays: first.inDays },
        dueDate: first.dueDate, entity: { kind: 'maintenanceSchedules', id: schedule.id }, asset: first.asset,
      });
    }
  }
  // Planned one-off work whose day has passed unfinished (schedule occurrences are covered above).
  for (const e of entries) {
    if (e.scheduleId || !e.plannedDate || e.status === 'done' || e.status === 'cancelled') continue;
    if (dayNumber(e.plannedDate) >= dayNumber(today)) continue;
    const name = assetName(s, e.asset);
    items.push({
      id: `maintenance-entry:${e.id}`, register: 'maintenance', code: 'planned-work-late', severity: 'overdue',
      message: `${e.title} on ${name} was planned for ${e.plannedDate} and is still ${e.status}`,
      params: { title: e.title, asset: name, dueDate: e.plannedDate, status: e.status },
      dueDate: e.plannedDate, entity: { kind: 'maintenance', id: e.id }, asset: e.asset,
    });
  }

  const runs = Object.values(s.backupRuns);
  for (const policy of Object.values(s.backupPolicies)) {
    if (!policy.active) continue;
    const st = backupStatus(policy, runs, input.nowMs, settings.backupGraceHours);
    const dueDay = st.backup.dueAtMs !== undefined ? localDay(st.backup.dueAtMs, input.offsetMinutes ?? 0) : undefined;
    if (st.backup.overdue) {
      items.push({
        id: `backup:${policy.id}`, register: 'backup', code: 'backup-overdue', severity: 'overdue',
        message: st.backup.lastOk
          ? `Backup "${policy.name}" is overdue: the last successful run was ${st.backup.lastOk.finishedAt ?? st.backup.lastOk.startedAt}${st.backup.failuresSince ? `, ${plural(st.backup.failuresSince, 'failed run')} since` : ''}`
          : `Backup "${policy.name}" has never succeeded${st.backup.failuresSince ? ` (${plural(st.backup.failuresSince, 'failed run')})` : ''}`,
        params: { policy: policy.name, last: st.backup.lastOk?.finishedAt ?? st.backup.lastOk?.startedAt ?? '', failures: st.backup.failuresSince },
        ...(dueDay ? { dueDate: dueDay } : {}), entity: { kind: 'backupPolicies', id: policy.id },
      });
    } else if (st.backup.failuresSince > 0) {
      items.push({
        id: `backup-failing:${policy.id}`, register: 'backup', code: 'backup-failing', severity: 'due',
        message: `Backup "${policy.name}": ${plural(st.backup.failuresSince, 'failed run')} since the last success; due again ${dueDay ?? ''}`.trim(),
        params: { policy: policy.name, failures: st.backup.failuresSince, dueDate: dueDay ?? '' },
        ...(dueDay ? { dueDate: dueDay } : {}), entity: { kind: 'backupPolicies', id: policy.id },
      });
    }
    if (st.restoreTest?.overdue) {
      const last = st.restoreTest.lastOk;
      const day = st.restoreTest.dueAtMs !== undefined ? localDay(st.restoreTest.dueAtMs, input.offsetMinutes ?? 0) : undefined;
      items.push({
        id: `restore-test:${policy.id}`, register: 'restore-test', code: 'restore-test-overdue', severity: 'overdue',
        message: last ? `Restore test of "${policy.name}" is overdue: the last one was ${last.finishedAt ?? last.startedAt}` : `"${policy.name}" has never had a successful restore test`,
        params: { policy: policy.name, last: last?.finishedAt ?? last?.startedAt ?? '' },
        ...(day ? { dueDate: day } : {}), entity: { kind: 'backupPolicies', id: policy.id },
      });
    }
  }

  const statuses = licenceStatuses(Object.values(s.licences), Object.values(s.licenceAssignments), today, settings.licenceLeadDays);
  for (const licence of Object.values(s.licences)) {
    const st = statuses.get(licence.id)!;
    const name = `${licence.vendor} ${licence.product}`;
    if (st.overAllocated) {
      items.push({
        id: `licence-over:${licence.id}`, register: 'licence', code: 'licence-over-allocated', severity: 'overdue',
        message: `${name}: ${st.used} ${licence.metric}s assigned, ${licence.quantity} owned (${st.used - licence.quantity} over)`,
        params: { licence: name, used: st.used, quantity: licence.quantity, metric: licence.metric, over: st.used - licence.quantity },
        entity: { kind: 'licences', id: licence.id },
      });
    }
    if (st.expired || st.expiringSoon) {
      items.push({
        id: `licence-expiry:${licence.id}`, register: 'licence', code: st.expired ? 'licence-expired' : 'licence-expiring', severity: st.expired ? 'overdue' : 'due',
        message: st.expired ? `${name} expired on ${licence.expiresOn}${st.devices ? ` and is still assigned to ${plural(st.devices, 'device')}` : ''}` : `${name} expires on ${licence.expiresOn} (in ${plural(st.expiresInDays!, 'day')})`,
        params: { licence: name, expiresOn: licence.expiresOn!, inDays: st.expiresInDays!, devices: st.devices },
        dueDate: licence.expiresOn!, entity: { kind: 'licences', id: licence.id },
      });
    }
  }

  for (const [sensorId, list] of input.excursions ?? []) {
    const sensor = s.sensors[sensorId];
    if (!sensor) continue;
    for (const x of list) {
      const minutes = Math.round((x.endT - x.startT) / 60);
      const start = new Date(x.startT * 1000).toISOString();
      items.push({
        id: `excursion:${sensorId}:${x.startT}`, register: 'environment', code: x.level === 'outside' ? 'excursion-outside' : 'excursion-allowable', severity: x.level === 'outside' ? 'overdue' : 'due',
        message: `${sensor.name}: ${x.level === 'outside' ? 'outside the allowable' : 'outside the recommended'} envelope from ${start} for ${minutes} min (${x.crossed.join(', ')}; max ${x.maxTemperatureC.toFixed(1)} °C)`,
        params: { sensor: sensor.name, start, minutes, crossed: x.crossed.join(', '), maxTemperatureC: Number(x.maxTemperatureC.toFixed(1)) },
        dueDate: start.slice(0, 10), entity: { kind: 'sensors', id: sensorId },
        asset: sensor.rackId ? { assetKind: 'rack', assetId: sensor.rackId } : { assetKind: 'room', assetId: sensor.roomId },
      });
    }
  }

  const rank = { overdue: 0, due: 1 } as const;
  return items.sort((a, b) => rank[a.severity] - rank[b.severity] || (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.id.localeCompare(b.id));
}
