/**
 * The properties of a selected sensor: name, placement, rack, plan position, height and the BMS
 * point id the readings CSV uses. Each field sends one `cmd.sensor.update`; main's refusal (a
 * name already used, a rack placement without a rack) shows next to the field. The latest
 * reading and its ASHRAE verdict are shown read-only.
 */
import { useTranslation } from 'react-i18next';
import type { Sensor } from '../../../core/model/schema';
import { SENSOR_PLACEMENTS } from '../../../core/model/schema';
import { call } from '../api/client';
import { attempt } from '../app/controller';
import { Icon } from '../components/Icon';
import { PropField, PropSelect, PropValue } from '../components/PropField';
import { useReadOnly, useUnits } from '../hooks';
import { useStore } from '../state/store';
import { formatNumber, formatTemperature } from '../units';
import { defaultHeightMm, readingVerdict } from './sensorGeometry';
import { useSensorSummaries } from './useSensorSummaries';
import './sensors.css';

type Placement = Sensor['placement'];
const NO_RACK = '';

export function SensorInspector({ sensor }: { sensor: Sensor }) {
  const { t } = useTranslation();
  const units = useUnits();
  const readOnly = useReadOnly();
  const racks = useStore((s) => s.snapshot!.racks);
  const room = useStore((s) => s.snapshot!.rooms[sensor.roomId]);
  const summary = useSensorSummaries().get(sensor.id);
  const update = (patch: Record<string, unknown>) => call('cmd.sensor.update', { id: sensor.id, patch });
  const k = sensor.id;
  const rack = sensor.rackId ? racks[sensor.rackId] : undefined;
  const roomRacks = Object.values(racks).filter((r) => r.roomId === sensor.roomId).sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  const length = {
    format: (v: number | undefined) => (v === undefined ? '' : units.length(v, 'room')),
    // Empty clears the field (the sensor is then drawn on its rack, or lined up as unplaced).
    parse: (text: string) => (text.trim() === '' ? undefined : units.parseLength(text, 'room')),
    invalidMessage: t('invalid.lengthRoom'),
    numeric: true,
    unit: units.lengthUnit('room'),
  };
  const last = summary?.last;
  const verdict = readingVerdict(last, room?.ashraeClass, sensor.placement);

  const setPlacement = (placement: Placement) => {
    // Moving off a rack placement keeps the rack only for the record's sake: clear it with the rack field.
    if (placement.startsWith('rack-') && !sensor.rackId && roomRacks[0]) return update({ placement, rackId: roomRacks[0].id });
    return update({ placement });
  };
  const setRack = (rackId: string) => {
    if (rackId === NO_RACK) return update({ rackId: null, ...(sensor.placement.startsWith('rack-') ? { placement: 'room' } : {}) });
    return update({ rackId, ...(sensor.placement.startsWith('rack-') ? {} : { placement: 'rack-inlet-middle' }) });
  };
  const remove = async () => {
    const done = await attempt(() => call('cmd.sensor.delete', { ids: [sensor.id] }));
    if (done) useStore.getState().select(null);
  };

  return (
    <section className="props-section" data-testid="props-sensor">
      <header className="props-header">
        <Icon name="info" size={14} />
        <h3>{t('sensors.inspector.title')}</h3>
      </header>
      <div className="props-body">
        <div className="sensor-reading" data-testid="sensor-last-reading" data-status={verdict ?? 'none'}>
          <span className={`sensor-dot sensor-${verdict ?? 'none'}`} aria-hidden="true" />
          <div>
            <div>
              {last
                ? t('sensors.inspector.last', {
                  reading: `${formatTemperature(last.temperatureC, units.opts)}${last.humidityPct !== null ? `, ${formatNumber(last.humidityPct, units.locale, 0)} %RH` : ''}`,
                  at: new Date(last.t * 1000).toLocaleString(units.locale, { dateStyle: 'medium', timeStyle: 'short' }),
                })
                : t('sensors.plan.noReading')}
            </div>
            {verdict && <div className="sensor-verdict">{t(`sensors.verdict.${verdict}`)}</div>}
          </div>
        </div>
        <PropField label={t('field.name')} value={sensor.name} format={(v) => v} parse={(v) => (v.trim() === '' ? null : v.trim())} invalidMessage={t('invalid.name')}
          onCommit={(v) => update({ name: v })} entityKey={k} readOnly={readOnly} testId="prop-sensor-name" />
        <PropSelect label={t('sensors.inspector.placement')} value={sensor.placement}
          options={SENSOR_PLACEMENTS.map((p) => ({ value: p, label: t(`sensors.placement.${p}`) }))}
          onCommit={setPlacement} entityKey={k} readOnly={readOnly} testId="prop-sensor-placement" />
        <PropSelect label={t('field.rack')} value={sensor.rackId ?? NO_RACK}
          options={[{ value: NO_RACK, label: t('sensors.inspector.noRack') }, ...roomRacks.map((r) => ({ value: r.id, label: r.name }))]}
          onCommit={setRack} entityKey={k} readOnly={readOnly} testId="prop-sensor-rack" />
        <div className="props-group-title">{t('sensors.inspector.position')}</div>
        <PropField label={t('field.x')} value={sensor.xMm} {...length} onCommit={(v) => update({ xMm: v ?? null })} entityKey={k} readOnly={readOnly} testId="prop-sensor-xMm" />
        <PropField label={t('field.y')} value={sensor.yMm} {...length} onCommit={(v) => update({ yMm: v ?? null })} entityKey={k} readOnly={readOnly} testId="prop-sensor-yMm" />
        <PropField label={t('sensors.inspector.height')} value={sensor.zMm} {...length} onCommit={(v) => update({ zMm: v ?? null })} entityKey={k} readOnly={readOnly} testId="prop-sensor-zMm" />
        {(sensor.xMm === undefined || sensor.yMm === undefined) && (
          <p className="props-note" data-testid="sensor-derived-position">{rack ? t('sensors.inspector.derivedRack', { rack: rack.name }) : t('sensors.inspector.derivedRoom')}</p>
        )}
        {sensor.zMm === undefined && (
          <p className="props-note" data-testid="sensor-derived-height">{t('sensors.inspector.derivedHeight', { height: units.length(defaultHeightMm(sensor, rack), 'room') })}</p>
        )}
        <PropField label={t('sensors.inspector.externalId')} value={sensor.externalId ?? ''} format={(v) => v} parse={(v) => v.trim()} invalidMessage={t('invalid.name')}
          onCommit={(v) => update({ externalId: v === '' ? null : v })} entityKey={k} readOnly={readOnly} testId="prop-sensor-externalId" />
        <PropValue label={t('sensors.inspector.readings')}>
          {summary ? t('sensors.inspector.samples', { count: summary.samples }) : '—'}
        </PropValue>
        <button type="button" className="btn btn-danger-quiet btn-block" onClick={() => void remove()} disabled={readOnly} data-testid="props-sensor-delete">
          <Icon name="trash" size={14} />{t('sensors.inspector.delete')}
        </button>
      </div>
    </section>
  );
}
