/**
 * The Reports workspace's session state (never saved, never undone): the options, the job in
 * progress and the preview. Jobs run on the main side (electron/services/reports.ts); this
 * follows their `report.progress` events and, when one is done, shows the preview, saves the
 * browser download, or (Electron) says where the file was written.
 */
import { create } from 'zustand';
import type { DataExportFormat, ReportFileFormat, ReportKind } from '../../../core/api';
import { apiMode, call, getTransport } from '../api/client';
import { toSerializedError } from '../api/errors';
import { onReportProgress, reportError, toast } from '../app/controller';
import { i18n } from '../i18n';
import { useStore } from '../state/store';
import type { JobPurpose, JobView, ReportOptions, ReportProgressEvent } from './logic';
import { applyProgress, defaultOptions, newJob, saveBlob, startArgs } from './logic';

export interface ReportsSession {
  options: ReportOptions;
  /** The report kinds main can make (`report.kinds`); null until asked. */
  kinds: ReportKind[] | null;
  /** The export the workspace follows (a report file or a data export). */
  job: JobView | null;
  /** The preview being made or last made; it runs beside an export, never blocking it. */
  previewJob: JobView | null;
  preview: { html: string; optionsKey: string } | null;
  /** Bumped by File → Export… so the workspace moves focus to its export buttons. */
  exportFocus: number;
  setOptions(patch: Partial<ReportOptions>): void;
}

export const useReports = create<ReportsSession>()((set) => ({
  options: defaultOptions('en'),
  kinds: null,
  job: null,
  previewJob: null,
  preview: null,
  exportFocus: 0,
  setOptions: (patch) => set((s) => ({ options: { ...s.options, ...patch } })),
}));

/** What the preview was made from, to tell when it is out of date. */
export function optionsKey(o: ReportOptions): string {
  return JSON.stringify([o.kind, o.room, o.paper, o.lang, o.revision.trim(), o.author.trim()]);
}

const t = (key: string, options?: Record<string, unknown>) => i18n.t(key, options);

/**
 * Events can overtake the `report.start` answer (browser mode: the event stream and the call are
 * two connections), so events of a job not yet known wait here briefly.
 */
const early = new Map<string, ReportProgressEvent[]>();

type Slot = 'job' | 'previewJob';

function slotOf(jobId: string): Slot | null {
  const s = useReports.getState();
  return s.job?.jobId === jobId ? 'job' : s.previewJob?.jobId === jobId ? 'previewJob' : null;
}

function receive(e: ReportProgressEvent): void {
  const slot = slotOf(e.jobId);
  const job = slot ? useReports.getState()[slot] : null;
  if (!slot || !job) {
    const list = early.get(e.jobId) ?? [];
    list.push(e);
    early.set(e.jobId, list);
    if (early.size > 20) early.delete(early.keys().next().value!);
    return;
  }
  const next = applyProgress(job, e);
  if (next === job) return;
  useReports.setState({ [slot]: next });
  if (next && job.state === 'running' && next.state !== 'running') void finished(next);
}

onReportProgress(receive);

async function finished(job: JobView): Promise<void> {
  if (job.state === 'failed') {
    if (job.purpose.kind !== 'preview') toast(t('reports.toast.failed', { message: job.error?.message ?? '' }), 'error');
    return;
  }
  if (job.state !== 'done') return;
  if (job.purpose.kind === 'preview') {
    try {
      const { html } = await call('report.preview', { jobId: job.jobId });
      useReports.setState({ preview: { html, optionsKey: previewKeys.get(job.jobId) ?? '' } });
    } catch (err) {
      failJob(job.jobId, err);
    }
    return;
  }
  if (job.result?.path) {
    toast(t('reports.toast.written', { file: job.result.path }), 'success');
    return;
  }
  // Browser mode: fetch the one-shot download and hand it to the browser.
  const transport = getTransport();
  if (!transport.download) return;
  try {
    saveBlob(await transport.download(job.jobId), job.result?.filename ?? job.filename);
    toast(t('reports.toast.downloaded', { file: job.result?.filename ?? job.filename }), 'success');
  } catch (err) {
    failJob(job.jobId, err);
  }
}

function failJob(jobId: string, err: unknown): void {
  const slot = slotOf(jobId);
  const job = slot ? useReports.getState()[slot] : null;
  if (!slot || !job) return;
  useReports.setState({ [slot]: { ...job, state: 'failed', error: toSerializedError(err) } });
}

const previewKeys = new Map<string, string>();

function adopt(started: { jobId: string; filename: string }, purpose: JobPurpose): void {
  useReports.setState({ [purpose.kind === 'preview' ? 'previewJob' : 'job']: newJob(started, purpose) });
  const waiting = early.get(started.jobId) ?? [];
  early.delete(started.jobId);
  for (const e of waiting) receive(e);
}

export function isRunning(slot: Slot = 'job'): boolean {
  return useReports.getState()[slot]?.state === 'running';
}

/** Makes the HTML preview of the report with the current options. */
export async function runPreview(): Promise<void> {
  if (isRunning('previewJob')) return;
  const { options } = useReports.getState();
  try {
    const started = await call('report.start', startArgs(options, 'html', useStore.getState().snapshot));
    previewKeys.set(started.jobId, optionsKey(options));
    adopt(started, { kind: 'preview' });
  } catch (err) {
    reportError(err);
  }
}

function projectName(): string {
  return useStore.getState().snapshot?.project.name ?? 'plenum';
}

/** Exports the report as PDF or HTML: Electron asks where first; the browser downloads when done. */
export async function runReport(format: ReportFileFormat): Promise<void> {
  if (isRunning()) return;
  const { options } = useReports.getState();
  const snapshot = useStore.getState().snapshot;
  try {
    let path: string | undefined;
    if (apiMode() === 'electron') {
      const room = options.room ? snapshot?.rooms[options.room]?.name : undefined;
      const kindName = t(`reports.fileName.${options.kind}`, { lng: options.lang });
      const defaultName = `${projectName()} - ${kindName}${room ? ` - ${room}` : ''}.${format}`.replace(/[<>:"/\\|?*]+/g, '-');
      const chosen = await call('dialog.saveReport', { defaultName, format });
      if (!chosen.path) return;
      path = chosen.path;
    }
    adopt(await call('report.start', startArgs(options, format, snapshot, path)), { kind: 'report', format });
  } catch (err) {
    reportError(err);
  }
}

/** CSV, XLSX or NetBox: Electron asks for a folder; the browser downloads a file (a ZIP for several). */
export async function runDataExport(format: DataExportFormat): Promise<void> {
  if (isRunning()) return;
  try {
    let dir: string | undefined;
    if (apiMode() === 'electron') {
      const chosen = await call('dialog.chooseFolder', {});
      if (!chosen.path) return;
      dir = chosen.path;
    }
    adopt(await call('export.start', { format, ...(dir ? { dir } : {}) }), { kind: 'data', format });
  } catch (err) {
    reportError(err);
  }
}

export async function cancelJob(slot: Slot = 'job'): Promise<void> {
  const job = useReports.getState()[slot];
  if (!job || job.state !== 'running') return;
  useReports.setState({ [slot]: { ...job, cancelling: true } });
  try {
    await call('report.cancel', { jobId: job.jobId });
  } catch (err) {
    reportError(err);
  }
}

/** Electron: shows the written file (or export folder) in the file manager. */
export async function revealResult(): Promise<void> {
  const { job } = useReports.getState();
  if (!job?.result?.path) return;
  try {
    await call('report.reveal', { jobId: job.jobId });
  } catch (err) {
    reportError(err);
  }
}

/** Which report kinds to offer; asked once. */
export async function loadKinds(): Promise<void> {
  if (useReports.getState().kinds) return;
  try {
    useReports.setState({ kinds: await call('report.kinds', {}) });
  } catch (err) {
    useReports.setState({ kinds: ['design'] });
    reportError(err);
  }
}

/** File → Export…: the Reports workspace, with focus on its export buttons. */
export function openReportsExport(): void {
  useStore.getState().setWorkspace('reports');
  useReports.setState((s) => ({ exportFocus: s.exportFocus + 1 }));
}
