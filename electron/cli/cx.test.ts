import { runPlenum } from './run-plenum';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { L2_YAML, L3_YAML, actor } from '../../core/cx/test-site';
import type { AnswerResult, GenerateResult } from '../../core/commands/cx';
import { sequentialIds } from '../../core/model/ids';
import { ProjectStore } from '../store/project-store';


let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-cx-cli-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The real `plenum` command in a child process, with this test's user data. */
const plenum = (...args: string[]) => runPlenum(path.join(dir, 'user-data'), args);

/** 3 racks with L2 (one complete and signed, one started with a failure), one L3 on the signed one. */
function project(): string {
  const f = path.join(dir, 'cx.plenum');
  const store = ProjectStore.create(f, { name: 'Cx', newId: sequentialIds() });
  try {
    const roomId = store.execute<{ id: string }>('room.create', { name: 'Hall A', widthMm: 12_000, depthMm: 8_000 }).result.id;
    store.execute('row.create', { roomId, count: 3, xMm: 1000, yMm: 2000 });
    store.execute('template.publish', { yaml: L2_YAML, actor: actor() });
    store.execute('template.publish', { yaml: L3_YAML, actor: actor() });
    const [a, b] = store.execute<GenerateResult>('cx.generate', { templateId: 'test-l2', rule: { assetKind: 'rack' }, actor: actor() }).result.created;
    for (const [itemId, value] of [['damage_free', 'pass'], ['voltage', 230], ['seal', 'na']] as const) store.execute('cx.answer', { instanceId: a, itemId, value, actor: actor() });
    store.execute('cx.signoff', { instanceId: a, scope: 'final', name: 'Ana', role: 'CxA', actor: actor() });
    const failed = store.execute<AnswerResult>('cx.answer', { instanceId: b, itemId: 'damage_free', value: 'fail', note: 'Dent', actor: actor() }).result;
    store.execute('cx.issue.update', { id: failed.issueId, patch: { dueDate: '2000-01-01' }, actor: actor() });
    store.execute('cx.issue.create', { title: 'Label missing', severity: 'minor', actor: actor() });
    const l3 = store.execute<GenerateResult>('cx.generate', { templateId: 'test-l3', rule: { assetKind: 'rack' }, actor: actor() }).result;
    expect(l3.created).toHaveLength(1);
  } finally {
    store.close();
  }
  return f;
}

const sha256 = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

describe('plenum cx status', () => {
  it('prints progress per level and open issues by severity, without touching the file', async () => {
    const f = project();
    const before = sha256(f);
    const r = await plenum('cx', 'status', f);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`${f}: 4 checklist(s) from 2 published template version(s)`);
    expect(lines[2]).toMatch(/^level\s+checklists\s+complete\s+signed\s+required\s+answered\s+progress\s+passed\s+failed\s+N-A$/);
    // L2: 3 checklists × 3 required (damage_free, voltage, seal); 3 + 1 answered.
    expect(lines[3]!.split(/\s+/)).toEqual(['L2', '3', '1', '1', '9', '4', '44', '%', '2', '1', '1']);
    expect(lines[4]!.split(/\s+/)).toEqual(['L3', '1', '0', '0', '1', '0', '0', '%', '0', '0', '0']);
    expect(lines[5]!.split(/\s+/)).toEqual(['all', '4', '1', '1', '10', '4', '40', '%', '2', '1', '1']);
    expect(r.stdout).toContain('Open issues: critical 0, major 1, minor 1, observation 0 (1 overdue)');
    expect(sha256(f)).toBe(before);
  });

  it('prints the same as JSON with --json', async () => {
    const f = project();
    const r = await plenum('cx', 'status', f, '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({
      checklists: 4, templates: 2,
      totals: { required: 10, requiredAnswered: 4, passed: 2, failed: 1, na: 1, complete: 1 },
      openIssues: { critical: 0, major: 1, minor: 1, observation: 0 }, overdueIssues: 1, orphans: [],
    });
    expect(json.levels.map((l: { level: string; signed: number }) => [l.level, l.signed])).toEqual([['L2', 1], ['L3', 0]]);
  });

  it('exits 2 with a usage line for a bad sub-command and a one-line error for a non-project', async () => {
    const bad = await plenum('cx', 'stats', 'x.plenum');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Usage: plenum cx status FILE [--json]');
    const notes = path.join(dir, 'notes.txt');
    fs.writeFileSync(notes, 'hello');
    const r = await plenum('cx', 'status', notes);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`plenum: ${notes}: not a Plenum project (it is not a SQLite database at all)`);
  });
});
