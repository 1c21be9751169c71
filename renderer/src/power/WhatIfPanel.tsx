/**
 * The result of "what if X fails" (core/capacity/report.ts `whatIf`): racks that go dark, racks
 * that lose a feed, devices that lose power, what ends up overloaded and cooling zones left short.
 * The plan and 3D view draw the same result; this lists it. Esc clears it.
 */
import { useTranslation } from 'react-i18next';
import type { WhatIfResult } from '../../../core/capacity/report';
import { Icon } from '../components/Icon';
import { useUnits } from '../hooks';
import { useStore } from '../state/store';
import { formatPowerW } from '../units';
import '../styles/power.css';
import { BoltIcon } from './parts';
import { clearWhatIf, onCapacityRoute, useWhatIfResult } from './powerState';

const LIST_LIMIT = 12;

export function WhatIfPanel({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const result = useWhatIfResult();
  const snapshot = useStore((s) => s.snapshot);
  const units = useUnits();
  // The capacity view lists the result itself; the sidebar's compact copy is for the other views.
  const inCapacityView = useStore(onCapacityRoute);
  if (!result || !snapshot || (compact && inCapacityView)) return null;
  const nameOf = (id: string): string =>
    snapshot.powerElements?.[id]?.name ?? snapshot.powerFeeds?.[id]?.name ?? snapshot.floorEquipment?.[id]?.name ?? snapshot.racks[id]?.name ?? snapshot.devices[id]?.name ?? id;
  const w = (watts: number) => formatPowerW(watts, units.locale);
  const down = result.racks.filter((r) => r.state === 'down');
  const degraded = result.racks.filter((r) => r.state === 'degraded');
  const devicesDown = result.racks.flatMap((r) => r.devicesDown);
  const shortZones = result.zones.filter((z) => z.short);
  const dead = result.deadElements.filter((id) => !result.failed.includes(id));
  // Nothing lost: no rack touched, nothing overloaded, no zone short (covered zones still list).
  const powerSafe = result.racks.length === 0 && result.overloads.length === 0;
  const zoneName = (z: WhatIfResult['zones'][number]) => (z.zone ? t('powerUi.zones.zoneOf', { zone: z.zone, room: snapshot.rooms[z.roomId]?.name ?? '' }) : snapshot.rooms[z.roomId]?.name ?? z.roomId);
  const list = (ids: string[], testId: string) => (
    <ul className="pw-whatif-list" data-testid={testId}>
      {ids.slice(0, compact ? 6 : LIST_LIMIT).map((id) => <li key={id}>{nameOf(id)}</li>)}
      {ids.length > (compact ? 6 : LIST_LIMIT) && <li className="muted">{t('powerUi.whatIf.more', { count: ids.length - (compact ? 6 : LIST_LIMIT) })}</li>}
    </ul>
  );
  const severe = down.length > 0 || devicesDown.length > 0 || result.overloads.length > 0 || shortZones.length > 0;
  const counts = { 'data-down': down.length, 'data-degraded': degraded.length, 'data-devices': devicesDown.length, 'data-overloads': result.overloads.length, 'data-short-zones': shortZones.length };
  return (
    <section className={`pw-whatif${severe ? ' is-severe' : ' is-safe'}${compact ? ' is-compact' : ''}`} aria-live="polite" data-testid="whatif-result" {...counts}>
      <header className="pw-whatif-head">
        <BoltIcon size={16} />
        <h3>{t('powerUi.whatIf.title', { names: result.failed.map(nameOf).join(', ') })}</h3>
        <button type="button" className="btn btn-sm" onClick={() => clearWhatIf()} data-testid="whatif-clear">
          <Icon name="close" size={12} />{t('powerUi.whatIf.clear')}<kbd>Esc</kbd>
        </button>
      </header>
      {powerSafe && shortZones.length === 0 && (
        <p className="pw-whatif-ok" data-testid="whatif-nothing"><Icon name="checkCircle" size={14} />{t('powerUi.whatIf.nothing')}</p>
      )}
      <div className="pw-whatif-grid">
        {dead.length > 0 && (
          <div className="pw-whatif-block">
            <h4>{t('powerUi.whatIf.deadElements', { count: dead.length })}</h4>
            {list(dead, 'whatif-dead')}
          </div>
        )}
        {down.length > 0 && (
          <div className="pw-whatif-block is-bad">
            <h4>{t('powerUi.whatIf.racksDown', { count: down.length })}</h4>
            {list(down.map((r) => r.rackId), 'whatif-down')}
          </div>
        )}
        {degraded.length > 0 && (
          <div className="pw-whatif-block is-warn">
            <h4>{t('powerUi.whatIf.racksDegraded', { count: degraded.length })}</h4>
            {list(degraded.map((r) => r.rackId), 'whatif-degraded')}
          </div>
        )}
        {devicesDown.length > 0 && (
          <div className="pw-whatif-block is-bad">
            <h4>{t('powerUi.whatIf.devicesDown', { count: devicesDown.length })}</h4>
            {list(devicesDown, 'whatif-devices')}
            {result.lostW > 0 && <p className="muted">{t('powerUi.whatIf.lostLoad', { load: w(result.lostW) })}</p>}
          </div>
        )}
        {!powerSafe && (
          <div className={`pw-whatif-block${result.overloads.length > 0 ? ' is-bad' : ''}`}>
            <h4>{t('powerUi.whatIf.overloads', { count: result.overloads.length })}</h4>
            {result.overloads.length > 0 && (
              <ul className="pw-whatif-list" data-testid="whatif-overloads">
                {result.overloads.map((o) => (
                  <li key={o.id}>{t('powerUi.whatIf.overloadLine', { name: nameOf(o.id), load: w(o.loadW), capacity: w(o.capacityW), pct: Math.round((o.loadW / o.capacityW) * 100) })}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        {result.zones.length > 0 && (
          <div className={`pw-whatif-block${shortZones.length > 0 ? ' is-bad' : ''}`}>
            <h4>{t(shortZones.length > 0 ? 'powerUi.whatIf.zonesShort' : 'powerUi.whatIf.zonesCovered', { count: shortZones.length > 0 ? shortZones.length : result.zones.length })}</h4>
            <ul className="pw-whatif-list" data-testid="whatif-zones">
              {result.zones.map((z) => (
                <li key={z.key} className={z.short ? 'sev-error' : undefined}>
                  {t(z.short ? 'powerUi.whatIf.zoneShort' : 'powerUi.whatIf.zoneCovered', { zone: zoneName(z), heat: w(z.heatW), capacity: w(z.capacityW) })}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </section>
  );
}
