import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiResponse, CxAuditExport, CxAuditVerify, CxBuiltinTemplate, CxPhoto } from '../../core/api';
import type { AuditEntry } from '../../core/cx/audit';
import { actor, L2_YAML } from '../../core/cx/test-site';
import { ProjectStore } from '../store/project-store';
import { AppServices } from './app-services';

let dir: string;
let services: AppServices;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-cx-api-'));
  services = new AppServices({ userDataDir: path.join(dir, 'user-data'), mode: 'browser', version: '9.9.9', platform: 'linux' });
});

afterEach(() => {
  services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function value<T>(res: ApiResponse<unknown>): T {
  if (!res.ok) throw new Error(`expected ok, got ${res.error.code}: ${res.error.message}`);
  return res.value as T;
}

/** A project with two racks and two L2 checklists, one of them answered. */
async function site(): Promise<{ instances: string[] }> {
  const f = path.join(dir, 'cx.plenum');
  const store = ProjectStore.create(f, { name: 'Cx' });
  const room = store.execute('room.create', { name: 'Hall', widthMm: 8000, depthMm: 8000 }).result as { id: string };
  store.close();
  value(await services.handle('project.open', { path: f }));
  const roomId = room.id;
  for (const x of [1000, 2000]) value(await services.handle('cmd.rack.create', { roomId, xMm: x, yMm: 2000 }));
  value(await services.handle('cmd.template.publish', { yaml: L2_YAML, actor: actor() }));
  const gen = value<{ result: { created: string[] } }>(await services.handle('cmd.cx.generate', { templateId: 'test-l2', rule: { assetKind: 'rack' }, actor: actor() }));
  const [a, b] = gen.result.created;
  value(await services.handle('cmd.cx.answer', { instanceId: a, itemId: 'damage_free', value: 'pass', actor: actor() }));
  value(await services.handle('cmd.cx.answer', { instanceId: a, itemId: 'damage_free', value: 'fail', note: 'dent', actor: actor('Ben') }));
  value(await services.handle('cmd.cx.answer', { instanceId: b, itemId: 'seal', value: 'pass', actor: actor() }));
  return { instances: gen.result.created };
}

describe('cx.templates.builtin', () => {
  it('lists every shipped template with its YAML, and each one publishes', async () => {
    const list = value<CxBuiltinTemplate[]>(await services.handle('cx.templates.builtin', {}));
    expect(list.length).toBeGreaterThanOrEqual(8);
    expect(list.find((t) => t.templateId === 'l3-rack-installation')).toMatchObject({ level: 'L3', version: 1, appliesTo: ['rack'] });
    await site();
    for (const t of list) value(await services.handle('cmd.template.publish', { yaml: t.yaml, actor: actor() }));
    const snap = value<{ cxTemplates: Record<string, unknown> }>(await services.handle('doc.snapshot', {}));
    expect(Object.keys(snap.cxTemplates)).toContain('l3-rack-installation@1');
  });
});

describe('cx.audit.*', () => {
  it('pages the project log, oldest or newest first', async () => {
    await site();
    const all = value<{ total: number; entries: AuditEntry[] }>(await services.handle('cx.audit.list', {}));
    expect(all.total).toBeGreaterThan(3);
    const page = value<{ total: number; entries: AuditEntry[] }>(await services.handle('cx.audit.list', { offset: 1, limit: 2 }));
    expect(page.total).toBe(all.total);
    expect(page.entries.map((e) => e.seq)).toEqual(all.entries.slice(1, 3).map((e) => e.seq));
    const newest = value<{ entries: AuditEntry[] }>(await services.handle('cx.audit.list', { newestFirst: true, limit: 1 }));
    expect(newest.entries[0]!.seq).toBe(all.entries.at(-1)!.seq);
  });

  it('filters by checklist (answers and the issue it raised) and by entity', async () => {
    const { instances } = await site();
    const [a, b] = instances as [string, string];
    const ofA = value<{ total: number; entries: AuditEntry[] }>(await services.handle('cx.audit.list', { instanceId: a, limit: 1000 }));
    expect(ofA.entries.some((e) => e.entity.startsWith('cxIssues:'))).toBe(true);
    expect(ofA.entries.every((e) => e.entity.startsWith(`cxAnswers:${a}/`) || e.entity.startsWith('cxIssues:'))).toBe(true);
    expect(ofA.entries.some((e) => e.author === 'Ben' && e.field === 'value' && e.old === '"pass"' && e.new === '"fail"')).toBe(true);
    const ofB = value<{ entries: AuditEntry[] }>(await services.handle('cx.audit.list', { instanceId: b, limit: 1000 }));
    expect(ofB.entries.every((e) => e.entity.startsWith(`cxAnswers:${b}/`))).toBe(true);
    const one = value<{ entries: AuditEntry[] }>(await services.handle('cx.audit.list', { entity: `cxAnswers:${b}/seal` }));
    expect(one.entries.length).toBeGreaterThan(0);
    expect(await services.handle('cx.audit.list', { instanceId: 'cxi_nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await services.handle('cx.audit.list', { limit: 0 })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'limit' } });
  });

  it('exports CSV and JSON, and verifies the hash chain', async () => {
    const { instances } = await site();
    const csv = value<CxAuditExport>(await services.handle('cx.audit.export', { format: 'csv' }));
    expect(csv.text.split('\r\n')[0]).toMatch(/^seq,at,recordedAt,author/);
    expect(csv.filename).toBe('cx-audit.csv');
    const json = value<CxAuditExport>(await services.handle('cx.audit.export', { format: 'json', instanceId: instances[1] }));
    const parsed = JSON.parse(json.text) as { entries: AuditEntry[] };
    expect(parsed.entries.length).toBe(json.entries);
    expect(parsed.entries.every((e) => e.entity.includes(instances[1]!))).toBe(true);
    expect(value<CxAuditVerify>(await services.handle('cx.audit.verify', {}))).toMatchObject({ ok: true });
    expect(await services.handle('cx.audit.export', { format: 'xml' })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'format' } });
  });

  it('reports a tampered log', async () => {
    await site();
    const file = services.currentStore!.path;
    services.close();
    // Edit an entry behind Plenum's back: the triggers forbid UPDATE, so drop them first as an attacker would.
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(file);
    const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'cx_audit'").all() as { name: string }[];
    for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
    db.prepare("UPDATE cx_audit SET author = 'Mallory' WHERE seq = 2").run();
    db.close();
    value(await services.handle('project.open', { path: file }));
    expect(value<CxAuditVerify>(await services.handle('cx.audit.verify', {}))).toMatchObject({ ok: false, brokenAt: 2 });
  });
});

describe('cx.photo.*', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

  it('stores a photo by content hash and returns it, with the original only when kept', async () => {
    await site();
    const put = value<{ id: string }>(await services.handle('cx.photo.put', { mime: 'image/png', dataBase64: png.toString('base64'), width: 1, height: 1 }));
    expect(put.id).toMatch(/^blob:[0-9a-f]{64}$/);
    const again = value<{ id: string }>(await services.handle('cx.photo.put', { mime: 'image/png', dataBase64: png.toString('base64') }));
    expect(again.id).toBe(put.id);
    const got = value<CxPhoto>(await services.handle('cx.photo.get', { id: put.id }));
    expect(Buffer.from(got.dataBase64, 'base64').equals(png)).toBe(true);
    expect(got).toMatchObject({ mime: 'image/png', width: 1, height: 1, hasOriginal: false });
    expect(await services.handle('cx.photo.get', { id: put.id, original: true })).toMatchObject({ ok: false, error: { code: 'not-found', field: 'original' } });

    const orig = Buffer.concat([png, Buffer.from('original')]);
    const small = Buffer.concat([png, Buffer.from('small')]);
    const withOrig = value<{ id: string }>(await services.handle('cx.photo.put', { mime: 'image/jpeg', dataBase64: small.toString('base64'), original: { mime: 'image/png', dataBase64: orig.toString('base64') } }));
    const o = value<CxPhoto>(await services.handle('cx.photo.get', { id: withOrig.id, original: true }));
    expect(o.mime).toBe('image/png');
    expect(Buffer.from(o.dataBase64, 'base64').equals(orig)).toBe(true);
  });

  it('keeps a document (a PDF start-up report) as it is, larger than a photo may be', async () => {
    await site();
    // 9 MB: over the downscaled-photo cap, under the document cap.
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(9 * 1024 * 1024, 0x20), Buffer.from('\n%%EOF\n')]);
    const put = value<{ id: string }>(await services.handle('cx.file.put', { mime: 'application/pdf', dataBase64: pdf.toString('base64') }));
    const got = value<CxPhoto>(await services.handle('cx.photo.get', { id: put.id }));
    expect(got.mime).toBe('application/pdf');
    expect(Buffer.from(got.dataBase64, 'base64').equals(pdf)).toBe(true);
    expect(await services.handle('cx.photo.put', { mime: 'image/png', dataBase64: pdf.toString('base64') })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'data' } });
    expect(await services.handle('cx.file.put', { mime: 'application/zip', dataBase64: 'AAAA' })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'mime' } });
  });

  it('refuses other types, bad base64 and unknown ids', async () => {
    await site();
    expect(await services.handle('cx.photo.put', { mime: 'image/gif', dataBase64: 'AAAA' })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'mime' } });
    expect(await services.handle('cx.photo.put', { mime: 'image/png', dataBase64: 'not base64!' })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'dataBase64' } });
    expect(await services.handle('cx.photo.get', { id: `blob:${'0'.repeat(64)}` })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await services.handle('cx.photo.get', { id: 'blob:xyz' })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'id' } });
  });
});
