/**
 * The Reports workspace's pure parts: the options form → `report.start` arguments, a job's state
 * from its `report.progress` events, and the words and numbers shown for it. No React, no API.
 */
import type { ApiEvent, ApiResult, DataExportFormat, ReportFileFormat, ReportJobResult, ReportJobState, ReportKind, ReportStart } from '../../../core/api';
import type { SerializedError } from '../../../core/model/errors';
import type { DocumentSnapshot } from '../../../core/model/schema';

export type ReportProgressEvent = Extract<ApiEvent, { type: 'report.progress' }>;

export interface ReportOptions {
  kind: ReportKind;
  /** A room id, or '' for every room. */
  room: string;
  paper: 'a4' | 'letter';
  lang: 'en' | 'fr';
  revision: string;
  author: string;
}

/** What a job is for: the preview pane, a report file, or a data export. */
export type JobPurpose = { kind: 'preview' } | { kind: 'report'; format: ReportFileFormat } | { kind: 'data'; format: DataExportFormat };

export interface JobView {
  jobId: string;
  purpose: JobPurpose;
  /** Suggested (browser) or chosen (Electron) file name. */
  filename: string;
  state: ReportJobState;
  /** 0–100. */
  done: number;
  phase: string;
  error?: SerializedError;
  result?: ReportJobResult;
  /** The user asked to cancel; the final event is on its way. */
  cancelling?: boolean;
}

export function defaultOptions(lang: 'en' | 'fr'): ReportOptions {
  return { kind: 'design', room: '', paper: 'a4', lang, revision: '', author: '' };
}

/** Rooms for the room menu, by name in natural order (the report's own order). */
export function roomChoices(snapshot: DocumentSnapshot | null): Array<{ id: string; name: string }> {
  if (!snapshot) return [];
  return Object.values(snapshot.rooms)
    .map((r) => ({ id: r.id, name: r.name }))
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' }));
}

/** The options as `report.start` arguments; blank text fields are left out, a vanished room too. */
export function startArgs(o: ReportOptions, format: ReportFileFormat, snapshot: DocumentSnapshot | null, path?: string): ReportStart {
  const args: ReportStart = { kind: o.kind, format, paper: o.paper, lang: o.lang };
  if (o.room && snapshot?.rooms[o.room]) args.room = o.room;
  if (o.revision.trim()) args.revision = o.revision.trim();
  if (o.author.trim()) args.author = o.author.trim();
  if (path) args.path = path;
  return args;
}

export function newJob(started: ApiResult<'report.start'>, purpose: JobPurpose): JobView {
  return { jobId: started.jobId, purpose, filename: started.filename, state: 'running', done: 0, phase: 'start' };
}

/**
 * A job after one event. Events of other jobs, and anything after the final event, change nothing;
 * `done` never goes back (events cross a network in browser mode).
 */
export function applyProgress(job: JobView | null, e: ReportProgressEvent): JobView | null {
  if (!job || e.jobId !== job.jobId || job.state !== 'running') return job;
  const next: JobView = { ...job, state: e.state, done: Math.max(job.done, Math.round((e.done / Math.max(e.total, 1)) * 100)), phase: e.phase };
  if (e.error) next.error = e.error;
  if (e.result) next.result = e.result;
  if (e.state !== 'running') delete next.cancelling;
  return next;
}

/** The i18n key (and name) for a job's phase: the runner's phases, the report's sections, NetBox tables. */
export function phaseText(phase: string): { key: string; name?: string } {
  const named = /^(room|rack|3D view) (.+)$/.exec(phase);
  if (named) return { key: named[1] === 'room' ? 'reports.phase.room' : named[1] === 'rack' ? 'reports.phase.rack' : 'reports.phase.view3d', name: named[2] };
  const fixed: Record<string, string> = {
    start: 'reports.phase.start', checks: 'reports.phase.checks', bom: 'reports.phase.bom', power: 'reports.phase.power',
    pdf: 'reports.phase.pdf', 'pdf (contents pages)': 'reports.phase.pdfToc', tables: 'reports.phase.tables',
    'device types': 'reports.phase.deviceTypes', done: 'reports.phase.done', cancelled: 'reports.phase.cancelled', failed: 'reports.phase.failed',
  };
  return fixed[phase] ? { key: fixed[phase] } : { key: 'reports.phase.table', name: phase };
}

/** 1 234 B, 12.3 kB, 4.5 MB (decimal units, as file managers show them). */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  const digits = i === 0 || v >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(v)} ${units[i]}`;
}

/** Browser mode: the one-shot download, saved under the server's file name. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
