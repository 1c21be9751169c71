/**
 * Power & capacity (issue 4): the power chain with its loads and single-failure worst cases, UPS
 * redundancy verdicts, cooling zones, and capacity tables for rooms, rows and racks. Shown for the
 * whole site (#/capacity) or for one room (#/rooms/<id>/capacity, a tab next to Plan and 3D).
 *
 * Everything here is read from the incremental DesignChecker of the open project, so it follows
 * every edit; edits themselves go through commands (the inspector lives in the properties panel).
 */
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { POWER_ELEMENT_KINDS } from '../../../core/model/schema';
import type { PowerElementKind } from '../../../core/model/schema';
import { call } from '../api/client';
import { attempt } from '../app/controller';
import { Icon } from '../components/Icon';
import { useReadOnly, useUnits } from '../hooks';
import { useStore } from '../state/store';
import { formatPowerW } from '../units';
import { ChainTree } from './ChainTree';
import { CoolingZones, RacksTable, TotalsTable, UpsGroups } from './CapacityTables';
import { defaultUpstream, pctOf } from './model';
import { BoltIcon, Meter } from './parts';
import { PlacementDialog } from './PlacementDialog';
import { pickElement, pickedElementId, useCapacityReport, usePowerPick } from './powerState';
import { WhatIfPanel } from './WhatIfPanel';
import '../styles/power.css';

/** Creates a power element (under the picked one when power flows that way) and picks it. */
export async function addPowerElement(kind: PowerElementKind, roomId: string | null): Promise<void> {
  const s = useStore.getState();
  const pickedId = pickedElementId(s);
  const picked = pickedId ? s.snapshot?.powerElements[pickedId] : undefined;
  const out = await attempt(() => call('cmd.powerElement.create', {
    kind, upstreamIds: defaultUpstream(kind, picked), ...(roomId ? { roomId } : {}),
  }));
  if (out) pickElement(out.result.id);
}

export function CapacityView({ roomId }: { roomId: string | null }) {
  const { t } = useTranslation();
  const units = useUnits();
  const readOnly = useReadOnly();
  const report = useCapacityReport();
  const room = useStore((s) => (roomId ? s.snapshot?.rooms[roomId] : undefined));
  const hasChain = useStore((s) => Object.keys(s.snapshot?.powerElements ?? {}).length > 0);
  const [newKind, setNewKind] = useState<PowerElementKind>('rpp');
  const placing = usePowerPick((p) => p.placementOpen);
  const hasTypes = useStore((s) => Object.keys(s.snapshot?.deviceTypes ?? {}).length > 0 && Object.keys(s.snapshot?.racks ?? {}).length > 0);
  if (!report) return null;
  const warnAt = report.settings.warnAtPct;
  const racks = roomId ? report.racks.filter((r) => r.roomId === roomId) : report.racks;
  const rows = roomId ? report.rows.filter((r) => r.roomId === roomId) : report.rows;
  const zones = roomId ? report.zones.filter((z) => z.roomId === roomId) : report.zones;
  const scope = roomId ? report.rooms.find((r) => r.roomId === roomId) ?? report.site : report.site;
  const heatW = zones.reduce((s, z) => s + z.heatW, 0);
  const coolW = zones.reduce((s, z) => s + z.capacityW, 0);
  const w = (watts: number) => formatPowerW(watts, units.locale);

  return (
    <div className="pw-view" data-testid="capacity-view" data-scope={roomId ? 'room' : 'site'}>
      <header className="pw-head">
        <div className="pw-title">
          <BoltIcon size={18} />
          <h2>{roomId ? t('powerUi.view.titleRoom', { room: room?.name ?? '' }) : t('powerUi.view.titleSite')}</h2>
        </div>
        <div className="pw-toolbar">
          <button type="button" className="btn" onClick={() => usePowerPick.getState().setPlacementOpen(true)} disabled={readOnly || !hasTypes} data-testid="open-placement">
            <Icon name="search" size={14} />{t('powerUi.place.open')}
          </button>
          {hasChain && (
            <span className="pw-add">
              <label className="visually-hidden" htmlFor="pw-new-kind">{t('powerUi.view.newKind')}</label>
              <select id="pw-new-kind" className="input select" value={newKind} onChange={(e) => setNewKind(e.target.value as PowerElementKind)} disabled={readOnly} data-testid="new-element-kind">
                {POWER_ELEMENT_KINDS.map((k) => <option key={k} value={k}>{t(`powerUi.kind.${k}`)}</option>)}
              </select>
              <button type="button" className="btn" onClick={() => void addPowerElement(newKind, roomId)} disabled={readOnly} data-testid="add-element">
                <Icon name="plus" size={14} />{t('powerUi.view.add')}
              </button>
            </span>
          )}
        </div>
      </header>

      <div className="pw-kpis" data-testid="capacity-kpis">
        <Kpi label={t('powerUi.kpi.load')} value={w(scope.loadW)} sub={t('powerUi.kpi.racks', { count: scope.racks })} />
        <Kpi label={t('powerUi.kpi.budget')} value={w(scope.budgetW)} meter={<Meter pct={pctOf(scope.loadW, scope.budgetW)} warnAtPct={warnAt} locale={units.locale} />} />
        <Kpi label={t('powerUi.kpi.cooling')} value={w(coolW)} sub={t('powerUi.kpi.heat', { heat: w(heatW) })} meter={<Meter pct={pctOf(heatW, coolW)} warnAtPct={warnAt} locale={units.locale} />} />
        <Kpi label={t('powerUi.kpi.space')} value={units.u(scope.usedU)} sub={t('powerUi.kpi.free', { free: units.u(scope.freeU), u: units.u(scope.largestFreeU) })}
          meter={<Meter pct={pctOf(scope.usedU, scope.uHeight)} warnAtPct={warnAt} locale={units.locale} />} />
        <Kpi label={t('powerUi.kpi.weight')} value={units.mass(scope.weightKg)} meter={<Meter pct={pctOf(scope.weightKg, scope.maxKg)} warnAtPct={warnAt} locale={units.locale} />} />
      </div>

      <WhatIfPanel />

      <section className="pw-section" aria-labelledby="pw-chain-h">
        <h3 id="pw-chain-h">{t('powerUi.chain.title')}{roomId && <span className="pw-section-note">{t('powerUi.chain.siteWide')}</span>}</h3>
        {hasChain ? (
          <>
            <ChainTree elements={report.elements} warnAtPct={warnAt} />
            <p className="pw-hint">{t('powerUi.chain.hint')}</p>
          </>
        ) : (
          <div className="pw-empty" data-testid="chain-empty">
            <BoltIcon size={28} />
            <h4>{t('powerUi.empty.title')}</h4>
            <p>{t('powerUi.empty.body')}</p>
            <div className="pw-empty-actions">
              <button type="button" className="btn btn-primary" disabled={readOnly} onClick={() => void addPowerElement('ups', roomId)} data-testid="empty-add-ups">
                <Icon name="plus" size={14} />{t('powerUi.empty.addUps')}
              </button>
              <button type="button" className="btn" disabled={readOnly} onClick={() => void addPowerElement('utility', null)} data-testid="empty-add-utility">
                <Icon name="plus" size={14} />{t('powerUi.empty.addUtility')}
              </button>
            </div>
          </div>
        )}
      </section>

      {hasChain && (
        <section className="pw-section" aria-labelledby="pw-ups-h">
          <h3 id="pw-ups-h">{t('powerUi.ups.title')}</h3>
          <UpsGroups groups={report.upsGroups} warnAtPct={warnAt} />
        </section>
      )}

      <section className="pw-section" aria-labelledby="pw-zones-h">
        <h3 id="pw-zones-h">{t('powerUi.zones.title')}</h3>
        <CoolingZones zones={zones} warnAtPct={warnAt} />
      </section>

      {!roomId && (
        <section className="pw-section" aria-labelledby="pw-rooms-h">
          <h3 id="pw-rooms-h">{t('powerUi.tables.roomsTitle')}</h3>
          <TotalsTable rows={report.rooms} kind="rooms" warnAtPct={warnAt} />
        </section>
      )}
      <section className="pw-section" aria-labelledby="pw-rows-h">
        <h3 id="pw-rows-h">{t('powerUi.tables.rowsTitle')}</h3>
        <TotalsTable rows={rows} kind="rows" warnAtPct={warnAt} />
      </section>
      <section className="pw-section" aria-labelledby="pw-racks-h">
        <h3 id="pw-racks-h">{t('powerUi.tables.racksTitle')}</h3>
        <RacksTable racks={racks} report={report} warnAtPct={warnAt} />
      </section>
      {placing && <PlacementDialog roomId={roomId} onClose={() => usePowerPick.getState().setPlacementOpen(false)} />}
    </div>
  );
}

function Kpi({ label, value, sub, meter }: { label: string; value: string; sub?: string; meter?: ReactNode }) {
  return (
    <div className="pw-kpi">
      <span className="pw-kpi-label">{label}</span>
      <span className="pw-kpi-value">{value}</span>
      {meter}
      {sub && <span className="pw-kpi-sub">{sub}</span>}
    </div>
  );
}
