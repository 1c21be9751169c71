import { describe, expect, it } from 'vitest';
import type { AnswerValue } from './evaluate';
import { answersEnv, canFail, conditionHolds, itemStatus, NA, numericWithinLimits } from './evaluate';
import { evaluateCondition, parseExpression } from './expr';
import type { ChecklistTemplate, ColumnItem, Item } from './template';
import { ChecklistTemplate as TemplateSchema, Item as ItemSchema } from './template';

const item = (def: Record<string, unknown>): Item => ItemSchema.parse({ id: 'x', label: 'X', ...def });

describe('automatic pass/fail of numeric items', () => {
  const range = item({ type: 'numeric', unit: '%', min: -1, max: 1 });
  const target = item({ type: 'numeric', unit: 'V', target: 230, tolerance: 0.1 });
  const pct = item({ type: 'numeric', unit: 'V', target: 400, tolerancePct: 1 });

  it('passes inside min/max, limits included, and fails outside', () => {
    expect(itemStatus(range, -1)).toBe('pass');
    expect(itemStatus(range, 0.5)).toBe('pass');
    expect(itemStatus(range, 1)).toBe('pass');
    expect(itemStatus(range, 1.01)).toBe('fail');
    expect(itemStatus(range, -1.5)).toBe('fail');
  });

  it('passes within target ± tolerance, limits included, despite binary rounding', () => {
    expect(Math.abs(1.0 - 1.1) > 0.1).toBe(true); // the reason for the allowance
    expect(itemStatus(item({ type: 'numeric', unit: 'A', target: 1.1, tolerance: 0.1 }), 1.0)).toBe('pass');
    expect(itemStatus(target, 230.1)).toBe('pass');
    expect(itemStatus(target, 229.9)).toBe('pass');
    expect(itemStatus(target, 230.11)).toBe('fail');
    expect(itemStatus(target, 229.89)).toBe('fail');
  });

  it('takes a percentage tolerance of the target', () => {
    expect(itemStatus(pct, 404)).toBe('pass');
    expect(itemStatus(pct, 396)).toBe('pass');
    expect(itemStatus(pct, 404.5)).toBe('fail');
    expect(itemStatus(pct, 395.5)).toBe('fail');
  });

  it('records a reading without limits as a pass and cannot fail', () => {
    const free = item({ type: 'numeric', unit: 'kW' });
    expect(itemStatus(free, -3)).toBe('pass');
    expect(canFail(free)).toBe(false);
    expect(numericWithinLimits({ target: 5 }, 7)).toBe(null);
  });

  it('does not take non-numbers, NaN or N-A unless allowed', () => {
    expect(itemStatus(range, '0.5' as AnswerValue)).toBe(null);
    expect(itemStatus(range, Number.NaN)).toBe(null);
    expect(itemStatus(range, NA)).toBe(null);
    expect(itemStatus({ ...range, allowNA: true } as Item, NA)).toBe('na');
    expect(itemStatus(range, undefined)).toBe(null);
  });
});

describe('the status of the other item types', () => {
  it('check: the answer itself; N-A only where allowed', () => {
    const check = item({ type: 'check' });
    expect(itemStatus(check, 'pass')).toBe('pass');
    expect(itemStatus(check, 'fail')).toBe('fail');
    expect(itemStatus(check, 'na')).toBe(null);
    expect(itemStatus({ ...check, allowNA: true } as Item, 'na')).toBe('na');
    expect(itemStatus(check, 'maybe')).toBe(null);
  });

  it("choice: the chosen option's status", () => {
    const choice = item({ type: 'choice', options: [{ value: 'intact', status: 'pass' }, { value: 'triggered', status: 'fail' }, { value: 'none', status: 'na' }] });
    expect(itemStatus(choice, 'intact')).toBe('pass');
    expect(itemStatus(choice, 'triggered')).toBe('fail');
    expect(itemStatus(choice, 'none')).toBe('na');
    expect(itemStatus(choice, 'other')).toBe(null);
  });

  it('text, date/time and signature pass once answered; photos once minCount are attached', () => {
    expect(itemStatus(item({ type: 'text' }), 'SN-1')).toBe('pass');
    expect(itemStatus(item({ type: 'text' }), '  ')).toBe(null);
    expect(itemStatus(item({ type: 'datetime' }), '2026-11-25T17:00:00+01:00')).toBe('pass');
    expect(itemStatus(item({ type: 'datetime' }), 'yesterday')).toBe(null);
    expect(itemStatus(item({ type: 'signature' }), { name: 'A. Agent', signedAt: '2026-11-25T17:00:00Z' })).toBe('pass');
    expect(itemStatus(item({ type: 'signature' }), { name: '', signedAt: '2026-11-25T17:00:00Z' })).toBe(null);
    const photos = item({ type: 'photo', minCount: 2 });
    expect(itemStatus(photos, ['p1'])).toBe(null);
    expect(itemStatus(photos, ['p1', 'p2'])).toBe('pass');
    expect(itemStatus(item({ type: 'file', minCount: 0 }), [])).toBe(null);
  });
});

describe('tables', () => {
  const steps = item({
    type: 'table',
    rows: [
      { id: 'step_25', label: '25 %', values: { step_pct: 25 } },
      { id: 'step_50', label: '50 %', values: { step_pct: 50 } },
    ],
    columns: [
      { id: 'step_pct', type: 'numeric', unit: '%' },
      { id: 'voltage_dev_pct', type: 'numeric', unit: '%', min: -1, max: 1 },
      { id: 'thd_pct', type: 'numeric', unit: '%', max: 3, visibleIf: 'step_pct >= 50' },
      { id: 'note', type: 'text', required: false },
    ].map((c) => ({ label: c.id, ...c })),
  });
  const rows = (a: Record<string, AnswerValue>, b: Record<string, AnswerValue>) => [
    { rowId: 'step_25', cells: a },
    { rowId: 'step_50', cells: b },
  ];

  it('passes when every visible required cell passes; hidden and optional cells do not count', () => {
    expect(itemStatus(steps, rows({ voltage_dev_pct: 0.2 }, { voltage_dev_pct: -0.4, thd_pct: 1.2 }))).toBe('pass');
  });

  it('uses fixed row values in column conditions', () => {
    // thd_pct is visible only at 50 %: the 50 % row is incomplete without it.
    expect(itemStatus(steps, rows({ voltage_dev_pct: 0.2 }, { voltage_dev_pct: -0.4 }))).toBe(null);
  });

  it('fails when any cell fails, and is unanswered while a row is missing', () => {
    expect(itemStatus(steps, rows({ voltage_dev_pct: 1.5 }, { voltage_dev_pct: 0, thd_pct: 1 }))).toBe('fail');
    expect(itemStatus(steps, [{ rowId: 'step_25', cells: { voltage_dev_pct: 0 } }])).toBe(null);
  });

  it('needs minRows rows in a repeat group', () => {
    const circuits = item({ type: 'table', repeat: { minRows: 2 }, columns: [{ id: 'ok', label: 'OK', type: 'check' } satisfies Partial<ColumnItem>] });
    expect(itemStatus(circuits, [{ cells: { ok: 'pass' } }])).toBe(null);
    expect(itemStatus(circuits, [{ cells: { ok: 'pass' } }, { cells: { ok: 'pass' } }])).toBe('pass');
  });
});

describe('the expression environment of a checklist', () => {
  const template: ChecklistTemplate = TemplateSchema.parse({
    id: 't', version: 1, title: 'T', level: 'L4', appliesTo: [{ kind: 'rack' }],
    sections: [{ id: 's', title: 'S', items: [
      { id: 'mode', type: 'choice', label: 'Mode', options: [{ value: 'eco', status: 'pass' }, { value: 'online', status: 'pass' }] },
      { id: 'load', type: 'numeric', label: 'Load', unit: 'kW', min: 0, allowNA: true },
      { id: 'ok', type: 'check', label: 'OK', allowNA: true },
      { id: 'photos', type: 'photo', label: 'Photos' },
    ] }],
  });
  const cond = (src: string, answers: Record<string, AnswerValue>) => evaluateCondition(parseExpression(src), answersEnv(template, answers));

  it('gives each item type its documented value', () => {
    expect(cond("mode == 'eco' and load > 10 and ok == 'pass' and photos >= 1", { mode: 'eco', load: 12, ok: 'pass', photos: ['a'] })).toBe(true);
    expect(cond("ok == 'na'", { ok: 'na' })).toBe(true);
    expect(cond("status(ok) == 'na'", { ok: NA })).toBe(true);
  });

  it('makes N-A and unanswered items null', () => {
    expect(cond('load >= 0', { load: NA })).toBe(false);
    expect(cond('answered(load)', { load: NA })).toBe(true);
    expect(cond('answered(load)', {})).toBe(false);
    expect(cond("status(load) == 'na'", { load: NA })).toBe(true);
  });

  it('sees nothing but the answers to its own items', () => {
    const answers = { constructor: 'pass', load: 5 } as Record<string, AnswerValue>;
    expect(cond("constructor == 'pass'", answers)).toBe(false);
    expect(cond('answered(__proto__)', answers)).toBe(false);
    expect(cond('answered(toString)', {})).toBe(false);
  });
});

describe('conditionHolds', () => {
  const env = { value: () => 3, answered: () => true, status: () => null };
  it('evaluates a condition, and falls back to "shown and required" when it does not parse', () => {
    expect(conditionHolds('x > 2', env)).toBe(true);
    expect(conditionHolds('x > 4', env)).toBe(false);
    expect(conditionHolds('x >', env)).toBe(true);
    expect(conditionHolds('x >', env, false)).toBe(false);
  });
});
