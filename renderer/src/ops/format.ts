/**
 * Dates, sizes and the attention messages in the user's language. Days (`YYYY-MM-DD`) are calendar
 * days and are formatted in UTC so they never shift by a time zone; instants are shown in the
 * computer's zone.
 */
import type { TFunction } from 'i18next';
import type { AttentionItem } from '../../../core/ops/attention';
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
