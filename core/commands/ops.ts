/**
 * Operations register commands (issue 7): create / update / delete for every register, plus the
 * gestures that are more than an edit: completing maintenance, recording or importing backup
 * runs, assigning licences, and the project's operations settings. Each is one undo step.
 *
 * Updates take a `patch`: the fields to change, `null` to clear an optional one. The merged
 * entity is validated against the same schema as a create, so an update cannot make a record a
 * create would refuse.
 */
import { z } from 'zod';
import type { Change, DocReader } from '../model/changes';
import { PlenumError } from '../model/errors';
import type { AnyEntity, AssetRef, EntityKind, MaintenanceEntry, ProjectMeta } from '../model/schema';
import {
  BackupPolicy, BackupRun, Contact, Id, Licence, LicenceAssignment, LocalTime, MaintenanceEntry as MaintenanceEntrySchema, MaintenanceSchedule,
  MAINTENANCE_OUTCOMES, OpsEvent, OpsSettings, ReadingImport, Sensor,
} from '../model/schema';
import { occurrencesUntil } from '../ops/recurrence';
import { mustGet } from './edit';
import type { CommandDef } from './registry';
import { defineCommand, validated } from './registry';

type RegisterKind = Extract<EntityKind, 'sensors' | 'maintenanceSchedules' | 'maintenance' | 'backupPolicies' | 'backupRuns' | 'licences' | 'licenceAssignments' | 'opsEvents' | 'contacts'>;

export const OPS_ID_PREFIX: Record<RegisterKind | 'readingImports', string> = {
  sensors: 'sen', maintenanceSchedules: 'sch', maintenance: 'mnt', backupPolicies: 'bkp', backupRuns: 'bkr',
  licences: 'lic', licenceAssignments: 'lia', opsEvents: 'evt', contacts: 'con', readingImports: 'imp',
};

interface RegisterSpec<N extends string> {
  kind: RegisterKind;
  /** Command prefix, e.g. `licence` gives licence.create / licence.update / licence.delete. */
  name: N;
  noun: string;
  schema: z.ZodObject;
  /** Checks references and cross-record rules of a created or updated entity. */
  check?: (doc: DocReader, entity: AnyEntity, previous?: AnyEntity) => void;
  /** What goes with deleted ids (changes placed before the deletes). */
  cascade?: (doc: DocReader, ids: ReadonlySet<string>) => Change[];
  /** A short text for the undo tooltip. */
  label: (entity: AnyEntity) => string;
}

const AssetRefs = (doc: DocReader, assets: readonly AssetRef[], field: string) => assets.forEach((a, i) => checkAsset(doc, a, `${field}.${i}`));

/** Design assets must exist when a record is written (systems are free names). */
export function checkAsset(doc: DocReader, a: AssetRef, field: string): void {
  const kind = ({ room: 'rooms', row: 'rows', rack: 'racks', device: 'devices', floorEquipment: 'floorEquipment', powerElement: 'powerElements' } as const)[a.assetKind as Exclude<AssetRef['assetKind'], 'system'>];
  if (kind && !doc.get(kind, a.assetId)) throw new PlenumError(`${field}: ${a.assetKind} ${a.assetId} does not exist`, 'not-found', field);
}

type RegisterCommands<N extends string> = Record<`${N}.create` | `${N}.update` | `${N}.delete`, CommandDef>;

function registerCommands<N extends string>(spec: RegisterSpec<N>): RegisterCommands<N> {
  const { kind, name, noun, schema } = spec;
  const fields = new Set(Object.keys(schema.shape).filter((k) => k !== 'id'));
  const create = defineCommand({
    name: `${name}.create`,
    labelKey: `command.${name}.create`,
    // Strict: a misspelt field is an error here, not an unknown field kept for later.
    args: z.strictObject(schema.omit({ id: true }).shape),
    plan(doc, args, ctx) {
      const entity = validated(schema, { ...args, id: ctx.newId(OPS_ID_PREFIX[kind]) }, noun) as unknown as AnyEntity;
      spec.check?.(doc, entity);
      return { changes: [{ op: 'put', kind, entity }], result: { id: entity.id }, detail: spec.label(entity) };
    },
  });
  const update = defineCommand({
    name: `${name}.update`,
    labelKey: `command.${name}.update`,
    args: z.strictObject({
      id: Id,
      /** Fields to change; null clears an optional field. */
      patch: z.record(z.string(), z.unknown()).refine((p) => Object.keys(p).length > 0, 'give at least one field to change'),
    }),
    plan(doc, args) {
      const current = doc.get(kind, args.id) as AnyEntity | undefined;
      if (!current) throw new PlenumError(`${noun} ${args.id} does not exist`, 'not-found', 'id');
      const merged: Record<string, unknown> = { ...current };
      for (const [k, v] of Object.entries(args.patch)) {
        if (!fields.has(k)) throw new PlenumError(`${noun} has no field "${k}" that can be changed`, 'invalid', `patch.${k}`);
        if (v === null) delete merged[k];
        else merged[k] = v;
      }
      const next = validated(schema, merged, noun) as unknown as AnyEntity;
      spec.check?.(doc, next, current);
      if (JSON.stringify(next) === JSON.stringify(current)) return { changes: [], result: null };
      return { changes: [{ op: 'put', kind, entity: next }], result: null, detail: spec.label(next) };
    },
  });
  const remove = defineCommand({
    name: `${name}.delete`,
    labelKey: `command.${name}.delete`,
    args: z.strictObject({ ids: z.array(Id).min(1).max(100_000) }),
    plan(doc, args) {
      const ids = new Set(args.ids);
      for (const id of ids) if (!doc.get(kind, id)) throw new PlenumError(`${noun} ${id} does not exist`, 'not-found', 'ids');
      const changes: Change[] = [...(spec.cascade?.(doc, ids) ?? []), ...[...ids].map((id): Change => ({ op: 'delete', kind, id }))];
      const first = doc.get(kind, args.ids[0]!) as AnyEntity;
      return { changes, result: { deleted: ids.size }, detail: ids.size === 1 ? spec.label(first) : `${ids.size} × ${noun}` };
    },
  });
  return { [`${name}.create`]: create, [`${name}.update`]: update, [`${name}.delete`]: remove } as unknown as RegisterCommands<N>;
}

// ---------------------------------------------------------------- the registers

const sensorCommands = registerCommands({
  kind: 'sensors', name: 'sensor', noun: 'Sensor', schema: Sensor,
  label: (e) => (e as Sensor).name,
  check(doc, e) {
    const s = e as Sensor;
    if (s.rackId === null) delete s.rackId;
    mustGet(doc, 'rooms', s.roomId, 'roomId');
    if (s.rackId) {
      const rack = mustGet(doc, 'racks', s.rackId, 'rackId');
      if (rack.roomId !== s.roomId) throw new PlenumError(`Rack ${rack.name} is not in this sensor's room`, 'invalid', 'rackId');
    }
    if (s.placement.startsWith('rack-') && !s.rackId) throw new PlenumError(`A ${s.placement} sensor must be on a rack: give rackId`, 'invalid', 'rackId');
    const key = (x: Sensor) => (x.externalId ?? x.name).toLowerCase();
    const clash = doc.list('sensors').find((o) => o.id !== s.id && (key(o) === key(s) || o.name.toLowerCase() === s.name.toLowerCase()));
    if (clash) throw new PlenumError(`The sensor name "${s.externalId ?? s.name}" is already used by ${clash.name}: readings are matched by name`, 'conflict', s.externalId ? 'externalId' : 'name');
  },
});

/** Rejects a second open entry for the same occurrence, and occurrences a schedule does not have. */
function checkMaintenance(doc: DocReader, e: AnyEntity): void {
  const m = e as MaintenanceEntry;
  checkAsset(doc, m.asset, 'asset');
  if (m.issueId && !doc.get('cxIssues', m.issueId)) throw new PlenumError(`Issue ${m.issueId} does not exist`, 'not-found', 'issueId');
  if (m.status === 'done' && !m.completedAt) throw new PlenumError('A done entry needs completedAt (when the work finished)', 'invalid', 'completedAt');
  if (m.occurrence && !m.scheduleId) throw new PlenumError('occurrence is the due date of a schedule: give scheduleId too', 'invalid', 'scheduleId');
  if (!m.scheduleId) return;
  const schedule = doc.get('maintenanceSchedules', m.scheduleId);
  if (!schedule) throw new PlenumError(`Maintenance schedule ${m.scheduleId} does not exist`, 'not-found', 'scheduleId');
  if (!schedule.assets.some((a) => a.assetKind === m.asset.assetKind && a.assetId === m.asset.assetId)) {
    throw new PlenumError(`${m.asset.assetKind} ${m.asset.assetId} is not in the schedule "${schedule.title}"`, 'invalid', 'asset');
  }
  if (!m.occurrence) throw new PlenumError(`Give the occurrence (due date) of "${schedule.title}" this entry fulfils`, 'invalid', 'occurrence');
  if (!occurrencesUntil(schedule, m.occurrence).includes(m.occurrence)) {
    throw new PlenumError(`${m.occurrence} is not a due date of "${schedule.title}" (every ${schedule.interval.every} ${schedule.interval.unit}(s) from ${schedule.startDate})`, 'invalid', 'occurrence');
  }
  const twin = doc.list('maintenance', { field: 'scheduleId', value: schedule.id })
    .find((o) => o.id !== m.id && o.occurrence === m.occurrence && o.asset.assetKind === m.asset.assetKind && o.asset.assetId === m.asset.assetId && o.status !== 'cancelled');
  if (twin && m.status !== 'cancelled') throw new PlenumError(`The ${m.occurrence} occurrence on this asset already has an entry ("${twin.title}", ${twin.status})`, 'conflict', 'occurrence');
}

const maintenanceCommands = registerCommands({
  kind: 'maintenance', name: 'maintenance', noun: 'Maintenance entry', schema: MaintenanceEntrySchema,
  label: (e) => (e as MaintenanceEntry).title, check: checkMaintenance,
});

const scheduleCommands = registerCommands({
  kind: 'maintenanceSchedules', name: 'maintenanceSchedule', noun: 'Maintenance schedule', schema: MaintenanceSchedule,
  label: (e) => (e as MaintenanceSchedule).title,
  check(doc, e) {
    const s = e as MaintenanceSchedule;
    if (s.interval.unit === 'hour') throw new PlenumError('Maintenance is scheduled in days, weeks, months or years', 'invalid', 'interval.unit');
    AssetRefs(doc, s.assets, 'assets');
  },
  // The log keeps its history: entries of a deleted schedule stay, as one-off work.
  cascade: (doc, ids) => [...ids].flatMap((id) => doc.list('maintenance', { field: 'scheduleId', value: id }).map((m): Change => {
    const { scheduleId: _s, occurrence: _o, ...kept } = m;
    return { op: 'put', kind: 'maintenance', entity: { ...kept, plannedDate: m.plannedDate ?? m.occurrence } as MaintenanceEntry };
  })),
});

const backupPolicyCommands = registerCommands({
  kind: 'backupPolicies', name: 'backupPolicy', noun: 'Backup policy', schema: BackupPolicy,
  label: (e) => (e as BackupPolicy).name,
  check(doc, e) {
    const p = e as BackupPolicy;
    AssetRefs(doc, p.assets, 'assets');
    const clash = doc.list('backupPolicies').find((o) => o.id !== p.id && o.name.toLowerCase() === p.name.toLowerCase());
    if (clash) throw new PlenumError(`The name "${p.name}" is already used by another backup policy`, 'conflict', 'name');
  },
  cascade: (doc, ids) => [...ids].flatMap((id) => doc.list('backupRuns', { field: 'policyId', value: id }).map((r): Change => ({ op: 'delete', kind: 'backupRuns', id: r.id }))),
});

function checkRun(doc: DocReader, e: AnyEntity): void {
  const r = e as BackupRun;
  if (!doc.get('backupPolicies', r.policyId)) throw new PlenumError(`Backup policy ${r.policyId} does not exist`, 'not-found', 'policyId');
  if (r.finishedAt && Date.parse(r.finishedAt) < Date.parse(r.startedAt)) throw new PlenumError('finishedAt is before startedAt', 'invalid', 'finishedAt');
}
const backupRunCommands = registerCommands({
  kind: 'backupRuns', name: 'backupRun', noun: 'Backup run', schema: BackupRun,
  label: (e) => `${(e as BackupRun).kind} ${(e as BackupRun).startedAt}`, check: checkRun,
});

const licenceCommands = registerCommands({
  kind: 'licences', name: 'licence', noun: 'Licence', schema: Licence,
  label: (e) => `${(e as Licence).vendor} ${(e as Licence).product}`,
  cascade: (doc, ids) => [...ids].flatMap((id) => doc.list('licenceAssignments', { field: 'licenceId', value: id }).map((a): Change => ({ op: 'delete', kind: 'licenceAssignments', id: a.id }))),
});

const assignmentCommands = registerCommands({
  kind: 'licenceAssignments', name: 'licenceAssignment', noun: 'Licence assignment', schema: LicenceAssignment,
  label: (e) => (e as LicenceAssignment).deviceId,
  check(doc, e) {
    const a = e as LicenceAssignment;
    const lic = doc.get('licences', a.licenceId);
    if (!lic) throw new PlenumError(`Licence ${a.licenceId} does not exist`, 'not-found', 'licenceId');
    mustGet(doc, 'devices', a.deviceId, 'deviceId');
    const twin = doc.list('licenceAssignments', { field: 'licenceId', value: a.licenceId }).find((o) => o.id !== a.id && o.deviceId === a.deviceId);
    if (twin) throw new PlenumError(`${lic.product} is already assigned to this device (${twin.units} ${lic.metric}s): change that assignment instead`, 'conflict', 'deviceId');
  },
});

const eventCommands = registerCommands({
  kind: 'opsEvents', name: 'opsEvent', noun: 'Event', schema: OpsEvent,
  label: (e) => (e as OpsEvent).title,
  check: (doc, e) => {
    const ev = e as OpsEvent;
    if (ev.asset) checkAsset(doc, ev.asset, 'asset');
  },
});

const contactCommands = registerCommands({
  kind: 'contacts', name: 'contact', noun: 'Contact', schema: Contact,
  label: (e) => (e as Contact).name,
  check: (doc, e) => AssetRefs(doc, (e as Contact).assets, 'assets'),
});

// ---------------------------------------------------------------- gestures

/** Marks planned work done, with its outcome; one step. */
export const completeMaintenance = defineCommand({
  name: 'maintenance.complete',
  labelKey: 'command.maintenance.complete',
  args: z.strictObject({
    id: Id,
    completedAt: LocalTime,
    outcome: z.enum(MAINTENANCE_OUTCOMES),
    performedBy: z.string().trim().min(1).max(200).optional(),
    notes: z.string().max(10_000).optional(),
    toVersion: z.string().max(100).optional(),
  }),
  plan(doc, args) {
    const current = doc.get('maintenance', args.id);
    if (!current) throw new PlenumError(`Maintenance entry ${args.id} does not exist`, 'not-found', 'id');
    if (current.status === 'done') throw new PlenumError(`"${current.title}" is already done (${current.completedAt})`, 'conflict', 'id');
    if (current.status === 'cancelled') throw new PlenumError(`"${current.title}" was cancelled: reopen it as planned first`, 'conflict', 'id');
    const next = validated(MaintenanceEntrySchema, {
      ...current, status: 'done', completedAt: args.completedAt, outcome: args.outcome,
      ...(args.performedBy ? { performedBy: args.performedBy } : {}), ...(args.notes ? { notes: args.notes } : {}), ...(args.toVersion ? { toVersion: args.toVersion } : {}),
    }, 'Maintenance entry');
    checkMaintenance(doc, next);
    return { changes: [{ op: 'put', kind: 'maintenance', entity: next }], result: null, detail: next.title };
  },
});

/** Records many backup runs at once (a CSV from the backup software), all valid or none. */
export const importBackupRuns = defineCommand({
  name: 'backupRun.import',
  labelKey: 'command.backupRun.import',
  args: z.strictObject({ runs: z.array(BackupRun.omit({ id: true })).min(1).max(100_000), source: z.string().max(500) }),
  plan(doc, args, ctx) {
    const changes: Change[] = args.runs.map((raw, i) => {
      const run = validated(BackupRun, { ...raw, id: ctx.newId(OPS_ID_PREFIX.backupRuns), source: raw.source ?? args.source }, `runs.${i}`);
      try {
        checkRun(doc, run);
      } catch (e) {
        if (e instanceof PlenumError) throw new PlenumError(`runs.${i}: ${e.message}`, e.code, `runs.${i}.${e.field ?? ''}`.replace(/\.$/, ''));
        throw e;
      }
      return { op: 'put', kind: 'backupRuns', entity: run };
    });
    return { changes, result: { imported: changes.length }, detail: `${changes.length} runs from ${args.source}` };
  },
});

export const updateOpsSettings = defineCommand({
  name: 'ops.settings.update',
  labelKey: 'command.ops.settings.update',
  args: z.strictObject(OpsSettings.shape).partial(),
  plan(doc, args) {
    const project = doc.project();
    const next = validated(OpsSettings, { ...(project.ops ?? {}), ...args }, 'Operations settings');
    if (JSON.stringify(next) === JSON.stringify(project.ops ?? {})) return { changes: [], result: next };
    return { changes: [{ op: 'project', project: { ...project, ops: next } as ProjectMeta }], result: next };
  },
});

/**
 * The record of a readings import (the samples themselves are written by the store in the same
 * transaction, see electron/store/readings.ts), plus the sensors it creates. Not in the public
 * command list: only the store's importer may run it, because an import record without its
 * samples would be a lie. Undo removes the record (and the created sensors), which hides the
 * samples; redo brings both back.
 */
export const recordReadingsImport = defineCommand({
  name: 'readings.import',
  labelKey: 'command.readings.import',
  args: z.strictObject({
    importId: Id,
    record: ReadingImport.omit({ id: true }),
    newSensors: z.array(Sensor).max(100_000),
  }),
  plan(doc, args) {
    const changes: Change[] = [];
    for (const s of args.newSensors) {
      const sensor = validated(Sensor, s, 'Sensor');
      mustGet(doc, 'rooms', sensor.roomId, 'newSensors.roomId');
      changes.push({ op: 'put', kind: 'sensors', entity: sensor });
    }
    const record = validated(ReadingImport, { ...args.record, id: args.importId }, 'Readings import');
    changes.push({ op: 'put', kind: 'readingImports', entity: record });
    return { changes, result: { id: record.id }, detail: `${record.rows} readings from ${record.fileName}` };
  },
});

export const OPS_COMMANDS = {
  ...sensorCommands,
  ...maintenanceCommands,
  'maintenance.complete': completeMaintenance,
  ...scheduleCommands,
  ...backupPolicyCommands,
  ...backupRunCommands,
  'backupRun.import': importBackupRuns,
  ...licenceCommands,
  ...assignmentCommands,
  ...eventCommands,
  ...contactCommands,
  'ops.settings.update': updateOpsSettings,
} as const satisfies Record<string, CommandDef>;
