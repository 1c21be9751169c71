/**
 * Where a sensor is drawn, in the plan (room mm, y down) and in 3D (height above the floor).
 * Pure, shared by the plan layer, the 3D scene and the "Add sensor" action.
 *
 * A sensor with a plan position is drawn there. A rack sensor without one sits on its rack: inlet
 * sensors on the front edge (top, middle and bottom spread along it, so three on one rack stay
 * three symbols in the plan), outlet sensors on the rear edge. A room sensor without a position
 * (one an import created) waits in a line along the room's top wall, marked as unplaced.
 */
import type { AshraeClass, Rack, Room, Sensor } from '../../../core/model/schema';
import { classify, type EnvironmentVerdict } from '../../../core/capacity/environment';
import { rackHeightMm } from '../view3d/layout';
import { EXHAUST_PLACEMENTS } from '../../../core/ops/series';

export interface SensorSpot {
  xMm: number;
  yMm: number;
  /** Height above the floor. */
  zMm: number;
  /** No position of its own: drawn on its rack's edge, or lined up along the wall. */
  derived: boolean;
  /** Drawn in the waiting line (no position and no rack). */
  unplaced: boolean;
}

/** How far outside the rack's edge a rack sensor is drawn (its probe hangs on the door). */
export const RACK_SENSOR_OFFSET_MM = 60;
const UNPLACED_STEP_MM = 450;
const UNPLACED_MARGIN_MM = 300;

/** Default heights when a sensor gives none. */
export function defaultHeightMm(sensor: Pick<Sensor, 'placement'>, rack: Pick<Rack, 'uHeight' | 'heightMm'> | undefined): number {
  const h = rack ? rackHeightMm(rack) : 2000;
  switch (sensor.placement) {
    case 'rack-inlet-top': return Math.max(300, h - 250);
    case 'rack-inlet-bottom': return 300;
    case 'rack-inlet-middle':
    case 'rack-outlet': return Math.round(h / 2);
    case 'supply': return 300;
    case 'return': return 2400;
    case 'room': return 1500;
  }
}

/** A point of a rack's local frame (x along its width, y towards its rear) on the plan. */
function onRack(rack: Rack, along: number, back: number): { x: number; y: number } {
  const a = (rack.rotationDeg * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  return { x: rack.xMm + along * cos - back * sin, y: rack.yMm + along * sin + back * cos };
}

/**
 * Where each sensor of a room is drawn. `racks`: the project's racks (a sensor's rack may be any);
 * the unplaced ones are numbered in the order given.
 */
export function sensorSpots(sensors: readonly Sensor[], racks: Readonly<Record<string, Rack>>, room: Pick<Room, 'widthMm'>): Map<string, SensorSpot> {
  const out = new Map<string, SensorSpot>();
  let waiting = 0;
  const perRow = Math.max(1, Math.floor((room.widthMm - 2 * UNPLACED_MARGIN_MM) / UNPLACED_STEP_MM) + 1);
  for (const s of sensors) {
    const rack = s.rackId ? racks[s.rackId] : undefined;
    const zMm = s.zMm ?? defaultHeightMm(s, rack);
    if (s.xMm !== undefined && s.yMm !== undefined) {
      out.set(s.id, { xMm: s.xMm, yMm: s.yMm, zMm, derived: false, unplaced: false });
    } else if (rack) {
      const rear = s.placement === 'rack-outlet';
      const along = s.placement === 'rack-inlet-bottom' ? -0.3 * rack.widthMm : s.placement === 'rack-inlet-top' ? 0.3 * rack.widthMm : 0;
      const p = onRack(rack, along, (rear ? 1 : -1) * (rack.depthMm / 2 + RACK_SENSOR_OFFSET_MM));
      out.set(s.id, { xMm: p.x, yMm: p.y, zMm, derived: true, unplaced: false });
    } else {
      const i = waiting++;
      out.set(s.id, {
        xMm: UNPLACED_MARGIN_MM + (i % perRow) * UNPLACED_STEP_MM, yMm: UNPLACED_MARGIN_MM + Math.floor(i / perRow) * UNPLACED_STEP_MM,
        zMm, derived: true, unplaced: true,
      });
    }
  }
  return out;
}

/** Where "Add sensor" puts a new one: on the selected rack's inlet, or at the room's centre. */
export function newSensorArgs(room: Room, rack: Rack | undefined, name: string): Pick<Sensor, 'name' | 'roomId' | 'placement'> & Partial<Pick<Sensor, 'rackId' | 'xMm' | 'yMm'>> {
  if (rack) return { name, roomId: room.id, rackId: rack.id, placement: 'rack-inlet-middle' };
  return { name, roomId: room.id, placement: 'room', xMm: Math.round(room.widthMm / 2), yMm: Math.round(room.depthMm / 2) };
}

/** The first free "T<n>" name (names and external ids match readings, so they must be unique). */
export function nextSensorName(sensors: readonly Pick<Sensor, 'name' | 'externalId'>[], prefix = 'T'): string {
  const used = new Set(sensors.flatMap((s) => [s.name.toLowerCase(), (s.externalId ?? '').toLowerCase()]));
  for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`.toLowerCase())) return `${prefix}${n}`;
}

/** Placements that measure exhaust air, never judged by the ASHRAE envelopes (core/ops/series.ts). */
export { EXHAUST_PLACEMENTS };

/**
 * The ASHRAE verdict of a sensor's latest reading in its room's class (null: no reading, or an
 * exhaust-air sensor, whose 35 °C is normal and not an excursion).
 */
export function readingVerdict(last: { temperatureC: number; humidityPct: number | null } | undefined, cls: AshraeClass | undefined, placement?: Sensor['placement']): EnvironmentVerdict | null {
  if (!last || (placement && EXHAUST_PLACEMENTS.has(placement))) return null;
  return classify(cls ?? 'A1', last.temperatureC, last.humidityPct).verdict;
}
