/**
 * The register forms: one generic dialog driven by a list of fields per record kind. A create
 * sends the filled fields; an edit sends only what changed, with `null` for a cleared optional
 * field (the `patch` of core/commands/ops.ts). Refusals from main land next to the field they
 * name, or at the bottom with their details (line numbers of an import).
 */
import type { ReactNode } from 'react';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssetRef, DocumentSnapshot } from '../../../core/model/schema';
import {
  BACKUP_RUN_KINDS, BACKUP_RUN_STATUSES, CONTACT_ROLES, INTERVAL_UNITS, LICENCE_METRICS, MAINTENANCE_CATEGORIES, MAINTENANCE_OUTCOMES,
  MAINTENANCE_STATUSES, OPS_EVENT_CATEGORIES, OPS_EVENT_SEVERITIES, SENSOR_PLACEMENTS,
} from '../../../core/model/schema';
import { OPS_DEFAULTS } from '../../../core/ops/attention';
import { call } from '../api/client';
import { errorConcerns, toSerializedError } from '../api/errors';
import { Icon } from '../components/Icon';
import { Modal } from '../components/Modal';
import { useStore } from '../state/store';
import { parseDecimal } from '../units';
import type { AssetChoice } from './logic';
import { assetChoices, isoToLocalInput, localInputToIso, parseRefKey, refKey } from './logic';
import type { OpsModal } from './opsState';
import { useOps } from './opsState';
import { formatDay } from './format';

type Opt = { value: string; label: string };
type FieldSpec =
  | { key: string; kind: 'text'; required?: boolean; multiline?: boolean; wide?: boolean }
  | { key: string; kind: 'int' | 'number'; required?: boolean; suffix?: string; scale?: number }
  | { key: string; kind: 'select'; required?: boolean; options: Opt[] }
  | { key: string; kind: 'day' | 'datetime'; required?: boolean }
  | { key: string; kind: 'asset'; required?: boolean }
  | { key: string; kind: 'assets'; required?: boolean }
  | { key: string; kind: 'interval'; required?: boolean; noHours?: boolean }
  | { key: string; kind: 'check' };

type Values = Record<string, string | boolean | string[]>;

interface FormDef {
  title: string;
  fields: FieldSpec[];
  initial: Values;
  /** Runs the command with the typed values; an edit gets only the changed ones. */
  submit(values: Record<string, unknown>, changed: Record<string, unknown>): Promise<unknown>;
  testId: string;
  submitLabel: string;
}

const ENTITY_FIELDS: Record<string, string> = { 'interval.every': 'interval', 'interval.unit': 'interval' };

/** Typed value of a field, or undefined when empty; throws a message for an unreadable number. */
function typed(spec: FieldSpec, v: Values, locale: string): unknown {
  const raw = v[spec.key];
  switch (spec.kind) {
    case 'check': return raw === true;
    case 'assets': {
      const keys = (raw as string[] | undefined) ?? [];
      const systems = String(v[`${spec.key}.systems`] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      return [...keys.map(parseRefKey).filter((a): a is AssetRef => a !== null), ...systems.map((s) => ({ assetKind: 'system' as const, assetId: s }))];
    }
    case 'asset': {
      const system = String(v[`${spec.key}.system`] ?? '').trim();
      if (system) return { assetKind: 'system', assetId: system };
      return raw ? parseRefKey(String(raw)) ?? undefined : undefined;
    }
    case 'interval': {
      const every = String(v[`${spec.key}.every`] ?? '').trim();
      if (!every) return undefined;
      const n = parseDecimal(every, locale);
      if (n === null || !Number.isInteger(n)) throw new FieldProblem(spec.key, 'ops.form.notWhole');
      return { every: n, unit: String(v[`${spec.key}.unit`] ?? 'month') };
    }
    case 'int':
    case 'number': {
      const s = String(raw ?? '').trim();
      if (!s) return undefined;
      const n = parseDecimal(s, locale);
      if (n === null || (spec.kind === 'int' && !Number.isInteger(n))) throw new FieldProblem(spec.key, spec.kind === 'int' ? 'ops.form.notWhole' : 'ops.form.notNumber');
      return spec.scale ? Math.round(n * spec.scale) : n;
    }
    case 'datetime': {
      const s = String(raw ?? '');
      if (!s) return undefined;
      const iso = localInputToIso(s);
      if (!iso) throw new FieldProblem(spec.key, 'ops.form.notTime');
      return iso;
    }
    default: {
      const s = String(raw ?? '').trim();
      return s === '' ? undefined : s;
    }
  }
}

class FieldProblem extends Error {
  constructor(readonly field: string, readonly key: string) {
    super(key);
  }
}

export function RecordDialog({ def, onClose }: { def: FormDef; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const snapshot = useStore((s) => s.snapshot);
  const choices = useMemo(() => (snapshot ? assetChoices(snapshot) : []), [snapshot]);
  const [values, setValues] = useState<Values>(def.initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<{ message: string; details?: ReadonlyArray<{ path: string; message: string }> } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: string, value: string | boolean | string[]) => setValues((v) => ({ ...v, [key]: value }));

  const submit = async () => {
    const locale = i18n.language || 'en';
    const out: Record<string, unknown> = {};
    const changed: Record<string, unknown> = {};
    const missing: Record<string, string> = {};
    try {
      for (const f of def.fields) {
        const v = typed(f, values, locale);
        const empty = v === undefined || (Array.isArray(v) && v.length === 0 && f.kind === 'assets' && f.required);
        if (empty && 'required' in f && f.required) missing[f.key] = t('ops.form.required');
        if (v !== undefined) out[f.key] = v;
        const before = typed(f, def.initial, locale);
        if (JSON.stringify(before) !== JSON.stringify(v)) changed[f.key] = v === undefined ? null : v;
      }
    } catch (e) {
      if (e instanceof FieldProblem) {
        setErrors({ [e.field]: t(e.key) });
        return;
      }
      throw e;
    }
    if (Object.keys(missing).length) {
      setErrors(missing);
      return;
    }
    setBusy(true);
    setErrors({});
    setGeneral(null);
    try {
      await def.submit(out, changed);
      onClose();
    } catch (err) {
      const e = toSerializedError(err);
      const field = def.fields.find((f) => errorConcerns(e.field, f.key) || errorConcerns(e.field && ENTITY_FIELDS[e.field], f.key));
      if (field) setErrors({ [field.key]: e.message });
      else setGeneral({ message: e.message, ...(e.details ? { details: e.details } : {}) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={def.title}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      size="lg"
      testId={def.testId}
      footer={(
        <>
          <button type="button" className="btn" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="ops-form-submit">{def.submitLabel}</button>
        </>
      )}
    >
      <div className="ops-form-grid">
        {def.fields.map((f) => (
          <FormField key={f.key} spec={f} values={values} set={set} error={errors[f.key]} choices={choices} />
        ))}
      </div>
      {general && (
        <div className="form-error" role="alert" data-testid="ops-form-error">
          <Icon name="alertCircle" size={14} />
          <div>
            <p>{general.message}</p>
            {general.details && general.details.length > 0 && (
              <ul className="ops-error-lines">{general.details.slice(0, 50).map((d, i) => <li key={i}><code>{d.path}</code> {d.message}</li>)}</ul>
            )}
          </div>
        </div>
      )}
    </Modal>
  );
}

function FormField({ spec, values, set, error, choices }: {
  spec: FieldSpec; values: Values; set(key: string, v: string | boolean | string[]): void; error: string | undefined; choices: AssetChoice[];
}) {
  const { t } = useTranslation();
  const id = useId();
  const label = t(`ops.field.${spec.key}`);
  const req = 'required' in spec && spec.required;
  const wide = spec.kind === 'assets' || (spec.kind === 'text' && (spec.multiline || spec.wide));
  const str = (k: string) => String(values[k] ?? '');
  let control: ReactNode;
  switch (spec.kind) {
    case 'check':
      return (
        <label className="checkbox ops-form-check">
          <input type="checkbox" checked={values[spec.key] === true} onChange={(e) => set(spec.key, e.target.checked)} data-testid={`ops-field-${spec.key}`} />
          <span>{label}</span>
        </label>
      );
    case 'text':
      control = spec.multiline
        ? <textarea id={id} className="input ops-textarea" value={str(spec.key)} onChange={(e) => set(spec.key, e.target.value)} aria-invalid={error ? true : undefined} data-testid={`ops-field-${spec.key}`} />
        : <input id={id} className="input" value={str(spec.key)} onChange={(e) => set(spec.key, e.target.value)} aria-invalid={error ? true : undefined} autoComplete="off" spellCheck={false} data-testid={`ops-field-${spec.key}`} />;
      break;
    case 'int':
    case 'number':
      control = (
        <div className={`input-wrap${spec.suffix ? ' has-suffix' : ''}`}>
          <input id={id} className="input input-numeric" inputMode="decimal" value={str(spec.key)} onChange={(e) => set(spec.key, e.target.value)} aria-invalid={error ? true : undefined} data-testid={`ops-field-${spec.key}`} />
          {spec.suffix && <span className="input-suffix">{spec.suffix}</span>}
        </div>
      );
      break;
    case 'select':
      control = (
        <select id={id} className="input select" value={str(spec.key)} onChange={(e) => set(spec.key, e.target.value)} aria-invalid={error ? true : undefined} data-testid={`ops-field-${spec.key}`}>
          {!spec.required && <option value="">{t('ops.form.none')}</option>}
          {spec.required && !str(spec.key) && <option value="" disabled>{t('ops.form.choose')}</option>}
          {spec.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      );
      break;
    case 'day':
      control = <input id={id} type="date" className="input" value={str(spec.key)} onChange={(e) => set(spec.key, e.target.value)} aria-invalid={error ? true : undefined} data-testid={`ops-field-${spec.key}`} />;
      break;
    case 'datetime':
      control = <input id={id} type="datetime-local" className="input" value={str(spec.key)} onChange={(e) => set(spec.key, e.target.value)} aria-invalid={error ? true : undefined} data-testid={`ops-field-${spec.key}`} />;
      break;
    case 'asset':
      control = (
        <div className="ops-asset-pick">
          <select id={id} className="input select" value={str(spec.key)} onChange={(e) => { set(spec.key, e.target.value); set(`${spec.key}.system`, ''); }} aria-invalid={error ? true : undefined} data-testid={`ops-field-${spec.key}`}>
            <option value="">{spec.required ? t('ops.form.choose') : t('ops.form.none')}</option>
            {choices.map((c) => <option key={c.key} value={c.key}>{`${'\u2003'.repeat(c.depth)}${c.label}`}</option>)}
          </select>
          <input className="input" placeholder={t('ops.form.systemPlaceholder')} aria-label={t('ops.form.system')} value={str(`${spec.key}.system`)} onChange={(e) => set(`${spec.key}.system`, e.target.value)} />
        </div>
      );
      break;
    case 'assets': {
      const selected = (values[spec.key] as string[] | undefined) ?? [];
      control = (
        <div className="ops-assets-pick">
          <select id={id} multiple size={6} className="input ops-multi" value={selected} aria-invalid={error ? true : undefined} data-testid={`ops-field-${spec.key}`}
            onChange={(e) => set(spec.key, Array.from(e.target.selectedOptions, (o) => o.value))}>
            {choices.filter((c) => c.ref.assetKind !== 'system').map((c) => <option key={c.key} value={c.key}>{`${'\u2003'.repeat(c.depth)}${c.label}`}</option>)}
          </select>
          <input className="input" placeholder={t('ops.form.systemsPlaceholder')} aria-label={t('ops.form.systems')} value={str(`${spec.key}.systems`)} onChange={(e) => set(`${spec.key}.systems`, e.target.value)} />
          <span className="field-hint">{t('ops.form.assetsHint', { count: selected.length })}</span>
        </div>
      );
      break;
    }
    case 'interval':
      control = (
        <div className="ops-interval">
          <input id={id} className="input input-numeric" inputMode="numeric" value={str(`${spec.key}.every`)} onChange={(e) => set(`${spec.key}.every`, e.target.value)} aria-invalid={error ? true : undefined} data-testid={`ops-field-${spec.key}`} placeholder={spec.required ? '' : t('ops.form.never')} />
          <select className="input select" aria-label={t('ops.form.unit')} value={str(`${spec.key}.unit`) || 'month'} onChange={(e) => set(`${spec.key}.unit`, e.target.value)}>
            {INTERVAL_UNITS.filter((u) => !(spec.noHours && u === 'hour')).map((u) => <option key={u} value={u}>{t(`ops.unit.${u}`)}</option>)}
          </select>
        </div>
      );
      break;
  }
  return (
    <div className={`field${wide ? ' ops-field-wide' : ''}`}>
      <label className="field-label" htmlFor={id}>{label}{req && <span className="ops-req" aria-hidden="true"> *</span>}</label>
      {control}
      {error && <p className="field-error" role="alert"><Icon name="alertCircle" size={14} />{error}</p>}
    </div>
  );
}

// ---------------------------------------------------------------- the forms per record

const opts = (values: readonly string[], label: (v: string) => string): Opt[] => values.map((v) => ({ value: v, label: label(v) }));

function nowInput(): string {
  return isoToLocalInput(new Date().toISOString());
}

function initialFrom(fields: FieldSpec[], entity: Record<string, unknown> | undefined, defaults: Values = {}): Values {
  const v: Values = { ...defaults };
  if (!entity) return v;
  for (const f of fields) {
    const x = entity[f.key];
    if (x === undefined || x === null) continue;
    switch (f.kind) {
      case 'check': v[f.key] = x === true; break;
      case 'assets': {
        const list = x as AssetRef[];
        v[f.key] = list.filter((a) => a.assetKind !== 'system').map(refKey);
        v[`${f.key}.systems`] = list.filter((a) => a.assetKind === 'system').map((a) => a.assetId).join(', ');
        break;
      }
      case 'asset': {
        const a = x as AssetRef;
        if (a.assetKind === 'system') v[`${f.key}.system`] = a.assetId;
        else v[f.key] = refKey(a);
        break;
      }
      case 'interval': {
        const i = x as { every: number; unit: string };
        v[`${f.key}.every`] = String(i.every);
        v[`${f.key}.unit`] = i.unit;
        break;
      }
      case 'datetime': v[f.key] = isoToLocalInput(String(x)); break;
      case 'int':
      case 'number': v[f.key] = String(f.scale ? Number(x) / f.scale : x); break;
      default: v[f.key] = String(x);
    }
  }
  return v;
}

/** Create or update through the register's commands. */
function crud(name: string, id: string | undefined, extra: Record<string, unknown> = {}) {
  const invoke = call as unknown as (method: string, args: unknown) => Promise<unknown>;
  return (values: Record<string, unknown>, changed: Record<string, unknown>) => (id
    ? Object.keys(changed).length ? invoke(`cmd.${name}.update`, { id, patch: changed }) : Promise.resolve(null)
    : invoke(`cmd.${name}.create`, { ...values, ...extra }));
}

export function formFor(modal: OpsModal, snap: DocumentSnapshot, t: (k: string, o?: Record<string, unknown>) => string, locale = 'en'): FormDef | null {
  const tt = (prefix: string) => (v: string) => t(`${prefix}.${v}`);
  const edit = 'id' in modal && modal.id !== undefined;
  const title = (what: string) => t(edit ? `ops.form.edit.${what}` : `ops.form.add.${what}`);
  const save = edit ? t('ops.form.save') : t('ops.form.create');
  switch (modal.kind) {
    case 'maintenance': {
      const fields: FieldSpec[] = [
        { key: 'title', kind: 'text', required: true, wide: true },
        { key: 'category', kind: 'select', required: true, options: opts(MAINTENANCE_CATEGORIES, tt('ops.category')) },
        { key: 'status', kind: 'select', required: true, options: opts(MAINTENANCE_STATUSES, tt('ops.status')) },
        { key: 'asset', kind: 'asset', required: true },
        { key: 'plannedDate', kind: 'day' },
        { key: 'performedBy', kind: 'text' },
        { key: 'approvedBy', kind: 'text' },
        { key: 'approvalRef', kind: 'text' },
        { key: 'fromVersion', kind: 'text' },
        { key: 'toVersion', kind: 'text' },
        { key: 'issueId', kind: 'select', options: Object.values(snap.cxIssues).map((i) => ({ value: i.id, label: i.title })) },
        { key: 'notes', kind: 'text', multiline: true },
      ];
      const e = modal.id ? snap.maintenance[modal.id] : undefined;
      if (e?.status === 'done') {
        fields.splice(5, 0, { key: 'completedAt', kind: 'datetime' }, { key: 'outcome', kind: 'select', options: opts(MAINTENANCE_OUTCOMES, tt('ops.outcome')) });
      }
      const p = modal.preset;
      const schedule = p ? snap.maintenanceSchedules[p.scheduleId] : undefined;
      const defaults: Values = p && schedule
        ? { title: schedule.title, category: schedule.category, status: 'planned', asset: refKey(p.asset), plannedDate: p.occurrence, performedBy: schedule.performedBy ?? '', ...(p.asset.assetKind === 'system' ? { asset: '', 'asset.system': p.asset.assetId } : {}) }
        : { status: 'planned', category: 'preventive' };
      return {
        title: p ? t('ops.form.planOccurrence', { date: formatDay(p.occurrence, locale) }) : title('maintenance'), fields, initial: initialFrom(fields, e, defaults), testId: 'ops-form-maintenance', submitLabel: save,
        submit: crud('maintenance', modal.id, p ? { scheduleId: p.scheduleId, occurrence: p.occurrence } : {}),
      };
    }
    case 'complete': {
      const e = snap.maintenance[modal.id];
      const fields: FieldSpec[] = [
        { key: 'completedAt', kind: 'datetime', required: true },
        { key: 'outcome', kind: 'select', required: true, options: opts(MAINTENANCE_OUTCOMES, tt('ops.outcome')) },
        { key: 'performedBy', kind: 'text' },
        { key: 'toVersion', kind: 'text' },
        { key: 'notes', kind: 'text', multiline: true },
      ];
      return {
        title: t('ops.form.complete', { title: e?.title ?? '' }), fields, testId: 'ops-form-complete', submitLabel: t('ops.maintenance.complete'),
        initial: { completedAt: nowInput(), outcome: 'success', performedBy: e?.performedBy ?? '', toVersion: e?.toVersion ?? '', notes: e?.notes ?? '' },
        submit: (v) => call('cmd.maintenance.complete', { id: modal.id, ...v } as never),
      };
    }
    case 'schedule': {
      const fields: FieldSpec[] = [
        { key: 'title', kind: 'text', required: true, wide: true },
        { key: 'category', kind: 'select', required: true, options: opts(MAINTENANCE_CATEGORIES, tt('ops.category')) },
        { key: 'interval', kind: 'interval', required: true, noHours: true },
        { key: 'startDate', kind: 'day', required: true },
        { key: 'leadDays', kind: 'int', suffix: t('ops.unit.days') },
        { key: 'performedBy', kind: 'text' },
        { key: 'active', kind: 'check' },
        { key: 'assets', kind: 'assets', required: true },
      ];
      return {
        title: title('schedule'), fields, testId: 'ops-form-schedule', submitLabel: save, submit: crud('maintenanceSchedule', modal.id),
        initial: initialFrom(fields, modal.id ? snap.maintenanceSchedules[modal.id] : undefined, { category: 'preventive', 'interval.every': '3', 'interval.unit': 'month', active: true }),
      };
    }
    case 'policy': {
      const fields: FieldSpec[] = [
        { key: 'name', kind: 'text', required: true },
        { key: 'target', kind: 'text', required: true },
        { key: 'schedule', kind: 'interval', required: true },
        { key: 'retentionDays', kind: 'int', required: true, suffix: t('ops.unit.days') },
        { key: 'restoreTest', kind: 'interval', noHours: true },
        { key: 'active', kind: 'check' },
        { key: 'scope', kind: 'text', multiline: true },
        { key: 'assets', kind: 'assets' },
      ];
      return {
        title: title('policy'), fields, testId: 'ops-form-policy', submitLabel: save,
        submit: (v, c) => crud('backupPolicy', modal.id)({ scope: '', assets: [], ...v }, c),
        initial: initialFrom(fields, modal.id ? snap.backupPolicies[modal.id] : undefined, { 'schedule.every': '1', 'schedule.unit': 'day', retentionDays: '30', 'restoreTest.unit': 'month', active: true }),
      };
    }
    case 'run': {
      const fields: FieldSpec[] = [
        { key: 'policyId', kind: 'select', required: true, options: Object.values(snap.backupPolicies).map((p) => ({ value: p.id, label: p.name })) },
        { key: 'kind', kind: 'select', required: true, options: opts(BACKUP_RUN_KINDS, tt('ops.runKind')) },
        { key: 'status', kind: 'select', required: true, options: opts(BACKUP_RUN_STATUSES, tt('ops.runStatus')) },
        { key: 'startedAt', kind: 'datetime', required: true },
        { key: 'finishedAt', kind: 'datetime' },
        { key: 'sizeBytes', kind: 'number', suffix: 'GB', scale: 1e9 },
        { key: 'note', kind: 'text', multiline: true },
      ];
      return {
        title: title('run'), fields, testId: 'ops-form-run', submitLabel: save, submit: crud('backupRun', modal.id, { source: 'manual' }),
        initial: initialFrom(fields, modal.id ? snap.backupRuns[modal.id] : undefined, { policyId: modal.policyId ?? '', kind: 'backup', status: 'success', startedAt: nowInput() }),
      };
    }
    case 'licence': {
      const fields: FieldSpec[] = [
        { key: 'product', kind: 'text', required: true },
        { key: 'vendor', kind: 'text', required: true },
        { key: 'metric', kind: 'select', required: true, options: opts(LICENCE_METRICS, tt('ops.metric')) },
        { key: 'quantity', kind: 'int', required: true },
        { key: 'expiresOn', kind: 'day' },
        { key: 'cost', kind: 'number' },
        { key: 'currency', kind: 'text' },
        { key: 'contractRef', kind: 'text' },
        { key: 'notes', kind: 'text', multiline: true },
      ];
      return {
        title: title('licence'), fields, testId: 'ops-form-licence', submitLabel: save, submit: crud('licence', modal.id),
        initial: initialFrom(fields, modal.id ? snap.licences[modal.id] : undefined, { metric: 'core', currency: 'EUR' }),
      };
    }
    case 'assign': {
      const lic = snap.licences[modal.licenceId];
      // Passive equipment runs no software: blanking panels, patch panels and cable managers are not offered.
      const passive = new Set(['blanking', 'patch-panel', 'cable-manager']);
      const devices = Object.values(snap.devices).filter((d) => !passive.has(snap.deviceTypes[d.typeId]?.role ?? '') || (modal.id !== undefined && snap.licenceAssignments[modal.id]?.deviceId === d.id))
        .map((d) => ({ value: d.id, label: `${d.name ?? snap.deviceTypes[d.typeId]?.model ?? d.id} · ${snap.racks[d.rackId]?.name ?? ''}` }))
        .sort((a, b) => a.label.localeCompare(b.label, undefined, { numeric: true }));
      const fields: FieldSpec[] = [
        { key: 'deviceId', kind: 'select', required: true, options: devices },
        { key: 'units', kind: 'int', required: true, suffix: lic ? t(`ops.metricUnit.${lic.metric}`) : '' },
      ];
      return {
        title: t(edit ? 'ops.form.edit.assign' : 'ops.form.add.assign', { licence: lic ? `${lic.vendor} ${lic.product}` : '' }), fields, testId: 'ops-form-assign', submitLabel: save,
        submit: crud('licenceAssignment', modal.id, { licenceId: modal.licenceId }),
        initial: initialFrom(fields, modal.id ? snap.licenceAssignments[modal.id] : undefined, { units: '1' }),
      };
    }
    case 'sensor': {
      const racks = Object.values(snap.racks).map((r) => ({ value: r.id, label: `${r.name} · ${snap.rooms[r.roomId]?.name ?? ''}` })).sort((a, b) => a.label.localeCompare(b.label, undefined, { numeric: true }));
      const fields: FieldSpec[] = [
        { key: 'name', kind: 'text', required: true },
        { key: 'externalId', kind: 'text' },
        { key: 'roomId', kind: 'select', required: true, options: Object.values(snap.rooms).map((r) => ({ value: r.id, label: r.name })) },
        { key: 'rackId', kind: 'select', options: racks },
        { key: 'placement', kind: 'select', required: true, options: opts(SENSOR_PLACEMENTS, tt('ops.placement')) },
      ];
      return {
        title: title('sensor'), fields, testId: 'ops-form-sensor', submitLabel: save, submit: crud('sensor', modal.id),
        initial: initialFrom(fields, modal.id ? snap.sensors[modal.id] : undefined, { placement: 'room', roomId: Object.keys(snap.rooms)[0] ?? '' }),
      };
    }
    case 'event': {
      const fields: FieldSpec[] = [
        { key: 'title', kind: 'text', required: true, wide: true },
        { key: 'at', kind: 'datetime', required: true },
        { key: 'category', kind: 'select', required: true, options: opts(OPS_EVENT_CATEGORIES, tt('ops.eventCategory')) },
        { key: 'severity', kind: 'select', required: true, options: opts(OPS_EVENT_SEVERITIES, tt('ops.severityLevel')) },
        { key: 'asset', kind: 'asset' },
        { key: 'author', kind: 'text' },
        { key: 'detail', kind: 'text', multiline: true },
      ];
      return {
        title: title('event'), fields, testId: 'ops-form-event', submitLabel: save, submit: crud('opsEvent', modal.id),
        initial: initialFrom(fields, modal.id ? snap.opsEvents[modal.id] : undefined, { at: nowInput(), category: 'note', severity: 'info', author: useStore.getState().prefs.cxActor?.name ?? '' }),
      };
    }
    case 'contact': {
      const fields: FieldSpec[] = [
        { key: 'name', kind: 'text', required: true },
        { key: 'organisation', kind: 'text' },
        { key: 'role', kind: 'select', required: true, options: opts(CONTACT_ROLES, tt('ops.role')) },
        { key: 'escalationLevel', kind: 'int', required: true },
        { key: 'phone', kind: 'text' },
        { key: 'email', kind: 'text' },
        { key: 'hours', kind: 'text' },
        { key: 'contractRef', kind: 'text' },
        { key: 'assets', kind: 'assets' },
        { key: 'notes', kind: 'text', multiline: true },
      ];
      return {
        title: title('contact'), fields, testId: 'ops-form-contact', submitLabel: save,
        submit: (v, c) => crud('contact', modal.id)({ assets: [], ...v }, c),
        initial: initialFrom(fields, modal.id ? snap.contacts[modal.id] : undefined, { role: 'vendor-support', escalationLevel: '1' }),
      };
    }
    case 'settings': {
      const fields: FieldSpec[] = [
        { key: 'licenceLeadDays', kind: 'int', suffix: t('ops.unit.days') },
        { key: 'maintenanceLeadDays', kind: 'int', suffix: t('ops.unit.days') },
        { key: 'backupGraceHours', kind: 'number', suffix: 'h' },
        { key: 'excursionMinMinutes', kind: 'number', suffix: 'min' },
      ];
      const current = snap.project.ops ?? {};
      const initial: Values = Object.fromEntries(fields.map((f) => [f.key, String((current as Record<string, unknown>)[f.key] ?? OPS_DEFAULTS[f.key as keyof typeof OPS_DEFAULTS])]));
      return {
        title: t('ops.settings.title'), fields, initial, testId: 'ops-form-settings', submitLabel: t('ops.form.save'),
        submit: (_v, c) => (Object.keys(c).length ? call('cmd.ops.settings.update', Object.fromEntries(Object.entries(c).filter(([, x]) => x !== null)) as never) : Promise.resolve(null)),
      };
    }
    default:
      return null;
  }
}

/** The open register form, if any. */
export function OpsDialogs() {
  const { t, i18n } = useTranslation();
  const modal = useOps((s) => s.modal);
  const setModal = useOps((s) => s.setModal);
  const snapshot = useStore((s) => s.snapshot);
  if (!modal || !snapshot) return null;
  const close = () => setModal(null);
  if (modal.kind === 'runErrors') {
    return (
      <Modal title={t('ops.backups.importRefused', { file: modal.fileName })} onClose={close} testId="ops-run-errors" dismissOnBackdrop
        footer={<button type="button" className="btn btn-primary" onClick={close}>{t('common.close')}</button>}>
        <p>{t('ops.backups.importRefusedHint')}</p>
        <ul className="ops-error-lines">{modal.errors.slice(0, 100).map((e, i) => <li key={i}><code>{t('ops.line', { line: e.line })}</code> {e.message}</li>)}</ul>
      </Modal>
    );
  }
  if (modal.kind === 'importReadings') return null;
  const def = formFor(modal, snapshot, t, i18n.language || 'en');
  if (!def) return null;
  // A new key per record, so switching from one record's form to another resets the fields.
  return <RecordDialog key={`${modal.kind}:${'id' in modal ? modal.id ?? '' : ''}`} def={def} onClose={close} />;
}
