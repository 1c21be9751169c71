/**
 * The register tabs that read the mirror: maintenance (due occurrences, log, schedules), backups
 * (policies and runs), licences (with their assignments), and the event log with contacts.
 * Each table is sortable and filterable (DataTable); every edit is a `cmd.*` call.
 */
import type { ReactNode } from 'react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupPolicy, BackupRun, Contact, Licence, LicenceAssignment, MaintenanceEntry, MaintenanceSchedule } from '../../../core/model/schema';
import { OPS_EVENT_CATEGORIES } from '../../../core/model/schema';
import { opsSettings } from '../../../core/ops/attention';
import { parseBackupRunsCsv } from '../../../core/ops/backup-csv';
import type { BackupClock } from '../../../core/ops/backups';
import { backupStatus } from '../../../core/ops/backups';
import { licenceStatuses } from '../../../core/ops/licences';
import type { DueOccurrence } from '../../../core/ops/recurrence';
import { dueOccurrences, nextOccurrence } from '../../../core/ops/recurrence';
import { call } from '../api/client';
import { toSerializedError } from '../api/errors';
import { Icon } from '../components/Icon';
import { useOpsUnits as useUnits } from './useOpsUnits';
import { useStore } from '../state/store';
import type { Column } from './DataTable';
import { DataTable } from './DataTable';
import { formatBytes, formatDay, formatInstant, timelineText } from './format';
import { assetChoices, refKey, refName, todayLocal } from './logic';
import type { TimelineItem } from './opsApi';
import { opsApi } from './opsApi';
import { useOps } from './opsState';

const invoke = call as unknown as (method: string, args: unknown) => Promise<unknown>;

function useWritable() {
  return useStore((s) => !!s.project && !s.project.readOnly);
}

/** Runs a command; a refusal becomes a toast (table buttons have no form to show it in). */
async function run(method: string, args: unknown): Promise<void> {
  try {
    await invoke(method, args);
  } catch (err) {
    useStore.getState().pushToast({ tone: 'error', message: toSerializedError(err).message });
  }
}

function useFocus(kinds: readonly string[]) {
  const focus = useOps((s) => s.focus);
  // Memoised: a new object each render would re-run the table's scroll-into-view effect.
  return useMemo(() => (focus && kinds.includes(focus.kind) ? { id: focus.id, seq: focus.seq } : null), [focus]);
}

function Section({ title, count, actions, children, testId }: { title: string; count?: ReactNode; actions?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section className="ops-section" data-testid={testId}>
      <header className="ops-section-head">
        <h3>{title}</h3>
        {count}
        <span className="ops-section-actions">{actions}</span>
      </header>
      {children}
    </section>
  );
}

function Empty({ text, action }: { text: string; action?: ReactNode }) {
  return (
    <div className="ops-empty-inner">
      <p>{text}</p>
      {action}
    </div>
  );
}

function Badge({ tone, icon, children }: { tone: 'danger' | 'warning' | 'success' | 'muted'; icon?: 'alertCircle' | 'clock' | 'check' | 'alert'; children: ReactNode }) {
  return <span className={`ops-badge ops-badge-${tone}`}>{icon && <Icon name={icon} size={11} />}{children}</span>;
}

// ---------------------------------------------------------------- maintenance

export function MaintenancePanel() {
  const { t } = useTranslation();
  const units = useUnits();
  const snap = useStore((s) => s.snapshot)!;
  const writable = useWritable();
  const setModal = useOps((s) => s.setModal);
  const focus = useFocus(['maintenance', 'maintenanceSchedules']);
  const today = todayLocal();
  const lead = opsSettings(snap.project).maintenanceLeadDays;

  const entries = useMemo(() => Object.values(snap.maintenance), [snap.maintenance]);
  const schedules = useMemo(() => Object.values(snap.maintenanceSchedules), [snap.maintenanceSchedules]);
  const due = useMemo(() => schedules.flatMap((s) => dueOccurrences(s, entries, today, s.leadDays ?? lead)), [schedules, entries, today, lead]);

  const dueCols: Column<DueOccurrence>[] = [
    { key: 'state', label: t('ops.col.state'), value: (d) => (d.state === 'overdue' ? 0 : 1), render: (d) => d.state === 'overdue'
      ? <Badge tone="danger" icon="alertCircle">{t('ops.badge.overdue')}</Badge> : <Badge tone="warning" icon="clock">{t('ops.badge.dueSoon')}</Badge>, width: '110px' },
    { key: 'title', label: t('ops.col.schedule'), value: (d) => snap.maintenanceSchedules[d.scheduleId]?.title ?? d.scheduleId },
    { key: 'asset', label: t('ops.col.asset'), value: (d) => refName(snap, d.asset) },
    { key: 'due', label: t('ops.col.dueDate'), value: (d) => d.dueDate, render: (d) => formatDay(d.dueDate, units.locale) },
    { key: 'inDays', label: t('ops.col.inDays'), num: true, value: (d) => d.inDays, render: (d) => (d.inDays < 0 ? t('ops.daysLate', { count: -d.inDays }) : d.inDays === 0 ? t('ops.today') : t('ops.inDays', { count: d.inDays })) },
    { key: 'planned', label: t('ops.col.planned'), value: (d) => (d.plannedEntryId ? snap.maintenance[d.plannedEntryId]?.status ?? '' : ''), render: (d) => (d.plannedEntryId ? t(`ops.status.${snap.maintenance[d.plannedEntryId]?.status ?? 'planned'}`) : '—') },
  ];
  const logCols: Column<MaintenanceEntry>[] = [
    { key: 'status', label: t('ops.col.status'), value: (e) => e.status, render: (e) => <StatusBadge entry={e} today={today} />, width: '120px' },
    { key: 'title', label: t('ops.col.title'), value: (e) => e.title },
    { key: 'category', label: t('ops.col.category'), value: (e) => t(`ops.category.${e.category}`) },
    { key: 'asset', label: t('ops.col.asset'), value: (e) => refName(snap, e.asset) },
    { key: 'planned', label: t('ops.col.plannedDate'), value: (e) => e.plannedDate ?? e.occurrence, render: (e) => formatDay(e.plannedDate ?? e.occurrence, units.locale) },
    { key: 'completed', label: t('ops.col.completedAt'), value: (e) => e.completedAt, render: (e) => formatInstant(e.completedAt, units.locale) },
    { key: 'who', label: t('ops.col.performedBy'), value: (e) => e.performedBy },
    { key: 'outcome', label: t('ops.col.outcome'), value: (e) => (e.outcome ? t(`ops.outcome.${e.outcome}`) : '') },
  ];
  const schedCols: Column<MaintenanceSchedule>[] = [
    { key: 'title', label: t('ops.col.title'), value: (s) => s.title },
    { key: 'category', label: t('ops.col.category'), value: (s) => t(`ops.category.${s.category}`) },
    { key: 'interval', label: t('ops.col.interval'), value: (s) => t('ops.every', { count: s.interval.every, unit: t(`ops.unitPlural.${s.interval.unit}`, { count: s.interval.every }) }) },
    { key: 'assets', label: t('ops.col.assets'), value: (s) => s.assets.map((a) => refName(snap, a)).join(', ') },
    { key: 'next', label: t('ops.col.nextDue'), value: (s) => (s.active ? nextOccurrence(s, today) : ''), render: (s) => (s.active ? formatDay(nextOccurrence(s, today), units.locale) : <Badge tone="muted">{t('ops.badge.inactive')}</Badge>) },
    { key: 'who', label: t('ops.col.performedBy'), value: (s) => s.performedBy },
  ];

  return (
    <div className="ops-panel" data-testid="ops-maintenance">
      <Section title={t('ops.maintenance.due')} testId="ops-due">
        <DataTable
          rows={due} columns={dueCols} rowKey={(d) => `${d.scheduleId}|${refKey(d.asset)}|${d.dueDate}`} testId="ops-due-table" label={t('ops.maintenance.due')}
          focusId={null} initialSort={{ key: 'due', dir: 'asc' }}
          rowClass={(d) => (d.state === 'overdue' ? 'is-overdue' : '')}
          empty={<Empty text={schedules.length ? t('ops.maintenance.noneDue') : t('ops.maintenance.noSchedules')} />}
          actions={(d) => (d.plannedEntryId
            ? <button type="button" className="btn btn-sm" disabled={!writable} onClick={() => setModal({ kind: 'complete', id: d.plannedEntryId! })}>{t('ops.maintenance.complete')}</button>
            : <button type="button" className="btn btn-sm" disabled={!writable} onClick={() => setModal({ kind: 'maintenance', preset: { scheduleId: d.scheduleId, occurrence: d.dueDate, asset: d.asset } })} data-testid="ops-plan-occurrence">{t('ops.maintenance.plan')}</button>)}
        />
      </Section>
      <Section title={t('ops.maintenance.log')} testId="ops-log"
        actions={<button type="button" className="btn btn-sm" disabled={!writable} onClick={() => setModal({ kind: 'maintenance' })} data-testid="ops-add-maintenance"><Icon name="plus" size={12} />{t('ops.maintenance.add')}</button>}>
        <DataTable
          rows={entries} columns={logCols} rowKey={(e) => e.id} testId="ops-log-table" label={t('ops.maintenance.log')} focusId={focus}
          initialSort={{ key: 'planned', dir: 'desc' }}
          onOpen={(e) => writable && setModal({ kind: 'maintenance', id: e.id })}
          empty={<Empty text={t('ops.maintenance.emptyLog')} />}
          actions={(e) => (
            <span className="ops-row-actions">
              {e.status !== 'done' && e.status !== 'cancelled' && <button type="button" className="btn btn-sm" disabled={!writable} onClick={() => setModal({ kind: 'complete', id: e.id })} data-testid="ops-complete">{t('ops.maintenance.complete')}</button>}
              <RowEdit disabled={!writable} onClick={() => setModal({ kind: 'maintenance', id: e.id })} />
              <RowDelete disabled={!writable} onClick={() => void run('cmd.maintenance.delete', { ids: [e.id] })} />
            </span>
          )}
        />
      </Section>
      <Section title={t('ops.maintenance.schedules')} testId="ops-schedules"
        actions={<button type="button" className="btn btn-sm" disabled={!writable} onClick={() => setModal({ kind: 'schedule' })} data-testid="ops-add-schedule"><Icon name="plus" size={12} />{t('ops.maintenance.addSchedule')}</button>}>
        <DataTable
          rows={schedules} columns={schedCols} rowKey={(s) => s.id} testId="ops-schedules-table" label={t('ops.maintenance.schedules')} focusId={focus}
          onOpen={(s) => writable && setModal({ kind: 'schedule', id: s.id })}
          empty={<Empty text={t('ops.maintenance.emptySchedules')} />}
          actions={(s) => (
            <span className="ops-row-actions">
              <RowEdit disabled={!writable} onClick={() => setModal({ kind: 'schedule', id: s.id })} />
              <RowDelete disabled={!writable} onClick={() => void run('cmd.maintenanceSchedule.delete', { ids: [s.id] })} />
            </span>
          )}
        />
      </Section>
    </div>
  );
}

function StatusBadge({ entry, today }: { entry: MaintenanceEntry; today: string }) {
  const { t } = useTranslation();
  const late = entry.status !== 'done' && entry.status !== 'cancelled' && (entry.plannedDate ?? entry.occurrence ?? '9999') < today;
  if (late) return <Badge tone="danger" icon="alertCircle">{t('ops.badge.late')}</Badge>;
  const tone = entry.status === 'done' ? (entry.outcome === 'failed' || entry.outcome === 'rolled-back' ? 'warning' : 'success') : 'muted';
  return <Badge tone={tone} {...(entry.status === 'done' ? { icon: 'check' as const } : {})}>{t(`ops.status.${entry.status}`)}</Badge>;
}

function RowEdit({ onClick, disabled }: { onClick(): void; disabled: boolean }) {
  const { t } = useTranslation();
  return <button type="button" className="btn btn-sm" onClick={onClick} disabled={disabled} data-testid="ops-row-edit">{t('ops.edit')}</button>;
}

function RowDelete({ onClick, disabled }: { onClick(): void; disabled: boolean }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="btn-icon btn-icon-sm" onClick={onClick} disabled={disabled} aria-label={t('common.delete')} title={t('ops.deleteHint')} data-testid="ops-row-delete">
      <Icon name="trash" size={13} />
    </button>
  );
}

// ---------------------------------------------------------------- backups

function ClockCell({ clock, locale }: { clock: BackupClock | undefined; locale: string }) {
  const { t } = useTranslation();
  if (!clock) return <span className="ops-muted">{t('ops.backups.notRequired')}</span>;
  return (
    <span className="ops-clock">
      {clock.overdue ? <Badge tone="danger" icon="alertCircle">{t('ops.badge.overdue')}</Badge>
        : clock.failuresSince > 0 ? <Badge tone="warning" icon="alert">{t('ops.badge.failing', { count: clock.failuresSince })}</Badge>
          : clock.lastOk ? <Badge tone="success" icon="check">{t('ops.badge.ok')}</Badge>
            : <Badge tone="muted" icon="clock">{t('ops.badge.notYet')}</Badge>}
      <span className="ops-clock-text">
        {clock.lastOk && t('ops.backups.last', { when: formatInstant(clock.lastOk.finishedAt ?? clock.lastOk.startedAt, locale) })}
        {clock.lastOk && clock.dueAtMs !== undefined && ' · '}
        {clock.dueAtMs !== undefined && t('ops.backups.next', { when: formatInstant(new Date(clock.dueAtMs).toISOString(), locale) })}
      </span>
    </span>
  );
}

export function BackupsPanel() {
  const { t } = useTranslation();
  const units = useUnits();
  const snap = useStore((s) => s.snapshot)!;
  const writable = useWritable();
  const setModal = useOps((s) => s.setModal);
  const focus = useFocus(['backupPolicies', 'backupRuns']);
  const file = useRef<HTMLInputElement>(null);
  const grace = opsSettings(snap.project).backupGraceHours;
  const policies = useMemo(() => Object.values(snap.backupPolicies), [snap.backupPolicies]);
  const runs = useMemo(() => Object.values(snap.backupRuns), [snap.backupRuns]);
  const [nowMs] = useState(() => Date.now());
  const status = useMemo(() => new Map(policies.map((p) => [p.id, backupStatus(p, runs, nowMs, grace)])), [policies, runs, nowMs, grace]);

  const policyCols: Column<BackupPolicy>[] = [
    { key: 'name', label: t('ops.col.name'), value: (p) => p.name },
    { key: 'backup', label: t('ops.col.backup'), value: (p) => (status.get(p.id)?.backup.overdue ? 0 : 1), render: (p) => (p.active ? <ClockCell clock={status.get(p.id)?.backup} locale={units.locale} /> : <Badge tone="muted">{t('ops.badge.inactive')}</Badge>) },
    { key: 'restore', label: t('ops.col.restoreTest'), value: (p) => (status.get(p.id)?.restoreTest?.overdue ? 0 : 1), render: (p) => (p.active ? <ClockCell clock={status.get(p.id)?.restoreTest} locale={units.locale} /> : '—') },
    { key: 'schedule', label: t('ops.col.schedule'), value: (p) => t('ops.every', { count: p.schedule.every, unit: t(`ops.unitPlural.${p.schedule.unit}`, { count: p.schedule.every }) }) },
    { key: 'retention', label: t('ops.col.retention'), num: true, value: (p) => p.retentionDays, render: (p) => t('ops.days', { count: p.retentionDays }) },
    { key: 'target', label: t('ops.col.target'), value: (p) => p.target },
    { key: 'scope', label: t('ops.col.scope'), value: (p) => p.scope },
  ];
  const runCols: Column<BackupRun>[] = [
    { key: 'status', label: t('ops.col.status'), value: (r) => r.status, render: (r) => <Badge tone={r.status === 'success' ? 'success' : r.status === 'partial' ? 'warning' : 'danger'} icon={r.status === 'success' ? 'check' : 'alert'}>{t(`ops.runStatus.${r.status}`)}</Badge>, width: '100px' },
    { key: 'policy', label: t('ops.col.policy'), value: (r) => snap.backupPolicies[r.policyId]?.name ?? r.policyId },
    { key: 'kind', label: t('ops.col.kind'), value: (r) => t(`ops.runKind.${r.kind}`) },
    { key: 'started', label: t('ops.col.startedAt'), value: (r) => Date.parse(r.startedAt), render: (r) => formatInstant(r.startedAt, units.locale) },
    { key: 'duration', label: t('ops.col.duration'), num: true, value: (r) => (r.finishedAt ? (Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 60000 : null), render: (r) => (r.finishedAt ? `${units.number((Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 60000, 0)}\u00a0min` : '—') },
    { key: 'size', label: t('ops.col.size'), num: true, value: (r) => r.sizeBytes, render: (r) => formatBytes(r.sizeBytes, units.locale) },
    { key: 'source', label: t('ops.col.source'), value: (r) => (r.source === 'manual' ? t('ops.backups.manual') : r.source) },
    { key: 'note', label: t('ops.col.note'), value: (r) => r.note },
  ];

  const importFile = async (f: File) => {
    const text = await f.text();
    const parsed = parseBackupRunsCsv(text, policies);
    if (parsed.errors.length) {
      setModal({ kind: 'runErrors', fileName: f.name, errors: parsed.errors.map((e) => ({ line: e.line, message: e.column ? `${e.column}: ${e.message}` : e.message })) });
      return;
    }
    try {
      await call('cmd.backupRun.import', { runs: parsed.runs, source: f.name } as never);
      useStore.getState().pushToast({ tone: 'success', message: t('ops.backups.imported', { count: parsed.runs.length, file: f.name }) });
    } catch (err) {
      const e = toSerializedError(err);
      setModal({ kind: 'runErrors', fileName: f.name, errors: [{ line: 0, message: e.message }] });
    }
  };

  return (
    <div className="ops-panel" data-testid="ops-backups">
      <Section title={t('ops.backups.policies')}
        actions={<button type="button" className="btn btn-sm" disabled={!writable} onClick={() => setModal({ kind: 'policy' })} data-testid="ops-add-policy"><Icon name="plus" size={12} />{t('ops.backups.addPolicy')}</button>}>
        <DataTable rows={policies} columns={policyCols} rowKey={(p) => p.id} testId="ops-policies-table" label={t('ops.backups.policies')} focusId={focus}
          rowClass={(p) => (p.active && (status.get(p.id)?.backup.overdue || status.get(p.id)?.restoreTest?.overdue) ? 'is-overdue' : '')}
          onOpen={(p) => writable && setModal({ kind: 'policy', id: p.id })}
          empty={<Empty text={t('ops.backups.emptyPolicies')} />}
          actions={(p) => (
            <span className="ops-row-actions">
              <button type="button" className="btn btn-sm" disabled={!writable} onClick={() => setModal({ kind: 'run', policyId: p.id })}>{t('ops.backups.record')}</button>
              <RowEdit disabled={!writable} onClick={() => setModal({ kind: 'policy', id: p.id })} />
              <RowDelete disabled={!writable} onClick={() => void run('cmd.backupPolicy.delete', { ids: [p.id] })} />
            </span>
          )}
        />
      </Section>
      <Section title={t('ops.backups.runs')}
        actions={(
          <>
            <button type="button" className="btn btn-sm" disabled={!writable || policies.length === 0} onClick={() => setModal({ kind: 'run' })} data-testid="ops-add-run"><Icon name="plus" size={12} />{t('ops.backups.record')}</button>
            <button type="button" className="btn btn-sm" disabled={!writable || policies.length === 0} onClick={() => file.current?.click()} data-testid="ops-import-runs" title={t('ops.backups.importHint')}><Icon name="download" size={12} />{t('ops.backups.import')}</button>
            <input ref={file} type="file" accept=".csv,text/csv" hidden onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void importFile(f); }} data-testid="ops-import-runs-file" />
          </>
        )}>
        <DataTable rows={runs} columns={runCols} rowKey={(r) => r.id} testId="ops-runs-table" label={t('ops.backups.runs')} focusId={focus}
          initialSort={{ key: 'started', dir: 'desc' }}
          onOpen={(r) => writable && setModal({ kind: 'run', id: r.id })}
          empty={<Empty text={policies.length ? t('ops.backups.emptyRuns') : t('ops.backups.emptyRunsNoPolicy')} />}
          actions={(r) => (
            <span className="ops-row-actions">
              <RowEdit disabled={!writable} onClick={() => setModal({ kind: 'run', id: r.id })} />
              <RowDelete disabled={!writable} onClick={() => void run('cmd.backupRun.delete', { ids: [r.id] })} />
            </span>
          )}
        />
      </Section>
    </div>
  );
}

// ---------------------------------------------------------------- licences

export function LicencesPanel() {
  const { t } = useTranslation();
  const units = useUnits();
  const snap = useStore((s) => s.snapshot)!;
  const writable = useWritable();
  const setModal = useOps((s) => s.setModal);
  const selectedId = useOps((s) => s.licenceId);
  const setLicence = useOps((s) => s.setLicence);
  const focus = useFocus(['licences']);
  const lead = opsSettings(snap.project).licenceLeadDays;
  const licences = useMemo(() => Object.values(snap.licences), [snap.licences]);
  const assignments = useMemo(() => Object.values(snap.licenceAssignments), [snap.licenceAssignments]);
  const statuses = useMemo(() => licenceStatuses(licences, assignments, todayLocal(), lead), [licences, assignments, lead]);
  const selected = selectedId ? snap.licences[selectedId] : undefined;

  const cols: Column<Licence>[] = [
    { key: 'state', label: t('ops.col.state'), value: (l) => { const s = statuses.get(l.id)!; return s.overAllocated || s.expired ? 0 : s.expiringSoon ? 1 : 2; },
      render: (l) => <LicenceBadges status={statuses.get(l.id)!} /> },
    { key: 'product', label: t('ops.col.product'), value: (l) => l.product },
    { key: 'vendor', label: t('ops.col.vendor'), value: (l) => l.vendor },
    { key: 'metric', label: t('ops.col.metric'), value: (l) => t(`ops.metric.${l.metric}`) },
    { key: 'used', label: t('ops.col.used'), num: true, value: (l) => statuses.get(l.id)!.used, render: (l) => <span className={statuses.get(l.id)!.overAllocated ? 'ops-over' : ''}>{units.number(statuses.get(l.id)!.used, 0)}</span> },
    { key: 'quantity', label: t('ops.col.owned'), num: true, value: (l) => l.quantity, render: (l) => `${units.number(l.quantity, 0)}\u00a0${t(`ops.metricUnit.${l.metric}`)}` },
    { key: 'expires', label: t('ops.col.expires'), value: (l) => l.expiresOn, render: (l) => (l.expiresOn ? formatDay(l.expiresOn, units.locale) : t('ops.licences.perpetual')) },
    { key: 'cost', label: t('ops.col.cost'), num: true, value: (l) => l.cost, render: (l) => (l.cost !== undefined ? `${units.number(l.cost, 2)}\u00a0${l.currency ?? ''}` : '—') },
    { key: 'contract', label: t('ops.col.contract'), value: (l) => l.contractRef },
  ];
  const asgCols: Column<LicenceAssignment>[] = [
    { key: 'device', label: t('ops.col.device'), value: (a) => deviceLabel(snap, a.deviceId) },
    { key: 'rack', label: t('ops.col.rack'), value: (a) => snap.racks[snap.devices[a.deviceId]?.rackId ?? '']?.name },
    { key: 'units', label: t('ops.col.units'), num: true, value: (a) => a.units, render: (a) => `${units.number(a.units, 0)}\u00a0${selected ? t(`ops.metricUnit.${selected.metric}`) : ''}` },
  ];

  return (
    <div className={`ops-panel${selected ? ' ops-split' : ''}`} data-testid="ops-licences">
      <Section title={t('ops.licences.title')}
        actions={<button type="button" className="btn btn-sm" disabled={!writable} onClick={() => setModal({ kind: 'licence' })} data-testid="ops-add-licence"><Icon name="plus" size={12} />{t('ops.licences.add')}</button>}>
        <DataTable rows={licences} columns={cols} rowKey={(l) => l.id} testId="ops-licences-table" label={t('ops.licences.title')} focusId={focus}
          onOpen={(l) => setLicence(l.id)}
          rowClass={(l) => { const s = statuses.get(l.id)!; return `${s.overAllocated || s.expired ? 'is-overdue ' : ''}${l.id === selectedId ? 'is-selected' : ''}`; }}
          empty={<Empty text={t('ops.licences.empty')} />}
          actions={(l) => (
            <span className="ops-row-actions">
              <button type="button" className="btn btn-sm" onClick={() => setLicence(l.id === selectedId ? null : l.id)} aria-pressed={l.id === selectedId} data-testid="ops-licence-assignments">{t('ops.licences.assignments', { count: statuses.get(l.id)!.devices })}</button>
              <RowEdit disabled={!writable} onClick={() => setModal({ kind: 'licence', id: l.id })} />
              <RowDelete disabled={!writable} onClick={() => void run('cmd.licence.delete', { ids: [l.id] })} />
            </span>
          )}
        />
      </Section>
      {selected && (
        <Section title={t('ops.licences.assignedTitle', { licence: `${selected.vendor} ${selected.product}` })} testId="ops-assignments"
          count={<LicenceBadges status={statuses.get(selected.id)!} />}
          actions={(
            <>
              <button type="button" className="btn btn-sm btn-primary" disabled={!writable || Object.keys(snap.devices).length === 0} onClick={() => setModal({ kind: 'assign', licenceId: selected.id })} data-testid="ops-assign"><Icon name="plus" size={12} />{t('ops.licences.assign')}</button>
              <button type="button" className="btn-icon btn-icon-sm" onClick={() => setLicence(null)} aria-label={t('common.close')}><Icon name="close" size={13} /></button>
            </>
          )}>
          <p className="ops-muted ops-usage">{t('ops.licences.usage', { used: units.number(statuses.get(selected.id)!.used, 0), quantity: units.number(selected.quantity, 0), unit: t(`ops.metricUnit.${selected.metric}`) })}</p>
          <DataTable rows={assignments.filter((a) => a.licenceId === selected.id)} columns={asgCols} rowKey={(a) => a.id} testId="ops-assignments-table" label={t('ops.licences.assignedTitle', { licence: selected.product })}
            onOpen={(a) => writable && setModal({ kind: 'assign', licenceId: selected.id, id: a.id })}
            empty={<Empty text={t('ops.licences.noAssignments')} />}
            actions={(a) => (
              <span className="ops-row-actions">
                <RowEdit disabled={!writable} onClick={() => setModal({ kind: 'assign', licenceId: selected.id, id: a.id })} />
                <RowDelete disabled={!writable} onClick={() => void run('cmd.licenceAssignment.delete', { ids: [a.id] })} />
              </span>
            )}
          />
        </Section>
      )}
    </div>
  );
}

function deviceLabel(snap: NonNullable<ReturnType<typeof useStore.getState>['snapshot']>, id: string): string {
  const d = snap.devices[id];
  return d ? d.name ?? snap.deviceTypes[d.typeId]?.model ?? id : id;
}

function LicenceBadges({ status }: { status: ReturnType<typeof licenceStatuses> extends Map<string, infer S> ? S : never }) {
  const { t } = useTranslation();
  const out: ReactNode[] = [];
  if (status.overAllocated) out.push(<Badge key="over" tone="danger" icon="alertCircle">{t('ops.badge.over', { count: -status.free })}</Badge>);
  if (status.expired) out.push(<Badge key="exp" tone="danger" icon="alertCircle">{t('ops.badge.expired')}</Badge>);
  else if (status.expiringSoon) out.push(<Badge key="soon" tone="warning" icon="clock">{t('ops.badge.expiresIn', { count: status.expiresInDays ?? 0 })}</Badge>);
  if (out.length === 0) out.push(<Badge key="ok" tone="success" icon="check">{t('ops.badge.ok')}</Badge>);
  return <span className="ops-badges" data-testid="ops-licence-state">{out}</span>;
}

// ---------------------------------------------------------------- events and contacts

export function EventsPanel() {
  const { t } = useTranslation();
  const units = useUnits();
  const snap = useStore((s) => s.snapshot)!;
  const writable = useWritable();
  const setModal = useOps((s) => s.setModal);
  const focus = useFocus(['contacts', 'opsEvents']);
  const [category, setCategory] = useState('all');
  const [asset, setAsset] = useState('');
  const [timeline, setTimeline] = useState<TimelineItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const choices = useMemo(() => assetChoices(snap), [snap]);
  const contacts = useMemo(() => Object.values(snap.contacts), [snap.contacts]);

  useEffect(() => {
    let live = true;
    const ref = asset ? choices.find((c) => c.key === asset)?.ref : undefined;
    opsApi.timeline({ ...(ref ? { asset: ref } : {}), limit: 500 })
      .then((items) => { if (live) { setTimeline(items); setError(null); } })
      .catch((err: unknown) => { if (live) setError(toSerializedError(err).message); });
    return () => { live = false; };
  }, [snap, asset, choices]);

  const shown = (timeline ?? []).filter((e) => category === 'all' || e.category === category);
  const categories = [...new Set([...OPS_EVENT_CATEGORIES, ...(timeline ?? []).map((e) => e.category)])];

  const contactCols: Column<Contact>[] = [
    { key: 'level', label: t('ops.col.level'), num: true, value: (c) => c.escalationLevel, width: '70px' },
    { key: 'name', label: t('ops.col.name'), value: (c) => c.name },
    { key: 'role', label: t('ops.col.role'), value: (c) => t(`ops.role.${c.role}`) },
    { key: 'org', label: t('ops.col.organisation'), value: (c) => c.organisation },
    { key: 'phone', label: t('ops.col.phone'), value: (c) => c.phone },
    { key: 'email', label: t('ops.col.email'), value: (c) => c.email },
    { key: 'hours', label: t('ops.col.hours'), value: (c) => c.hours },
    { key: 'assets', label: t('ops.col.assets'), value: (c) => (c.assets.length ? c.assets.map((a) => refName(snap, a)).join(', ') : t('ops.contacts.wholeSite')) },
  ];

  return (
    <div className="ops-panel ops-events" data-testid="ops-events">
      <Section title={t('ops.events.title')}
        actions={(
          <>
            <label className="ops-inline-field">
              <span>{t('ops.events.category')}</span>
              <select className="input select" value={category} onChange={(e) => setCategory(e.target.value)} data-testid="ops-timeline-category">
                <option value="all">{t('ops.events.allCategories')}</option>
                {categories.map((c) => <option key={c} value={c}>{t(`ops.eventCategory.${c}`)}</option>)}
              </select>
            </label>
            <label className="ops-inline-field">
              <span>{t('ops.events.asset')}</span>
              <select className="input select" value={asset} onChange={(e) => setAsset(e.target.value)} data-testid="ops-timeline-asset">
                <option value="">{t('ops.events.allAssets')}</option>
                {choices.map((c) => <option key={c.key} value={c.key}>{`${'\u2003'.repeat(c.depth)}${c.label}`}</option>)}
              </select>
            </label>
            <button type="button" className="btn btn-sm" disabled={!writable} onClick={() => setModal({ kind: 'event' })} data-testid="ops-add-event"><Icon name="plus" size={12} />{t('ops.events.add')}</button>
          </>
        )}>
        {error && <p className="form-error" role="alert"><Icon name="alertCircle" size={14} />{error}</p>}
        {timeline === null && !error ? <p className="ops-muted">{t('common.loading')}</p> : shown.length === 0 ? (
          <div className="ops-empty"><Empty text={timeline && timeline.length ? t('ops.table.noMatch') : t('ops.events.empty')} /></div>
        ) : (
          <ol className="ops-timeline" data-testid="ops-timeline">
            {shown.map((e, i) => { const text = timelineText(e, t, units.locale); return (
              <li key={`${e.source.kind}:${e.source.id}:${e.at}:${i}`} className={`ops-tl-item is-${e.severity}`}>
                <span className={`ops-tl-sev ops-tl-${e.severity}`}><Icon name={e.severity === 'info' ? 'info' : e.severity === 'warning' ? 'alert' : 'alertCircle'} size={12} />{t(`ops.severityLevel.${e.severity}`)}</span>
                <time className="ops-tl-time" dateTime={e.allDay ? e.at.slice(0, 10) : e.at}>{e.allDay ? formatDay(e.at.slice(0, 10), units.locale) : formatInstant(e.at, units.locale)}</time>
                <span className="ops-tl-cat">{t(`ops.eventCategory.${e.category}`)}</span>
                <span className="ops-tl-title">
                  {text.title}
                  {e.asset && <span className="ops-tl-asset"> · {refName(snap, e.asset)}</span>}
                  {text.detail && <span className="ops-tl-detail">{text.detail}</span>}
                </span>
                {e.source.kind === 'opsEvents' && writable && (
                  <span className="ops-row-actions">
                    <RowEdit disabled={!writable} onClick={() => setModal({ kind: 'event', id: e.source.id })} />
                    <RowDelete disabled={!writable} onClick={() => void run('cmd.opsEvent.delete', { ids: [e.source.id] })} />
                  </span>
                )}
              </li>
            ); })}
          </ol>
        )}
      </Section>
      <Section title={t('ops.contacts.title')}
        actions={<button type="button" className="btn btn-sm" disabled={!writable} onClick={() => setModal({ kind: 'contact' })} data-testid="ops-add-contact"><Icon name="plus" size={12} />{t('ops.contacts.add')}</button>}>
        <DataTable rows={contacts} columns={contactCols} rowKey={(c) => c.id} testId="ops-contacts-table" label={t('ops.contacts.title')} focusId={focus}
          initialSort={{ key: 'level', dir: 'asc' }}
          onOpen={(c) => writable && setModal({ kind: 'contact', id: c.id })}
          empty={<Empty text={t('ops.contacts.empty')} />}
          actions={(c) => (
            <span className="ops-row-actions">
              <RowEdit disabled={!writable} onClick={() => setModal({ kind: 'contact', id: c.id })} />
              <RowDelete disabled={!writable} onClick={() => void run('cmd.contact.delete', { ids: [c.id] })} />
            </span>
          )}
        />
      </Section>
    </div>
  );
}
