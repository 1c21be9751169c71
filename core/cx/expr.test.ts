import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExprEnv, ExprScope, ExprType, Value } from './expr';
import { checkTypes, evaluate, evaluateCondition, ExprSyntaxError, neverTrue, parseExpression, references, STATUS_TYPE } from './expr';

/** An environment over plain values; statuses are given separately. */
function env(values: Record<string, Value>, statuses: Record<string, 'pass' | 'fail' | 'na'> = {}): ExprEnv {
  return {
    value: (n) => (Object.hasOwn(values, n) ? values[n]! : null),
    answered: (n) => Object.hasOwn(values, n) && values[n] !== null,
    status: (n) => (Object.hasOwn(statuses, n) ? statuses[n]! : null),
  };
}
const run = (src: string, values: Record<string, Value> = {}, statuses: Record<string, 'pass' | 'fail' | 'na'> = {}) => evaluate(parseExpression(src), env(values, statuses));

const TYPES: Record<string, ExprType> = {
  load_pct: { t: 'number' },
  ups_mode: { t: 'string', domain: ['double-conversion', 'eco'] },
  breaker_ok: STATUS_TYPE,
  serial: { t: 'string' },
  signed: { t: 'boolean' },
};
const scope: ExprScope = {
  lookup: (n) => (Object.hasOwn(TYPES, n) ? { type: TYPES[n]!, describe: n } : n === 'steps' ? { error: 'table "steps" has no single value', usableInCalls: true } : undefined),
  names: () => Object.keys(TYPES),
};
const typeProblems = (src: string) => checkTypes(parseExpression(src), scope).problems.map((p) => `${p.column}: ${p.message}`);
const syntaxError = (src: string) => {
  try {
    parseExpression(src);
  } catch (e) {
    if (e instanceof ExprSyntaxError) return { column: e.pos + 1, message: e.message };
    throw e;
  }
  throw new Error(`"${src}" parsed`);
};

describe('the condition language: precedence', () => {
  it('multiplies before adding and adds before comparing', () => {
    expect(run('1 + 2 * 3')).toBe(7);
    expect(run('(1 + 2) * 3')).toBe(9);
    expect(run('10 - 4 - 3')).toBe(3);
    expect(run('12 / 3 / 2')).toBe(2);
    expect(run('-2 * -3')).toBe(6);
    expect(run('1 + 2 * 3 == 7')).toBe(true);
  });

  it('binds "and" tighter than "or", and "not" tighter than both', () => {
    expect(run('true or false and false')).toBe(true);
    expect(run('(true or false) and false')).toBe(false);
    expect(run('not false and false')).toBe(false);
    expect(run('not (false and false)')).toBe(true);
    expect(run('not 1 > 2')).toBe(true);
  });

  it('reads items by id and matches lists with "in"', () => {
    expect(run("ups_mode == 'double-conversion' and load_pct >= 50", { ups_mode: 'double-conversion', load_pct: 50 })).toBe(true);
    expect(run("ups_mode == 'double-conversion' and load_pct >= 50", { ups_mode: 'double-conversion', load_pct: 49.9 })).toBe(false);
    expect(run("ups_mode in ['eco', 'bypass']", { ups_mode: 'eco' })).toBe(true);
    expect(run('load_pct in [25, 50, 75, 100]', { load_pct: 75 })).toBe(true);
    expect(run('load_pct in []', { load_pct: 75 })).toBe(false);
  });

  it('offers answered() and status()', () => {
    expect(run('answered(serial)', { serial: 'X1' })).toBe(true);
    expect(run('answered(serial)')).toBe(false);
    expect(run("status(breaker_ok) == 'fail'", {}, { breaker_ok: 'fail' })).toBe(true);
    expect(run('status(breaker_ok)')).toBe(null);
  });

  it("reads strings in either quote, with a doubled quote as the only escape", () => {
    expect(run(`'it''s' == "it's"`)).toBe(true);
    expect(references(parseExpression("a == 'b' and status(c) == 'pass' or answered(d)")).map((r) => r.name)).toEqual(['a', 'c', 'd']);
  });
});

describe('the condition language: null semantics', () => {
  it('makes every comparison with an unanswered item false, == and != included', () => {
    for (const op of ['==', '!=', '<', '<=', '>', '>=']) expect(run(`load_pct ${op} 50`)).toBe(false);
    expect(run('load_pct == null')).toBe(false);
    expect(run("ups_mode in ['eco']")).toBe(false);
  });

  it('propagates null through arithmetic, division by zero included', () => {
    expect(run('load_pct + 1')).toBe(null);
    expect(run('load_pct / 0', { load_pct: 10 })).toBe(null);
    expect(run('load_pct / 0 > 1', { load_pct: 10 })).toBe(false);
  });

  it('treats null as false in "and", "or" and "not"', () => {
    expect(run('signed or false')).toBe(false);
    expect(run('not signed')).toBe(true);
    expect(run('not (load_pct > 5)')).toBe(true);
    expect(evaluateCondition(parseExpression('signed'), env({}))).toBe(false);
  });
});

describe('the condition language: no way out of the answers', () => {
  const hostile = env({ load_pct: 1 });
  it.each(['constructor', '__proto__', 'process', 'globalThis', 'eval', 'prototype', 'toString', 'hasOwnProperty'])('"%s" is just an unknown item with the value null', (name) => {
    expect(evaluate(parseExpression(name), hostile)).toBe(null);
    expect(evaluate(parseExpression(`${name} == null`), hostile)).toBe(false);
    expect(typeProblems(name)).toEqual([`1: unknown item "${name}"`]);
  });

  it('has no property access, calls other than answered/status, or assignment', () => {
    expect(syntaxError('constructor.constructor').message).toMatch(/unexpected character "."/);
    expect(syntaxError("process('x')").message).toMatch(/expected an operator/);
    expect(syntaxError('x = 1').message).toMatch(/use "=="/);
    expect(syntaxError('answered(constructor.name)').column).toBe(21);
    expect(syntaxError('`x`').message).toMatch(/unexpected character/);
  });

  it('refuses deep nesting and long expressions instead of exhausting the stack', () => {
    expect(syntaxError('('.repeat(200) + '1' + ')'.repeat(200)).message).toMatch(/nested too deeply/);
    expect(syntaxError('not '.repeat(300) + 'true').message).toMatch(/longer than|nested too deeply/);
    expect(syntaxError('1 + '.repeat(400) + '1').message).toMatch(/longer than/);
  });
});

describe('the condition language: syntax errors carry a column', () => {
  it.each([
    ["load_pct >= 50 and", 19, /expected a value but found the end/],
    ["ups_mode == 'eco", 13, /unterminated string/],
    ['load_pct >> 5', 11, /expected a value but found ">"/],
    ['load_pct > 5 && x', 14, /write "and"/],
    ['1 < 2 < 3', 7, /do not chain/],
    ['(a == 1', 8, /expected "\)"/],
    ['a in [1, b]', 10, /expected a number, a string/],
    ['a b', 3, /expected an operator/],
    ['status(1)', 8, /an item id inside status/],
    ['12abc', 1, /invalid number/],
    ['a == 1 #', 8, /unexpected character "#"/],
  ])('%s → column %i', (src, column, message) => {
    const e = syntaxError(src);
    expect(e.column).toBe(column);
    expect(e.message).toMatch(message);
  });
});

describe('the condition language: static types', () => {
  it('accepts well-typed conditions', () => {
    expect(typeProblems("ups_mode == 'eco' and load_pct >= 50 and breaker_ok != 'fail' and signed")).toEqual([]);
    expect(typeProblems("answered(steps) and status(steps) == 'pass'")).toEqual([]);
    expect(checkTypes(parseExpression('load_pct * 2 > 1'), scope).type).toEqual({ t: 'boolean' });
  });

  it('reports type errors where they are', () => {
    expect(typeProblems("load_pct == 'high'")).toEqual(['1: "==" compares number with text']);
    expect(typeProblems('ups_mode > 3')).toEqual(['1: ">" needs two numbers (or two texts), not text (one of \'double-conversion\', \'eco\') and number']);
    expect(typeProblems("signed and breaker_ok")).toEqual([`12: "and" needs true/false on both sides, not text (one of 'pass', 'fail', 'na') (compare it: breaker_ok == 'pass')`]);
    expect(typeProblems('not load_pct')).toEqual(['5: "not" needs a true/false value, not number']);
    expect(typeProblems("serial + 1 > 2")).toEqual(['1: "+" needs numbers, not text']);
    expect(typeProblems("load_pct in ['a', 2]")).toEqual(['14: the list holds text but is matched against number']);
  });

  it('explains references it cannot resolve, with a suggestion', () => {
    expect(typeProblems('lod_pct > 5')).toEqual(['1: unknown item "lod_pct" (did you mean "load_pct"?)']);
    expect(typeProblems('steps > 5')).toEqual(['1: table "steps" has no single value']);
  });
});

describe('the condition language: conditions that can never be true', () => {
  const never = (src: string) => neverTrue(parseExpression(src), scope)?.reason ?? null;
  it('finds constant-false and null comparisons', () => {
    expect(never('1 > 2')).toBe('is always false');
    expect(never('false and load_pct > 1')).toBe('is always false');
    expect(never('load_pct == null')).toMatch(/compares with null/);
  });

  it('finds contradictory ranges and equalities on one item', () => {
    expect(never('load_pct > 5 and load_pct < 3')).toMatch(/contradict/);
    expect(never('load_pct >= 5 and load_pct <= 5')).toBe(null);
    expect(never('load_pct > 5 and load_pct <= 5')).toMatch(/contradict/);
    expect(never('load_pct == 5 and load_pct != 5')).toMatch(/contradict/);
    expect(never('3 > load_pct and load_pct > 5')).toMatch(/contradict/);
    expect(never("serial == 'a' and serial == 'b'")).toMatch(/contradict/);
    expect(never("ups_mode in ['eco'] and ups_mode != 'eco'")).toMatch(/contradict/);
    expect(never('answered(serial) and not answered(serial)')).toMatch(/both answered and unanswered/);
    expect(never('load_pct > 5 and not answered(load_pct)')).toMatch(/unanswered/);
  });

  it('finds values a choice or a status can never take', () => {
    expect(never("ups_mode == 'bypass'")).toMatch(/'bypass' is not a possible value of ups_mode/);
    expect(never("ups_mode in ['bypass', 'off']")).toMatch(/not a possible value/);
    expect(never("status(serial) == 'passed'")).toMatch(/'passed' is not a possible value of status\(serial\)/);
    expect(never("ups_mode in ['bypass', 'eco']")).toBe(null);
  });

  it('needs every branch of "or" to be impossible', () => {
    expect(never("ups_mode == 'bypass' or load_pct > 5")).toBe(null);
    expect(never("ups_mode == 'bypass' or 1 > 2")).toMatch(/can never be true/);
  });
});

describe('the condition language on arbitrary input', () => {
  const alphabet = fc.constantFrom(...'ab_ 019.()[],\'"=!<>+-*/'.split(''), ' and ', ' or ', ' not ', ' in ', 'answered(', 'status(', 'null', 'true', 'load_pct', 'ups_mode');
  it('either parses or throws a syntax error with a column inside the text, and typed expressions evaluate without throwing', () => {
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 30 }).map((parts) => parts.join('')), fc.oneof(fc.constant(null), fc.double({ noNaN: true }), fc.constantFrom('eco', 'double-conversion')), (src, answer) => {
        let expr;
        try {
          expr = parseExpression(src);
        } catch (e) {
          expect(e).toBeInstanceOf(ExprSyntaxError);
          const err = e as ExprSyntaxError;
          expect(err.pos).toBeGreaterThanOrEqual(0);
          expect(err.pos).toBeLessThanOrEqual(src.length);
          return;
        }
        checkTypes(expr, scope);
        neverTrue(expr, scope);
        const v = evaluate(expr, env({ load_pct: typeof answer === 'number' ? answer : null, ups_mode: typeof answer === 'string' ? answer : null }));
        expect(v === null || ['number', 'string', 'boolean'].includes(typeof v)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('never reports a satisfiable conjunction of ranges as impossible', () => {
    // Soundness of the range analysis: whenever some value satisfies the condition, neverTrue is null.
    const op = fc.constantFrom('==', '!=', '<', '<=', '>', '>=');
    const atom = fc.tuple(op, fc.integer({ min: -3, max: 3 })).map(([o, n]) => `load_pct ${o} ${n}`);
    fc.assert(
      fc.property(fc.array(atom, { minLength: 1, maxLength: 4 }), (atoms) => {
        const src = atoms.join(' and ');
        const expr = parseExpression(src);
        const satisfiable = [-4, -3.5, -3, -2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4].some((x) => evaluate(expr, env({ load_pct: x })) === true);
        if (satisfiable) expect(neverTrue(expr, scope)).toBeNull();
        else expect(neverTrue(expr, scope)).not.toBeNull();
      }),
      { numRuns: 1000 },
    );
  });
});
