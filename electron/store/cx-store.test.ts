import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditToCsv, auditToJson } from '../../core/cx/audit';
import { L2_YAML, actor } from '../../core/cx/test-site';
import type { AnswerResult, GenerateResult } from '../../core/commands/cx';
import { sequentialIds } from '../../core/model/ids';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import { PLENUM_APPLICATION_ID, ProjectStore } from './project-store';

/**
 * Commissioning through a real SQLite project file: commands, undo/redo, reopening, the audit log
 * (append-only, hash-chained, audited undo) and photo blobs.
 */
let dir: string;
const opened: ProjectStore[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-cx-'));
});

afterEach(() => {
  for (const s of opened.splice(0)) s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function open(f: string): ProjectStore {
  const s = ProjectStore.open(f, { newId: sequentialIds(1000) });
  opened.push(s);
  return s;
}

function site(): { f: string; store: ProjectStore; instanceId: string } {
  const f = path.join(dir, 'cx.plenum');
  ProjectStore.create(f, { name: 'Cx', newId: sequentialIds() }).close();
  const store = open(f);
  const roomId = store.execute<{ id: string }>('room.create', { name: 'Hall A', widthMm: 12_000, depthMm: 8_000 }).result.id;
  store.execute('row.create', { roomId, count: 3, xMm: 1000, yMm: 2000 });
  store.execute('template.publish', { yaml: L2_YAML, actor: actor() });
  const gen = store.execute<GenerateResult>('cx.generate', { templateId: 'test-l2', rule: { assetKind: 'rack', roomId }, actor: actor() }).result;
  return { f, store, instanceId: gen.created[0]! };
}

describe('commissioning in a project file', () => {
  it('records answers with their author, device and local time, survives reopening, and undoes generation in one step', () => {
    const { f, store, instanceId } = site();
    expect(store.count('cxInstances')).toBe(3);
    store.execute('cx.answer', { instanceId, itemId: 'voltage', value: 231.5, actor: actor('Ana', '2026-11-25T16:30:00-08:00') });
    store.close();
    const again = open(f);
    expect(again.get('cxAnswers', `${instanceId}/voltage`)).toEqual({
      id: `${instanceId}/voltage`, instanceId, itemId: 'voltage', value: 231.5, status: 'pass', author: 'Ana', deviceId: 'tablet-1', at: '2026-11-25T16:30:00-08:00',
    });
    expect(again.get('cxTemplates', 'test-l2@1')!.yaml).toBe(L2_YAML);
    again.undo(); // the answer
    again.undo(); // the generation: one step for all three checklists
    expect(again.count('cxInstances')).toBe(0);
    again.redo();
    expect(again.count('cxInstances')).toBe(3);
  });

  it('audits every change; undo and redo are audited too and never rewrite history', () => {
    const { f, store, instanceId } = site();
    expect(store.auditLog().total).toBe(0); // generation creates checklists, not answers
    const first = store.execute('cx.answer', { instanceId, itemId: 'voltage', value: 231, actor: actor('Ana') });
    store.execute('cx.answer', { instanceId, itemId: 'voltage', value: 232, actor: actor('Bob', '2026-11-25T11:00:00+01:00') });
    let log = store.auditLog();
    expect(log.entries.map((e) => [e.author, e.field, e.old, e.new])).toEqual([
      ['Ana', 'instanceId', null, JSON.stringify(instanceId)],
      ['Ana', 'itemId', null, '"voltage"'],
      ['Ana', 'status', null, '"pass"'],
      ['Ana', 'value', null, '231'],
      ['Bob', 'value', '231', '232'],
    ]);
    expect(log.entries[0]).toMatchObject({ opSeq: first.seq, command: 'cx.answer', entity: `cxAnswers:${instanceId}/voltage`, deviceId: 'tablet-1', at: '2026-11-25T10:00:00+01:00' });
    const before = log.entries.map((e) => e.hash);

    store.undo({ name: 'Bob', deviceId: 'laptop-2', at: '2026-11-25T11:05:00+01:00' });
    expect(store.get('cxAnswers', `${instanceId}/voltage`)!.value).toBe(231);
    log = store.auditLog();
    expect(log.total).toBe(6);
    expect(log.entries.slice(0, 5).map((e) => e.hash)).toEqual(before); // nothing rewritten
    expect(log.entries[5]).toMatchObject({ author: 'Bob', deviceId: 'laptop-2', command: 'undo:cx.answer', field: 'value', old: '232', new: '231', reason: expect.stringMatching(/^undo of step \d+$/) });
    store.redo();
    log = store.auditLog();
    // Without a named actor, the redo is attributed to whoever made the step.
    expect(log.entries[6]).toMatchObject({ author: 'Bob', command: 'redo:cx.answer', old: '231', new: '232', reason: expect.stringMatching(/^redo of step/) });
    expect(store.verifyAuditLog()).toEqual({ ok: true, entries: 7 });
    // The log lives in the file: it survives closing and reopening, unchanged.
    const hashes = store.auditEntries().map((e) => e.hash);
    store.close();
    const again = open(f);
    expect(again.auditEntries().map((e) => e.hash)).toEqual(hashes);
    expect(again.verifyAuditLog()).toEqual({ ok: true, entries: 7 });
  });

  it('requires a reason in a signed scope, invalidates the sign-off and logs the invalidation with the reason', () => {
    const { store, instanceId } = site();
    store.execute('cx.answer', { instanceId, itemId: 'damage_free', value: 'pass', actor: actor() });
    store.execute('cx.answer', { instanceId, itemId: 'voltage', value: 230, actor: actor() });
    const sig = store.execute<{ signOffId: string }>('cx.signoff', { instanceId, scope: 'main', name: 'Ana', role: 'CxA', actor: actor() }).result.signOffId;
    const total = store.auditLog().total;
    expect(() => store.execute('cx.answer', { instanceId, itemId: 'voltage', value: 229, actor: actor('Bob') })).toThrow(/give a reason to change it/);
    expect(store.auditLog().total).toBe(total); // a refusal writes nothing
    store.execute('cx.answer', { instanceId, itemId: 'voltage', value: 229, reason: 'Wrong meter range', actor: actor('Bob', '2026-11-26T08:00:00+01:00') });
    const sigLog = store.auditLog({ entity: `cxSignOffs:${sig}` }).entries;
    expect(sigLog.filter((e) => e.field.startsWith('invalidated')).map((e) => [e.field, e.new, e.author, e.reason])).toEqual([
      ['invalidatedAt', '"2026-11-26T08:00:00+01:00"', 'Bob', 'Wrong meter range'],
      ['invalidatedBy', '"Bob"', 'Bob', 'Wrong meter range'],
      ['invalidatedReason', '"Wrong meter range"', 'Bob', 'Wrong meter range'],
    ]);
    expect(store.get('cxSignOffs', sig)!.invalidatedBy).toBe('Bob');
    // Undo puts back exactly what was signed, so the signature holds again; the log keeps the
    // change, the invalidation and their undo.
    store.undo();
    expect(store.get('cxAnswers', `${instanceId}/voltage`)!.value).toBe(230);
    expect(store.get('cxSignOffs', sig)!.invalidatedAt).toBeUndefined();
    const undone = store.auditLog({ entity: `cxSignOffs:${sig}` }).entries.filter((e) => e.command === 'undo:cx.answer');
    expect(undone.map((e) => [e.field, e.old, e.new])).toEqual([
      ['invalidatedAt', '"2026-11-26T08:00:00+01:00"', null],
      ['invalidatedBy', '"Bob"', null],
      ['invalidatedReason', '"Wrong meter range"', null],
    ]);
    expect(undone[0]!.reason).toMatch(/^undo of step \d+$/);
  });

  it('raises the issue of a failed item in the same transaction, and its workflow is audited', () => {
    const { store, instanceId } = site();
    const r = store.execute<AnswerResult>('cx.answer', { instanceId, itemId: 'damage_free', value: 'fail', note: 'Dent', actor: actor() });
    const issueId = r.result.issueId!;
    expect(store.get('cxIssues', issueId)).toMatchObject({ status: 'open', severity: 'major', instanceId });
    store.undo();
    expect(store.get('cxIssues', issueId)).toBeUndefined();
    expect(store.get('cxAnswers', `${instanceId}/damage_free`)).toBeUndefined();
    store.redo();
    store.execute('cx.issue.update', { id: issueId, patch: { assignee: 'Carl' }, actor: actor() });
    store.execute('cx.issue.transition', { id: issueId, to: 'resolved', note: 'Door replaced', actor: actor('Carl') });
    const statuses = store.auditLog({ entity: `cxIssues:${issueId}` }).entries.filter((e) => e.field === 'status').map((e) => [e.command, e.old, e.new]);
    expect(statuses).toEqual([['cx.answer', null, '"open"'], ['undo:cx.answer', '"open"', null], ['redo:cx.answer', null, '"open"'], ['cx.issue.transition', '"open"', '"resolved"']]);
  });

  it('keeps the log append-only in SQLite itself and detects tampering through the hash chain', () => {
    const { f, store, instanceId } = site();
    store.execute('cx.answer', { instanceId, itemId: 'voltage', value: 231, actor: actor() });
    store.execute('cx.answer', { instanceId, itemId: 'voltage', value: 232, actor: actor() });
    store.close();
    const db = new Database(f);
    expect(() => db.prepare("UPDATE cx_audit SET new = '999' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM cx_audit').run()).toThrow(/append-only/);
    // Someone who drops the trigger to edit the file by hand is still caught.
    db.exec('DROP TRIGGER cx_audit_no_update');
    db.prepare("UPDATE cx_audit SET new = '999' WHERE field = 'value' AND new = '232'").run();
    db.close();
    const again = open(f);
    const v = again.verifyAuditLog();
    expect(v.ok).toBe(false);
    expect(!v.ok && v.message).toMatch(/was altered after it was recorded/);
  });

  it('pages the log and exports it as CSV and JSON', () => {
    const { store, instanceId } = site();
    for (let i = 0; i < 5; i++) store.execute('cx.answer', { instanceId, itemId: 'voltage', value: 225 + i, actor: actor() });
    const all = store.auditEntries();
    expect(all).toHaveLength(4 + 4);
    const page = store.auditLog({ offset: 2, limit: 3 });
    expect(page.total).toBe(8);
    expect(page.entries.map((e) => e.seq)).toEqual(all.slice(2, 5).map((e) => e.seq));
    expect(store.auditLog({ entityPrefix: `cxAnswers:${instanceId}/` }).total).toBe(8);
    expect(store.auditLog({ entityPrefix: 'cxIssues:' }).total).toBe(0);
    const csv = auditToCsv(all).trimEnd().split('\r\n');
    expect(csv).toHaveLength(9);
    expect(JSON.parse(auditToJson(all)).entries.at(-1)).toMatchObject({ field: 'value', old: 228, new: 229 });
  });

  it('stores photos by content hash, once, with the original only when asked, and refuses oversized ones', () => {
    const { store, instanceId } = site();
    const small = new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]);
    const id = store.putBlob({ mime: 'image/jpeg', data: small, width: 2, height: 1 });
    expect(id).toMatch(/^blob:[0-9a-f]{64}$/);
    expect(store.putBlob({ mime: 'image/jpeg', data: small, original: { mime: 'image/jpeg', data: new Uint8Array(10) } })).toBe(id);
    const blob = store.getBlob(id)!;
    expect([...blob.data]).toEqual([...small]);
    expect(blob).toMatchObject({ mime: 'image/jpeg', bytes: 6, width: 2, height: 1, original: null });
    const withOriginal = store.putBlob({ mime: 'image/png', data: new Uint8Array([9, 9]), original: { mime: 'image/heic', data: new Uint8Array([1, 2, 3]) } });
    expect(store.getBlob(withOriginal)).toMatchObject({ originalMime: 'image/heic' });
    expect(() => store.putBlob({ mime: 'image/jpeg', data: new Uint8Array(9 * 1024 * 1024) })).toThrow(/downscale it/);
    expect(() => store.putBlob({ mime: 'application/x-msdownload', data: small })).toThrow(/Unsupported/);
    // Referenced from a failed answer that demands a photo.
    store.execute('cx.answer', { instanceId, itemId: 'voltage', value: 200, photoIds: [id], actor: actor() });
    expect(store.get('cxAnswers', `${instanceId}/voltage`)!.photoIds).toEqual([id]);
  });

  it('migrates a schema-3 project (before commissioning) to the latest version, keeping its data', () => {
    const f = path.join(dir, 'v3.plenum');
    const db = new Database(f);
    db.pragma('journal_mode = WAL');
    db.pragma(`application_id = ${PLENUM_APPLICATION_ID}`);
    for (const m of MIGRATIONS.filter((x) => x.version <= 3)) db.exec(m.up);
    db.pragma('user_version = 3');
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('project', JSON.stringify({ name: 'Old' }));
    db.prepare("INSERT INTO rooms (id, name, widthMm, depthMm) VALUES ('room:1', 'Hall', 10000, 8000)").run();
    db.close();
    const store = open(f);
    expect(store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    expect(store.get('rooms', 'room:1')!.name).toBe('Hall');
    expect(store.count('cxInstances')).toBe(0);
    store.execute('template.publish', { yaml: L2_YAML, actor: actor() });
    expect(store.get('cxTemplates', 'test-l2@1')!.title).toBe('Test delivery');
  });
});
