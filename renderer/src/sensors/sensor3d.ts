/**
 * Sensors in the 3D view: one instanced sphere each at its spot (sensorGeometry.ts) and height,
 * coloured by the ASHRAE verdict of its latest reading. Pure, tested.
 */
import type { EnvironmentVerdict } from '../../../core/capacity/environment';
import type { DocumentSnapshot, Room } from '../../../core/model/schema';
import { MATRIX_FLOATS, writeBoxMatrix } from '../view3d/layout';
import { sensorSpots } from './sensorGeometry';

/** Sphere diameter: large enough to find at room scale, small next to a rack door. */
export const SENSOR_3D_MM = 150;
export const SENSOR_COLOURS: Readonly<Record<EnvironmentVerdict | 'none', number>> = {
  none: 0x0ea5b7, recommended: 0x1c9c48, allowable: 0xe0a11b, outside: 0xd43d31,
};

export interface SensorInstances {
  ids: string[];
  /** Centres in room mm (x, y down the plan, z up), for highlight and focus. */
  centres: { xMm: number; yMm: number; zMm: number }[];
  matrices: Float32Array;
}

export function layoutSensors(snap: Pick<DocumentSnapshot, 'sensors' | 'racks'>, room: Pick<Room, 'id' | 'widthMm'>): SensorInstances {
  const list = Object.values(snap.sensors).filter((s) => s.roomId === room.id).sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  const spots = sensorSpots(list, snap.racks, room);
  const matrices = new Float32Array(list.length * MATRIX_FLOATS);
  const centres = list.map((s, i) => {
    const p = spots.get(s.id)!;
    const d = SENSOR_3D_MM * 0.001;
    writeBoxMatrix(matrices, i, p.xMm * 0.001, p.zMm * 0.001, p.yMm * 0.001, 0, d, d, d);
    return { xMm: p.xMm, yMm: p.yMm, zMm: p.zMm };
  });
  return { ids: list.map((s) => s.id), centres, matrices };
}
