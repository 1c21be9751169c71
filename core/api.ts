/**
 * The API contract between the renderer and the main side, shared by the Electron IPC bridge and
 * the browser-mode HTTP server. One method per call; each has a zod schema for its arguments,
 * validated on the main side before anything runs. Results cross as `Result<T>`.
 *
 * Editing commands are exposed as `cmd.<command name>` methods, generated from the registry, so
 * each has its own typed, validated signature.
 */
import { z } from 'zod';
import type { CommandName, COMMANDS } from './commands';
import { COMMAND_NAMES } from './commands';
import type { AuditEntry } from './cx/audit';
import type { Change } from './model/changes';
import type { SerializedError } from './model/errors';
import type { DeviceType, DocumentSnapshot, PlenumDocument, RackType } from './model/schema';
import { AssetRef, DeviceRole } from './model/schema';
import type { AttentionItem } from './ops/attention';
import type { Excursion } from './ops/series';
import type { TimelineEntry } from './ops/timeline';

export const LANGUAGES = ['en', 'fr'] as const;
export const UNIT_SYSTEMS = ['metric', 'imperial'] as const;
export const THEMES = ['system', 'light', 'dark'] as const;

/**
 * Who walks commissioning checklists on this install (walk mode asks once). `deviceId` is made
 * once per install and stays, so the audit log can tell two tablets of the same person apart.
 */
export const CxActorPref = z.object({
  name: z.string().trim().min(1).max(120),
  role: z.string().trim().max(120).default(''),
  company: z.string().trim().max(200).default(''),
  deviceId: z.string().trim().min(1).max(120),
});
export type CxActorPref = z.infer<typeof CxActorPref>;

export const Preferences = z.object({
  language: z.enum(LANGUAGES),
  units: z.enum(UNIT_SYSTEMS),
  theme: z.enum(THEMES),
  cxActor: CxActorPref.optional(),
});
export type Preferences = z.infer<typeof Preferences>;
export const DEFAULT_PREFERENCES: Preferences = { language: 'en', units: 'metric', theme: 'system' };

export interface ProjectInfo {
  path: string;
  name: string;
  schemaVersion: number;
  /** Set when the file could only be opened read-only, with the reason to show in the banner. */
  readOnly: boolean;
  readOnlyReason?: string;
  counts: { rooms: number; racks: number; devices: number; deviceTypes: number; rows: number; rackTypes: number; floorEquipment: number };
}

export interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
  /** The step undo would revert: its command (for the i18n label) and what it touched. */
  undo: HistoryStep | null;
  redo: HistoryStep | null;
}

export interface HistoryStep {
  seq: number;
  command: string;
  detail: string;
}

export interface RecentProject {
  path: string;
  name: string;
  openedAt: string;
  exists: boolean;
}

export interface BackupInfo {
  id: string;
  takenAt: string;
  sizeBytes: number;
}

export interface FolderEntry {
  name: string;
  path: string;
  kind: 'folder' | 'project';
}

const FilePath = z.string().min(1, 'a file path is required').max(4096);

/** `catalog.list` filters: text over manufacturer/model/part number, then exact filters. */
export const CatalogQuery = z.object({
  query: z.string().max(200).optional(),
  manufacturer: z.string().max(120).optional(),
  uHeight: z.number().finite().min(0).max(100).optional(),
  minPowerW: z.number().finite().nonnegative().optional(),
  maxPowerW: z.number().finite().nonnegative().optional(),
  role: DeviceRole.optional(),
});
export type CatalogQuery = z.infer<typeof CatalogQuery>;

/** A catalog type, and whether the open project already has a copy of it. */
export type CatalogEntry = DeviceType & { inProject: boolean };
export interface CatalogList {
  deviceTypes: CatalogEntry[];
  /** Every manufacturer in the catalog (not only the filtered ones), for the filter menu. */
  manufacturers: string[];
}
export interface CatalogImportResult {
  imported: number;
  failed: number;
  files: { path: string; id?: string; model?: string; errors: string[]; warnings: string[] }[];
}

/** A published-template candidate shipped with Plenum (assets/templates). */
export interface CxBuiltinTemplate {
  file: string;
  templateId: string;
  version: number;
  title: string;
  level: 'L1' | 'L2' | 'L3' | 'L4' | 'L5';
  appliesTo: string[];
  yaml: string;
}

/** `cx.audit.list`: a page of the commissioning audit log, for the whole project, one checklist or one entity. */
export const CxAuditQuery = z.object({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
  instanceId: z.string().min(1).max(200).optional(),
  /** One entity, `kind:id` (e.g. `cxIssues:cxiss_1`). */
  entity: z.string().min(1).max(400).optional(),
  newestFirst: z.boolean().default(false),
});
export type CxAuditQuery = z.infer<typeof CxAuditQuery>;

export interface CxAuditExport {
  format: 'csv' | 'json';
  mime: string;
  filename: string;
  text: string;
  entries: number;
}

const Base64 = z.string().min(1, 'the data is empty').max(96 * 1024 * 1024).regex(/^[A-Za-z0-9+/\s]+={0,2}$/, 'must be base64');
const PhotoMime = z.enum(['image/jpeg', 'image/png', 'image/webp']);
/** `cx.photo.put`: a photo the renderer already downscaled (≤ 2048 px JPEG); the original only when asked. */
export const CxPhotoPut = z.object({
  mime: PhotoMime,
  dataBase64: Base64,
  width: z.number().int().min(1).max(20_000).optional(),
  height: z.number().int().min(1).max(20_000).optional(),
  original: z.object({ mime: PhotoMime, dataBase64: Base64 }).optional(),
});
export type CxPhotoPut = z.infer<typeof CxPhotoPut>;

/** `cx.file.put`: a document attached to a `file` item (a start-up report, a test result). */
export const CX_FILE_MIMES = ['application/pdf', 'text/csv', 'text/plain', 'image/jpeg', 'image/png', 'image/webp'] as const;
export const CxFilePut = z.object({
  mime: z.enum(CX_FILE_MIMES, { error: `must be one of ${CX_FILE_MIMES.join(', ')}` }),
  dataBase64: Base64,
});
export type CxFilePut = z.infer<typeof CxFilePut>;

export interface CxPhoto {
  id: string;
  mime: string;
  dataBase64: string;
  width: number | null;
  height: number | null;
  bytes: number;
  hasOriginal: boolean;
  createdAt: string;
}

export type CxAuditVerify = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; message: string };

/** Reports and data exports from the app (electron/services/reports.ts, docs/reports.md). */
export const REPORT_KINDS = ['design', 'cx', 'ops'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_FORMATS = ['pdf', 'html'] as const;
export type ReportFileFormat = (typeof REPORT_FORMATS)[number];
export const DATA_EXPORT_FORMATS = ['csv', 'xlsx', 'netbox'] as const;
export type DataExportFormat = (typeof DATA_EXPORT_FORMATS)[number];

/**
 * `report.start`. Without `path` the result stays on the main side for one `report.preview` (HTML)
 * or one browser-mode download (`GET /download/<jobId>`); with `path` (Electron, chosen with
 * `dialog.saveReport`) it is written there, to a temporary name first and renamed when complete.
 */
export const ReportStart = z.object({
  kind: z.enum(REPORT_KINDS),
  format: z.enum(REPORT_FORMATS),
  paper: z.enum(['a4', 'letter']).default('a4'),
  lang: z.enum(LANGUAGES).default('en'),
  room: z.string().trim().min(1, 'name a room, or leave it out for every room').max(200).optional(),
  revision: z.string().trim().max(60).optional(),
  author: z.string().trim().max(120).optional(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD').optional(),
  /** The operations report's period (default: the last 90 days). */
  since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD').optional(),
  until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD').optional(),
  path: FilePath.optional(),
});
export type ReportStart = z.infer<typeof ReportStart>;

/** `export.start`: CSV, XLSX or NetBox files; into `dir` (Electron, `dialog.chooseFolder`) or, without it, one download (a ZIP for several files). */
export const ExportStart = z.object({
  format: z.enum(DATA_EXPORT_FORMATS),
  dir: FilePath.optional(),
});
export type ExportStart = z.infer<typeof ExportStart>;

const JobId = z.string().regex(/^[0-9a-f]{32}$/, 'must be a job id');

/** What a finished report or export produced. */
export interface ReportJobResult {
  /** The file name offered for a download, or the file (or folder) written. */
  filename: string;
  mime: string;
  bytes: number;
  pages?: number;
  /** Where it was written (Electron), absent when it waits for a download or a preview. */
  path?: string;
  /** For data exports: the files written or zipped, relative to `path`. */
  files?: string[];
  /** What the report had to leave out, and why. */
  warnings?: string[];
}

export type ReportJobState = 'running' | 'done' | 'failed' | 'cancelled';

/** Operations (issue 7, electron/services/ops.ts). */
export const OpsSensorChartQuery = z.object({
  sensorId: z.string().min(1).max(200),
  fromT: z.number().finite().optional(),
  toT: z.number().finite().optional(),
  buckets: z.number().int().min(10).max(2000).optional(),
});
export type OpsSensorChartQuery = z.infer<typeof OpsSensorChartQuery>;

/** `ops.readings.import`: a readings CSV (core/ops/readings-csv.ts) the renderer read, all or nothing. */
export const OpsReadingsImport = z.object({
  fileName: z.string().trim().min(1).max(500),
  text: z.string().max(200 * 1024 * 1024, 'the file is larger than 200 MB: import it with plenum import'),
  mapping: z.object({
    timestamp: z.string().trim().min(1).max(200).optional(),
    sensor: z.string().trim().min(1).max(200).optional(),
    temperatureC: z.string().trim().min(1).max(200).optional(),
    humidityPct: z.string().trim().min(1).max(200).optional(),
  }).optional(),
  utcOffset: z.string().regex(/^(Z|[+-]\d{2}:?\d{2})$/, 'must be an offset, e.g. +01:00 or Z').optional(),
  skipInvalid: z.boolean().optional(),
  /** Create the sensors the file names but the project lacks, in this room. */
  createSensorsRoomId: z.string().min(1).max(200).optional(),
  actor: z.string().trim().min(1).max(120).optional(),
});
export type OpsReadingsImport = z.infer<typeof OpsReadingsImport>;

export interface OpsReadingsImportResult {
  /** Null when every reading was already in the project: nothing was written. */
  importId: string | null;
  rows: number;
  inserted: number;
  duplicates: number;
  skipped: number;
  sensorsCreated: string[];
  fromAt: string;
  toAt: string;
}

/** `ops.sensorChart`: a sensor's readings downsampled to min/max/mean buckets (null: an empty bucket), and its excursions. */
export interface SensorChart {
  sensorId: string;
  fromT: number;
  toT: number;
  /** Readings in the range, before downsampling. */
  samples: number;
  /** Per bucket; null where a bucket has no reading (the chart leaves a gap). */
  buckets: { t: number[]; count: number[]; tempMin: Array<number | null>; tempMax: Array<number | null>; tempMean: Array<number | null>; rhMean: Array<number | null>; dewPointMax: Array<number | null> };
  excursions: Excursion[];
}

export interface OpsSensorSummary {
  sensorId: string;
  samples: number;
  firstT: number;
  lastT: number;
  /** The newest reading. */
  last?: { t: number; temperatureC: number; humidityPct: number | null };
}

/** `ops.timeline`: the event timeline (core/ops/timeline.ts), of one asset or the project. */
export const OpsTimelineQuery = z.object({
  asset: AssetRef.optional(),
  limit: z.number().int().min(1).max(5000).optional(),
  before: z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 time').optional(),
});
export type OpsTimelineQuery = z.infer<typeof OpsTimelineQuery>;

/** Non-command methods. */
export const API_METHODS = {
  'app.info': z.object({}),
  'prefs.get': z.object({}),
  'prefs.set': Preferences.partial(),
  'recent.list': z.object({}),
  'recent.remove': z.object({ path: FilePath }),
  'project.current': z.object({}),
  'project.create': z.object({ path: FilePath, name: z.string().trim().min(1).max(120), demo: z.boolean().default(false) }),
  'project.open': z.object({ path: FilePath }),
  'project.close': z.object({}),
  'project.saveAs': z.object({ path: FilePath }),
  'project.duplicate': z.object({ path: FilePath }),
  'files.defaultFolder': z.object({}),
  'files.list': z.object({ folder: FilePath }),
  'doc.snapshot': z.object({}),
  'doc.export': z.object({}),
  'history.state': z.object({}),
  'history.undo': z.object({}),
  'history.redo': z.object({}),
  'backups.list': z.object({}),
  'backups.restore': z.object({ id: z.string().min(1).max(200) }),
  /** Native file dialogs; Electron only. Browser mode answers `unsupported` and the renderer uses its own file browser. */
  'dialog.openProject': z.object({}),
  'dialog.saveProject': z.object({ defaultName: z.string().max(200).optional() }),
  'shell.openExternal': z.object({ url: z.string().url().max(2000) }),
  /** The app-level device catalog (generic + shipped NetBox + the user's library), see electron/services/catalog.ts. */
  'catalog.list': CatalogQuery,
  'catalog.importNetbox': z.object({ paths: z.array(FilePath).min(1, 'give at least one file or folder').max(200) }),
  'catalog.rackTypes': z.object({}),
  /** Commissioning (electron/services/cx.ts). */
  'cx.templates.builtin': z.object({}),
  'cx.audit.list': CxAuditQuery,
  'cx.audit.export': z.object({ format: z.enum(['csv', 'json']), instanceId: z.string().min(1).max(200).optional() }),
  'cx.audit.verify': z.object({}),
  'cx.photo.put': CxPhotoPut,
  'cx.file.put': CxFilePut,
  'cx.photo.get': z.object({ id: z.string().regex(/^blob:[0-9a-f]{64}$/, 'must be a blob id (blob:<sha256>)'), original: z.boolean().optional() }),
  /** Reports and data exports (electron/services/reports.ts); progress arrives as `report.progress` events. */
  'report.kinds': z.object({}),
  'report.start': ReportStart,
  'export.start': ExportStart,
  'report.cancel': z.object({ jobId: JobId }),
  /** The HTML of a finished `report.start` {format: 'html'} without a path; once. */
  'report.preview': z.object({ jobId: JobId }),
  /** Shows a finished job's file in the file manager; Electron only. */
  'report.reveal': z.object({ jobId: JobId }),
  /** Native save dialog for a report, native folder picker for a data export; Electron only. */
  'dialog.saveReport': z.object({ defaultName: z.string().trim().min(1).max(200), format: z.enum(REPORT_FORMATS) }),
  'dialog.chooseFolder': z.object({}),
  /** Operations registers (electron/services/ops.ts, issue 7). */
  'ops.attention': z.object({}),
  'ops.sensorChart': OpsSensorChartQuery,
  'ops.sensorSummaries': z.object({}),
  'ops.readings.import': OpsReadingsImport,
  'ops.timeline': OpsTimelineQuery,
} as const;

export type BaseMethod = keyof typeof API_METHODS;
export type CommandMethod = `cmd.${CommandName}`;
export type ApiMethod = BaseMethod | CommandMethod;

export const API_METHOD_NAMES: readonly ApiMethod[] = [
  ...(Object.keys(API_METHODS) as BaseMethod[]),
  ...COMMAND_NAMES.map((n) => `cmd.${n}` as CommandMethod),
];

export interface AppInfo {
  version: string;
  mode: 'electron' | 'browser';
  platform: string;
  /** Where user data (preferences, recent list, backups) lives. */
  userDataDir: string;
}

export interface CommandOutcome<R = unknown> {
  result: R;
  seq: number;
}

type CommandResult<N extends CommandName> = ReturnType<(typeof COMMANDS)[N]['plan']>['result'];

export interface BaseResults {
  'app.info': AppInfo;
  'prefs.get': Preferences;
  'prefs.set': Preferences;
  'recent.list': RecentProject[];
  'recent.remove': RecentProject[];
  'project.current': ProjectInfo | null;
  'project.create': ProjectInfo;
  'project.open': ProjectInfo;
  'project.close': null;
  'project.saveAs': ProjectInfo;
  'project.duplicate': { path: string };
  'files.defaultFolder': { path: string };
  'files.list': { folder: string; parent: string | null; entries: FolderEntry[] };
  'doc.snapshot': DocumentSnapshot;
  'doc.export': PlenumDocument;
  'history.state': HistoryState;
  'history.undo': HistoryState;
  'history.redo': HistoryState;
  'backups.list': BackupInfo[];
  'backups.restore': ProjectInfo;
  'dialog.openProject': { path: string | null };
  'dialog.saveProject': { path: string | null };
  'shell.openExternal': null;
  'catalog.list': CatalogList;
  'catalog.importNetbox': CatalogImportResult;
  'catalog.rackTypes': RackType[];
  'cx.templates.builtin': CxBuiltinTemplate[];
  'cx.audit.list': { total: number; entries: AuditEntry[] };
  'cx.audit.export': CxAuditExport;
  'cx.audit.verify': CxAuditVerify;
  'cx.photo.put': { id: string };
  'cx.file.put': { id: string };
  'cx.photo.get': CxPhoto;
  'report.kinds': ReportKind[];
  'report.start': { jobId: string; filename: string };
  'export.start': { jobId: string; filename: string };
  'report.cancel': { cancelled: boolean };
  'report.preview': { html: string };
  'report.reveal': null;
  'dialog.saveReport': { path: string | null };
  'dialog.chooseFolder': { path: string | null };
  'ops.attention': AttentionItem[];
  'ops.sensorChart': SensorChart;
  'ops.sensorSummaries': OpsSensorSummary[];
  'ops.readings.import': OpsReadingsImportResult;
  'ops.timeline': TimelineEntry[];
}

export type ApiArgs<M extends ApiMethod> = M extends BaseMethod
  ? z.input<(typeof API_METHODS)[M]>
  : M extends `cmd.${infer N extends CommandName}`
    ? z.input<(typeof COMMANDS)[N]['args']>
    : never;

export type ApiResult<M extends ApiMethod> = M extends BaseMethod
  ? BaseResults[M]
  : M extends `cmd.${infer N extends CommandName}`
    ? CommandOutcome<CommandResult<N>>
    : never;

/** Error code for methods that exist only in one mode (e.g. native dialogs in browser mode). */
export const UNSUPPORTED = 'unsupported';

export type ApiResponse<T> = { ok: true; value: T } | { ok: false; error: SerializedError };

/** Events pushed from main to the renderer. */
export type ApiEvent =
  | { type: 'doc.changed'; seq: number; changes: Change[]; history: HistoryState; source: 'command' | 'undo' | 'redo' }
  | { type: 'project.changed'; project: ProjectInfo | null }
  | { type: 'prefs.changed'; prefs: Preferences }
  /** A report or data export job moved on; the last event of a job has a state other than `running`. */
  | { type: 'report.progress'; jobId: string; done: number; total: number; phase: string; state: ReportJobState; error?: SerializedError; result?: ReportJobResult }
  /** A native menu item was chosen (Electron); the renderer runs the matching UI action. */
  | { type: 'menu'; action: MenuAction };

export const MENU_ACTIONS = [
  'file.new', 'file.open', 'file.saveAs', 'file.duplicate', 'file.export', 'file.close', 'file.backups',
  'edit.undo', 'edit.redo', 'view.palette', 'view.theme', 'view.language', 'view.units', 'help.shortcuts', 'help.about',
] as const;
export type MenuAction = (typeof MENU_ACTIONS)[number];

/** Prefix of every IPC channel, so the preload can refuse anything else. */
export const IPC_PREFIX = 'plenum:';
export const IPC_EVENT_CHANNEL = 'plenum:event';

/**
 * What the Electron preload exposes as `window.plenum` (contextBridge). In browser mode there is
 * no bridge: the renderer talks HTTP to `plenum serve` (POST /api/<method>, SSE /api/events).
 */
export interface PlenumBridge {
  mode: 'electron';
  invoke(method: string, args: unknown): Promise<ApiResponse<unknown>>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

/** Browser-mode HTTP details, shared by the server and the renderer's HTTP transport. */
export const HTTP_TOKEN_HEADER = 'x-plenum-token';
export const HTTP_TOKEN_QUERY = 'token';
/** Browser mode: a finished report or export, once, as a file download (`GET /download/<jobId>`, same token). */
export const HTTP_DOWNLOAD_PREFIX = '/download/';
