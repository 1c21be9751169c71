/**
 * The commissioning report (issue 6 §2) as one self-contained HTML document, printed to PDF by
 * the same pipeline as the design report (page frame, contents with page numbers, running header
 * and footer: core/report/design.ts).
 *
 * Order: cover, contents, executive summary (per level, open issues, the verdict), then per level
 * L1 → L5 an index of its checklists followed by each started checklist on its own page (header,
 * items with value / result / note / who / when, table items as sub-tables, captioned photos,
 * sign-offs with the drawn signature), then the issues log and a close-out page.
 *
 * Pure: the caller passes the snapshot and a photo lookup (photos are blobs in the project file,
 * read by electron/report/cx-report.ts). A checklist nobody has started prints as one line of its
 * level's index, not as a page of empty items, so a 5,000-rack site stays a readable size.
 */
import type { CxAnswer, CxInstance, CxIssue, CxSignOff, DocumentSnapshot } from '../model/schema';
import { CX_SEVERITIES } from '../model/schema';
import { isValidSignOff } from '../cx/gating';
import { filterIssues, isOverdue } from '../cx/issues';
import { answersOf, instanceProgress, planEnv, templatePlan } from '../cx/progress';
import { conditionHolds, isNA, isVisible, itemStatus, rowEnv, type AnswerValue, type SignatureAnswer, type TableRowAnswer } from '../cx/evaluate';
import type { ItemStatus } from '../cx/expr';
import type { ChecklistTemplate, ColumnItem, Item, NumericItem, TableItem } from '../cx/template';
import { cxSummary, isCompleteCounts, today as localToday, type CxLevelSummary, type CxSummary } from './cx-data';
import { aborted, anchor, Html, reportCss, selectRooms, table, type CellIn, type DesignReportOptions } from './design';
import { translator, numberFormat, type Lang, type StringKey } from './i18n';
import { esc } from './svg';

/** A photo blob as the report embeds it. */
export interface ReportPhoto {
  mime: string;
  dataBase64: string;
}

export interface CxReportOptions extends Omit<DesignReportOptions, 'history' | 'findingText'> {
  /** Reads a photo blob (`blob:<sha256>`); undefined when the file does not hold it. */
  photo?: (blobId: string) => ReportPhoto | undefined;
  /** The date overdue is judged against (YYYY-MM-DD; default: the report's date). */
  today?: string;
}

/** Photos shown per checklist, and in the whole report: a report, not a photo archive. */
export const PHOTOS_PER_CHECKLIST = 12;
export const PHOTOS_PER_REPORT = 600;
/** Lines of the close-out lists before "… and N more". */
const CLOSE_OUT_LINES = 200;

const PHOTO_MIMES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** SVG path data only: commands, numbers, separators (no markup can hide in it). */
const PATH_DATA = /^[MmLlHhVvCcSsQqTtAaZz0-9eE.,+\-\s]+$/;

const CX_CSS = `
.badge{display:inline-block;padding:0.2mm 1.3mm;border-radius:1mm;border:0.25mm solid;font-weight:bold;font-size:7pt;white-space:nowrap}
.badge.pass{color:#14532d;border-color:#15803d;background:#dcfce7}
.badge.fail{color:#7f1d1d;border-color:#b91c1c;background:#fee2e2}
.badge.na{color:#374151;border-color:#6b7280;background:#f3f4f6}
.badge.open{color:#6b7280;border-color:#9ca3af;border-style:dashed;background:#fff}
.clhead{display:grid;grid-template-columns:28mm 1fr 28mm 1fr;gap:1mm 3mm;margin:0 0 3mm;font-size:8.5pt}
.clhead dt{color:#4b5563}
.clhead dd{margin:0}
h2 small{font-weight:normal;color:#4b5563;font-size:10pt}
h4{font-size:9.5pt;margin:3mm 0 1.5mm;color:#1f2937;break-after:avoid}
td .crit{display:block;color:#6b7280;font-size:7pt}
td.res{white-space:nowrap;width:1%}
table.items{table-layout:fixed}
table.items td{overflow-wrap:anywhere}
table.sub{margin:0.5mm 0 1mm;font-size:7.5pt}
table.sub td:first-child{white-space:nowrap}
table.sub td,table.sub th{overflow-wrap:normal}
table.items td:last-child{white-space:nowrap}
.signblock{break-inside:avoid}
table.sub th{background:#f8fafc}
tr.subrow>td{padding-top:0;border-bottom:0.15mm solid #e5e7eb}
.photos{display:grid;grid-template-columns:repeat(3,1fr);gap:3mm;margin:0 0 3mm}
.photos figure{break-inside:avoid;border:0.2mm solid #e5e7eb;padding:1mm}
.photos img{display:block;width:100%;height:42mm;object-fit:contain;background:#f3f4f6}
.photos figcaption{font-size:7pt;color:#374151;margin-top:1mm}
img.sig,svg.sig{display:block;height:13mm;width:44mm;object-fit:contain}
svg.sig path{fill:none;stroke:#111827;stroke-width:3;stroke-linecap:round;stroke-linejoin:round}
tr.void td{color:#6b7280}
tr.void td.who{text-decoration:line-through}
tr.void .sig{opacity:0.4}
.voidwhy{display:block;color:#b91c1c;font-size:7pt;text-decoration:none}
.issue-sev{font-weight:bold}
`;

type T = ReturnType<typeof translator>;

/** Builds the commissioning report. Throws an `AbortError` when `signal` is aborted. */
export function cxReportHtml(s: DocumentSnapshot, opts: CxReportOptions = {}): string {
  const lang: Lang = opts.lang ?? 'en';
  const paper = opts.paper ?? 'a4';
  const t = translator(lang);
  const int = numberFormat(lang, 0);
  const date = opts.date ?? localToday();
  const today = opts.today ?? date;
  const roomIds = opts.room ? selectRooms(s, opts.room) : undefined;
  const summary = cxSummary(s, { roomIds: roomIds ? new Set(roomIds) : undefined, today });
  const progress = opts.onProgress ?? (() => {});
  const total = summary.instances.length + 4;
  let done = 0;
  const step = (phase: string) => {
    done++;
    // Reporting every checklist of a 5,000-checklist site would flood the channel.
    if (done % 25 === 0 || done >= total - 4) progress(done, total, phase);
    aborted(opts.signal);
  };
  aborted(opts.signal);
  progress(0, total, 'summary');
  const numbers = new NumberCache(lang);
  const photos = new PhotoEmbedder(opts.photo);

  const h = new Html();
  h.push(`<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="generator" content="Plenum">`);
  h.push(`<title>${esc(`${t('cxReport')} — ${s.project.name}`)}</title><style>${reportCss(paper)}${CX_CSS}</style></head><body>`);

  // ------------------------------------------------------------------ cover
  h.push('<section class="cover">');
  if (opts.logoDataUrl) {
    if (!/^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,/.test(opts.logoDataUrl)) throw new Error('the logo must be a data:image/… URL');
    h.push(`<img class="logo" alt="" src="${opts.logoDataUrl}">`);
  }
  h.push(`<div class="kind">${esc(t('cxReport'))}</div><h1>${esc(s.project.name)}</h1><dl>`);
  const coverRows: Array<[StringKey, string | undefined]> = [
    ['site', s.project.site ? `${s.project.site.name}${s.project.site.address ? `, ${s.project.site.address}` : ''}` : undefined],
    ['rooms', roomIds?.map((id) => s.rooms[id]!.name).join(', ')],
    ['checklists', int(summary.totals.checklists)],
    ['revision', opts.revision], ['date', date], ['author', opts.author],
  ];
  for (const [k, v] of coverRows) if (v) h.push(`<dt>${esc(t(k))}</dt><dd>${esc(v)}</dd>`);
  h.push('</dl></section>');

  // ------------------------------------------------------------------ contents
  const toc: Array<{ id: string; title: string; sub?: boolean }> = [{ id: 'summary', title: t('executiveSummary') }];
  for (const l of summary.levels) toc.push({ id: `level-${l.level}`, title: t(`level_${l.level as CxInstance['level']}`) });
  toc.push({ id: 'issues', title: t('issuesLog') }, { id: 'closeout', title: t('closeOut') });
  h.push(`<section class="page toc"><h2>${esc(t('contents'))}</h2><ol>`);
  for (const e of toc) h.push(`<li${e.sub ? ' class="sub"' : ''}><a href="#${e.id}">${esc(e.title)}</a><span class="pg" data-toc="${e.id}"></span></li>`);
  h.push('</ol></section>');

  // ------------------------------------------------------------------ executive summary
  h.push(`<section class="page" id="summary"><h2>${esc(t('executiveSummary'))}</h2>`);
  cxStatusBody(h, summary, t, lang);
  roomTable(h, s, summary, t, int);
  h.push('</section>');
  step('summary');

  // ------------------------------------------------------------------ levels
  const byLevel = new Map<string, CxInstance[]>();
  for (const i of summary.instances) {
    const list = byLevel.get(i.level);
    if (list) list.push(i);
    else byLevel.set(i.level, [i]);
  }
  for (const l of summary.levels) {
    const list = byLevel.get(l.level) ?? [];
    h.push(`<section class="page" id="level-${l.level}"><h2>${esc(t(`level_${l.level as CxInstance['level']}`))}</h2>`);
    h.push(`<p>${esc(levelLine(l, t, int))}</p>`);
    h.push(`<h3>${esc(t('levelIndex'))}</h3>`);
    table(h, [t('asset'), t('location'), t('template'), t('status'), t('progress'), t('passed'), t('failed'), t('naShort'), t('signed')], [false, false, false, false, true, true, true, true, false],
      list.map((i) => {
        const a = summary.assets.info(i.assetKind, i.assetId, i.roomId);
        const c = summary.byInstance.get(i.id);
        const st = statusOf(summary, i);
        const name = started(summary, i) ? { html: `<a href="#cl-${anchor(i.id)}">${esc(a.name)}</a>` } : a.name;
        return [name, a.location, `${summary.templateOf(i)?.title ?? i.templateId} v${i.templateVersion}`, { html: statusBadge(st, t) },
          c ? `${int(c.requiredAnswered)}/${int(c.required)}` : '—', c ? int(c.passed) : '—', c ? { html: c.failed > 0 ? `<span class="bad">${int(c.failed)}</span>` : int(c.failed) } : '—', c ? int(c.na) : '—',
          summary.signedIds.has(i.id) ? t('st_signed') : '—'];
      }));
    h.push('</section>');
    for (const i of list) {
      if (started(summary, i)) checklistPage(h, summary, i, { t, lang, numbers, photos });
      step(`checklist ${i.id}`);
    }
  }

  // ------------------------------------------------------------------ issues log
  const issues = filterIssues(summary.issues, {}, today);
  h.push(`<section class="page" id="issues"><h2>${esc(t('issuesLog'))}</h2>`);
  if (issues.length === 0) h.push(`<p class="ok">${esc(t('noIssues'))}</p>`);
  else issueTable(h, s, summary, issues, t, today);
  h.push('</section>');
  step('issues');

  // ------------------------------------------------------------------ close-out
  h.push(`<section class="page" id="closeout"><h2>${esc(t('closeOut'))}</h2>`);
  h.push(`<div class="verdict ${summary.verdict}">${esc(verdictText(summary, t))}</div>`);
  const open = summary.instances.filter((i) => !isCompleteCounts(summary.byInstance.get(i.id)) || !summary.signedIds.has(i.id));
  h.push(`<h3>${esc(t('openChecklists', { count: int(open.length) }))}</h3>`);
  if (open.length === 0) h.push(`<p class="ok">${esc(t('noneOutstanding'))}</p>`);
  else {
    table(h, [t('level'), t('asset'), t('location'), t('template'), t('status'), t('progress')], [false, false, false, false, false, true],
      open.slice(0, CLOSE_OUT_LINES).map((i) => {
        const a = summary.assets.info(i.assetKind, i.assetId, i.roomId);
        const c = summary.byInstance.get(i.id);
        return [i.level, a.name, a.location, summary.templateOf(i)?.title ?? i.templateId, { html: statusBadge(statusOf(summary, i), t) }, c ? `${int(c.requiredAnswered)}/${int(c.required)}` : '—'];
      }));
    if (open.length > CLOSE_OUT_LINES) h.push(`<p class="muted">${esc(t('andMore', { count: int(open.length - CLOSE_OUT_LINES) }))}</p>`);
  }
  const blocking = new Set<string>(summary.blockingSeverities);
  const outstanding = issues.filter((i) => i.status !== 'closed' && blocking.has(i.severity));
  h.push(`<h3>${esc(t('outstandingBlocking', { count: int(outstanding.length) }))}</h3>`);
  if (outstanding.length === 0) h.push(`<p class="ok">${esc(t('noneOutstanding'))}</p>`);
  else {
    issueTable(h, s, summary, outstanding.slice(0, CLOSE_OUT_LINES), t, today, true);
    if (outstanding.length > CLOSE_OUT_LINES) h.push(`<p class="muted">${esc(t('andMore', { count: int(outstanding.length - CLOSE_OUT_LINES) }))}</p>`);
  }
  h.push(`<div class="signblock"><h3>${esc(t('signOff'))}</h3><p>${esc(t('closeOutSignText'))}</p>`);
  h.push(`<p class="muted">${esc(s.project.name)}${opts.revision ? ` · ${esc(t('revision'))} ${esc(opts.revision)}` : ''} · ${esc(date)}</p>`);
  h.push(`<div class="sign head"><div></div><div>${esc(t('name'))}</div><div>${esc(t('company'))}</div><div>${esc(t('signature'))}</div><div>${esc(t('date'))}</div></div>`);
  for (const k of ['cxAgent', 'ownerRep'] as const) h.push(`<div class="sign"><div>${esc(t(k))}</div><div></div><div></div><div></div><div></div></div>`);
  h.push('</div></section></body></html>');
  step('done');
  progress(total, total, 'done');
  return h.parts.join('');
}

/**
 * The summary block (per-level table, open issues by severity, the verdict): the commissioning
 * report's executive summary and the design report's "commissioning status" page print this same
 * block, so their numbers cannot disagree.
 */
export function cxStatusBody(h: Html, summary: CxSummary, t: T, lang: Lang): void {
  const int = numberFormat(lang, 0);
  h.push(`<div class="verdict ${summary.verdict}">${esc(verdictText(summary, t))}</div>`);
  if (summary.orphans.length > 0) h.push(`<p class="warn">${esc(t('verdictOrphans', { count: int(summary.orphans.length) }))}</p>`);
  if (summary.totals.checklists > 0) {
    const pct = (c: CxLevelSummary) => (c.required === 0 ? '—' : `${Math.floor((100 * c.requiredAnswered) / c.required)} %`);
    const line = (c: CxLevelSummary): CellIn[] => [c.level === 'all' ? t('allLevels') : t(`level_${c.level}`), int(c.checklists), int(c.complete), int(c.signed), int(c.required), int(c.requiredAnswered), pct(c),
      int(c.passed), { html: c.failed > 0 ? `<span class="bad">${int(c.failed)}</span>` : int(c.failed) }, int(c.na)];
    table(h, [t('level'), t('checklists'), t('complete'), t('signed'), t('required'), t('answered'), t('progress'), t('passed'), t('failed'), t('naShort')], [false, true, true, true, true, true, true, true, true, true],
      summary.levels.map(line), line(summary.totals).map((c) => (typeof c === 'string' ? c : int(summary.totals.failed))));
  }
  h.push(`<h3>${esc(t('openIssuesBySeverity'))}</h3><div class="kpis">`);
  for (const sev of CX_SEVERITIES) h.push(`<div class="kpi"><b${summary.openIssues[sev] > 0 && summary.blockingSeverities.includes(sev) ? ' class="bad"' : ''}>${int(summary.openIssues[sev])}</b><span>${esc(t(`sev_${sev}`))}</span></div>`);
  h.push('</div>');
  const notes: string[] = [];
  if (summary.overdueIssues > 0) notes.push(t('overdueCount', { count: int(summary.overdueIssues) }));
  notes.push(t('blockingNote', { list: summary.blockingSeverities.map((x) => t(`sev_${x}`)).join(', ') || '—' }));
  h.push(`<p class="muted">${esc(notes.join(' · '))}</p>`);
}

export function verdictText(summary: CxSummary, t: T): string {
  if (summary.verdict === 'none') return t('verdictNone');
  const c = summary.totals;
  if (summary.verdict === 'complete') return t('verdictComplete', { count: c.checklists });
  return t('verdictIncomplete', { complete: c.complete, count: c.checklists, signed: c.signed, failed: c.failed, blocking: summary.blockingIssues });
}

/** The design report's compact "commissioning status" page (only when the project has checklists). */
export function cxStatusSection(h: Html, s: DocumentSnapshot, opts: { lang: Lang; roomIds?: ReadonlySet<string> | undefined; today: string; id: string }): void {
  const t = translator(opts.lang);
  const summary = cxSummary(s, { roomIds: opts.roomIds, today: opts.today });
  h.push(`<section class="page" id="${opts.id}"><h2>${esc(t('cxStatus'))}</h2><p class="muted">${esc(t('cxStatusText'))}</p>`);
  cxStatusBody(h, summary, t, opts.lang);
  h.push('</section>');
}

/** Checklists and open issues per room (one pass over each). */
function roomTable(h: Html, s: DocumentSnapshot, summary: CxSummary, t: T, int: (n: number) => string): void {
  if (summary.instances.length === 0) return;
  const rows = new Map<string, { checklists: number; complete: number; signed: number; failed: number; issues: number }>();
  const get = (roomId: string | null | undefined) => {
    const key = roomId ?? '';
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { checklists: 0, complete: 0, signed: 0, failed: 0, issues: 0 }));
    return r;
  };
  for (const i of summary.instances) {
    const r = get(i.roomId);
    const c = summary.byInstance.get(i.id);
    r.checklists++;
    if (isCompleteCounts(c)) r.complete++;
    if (summary.signedIds.has(i.id)) r.signed++;
    r.failed += c?.failed ?? 0;
  }
  for (const i of summary.issues) if (i.status !== 'closed') get(i.roomId ?? (i.instanceId ? s.cxInstances[i.instanceId]?.roomId : null)).issues++;
  const name = (id: string) => (id === '' ? t('noRoom') : (s.rooms[id]?.name ?? id));
  const keys = [...rows.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : name(a).localeCompare(name(b), undefined, { numeric: true })));
  h.push(`<div class="byroom"><h3>${esc(t('perRoom'))}</h3>`);
  table(h, [t('room'), t('checklists'), t('complete'), t('signed'), t('failed'), t('openIssues')], [false, true, true, true, true, true],
    keys.map((k) => {
      const r = rows.get(k)!;
      return [name(k), int(r.checklists), int(r.complete), int(r.signed), { html: r.failed > 0 ? `<span class="bad">${int(r.failed)}</span>` : int(r.failed) }, int(r.issues)];
    }));
  h.push('</div>');
}

function levelLine(l: CxLevelSummary, t: T, int: (n: number) => string): string {
  return `${t('checklists')}: ${int(l.checklists)} · ${t('complete')}: ${int(l.complete)} · ${t('signed')}: ${int(l.signed)} · ${t('passed')}: ${int(l.passed)} · ${t('failed')}: ${int(l.failed)} · ${t('naShort')}: ${int(l.na)}`;
}

type ChecklistStatus = 'signed' | 'invalidated' | 'complete' | 'inProgress' | 'notStarted';

function started(summary: CxSummary, i: CxInstance): boolean {
  return summary.answersByInstance.has(i.id) || summary.signOffsByInstance.has(i.id);
}

function statusOf(summary: CxSummary, i: CxInstance): ChecklistStatus {
  if (summary.signedIds.has(i.id)) return 'signed';
  if (summary.signOffsByInstance.get(i.id)?.some((x) => x.scope === 'final')) return 'invalidated';
  if (!started(summary, i)) return 'notStarted';
  return isCompleteCounts(summary.byInstance.get(i.id)) ? 'complete' : 'inProgress';
}

function statusBadge(st: ChecklistStatus, t: T): string {
  const cls = st === 'signed' || st === 'complete' ? 'pass' : st === 'invalidated' ? 'fail' : st === 'inProgress' ? 'na' : 'open';
  return `<span class="badge ${cls}">${esc(t(`st_${st}`))}</span>`;
}

/** A result badge: a symbol and a word, so it reads in black and white too. */
function resultBadge(status: ItemStatus | null, t: T): string {
  if (status === 'pass') return `<span class="badge pass">✓ ${esc(t('res_pass'))}</span>`;
  if (status === 'fail') return `<span class="badge fail">✗ ${esc(t('res_fail'))}</span>`;
  if (status === 'na') return `<span class="badge na">– ${esc(t('res_na'))}</span>`;
  return `<span class="badge open">○ ${esc(t('res_open'))}</span>`;
}

/** Recorded local time as written ("2026-11-25 14:05"): the time on site, never converted. */
const when = (iso: string | undefined) => (iso ? iso.replace('T', ' ').slice(0, 16) : '');

class NumberCache {
  private readonly formats = new Map<number, Intl.NumberFormat>();
  constructor(private readonly lang: Lang) {}
  format(n: number, decimals?: number): string {
    const key = decimals ?? -1;
    let f = this.formats.get(key);
    if (!f) this.formats.set(key, (f = new Intl.NumberFormat(this.lang === 'fr' ? 'fr-FR' : 'en-US', decimals === undefined ? { maximumFractionDigits: 6 } : { minimumFractionDigits: decimals, maximumFractionDigits: decimals })));
    return f.format(n);
  }
}

/** Embeds photos as data URLs, within the per-report budget. */
class PhotoEmbedder {
  shown = 0;
  capped = false;
  constructor(private readonly lookup: CxReportOptions['photo']) {}
  /** The data URL, null when the file does not hold it, 'capped' past the budget. */
  take(id: string): string | null | 'capped' {
    if (this.shown >= PHOTOS_PER_REPORT) {
      this.capped = true;
      return 'capped';
    }
    const p = this.lookup?.(id);
    if (!p || !PHOTO_MIMES.has(p.mime) || !BASE64.test(p.dataBase64)) return null;
    this.shown++;
    return `data:${p.mime};base64,${p.dataBase64}`;
  }
}

interface Ctx {
  t: T;
  lang: Lang;
  numbers: NumberCache;
  photos: PhotoEmbedder;
}

function criterion(item: NumericItem, n: NumberCache): string {
  const f = (x: number) => n.format(x, item.decimals);
  const u = item.unit ? `\u00a0${item.unit}` : '';
  const parts: string[] = [];
  if (item.min !== undefined && item.max !== undefined) parts.push(`${f(item.min)}–${f(item.max)}${u}`);
  else if (item.min !== undefined) parts.push(`≥ ${f(item.min)}${u}`);
  else if (item.max !== undefined) parts.push(`≤ ${f(item.max)}${u}`);
  if (item.target !== undefined) {
    const tol = item.tolerance !== undefined ? `${f(item.tolerance)}${u}` : item.tolerancePct !== undefined ? `${n.format(item.tolerancePct)} %` : '';
    parts.push(`${f(item.target)}${u}${tol ? ` ± ${tol}` : ''}`);
  }
  return parts.join(' · ');
}

/** An answer's value for the page: numbers with their unit, choices by label, N/A spelled. */
function valueText(item: Item | ColumnItem, value: AnswerValue | undefined | null, ctx: Ctx): string {
  if (value === undefined || value === null) return '';
  if (isNA(value)) return ctx.t('res_na');
  switch (item.type) {
    case 'check':
      return '';
    case 'numeric':
      return typeof value === 'number' ? `${ctx.numbers.format(value, item.decimals)}${item.unit ? `\u00a0${item.unit}` : ''}` : '';
    case 'choice':
      return typeof value === 'string' ? (item.options.find((o) => o.value === value)?.label ?? value) : '';
    case 'text':
      return typeof value === 'string' ? value : '';
    case 'datetime':
      return typeof value === 'string' ? when(value) || value : '';
    case 'photo':
      return Array.isArray(value) ? `${value.length} × ${ctx.t('photos').toLowerCase()}` : '';
    case 'file':
      return Array.isArray(value) ? ctx.t('files', { count: value.length }) : '';
    case 'signature': {
      const sig = value as Partial<SignatureAnswer>;
      return [sig.name, sig.role, sig.company, when(sig.signedAt)].filter(Boolean).join(', ');
    }
    case 'table':
      return '';
  }
}

interface PhotoRef {
  id: string;
  caption: string;
}

function checklistPage(h: Html, summary: CxSummary, inst: CxInstance, ctx: Ctx): void {
  const { t } = ctx;
  const template = summary.templateOf(inst);
  const a = summary.assets.info(inst.assetKind, inst.assetId, inst.roomId);
  const answers = summary.answersByInstance.get(inst.id) ?? [];
  const signOffs = [...(summary.signOffsByInstance.get(inst.id) ?? [])].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
  const issues = summary.issuesByInstance.get(inst.id) ?? [];
  const c = summary.byInstance.get(inst.id);
  const last = answers.reduce<CxAnswer | undefined>((m, x) => (!m || x.at > m.at ? x : m), undefined);
  h.push(`<section class="page" id="cl-${anchor(inst.id)}">`);
  h.push(`<h2>${esc(a.name)} <small>${esc(inst.level)} · ${esc(template?.title ?? inst.templateId)} v${inst.templateVersion}</small></h2><dl class="clhead">`);
  const head: Array<[string, string]> = [
    [t('asset'), `${t(`assetKind_${inst.assetKind}`)} ${a.name}`], [t('location'), a.location || '—'],
    [t('template'), `${inst.templateId} v${inst.templateVersion}`], [t('status'), ''],
    [t('progress'), c ? `${c.requiredAnswered}/${c.required} · ${t('passed')} ${c.passed} · ${t('failed')} ${c.failed} · ${t('naShort')} ${c.na}` : '—'], [t('checklist'), inst.id],
    [t('created'), `${inst.createdBy}, ${when(inst.createdAt)}`], [t('lastAnswer'), last ? `${last.author}, ${when(last.at)}` : '—'],
  ];
  for (const [k, v] of head) h.push(`<dt>${esc(k)}</dt><dd>${k === t('status') ? statusBadge(statusOf(summary, inst), t) : esc(v)}</dd>`);
  h.push('</dl>');
  const photoRefs: PhotoRef[] = [];
  if (template) itemsTables(h, template, answers, ctx, photoRefs);
  else h.push(`<p class="warn">${esc(t('verdictOrphans', { count: 1 }))}</p>`);

  if (photoRefs.length > 0) {
    const seen = new Set<string>();
    const unique = photoRefs.filter((p) => !seen.has(p.id) && seen.add(p.id));
    h.push(`<h4>${esc(t('photos'))}</h4><div class="photos">`);
    let shown = 0;
    for (const p of unique.slice(0, PHOTOS_PER_CHECKLIST)) {
      const url = ctx.photos.take(p.id);
      if (url === 'capped') break;
      shown++;
      h.push(`<figure>${url ? `<img alt="" src="${url}">` : `<div class="muted">${esc(t('photoMissing'))}</div>`}<figcaption>${esc(p.caption)}</figcaption></figure>`);
    }
    h.push('</div>');
    if (unique.length > shown) h.push(`<p class="muted">${esc(t('morePhotos', { count: unique.length - shown }))}${ctx.photos.capped ? ` ${esc(t('photoBudget', { count: PHOTOS_PER_REPORT }))}` : ''}</p>`);
  }

  if (issues.length > 0) {
    h.push(`<h4>${esc(t('issuesRaised'))}</h4>`);
    table(h, [t('title'), t('severity'), t('status'), t('assignee'), t('due')], [false, false, false, false, false],
      issues.map((i) => [i.title, t(`sev_${i.severity}`), t(`iss_${i.status}`), i.assignee ?? '—', i.dueDate ?? '—']));
  }

  h.push(`<h4>${esc(t('signOffs'))}</h4>`);
  if (signOffs.length === 0) h.push(`<p class="muted">${esc(t('notSignedYet'))}</p>`);
  else {
    h.push(`<table><thead><tr><th>${esc(t('scope'))}</th><th>${esc(t('name'))}</th><th>${esc(t('role'))}</th><th>${esc(t('company'))}</th><th>${esc(t('time'))}</th><th>${esc(t('signature'))}</th></tr></thead><tbody>`);
    for (const so of signOffs) signOffRow(h, so, template, t);
    h.push('</tbody></table>');
  }
  h.push('</section>');
}

function signOffRow(h: Html, so: CxSignOff, template: ChecklistTemplate | null, t: T): void {
  const valid = isValidSignOff(so);
  const scope = so.scope === 'final' ? t('scopeFinal') : (template?.sections.find((x) => x.id === so.scope)?.title ?? so.scope);
  const why = valid ? '' : `<span class="voidwhy">${esc(t('invalidated', { date: when(so.invalidatedAt), name: so.invalidatedBy ?? '?', reason: so.invalidatedReason ?? '' }))}</span>`;
  h.push(`<tr${valid ? '' : ' class="void"'}><td>${esc(scope)}${why}</td><td class="who">${esc(so.name)}</td><td class="who">${esc(so.role)}</td><td class="who">${esc(so.company ?? '')}</td><td class="who">${esc(when(so.at))}</td><td>${signatureImage(so)}</td></tr>`);
}

/** The drawn signature, when it is safe to embed (path data or a PNG data URL only). */
function signatureImage(so: CxSignOff): string {
  const sig = so.signature;
  if (!sig) return '';
  if (sig.format === 'svg-path' && PATH_DATA.test(sig.data)) return `<svg class="sig" viewBox="0 0 400 120" preserveAspectRatio="xMidYMid meet" role="img" aria-label="${esc(so.name)}"><path d="${esc(sig.data)}"/></svg>`;
  const prefix = 'data:image/png;base64,';
  if (sig.format === 'png-data-url' && sig.data.startsWith(prefix) && BASE64.test(sig.data.slice(prefix.length))) return `<img class="sig" alt="${esc(so.name)}" src="${sig.data}">`;
  return '';
}

/** The items of a checklist, one table per visible section. */
function itemsTables(h: Html, template: ChecklistTemplate, rows: readonly CxAnswer[], ctx: Ctx, photoRefs: PhotoRef[]): void {
  const { t } = ctx;
  const plan = templatePlan(template);
  const answers = answersOf(rows);
  const env = planEnv(plan, answers);
  const progress = instanceProgress(plan, answers);
  const statuses = progress.statuses;
  const missing = new Set(progress.missing);
  const byItem = new Map<string, CxAnswer[]>();
  for (const r of rows) {
    const list = byItem.get(r.itemId);
    if (list) list.push(r);
    else byItem.set(r.itemId, [r]);
  }
  // Fixed column widths: every section's table lines up with the next.
  const header = `<table class="items"><colgroup><col style="width:33%"><col style="width:17%"><col style="width:13%"><col style="width:14%"><col style="width:9%"><col style="width:14%"></colgroup><thead><tr><th>${esc(t('item'))}</th><th>${esc(t('value'))}</th><th>${esc(t('result'))}</th><th>${esc(t('note'))}</th><th>${esc(t('by'))}</th><th>${esc(t('time'))}</th></tr></thead><tbody>`;
  for (const section of template.sections) {
    if (section.visibleIf && !conditionHolds(section.visibleIf, env)) continue;
    const visible = section.items.filter((item) => isVisible(item, env));
    if (visible.length === 0) continue;
    h.push(`<h4>${esc(section.title)}</h4>`, header);
    for (const item of visible) {
      const own = byItem.get(item.id) ?? [];
      const status = statuses[item.id] ?? null;
      const crit = item.type === 'numeric' ? criterion(item, ctx.numbers) : '';
      const label = `${esc(item.label)}${crit ? `<span class="crit">${esc(t('criterion'))}: ${esc(crit)}</span>` : ''}`;
      if (item.type === 'table') {
        const first = own.reduce<CxAnswer | undefined>((m, x) => (!m || x.at > m.at ? x : m), undefined);
        const notes = own.filter((x) => x.note).map((x) => x.note!).join(' · ');
        h.push(`<tr><td>${label}</td><td></td><td class="res">${resultBadge(status, t)}</td><td>${esc(notes)}</td><td>${esc(first?.author ?? '')}</td><td>${esc(when(first?.at))}</td></tr>`);
        h.push(`<tr class="subrow"><td colspan="6">`);
        subTable(h, item, own, env, ctx, photoRefs);
        h.push('</td></tr>');
        for (const x of own) for (const id of x.photoIds ?? []) photoRefs.push({ id, caption: photoCaption(item.label, x) });
        continue;
      }
      const ans = own[0];
      const value = valueText(item, answers[item.id], ctx);
      // "Open" only where an answer is still owed; an optional item left blank is just blank.
      const result = status === null && !missing.has(item.id) ? '<span class="muted">—</span>' : resultBadge(status, t);
      h.push(`<tr><td>${label}</td><td>${esc(value)}</td><td class="res">${result}</td><td>${esc(ans?.note ?? '')}</td><td>${esc(ans?.author ?? '')}</td><td>${esc(when(ans?.at))}</td></tr>`);
      if (ans) {
        const attached = [...(item.type === 'photo' && Array.isArray(ans.value) ? (ans.value as string[]) : []), ...(ans.photoIds ?? [])];
        for (const id of attached) photoRefs.push({ id, caption: photoCaption(item.label, ans) });
      }
    }
    h.push('</tbody></table>');
  }
}

function photoCaption(label: string, a: CxAnswer): string {
  return `${label}${a.note ? ` — ${a.note}` : ''} (${a.author}, ${when(a.at)})`;
}

/** A table item's rows × its columns, each cell with its value and result mark. */
function subTable(h: Html, item: TableItem, own: readonly CxAnswer[], outer: ReturnType<typeof planEnv>, ctx: Ctx, photoRefs: PhotoRef[]): void {
  const { t } = ctx;
  const byRow = new Map<string, CxAnswer>();
  for (const a of own) if (a.rowKey) byRow.set(a.rowKey, a);
  const rowIds = item.rows ? item.rows.map((r) => r.id) : [...byRow.keys()];
  h.push(`<table class="sub"><thead><tr><th>${esc(t('rowItem'))}</th>`);
  for (const col of item.columns) h.push(`<th>${esc(col.label)}${col.type === 'numeric' && criterion(col, ctx.numbers) ? `<span class="crit">${esc(criterion(col, ctx.numbers))}</span>` : ''}</th>`);
  h.push('</tr></thead><tbody>');
  for (const rowId of rowIds) {
    const a = byRow.get(rowId);
    const fixed = item.rows?.find((r) => r.id === rowId);
    const row: TableRowAnswer = { rowId, cells: ((a?.value ?? {}) as Record<string, AnswerValue>) };
    const env = rowEnv(item, row, outer);
    h.push(`<tr><td>${esc(fixed?.label ?? rowId)}</td>`);
    for (const col of item.columns) {
      if (!isVisible(col, env)) {
        h.push('<td class="muted">—</td>');
        continue;
      }
      const fixedValue = fixed?.values?.[col.id];
      if (fixedValue !== undefined) {
        h.push(`<td>${esc(String(fixedValue))}</td>`);
        continue;
      }
      const v = row.cells[col.id];
      const st = a ? itemStatus(col, v, env) : null;
      const text = valueText(col, v, ctx);
      // Text-like columns record rather than judge: their value says it all.
      const mark = col.type === 'check' || (st === 'fail') || (col.type === 'numeric' && st !== null) || col.type === 'choice' ? ` ${resultBadge(st, t)}` : st === null && a ? ` ${resultBadge(null, t)}` : '';
      h.push(`<td>${esc(text)}${mark}</td>`);
      if (col.type === 'photo' && Array.isArray(v) && a) for (const id of v as string[]) photoRefs.push({ id, caption: photoCaption(`${item.label} — ${fixed?.label ?? rowId} — ${col.label}`, a) });
    }
    h.push('</tr>');
  }
  h.push('</tbody></table>');
}

function issueTable(h: Html, s: DocumentSnapshot, summary: CxSummary, issues: readonly CxIssue[], t: T, today: string, compact = false): void {
  const cols = [t('title'), t('severity'), t('status'), t('asset'), t('location'), t('assignee'), t('owner'), t('due')];
  table(h, cols, cols.map(() => false), issues.map((i) => {
    const a = i.assetId ? summary.assets.info(i.assetKind, i.assetId, i.roomId) : undefined;
    const inst = i.instanceId ? s.cxInstances[i.instanceId] : undefined;
    const item = inst && i.itemId ? summary.templateOf(inst) && templatePlan(summary.templateOf(inst)!).byId.get(i.itemId) : undefined;
    const details = compact ? [] : [i.description, i.cause ? `${t('cause')}: ${i.cause}` : '', i.recommendation ? `${t('recommendation')}: ${i.recommendation}` : '', item ? `${t('item')}: ${item.label}` : ''].filter(Boolean);
    const overdue = isOverdue(i, today);
    return [
      { html: `<b>${esc(i.title)}</b>${details.map((d) => `<span class="crit">${esc(d!)}</span>`).join('')}` },
      { html: `<span class="issue-sev${summary.blockingSeverities.includes(i.severity) && i.status !== 'closed' ? ' bad' : ''}">${esc(t(`sev_${i.severity}`))}</span>` },
      t(`iss_${i.status}`),
      a ? a.name : '—',
      i.location ?? (a?.location || '—'),
      i.assignee ?? '—',
      i.owner,
      { html: `${esc(i.dueDate ?? '—')}${overdue ? ` <span class="badge fail">⚠ ${esc(t('overdue'))}</span>` : ''}` },
    ];
  }));
}
