/**
 * Walk mode's pure logic (no React, no API): local time with its offset, the asset tree by
 * location, each checklist's template and state from the mirror, gating, the walk order, numeric
 * limits and the dashboard's burn-down. Tested in logic.test.ts.
 */
import { gateFor } from '../../../core/commands/cx';
import type { GateReason } from '../../../core/cx/gating';
import { isValidSignOff } from '../../../core/cx/gating';
import type { InstanceProgress, TemplatePlan } from '../../../core/cx/progress';
import { answersOf, instanceProgress, templatePlan } from '../../../core/cx/progress';
import { publishedTemplate, publishedVersions } from '../../../core/cx/published';
import type { ChecklistTemplate, Item, NumericItem } from '../../../core/cx/template';
import { sameItemDefinition } from '../../../core/cx/template';
import { SnapshotReader } from '../../../core/model/changes';
import type { CxAnswer, CxInstance, CxIssue, CxSignOff, DocumentSnapshot } from '../../../core/model/schema';

/** Every cx command is stamped with the device's local time and offset (core/ops/dates.ts). */
export { localTimeWithOffset } from '../../../core/ops/dates';

/** The local calendar date (YYYY-MM-DD) of an ISO time with offset, as written (not converted). */
export const localDate = (at: string) => at.slice(0, 10);

export interface AssetNode {
  kind: 'room' | 'row' | 'rack' | 'device' | 'floorEquipment' | 'powerElement' | 'system';
  id: string;
  name: string;
  children: AssetNode[];
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, undefined, { numeric: true });

/** Room → row → rack → device, plus each room's floor equipment and power elements; systems last. */
export function assetTree(snap: DocumentSnapshot): AssetNode[] {
  const types = snap.deviceTypes;
  const rackNode = (rackId: string): AssetNode | null => {
    const r = snap.racks[rackId];
    if (!r) return null;
    const devices = Object.values(snap.devices).filter((d) => d.rackId === r.id)
      .map((d) => ({ kind: 'device' as const, id: d.id, name: d.name ?? types[d.typeId]?.model ?? d.id, children: [] })).sort(byName);
    return { kind: 'rack', id: r.id, name: r.name, children: devices };
  };
  const rooms = Object.values(snap.rooms).sort(byName).map((room): AssetNode => {
    const rows = Object.values(snap.rows).filter((r) => r.roomId === room.id).sort(byName);
    const inRows = new Set(rows.flatMap((r) => r.rackIds));
    const rowNodes = rows.map((row): AssetNode => ({ kind: 'row', id: row.id, name: row.name, children: row.rackIds.map(rackNode).filter((n): n is AssetNode => n !== null) }));
    const loose = Object.values(snap.racks).filter((r) => r.roomId === room.id && !inRows.has(r.id)).sort(byName).map((r) => rackNode(r.id)!);
    const floor = Object.values(snap.floorEquipment).filter((f) => f.roomId === room.id).map((f) => ({ kind: 'floorEquipment' as const, id: f.id, name: f.name ?? f.kind, children: [] })).sort(byName);
    const power = Object.values(snap.powerElements).filter((p) => p.roomId === room.id).map((p) => ({ kind: 'powerElement' as const, id: p.id, name: p.name, children: [] })).sort(byName);
    return { kind: 'room', id: room.id, name: room.name, children: [...rowNodes, ...loose, ...floor, ...power] };
  });
  const sitePower = Object.values(snap.powerElements).filter((p) => !p.roomId).map((p) => ({ kind: 'powerElement' as const, id: p.id, name: p.name, children: [] })).sort(byName);
  const systems = [...new Set(Object.values(snap.cxInstances).filter((i) => i.assetKind === 'system').map((i) => i.assetId))].sort()
    .map((s) => ({ kind: 'system' as const, id: s, name: s, children: [] }));
  return [...rooms, ...sitePower, ...systems];
}

/** Every asset of a node and below (for roll-ups per room, row, rack). */
export function flattenAssets(node: AssetNode): AssetNode[] {
  return [node, ...node.children.flatMap(flattenAssets)];
}

export const assetKey = (kind: string, id: string) => `${kind}:${id}`;

/** The asset's display name, whatever its kind. */
export function assetName(snap: DocumentSnapshot, kind: string, id: string): string {
  switch (kind) {
    case 'room': return snap.rooms[id]?.name ?? id;
    case 'row': return snap.rows[id]?.name ?? id;
    case 'rack': return snap.racks[id]?.name ?? id;
    case 'device': {
      const d = snap.devices[id];
      return d ? d.name ?? snap.deviceTypes[d.typeId]?.model ?? id : id;
    }
    case 'floorEquipment': return snap.floorEquipment[id]?.name ?? snap.floorEquipment[id]?.kind ?? id;
    case 'powerElement': return snap.powerElements[id]?.name ?? id;
    default: return id;
  }
}

export interface InstanceView {
  instance: CxInstance;
  template: ChecklistTemplate | null;
  plan: TemplatePlan | null;
  answers: CxAnswer[];
  answerByItem: Map<string, CxAnswer>;
  progress: InstanceProgress | null;
  signOffs: CxSignOff[];
  issues: CxIssue[];
  /** Why it may not start (empty once it may, or once it has answers: gating applies to the first answer). */
  gate: GateReason[];
}

/** Everything walk mode shows about one checklist, from the mirror. */
export function instanceView(snap: DocumentSnapshot, instanceId: string): InstanceView | null {
  const instance = snap.cxInstances[instanceId];
  if (!instance) return null;
  const doc = new SnapshotReader(snap);
  const template = publishedTemplate(doc, instance.templateId, instance.templateVersion);
  const plan = template ? templatePlan(template) : null;
  const answers = Object.values(snap.cxAnswers).filter((a) => a.instanceId === instanceId);
  const answerByItem = new Map(answers.filter((a) => !a.rowKey).map((a) => [a.itemId, a]));
  const progress = plan ? instanceProgress(plan, answersOf(answers)) : null;
  const signOffs = Object.values(snap.cxSignOffs).filter((s) => s.instanceId === instanceId).sort((a, b) => a.at.localeCompare(b.at));
  const issues = Object.values(snap.cxIssues).filter((i) => i.instanceId === instanceId);
  const gate = template && answers.length === 0 ? gateFor(doc, template, instance.assetKind, instance.assetId, instance.id) : [];
  return { instance, template, plan, answers, answerByItem, progress, signOffs, issues, gate };
}

/** The items walk mode steps through: the visible ones (a hidden item has no status, state 0). */
export function walkItems(view: InstanceView): Item[] {
  if (!view.plan || !view.progress) return [];
  return view.plan.items.filter((it) => Object.hasOwn(view.progress!.statuses, it.id) && isShown(view, it.id));
}

function isShown(view: InstanceView, itemId: string): boolean {
  return visibleIds(view).has(itemId);
}

const visibleCache = new WeakMap<InstanceView, Set<string>>();
/** Items whose condition holds: counted (`items`) when evaluated alone; hidden ones count 0. */
function visibleIds(view: InstanceView): Set<string> {
  let set = visibleCache.get(view);
  if (set) return set;
  set = new Set<string>();
  const plan = view.plan!;
  const answers = answersOf(view.answers);
  for (const item of plan.items) {
    const p = instanceProgress(plan, answers, new Set([item.id]));
    if (p.items > 0) set.add(item.id);
  }
  visibleCache.set(view, set);
  return set;
}

/** The next (+1) or previous (−1) visible item, staying put at the ends. */
export function stepItem(items: readonly Item[], currentId: string | null, dir: 1 | -1): string | null {
  if (items.length === 0) return null;
  const i = currentId ? items.findIndex((it) => it.id === currentId) : -1;
  if (i < 0) return items[0]!.id;
  return items[Math.min(items.length - 1, Math.max(0, i + dir))]!.id;
}

/** Sign-offs as the banner shows them: the valid final one, and every invalidated one. */
export function signState(signOffs: readonly CxSignOff[]): { final: CxSignOff | null; sections: CxSignOff[]; invalidated: CxSignOff[] } {
  const valid = signOffs.filter(isValidSignOff);
  return { final: valid.find((s) => s.scope === 'final') ?? null, sections: valid.filter((s) => s.scope !== 'final'), invalidated: signOffs.filter((s) => !isValidSignOff(s)) };
}

/** The limits of a numeric item, as a structured description for i18n. */
export function numericLimits(item: NumericItem): { kind: 'range'; min?: number; max?: number } | { kind: 'target'; target: number; tol: number; pct: boolean } | null {
  if (item.target !== undefined && (item.tolerance !== undefined || item.tolerancePct !== undefined)) {
    return item.tolerance !== undefined ? { kind: 'target', target: item.target, tol: item.tolerance, pct: false } : { kind: 'target', target: item.target, tol: item.tolerancePct!, pct: true };
  }
  if (item.min !== undefined || item.max !== undefined) return { kind: 'range', ...(item.min !== undefined ? { min: item.min } : {}), ...(item.max !== undefined ? { max: item.max } : {}) };
  return null;
}

export interface BurnPoint {
  date: string;
  /** Answers recorded that day. */
  answered: number;
  /** Required items still unanswered at the end of that day. */
  remaining: number;
}

/**
 * The burn-down: per local day, the answers recorded and the required items left. `required` is
 * today's total of required items; answers are counted on the day they were given (their `at`),
 * so the curve falls from `required` to what is left now.
 */
export function burndown(answers: Iterable<{ at: string; status: string | null }>, required: number, remainingNow: number): BurnPoint[] {
  const perDay = new Map<string, number>();
  for (const a of answers) {
    if (a.status === null) continue;
    const d = localDate(a.at);
    perDay.set(d, (perDay.get(d) ?? 0) + 1);
  }
  const days = [...perDay.keys()].sort();
  const total = days.reduce((s, d) => s + perDay.get(d)!, 0);
  // Answers to optional items also count as work done; start where the total makes the end match now.
  let remaining = Math.max(required, remainingNow + total);
  if (days.length === 0) return [];
  // The curve starts the day before the first answer, at the full count, so one day is a line too.
  const first = new Date(`${days[0]}T12:00:00Z`);
  first.setUTCDate(first.getUTCDate() - 1);
  const start: BurnPoint = { date: first.toISOString().slice(0, 10), answered: 0, remaining };
  return [start, ...days.map((date) => {
    const answered = perDay.get(date)!;
    remaining = Math.max(remainingNow, remaining - answered);
    return { date, answered, remaining };
  })];
}

/** Whether the actor may use an issue workflow button, and why not (mirrors cx.issue.transition). */
export function transitionAllowed(issue: CxIssue, to: CxIssue['status'], actorName: string): { ok: true } | { ok: false; why: 'state' | 'assignee' | 'owner' | 'unassigned' | 'assigneeOrOwner' } {
  const same = (a: string | undefined) => a !== undefined && a.trim().toLowerCase() === actorName.trim().toLowerCase();
  const allowed: Record<CxIssue['status'], ReadonlyArray<CxIssue['status']>> = {
    open: ['in-progress', 'resolved'], 'in-progress': ['resolved'], reopened: ['in-progress', 'resolved'], resolved: ['closed', 'reopened'], closed: ['reopened'],
  };
  if (!allowed[issue.status].includes(to)) return { ok: false, why: 'state' };
  if (to === 'resolved') {
    if (!issue.assignee) return { ok: false, why: 'unassigned' };
    if (!same(issue.assignee)) return { ok: false, why: 'assignee' };
  }
  if ((to === 'closed' || to === 'reopened') && !same(issue.owner)) return { ok: false, why: 'owner' };
  if (to === 'in-progress' && !same(issue.assignee) && !same(issue.owner)) return { ok: false, why: 'assigneeOrOwner' };
  return { ok: true };
}

export interface UpgradePreview {
  from: number;
  to: number;
  toTitle: string;
  /** Answer ids that carry over (their item is defined identically in the new version). */
  kept: Array<{ answerId: string; itemId: string; label: string }>;
  /** Answers that are removed: the item is gone, or its definition changed (limits, options…). */
  dropped: Array<{ answerId: string; itemId: string; label: string; why: 'removed' | 'changed' }>;
  /** Valid sign-offs the upgrade invalidates (a reason is then required). */
  signOffs: CxSignOff[];
}

/** The newest published version of an instance's template, when it is newer than the pinned one. */
export function newerVersion(snap: DocumentSnapshot, instance: CxInstance): number | null {
  const latest = publishedVersions(new SnapshotReader(snap), instance.templateId)[0];
  return latest && latest.version > instance.templateVersion ? latest.version : null;
}

/**
 * What `cx.instance.upgrade` will do, computed on the mirror before asking: the same item
 * comparison as the command (by id, then by canonical definition), without any change.
 */
export function upgradePreview(snap: DocumentSnapshot, instanceId: string, toVersion?: number): UpgradePreview | null {
  const inst = snap.cxInstances[instanceId];
  if (!inst) return null;
  const doc = new SnapshotReader(snap);
  const to = toVersion ?? newerVersion(snap, inst);
  if (to === null || to <= inst.templateVersion) return null;
  const from = publishedTemplate(doc, inst.templateId, inst.templateVersion);
  const target = publishedTemplate(doc, inst.templateId, to);
  if (!from || !target) return null;
  const oldPlan = templatePlan(from);
  const oldItems = oldPlan.byId;
  const newItems = templatePlan(target).byId;
  const out: UpgradePreview = { from: inst.templateVersion, to, toTitle: target.title, kept: [], dropped: [], signOffs: [] };
  // In the checklist's order, as the walker knows it (table rows by their key).
  const order = new Map(oldPlan.items.map((it, i) => [it.id, i]));
  const answers = Object.values(snap.cxAnswers).filter((a) => a.instanceId === instanceId)
    .sort((a, b) => (order.get(a.itemId) ?? 1e9) - (order.get(b.itemId) ?? 1e9) || (a.rowKey ?? '').localeCompare(b.rowKey ?? '', undefined, { numeric: true }));
  for (const a of answers) {
    const now = newItems.get(a.itemId);
    const label = (now ?? oldItems.get(a.itemId))?.label ?? a.itemId;
    const row = { answerId: a.id, itemId: a.itemId, label: a.rowKey ? `${label} / ${a.rowKey}` : label };
    if (!now) out.dropped.push({ ...row, why: 'removed' });
    else if (!sameItemDefinition(oldItems.get(a.itemId), now)) out.dropped.push({ ...row, why: 'changed' });
    else out.kept.push(row);
  }
  out.signOffs = Object.values(snap.cxSignOffs).filter((s) => s.instanceId === instanceId && isValidSignOff(s));
  return out;
}
