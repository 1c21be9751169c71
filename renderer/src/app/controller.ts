/**
 * What the UI does, outside React: boot, the event stream, and the project flows (new, open,
 * save as…). Components call these; these call the API and write the answers into the store.
 * The document mirror is changed only by main's answers and events.
 */
import type { ApiEvent, MenuAction, Preferences, ProjectInfo } from '../../../core/api';
import { UNSUPPORTED } from '../../../core/api';
import type { SerializedError } from '../../../core/model/errors';
import { ApiError, apiMode, call, subscribe } from '../api/client';
import { OPEN_REFUSAL_CODES, toSerializedError } from '../api/errors';
import { i18n, setLanguage } from '../i18n';
import { fileNameFor, joinPath, withProjectExtension } from '../paths';
import { HOME } from '../router';
import { useStore } from '../state/store';
import type { DialogSpec } from '../state/store';
import { liveSelection } from '../state/selectors';
import { navigate } from './navigation';

const store = useStore;
const t = (key: string, options?: Record<string, unknown>) => i18n.t(key, options);

// ---------------------------------------------------------------- feedback

/** Shows a failed call as a toast. Open refusals get a dialog, since the user must act on them. */
export function reportError(err: unknown, context?: { path?: string }): void {
  const error = toSerializedError(err);
  if (OPEN_REFUSAL_CODES.has(error.code)) {
    store.getState().openDialog({ kind: 'openError', error, ...(context?.path ? { path: context.path } : {}) });
    return;
  }
  store.getState().pushToast({ tone: 'error', message: error.message });
  if (!(err instanceof ApiError)) console.error(err);
}

export function toast(message: string, tone: 'info' | 'success' | 'error' = 'info'): void {
  store.getState().pushToast({ tone, message });
}

/** Runs a call and reports its failure; returns undefined when it failed. */
export async function attempt<T>(work: () => Promise<T>, context?: { path?: string }): Promise<T | undefined> {
  try {
    return await work();
  } catch (err) {
    reportError(err, context);
    return undefined;
  }
}

export function confirm(spec: { title: string; message: string; confirmLabel: string; danger?: boolean }): Promise<boolean> {
  return new Promise((resolve) => store.getState().openDialog({ kind: 'confirm', ...spec, resolve }));
}

// ---------------------------------------------------------------- boot and events

export async function boot(): Promise<void> {
  const unsubscribe = subscribe({
    onEvent: handleEvent,
    onReconnect: () => void resync(),
    onConnectionChange: (connected) => store.getState().setConnected(connected),
  });
  const [info, prefs, project] = await Promise.allSettled([call('app.info', {}), call('prefs.get', {}), call('project.current', {})]);
  if (project.status === 'rejected' && project.reason instanceof ApiError && project.reason.code === 'forbidden') {
    // Browser mode without the session token (a new tab, a bookmark): nothing will work; say how to get in.
    unsubscribe();
    store.getState().setFatal(project.reason.message);
    store.getState().setBooted(true);
    return;
  }
  if (info.status === 'fulfilled') store.getState().setAppInfo(info.value);
  if (prefs.status === 'fulfilled') applyPrefs(prefs.value);
  else reportError(prefs.reason);
  void refreshRecent();
  if (project.status === 'fulfilled') {
    if (project.value) await loadProject(project.value);
  } else {
    reportError(project.reason);
  }
  store.getState().setBooted(true);
}

let menuHandler: ((action: MenuAction) => void) | null = null;

/** The action registry registers itself here (it imports this module, so not the other way round). */
export function setMenuHandler(handler: (action: MenuAction) => void): void {
  menuHandler = handler;
}

type ReportProgressEvent = Extract<ApiEvent, { type: 'report.progress' }>;
const reportListeners = new Set<(e: ReportProgressEvent) => void>();

/** The Reports workspace (renderer/src/reports) follows its jobs here; returns the unsubscribe. */
export function onReportProgress(listener: (e: ReportProgressEvent) => void): () => void {
  reportListeners.add(listener);
  return () => reportListeners.delete(listener);
}

export function handleEvent(event: ApiEvent): void {
  const s = store.getState();
  switch (event.type) {
    case 'doc.changed':
      s.receiveDocChanged(event);
      pruneSelection();
      break;
    case 'project.changed':
      void adoptProject(event.project);
      break;
    case 'prefs.changed':
      applyPrefs(event.prefs);
      break;
    case 'menu':
      menuHandler?.(event.action);
      break;
    case 'report.progress':
      for (const l of reportListeners) l(event);
      break;
  }
}

/** Drops selected ids that an edit, undo or redo removed. */
function pruneSelection(): void {
  const s = store.getState();
  const sel = s.selection;
  if (!sel || !s.snapshot || sel.kind === 'project') return;
  // Plan selections may hold rows, floor equipment, obstacles… of several kinds: see liveSelection.
  const live = liveSelection(sel, s.snapshot);
  if (live !== sel) s.select(live);
}

/** After the event stream was down, anything may have changed: read everything again. */
async function resync(): Promise<void> {
  const project = await attempt(() => call('project.current', {}));
  if (project === undefined) return;
  if (project) await loadProject(project);
  else await adoptProject(null);
}

/** Loads the whole document into the mirror (open, restore, reconnect). */
export async function loadProject(project: ProjectInfo): Promise<void> {
  const s = store.getState();
  s.beginDocumentLoad(project);
  try {
    const [snapshot, history] = await Promise.all([call('doc.snapshot', {}), call('history.state', {})]);
    store.getState().finishDocumentLoad(snapshot, history);
    // Read by bench/renderer-mirror.ts: page load → the whole project in the mirror.
    performance.mark('plenum:mirror-loaded');
  } catch (err) {
    store.getState().clearDocument();
    reportError(err);
    return;
  }
  // A bookmarked room that does not exist in this project falls back to the overview.
  const after = store.getState();
  if (after.route.name === 'roomPlan' && !after.snapshot?.rooms[after.route.roomId]) navigate(HOME);
}

/**
 * Takes in the project main reports (answer to open/create, or a `project.changed` event). The
 * document is reloaded when another file is now open; otherwise only the info (name, read-only) moves.
 */
export async function adoptProject(project: ProjectInfo | null, options: { reload?: boolean } = {}): Promise<void> {
  const s = store.getState();
  if (!project) {
    if (s.project || s.snapshot) {
      s.clearDocument();
      s.select(null);
      navigate(HOME);
      void refreshRecent();
    }
    return;
  }
  const current = s.project;
  // An answer and its event often announce the same opening: one load is enough.
  if (s.loading && current?.path === project.path) {
    s.setProject(project);
    return;
  }
  const needsLoad = options.reload || !current || current.path !== project.path || current.readOnly !== project.readOnly || (!s.snapshot && !s.loading);
  if (needsLoad) {
    if (current?.path !== project.path) s.select(null);
    await loadProject(project);
    void refreshRecent();
  } else {
    s.setProject(project);
  }
}

export async function refreshRecent(): Promise<void> {
  try {
    store.getState().setRecent(await call('recent.list', {}));
  } catch {
    // The recent list is a convenience; a failure here must not bother anyone.
  }
}

// ---------------------------------------------------------------- preferences

export function applyPrefs(prefs: Preferences): void {
  store.getState().setPrefs(prefs);
  setLanguage(prefs.language);
}

export async function updatePrefs(patch: Partial<Preferences>): Promise<void> {
  const before = store.getState().prefs;
  // Apply at once so the switch feels instant; main's answer (or a refusal) settles it.
  applyPrefs({ ...before, ...patch });
  try {
    applyPrefs(await call('prefs.set', patch));
  } catch (err) {
    applyPrefs(before);
    reportError(err);
  }
}

export function resolvedTheme(theme: Preferences['theme']): 'light' | 'dark' {
  if (theme !== 'system') return theme;
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export const toggleTheme = () => updatePrefs({ theme: resolvedTheme(store.getState().prefs.theme) === 'dark' ? 'light' : 'dark' });
export const toggleUnits = () => updatePrefs({ units: store.getState().prefs.units === 'metric' ? 'imperial' : 'metric' });
export const switchLanguage = () => updatePrefs({ language: store.getState().prefs.language === 'en' ? 'fr' : 'en' });

// ---------------------------------------------------------------- files

export const DEMO_FILE_NAME = 'Plenum demo.plenum';

/**
 * Asks for a project path: the native dialog in Electron, Plenum's own folder browser in browser
 * mode (or if the native one is unsupported).
 */
export async function pickProjectPath(mode: 'open' | 'save', defaultName?: string): Promise<string | null> {
  if (apiMode() === 'electron') {
    try {
      const answer = mode === 'open'
        ? await call('dialog.openProject', {})
        : await call('dialog.saveProject', defaultName ? { defaultName } : {});
      return answer.path;
    } catch (err) {
      if (!(err instanceof ApiError && err.code === UNSUPPORTED)) {
        reportError(err);
        return null;
      }
    }
  }
  return new Promise((resolve) => {
    const spec: DialogSpec = {
      kind: 'file',
      mode,
      title: mode === 'open' ? t('fileDialog.openTitle') : t('fileDialog.saveTitle'),
      ...(defaultName ? { defaultName } : {}),
      resolve,
    };
    store.getState().openDialog(spec);
  });
}

export async function openProjectAt(path: string): Promise<boolean> {
  const project = await attempt(() => call('project.open', { path }), { path });
  if (!project) {
    void refreshRecent();
    return false;
  }
  navigate(HOME);
  await adoptProject(project, { reload: true });
  return true;
}

export async function openProjectFlow(): Promise<void> {
  const path = await pickProjectPath('open');
  if (path) await openProjectAt(path);
}

export async function createProject(path: string, name: string, demo = false): Promise<boolean> {
  const project = await attempt(() => call('project.create', { path: withProjectExtension(path), name, demo }), { path });
  if (!project) return false;
  navigate(HOME);
  await adoptProject(project, { reload: true });
  return true;
}

/** Opens the demo project from the default folder, creating it there the first time. */
export async function openDemoProject(): Promise<void> {
  const folder = await attempt(() => call('files.defaultFolder', {}));
  if (!folder) return;
  // One fixed file name, whatever the language, so the demo is found again next time.
  const fileName = DEMO_FILE_NAME;
  const path = joinPath(folder.path, fileName);
  const listing = await attempt(() => call('files.list', { folder: folder.path }));
  if (!listing) return;
  const exists = listing.entries.some((e) => e.kind === 'project' && e.name === fileName);
  if (exists) await openProjectAt(path);
  else await createProject(path, t('start.demoName'), true);
}

function projectFileName(): string {
  const s = store.getState();
  return fileNameFor(s.snapshot?.project.name ?? s.project?.name ?? 'Untitled');
}

export async function saveAsFlow(): Promise<void> {
  if (!store.getState().project) return;
  const path = await pickProjectPath('save', projectFileName());
  if (!path) return;
  const project = await attempt(() => call('project.saveAs', { path: withProjectExtension(path) }));
  if (!project) return;
  await adoptProject(project);
  toast(t('toast.savedAs', { path: project.path }), 'success');
}

export async function duplicateFlow(): Promise<void> {
  if (!store.getState().project) return;
  const base = projectFileName().replace(/\.plenum$/i, '');
  const path = await pickProjectPath('save', `${base} ${t('project.copySuffix')}.plenum`);
  if (!path) return;
  const answer = await attempt(() => call('project.duplicate', { path: withProjectExtension(path) }));
  if (answer) toast(t('toast.duplicated', { path: answer.path }), 'success');
}

export async function closeProject(): Promise<void> {
  if (!store.getState().project) return;
  const closed = await attempt(() => call('project.close', {}));
  if (closed !== undefined) await adoptProject(null);
}

/** Downloads the project as a `plenum/1` JSON document. */
export async function exportProject(): Promise<void> {
  if (!store.getState().project) return;
  const doc = await attempt(() => call('doc.export', {}));
  if (!doc) return;
  const blob = new Blob([`${JSON.stringify(doc, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameFor(store.getState().snapshot?.project.name ?? 'plenum', '.json');
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  toast(t('toast.exported', { file: a.download }), 'success');
}

export async function restoreBackup(id: string): Promise<boolean> {
  const project = await attempt(() => call('backups.restore', { id }));
  if (!project) return false;
  await adoptProject(project, { reload: true });
  toast(t('toast.restored'), 'success');
  return true;
}

export async function removeRecent(path: string): Promise<void> {
  const list = await attempt(() => call('recent.remove', { path }));
  if (list) store.getState().setRecent(list);
}

// ---------------------------------------------------------------- editing

export async function undo(): Promise<void> {
  const s = store.getState();
  if (!s.project || !s.history.canUndo) return;
  const history = await attempt(() => call('history.undo', {}));
  if (history) store.getState().setHistory(history);
}

export async function redo(): Promise<void> {
  const s = store.getState();
  if (!s.project || !s.history.canRedo) return;
  const history = await attempt(() => call('history.redo', {}));
  if (history) store.getState().setHistory(history);
}

/** Deletes what is selected: racks and devices at once (one undo step), a room after a confirmation. */
export async function deleteSelection(): Promise<void> {
  const s = store.getState();
  const sel = s.selection;
  const snap = s.snapshot;
  if (!sel || !snap || s.project?.readOnly) return;
  if (sel.kind === 'rack') {
    const ids = sel.ids.filter((id) => snap.racks[id]);
    if (ids.length) await attempt(() => call('cmd.rack.delete', { ids }));
  } else if (sel.kind === 'device') {
    const ids = sel.ids.filter((id) => snap.devices[id]);
    if (ids.length) await attempt(() => call('cmd.device.delete', { ids }));
  } else if (sel.kind === 'room') {
    const room = snap.rooms[sel.ids[0] ?? ''];
    if (!room) return;
    const racks = Object.values(snap.racks).filter((r) => r.roomId === room.id);
    const rackIds = new Set(racks.map((r) => r.id));
    const devices = Object.values(snap.devices).filter((d) => rackIds.has(d.rackId)).length;
    const ok = await confirm({
      title: t('confirm.deleteRoomTitle', { name: room.name }),
      message: racks.length
        ? t('confirm.deleteRoomWithContents', { name: room.name, racks: racks.length, devices })
        : t('confirm.deleteRoomEmpty', { name: room.name }),
      confirmLabel: t('common.delete'),
      danger: true,
    });
    if (!ok) return;
    const done = await attempt(() => call('cmd.room.delete', { id: room.id }));
    if (done) {
      s.select(null);
      navigate(HOME);
    }
  }
}

export function describeError(error: SerializedError): { title: string; hint: string } {
  const code = OPEN_REFUSAL_CODES.has(error.code) ? error.code : 'other';
  return { title: t(`openError.${code}.title`), hint: t(`openError.${code}.hint`) };
}
