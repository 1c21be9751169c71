/**
 * Commissioning commands (issue 5): publishing template versions, generating checklists by rule,
 * answering items, signing off, the issues log and its workflow, upgrading a checklist to a newer
 * template version, and the project's commissioning settings. Each is one undo step.
 *
 * Every command that records field work takes an `actor` — name, device id and the LOCAL time the
 * action was really taken (with its offset): walk mode works offline, so the time is the
 * device's, not the time the file happened to be written. The store copies the actor (and the
 * `reason`, when given) into the audit log next to each field change (electron/store/cx-store.ts).
 *
 * Signed scopes. An answer covered by a valid sign-off can change only with a `reason`; the change
 * then invalidates that sign-off (invalidatedAt/By/Reason), in the same step, so the audit log
 * records both. See docs/commissioning.md.
 */
import { z } from 'zod';
import type { Change, DocReader } from '../model/changes';
import { PlenumError } from '../model/errors';
import type { CxAnswer, CxInstance, CxIssue, CxSignOff, ProjectMeta } from '../model/schema';
import {
  BlobId, CX_ASSET_KINDS, CX_ISSUE_STATUSES, CX_SEVERITIES, CxAnswer as CxAnswerSchema, CxIssue as CxIssueSchema,
  CxSignature, CxSignOff as CxSignOffSchema, CxTemplate as CxTemplateSchema, CxInstance as CxInstanceSchema, Id, LocalTime,
} from '../model/schema';
import type { AnswerValue, TableRowAnswer } from '../cx/evaluate';
import { isNA, isRequired, isVisible, itemStatus, rowEnv } from '../cx/evaluate';
import type { ItemStatus } from '../cx/expr';
import type { GateInstance, GateReason } from '../cx/gating';
import { blockingSeveritiesOf, gateReasons, isValidSignOff } from '../cx/gating';
import { loadTemplate } from '../cx/lint';
import type { TemplatePlan } from '../cx/progress';
import { answersOf, instanceProgress, planEnv, templatePlan } from '../cx/progress';
import { parsePublished, publishedId, publishedTemplate, publishedVersions, templateOfInstance } from '../cx/published';
import type { AssetKind, ChecklistTemplate, ColumnItem, IssueSeverity, Item, TableItem } from '../cx/template';
import { ISSUE_SEVERITIES, sameItemDefinition } from '../cx/template';
import { defineCommand, validated } from './registry';

export const Actor = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(120),
  deviceId: z.string().trim().min(1, 'must not be empty').max(120),
  at: LocalTime,
});
export type Actor = z.infer<typeof Actor>;
const Reason = z.string().trim().max(1000).optional();

/** Project commissioning settings (`project.cx`): which severities block the next level, who verifies issues. */
export const CxSettings = z.looseObject({
  blockingSeverities: z.array(z.enum(CX_SEVERITIES)).optional(),
  /** The default owner of new issues: the person (or role) who verifies and closes them. */
  issueOwner: z.string().trim().min(1).max(120).optional(),
});
export type CxSettings = z.infer<typeof CxSettings>;

export function cxSettings(project: ProjectMeta): CxSettings {
  const parsed = CxSettings.safeParse((project as { cx?: unknown }).cx ?? {});
  return parsed.success ? parsed.data : {};
}

const samePerson = (a: string | undefined, b: string) => a !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

// ------------------------------------------------------------------ template.publish

export const publishTemplate = defineCommand({
  name: 'template.publish',
  labelKey: 'command.template.publish',
  args: z.strictObject({ yaml: z.string().min(1).max(2_000_000), actor: Actor }),
  plan(doc, args) {
    const known = new Set(doc.list('cxTemplates').map((t) => t.templateId));
    const loaded = loadTemplate(args.yaml, 'template.yaml', { knownTemplateIds: known });
    if (!loaded.ok) {
      const errors = loaded.problems.filter((p) => p.severity === 'error');
      throw new PlenumError(`The template has ${errors.length} error(s); line ${errors[0]?.line}: ${errors[0]?.message}`, 'invalid', 'yaml',
        errors.map((p) => ({ path: p.path, message: `line ${p.line}: ${p.message}` })));
    }
    const t = loaded.template;
    const id = publishedId(t.id, t.version);
    const existing = doc.get('cxTemplates', id);
    if (existing) {
      if (existing.yaml === args.yaml) return { changes: [], result: { id, unchanged: true } };
      throw new PlenumError(`${t.id} version ${t.version} is already published and frozen; publish the change as version ${publishedVersions(doc, t.id)[0]!.version + 1}`, 'conflict', 'yaml');
    }
    const latest = publishedVersions(doc, t.id)[0];
    if (latest && latest.version > t.version) {
      throw new PlenumError(`${t.id} is already published at version ${latest.version}; a new version must be higher`, 'conflict', 'yaml');
    }
    const row = validated(CxTemplateSchema, { id, templateId: t.id, version: t.version, title: t.title, level: t.level, yaml: args.yaml, publishedAt: args.actor.at, publishedBy: args.actor.name }, 'Template');
    return { changes: [{ op: 'put', kind: 'cxTemplates', entity: row }], result: { id, unchanged: false }, detail: `${t.id} v${t.version}` };
  },
});

// ------------------------------------------------------------------ gating

function instanceAnswers(doc: DocReader, instanceId: string): CxAnswer[] {
  return doc.list('cxAnswers', { field: 'instanceId', value: instanceId });
}

function gateInstance(doc: DocReader, inst: CxInstance): GateInstance {
  const t = publishedTemplate(doc, inst.templateId, inst.templateVersion);
  const progress = t ? instanceProgress(templatePlan(t), answersOf(instanceAnswers(doc, inst.id))) : { complete: false, missing: ['(template version not published)'] };
  return {
    instance: inst,
    progress,
    signOffs: doc.list('cxSignOffs', { field: 'instanceId', value: inst.id }),
    issues: doc.list('cxIssues', { field: 'instanceId', value: inst.id }),
  };
}

/** Why a checklist of `template` on this asset may not start (empty: it may). */
export function gateFor(doc: DocReader, template: ChecklistTemplate, assetKind: AssetKind, assetId: string, selfId?: string, others?: readonly CxInstance[]): GateReason[] {
  const onAsset = (others ?? doc.list('cxInstances', { field: 'assetId', value: assetId })).filter((i) => i.assetKind === assetKind && i.id !== selfId);
  return gateReasons({
    target: { level: template.level, templateId: template.id, prerequisites: template.prerequisites, ...(selfId ? { id: selfId } : {}) },
    others: onAsset.map((i) => gateInstance(doc, i)),
    blockingSeverities: blockingSeveritiesOf(doc.project() as { cx?: unknown }),
  });
}

function refuseGated(reasons: GateReason[], what: string): void {
  if (reasons.length === 0) return;
  throw new PlenumError(`${what} cannot start: ${reasons.map((r) => r.message).join('; ')}`, 'conflict', 'instanceId',
    reasons.map((r) => ({ path: 'instanceId' in r ? r.instanceId : '', message: r.message })));
}

// ------------------------------------------------------------------ cx.generate

const GenerateRule = z.strictObject({
  assetKind: z.enum(CX_ASSET_KINDS),
  /** Only assets in this room. */
  roomId: Id.optional(),
  /** Only the racks of this row. */
  rowId: Id.optional(),
  /** Only these assets (for `system`: the system names). */
  assetIds: z.array(z.string().min(1).max(200)).max(100_000).optional(),
  /** Only assets with these roles (device roles, floor equipment / power element kinds). */
  roles: z.array(z.string()).optional(),
});

interface Asset {
  id: string;
  roomId: string | null;
  role: string | null;
}

function matchAssets(doc: DocReader, rule: z.infer<typeof GenerateRule>): Asset[] {
  const only = rule.assetIds ? new Set(rule.assetIds) : null;
  let out: Asset[];
  switch (rule.assetKind) {
    case 'rack': {
      let racks;
      if (rule.rowId) {
        const row = doc.get('rows', rule.rowId);
        if (!row) throw new PlenumError(`Row ${rule.rowId} does not exist`, 'not-found', 'rule.rowId');
        racks = row.rackIds.map((id) => doc.get('racks', id)).filter((r) => r !== undefined);
      } else racks = rule.roomId ? doc.list('racks', { field: 'roomId', value: rule.roomId }) : doc.list('racks');
      out = racks.map((r) => ({ id: r.id, roomId: r.roomId, role: null }));
      break;
    }
    case 'device': {
      const racks = rule.rowId
        ? (doc.get('rows', rule.rowId)?.rackIds ?? []).map((id) => doc.get('racks', id)).filter((r) => r !== undefined)
        : rule.roomId ? doc.list('racks', { field: 'roomId', value: rule.roomId }) : doc.list('racks');
      const roomOf = new Map(racks.map((r) => [r.id, r.roomId]));
      const types = new Map(doc.list('deviceTypes').map((t) => [t.id, t]));
      const devices = rule.roomId || rule.rowId ? racks.flatMap((r) => doc.list('devices', { field: 'rackId', value: r.id })) : doc.list('devices');
      out = devices.map((d) => ({ id: d.id, roomId: roomOf.get(d.rackId) ?? doc.get('racks', d.rackId)?.roomId ?? null, role: types.get(d.typeId)?.role ?? null }));
      break;
    }
    case 'floorEquipment':
      out = (rule.roomId ? doc.list('floorEquipment', { field: 'roomId', value: rule.roomId }) : doc.list('floorEquipment')).map((f) => ({ id: f.id, roomId: f.roomId, role: f.kind }));
      break;
    case 'powerElement':
      out = doc.list('powerElements').filter((p) => !rule.roomId || p.roomId === rule.roomId).map((p) => ({ id: p.id, roomId: p.roomId ?? null, role: p.kind }));
      break;
    case 'room':
      out = doc.list('rooms').filter((r) => !rule.roomId || r.id === rule.roomId).map((r) => ({ id: r.id, roomId: r.id, role: null }));
      break;
    case 'row':
      out = (rule.roomId ? doc.list('rows', { field: 'roomId', value: rule.roomId }) : doc.list('rows')).map((r) => ({ id: r.id, roomId: r.roomId, role: null }));
      break;
    case 'system':
      if (!only) throw new PlenumError('A system checklist needs the system names in rule.assetIds (e.g. ["electrical"])', 'invalid', 'rule.assetIds');
      out = [...only].map((name) => ({ id: name, roomId: rule.roomId ?? null, role: name }));
      break;
  }
  if (only) out = out.filter((a) => only.has(a.id));
  if (rule.roles) {
    const roles = new Set(rule.roles);
    out = out.filter((a) => a.role !== null && roles.has(a.role));
  }
  return out;
}

export interface GenerateResult {
  templateRef: string;
  matched: number;
  created: string[];
  /** Assets that already had a checklist of this template (kept as they are). */
  kept: number;
  /** Assets refused by level gating, with the reasons (none when `allowGated`). */
  blocked: Array<{ assetId: string; reasons: GateReason[] }>;
}

export const generateChecklists = defineCommand({
  name: 'cx.generate',
  labelKey: 'command.cx.generate',
  args: z.strictObject({
    templateId: z.string().min(1).max(100),
    /** Default: the latest published version. */
    version: z.number().int().min(1).optional(),
    rule: GenerateRule,
    /** The system the checklists count towards in roll-ups. */
    system: z.string().trim().min(1).max(60).optional(),
    /**
     * Create checklists even where level gating blocks them (planning ahead); answering them is
     * still refused until the gate opens.
     */
    allowGated: z.boolean().optional(),
    actor: Actor,
  }),
  plan(doc, args, ctx) {
    const versions = publishedVersions(doc, args.templateId);
    const row = args.version === undefined ? versions[0] : versions.find((v) => v.version === args.version);
    if (!row) throw new PlenumError(`${args.templateId}${args.version ? ` version ${args.version}` : ''} is not published in this project`, 'not-found', 'templateId');
    const template = parsePublished(row);
    const applies = template.appliesTo.find((a) => a.kind === args.rule.assetKind);
    if (!applies) throw new PlenumError(`${template.id} applies to ${template.appliesTo.map((a) => a.kind).join(', ')}, not to ${args.rule.assetKind}`, 'invalid', 'rule.assetKind');
    let assets = matchAssets(doc, args.rule);
    if (applies.roles) {
      const roles = new Set(applies.roles);
      assets = assets.filter((a) => a.role !== null && roles.has(a.role));
    }
    // One scan of the checklists instead of one query per asset: 5,000 racks stay fast.
    const byAsset = new Map<string, CxInstance[]>();
    for (const inst of doc.list('cxInstances')) {
      if (inst.assetKind !== args.rule.assetKind) continue;
      const list = byAsset.get(inst.assetId);
      if (list) list.push(inst);
      else byAsset.set(inst.assetId, [inst]);
    }
    const needsGate = (template.prerequisites?.levels?.length ?? 0) > 0 || (template.prerequisites?.templates?.length ?? 0) > 0;
    const changes: Change[] = [];
    const result: GenerateResult = { templateRef: row.id, matched: assets.length, created: [], kept: 0, blocked: [] };
    for (const asset of assets) {
      const others = byAsset.get(asset.id) ?? [];
      if (others.some((i) => i.templateId === template.id)) {
        result.kept++;
        continue;
      }
      if (!args.allowGated && (needsGate || others.length > 0)) {
        const reasons = gateFor(doc, template, args.rule.assetKind, asset.id, undefined, others);
        if (reasons.length > 0) {
          result.blocked.push({ assetId: asset.id, reasons });
          continue;
        }
      }
      const entity: CxInstance = {
        id: ctx.newId('cxi'), templateId: template.id, templateVersion: row.version, level: template.level,
        assetKind: args.rule.assetKind, assetId: asset.id, ...(asset.roomId ? { roomId: asset.roomId } : {}),
        ...(args.system ? { system: args.system } : {}), createdBy: args.actor.name, createdAt: args.actor.at,
      };
      changes.push({ op: 'put', kind: 'cxInstances', entity });
      result.created.push(entity.id);
    }
    // Validate one representative: every instance is built the same way from checked parts.
    if (changes[0]) validated(CxInstanceSchema, (changes[0] as { entity: unknown }).entity, 'Checklist');
    return { changes, result, detail: `${template.id} × ${result.created.length}` };
  },
});

// ------------------------------------------------------------------ cx.answer

export const answerId = (instanceId: string, itemId: string, rowKey?: string | null) => `${instanceId}/${itemId}${rowKey ? `/${rowKey}` : ''}`;

function mustInstance(doc: DocReader, id: string): CxInstance {
  const inst = doc.get('cxInstances', id);
  if (!inst) throw new PlenumError(`Checklist ${id} does not exist`, 'not-found', 'instanceId');
  return inst;
}

/** Why `value` is not an acceptable answer to `item`, or null. */
export function answerProblem(item: Item | ColumnItem, value: unknown): string | null {
  if (isNA(value) || (item.type === 'check' && value === 'na')) return item.allowNA ? null : `"${item.id}" does not allow N-A`;
  switch (item.type) {
    case 'check':
      return value === 'pass' || value === 'fail' ? null : `"${item.id}" takes pass, fail${item.allowNA ? ' or na' : ''}`;
    case 'numeric':
      return typeof value === 'number' && Number.isFinite(value) ? null : `"${item.id}" takes a number (${item.unit})`;
    case 'choice':
      return typeof value === 'string' && item.options.some((o) => o.value === value) ? null : `"${item.id}" takes one of ${item.options.map((o) => o.value).join(', ')}`;
    case 'text':
      return typeof value === 'string' && value.length <= 10_000 ? null : `"${item.id}" takes text`;
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? null : `"${item.id}" takes an ISO 8601 date/time`;
    case 'photo':
    case 'file': {
      if (!Array.isArray(value) || !value.every((v) => BlobId.safeParse(v).success)) return `"${item.id}" takes a list of attachment ids`;
      if (item.maxCount !== undefined && value.length > item.maxCount) return `"${item.id}" takes at most ${item.maxCount}`;
      return null;
    }
    case 'signature': {
      const v = value as { name?: unknown; signedAt?: unknown };
      return typeof v === 'object' && v !== null && typeof v.name === 'string' && v.name.trim() !== '' && typeof v.signedAt === 'string' && LocalTime.safeParse(v.signedAt).success
        ? null : `"${item.id}" takes {name, signedAt (with offset), role?, company?}`;
    }
    case 'table':
      return `"${item.id}" is a table: answer one row at a time with rowKey`;
  }
}

/** Status of one table row: fail if a cell fails, null while a required visible cell is missing. */
function rowStatus(table: TableItem, row: TableRowAnswer, outer: ReturnType<typeof planEnv>): ItemStatus | null {
  const fixed = table.rows?.find((r) => r.id === row.rowId)?.values ?? {};
  const env = rowEnv(table, row, outer);
  let fail = false;
  let missing = false;
  let pass = false;
  for (const col of table.columns) {
    if (Object.hasOwn(fixed, col.id) || !isVisible(col, env)) continue;
    const s = itemStatus(col, row.cells[col.id], env);
    if (s === 'fail') fail = true;
    else if (s === 'pass') pass = true;
    else if (s === null && isRequired(col, env)) missing = true;
  }
  return fail ? 'fail' : missing ? null : pass ? 'pass' : 'na';
}

const SEVERITY_RANK = (s: IssueSeverity) => ISSUE_SEVERITIES.indexOf(s);

/** Valid sign-offs of an instance covering any of `itemIds`. */
function signedCovering(doc: DocReader, instanceId: string, itemIds: readonly string[]): CxSignOff[] {
  return doc.list('cxSignOffs', { field: 'instanceId', value: instanceId }).filter((s) => isValidSignOff(s) && itemIds.some((id) => s.covers.includes(id)));
}

function invalidate(signOffs: readonly CxSignOff[], actor: Actor, reason: string): Change[] {
  return signOffs.map((s) => ({ op: 'put', kind: 'cxSignOffs', entity: { ...s, invalidatedAt: actor.at, invalidatedBy: actor.name, invalidatedReason: reason } }));
}

function requireReasonForSigned(signed: readonly CxSignOff[], reason: string | undefined, what: string): string | undefined {
  if (signed.length === 0) return undefined;
  if (!reason || reason.trim() === '') {
    const by = signed.map((s) => `${s.scope === 'final' ? 'the final sign-off' : `the "${s.scope}" sign-off`} by ${s.name} (${s.role}) on ${s.at}`).join(', ');
    throw new PlenumError(`${what} is covered by ${by}: give a reason to change it (the signature will be invalidated)`, 'invalid', 'reason');
  }
  return reason.trim();
}

export interface AnswerResult {
  answerId: string;
  status: ItemStatus | null;
  issueId?: string;
  invalidatedSignOffs: string[];
}

export const answerItem = defineCommand({
  name: 'cx.answer',
  labelKey: 'command.cx.answer',
  args: z.strictObject({
    instanceId: Id,
    itemId: z.string().min(1).max(100),
    /** Table items: the row (a fixed row's id, or a key for a user-added row). */
    rowKey: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'a row key is letters, digits, "_" and "-"').optional(),
    /** The answer (see core/cx/evaluate.ts), a table row's cells, or null to clear it. */
    value: z.unknown(),
    note: z.string().max(5000).optional(),
    photoIds: z.array(BlobId).max(50).optional(),
    fileIds: z.array(BlobId).max(50).optional(),
    reason: Reason,
    actor: Actor,
  }),
  plan(doc, args, ctx) {
    const inst = mustInstance(doc, args.instanceId);
    const template = templateOfInstance(doc, inst);
    const plan: TemplatePlan = templatePlan(template);
    const item = plan.byId.get(args.itemId);
    if (!item) throw new PlenumError(`${template.id} v${inst.templateVersion} has no item "${args.itemId}"`, 'not-found', 'itemId');
    const existingRows = instanceAnswers(doc, inst.id);
    if (existingRows.length === 0) refuseGated(gateFor(doc, template, inst.assetKind, inst.assetId, inst.id), `${inst.level} checklist ${template.id} on ${inst.assetId}`);

    const id = answerId(inst.id, item.id, item.type === 'table' ? args.rowKey : null);
    const previous = doc.get('cxAnswers', id);
    const clearing = args.value === null || args.value === undefined;
    const answers: Record<string, AnswerValue> = answersOf(existingRows.filter((a) => a.id !== id));
    let status: ItemStatus | null = null;
    let onFail = item.onFail;
    if (item.type === 'table') {
      if (!args.rowKey) throw new PlenumError(`"${item.id}" is a table: give the rowKey of the row`, 'invalid', 'rowKey');
      if (item.rows && !item.rows.some((r) => r.id === args.rowKey)) throw new PlenumError(`"${item.id}" has no row "${args.rowKey}" (rows: ${item.rows.map((r) => r.id).join(', ')})`, 'invalid', 'rowKey');
      if (!clearing) {
        if (typeof args.value !== 'object' || Array.isArray(args.value)) throw new PlenumError(`A row of "${item.id}" is answered with its cells by column id`, 'invalid', 'value');
        const cells = args.value as Record<string, unknown>;
        for (const [colId, v] of Object.entries(cells)) {
          const col = item.columns.find((c) => c.id === colId);
          if (!col) throw new PlenumError(`"${item.id}" has no column "${colId}"`, 'invalid', `value.${colId}`);
          const problem = v === null ? null : answerProblem(col, v);
          if (problem) throw new PlenumError(problem, 'invalid', `value.${colId}`);
        }
        if (!item.rows && item.repeat?.maxRows !== undefined && !previous && existingRows.filter((a) => a.itemId === item.id).length >= item.repeat.maxRows) {
          throw new PlenumError(`"${item.id}" takes at most ${item.repeat.maxRows} rows`, 'invalid', 'rowKey');
        }
        const row: TableRowAnswer = { rowId: args.rowKey, cells: cells as Record<string, AnswerValue> };
        status = rowStatus(item, row, planEnv(plan, answers));
        // The strictest demand of the table and of its failing columns applies.
        if (status === 'fail') {
          const env = rowEnv(item, row, planEnv(plan, answers));
          const failing = item.columns.filter((c) => itemStatus(c, row.cells[c.id], env) === 'fail');
          onFail = [item.onFail, ...failing.map((c) => c.onFail)].reduce<typeof item.onFail>((acc, f) => {
            if (!f) return acc;
            const raise = [acc?.raiseIssue, f.raiseIssue].filter((s): s is IssueSeverity => s !== undefined).sort((a, b) => SEVERITY_RANK(a) - SEVERITY_RANK(b))[0];
            return { requireNote: !!(acc?.requireNote || f.requireNote), requirePhoto: !!(acc?.requirePhoto || f.requirePhoto), ...(raise ? { raiseIssue: raise } : {}) };
          }, undefined);
        }
      }
    } else {
      if (args.rowKey) throw new PlenumError(`"${item.id}" is not a table: it has no rows`, 'invalid', 'rowKey');
      if (!clearing) {
        const problem = answerProblem(item, args.value);
        if (problem) throw new PlenumError(problem, 'invalid', 'value');
        answers[item.id] = args.value as AnswerValue;
        status = itemStatus(item, args.value as AnswerValue, planEnv(plan, answers));
      }
    }
    if (status === 'fail') {
      if (onFail?.requireNote && !args.note?.trim()) throw new PlenumError(`"${item.label}" failed: a note is required (what was found)`, 'invalid', 'note');
      if (onFail?.requirePhoto && !(args.photoIds && args.photoIds.length > 0)) throw new PlenumError(`"${item.label}" failed: a photo is required`, 'invalid', 'photoIds');
    }

    const next: CxAnswer | undefined = clearing ? undefined : validated(CxAnswerSchema, {
      id, instanceId: inst.id, itemId: item.id, ...(item.type === 'table' ? { rowKey: args.rowKey } : {}),
      value: args.value, status,
      ...(args.note?.trim() ? { note: args.note.trim() } : {}),
      ...(args.photoIds?.length ? { photoIds: args.photoIds } : {}),
      ...(args.fileIds?.length ? { fileIds: args.fileIds } : {}),
      author: args.actor.name, deviceId: args.actor.deviceId, at: args.actor.at,
      ...(args.reason?.trim() ? { reason: args.reason.trim() } : {}),
    }, 'Answer');
    const same = (a: CxAnswer | undefined, b: CxAnswer | undefined) => a === b || (a !== undefined && b !== undefined
      && JSON.stringify([a.value, a.note, a.photoIds, a.fileIds]) === JSON.stringify([b.value, b.note, b.photoIds, b.fileIds]));
    if (same(previous, next)) return { changes: [], result: { answerId: id, status, invalidatedSignOffs: [] } as AnswerResult };
    if (!previous && !next) return { changes: [], result: { answerId: id, status: null, invalidatedSignOffs: [] } as AnswerResult };

    const changes: Change[] = [];
    const signed = signedCovering(doc, inst.id, [item.id]);
    const reason = requireReasonForSigned(signed, args.reason, `"${item.label}"`);
    if (reason) changes.push(...invalidate(signed, args.actor, reason));
    changes.push(next ? { op: 'put', kind: 'cxAnswers', entity: next } : { op: 'delete', kind: 'cxAnswers', id });

    const result: AnswerResult = { answerId: id, status, invalidatedSignOffs: signed.map((s) => s.id) };
    if (status === 'fail' && onFail?.raiseIssue) {
      const open = doc.list('cxIssues', { field: 'instanceId', value: inst.id })
        .find((i) => i.itemId === item.id && (i.rowKey ?? undefined) === (args.rowKey ?? undefined) && i.status !== 'closed');
      if (!open) {
        const issue = newIssue(doc, ctx.newId('cxiss'), {
          title: `${item.label}`.slice(0, 300), severity: onFail.raiseIssue, ...(args.note?.trim() ? { description: args.note.trim() } : {}),
          instanceId: inst.id, itemId: item.id, ...(args.rowKey ? { rowKey: args.rowKey } : {}), ...(args.photoIds?.length ? { photoIds: args.photoIds } : {}),
        }, args.actor);
        changes.push({ op: 'put', kind: 'cxIssues', entity: issue });
        result.issueId = issue.id;
      }
    }
    return { changes, result, detail: `${item.id}${args.rowKey ? `/${args.rowKey}` : ''}` };
  },
});

// ------------------------------------------------------------------ cx.signoff

export const signOff = defineCommand({
  name: 'cx.signoff',
  labelKey: 'command.cx.signoff',
  args: z.strictObject({
    instanceId: Id,
    /** `final`, or the id of a section. */
    scope: z.string().min(1).max(100),
    name: z.string().trim().min(1).max(120),
    role: z.string().trim().min(1).max(120),
    company: z.string().trim().max(200).optional(),
    signature: CxSignature.optional(),
    actor: Actor,
  }),
  plan(doc, args, ctx) {
    const inst = mustInstance(doc, args.instanceId);
    const template = templateOfInstance(doc, inst);
    const plan = templatePlan(template);
    let covers: string[];
    if (args.scope === 'final') covers = plan.items.map((i) => i.id);
    else {
      const section = template.sections.find((s) => s.id === args.scope);
      if (!section) throw new PlenumError(`${template.id} has no section "${args.scope}" (use "final" for the whole checklist)`, 'not-found', 'scope');
      covers = section.items.map((i) => i.id);
    }
    const progress = instanceProgress(plan, answersOf(instanceAnswers(doc, inst.id)), new Set(covers));
    if (!progress.complete) {
      throw new PlenumError(`Cannot sign ${args.scope === 'final' ? 'the checklist' : `section "${args.scope}"`}: ${progress.missing.length} required item(s) unanswered (${progress.missing.slice(0, 8).join(', ')})`, 'conflict', 'scope');
    }
    const entity = validated(CxSignOffSchema, {
      id: ctx.newId('cxsig'), instanceId: inst.id, scope: args.scope, name: args.name, role: args.role,
      ...(args.company ? { company: args.company } : {}), ...(args.signature ? { signature: args.signature } : {}),
      covers, author: args.actor.name, deviceId: args.actor.deviceId, at: args.actor.at,
    }, 'Sign-off');
    return { changes: [{ op: 'put', kind: 'cxSignOffs', entity }], result: { signOffId: entity.id }, detail: `${inst.assetId} ${args.scope}` };
  },
});

// ------------------------------------------------------------------ issues

const IssueFields = {
  title: z.string().trim().min(1).max(300),
  description: z.string().max(10_000).optional(),
  severity: z.enum(CX_SEVERITIES),
  assetKind: z.enum(CX_ASSET_KINDS).optional(),
  assetId: z.string().min(1).max(200).optional(),
  location: z.string().max(300).optional(),
  roomId: Id.optional(),
  instanceId: Id.optional(),
  itemId: z.string().max(100).optional(),
  rowKey: z.string().max(100).optional(),
  cause: z.string().max(5000).optional(),
  recommendation: z.string().max(5000).optional(),
  assignee: z.string().trim().min(1).max(120).optional(),
  owner: z.string().trim().min(1).max(120).optional(),
  dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, e.g. 2026-12-01').optional(),
  photoIds: z.array(BlobId).max(50).optional(),
};
type IssueInput = { [K in keyof typeof IssueFields]?: z.infer<(typeof IssueFields)[K]> } & { title: string; severity: IssueSeverity };

function newIssue(doc: DocReader, id: string, input: IssueInput, actor: Actor): CxIssue {
  const inst = input.instanceId ? mustInstance(doc, input.instanceId) : undefined;
  if (input.itemId && inst && !templatePlan(templateOfInstance(doc, inst)).byId.has(input.itemId)) {
    throw new PlenumError(`Checklist ${inst.id} has no item "${input.itemId}"`, 'not-found', 'itemId');
  }
  const owner = input.owner ?? cxSettings(doc.project()).issueOwner ?? actor.name;
  const roomId = input.roomId ?? inst?.roomId ?? undefined;
  return validated(CxIssueSchema, {
    ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
    id, status: 'open', owner,
    ...(inst ? { assetKind: input.assetKind ?? inst.assetKind, assetId: input.assetId ?? inst.assetId } : {}),
    ...(roomId ? { roomId } : {}),
    createdBy: actor.name, createdAt: actor.at, author: actor.name, deviceId: actor.deviceId, at: actor.at,
  }, 'Issue');
}

export const createIssue = defineCommand({
  name: 'cx.issue.create',
  labelKey: 'command.cx.issue.create',
  args: z.strictObject({ ...IssueFields, actor: Actor }),
  plan(doc, args, ctx) {
    const { actor, ...input } = args;
    const issue = newIssue(doc, ctx.newId('cxiss'), input, actor);
    return { changes: [{ op: 'put', kind: 'cxIssues', entity: issue }], result: { issueId: issue.id }, detail: issue.title };
  },
});

function mustIssue(doc: DocReader, id: string): CxIssue {
  const issue = doc.get('cxIssues', id);
  if (!issue) throw new PlenumError(`Issue ${id} does not exist`, 'not-found', 'id');
  return issue;
}

const EDITABLE = ['title', 'description', 'severity', 'assetKind', 'assetId', 'location', 'cause', 'recommendation', 'assignee', 'owner', 'dueDate', 'photoIds'] as const;

export const updateIssue = defineCommand({
  name: 'cx.issue.update',
  labelKey: 'command.cx.issue.update',
  args: z.strictObject({
    id: Id,
    patch: z.strictObject(Object.fromEntries(EDITABLE.map((k) => [k, IssueFields[k].nullable()])) as { [K in (typeof EDITABLE)[number]]: z.ZodNullable<(typeof IssueFields)[K]> }).partial(),
    reason: Reason,
    actor: Actor,
  }),
  plan(doc, args) {
    const issue = mustIssue(doc, args.id);
    if (issue.status === 'closed') throw new PlenumError(`Issue "${issue.title}" is closed; reopen it to change it`, 'conflict', 'id');
    if (args.patch.owner !== undefined && !samePerson(issue.owner, args.actor.name)) {
      throw new PlenumError(`Only the owner (${issue.owner}) can hand the issue to another owner`, 'forbidden', 'patch.owner');
    }
    if (args.patch.owner === null || args.patch.title === null || args.patch.severity === null) throw new PlenumError('title, severity and owner cannot be removed', 'invalid', 'patch');
    const next: Record<string, unknown> = { ...issue };
    for (const [k, v] of Object.entries(args.patch)) {
      if (v === null) delete next[k];
      else if (v !== undefined) next[k] = v;
    }
    Object.assign(next, { author: args.actor.name, deviceId: args.actor.deviceId, at: args.actor.at });
    if (args.reason) next.reason = args.reason;
    else delete next.reason;
    const entity = validated(CxIssueSchema, next, 'Issue');
    return { changes: [{ op: 'put', kind: 'cxIssues', entity }], result: { issueId: issue.id }, detail: issue.title };
  },
});

/**
 * The issue workflow. Who may make each move:
 *  - start (→ in-progress): the assignee or the owner;
 *  - resolve (→ resolved): the assignee only — the person who fixed it says so;
 *  - close (resolved → closed): the owner only — closing is the verification;
 *  - reopen (resolved/closed → reopened): the owner only (verification failed or it came back).
 */
export const ISSUE_TRANSITIONS: Record<CxIssue['status'], ReadonlyArray<CxIssue['status']>> = {
  open: ['in-progress', 'resolved'],
  'in-progress': ['resolved'],
  reopened: ['in-progress', 'resolved'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
};

export const transitionIssue = defineCommand({
  name: 'cx.issue.transition',
  labelKey: 'command.cx.issue.transition',
  args: z.strictObject({ id: Id, to: z.enum(CX_ISSUE_STATUSES), note: z.string().max(5000).optional(), actor: Actor }),
  plan(doc, args) {
    const issue = mustIssue(doc, args.id);
    if (!ISSUE_TRANSITIONS[issue.status].includes(args.to)) {
      throw new PlenumError(`An issue that is ${issue.status} cannot become ${args.to} (it can become: ${ISSUE_TRANSITIONS[issue.status].join(', ')})`, 'conflict', 'to');
    }
    const who = args.actor.name;
    if (args.to === 'resolved') {
      if (!issue.assignee) throw new PlenumError('Assign the issue before it can be resolved: only the assignee marks it resolved', 'conflict', 'to');
      if (!samePerson(issue.assignee, who)) throw new PlenumError(`Only the assignee (${issue.assignee}) can mark the issue resolved`, 'forbidden', 'to');
    }
    if ((args.to === 'closed' || args.to === 'reopened') && !samePerson(issue.owner, who)) {
      throw new PlenumError(`Only the owner (${issue.owner}) can ${args.to === 'closed' ? 'close (verify)' : 'reopen'} the issue`, 'forbidden', 'to');
    }
    if (args.to === 'in-progress' && !samePerson(issue.assignee, who) && !samePerson(issue.owner, who)) {
      throw new PlenumError(`Only the assignee${issue.assignee ? ` (${issue.assignee})` : ''} or the owner (${issue.owner}) can start work on the issue`, 'forbidden', 'to');
    }
    const entity: CxIssue = {
      ...issue, status: args.to, author: who, deviceId: args.actor.deviceId, at: args.actor.at,
      ...(args.to === 'resolved' ? { resolvedAt: args.actor.at } : {}), ...(args.to === 'closed' ? { closedAt: args.actor.at } : {}),
    };
    if (args.note?.trim()) entity.reason = args.note.trim();
    else delete entity.reason;
    return { changes: [{ op: 'put', kind: 'cxIssues', entity }], result: { issueId: issue.id, status: args.to }, detail: `${issue.title}: ${args.to}` };
  },
});

// ------------------------------------------------------------------ cx.instance.upgrade

export interface UpgradeResult {
  from: number;
  to: number;
  kept: string[];
  dropped: Array<{ answerId: string; itemId: string; why: 'removed' | 'changed' }>;
  invalidatedSignOffs: string[];
}

export const upgradeInstance = defineCommand({
  name: 'cx.instance.upgrade',
  labelKey: 'command.cx.instance.upgrade',
  args: z.strictObject({ instanceId: Id, toVersion: z.number().int().min(1).optional(), reason: Reason, actor: Actor }),
  plan(doc, args) {
    const inst = mustInstance(doc, args.instanceId);
    const from = templateOfInstance(doc, inst);
    const latest = publishedVersions(doc, inst.templateId)[0]!;
    const to = args.toVersion ?? latest.version;
    if (to <= inst.templateVersion) throw new PlenumError(`Checklist ${inst.id} is on version ${inst.templateVersion}; upgrade to a newer version (latest: ${latest.version})`, 'invalid', 'toVersion');
    const target = publishedTemplate(doc, inst.templateId, to);
    if (!target) throw new PlenumError(`${inst.templateId} version ${to} is not published`, 'not-found', 'toVersion');
    const oldItems = templatePlan(from).byId;
    const newItems = templatePlan(target).byId;
    const answers = instanceAnswers(doc, inst.id);
    const result: UpgradeResult = { from: inst.templateVersion, to, kept: [], dropped: [], invalidatedSignOffs: [] };
    const changes: Change[] = [];
    const signed = doc.list('cxSignOffs', { field: 'instanceId', value: inst.id }).filter(isValidSignOff);
    const reason = requireReasonForSigned(signed, args.reason, `Checklist ${inst.id}`);
    if (reason) {
      // The signatures were given on the old version's items: none carries over.
      changes.push(...invalidate(signed, args.actor, `upgraded to version ${to}: ${reason}`));
      result.invalidatedSignOffs = signed.map((s) => s.id);
    }
    for (const a of answers) {
      const now = newItems.get(a.itemId);
      if (!now) result.dropped.push({ answerId: a.id, itemId: a.itemId, why: 'removed' });
      else if (!sameItemDefinition(oldItems.get(a.itemId), now)) result.dropped.push({ answerId: a.id, itemId: a.itemId, why: 'changed' });
      else {
        result.kept.push(a.id);
        continue;
      }
      changes.push({ op: 'delete', kind: 'cxAnswers', id: a.id });
    }
    changes.push({ op: 'put', kind: 'cxInstances', entity: { ...inst, templateVersion: to, level: target.level } });
    return { changes, result, detail: `${inst.templateId} v${inst.templateVersion} → v${to}` };
  },
});

// ------------------------------------------------------------------ cx.settings.update

export const updateCxSettings = defineCommand({
  name: 'cx.settings.update',
  labelKey: 'command.cx.settings.update',
  args: z.strictObject({
    blockingSeverities: z.array(z.enum(CX_SEVERITIES)).max(4).nullable().optional(),
    issueOwner: z.string().trim().min(1).max(120).nullable().optional(),
  }),
  plan(doc, args) {
    const project = doc.project();
    const next: Record<string, unknown> = { ...cxSettings(project) };
    for (const [k, v] of Object.entries(args)) {
      if (v === null) delete next[k];
      else if (v !== undefined) next[k] = v;
    }
    if (JSON.stringify(next) === JSON.stringify(cxSettings(project))) return { changes: [], result: next };
    return { changes: [{ op: 'project', project: { ...project, cx: next } as ProjectMeta }], result: next };
  },
});

export const CX_COMMANDS = {
  'template.publish': publishTemplate,
  'cx.generate': generateChecklists,
  'cx.answer': answerItem,
  'cx.signoff': signOff,
  'cx.issue.create': createIssue,
  'cx.issue.update': updateIssue,
  'cx.issue.transition': transitionIssue,
  'cx.instance.upgrade': upgradeInstance,
  'cx.settings.update': updateCxSettings,
} as const;
