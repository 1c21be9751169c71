/**
 * The condition language of checklist templates (`visibleIf`, `requiredIf`): a tokenizer, a
 * recursive-descent parser, a static type checker, an analysis of conditions that can never be
 * true, and an evaluator. It never uses `eval` or `Function`: the evaluator walks the syntax tree
 * and the only things it can read are the answers handed to it through `ExprEnv`, by item id.
 *
 * Grammar, lowest precedence first (docs/templates.md has the user's version):
 *
 *   or      := and ('or' and)*
 *   and     := not ('and' not)*
 *   not     := 'not' not | compare
 *   compare := sum (('==' | '!=' | '<' | '<=' | '>' | '>=') sum | 'in' list)?
 *   sum     := product (('+' | '-') product)*
 *   product := unary (('*' | '/') unary)*
 *   unary   := '-' unary | primary
 *   primary := NUMBER | STRING | 'true' | 'false' | 'null' | ID | ('answered' | 'status') '(' ID ')'
 *            | '(' or ')'
 *   list    := '[' (literal (',' literal)*)? ']'
 *
 * Comparisons do not chain (`a < b < c` is an error: it rarely means what it says).
 *
 * Null semantics (an unanswered item, or an item answered N/A, has the value null):
 *  - every comparison with null is false, `==` and `!=` included, and so is `null in [...]`;
 *    test for an answer with `answered(x)`;
 *  - arithmetic with null gives null, and so does division by zero;
 *  - `and`, `or` and `not` treat null as false.
 * So `not (x > 5)` is true while x is unanswered, whereas `x <= 5` is false.
 */

export type Value = number | string | boolean | null;
export type ItemStatus = 'pass' | 'fail' | 'na';
export const STATUSES: readonly ItemStatus[] = ['pass', 'fail', 'na'];

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithOp = '+' | '-' | '*' | '/';

/** A node of the syntax tree. `pos`/`end` are 0-based offsets into the source, end exclusive. */
export type Expr =
  | { k: 'num'; value: number; pos: number; end: number }
  | { k: 'str'; value: string; pos: number; end: number }
  | { k: 'bool'; value: boolean; pos: number; end: number }
  | { k: 'null'; pos: number; end: number }
  | { k: 'ref'; name: string; pos: number; end: number }
  | { k: 'call'; fn: 'answered' | 'status'; arg: Extract<Expr, { k: 'ref' }>; pos: number; end: number }
  | { k: 'not'; operand: Expr; pos: number; end: number }
  | { k: 'neg'; operand: Expr; pos: number; end: number }
  | { k: 'logic'; op: 'and' | 'or'; left: Expr; right: Expr; pos: number; end: number }
  | { k: 'compare'; op: CompareOp; left: Expr; right: Expr; pos: number; end: number }
  | { k: 'arith'; op: ArithOp; left: Expr; right: Expr; pos: number; end: number }
  | { k: 'in'; left: Expr; items: Expr[]; pos: number; end: number };
export type RefExpr = Extract<Expr, { k: 'ref' }>;

/** A problem in an expression. `column` is 1-based within the expression text. */
export interface ExprProblem {
  message: string;
  column: number;
  length: number;
  severity: 'error' | 'warning';
}

export class ExprSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: number,
    readonly length = 1,
  ) {
    super(message);
  }
}

/** Long or deeply nested expressions are refused: they are not what a checklist needs, and
 * bounding them keeps the recursive parser and evaluator safe from stack exhaustion. */
export const MAX_EXPRESSION_LENGTH = 1000;
const MAX_DEPTH = 64;

// ------------------------------------------------------------------ tokens

type Tok =
  | { t: 'num'; value: number; pos: number; end: number }
  | { t: 'str'; value: string; pos: number; end: number }
  | { t: 'id'; value: string; pos: number; end: number }
  | { t: 'op'; value: string; pos: number; end: number }
  | { t: 'eof'; value: ''; pos: number; end: number };

const OPS2 = ['==', '!=', '<=', '>='];
const OPS1 = ['<', '>', '+', '-', '*', '/', '(', ')', '[', ']', ','];

export function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i))!;
      i += m[0].length;
      if (/[A-Za-z_]/.test(src[i] ?? '')) throw new ExprSyntaxError(`invalid number "${src.slice(start, i + 1)}"`, start, i + 1 - start);
      toks.push({ t: 'num', value: Number(m[0]), pos: start, end: i });
      continue;
    }
    if (c === "'" || c === '"') {
      // Strings: single or double quotes; a quote is doubled to escape it ('it''s'). No other
      // escapes, so what you read is what is compared.
      let value = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new ExprSyntaxError('unterminated string', start, src.length - start);
        if (src[i] === c) {
          if (src[i + 1] === c) {
            value += c;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += src[i];
        i++;
      }
      toks.push({ t: 'str', value, pos: start, end: i });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      i += m[0].length;
      toks.push({ t: 'id', value: m[0], pos: start, end: i });
      continue;
    }
    const two = src.slice(i, i + 2);
    if (OPS2.includes(two)) {
      i += 2;
      toks.push({ t: 'op', value: two, pos: start, end: i });
      continue;
    }
    if (OPS1.includes(c)) {
      i++;
      toks.push({ t: 'op', value: c, pos: start, end: i });
      continue;
    }
    if (c === '=') throw new ExprSyntaxError('"=" is not an operator: use "==" to compare', start, 1);
    if (c === '&' || c === '|' || c === '!') {
      const word = c === '&' ? 'and' : c === '|' ? 'or' : 'not';
      throw new ExprSyntaxError(`unexpected "${src.slice(i, i + 2).trim()}": write "${word}"`, start, 1);
    }
    throw new ExprSyntaxError(`unexpected character "${c}"`, start, 1);
  }
  toks.push({ t: 'eof', value: '', pos: src.length, end: src.length });
  return toks;
}

// ------------------------------------------------------------------ parser

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'true', 'false', 'null']);
const FUNCTIONS = new Set(['answered', 'status']);
const COMPARE_OPS = new Set(['==', '!=', '<', '<=', '>', '>=']);

/** Parses an expression; throws `ExprSyntaxError` with the offset of the problem. */
export function parseExpression(src: string): Expr {
  if (src.length > MAX_EXPRESSION_LENGTH) throw new ExprSyntaxError(`the expression is longer than ${MAX_EXPRESSION_LENGTH} characters`, 0, src.length);
  const toks = tokenize(src);
  let p = 0;
  let depth = 0;
  const peek = () => toks[p]!;
  const next = () => toks[p++]!;
  const isWord = (tok: Tok, w: string) => tok.t === 'id' && tok.value === w;
  const isOp = (tok: Tok, o: string) => tok.t === 'op' && tok.value === o;
  const describe = (tok: Tok) => (tok.t === 'eof' ? 'the end of the expression' : `"${src.slice(tok.pos, tok.end)}"`);
  const fail = (tok: Tok, what: string): never => {
    throw new ExprSyntaxError(`expected ${what} but found ${describe(tok)}`, tok.pos, Math.max(1, tok.end - tok.pos));
  };
  const expectOp = (o: string, what = `"${o}"`) => {
    const tok = next();
    if (!isOp(tok, o)) fail(tok, what);
    return tok;
  };
  const enter = (tok: Tok) => {
    if (++depth > MAX_DEPTH) throw new ExprSyntaxError('the expression is nested too deeply', tok.pos, 1);
  };

  const orExpr = (): Expr => {
    let left = andExpr();
    while (isWord(peek(), 'or')) {
      next();
      const right = andExpr();
      left = { k: 'logic', op: 'or', left, right, pos: left.pos, end: right.end };
    }
    return left;
  };
  const andExpr = (): Expr => {
    let left = notExpr();
    while (isWord(peek(), 'and')) {
      next();
      const right = notExpr();
      left = { k: 'logic', op: 'and', left, right, pos: left.pos, end: right.end };
    }
    return left;
  };
  const notExpr = (): Expr => {
    const tok = peek();
    if (isWord(tok, 'not')) {
      next();
      enter(tok);
      const operand = notExpr();
      depth--;
      return { k: 'not', operand, pos: tok.pos, end: operand.end };
    }
    return compare();
  };
  const compare = (): Expr => {
    const left = sum();
    const tok = peek();
    if (tok.t === 'op' && COMPARE_OPS.has(tok.value)) {
      next();
      const right = sum();
      const node: Expr = { k: 'compare', op: tok.value as CompareOp, left, right, pos: left.pos, end: right.end };
      const after = peek();
      if (after.t === 'op' && COMPARE_OPS.has(after.value)) {
        throw new ExprSyntaxError('comparisons do not chain: write "a < b and b < c"', after.pos, after.end - after.pos);
      }
      return node;
    }
    if (isWord(tok, 'in')) {
      next();
      expectOp('[', '"[" to start a list');
      const items: Expr[] = [];
      if (!isOp(peek(), ']')) {
        for (;;) {
          items.push(literal());
          if (isOp(peek(), ',')) {
            next();
            continue;
          }
          break;
        }
      }
      const close = expectOp(']', '"," or "]"');
      return { k: 'in', left, items, pos: left.pos, end: close.end };
    }
    return left;
  };
  const sum = (): Expr => {
    let left = product();
    while (isOp(peek(), '+') || isOp(peek(), '-')) {
      const op = next().value as ArithOp;
      const right = product();
      left = { k: 'arith', op, left, right, pos: left.pos, end: right.end };
    }
    return left;
  };
  const product = (): Expr => {
    let left = unary();
    while (isOp(peek(), '*') || isOp(peek(), '/')) {
      const op = next().value as ArithOp;
      const right = unary();
      left = { k: 'arith', op, left, right, pos: left.pos, end: right.end };
    }
    return left;
  };
  const unary = (): Expr => {
    const tok = peek();
    if (isOp(tok, '-')) {
      next();
      enter(tok);
      const operand = unary();
      depth--;
      return { k: 'neg', operand, pos: tok.pos, end: operand.end };
    }
    return primary();
  };
  const literal = (): Expr => {
    const tok = next();
    if (tok.t === 'num') return { k: 'num', value: tok.value, pos: tok.pos, end: tok.end };
    if (tok.t === 'str') return { k: 'str', value: tok.value, pos: tok.pos, end: tok.end };
    if (isWord(tok, 'true') || isWord(tok, 'false')) return { k: 'bool', value: tok.value === 'true', pos: tok.pos, end: tok.end };
    if (isWord(tok, 'null')) return { k: 'null', pos: tok.pos, end: tok.end };
    if (isOp(tok, '-') && peek().t === 'num') {
      const num = next() as Extract<Tok, { t: 'num' }>;
      return { k: 'num', value: -num.value, pos: tok.pos, end: num.end };
    }
    return fail(tok, 'a number, a string, true, false or null');
  };
  const primary = (): Expr => {
    const tok = peek();
    if (tok.t === 'num' || tok.t === 'str') return literal();
    if (isOp(tok, '(')) {
      next();
      enter(tok);
      const inner = orExpr();
      depth--;
      const close = expectOp(')', '")"');
      // Keep the parenthesised span so that problems point at the whole group.
      return { ...inner, pos: tok.pos, end: close.end };
    }
    if (tok.t === 'id') {
      if (tok.value === 'true' || tok.value === 'false' || tok.value === 'null') return literal();
      if (FUNCTIONS.has(tok.value) && isOp(toks[p + 1]!, '(')) {
        next();
        next();
        const argTok = next();
        if (argTok.t !== 'id' || KEYWORDS.has(argTok.value) || FUNCTIONS.has(argTok.value)) return fail(argTok, `an item id inside ${tok.value}(…)`);
        const close = expectOp(')', '")"');
        return { k: 'call', fn: tok.value as 'answered' | 'status', arg: { k: 'ref', name: argTok.value, pos: argTok.pos, end: argTok.end }, pos: tok.pos, end: close.end };
      }
      if (KEYWORDS.has(tok.value)) return fail(tok, 'a value');
      if (FUNCTIONS.has(tok.value)) return fail(toks[p + 1]!, `"(" after ${tok.value}`);
      next();
      return { k: 'ref', name: tok.value, pos: tok.pos, end: tok.end };
    }
    return fail(tok, 'a value');
  };

  const expr = orExpr();
  const rest = peek();
  if (rest.t !== 'eof') fail(rest, isWord(rest, 'in') || rest.t === 'id' ? 'an operator such as "and", "or" or "=="' : 'an operator or the end of the expression');
  return expr;
}

/** Every item id an expression reads, with where. */
export function references(expr: Expr): RefExpr[] {
  const out: RefExpr[] = [];
  const walk = (e: Expr): void => {
    switch (e.k) {
      case 'ref':
        out.push(e);
        return;
      case 'call':
        out.push(e.arg);
        return;
      case 'not':
      case 'neg':
        walk(e.operand);
        return;
      case 'logic':
      case 'compare':
      case 'arith':
        walk(e.left);
        walk(e.right);
        return;
      case 'in':
        walk(e.left);
        e.items.forEach(walk);
        return;
      default:
        return;
    }
  };
  walk(expr);
  return out;
}

// ------------------------------------------------------------------ types

/**
 * Static types. `string` may carry its domain: the values it can take (a choice item's options,
 * the statuses of a check item), which lets the linter catch comparisons that can never hold.
 */
export type ExprType =
  | { t: 'number' }
  | { t: 'string'; domain?: readonly string[] }
  | { t: 'boolean' }
  | { t: 'null' }
  | { t: 'error' };

/** What an item id means in an expression: its type, or why it cannot be used there. */
export type RefInfo = { type: ExprType; describe: string } | { error: string; usableInCalls?: boolean; describe?: string };

export interface ExprScope {
  /** Returns undefined for an unknown id. */
  lookup(name: string): RefInfo | undefined;
  /** Ids to suggest for a misspelt one. */
  names?(): Iterable<string>;
}

export const STATUS_TYPE: ExprType = { t: 'string', domain: STATUSES };

const typeName = (t: ExprType): string => (t.t === 'string' && t.domain ? `text (one of ${t.domain.map((d) => `'${d}'`).join(', ')})` : t.t === 'string' ? 'text' : t.t === 'boolean' ? 'true/false' : t.t);

function suggestion(name: string, scope: ExprScope): string {
  const best = closest(name, scope.names ? scope.names() : []);
  return best !== null ? ` (did you mean "${best}"?)` : '';
}

/** The candidate closest to a misspelt name, if it is close enough to be what was meant. */
export function closest(name: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const n of candidates) {
    const d = editDistance(name, n);
    if (d < bestD) {
      bestD = d;
      best = n;
    }
  }
  return best !== null && bestD <= Math.max(2, Math.floor(name.length / 3)) ? best : null;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/**
 * Type-checks an expression against the items in scope and returns its type plus every
 * problem (unknown ids, type errors, never-matching option values). Never throws.
 */
export function checkTypes(expr: Expr, scope: ExprScope): { type: ExprType; problems: ExprProblem[] } {
  const problems: ExprProblem[] = [];
  const report = (node: { pos: number; end: number }, message: string, severity: 'error' | 'warning' = 'error') =>
    problems.push({ message, column: node.pos + 1, length: Math.max(1, node.end - node.pos), severity });
  const ERR: ExprType = { t: 'error' };

  const resolve = (ref: RefExpr, inCall: boolean): ExprType => {
    const info = scope.lookup(ref.name);
    if (!info) {
      report(ref, `unknown item "${ref.name}"${suggestion(ref.name, scope)}`);
      return ERR;
    }
    if ('error' in info) {
      if (inCall && info.usableInCalls) return ERR;
      report(ref, info.error);
      return ERR;
    }
    return info.type;
  };

  const visit = (e: Expr): ExprType => {
    switch (e.k) {
      case 'num':
        return { t: 'number' };
      case 'str':
        return { t: 'string' };
      case 'bool':
        return { t: 'boolean' };
      case 'null':
        return { t: 'null' };
      case 'ref':
        return resolve(e, false);
      case 'call':
        resolve(e.arg, true);
        return e.fn === 'answered' ? { t: 'boolean' } : STATUS_TYPE;
      case 'not': {
        const t = visit(e.operand);
        if (t.t !== 'boolean' && t.t !== 'error') report(e.operand, `"not" needs a true/false value, not ${typeName(t)}`);
        return { t: 'boolean' };
      }
      case 'neg': {
        const t = visit(e.operand);
        if (t.t !== 'number' && t.t !== 'error') report(e.operand, `"-" needs a number, not ${typeName(t)}`);
        return { t: 'number' };
      }
      case 'logic': {
        for (const side of [e.left, e.right]) {
          const t = visit(side);
          if (t.t !== 'boolean' && t.t !== 'error') {
            const hint = t.t === 'string' && t.domain === STATUSES ? ` (compare it: ${src(side)} == 'pass')` : '';
            report(side, `"${e.op}" needs true/false on both sides, not ${typeName(t)}${hint}`);
          }
        }
        return { t: 'boolean' };
      }
      case 'arith': {
        for (const side of [e.left, e.right]) {
          const t = visit(side);
          if (t.t !== 'number' && t.t !== 'error') report(side, `"${e.op}" needs numbers, not ${typeName(t)}`);
        }
        return { t: 'number' };
      }
      case 'compare': {
        const l = visit(e.left);
        const r = visit(e.right);
        if (l.t === 'error' || r.t === 'error') return { t: 'boolean' };
        if (l.t === 'null' || r.t === 'null') return { t: 'boolean' }; // never true: reported by the analysis
        if (e.op === '==' || e.op === '!=') {
          if (l.t !== r.t) report(e, `"${e.op}" compares ${typeName(l)} with ${typeName(r)}`);
        } else if (l.t !== r.t || (l.t !== 'number' && l.t !== 'string')) {
          report(e, `"${e.op}" needs two numbers (or two texts), not ${typeName(l)} and ${typeName(r)}`);
        } else if (l.t === 'string' && (l.domain || (r.t === 'string' && r.domain))) {
          report(e, `"${e.op}" orders options alphabetically, which is rarely meant: compare with "==" or "in"`, 'warning');
        }
        return { t: 'boolean' };
      }
      case 'in': {
        const l = visit(e.left);
        for (const item of e.items) {
          const t = visit(item);
          if (l.t === 'error' || l.t === 'null' || t.t === 'null') continue;
          if (t.t !== l.t) report(item, `the list holds ${typeName(t)} but is matched against ${typeName(l)}`);
        }
        if (l.t === 'boolean') report(e.left, '"in" needs a number or a text on its left');
        return { t: 'boolean' };
      }
    }
  };
  const src = (e: Expr) => (e.k === 'ref' ? e.name : e.k === 'call' ? `${e.fn}(${e.arg.name})` : 'it');
  const type = visit(expr);
  return { type, problems };
}

// ------------------------------------------------------------------ evaluation

/** The only window an expression has onto the world: answers, by item id. */
export interface ExprEnv {
  /** The value of an item for expressions, or null when unanswered or N/A. */
  value(name: string): Value;
  answered(name: string): boolean;
  status(name: string): ItemStatus | null;
}

const truthy = (v: Value) => v === true;

export function evaluate(expr: Expr, env: ExprEnv): Value {
  switch (expr.k) {
    case 'num':
    case 'str':
    case 'bool':
      return expr.value;
    case 'null':
      return null;
    case 'ref':
      return env.value(expr.name);
    case 'call':
      return expr.fn === 'answered' ? env.answered(expr.arg.name) : env.status(expr.arg.name);
    case 'not':
      return !truthy(evaluate(expr.operand, env));
    case 'neg': {
      const v = evaluate(expr.operand, env);
      return typeof v === 'number' ? -v : null;
    }
    case 'logic':
      if (expr.op === 'and') return truthy(evaluate(expr.left, env)) && truthy(evaluate(expr.right, env));
      return truthy(evaluate(expr.left, env)) || truthy(evaluate(expr.right, env));
    case 'arith': {
      const a = evaluate(expr.left, env);
      const b = evaluate(expr.right, env);
      if (typeof a !== 'number' || typeof b !== 'number') return null;
      switch (expr.op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return b === 0 ? null : a / b;
      }
      return null;
    }
    case 'compare':
      return compareValues(expr.op, evaluate(expr.left, env), evaluate(expr.right, env));
    case 'in': {
      const v = evaluate(expr.left, env);
      if (v === null) return false;
      return expr.items.some((item) => compareValues('==', v, evaluate(item, env)));
    }
  }
}

function compareValues(op: CompareOp, a: Value, b: Value): boolean {
  if (a === null || b === null) return false;
  if (typeof a !== typeof b) return op === '!=';
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

/** Evaluates a condition: anything but `true` (null included) counts as false. */
export function evaluateCondition(expr: Expr, env: ExprEnv): boolean {
  return evaluate(expr, env) === true;
}

// ------------------------------------------------------------------ never-true analysis

const EMPTY_ENV: ExprEnv = { value: () => null, answered: () => false, status: () => null };

const isConstant = (e: Expr) => references(e).length === 0;

/**
 * Explains why a condition can never be true, or returns null when it may be. Finds:
 * constants that fold to false; comparisons with null; a value compared with a choice item (or
 * a status) that it can never take; and contradictory constraints on the same item inside one
 * `and` (`x > 5 and x < 3`, `mode == 'a' and mode == 'b'`, `answered(x) and not answered(x)`).
 * It is sound, not complete: a null result does not prove the condition can be true.
 */
export function neverTrue(expr: Expr, scope: ExprScope): { reason: string; pos: number; end: number } | null {
  if (isConstant(expr)) {
    return evaluate(expr, EMPTY_ENV) === true ? null : { reason: 'is always false', pos: expr.pos, end: expr.end };
  }
  if (expr.k === 'logic' && expr.op === 'or') {
    const l = neverTrue(expr.left, scope);
    const r = neverTrue(expr.right, scope);
    return l && r ? { reason: `can never be true: ${l.reason}, and ${r.reason}`, pos: expr.pos, end: expr.end } : null;
  }
  const conjuncts: Expr[] = [];
  const flatten = (e: Expr) => {
    if (e.k === 'logic' && e.op === 'and') {
      flatten(e.left);
      flatten(e.right);
    } else conjuncts.push(e);
  };
  flatten(expr);
  for (const c of conjuncts) {
    if (c === expr) break;
    const n = neverTrue(c, scope);
    if (n) return n;
  }
  // Atoms on one key: `x` (a value), `status(x)`, `answered(x)`.
  interface Constraint {
    lo: number;
    loIn: boolean;
    hi: number;
    hiIn: boolean;
    allowed: Set<string> | null;
    excluded: Set<string>;
    answered: boolean | null;
    first: Expr;
  }
  const byKey = new Map<string, Constraint>();
  const get = (key: string, at: Expr) => {
    let c = byKey.get(key);
    if (!c) {
      c = { lo: -Infinity, loIn: false, hi: Infinity, hiIn: false, allowed: null, excluded: new Set(), answered: null, first: at };
      byKey.set(key, c);
    }
    return c;
  };
  const keyOf = (e: Expr): { key: string; type: ExprType | null; label: string } | null => {
    if (e.k === 'ref') {
      const info = scope.lookup(e.name);
      return { key: `v:${e.name}`, type: info && 'type' in info ? info.type : null, label: e.name };
    }
    if (e.k === 'call' && e.fn === 'status') return { key: `s:${e.arg.name}`, type: STATUS_TYPE, label: `status(${e.arg.name})` };
    return null;
  };
  const flip: Record<CompareOp, CompareOp> = { '==': '==', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
  const domainMiss = (label: string, type: ExprType | null, value: string) =>
    type?.t === 'string' && type.domain && !type.domain.includes(value)
      ? `'${value}' is not a possible value of ${label} (${type.domain.map((d) => `'${d}'`).join(', ')})`
      : null;

  for (const c of conjuncts) {
    const at = { pos: c.pos, end: c.end };
    if (c.k === 'compare') {
      if (c.left.k === 'null' || c.right.k === 'null') return { reason: 'compares with null, which is always false (use answered(…) to test for an answer)', ...at };
      let subject = keyOf(c.left);
      let lit: Expr = c.right;
      let op = c.op;
      if (!subject || !isConstant(lit)) {
        subject = keyOf(c.right);
        lit = c.left;
        op = flip[c.op];
      }
      if (!subject || !isConstant(lit)) continue;
      const v = evaluate(lit, EMPTY_ENV);
      const k = get(subject.key, c);
      if (typeof v === 'number') {
        if (op === '==' || op === '>=' || op === '>') {
          if (v > k.lo || (v === k.lo && op !== '>' && k.loIn)) {
            k.lo = v;
            k.loIn = op !== '>';
          } else if (v === k.lo && op === '>') k.loIn = false;
        }
        if (op === '==' || op === '<=' || op === '<') {
          if (v < k.hi || (v === k.hi && op !== '<' && k.hiIn)) {
            k.hi = v;
            k.hiIn = op !== '<';
          } else if (v === k.hi && op === '<') k.hiIn = false;
        }
        if (op === '!=') k.excluded.add(String(v));
        if (k.lo > k.hi || (k.lo === k.hi && (!k.loIn || !k.hiIn)) || (k.lo === k.hi && k.excluded.has(String(k.lo)))) {
          return { reason: `can never be true: the conditions on ${subject.label} contradict each other`, pos: k.first.pos, end: c.end };
        }
      } else if (typeof v === 'string') {
        if (op === '==') {
          const miss = domainMiss(subject.label, subject.type, v);
          if (miss) return { reason: `can never be true: ${miss}`, ...at };
          k.allowed = new Set(k.allowed ? [...k.allowed].filter((x) => x === v) : [v]);
        } else if (op === '!=') k.excluded.add(v);
        if (k.allowed && [...k.allowed].every((x) => k.excluded.has(x))) {
          return { reason: `can never be true: the conditions on ${subject.label} contradict each other`, pos: k.first.pos, end: c.end };
        }
      }
    } else if (c.k === 'in') {
      const subject = keyOf(c.left);
      if (!subject) continue;
      const values = c.items.map((i) => evaluate(i, EMPTY_ENV)).filter((v) => v !== null);
      if (values.length === 0) return { reason: 'can never be true: the list has no values', ...at };
      const strings = values.filter((v): v is string => typeof v === 'string');
      if (strings.length === values.length) {
        const possible = strings.filter((s) => !domainMiss(subject.label, subject.type, s));
        if (possible.length === 0) return { reason: `can never be true: ${domainMiss(subject.label, subject.type, strings[0]!)}`, ...at };
        const k = get(subject.key, c);
        k.allowed = new Set(k.allowed ? [...k.allowed].filter((x) => possible.includes(x)) : possible);
        if ([...k.allowed].every((x) => k.excluded.has(x))) {
          return { reason: `can never be true: the conditions on ${subject.label} contradict each other`, pos: k.first.pos, end: c.end };
        }
      }
    } else if (c.k === 'call' || (c.k === 'not' && c.operand.k === 'call' && c.operand.fn === 'answered')) {
      const call = c.k === 'call' ? c : (c.operand as Extract<Expr, { k: 'call' }>);
      if (call.fn !== 'answered') continue;
      const want = c.k === 'call';
      const k = get(`v:${call.arg.name}`, c);
      if (k.answered !== null && k.answered !== want) {
        return { reason: `can never be true: ${call.arg.name} cannot be both answered and unanswered`, pos: k.first.pos, end: c.end };
      }
      k.answered = want;
    }
  }
  // A comparison on an item's value implies it is answered.
  for (const [key, k] of byKey) {
    if (k.answered !== false || !key.startsWith('v:')) continue;
    if (k.lo !== -Infinity || k.hi !== Infinity || k.allowed) {
      return { reason: `can never be true: ${key.slice(2)} is compared with a value but also required to be unanswered`, pos: expr.pos, end: expr.end };
    }
  }
  return null;
}

/** A condition that is true whatever the answers (a constant), which is pointless. */
export function alwaysTrue(expr: Expr): boolean {
  return isConstant(expr) && evaluate(expr, EMPTY_ENV) === true;
}
