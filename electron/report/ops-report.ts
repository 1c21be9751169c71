/**
 * The operations report from a project file or a snapshot: builds the HTML (core/report/ops.ts)
 * with the sensors' readings read from the project's readings table and, for PDF, prints it
 * through the same pipeline as the design report (headless Chromium, or `print` in Electron; a
 * second print fills the contents' page numbers).
 */
import { PlenumError } from '../../core/model/errors';
import type { DocumentSnapshot } from '../../core/model/schema';
import type { Series } from '../../core/ops/series';
import { pdfHeaderFooter } from '../../core/report/design';
import { opsReportHtml, type OpsReportOptions } from '../../core/report/ops';
import { ProjectStore } from '../store/project-store';
import { logoDataUrl, type DesignReportRequest } from './design-report';
import { printWithContentsPages } from './pdf-dests';
import type { PdfOptions } from './pdf';

export type OpsReportRequest = DesignReportRequest & {
  /** First and last day of the period (YYYY-MM-DD); default: the 90 days up to the report's date. */
  since?: string;
  until?: string;
  /** The instant overdue is judged at (ms); default now, never after the period's end. */
  nowMs?: number;
  /** One sensor's readings over [fromT, toT) (Unix s); the file-based `opsReport` reads the project's own. */
  sensorSeries?: (sensorId: string, fromT: number, toT: number) => Series;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function buildHtml(snapshot: DocumentSnapshot, req: Omit<OpsReportRequest, 'file'>): string {
  for (const [name, v] of [['since', req.since], ['until', req.until]] as const) {
    if (v !== undefined && (!DAY.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)))) throw new PlenumError(`--${name} must be a date YYYY-MM-DD, got "${v}"`, 'invalid', name);
  }
  const options: OpsReportOptions = {
    lang: req.lang ?? 'en', paper: req.paper ?? 'a4', room: req.room, revision: req.revision, author: req.author, date: req.date,
    since: req.since, until: req.until, nowMs: req.nowMs, readings: req.sensorSeries, signal: req.signal,
    logoDataUrl: req.logoPath ? logoDataUrl(req.logoPath) : undefined,
    // Reading the sensors and building the HTML is the first half; printing the rest.
    onProgress: req.onProgress ? (d, t, phase) => req.onProgress!(Math.round((d / t) * (req.format === 'html' ? 100 : 50)), 100, phase) : undefined,
  };
  try {
    return opsReportHtml(snapshot, options);
  } catch (e) {
    const m = (e as Error).message;
    if (m.startsWith('no room ')) throw new PlenumError(m, 'not-found', 'room');
    if (m.startsWith('the period starts')) throw new PlenumError(m, 'invalid', 'since');
    throw e;
  }
}

/** Prints the HTML to PDF with the contents' page numbers (as the design report). */
function printReport(snapshot: DocumentSnapshot, html: string, req: Omit<OpsReportRequest, 'file'>): Promise<Uint8Array> {
  const printOptions: PdfOptions = { paper: req.paper ?? 'a4', signal: req.signal, ...pdfHeaderFooter(snapshot, { lang: req.lang ?? 'en', revision: req.revision, kind: 'opsReport' }) };
  return printWithContentsPages(html, printOptions, { print: req.print, tocPages: req.tocPages, onProgress: req.onProgress, fromPct: 50 });
}

/**
 * Builds the report from a snapshot already in memory (the app has one and passes its open
 * store's `sensorSeries`; the CLI reads the file).
 */
export async function renderOpsReport(snapshot: DocumentSnapshot, req: Omit<OpsReportRequest, 'file'>): Promise<Uint8Array> {
  const html = buildHtml(snapshot, req);
  if (req.format === 'html') {
    req.onProgress?.(100, 100, 'done');
    return new TextEncoder().encode(html);
  }
  return printReport(snapshot, html, req);
}

/**
 * Reads `req.file` and builds its operations report. The store stays open (read-only) while the
 * HTML is built, so each sensor's readings are read from the file only for the period; it is
 * closed before printing.
 */
export async function opsReport(req: OpsReportRequest): Promise<Uint8Array> {
  const store = ProjectStore.open(req.file, { readOnly: true });
  let html: string;
  let snapshot: DocumentSnapshot;
  try {
    snapshot = store.snapshot();
    html = buildHtml(snapshot, { ...req, sensorSeries: req.sensorSeries ?? ((id, fromT, toT) => store.sensorSeries(id, fromT, toT)) });
  } finally {
    store.close();
  }
  if (req.format === 'html') {
    req.onProgress?.(100, 100, 'done');
    return new TextEncoder().encode(html);
  }
  return printReport(snapshot, html, req);
}
