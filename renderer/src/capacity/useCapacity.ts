/**
 * The capacity overlay and the what-if result of the open project, for the plan and the 3D view.
 * Both read the DesignChecker behind the findings (findings/useFindings.ts `getChecker`), at the
 * snapshot the findings were computed from, so the overlay, the findings and the what-if always
 * describe the same version of the document.
 *
 * The what-if is computed once per change of the failed ids or of the document, and shared by
 * every reader (plan, 3D, banner) through a one-entry cache.
 */
import { useMemo } from 'react';
import type { Rack } from '../../../core/model/schema';
import type { DocumentSnapshot } from '../../../core/model/schema';
import { whatIf } from '../../../core/capacity/report';
import type { DesignChecker } from '../../../core/rules/checker';
import { getChecker, useFindings } from '../findings/useFindings';
import { useStore } from '../state/store';
import type { CapacityMode, CapacityOverlay, OverlayMode, WhatIfView } from './overlay';
import { OVERLAY_CYCLE, capacityOverlay, whatIfView } from './overlay';

let cache: { ids: readonly string[]; snapshot: DocumentSnapshot; view: WhatIfView } | null = null;

/** The what-if of `ids` on the checker's document, memoised on both. */
export function computeWhatIf(checker: DesignChecker, ids: readonly string[]): WhatIfView {
  const snapshot = checker.snapshot;
  if (cache && cache.snapshot === snapshot && cache.ids.length === ids.length && cache.ids.every((id, i) => id === ids[i])) return cache.view;
  const view = whatIfView(whatIf(checker, ids), snapshot, checker.racks());
  cache = { ids: [...ids], snapshot, view };
  return view;
}

/** The what-if the session asks for (the Power panel sets it), or null. */
export function useWhatIf(): WhatIfView | null {
  const failedIds = useStore((s) => s.whatIf?.failedIds ?? null);
  const snapshot = useFindings((f) => f.snapshot);
  return useMemo(() => {
    if (!failedIds || failedIds.length === 0 || !snapshot) return null;
    const checker = getChecker();
    return checker ? computeWhatIf(checker, failedIds) : null;
  }, [failedIds, snapshot]);
}

/** The overlay of these racks in the session's mode, or null when no overlay is on. */
export function useCapacityOverlay(racks: readonly Rack[]): CapacityOverlay | null {
  const mode = useStore((s) => s.capacityOverlay);
  const snapshot = useFindings((f) => f.snapshot);
  return useMemo(() => {
    if (mode === 'none' || !snapshot) return null;
    const checker = getChecker();
    return checker ? capacityOverlay(mode as CapacityMode, checker.snapshot, checker.racks(), racks) : null;
  }, [mode, snapshot, racks]);
}

/** The next overlay in OVERLAY_CYCLE (the "cycle capacity overlay" shortcut). */
export function nextOverlay(mode: OverlayMode): OverlayMode {
  const i = OVERLAY_CYCLE.indexOf(mode);
  return OVERLAY_CYCLE[(i + 1) % OVERLAY_CYCLE.length]!;
}

export function cycleCapacityOverlay(): void {
  const s = useStore.getState();
  s.setCapacityOverlay(nextOverlay(s.capacityOverlay));
}
