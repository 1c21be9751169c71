/**
 * The app's report and data-export jobs (issue 6 §3, §5): File → Export… and the Reports
 * workspace, in Electron and in browser mode. A job runs in the main process, reports progress as
 * `report.progress` events (strictly in order, `done` never going back, exactly one final event),
 * can be cancelled (the AbortSignal reaches the Chromium print), and ends in one of two ways:
 *
 * - written to a path the user chose (Electron's save dialog / folder picker): to a temporary
 *   name, renamed only when complete and not cancelled, so no partial file is ever left;
 * - kept in memory for one preview (`report.preview`) or one browser download
 *   (`GET /download/<jobId>`), then dropped; unclaimed results expire.
 *
 * No Electron import: the PDF printer is injected (electron/main passes printWithElectron; the
 * browser mode and the tests use headless Chromium, htmlToPdf, the default of renderDesignReport).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import type { ApiEvent, DataExportFormat, ReportJobResult, ReportJobState, ReportKind, ReportStart } from '../../core/api';
import { REPORT_KINDS } from '../../core/api';
import type { Series } from '../../core/ops/series';
import { PlenumError, serializeError } from '../../core/model/errors';
import type { DocumentSnapshot } from '../../core/model/schema';
import { selectRooms, type RevisionEntry } from '../../core/report/design';
import { pdfPageCount } from '../cli/report';
import type { ReportPhoto } from '../../core/report/cx';
import { renderCxReport } from '../report/cx-report';
import { renderDesignReport } from '../report/design-report';
import { renderOpsReport } from '../report/ops-report';
import { exportData } from '../report/export-data';
import type { PdfOptions } from '../report/pdf';
import type { Snapshot3dFn } from '../report/snapshot3d';

export type PdfPrinter = (html: string, opts: PdfOptions) => Promise<Uint8Array>;

/** What every report renderer takes (renderDesignReport's request, without the file). */
export interface ReportRenderRequest {
  format: 'pdf' | 'html';
  paper: 'a4' | 'letter';
  lang: 'en' | 'fr';
  room?: string;
  revision?: string;
  author?: string;
  date?: string;
  history?: RevisionEntry[];
  onProgress(done: number, total: number, phase: string): void;
  signal: AbortSignal;
  print?: PdfPrinter;
  snapshot3d?: Snapshot3dFn;
  /** The commissioning report's photos, read from the open project's blobs. */
  photo?(blobId: string): ReportPhoto | undefined;
  /** Something the report had to leave out (e.g. 3D views without WebGL); shown with the result. */
  onWarning?(message: string): void;
  /** The operations report's readings (one sensor over [fromT, toT), Unix s) and period (YYYY-MM-DD). */
  sensorSeries?(sensorId: string, fromT: number, toT: number): Series;
  since?: string;
  until?: string;
}
export type ReportRenderer = (snapshot: DocumentSnapshot, req: ReportRenderRequest) => Promise<Uint8Array>;

/** The open project as a job sees it: one consistent snapshot, taken when the job starts. */
export interface JobSource {
  snapshot: DocumentSnapshot;
  /** The revision history for the design report (read from the project file). */
  history(): RevisionEntry[] | Promise<RevisionEntry[]>;
  /** A commissioning photo by blob id. */
  photo?(blobId: string): ReportPhoto | undefined;
  /** A sensor's readings from the open project (the operations report). */
  sensorSeries?(sensorId: string, fromT: number, toT: number): Series;
}

/**
 * The kinds a renderer exists for: the API's kinds, and the operations report (issue 7 §6) which
 * the app offers once core/api.ts lists it in REPORT_KINDS (`report.kinds` answers from that list).
 */
export type RenderableKind = ReportKind | 'ops';

export interface ReportJobsOptions {
  emit(event: ApiEvent): void;
  /** Electron's printer; absent in browser mode and the CLI (headless Chromium). */
  print?: PdfPrinter;
  /** Electron's 3D pictures of rooms for the design report; absent: headless Chromium. */
  snapshot3d?: Snapshot3dFn;
  /** The report kinds this build can make, and how (tests inject their own). */
  renderers?: Partial<Record<RenderableKind, ReportRenderer>>;
  /** How long an unclaimed result stays in memory (default 15 minutes). */
  keepMs?: number;
}

/** At most this many jobs at once: each PDF print holds a Chromium page. */
const MAX_RUNNING = 3;
/** At most this many finished results wait in memory; the oldest goes first. */
const MAX_KEPT = 6;

interface Job {
  id: string;
  controller: AbortController;
  state: ReportJobState;
  /** The report's format (html previews) or null for data exports. */
  format: 'pdf' | 'html' | null;
  lastDone: number;
  lastPhase: string;
  result?: ReportJobResult;
  /** Bytes waiting for their one preview or download. */
  data?: Uint8Array;
  expiry?: ReturnType<typeof setTimeout>;
}

export const DEFAULT_RENDERERS: Partial<Record<RenderableKind, ReportRenderer>> = { design: renderDesignReport, cx: renderCxReport, ops: renderOpsReport };

/** A file name from the project name: letters, digits, spaces, dots, dashes; never empty. */
export function safeFileStem(name: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.normalize('NFC').replace(/[\u0000-\u001f<>:"/\\|?*]+/g, '-').replace(/\s+/g, ' ').replace(/^[\s.-]+|[\s.-]+$/g, '');
  return cleaned.slice(0, 100) || 'plenum';
}

const REPORT_SUFFIX: Record<RenderableKind, Record<'en' | 'fr', string>> = {
  design: { en: 'design report', fr: 'rapport de conception' },
  cx: { en: 'commissioning report', fr: 'rapport de mise en service' },
  ops: { en: 'operations report', fr: 'rapport d’exploitation' },
};

export function reportFileName(projectName: string, kind: RenderableKind, format: 'pdf' | 'html', lang: 'en' | 'fr', roomName?: string): string {
  const room = roomName ? ` - ${safeFileStem(roomName)}` : '';
  return `${safeFileStem(projectName)} - ${REPORT_SUFFIX[kind][lang]}${room}.${format}`;
}

export function exportFileName(projectName: string, format: DataExportFormat): string {
  const stem = safeFileStem(projectName);
  return format === 'xlsx' ? `${stem}.xlsx` : `${stem} - ${format === 'csv' ? 'CSV' : 'NetBox'}.zip`;
}

const MIME = { pdf: 'application/pdf', html: 'text/html; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', zip: 'application/zip' } as const;

function isAbort(signal: AbortSignal): boolean {
  return signal.aborted;
}

/** Writes `data` to `file` through a temporary name; a cancel before the rename leaves nothing. */
function writeAtomic(file: string, data: Uint8Array, signal: AbortSignal): void {
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, data);
    signal.throwIfAborted();
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // The folder itself is unusable (e.g. a file): there is no temporary file to remove.
    }
    if (signal.aborted) throw e;
    throw new PlenumError(`${file}: cannot write (${(e as Error).message})`, 'io', 'path');
  }
}

function filesUnder(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...filesUnder(dir, r));
    else out.push(r);
  }
  return out;
}

export class ReportJobs {
  private readonly jobs = new Map<string, Job>();
  private readonly renderers: Partial<Record<RenderableKind, ReportRenderer>>;
  private readonly keepMs: number;

  constructor(private readonly options: ReportJobsOptions) {
    this.renderers = options.renderers ?? DEFAULT_RENDERERS;
    this.keepMs = options.keepMs ?? 15 * 60_000;
  }

  /** The report kinds this build can make (the Reports workspace offers only these). */
  kinds(): ReportKind[] {
    return REPORT_KINDS.filter((k) => this.renderers[k] !== undefined);
  }

  private running(): number {
    return [...this.jobs.values()].filter((j) => j.state === 'running').length;
  }

  private newJob(format: Job['format']): Job {
    if (this.running() >= MAX_RUNNING) throw new PlenumError(`${MAX_RUNNING} exports are already running: wait for one to finish or cancel it`, 'conflict');
    const job: Job = { id: crypto.randomBytes(16).toString('hex'), controller: new AbortController(), state: 'running', format, lastDone: 0, lastPhase: '' };
    this.jobs.set(job.id, job);
    return job;
  }

  private progress(job: Job, done: number, total: number, phase: string): void {
    if (job.state !== 'running' || job.controller.signal.aborted) return;
    // Percent, never going back, and only when something visible changes: a 1,000-rack report
    // reports thousands of steps, and each event crosses IPC or the event stream.
    const pct = Math.max(job.lastDone, Math.min(99, Math.floor((done / Math.max(total, 1)) * 100)));
    if (pct === job.lastDone && phase === job.lastPhase) return;
    job.lastDone = pct;
    job.lastPhase = phase;
    this.options.emit({ type: 'report.progress', jobId: job.id, done: pct, total: 100, phase, state: 'running' });
  }

  private finish(job: Job, state: Exclude<ReportJobState, 'running'>, extra: { error?: unknown; result?: ReportJobResult; data?: Uint8Array } = {}): void {
    job.state = state;
    job.result = extra.result;
    job.data = extra.data;
    const event: ApiEvent = { type: 'report.progress', jobId: job.id, done: state === 'done' ? 100 : job.lastDone, total: 100, phase: state, state };
    if (extra.error !== undefined) event.error = serializeError(extra.error);
    if (extra.result) event.result = extra.result;
    this.options.emit(event);
    // Finished jobs are remembered for their preview, download or "show in folder", for a while.
    job.expiry = setTimeout(() => this.jobs.delete(job.id), this.keepMs);
    job.expiry.unref?.();
    const kept = [...this.jobs.values()].filter((j) => j.data !== undefined);
    for (const old of kept.slice(0, Math.max(0, kept.length - MAX_KEPT))) old.data = undefined;
  }

  private async run(job: Job, work: (signal: AbortSignal) => Promise<{ result: ReportJobResult; data?: Uint8Array }>): Promise<void> {
    const signal = job.controller.signal;
    // Let `start` answer first, so the caller knows the job id before its first event.
    await new Promise((resolve) => setImmediate(resolve));
    this.options.emit({ type: 'report.progress', jobId: job.id, done: 0, total: 100, phase: 'start', state: 'running' });
    try {
      signal.throwIfAborted();
      const out = await work(signal);
      signal.throwIfAborted();
      this.finish(job, 'done', out);
    } catch (e) {
      if (isAbort(signal)) this.finish(job, 'cancelled');
      else this.finish(job, 'failed', { error: e });
    }
  }

  /** Starts a report; answers at once with the job id and the suggested file name. */
  startReport(source: JobSource, req: ReportStart): { jobId: string; filename: string } {
    const render = this.renderers[req.kind];
    if (!render) throw new PlenumError(`The ${req.kind === 'cx' ? 'commissioning' : req.kind === 'design' ? 'design' : 'operations'} report is not available in this version`, 'unsupported', 'kind');
    const kind = req.kind as RenderableKind;
    // The operations report's period (absent: the last 90 days).
    const period = req;
    const s = source.snapshot;
    let roomName: string | undefined;
    if (req.room) {
      try {
        roomName = s.rooms[selectRooms(s, req.room)[0]!]!.name;
      } catch (e) {
        throw new PlenumError((e as Error).message, 'not-found', 'room');
      }
    }
    const filename = req.path ? path.basename(req.path) : reportFileName(s.project.name, req.kind, req.format, req.lang, roomName);
    const job = this.newJob(req.format);
    void this.run(job, async (signal) => {
      const warnings: string[] = [];
      const bytes = await render(s, {
        format: req.format, paper: req.paper, lang: req.lang, room: req.room, revision: req.revision || undefined,
        author: req.author || undefined, date: req.date, history: req.kind === 'design' ? await source.history() : undefined,
        onProgress: (d, t, phase) => this.progress(job, d, t, phase), signal, onWarning: (m) => warnings.push(m),
        ...(this.options.print ? { print: this.options.print } : {}),
        ...(this.options.snapshot3d ? { snapshot3d: this.options.snapshot3d } : {}),
        ...(req.kind === 'cx' && source.photo ? { photo: source.photo } : {}),
        ...(kind === 'ops' ? { sensorSeries: source.sensorSeries, since: period.since, until: period.until } : {}),
      });
      signal.throwIfAborted();
      const result: ReportJobResult = { filename, mime: MIME[req.format], bytes: bytes.byteLength, ...(warnings.length > 0 ? { warnings } : {}) };
      if (req.format === 'pdf') {
        const pages = pdfPageCount(bytes);
        if (pages) result.pages = pages;
      }
      if (req.path) {
        writeAtomic(req.path, bytes, signal);
        return { result: { ...result, path: path.resolve(req.path) } };
      }
      return { result, data: bytes };
    });
    return { jobId: job.id, filename };
  }

  /** Starts a data export into `dir`, or, without it, into one download (a ZIP when there are several files). */
  startExport(source: JobSource, format: DataExportFormat, dir?: string): { jobId: string; filename: string } {
    const s = source.snapshot;
    const filename = dir ? path.basename(path.resolve(dir)) : exportFileName(s.project.name, format);
    const job = this.newJob(null);
    void this.run(job, async (signal) => {
      const onProgress = (d: number, t: number, phase: string) => this.progress(job, d, t, phase);
      if (dir) {
        const target = path.resolve(dir);
        const files = exportData(s, format, target, { signal, onProgress });
        const bytes = files.reduce((n, f) => n + fs.statSync(path.join(target, f)).size, 0);
        return { result: { filename, mime: format === 'xlsx' ? MIME.xlsx : 'inode/directory', bytes, path: target, files } };
      }
      // Browser mode: build in a private temporary folder, hand over one file, leave nothing behind.
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-export-'));
      try {
        exportData(s, format, tmp, { signal, onProgress });
        const files = filesUnder(tmp).sort();
        signal.throwIfAborted();
        if (format === 'xlsx') {
          const data = fs.readFileSync(path.join(tmp, files[0]!));
          return { result: { filename, mime: MIME.xlsx, bytes: data.byteLength, files }, data: new Uint8Array(data) };
        }
        const entries: Record<string, Uint8Array> = {};
        for (const f of files) entries[f] = new Uint8Array(fs.readFileSync(path.join(tmp, f)));
        const zip = zipSync(entries, { level: 6 });
        return { result: { filename, mime: MIME.zip, bytes: zip.byteLength, files }, data: zip };
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });
    return { jobId: job.id, filename };
  }

  cancel(jobId: string): { cancelled: boolean } {
    const job = this.jobs.get(jobId);
    if (!job) throw new PlenumError('No such report or export: it finished long ago or never started', 'not-found', 'jobId');
    if (job.state !== 'running') return { cancelled: false };
    job.controller.abort();
    return { cancelled: true };
  }

  /** The finished bytes of a job, once (the browser download). Null when unknown, unfinished or already taken. */
  take(jobId: string): { data: Uint8Array; filename: string; mime: string } | null {
    const job = this.jobs.get(jobId);
    if (!job || job.state !== 'done' || !job.data || !job.result) return null;
    const data = job.data;
    job.data = undefined;
    return { data, filename: job.result.filename, mime: job.result.mime };
  }

  /** The HTML of a finished HTML report, once (the Reports workspace's preview). */
  preview(jobId: string): { html: string } {
    const job = this.jobs.get(jobId);
    if (!job || job.format !== 'html') throw new PlenumError('No such HTML report to preview', 'not-found', 'jobId');
    if (job.state === 'running') throw new PlenumError('The report is still being made', 'conflict', 'jobId');
    const taken = this.take(jobId);
    if (!taken) throw new PlenumError('This report was already shown or has expired: make it again', 'not-found', 'jobId');
    return { html: new TextDecoder().decode(taken.data) };
  }

  /** Where a finished job wrote its file or folder (for "show in folder"). */
  writtenPath(jobId: string): string {
    const p = this.jobs.get(jobId)?.result?.path;
    if (!p) throw new PlenumError('This export was not written to a file', 'not-found', 'jobId');
    return p;
  }

  /** Cancels everything (project closed, app quitting). */
  cancelAll(): void {
    for (const job of this.jobs.values()) if (job.state === 'running') job.controller.abort();
  }
}
