/**
 * Layout findings of the open project, computed from the document mirror (core/rules/layout.ts).
 *
 * One computation per snapshot, shared by every reader: the status bar, the findings panel, the
 * properties sidebar, and the plan and 3D views (which may read `getFindings()` in a draw loop
 * without re-rendering). Small projects are checked synchronously on every change, so a finding
 * appears or clears in the same frame as the edit; large ones (or slow checks) are debounced
 * (~100 ms) so dragging in a 2,000-rack hall stays smooth.
 *
 * When the findings did not change (same ids, messages and severities), the previous arrays and
 * maps are kept, so selectors comparing by reference do not re-render.
 */
import { useMemo, useSyncExternalStore } from 'react';
import type { Finding, Severity } from '../../../core/rules/finding';
import { DesignChecker } from '../../../core/rules/checker';
import type { DocumentSnapshot } from '../../../core/model/schema';
import { useStore } from '../state/store';

export interface FindingsState {
  /** The snapshot the findings were computed from (may lag the mirror by the debounce delay). */
  snapshot: DocumentSnapshot | null;
  /** Errors first, then warnings, then infos (see DesignChecker.check). */
  findings: readonly Finding[];
  errors: number;
  warnings: number;
  byId: ReadonlyMap<string, Finding>;
  /** Entity id → the findings that name it. */
  byEntity: ReadonlyMap<string, readonly Finding[]>;
  /** Entity id → its worst severity: what a plan overlay colours it by. */
  severityByEntity: ReadonlyMap<string, Severity>;
  /** A newer snapshot is waiting for its (debounced) check. */
  pending: boolean;
  /** How long the last check took. */
  lastMs: number;
}

/** Above this many racks + devices, or when a check took longer than SLOW_MS, checks are debounced. */
export const LARGE_PROJECT = 5_000;
const SLOW_MS = 12;
export const DEBOUNCE_MS = 100;

const NO_FINDINGS: readonly Finding[] = [];
export const EMPTY_FINDINGS: FindingsState = {
  snapshot: null, findings: NO_FINDINGS, errors: 0, warnings: 0, byId: new Map(), byEntity: new Map(), severityByEntity: new Map(), pending: false, lastMs: 0,
};

let state: FindingsState = EMPTY_FINDINGS;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | undefined;
let unsubscribeStore: (() => void) | null = null;

function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.id !== y.id || x.message !== y.message || x.severity !== y.severity) return false;
  }
  return true;
}

let checker: DesignChecker | null = null;

/**
 * The one incremental checker of the open project, brought up to `snapshot`. A snapshot with no
 * collection in common with the checker's is another project (or a reload): start afresh.
 */
function checkerFor(snapshot: DocumentSnapshot): DesignChecker {
  if (!checker || (checker.snapshot.racks !== snapshot.racks && checker.snapshot.rooms !== snapshot.rooms && checker.snapshot.deviceTypes !== snapshot.deviceTypes)) {
    checker = new DesignChecker(snapshot);
  } else checker.update(snapshot);
  return checker;
}

/**
 * The checker behind the current findings (capacity report, what-if, overlays), or null when no
 * project is open. It is at the snapshot of `getFindings().snapshot`.
 */
export function getChecker(): DesignChecker | null {
  const s = getFindings().snapshot;
  return s ? checkerFor(s) : null;
}

/** Pure: the findings state for a snapshot, reusing `previous`'s collections when nothing changed. */
export function computeFindingsState(snapshot: DocumentSnapshot | null, previous: FindingsState = EMPTY_FINDINGS): FindingsState {
  if (!snapshot) return EMPTY_FINDINGS;
  const t0 = performance.now();
  const findings = checkerFor(snapshot).check().findings;
  const lastMs = performance.now() - t0;
  if (sameFindings(findings, previous.findings)) return { ...previous, snapshot, pending: false, lastMs };
  const byId = new Map<string, Finding>();
  const byEntity = new Map<string, Finding[]>();
  const severityByEntity = new Map<string, Severity>();
  let errors = 0;
  for (const f of findings) {
    byId.set(f.id, f);
    if (f.severity === 'error') errors++;
    for (const e of f.refs) {
      const list = byEntity.get(e.id);
      if (list) list.push(f);
      else byEntity.set(e.id, [f]);
      if (f.severity === 'error' || !severityByEntity.has(e.id)) severityByEntity.set(e.id, f.severity);
    }
  }
  return { snapshot, findings, errors, warnings: findings.filter((f) => f.severity === 'warning').length, byId, byEntity, severityByEntity, pending: false, lastMs };
}

function publish(next: FindingsState): void {
  if (next === state) return;
  state = next;
  for (const l of listeners) l();
}

function isLarge(snapshot: DocumentSnapshot): boolean {
  return Object.keys(snapshot.racks).length + Object.keys(snapshot.devices).length > LARGE_PROJECT || state.lastMs > SLOW_MS;
}

function onSnapshot(snapshot: DocumentSnapshot | null): void {
  if (snapshot === state.snapshot && !state.pending) return;
  clearTimeout(timer);
  timer = undefined;
  // A project opening (or closing) is checked at once; edits of a large project wait for a pause.
  if (!snapshot || !state.snapshot || !isLarge(snapshot)) {
    publish(computeFindingsState(snapshot, state));
    return;
  }
  if (!state.pending) publish({ ...state, pending: true });
  timer = setTimeout(() => {
    timer = undefined;
    publish(computeFindingsState(useStore.getState().snapshot, state));
  }, DEBOUNCE_MS);
}

function ensureStarted(): void {
  if (unsubscribeStore) return;
  unsubscribeStore = useStore.subscribe((s) => s.snapshot, onSnapshot);
  onSnapshot(useStore.getState().snapshot);
}

/** The current findings (non-React readers: plan and 3D overlays, actions). */
export function getFindings(): FindingsState {
  ensureStarted();
  return state;
}

/** Checks the latest snapshot now if a debounced check is waiting, and returns the result. */
export function flushFindings(): FindingsState {
  ensureStarted();
  if (state.pending || state.snapshot !== useStore.getState().snapshot) onSnapshotNow();
  return state;
}

function onSnapshotNow(): void {
  clearTimeout(timer);
  timer = undefined;
  publish(computeFindingsState(useStore.getState().snapshot, state));
}

/** Called after every change of the findings; returns the unsubscribe function. */
export function subscribeFindings(listener: () => void): () => void {
  ensureStarted();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** For tests: forget the store subscription and the cached state. */
export function resetFindingsForTests(): void {
  unsubscribeStore?.();
  unsubscribeStore = null;
  clearTimeout(timer);
  timer = undefined;
  state = EMPTY_FINDINGS;
  checker = null;
  listeners.clear();
}

/**
 * Selector-friendly hook: `useFindings((f) => f.errors)`. The selector must return a primitive or
 * something stored in the state (not a new array), as with zustand.
 */
export function useFindings<T>(selector: (f: FindingsState) => T): T {
  return useSyncExternalStore(subscribeFindings, () => selector(getFindings()), () => selector(EMPTY_FINDINGS));
}

/** The findings that name any of these entities (or, for a rack, the devices in it), in panel order. */
export function findingsForEntities(f: FindingsState, ids: readonly string[]): Finding[] {
  if (ids.length === 1) return [...(f.byEntity.get(ids[0]!) ?? NO_FINDINGS)];
  const wanted = new Set<Finding>();
  for (const id of ids) for (const finding of f.byEntity.get(id) ?? NO_FINDINGS) wanted.add(finding);
  return f.findings.filter((finding) => wanted.has(finding));
}

/** Memoised findingsForEntities for a component. */
export function useFindingsFor(ids: readonly string[]): Finding[] {
  const findings = useFindings((f) => f);
  const key = ids.join('\u0000');
  const { byEntity, findings: list } = findings;
  return useMemo(
    () => findingsForEntities({ ...EMPTY_FINDINGS, byEntity, findings: list }, key === '' ? [] : key.split('\u0000')),
    [byEntity, list, key],
  );
}
