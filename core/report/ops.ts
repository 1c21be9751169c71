/**
 * The operations report (issue 7 §6, `plenum report FILE --kind ops`) as one self-contained HTML
 * document, printed to PDF by the same pipeline as the design and commissioning reports (page
 * frame, contents with page numbers, running header and footer: core/report/design.ts).
 *
 * Order: cover, contents, "needs attention" (overdue and due items of every register), then
 * maintenance (schedules, the period's log), backups (policies, runs), licences (allocation,
 * expiry, cost per vendor), environment (per room: sensors, envelope time, excursions, one chart
 * per sensor), the period's event log and the escalation contacts.
 *
 * Pure: sensor readings live outside the snapshot (electron/store/readings.ts); the caller passes
 * `readings`, a lookup of one sensor's series over a time range. The reporting period is whole
 * UTC days [since, until]; "needs attention" is judged at `nowMs` (the end of the period at most).
 */
import type { AssetRef, BackupRun, DocumentSnapshot, MaintenanceEntry, OpsEvent, Sensor } from '../model/schema';
import { ALLOWABLE, RECOMMENDED, dewPointC, envelopeBreaches } from '../capacity/environment';
import { naturalCompare } from '../rules/finding';
import { needsAttention, opsSettings, type AttentionItem, type AttentionRegister } from '../ops/attention';
import { backupStatus } from '../ops/backups';
import { dayNumber, dayOf, localDay } from '../ops/dates';
import { licenceStatuses } from '../ops/licences';
import { buildTimeline } from '../ops/timeline';
import { dueOccurrences, nextOccurrence } from '../ops/recurrence';
import { bucketize, excursions, judgedByEnvelope, medianStep, type Excursion, type Series } from '../ops/series';
import { aborted, anchor, Html, reportCss, selectRooms, table, type CellIn, type DesignReportOptions } from './design';
import { numberFormat, translator, type Lang, type StringKey } from './i18n';
import { esc } from './svg';

export interface OpsReportOptions extends Omit<DesignReportOptions, 'history' | 'findingText' | 'room3d'> {
  /** First and last day of the reporting period (YYYY-MM-DD, UTC); default: the 90 days up to the report's date. */
  since?: string;
  until?: string;
  /** The instant "needs attention" is judged at (ms); default: now, but never after the period's end. */
  nowMs?: number;
  /** One sensor's readings over [fromT, toT) (Unix s); without it the environment section says so. */
  readings?: (sensorId: string, fromT: number, toT: number) => Series;
}

/** The default reporting period, in days (issue 7 §6: "last 90 days"). */
export const DEFAULT_PERIOD_DAYS = 90;
/** Charts printed in the whole report: a report, not a chart archive (the app has every chart). */
export const CHARTS_PER_REPORT = 48;
/**
 * Points per chart at most. Buckets are whole hours, quarter days or days (by the period's length)
 * so a daily temperature swing shows as the min–max band rather than as aliasing noise.
 */
export const CHART_BUCKETS = 400;

/** The chart's bucket count for a period: hourly up to 14 days, 6-hourly up to 60, daily beyond (capped). */
export function chartBuckets(period: { fromT: number; toT: number }): number {
  const span = period.toT - period.fromT;
  const unit = span <= 14 * DAY_S ? 3600 : span <= 60 * DAY_S ? 6 * 3600 : DAY_S;
  return Math.max(1, Math.min(CHART_BUCKETS, Math.ceil(span / unit)));
}
/** Lines per log table before "… and N more". */
const LOG_LINES = 300;
/** Lines of the needs-attention list, and of each room's excursions (a sensor by a door can make hundreds). */
const ATTENTION_LINES = 150;
const EXCURSION_LINES = 100;

const OPS_CSS = `
.badge{display:inline-block;padding:0.2mm 1.3mm;border-radius:1mm;border:0.25mm solid;font-weight:bold;font-size:7pt;white-space:nowrap}
.badge.overdue,.badge.fail{color:#7f1d1d;border-color:#b91c1c;background:#fee2e2}
.badge.due,.badge.warn{color:#78350f;border-color:#b45309;background:#fef3c7}
.badge.ok{color:#14532d;border-color:#15803d;background:#dcfce7}
.badge.muted{color:#374151;border-color:#9ca3af;background:#f3f4f6}
td .sub{display:block;color:#6b7280;font-size:7pt}
.nowrap{white-space:nowrap}
.kpis.regs{grid-template-columns:repeat(5,1fr)}
.kpi b small{font-size:8pt;font-weight:normal;color:#4b5563}
figure.chart{break-inside:avoid;margin:0 0 4mm}
figure.chart figcaption{font-weight:bold;font-size:9pt;margin-bottom:1mm}
figure.chart figcaption small{font-weight:normal;color:#4b5563}
svg.chart{width:100%;height:auto;display:block}
svg.chart text{font-family:Helvetica,Arial,sans-serif;font-size:11px;fill:#374151}
.chartlegend{display:flex;flex-wrap:wrap;gap:1mm 5mm;font-size:7.5pt;color:#374151;margin:0 0 3mm}
.chartlegend span{display:inline-flex;align-items:center;gap:1.5mm}
.roomenv{break-before:page}
`;

/** Chart colours; every mark also differs by shape or line style, and the legend names it. */
const C = { allowable: '#fef3c7', recommended: '#dcfce7', band: '#bfdbfe', mean: '#1d4ed8', dew: '#7c3aed', excursion: '#b91c1c', grid: '#e5e7eb', axis: '#6b7280' } as const;

type T = ReturnType<typeof translator>;
const DAY_S = 86_400;

/** The reporting period as days and as Unix seconds [fromT, toT). */
export interface OpsPeriod {
  since: string;
  until: string;
  fromT: number;
  toT: number;
}

export function opsPeriod(opts: { since?: string; until?: string; date?: string }): OpsPeriod {
  const until = opts.until ?? opts.date ?? new Date().toISOString().slice(0, 10);
  const since = opts.since ?? dayOf(dayNumber(until) - (DEFAULT_PERIOD_DAYS - 1));
  if (dayNumber(since) > dayNumber(until)) throw new Error(`the period starts (${since}) after it ends (${until})`);
  return { since, until, fromT: dayNumber(since) * DAY_S, toT: (dayNumber(until) + 1) * DAY_S };
}

/** Whether the project keeps any operations records (the design report's section depends on it). */
export function hasOpsRecords(s: DocumentSnapshot): boolean {
  return (['maintenanceSchedules', 'maintenance', 'backupPolicies', 'licences', 'sensors', 'opsEvents', 'contacts'] as const).some((k) => Object.keys(s[k]).length > 0);
}

function assetName(s: DocumentSnapshot, a: AssetRef): string {
  const table = { room: s.rooms, row: s.rows, rack: s.racks, device: s.devices, floorEquipment: s.floorEquipment, powerElement: s.powerElements } as Record<string, Record<string, { name: string }> | undefined>;
  return a.assetKind === 'system' ? a.assetId : (table[a.assetKind]?.[a.assetId]?.name ?? a.assetId);
}

const REGISTERS: readonly AttentionRegister[] = ['maintenance', 'backup', 'restore-test', 'licence', 'environment'];
const REGISTER_KEY: Record<AttentionRegister, StringKey> = { maintenance: 'reg_maintenance', backup: 'reg_backup', 'restore-test': 'reg_restoreTest', licence: 'reg_licence', environment: 'reg_environment' };

/** An attention item in the report's language (the item's `message` is the CLI's English). */
export function attentionText(item: AttentionItem, t: T, dec1: (n: number) => string = (n) => n.toFixed(1)): string {
  const p = item.params;
  switch (item.code) {
    case 'maintenance-overdue':
      return t(Number(p.missed) > 1 ? 'att_maintOverdueMany' : 'att_maintOverdue', p);
    case 'maintenance-due':
      return t('att_maintDue', p);
    case 'planned-work-late':
      return t('att_plannedLate', { ...p, status: t(`mst_${p.status as MaintenanceEntry['status']}`).toLowerCase() });
    case 'backup-overdue':
      return p.last ? t('att_backupOverdue', { ...p, last: when(String(p.last)) }) : t('att_backupNever', p);
    case 'backup-failing':
      return t('att_backupFailing', p);
    case 'restore-test-overdue':
      return p.last ? t('att_restoreOverdue', { ...p, last: when(String(p.last)) }) : t('att_restoreNever', p);
    case 'licence-over-allocated':
      return t('att_licenceOver', { ...p, metric: t(`metric_${p.metric as 'core'}`) });
    case 'licence-expired':
      return t('att_licenceExpired', p);
    case 'licence-expiring':
      return t('att_licenceExpiring', p);
    case 'excursion-outside':
    case 'excursion-allowable':
      return t(item.code === 'excursion-outside' ? 'att_excursionOutside' : 'att_excursionAllowable', { ...p, start: when(String(p.start)), maxTemperatureC: dec1(Number(p.maxTemperatureC)) });
  }
}

/** A severity badge: a symbol and a word, so it reads in black and white too. */
function severityBadge(sev: 'overdue' | 'due', t: T): string {
  return sev === 'overdue' ? `<span class="badge overdue">⚠ ${esc(t('sevOverdue'))}</span>` : `<span class="badge due">◷ ${esc(t('sevDue'))}</span>`;
}
const okBadge = (t: T, key: StringKey = 'stateOk') => `<span class="badge ok">✓ ${esc(t(key))}</span>`;

/** Recorded local time as written ("2026-11-25 14:05"): the time on site, never converted. */
/** A cell that never wraps (dates, names, phone numbers). */
const nw = (text: string): CellIn => ({ html: `<span class="nowrap">${esc(text)}</span>` });
const when = (iso: string | undefined) => (iso ? iso.replace('T', ' ').slice(0, 16) : '');
const utcWhen = (t: number) => new Date(t * 1000).toISOString().replace('T', ' ').slice(0, 16);
/** Whether an ISO instant or day falls in the period. */
const inPeriod = (p: OpsPeriod, iso: string | undefined) => {
  if (!iso) return false;
  const ms = iso.length === 10 ? Date.parse(`${iso}T00:00:00Z`) : Date.parse(iso);
  return ms >= p.fromT * 1000 && ms < p.toT * 1000;
};

/** "2 h 05 min", "3 d 4 h", "45 min". */
function duration(seconds: number, t: T): string {
  const m = Math.round(seconds / 60);
  if (m < 60) return t('durMin', { m });
  const h = Math.floor(m / 60);
  if (h < 48) return t('durHourMin', { h, m: String(m % 60).padStart(2, '0') });
  return t('durDayHour', { d: Math.floor(h / 24), h: h % 24 });
}

function intervalText(i: { every: number; unit: 'hour' | 'day' | 'week' | 'month' | 'year' }, t: T): string {
  return t(i.every === 1 ? `every1_${i.unit}` : `everyN_${i.unit}`, { n: i.every });
}

/** Builds the operations report. Throws an `AbortError` when `signal` is aborted. */
export function opsReportHtml(s: DocumentSnapshot, opts: OpsReportOptions = {}): string {
  const lang: Lang = opts.lang ?? 'en';
  const paper = opts.paper ?? 'a4';
  const t = translator(lang);
  const int = numberFormat(lang, 0);
  const dec1 = numberFormat(lang, 1);
  const date = opts.date ?? new Date().toISOString().slice(0, 10);
  const period = opsPeriod({ since: opts.since, until: opts.until, date });
  const nowMs = Math.min(opts.nowMs ?? Date.now(), period.toT * 1000 - 1);
  const today = localDay(nowMs);
  const roomIds = selectRooms(s, opts.room);
  const settings = opsSettings(s.project);
  const sensors = Object.values(s.sensors).filter((x) => roomIds.includes(x.roomId)).sort((a, b) => naturalCompare(a.name, b.name));
  const progress = opts.onProgress ?? (() => {});
  const total = sensors.length + 8;
  let done = 0;
  const step = (phase: string) => {
    done++;
    progress(done, total, phase);
    aborted(opts.signal);
  };
  aborted(opts.signal);
  progress(0, total, 'readings');

  // Readings first: the attention list needs the excursions of the period.
  const env = new Map<string, SensorEnv>();
  for (const sensor of sensors) {
    if (opts.readings) env.set(sensor.id, sensorEnv(s, sensor, opts.readings(sensor.id, period.fromT, period.toT), period, settings.excursionMinMinutes * 60));
    step(`sensor ${sensor.name}`);
  }
  const excursionMap = new Map<string, Excursion[]>();
  for (const [id, e] of env) if (e.excursions.length) excursionMap.set(id, e.excursions);
  const attention = needsAttention(s, { nowMs, excursions: excursionMap });

  const h = new Html();
  h.push(`<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="generator" content="Plenum">`);
  h.push(`<title>${esc(`${t('opsReport')} — ${s.project.name}`)}</title><style>${reportCss(paper)}${OPS_CSS}</style></head><body>`);

  // ------------------------------------------------------------------ cover
  h.push('<section class="cover">');
  if (opts.logoDataUrl) {
    if (!/^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,/.test(opts.logoDataUrl)) throw new Error('the logo must be a data:image/… URL');
    h.push(`<img class="logo" alt="" src="${opts.logoDataUrl}">`);
  }
  h.push(`<div class="kind">${esc(t('opsReport'))}</div><h1>${esc(s.project.name)}</h1><dl>`);
  const coverRows: Array<[StringKey, string | undefined]> = [
    ['site', s.project.site ? `${s.project.site.name}${s.project.site.address ? `, ${s.project.site.address}` : ''}` : undefined],
    ['rooms', opts.room ? roomIds.map((id) => s.rooms[id]!.name).join(', ') : undefined],
    ['period', t('periodRange', { since: period.since, until: period.until })],
    ['revision', opts.revision], ['date', date], ['author', opts.author],
  ];
  for (const [k, v] of coverRows) if (v) h.push(`<dt>${esc(t(k))}</dt><dd>${esc(v)}</dd>`);
  h.push('</dl></section>');

  // ------------------------------------------------------------------ contents
  const toc: Array<{ id: string; title: string; sub?: boolean }> = [
    { id: 'attention', title: t('needsAttention') }, { id: 'maintenance', title: t('reg_maintenance') }, { id: 'backups', title: t('backups') },
    { id: 'licences', title: t('licences') }, { id: 'environment', title: t('reg_environment') },
  ];
  const envRooms = roomIds.filter((id) => sensors.some((x) => x.roomId === id));
  for (const id of envRooms) toc.push({ id: `env-${anchor(id)}`, title: `${t('room')} ${s.rooms[id]!.name}`, sub: true });
  toc.push({ id: 'events', title: t('eventLog') }, { id: 'contacts', title: t('contacts') });
  h.push(`<section class="page toc"><h2>${esc(t('contents'))}</h2><ol>`);
  for (const e of toc) h.push(`<li${e.sub ? ' class="sub"' : ''}><a href="#${e.id}">${esc(e.title)}</a><span class="pg" data-toc="${e.id}"></span></li>`);
  h.push('</ol></section>');

  // ------------------------------------------------------------------ needs attention
  h.push(`<section class="page" id="attention"><h2>${esc(t('needsAttention'))}</h2>`);
  h.push(`<p class="muted">${esc(t('attentionAsOf', { date: today, since: period.since, until: period.until }))}</p>`);
  attentionBody(h, s, attention, t, int, dec1, ATTENTION_LINES);
  h.push('</section>');
  step('attention');

  // ------------------------------------------------------------------ maintenance
  h.push(`<section class="page" id="maintenance"><h2>${esc(t('reg_maintenance'))}</h2>`);
  const entries = Object.values(s.maintenance);
  const schedules = Object.values(s.maintenanceSchedules).sort((a, b) => naturalCompare(a.title, b.title));
  h.push(`<h3>${esc(t('schedules'))}</h3>`);
  if (schedules.length === 0) h.push(`<p class="muted">${esc(t('noneRecorded'))}</p>`);
  else {
    table(h, [t('title'), t('category'), t('assets'), t('interval'), t('nextDue'), t('overdueOccurrences'), t('performedBy')], [false, false, false, false, false, false, false],
      schedules.map((sc) => {
        const due = dueOccurrences(sc, entries, today, sc.leadDays ?? settings.maintenanceLeadDays);
        const late = due.filter((d) => d.state === 'overdue');
        const soon = due.filter((d) => d.state === 'due-soon');
        const state = !sc.active ? `<span class="badge muted">${esc(t('inactive'))}</span>`
          : late.length ? `${severityBadge('overdue', t)}<span class="sub">${esc(late.slice(0, 4).map((d) => `${assetName(s, d.asset)} ${d.dueDate}`).join(', '))}${late.length > 4 ? ' …' : ''}</span>`
            : soon.length ? severityBadge('due', t) : okBadge(t);
        return [sc.title, t(`mcat_${sc.category}`), sc.assets.map((a) => assetName(s, a)).join(', '), intervalText(sc.interval, t),
          nw(sc.active ? nextOccurrence(sc, today) : '—'), { html: `${late.length ? `<b>${int(late.length)}</b> ` : ''}${state}` }, sc.performedBy ?? '—'];
      }));
  }
  h.push(`<h3>${esc(t('maintenanceLog'))}</h3>`);
  // The period's work, and open work whatever its date: a late job from before the period still matters.
  const log = entries.filter((e) => inPeriod(period, e.completedAt) || inPeriod(period, e.plannedDate) || (e.status !== 'done' && e.status !== 'cancelled'))
    .sort((a, b) => (b.completedAt ?? b.plannedDate ?? '').localeCompare(a.completedAt ?? a.plannedDate ?? ''));
  if (log.length === 0) h.push(`<p class="muted">${esc(t('noneInPeriod'))}</p>`);
  else {
    table(h, [t('date'), t('title'), t('asset'), t('status'), t('performedBy'), t('approval'), t('outcome')], [false, false, false, false, false, false, false],
      log.slice(0, LOG_LINES).map((e) => {
        const late = e.status !== 'done' && e.status !== 'cancelled' && e.plannedDate !== undefined && dayNumber(e.plannedDate) < dayNumber(today);
        const versions = e.fromVersion || e.toVersion ? `${e.fromVersion ?? '?'} → ${e.toVersion ?? '?'}` : '';
        const issue = e.issueId ? s.cxIssues[e.issueId]?.title : undefined;
        const sub = [t(`mcat_${e.category}`), versions, issue ? `${t('issue')}: ${issue}` : ''].filter(Boolean).join(' · ');
        return [{ html: `<span class="nowrap">${esc(e.completedAt ? when(e.completedAt) : (e.plannedDate ?? '—'))}</span>` }, { html: `<b>${esc(e.title)}</b><span class="sub">${esc(sub)}</span>` }, nw(assetName(s, e.asset)),
          { html: `${esc(t(`mst_${e.status}`))}${late ? ` ${severityBadge('overdue', t)}` : ''}` }, e.performedBy ?? '—',
          [e.approvedBy, e.approvalRef].filter(Boolean).join(', ') || '—', { html: e.outcome ? outcomeBadge(e.outcome, t) : '—' }];
      }));
    if (log.length > LOG_LINES) h.push(`<p class="muted">${esc(t('andMore', { count: int(log.length - LOG_LINES) }))}</p>`);
  }
  h.push('</section>');
  step('maintenance');

  // ------------------------------------------------------------------ backups
  h.push(`<section class="page" id="backups"><h2>${esc(t('backups'))}</h2>`);
  const runs = Object.values(s.backupRuns);
  const policies = Object.values(s.backupPolicies).sort((a, b) => naturalCompare(a.name, b.name));
  h.push(`<h3>${esc(t('policies'))}</h3>`);
  if (policies.length === 0) h.push(`<p class="muted">${esc(t('noneRecorded'))}</p>`);
  else {
    table(h, [t('policy'), t('scope'), t('schedule'), t('retention'), t('target'), t('lastBackup'), t('lastRestoreTest')], [false, false, false, false, false, false, false],
      policies.map((p) => {
        const st = backupStatus(p, runs, nowMs, settings.backupGraceHours);
        const last = st.backup.lastOk ? when(st.backup.lastOk.finishedAt ?? st.backup.lastOk.startedAt) : t('never');
        const bState = !p.active ? `<span class="badge muted">${esc(t('inactive'))}</span>` : st.backup.overdue ? severityBadge('overdue', t) : okBadge(t);
        const fails = st.backup.failuresSince ? `<span class="sub">${esc(t('failuresSince', { count: st.backup.failuresSince }))}</span>` : '';
        let rCell = '—';
        if (p.restoreTest && st.restoreTest) {
          const rl = st.restoreTest.lastOk ? when(st.restoreTest.lastOk.finishedAt ?? st.restoreTest.lastOk.startedAt) : t('never');
          rCell = `${esc(rl)} ${p.active ? (st.restoreTest.overdue ? severityBadge('overdue', t) : okBadge(t)) : ''}<span class="sub">${esc(intervalText(p.restoreTest, t))}</span>`;
        }
        const scope = [p.scope, p.assets.map((a) => assetName(s, a)).join(', ')].filter(Boolean).join(' — ');
        return [{ html: `<b>${esc(p.name)}</b>` }, scope || '—', intervalText(p.schedule, t), t('days', { count: int(p.retentionDays) }), p.target || '—', { html: `${esc(last)} ${bState}${fails}` }, { html: rCell }];
      }));
  }
  const periodRuns = runs.filter((r) => inPeriod(period, r.startedAt)).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  const failed = periodRuns.filter((r) => r.status === 'failed');
  h.push(`<h3>${esc(t('backupRuns'))}</h3>`);
  h.push(`<p>${esc(t('runsSummary', { count: int(periodRuns.length), failed: int(failed.length), tests: int(periodRuns.filter((r) => r.kind === 'restore-test').length) }))}</p>`);
  if (periodRuns.length > 0) {
    // Failures first: they are why this table is read.
    const shown = [...failed, ...periodRuns.filter((r) => r.status !== 'failed')].slice(0, LOG_LINES);
    runTable(h, s, shown, t, dec1);
    if (periodRuns.length > shown.length) h.push(`<p class="muted">${esc(t('andMore', { count: int(periodRuns.length - shown.length) }))}</p>`);
  }
  h.push('</section>');
  step('backups');

  // ------------------------------------------------------------------ licences
  h.push(`<section class="page" id="licences"><h2>${esc(t('licences'))}</h2>`);
  const licences = Object.values(s.licences).sort((a, b) => naturalCompare(`${a.vendor} ${a.product}`, `${b.vendor} ${b.product}`));
  if (licences.length === 0) h.push(`<p class="muted">${esc(t('noneRecorded'))}</p>`);
  else {
    const statuses = licenceStatuses(licences, Object.values(s.licenceAssignments), today, settings.licenceLeadDays);
    const money = (n: number, cur: string | undefined) => (cur ? new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-US', { style: 'currency', currency: cur, maximumFractionDigits: 0 }).format(n) : int(n));
    table(h, [t('licence'), t('metric'), t('owned'), t('used'), t('free'), t('devices'), t('expires'), t('status'), t('cost'), t('contract')], [false, false, true, true, true, true, false, false, true, false],
      licences.map((l) => {
        const st = statuses.get(l.id)!;
        const marks: string[] = [];
        if (st.overAllocated) marks.push(`<span class="badge overdue">⚠ ${esc(t('overAllocatedBy', { count: int(st.used - l.quantity) }))}</span>`);
        if (st.expired) marks.push(`<span class="badge overdue">⚠ ${esc(t('expired'))}</span>`);
        else if (st.expiringSoon) marks.push(`<span class="badge due">◷ ${esc(t('expiresInDays', { count: st.expiresInDays! }))}</span>`);
        if (marks.length === 0) marks.push(okBadge(t));
        return [{ html: `<b>${esc(l.vendor)} ${esc(l.product)}</b>` }, t(`metric_${l.metric}`), int(l.quantity), int(st.used), { html: st.free < 0 ? `<span class="bad">${int(st.free)}</span>` : int(st.free) }, int(st.devices),
          nw(l.expiresOn ?? t('perpetual')), { html: marks.join(' ') }, l.cost !== undefined ? money(l.cost, l.currency) : '—', nw(l.contractRef ?? '—')];
      }));
    // Costs per vendor, per currency: amounts in different currencies are never added up.
    const costs = new Map<string, { vendor: string; currency: string; cost: number; count: number }>();
    for (const l of licences) {
      if (l.cost === undefined) continue;
      const key = `${l.vendor}\u0000${l.currency ?? ''}`;
      const c = costs.get(key) ?? costs.set(key, { vendor: l.vendor, currency: l.currency ?? '', cost: 0, count: 0 }).get(key)!;
      c.cost += l.cost;
      c.count++;
    }
    if (costs.size > 0) {
      h.push(`<h3>${esc(t('costPerVendor'))}</h3>`);
      const list = [...costs.values()].sort((a, b) => naturalCompare(a.vendor, b.vendor) || a.currency.localeCompare(b.currency));
      table(h, [t('vendor'), t('licences'), t('currency'), t('cost')], [false, true, false, true], list.map((c) => [c.vendor, int(c.count), c.currency || '—', money(c.cost, c.currency || undefined)]));
    }
  }
  h.push('</section>');
  step('licences');

  // ------------------------------------------------------------------ environment
  h.push(`<section class="page" id="environment"><h2>${esc(t('reg_environment'))}</h2>`);
  h.push(`<p class="muted">${esc(t('envIntro', { since: period.since, until: period.until }))}</p>`);
  if (sensors.length === 0) h.push(`<p class="muted">${esc(t('noSensors'))}</p>`);
  else if (!opts.readings) h.push(`<p class="warn">${esc(t('noReadingsAccess'))}</p>`);
  let charts = 0;
  let first = true;
  for (const roomId of envRooms) {
    const room = s.rooms[roomId]!;
    const cls = room.ashraeClass ?? 'A1';
    const list = sensors.filter((x) => x.roomId === roomId);
    // The first room follows the section's title; later rooms start on a page of their own.
    h.push(`<div${first ? '' : ' class="roomenv"'} id="env-${anchor(roomId)}"><h3>${esc(t('room'))} ${esc(room.name)}</h3>`);
    first = false;
    const a = ALLOWABLE[cls];
    h.push(`<p>${esc(t('envelopeLine', { cls, rmin: RECOMMENDED.minTempC, rmax: RECOMMENDED.maxTempC, amin: a.minTempC, amax: a.maxTempC, rdp: RECOMMENDED.maxDewPointC, adp: a.maxDewPointC }))}</p>`);
    table(h, [t('sensor'), t('placement'), t('samples'), t('span'), t('minTemp'), t('maxTemp'), t('maxDewPoint'), t('outsideRecommended'), t('outsideAllowable')], [false, false, true, false, true, true, true, true, true],
      list.map((x) => {
        const e = env.get(x.id);
        const where = [t(`place_${x.placement}`), x.rackId ? s.racks[x.rackId]?.name : undefined].filter(Boolean).join(' · ');
        if (!e || e.samples === 0) return [nw(x.name), where, '0', '—', '—', '—', '—', '—', '—'];
        return [nw(x.name), where, int(e.samples), { html: `<span class="nowrap">${esc(utcWhen(e.firstT).slice(0, 10))} –</span> <span class="nowrap">${esc(utcWhen(e.lastT).slice(0, 10))}</span>` }, `${dec1(e.minTempC)} °C`, `${dec1(e.maxTempC)} °C`,
          Number.isNaN(e.maxDewPointC) ? '—' : `${dec1(e.maxDewPointC)} °C`,
          { html: e.outsideRecommendedS > 0 ? `<span class="warn">${esc(duration(e.outsideRecommendedS, t))}</span>` : '0' },
          { html: e.outsideAllowableS > 0 ? `<span class="bad">${esc(duration(e.outsideAllowableS, t))}</span>` : '0' }];
      }));
    const xs = list.flatMap((x) => (env.get(x.id)?.excursions ?? []).map((e) => ({ sensor: x, e })));
    h.push(`<h4>${esc(t('excursions'))}</h4>`);
    if (xs.length === 0) h.push(`<p class="ok">${esc(opts.readings ? t('noExcursions') : '—')}</p>`);
    else {
      xs.sort((p, q) => p.e.startT - q.e.startT);
      table(h, [t('sensor'), t('start'), t('duration'), t('level'), t('crossed'), t('maxTemp'), t('maxDewPoint')], [false, false, true, false, false, true, true],
        xs.slice(0, EXCURSION_LINES).map(({ sensor, e }) => [nw(sensor.name), nw(utcWhen(e.startT)), duration(e.endT - e.startT, t),
          { html: e.level === 'outside' ? `<span class="badge overdue">⚠ ${esc(t('lvl_outside'))}</span>` : `<span class="badge due">◷ ${esc(t('lvl_allowable'))}</span>` },
          e.crossed.map((c) => t(`cross_${c}`)).join(', '), `${dec1(e.maxTemperatureC)} °C`, Number.isNaN(e.maxDewPointC) ? '—' : `${dec1(e.maxDewPointC)} °C`]));
      if (xs.length > EXCURSION_LINES) h.push(`<p class="muted">${esc(t('andMore', { count: int(xs.length - EXCURSION_LINES) }))}</p>`);
    }
    const withData = list.filter((x) => (env.get(x.id)?.samples ?? 0) > 0);
    if (withData.length > 0) h.push(chartLegend(t));
    for (const x of withData) {
      if (charts >= CHARTS_PER_REPORT) break;
      charts++;
      const e = env.get(x.id)!;
      h.push(`<figure class="chart"><figcaption>${esc(x.name)} <small>${esc(t('chartCaption', { samples: int(e.samples), buckets: int(e.buckets.t.length), cls }))}</small></figcaption>`);
      h.push(chartSvg(e, period, cls, t, lang), '</figure>');
    }
    h.push('</div>');
  }
  const withData = sensors.filter((x) => (env.get(x.id)?.samples ?? 0) > 0).length;
  if (withData > charts) h.push(`<p class="muted">${esc(t('chartsCapped', { shown: int(charts), count: int(withData) }))}</p>`);
  h.push('</section>');
  step('environment');

  // ------------------------------------------------------------------ event log
  h.push(`<section class="page" id="events"><h2>${esc(t('eventLog'))}</h2>`);
  const events = eventLog(s, period, nowMs, t, int);
  if (events.length === 0) h.push(`<p class="muted">${esc(t('noneInPeriod'))}</p>`);
  else {
    table(h, [t('when'), t('category'), t('severity'), t('title'), t('asset')], [false, false, false, false, false],
      events.slice(0, LOG_LINES).map((e) => [{ html: `<span class="nowrap">${esc(when(e.at))}</span>` }, t(`ecat_${e.category}`),
        { html: e.severity === 'critical' ? `<span class="badge overdue">⚠ ${esc(t('esev_critical'))}</span>` : e.severity === 'warning' ? `<span class="badge due">! ${esc(t('esev_warning'))}</span>` : esc(t('esev_info')) },
        { html: `<b>${esc(e.title)}</b>${e.detail ? `<span class="sub">${esc(e.detail)}</span>` : ''}` }, e.asset ? assetName(s, e.asset) : '—']));
    if (events.length > LOG_LINES) h.push(`<p class="muted">${esc(t('andMore', { count: int(events.length - LOG_LINES) }))}</p>`);
  }
  h.push('</section>');
  step('events');

  // ------------------------------------------------------------------ contacts
  h.push(`<section class="page" id="contacts"><h2>${esc(t('contacts'))}</h2>`);
  const contacts = Object.values(s.contacts);
  if (contacts.length === 0) h.push(`<p class="muted">${esc(t('noneRecorded'))}</p>`);
  else {
    // One line per asset or system and level: the escalation order is read per asset.
    const lines = contacts.flatMap((c) => (c.assets.length ? c.assets.map((a) => ({ c, target: assetName(s, a), kind: t(`assetKind_${a.assetKind}`) })) : [{ c, target: t('wholeSite'), kind: '' }]));
    lines.sort((a, b) => (a.kind === '' ? -1 : b.kind === '' ? 1 : naturalCompare(a.target, b.target)) || a.c.escalationLevel - b.c.escalationLevel || naturalCompare(a.c.name, b.c.name));
    table(h, [t('assetOrSystem'), t('level'), t('name'), t('role'), t('phone'), t('email'), t('hours'), t('contract')], [false, true, false, false, false, false, false, false],
      lines.slice(0, LOG_LINES * 2).map(({ c, target, kind }) => [{ html: `${esc(target)}${kind ? `<span class="sub">${esc(kind)}</span>` : ''}` }, String(c.escalationLevel),
        { html: `<b>${esc(c.name)}</b>${c.organisation ? `<span class="sub">${esc(c.organisation)}</span>` : ''}` }, t(`role_${c.role}`), nw(c.phone ?? '—'), c.email ?? '—', c.hours ?? '—', c.contractRef ?? '—']));
  }
  h.push('</section></body></html>');
  step('done');
  progress(total, total, 'done');
  return h.parts.join('');
}

/** Counts per register and the items, most urgent first: the ops report's first section and the design report's compact one. */
function attentionBody(h: Html, s: DocumentSnapshot, items: readonly AttentionItem[], t: T, int: (n: number) => string, dec1: (n: number) => string, limit: number, onlyOverdue = false, registers = REGISTERS): void {
  h.push(`<div class="kpis regs" style="grid-template-columns:repeat(${registers.length},1fr)">`);
  for (const r of registers) {
    const list = items.filter((i) => i.register === r);
    const over = list.filter((i) => i.severity === 'overdue').length;
    const due = list.length - over;
    h.push(`<div class="kpi"><b${over > 0 ? ' class="bad"' : ''}>${int(over)} <small>${esc(t('sevOverdue').toLowerCase())}</small></b><span>${esc(t(REGISTER_KEY[r]))} · ${esc(t('dueCount', { count: int(due) }))}</span></div>`);
  }
  h.push('</div>');
  const shown = (onlyOverdue ? items.filter((i) => i.severity === 'overdue') : items).slice(0, limit);
  if (items.length === 0) {
    h.push(`<p class="ok">✓ ${esc(t('nothingNeedsAttention'))}</p>`);
    return;
  }
  if (shown.length > 0) {
    table(h, [t('severity'), t('register'), t('item'), t('due'), t('asset')], [false, false, false, false, false],
      shown.map((i) => [{ html: severityBadge(i.severity, t) }, t(REGISTER_KEY[i.register]), attentionText(i, t, dec1), nw(i.dueDate ?? '—'), i.asset ? nw(assetName(s, i.asset)) : '—']));
  }
  const rest = (onlyOverdue ? items.filter((i) => i.severity === 'overdue').length : items.length) - shown.length;
  if (rest > 0) h.push(`<p class="muted">${esc(t('andMore', { count: int(rest) }))}</p>`);
}

/**
 * The design report's compact "Operations" page: the needs-attention counts by register and the
 * top overdue items. Judged without excursions (the design report does not read readings), which
 * the page says.
 */
export function opsStatusSection(h: Html, s: DocumentSnapshot, opts: { lang: Lang; nowMs: number; id: string; top?: number }): void {
  const t = translator(opts.lang);
  const int = numberFormat(opts.lang, 0);
  const items = needsAttention(s, { nowMs: opts.nowMs }).filter((i) => i.register !== 'environment');
  // The design report's own CSS has no badges: this page brings the operations report's (scoped by class names).
  h.push(`<style>${OPS_CSS}</style>`);
  h.push(`<section class="page" id="${opts.id}"><h2>${esc(t('opsStatus'))}</h2><p class="muted">${esc(t('opsStatusText', { date: localDay(opts.nowMs) }))}</p>`);
  attentionBody(h, s, items, t, int, numberFormat(opts.lang, 1), opts.top ?? 15, true, REGISTERS.filter((r) => r !== 'environment'));
  h.push('</section>');
}

function outcomeBadge(o: NonNullable<MaintenanceEntry['outcome']>, t: T): string {
  const cls = o === 'success' ? 'ok' : o === 'partial' ? 'due' : 'fail';
  const sym = o === 'success' ? '✓' : o === 'partial' ? '◐' : '✗';
  return `<span class="badge ${cls}">${sym} ${esc(t(`out_${o}`))}</span>`;
}

function runTable(h: Html, s: DocumentSnapshot, runs: readonly BackupRun[], t: T, dec1: (n: number) => string): void {
  const size = (b: number | undefined) => (b === undefined ? '—' : b >= 1e12 ? `${dec1(b / 1e12)} TB` : b >= 1e9 ? `${dec1(b / 1e9)} GB` : `${dec1(b / 1e6)} MB`);
  table(h, [t('start'), t('policy'), t('kind'), t('status'), t('size'), t('note')], [false, false, false, false, true, false],
    runs.map((r) => [{ html: `<span class="nowrap">${esc(when(r.startedAt))}</span>` }, s.backupPolicies[r.policyId]?.name ?? r.policyId, t(r.kind === 'backup' ? 'runBackup' : 'runRestoreTest'),
      { html: r.status === 'success' ? okBadge(t, 'rs_success') : r.status === 'partial' ? `<span class="badge due">◐ ${esc(t('rs_partial'))}</span>` : `<span class="badge fail">✗ ${esc(t('rs_failed'))}</span>` },
      size(r.sizeBytes), r.note ?? '']));
}

// ---------------------------------------------------------------- environment

interface SensorEnv {
  samples: number;
  firstT: number;
  lastT: number;
  minTempC: number;
  maxTempC: number;
  maxDewPointC: number;
  outsideRecommendedS: number;
  outsideAllowableS: number;
  excursions: Excursion[];
  buckets: ReturnType<typeof bucketize>;
}

/**
 * What the report says about one sensor over the period. Time outside an envelope counts each
 * sample's interval to the next one (capped at the gap that ends an excursion, so a sensor
 * offline overnight does not count the night).
 */
function sensorEnv(s: DocumentSnapshot, sensor: Sensor, series: Series, period: OpsPeriod, minDurationS: number): SensorEnv {
  const cls = s.rooms[sensor.roomId]?.ashraeClass ?? 'A1';
  // Exhaust air (outlet, return) is charted but not judged by the inlet envelopes.
  const judged = judgedByEnvelope(sensor);
  const { t, temperatureC, humidityPct } = series;
  const n = t.length;
  const step = medianStep(t);
  const maxGap = Math.max(900, 3 * step);
  let minT = Infinity;
  let maxT = -Infinity;
  let maxDp = NaN;
  let outRec = 0;
  let outAll = 0;
  const allowable = ALLOWABLE[cls];
  for (let i = 0; i < n; i++) {
    const temp = temperatureC[i]!;
    const rh = Number.isNaN(humidityPct[i]!) ? null : humidityPct[i]!;
    if (temp < minT) minT = temp;
    if (temp > maxT) maxT = temp;
    if (rh !== null) {
      const dp = dewPointC(temp, rh);
      if (Number.isNaN(maxDp) || dp > maxDp) maxDp = dp;
    }
    const dt = i + 1 < n ? Math.min(t[i + 1]! - t[i]!, maxGap) : Math.min(step, maxGap);
    if (judged && envelopeBreaches(RECOMMENDED, temp, rh).length > 0) {
      outRec += dt;
      if (envelopeBreaches(allowable, temp, rh).length > 0) outAll += dt;
    }
  }
  return {
    samples: n, firstT: n ? t[0]! : 0, lastT: n ? t[n - 1]! : 0, minTempC: minT, maxTempC: maxT, maxDewPointC: maxDp,
    outsideRecommendedS: outRec, outsideAllowableS: outAll, excursions: judged ? excursions(series, cls, { minDurationS }) : [],
    buckets: bucketize(series, period.fromT, period.toT, chartBuckets(period)),
  };
}

function chartLegend(t: T): string {
  const sw = (body: string) => `<svg width="22" height="10" viewBox="0 0 22 10" aria-hidden="true">${body}</svg>`;
  return `<div class="chartlegend">
<span>${sw(`<rect x="0" y="0" width="22" height="10" fill="${C.recommended}" stroke="#15803d" stroke-width="0.8"/>`)}${esc(t('lgRecommended'))}</span>
<span>${sw(`<rect x="0" y="0" width="22" height="10" fill="${C.allowable}" stroke="#b45309" stroke-width="0.8" stroke-dasharray="2 1.5"/>`)}${esc(t('lgAllowable'))}</span>
<span>${sw(`<rect x="0" y="2" width="22" height="6" fill="${C.band}"/><line x1="0" y1="5" x2="22" y2="5" stroke="${C.mean}" stroke-width="1.6"/>`)}${esc(t('lgTemperature'))}</span>
<span>${sw(`<line x1="0" y1="5" x2="22" y2="5" stroke="${C.dew}" stroke-width="1.4" stroke-dasharray="3 2"/>`)}${esc(t('lgDewPoint'))}</span>
<span>${sw(`<path d="M6 9 L11 2 L16 9 Z" fill="${C.excursion}"/>`)}${esc(t('lgExcursion'))}</span></div>`;
}

/**
 * One sensor's chart: the allowable and recommended temperature bands behind, the min–max band
 * and mean temperature per bucket, the highest dew point per bucket (dashed), and a triangle under
 * each excursion. Temperatures and dew points share the °C axis.
 */
function chartSvg(e: SensorEnv, period: OpsPeriod, cls: keyof typeof ALLOWABLE, t: T, lang: Lang): string {
  const W = 720;
  const H = 190;
  const L = 40;
  const R = 22;
  const TOP = 8;
  const B = 26;
  const b = e.buckets;
  const a = ALLOWABLE[cls];
  let lo = Math.min(RECOMMENDED.minTempC, e.minTempC);
  let hi = Math.max(RECOMMENDED.maxTempC, e.maxTempC);
  for (let i = 0; i < b.t.length; i++) if (!Number.isNaN(b.dewPointMax[i]!)) lo = Math.min(lo, b.dewPointMax[i]!);
  lo = Math.floor((lo - 1) / 5) * 5;
  hi = Math.ceil((hi + 1) / 5) * 5;
  const x = (tt: number) => L + ((tt - period.fromT) / (period.toT - period.fromT)) * (W - L - R);
  const y = (v: number) => TOP + ((hi - v) / (hi - lo)) * (H - TOP - B);
  const f = (n: number) => n.toFixed(1);
  const band = (from: number, to: number, fill: string, stroke: string, dash = '') => {
    const y1 = y(Math.min(hi, to));
    const y2 = y(Math.max(lo, from));
    return y2 > y1 ? `<rect x="${L}" y="${f(y1)}" width="${W - L - R}" height="${f(y2 - y1)}" fill="${fill}" stroke="${stroke}" stroke-width="0.8"${dash ? ` stroke-dasharray="${dash}"` : ''}/>` : '';
  };
  const parts: string[] = [];
  parts.push(band(a.minTempC, a.maxTempC, C.allowable, '#b45309', '4 3'), band(RECOMMENDED.minTempC, RECOMMENDED.maxTempC, C.recommended, '#15803d'));
  for (let v = lo; v <= hi; v += 5) parts.push(`<line x1="${L}" x2="${W - R}" y1="${f(y(v))}" y2="${f(y(v))}" stroke="${C.grid}" stroke-width="0.6"/><text x="${L - 4}" y="${f(y(v) + 4)}" text-anchor="end">${v}</text>`);
  parts.push(`<text x="4" y="${TOP + 10}">°C</text>`);
  // Date ticks: about six, on whole days.
  const days = Math.round((period.toT - period.fromT) / DAY_S);
  const every = Math.max(1, Math.ceil(days / 6));
  const fmt = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
  for (let d = 0; d <= days; d += every) {
    const tt = period.fromT + d * DAY_S;
    parts.push(`<line x1="${f(x(tt))}" x2="${f(x(tt))}" y1="${TOP}" y2="${H - B}" stroke="${C.grid}" stroke-width="0.6"/><text x="${f(x(tt))}" y="${H - B + 14}" text-anchor="middle">${esc(fmt.format(new Date(tt * 1000)))}</text>`);
  }
  // Min–max band and mean line, broken where buckets are empty (no reading: no line).
  const width = (period.toT - period.fromT) / b.t.length;
  let upper: string[] = [];
  let lower: string[] = [];
  let mean: string[] = [];
  let dew: string[] = [];
  const flush = () => {
    if (upper.length) {
      parts.push(`<path d="M${upper.join('L')}L${lower.reverse().join('L')}Z" fill="${C.band}" stroke="${C.band}" stroke-width="1"/>`);
      parts.push(`<path d="M${mean.join('L')}" fill="none" stroke="${C.mean}" stroke-width="1.6" stroke-linejoin="round"/>`);
    }
    upper = [];
    lower = [];
    mean = [];
  };
  const dewParts: string[] = [];
  const flushDew = () => {
    if (dew.length > 1) dewParts.push(`<path d="M${dew.join('L')}" fill="none" stroke="${C.dew}" stroke-width="1.3" stroke-dasharray="4 3"/>`);
    dew = [];
  };
  for (let i = 0; i < b.t.length; i++) {
    if (b.count[i] === 0) {
      flush();
      flushDew();
      continue;
    }
    const cx = f(x(b.t[i]! + width / 2));
    upper.push(`${cx},${f(y(b.tempMax[i]!))}`);
    lower.push(`${cx},${f(y(b.tempMin[i]!))}`);
    mean.push(`${cx},${f(y(b.tempMean[i]!))}`);
    if (Number.isNaN(b.dewPointMax[i]!)) flushDew();
    else dew.push(`${cx},${f(y(b.dewPointMax[i]!))}`);
  }
  flush();
  flushDew();
  parts.push(...dewParts);
  for (const ex of e.excursions) {
    const cx = x((ex.startT + ex.endT) / 2);
    parts.push(`<path d="M${f(cx - 5)},${H - B} L${f(cx)},${H - B - 8} L${f(cx + 5)},${H - B} Z" fill="${C.excursion}"><title>${esc(t(ex.level === 'outside' ? 'lvl_outside' : 'lvl_allowable'))}</title></path>`);
  }
  parts.push(`<rect x="${L}" y="${TOP}" width="${W - L - R}" height="${H - TOP - B}" fill="none" stroke="${C.axis}" stroke-width="0.8"/>`);
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(t('lgTemperature'))}">${parts.join('')}</svg>`;
}

// ---------------------------------------------------------------- event log

interface LogEntry {
  at: string;
  category: OpsEvent['category'];
  severity: OpsEvent['severity'];
  title: string;
  detail?: string;
  asset?: AssetRef;
}

/**
 * The period's timeline, newest first: `buildTimeline` (core/ops/timeline.ts, the app's event log)
 * cut to the period, with each entry's words rebuilt in the report's language from its source
 * record. Successful backups are left out: the backups section lists every run, and 90 nights of
 * "backup succeeded" would bury the events.
 */
function eventLog(s: DocumentSnapshot, period: OpsPeriod, nowMs: number, t: T, int: (n: number) => string): LogEntry[] {
  const all = buildTimeline(s, { before: new Date(period.toT * 1000).toISOString(), limit: Number.MAX_SAFE_INTEGER, nowMs });
  const out: LogEntry[] = [];
  for (const e of all) {
    if (Date.parse(e.at) < period.fromT * 1000) break;
    const { kind, id } = e.source;
    const base = { at: e.at, category: e.category, severity: e.severity, ...(e.asset ? { asset: e.asset } : {}) };
    if (kind === 'backupRuns') {
      const r = s.backupRuns[id];
      if (!r || (r.kind === 'backup' && r.status === 'success')) continue;
      out.push({ ...base, title: t('evBackupRun', { what: t(r.kind === 'backup' ? 'runBackup' : 'runRestoreTest'), policy: s.backupPolicies[r.policyId]?.name ?? r.policyId, status: t(`rs_${r.status}`).toLowerCase() }), ...(r.note ? { detail: r.note } : {}) });
    } else if (kind === 'maintenance' && s.maintenance[id]) {
      const m = s.maintenance[id];
      const versions = m.fromVersion || m.toVersion ? `${m.fromVersion ?? '?'} → ${m.toVersion ?? '?'}` : '';
      out.push({ ...base, title: m.title, detail: [t(`mst_${m.status}`), m.outcome ? t(`out_${m.outcome}`) : '', versions, m.performedBy ?? ''].filter(Boolean).join(' · ') });
    } else if (kind === 'readingImports' && s.readingImports[id]) {
      const i = s.readingImports[id];
      out.push({ ...base, title: t('evReadingsImported', { count: int(i.rows), file: i.fileName }), ...(i.importedBy ? { detail: i.importedBy } : {}) });
    } else if (kind === 'licences' && s.licences[id]) {
      const l = s.licences[id];
      out.push({ ...base, title: t('evLicenceExpired', { licence: `${l.vendor} ${l.product}` }), ...(l.contractRef ? { detail: l.contractRef } : {}) });
    } else if (kind === 'cxIssues' && s.cxIssues[id]) {
      const i = s.cxIssues[id];
      // One issue gives two entries: raised (at its creation) and closed.
      const raised = e.at === i.createdAt;
      out.push({ ...base, title: t(raised ? 'evIssueRaised' : 'evIssueClosed', { title: i.title }), detail: raised ? `${t(`sev_${i.severity}`)} · ${i.createdBy}` : i.author });
    } else if (kind === 'cxSignOffs' && s.cxSignOffs[id]) {
      const so = s.cxSignOffs[id];
      const inst = s.cxInstances[so.instanceId];
      const what = inst ? `${inst.level} ${s.cxTemplates[`${inst.templateId}@${inst.templateVersion}`]?.title ?? inst.templateId}` : so.instanceId;
      const invalidated = so.invalidatedAt !== undefined && e.at === so.invalidatedAt && e.severity === 'warning';
      out.push({ ...base, title: t(invalidated ? 'evSignInvalidated' : 'evSigned', { what, name: so.name }), detail: invalidated ? (so.invalidatedReason ?? '') : [so.role, so.company].filter(Boolean).join(', ') });
    } else {
      out.push({ ...base, title: e.title, ...(e.detail ? { detail: e.detail } : {}) });
    }
  }
  return out;
}
