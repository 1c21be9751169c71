/**
 * The sensors of one room as the plan and the 3D view draw them: spot, ASHRAE verdict of the
 * latest reading, and that reading as text.
 */
import { useMemo } from 'react';
import type { Room, Sensor } from '../../../core/model/schema';
import { useUnits } from '../hooks';
import { useStore } from '../state/store';
import { formatNumber, formatTemperature } from '../units';
import type { PlanSensor } from './SensorsLayer';
import { readingVerdict, sensorSpots } from './sensorGeometry';
import { useSensorSummaries } from './useSensorSummaries';

const NO_SENSORS: Record<string, Sensor> = {};

export function useRoomSensors(room: Room): PlanSensor[] {
  const all = useStore((s) => s.snapshot?.sensors ?? NO_SENSORS);
  const racks = useStore((s) => s.snapshot?.racks);
  const summaries = useSensorSummaries();
  const units = useUnits();
  return useMemo(() => {
    const list = Object.values(all).filter((s) => s.roomId === room.id).sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
    if (list.length === 0 || !racks) return [];
    const spots = sensorSpots(list, racks, room);
    return list.map((sensor) => {
      const last = summaries.get(sensor.id)?.last;
      const reading = last
        ? `${formatTemperature(last.temperatureC, units.opts)}${last.humidityPct !== null ? `, ${formatNumber(last.humidityPct, units.locale, 0)} %RH` : ''}`
        : null;
      return { sensor, spot: spots.get(sensor.id)!, verdict: readingVerdict(last, room.ashraeClass, sensor.placement), reading };
    });
  }, [all, racks, room, summaries, units]);
}
