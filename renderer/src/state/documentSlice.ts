import type { StateCreator } from 'zustand';
import type { HistoryState, ProjectInfo } from '../../../core/api';
import type { DocumentSnapshot } from '../../../core/model/schema';
import type { DocChangedEvent, MirrorState } from './mirror';
import { EMPTY_HISTORY, EMPTY_MIRROR, beginLoad, finishLoad, receiveDocChanged } from './mirror';
import type { AppState, StoreMutators } from './store';

/** The mirror of the open project. Written only from main's answers and events, never by a gesture. */
export interface DocumentSlice extends MirrorState {
  project: ProjectInfo | null;
  beginDocumentLoad(project: ProjectInfo): void;
  finishDocumentLoad(snapshot: DocumentSnapshot, history: HistoryState): void;
  receiveDocChanged(event: DocChangedEvent): void;
  setProject(project: ProjectInfo | null): void;
  setHistory(history: HistoryState): void;
  clearDocument(): void;
}

const mirrorOf = (s: AppState): MirrorState => ({
  snapshot: s.snapshot, history: s.history, lastSeq: s.lastSeq, loading: s.loading, pending: s.pending,
});

export const createDocumentSlice: StateCreator<AppState, StoreMutators, [], DocumentSlice> = (set) => ({
  ...EMPTY_MIRROR,
  project: null,
  beginDocumentLoad: (project) => set((s) => ({ ...beginLoad(mirrorOf(s)), project })),
  finishDocumentLoad: (snapshot, history) => set((s) => finishLoad(mirrorOf(s), snapshot, history)),
  receiveDocChanged: (event) => set((s) => receiveDocChanged(mirrorOf(s), event)),
  setProject: (project) => set({ project }),
  setHistory: (history) => set({ history }),
  clearDocument: () => set({ ...EMPTY_MIRROR, history: EMPTY_HISTORY, project: null }),
});
