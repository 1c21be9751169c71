import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintTemplate, loadTemplate } from './lint';

/** A valid template around the given items (YAML, indented for `items:`). */
function template(items: string, extra = ''): string {
  return `id: test-template
version: 1
title: Test
level: L3
appliesTo:
  - kind: rack
${extra}sections:
  - id: main
    title: Main
    items:
      - id: mode
        type: choice
        label: Mode
        options:
          - {value: online, status: pass}
          - {value: eco, status: pass}
          - {value: off, status: fail}
      - id: load
        type: numeric
        label: Load
        unit: kW
        min: 0
${items}`;
}

/** 1-based line and column of the first occurrence of `needle` (column of its first character). */
function where(text: string, needle: string, offsetInNeedle = 0): { line: number; column: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" not in the text`);
  const before = text.slice(0, at + offsetInNeedle);
  return { line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') };
}

const lint = (text: string) => lintTemplate(text, 'test.yaml').problems;
const summary = (text: string) => lint(text).map((p) => `${p.line}:${p.column} ${p.severity} ${p.rule}: ${p.message}`);

describe('lintTemplate', () => {
  it('accepts a clean template', () => {
    const text = template(`      - id: check_ok
        type: check
        label: OK
        visibleIf: mode == 'online' and load >= 10
`);
    expect(lint(text)).toEqual([]);
    expect(lintTemplate(text, 'x.yaml').template?.sections[0]!.items).toHaveLength(3);
  });

  it('reports YAML syntax errors with their line and stops there', () => {
    const text = 'id: t\nversion: 1\nsections:\n  - id: a\n   bad: [unclosed\n';
    const problems = lint(text);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.rule === 'yaml-syntax' && p.severity === 'error')).toBe(true);
    expect(problems[0]!.line).toBeGreaterThanOrEqual(4);
  });

  it('reports duplicate YAML keys as syntax errors', () => {
    const problems = lint('id: a\nid: b\n');
    expect(problems).toEqual([expect.objectContaining({ rule: 'yaml-syntax', line: 2 })]);
  });

  it('reports an alias to an anchor that is not set, at the alias', () => {
    expect(lint('id: a\nversion: 1\ntitle: *nowhere\n')).toEqual([expect.objectContaining({ rule: 'yaml-syntax', line: 3, column: 8, message: expect.stringMatching(/Unresolved alias/) })]);
  });

  it('reports an empty file', () => {
    expect(lint('')).toEqual([expect.objectContaining({ rule: 'schema', line: 1, message: expect.stringMatching(/empty/) })]);
  });

  it('reports schema errors at the line of the offending field, every one of them', () => {
    const text = template(`      - id: bad_type
        type: chek
        label: Typo in type
      - id: no_label
        type: check
      - id: typo_key
        type: check
        label: Typo in key
        requierd: true
      - id: Bad-Id
        type: check
        label: Bad id
`).replace('level: L3', 'level: L9');
    const problems = lint(text);
    expect(problems.filter((p) => p.rule === 'schema').map((p) => [p.line, p.message])).toEqual([
      [where(text, 'level: L9').line, expect.stringMatching(/^level: Invalid option/)],
      [where(text, 'type: chek').line, expect.stringMatching(/unknown item type "chek"/)],
      [where(text, '- id: no_label').line, 'missing field "label"'],
      [where(text, 'requierd').line, 'unknown field "requierd" (did you mean "required"?)'],
      [where(text, 'Bad-Id').line, expect.stringMatching(/an item id is lowercase/)],
    ]);
    expect(problems.find((p) => p.message.includes('requierd'))!.column).toBe(9);
  });

  it('still checks the expressions of an item that only has a misspelt field', () => {
    const text = template(`      - id: x
        type: check
        label: X
        requierd: true
        visibleIf: lod > 3
`);
    expect(summary(text)).toEqual([
      `${where(text, 'requierd').line}:9 error schema: unknown field "requierd" (did you mean "required"?)`,
      `${where(text, 'lod').line}:${where(text, 'lod').column} error unknown-reference: unknown item "lod" (did you mean "load"?)`,
    ]);
  });

  it('reports duplicate item ids across sections and table columns, at the second one', () => {
    const text = template(`      - id: steps
        type: table
        label: Steps
        repeat: {minRows: 1}
        columns:
          - {id: load, type: numeric, label: Load, unit: kW}
  - id: second
    title: Second
    items:
      - id: mode
        type: text
        label: Mode again
`);
    const dup = lint(text).filter((p) => p.rule === 'duplicate-id');
    expect(dup.map((p) => [p.line, p.message])).toEqual([
      [where(text, '{id: load').line, expect.stringMatching(new RegExp(`duplicate item id "load" \\(first used on line ${where(text, '- id: load').line}\\)`))],
      [where(text, 'id: mode\n        type: text').line, expect.stringMatching(/duplicate item id "mode"/)],
    ]);
  });

  it('reports expression syntax errors at their exact column, for plain, quoted and block scalars', () => {
    const text = template(`      - id: a
        type: check
        label: A
        visibleIf: load >= 10 and
      - id: b
        type: check
        label: B
        visibleIf: "load > 5 && mode == 'eco'"
      - id: c
        type: check
        label: C
        requiredIf: |
          mode == 'eco' and
            load = 3
`);
    const problems = lint(text).filter((p) => p.rule === 'expression-syntax');
    const endOfA = where(text, 'load >= 10 and');
    expect(problems.map((p) => [p.line, p.column])).toEqual([
      [endOfA.line, endOfA.column + 'load >= 10 and'.length],
      [where(text, '&&').line, where(text, '&&').column],
      [where(text, 'load = 3').line, where(text, 'load = 3', 5).column],
    ]);
    expect(problems[2]!.message).toMatch(/use "=="/);
  });

  it('reports broken references: unknown ids, columns outside their table, tables used as values', () => {
    const text = template(`      - id: circuits
        type: table
        label: Circuits
        repeat: {minRows: 1}
        columns:
          - {id: breaker_a, type: numeric, label: Breaker, unit: A}
          - {id: circuit_ok, type: check, label: OK, visibleIf: breaker_a > 0 and load > 0}
      - id: after
        type: check
        label: After
        visibleIf: breaker_a > 16 or circuits > 1 or answered(circuits) or missing_item == 'x'
`);
    const problems = lint(text).filter((p) => p.rule === 'unknown-reference' || p.rule === 'type-error');
    const line = where(text, 'breaker_a > 16').line;
    expect(problems.map((p) => [p.line, p.column, p.rule, p.message])).toEqual([
      [line, where(text, 'breaker_a > 16').column, 'unknown-reference', '"breaker_a" is a column of table "circuits": it can only be used inside that table\'s rows'],
      [line, where(text, 'circuits > 1').column, 'type-error', 'table "circuits" has no single value: use answered(circuits) or status(circuits)'],
      [line, where(text, 'missing_item').column, 'unknown-reference', 'unknown item "missing_item"'],
    ]);
  });

  it('reports type errors, and conditions that are not true/false', () => {
    const text = template(`      - id: a
        type: check
        label: A
        visibleIf: load == 'high'
      - id: b
        type: check
        label: B
        visibleIf: load + 1
      - id: c
        type: check
        label: C
        visibleIf: a and load > 1
`);
    expect(lint(text).filter((p) => p.rule === 'type-error').map((p) => [p.line, p.column, p.message])).toEqual([
      [where(text, "load == 'high'").line, where(text, "load == 'high'").column, '"==" compares number with text'],
      [where(text, 'load + 1').line, where(text, 'load + 1').column, 'a condition must be true or false, but this is a number'],
      [where(text, 'a and load').line, where(text, 'a and load').column, expect.stringMatching(/"and" needs true\/false on both sides/)],
    ]);
  });

  it('reports conditions that can never be true, and warns about constant ones', () => {
    const text = template(`      - id: a
        type: check
        label: A
        visibleIf: load > 5 and load < 3
      - id: b
        type: check
        label: B
        visibleIf: mode == 'bypass'
      - id: c
        type: check
        label: C
        requiredIf: 1 > 2
      - id: d
        type: check
        label: D
        visibleIf: load == null
      - id: e
        type: check
        label: E
        visibleIf: 2 > 1
`);
    expect(summary(text).filter((s) => /never-true|always-true/.test(s))).toEqual([
      `${where(text, 'load > 5').line}:${where(text, 'load > 5').column} error never-true: this condition can never be true: the conditions on load contradict each other: it would never be shown`,
      `${where(text, "mode == 'bypass'").line}:${where(text, "mode == 'bypass'").column} error never-true: this condition can never be true: 'bypass' is not a possible value of mode ('online', 'eco', 'off'): it would never be shown`,
      `${where(text, '1 > 2').line}:${where(text, '1 > 2').column} error never-true: this condition is always false: it would never be required`,
      `${where(text, 'load == null').line}:${where(text, 'load == null').column} error never-true: this condition compares with null, which is always false (use answered(…) to test for an answer): it would never be shown`,
      `${where(text, '2 > 1').line}:${where(text, '2 > 1').column} warning always-true: this condition is always true: remove visibleIf`,
    ]);
  });

  it('reports cycles between visibleIf and requiredIf, self-references and section conditions', () => {
    const text = template(`      - id: a
        type: check
        label: A
        visibleIf: b == 'pass'
      - id: b
        type: check
        label: B
        requiredIf: a == 'pass'
      - id: self
        type: check
        label: Self
        visibleIf: not answered(self)
  - id: gated
    title: Gated
    visibleIf: inner == 'pass'
    items:
      - id: inner
        type: check
        label: Inner
`);
    expect(lint(text).filter((p) => p.rule === 'cycle').map((p) => [p.line, p.message])).toEqual([
      [where(text, "b == 'pass'").line, 'conditions depend on each other in a loop: a → b → a'],
      [where(text, 'not answered(self)').line, 'conditions depend on each other in a loop: self → self'],
      [where(text, "inner == 'pass'").line, 'conditions depend on each other in a loop: inner → section "gated" → inner'],
    ]);
  });

  it("reports a column whose condition reads its own table's answer", () => {
    const text = template(`      - id: steps
        type: table
        label: Steps
        repeat: {minRows: 1}
        columns:
          - {id: step_ok, type: check, label: OK, visibleIf: "status(steps) != 'fail'"}
`);
    expect(summary(text)).toEqual([`${where(text, 'steps) !=').line}:${where(text, 'steps) !=').column} error cycle: a column of table "steps" cannot depend on the table's own answer`]);
  });

  it('does not call a chain of dependencies a cycle', () => {
    const text = template(`      - id: a
        type: check
        label: A
        visibleIf: load > 1
      - id: b
        type: check
        label: B
        visibleIf: a == 'fail'
        requiredIf: answered(load)
`);
    expect(lint(text)).toEqual([]);
  });

  it('reports numeric limits that make no sense', () => {
    const text = template(`      - id: a
        type: numeric
        label: A
        unit: V
        min: 10
        max: 5
      - id: b
        type: numeric
        label: B
        unit: V
        target: 230
        tolerance: -1
      - id: c
        type: numeric
        label: C
        unit: V
        min: 1
        target: 2
        tolerancePct: 5
      - id: d
        type: numeric
        label: D
        unit: V
        tolerance: 2
      - id: e
        type: numeric
        label: E
        unit: V
        target: 2
`);
    expect(summary(text).filter((s) => s.includes(' limits: '))).toEqual([
      `${where(text, 'min: 10').line}:14 error limits: min (10) is greater than max (5): no reading can pass`,
      `${where(text, 'tolerance: -1').line}:20 error limits: a tolerance cannot be negative (-1)`,
      `${where(text, 'target: 2\n        tolerancePct').line}:17 error limits: give either min/max or target ± tolerance, not both`,
      `${where(text, 'tolerance: 2').line}:20 error limits: a tolerance needs a target`,
      `${where(text, 'label: E').line + 2}:17 warning limits: a target without tolerance or tolerancePct is shown but never judged`,
    ]);
  });

  it('reports choices with no passing option, duplicate options, and bad photo counts', () => {
    const text = template(`      - id: a
        type: choice
        label: A
        options:
          - {value: broken, status: fail}
          - {value: broken, status: na}
      - id: p
        type: photo
        label: P
        minCount: -1
      - id: f
        type: file
        label: F
        minCount: 3
        maxCount: 2
`);
    expect(lint(text).filter((p) => p.rule !== 'schema').map((p) => [p.line, p.rule, p.message])).toEqual([
      [where(text, 'options:\n          - {value: broken').line, 'choice', 'no option passes: this item can never pass'],
      [where(text, '{value: broken, status: na}').line, 'duplicate-id', 'duplicate option value "broken"'],
      [where(text, 'minCount: -1').line, 'count', 'minCount cannot be negative (-1)'],
      [where(text, 'maxCount: 2').line, 'count', 'maxCount (2) is less than minCount (3)'],
    ]);
  });

  it('reports tables with both or neither row kinds, and fixed values that do not fit', () => {
    const text = template(`      - id: t1
        type: table
        label: T1
        columns:
          - {id: c1, type: check, label: C1}
      - id: t2
        type: table
        label: T2
        repeat: {minRows: 3, maxRows: 2}
        rows:
          - {id: r1, label: R1, values: {c2: 'x', nope: 1}}
          - {id: r1, label: R1 again}
        columns:
          - {id: c2, type: numeric, label: C2, unit: V}
`);
    expect(lint(text).map((p) => [p.line, p.rule, p.message])).toEqual([
      [where(text, '- id: t1').line, 'table', 'table "t1" needs fixed rows or repeat'],
      [where(text, 'repeat: {minRows: 3').line, 'table', 'a table has either fixed rows or repeat, not both'],
      [where(text, 'maxRows: 2').line, 'table', 'maxRows (2) is less than minRows (3)'],
      [where(text, "c2: 'x'").line, 'table', 'column "c2" takes a number'],
      [where(text, 'nope: 1').line, 'table', 'table "t2" has no column "nope"'],
      [where(text, '{id: r1, label: R1 again').line, 'duplicate-id', 'duplicate row id "r1" in table "t2"'],
    ]);
  });

  it('warns about onFail on items that cannot fail', () => {
    const text = template(`      - id: serial
        type: text
        label: Serial
        onFail: {raiseIssue: major}
`);
    expect(summary(text)).toEqual([`${where(text, 'onFail').line}:9 warning on-fail: onFail never fires: a text item cannot fail`]);
  });

  it('checks roles per asset kind and prerequisites against the level', () => {
    const text = template('', `  - kind: device
    roles: [ups, toaster]
prerequisites:
  levels: [L2, L4]
  templates: [test-template, l9-unknown]
`);
    expect(lintTemplate(text, 't.yaml', { knownTemplateIds: new Set(['l3-rack-installation']) }).problems.map((p) => [p.line, p.severity, p.rule, p.message])).toEqual([
      [where(text, 'toaster').line, 'error', 'applies-to', expect.stringMatching(/^unknown device role "toaster"/)],
      [where(text, 'levels: [L2, L4]').line, 'error', 'prerequisites', 'an L3 template cannot require L4: levels run L1 → L5, each gated by the ones before'],
      [where(text, 'templates: [').line, 'error', 'prerequisites', 'a template cannot require itself'],
      [where(text, 'templates: [').line, 'warning', 'prerequisites', 'unknown template "l9-unknown"'],
    ]);
  });
});

describe('lintTemplate on arbitrary input', () => {
  const base = template(`      - id: a
        type: check
        label: A
        visibleIf: mode == 'online' and load >= 10
`);
  it('never throws and always gives a line and column inside the text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: base.length }), fc.integer({ min: 0, max: 20 }), fc.string({ maxLength: 12 }), (at, cut, insert) => {
        const text = base.slice(0, at) + insert + base.slice(Math.min(base.length, at + cut));
        const lines = text.split('\n');
        for (const p of lintTemplate(text, 'fuzz.yaml').problems) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.line).toBeLessThanOrEqual(lines.length);
          expect(p.column).toBeGreaterThanOrEqual(1);
          expect(p.column).toBeLessThanOrEqual((lines[p.line - 1]?.length ?? 0) + 1);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('loadTemplate', () => {
  it('gives the template when there is no error, with its warnings', () => {
    const r = loadTemplate(template(`      - {id: note, type: text, label: Note, onFail: {raiseIssue: minor}}
`), 't.yaml');
    expect(r.ok && r.template.id).toBe('test-template');
    expect(r.ok && r.warnings.map((w) => w.rule)).toEqual(['on-fail']);
  });

  it('refuses a template whose schema is fine but whose conditions are not', () => {
    const r = loadTemplate(template(`      - {id: a, type: check, label: A, visibleIf: "mode == 'bypass'"}
`), 't.yaml');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => p.rule)).toEqual(['never-true']);
  });
});
