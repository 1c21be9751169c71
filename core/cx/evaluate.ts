/**
 * Answers and what they mean: the automatic pass / fail / N-A status of an item, the value an
 * item has inside expressions, and the expression environment built from a set of answers.
 *
 * Statuses (`itemStatus`):
 *  - check: the answer itself ('pass' | 'fail' | 'na');
 *  - numeric: pass within min/max or target ± tolerance (inclusive, with a tiny allowance for
 *    binary rounding), fail outside; with no limits, any number is a recorded reading: pass;
 *  - choice: the status of the chosen option;
 *  - text, date/time, signature: pass once answered (they record, they do not judge);
 *  - photo, file: pass once at least `minCount` (default 1) are attached, else unanswered;
 *  - table: fail if any cell fails, unanswered while any required cell is, else pass
 *    (N-A when every answered cell is N-A).
 * N-A (`{na: true}`, or 'na' for a check item) counts only where the item allows it.
 * null means "not (validly) answered yet".
 */
import type { Expr, ExprEnv, ExprType, ItemStatus, RefInfo, Value } from './expr';
import { evaluateCondition, ExprSyntaxError, parseExpression, STATUS_TYPE } from './expr';
import type { ChecklistTemplate, ColumnItem, Item, TableItem } from './template';
import { isRequiredByDefault, templateItems } from './template';

/** The N-A marker, for any item type that allows N-A. */
export interface NotApplicable {
  na: true;
}
export const NA: NotApplicable = Object.freeze({ na: true as const });

export interface SignatureAnswer {
  name: string;
  role?: string;
  company?: string;
  /** ISO 8601 with offset, the local time the signature was really made. */
  signedAt: string;
}

/** One row of a table answer; `rowId` names the template's fixed row it answers. */
export interface TableRowAnswer {
  rowId?: string;
  cells: Record<string, AnswerValue | undefined>;
}

/**
 * An answer: check 'pass'|'fail'|'na'; numeric a number; choice the option value; text a
 * string; date/time an ISO 8601 string; photo/file the attachment ids; signature a
 * `SignatureAnswer`; table its rows; or N-A.
 */
export type AnswerValue = string | number | readonly string[] | SignatureAnswer | readonly TableRowAnswer[] | NotApplicable;

export const isNA = (v: unknown): v is NotApplicable => typeof v === 'object' && v !== null && !Array.isArray(v) && (v as { na?: unknown }).na === true;

/** Absolute allowance for binary rounding when comparing with limits: 230.1 − 0.1 is not 230. */
const EPSILON = 1e-9;

/** The numeric verdict alone: true pass, false fail, null when the item has no limits. */
export function numericWithinLimits(item: { min?: number; max?: number; target?: number; tolerance?: number; tolerancePct?: number }, v: number): boolean | null {
  const slack = (x: number) => EPSILON * Math.max(1, Math.abs(x));
  let judged = false;
  if (item.min !== undefined) {
    judged = true;
    if (v < item.min - slack(item.min)) return false;
  }
  if (item.max !== undefined) {
    judged = true;
    if (v > item.max + slack(item.max)) return false;
  }
  if (item.target !== undefined) {
    const tol = item.tolerance ?? (item.tolerancePct !== undefined ? (Math.abs(item.target) * item.tolerancePct) / 100 : undefined);
    if (tol !== undefined) {
      judged = true;
      if (Math.abs(v - item.target) > tol + slack(item.target)) return false;
    }
  }
  return judged ? true : null;
}

/** Whether the item type can fail (so `onFail` can fire). */
export function canFail(item: Item | ColumnItem): boolean {
  switch (item.type) {
    case 'check':
      return true;
    case 'numeric':
      return item.min !== undefined || item.max !== undefined || (item.target !== undefined && (item.tolerance !== undefined || item.tolerancePct !== undefined));
    case 'choice':
      return item.options.some((o) => o.status === 'fail');
    case 'table':
      return item.columns.some(canFail);
    default:
      return false;
  }
}

/** The status of one answer to one item (see the file comment). */
export function itemStatus(item: Item | ColumnItem, answer: AnswerValue | null | undefined, outer?: ExprEnv): ItemStatus | null {
  if (answer === undefined || answer === null) return null;
  if (isNA(answer)) return item.allowNA ? 'na' : null;
  switch (item.type) {
    case 'check':
      if (answer === 'pass' || answer === 'fail') return answer;
      return answer === 'na' && item.allowNA ? 'na' : null;
    case 'numeric': {
      if (typeof answer !== 'number' || !Number.isFinite(answer)) return null;
      const within = numericWithinLimits(item, answer);
      return within === false ? 'fail' : 'pass';
    }
    case 'choice': {
      const option = typeof answer === 'string' ? item.options.find((o) => o.value === answer) : undefined;
      return option ? option.status : null;
    }
    case 'text':
      return typeof answer === 'string' && answer.trim() !== '' ? 'pass' : null;
    case 'datetime':
      return typeof answer === 'string' && !Number.isNaN(Date.parse(answer)) ? 'pass' : null;
    case 'photo':
    case 'file':
      return Array.isArray(answer) && answer.length >= Math.max(1, item.minCount ?? 1) ? 'pass' : null;
    case 'signature': {
      const sig = answer as Partial<SignatureAnswer>;
      return typeof sig === 'object' && !Array.isArray(sig) && typeof sig.name === 'string' && sig.name.trim() !== '' ? 'pass' : null;
    }
    case 'table':
      return tableStatus(item, answer, outer);
  }
}

function tableStatus(table: TableItem, answer: AnswerValue, outer?: ExprEnv): ItemStatus | null {
  if (!Array.isArray(answer)) return null;
  const rows = answer as readonly TableRowAnswer[];
  let expected: TableRowAnswer[];
  if (table.rows) {
    // Fixed rows are matched by id; a missing row is an unanswered row.
    expected = table.rows.map((r) => rows.find((a) => a.rowId === r.id) ?? { rowId: r.id, cells: {} });
  } else {
    expected = [...rows];
    if (expected.length < Math.max(1, table.repeat?.minRows ?? 1)) return null;
  }
  let anyFail = false;
  let anyMissing = false;
  let anyPass = false;
  for (const row of expected) {
    const fixed = table.rows?.find((r) => r.id === row.rowId)?.values ?? {};
    const env = rowEnv(table, row, outer);
    for (const col of table.columns) {
      if (Object.hasOwn(fixed, col.id)) continue;
      if (!isVisible(col, env)) continue;
      const s = itemStatus(col, row.cells[col.id], env);
      if (s === 'fail') anyFail = true;
      else if (s === 'pass') anyPass = true;
      else if (s === null && isRequired(col, env)) anyMissing = true;
    }
  }
  if (anyFail) return 'fail';
  if (anyMissing) return null;
  return anyPass ? 'pass' : 'na';
}

/**
 * Parsed conditions, by source. Templates repeat the same few conditions across thousands of
 * instances, so each is parsed once; the cache is bounded so a stream of distinct sources
 * cannot grow it without limit.
 */
const parsed = new Map<string, Expr | null>();
const PARSE_CACHE_LIMIT = 5000;

function compiled(src: string): Expr | null {
  let expr = parsed.get(src);
  if (expr === undefined) {
    try {
      expr = parseExpression(src);
    } catch (e) {
      if (!(e instanceof ExprSyntaxError)) throw e;
      expr = null;
    }
    if (parsed.size >= PARSE_CACHE_LIMIT) parsed.clear();
    parsed.set(src, expr);
  }
  return expr;
}

/**
 * Evaluates a template condition. A condition that does not parse (the linter refuses such
 * templates, but answers may outlive a template edit) gives `fallback`: shown and required,
 * which asks too much rather than silently skipping a check.
 */
export function conditionHolds(src: string, env: ExprEnv, fallback = true): boolean {
  const expr = compiled(src);
  return expr ? evaluateCondition(expr, env) : fallback;
}

/** Whether an item is shown, given the answers. */
export function isVisible(item: { visibleIf?: string | undefined }, env: ExprEnv): boolean {
  return item.visibleIf ? conditionHolds(item.visibleIf, env) : true;
}

/** Whether an item is required, given the answers (its `requiredIf` wins over `required`). */
export function isRequired(item: Item | ColumnItem, env: ExprEnv): boolean {
  if (item.requiredIf) return conditionHolds(item.requiredIf, env);
  return isRequiredByDefault(item);
}

/** What an item's value is inside an expression (see expr.ts for the null rules). */
export function expressionValue(item: Item | ColumnItem, answer: AnswerValue | null | undefined): Value {
  if (answer === undefined || answer === null) return null;
  if (item.type === 'check') return itemStatus(item, answer);
  if (isNA(answer)) return null;
  switch (item.type) {
    case 'numeric':
      return typeof answer === 'number' && Number.isFinite(answer) ? answer : null;
    case 'choice':
      return typeof answer === 'string' && item.options.some((o) => o.value === answer) ? answer : null;
    case 'text':
    case 'datetime':
      return typeof answer === 'string' && answer !== '' ? answer : null;
    case 'photo':
    case 'file':
      return Array.isArray(answer) ? answer.length : null;
    case 'signature':
      return itemStatus(item, answer) === 'pass' ? true : null;
    case 'table':
      return null;
  }
}

/** The static type of an item inside expressions: must agree with `expressionValue`. */
export function expressionType(item: Item | ColumnItem): RefInfo {
  const describe = `${item.type} item "${item.id}"`;
  const typed = (type: ExprType): RefInfo => ({ type, describe });
  switch (item.type) {
    case 'check':
      return typed(STATUS_TYPE);
    case 'numeric':
    case 'photo':
    case 'file':
      return typed({ t: 'number' });
    case 'choice':
      return typed({ t: 'string', domain: item.options.map((o) => o.value) });
    case 'text':
    case 'datetime':
      return typed({ t: 'string' });
    case 'signature':
      return typed({ t: 'boolean' });
    case 'table':
      return { error: `table "${item.id}" has no single value: use answered(${item.id}) or status(${item.id})`, usableInCalls: true, describe };
  }
}

/** Answers of a whole checklist, by item id. Table answers hold their rows. */
export type Answers = Readonly<Record<string, AnswerValue | undefined>>;

/**
 * The expression environment of a checklist's top level. Only ids of the template's own items
 * resolve; anything else (`constructor`, `__proto__`, a column outside its table) is null.
 */
export function answersEnv(template: ChecklistTemplate, answers: Answers): ExprEnv {
  const items = new Map<string, Item>();
  for (const item of templateItems(template)) items.set(item.id, item);
  const answerOf = (id: string) => (Object.hasOwn(answers, id) ? answers[id] : undefined);
  const env: ExprEnv = {
    value: (name) => {
      const item = items.get(name);
      return item ? expressionValue(item, answerOf(name)) : null;
    },
    answered: (name) => {
      const item = items.get(name);
      if (!item) return false;
      return itemStatus(item, answerOf(name), env) !== null;
    },
    status: (name) => {
      const item = items.get(name);
      return item ? itemStatus(item, answerOf(name), env) : null;
    },
  };
  return env;
}

/** The environment inside one table row: its columns (answers or fixed values), then `outer`. */
export function rowEnv(table: TableItem, row: TableRowAnswer, outer?: ExprEnv): ExprEnv {
  const columns = new Map<string, ColumnItem>();
  for (const c of table.columns) columns.set(c.id, c);
  const fixed = table.rows?.find((r) => r.id === row.rowId)?.values ?? {};
  const cell = (id: string): AnswerValue | undefined => {
    if (Object.hasOwn(fixed, id)) return fixed[id] as AnswerValue;
    return Object.hasOwn(row.cells, id) ? row.cells[id] : undefined;
  };
  return {
    value: (name) => {
      const col = columns.get(name);
      if (!col) return outer ? outer.value(name) : null;
      const fixedValue = Object.hasOwn(fixed, name) ? fixed[name] : undefined;
      if (fixedValue !== undefined) return fixedValue;
      return expressionValue(col, cell(name));
    },
    answered: (name) => {
      const col = columns.get(name);
      if (!col) return outer ? outer.answered(name) : false;
      return Object.hasOwn(fixed, name) || itemStatus(col, cell(name)) !== null;
    },
    status: (name) => {
      const col = columns.get(name);
      if (!col) return outer ? outer.status(name) : null;
      if (Object.hasOwn(fixed, name)) return 'pass';
      return itemStatus(col, cell(name));
    },
  };
}
