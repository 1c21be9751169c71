/**
 * The design report from a project file: reads the snapshot and the revision history, builds the
 * HTML (core/report/design.ts) and, for PDF, prints it with headless Chromium. The app's File →
 * Export… passes `onProgress` and `signal`; in Electron, pass `print` (electron/main/report-pdf.ts)
 * to print with the app's own Chromium instead of launching one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PlenumError } from '../../core/model/errors';
import type { DocumentSnapshot } from '../../core/model/schema';
import { designReportHtml, pdfHeaderFooter, selectRooms, type DesignReportOptions, type Paper, type ProgressFn, type Room3dImage } from '../../core/report/design';
import type { Lang } from '../../core/report/i18n';
import { ProjectStore } from '../store/project-store';
import { commandLabel } from './command-labels';
import { findingTranslator } from './finding-text';
import { readRevisionHistory } from './history';
import { printWithContentsPages } from './pdf-dests';
import type { PdfOptions } from './pdf';
import { snapshotRooms3d, type Snapshot3dFn } from './snapshot3d';

export type ReportFormat = 'pdf' | 'html';

export interface DesignReportRequest {
  file: string;
  format: ReportFormat;
  paper?: Paper;
  lang?: Lang;
  room?: string;
  revision?: string;
  author?: string;
  date?: string;
  /** A PNG, JPEG, GIF, WebP or SVG file, embedded as a data URL. */
  logoPath?: string;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
  /** Page numbers in the contents (default true): costs a second print. */
  tocPages?: boolean;
  /** Prints HTML to PDF; default: headless Chromium through playwright-core. */
  print?: (html: string, opts: PdfOptions) => Promise<Uint8Array>;
  /** A 3D picture of each room (default true; the CLI's --no-3d). */
  rooms3d?: boolean;
  /** Draws the rooms' 3D pictures; default: headless Chromium (snapshot3d.ts). The app passes its own. */
  snapshot3d?: Snapshot3dFn;
  /** What the report had to leave out, and why (the 3D pictures without a browser or WebGL). */
  onWarning?: (message: string) => void;
}

const IMAGE_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.svg': 'image/svg+xml' };

/** Reads an image file as a data URL (so the report stays self-contained). */
export function logoDataUrl(file: string): string {
  const type = IMAGE_TYPES[path.extname(file).toLowerCase()];
  if (!type) throw new PlenumError(`${file}: the logo must be a PNG, JPEG, GIF, WebP or SVG file`, 'io');
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new PlenumError(`${file}: cannot read the logo (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'io');
  }
  return `data:${type};base64,${bytes.toString('base64')}`;
}

function readSnapshot(file: string): DocumentSnapshot {
  const store = ProjectStore.open(file, { readOnly: true });
  try {
    return store.snapshot();
  } finally {
    store.close();
  }
}

/** Builds the report from a snapshot already in memory (the app has one; the CLI reads the file). */
export async function renderDesignReport(snapshot: DocumentSnapshot, req: Omit<DesignReportRequest, 'file'> & { history?: DesignReportOptions['history'] }): Promise<Uint8Array> {
  const lang = req.lang ?? 'en';
  let roomIds: string[];
  try {
    roomIds = selectRooms(snapshot, req.room);
  } catch (e) {
    throw new PlenumError((e as Error).message, 'not-found');
  }
  // With 3D pictures, they take the first quarter of the progress; building the HTML runs to 60 %.
  const from = req.rooms3d === false ? 0 : 25;
  let room3d: Map<string, Room3dImage> | undefined;
  if (req.rooms3d !== false) {
    try {
      room3d = await (req.snapshot3d ?? snapshotRooms3d)(snapshot, roomIds, {
        signal: req.signal,
        onRoom: (done, total, name) => req.onProgress?.(Math.round((done / total) * from), 100, `3D view ${name}`),
      });
    } catch (e) {
      if (req.signal?.aborted) throw e;
      // The report stands without them: say so where the user will see it, never draw a stand-in.
      req.onWarning?.(`3D views left out of the report: ${(e as Error).message}`);
    }
  }
  const options: DesignReportOptions = {
    lang, paper: req.paper ?? 'a4', room: req.room, revision: req.revision, author: req.author, date: req.date,
    history: req.history?.map((e) => ({ ...e, command: commandLabel(lang, e.command) })), signal: req.signal, findingText: findingTranslator(lang),
    logoDataUrl: req.logoPath ? logoDataUrl(req.logoPath) : undefined, room3d,
    // Building the HTML runs to 60 %; printing the rest.
    onProgress: req.onProgress ? (d, t, phase) => req.onProgress!(from + Math.round((d / t) * (60 - from)), 100, phase) : undefined,
  };
  let html: string;
  try {
    html = designReportHtml(snapshot, options);
  } catch (e) {
    if ((e as Error).message.startsWith('no room ')) throw new PlenumError((e as Error).message, 'not-found');
    throw e;
  }
  if (req.format === 'html') {
    req.onProgress?.(100, 100, 'done');
    return new TextEncoder().encode(html);
  }
  const printOptions: PdfOptions = { paper: options.paper!, signal: req.signal, ...pdfHeaderFooter(snapshot, { lang, revision: req.revision }) };
  return printWithContentsPages(html, printOptions, { print: req.print, tocPages: req.tocPages, onProgress: req.onProgress, fromPct: 60 });
}

/** Reads `req.file` and builds its design report. */
export async function designReport(req: DesignReportRequest): Promise<Uint8Array> {
  const snapshot = readSnapshot(req.file);
  const history = readRevisionHistory(req.file);
  return renderDesignReport(snapshot, { ...req, history });
}
