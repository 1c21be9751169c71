/**
 * The services behind the API contract (core/api.ts), shared by Electron's IPC handlers and the
 * browser-mode HTTP server. It owns the one open project, the user's data, and change events.
 * `handle` validates every call with zod and never throws: it answers `{ok, value}` or
 * `{ok: false, error}`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiEvent, ApiResponse, AppInfo, BaseMethod, CatalogQuery, CxAuditQuery, CxFilePut, CxPhotoPut, ExportStart, OpsReadingsImport, OpsReadingsImportResult, OpsSensorChartQuery, OpsTimelineQuery, ProjectInfo, ReportStart } from '../../core/api';
import { API_METHODS } from '../../core/api';
import { getCommand } from '../../core/commands';
import { PlenumError, serializeError } from '../../core/model/errors';
import { exportDocument } from '../../core/interchange/plenum1';
import type { ProjectStore } from '../store/project-store';
import { backupFolderFor, backupPath, listBackups, newBackupName } from './backups';
import { DeviceCatalog } from './catalog';
import { auditExport, auditList, builtinTemplates, filePut, photoGet, photoPut } from './cx';
import { copyProject, createProject, ensurePlenumExtension, openProjectWithBackup } from './project-files';
import { UserData } from './user-data';
import { ReportJobs, type PdfPrinter, type ReportJobsOptions } from './reports';
import { readRevisionHistory } from '../report/history';
import { formatPath } from '../../core/interchange/plenum1';
import { parseReadingsCsv } from '../../core/ops/readings-csv';
import { buildTimeline } from '../../core/ops/timeline';
import { opsAttention, sensorChart, sensorSummariesWithLast } from './ops';
import { localTimeWithOffset } from '../../core/ops/dates';

export interface PlatformHooks {
  openProjectDialog(): Promise<string | null>;
  saveProjectDialog(defaultName?: string): Promise<string | null>;
  /** Called only after the allow-list check below. */
  openExternal(url: string): Promise<void>;
  /** Reports (electron/services/reports.ts): where to save one, which folder a data export goes to, and showing the result. */
  saveReportDialog?(defaultName: string, format: 'pdf' | 'html'): Promise<string | null>;
  chooseFolderDialog?(): Promise<string | null>;
  revealPath?(file: string): void;
}

export interface AppServicesOptions {
  userDataDir: string;
  mode: 'electron' | 'browser';
  version: string;
  platform: string;
  hooks?: PlatformHooks;
  /** Electron's printer for report PDFs (electron/main/report-pdf.ts); without it, headless Chromium. */
  printPdf?: PdfPrinter;
  /** Electron's 3D pictures for the design report (electron/main/snapshot3d-electron.ts); without it, headless Chromium. */
  snapshot3d?: ReportJobsOptions['snapshot3d'];
  /** Tests only: other report renderers. */
  reportRenderers?: ReportJobsOptions['renderers'];
}

/** The only places Plenum will open in the user's browser. */
export const EXTERNAL_URL_ALLOW_LIST = [
  'https://github.com/netbox-community/devicetype-library',
  'https://www.ashrae.org/',
  'https://netbox.readthedocs.io/',
] as const;

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  return EXTERNAL_URL_ALLOW_LIST.some((prefix) => parsed.href === prefix || parsed.href.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`));
}

type Handler = (args: never) => unknown;

export class AppServices {
  readonly userData: UserData;
  readonly catalog: DeviceCatalog;
  private store: ProjectStore | null = null;
  private readonly listeners = new Set<(e: ApiEvent) => void>();
  readonly reports: ReportJobs;

  constructor(private readonly options: AppServicesOptions) {
    this.userData = new UserData(options.userDataDir);
    this.catalog = new DeviceCatalog(this.userData.dir);
    this.reports = new ReportJobs({
      emit: (e) => this.emit(e),
      ...(options.printPdf ? { print: options.printPdf } : {}),
      ...(options.snapshot3d ? { snapshot3d: options.snapshot3d } : {}),
      ...(options.reportRenderers ? { renderers: options.reportRenderers } : {}),
    });
  }

  onEvent(listener: (e: ApiEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: ApiEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (err) {
        console.error('Plenum: event listener failed', err);
      }
    }
  }

  get currentStore(): ProjectStore | null {
    return this.store;
  }

  private requireStore(): ProjectStore {
    if (!this.store) throw new PlenumError('No project is open', 'no-project');
    return this.store;
  }

  private async setStore(next: ProjectStore | null): Promise<ProjectInfo | null> {
    // A report of the project being closed must not finish under the next one's name.
    if (next !== this.store) this.reports.cancelAll();
    this.store?.close();
    this.store = next;
    const info = next ? next.info() : null;
    if (next && info) this.userData.addRecent(next.path, info.name);
    this.emit({ type: 'project.changed', project: info });
    return info;
  }

  async openProject(file: string): Promise<ProjectInfo> {
    const abs = path.resolve(file);
    if (this.store && path.resolve(this.store.path) === abs) return this.store.info();
    const store = await openProjectWithBackup(abs, this.userData.backupsDir());
    return (await this.setStore(store))!;
  }

  async openOnStartup(file?: string): Promise<ProjectInfo | null> {
    if (file) return this.openProject(file);
    const last = this.userData.recent().find((r) => r.exists);
    if (last) {
      try {
        return await this.openProject(last.path);
      } catch (err) {
        console.warn(`Plenum: could not reopen ${last.path}: ${(err as Error).message}`);
      }
    }
    if (this.userData.recent().length > 0) return null;
    // First start ever: open the demo so a newcomer sees a working product at once.
    const demoPath = path.join(this.userData.dir, 'Demo site.plenum');
    if (!fs.existsSync(demoPath)) createProject(demoPath, { demo: true }).close();
    return this.openProject(demoPath);
  }

  close(): void {
    this.reports.cancelAll();
    this.store?.close();
    this.store = null;
  }

  private readonly handlers: { [M in BaseMethod]: (args: never) => unknown } = {
    'app.info': (): AppInfo => ({ version: this.options.version, mode: this.options.mode, platform: this.options.platform, userDataDir: this.userData.dir }),
    'prefs.get': () => this.userData.preferences(),
    'prefs.set': (patch: Record<string, unknown>) => {
      const prefs = this.userData.setPreferences(patch);
      this.emit({ type: 'prefs.changed', prefs });
      return prefs;
    },
    'recent.list': () => this.userData.recent(),
    'recent.remove': (a: { path: string }) => this.userData.removeRecent(a.path),
    'project.current': () => this.store?.info() ?? null,
    'project.create': async (a: { path: string; name: string; demo: boolean }) => {
      const store = createProject(ensurePlenumExtension(a.path), { name: a.name, demo: a.demo });
      store.close();
      return this.openProject(store.path);
    },
    'project.open': (a: { path: string }) => this.openProject(a.path),
    'project.close': async () => {
      await this.setStore(null);
      return null;
    },
    'project.saveAs': async (a: { path: string }) => {
      const dest = await copyProject(this.requireStore(), a.path);
      return this.openProject(dest);
    },
    'project.duplicate': async (a: { path: string }) => ({ path: await copyProject(this.requireStore(), a.path) }),
    'files.defaultFolder': () => {
      const dir = this.userData.defaultProjectsDir();
      fs.mkdirSync(dir, { recursive: true });
      return { path: dir };
    },
    'files.list': (a: { folder: string }) => {
      const folder = path.resolve(a.folder);
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(folder, { withFileTypes: true });
      } catch (err) {
        throw new PlenumError(`${folder}: cannot list this folder (${(err as Error).message})`, 'io', 'folder');
      }
      const visible = entries.filter((e) => !e.name.startsWith('.'));
      const list = [
        ...visible.filter((e) => e.isDirectory()).map((e) => ({ name: e.name, path: path.join(folder, e.name), kind: 'folder' as const })),
        ...visible.filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.plenum')).map((e) => ({ name: e.name, path: path.join(folder, e.name), kind: 'project' as const })),
      ].sort((x, y) => (x.kind === y.kind ? x.name.localeCompare(y.name) : x.kind === 'folder' ? -1 : 1));
      const parent = path.dirname(folder);
      return { folder, parent: parent === folder ? null : parent, entries: list };
    },
    'doc.snapshot': () => this.requireStore().snapshot(),
    'doc.export': () => exportDocument(this.requireStore().snapshot()),
    'history.state': () => this.requireStore().historyState(),
    'history.undo': () => this.undoRedo('undo'),
    'history.redo': () => this.undoRedo('redo'),
    'backups.list': () => listBackups(backupFolderFor(this.userData.backupsDir(), this.requireStore().path)),
    'backups.restore': async (a: { id: string }) => {
      const store = this.requireStore();
      if (store.readOnly) throw new PlenumError(`${store.path} is open read-only: it cannot be replaced by a backup`, 'read-only');
      const folder = backupFolderFor(this.userData.backupsDir(), store.path);
      const source = backupPath(folder, a.id);
      const target = store.path;
      // Keep the state being replaced, so a restore can itself be undone by restoring again.
      await store.backupTo(path.join(folder, newBackupName()));
      await this.setStore(null);
      const tmp = `${target}.restore-${process.pid}.tmp`;
      fs.copyFileSync(source, tmp);
      for (const side of ['-wal', '-shm']) fs.rmSync(target + side, { force: true });
      fs.renameSync(tmp, target);
      return this.openProject(target);
    },
    'dialog.openProject': async () => {
      if (!this.options.hooks) throw new PlenumError('Native dialogs are not available in browser mode', 'unsupported');
      return { path: await this.options.hooks.openProjectDialog() };
    },
    'dialog.saveProject': async (a: { defaultName?: string }) => {
      if (!this.options.hooks) throw new PlenumError('Native dialogs are not available in browser mode', 'unsupported');
      return { path: await this.options.hooks.saveProjectDialog(a.defaultName) };
    },
    'shell.openExternal': async (a: { url: string }) => {
      if (!isAllowedExternalUrl(a.url)) throw new PlenumError(`Plenum does not open ${a.url}: it is not on the list of trusted sites`, 'forbidden', 'url');
      if (!this.options.hooks) throw new PlenumError('Opening links is not available in browser mode', 'unsupported');
      await this.options.hooks.openExternal(a.url);
      return null;
    },
    'catalog.list': (q: CatalogQuery) => this.catalog.list(q, new Set((this.store?.list('deviceTypes') ?? []).map((t) => t.id))),
    'catalog.importNetbox': (a: { paths: string[] }) => this.catalog.importNetbox(a.paths),
    'catalog.rackTypes': () => this.catalog.rackTypes(),
    'cx.templates.builtin': () => builtinTemplates(),
    'cx.audit.list': (q: CxAuditQuery) => auditList(this.requireStore(), q),
    'cx.audit.export': (a: { format: 'csv' | 'json'; instanceId?: string }) => auditExport(this.requireStore(), a),
    'cx.audit.verify': () => this.requireStore().verifyAuditLog(),
    'cx.photo.put': (a: CxPhotoPut) => photoPut(this.requireStore(), a),
    'cx.file.put': (a: CxFilePut) => filePut(this.requireStore(), a),
    'cx.photo.get': (a: { id: string; original?: boolean }) => photoGet(this.requireStore(), a),
    'report.kinds': () => this.reports.kinds(),
    'report.start': (a: ReportStart) => {
      if (a.path && this.options.mode !== 'electron') throw new PlenumError('Browser mode downloads reports: leave out the path', 'unsupported', 'path');
      return this.reports.startReport(this.jobSource(), a);
    },
    'export.start': (a: ExportStart) => {
      if (a.dir && this.options.mode !== 'electron') throw new PlenumError('Browser mode downloads exports: leave out the folder', 'unsupported', 'dir');
      return this.reports.startExport(this.jobSource(), a.format, a.dir);
    },
    'report.cancel': (a: { jobId: string }) => this.reports.cancel(a.jobId),
    'report.preview': (a: { jobId: string }) => this.reports.preview(a.jobId),
    'report.reveal': (a: { jobId: string }) => {
      const reveal = this.options.hooks?.revealPath;
      if (!reveal) throw new PlenumError('Showing files is not available in browser mode', 'unsupported');
      // Only what a job of this run wrote, never a path from the page.
      reveal(this.reports.writtenPath(a.jobId));
      return null;
    },
    'dialog.saveReport': async (a: { defaultName: string; format: 'pdf' | 'html' }) => {
      const dialog = this.options.hooks?.saveReportDialog;
      if (!dialog) throw new PlenumError('Native dialogs are not available in browser mode', 'unsupported');
      return { path: await dialog(a.defaultName, a.format) };
    },
    'dialog.chooseFolder': async () => {
      const dialog = this.options.hooks?.chooseFolderDialog;
      if (!dialog) throw new PlenumError('Native dialogs are not available in browser mode', 'unsupported');
      return { path: await dialog() };
    },
    'ops.attention': () => {
      const store = this.requireStore();
      return opsAttention(store, store.snapshot(), Date.now());
    },
    'ops.sensorChart': (a: OpsSensorChartQuery) => {
      const store = this.requireStore();
      const snap = store.snapshot();
      if (!snap.sensors[a.sensorId]) throw new PlenumError(`Sensor ${a.sensorId} does not exist`, 'not-found', 'sensorId');
      return sensorChart(store, snap, a.sensorId, a);
    },
    'ops.sensorSummaries': () => sensorSummariesWithLast(this.requireStore()),
    'ops.readings.import': (a: OpsReadingsImport) => this.importReadings(a),
    'ops.timeline': (a: OpsTimelineQuery) => buildTimeline(this.requireStore().snapshot(), { ...a, nowMs: Date.now() }),
  };

  /**
   * A readings CSV from the renderer: parsed and checked whole, then one undo step (the store's
   * importReadings), announced like a command so the renderer's mirror gets the import record and
   * any new sensors.
   */
  private importReadings(a: OpsReadingsImport): OpsReadingsImportResult {
    const store = this.requireStore();
    if (a.createSensorsRoomId && !store.get('rooms', a.createSensorsRoomId)) {
      throw new PlenumError(`Room ${a.createSensorsRoomId} does not exist: choose the room the new sensors go in`, 'not-found', 'createSensorsRoomId');
    }
    const parsed = parseReadingsCsv(a.text, { fileName: a.fileName, ...(a.mapping ? { mapping: a.mapping } : {}), ...(a.utcOffset ? { utcOffset: a.utcOffset } : {}) });
    const r = store.importReadings(parsed, {
      fileName: a.fileName, at: localTimeWithOffset(), ...(a.actor ? { importedBy: a.actor } : {}), skipInvalid: a.skipInvalid === true,
      createSensors: a.createSensorsRoomId ? { roomId: a.createSensorsRoomId } : false,
    });
    if (r.seq !== null && r.changes.length > 0) {
      this.emit({ type: 'doc.changed', seq: r.seq, changes: r.changes, history: store.historyState(), source: 'command' });
    }
    return { importId: r.importId, rows: r.rows, inserted: r.inserted, duplicates: r.duplicates, skipped: r.skipped, sensorsCreated: r.sensorsCreated, fromAt: r.fromAt, toAt: r.toAt };
  }

  /**
   * What a report or export job reads: the snapshot now, the revision history on demand. The open
   * project is held with an exclusive lock, so the history is read from an online backup copy.
   */
  private jobSource() {
    const store = this.requireStore();
    const snapshot = store.snapshot();
    const history = async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-history-'));
      try {
        const copy = path.join(dir, 'copy.plenum');
        await store.backupTo(copy);
        return readRevisionHistory(copy);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    };
    const photo = (id: string) => {
      const blob = store.getBlob(id);
      return blob ? { mime: blob.mime, dataBase64: blob.data.toString('base64') } : undefined;
    };
    const sensorSeries = (id: string, fromT: number, toT: number) => store.sensorSeries(id, fromT, toT);
    return { snapshot, history, photo, sensorSeries };
  }

  private undoRedo(which: 'undo' | 'redo') {
    const store = this.requireStore();
    const applied = which === 'undo' ? store.undo() : store.redo();
    const history = store.historyState();
    if (applied) this.emit({ type: 'doc.changed', seq: applied.seq, changes: applied.changes, history, source: which });
    return history;
  }

  private runCommand(name: string, args: unknown) {
    const store = this.requireStore();
    const applied = store.execute(name, args);
    if (applied.changes.length > 0) {
      this.emit({ type: 'doc.changed', seq: applied.seq, changes: applied.changes, history: store.historyState(), source: 'command' });
    }
    return { result: applied.result, seq: applied.seq };
  }

  async handle(method: string, args: unknown): Promise<ApiResponse<unknown>> {
    try {
      if (method.startsWith('cmd.')) {
        const name = method.slice(4);
        if (!getCommand(name)) throw new PlenumError(`Unknown method "${method}"`, 'invalid', 'method');
        // The store validates command arguments with the command's own schema.
        return { ok: true, value: this.runCommand(name, args ?? {}) };
      }
      if (!Object.hasOwn(API_METHODS, method)) throw new PlenumError(`Unknown method "${method}"`, 'invalid', 'method');
      const schema = API_METHODS[method as BaseMethod];
      const parsed = schema.safeParse(args ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = formatPath(issue.path);
        throw new PlenumError(`${method}: ${field ? `${field}: ` : ''}${issue.message}`, 'invalid', field || undefined);
      }
      const handler = this.handlers[method as BaseMethod] as Handler;
      return { ok: true, value: await handler(parsed.data as never) };
    } catch (err) {
      const error = serializeError(err);
      if (error.code === 'internal') console.error(`Plenum: ${method} failed`, err);
      return { ok: false, error };
    }
  }
}
