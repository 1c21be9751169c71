/**
 * The Operate workspace's view state (never saved, never undone): the register tab, the record
 * brought into view from the "needs attention" list, the sensor and range of the chart, and the
 * open form. The mirror stays the only source of the registers' data.
 */
import { create } from 'zustand';
import type { AssetRef } from '../../../core/model/schema';
import type { OpsTab, RangePreset } from './logic';

export type OpsModal =
  | { kind: 'maintenance'; id?: string; preset?: { scheduleId: string; occurrence: string; asset: AssetRef } }
  | { kind: 'complete'; id: string }
  | { kind: 'schedule'; id?: string }
  | { kind: 'policy'; id?: string }
  | { kind: 'run'; id?: string; policyId?: string }
  | { kind: 'runErrors'; fileName: string; errors: ReadonlyArray<{ line: number; message: string }> }
  | { kind: 'licence'; id?: string }
  | { kind: 'assign'; licenceId: string; id?: string }
  | { kind: 'sensor'; id?: string }
  | { kind: 'importReadings' }
  | { kind: 'event'; id?: string }
  | { kind: 'contact'; id?: string }
  | { kind: 'settings' };

export interface OpsSession {
  tab: OpsTab;
  /** The record to show (from the attention list): its kind and id. */
  focus: { kind: string; id: string; seq: number } | null;
  sensorId: string | null;
  range: RangePreset;
  /** A zoomed window inside the preset (Unix s); null: the preset's window. */
  zoom: { fromT: number; toT: number } | null;
  licenceId: string | null;
  modal: OpsModal | null;
  setTab(tab: OpsTab): void;
  reveal(tab: OpsTab, kind: string, id: string): void;
  setSensor(id: string | null): void;
  setRange(range: RangePreset): void;
  setZoom(zoom: { fromT: number; toT: number } | null): void;
  setLicence(id: string | null): void;
  setModal(modal: OpsModal | null): void;
}

let seq = 0;

export const useOps = create<OpsSession>()((set) => ({
  tab: 'maintenance',
  focus: null,
  sensorId: null,
  range: '7d',
  zoom: null,
  licenceId: null,
  modal: null,
  setTab: (tab) => set({ tab }),
  reveal: (tab, kind, id) => set((s) => ({
    tab, focus: { kind, id, seq: ++seq },
    ...(kind === 'sensors' ? { sensorId: id, zoom: null } : {}),
    ...(kind === 'licences' ? { licenceId: id } : {}),
    ...(s.modal ? {} : {}),
  })),
  setSensor: (sensorId) => set({ sensorId, zoom: null }),
  setRange: (range) => set({ range, zoom: null }),
  setZoom: (zoom) => set({ zoom }),
  setLicence: (licenceId) => set({ licenceId }),
  setModal: (modal) => set({ modal }),
}));
