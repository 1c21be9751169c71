/**
 * The event timeline per asset and per project (issue 7 §5): the hand-written event log joined
 * with what every other register already records — maintenance done or planned, backup runs,
 * commissioning milestones (final sign-offs, issues raised and closed), readings imports and
 * licences that have expired. Nothing is stored twice: the timeline is derived on demand from
 * the snapshot. Pure; `nowMs` is passed in (licence expiries depend on it).
 */
import type { AssetRef, DocumentSnapshot, EntityKind } from '../model/schema';
import type { OPS_EVENT_CATEGORIES } from '../model/schema';
import { dayNumber } from './dates';

export type TimelineCategory = (typeof OPS_EVENT_CATEGORIES)[number];
export type TimelineSeverity = 'info' | 'warning' | 'critical';

export type TimelineCode =
  | 'maintenance-done' | 'maintenance-planned' | 'backup-run' | 'signed' | 'signature-invalidated'
  | 'issue-raised' | 'issue-closed' | 'readings-imported' | 'licence-expired';

export interface TimelineEntry {
  /** ISO 8601 instant (with its offset when the source had one; days become `T00:00:00Z`). */
  at: string;
  category: TimelineCategory;
  severity: TimelineSeverity;
  /** English text (the CLI's, and the fallback); the app words entries from `code` + `params`. */
  title: string;
  detail?: string;
  /** What happened, for wording it in the user's language (absent for hand-written events). */
  code?: TimelineCode;
  params?: Record<string, string | number>;
  /** The entry is dated by a day, not a moment (a planned date, an expiry): show the day only. */
  allDay?: boolean;
  /** The record the entry comes from, to navigate to it. */
  source: { kind: EntityKind; id: string };
  /** The asset it is about, when there is exactly one. */
  asset?: AssetRef;
}

export interface TimelineQuery {
  /** Only entries about this asset; a rack includes its devices, a room everything in it. */
  asset?: AssetRef;
  /** At most this many entries (default 500). */
  limit?: number;
  /** Only entries strictly before this instant (ISO): the next page after the last one shown. */
  before?: string;
  /** "Now", for licence expiries (default: Date.now()). */
  nowMs?: number;
}

export const TIMELINE_DEFAULT_LIMIT = 500;
const DAY_MS = 86_400_000;

interface Candidate {
  entry: TimelineEntry;
  ms: number;
  /** Every asset the entry concerns (a backup policy or a licence may cover several). */
  assets: AssetRef[];
}

const key = (a: AssetRef) => `${a.assetKind}:${a.assetId}`;
const dayStart = (day: string) => `${day}T00:00:00Z`;

/**
 * The assets an asset's timeline covers: itself, and what it contains — a rack its devices, a
 * row its racks and their devices, a room its rows, racks, devices, floor equipment and power
 * elements ("a rack's timeline includes its servers").
 */
export function assetScope(snap: DocumentSnapshot, asset: AssetRef): Set<string> {
  const out = new Set([key(asset)]);
  const addRack = (rackId: string) => {
    out.add(`rack:${rackId}`);
    for (const d of Object.values(snap.devices)) if (d.rackId === rackId) out.add(`device:${d.id}`);
  };
  if (asset.assetKind === 'rack') addRack(asset.assetId);
  if (asset.assetKind === 'row') for (const r of snap.rows[asset.assetId]?.rackIds ?? []) addRack(r);
  if (asset.assetKind === 'room') {
    for (const r of Object.values(snap.racks)) if (r.roomId === asset.assetId) addRack(r.id);
    for (const r of Object.values(snap.rows)) if (r.roomId === asset.assetId) out.add(`row:${r.id}`);
    for (const f of Object.values(snap.floorEquipment)) if (f.roomId === asset.assetId) out.add(`floorEquipment:${f.id}`);
    for (const p of Object.values(snap.powerElements)) if (p.roomId === asset.assetId) out.add(`powerElement:${p.id}`);
  }
  return out;
}

function issueSeverity(s: string): TimelineSeverity {
  return s === 'critical' ? 'critical' : s === 'major' ? 'warning' : 'info';
}

/** Every entry the snapshot yields, in source order (before sorting). */
function collect(snap: DocumentSnapshot, nowMs: number): Candidate[] {
  const out: Candidate[] = [];
  const push = (at: string, entry: Omit<TimelineEntry, 'at' | 'asset'>, assets: AssetRef[]) => {
    const ms = Date.parse(at);
    if (Number.isNaN(ms)) return;
    out.push({ entry: { at, ...entry, ...(assets.length === 1 ? { asset: assets[0] } : {}) }, ms, assets });
  };

  for (const e of Object.values(snap.opsEvents)) {
    push(e.at, { category: e.category, severity: e.severity, title: e.title, ...(e.detail ? { detail: e.detail } : {}), source: { kind: 'opsEvents', id: e.id } }, e.asset ? [e.asset] : []);
  }

  for (const m of Object.values(snap.maintenance)) {
    const version = m.fromVersion || m.toVersion ? ` (${m.fromVersion ?? '?'} → ${m.toVersion ?? '?'})` : '';
    if (m.status === 'done' && m.completedAt) {
      const failed = m.outcome === 'failed' || m.outcome === 'rolled-back';
      push(m.completedAt, {
        category: 'maintenance', severity: failed ? 'warning' : 'info', title: `${m.title}${version}: done${m.outcome ? `, ${m.outcome}` : ''}`,
        ...(m.performedBy ? { detail: `by ${m.performedBy}` } : {}), source: { kind: 'maintenance', id: m.id },
        code: 'maintenance-done', params: { title: m.title, version, outcome: m.outcome ?? '', by: m.performedBy ?? '' },
      }, [m.asset]);
    } else if (m.status !== 'done' && m.status !== 'cancelled' && m.plannedDate) {
      push(dayStart(m.plannedDate), {
        allDay: true,
        category: 'maintenance', severity: 'info', title: `${m.title}${version}: ${m.status}`,
        ...(m.performedBy ? { detail: `by ${m.performedBy}` } : {}), source: { kind: 'maintenance', id: m.id },
        code: 'maintenance-planned', params: { title: m.title, version, status: m.status, by: m.performedBy ?? '' },
      }, [m.asset]);
    }
  }

  for (const r of Object.values(snap.backupRuns)) {
    const policy = snap.backupPolicies[r.policyId];
    const what = r.kind === 'restore-test' ? 'Restore test' : 'Backup';
    push(r.finishedAt ?? r.startedAt, {
      category: 'backup', severity: r.status === 'success' ? 'info' : 'warning',
      title: `${what} ${policy ? `"${policy.name}" ` : ''}${r.status}`, ...(r.note ? { detail: r.note } : {}), source: { kind: 'backupRuns', id: r.id },
      code: 'backup-run', params: { kind: r.kind, policy: policy?.name ?? '', status: r.status },
    }, policy?.assets ?? []);
  }

  for (const s of Object.values(snap.cxSignOffs)) {
    if (s.scope !== 'final') continue;
    const inst = snap.cxInstances[s.instanceId];
    if (!inst) continue;
    const template = snap.cxTemplates[`${inst.templateId}@${inst.templateVersion}`];
    const title = `${inst.level} ${template?.title ?? inst.templateId} signed by ${s.name}`;
    const asset: AssetRef = { assetKind: inst.assetKind, assetId: inst.assetId };
    const checklist = `${inst.level} ${template?.title ?? inst.templateId}`;
    push(s.at, { category: 'commissioning', severity: 'info', title, detail: s.company ? `${s.role}, ${s.company}` : s.role, source: { kind: 'cxSignOffs', id: s.id }, code: 'signed', params: { checklist, name: s.name } }, [asset]);
    if (s.invalidatedAt) {
      push(s.invalidatedAt, {
        category: 'commissioning', severity: 'warning', title: `${inst.level} ${template?.title ?? inst.templateId}: signature of ${s.name} invalidated`,
        ...(s.invalidatedReason ? { detail: s.invalidatedReason } : {}), source: { kind: 'cxSignOffs', id: s.id }, code: 'signature-invalidated', params: { checklist, name: s.name },
      }, [asset]);
    }
  }

  for (const i of Object.values(snap.cxIssues)) {
    const assets: AssetRef[] = i.assetKind && i.assetId ? [{ assetKind: i.assetKind, assetId: i.assetId }] : [];
    push(i.createdAt, { category: 'commissioning', severity: issueSeverity(i.severity), title: `Issue raised: ${i.title}`, detail: `${i.severity}, raised by ${i.createdBy}`, source: { kind: 'cxIssues', id: i.id }, code: 'issue-raised', params: { title: i.title, severity: i.severity, by: i.createdBy } }, assets);
    if (i.status === 'closed') push(i.at, { category: 'commissioning', severity: 'info', title: `Issue closed: ${i.title}`, detail: `closed by ${i.author}`, source: { kind: 'cxIssues', id: i.id }, code: 'issue-closed', params: { title: i.title, by: i.author } }, assets);
  }

  for (const imp of Object.values(snap.readingImports)) {
    const assets = new Map<string, AssetRef>();
    for (const id of imp.sensorIds) {
      const s = snap.sensors[id];
      if (!s) continue;
      const a: AssetRef = s.rackId ? { assetKind: 'rack', assetId: s.rackId } : { assetKind: 'room', assetId: s.roomId };
      assets.set(key(a), a);
    }
    push(imp.importedAt, {
      category: 'environment', severity: 'info', title: `${imp.rows.toLocaleString('en')} readings imported from ${imp.fileName}`,
      detail: `${imp.sensorIds.length} sensor(s)${imp.fromAt && imp.toAt ? `, ${imp.fromAt.slice(0, 16).replace('T', ' ')} to ${imp.toAt.slice(0, 16).replace('T', ' ')} UTC` : ''}${imp.importedBy ? `, by ${imp.importedBy}` : ''}`,
      source: { kind: 'readingImports', id: imp.id },
      code: 'readings-imported', params: { count: imp.rows, file: imp.fileName, sensors: imp.sensorIds.length, from: imp.fromAt ?? '', to: imp.toAt ?? '', by: imp.importedBy ?? '' },
    }, [...assets.values()]);
  }

  const today = Math.floor(nowMs / DAY_MS);
  for (const l of Object.values(snap.licences)) {
    // `expiresOn` is the last valid day: the licence has expired once that day is over.
    if (!l.expiresOn || dayNumber(l.expiresOn) >= today) continue;
    const assets = Object.values(snap.licenceAssignments).filter((a) => a.licenceId === l.id).map((a): AssetRef => ({ assetKind: 'device', assetId: a.deviceId }));
    push(dayStart(l.expiresOn), {
      allDay: true,
      category: 'licence', severity: 'warning', title: `Licence expired: ${l.product} (${l.vendor})`,
      ...(l.contractRef ? { detail: `contract ${l.contractRef}` } : {}), source: { kind: 'licences', id: l.id },
      code: 'licence-expired', params: { product: l.product, vendor: l.vendor, contract: l.contractRef ?? '' },
    }, assets);
  }
  return out;
}

/** The timeline, newest first; entries at the same instant keep their source order. */
export function buildTimeline(snap: DocumentSnapshot, query: TimelineQuery = {}): TimelineEntry[] {
  let list = collect(snap, query.nowMs ?? Date.now());
  if (query.asset) {
    const scope = assetScope(snap, query.asset);
    list = list.filter((c) => c.assets.some((a) => scope.has(key(a))));
  }
  if (query.before !== undefined) {
    const before = Date.parse(query.before);
    if (!Number.isNaN(before)) list = list.filter((c) => c.ms < before);
  }
  // Array.prototype.sort is stable: equal instants stay in source order.
  list.sort((a, b) => b.ms - a.ms);
  return list.slice(0, query.limit ?? TIMELINE_DEFAULT_LIMIT).map((c) => c.entry);
}
