/**
 * The commissioning report from a project file or a snapshot: builds the HTML
 * (core/report/cx.ts) with the photos read from the file's blobs and, for PDF, prints it through
 * the same pipeline as the design report (headless Chromium, or `print` in Electron; a second
 * print fills the contents' page numbers).
 */
import { PlenumError } from '../../core/model/errors';
import type { DocumentSnapshot } from '../../core/model/schema';
import { pdfHeaderFooter } from '../../core/report/design';
import { cxReportHtml, type CxReportOptions, type ReportPhoto } from '../../core/report/cx';
import { ProjectStore } from '../store/project-store';
import { logoDataUrl, type DesignReportRequest } from './design-report';
import { printWithContentsPages } from './pdf-dests';
import type { PdfOptions } from './pdf';

export type CxReportRequest = DesignReportRequest & {
  /** Reads a photo blob; the file-based `cxReport` reads the project's own. */
  photo?: (blobId: string) => ReportPhoto | undefined;
  /** The date overdue issues are judged against (YYYY-MM-DD; default: the report's date). */
  today?: string;
};

function buildHtml(snapshot: DocumentSnapshot, req: Omit<CxReportRequest, 'file'>): string {
  const options: CxReportOptions = {
    lang: req.lang ?? 'en', paper: req.paper ?? 'a4', room: req.room, revision: req.revision, author: req.author, date: req.date, today: req.today,
    signal: req.signal, photo: req.photo,
    logoDataUrl: req.logoPath ? logoDataUrl(req.logoPath) : undefined,
    // Building the HTML is the first half (photos included); printing the rest.
    onProgress: req.onProgress ? (d, t, phase) => req.onProgress!(Math.round((d / t) * (req.format === 'html' ? 100 : 50)), 100, phase) : undefined,
  };
  try {
    return cxReportHtml(snapshot, options);
  } catch (e) {
    if ((e as Error).message.startsWith('no room ')) throw new PlenumError((e as Error).message, 'not-found');
    throw e;
  }
}

/** Prints the HTML to PDF with the contents' page numbers (as the design report). */
function printReport(snapshot: DocumentSnapshot, html: string, req: Omit<CxReportRequest, 'file'>): Promise<Uint8Array> {
  const printOptions: PdfOptions = { paper: req.paper ?? 'a4', signal: req.signal, ...pdfHeaderFooter(snapshot, { lang: req.lang ?? 'en', revision: req.revision, kind: 'cxReport' }) };
  return printWithContentsPages(html, printOptions, { print: req.print, tocPages: req.tocPages, onProgress: req.onProgress, fromPct: 50 });
}

/** Builds the report from a snapshot already in memory (the app has one; the CLI reads the file). */
export async function renderCxReport(snapshot: DocumentSnapshot, req: Omit<CxReportRequest, 'file'>): Promise<Uint8Array> {
  const html = buildHtml(snapshot, req);
  if (req.format === 'html') {
    req.onProgress?.(100, 100, 'done');
    return new TextEncoder().encode(html);
  }
  return printReport(snapshot, html, req);
}

/**
 * Reads `req.file` and builds its commissioning report. The store stays open (read-only) while
 * the HTML is built, so photos are read one at a time from the file's blobs; it is closed before
 * printing.
 */
export async function cxReport(req: CxReportRequest): Promise<Uint8Array> {
  const store = ProjectStore.open(req.file, { readOnly: true });
  let html: string;
  let snapshot: DocumentSnapshot;
  try {
    snapshot = store.snapshot();
    const photo = req.photo ?? ((id: string): ReportPhoto | undefined => {
      const blob = store.getBlob(id);
      return blob ? { mime: blob.mime, dataBase64: blob.data.toString('base64') } : undefined;
    });
    html = buildHtml(snapshot, { ...req, photo });
  } finally {
    store.close();
  }
  if (req.format === 'html') {
    req.onProgress?.(100, 100, 'done');
    return new TextEncoder().encode(html);
  }
  return printReport(snapshot, html, req);
}
