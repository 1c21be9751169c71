/**
 * What the Power & capacity UI keeps outside the document: which power element is picked (power
 * elements are not plan items, so they live here rather than in the shared selection), and the
 * capacity report and what-if result of the checker's current snapshot.
 *
 * Picking an element clears the plan selection, and selecting anything clears the pick, so the
 * properties sidebar always shows one thing.
 */
import { useMemo } from 'react';
import { create } from 'zustand';
import { COOLING_KINDS } from '../../../core/model/schema';
import type { DocumentSnapshot } from '../../../core/model/schema';
import { capacityReport, whatIf, type CapacityReport, type WhatIfResult } from '../../../core/capacity/report';
import { getChecker, useFindings } from '../findings/useFindings';
import type { AppState } from '../state/store';
import { useStore } from '../state/store';

interface PowerPickState {
  elementId: string | null;
  /** The placement finder is open (it lives in the capacity view). */
  placementOpen: boolean;
  pick(id: string | null): void;
  setPlacementOpen(open: boolean): void;
}

export const usePowerPick = create<PowerPickState>()((set) => ({
  elementId: null,
  placementOpen: false,
  pick: (elementId) => set({ elementId }),
  setPlacementOpen: (placementOpen) => set({ placementOpen }),
}));

let wired = false;
/** Selecting anything in the shared selection drops the pick (and picking drops the selection). */
function wire(): void {
  if (wired) return;
  wired = true;
  useStore.subscribe((s) => s.selection, (sel) => {
    if (sel && usePowerPick.getState().elementId) usePowerPick.getState().pick(null);
  });
}

export function pickElement(id: string | null): void {
  wire();
  if (id) useStore.getState().select(null);
  usePowerPick.getState().pick(id);
}

/** The picked element, when it still exists. */
export function pickedElementId(s: AppState = useStore.getState()): string | null {
  const id = usePowerPick.getState().elementId;
  return id && s.snapshot?.powerElements?.[id] ? id : null;
}

export function usePickedElementId(): string | null {
  wire();
  const id = usePowerPick((p) => p.elementId);
  const exists = useStore((s) => (id ? s.snapshot?.powerElements?.[id] !== undefined : false));
  return exists ? id : null;
}

/** The room a capacity route shows (the shared selectors only know the plan, 3D and rack routes). */
export function capacityRoomId(s: AppState): string | null {
  return s.route.name === 'roomCapacity' && s.snapshot?.rooms[s.route.roomId] ? s.route.roomId : null;
}

export const onCapacityRoute = (s: AppState): boolean => s.route.name === 'capacity' || s.route.name === 'roomCapacity';

// ---------------------------------------------------------------- what if

/** Whether an id is something the what-if analysis can fail: a power element, a rack feed, a cooler or a power element's footprint. */
export function canFail(snapshot: DocumentSnapshot | null, id: string): boolean {
  if (!snapshot) return false;
  if (snapshot.powerElements?.[id] || snapshot.powerFeeds?.[id]) return true;
  const fe = snapshot.floorEquipment?.[id];
  if (!fe) return false;
  return COOLING_KINDS.has(fe.kind) || Object.values(snapshot.powerElements ?? {}).some((e) => e.floorEquipmentId === id);
}

/** What Shift+F fails: the picked power element, else the selected floor equipment (cooler, UPS footprint). */
export function whatIfTarget(s: AppState): string | null {
  const picked = pickedElementId(s);
  if (picked) return picked;
  const sel = s.selection;
  if (sel?.kind === 'floorEquipment' && sel.ids.length === 1 && canFail(s.snapshot, sel.ids[0]!)) return sel.ids[0]!;
  return null;
}

export function runWhatIf(ids: readonly string[]): void {
  useStore.getState().setWhatIf(ids.length > 0 ? { failedIds: [...ids] } : null);
}

export function clearWhatIf(): boolean {
  if (!useStore.getState().whatIf) return false;
  useStore.getState().setWhatIf(null);
  return true;
}

// ---------------------------------------------------------------- derived data

/** One report per checked snapshot, shared by every reader (the view and the sidebar sections). */
let reportCache: { snapshot: DocumentSnapshot; report: CapacityReport } | null = null;

export function currentCapacityReport(): CapacityReport | null {
  const checker = getChecker();
  if (!checker) return null;
  if (reportCache?.snapshot !== checker.snapshot) reportCache = { snapshot: checker.snapshot, report: capacityReport(checker) };
  return reportCache.report;
}

/** The capacity report at the checker's snapshot; recomputed only when that snapshot changes. */
export function useCapacityReport(): CapacityReport | null {
  const snapshot = useFindings((f) => f.snapshot);
  return useMemo(() => {
    void snapshot;
    return currentCapacityReport();
  }, [snapshot]);
}

/** The what-if result for the failed ids in the session, or null when none is running. */
export function useWhatIfResult(): WhatIfResult | null {
  const snapshot = useFindings((f) => f.snapshot);
  const failed = useStore((s) => s.whatIf?.failedIds);
  const key = failed ? failed.join('\u0000') : '';
  return useMemo(() => {
    void snapshot;
    if (key === '') return null;
    const checker = getChecker();
    return checker ? whatIf(checker, key.split('\u0000')) : null;
  }, [snapshot, key]);
}
