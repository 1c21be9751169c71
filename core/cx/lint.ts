/**
 * The checklist template linter behind `plenum template lint` (issue 5 §1). It reports every
 * problem it can find in one pass, each with a line and column in the YAML:
 *
 *  - yaml-syntax       the YAML does not parse (then nothing else is checked);
 *  - schema            the shape is wrong: unknown or missing fields, wrong types (docs/templates.md);
 *  - duplicate-id      two items (columns included), sections, rows or options share an id;
 *  - expression-syntax a condition does not parse;
 *  - unknown-reference a condition names an item that does not exist or is out of reach;
 *  - type-error        a condition mixes types, or is not true/false;
 *  - never-true        a condition can never be true (the item would never show or never be
 *                      required): constant false, contradictory ranges, a value no option has;
 *  - always-true       a condition is constant true (warning);
 *  - cycle             items whose visibleIf/requiredIf depend on each other in a loop, or a
 *                      column whose condition reads its own table's answer;
 *  - limits            numeric limits that make no sense (min > max, negative tolerance, …);
 *  - choice            a choice with no passing option, or duplicate option values;
 *  - count             photo/file counts below zero or max < min;
 *  - table             a table with both or neither fixed rows and repeat, bad fixed values;
 *  - on-fail           `onFail` on an item that can never fail (warning);
 *  - applies-to        a role that does not exist for the asset kind;
 *  - prerequisites     a template that requires its own or a later level, or itself.
 *
 * Items that fail the schema are still checked as far as they can be: every item that parses on
 * its own takes part in the other checks, so one typo does not hide the rest.
 */
import { isMap, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type { Document, Node as YamlNode, Scalar } from 'yaml';
import type { ExprScope, RefInfo, Expr } from './expr';
import { alwaysTrue, checkTypes, closest, ExprSyntaxError, neverTrue, parseExpression, references } from './expr';
import { canFail, expressionType } from './evaluate';
import type { ChecklistTemplate, ColumnItem, Item, TableItem } from './template';
import { ChecklistTemplate as TemplateSchema, Item as ItemSchema, KNOWN_FIELDS, LEVELS, ROLES_OF_KIND } from './template';

export type LintSeverity = 'error' | 'warning';

export interface TemplateProblem {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  severity: LintSeverity;
  rule: string;
  message: string;
  /** Where in the template, e.g. `sections[1].items[3].visibleIf`. */
  path: string;
}

export interface LintOptions {
  /** Template ids known to exist (built-ins and the files linted together): unknown prerequisites warn. */
  knownTemplateIds?: ReadonlySet<string>;
}

export interface LintResult {
  problems: TemplateProblem[];
  /** The template when the schema accepts it (it may still have lint errors). */
  template: ChecklistTemplate | null;
}

type Path = ReadonlyArray<string | number>;

const formatPath = (path: Path) =>
  path.reduce<string>((out, p) => (typeof p === 'number' ? `${out}[${p}]` : out ? `${out}.${p}` : p), '');

/** Lints the YAML text of one template. Never throws. */
export function lintTemplate(text: string, fileName: string, options: LintOptions = {}): LintResult {
  const problems: TemplateProblem[] = [];
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const pos = linePosition(text);

  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const { line, col } = pos(e.pos[0]);
      problems.push({ file: fileName, line, column: col, severity: 'error', rule: 'yaml-syntax', message: e.message.split('\n')[0]!, path: '' });
    }
    return { problems: sortProblems(problems), template: null };
  }
  for (const w of doc.warnings) {
    const { line, col } = pos(w.pos[0]);
    problems.push({ file: fileName, line, column: col, severity: 'warning', rule: 'yaml-syntax', message: w.message.split('\n')[0]!, path: '' });
  }
  if (doc.contents === null || (isScalar(doc.contents) && (doc.contents.value === null || doc.contents.value === ''))) {
    problems.push({ file: fileName, line: 1, column: 1, severity: 'error', rule: 'schema', message: 'the file is empty: a template is a YAML mapping with id, version, title, level, appliesTo and sections', path: '' });
    return { problems, template: null };
  }

  const locator = new Locator(doc, pos);
  const add = (severity: LintSeverity, rule: string, path: Path, message: string, where: 'value' | 'key' = 'value') => {
    const { line, column } = locator.at(path, where);
    problems.push({ file: fileName, line, column, severity, rule, message, path: formatPath(path) });
  };
  const addAtOffset = (severity: LintSeverity, rule: string, path: Path, message: string, offset: number) => {
    const { line, col } = pos(offset);
    problems.push({ file: fileName, line, column: col, severity, rule, message, path: formatPath(path) });
  };

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (e) {
    // Aliases are resolved only here: an alias to an anchor that is not (yet) set, or an alias
    // bomb. Report it at the offending alias.
    let offset = 0;
    visit(doc, {
      Alias(_, node) {
        if (node.resolve(doc) === undefined) {
          offset = node.range?.[0] ?? 0;
          return visit.BREAK;
        }
        return undefined;
      },
    });
    const { line, col } = pos(offset);
    problems.push({ file: fileName, line, column: col, severity: 'error', rule: 'yaml-syntax', message: (e as Error).message.split('\n')[0]!, path: '' });
    return { problems, template: null };
  }
  if (!isObject(raw)) {
    add('error', 'schema', [], 'a template is a YAML mapping with id, version, title, level, appliesTo and sections');
    return { problems, template: null };
  }

  // 1. Schema.
  const parsed = TemplateSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path as Array<string | number>;
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const hint = closest(key, KNOWN_FIELDS);
          add('error', 'schema', [...path, key], `unknown field "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}`, 'key');
        }
      } else if (issue.code === 'invalid_union' && (issue as { discriminator?: string }).discriminator) {
        const value = valueAt(raw, path);
        const options = ((issue as { options?: unknown[] }).options ?? []).join(', ');
        if (value === undefined) add('error', 'schema', path.slice(0, -1), `missing field "type" (one of ${options})`);
        else add('error', 'schema', path, `unknown item type "${String(value)}" (one of ${options})`);
      } else if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && path.length > 0 && valueAt(raw, path) === undefined) {
        add('error', 'schema', path.slice(0, -1), `missing field "${String(path[path.length - 1])}"`);
      } else {
        const field = path.length > 0 ? `${String(path.filter((p) => typeof p === 'string').at(-1) ?? '')}: ` : '';
        add('error', 'schema', path, `${field}${issue.message}`);
      }
    }
  }
  const template = parsed.success ? parsed.data : null;

  // 2. Salvage: every section and item that parses on its own takes part in the rest.
  interface Entry {
    item: Item | ColumnItem;
    path: Path;
    table?: { item: TableItem; path: Path };
    sectionIndex: number;
  }
  const entries: Entry[] = [];
  const sections: Array<{ id: string | undefined; path: Path; visibleIf?: string; itemEntries: Entry[] }> = [];
  /** Ids of items that exist but failed the schema: referencing them is not a broken reference. */
  const invalidIds = new Set<string>();
  const rawSections = Array.isArray(raw.sections) ? raw.sections : [];
  rawSections.forEach((rawSection: unknown, si: number) => {
    const spath: Path = ['sections', si];
    const section = { id: isObject(rawSection) && typeof rawSection.id === 'string' ? rawSection.id : undefined, path: spath, visibleIf: isObject(rawSection) && typeof rawSection.visibleIf === 'string' ? rawSection.visibleIf : undefined, itemEntries: [] as Entry[] };
    sections.push(section);
    const rawItems = isObject(rawSection) && Array.isArray(rawSection.items) ? rawSection.items : [];
    rawItems.forEach((rawItem: unknown, ii: number) => {
      const path: Path = [...spath, 'items', ii];
      let r = ItemSchema.safeParse(rawItem);
      if (!r.success && isObject(rawItem)) {
        // Already reported by the schema check; an item with only unknown fields is otherwise
        // sound, so check the rest of it too.
        const unknown = r.error.issues.flatMap((i) => (i.code === 'unrecognized_keys' && i.path.length === 0 ? i.keys : []));
        if (unknown.length > 0 && unknown.length === r.error.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys : ['*'])).length) {
          r = ItemSchema.safeParse(Object.fromEntries(Object.entries(rawItem).filter(([k]) => !unknown.includes(k))));
        }
      }
      if (r.success) {
        const entry: Entry = { item: r.data, path, sectionIndex: si };
        entries.push(entry);
        section.itemEntries.push(entry);
        if (r.data.type === 'table') {
          r.data.columns.forEach((col, ci) => entries.push({ item: col, path: [...path, 'columns', ci], table: { item: r.data as TableItem, path }, sectionIndex: si }));
        }
      } else if (isObject(rawItem)) {
        if (typeof rawItem.id === 'string') invalidIds.add(rawItem.id);
        // Columns of a broken table may still be fine.
        if (Array.isArray(rawItem.columns)) {
          rawItem.columns.forEach((rawCol: unknown) => {
            if (isObject(rawCol) && typeof rawCol.id === 'string') invalidIds.add(rawCol.id);
          });
        }
      }
    });
  });

  // 3. Unique ids.
  const firstLine = new Map<string, number>();
  for (const e of entries) {
    const seen = firstLine.get(e.item.id);
    if (seen !== undefined) add('error', 'duplicate-id', [...e.path, 'id'], `duplicate item id "${e.item.id}" (first used on line ${seen}); ids are unique in the whole template, table columns included`);
    else firstLine.set(e.item.id, locator.at([...e.path, 'id']).line);
  }
  const seenSections = new Map<string, number>();
  for (const s of sections) {
    if (!s.id) continue;
    const seen = seenSections.get(s.id);
    if (seen !== undefined) add('error', 'duplicate-id', [...s.path, 'id'], `duplicate section id "${s.id}" (first used on line ${seen})`);
    else seenSections.set(s.id, locator.at([...s.path, 'id']).line);
  }

  // 4. Per-item rules.
  for (const { item, path } of entries) {
    if (item.type === 'numeric') {
      if (item.min !== undefined && item.max !== undefined && item.min > item.max) add('error', 'limits', [...path, 'min'], `min (${item.min}) is greater than max (${item.max}): no reading can pass`);
      if (item.tolerance !== undefined && item.tolerance < 0) add('error', 'limits', [...path, 'tolerance'], `a tolerance cannot be negative (${item.tolerance})`);
      if (item.tolerancePct !== undefined && item.tolerancePct < 0) add('error', 'limits', [...path, 'tolerancePct'], `a tolerance cannot be negative (${item.tolerancePct} %)`);
      if (item.tolerance !== undefined && item.tolerancePct !== undefined) add('error', 'limits', [...path, 'tolerancePct'], 'give either tolerance or tolerancePct, not both');
      if ((item.tolerance !== undefined || item.tolerancePct !== undefined) && item.target === undefined) add('error', 'limits', [...path, item.tolerance !== undefined ? 'tolerance' : 'tolerancePct'], 'a tolerance needs a target');
      if (item.target !== undefined && (item.min !== undefined || item.max !== undefined)) add('error', 'limits', [...path, 'target'], 'give either min/max or target ± tolerance, not both');
      else if (item.target !== undefined && item.tolerance === undefined && item.tolerancePct === undefined) add('warning', 'limits', [...path, 'target'], 'a target without tolerance or tolerancePct is shown but never judged');
    }
    if (item.type === 'choice') {
      if (!item.options.some((o) => o.status === 'pass')) add('error', 'choice', [...path, 'options'], 'no option passes: this item can never pass', 'key');
      const seen = new Set<string>();
      item.options.forEach((o, oi) => {
        if (seen.has(o.value)) add('error', 'duplicate-id', [...path, 'options', oi, 'value'], `duplicate option value "${o.value}"`);
        seen.add(o.value);
      });
    }
    if (item.type === 'photo' || item.type === 'file') {
      if (item.minCount !== undefined && item.minCount < 0) add('error', 'count', [...path, 'minCount'], `minCount cannot be negative (${item.minCount})`);
      if (item.maxCount !== undefined && item.maxCount < 1) add('error', 'count', [...path, 'maxCount'], `maxCount must be at least 1 (${item.maxCount})`);
      else if (item.maxCount !== undefined && item.minCount !== undefined && item.maxCount < item.minCount) add('error', 'count', [...path, 'maxCount'], `maxCount (${item.maxCount}) is less than minCount (${item.minCount})`);
    }
    if (item.type === 'table') lintTable(item, path, add);
    if (item.onFail && !canFail(item)) add('warning', 'on-fail', [...path, 'onFail'], `onFail never fires: a ${item.type} item${item.type === 'numeric' ? ' without limits' : item.type === 'choice' ? ' with no failing option' : ''} cannot fail`, 'key');
  }

  // 5. Template-level rules.
  if (Array.isArray(raw.appliesTo)) {
    raw.appliesTo.forEach((a: unknown, ai: number) => {
      if (!isObject(a) || typeof a.kind !== 'string' || !Array.isArray(a.roles)) return;
      const valid = ROLES_OF_KIND[a.kind as keyof typeof ROLES_OF_KIND];
      a.roles.forEach((role: unknown, ri: number) => {
        if (typeof role !== 'string') return;
        if (!valid) add('error', 'applies-to', ['appliesTo', ai, 'roles', ri], `"${a.kind}" takes no roles`);
        else if (!valid.includes(role)) add('error', 'applies-to', ['appliesTo', ai, 'roles', ri], `unknown ${a.kind} role "${role}" (one of ${valid.join(', ')})`);
      });
    });
  }
  const prereq = isObject(raw.prerequisites) ? raw.prerequisites : null;
  if (prereq) {
    const ownLevel = LEVELS.indexOf(raw.level as (typeof LEVELS)[number]);
    if (Array.isArray(prereq.levels) && ownLevel >= 0) {
      prereq.levels.forEach((l: unknown, li: number) => {
        const i = LEVELS.indexOf(l as (typeof LEVELS)[number]);
        if (i >= ownLevel) add('error', 'prerequisites', ['prerequisites', 'levels', li], `an ${String(raw.level)} template cannot require ${String(l)}: levels run L1 → L5, each gated by the ones before`);
      });
    }
    if (Array.isArray(prereq.templates)) {
      prereq.templates.forEach((t: unknown, ti: number) => {
        if (t === raw.id) add('error', 'prerequisites', ['prerequisites', 'templates', ti], 'a template cannot require itself');
        else if (typeof t === 'string' && options.knownTemplateIds && !options.knownTemplateIds.has(t)) add('warning', 'prerequisites', ['prerequisites', 'templates', ti], `unknown template "${t}"`);
      });
    }
  }

  // 6. Expressions: syntax, references, types, never-true, and the dependency graph.
  const topLevel = new Map<string, Item>();
  const columnOwner = new Map<string, string>();
  for (const e of entries) {
    if (e.table) columnOwner.set(e.item.id, e.table.item.id);
    else if (!topLevel.has(e.item.id)) topLevel.set(e.item.id, e.item as Item);
  }
  const scopeFor = (table: TableItem | undefined): ExprScope => ({
    lookup(name: string): RefInfo | undefined {
      if (table) {
        const col = table.columns.find((c) => c.id === name);
        if (col) return expressionType(col);
      }
      const item = topLevel.get(name);
      if (item) return expressionType(item);
      const owner = columnOwner.get(name);
      if (owner !== undefined) return { error: `"${name}" is a column of table "${owner}": it can only be used inside that table's rows` };
      if (invalidIds.has(name)) return { type: { t: 'error' }, describe: name };
      return undefined;
    },
    names: () => [...topLevel.keys(), ...(table ? table.columns.map((c) => c.id) : [])],
  });

  /** Graph node ids: `i:<id>` for items and columns, `s:<index>` for sections. */
  const edges = new Map<string, Set<string>>();
  const edgeSites = new Map<string, Path>();
  const link = (from: string, to: string) => {
    let set = edges.get(from);
    if (!set) edges.set(from, (set = new Set()));
    set.add(to);
  };
  const nodeOfRef = (name: string, table: TableItem | undefined): string | null => {
    if (table && table.columns.some((c) => c.id === name)) return `c:${table.id}.${name}`;
    if (topLevel.has(name)) return `i:${name}`;
    return null;
  };

  const lintExpression = (source: string, path: Path, table: TableItem | undefined, node: string) => {
    let expr: Expr;
    const exprNode = locator.node(path);
    const offsetOf = (column: number) => expressionOffset(exprNode, text, column - 1);
    try {
      expr = parseExpression(source);
    } catch (e) {
      if (!(e instanceof ExprSyntaxError)) throw e;
      addAtOffset('error', 'expression-syntax', path, e.message, offsetOf(e.pos + 1));
      return;
    }
    const scope = scopeFor(table);
    const { type, problems: typeProblems } = checkTypes(expr, scope);
    for (const p of typeProblems) {
      const rule = /^unknown item|is a column of table/.test(p.message) ? 'unknown-reference' : 'type-error';
      addAtOffset(p.severity, rule, path, p.message, offsetOf(p.column));
    }
    if (typeProblems.length === 0 && type.t !== 'boolean' && type.t !== 'error') {
      addAtOffset('error', 'type-error', path, `a condition must be true or false, but this is ${type.t === 'string' ? 'a text' : type.t === 'number' ? 'a number' : type.t}`, offsetOf(1));
    }
    if (typeProblems.every((p) => p.severity !== 'error')) {
      const never = neverTrue(expr, scope);
      const field = String(path[path.length - 1]);
      if (never) {
        const consequence = field === 'visibleIf' ? 'it would never be shown' : 'it would never be required';
        addAtOffset('error', 'never-true', path, `this condition ${never.reason}: ${consequence}`, offsetOf(never.pos + 1));
      } else if (alwaysTrue(expr)) {
        addAtOffset('warning', 'always-true', path, `this condition is always true: remove ${field}`, offsetOf(1));
      }
    }
    for (const ref of references(expr)) {
      if (table && ref.name === table.id) {
        // A table's answer is made of its cells, so a column that depends on it depends on itself.
        addAtOffset('error', 'cycle', path, `a column of table "${table.id}" cannot depend on the table's own answer`, offsetOf(ref.pos + 1));
        continue;
      }
      const target = nodeOfRef(ref.name, table);
      if (target) {
        link(node, target);
        if (!edgeSites.has(`${node}>${target}`)) edgeSites.set(`${node}>${target}`, path);
      }
    }
  };

  sections.forEach((s, si) => {
    const node = `s:${si}`;
    if (s.visibleIf) lintExpression(s.visibleIf, [...s.path, 'visibleIf'], undefined, node);
    for (const e of s.itemEntries) link(`i:${e.item.id}`, node);
  });
  for (const e of entries) {
    const node = e.table ? `c:${e.table.item.id}.${e.item.id}` : `i:${e.item.id}`;
    if (e.table) link(node, `i:${e.table.item.id}`);
    for (const field of ['visibleIf', 'requiredIf'] as const) {
      const src = e.item[field];
      if (src) lintExpression(src, [...e.path, field], e.table?.item, node);
    }
  }

  // 7. Cycles: strongly connected components of the dependency graph.
  const label = (node: string) => (node.startsWith('s:') ? `section "${sections[Number(node.slice(2))]?.id ?? node.slice(2)}"` : node.slice(2));
  for (const cycle of findCycles(edges)) {
    // Report at the first expression on the cycle, in file order.
    const sites = cycle.map((n, i) => edgeSites.get(`${n}>${cycle[(i + 1) % cycle.length]}`)).filter((p): p is Path => p !== undefined);
    const site = sites.sort((a, b) => locator.at(a).line - locator.at(b).line)[0];
    if (!site) continue;
    const names = [...cycle, cycle[0]!].map(label);
    add('error', 'cycle', site, `conditions depend on each other in a loop: ${names.join(' → ')}`);
  }

  return { problems: sortProblems(problems), template };
}

function lintTable(item: TableItem, path: Path, add: (severity: LintSeverity, rule: string, path: Path, message: string, where?: 'value' | 'key') => void): void {
  if (item.rows && item.repeat) add('error', 'table', [...path, 'repeat'], 'a table has either fixed rows or repeat, not both', 'key');
  if (!item.rows && !item.repeat) add('error', 'table', path, `table "${item.id}" needs fixed rows or repeat`);
  if (item.repeat) {
    const { minRows, maxRows } = item.repeat;
    if (minRows !== undefined && minRows < 0) add('error', 'table', [...path, 'repeat', 'minRows'], `minRows cannot be negative (${minRows})`);
    if (maxRows !== undefined && maxRows < 1) add('error', 'table', [...path, 'repeat', 'maxRows'], `maxRows must be at least 1 (${maxRows})`);
    else if (minRows !== undefined && maxRows !== undefined && maxRows < minRows) add('error', 'table', [...path, 'repeat', 'maxRows'], `maxRows (${maxRows}) is less than minRows (${minRows})`);
  }
  const seen = new Set<string>();
  item.rows?.forEach((row, ri) => {
    if (seen.has(row.id)) add('error', 'duplicate-id', [...path, 'rows', ri, 'id'], `duplicate row id "${row.id}" in table "${item.id}"`);
    seen.add(row.id);
    for (const [colId, value] of Object.entries(row.values ?? {})) {
      const col = item.columns.find((c) => c.id === colId);
      const at: Path = [...path, 'rows', ri, 'values', colId];
      if (!col) {
        add('error', 'table', at, `table "${item.id}" has no column "${colId}"`, 'key');
        continue;
      }
      const ok =
        (col.type === 'numeric' && typeof value === 'number') ||
        (col.type === 'text' && typeof value === 'string') ||
        (col.type === 'choice' && typeof value === 'string' && col.options.some((o) => o.value === value));
      if (!ok) {
        const expected = col.type === 'numeric' ? 'a number' : col.type === 'text' ? 'a text' : col.type === 'choice' ? `one of its options (${col.options.map((o) => o.value).join(', ')})` : null;
        add('error', 'table', at, expected ? `column "${colId}" takes ${expected}` : `a ${col.type} column cannot have a fixed value`);
      }
    }
  });
}

/** Every elementary cycle's node list, one per strongly connected component (Tarjan). */
function findCycles(edges: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  const nodes = new Set<string>([...edges.keys(), ...[...edges.values()].flatMap((s) => [...s])]);
  const strong = (v: string) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      const selfLoop = component.length === 1 && (edges.get(v)?.has(v) ?? false);
      if (component.length > 1 || selfLoop) out.push(cyclePath(component, edges));
    }
  };
  for (const v of nodes) if (!index.has(v)) strong(v);
  return out;
}

/** One simple cycle through a strongly connected component, starting from its first item. */
function cyclePath(component: string[], edges: Map<string, Set<string>>): string[] {
  const members = new Set(component);
  const start = [...component].sort()[0]!;
  const prev = new Map<string, string>();
  const queue = [start];
  const seen = new Set([start]);
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of edges.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(prev.get(path[0]!)!);
        return path;
      }
      if (!seen.has(w)) {
        seen.add(w);
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return component;
}

/** Finds YAML nodes by template path, for line and column. */
class Locator {
  constructor(
    private readonly doc: Document,
    private readonly pos: (offset: number) => { line: number; col: number },
  ) {}

  /** The node at `path`, or the deepest node on the way when the rest is missing. */
  node(path: Path, where: 'value' | 'key' = 'value'): YamlNode | null {
    let node: unknown = this.doc.contents;
    let found: YamlNode | null = (node as YamlNode) ?? null;
    path.forEach((part, i) => {
      if (found !== node) return;
      let next: unknown;
      if (typeof part === 'number' && isSeq(node)) next = node.items[part];
      else if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(part));
        if (pair) next = where === 'key' && i === path.length - 1 ? pair.key : (pair.value ?? pair.key);
      }
      if (next && typeof next === 'object' && 'range' in (next as object)) {
        node = next;
        found = next as YamlNode;
      }
    });
    return found;
  }

  at(path: Path, where: 'value' | 'key' = 'value'): { line: number; column: number } {
    const offset = this.node(path, where)?.range?.[0] ?? 0;
    const { line, col } = this.pos(offset);
    return { line, column: col };
  }
}

/**
 * The source offset of character `index` of an expression written as a YAML scalar. Exact for
 * one-line plain and quoted scalars (the usual way to write a condition) and for literal block
 * scalars; otherwise the scalar's start.
 */
function expressionOffset(node: YamlNode | null, text: string, index: number): number {
  if (!node || !isScalar(node) || !node.range) return node?.range?.[0] ?? 0;
  const scalar = node as Scalar;
  const [start, end] = node.range;
  const source = text.slice(start, end);
  const value = String(scalar.value);
  switch (scalar.type) {
    case 'PLAIN':
      return source === value ? start + index : start;
    case 'QUOTE_SINGLE':
    case 'QUOTE_DOUBLE': {
      if (source.includes('\n')) return start;
      // Walk the source, stepping over escapes, until `index` characters of the value have passed.
      const quote = source[0];
      let i = 1;
      for (let k = 0; k < index && i < source.length - 1; k++) {
        if (quote === "'" && source[i] === "'" && source[i + 1] === "'") i += 2;
        else if (quote === '"' && source[i] === '\\') i += 2;
        else i++;
      }
      return start + i;
    }
    case 'BLOCK_LITERAL': {
      const before = value.slice(0, index);
      const lineNo = before.split('\n').length - 1;
      const colNo = before.length - (before.lastIndexOf('\n') + 1);
      const lines = source.split('\n');
      // lines[0] is the header ("|" or "|-"); content lines follow, indented.
      const contentLines = lines.slice(1);
      const indent = Math.min(...contentLines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
      let offset = start + lines[0]!.length + 1;
      for (let l = 0; l < lineNo; l++) offset += (contentLines[l]?.length ?? 0) + 1;
      return offset + (Number.isFinite(indent) ? indent : 0) + colNo;
    }
    default:
      return start;
  }
}

/**
 * Line and column (1-based) of an offset. Computed from the text itself rather than with yaml's
 * LineCounter, which only learns the line starts its lexer reports and so, inside a broken
 * flow collection, places later offsets on one very long line.
 */
function linePosition(text: string): (offset: number) => { line: number; col: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset: number) => {
    const at = Math.max(0, Math.min(offset, text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: at - starts[lo]! + 1 };
  };
}

function sortProblems(problems: TemplateProblem[]): TemplateProblem[] {
  return problems.sort((a, b) => a.line - b.line || a.column - b.column || a.message.localeCompare(b.message));
}

function isObject(v: unknown): v is Record<string, unknown> & { [k: string]: unknown } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function valueAt(root: unknown, path: Path): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

/**
 * Loads a template for use: the template when it has no lint errors (warnings are returned
 * alongside), otherwise every problem. The app and the CLI never run a template that fails lint.
 */
export function loadTemplate(text: string, fileName: string, options: LintOptions = {}): { ok: true; template: ChecklistTemplate; warnings: TemplateProblem[] } | { ok: false; problems: TemplateProblem[] } {
  const { problems, template } = lintTemplate(text, fileName, options);
  if (template && problems.every((p) => p.severity !== 'error')) return { ok: true, template, warnings: problems };
  return { ok: false, problems };
}
