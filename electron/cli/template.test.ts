import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILT_IN_TEMPLATE_DIR, builtInTemplateIds, runTemplateLint } from './template';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-template-lint-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function capture() {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { io: { out: (l: string) => stdout.push(l), err: (l: string) => stderr.push(l) }, stdout, stderr };
}

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

const CLEAN = `id: my-check
version: 3
title: My check
level: L3
appliesTo: [{kind: rack}]
prerequisites: {templates: [l2-equipment-delivery]}
sections:
  - id: main
    title: Main
    items:
      - {id: ok, type: check, label: OK}
`;

const BROKEN = `id: broken
version: 1
title: Broken
level: L3
appliesTo: [{kind: rack}]
sections:
  - id: main
    title: Main
    items:
      - {id: a, type: check, label: A, visibleIf: "b == 'pass'"}
      - {id: b, type: numeric, label: B, unit: V, min: 5, max: 1}
`;

describe('plenum template lint', () => {
  it('exits 0 and says so for clean templates (prerequisites may name built-ins)', () => {
    const c = capture();
    expect(runTemplateLint([write('ok.yaml', CLEAN)], { json: false }, c.io)).toBe(0);
    expect(c.stdout).toEqual(['1 template checked: no problems']);
    expect(c.stderr).toEqual([]);
  });

  it('prints file:line:col: severity: message for every problem and exits 1 on errors', () => {
    const file = write('broken.yaml', BROKEN);
    const c = capture();
    expect(runTemplateLint([file], { json: false }, c.io)).toBe(1);
    expect(c.stdout).toEqual([
      `${file}:10:52: error: "==" compares number with text [type-error]`,
      `${file}:11:56: error: min (5) is greater than max (1): no reading can pass [limits]`,
      '1 template checked: 2 errors, 0 warnings',
    ]);
  });

  it('exits 0 when there are only warnings', () => {
    const file = write('warn.yaml', CLEAN.replace('{id: ok, type: check, label: OK}', "{id: ok, type: text, label: OK, onFail: {raiseIssue: minor}}"));
    const c = capture();
    expect(runTemplateLint([file], { json: false }, c.io)).toBe(0);
    expect(c.stdout[0]).toMatch(/:11:\d+: warning: onFail never fires/);
  });

  it('exits 2 when a file cannot be read, still linting the others', () => {
    const c = capture();
    const missing = path.join(dir, 'missing.yaml');
    expect(runTemplateLint([write('broken.yaml', BROKEN), missing, dir], { json: false }, c.io)).toBe(2);
    expect(c.stderr).toEqual([`plenum: ${missing}: no such file`, `plenum: ${dir}: cannot read (is a folder, not a template file)`]);
    expect(c.stdout.at(-1)).toBe('1 template checked: 2 errors, 0 warnings');
  });

  it('writes JSON with every problem and a summary', () => {
    const c = capture();
    const file = write('broken.yaml', BROKEN);
    expect(runTemplateLint([file, write('ok.yaml', CLEAN)], { json: true }, c.io)).toBe(1);
    const report = JSON.parse(c.stdout.join('\n')) as { files: Array<{ file: string; problems: Array<{ line: number; column: number; rule: string }> }>; summary: unknown };
    expect(report.summary).toEqual({ files: 2, errors: 2, warnings: 0, unreadable: 0 });
    expect(report.files[0]!.file).toBe(file);
    expect(report.files[0]!.problems.map((p) => [p.line, p.column, p.rule])).toEqual([[10, 52, 'type-error'], [11, 56, 'limits']]);
    expect(report.files[1]!.problems).toEqual([]);
  });

  it('passes every built-in template', () => {
    const files = fs.readdirSync(BUILT_IN_TEMPLATE_DIR).map((f) => path.join(BUILT_IN_TEMPLATE_DIR, f));
    const c = capture();
    expect(runTemplateLint(files, { json: false }, c.io)).toBe(0);
    expect(c.stdout).toEqual([`${files.length} templates checked: no problems`]);
    expect(builtInTemplateIds()).toContain('l4-ups-functional');
  });
});
