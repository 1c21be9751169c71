/**
 * Dates, sizes and the attention messages in the user's language. Days (`YYYY-MM-DD`) are calendar
 * days and are formatted in UTC so they never shift by a time zone; instants are shown in the
 * computer's zone.
 */
import type { TFunction } from 'i18next';
import type { AttentionItem } from '../../../core/ops/attention';
import type { TimelineEntry } from '../../../core/ops/timeline';
import type { UnitOptions } from '../units';
import { formatNumber, formatTemperature } from '../units';

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(locale: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, opts);
    cache.set(key, f);
  }
  return f;
}

export function formatDay(day: string | undefined, locale: string): string {
  if (!day) return '—';
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? day : fmt(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

export function formatInstant(iso: string | number | undefined | null, locale: string): string {
  if (iso === undefined || iso === null || iso === '') return '—';
  const d = typeof iso === 'number' ? new Date(iso * 1000) : new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : fmt(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function formatBytes(bytes: number | undefined, locale: string): string {
  if (bytes === undefined) return '—';
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${formatNumber(v, locale, i === 0 ? 0 : 1)}\u00a0${units[i]}`;
}

/** The attention item's sentence, built from its code and params (the `message` is the CLI's English). */
export function attentionText(item: AttentionItem, t: TFunction, units: UnitOptions): string {
  const p = item.params;
  const day = (v: unknown) => formatDay(String(v ?? ''), units.locale);
  switch (item.code) {
    case 'maintenance-overdue':
      return Number(p.missed) > 1
        ? t('ops.attention.msg.maintenanceOverdueMany', { title: p.title, asset: p.asset, date: day(p.dueDate), count: Number(p.missed) })
        : t('ops.attention.msg.maintenanceOverdue', { title: p.title, asset: p.asset, date: day(p.dueDate) });
    case 'maintenance-due':
      return t('ops.attention.msg.maintenanceDue', { title: p.title, asset: p.asset, date: day(p.dueDate), count: Number(p.inDays) });
    case 'planned-work-late':
      return t('ops.attention.msg.plannedLate', { title: p.title, asset: p.asset, date: day(p.dueDate), status: t(`ops.status.${String(p.status)}`) });
    case 'backup-overdue':
      return p.last
        ? t('ops.attention.msg.backupOverdue', { policy: p.policy, last: formatInstant(String(p.last), units.locale), count: Number(p.failures) })
        : t('ops.attention.msg.backupNever', { policy: p.policy, count: Number(p.failures) });
    case 'backup-failing':
      return t('ops.attention.msg.backupFailing', { policy: p.policy, count: Number(p.failures) });
    case 'restore-test-overdue':
      return p.last
        ? t('ops.attention.msg.restoreOverdue', { policy: p.policy, last: formatInstant(String(p.last), units.locale) })
        : t('ops.attention.msg.restoreNever', { policy: p.policy });
    case 'licence-over-allocated':
      return t('ops.attention.msg.licenceOver', { licence: p.licence, used: p.used, quantity: p.quantity, over: p.over, metric: t(`ops.metricUnit.${String(p.metric)}`) });
    case 'licence-expired':
      return Number(p.devices) > 0
        ? t('ops.attention.msg.licenceExpiredAssigned', { licence: p.licence, date: day(p.expiresOn), count: Number(p.devices) })
        : t('ops.attention.msg.licenceExpired', { licence: p.licence, date: day(p.expiresOn) });
    case 'licence-expiring':
      return t('ops.attention.msg.licenceExpiring', { licence: p.licence, date: day(p.expiresOn), count: Number(p.inDays) });
    case 'excursion-outside':
    case 'excursion-allowable':
      return t(item.code === 'excursion-outside' ? 'ops.attention.msg.excursionOutside' : 'ops.attention.msg.excursionAllowable', {
        sensor: p.sensor, start: formatInstant(String(p.start), units.locale), minutes: p.minutes, max: formatTemperature(Number(p.maxTemperatureC), units),
      });
    default:
      return item.message;
  }
}

/**
 * A timeline entry in the user's language, from its `code` and `params` (core/ops/timeline.ts);
 * hand-written events (no code) are shown as their author wrote them.
 */
export function timelineText(e: TimelineEntry, t: TFunction, locale: string): { title: string; detail?: string } {
  const p = e.params ?? {};
  const by = (key: string) => (p[key] ? t('ops.timeline.by', { name: p[key] }) : undefined);
  const opt = (s: string | undefined) => (s ? { detail: s } : {});
  switch (e.code) {
    case 'maintenance-done':
      return { title: t('ops.timeline.code.maintenanceDone', { title: p.title, version: p.version, outcome: p.outcome ? t(`ops.outcome.${p.outcome}`) : '' }), ...opt(by('by')) };
    case 'maintenance-planned':
      return { title: t('ops.timeline.code.maintenancePlanned', { title: p.title, version: p.version, status: t(`ops.status.${p.status}`) }), ...opt(by('by')) };
    case 'backup-run':
      return { title: t('ops.timeline.code.backupRun', { kind: t(`ops.runKind.${p.kind}`), policy: p.policy, status: t(`ops.runStatus.${p.status}`) }), ...opt(e.detail) };
    case 'signed':
      return { title: t('ops.timeline.code.signed', { checklist: p.checklist, name: p.name }), ...opt(e.detail) };
    case 'signature-invalidated':
      return { title: t('ops.timeline.code.signatureInvalidated', { checklist: p.checklist, name: p.name }), ...opt(e.detail) };
    case 'issue-raised':
      return { title: t('ops.timeline.code.issueRaised', { title: p.title }), detail: t('ops.timeline.code.issueRaisedDetail', { severity: t(`ops.severityLevel.${issueLevel(String(p.severity))}`), name: p.by }) };
    case 'issue-closed':
      return { title: t('ops.timeline.code.issueClosed', { title: p.title }), ...opt(by('by')) };
    case 'readings-imported':
      return {
        title: t('ops.timeline.code.readingsImported', { count: Number(p.count), countText: formatNumber(Number(p.count), locale, 0), file: p.file }),
        detail: t('ops.timeline.code.readingsImportedDetail', { count: Number(p.sensors), from: formatInstant(String(p.from), locale), to: formatInstant(String(p.to), locale) }),
      };
    case 'licence-expired':
      return { title: t('ops.timeline.code.licenceExpired', { product: p.product, vendor: p.vendor }), ...opt(p.contract ? t('ops.timeline.contract', { ref: p.contract }) : undefined) };
    default:
      return { title: e.title, ...opt(e.detail) };
  }
}

/** Commissioning severities shown with the timeline's three levels. */
function issueLevel(severity: string): 'critical' | 'warning' | 'info' {
  return severity === 'critical' ? 'critical' : severity === 'major' || severity === 'minor' ? 'warning' : 'info';
}
