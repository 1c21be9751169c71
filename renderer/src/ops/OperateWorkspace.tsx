/**
 * The Operate workspace (UI.md "Operate workspace", issue 7): the "needs attention" list across
 * every register at the top, the registers below as tabs of sortable, filterable tables, and the
 * environment charts with the ASHRAE envelopes behind the readings.
 *
 * The tables read the mirror; the attention list, the charts and the timeline come from main
 * ('ops.*' in core/api.ts) because they need the readings table, and are asked again whenever
 * the document changes.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttentionItem } from '../../../core/ops/attention';
import { toSerializedError } from '../api/errors';
import { Icon } from '../components/Icon';
import { useOpsUnits as useUnits } from './useOpsUnits';
import { useStore } from '../state/store';
import { EnvironmentPanel } from './Environment';
import { OpsDialogs } from './forms';
import { attentionText, formatDay } from './format';
import type { OpsTab } from './logic';
import { OPS_TABS, tabOfRegister } from './logic';
import { opsApi } from './opsApi';
import { useOps } from './opsState';
import { BackupsPanel, EventsPanel, LicencesPanel, MaintenancePanel } from './Registers';
import './ops.css';

export function OperateWorkspace() {
  const { t } = useTranslation();
  const tab = useOps((s) => s.tab);
  const setTab = useOps((s) => s.setTab);
  const readOnly = useStore((s) => s.project?.readOnly ?? false);
  const setModal = useOps((s) => s.setModal);
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});

  const onTabKey = (e: React.KeyboardEvent, i: number) => {
    const next = e.key === 'ArrowRight' ? (i + 1) % OPS_TABS.length : e.key === 'ArrowLeft' ? (i - 1 + OPS_TABS.length) % OPS_TABS.length : -1;
    if (next < 0) return;
    e.preventDefault();
    setTab(OPS_TABS[next]!);
    tabRefs.current[OPS_TABS[next]!]?.focus();
  };

  return (
    <div className="ops" data-testid="operate-workspace">
      <AttentionPanel />
      <div className="ops-tabs-row">
        <div className="ops-tabs" role="tablist" aria-label={t('ops.tabs.label')}>
          {OPS_TABS.map((k, i) => (
            <button
              key={k}
              ref={(el) => { tabRefs.current[k] = el; }}
              type="button"
              role="tab"
              id={`ops-tab-${k}`}
              aria-selected={tab === k}
              aria-controls="ops-tabpanel"
              tabIndex={tab === k ? 0 : -1}
              className={`ops-tab${tab === k ? ' is-on' : ''}`}
              onClick={() => setTab(k)}
              onKeyDown={(e) => onTabKey(e, i)}
              data-testid={`ops-tab-${k}`}
            >
              <TabIcon tab={k} />{t(`ops.tabs.${k}`)}
            </button>
          ))}
        </div>
        <button type="button" className="btn btn-sm" onClick={() => setModal({ kind: 'settings' })} disabled={readOnly} data-testid="ops-settings">
          <Icon name="settings" size={13} />{t('ops.settings.open')}
        </button>
      </div>
      <div className="ops-body" role="tabpanel" id="ops-tabpanel" aria-labelledby={`ops-tab-${tab}`}>
        {tab === 'maintenance' && <MaintenancePanel />}
        {tab === 'backups' && <BackupsPanel />}
        {tab === 'licences' && <LicencesPanel />}
        {tab === 'environment' && <EnvironmentPanel />}
        {tab === 'events' && <EventsPanel />}
      </div>
      <OpsDialogs />
    </div>
  );
}

function TabIcon({ tab }: { tab: OpsTab }) {
  const name = ({ maintenance: 'settings', backups: 'save', licences: 'file', environment: 'layers', events: 'history' } as const)[tab];
  return <Icon name={name} size={14} />;
}

/** Refreshes on every document change, a little after it, so a burst of edits asks once. */
function useAttention(): { items: AttentionItem[] | null; error: string | null } {
  const snapshot = useStore((s) => s.snapshot);
  const [state, setState] = useState<{ items: AttentionItem[] | null; error: string | null }>({ items: null, error: null });
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      opsApi.attention()
        .then((items) => { if (live) setState({ items, error: null }); })
        .catch((err: unknown) => { if (live) setState((s) => ({ items: s.items, error: toSerializedError(err).message })); });
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [snapshot]);
  return state;
}

function AttentionPanel() {
  const { t } = useTranslation();
  const units = useUnits();
  const { items, error } = useAttention();
  const reveal = useOps((s) => s.reveal);
  const [expanded, setExpanded] = useState(false);
  const overdue = items?.filter((i) => i.severity === 'overdue').length ?? 0;
  const due = (items?.length ?? 0) - overdue;
  const LIMIT = 6;
  const shown = items ? (expanded ? items : items.slice(0, LIMIT)) : [];

  return (
    <section className="ops-attention" aria-labelledby="ops-attention-title" data-testid="ops-attention">
      <header className="ops-attention-head">
        <h2 id="ops-attention-title">{t('ops.attention.title')}</h2>
        {items && items.length > 0 && (
          <span className="ops-attention-counts">
            {overdue > 0 && <span className="ops-sev ops-sev-overdue"><Icon name="alertCircle" size={12} />{t('ops.attention.countOverdue', { count: overdue })}</span>}
            {due > 0 && <span className="ops-sev ops-sev-due"><Icon name="clock" size={12} />{t('ops.attention.countDue', { count: due })}</span>}
          </span>
        )}
        {error && <span className="ops-attention-error" role="alert"><Icon name="alert" size={12} />{error}</span>}
      </header>
      {items === null ? (
        <p className="ops-muted">{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p className="ops-attention-clear" data-testid="ops-attention-empty"><Icon name="checkCircle" size={14} />{t('ops.attention.none')}</p>
      ) : (
        <ul className="ops-attention-list">
          {shown.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                className={`ops-attention-item is-${item.severity}`}
                onClick={() => reveal(tabOfRegister(item.register), item.entity.kind, item.entity.id)}
                data-testid="ops-attention-item"
                data-code={item.code}
              >
                <span className={`ops-sev ops-sev-${item.severity}`}>
                  <Icon name={item.severity === 'overdue' ? 'alertCircle' : 'clock'} size={12} />
                  {t(`ops.attention.severity.${item.severity}`)}
                </span>
                <span className="ops-attention-register">{t(`ops.attention.register.${item.register}`)}</span>
                <span className="ops-attention-msg">{attentionText(item, t, units.opts)}</span>
                <span className="ops-attention-date">{formatDay(item.dueDate, units.locale)}</span>
                <Icon name="chevronRight" size={12} />
              </button>
            </li>
          ))}
        </ul>
      )}
      {items && items.length > LIMIT && (
        <button type="button" className="link ops-attention-more" onClick={() => setExpanded((x) => !x)} aria-expanded={expanded}>
          {expanded ? t('ops.attention.fewer') : t('ops.attention.more', { count: items.length - LIMIT })}
        </button>
      )}
    </section>
  );
}
