/**
 * Walk mode's dialogs: who is walking, add checklists by rule, the fail prompt (what the
 * template's onFail requires, collected BEFORE the command, which refuses otherwise), the reason
 * for changing a signed item, sign-off with a signature pad, and the issue detail with its
 * workflow buttons (disabled with the reason when the actor may not use them).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { gateFor } from '../../../core/commands/cx';
import { parsePublished, publishedVersions } from '../../../core/cx/published';
import { SnapshotReader } from '../../../core/model/changes';
import type { CxIssue } from '../../../core/model/schema';
import { CX_SEVERITIES } from '../../../core/model/schema';
import { call } from '../api/client';
import { Field, SelectField, TextField } from '../components/Field';
import { Icon } from '../components/Icon';
import { Modal } from '../components/Modal';
import { useStore } from '../state/store';
import { actorArg, saveActor, useActor } from './actor';
import { gateText, SeverityBadge } from './CommissionWorkspace';
import type { GateReason } from '../../../core/cx/gating';
import { answerItem, reportError, runAs, signedCovering } from './walkKeys';
import { useCx } from './cxState';
import { assetName, instanceView, transitionAllowed, upgradePreview } from './logic';
import { blockingSeveritiesOf } from '../../../core/cx/gating';
import type { UpgradeResult } from '../../../core/commands/cx';
import { cxSettings } from '../../../core/commands/cx';
import { photoUrl } from './photo';

export function CxDialogs() {
  const modal = useCx((s) => s.modal);
  const close = () => useCx.getState().setModal(null);
  if (!modal) return null;
  switch (modal.kind) {
    case 'actor': return <ActorDialog onClose={close} />;
    case 'add': return <AddChecklistsDialog onClose={close} />;
    case 'fail': return <FailDialog itemId={modal.itemId} value={modal.value} onClose={close} />;
    case 'reason': return <ReasonDialog modal={modal} onClose={close} />;
    case 'signoff': return <SignOffDialog scope={modal.scope} onClose={close} />;
    case 'issue': return <IssueDialog issueId={modal.issueId} onClose={close} />;
    case 'newIssue': return <NewIssueDialog onClose={close} />;
    case 'settings': return <SettingsDialog onClose={close} />;
    case 'upgrade': return <UpgradeDialog instanceId={modal.instanceId} onClose={close} />;
  }
}

export function PhotoThumb({ id }: { id: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    photoUrl(id).then((u) => live && setUrl(u), () => undefined);
    return () => {
      live = false;
    };
  }, [id]);
  if (!url) return <span className="cx-thumb cx-thumb-loading" />;
  // A document (PDF, CSV, text) is shown as a chip with its type; pictures as thumbnails.
  if (!url.startsWith('data:image/')) {
    const kind = url.slice(5, url.indexOf(';')).split('/')[1]?.toUpperCase() ?? 'FILE';
    return <a className="cx-thumb cx-file-chip" href={url} download={`${id.slice(5, 17)}.${kind.toLowerCase() === 'plain' ? 'txt' : kind.toLowerCase()}`} data-testid="cx-photo"><Icon name="file" size={16} />{kind === 'PLAIN' ? 'TXT' : kind}</a>;
  }
  return <a className="cx-thumb" href={url} target="_blank" rel="noreferrer"><img src={url} alt="" data-testid="cx-photo" /></a>;
}

function ActorDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const actor = useActor();
  const [name, setName] = useState(actor?.name ?? '');
  const [role, setRole] = useState(actor?.role ?? '');
  const [company, setCompany] = useState(actor?.company ?? '');
  const submit = () => {
    if (!name.trim()) return;
    saveActor({ name: name.trim(), role: role.trim(), company: company.trim() }).then(onClose, reportError);
  };
  return (
    <Modal title={t('cx.actor.title')} onClose={onClose} onSubmit={submit} testId="cx-actor-dialog"
      footer={<><button type="button" className="btn" onClick={onClose}>{t('common.cancel')}</button><button type="submit" className="btn btn-primary" disabled={!name.trim()}>{t('cx.actor.save')}</button></>}>
      <p className="cx-muted">{t('cx.actor.hint')}</p>
      <TextField label={t('cx.actor.name')} value={name} onChange={(e) => setName(e.target.value)} data-testid="cx-actor-name" />
      <TextField label={t('cx.actor.role')} value={role} onChange={(e) => setRole(e.target.value)} data-testid="cx-actor-role" />
      <TextField label={t('cx.actor.company')} value={company} onChange={(e) => setCompany(e.target.value)} />
      {actor && <p className="cx-muted">{t('cx.actor.device', { id: actor.deviceId })}</p>}
    </Modal>
  );
}

type RuleKind = 'room' | 'role' | 'selected' | 'asset';

function AddChecklistsDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const snap = useStore((s) => s.snapshot)!;
  const selection = useStore((s) => s.selection);
  const latest = useMemo(() => {
    const ids = [...new Set(Object.values(snap.cxTemplates).map((x) => x.templateId))];
    const doc = new SnapshotReader(snap);
    return ids.map((id) => publishedVersions(doc, id)[0]!).sort((a, b) => a.level.localeCompare(b.level) || a.title.localeCompare(b.title));
  }, [snap]);
  const [templateRef, setTemplateRef] = useState(latest[0]?.id ?? '');
  const row = latest.find((x) => x.id === templateRef);
  const template = row ? parsePublished(row) : null;
  const kinds = template?.appliesTo.map((a) => a.kind) ?? [];
  const [assetKind, setAssetKind] = useState<string>(kinds[0] ?? 'rack');
  useEffect(() => {
    if (kinds.length && !kinds.includes(assetKind as never)) setAssetKind(kinds[0]!);
  }, [kinds, assetKind]);
  const [ruleKind, setRuleKind] = useState<RuleKind>('room');
  const [roomId, setRoomId] = useState('');
  const [role, setRole] = useState('');
  const [oneAsset, setOneAsset] = useState('');
  const selectedIds = selection && selection.kind === assetKind ? selection.ids : [];
  // "One asset": every asset of the kind the template applies to (its roles), by name, for the keyboard.
  const assetChoices = useMemo(() => {
    const applies = template?.appliesTo.find((a) => a.kind === assetKind);
    const all = previewAssets(snap, { assetKind });
    return (applies?.roles ? all.filter((a) => a.role !== null && applies.roles!.includes(a.role)) : all)
      .map((a) => ({ id: a.id, name: assetName(snap, assetKind, a.id) })).sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  }, [snap, template, assetKind]);
  const assetPick = assetChoices.some((a) => a.id === oneAsset) ? oneAsset : assetChoices[0]?.id ?? '';
  const rule = {
    assetKind: assetKind as 'rack',
    ...(ruleKind === 'room' && roomId ? { roomId } : {}),
    ...(ruleKind === 'role' && role ? { roles: [role] } : {}),
    ...(ruleKind === 'selected' ? { assetIds: [...selectedIds] } : {}),
    ...(ruleKind === 'asset' ? { assetIds: assetPick ? [assetPick] : [] } : {}),
  };
  // The preview runs the same planning as the command, on the mirror: no call, no change.
  const preview = useMemo(() => {
    if (!template || !row) return null;
    const doc = new SnapshotReader(snap);
    const assets = previewAssets(snap, rule);
    const applies = template.appliesTo.find((a) => a.kind === assetKind);
    const list = applies?.roles ? assets.filter((a) => a.role !== null && applies.roles!.includes(a.role)) : assets;
    let create = 0;
    let kept = 0;
    const blocked: Array<{ assetId: string; reasons: GateReason[] }> = [];
    for (const a of list) {
      const others = Object.values(snap.cxInstances).filter((i) => i.assetKind === assetKind && i.assetId === a.id);
      if (others.some((i) => i.templateId === template.id)) {
        kept++;
        continue;
      }
      const reasons = gateFor(doc, template, assetKind as 'rack', a.id, undefined, others);
      if (reasons.length) blocked.push({ assetId: a.id, reasons });
      else create++;
    }
    return { matched: list.length, create, kept, blocked };
  }, [snap, templateRef, assetKind, ruleKind, roomId, role, selectedIds.join(','), assetPick]);
  const [allowGated, setAllowGated] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = () => {
    if (!template) return;
    setBusy(true);
    void runAs(async (actor) => {
      const res = await call('cmd.cx.generate', { templateId: template.id, version: template.version, rule, ...(allowGated ? { allowGated: true } : {}), actor: actorArg(actor) });
      useStore.getState().pushToast({ tone: 'success', message: t('cx.add.done', { count: res.result.created.length }) });
      onClose();
    }).finally(() => setBusy(false));
  };
  const roles = [...new Set(Object.values(snap.deviceTypes).map((d) => d.role))].filter(Boolean).sort();
  return (
    <Modal title={t('cx.add.title')} onClose={onClose} onSubmit={submit} size="lg" busy={busy} testId="cx-add-dialog"
      footer={<><button type="button" className="btn" onClick={onClose}>{t('common.cancel')}</button>
        <button type="submit" className="btn btn-primary" disabled={!template || !preview || (preview.create === 0 && !(allowGated && preview.blocked.length > 0))} data-testid="cx-add-submit">{t('cx.add.submit', { count: preview ? preview.create + (allowGated ? preview.blocked.length : 0) : 0 })}</button></>}>
      {latest.length === 0 ? (
        <p>{t('cx.add.noTemplates')}</p>
      ) : (
        <>
          <SelectField label={t('cx.add.template')} value={templateRef} onChange={(e) => setTemplateRef(e.target.value)} data-testid="cx-add-template">
            {/* Grouped by level, each option starting with its title: type-ahead on the select finds a template by name. */}
            {[...new Set(latest.map((x) => x.level))].map((level) => (
              <optgroup key={level} label={level}>
                {latest.filter((x) => x.level === level).map((x) => <option key={x.id} value={x.id}>{`${x.title} (${x.level}, v${x.version})`}</option>)}
              </optgroup>
            ))}
          </SelectField>
          <SelectField label={t('cx.add.assetKind')} value={assetKind} onChange={(e) => setAssetKind(e.target.value)}>
            {kinds.map((k) => <option key={k} value={k}>{t(`cx.kind.${k}`)}</option>)}
          </SelectField>
          <SelectField label={t('cx.add.rule')} value={ruleKind} onChange={(e) => setRuleKind(e.target.value as RuleKind)} data-testid="cx-add-rule">
            <option value="room">{t('cx.add.ruleRoom')}</option>
            <option value="role">{t('cx.add.ruleRole')}</option>
            <option value="selected">{t('cx.add.ruleSelected', { count: selectedIds.length })}</option>
            <option value="asset">{t('cx.add.ruleAsset')}</option>
          </SelectField>
          {ruleKind === 'asset' && (
            <SelectField label={t('cx.add.asset')} value={assetPick} onChange={(e) => setOneAsset(e.target.value)} data-testid="cx-add-asset">
              {assetChoices.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
            </SelectField>
          )}
          {ruleKind === 'room' && (
            <SelectField label={t('cx.add.room')} value={roomId} onChange={(e) => setRoomId(e.target.value)}>
              <option value="">{t('cx.add.allRooms')}</option>
              {Object.values(snap.rooms).map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
            </SelectField>
          )}
          {ruleKind === 'role' && (
            <SelectField label={t('cx.add.role')} value={role} onChange={(e) => setRole(e.target.value)}>
              <option value="">—</option>
              {roles.map((r) => <option key={r} value={r}>{r}</option>)}
            </SelectField>
          )}
          {preview && (
            <div className="cx-preview" data-testid="cx-add-preview">
              <p><strong>{t('cx.add.willCreate', { count: preview.create })}</strong> {t('cx.add.matched', { matched: preview.matched, kept: preview.kept })}</p>
              {preview.blocked.length > 0 && (
                <>
                  <p className="cx-warn"><Icon name="lock" size={12} />{t('cx.add.gated', { count: preview.blocked.length })}</p>
                  <ul className="cx-preview-blocked">
                    {preview.blocked.slice(0, 8).map((b) => <li key={b.assetId}><strong>{assetName(snap, assetKind, b.assetId)}</strong>: {b.reasons.map((r) => gateText(t, r, snap)).join(' ')}</li>)}
                    {preview.blocked.length > 8 && <li>…</li>}
                  </ul>
                  <label className="cx-check"><input type="checkbox" checked={allowGated} onChange={(e) => setAllowGated(e.target.checked)} data-testid="cx-add-allow-gated" />{t('cx.add.allowGated')}</label>
                </>
              )}
            </div>
          )}
        </>
      )}
    </Modal>
  );
}

function previewAssets(snap: ReturnType<typeof useStore.getState>['snapshot'] & object, rule: { assetKind: string; roomId?: string; roles?: string[]; assetIds?: readonly string[] }): Array<{ id: string; role: string | null }> {
  let out: Array<{ id: string; role: string | null; roomId: string | null }>;
  switch (rule.assetKind) {
    case 'rack': out = Object.values(snap.racks).map((r) => ({ id: r.id, role: null, roomId: r.roomId })); break;
    case 'device': out = Object.values(snap.devices).map((d) => ({ id: d.id, role: snap.deviceTypes[d.typeId]?.role ?? null, roomId: snap.racks[d.rackId]?.roomId ?? null })); break;
    case 'floorEquipment': out = Object.values(snap.floorEquipment).map((f) => ({ id: f.id, role: f.kind, roomId: f.roomId })); break;
    case 'powerElement': out = Object.values(snap.powerElements).map((p) => ({ id: p.id, role: p.kind, roomId: p.roomId ?? null })); break;
    case 'room': out = Object.values(snap.rooms).map((r) => ({ id: r.id, role: null, roomId: r.id })); break;
    case 'row': out = Object.values(snap.rows).map((r) => ({ id: r.id, role: null, roomId: r.roomId })); break;
    default: out = (rule.assetIds ?? []).map((id) => ({ id, role: id, roomId: null }));
  }
  if (rule.roomId) out = out.filter((a) => a.roomId === rule.roomId);
  if (rule.assetIds) out = out.filter((a) => rule.assetIds!.includes(a.id));
  if (rule.roles) out = out.filter((a) => a.role !== null && rule.roles!.includes(a.role));
  return out;
}

function FailDialog({ itemId, value, onClose }: { itemId: string; value: unknown; onClose(): void }) {
  const { t } = useTranslation();
  const snap = useStore((s) => s.snapshot)!;
  const instanceId = useCx((s) => s.instanceId)!;
  const view = instanceView(snap, instanceId)!;
  const item = view.plan!.byId.get(itemId)!;
  const onFail = item.onFail ?? {};
  const signed = view.signOffs.some((s) => !s.invalidatedAt && s.covers.includes(itemId));
  const [note, setNote] = useState('');
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const [assignee, setAssignee] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const missingNote = !!onFail.requireNote && !note.trim();
  const missingPhoto = !!onFail.requirePhoto && photoIds.length === 0;
  const missingReason = signed && !reason.trim();
  const addPhoto = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    try {
      const { uploadPhoto } = await import('./photo');
      const ids: string[] = [];
      for (const f of Array.from(files)) ids.push(await uploadPhoto(f, useCx.getState().keepOriginals));
      setPhotoIds((p) => [...p, ...ids]);
    } catch (err) {
      reportError(err);
    } finally {
      setBusy(false);
    }
  };
  const submit = () => {
    if (missingNote || missingPhoto || missingReason) return;
    setBusy(true);
    void runAs(async (actor) => {
      const res = await call('cmd.cx.answer', { instanceId, itemId, value, note: note.trim(), ...(photoIds.length ? { photoIds } : {}), ...(reason.trim() ? { reason: reason.trim() } : {}), actor: actorArg(actor) });
      if (res.result.issueId && (assignee.trim() || dueDate)) {
        await call('cmd.cx.issue.update', { id: res.result.issueId, patch: { ...(assignee.trim() ? { assignee: assignee.trim() } : {}), ...(dueDate ? { dueDate } : {}) }, actor: actorArg(actor) });
      }
      onClose();
    }).finally(() => setBusy(false));
  };
  return (
    <Modal title={t('cx.fail.title')} icon={<Icon name="alert" />} onClose={onClose} onSubmit={submit} busy={busy} testId="cx-fail-dialog"
      footer={<><button type="button" className="btn" onClick={onClose}>{t('common.cancel')}</button><button type="submit" className="btn btn-danger" disabled={missingNote || missingPhoto || missingReason || busy} data-testid="cx-fail-submit">{t('cx.fail.submit')}</button></>}>
      <p className="cx-fail-item">{item.label}</p>
      <Field label={`${t('cx.fail.note')}${onFail.requireNote ? ' *' : ''}`} hint={onFail.requireNote ? t('cx.fail.noteRequired') : undefined}>
        <textarea className="cx-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} data-testid="cx-fail-note" data-autofocus />
      </Field>
      <Field label={`${t('cx.evidence.photos')}${onFail.requirePhoto ? ' *' : ''}`} hint={onFail.requirePhoto ? t('cx.fail.photoRequired') : undefined}>
        <div className="cx-photo-strip">{photoIds.map((id) => <PhotoThumb key={id} id={id} />)}</div>
        <button type="button" className="btn cx-touch" onClick={() => input.current?.click()} disabled={busy} data-testid="cx-fail-photo"><Icon name="plus" size={14} />{t('cx.photo.add')}</button>
        <input ref={input} type="file" accept="image/*" capture="environment" hidden onChange={(e) => void addPhoto(e.target.files)} data-testid="cx-fail-photo-input" />
      </Field>
      {onFail.raiseIssue && (
        <div className="cx-fail-issue">
          <p><SeverityBadge severity={onFail.raiseIssue} /> {t('cx.fail.issueRaised')}</p>
          <TextField label={t('cx.issue.assignee')} value={assignee} onChange={(e) => setAssignee(e.target.value)} data-testid="cx-fail-assignee" />
          <TextField label={t('cx.issue.dueDate')} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
        </div>
      )}
      {signed && <TextField label={`${t('cx.reason.label')} *`} hint={t('cx.reason.hint')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="cx-reason" />}
    </Modal>
  );
}

function ReasonDialog({ modal, onClose }: { modal: { itemId: string; value: unknown; note?: string; photoIds?: string[] }; onClose(): void }) {
  const { t } = useTranslation();
  const snap = useStore((s) => s.snapshot)!;
  const instanceId = useCx((s) => s.instanceId)!;
  const [reason, setReason] = useState('');
  const clearing = modal.value === null;
  const signed = useMemo(() => {
    const v = instanceView(snap, instanceId);
    return v ? signedCovering(v, modal.itemId) : [];
  }, [snap, instanceId, modal.itemId]);
  const itemLabel = instanceView(snap, instanceId)?.plan?.byId.get(modal.itemId)?.label ?? modal.itemId;
  const submit = () => {
    if (!reason.trim()) return;
    const view = instanceView(snap, instanceId)!;
    const item = view.plan!.byId.get(modal.itemId)!;
    onClose();
    void answerItem(view, item, modal.value, { reason: reason.trim(), ...(modal.note !== undefined ? { note: modal.note } : {}), ...(modal.photoIds ? { photoIds: modal.photoIds } : {}) });
  };
  return (
    <Modal title={clearing ? t('cx.clear.title') : t('cx.reason.title')} icon={<Icon name="lock" />} onClose={onClose} onSubmit={submit} testId="cx-reason-dialog"
      footer={<><button type="button" className="btn" onClick={onClose}>{t('common.cancel')}</button><button type="submit" className={`btn ${clearing ? 'btn-danger' : 'btn-primary'}`} disabled={!reason.trim()} data-testid="cx-reason-submit">{clearing ? t('cx.clear.submit') : t('cx.reason.submit')}</button></>}>
      <p className="cx-fail-item">{itemLabel}</p>
      <p>{clearing ? t('cx.clear.hint') : t('cx.reason.hint')}</p>
      {signed.length > 0 && (
        <div className="cx-consequence" data-testid="cx-reason-consequence">
          <strong>{t('cx.reason.willInvalidate', { count: signed.length })}</strong>
          <ul>{signed.map((x) => <li key={x.id}><Icon name="lock" size={11} />{x.scope === 'final' ? t('cx.reason.finalScope') : t('cx.reason.sectionScope', { section: instanceView(snap, instanceId)?.template?.sections.find((sec) => sec.id === x.scope)?.title ?? x.scope })}: {t('cx.sign.by', { name: x.name, role: x.role, company: x.company ?? '', at: x.at.slice(0, 16).replace('T', ' ') })}</li>)}</ul>
        </div>
      )}
      <TextField label={`${t('cx.reason.label')} *`} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="cx-reason" />
    </Modal>
  );
}

/** A signature pad: strokes kept as an SVG path in a 400 × 120 box (small, scalable, under the schema's cap). */
function SignaturePad({ onChange }: { onChange(path: string): void }) {
  const { t } = useTranslation();
  const [path, setPath] = useState('');
  const drawing = useRef(false);
  const ref = useRef<SVGSVGElement>(null);
  const point = (e: React.PointerEvent) => {
    const r = ref.current!.getBoundingClientRect();
    return `${Math.round(((e.clientX - r.left) / r.width) * 400)} ${Math.round(((e.clientY - r.top) / r.height) * 120)}`;
  };
  const update = (p: string) => {
    setPath(p);
    onChange(p);
  };
  return (
    <div className="cx-sigpad-wrap">
      <svg ref={ref} className="cx-sigpad" viewBox="0 0 400 120" role="img" aria-label={t('cx.sign.pad')} data-testid="cx-sigpad"
        onPointerDown={(e) => {
          drawing.current = true;
          (e.target as Element).setPointerCapture?.(e.pointerId);
          update(`${path} M${point(e)}`.trim());
        }}
        onPointerMove={(e) => drawing.current && path.length < 150_000 && update(`${path} L${point(e)}`)}
        onPointerUp={() => {
          drawing.current = false;
        }}>
        <line x1={20} x2={380} y1={100} y2={100} className="cx-sigpad-line" />
        <path d={path} />
      </svg>
      <button type="button" className="btn btn-sm" onClick={() => update('')}>{t('cx.sign.clear')}</button>
    </div>
  );
}

function SignOffDialog({ scope, onClose }: { scope: string; onClose(): void }) {
  const { t } = useTranslation();
  const actor = useActor();
  const instanceId = useCx((s) => s.instanceId)!;
  const snap = useStore((s) => s.snapshot)!;
  const view = instanceView(snap, instanceId)!;
  const [name, setName] = useState(actor?.name ?? '');
  const [role, setRole] = useState(actor?.role ?? '');
  const [company, setCompany] = useState(actor?.company ?? '');
  const [sig, setSig] = useState('');
  const [busy, setBusy] = useState(false);
  const sectionTitle = scope === 'final' ? t('cx.sign.wholeChecklist') : view.template?.sections.find((s) => s.id === scope)?.title ?? scope;
  const submit = () => {
    if (!name.trim() || !role.trim()) return;
    setBusy(true);
    void runAs(async (a) => {
      await call('cmd.cx.signoff', { instanceId, scope, name: name.trim(), role: role.trim(), ...(company.trim() ? { company: company.trim() } : {}), ...(sig ? { signature: { format: 'svg-path' as const, data: sig } } : {}), actor: actorArg(a) });
      onClose();
    }).finally(() => setBusy(false));
  };
  return (
    <Modal title={t('cx.sign.title', { scope: sectionTitle })} icon={<Icon name="lock" />} onClose={onClose} onSubmit={submit} busy={busy} testId="cx-signoff-dialog"
      footer={<><button type="button" className="btn" onClick={onClose}>{t('common.cancel')}</button><button type="submit" className="btn btn-primary" disabled={!name.trim() || !role.trim() || busy} data-testid="cx-signoff-submit">{t('cx.sign.submit')}</button></>}>
      <p className="cx-muted">{t('cx.sign.hint')}</p>
      <TextField label={`${t('cx.actor.name')} *`} value={name} onChange={(e) => setName(e.target.value)} data-testid="cx-sign-name" />
      <TextField label={`${t('cx.actor.role')} *`} value={role} onChange={(e) => setRole(e.target.value)} data-testid="cx-sign-role" />
      <TextField label={t('cx.actor.company')} value={company} onChange={(e) => setCompany(e.target.value)} />
      <Field label={t('cx.sign.pad')}><SignaturePad onChange={setSig} /></Field>
    </Modal>
  );
}

/** The workflow moves, with their Alt+letter keys in the issue dialog (by physical key: Option+S types "ß" on a Mac). */
const WORKFLOW: Array<{ to: CxIssue['status']; key: string; code: string; letter: string }> = [
  { to: 'in-progress', key: 'start', code: 'KeyS', letter: 'S' }, { to: 'resolved', key: 'resolve', code: 'KeyR', letter: 'R' },
  { to: 'closed', key: 'close', code: 'KeyC', letter: 'C' }, { to: 'reopened', key: 'reopen', code: 'KeyO', letter: 'O' },
];

function IssueDialog({ issueId, onClose }: { issueId: string; onClose(): void }) {
  const { t } = useTranslation();
  const snap = useStore((s) => s.snapshot)!;
  const actor = useActor();
  const issue = snap.cxIssues[issueId];
  const [assignee, setAssignee] = useState(issue?.assignee ?? '');
  const [note, setNote] = useState('');
  if (!issue) return null;
  const move = (to: CxIssue['status']) => void runAs(async (a) => {
    await call('cmd.cx.issue.transition', { id: issue.id, to, ...(note.trim() ? { note: note.trim() } : {}), actor: actorArg(a) });
    setNote('');
  });
  const saveAssignee = () => void runAs(async (a) => {
    await call('cmd.cx.issue.update', { id: issue.id, patch: { assignee: assignee.trim() || null }, actor: actorArg(a) });
  });
  const inst = issue.instanceId ? snap.cxInstances[issue.instanceId] : undefined;
  return (
    <>
    <WorkflowKeys issue={issue} actorName={actor?.name ?? null} move={move} />
    <Modal title={issue.title} icon={<Icon name="alert" />} onClose={onClose} size="lg" dismissOnBackdrop testId="cx-issue-dialog"
      footer={<button type="button" className="btn" onClick={onClose}>{t('common.done')}</button>}>
      <dl className="cx-issue-fields">
        <dt>{t('cx.issue.status')}</dt><dd data-testid="cx-issue-status" data-status={issue.status}>{t(`cx.issueStatus.${issue.status}`)}</dd>
        <dt>{t('cx.issue.severity')}</dt><dd><SeverityBadge severity={issue.severity} /></dd>
        {issue.assetId && <><dt>{t('cx.issue.asset')}</dt><dd>{assetName(snap, issue.assetKind ?? '', issue.assetId)}{inst ? ` — ${inst.level} ${snap.cxTemplates[`${inst.templateId}@${inst.templateVersion}`]?.title ?? inst.templateId}` : ''}</dd></>}
        {inst && issue.itemId && <><dt>{t('cx.issue.item')}</dt><dd>{instanceView(snap, inst.id)?.plan?.byId.get(issue.itemId)?.label ?? issue.itemId}</dd></>}
        {issue.description && <><dt>{t('cx.issue.description')}</dt><dd>{issue.description}</dd></>}
        <dt>{t('cx.issue.owner')}</dt><dd>{issue.owner}</dd>
        {issue.dueDate && <><dt>{t('cx.issue.dueDate')}</dt><dd>{issue.dueDate}</dd></>}
        <dt>{t('cx.issue.createdBy')}</dt><dd>{issue.createdBy} · {issue.createdAt.slice(0, 16).replace('T', ' ')}</dd>
      </dl>
      {(issue.photoIds?.length ?? 0) > 0 && <div className="cx-photo-strip">{issue.photoIds!.map((id) => <PhotoThumb key={id} id={id} />)}</div>}
      {issue.status !== 'closed' && (
        <div className="cx-inline-form">
          <TextField label={t('cx.issue.assignee')} value={assignee} onChange={(e) => setAssignee(e.target.value)} data-testid="cx-issue-assignee" />
          <button type="button" className="btn cx-touch" onClick={saveAssignee} disabled={assignee.trim() === (issue.assignee ?? '')} data-testid="cx-issue-assign">{t('cx.issue.assign')}</button>
        </div>
      )}
      <TextField label={t('cx.issue.note')} value={note} onChange={(e) => setNote(e.target.value)} />
      <div className="cx-workflow" role="group" aria-label={t('cx.issue.workflow')}>
        {WORKFLOW.map(({ to, key, letter }) => {
          const allowed = actor ? transitionAllowed(issue, to, actor.name) : ({ ok: false, why: 'assignee' } as const);
          if (!allowed.ok && allowed.why === 'state') return null;
          const why = allowed.ok ? '' : t(`cx.issue.why.${allowed.why}`, { assignee: issue.assignee ?? '', owner: issue.owner });
          return (
            <div key={to} className="cx-workflow-btn">
              <button type="button" className={`btn cx-touch${to === 'closed' ? ' btn-primary' : ''}`} disabled={!allowed.ok} onClick={() => move(to)} data-testid={`cx-issue-${key}`} aria-describedby={why ? `why-${key}` : undefined}
                aria-keyshortcuts={`Alt+${letter}`}>{t(`cx.issue.action.${key}`)}<kbd className="kbd">Alt+{letter}</kbd></button>
              {why && <span id={`why-${key}`} className="cx-why">{why}</span>}
            </div>
          );
        })}
      </div>
    </Modal>
    </>
  );
}

/** Alt+S / R / C / O in the issue dialog run the workflow move when the actor may make it. */
function WorkflowKeys({ issue, actorName, move }: { issue: CxIssue; actorName: string | null; move(to: CxIssue['status']): void }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const w = WORKFLOW.find((x) => x.code === e.code);
      if (!w) return;
      e.preventDefault();
      e.stopPropagation();
      if (actorName && transitionAllowed(issue, w.to, actorName).ok) move(w.to);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [issue, actorName, move]);
  return null;
}

function NewIssueDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const instanceId = useCx((s) => s.instanceId);
  const itemId = useCx((s) => s.itemId);
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<CxIssue['severity']>('minor');
  const [description, setDescription] = useState('');
  const [assignee, setAssignee] = useState('');
  const submit = () => {
    if (!title.trim()) return;
    void runAs(async (a) => {
      await call('cmd.cx.issue.create', {
        title: title.trim(), severity, ...(description.trim() ? { description: description.trim() } : {}), ...(assignee.trim() ? { assignee: assignee.trim() } : {}),
        ...(instanceId ? { instanceId } : {}), ...(instanceId && itemId ? { itemId } : {}), actor: actorArg(a),
      });
      onClose();
    });
  };
  return (
    <Modal title={t('cx.issue.new')} onClose={onClose} onSubmit={submit} testId="cx-new-issue"
      footer={<><button type="button" className="btn" onClick={onClose}>{t('common.cancel')}</button><button type="submit" className="btn btn-primary" disabled={!title.trim()}>{t('cx.issue.create')}</button></>}>
      <TextField label={`${t('cx.issue.title')} *`} value={title} onChange={(e) => setTitle(e.target.value)} />
      <SelectField label={t('cx.issue.severity')} value={severity} onChange={(e) => setSeverity(e.target.value as CxIssue['severity'])}>
        {CX_SEVERITIES.map((s) => <option key={s} value={s}>{t(`cx.severity.${s}`)}</option>)}
      </SelectField>
      <Field label={t('cx.issue.description')}><textarea className="cx-note" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} /></Field>
      <TextField label={t('cx.issue.assignee')} value={assignee} onChange={(e) => setAssignee(e.target.value)} />
    </Modal>
  );
}

/**
 * The project's commissioning settings (project.cx): which open issue severities block the next
 * level, and who owns (verifies and closes) new issues by default. One `cx.settings.update`.
 */
function SettingsDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const project = useStore((s) => s.snapshot!.project);
  const current = cxSettings(project);
  const [blocking, setBlocking] = useState<ReadonlySet<CxIssue['severity']>>(() => new Set(blockingSeveritiesOf(project as { cx?: unknown })));
  const [owner, setOwner] = useState(current.issueOwner ?? '');
  const [busy, setBusy] = useState(false);
  const toggle = (sev: CxIssue['severity'], on: boolean) => setBlocking((b) => {
    const next = new Set(b);
    if (on) next.add(sev);
    else next.delete(sev);
    return next;
  });
  const submit = () => {
    setBusy(true);
    void runAs(async () => {
      await call('cmd.cx.settings.update', { blockingSeverities: CX_SEVERITIES.filter((x) => blocking.has(x)), issueOwner: owner.trim() || null });
      useStore.getState().pushToast({ tone: 'success', message: t('cx.settings.saved') });
      onClose();
    }).finally(() => setBusy(false));
  };
  return (
    <Modal title={t('cx.settings.title')} icon={<Icon name="settings" />} onClose={onClose} onSubmit={submit} busy={busy} testId="cx-settings-dialog"
      footer={<><button type="button" className="btn" onClick={onClose}>{t('common.cancel')}</button><button type="submit" className="btn btn-primary" data-testid="cx-settings-save">{t('cx.settings.save')}</button></>}>
      <fieldset className="cx-fieldset">
        <legend>{t('cx.settings.blocking')}</legend>
        <p className="cx-muted">{t('cx.settings.blockingHint')}</p>
        <div className="cx-sev-checks">
          {CX_SEVERITIES.map((sev, i) => (
            <label key={sev} className="cx-check cx-touch-check">
              <input type="checkbox" checked={blocking.has(sev)} onChange={(e) => toggle(sev, e.target.checked)} data-testid={`cx-settings-sev-${sev}`} {...(i === 0 ? { 'data-autofocus': true } : {})} />
              <SeverityBadge severity={sev} />
            </label>
          ))}
        </div>
        {blocking.size === 0 && <p className="cx-warn" data-testid="cx-settings-none"><Icon name="alert" size={12} />{t('cx.settings.noneBlock')}</p>}
      </fieldset>
      <TextField label={t('cx.settings.owner')} hint={t('cx.settings.ownerHint')} value={owner} onChange={(e) => setOwner(e.target.value)} data-testid="cx-settings-owner" />
    </Modal>
  );
}

/**
 * Upgrade a checklist to the newest published version of its template: the preview says which
 * answers carry over and which are dropped (same rule as the command), a signed checklist asks
 * for the reason (its signatures are invalidated), then one `cx.instance.upgrade` and its result.
 */
function UpgradeDialog({ instanceId, onClose }: { instanceId: string; onClose(): void }) {
  const { t } = useTranslation();
  const snap = useStore((s) => s.snapshot)!;
  // Frozen when the dialog opens: after the upgrade the mirror has no newer version any more.
  const [preview] = useState(() => upgradePreview(snap, instanceId));
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<UpgradeResult | null>(null);
  const doneRef = useRef<HTMLButtonElement>(null);
  // The reason field is gone with the preview: focus Done, so Enter (or Esc) closes.
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  if (!preview) return null;
  const signed = preview.signOffs.length > 0;
  const missingReason = signed && !reason.trim();
  const submit = () => {
    if (done) return onClose();
    if (missingReason) return;
    setBusy(true);
    void runAs(async (a) => {
      const res = await call('cmd.cx.instance.upgrade', { instanceId, toVersion: preview.to, ...(reason.trim() ? { reason: reason.trim() } : {}), actor: actorArg(a) });
      setDone(res.result as UpgradeResult);
    }).finally(() => setBusy(false));
  };
  const droppedWhy = (why: 'removed' | 'changed') => t(`cx.upgrade.why.${why}`);
  return (
    <Modal title={t('cx.upgrade.title', { from: preview.from, to: preview.to })} icon={<Icon name="history" />} onClose={onClose} onSubmit={submit} busy={busy} size="lg" testId="cx-upgrade-dialog"
      footer={done
        ? <button ref={doneRef} type="submit" className="btn btn-primary" data-testid="cx-upgrade-done">{t('common.done')}</button>
        : <><button type="button" className="btn" onClick={onClose}>{t('common.cancel')}</button><button type="submit" className="btn btn-primary" disabled={missingReason || busy} data-testid="cx-upgrade-submit">{t('cx.upgrade.submit', { version: preview.to })}</button></>}>
      {done ? (
        <div className="cx-upgrade-result" role="status" data-testid="cx-upgrade-result">
          <p><Icon name="check" size={14} />{t('cx.upgrade.done', { version: done.to, kept: done.kept.length, dropped: done.dropped.length })}</p>
          {done.invalidatedSignOffs.length > 0 && <p className="cx-warn"><Icon name="lock" size={12} />{t('cx.upgrade.invalidated', { count: done.invalidatedSignOffs.length })}</p>}
        </div>
      ) : (
        <>
          <p>{t('cx.upgrade.hint', { title: preview.toTitle })}</p>
          <div className="cx-upgrade-cols">
            <section data-testid="cx-upgrade-kept">
              <h3><Icon name="check" size={13} />{t('cx.upgrade.kept', { count: preview.kept.length })}</h3>
              {preview.kept.length === 0 ? <p className="cx-muted">{t('cx.upgrade.none')}</p> : <ul>{preview.kept.map((k) => <li key={k.answerId}>{k.label}</li>)}</ul>}
            </section>
            <section data-testid="cx-upgrade-dropped">
              <h3><Icon name="alert" size={13} />{t('cx.upgrade.dropped', { count: preview.dropped.length })}</h3>
              {preview.dropped.length === 0 ? <p className="cx-muted">{t('cx.upgrade.none')}</p> : (
                <ul>{preview.dropped.map((d) => <li key={d.answerId} data-why={d.why}>{d.label} <span className="cx-muted">— {droppedWhy(d.why)}</span></li>)}</ul>
              )}
            </section>
          </div>
          {signed && (
            <div className="cx-consequence" data-testid="cx-upgrade-signed">
              <strong>{t('cx.reason.willInvalidate', { count: preview.signOffs.length })}</strong>
              <ul>{preview.signOffs.map((x) => <li key={x.id}><Icon name="lock" size={11} />{t('cx.sign.by', { name: x.name, role: x.role, company: x.company ?? '', at: x.at.slice(0, 16).replace('T', ' ') })}</li>)}</ul>
              <TextField label={`${t('cx.reason.label')} *`} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="cx-upgrade-reason" data-autofocus />
            </div>
          )}
        </>
      )}
    </Modal>
  );
}
