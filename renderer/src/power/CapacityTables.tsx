/**
 * Capacity tables: UPS groups (designed versus achieved), cooling zones (heat against capacity,
 * N+1 verdict), and rooms, rows and racks (space, power against budget, weight against rating,
 * floor load), each sortable by any column.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CapacityReport, RackCapacity, RoomCapacity, RowCapacity } from '../../../core/capacity/report';
import type { ZoneResult } from '../../../core/capacity/cooling';
import type { UpsGroupResult } from '../../../core/capacity/chain';
import { useUnits } from '../hooks';
import { useStore } from '../state/store';
import { formatPowerW } from '../units';
import type { SortState } from './model';
import { formatFloorLoad, meetsDesign, nextSort, pctOf, sortRows } from './model';
import { Meter, SortHeader, VerdictBadge, WhatIfButton } from './parts';
import { pickElement, runWhatIf } from './powerState';

export function UpsGroups({ groups, warnAtPct }: { groups: readonly UpsGroupResult[]; warnAtPct: number }) {
  const { t } = useTranslation();
  const units = useUnits();
  const elements = useStore((s) => s.snapshot!.powerElements);
  if (groups.length === 0) return <p className="pw-empty-line">{t('powerUi.ups.none')}</p>;
  return (
    <div className="pw-ups-grid" data-testid="ups-groups">
      {groups.map((g) => {
        const ok = meetsDesign(g.achieved, g.designed);
        const total = g.capacitiesW.every((c) => c !== null) ? g.capacitiesW.reduce<number>((s, c) => s + c!, 0) : null;
        return (
          <article key={g.group} className={`pw-ups-card${ok === false ? ' is-bad' : ''}`} data-testid="ups-group" data-group={g.group}>
            <header>
              <h4>{g.group}</h4>
              <span className="pw-ups-verdicts">
                <span className="pw-verdict-label">{t('powerUi.ups.designed')}</span>
                <VerdictBadge verdict={g.designed} ok={null} testId="ups-designed" />
                <span className="pw-verdict-label">{t('powerUi.ups.achieved')}</span>
                <VerdictBadge verdict={g.achieved} ok={ok} testId="ups-achieved"
                  title={ok === false ? t('powerUi.ups.belowHint', { designed: g.designed }) : undefined} />
              </span>
            </header>
            <div className="pw-ups-load">
              <span>{t('powerUi.ups.load', { load: formatPowerW(g.loadW, units.locale) })}</span>
              {total !== null && <Meter pct={pctOf(g.loadW, total)} warnAtPct={warnAtPct} locale={units.locale} label={t('powerUi.ups.ofTotal', { total: formatPowerW(total, units.locale) })} />}
            </div>
            <ul className="pw-ups-members">
              {g.elementIds.map((id, i) => (
                <li key={id}>
                  <button type="button" className="link" onClick={() => pickElement(id)}>{elements[id]?.name ?? id}</button>
                  <span className="muted">{g.capacitiesW[i] !== null ? formatPowerW(g.capacitiesW[i]!, units.locale) : t('powerUi.chain.noRating')}</span>
                  <span className="muted" title={t('powerUi.ups.eachHint')}>{g.capacitiesW[i] ? t('powerUi.ups.each', { pct: Math.round((g.loadW / g.capacitiesW[i]!) * 100) }) : ''}</span>
                  <WhatIfButton label={t('powerUi.whatIf.forName', { name: elements[id]?.name ?? id })} onClick={() => runWhatIf([id])} testId="ups-whatif" />
                </li>
              ))}
            </ul>
          </article>
        );
      })}
    </div>
  );
}

type ZoneKey = 'name' | 'racks' | 'heat' | 'capacity' | 'pct' | 'remaining';

export function CoolingZones({ zones, warnAtPct }: { zones: readonly ZoneResult[]; warnAtPct: number }) {
  const { t } = useTranslation();
  const units = useUnits();
  const rooms = useStore((s) => s.snapshot!.rooms);
  const equipment = useStore((s) => s.snapshot!.floorEquipment);
  const [sort, setSort] = useState<SortState<ZoneKey>>({ key: 'name', dir: 'asc' });
  if (zones.length === 0) return <p className="pw-empty-line">{t('powerUi.zones.none')}</p>;
  const name = (z: ZoneResult) => (z.zone ? t('powerUi.zones.zoneOf', { zone: z.zone, room: rooms[z.roomId]?.name ?? '' }) : rooms[z.roomId]?.name ?? z.roomId);
  const value = (z: ZoneResult, k: ZoneKey) => {
    switch (k) {
      case 'name': return name(z);
      case 'racks': return z.rackCount;
      case 'heat': return z.heatW;
      case 'capacity': return z.capacityW;
      case 'pct': return pctOf(z.heatW, z.capacityW);
      case 'remaining': return z.capacityW - z.largestUnitW - z.heatW;
    }
  };
  const rows = sortRows(zones, sort, value);
  const onSort = (k: ZoneKey, numeric: boolean) => setSort((s) => nextSort(s, k, numeric));
  const w = (watts: number) => formatPowerW(watts, units.locale);
  const largestCooler = (z: ZoneResult) => z.coolerIds.reduce<string | null>((best, id) => ((equipment[id]?.coolingKw ?? 0) > (best ? equipment[best]?.coolingKw ?? 0 : -1) ? id : best), null);
  return (
    <div className="pw-table-wrap">
      <table className="pw-table" data-testid="zones-table">
        <thead>
          <tr>
            <SortHeader k="name" sort={sort} onSort={onSort}>{t('powerUi.zones.zone')}</SortHeader>
            <SortHeader k="racks" sort={sort} onSort={onSort} numeric>{t('powerUi.zones.racks')}</SortHeader>
            <SortHeader k="heat" sort={sort} onSort={onSort} numeric>{t('powerUi.zones.heat')}</SortHeader>
            <SortHeader k="capacity" sort={sort} onSort={onSort} numeric>{t('powerUi.zones.capacity')}</SortHeader>
            <SortHeader k="pct" sort={sort} onSort={onSort} numeric>{t('powerUi.zones.used')}</SortHeader>
            <SortHeader k="remaining" sort={sort} onSort={onSort} numeric>{t('powerUi.zones.withoutLargest')}</SortHeader>
            <th scope="col">{t('powerUi.zones.verdict')}</th>
            <th scope="col"><span className="visually-hidden">{t('powerUi.whatIf.action')}</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((z) => {
            const designed = rooms[z.roomId]?.coolingRedundancy ?? 'N+1';
            const ok = z.verdict === 'none' && z.heatW <= 0 ? null : meetsDesign(z.verdict, designed);
            const largest = largestCooler(z);
            return (
              <tr key={z.key} data-testid="zone-row" data-zone={name(z)}>
                <td>{name(z)}<div className="pw-cause">{t('powerUi.zones.units', { count: z.coolerIds.length })}</div></td>
                <td className="num">{z.rackCount}</td>
                <td className="num">{w(z.heatW)}<div className="pw-cause">{t('powerUi.zones.itLoad', { load: w(z.itLoadW) })}</div></td>
                <td className="num">{w(z.capacityW)}</td>
                <td className="pw-col-meter"><Meter pct={pctOf(z.heatW, z.capacityW)} warnAtPct={warnAtPct} locale={units.locale} /></td>
                <td className="num">{w(Math.max(0, z.capacityW - z.largestUnitW))}</td>
                <td><VerdictBadge verdict={z.verdict} ok={ok} testId="zone-verdict" title={t('powerUi.zones.designed', { designed })} /></td>
                <td className="pw-actions-cell">
                  {largest && (
                    <WhatIfButton label={t('powerUi.whatIf.largestCooler', { name: equipment[largest]?.name ?? largest })} onClick={() => runWhatIf([largest])} testId="zone-whatif" />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

type TotalsKey = 'name' | 'racks' | 'usedU' | 'freeU' | 'largestFreeU' | 'loadW' | 'budgetPct' | 'weightKg' | 'weightPct' | 'cooling';

/** Rooms or rows: totals of their racks. */
export function TotalsTable({ rows, kind, warnAtPct }: { rows: ReadonlyArray<RoomCapacity | RowCapacity>; kind: 'rooms' | 'rows'; warnAtPct: number }) {
  const { t } = useTranslation();
  const units = useUnits();
  const roomNames = useStore((s) => s.snapshot!.rooms);
  const [sort, setSort] = useState<SortState<TotalsKey>>({ key: 'name', dir: 'asc' });
  if (rows.length === 0) return <p className="pw-empty-line">{t(kind === 'rooms' ? 'powerUi.tables.noRooms' : 'powerUi.tables.noRows')}</p>;
  const value = (r: RoomCapacity | RowCapacity, k: TotalsKey) => {
    switch (k) {
      case 'name': return r.name;
      case 'racks': return r.racks;
      case 'usedU': return r.usedU;
      case 'freeU': return r.freeU;
      case 'largestFreeU': return r.largestFreeU;
      case 'loadW': return r.loadW;
      case 'budgetPct': return pctOf(r.loadW, r.budgetW);
      case 'weightKg': return r.weightKg;
      case 'weightPct': return pctOf(r.weightKg, r.maxKg);
      case 'cooling': return 'heatW' in r ? pctOf(r.heatW, r.coolingCapacityW) : null;
    }
  };
  const sorted = sortRows(rows, sort, value);
  const onSort = (k: TotalsKey, numeric: boolean) => setSort((s) => nextSort(s, k, numeric));
  const w = (watts: number) => formatPowerW(watts, units.locale);
  return (
    <div className="pw-table-wrap">
      <table className="pw-table" data-testid={`${kind}-table`}>
        <thead>
          <tr>
            <SortHeader k="name" sort={sort} onSort={onSort} sticky>{t(kind === 'rooms' ? 'powerUi.tables.room' : 'powerUi.tables.row')}</SortHeader>
            <SortHeader k="racks" sort={sort} onSort={onSort} numeric>{t('powerUi.tables.racks')}</SortHeader>
            <SortHeader k="usedU" sort={sort} onSort={onSort} numeric>{t('powerUi.tables.usedU')}</SortHeader>
            <SortHeader k="freeU" sort={sort} onSort={onSort} numeric>{t('powerUi.tables.freeU')}</SortHeader>
            <SortHeader k="largestFreeU" sort={sort} onSort={onSort} numeric>{t('powerUi.tables.largestFreeU')}</SortHeader>
            <SortHeader k="loadW" sort={sort} onSort={onSort} numeric>{t('powerUi.tables.load')}</SortHeader>
            <SortHeader k="budgetPct" sort={sort} onSort={onSort} numeric>{t('powerUi.tables.ofBudget')}</SortHeader>
            <SortHeader k="weightKg" sort={sort} onSort={onSort} numeric>{t('powerUi.tables.weight')}</SortHeader>
            <SortHeader k="weightPct" sort={sort} onSort={onSort} numeric>{t('powerUi.tables.ofRating')}</SortHeader>
            {kind === 'rooms' && <SortHeader k="cooling" sort={sort} onSort={onSort} numeric>{t('powerUi.tables.cooling')}</SortHeader>}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={'roomId' in r && !('rowId' in r) ? r.roomId : (r as RowCapacity).rowId} data-testid={`${kind}-row`}>
              <td className="pw-sticky">
                {r.name}
                {kind === 'rows' && <div className="pw-cause">{roomNames[r.roomId]?.name}</div>}
              </td>
              <td className="num">{r.racks}</td>
              <td className="num">{units.number(r.usedU, 1)} <span className="muted">/ {units.u(r.uHeight)}</span></td>
              <td className="num">{units.u(r.freeU)}</td>
              <td className="num">{units.u(r.largestFreeU)}</td>
              <td className="num">{w(r.loadW)}<div className="pw-cause">{t('powerUi.tables.budgetOf', { budget: w(r.budgetW) })}</div></td>
              <td className="pw-col-meter"><Meter pct={pctOf(r.loadW, r.budgetW)} warnAtPct={warnAtPct} locale={units.locale} /></td>
              <td className="num">{units.mass(r.weightKg)}<div className="pw-cause">{t('powerUi.tables.ratingOf', { rating: units.mass(r.maxKg) })}</div></td>
              <td className="pw-col-meter"><Meter pct={pctOf(r.weightKg, r.maxKg)} warnAtPct={warnAtPct} locale={units.locale} /></td>
              {kind === 'rooms' && 'heatW' in r && (
                <td className="pw-col-meter"><Meter pct={pctOf(r.heatW, r.coolingCapacityW)} warnAtPct={warnAtPct} locale={units.locale}
                  label={t('powerUi.tables.coolingHint', { heat: w(r.heatW), capacity: w(r.coolingCapacityW) })} /></td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type RackKey = 'name' | 'row' | 'usedU' | 'freeU' | 'largestFreeU' | 'loadW' | 'budgetPct' | 'feedA' | 'feedB' | 'weightKg' | 'weightPct' | 'floor';

export function RacksTable({ racks, report, warnAtPct }: { racks: readonly RackCapacity[]; report: CapacityReport; warnAtPct: number }) {
  const { t } = useTranslation();
  const units = useUnits();
  const selected = useStore((s) => (s.selection?.kind === 'rack' ? s.selection.ids : null));
  const [sort, setSort] = useState<SortState<RackKey>>({ key: 'name', dir: 'asc' });
  const rowNames = new Map(report.rows.map((r) => [r.rowId, r.name]));
  if (racks.length === 0) return <p className="pw-empty-line">{t('powerUi.tables.noRacks')}</p>;
  const feedPct = (r: RackCapacity, side: 'A' | 'B') => {
    const f = r.feeds[side];
    return f ? pctOf(f.failoverW, f.capacityW) : null;
  };
  const value = (r: RackCapacity, k: RackKey) => {
    switch (k) {
      case 'name': return r.name;
      case 'row': return r.rowId ? rowNames.get(r.rowId) ?? null : null;
      case 'usedU': return r.usedU;
      case 'freeU': return r.freeU;
      case 'largestFreeU': return r.largestFreeU;
      case 'loadW': return r.loadW;
      case 'budgetPct': return pctOf(r.loadW, r.budgetW);
      case 'feedA': return feedPct(r, 'A');
      case 'feedB': return feedPct(r, 'B');
      case 'weightKg': return r.weightKg;
      case 'weightPct': return pctOf(r.weightKg, r.maxKg);
      case 'floor': return pctOf(r.floorKgM2, r.floorRatingKgM2);
    }
  };
  const sorted = sortRows(racks, sort, value);
  const onSort = (k: RackKey, numeric: boolean) => setSort((s) => nextSort(s, k, numeric));
  const w = (watts: number) => formatPowerW(watts, units.locale);
  const feedCell = (r: RackCapacity, side: 'A' | 'B') => {
    const f = r.feeds[side];
    if (!f) return <td className="pw-col-meter"><span className="pw-nofeed">{t('powerUi.tables.noFeed')}</span></td>;
    return (
      <td className="pw-col-meter" title={t('powerUi.tables.feedHint', { normal: w(f.normalW), failover: w(f.failoverW), capacity: w(f.capacityW) })}>
        <Meter pct={pctOf(f.failoverW, f.capacityW)} warnAtPct={warnAtPct} locale={units.locale} />
      </td>
    );
  };
  return (
    <div className="pw-table-wrap">
      <table className="pw-table" data-testid="racks-table">
        <thead>
          <tr>
            <SortHeader k="name" sort={sort} onSort={onSort} sticky>{t('powerUi.tables.rack')}</SortHeader>
            <SortHeader k="row" sort={sort} onSort={onSort}>{t('powerUi.tables.row')}</SortHeader>
            <SortHeader k="usedU" sort={sort} onSort={onSort} numeric>{t('powerUi.tables.usedU')}</SortHeader>
            <SortHeader k="freeU" sort={sort} onSort={onSort} numeric>{t('powerUi.tables.freeU')}</SortHeader>
            <SortHeader k="loadW" sort={sort} onSort={onSort} numeric>{t('powerUi.tables.load')}</SortHeader>
            <SortHeader k="budgetPct" sort={sort} onSort={onSort} numeric>{t('powerUi.tables.ofBudget')}</SortHeader>
            <SortHeader k="feedA" sort={sort} onSort={onSort} numeric>{t('powerUi.tables.feedFailover', { side: 'A' })}</SortHeader>
            <SortHeader k="feedB" sort={sort} onSort={onSort} numeric>{t('powerUi.tables.feedFailover', { side: 'B' })}</SortHeader>
            <SortHeader k="weightKg" sort={sort} onSort={onSort} numeric>{t('powerUi.tables.weight')}</SortHeader>
            <SortHeader k="weightPct" sort={sort} onSort={onSort} numeric>{t('powerUi.tables.ofRating')}</SortHeader>
            <SortHeader k="floor" sort={sort} onSort={onSort} numeric>{t('powerUi.tables.floor')}</SortHeader>
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={r.rackId} className={selected?.includes(r.rackId) ? 'is-picked' : undefined} data-testid="rack-row" data-rack={r.name}>
              <td className="pw-sticky">
                <button type="button" className="link" onClick={() => useStore.getState().select({ kind: 'rack', ids: [r.rackId] })}>{r.name}</button>
              </td>
              <td>{r.rowId ? rowNames.get(r.rowId) : '—'}</td>
              <td className="num">{units.number(r.usedU, 1)} <span className="muted">/ {units.u(r.uHeight)}</span></td>
              <td className="num">{units.u(r.freeU)}<div className="pw-cause">{t('powerUi.tables.largestOf', { u: units.u(r.largestFreeU) })}</div></td>
              <td className="num">{w(r.loadW)}<div className="pw-cause">{r.budgetW > 0 ? t('powerUi.tables.budgetOf', { budget: w(r.budgetW) }) : t('powerUi.tables.noBudget')}</div></td>
              <td className="pw-col-meter"><Meter pct={pctOf(r.loadW, r.budgetW)} warnAtPct={warnAtPct} locale={units.locale} /></td>
              {feedCell(r, 'A')}
              {feedCell(r, 'B')}
              <td className="num">{units.mass(r.weightKg)}</td>
              <td className="pw-col-meter"><Meter pct={pctOf(r.weightKg, r.maxKg)} warnAtPct={warnAtPct} locale={units.locale} /></td>
              <td className="num" title={t('powerUi.tables.floorHint', { rating: formatFloorLoad(r.floorRatingKgM2, units.opts) })}>
                {formatFloorLoad(r.floorKgM2, units.opts)}
                <div className="pw-cause">{t('powerUi.tables.ofFloor', { pct: Math.round(pctOf(r.floorKgM2, r.floorRatingKgM2) ?? 0) })}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
