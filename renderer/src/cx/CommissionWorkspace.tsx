/**
 * The Commission workspace (UI.md "Commission workspace"): walk mode with the asset list by
 * location on the left, ONE checklist item at a time in large type in the centre, evidence on the
 * right; the issues board, the audit log and the dashboard as tabs. Every change is a `cmd.cx.*`
 * call stamped with the actor and the local time with its offset; the mirror redraws.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { GateReason } from '../../../core/cx/gating';
import { NA } from '../../../core/cx/evaluate';
import type { ItemStatus } from '../../../core/cx/expr';
import { blockingSeveritiesOf, isValidSignOff } from '../../../core/cx/gating';
import { groupAnswers, progressReport } from '../../../core/cx/progress';
import { publishedTemplate } from '../../../core/cx/published';
import type { Item, NumericItem, TableItem } from '../../../core/cx/template';
import { SnapshotReader } from '../../../core/model/changes';
import type { CxIssue, DocumentSnapshot } from '../../../core/model/schema';
import { isTypingTarget } from '../app/keys';
import { Icon } from '../components/Icon';
import { useStore } from '../state/store';
import { formatNumber } from '../units';
import { actorArg, useActor } from './actor';
import { CX_TABS, useCx } from './cxState';
import type { AssetNode, InstanceView } from './logic';
import { assetKey, assetName, assetTree, flattenAssets, instanceView, newerVersion, numericLimits, signState, walkItems } from './logic';
import { CxDialogs, PhotoThumb } from './CxDialogs';
import { acceptOf } from './photo';
import { answerItem, currentItem, cxWalkKey, cxWalkKeysActive, prospectiveStatus, publishBuiltins, reportError, runAs, signedCovering, walkTarget } from './walkKeys';
import { call } from '../api/client';
import { AuditTab, DashboardTab, IssuesTab } from './CxTabs';
import '../styles/cx.css';

export function CommissionWorkspace() {
  const { t } = useTranslation();
  const tab = useCx((s) => s.tab);
  const setTab = useCx((s) => s.setTab);
  const setModal = useCx((s) => s.setModal);
  const actor = useActor();
  const hasTemplates = useStore((s) => Object.keys(s.snapshot?.cxTemplates ?? {}).length > 0);
  const tabRefs = useRef<Array<HTMLButtonElement | null>>([]);

  useEffect(() => {
    if (!useStore.getState().prefs.cxActor) setModal({ kind: 'actor' });
  }, [setModal]);

  // Keys that must be seen before the app-wide handler (window, bubble phase): see cxCaptureKey.
  useEffect(() => {
    window.addEventListener('keydown', cxCaptureKey, true);
    return () => window.removeEventListener('keydown', cxCaptureKey, true);
  }, []);

  /** The ARIA tabs pattern: ← / → (and Home / End) move between the tabs, focus follows. */
  const onTabKey = (e: React.KeyboardEvent) => {
    const i = CX_TABS.indexOf(tab);
    const next = e.key === 'ArrowRight' ? (i + 1) % CX_TABS.length : e.key === 'ArrowLeft' ? (i + CX_TABS.length - 1) % CX_TABS.length
      : e.key === 'Home' ? 0 : e.key === 'End' ? CX_TABS.length - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    e.stopPropagation();
    setTab(CX_TABS[next]!);
    tabRefs.current[next]?.focus();
  };

  return (
    <div className="cx-workspace" data-testid="cx-workspace">
      <div className="cx-toolbar">
        <div className="view-tabs cx-tabs" role="tablist" aria-label={t('cx.tab.label')} onKeyDown={onTabKey}>
          {CX_TABS.map((id, i) => (
            <button key={id} ref={(el) => { tabRefs.current[i] = el; }} type="button" role="tab" aria-selected={tab === id} tabIndex={tab === id ? 0 : -1}
              className={`view-tab${tab === id ? ' is-active' : ''}`} onClick={() => setTab(id)} data-testid={`cx-tab-${id}`} title={t('cx.key.tabHint', { key: `Alt+${i + 1}` })}>
              {t(`cx.tab.${id}`)}
            </button>
          ))}
        </div>
        <div className="cx-toolbar-end">
          {!hasTemplates && <PublishBuiltinsButton />}
          <button type="button" className="btn cx-touch" onClick={() => setModal({ kind: 'settings' })} data-testid="cx-settings" title={t('cx.settings.open')}>
            <Icon name="settings" size={14} /><span className="cx-hide-narrow">{t('cx.settings.short')}</span>
          </button>
          <button type="button" className="btn cx-touch" onClick={() => setModal({ kind: 'add' })} data-testid="cx-add-checklists">
            <Icon name="plus" size={14} />{t('cx.add.open')}
          </button>
          <button type="button" className="btn cx-touch cx-actor-chip" onClick={() => setModal({ kind: 'actor' })} data-testid="cx-actor" title={t('cx.actor.change')}>
            <Icon name="project" size={14} />
            {actor ? <span>{actor.name}{actor.role ? ` · ${actor.role}` : ''}</span> : <span>{t('cx.actor.none')}</span>}
          </button>
        </div>
      </div>
      <div className="cx-body">
        {tab === 'walk' && <WalkTab />}
        {tab === 'issues' && <IssuesTab />}
        {tab === 'audit' && <AuditTab />}
        {tab === 'dashboard' && <DashboardTab />}
      </div>
      <CxDialogs />
    </div>
  );
}

/**
 * Commission keys that must run before the app-wide shortcut handler:
 *  - Alt+1…4 switch tabs, matched by the physical key (`code`) because Option+1 types "¡" on a Mac;
 *  - a digit, sign or decimal mark while a numeric item is on screen focuses its field and lets the
 *    key through, so the character lands in the field: walking needs no mouse. (The app handler
 *    would otherwise swallow digits, which are the Design view keys.)
 */
function cxCaptureKey(e: KeyboardEvent): void {
  if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey) return;
  const s = useStore.getState();
  if (s.workspace !== 'commission' || s.dialogs.length > 0 || s.paletteOpen || useCx.getState().modal !== null) return;
  const m = /^Digit([1-4])$/.exec(e.code);
  if (e.altKey && m && !e.shiftKey) {
    e.preventDefault();
    e.stopPropagation();
    useCx.getState().setTab(CX_TABS[Number(m[1]) - 1]!);
    // Focus follows into the tab's content (the item on screen, the first issue card…).
    // Not if a key pressed meanwhile opened a dialog or moved the focus: it must not be taken back.
    const from = document.activeElement;
    requestAnimationFrame(() => {
      const now = document.activeElement;
      // (The old tab's content unmounting leaves the focus on the body: that is not a move.)
      const moved = now !== null && now !== document.body && now !== from && !now.closest('.cx-tabs');
      if (useCx.getState().modal !== null || useStore.getState().dialogs.length > 0 || moved) return;
      document.querySelector<HTMLElement>('.cx-body [data-cx-focus]')?.focus();
    });
    return;
  }
  // Esc in an item's field hands the keys back to the walk (P / F / N, J / K…).
  if (e.key === 'Escape' && isTypingTarget(e.target) && (e.target as HTMLElement).closest('[data-testid="cx-item"]')) {
    e.preventDefault();
    e.stopPropagation();
    (e.target as HTMLElement).closest<HTMLElement>('[data-testid="cx-item"]')!.focus();
    return;
  }
  if (e.altKey || isTypingTarget(e.target) || !/^[0-9.,-]$/.test(e.key) || !cxWalkKeysActive()) return;
  if (walkTarget()?.item.type !== 'numeric') return;
  const field = document.querySelector<HTMLInputElement>('[data-testid="cx-numeric"]');
  if (!field) return;
  // Focus moves during keydown: the browser then types the character into the field.
  field.focus();
  e.stopPropagation();
}

export function PublishBuiltinsButton() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <button type="button" className="btn cx-touch" disabled={busy} data-testid="cx-publish-builtins" onClick={() => void publishBuiltins(setBusy)}>
      <Icon name="download" size={14} />{t('cx.publishBuiltins')}
    </button>
  );
}

// ------------------------------------------------------------------ walk tab

function useReport(snap: DocumentSnapshot | null) {
  return useMemo(() => {
    if (!snap) return null;
    const doc = new SnapshotReader(snap);
    return progressReport({
      instances: Object.values(snap.cxInstances),
      answersByInstance: groupAnswers(Object.values(snap.cxAnswers)),
      templateOf: (i) => publishedTemplate(doc, i.templateId, i.templateVersion),
    });
  }, [snap]);
}

function WalkTab() {
  const snap = useStore((s) => s.snapshot);
  const instanceId = useCx((s) => s.instanceId);
  const view = useMemo(() => (snap && instanceId ? instanceView(snap, instanceId) : null), [snap, instanceId]);
  return (
    <div className="cx-walk">
      <AssetList />
      <main className="cx-centre" aria-live="polite">
        {view ? <ChecklistPane view={view} /> : <EmptyCentre />}
      </main>
      <EvidencePane view={view} />
    </div>
  );
}

function EmptyCentre() {
  const { t } = useTranslation();
  const count = useStore((s) => Object.keys(s.snapshot?.cxInstances ?? {}).length);
  return (
    <div className="cx-empty" data-testid="cx-empty">
      <h2>{count ? t('cx.walk.pick') : t('cx.walk.none')}</h2>
      <p>{count ? t('cx.walk.pickHint') : t('cx.walk.noneHint')}</p>
    </div>
  );
}

function Ring({ done, total, label }: { done: number; total: number; label: string }) {
  const pct = total > 0 ? done / total : 0;
  const r = 7;
  const c = 2 * Math.PI * r;
  return (
    <svg className={`cx-ring${total > 0 && done >= total ? ' is-done' : ''}`} width={18} height={18} viewBox="0 0 18 18" role="img" aria-label={label}>
      <circle cx={9} cy={9} r={r} className="cx-ring-track" />
      <circle cx={9} cy={9} r={r} className="cx-ring-value" strokeDasharray={`${pct * c} ${c}`} transform="rotate(-90 9 9)" />
    </svg>
  );
}

function AssetList() {
  const { t } = useTranslation();
  const snap = useStore((s) => s.snapshot);
  const mode = useCx((s) => s.listMode);
  const setMode = useCx((s) => s.setListMode);
  const report = useReport(snap);
  const tree = useMemo(() => (snap ? assetTree(snap) : []), [snap]);
  const byAsset = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const i of Object.values(snap?.cxInstances ?? {})) {
      const k = assetKey(i.assetKind, i.assetId);
      m.set(k, [...(m.get(k) ?? []), i.id]);
    }
    return m;
  }, [snap]);
  if (!snap || !report) return null;
  const counts = (node: AssetNode) => {
    let done = 0;
    let total = 0;
    for (const a of flattenAssets(node)) {
      const c = report.byAsset.get(assetKey(a.kind, a.id));
      if (c) {
        done += c.requiredAnswered;
        total += c.required;
      }
    }
    return { done, total };
  };
  const hasChecklists = (node: AssetNode): boolean => flattenAssets(node).some((a) => byAsset.has(assetKey(a.kind, a.id)));
  const render = (node: AssetNode, depth: number): React.ReactNode => {
    if (!hasChecklists(node) && node.kind !== 'room') return null;
    const { done, total } = counts(node);
    const insts = byAsset.get(assetKey(node.kind, node.id)) ?? [];
    return (
      <li key={`${node.kind}:${node.id}`} className={`cx-asset cx-asset-${node.kind}`}>
        <div className="cx-asset-head" style={{ paddingInlineStart: 8 + depth * 14 }}>
          <Ring done={done} total={total} label={t('cx.progress.ring', { done, total })} />
          <span className="cx-asset-name">{node.name}</span>
          {total > 0 && <span className="cx-asset-count">{done}/{total}</span>}
        </div>
        {insts.length > 0 && (
          <ul className="cx-inst-list">
            {insts.map((id) => <InstanceButton key={id} id={id} depth={depth + 1} />)}
          </ul>
        )}
        {node.children.length > 0 && <ul>{node.children.map((c) => render(c, depth + 1))}</ul>}
      </li>
    );
  };
  const flat = Object.values(snap.cxInstances).sort((a, b) => assetName(snap, a.assetKind, a.assetId).localeCompare(assetName(snap, b.assetKind, b.assetId), undefined, { numeric: true }) || a.level.localeCompare(b.level));
  return (
    <nav className="cx-assets" aria-label={t('cx.assets.title')} data-testid="cx-assets" onKeyDown={listKeys}>
      <div className="cx-assets-head">
        <h2>{t('cx.assets.title')}</h2>
        <div className="cx-seg" role="group" aria-label={t('cx.assets.mode')}>
          <button type="button" aria-pressed={mode === 'location'} onClick={() => setMode('location')}>{t('cx.assets.byLocation')}</button>
          <button type="button" aria-pressed={mode === 'flat'} onClick={() => setMode('flat')}>{t('cx.assets.flat')}</button>
        </div>
      </div>
      {mode === 'location' ? <ul className="cx-tree">{tree.map((n) => render(n, 0))}</ul> : (
        <ul className="cx-inst-list cx-flat">{flat.map((i) => <InstanceButton key={i.id} id={i.id} depth={0} withAsset />)}</ul>
      )}
    </nav>
  );
}

/** ↑ / ↓ (Home / End) move between the checklists of the list; Enter opens the focused one. */
function listKeys(e: React.KeyboardEvent<HTMLElement>): void {
  if (!(e.target as HTMLElement).classList.contains('cx-inst') || e.altKey || e.ctrlKey || e.metaKey) return;
  const all = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('.cx-inst'));
  const i = all.indexOf(e.target as HTMLElement);
  const next = e.key === 'ArrowDown' ? all[i + 1] : e.key === 'ArrowUp' ? all[i - 1] : e.key === 'Home' ? all[0] : e.key === 'End' ? all.at(-1) : undefined;
  if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
  e.preventDefault();
  e.stopPropagation();
  next?.focus();
}

function InstanceButton({ id, depth, withAsset = false }: { id: string; depth: number; withAsset?: boolean }) {
  const { t } = useTranslation();
  const snap = useStore((s) => s.snapshot)!;
  const current = useCx((s) => s.instanceId === id);
  const open = useCx((s) => s.openInstance);
  const inst = snap.cxInstances[id]!;
  const title = snap.cxTemplates[`${inst.templateId}@${inst.templateVersion}`]?.title ?? inst.templateId;
  const signed = Object.values(snap.cxSignOffs).some((s) => s.instanceId === id && s.scope === 'final' && isValidSignOff(s));
  return (
    <li>
      <button type="button" className={`cx-inst${current ? ' is-current' : ''}`} style={{ paddingInlineStart: 8 + depth * 14 }} onClick={() => open(id)} aria-current={current ? 'true' : undefined} data-testid={`cx-inst-${id}`} data-template={inst.templateId} data-asset={inst.assetId}>
        <span className={`cx-level cx-level-${inst.level}`}>{inst.level}</span>
        <span className="cx-inst-title">{withAsset ? `${assetName(snap, inst.assetKind, inst.assetId)} — ${title}` : title}</span>
        {signed && <span className="cx-signed-mark" title={t('cx.sign.signed')}><Icon name="check" size={12} /></span>}
      </button>
    </li>
  );
}

// ------------------------------------------------------------------ centre: one item at a time

function ChecklistPane({ view }: { view: InstanceView }) {
  const { t } = useTranslation();
  const snap = useStore((s) => s.snapshot)!;
  const itemId = useCx((s) => s.itemId);
  const setItem = useCx((s) => s.setItem);
  const setModal = useCx((s) => s.setModal);
  const items = useMemo(() => walkItems(view), [view]);
  const item = currentItem(view, items, itemId);
  const { instance, template, progress } = view;
  const name = assetName(snap, instance.assetKind, instance.assetId);
  const sign = signState(view.signOffs);
  if (!template || !progress) return <div className="cx-empty"><p>{t('cx.walk.templateMissing', { ref: `${instance.templateId}@${instance.templateVersion}` })}</p></div>;
  const sectionIdx = item ? view.plan!.items.indexOf(item) : -1;
  const section = sectionIdx >= 0 ? view.plan!.sectionOf[sectionIdx]! : null;
  const status = item ? progress.statuses[item.id] ?? null : null;
  return (
    <div className="cx-checklist" data-testid="cx-checklist" data-instance={instance.id}>
      <header className="cx-checklist-head">
        <div>
          <div className="cx-crumb"><span className={`cx-level cx-level-${instance.level}`}>{instance.level}</span> {name}</div>
          <h1>{template.title} <span className="cx-version">v{instance.templateVersion}</span></h1>
        </div>
        <div className="cx-checklist-progress" data-testid="cx-progress">
          <Ring done={progress.requiredAnswered} total={progress.required} label={t('cx.progress.ring', { done: progress.requiredAnswered, total: progress.required })} />
          <span>{t('cx.progress.text', { done: progress.requiredAnswered, total: progress.required })}</span>
          {progress.failed > 0 && <span className="cx-badge cx-badge-fail"><Icon name="alert" size={12} />{t('cx.progress.failed', { count: progress.failed })}</span>}
        </div>
      </header>
      <UpgradeBanner view={view} />
      <SignBanner view={view} />
      {view.gate.length > 0 ? <GatePanel view={view} /> : (
        <div className="cx-walk-grid">
          <ol className="cx-outline" aria-label={t('cx.walk.outline')}>
            {template.sections.map((s) => {
              const ids = s.items.map((i) => i.id).filter((id) => items.some((it) => it.id === id));
              const done = ids.filter((id) => progress.statuses[id] !== null && progress.statuses[id] !== undefined).length;
              const sectionSigned = sign.sections.some((x) => x.scope === s.id);
              // A section hidden by its condition (e.g. the generator's, on a UPS) is left out.
              if (ids.length === 0) return null;
              return (
                <li key={s.id} className={section?.id === s.id ? 'is-current' : ''}>
                  <button type="button" className="cx-outline-section" onClick={() => ids[0] && setItem(ids[0])}>
                    <span>{s.title}</span><span className="cx-outline-count">{sectionSigned && <Icon name="lock" size={11} />}{done}/{ids.length}</span>
                  </button>
                  {section?.id === s.id && (
                    <ol>
                      {items.filter((it) => ids.includes(it.id)).map((it) => {
                        const st = progress.statuses[it.id] ?? null;
                        return (
                          <li key={it.id}>
                            <button type="button" className={`cx-outline-item${it.id === item?.id ? ' is-current' : ''}`} onClick={() => setItem(it.id)} aria-current={it.id === item?.id ? 'step' : undefined}>
                              <StatusDot status={st} /><span>{it.label}</span>
                            </button>
                          </li>
                        );
                      })}
                    </ol>
                  )}
                </li>
              );
            })}
            <li className="cx-outline-actions">
              {section?.signOff && !sign.sections.some((x) => x.scope === section.id) && (
                <button type="button" className="btn cx-touch" onClick={() => setModal({ kind: 'signoff', scope: section.id })} data-testid="cx-sign-section">{t('cx.sign.section')}</button>
              )}
              <button type="button" className="btn btn-primary cx-touch" disabled={!progress.complete || sign.final !== null} onClick={() => setModal({ kind: 'signoff', scope: 'final' })} data-testid="cx-sign-final"
                title={!progress.complete ? t('cx.sign.incomplete', { count: progress.missing.length }) : undefined}>
                <Icon name={sign.final ? 'lock' : 'check'} size={14} />{sign.final ? t('cx.sign.signed') : t('cx.sign.final')}
              </button>
            </li>
          </ol>
          {item && (
            <section className={`cx-item cx-item-${status ?? 'open'}`} data-testid="cx-item" data-item={item.id} data-status={status ?? ''} aria-label={item.label} tabIndex={-1} data-cx-focus>
              <div className="cx-item-meta">
                <span>{section?.title}</span>
                <span>{t('cx.walk.position', { n: items.indexOf(item) + 1, total: items.length })}</span>
              </div>
              <h2 className="cx-item-label">{item.label}{(item.required ?? true) && <span className="cx-required" title={t('cx.walk.required')}>*</span>}</h2>
              {item.help && <p className="cx-item-help">{item.help}</p>}
              <ItemControl view={view} item={item} />
              <div className="cx-item-status">
                <StatusDot status={status} /><span data-testid="cx-item-status">{t(`cx.status.${status ?? 'open'}`)}</span>
                {view.answerByItem.get(item.id) && <span className="cx-item-by">{t('cx.walk.answeredBy', { name: view.answerByItem.get(item.id)!.author, at: view.answerByItem.get(item.id)!.at.slice(0, 16).replace('T', ' ') })}</span>}
              </div>
              <nav className="cx-item-nav">
                <button type="button" className="btn cx-touch" onClick={() => cxWalkKey('prev')}><kbd className="kbd">K</kbd>{t('cx.walk.prev')}</button>
                <button type="button" className="btn cx-touch" onClick={() => cxWalkKey('nextIncomplete')}><kbd className="kbd">⇧J</kbd>{t('cx.walk.nextIncomplete')}</button>
                <button type="button" className="btn cx-touch" onClick={() => cxWalkKey('next')}>{t('cx.walk.next')}<kbd className="kbd">J</kbd></button>
              </nav>
            </section>
          )}
        </div>
      )}
    </div>
  );
}

export function StatusDot({ status }: { status: ItemStatus | null }) {
  const { t } = useTranslation();
  const icon = status === 'pass' ? 'check' : status === 'fail' ? 'close' : status === 'na' ? 'info' : null;
  return <span className={`cx-dot cx-dot-${status ?? 'open'}`} role="img" aria-label={t(`cx.status.${status ?? 'open'}`)}>{icon && <Icon name={icon} size={10} />}</span>;
}

/** A newer published version of the template: say so where the version is shown, with the Upgrade action. */
function UpgradeBanner({ view }: { view: InstanceView }) {
  const { t } = useTranslation();
  const snap = useStore((s) => s.snapshot)!;
  const setModal = useCx((s) => s.setModal);
  const readOnly = useStore((s) => s.project?.readOnly ?? false);
  const newer = newerVersion(snap, view.instance);
  if (newer === null) return null;
  return (
    <div className="cx-upgrade-banner" role="status" data-testid="cx-upgrade-banner" data-version={newer}>
      <Icon name="info" size={16} />
      <span><strong>{t('cx.upgrade.available', { version: newer })}</strong> {t('cx.upgrade.pinned', { version: view.instance.templateVersion })}</span>
      {!readOnly && (
        <button type="button" className="btn cx-touch" onClick={() => setModal({ kind: 'upgrade', instanceId: view.instance.id })} data-testid="cx-upgrade">
          {t('cx.upgrade.open')}<kbd className="kbd">U</kbd>
        </button>
      )}
    </div>
  );
}

function SignBanner({ view }: { view: InstanceView }) {
  const { t } = useTranslation();
  const sign = signState(view.signOffs);
  if (!sign.final && sign.sections.length === 0 && sign.invalidated.length === 0) return null;
  return (
    <div className="cx-sign-banners">
      {sign.final && (
        <div className="cx-signed-banner" role="status" data-testid="cx-signed-banner">
          <Icon name="lock" size={16} />
          <strong>{t('cx.sign.finalBanner')}</strong>
          <span>{t('cx.sign.by', { name: sign.final.name, role: sign.final.role, company: sign.final.company ?? '', at: sign.final.at.slice(0, 16).replace('T', ' ') })}</span>
          {sign.final.signature?.format === 'svg-path' && <svg className="cx-sig-mini" viewBox="0 0 400 120" aria-hidden="true"><path d={sign.final.signature.data} /></svg>}
        </div>
      )}
      {sign.sections.map((s) => (
        <div key={s.id} className="cx-signed-banner cx-signed-section" role="status">
          <Icon name="check" size={14} /><strong>{t('cx.sign.sectionBanner', { section: view.template?.sections.find((x) => x.id === s.scope)?.title ?? s.scope })}</strong>
          <span>{t('cx.sign.by', { name: s.name, role: s.role, company: s.company ?? '', at: s.at.slice(0, 16).replace('T', ' ') })}</span>
        </div>
      ))}
      {sign.invalidated.map((s) => (
        <div key={s.id} className="cx-invalidated" data-testid="cx-invalidated">
          <Icon name="alert" size={14} />
          <s>{t('cx.sign.by', { name: s.name, role: s.role, company: s.company ?? '', at: s.at.slice(0, 16).replace('T', ' ') })}</s>
          <span>{t('cx.sign.invalidated', { by: s.invalidatedBy ?? '', reason: s.invalidatedReason ?? '' })}</span>
        </div>
      ))}
    </div>
  );
}

/** A gating reason in the user's language, from its structured fields (the engine's message is English). */
export function gateText(t: TFunction, r: GateReason, snap: DocumentSnapshot): string {
  const inst = 'instanceId' in r ? snap.cxInstances[r.instanceId] : undefined;
  const checklist = inst ? `${inst.level} ${snap.cxTemplates[`${inst.templateId}@${inst.templateVersion}`]?.title ?? inst.templateId}` : '';
  switch (r.code) {
    case 'missing-prerequisite': return r.level ? t('cx.gate.msg.missingLevel', { level: r.level }) : t('cx.gate.msg.missingTemplate', { template: r.templateId ?? '' });
    case 'incomplete': return t('cx.gate.msg.incomplete', { checklist, count: r.missing.length });
    case 'unsigned': return t('cx.gate.msg.unsigned', { checklist });
    case 'signature-invalidated': {
      const s = snap.cxSignOffs[r.signOffId];
      return t('cx.gate.msg.invalidated', { checklist, name: s?.name ?? '', reason: s?.invalidatedReason ?? '' });
    }
    case 'blocking-issue': {
      const i = snap.cxIssues[r.issueId];
      return t('cx.gate.msg.issue', { checklist, severity: t(`cx.severity.${r.severity}`), title: i?.title ?? r.issueId, status: i ? t(`cx.issueStatus.${i.status}`) : '' });
    }
  }
}

function GatePanel({ view }: { view: InstanceView }) {
  const { t } = useTranslation();
  const snap = useStore((s) => s.snapshot)!;
  const open = useCx((s) => s.openInstance);
  const setModal = useCx((s) => s.setModal);
  const blocking = blockingSeveritiesOf(snap.project as { cx?: unknown });
  return (
    <div className="cx-gate" role="alert" data-testid="cx-gate">
      <h2><Icon name="lock" size={18} />{t('cx.gate.title', { level: view.instance.level })}</h2>
      <p>{t('cx.gate.hint')}</p>
      <p className="cx-gate-blocking" data-testid="cx-gate-blocking">
        {blocking.length > 0 ? t('cx.gate.blocking', { list: blocking.map((b) => t(`cx.severity.${b}`)).join(', ') }) : t('cx.gate.blockingNone')}
        {' '}<button type="button" className="link" onClick={() => setModal({ kind: 'settings' })} data-testid="cx-gate-settings">{t('cx.settings.change')}</button>
      </p>
      <ul>
        {view.gate.map((r, i) => (
          <li key={i} data-code={r.code}>
            <span className="cx-gate-code">{t(`cx.gate.code.${r.code}`)}</span>
            <span>{gateText(t, r, snap)}</span>
            {/* One "open" per checklist at fault, on its first reason. */}
            {'instanceId' in r && view.gate.findIndex((x) => 'instanceId' in x && x.instanceId === r.instanceId) === i && (
              <button type="button" className="btn cx-touch" onClick={() => open(r.instanceId)} data-testid="cx-gate-open">{t('cx.gate.openChecklist')}</button>
            )}
            {r.code === 'blocking-issue' && <button type="button" className="btn cx-touch" onClick={() => setModal({ kind: 'issue', issueId: r.issueId })}>{t('cx.gate.openIssue')}</button>}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ItemControl({ view, item }: { view: InstanceView; item: Item }) {
  const { t } = useTranslation();
  const answer = view.answerByItem.get(item.id);
  const value = answer?.value;
  const big = (label: string, v: unknown, key: string | null, tone: string, testId: string) => (
    <button type="button" className={`cx-big cx-big-${tone}${JSON.stringify(value) === JSON.stringify(v) ? ' is-on' : ''}`} onClick={() => void answerItem(view, item, v)} data-testid={testId} aria-pressed={JSON.stringify(value) === JSON.stringify(v)}>
      {key && <kbd className="kbd">{key}</kbd>}<span>{label}</span>
    </button>
  );
  const naButton = item.allowNA && item.type !== 'check' ? big(t('cx.answer.na'), NA, 'N', 'na', 'cx-na') : null;
  switch (item.type) {
    case 'check':
      return (
        <div className="cx-big-row">
          {big(t('cx.answer.pass'), 'pass', 'P', 'pass', 'cx-pass')}
          {big(t('cx.answer.fail'), 'fail', 'F', 'fail', 'cx-fail')}
          {item.allowNA && big(t('cx.answer.na'), 'na', 'N', 'na', 'cx-na')}
        </div>
      );
    case 'choice':
      return (
        <div className="cx-big-row cx-wrap">
          {item.options.map((o, i) => big(o.label ?? o.value, o.value, i < 9 ? String(i + 1) : null, o.status === 'fail' ? 'fail' : 'choice', `cx-choice-${o.value}`))}
          {naButton}
        </div>
      );
    case 'numeric':
      return <NumericControl key={item.id} view={view} item={item} value={typeof value === 'number' ? value : null} naButton={naButton} />;
    case 'text':
    case 'datetime':
      return <TextControl key={item.id} view={view} item={item} value={typeof value === 'string' ? value : ''} naButton={naButton} />;
    case 'photo':
    case 'file':
      return <PhotoControl view={view} item={item} ids={Array.isArray(value) ? (value as string[]) : []} naButton={naButton} />;
    case 'signature': {
      const v = value as { name?: string } | undefined;
      return <TextControl key={item.id} view={view} item={item} value={v?.name ?? ''} naButton={naButton} signature />;
    }
    case 'table':
      return <TableControl view={view} item={item} />;
  }
}

/**
 * A table item, one row at a time (fixed rows, or rows the agent adds). Each row is its own
 * answer (`rowKey`); the cells use the columns' types; fixed values are shown read-only.
 */
function TableControl({ view, item }: { view: InstanceView; item: TableItem }) {
  const { t } = useTranslation();
  const saved = view.answers.filter((a) => a.itemId === item.id && a.rowKey);
  const rows = item.rows ?? [...saved.map((a) => ({ id: a.rowKey!, label: a.rowKey! })), { id: `r${saved.length + 1}`, label: item.repeat?.rowLabel ?? t('cx.table.newRow') }];
  return (
    <div className="cx-table-wrap">
      <table className="cx-table cx-answer-table">
        <thead><tr><th />{item.columns.map((c) => <th key={c.id}>{c.label}{c.type === 'numeric' ? ` (${c.unit})` : ''}</th>)}<th /></tr></thead>
        <tbody>{rows.map((r) => <TableRowEditor key={r.id} view={view} item={item} rowId={r.id} label={r.label} fixed={(r as { values?: Record<string, unknown> }).values ?? {}} />)}</tbody>
      </table>
    </div>
  );
}

function TableRowEditor({ view, item, rowId, label, fixed }: { view: InstanceView; item: TableItem; rowId: string; label: string; fixed: Record<string, unknown> }) {
  const { t } = useTranslation();
  const answer = view.answers.find((a) => a.itemId === item.id && a.rowKey === rowId);
  const savedCells = (answer?.value ?? {}) as Record<string, unknown>;
  const [cells, setCells] = useState<Record<string, string>>(() => Object.fromEntries(Object.entries(savedCells).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)])));
  const save = () => {
    const out: Record<string, unknown> = {};
    for (const c of item.columns) {
      if (Object.hasOwn(fixed, c.id)) continue;
      const v = (cells[c.id] ?? '').trim();
      if (v === '') continue;
      out[c.id] = c.type === 'numeric' ? Number(v.replace(',', '.')) : v;
    }
    void runAs(async (actor) => {
      await call('cmd.cx.answer', { instanceId: view.instance.id, itemId: item.id, rowKey: rowId, value: out, actor: actorArg(actor) });
    });
  };
  // Enter in a cell saves the row and hands the keys back to the walk (Shift+J moves on).
  const saveOnEnter = (e: React.KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    save();
    e.currentTarget.closest<HTMLElement>('[data-testid="cx-item"]')?.focus();
  };
  return (
    <tr data-testid="cx-table-row" data-row={rowId}>
      <th scope="row">{label}{answer && <StatusDot status={answer.status} />}</th>
      {item.columns.map((c) => (
        <td key={c.id}>
          {Object.hasOwn(fixed, c.id) ? String(fixed[c.id]) : c.type === 'check' || c.type === 'choice' ? (
            <select value={cells[c.id] ?? ''} onChange={(e) => setCells({ ...cells, [c.id]: e.target.value })} aria-label={`${label}: ${c.label}`} data-col={c.id}
              onKeyDown={saveOnEnter}>
              <option value="">—</option>
              {c.type === 'check'
                ? (['pass', 'fail', ...(c.allowNA ? ['na'] : [])] as const).map((v) => <option key={v} value={v}>{t(`cx.status.${v}`)}</option>)
                : c.options.map((o) => <option key={o.value} value={o.value}>{o.label ?? o.value}</option>)}
            </select>
          ) : (
            <input value={cells[c.id] ?? ''} inputMode={c.type === 'numeric' ? 'decimal' : undefined} onChange={(e) => setCells({ ...cells, [c.id]: e.target.value })} aria-label={`${label}: ${c.label}`} data-col={c.id}
              onKeyDown={saveOnEnter} />
          )}
        </td>
      ))}
      <td><button type="button" className="btn cx-touch" onClick={save} data-testid="cx-table-save">{t('cx.answer.save')}</button></td>
    </tr>
  );
}

function NumericControl({ view, item, value, naButton }: { view: InstanceView; item: NumericItem; value: number | null; naButton: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState(value === null ? '' : String(value));
  const parsed = text.trim() === '' ? null : Number(text.replace(',', '.'));
  const live = parsed !== null && Number.isFinite(parsed) ? prospectiveStatus(view, item, parsed) : null;
  const limits = numericLimits(item);
  const fmt = (n: number) => formatNumber(n, i18n.language, item.decimals ?? 3);
  const limitText = !limits ? t('cx.numeric.noLimits') : limits.kind === 'target'
    ? t('cx.numeric.target', { target: fmt(limits.target), tol: fmt(limits.tol), unit: limits.pct ? '%' : item.unit })
    : limits.min !== undefined && limits.max !== undefined ? t('cx.numeric.range', { min: fmt(limits.min), max: fmt(limits.max), unit: item.unit })
      : limits.min !== undefined ? t('cx.numeric.min', { min: fmt(limits.min), unit: item.unit }) : t('cx.numeric.max', { max: fmt(limits.max!), unit: item.unit });
  const confirm = () => {
    if (parsed !== null && Number.isFinite(parsed)) void answerItem(view, item, parsed);
  };
  return (
    <div className="cx-numeric">
      <div className="cx-numeric-row">
        <input className="cx-numeric-input" inputMode="decimal" value={text} onChange={(e) => setText(e.target.value)} data-testid="cx-numeric" aria-label={item.label} autoFocus
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              confirm();
              return;
            }
            // A number never holds J or K: in the field they still walk, so the keyboard never gets stuck.
            const walk = e.key === 'J' || (e.key === 'j' && e.shiftKey) ? 'nextIncomplete' : e.key === 'j' ? 'next' : e.key === 'k' || e.key === 'K' ? 'prev' : null;
            if (walk && !e.ctrlKey && !e.metaKey && !e.altKey) {
              e.preventDefault();
              cxWalkKey(walk);
            }
          }} />
        <span className="cx-numeric-unit">{item.unit}</span>
        <button type="button" className="btn btn-primary cx-touch" onClick={confirm} disabled={live === null && parsed === null}>{t('cx.numeric.confirm')}<kbd className="kbd">↵</kbd></button>
        {naButton}
      </div>
      <div className="cx-numeric-limits">
        <span>{limitText}</span>
        {parsed !== null && (Number.isFinite(parsed)
          ? <span className={`cx-live cx-live-${live ?? 'open'}`} data-testid="cx-live"><StatusDot status={live} />{t(`cx.status.${live ?? 'open'}`)}</span>
          : <span className="cx-live cx-live-fail">{t('cx.numeric.notNumber')}</span>)}
      </div>
    </div>
  );
}

function TextControl({ view, item, value, naButton, signature = false }: { view: InstanceView; item: Item; value: string; naButton: React.ReactNode; signature?: boolean }) {
  const { t } = useTranslation();
  const actor = useActor();
  const [text, setText] = useState(value || (signature ? actor?.name ?? '' : ''));
  const save = () => {
    if (!text.trim()) return;
    const v = signature ? { name: text.trim(), ...(actor?.role ? { role: actor.role } : {}), ...(actor?.company ? { company: actor.company } : {}), signedAt: actorArg(actor ?? { name: '-', deviceId: '-', role: '', company: '' }).at }
      : item.type === 'datetime' ? new Date(text).toISOString() : text;
    void answerItem(view, item, v);
  };
  // Enter saves, as a one-line field would; Shift+Enter still starts a new line in a remark.
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      save();
      // Hand the keys back to the walk (the last item stays on screen, its field would keep them).
      e.currentTarget.closest<HTMLElement>('[data-testid="cx-item"]')?.focus();
    }
  };
  return (
    <div className="cx-numeric-row">
      {item.type === 'datetime'
        ? <input type="datetime-local" className="cx-text-input" value={text.slice(0, 16)} onChange={(e) => setText(e.target.value)} aria-label={item.label} onKeyDown={onKey} />
        : <textarea className="cx-text-input" value={text} onChange={(e) => setText(e.target.value)} rows={signature ? 1 : 3} aria-label={item.label} title={t('cx.key.saveText')} onKeyDown={onKey} />}
      <button type="button" className="btn btn-primary cx-touch" onClick={save}>{t('cx.answer.save')}<kbd className="kbd">↵</kbd></button>
      {naButton}
    </div>
  );
}

function PhotoControl({ view, item, ids, naButton }: { view: InstanceView; item: Item; ids: string[]; naButton: React.ReactNode }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const add = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    try {
      const { uploadFile, uploadPhoto } = await import('./photo');
      const added: string[] = [];
      const upload = item.type === 'file' ? uploadFile : uploadPhoto;
      for (const f of Array.from(files)) added.push(await upload(f, useCx.getState().keepOriginals));
      await answerItem(view, item, [...ids, ...added]);
    } catch (err) {
      reportError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="cx-photos">
      <div className="cx-photo-strip">{ids.map((id) => <PhotoThumb key={id} id={id} />)}</div>
      <div className="cx-numeric-row">
        <button type="button" className="btn btn-primary cx-touch" onClick={() => input.current?.click()} disabled={busy}><Icon name="plus" size={14} />{t('cx.photo.add')}</button>
        <input ref={input} type="file" accept={acceptOf(item.type === 'file' ? item.accept : undefined, item.type === 'photo')} {...(item.type === 'photo' ? { capture: 'environment' } : {})} multiple hidden onChange={(e) => void add(e.target.files)} data-testid="cx-item-photo-input" />
        {naButton}
      </div>
    </div>
  );
}

// ------------------------------------------------------------------ evidence (right)

function EvidencePane({ view }: { view: InstanceView | null }) {
  const { t } = useTranslation();
  const itemId = useCx((s) => s.itemId);
  const setModal = useCx((s) => s.setModal);
  const items = useMemo(() => (view ? walkItems(view) : []), [view]);
  const item = view ? currentItem(view, items, itemId) : null;
  const answer = item && view ? view.answerByItem.get(item.id) : undefined;
  const [note, setNote] = useState(answer?.note ?? '');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => setNote(answer?.note ?? ''), [answer?.note, item?.id]);
  if (!view || !item || view.gate.length > 0) return <aside className="cx-evidence" aria-label={t('cx.evidence.title')} />;
  const issues = view.issues.filter((i) => i.itemId === item.id);
  const addPhotos = async (files: FileList | null) => {
    if (!files?.length || !answer) return;
    setBusy(true);
    try {
      const { uploadPhoto } = await import('./photo');
      const added: string[] = [];
      for (const f of Array.from(files)) added.push(await uploadPhoto(f, useCx.getState().keepOriginals));
      await answerItem(view, item, answer.value, { note: answer.note ?? '', photoIds: [...(answer.photoIds ?? []), ...added] });
    } catch (err) {
      reportError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <aside className="cx-evidence" aria-label={t('cx.evidence.title')} data-testid="cx-evidence">
      <h2>{t('cx.evidence.title')}</h2>
      {answer && item.type !== 'table' && (
        <section className="cx-clear">
          <button type="button" className="btn cx-touch" onClick={() => cxWalkKey('clear')} data-testid="cx-clear">
            <Icon name="trash" size={14} />{t('cx.clear.button')}<kbd className="kbd">Del</kbd>
          </button>
          {signedCovering(view, item.id).length > 0 && <p className="cx-muted cx-clear-warn"><Icon name="lock" size={11} />{t('cx.clear.signedHint')}</p>}
        </section>
      )}
      <section>
        <h3>{t('cx.evidence.photos')}</h3>
        <div className="cx-photo-strip">{(answer?.photoIds ?? []).map((id) => <PhotoThumb key={id} id={id} />)}</div>
        <button type="button" className="btn cx-touch" disabled={!answer || busy} onClick={() => input.current?.click()} title={!answer ? t('cx.evidence.answerFirst') : undefined}>
          <Icon name="plus" size={14} />{t('cx.photo.add')}
        </button>
        <input ref={input} type="file" accept="image/*" capture="environment" multiple hidden onChange={(e) => void addPhotos(e.target.files)} />
        <KeepOriginals />
      </section>
      <section>
        <h3>{t('cx.evidence.note')}</h3>
        <textarea className="cx-note" rows={4} value={note} onChange={(e) => setNote(e.target.value)} disabled={!answer} placeholder={!answer ? t('cx.evidence.answerFirst') : ''} aria-label={t('cx.evidence.note')} />
        <button type="button" className="btn cx-touch" disabled={!answer || note === (answer.note ?? '')} onClick={() => answer && void answerItem(view, item, answer.value, { note })}>{t('cx.answer.saveNote')}</button>
      </section>
      <section>
        <h3>{t('cx.evidence.issues')}</h3>
        {issues.length === 0 && <p className="cx-muted">{t('cx.evidence.noIssues')}</p>}
        <ul className="cx-issue-links">
          {issues.map((i) => (
            <li key={i.id}>
              <button type="button" className="cx-issue-link" onClick={() => setModal({ kind: 'issue', issueId: i.id })} data-testid="cx-item-issue">
                <SeverityBadge severity={i.severity} /><span>{i.title}</span><span className="cx-muted">{t(`cx.issueStatus.${i.status}`)}</span>
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="btn cx-touch" onClick={() => setModal({ kind: 'newIssue' })}><Icon name="plus" size={14} />{t('cx.issue.new')}</button>
      </section>
    </aside>
  );
}

function KeepOriginals() {
  const { t } = useTranslation();
  const keep = useCx((s) => s.keepOriginals);
  const set = useCx((s) => s.setKeepOriginals);
  return (
    <label className="cx-check cx-muted" title={t('cx.photo.keepHint')}>
      <input type="checkbox" checked={keep} onChange={(e) => set(e.target.checked)} />{t('cx.photo.keep')}
    </label>
  );
}

export function SeverityBadge({ severity }: { severity: CxIssue['severity'] }) {
  const { t } = useTranslation();
  const icon = severity === 'critical' || severity === 'major' ? 'alert' : 'info';
  return <span className={`cx-sev cx-sev-${severity}`}><Icon name={icon} size={11} />{t(`cx.severity.${severity}`)}</span>;
}

