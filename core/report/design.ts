/**
 * The design report (issue 6 §1) as one self-contained HTML document: inline CSS, inline SVG,
 * images only as data URLs. The same HTML is saved as is (`--format html`) and printed to PDF by
 * Chromium (electron/report/pdf.ts, electron/main/report-pdf.ts), which adds the running header
 * and footer with page numbers (see `pdfHeaderFooter`).
 *
 * Pure: the caller passes the snapshot, the revision history it read from the store, and the logo
 * already as a data URL.
 */
import type { DocumentSnapshot } from '../model/schema';
import { COOLING_KINDS } from '../model/schema';
import { DesignChecker } from '../rules/checker';
import { naturalCompare, type Finding, type Severity } from '../rules/finding';
import { capacityReport, type CapacityReport } from '../capacity/report';
import { translator, numberFormat, type Lang, type StringKey } from './i18n';
import { planSvg, legendSwatch, PLAN_COLOURS, type LegendItem } from './plan-svg';
import { elevationSvg } from './elevation-svg';
import { bomLines } from './tables';
import { esc } from './svg';
// cx.ts imports this file's page frame; the cycle is functions only, none called at load time.
import { cxStatusSection } from './cx';
import { hasOpsRecords, opsStatusSection } from './ops';

export type Paper = 'a4' | 'letter';
export const PAPERS: Readonly<Record<Paper, { css: string; widthMm: number; heightMm: number }>> = {
  a4: { css: 'A4', widthMm: 210, heightMm: 297 },
  letter: { css: 'letter', widthMm: 215.9, heightMm: 279.4 },
};

/** One line of the revision history (the store's undo log, oldest first). */
export interface RevisionEntry {
  seq: number;
  /** ISO time of the change. */
  at: string;
  /** The command that made it, e.g. `rack.create`. */
  command: string;
  /** Its label, e.g. the rack's name. */
  detail: string;
}

/**
 * A room's 3D picture, drawn by the app's 3D scene (electron/report/snapshot3d.ts) as a PNG data
 * URL, and the plan corner the camera looks from (for the caption).
 */
export interface Room3dImage {
  dataUrl: string;
  width: number;
  height: number;
  corner: 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';
}

/** Progress of long work: `done` of `total` steps, and what is being done. */
export type ProgressFn = (done: number, total: number, phase: string) => void;

export interface DesignReportOptions {
  lang?: Lang;
  paper?: Paper;
  /** Only this room (id or name); all rooms when absent. */
  room?: string;
  revision?: string;
  /** The report's date, ISO `YYYY-MM-DD` (default: today). */
  date?: string;
  author?: string;
  /** The client's or company's logo as a `data:image/…` URL (never a path or remote URL). */
  logoDataUrl?: string;
  history?: readonly RevisionEntry[];
  /** Translates a finding's message and hint (the app's findings strings); English otherwise. */
  findingText?: (f: Finding) => { message: string; hint: string };
  onProgress?: ProgressFn;
  signal?: AbortSignal;
  /** 3D pictures by room id; a room without one gets none (and no placeholder). */
  room3d?: ReadonlyMap<string, Room3dImage>;
}

/** Redundancy levels, weakest first: an achieved level at least the designed one passes. */
const REDUNDANCY_RANK: Readonly<Record<string, number>> = { N: 0, 'N+1': 1, '2N': 2, '2(N+1)': 3 };

/** How many revision lines the report prints at most (the newest). */
export const HISTORY_LIMIT = 300;

const CORNER_KEYS: Readonly<Record<Room3dImage['corner'], StringKey>> = {
  'top-left': 'cornerTopLeft', 'top-right': 'cornerTopRight', 'bottom-left': 'cornerBottomLeft', 'bottom-right': 'cornerBottomRight',
};

/** Racks per elevation page: two across, two down. */
const ELEVATIONS_PER_PAGE = 4;

/** The report page frame's CSS (page size, type, tables, cover, contents), shared by every report kind. */
export function reportCss(paper: Paper): string {
  const p = PAPERS[paper];
  // Margins leave room for Chromium's header and footer templates (pdfHeaderFooter).
  return `@page{size:${p.css};margin:18mm 14mm 16mm 14mm}
*{box-sizing:border-box}
html{font-family:Helvetica,Arial,"Liberation Sans",sans-serif;font-size:9pt;color:#111827;-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0}
h1{font-size:20pt;margin:0 0 4mm}
h2{font-size:14pt;margin:0 0 3mm;padding-bottom:1.5mm;border-bottom:0.6mm solid #1c64d9;break-after:avoid}
h3{font-size:11pt;margin:5mm 0 2mm;break-after:avoid}
p{margin:0 0 2mm}
a{color:inherit;text-decoration:none}
.page{break-before:page}
.cover{height:240mm;display:flex;flex-direction:column;justify-content:center}
.cover .logo{max-height:30mm;max-width:80mm;margin-bottom:14mm;align-self:flex-start}
.cover .kind{font-size:13pt;color:#1c64d9;text-transform:uppercase;letter-spacing:0.08em;margin-bottom:3mm}
.cover h1{font-size:28pt}
.cover dl{display:grid;grid-template-columns:32mm auto;gap:2mm 4mm;margin-top:12mm;font-size:11pt}
.cover dt{color:#4b5563}
.cover dd{margin:0}
.toc ol{list-style:none;padding:0;margin:0;font-size:10.5pt}
.toc li{padding:1.6mm 0;border-bottom:0.2mm dotted #9ca3af;display:flex;justify-content:space-between}
.toc li.sub{padding-left:6mm;font-size:9.5pt}
.toc .pg{min-width:12mm;text-align:right;font-variant-numeric:tabular-nums}
table{border-collapse:collapse;width:100%;margin:0 0 4mm;font-size:8pt}
thead{display:table-header-group}
tr{break-inside:avoid}
th{background:#eef2f7;text-align:left;font-weight:bold;border-bottom:0.3mm solid #9ca3af}
th,td{padding:0.9mm 1.4mm;vertical-align:top}
td{border-bottom:0.15mm solid #e5e7eb}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.total td{font-weight:bold;border-top:0.3mm solid #9ca3af}
.bad{color:#b91c1c;font-weight:bold}
.warn{color:#92400e;font-weight:bold}
.ok{color:#166534}
.kpis{display:grid;grid-template-columns:repeat(4,1fr);gap:3mm;margin:0 0 5mm}
.kpi{border:0.3mm solid #d1d5db;border-radius:1.5mm;padding:2.5mm}
.kpi b{display:block;font-size:14pt}
.kpi span{color:#4b5563;font-size:8pt}
figure{margin:0}
figure.planfig svg.plan{width:100%;max-height:185mm;display:block}
.legend{display:flex;flex-wrap:wrap;gap:1.5mm 5mm;margin:2mm 0 4mm;font-size:8pt}
.legend span{display:inline-flex;align-items:center;gap:1.5mm}
figure.view3d{break-inside:avoid;margin:4mm 0 0}
figure.view3d img{width:100%;height:auto;display:block;border:0.2mm solid #e5e7eb}
figure.view3d figcaption{color:#4b5563;font-size:8pt;margin-top:1.5mm}
.elevs{display:grid;grid-template-columns:1fr 1fr;gap:4mm 6mm}
.elevs figure{break-inside:avoid}
.elevs figcaption{font-weight:bold;font-size:9.5pt;margin-bottom:1mm}
.elevs figcaption small{font-weight:normal;color:#4b5563}
.elevs svg{width:100%;max-height:${paper === 'letter' ? 106 : 112}mm;display:block}
.finding{break-inside:avoid;padding:1.6mm 0 1.6mm 3mm;border-left:0.8mm solid #d1d5db;margin:0 0 1.6mm}
.finding.error{border-color:#b91c1c}
.finding.warning{border-color:#d97706}
.finding.info{border-color:#2563eb}
.finding .hint{color:#374151}
.finding .rule{color:#6b7280;font-size:7.5pt}
.sign{display:grid;grid-template-columns:35mm 1fr 1fr 45mm 30mm;border-top:0.3mm solid #9ca3af;margin-top:0}
.sign div{padding:9mm 2mm 2mm;border-bottom:0.3mm solid #9ca3af;color:#4b5563;font-size:8pt}
.sign.head div{padding:1.5mm 2mm;font-weight:bold;color:#111827;background:#eef2f7}
.verdict{border:0.4mm solid #b45309;background:#fffbeb;border-radius:1.5mm;padding:3mm 4mm;margin:0 0 5mm;font-size:10.5pt;font-weight:bold}
.verdict.complete{border-color:#15803d;background:#f0fdf4}
.verdict.none{border-color:#9ca3af;background:#f9fafb}
.muted{color:#6b7280}
@media screen{body{max-width:190mm;margin:10mm auto;padding:0 6mm}.page{border-top:1px dashed #cbd5e1;margin-top:10mm;padding-top:10mm}}
`;
}

/**
 * The header and footer Chromium prints on every page: Chromium fills `pageNumber` and
 * `totalPages`. Templates carry their own inline styles (the document's CSS does not reach them).
 */
export function pdfHeaderFooter(s: Pick<DocumentSnapshot, 'project'>, opts: Pick<DesignReportOptions, 'lang' | 'revision'> & { kind?: StringKey }): { headerTemplate: string; footerTemplate: string } {
  const t = translator(opts.lang ?? 'en');
  const style = 'font-family:Helvetica,Arial,sans-serif;font-size:7.5pt;color:#4b5563;width:100%;margin:0 14mm;display:flex;justify-content:space-between';
  const title = `${s.project.name}${s.project.site?.name ? ` — ${s.project.site.name}` : ''}`;
  const pageOf = esc(t('pageOf', { page: '\u0000', pages: '\u0001' })).replace('\u0000', '<span class="pageNumber"></span>').replace('\u0001', '<span class="totalPages"></span>');
  return {
    headerTemplate: `<div style="${style}"><span>${esc(title)}</span><span>${esc(t(opts.kind ?? 'designReport'))}${opts.revision ? ` · ${esc(t('revision'))} ${esc(opts.revision)}` : ''}</span></div>`,
    footerTemplate: `<div style="${style}"><span>${esc(t('generatedBy'))}</span><span>${pageOf}</span></div>`,
  };
}

/** An HTML string built in parts (joined once: big reports stay linear). */
export class Html {
  readonly parts: string[] = [];
  push(...s: string[]): void {
    for (const x of s) this.parts.push(x);
  }
}

export function aborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new DOMExceptionLike('The report was cancelled');
}

/** An `AbortError` without depending on the DOM's DOMException. */
class DOMExceptionLike extends Error {
  override name = 'AbortError';
}

/** Resolves `--room` (an id or a name, case-insensitive) to room ids in display order. */
export function selectRooms(s: DocumentSnapshot, room?: string): string[] {
  const rooms = Object.values(s.rooms).sort((a, b) => naturalCompare(a.name, b.name));
  if (!room) return rooms.map((r) => r.id);
  const hit = rooms.find((r) => r.id === room) ?? rooms.find((r) => r.name.toLowerCase() === room.toLowerCase());
  if (!hit) throw new Error(`no room "${room}" (rooms: ${rooms.map((r) => r.name).join(', ') || 'none'})`);
  return [hit.id];
}

/** Builds the design report. Throws an `AbortError` when `signal` is aborted. */
export function designReportHtml(s: DocumentSnapshot, opts: DesignReportOptions = {}): string {
  const lang = opts.lang ?? 'en';
  const paper = opts.paper ?? 'a4';
  const t = translator(lang);
  const kw = numberFormat(lang, 1);
  const int = numberFormat(lang, 0);
  const roomIds = selectRooms(s, opts.room);
  const inScope = new Set(roomIds);
  const progress = opts.onProgress ?? (() => {});
  const rackIdsByRoom = new Map<string, string[]>();
  for (const id of roomIds) rackIdsByRoom.set(id, []);
  for (const r of Object.values(s.racks)) rackIdsByRoom.get(r.roomId)?.push(r.id);
  for (const ids of rackIdsByRoom.values()) ids.sort((a, b) => naturalCompare(s.racks[a]!.name, s.racks[b]!.name));
  const totalRacks = [...rackIdsByRoom.values()].reduce((sum, ids) => sum + ids.length, 0);
  const total = totalRacks + roomIds.length + 4;
  let done = 0;
  const step = (phase: string, by = 1) => {
    done += by;
    progress(done, total, phase);
    aborted(opts.signal);
  };

  aborted(opts.signal);
  progress(0, total, 'checks');
  const checker = new DesignChecker(s);
  const { findings: allFindings, summary } = checker.check();
  const cap = capacityReport(checker);
  step('checks');
  const findings = opts.room ? allFindings.filter((f) => !f.roomId || inScope.has(f.roomId)) : allFindings;

  const date = opts.date ?? new Date().toISOString().slice(0, 10);
  const h = new Html();
  h.push(`<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="generator" content="Plenum">`);
  h.push(`<title>${esc(`${t('designReport')} — ${s.project.name}`)}</title><style>${reportCss(paper)}</style></head><body>`);

  // ------------------------------------------------------------------ cover
  h.push('<section class="cover">');
  if (opts.logoDataUrl) {
    if (!/^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,/.test(opts.logoDataUrl)) throw new Error('the logo must be a data:image/… URL');
    h.push(`<img class="logo" alt="" src="${opts.logoDataUrl}">`);
  }
  h.push(`<div class="kind">${esc(t('designReport'))}</div><h1>${esc(s.project.name)}</h1><dl>`);
  const coverRows: Array<[StringKey, string | undefined]> = [
    ['site', s.project.site ? `${s.project.site.name}${s.project.site.address ? `, ${s.project.site.address}` : ''}` : undefined],
    ['rooms', roomIds.map((id) => s.rooms[id]!.name).join(', ')],
    ['revision', opts.revision], ['date', date], ['author', opts.author],
  ];
  for (const [k, v] of coverRows) if (v) h.push(`<dt>${esc(t(k))}</dt><dd>${esc(v)}</dd>`);
  h.push('</dl></section>');

  // ------------------------------------------------------------------ contents
  const toc: Array<{ id: string; title: string; sub?: boolean }> = [{ id: 'summary', title: t('summary') }];
  for (const id of roomIds) {
    toc.push({ id: `room-${anchor(id)}`, title: `${t('room')} ${s.rooms[id]!.name}` });
    toc.push({ id: `plan-${anchor(id)}`, title: t('floorPlan'), sub: true });
    if (opts.room3d?.has(id)) toc.push({ id: `view3d-${anchor(id)}`, title: t('view3d'), sub: true });
    if ((rackIdsByRoom.get(id) ?? []).length > 0) toc.push({ id: `elev-${anchor(id)}`, title: t('elevations'), sub: true });
  }
  // The commissioning status page only when the project has checklists (same numbers as the cx report's summary).
  const hasCx = Object.keys(s.cxInstances).length > 0;
  // The operations page only when the project keeps operations records (issue 7 §6).
  const hasOps = hasOpsRecords(s);
  toc.push({ id: 'bom', title: t('bom') }, { id: 'power', title: t('power') }, { id: 'cooling', title: t('coolingWeight') }, { id: 'findings', title: t('findings') }, ...(hasCx ? [{ id: 'cxstatus', title: t('cxStatus') }] : []), ...(hasOps ? [{ id: 'opsstatus', title: t('opsStatus') }] : []), { id: 'history', title: t('history') }, { id: 'signoff', title: t('signOff') });
  h.push(`<section class="page toc"><h2>${esc(t('contents'))}</h2><ol>`);
  // The page numbers are filled in after a first print (fillTocPages); the HTML export has links.
  for (const e of toc) h.push(`<li${e.sub ? ' class="sub"' : ''}><a href="#${e.id}">${esc(e.title)}</a><span class="pg" data-toc="${e.id}"></span></li>`);
  h.push('</ol></section>');

  // ------------------------------------------------------------------ summary
  const rooms = cap.rooms.filter((r) => inScope.has(r.roomId));
  const sum = rooms.reduce((a, r) => ({ racks: a.racks + r.racks, devices: a.devices + r.devices, loadW: a.loadW + r.loadW, budgetW: a.budgetW + r.budgetW, usedU: a.usedU + r.usedU, uHeight: a.uHeight + r.uHeight, weightKg: a.weightKg + r.weightKg, coolW: a.coolW + r.coolingCapacityW }), { racks: 0, devices: 0, loadW: 0, budgetW: 0, usedU: 0, uHeight: 0, weightKg: 0, coolW: 0 });
  const fsum = opts.room ? { errors: findings.filter((f) => f.severity === 'error').length, warnings: findings.filter((f) => f.severity === 'warning').length, infos: findings.filter((f) => f.severity === 'info').length } : { errors: summary.errors, warnings: summary.warnings, infos: summary.infos };
  h.push(`<section class="page" id="summary"><h2>${esc(t('summary'))}</h2><div class="kpis">`);
  const kpi = (value: string, label: string) => h.push(`<div class="kpi"><b>${esc(value)}</b><span>${esc(label)}</span></div>`);
  kpi(int(sum.racks), t('racks'));
  kpi(int(sum.devices), t('devices'));
  kpi(`${kw(sum.loadW / 1000)} kW`, t('loadKw').replace(' kW', ''));
  kpi(`${int(sum.usedU)} / ${int(sum.uHeight)} U`, t('usedU'));
  kpi(`${kw(sum.budgetW / 1000)} kW`, t('budgetKw').replace(' kW', ''));
  kpi(`${kw(sum.coolW / 1000)} kW`, t('coolingKw').replace(' kW', ''));
  kpi(`${int(sum.weightKg)} kg`, t('weightKg').replace(' kg', ''));
  kpi(`${fsum.errors} / ${fsum.warnings}`, `${t('error')} / ${t('warning')}`);
  h.push('</div>');
  h.push(`<p>${esc(t('findingsSummary', fsum))}</p>`);
  roomTable(h, rooms, t, kw, int);
  h.push('</section>');

  // ------------------------------------------------------------------ rooms
  const legend: LegendItem[] = [
    { fill: PLAN_COLOURS.rack, stroke: PLAN_COLOURS.rackStroke, label: t('rackFront'), front: true },
    { fill: PLAN_COLOURS.cold, stroke: PLAN_COLOURS.cold, label: t('coldAisle') },
    { fill: PLAN_COLOURS.hot, stroke: PLAN_COLOURS.hot, label: t('hotAisle') },
    { fill: PLAN_COLOURS.cooler, stroke: PLAN_COLOURS.coolerStroke, label: t('cooler') },
    { fill: PLAN_COLOURS.power, stroke: PLAN_COLOURS.powerStroke, label: t('powerEquipment') },
    { fill: PLAN_COLOURS.obstacle, stroke: PLAN_COLOURS.wall, label: t('obstacle') },
  ];
  const devicesByRack = new Map<string, typeof s.devices[string][]>();
  for (const d of Object.values(s.devices)) {
    const list = devicesByRack.get(d.rackId);
    if (list) list.push(d);
    else devicesByRack.set(d.rackId, [d]);
  }
  const rackCap = new Map(cap.racks.map((r) => [r.rackId, r]));
  for (const roomId of roomIds) {
    const room = s.rooms[roomId]!;
    const a = anchor(roomId);
    h.push(`<section class="page" id="room-${a}"><h2>${esc(t('room'))} ${esc(room.name)}</h2>`);
    h.push(`<figure class="planfig" id="plan-${a}"><h3>${esc(t('floorPlan'))}</h3>${planSvg(s, roomId)}</figure>`);
    const items = legend.filter((it) => it.fill !== PLAN_COLOURS.cooler || Object.values(s.floorEquipment).some((f) => f.roomId === roomId && COOLING_KINDS.has(f.kind)));
    const tile = room.tileSizeMm ? [{ fill: '#ffffff', stroke: PLAN_COLOURS.tile, label: t('tiles', { size: `${int(room.tileSizeMm)} mm` }) }] : [];
    h.push(`<div class="legend">${[...items, ...tile].map((it) => `<span>${legendSwatch(it)}${esc(it.label)}</span>`).join('')}</div>`);
    const roomRows = cap.rows.filter((r) => r.roomId === roomId);
    if (roomRows.length > 0) {
      h.push(`<h3>${esc(t('rows'))}</h3>`);
      rowTable(h, roomRows, t, kw, int);
    }
    const image = opts.room3d?.get(roomId);
    if (image) {
      // After the plan, kept whole: on the plan's page when it fits, else at the top of the next.
      if (!/^data:image\/png;base64,[A-Za-z0-9+/=]+$/.test(image.dataUrl)) throw new Error('a 3D picture must be a data:image/png URL');
      const corner = t(CORNER_KEYS[image.corner]);
      h.push(`<figure class="view3d" id="view3d-${a}"><h3>${esc(t('view3d'))}</h3><img alt="${esc(t('view3d'))}: ${esc(room.name)}" width="${image.width}" height="${image.height}" src="${image.dataUrl}">`);
      h.push(`<figcaption>${esc(t('view3dCaption', { room: room.name, corner }))}</figcaption></figure>`);
    }
    h.push('</section>');
    step(`room ${room.name}`);

    const rackIds = rackIdsByRoom.get(roomId) ?? [];
    if (rackIds.length === 0) continue;
    for (let i = 0; i < rackIds.length; i += ELEVATIONS_PER_PAGE) {
      h.push(`<section class="page"${i === 0 ? ` id="elev-${a}"` : ''}>`);
      if (i === 0) h.push(`<h2>${esc(t('elevations'))} — ${esc(room.name)}</h2>`);
      h.push('<div class="elevs">');
      for (const id of rackIds.slice(i, i + ELEVATIONS_PER_PAGE)) {
        const rack = s.racks[id]!;
        const rc = rackCap.get(id);
        const caption = rc ? `${rack.uHeight}U · ${kw(rc.loadW / 1000)} kW · ${int(rc.weightKg)} kg` : `${rack.uHeight}U`;
        h.push(`<figure><figcaption>${esc(rack.name)} <small>${esc(caption)}</small></figcaption>${elevationSvg(s, id, { front: t('front'), rear: t('rear') }, devicesByRack.get(id) ?? [])}</figure>`);
        step(`rack ${rack.name}`);
      }
      h.push('</div></section>');
    }
  }

  // ------------------------------------------------------------------ bill of materials
  const scoped: DocumentSnapshot = opts.room ? scopeToRooms(s, inScope) : s;
  const bom = bomLines(scoped);
  h.push(`<section class="page" id="bom"><h2>${esc(t('bom'))}</h2>`);
  table(h, [t('manufacturer'), t('model'), t('role'), t('count'), t('uEach'), t('uTotal'), t('kwTotal'), t('kgTotal')], [false, false, false, true, true, true, true, true],
    bom.map((l) => [l.manufacturer, l.model, l.role, int(l.count), String(l.uEach), int(l.uTotal), kw(l.kwTotal), int(l.kgTotal)]),
    [t('total'), '', '', int(bom.reduce((a, l) => a + l.count, 0)), '', int(bom.reduce((a, l) => a + l.uTotal, 0)), kw(bom.reduce((a, l) => a + l.kwTotal, 0)), int(bom.reduce((a, l) => a + l.kgTotal, 0))]);
  h.push('</section>');
  step('bom');

  // ------------------------------------------------------------------ power
  h.push(`<section class="page" id="power"><h2>${esc(t('power'))}</h2>`);
  h.push(`<h3>${esc(t('powerPerRoom'))}</h3>`);
  roomTable(h, rooms, t, kw, int);
  const rowsInScope = cap.rows.filter((r) => inScope.has(r.roomId));
  if (rowsInScope.length > 0) {
    h.push(`<h3>${esc(t('powerPerRow'))}</h3>`);
    rowTable(h, rowsInScope, t, kw, int);
  }
  const upsGroups = cap.upsGroups;
  if (upsGroups.length > 0) {
    h.push(`<h3>${esc(t('upsTitle'))}</h3>`);
    table(h, [t('group'), t('element'), t('loadKw'), t('capacityKw'), t('designed'), t('achieved')], [false, false, true, true, false, false],
      upsGroups.map((g) => {
        const ok = (REDUNDANCY_RANK[g.achieved] ?? -1) >= REDUNDANCY_RANK[g.designed]!;
        const verdict = g.achieved === 'overloaded' ? t('overloaded') : g.achieved === 'unknown' ? t('unknown') : g.achieved;
        return [g.group, g.elementIds.map((id) => s.powerElements[id]?.name ?? id).join(', '), kw(g.loadW / 1000), g.capacitiesW.map((c) => (c === null ? '—' : kw(c / 1000))).join(' + '), g.designed, { html: `<span class="${ok ? 'ok' : 'bad'}">${esc(verdict)}</span>` }];
      }));
  }
  if (cap.elements.length > 0) {
    h.push(`<h3>${esc(t('chainTitle'))}</h3>`);
    table(h, [t('element'), t('kind'), t('capacityKw'), t('normalKw'), '%', t('worstKw'), '%', t('worstCause')], [false, false, true, true, true, true, true, false],
      cap.elements.map((e) => [e.name, t(`kind_${e.kind}`), e.capacityW === null ? '—' : kw(e.capacityW / 1000), kw(e.normalW / 1000), pctCell(e.normalW, e.capacityW, cap), kw(e.worstW / 1000), pctCell(e.worstW, e.capacityW, cap), e.worstCause ? (s.powerElements[e.worstCause]?.name ?? e.worstCause) : '—']));
  }
  const racksInScope = cap.racks.filter((r) => inScope.has(r.roomId));
  h.push(`<h3>${esc(t('powerPerRack'))}</h3>`);
  table(h, [t('rack'), t('row'), t('loadKw'), t('budgetKw'), t('usePct'), t('feedA'), t('feedB'), t('failoverA'), t('failoverB')], [false, false, true, true, true, true, true, true, true],
    racksInScope.map((r) => [r.name, r.rowId ? (s.rows[r.rowId]?.name ?? '') : '', kw(r.loadW / 1000), r.budgetW ? kw(r.budgetW / 1000) : '—', pctCell(r.loadW, r.budgetW || null, cap),
      feedCell(r.feeds.A?.normalW, r.feeds.A?.capacityW, kw, cap), feedCell(r.feeds.B?.normalW, r.feeds.B?.capacityW, kw, cap), feedCell(r.feeds.A?.failoverW, r.feeds.A?.capacityW, kw, cap), feedCell(r.feeds.B?.failoverW, r.feeds.B?.capacityW, kw, cap)]));
  h.push('</section>');
  step('power');

  // ------------------------------------------------------------------ cooling and weight
  h.push(`<section class="page" id="cooling"><h2>${esc(t('coolingWeight'))}</h2>`);
  const zones = cap.zones.filter((z) => inScope.has(z.roomId));
  if (zones.length > 0) {
    table(h, [t('room'), t('zone'), t('racks'), t('itKw'), t('heatKw'), t('coolingKw'), '%', t('verdict')], [false, false, true, true, true, true, true, false],
      zones.map((z) => {
        const v = z.verdict === 'short' ? t('short') : z.verdict === 'none' ? t('none') : z.verdict;
        return [s.rooms[z.roomId]?.name ?? z.roomId, z.zone ?? '—', int(z.rackCount), kw(z.itLoadW / 1000), kw(z.heatW / 1000), kw(z.capacityW / 1000), pctCell(z.heatW, z.capacityW || null, cap), { html: `<span class="${z.verdict === 'short' || z.verdict === 'none' ? 'bad' : 'ok'}">${esc(v)}</span>` }];
      }));
  }
  table(h, [t('rack'), t('weightKg'), t('maxKg'), '%', t('floorKgM2'), t('ratingKgM2')], [false, true, true, true, true, true],
    racksInScope.map((r) => [r.name, int(r.weightKg), r.maxKg ? int(r.maxKg) : '—', pctCell(r.weightKg, r.maxKg || null, cap), { html: `<span class="${r.floorKgM2 > r.floorRatingKgM2 ? 'bad' : ''}">${esc(int(r.floorKgM2))}</span>` }, int(r.floorRatingKgM2)]));
  h.push('</section>');

  // ------------------------------------------------------------------ findings
  h.push(`<section class="page" id="findings"><h2>${esc(t('findings'))}</h2>`);
  if (findings.length === 0) h.push(`<p class="ok">${esc(t('noFindings'))}</p>`);
  const sevKey: Record<Severity, StringKey> = { error: 'error', warning: 'warning', info: 'info' };
  for (const sev of ['error', 'warning', 'info'] as const) {
    const list = findings.filter((f) => f.severity === sev);
    if (list.length === 0) continue;
    h.push(`<h3>${esc(t(sevKey[sev]))} (${list.length})</h3>`);
    for (const f of list) {
      const text = opts.findingText ? opts.findingText(f) : { message: f.message, hint: f.hint };
      const where = f.roomId ? s.rooms[f.roomId]?.name : undefined;
      h.push(`<div class="finding ${sev}"><div><b>${esc(text.message)}</b></div><div class="hint">${esc(t('hint'))}${lang === 'fr' ? '\u00a0: ' : ': '}${esc(text.hint)}</div><div class="rule">${esc(f.rule)}${where ? ` · ${esc(where)}` : ''}</div></div>`);
    }
  }
  h.push('</section>');

  // ------------------------------------------------------------------ commissioning status
  if (hasCx) cxStatusSection(h, s, { lang, roomIds: opts.room ? inScope : undefined, today: date, id: 'cxstatus' });

  // ------------------------------------------------------------------ operations
  // Judged at the report's date (its end, at most now), like the commissioning page.
  if (hasOps) opsStatusSection(h, s, { lang, nowMs: Math.min(Date.now(), Date.parse(`${date}T23:59:59Z`)), id: 'opsstatus' });

  // ------------------------------------------------------------------ history
  h.push(`<section class="page" id="history"><h2>${esc(t('history'))}</h2>`);
  const history = opts.history ?? [];
  if (history.length === 0) h.push(`<p class="muted">${esc(t('noHistory'))}</p>`);
  else {
    const shown = history.slice(-HISTORY_LIMIT);
    if (shown.length < history.length) h.push(`<p class="muted">${esc(t('historyOmitted', { count: int(history.length - shown.length) }))}</p>`);
    table(h, [t('step'), t('when'), t('change'), t('details')], [true, false, false, false], shown.map((e) => [String(e.seq), e.at.replace('T', ' ').slice(0, 16), e.command, e.detail]));
  }
  h.push('</section>');

  // ------------------------------------------------------------------ sign-off
  h.push(`<section class="page" id="signoff"><h2>${esc(t('signOff'))}</h2><p>${esc(t('signOffText'))}</p>`);
  h.push(`<p class="muted">${esc(s.project.name)}${opts.revision ? ` · ${esc(t('revision'))} ${esc(opts.revision)}` : ''} · ${esc(date)}</p>`);
  h.push(`<div class="sign head"><div></div><div>${esc(t('name'))}</div><div>${esc(t('company'))}</div><div>${esc(t('signature'))}</div><div>${esc(t('date'))}</div></div>`);
  for (const k of ['preparedBy', 'reviewedBy', 'approvedBy'] as const) h.push(`<div class="sign"><div>${esc(t(k))}</div><div></div><div></div><div></div><div></div></div>`);
  h.push('</section></body></html>');
  step('done');
  return h.parts.join('');
}

export const anchor = (id: string) => id.replace(/[^\w-]/g, '_');

/**
 * Writes page numbers into the table of contents: `pages` maps a section id to its page (from the
 * first print's named destinations). Only the TOC's own number slots are touched.
 */
export function fillTocPages(html: string, pages: ReadonlyMap<string, number>): string {
  return html.replace(/<span class="pg" data-toc="([\w-]+)"><\/span>/g, (m, id: string) => {
    const page = pages.get(id);
    return page === undefined ? m : `<span class="pg" data-toc="${id}">${page}</span>`;
  });
}

export type CellIn = string | { html: string };

export function table(h: Html, header: string[], numeric: readonly boolean[], rows: CellIn[][], totalRow?: string[]): void {
  h.push('<table><thead><tr>');
  header.forEach((c, i) => h.push(`<th${numeric[i] ? ' class="n"' : ''}>${esc(c)}</th>`));
  h.push('</tr></thead><tbody>');
  for (const r of rows) {
    h.push('<tr>');
    r.forEach((c, i) => h.push(`<td${numeric[i] ? ' class="n"' : ''}>${typeof c === 'string' ? esc(c) : c.html}</td>`));
    h.push('</tr>');
  }
  if (totalRow) {
    h.push('<tr class="total">');
    totalRow.forEach((c, i) => h.push(`<td${numeric[i] ? ' class="n"' : ''}>${esc(c)}</td>`));
    h.push('</tr>');
  }
  h.push('</tbody></table>');
}

/** A percentage of a limit, red over 100 % and amber over the project's warning threshold. */
function pctCell(value: number, limit: number | null, cap: CapacityReport): CellIn {
  if (!limit) return '—';
  const p = (value / limit) * 100;
  const cls = p > 100 ? 'bad' : p >= cap.settings.warnAtPct ? 'warn' : '';
  return { html: `<span class="${cls}">${Math.round(p)} %</span>` };
}

function feedCell(w: number | undefined, capW: number | undefined, kw: (n: number) => string, cap: CapacityReport): CellIn {
  if (w === undefined) return '—';
  const p = capW ? (w / capW) * 100 : 0;
  const cls = p > 100 ? 'bad' : p >= cap.settings.warnAtPct ? 'warn' : '';
  return { html: `<span class="${cls}">${esc(kw(w / 1000))}</span>` };
}

type T = ReturnType<typeof translator>;

function roomTable(h: Html, rooms: CapacityReport['rooms'], t: T, kw: (n: number) => string, int: (n: number) => string): void {
  table(h, [t('room'), t('racks'), t('devices'), t('usedU'), t('freeU'), t('loadKw'), t('budgetKw'), t('heatKw'), t('coolingKw'), t('weightKg')], [false, true, true, true, true, true, true, true, true, true],
    rooms.map((r) => [r.name, int(r.racks), int(r.devices), int(r.usedU), int(r.freeU), kw(r.loadW / 1000), kw(r.budgetW / 1000), kw(r.heatW / 1000), kw(r.coolingCapacityW / 1000), int(r.weightKg)]),
    rooms.length > 1 ? [t('total'), int(sumOf(rooms, 'racks')), int(sumOf(rooms, 'devices')), int(sumOf(rooms, 'usedU')), int(sumOf(rooms, 'freeU')), kw(sumOf(rooms, 'loadW') / 1000), kw(sumOf(rooms, 'budgetW') / 1000), kw(sumOf(rooms, 'heatW') / 1000), kw(sumOf(rooms, 'coolingCapacityW') / 1000), int(sumOf(rooms, 'weightKg'))] : undefined);
}

function rowTable(h: Html, rows: CapacityReport['rows'], t: T, kw: (n: number) => string, int: (n: number) => string): void {
  table(h, [t('row'), t('racks'), t('devices'), t('usedU'), t('loadKw'), t('budgetKw'), t('weightKg')], [false, true, true, true, true, true, true],
    rows.map((r) => [r.name, int(r.racks), int(r.devices), int(r.usedU), kw(r.loadW / 1000), kw(r.budgetW / 1000), int(r.weightKg)]));
}

function sumOf<K extends string>(xs: ReadonlyArray<Record<K, number>>, k: K): number {
  return xs.reduce((a, x) => a + x[k], 0);
}

/** The snapshot restricted to some rooms' racks and devices (for a one-room BOM). */
function scopeToRooms(s: DocumentSnapshot, rooms: ReadonlySet<string>): DocumentSnapshot {
  const racks = Object.fromEntries(Object.entries(s.racks).filter(([, r]) => rooms.has(r.roomId)));
  const devices = Object.fromEntries(Object.entries(s.devices).filter(([, d]) => d.rackId in racks));
  return { ...s, racks, devices };
}
