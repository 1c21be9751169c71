import type { StateCreator } from 'zustand';
import type { AppInfo, RecentProject } from '../../../core/api';
import type { SerializedError } from '../../../core/model/errors';
import type { Route } from '../router';
import { HOME } from '../router';
import type { AppState, StoreMutators } from './store';

/**
 * View state: what is selected, which dialog is open, toasts. Never saved in the project and never
 * an undo step (STYLE.md §3: document versus session).
 */

export type SelectionKind = 'project' | 'room' | 'rack' | 'device';
export interface Selection {
  kind: SelectionKind;
  ids: readonly string[];
}

/** Only Design exists in the foundation; the others arrive with their issues. */
export type Workspace = 'design';

export type DialogSpec =
  | { kind: 'newProject' }
  | { kind: 'file'; mode: 'open' | 'save'; title: string; defaultName?: string; resolve(path: string | null): void }
  | { kind: 'addRoom' }
  | { kind: 'addRack'; roomId?: string }
  | { kind: 'addDevice'; rackId?: string }
  | { kind: 'backups' }
  | { kind: 'preferences' }
  | { kind: 'shortcuts' }
  | { kind: 'about' }
  | { kind: 'confirm'; title: string; message: string; confirmLabel: string; danger?: boolean; resolve(ok: boolean): void }
  | { kind: 'openError'; error: SerializedError; path?: string };

export type OpenDialog = DialogSpec & { key: number };

export interface Toast {
  id: number;
  tone: 'error' | 'info' | 'success';
  message: string;
  title?: string;
}

export interface SessionSlice {
  selection: Selection | null;
  route: Route;
  workspace: Workspace;
  /** A stack: a dialog can open another (New project → choose location). The last one has focus. */
  dialogs: OpenDialog[];
  paletteOpen: boolean;
  toasts: Toast[];
  /** False while the event stream to main is down (browser mode). */
  connected: boolean;
  /** The app is asking main for its first state; the UI shows nothing until then. */
  booted: boolean;
  /** Main cannot be used at all (browser mode without a valid token): the whole window says so. */
  fatal: string | null;
  appInfo: AppInfo | null;
  recent: RecentProject[];
  /** Pointer position over the plan, in room millimetres, for the status bar. */
  planCursor: { xMm: number; yMm: number } | null;
  planZoomPercent: number | null;

  select(selection: Selection | null): void;
  setRoute(route: Route): void;
  openDialog(dialog: DialogSpec): void;
  closeDialog(key?: number): void;
  setPaletteOpen(open: boolean): void;
  pushToast(toast: Omit<Toast, 'id'>): number;
  dismissToast(id: number): void;
  setConnected(connected: boolean): void;
  setBooted(booted: boolean): void;
  setFatal(message: string | null): void;
  setAppInfo(info: AppInfo): void;
  setRecent(recent: RecentProject[]): void;
  setPlanCursor(cursor: { xMm: number; yMm: number } | null): void;
  setPlanZoomPercent(zoom: number | null): void;
}

let nextKey = 1;

export const createSessionSlice: StateCreator<AppState, StoreMutators, [], SessionSlice> = (set) => ({
  selection: null,
  route: HOME,
  workspace: 'design',
  dialogs: [],
  paletteOpen: false,
  toasts: [],
  connected: true,
  booted: false,
  fatal: null,
  appInfo: null,
  recent: [],
  planCursor: null,
  planZoomPercent: null,

  select: (selection) => set({ selection: selection && selection.ids.length > 0 ? selection : null }),
  setRoute: (route) => set({ route }),
  openDialog: (dialog) => set((s) => ({ dialogs: [...s.dialogs, { ...dialog, key: nextKey++ }], paletteOpen: false })),
  closeDialog: (key) => set((s) => ({ dialogs: key === undefined ? s.dialogs.slice(0, -1) : s.dialogs.filter((d) => d.key !== key) })),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  pushToast: (toast) => {
    const id = nextKey++;
    // Keep the stack short: an error storm should not bury the window.
    set((s) => ({ toasts: [...s.toasts, { ...toast, id }].slice(-4) }));
    return id;
  },
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  setConnected: (connected) => set({ connected }),
  setBooted: (booted) => set({ booted }),
  setFatal: (fatal) => set({ fatal }),
  setAppInfo: (appInfo) => set({ appInfo }),
  setRecent: (recent) => set({ recent }),
  setPlanCursor: (planCursor) => set({ planCursor }),
  setPlanZoomPercent: (planZoomPercent) => set({ planZoomPercent }),
});
