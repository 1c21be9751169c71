/**
 * Pure helpers of the Operate workspace: table sorting and filtering, asset choices, the chart's
 * scales and paths, and the range presets. No React, no DOM, so they are tested in node
 * (logic.test.ts).
 */
import type { AssetRef, DocumentSnapshot } from '../../../core/model/schema';
import type { AttentionRegister } from '../../../core/ops/attention';
import { assetName, assetTree, flattenAssets } from '../cx/logic';

export type OpsTab = 'maintenance' | 'backups' | 'licences' | 'environment' | 'events';
export const OPS_TABS: readonly OpsTab[] = ['maintenance', 'backups', 'licences', 'environment', 'events'];

/** Which register tab shows an attention item's record. */
export function tabOfRegister(register: AttentionRegister): OpsTab {
  switch (register) {
    case 'maintenance': return 'maintenance';
    case 'backup':
    case 'restore-test': return 'backups';
    case 'licence': return 'licences';
    case 'environment': return 'environment';
  }
}

// ---------------------------------------------------------------- tables

export type SortValue = string | number | null | undefined;
export interface SortState {
  key: string;
  dir: 'asc' | 'desc';
}

/** Sorts rows by a column; empty values always sort last, whatever the direction. */
export function sortRows<T>(rows: readonly T[], value: (row: T) => SortValue, dir: 'asc' | 'desc'): T[] {
  const sign = dir === 'asc' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, v: value(row), i }))
    .sort((a, b) => {
      const ea = a.v === null || a.v === undefined || a.v === '';
      const eb = b.v === null || b.v === undefined || b.v === '';
      if (ea || eb) return ea === eb ? a.i - b.i : ea ? 1 : -1;
      const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : String(a.v).localeCompare(String(b.v), undefined, { numeric: true, sensitivity: 'base' });
      return c === 0 ? a.i - b.i : sign * c;
    })
    .map((x) => x.row);
}

/** Keeps rows whose text contains every word of the filter (case- and accent-insensitive). */
export function filterRows<T>(rows: readonly T[], text: (row: T) => string, filter: string): T[] {
  const words = fold(filter).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((r) => {
    const hay = fold(text(r));
    return words.every((w) => hay.includes(w));
  });
}

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

// ---------------------------------------------------------------- assets

export interface AssetChoice {
  key: string;
  ref: AssetRef;
  label: string;
  /** Indentation depth in the tree (room 0, row 1, …). */
  depth: number;
}

/** Every design asset as a choice for forms, in tree order, with systems already used in the registers. */
export function assetChoices(snap: DocumentSnapshot): AssetChoice[] {
  const out: AssetChoice[] = [];
  const walk = (nodes: ReturnType<typeof assetTree>, depth: number) => {
    for (const n of nodes) {
      if (n.kind !== 'system') out.push({ key: `${n.kind}:${n.id}`, ref: { assetKind: n.kind, assetId: n.id }, label: n.name, depth });
      walk(n.children, depth + 1);
    }
  };
  walk(assetTree(snap), 0);
  for (const s of systemNames(snap)) out.push({ key: `system:${s}`, ref: { assetKind: 'system', assetId: s }, label: s, depth: 0 });
  return out;
}

/** Systems (named assets, e.g. "ERP") mentioned anywhere in the registers or commissioning. */
export function systemNames(snap: DocumentSnapshot): string[] {
  const names = new Set<string>();
  const add = (a: AssetRef | undefined) => { if (a?.assetKind === 'system') names.add(a.assetId); };
  for (const m of Object.values(snap.maintenance)) add(m.asset);
  for (const s of Object.values(snap.maintenanceSchedules)) s.assets.forEach(add);
  for (const p of Object.values(snap.backupPolicies)) p.assets.forEach(add);
  for (const e of Object.values(snap.opsEvents)) add(e.asset);
  for (const c of Object.values(snap.contacts)) c.assets.forEach(add);
  for (const i of Object.values(snap.cxInstances)) if (i.assetKind === 'system') names.add(i.assetId);
  return [...names].sort((a, b) => a.localeCompare(b));
}

export const refKey = (a: AssetRef) => `${a.assetKind}:${a.assetId}`;
export function parseRefKey(key: string): AssetRef | null {
  const i = key.indexOf(':');
  if (i <= 0 || i === key.length - 1) return null;
  return { assetKind: key.slice(0, i) as AssetRef['assetKind'], assetId: key.slice(i + 1) };
}

export function refName(snap: DocumentSnapshot, a: AssetRef): string {
  return assetName(snap, a.assetKind, a.assetId);
}

export { flattenAssets };

// ---------------------------------------------------------------- dates

/** Today as `YYYY-MM-DD` in the local time zone (due dates are calendar days). */
export function todayLocal(d: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A `datetime-local` input value (no offset) → ISO with the local offset of that moment. */
export function localInputToIso(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  if (Number.isNaN(d.getTime())) return null;
  const off = -d.getTimezoneOffset();
  const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${off >= 0 ? '+' : '-'}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}

/** An ISO time → the `datetime-local` value of the same moment in this computer's zone. */
export function isoToLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

// ---------------------------------------------------------------- chart

export type RangePreset = '24h' | '7d' | '30d' | '1y' | 'all';
export const RANGE_PRESETS: readonly RangePreset[] = ['24h', '7d', '30d', '1y', 'all'];
const PRESET_S: Record<Exclude<RangePreset, 'all'>, number> = { '24h': 86_400, '7d': 7 * 86_400, '30d': 30 * 86_400, '1y': 365 * 86_400 };

/**
 * The time window of a preset, ending at the sensor's last reading (not "now": imported history
 * of last year would otherwise show an empty chart). `all`: no bounds, the API takes the data's.
 */
export function presetWindow(preset: RangePreset, lastT: number | undefined, nowS: number): { fromT?: number; toT?: number } {
  if (preset === 'all') return {};
  const toT = Math.ceil(lastT !== undefined ? lastT + 1 : nowS);
  return { fromT: toT - PRESET_S[preset], toT };
}

/** Zooms a window around its centre (factor < 1: in), never narrower than `minS`. */
export function zoomWindow(fromT: number, toT: number, factor: number, minS = 600): { fromT: number; toT: number } {
  const mid = (fromT + toT) / 2;
  const half = Math.max(minS / 2, ((toT - fromT) * factor) / 2);
  return { fromT: Math.round(mid - half), toT: Math.round(mid + half) };
}

/** "Nice" tick values covering [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Number(v.toFixed(10)));
  return out;
}

export interface Scale {
  (v: number): number;
}
export function linear(d0: number, d1: number, r0: number, r1: number): Scale {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v: number) => r0 + (v - d0) * k;
}

/**
 * An SVG path through the points, broken where a value is missing (an empty bucket is a gap in
 * the data, not a straight line across it).
 */
export function linePath(xs: readonly number[], ys: ReadonlyArray<number | null>, x: Scale, y: Scale): string {
  let d = '';
  let pen = false;
  for (let i = 0; i < xs.length; i++) {
    const v = ys[i];
    if (v === null || v === undefined || Number.isNaN(v)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x(xs[i]!).toFixed(1)} ${y(v).toFixed(1)}`;
    pen = true;
  }
  return d;
}

/** Closed areas between two series (the min–max band), one per run without gaps. */
export function bandPath(xs: readonly number[], lo: ReadonlyArray<number | null>, hi: ReadonlyArray<number | null>, x: Scale, y: Scale): string {
  let d = '';
  let run: number[] = [];
  const flush = () => {
    if (run.length) {
      // A single bucket is drawn as a thin sliver so it stays visible.
      const pts = run.length === 1 ? [run[0]!, run[0]!] : run;
      const dx = run.length === 1 ? 1 : 0;
      const top = pts.map((i, k) => `${k ? 'L' : 'M'}${(x(xs[i]!) + (k ? dx : -dx)).toFixed(1)} ${y(hi[i]!).toFixed(1)}`).join('');
      const bottom = [...pts].reverse().map((i, k) => `L${(x(xs[i]!) + (k ? -dx : dx)).toFixed(1)} ${y(lo[i]!).toFixed(1)}`).join('');
      d += `${top}${bottom}Z`;
    }
    run = [];
  };
  for (let i = 0; i < xs.length; i++) {
    if (lo[i] === null || hi[i] === null || lo[i] === undefined || hi[i] === undefined) flush();
    else run.push(i);
  }
  flush();
  return d;
}

/** The y domain: the readings, the dew points and both envelopes, with a little margin. */
export function temperatureDomain(values: ReadonlyArray<number | null>, envelope: { min: number; max: number }): [number, number] {
  let lo = envelope.min;
  let hi = envelope.max;
  for (const v of values) {
    if (v === null || Number.isNaN(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const pad = Math.max(1, (hi - lo) * 0.05);
  return [Math.floor(lo - pad), Math.ceil(hi + pad)];
}
