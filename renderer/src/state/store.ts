/**
 * One zustand store made of typed slices (STYLE.md §3): `document` (the mirror of the open
 * project), `session` (selection, dialogs, toasts: never saved, never undone) and `prefs`.
 * Middleware is applied once, to the combined store.
 */
import { create } from 'zustand';
import { subscribeWithSelector } from 'zustand/middleware';
import type { DocumentSlice } from './documentSlice';
import { createDocumentSlice } from './documentSlice';
import type { PrefsSlice } from './prefsSlice';
import { createPrefsSlice } from './prefsSlice';
import type { SessionSlice } from './sessionSlice';
import { createSessionSlice } from './sessionSlice';

export type AppState = DocumentSlice & SessionSlice & PrefsSlice;
export type StoreMutators = [['zustand/subscribeWithSelector', never]];

export const useStore = create<AppState>()(
  subscribeWithSelector((...a) => ({
    ...createDocumentSlice(...a),
    ...createSessionSlice(...a),
    ...createPrefsSlice(...a),
  })),
);

export type { Selection, SelectionKind, DialogSpec, OpenDialog, Toast } from './sessionSlice';
