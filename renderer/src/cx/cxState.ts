/**
 * Walk mode's session state (never saved, never undone): the tab, the checklist and item on
 * screen, the open walk dialog and the issues board filters. The mirror stays the only source of
 * the project's data; this only says what the agent is looking at.
 */
import { create } from 'zustand';
import type { CxIssue } from '../../../core/model/schema';

export type CxTab = 'walk' | 'issues' | 'audit' | 'dashboard';

/** The tabs in order: Alt+1…4 switch to them. */
export const CX_TABS: readonly CxTab[] = ['walk', 'issues', 'audit', 'dashboard'];

export type CxModal =
  | { kind: 'actor' }
  | { kind: 'add' }
  | { kind: 'fail'; itemId: string; value: unknown }
  | { kind: 'reason'; itemId: string; value: unknown; note?: string; photoIds?: string[] }
  | { kind: 'signoff'; scope: string }
  | { kind: 'issue'; issueId: string }
  | { kind: 'newIssue' }
  /** Project commissioning settings: blocking severities, default issue owner. */
  | { kind: 'settings' }
  /** Upgrade the checklist on screen to a newer published template version (preview first). */
  | { kind: 'upgrade'; instanceId: string };

export interface CxSession {
  tab: CxTab;
  instanceId: string | null;
  itemId: string | null;
  /** The asset list: by location, or a flat list of checklists. */
  listMode: 'location' | 'flat';
  modal: CxModal | null;
  issueFilter: { severity: CxIssue['severity'] | 'all'; assignee: string; overdue: boolean };
  /** Keep the full-size original of imported photos (off: only the ≤ 2048 px copy is stored). */
  keepOriginals: boolean;
  setKeepOriginals(keep: boolean): void;
  setTab(tab: CxTab): void;
  openInstance(instanceId: string | null, itemId?: string | null): void;
  setItem(itemId: string | null): void;
  setListMode(mode: 'location' | 'flat'): void;
  setModal(modal: CxModal | null): void;
  setIssueFilter(patch: Partial<CxSession['issueFilter']>): void;
}

export const useCx = create<CxSession>()((set) => ({
  tab: 'walk',
  instanceId: null,
  itemId: null,
  listMode: 'location',
  modal: null,
  issueFilter: { severity: 'all', assignee: '', overdue: false },
  keepOriginals: false,
  setKeepOriginals: (keepOriginals) => set({ keepOriginals }),
  setTab: (tab) => set({ tab }),
  openInstance: (instanceId, itemId = null) => set({ instanceId, itemId, tab: 'walk' }),
  setItem: (itemId) => set({ itemId }),
  setListMode: (listMode) => set({ listMode }),
  setModal: (modal) => set({ modal }),
  setIssueFilter: (patch) => set((s) => ({ issueFilter: { ...s.issueFilter, ...patch } })),
}));
