import { Suspense, lazy, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Room } from '../../../core/model/schema';
import { runAction, selectedRackId, shortcutLabel } from '../app/actions';
import { Icon } from '../components/Icon';
import { Tooltip } from '../components/Tooltip';
import { CatalogPanel } from '../catalog/CatalogPanel';
import { PlanView } from '../plan/PlanView';
import type { RoomView } from '../router';
import { roomViewOf } from '../router';
import { selectCurrentRoomId } from '../state/selectors';
import { useStore } from '../state/store';
import '../styles/view3d-tabs.css';
import { Overview } from './Overview';
import { PropertiesPanel } from './PropertiesPanel';
import { SiteTree } from './SiteTree';
import { StatusBar } from './StatusBar';
import { FindingsPanel } from '../findings/FindingsPanel';
import { capacityRoomId } from '../power/powerState';
import { BoltIcon } from '../power/parts';
import { ConnectionBanner, ReadOnlyBanner, TopBar } from './TopBar';

/** three.js and the 3D view load when first shown, so the plan opens as fast as before. */
const View3D = lazy(() => import('../view3d/View3D'));

/** Power & capacity (renderer/src/power), loaded on first use. */
const CapacityView = lazy(() => import('../power/CapacityView').then((m) => ({ default: m.CapacityView })));

/** The rack elevation (renderer/src/elevation), loaded on first use like the 3D view. */
const RackElevation = lazy(() => import('../elevation/RackElevation').then((m) => ({ default: m.RackElevation })));

/** The Commission workspace (renderer/src/cx), loaded on first use. */
const CommissionWorkspace = lazy(() => import('../cx/CommissionWorkspace').then((m) => ({ default: m.CommissionWorkspace })));

/** The Operate workspace (renderer/src/ops): needs attention, the registers, environment charts. */
const OperateWorkspace = lazy(() => import('../ops/OperateWorkspace').then((m) => ({ default: m.OperateWorkspace })));

/** The Reports workspace (renderer/src/reports): reports, their preview, and every export. */
const ReportsWorkspace = lazy(() => import('../reports/ReportsWorkspace').then((m) => ({ default: m.ReportsWorkspace })));

/** The project window (UI.md): top bar, site tree, centre view by route, properties, status bar. */
export function MainWindow() {
  const { t } = useTranslation();
  const workspace = useStore((s) => s.workspace);
  const roomId = useStore((s) => selectCurrentRoomId(s) ?? capacityRoomId(s));
  const siteCapacity = useStore((s) => s.route.name === 'capacity');
  const room = useStore((s) => (roomId ? s.snapshot?.rooms[roomId] : undefined));
  const routeRackId = useStore((s) => (s.route.name === 'rack' && s.snapshot?.racks[s.route.rackId] ? s.route.rackId : null));
  const view = useStore((s) => roomViewOf(s.route));

  // A deep link to a rack selects it, so the tree, properties and plan agree on what is shown.
  useEffect(() => {
    if (!routeRackId) return;
    const s = useStore.getState();
    if (s.selection?.kind !== 'rack' || s.selection.ids.length !== 1 || s.selection.ids[0] !== routeRackId) s.select({ kind: 'rack', ids: [routeRackId] });
  }, [routeRackId]);

  return (
    <div className="window" data-testid="main-window">
      <TopBar />
      <ConnectionBanner />
      <ReadOnlyBanner />
      {workspace === 'commission' ? (
        <Suspense fallback={<div className="view3d-loading">{t('view3d.loading')}</div>}>
          <CommissionWorkspace />
        </Suspense>
      ) : workspace === 'operate' ? (
        <Suspense fallback={<div className="view3d-loading">{t('view3d.loading')}</div>}>
          <OperateWorkspace />
        </Suspense>
      ) : workspace === 'reports' ? (
        <Suspense fallback={<div className="view3d-loading">{t('view3d.loading')}</div>}>
          <ReportsWorkspace />
        </Suspense>
      ) : (
      <div className="workbench">
        <nav className="sidebar" aria-label={t('tree.title')}>
          <SiteTree />
          <CatalogPanel />
        </nav>
        <main className="centre">
          {siteCapacity ? (
            <div className="centre-view" data-testid="centre-view" data-view="capacity">
              <Suspense fallback={<div className="view3d-loading">{t('view3d.loading')}</div>}>
                <CapacityView roomId={null} />
              </Suspense>
            </div>
          ) : room ? (
            <>
              <ViewTabs current={view ?? 'plan'} rackId={routeRackId} />
              <div className="centre-view" role="tabpanel" data-testid="centre-view" data-view={view ?? 'plan'}>
                <CentreView room={room} view={view ?? 'plan'} rackId={routeRackId} />
              </div>
            </>
          ) : (
            <Overview />
          )}
        </main>
        <PropertiesPanel />
      </div>
      )}
      {workspace === 'design' && <FindingsPanel />}
      <StatusBar />
    </div>
  );
}

function CentreView({ room, view, rackId }: { room: Room; view: RoomView; rackId: string | null }) {
  const { t } = useTranslation();
  if (view === '3d') {
    return (
      <Suspense fallback={<div className="view3d-loading" data-testid="view3d-loading">{t('view3d.loading')}</div>}>
        <View3D room={room} />
      </Suspense>
    );
  }
  if (view === 'capacity') {
    return (
      <Suspense fallback={<div className="view3d-loading">{t('view3d.loading')}</div>}>
        <CapacityView roomId={room.id} />
      </Suspense>
    );
  }
  if (view === 'rack' && rackId) {
    return (
      <Suspense fallback={<div className="view3d-loading">{t('view3d.loading')}</div>}>
        <RackElevation rackId={rackId} />
      </Suspense>
    );
  }
  return <PlanView room={room} />;
}

function ViewTabs({ current, rackId }: { current: RoomView; rackId: string | null }) {
  const { t } = useTranslation();
  const targetRackId = useStore(selectedRackId);
  const rackName = useStore((s) => s.snapshot?.racks[rackId ?? targetRackId ?? '']?.name);
  const tabs: { view: RoomView; action: 'view.plan' | 'view.3d' | 'view.rackElevation' | 'view.capacity'; label: string; hint: string; disabled: boolean }[] = [
    { view: 'plan', action: 'view.plan', label: t('view3d.tab.plan'), hint: t('view3d.tab.planHint'), disabled: false },
    { view: '3d', action: 'view.3d', label: t('view3d.tab.3d'), hint: t('view3d.tab.3dHint'), disabled: false },
    {
      view: 'rack',
      action: 'view.rackElevation',
      label: rackName ? t('view3d.tab.rackNamed', { name: rackName }) : t('view3d.tab.rack'),
      hint: rackName ? t('view3d.tab.rackHint', { name: rackName }) : t('view3d.tab.rackNone'),
      disabled: !rackName,
    },
    { view: 'capacity', action: 'view.capacity', label: t('powerUi.tab.label'), hint: t('powerUi.tab.hint'), disabled: false },
  ];
  return (
    <div className="view-tabs" role="tablist" aria-label={t('view3d.tab.label')} data-testid="view-tabs">
      {tabs.map((tab) => (
        <Tooltip key={tab.view} label={tab.hint} shortcut={shortcutLabel(tab.action)}>
          <button
            type="button"
            role="tab"
            aria-selected={current === tab.view}
            aria-disabled={tab.disabled}
            className={`view-tab${current === tab.view ? ' is-active' : ''}`}
            onClick={() => !tab.disabled && runAction(tab.action)}
            data-testid={`view-tab-${tab.view}`}
          >
            <TabIcon view={tab.view} />
            <span>{tab.label}</span>
            <kbd className="view-tab-key">{shortcutLabel(tab.action)}</kbd>
          </button>
        </Tooltip>
      ))}
    </div>
  );
}

function TabIcon({ view }: { view: RoomView }) {
  if (view === 'plan') return <Icon name="room" size={14} />;
  if (view === 'rack') return <Icon name="rack" size={14} />;
  if (view === 'capacity') return <BoltIcon size={14} />;
  // A cube in the icon set's style (16 px grid, 1.5 px strokes).
  return (
    <svg className="icon" width={14} height={14} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" aria-hidden="true">
      <path d="M8 1.8 13.5 4.8v6.4L8 14.2 2.5 11.2V4.8Z" />
      <path d="M2.5 4.8 8 7.8l5.5-3M8 7.8v6.4" />
    </svg>
  );
}
