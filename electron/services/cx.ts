/**
 * Commissioning API methods that are not document commands (core/api.ts `cx.*`): the built-in
 * templates to publish, the audit log (page, export, hash-chain check) and photo blobs.
 *
 * Filtering the log by checklist: an instance's entries are its answers (`cxAnswers:<id>/…`),
 * its sign-offs and its issues, whose ids do not carry the instance id; so the filter gathers
 * the entity keys from the document first and then keeps the matching entries.
 */
import fs from 'node:fs';
import path from 'node:path';
import { auditToCsv, auditToJson } from '../../core/cx/audit';
import type { AuditEntry } from '../../core/cx/audit';
import { loadTemplate } from '../../core/cx/lint';
import { PlenumError } from '../../core/model/errors';
import type { CxAuditQuery, CxAuditExport, CxBuiltinTemplate, CxFilePut, CxPhoto, CxPhotoPut } from '../../core/api';
import type { ProjectStore } from '../store/project-store';
import { assetsDir } from './assets';

/** The shipped templates (assets/templates/*.yaml), with their YAML text as published. */
export function builtinTemplates(dir = path.join(assetsDir(), 'templates')): CxBuiltinTemplate[] {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort();
  return files.map((file) => {
    const yaml = fs.readFileSync(path.join(dir, file), 'utf8');
    const loaded = loadTemplate(yaml, file);
    if (!loaded.ok) throw new PlenumError(`Built-in template ${file} does not load: ${loaded.problems[0]?.message ?? 'unknown problem'}`, 'corrupt');
    const t = loaded.template;
    return { file, templateId: t.id, version: t.version, title: t.title, level: t.level, appliesTo: t.appliesTo.map((a) => a.kind), yaml };
  });
}

/** The audit entity keys (`kind:id`) belonging to one checklist. */
function instanceFilter(store: ProjectStore, instanceId: string): (e: AuditEntry) => boolean {
  if (!store.get('cxInstances', instanceId)) throw new PlenumError(`Checklist ${instanceId} does not exist`, 'not-found', 'instanceId');
  const keys = new Set<string>();
  for (const s of store.list('cxSignOffs', { field: 'instanceId', value: instanceId })) keys.add(`cxSignOffs:${s.id}`);
  for (const i of store.list('cxIssues', { field: 'instanceId', value: instanceId })) keys.add(`cxIssues:${i.id}`);
  const prefix = `cxAnswers:${instanceId}/`;
  return (e) => e.entity.startsWith(prefix) || keys.has(e.entity);
}

function selectEntries(store: ProjectStore, q: { instanceId?: string | undefined; entity?: string | undefined }): AuditEntry[] {
  const all = store.auditEntries();
  if (q.instanceId) return all.filter(instanceFilter(store, q.instanceId));
  if (q.entity) return all.filter((e) => e.entity === q.entity);
  return all;
}

/** A page of the log; `newestFirst` for the viewer, which shows the latest changes on top. */
export function auditList(store: ProjectStore, q: CxAuditQuery): { total: number; entries: AuditEntry[] } {
  if (!q.instanceId && !q.newestFirst) {
    return store.auditLog({ offset: q.offset, limit: q.limit, ...(q.entity ? { entity: q.entity } : {}) });
  }
  const entries = selectEntries(store, q);
  if (q.newestFirst) entries.reverse();
  return { total: entries.length, entries: entries.slice(q.offset, q.offset + q.limit) };
}

export function auditExport(store: ProjectStore, q: { format: 'csv' | 'json'; instanceId?: string | undefined }): CxAuditExport {
  const entries = selectEntries(store, q);
  const base = path.basename(store.path).replace(/\.plenum$/i, '');
  const suffix = q.instanceId ? `-${q.instanceId.replace(/[^A-Za-z0-9_-]+/g, '_')}` : '';
  return q.format === 'csv'
    ? { format: 'csv', mime: 'text/csv', filename: `${base}-audit${suffix}.csv`, text: auditToCsv(entries), entries: entries.length }
    : { format: 'json', mime: 'application/json', filename: `${base}-audit${suffix}.json`, text: auditToJson(entries), entries: entries.length };
}

function decode(b64: string, field: string): Buffer {
  const data = Buffer.from(b64, 'base64');
  // Buffer.from ignores invalid characters; a round trip tells a real base64 text from noise.
  if (data.toString('base64').replace(/=+$/, '') !== b64.replace(/\s+/g, '').replace(/=+$/, '')) throw new PlenumError('The data is not valid base64', 'invalid', field);
  return data;
}

export function photoPut(store: ProjectStore, a: CxPhotoPut): { id: string } {
  const data = decode(a.dataBase64, 'dataBase64');
  const id = store.putBlob({
    mime: a.mime, data,
    ...(a.width !== undefined ? { width: a.width } : {}), ...(a.height !== undefined ? { height: a.height } : {}),
    ...(a.original ? { original: { mime: a.original.mime, data: decode(a.original.dataBase64, 'original.dataBase64') } } : {}),
  });
  return { id };
}

/** A file attached as it is (no downscaling): PDFs and text up to the original-size cap. */
export function filePut(store: ProjectStore, a: CxFilePut): { id: string } {
  return { id: store.putBlob({ mime: a.mime, data: decode(a.dataBase64, 'dataBase64') }) };
}

export function photoGet(store: ProjectStore, a: { id: string; original?: boolean | undefined }): CxPhoto {
  const blob = store.getBlob(a.id);
  if (!blob) throw new PlenumError(`Attachment ${a.id} is not in this project`, 'not-found', 'id');
  if (a.original && !blob.original) throw new PlenumError(`The original of ${a.id} was not kept`, 'not-found', 'original');
  const useOriginal = a.original === true && blob.original !== null;
  return {
    id: blob.id,
    mime: useOriginal ? blob.originalMime ?? blob.mime : blob.mime,
    dataBase64: (useOriginal ? blob.original! : blob.data).toString('base64'),
    width: blob.width, height: blob.height, bytes: blob.bytes,
    hasOriginal: blob.original !== null, createdAt: blob.createdAt,
  };
}
