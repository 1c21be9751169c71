/**
 * Checklist progress (issue 5 §8, §10): per instance, and rolled up per asset, level, room and
 * system — answered / required / passed / failed / N-A counts.
 *
 * Data path. A site has thousands of checklists of tens of items each (5,000 racks × 40 items is
 * 200,000 items), and the dashboard re-rolls after every answer, so the roll-up must not build an
 * object per item. It works in two stages:
 *  1. `encodeInstance` writes one byte of state bits per item (REQUIRED, ANSWERED, PASS, FAIL,
 *     NA) into a shared Uint8Array. An instance with no answers — most of them, on a real site —
 *     copies its template's precomputed empty-instance states (`TemplatePlan.emptyStates`); only
 *     instances with answers evaluate conditions, through a per-template lookup built once.
 *  2. `rollupStates` sums the bytes into Int32Array counters per group, for several groupings at
 *     once, in one pass with no allocation in the loop.
 * Status is derived, never stored on the instance: the answers are the only source of truth, so
 * undo, upgrade or an import can never leave a cached status out of date.
 */
import type { CxAnswer, CxInstance } from '../model/schema';
import type { ExprEnv, ItemStatus } from './expr';
import type { AnswerValue, Answers, TableRowAnswer } from './evaluate';
import { conditionHolds, expressionValue, isRequired, isVisible, itemStatus } from './evaluate';
import type { ChecklistTemplate, Item, Section } from './template';

export const REQUIRED = 1;
export const ANSWERED = 2;
export const PASS = 4;
export const FAIL = 8;
export const NA_BIT = 16;
/** The item is shown (and counted). Hidden items have state 0. */
export const VISIBLE = 32;

/** What the roll-up counts, in this order in every counter block. */
export const COUNT_FIELDS = ['items', 'required', 'answered', 'requiredAnswered', 'passed', 'failed', 'na'] as const;
export type CountField = (typeof COUNT_FIELDS)[number];
export type ProgressCounts = Record<CountField, number>;
const NC = COUNT_FIELDS.length;

/** A template compiled for evaluation: item lookups and the states of an unanswered instance. */
export interface TemplatePlan {
  template: ChecklistTemplate;
  items: readonly Item[];
  sectionOf: readonly Section[];
  byId: ReadonlyMap<string, Item>;
  /** Whether any item or section has a condition (otherwise states depend on answers only). */
  conditional: boolean;
  emptyStates: Uint8Array;
}

const plans = new WeakMap<ChecklistTemplate, TemplatePlan>();

export function templatePlan(template: ChecklistTemplate): TemplatePlan {
  let plan = plans.get(template);
  if (plan) return plan;
  const items: Item[] = [];
  const sectionOf: Section[] = [];
  const byId = new Map<string, Item>();
  let conditional = false;
  for (const s of template.sections) {
    if (s.visibleIf) conditional = true;
    for (const item of s.items) {
      items.push(item);
      sectionOf.push(s);
      byId.set(item.id, item);
      if (item.visibleIf || item.requiredIf) conditional = true;
    }
  }
  plan = { template, items, sectionOf, byId, conditional, emptyStates: new Uint8Array(items.length) };
  plans.set(template, plan);
  evaluateStates(plan, {}, plan.emptyStates, 0);
  return plan;
}

/** The expression environment of an instance (same semantics as evaluate.ts `answersEnv`). */
export function planEnv(plan: TemplatePlan, answers: Answers): ExprEnv {
  const answerOf = (id: string) => (Object.hasOwn(answers, id) ? answers[id] : undefined);
  const env: ExprEnv = {
    value: (name) => {
      const item = plan.byId.get(name);
      return item ? expressionValue(item, answerOf(name)) : null;
    },
    answered: (name) => {
      const item = plan.byId.get(name);
      return item ? itemStatus(item, answerOf(name), env) !== null : false;
    },
    status: (name) => {
      const item = plan.byId.get(name);
      return item ? itemStatus(item, answerOf(name), env) : null;
    },
  };
  return env;
}

function evaluateStates(plan: TemplatePlan, answers: Answers, out: Uint8Array, offset: number): void {
  const env = planEnv(plan, answers);
  let section: Section | undefined;
  let sectionShown = true;
  for (let i = 0; i < plan.items.length; i++) {
    const item = plan.items[i]!;
    const s = plan.sectionOf[i]!;
    if (s !== section) {
      section = s;
      sectionShown = !s.visibleIf || conditionHolds(s.visibleIf, env);
    }
    if (!sectionShown || !isVisible(item, env)) {
      out[offset + i] = 0;
      continue;
    }
    let state = VISIBLE;
    if (isRequired(item, env)) state |= REQUIRED;
    const answer = Object.hasOwn(answers, item.id) ? answers[item.id] : undefined;
    const status = itemStatus(item, answer, env);
    if (status !== null) state |= ANSWERED | (status === 'pass' ? PASS : status === 'fail' ? FAIL : NA_BIT);
    out[offset + i] = state;
  }
}

/** Writes an instance's item states at `offset` (its template's item count bytes). */
export function encodeInstance(plan: TemplatePlan, answers: Answers | null, out: Uint8Array, offset: number): void {
  if (!answers) out.set(plan.emptyStates, offset);
  else evaluateStates(plan, answers, out, offset);
}

/** The answers of one instance as evaluate.ts expects them: table rows gathered per item. */
export function answersOf(rows: readonly CxAnswer[]): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  for (const a of rows) {
    if (a.rowKey) {
      const existing = out[a.itemId];
      const list = Array.isArray(existing) ? (existing as TableRowAnswer[]) : [];
      list.push({ rowId: a.rowKey, cells: (a.value ?? {}) as Record<string, AnswerValue> });
      out[a.itemId] = list;
    } else {
      out[a.itemId] = a.value as AnswerValue;
    }
  }
  return out;
}

export function emptyCounts(): ProgressCounts {
  return { items: 0, required: 0, answered: 0, requiredAnswered: 0, passed: 0, failed: 0, na: 0 };
}

function addState(c: Int32Array, base: number, s: number): void {
  if (s === 0) return;
  c[base]!++;
  if (s & REQUIRED) {
    c[base + 1]!++;
    if (s & ANSWERED) c[base + 3]!++;
  }
  if (s & ANSWERED) c[base + 2]!++;
  if (s & PASS) c[base + 4]!++;
  else if (s & FAIL) c[base + 5]!++;
  else if (s & NA_BIT) c[base + 6]!++;
}

/**
 * Sums item states into counters. `instanceStart[k]..instanceStart[k+1]` are instance k's items;
 * `groupings[g][k]` is the group of instance k in grouping g (−1: none); `groupCounts[g]` how
 * many groups grouping g has. Returns one Int32Array per grouping, `COUNT_FIELDS.length` per group.
 */
export function rollupStates(states: Uint8Array, instanceStart: Int32Array, groupings: readonly Int32Array[], groupCounts: readonly number[]): Int32Array[] {
  const out = groupCounts.map((n) => new Int32Array(n * NC));
  const instances = instanceStart.length - 1;
  // Per instance first (a small block), then added to each grouping: the item loop touches one
  // 7-counter block only.
  const one = new Int32Array(NC);
  for (let k = 0; k < instances; k++) {
    one.fill(0);
    const end = instanceStart[k + 1]!;
    for (let i = instanceStart[k]!; i < end; i++) addState(one, 0, states[i]!);
    for (let g = 0; g < groupings.length; g++) {
      const group = groupings[g]![k]!;
      if (group < 0) continue;
      const target = out[g]!;
      const base = group * NC;
      for (let f = 0; f < NC; f++) target[base + f]! += one[f]!;
    }
  }
  return out;
}

export function countsAt(block: Int32Array, group: number): ProgressCounts {
  const b = group * NC;
  return { items: block[b]!, required: block[b + 1]!, answered: block[b + 2]!, requiredAnswered: block[b + 3]!, passed: block[b + 4]!, failed: block[b + 5]!, na: block[b + 6]! };
}

/** One instance's counts and the required items still unanswered (gating, sign-off). */
export interface InstanceProgress extends ProgressCounts {
  complete: boolean;
  missing: string[];
  failing: string[];
  statuses: Record<string, ItemStatus | null>;
}

export function instanceProgress(plan: TemplatePlan, answers: Answers, onlyItems?: ReadonlySet<string>): InstanceProgress {
  const states = new Uint8Array(plan.items.length);
  evaluateStates(plan, answers, states, 0);
  const c = emptyCounts();
  const missing: string[] = [];
  const failing: string[] = [];
  const statuses: Record<string, ItemStatus | null> = {};
  for (let i = 0; i < states.length; i++) {
    const id = plan.items[i]!.id;
    if (onlyItems && !onlyItems.has(id)) continue;
    const s = states[i]!;
    statuses[id] = s & PASS ? 'pass' : s & FAIL ? 'fail' : s & NA_BIT ? 'na' : null;
    if (s === 0) continue;
    c.items++;
    if (s & REQUIRED) c.required++;
    if (s & ANSWERED) c.answered++;
    if (s & REQUIRED && s & ANSWERED) c.requiredAnswered++;
    if (s & REQUIRED && !(s & ANSWERED)) missing.push(id);
    if (s & PASS) c.passed++;
    else if (s & FAIL) {
      c.failed++;
      failing.push(id);
    } else if (s & NA_BIT) c.na++;
  }
  return { ...c, complete: missing.length === 0, missing, failing, statuses };
}

// ------------------------------------------------------------------ site-wide report

export interface ProgressInput {
  instances: readonly CxInstance[];
  /** Answers grouped by instance id (instances absent here have none). */
  answersByInstance: ReadonlyMap<string, readonly CxAnswer[]>;
  /** The pinned template of an instance, or null when its version is not published here. */
  templateOf(instance: CxInstance): ChecklistTemplate | null;
}

export interface ProgressReport {
  totals: ProgressCounts;
  byInstance: Map<string, ProgressCounts>;
  byAsset: Map<string, ProgressCounts>;
  byLevel: Map<string, ProgressCounts>;
  byRoom: Map<string, ProgressCounts>;
  bySystem: Map<string, ProgressCounts>;
  /** Instances whose template version is missing (not counted). */
  orphans: string[];
}

/** Groups instances by a key; −1 for instances without one. */
function grouping(keys: ReadonlyArray<string | null>): { index: Int32Array; names: string[] } {
  const ids = new Map<string, number>();
  const index = new Int32Array(keys.length);
  keys.forEach((k, i) => {
    if (k === null) {
      index[i] = -1;
      return;
    }
    let g = ids.get(k);
    if (g === undefined) ids.set(k, (g = ids.size));
    index[i] = g;
  });
  return { index, names: [...ids.keys()] };
}

export function progressReport(input: ProgressInput): ProgressReport {
  const used: CxInstance[] = [];
  const usedPlans: TemplatePlan[] = [];
  const orphans: string[] = [];
  let total = 0;
  for (const inst of input.instances) {
    const t = input.templateOf(inst);
    if (!t) {
      orphans.push(inst.id);
      continue;
    }
    const plan = templatePlan(t);
    used.push(inst);
    usedPlans.push(plan);
    total += plan.items.length;
  }
  const states = new Uint8Array(total);
  const start = new Int32Array(used.length + 1);
  let offset = 0;
  for (let k = 0; k < used.length; k++) {
    start[k] = offset;
    const rows = input.answersByInstance.get(used[k]!.id);
    encodeInstance(usedPlans[k]!, rows && rows.length > 0 ? answersOf(rows) : null, states, offset);
    offset += usedPlans[k]!.items.length;
  }
  start[used.length] = offset;
  const dims = [
    grouping(used.map((i) => i.id)),
    grouping(used.map((i) => `${i.assetKind}:${i.assetId}`)),
    grouping(used.map((i) => i.level)),
    grouping(used.map((i) => i.roomId ?? null)),
    grouping(used.map((i) => i.system ?? (i.assetKind === 'system' ? i.assetId : null))),
    grouping(used.map(() => 'all')),
  ];
  const blocks = rollupStates(states, start, dims.map((d) => d.index), dims.map((d) => d.names.length));
  const toMap = (d: number) => new Map(dims[d]!.names.map((name, g) => [name, countsAt(blocks[d]!, g)]));
  return {
    totals: dims[5]!.names.length ? countsAt(blocks[5]!, 0) : emptyCounts(),
    byInstance: toMap(0),
    byAsset: toMap(1),
    byLevel: toMap(2),
    byRoom: toMap(3),
    bySystem: toMap(4),
    orphans,
  };
}

/** Groups answer rows by instance id (one pass). */
export function groupAnswers(answers: Iterable<CxAnswer>): Map<string, CxAnswer[]> {
  const out = new Map<string, CxAnswer[]>();
  for (const a of answers) {
    const list = out.get(a.instanceId);
    if (list) list.push(a);
    else out.set(a.instanceId, [a]);
  }
  return out;
}

/**
 * Walk mode's "next incomplete": the first required, visible, unanswered item after `afterItemId`
 * (wrapping around to the start), or null when the checklist is complete.
 */
export function nextIncomplete(plan: TemplatePlan, answers: Answers, afterItemId?: string): string | null {
  const states = new Uint8Array(plan.items.length);
  evaluateStates(plan, answers, states, 0);
  const n = plan.items.length;
  const start = afterItemId === undefined ? 0 : plan.items.findIndex((i) => i.id === afterItemId) + 1;
  for (let k = 0; k < n; k++) {
    const i = (start + k) % n;
    const s = states[i]!;
    if (s & REQUIRED && !(s & ANSWERED)) return plan.items[i]!.id;
  }
  return null;
}
