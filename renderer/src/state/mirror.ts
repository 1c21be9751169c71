/**
 * The document mirror: the renderer's read-only copy of the open project, kept in step by the
 * main side's `doc.changed` events. The UI never edits it directly (no optimistic updates): a
 * gesture calls a command, main applies it in SQLite, and the resulting changes come back here.
 *
 * Pure reducers, tested in mirror.test.ts, used by the document slice.
 */
import type { ApiEvent, HistoryState } from '../../../core/api';
import type { Change } from '../../../core/model/changes';
import { applyChangesToSnapshot } from '../../../core/model/changes';
import type { DocumentSnapshot, EntityKind } from '../../../core/model/schema';

export type DocChangedEvent = Extract<ApiEvent, { type: 'doc.changed' }>;

export const EMPTY_HISTORY: HistoryState = { canUndo: false, canRedo: false, undo: null, redo: null };

export interface MirrorState {
  snapshot: DocumentSnapshot | null;
  history: HistoryState;
  /** Sequence number of the last change event applied. */
  lastSeq: number;
  /** A `doc.snapshot` request is in flight; change events are held until it lands. */
  loading: boolean;
  pending: DocChangedEvent[];
}

export const EMPTY_MIRROR: MirrorState = { snapshot: null, history: EMPTY_HISTORY, lastSeq: 0, loading: false, pending: [] };

/**
 * Applies changes with structural sharing: only the collections a change touches are copied, so
 * selectors over untouched kinds (and the entities inside touched ones) keep their references.
 */
export function applyChanges(snapshot: DocumentSnapshot, changes: readonly Change[]): DocumentSnapshot {
  if (changes.length === 0) return snapshot;
  const next: DocumentSnapshot = { ...snapshot };
  const copied = new Set<EntityKind>();
  for (const change of changes) {
    if (change.op === 'project' || copied.has(change.kind)) continue;
    copied.add(change.kind);
    (next as unknown as Record<EntityKind, unknown>)[change.kind] = { ...snapshot[change.kind] };
  }
  applyChangesToSnapshot(next, changes);
  return next;
}

export function beginLoad(state: MirrorState): MirrorState {
  return { ...state, loading: true, pending: [] };
}

/**
 * Installs a freshly loaded snapshot, then replays the events that arrived while it was loading.
 * Changes are absolute puts and deletes, so replaying one the snapshot already contains is harmless,
 * and nothing emitted after the snapshot was read is lost.
 */
export function finishLoad(state: MirrorState, snapshot: DocumentSnapshot, history: HistoryState): MirrorState {
  let next: MirrorState = { snapshot, history, lastSeq: state.lastSeq, loading: false, pending: [] };
  for (const event of state.pending) next = receiveDocChanged(next, event);
  return next;
}

export function receiveDocChanged(state: MirrorState, event: DocChangedEvent): MirrorState {
  if (state.loading) return { ...state, pending: [...state.pending, event] };
  if (!state.snapshot) return { ...state, history: event.history, lastSeq: Math.max(state.lastSeq, event.seq) };
  return {
    ...state,
    snapshot: applyChanges(state.snapshot, event.changes),
    history: event.history,
    lastSeq: Math.max(state.lastSeq, event.seq),
  };
}
