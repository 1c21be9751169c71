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

/** Things placed on a room plan; a plan selection may mix them. */
export type PlanItemKind = 'rack' | 'row' | 'floorEquipment' | 'obstacle' | 'door' | 'annotation';
/** `mixed`: a plan selection of several kinds, listed in `items`. `sensor`: environment sensors (issue 7), never in a layout drag. */
export type SelectionKind = 'project' | 'room' | 'device' | 'sensor' | PlanItemKind | 'mixed';
export interface SelectionItem {
  kind: PlanItemKind;
  id: string;
}
export interface Selection {
  kind: SelectionKind;
  ids: readonly string[];
  /** Every item with its kind; always set for `mixed`, optional otherwise (see selectionItems). */
  items?: readonly SelectionItem[];
}

/** How plan gestures snap: to the room's tiles, to a 100 mm grid, or not at all. */
export type PlanSnap = 'tile' | 'fine' | 'off';
export type PlanTool = 'select' | 'room' | 'rack' | 'row' | 'floorEquipment' | 'obstacle' | 'door' | 'measure' | 'label';

/** What the 3D view colours racks and devices by (view3d/colour.ts). */
export type View3dColourBy = 'role' | 'kw' | 'uUse';
export interface View3dOptions {
  devices: boolean;
  labels: boolean;
  cooling: boolean;
  power: boolean;
  colourBy: View3dColourBy;
}
/** A 3D camera pose in room metres (three.js axes: x right, y up, z down the plan). */
export interface Camera3d {
  roomId: string;
  position: readonly [number, number, number];
  target: readonly [number, number, number];
}

/** Design, Commission (renderer/src/cx), Operate (renderer/src/ops) and Reports (renderer/src/reports). */
export type Workspace = 'design' | 'commission' | 'operate' | 'reports';

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

/**
 * Capacity overlay shared by the 2D plan and the 3D view (issue 4): colour racks by their
 * absolute load, % of power budget, inlet temperature class, or weight (% of rating).
 */
export type CapacityOverlay = 'none' | 'kw' | 'budget' | 'temperature' | 'weight';

/**
 * "What if X fails": the power elements, feeds or coolers the user failed. The plan and 3D view
 * highlight what loses power or cooling (core/capacity/report.ts `whatIf`).
 */
export interface WhatIfState {
  failedIds: readonly string[];
}

/** The bottom findings panel: open or not, its filters, and the finding picked (by its stable id). */
export interface FindingsPanelState {
  open: boolean;
  severity: 'all' | 'error' | 'warning' | 'info';
  /** A rule area of core/rules/catalog.ts (layout, space, power, cooling, weight, environment). */
  area: 'all' | 'layout' | 'space' | 'power' | 'cooling' | 'weight' | 'environment';
  currentRoomOnly: boolean;
  activeId: string | null;
}

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
  planTool: PlanTool;
  planSnap: PlanSnap;
  /** The 3D view's camera, per room shown last; kept so switching tabs does not lose the view. */
  camera3d: Camera3d | null;
  view3d: View3dOptions;
  findingsPanel: FindingsPanelState;
  capacityOverlay: CapacityOverlay;
  whatIf: WhatIfState | null;

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
  setPlanTool(tool: PlanTool): void;
  setPlanSnap(snap: PlanSnap): void;
  setCamera3d(camera: Camera3d | null): void;
  setView3d(options: Partial<View3dOptions>): void;
  setFindingsPanel(patch: Partial<FindingsPanelState>): void;
  setCapacityOverlay(overlay: CapacityOverlay): void;
  setWhatIf(whatIf: WhatIfState | null): void;
  setWorkspace(workspace: Workspace): void;
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
  planTool: 'select',
  planSnap: 'tile',
  camera3d: null,
  view3d: { devices: true, labels: true, cooling: true, power: true, colourBy: 'role' },
  findingsPanel: { open: false, severity: 'all', area: 'all', currentRoomOnly: false, activeId: null },
  capacityOverlay: 'none',
  whatIf: null,

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
  setPlanTool: (planTool) => set({ planTool }),
  setPlanSnap: (planSnap) => set({ planSnap }),
  setCamera3d: (camera3d) => set({ camera3d }),
  setView3d: (options) => set((s) => ({ view3d: { ...s.view3d, ...options } })),
  setFindingsPanel: (patch) => set((s) => ({ findingsPanel: { ...s.findingsPanel, ...patch } })),
  setCapacityOverlay: (capacityOverlay) => set({ capacityOverlay }),
  setWhatIf: (whatIf) => set({ whatIf: whatIf && whatIf.failedIds.length > 0 ? whatIf : null }),
  setWorkspace: (workspace) => set({ workspace }),
});
