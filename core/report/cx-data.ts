/**
 * Commissioning data as the reports and the data exports see it (issue 6 §2, §4): where each
 * checklist's asset is and what it is called, the summary numbers per level (shared by the
 * commissioning report and the design report's "commissioning status" page, so the two always
 * agree), and the checklists / readings / issues tables of the CSV and XLSX exports.
 *
 * Everything here works in one pass over each collection (maps built once, then looked up), so
 * a 5,000-checklist site stays linear.
 */
import type { CxAnswer, CxInstance, CxIssue, CxSignOff, DocumentSnapshot } from '../model/schema';
import { CX_SEVERITIES } from '../model/schema';
import { SnapshotReader } from '../model/changes';
import { naturalCompare } from '../rules/finding';
import { blockingSeveritiesOf, isValidSignOff } from '../cx/gating';
import { isOpenIssue, isOverdue } from '../cx/issues';
import { emptyCounts, groupAnswers, progressReport, templatePlan, type ProgressCounts, type TemplatePlan } from '../cx/progress';
import { publishedTemplate } from '../cx/published';
import { isNA, type SignatureAnswer } from '../cx/evaluate';
import { LEVELS, type ChecklistTemplate, type ColumnItem, type IssueSeverity, type Item, type Level } from '../cx/template';
import type { Table } from './tables';

/** Where a checklist's asset is, and how to sort it (room, row, rack, asset, natural order). */
export interface AssetInfo {
  name: string;
  room: string;
  row: string;
  rack: string;
  /** "Hall A / Row 3 / A07 U12", the parts that apply. */
  location: string;
}

/** Resolves asset names and locations; built once per snapshot. */
export class AssetIndex {
  private readonly rowOfRack = new Map<string, string>();
  private readonly cache = new Map<string, AssetInfo>();
  constructor(private readonly s: DocumentSnapshot) {
    for (const row of Object.values(s.rows)) for (const id of row.rackIds) this.rowOfRack.set(id, row.name);
  }

  info(kind: string | undefined, id: string | undefined, roomId?: string | null): AssetInfo {
    const key = `${kind}:${id}:${roomId ?? ''}`;
    let hit = this.cache.get(key);
    if (!hit) this.cache.set(key, (hit = this.resolve(kind, id, roomId)));
    return hit;
  }

  private resolve(kind: string | undefined, id: string | undefined, roomId?: string | null): AssetInfo {
    const s = this.s;
    const roomName = (rid: string | null | undefined) => (rid ? (s.rooms[rid]?.name ?? '') : '');
    let name = id ?? '';
    let room = roomName(roomId);
    let row = '';
    let rack = '';
    let extra = '';
    if (id !== undefined) {
      switch (kind) {
        case 'rack': {
          const r = s.racks[id];
          if (r) {
            name = rack = r.name;
            room = roomName(r.roomId) || room;
            row = this.rowOfRack.get(r.id) ?? '';
          }
          break;
        }
        case 'device': {
          const d = s.devices[id];
          const r = d ? s.racks[d.rackId] : undefined;
          if (d) name = d.name;
          if (d && r) {
            rack = r.name;
            room = roomName(r.roomId) || room;
            row = this.rowOfRack.get(r.id) ?? '';
            extra = `U${d.position}`;
          }
          break;
        }
        case 'row': {
          const r = s.rows[id];
          if (r) {
            name = row = r.name;
            room = roomName(r.roomId) || room;
          }
          break;
        }
        case 'room':
          if (s.rooms[id]) name = room = s.rooms[id].name;
          break;
        case 'floorEquipment': {
          const f = s.floorEquipment[id];
          if (f) {
            name = f.name;
            room = roomName(f.roomId) || room;
          }
          break;
        }
        case 'powerElement': {
          const p = s.powerElements[id];
          if (p) {
            name = p.name;
            room = roomName(p.roomId) || room;
          }
          break;
        }
        default:
          break;
      }
    }
    const parts = [room, kind === 'row' ? '' : row, kind === 'rack' ? '' : rack].filter((x) => x !== '');
    // A device's U follows its rack: "Hall A / Row 3 / A07 U12".
    const location = `${parts.join(' / ')}${extra ? ` ${extra}` : ''}`.trim();
    return { name, room, row, rack, location };
  }
}

/** Sorts instances by level, then room, row, rack and asset in natural order, then template. */
export function sortInstances(list: CxInstance[], assets: AssetIndex): CxInstance[] {
  const keyed = list.map((i) => ({ i, a: assets.info(i.assetKind, i.assetId, i.roomId) }));
  keyed.sort((x, y) => LEVELS.indexOf(x.i.level) - LEVELS.indexOf(y.i.level) || naturalCompare(x.a.room, y.a.room) || naturalCompare(x.a.row, y.a.row)
    || naturalCompare(x.a.rack, y.a.rack) || naturalCompare(x.a.name, y.a.name) || naturalCompare(x.i.templateId, y.i.templateId) || (x.i.id < y.i.id ? -1 : 1));
  return keyed.map((k) => k.i);
}

export interface CxLevelSummary extends ProgressCounts {
  level: Level | 'all';
  checklists: number;
  /** Every required, visible item answered. */
  complete: number;
  /** A valid (not invalidated) final sign-off. */
  signed: number;
}

export type CxVerdict = 'none' | 'complete' | 'incomplete';

export interface CxSummary {
  /** Levels that have checklists, L1 → L5. */
  levels: CxLevelSummary[];
  totals: CxLevelSummary;
  openIssues: Record<IssueSeverity, number>;
  overdueIssues: number;
  /** Open issues whose severity blocks the next level (project setting). */
  blockingIssues: number;
  blockingSeverities: readonly IssueSeverity[];
  verdict: CxVerdict;
  /** Instances in scope, in report order. */
  instances: CxInstance[];
  /** Issues in scope. */
  issues: CxIssue[];
  byInstance: ReadonlyMap<string, ProgressCounts>;
  signedIds: ReadonlySet<string>;
  answersByInstance: ReadonlyMap<string, CxAnswer[]>;
  signOffsByInstance: ReadonlyMap<string, CxSignOff[]>;
  issuesByInstance: ReadonlyMap<string, CxIssue[]>;
  templateOf(i: CxInstance): ChecklistTemplate | null;
  assets: AssetIndex;
  /** Checklists whose template version is not published in the file (not counted). */
  orphans: string[];
}

function groupBy<T>(xs: Iterable<T>, key: (x: T) => string | null | undefined): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    if (k === null || k === undefined) continue;
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}

export const isCompleteCounts = (c: ProgressCounts | undefined) => c !== undefined && c.requiredAnswered === c.required;

/**
 * The commissioning summary. `roomIds` limits it to checklists and issues in those rooms (an issue
 * counts when it or its checklist is in one); `today` (YYYY-MM-DD) decides what is overdue.
 */
export function cxSummary(s: DocumentSnapshot, opts: { roomIds?: ReadonlySet<string> | undefined; today: string }): CxSummary {
  const doc = new SnapshotReader(s);
  const assets = new AssetIndex(s);
  const scope = opts.roomIds;
  const all = Object.values(s.cxInstances);
  const instances = sortInstances(scope ? all.filter((i) => i.roomId !== undefined && i.roomId !== null && scope.has(i.roomId)) : all, assets);
  const inScope = new Set(instances.map((i) => i.id));
  const answersByInstance = groupAnswers(Object.values(s.cxAnswers).filter((a) => inScope.has(a.instanceId)));
  const templates = new Map<string, ChecklistTemplate | null>();
  const templateOf = (i: CxInstance) => {
    const key = `${i.templateId}@${i.templateVersion}`;
    let t = templates.get(key);
    if (t === undefined) templates.set(key, (t = publishedTemplate(doc, i.templateId, i.templateVersion)));
    return t;
  };
  const report = progressReport({ instances, answersByInstance, templateOf });
  const signOffsByInstance = groupBy(Object.values(s.cxSignOffs).filter((x) => inScope.has(x.instanceId)), (x) => x.instanceId);
  const signedIds = new Set<string>();
  for (const [id, list] of signOffsByInstance) if (list.some((x) => x.scope === 'final' && isValidSignOff(x))) signedIds.add(id);
  const issues = Object.values(s.cxIssues).filter((i) => !scope || (i.roomId && scope.has(i.roomId)) || (i.instanceId && inScope.has(i.instanceId)));
  const issuesByInstance = groupBy(issues, (i) => i.instanceId);

  const row = (level: Level | 'all', of: readonly CxInstance[], counts: ProgressCounts | undefined): CxLevelSummary => ({
    level, checklists: of.length,
    complete: of.filter((i) => isCompleteCounts(report.byInstance.get(i.id))).length,
    signed: of.filter((i) => signedIds.has(i.id)).length,
    ...(counts ?? emptyCounts()),
  });
  const byLevel = groupBy(instances, (i) => i.level);
  const levels = LEVELS.filter((l) => byLevel.has(l)).map((l) => row(l, byLevel.get(l)!, report.byLevel.get(l)));
  const totals = row('all', instances, report.totals);
  const openIssues = Object.fromEntries(CX_SEVERITIES.map((x) => [x, 0])) as Record<IssueSeverity, number>;
  const blockingSeverities = blockingSeveritiesOf(s.project as { cx?: unknown });
  const blocking = new Set<string>(blockingSeverities);
  let overdueIssues = 0;
  let blockingIssues = 0;
  for (const i of issues) {
    if (!isOpenIssue(i)) continue;
    openIssues[i.severity]++;
    if (isOverdue(i, opts.today)) overdueIssues++;
    if (blocking.has(i.severity)) blockingIssues++;
  }
  const verdict: CxVerdict = instances.length === 0 ? 'none'
    : totals.complete === totals.checklists && totals.signed === totals.checklists && totals.failed === 0 && blockingIssues === 0 && report.orphans.length === 0 ? 'complete' : 'incomplete';
  return {
    levels, totals, openIssues, overdueIssues, blockingIssues, blockingSeverities, verdict, instances, issues,
    byInstance: report.byInstance, signedIds, answersByInstance, signOffsByInstance, issuesByInstance, templateOf, assets, orphans: report.orphans,
  };
}

// ------------------------------------------------------------------ export tables

/** The newest valid final sign-off of a checklist, else the newest final one (invalidated). */
export function finalSignOff(list: readonly CxSignOff[] | undefined): CxSignOff | undefined {
  const finals = (list ?? []).filter((x) => x.scope === 'final').sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return finals.find(isValidSignOff) ?? finals[0];
}

/** An answer's value as text for a spreadsheet cell (numbers stay numbers). */
export function answerCell(item: Item | ColumnItem | undefined, value: unknown): string | number | null {
  if (value === undefined || value === null) return null;
  if (isNA(value)) return 'N/A';
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    if (item?.type === 'choice') return item.options.find((o) => o.value === value)?.label ?? value;
    return value;
  }
  if (Array.isArray(value)) return value.length === 0 || typeof value[0] === 'string' ? value.join(' ') : JSON.stringify(value);
  if (item?.type === 'signature') {
    const sig = value as Partial<SignatureAnswer>;
    return [sig.name, sig.role, sig.company, sig.signedAt].filter(Boolean).join(', ');
  }
  return JSON.stringify(value);
}

function planOf(summary: CxSummary, i: CxInstance): TemplatePlan | null {
  const t = summary.templateOf(i);
  return t ? templatePlan(t) : null;
}

/** One row per checklist: what it is, where, and how far it got. */
export function checklistsTable(s: DocumentSnapshot, summary: CxSummary = cxSummary(s, { today: today() })): Table {
  return {
    name: 'checklists',
    header: ['id', 'template', 'version', 'title', 'level', 'asset_kind', 'asset_id', 'asset', 'room', 'location', 'system', 'required', 'answered', 'passed', 'failed', 'na', 'complete', 'signed_by', 'signed_at', 'signature_valid', 'created_by', 'created_at'],
    rows: summary.instances.map((i) => {
      const a = summary.assets.info(i.assetKind, i.assetId, i.roomId);
      const c = summary.byInstance.get(i.id);
      const sig = finalSignOff(summary.signOffsByInstance.get(i.id));
      return [i.id, i.templateId, i.templateVersion, summary.templateOf(i)?.title ?? null, i.level, i.assetKind, i.assetId, a.name, a.room || null, a.location || null, i.system ?? null,
        c?.required ?? null, c?.requiredAnswered ?? null, c?.passed ?? null, c?.failed ?? null, c?.na ?? null, c ? (isCompleteCounts(c) ? 'yes' : 'no') : null,
        sig?.name ?? null, sig?.at ?? null, sig ? (isValidSignOff(sig) ? 'yes' : 'no') : null, i.createdBy, i.createdAt];
    }),
  };
}

/** One row per answer (a table item: one per row and column): the readings. */
export function readingsTable(s: DocumentSnapshot, summary: CxSummary = cxSummary(s, { today: today() })): Table {
  const rows: Table['rows'] = [];
  for (const i of summary.instances) {
    const answers = summary.answersByInstance.get(i.id);
    if (!answers) continue;
    const plan = planOf(summary, i);
    const a = summary.assets.info(i.assetKind, i.assetId, i.roomId);
    const order = new Map(plan?.items.map((it, k) => [it.id, k]) ?? []);
    const sorted = [...answers].sort((x, y) => (order.get(x.itemId) ?? 1e9) - (order.get(y.itemId) ?? 1e9) || naturalCompare(x.rowKey ?? '', y.rowKey ?? ''));
    for (const ans of sorted) {
      const item = plan?.byId.get(ans.itemId);
      const section = plan && order.has(ans.itemId) ? plan.sectionOf[order.get(ans.itemId)!]!.title : null;
      const base = [i.id, a.name, i.level, section] as const;
      const tail = (note: boolean) => [note ? (ans.note ?? null) : null, ans.photoIds?.length ?? 0, ans.author, ans.deviceId, ans.at];
      if (item?.type === 'table' && ans.value && typeof ans.value === 'object' && !isNA(ans.value)) {
        const cells = ans.value as Record<string, unknown>;
        const rowLabel = item.rows?.find((r) => r.id === ans.rowKey)?.label ?? ans.rowKey ?? '';
        const cols = item.columns.filter((c) => cells[c.id] !== undefined && cells[c.id] !== null);
        cols.forEach((col, k) => {
          rows.push([...base, `${item.id}.${ans.rowKey}.${col.id}`, `${item.label} — ${rowLabel} — ${col.label}`, col.type, answerCell(col, cells[col.id]), col.type === 'numeric' ? col.unit : null, k === 0 ? ans.status : null, ...tail(k === 0)]);
        });
        continue;
      }
      rows.push([...base, ans.itemId, item?.label ?? ans.itemId, item?.type ?? null, answerCell(item, ans.value), item?.type === 'numeric' ? item.unit : null, ans.status, ...tail(true)]);
    }
  }
  return {
    name: 'readings',
    header: ['checklist_id', 'asset', 'level', 'section', 'item_id', 'label', 'type', 'value', 'unit', 'status', 'note', 'photos', 'author', 'device', 'at'],
    rows,
  };
}

/** The issues log. */
export function issuesTable(s: DocumentSnapshot, summary: CxSummary = cxSummary(s, { today: today() }), todayIso = today()): Table {
  const issues = [...summary.issues].sort((a, b) => CX_SEVERITIES.indexOf(a.severity) - CX_SEVERITIES.indexOf(b.severity) || a.createdAt.localeCompare(b.createdAt) || (a.id < b.id ? -1 : 1));
  return {
    name: 'issues',
    header: ['id', 'title', 'severity', 'status', 'asset_kind', 'asset_id', 'asset', 'location', 'checklist_id', 'item', 'assignee', 'owner', 'due', 'overdue', 'cause', 'recommendation', 'description', 'created_by', 'created_at', 'resolved_at', 'closed_at'],
    rows: issues.map((i) => {
      const inst = i.instanceId ? s.cxInstances[i.instanceId] : undefined;
      const item = inst && i.itemId ? planOf(summary, inst)?.byId.get(i.itemId) : undefined;
      const a = i.assetId ? summary.assets.info(i.assetKind, i.assetId, i.roomId) : undefined;
      const x = i as CxIssue & { resolvedAt?: string; closedAt?: string };
      return [i.id, i.title, i.severity, i.status, i.assetKind ?? null, i.assetId ?? null, a?.name ?? null, i.location ?? (a?.location || null), i.instanceId ?? null,
        i.itemId ? (item?.label ?? i.itemId) : null, i.assignee ?? null, i.owner, i.dueDate ?? null, isOverdue(i, todayIso) ? 'yes' : 'no',
        i.cause ?? null, i.recommendation ?? null, i.description ?? null, i.createdBy, i.createdAt, x.resolvedAt ?? null, x.closedAt ?? null];
    }),
  };
}

/** Today's local date, YYYY-MM-DD. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

