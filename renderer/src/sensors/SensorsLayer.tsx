/**
 * The room's sensors on the plan: a small round symbol with a thermometer glyph at each sensor's
 * spot (sensorGeometry.ts), coloured by the ASHRAE verdict of its latest reading, its name shown
 * on hover (title) and when selected. Sizes are screen pixels divided by the plan scale, like the
 * other plan layers. Sensors carry `data-sensor-id` (not `data-kind`): PlanView selects them on a
 * click, and they never join a layout drag.
 */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Sensor } from '../../../core/model/schema';
import type { EnvironmentVerdict } from '../../../core/capacity/environment';
import type { SensorSpot } from './sensorGeometry';
import './sensors.css';

export interface PlanSensor {
  sensor: Sensor;
  spot: SensorSpot;
  verdict: EnvironmentVerdict | null;
  /** "22.5 °C, 45 %RH" of the latest reading, when there is one. */
  reading: string | null;
}

const R_PX = 7;

export const SensorsLayer = memo(function SensorsLayer({ sensors, scale, selected }: { sensors: readonly PlanSensor[]; scale: number; selected: ReadonlySet<string> }) {
  const { t } = useTranslation();
  if (sensors.length === 0) return null;
  const k = 1 / scale;
  return (
    <g className="plan-sensors" data-testid="plan-sensors">
      {sensors.map(({ sensor, spot, verdict, reading }) => {
        const isSel = selected.has(sensor.id);
        const status = verdict ?? 'none';
        const where = spot.unplaced ? t('sensors.plan.unplaced') : t(`sensors.placement.${sensor.placement}`);
        const title = [t('sensors.plan.title', { name: sensor.name }), where, reading ?? t('sensors.plan.noReading'), verdict ? t(`sensors.verdict.${verdict}`) : null].filter(Boolean).join('\n');
        return (
          <g key={sensor.id} className={`plan-sensor sensor-${status}${isSel ? ' is-selected' : ''}${spot.unplaced ? ' is-unplaced' : ''}`}
            transform={`translate(${Math.round(spot.xMm * 10) / 10} ${Math.round(spot.yMm * 10) / 10}) scale(${k})`}
            data-sensor-id={sensor.id} data-testid="plan-sensor" data-name={sensor.name} data-status={status} role="button" aria-label={title.replace(/\n/g, ', ')}>
            <circle r={R_PX + 5} className="sensor-hit" />
            {isSel && <circle r={R_PX + 3.5} className="sensor-ring" />}
            <circle r={R_PX} className="sensor-body" />
            {/* A thermometer: stem and bulb. */}
            <rect x={-1.3} y={-4.6} width={2.6} height={6} rx={1.3} className="sensor-glyph" />
            <circle cy={2.6} r={2.3} className="sensor-glyph" />
            {isSel && <text x={R_PX + 6} y={0} className="sensor-label" dominantBaseline="central">{sensor.name}</text>}
            <title>{title}</title>
          </g>
        );
      })}
    </g>
  );
});
