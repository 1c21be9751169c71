import type { StateCreator } from 'zustand';
import type { Preferences } from '../../../core/api';
import { DEFAULT_PREFERENCES } from '../../../core/api';
import type { AppState, StoreMutators } from './store';

/** User preferences as main stores them (prefs.get / prefs.set / prefs.changed). */
export interface PrefsSlice {
  prefs: Preferences;
  setPrefs(prefs: Preferences): void;
}

export const createPrefsSlice: StateCreator<AppState, StoreMutators, [], PrefsSlice> = (set) => ({
  prefs: DEFAULT_PREFERENCES,
  setPrefs: (prefs) => set({ prefs }),
});
