/**
 * What the "Add sensor" action and Delete do with sensors (registered in app/actions.ts).
 */
import { call } from '../api/client';
import { attempt } from '../app/controller';
import { selectCurrentRoomId } from '../state/selectors';
import type { AppState } from '../state/store';
import { useStore } from '../state/store';
import { newSensorArgs, nextSensorName } from './sensorGeometry';

/** The rack a new sensor goes on (the selected rack, or the selected device's) and its room. */
function target(s: AppState): { roomId: string; rackId?: string } | null {
  const snap = s.snapshot;
  if (!snap) return null;
  const sel = s.selection;
  const rackId = sel?.kind === 'rack' ? sel.ids[0] : sel?.kind === 'device' ? snap.devices[sel.ids[0] ?? '']?.rackId : undefined;
  const rack = rackId ? snap.racks[rackId] : undefined;
  if (rack) return { roomId: rack.roomId, rackId: rack.id };
  const roomId = selectCurrentRoomId(s);
  return roomId && snap.rooms[roomId] ? { roomId } : null;
}

export function canAddSensor(s: AppState): boolean {
  return s.workspace === 'design' && target(s) !== null;
}

/** Creates a sensor on the selected rack's inlet (middle), else at the room centre, and selects it. */
export async function addSensor(): Promise<void> {
  const s = useStore.getState();
  const where = target(s);
  if (!where || !s.snapshot) return;
  const room = s.snapshot.rooms[where.roomId]!;
  const rack = where.rackId ? s.snapshot.racks[where.rackId] : undefined;
  const made = await attempt(() => call('cmd.sensor.create', newSensorArgs(room, rack, nextSensorName(Object.values(s.snapshot!.sensors)))));
  if (made) useStore.getState().select({ kind: 'sensor', ids: [(made.result as { id: string }).id] });
}

export async function deleteSelectedSensors(): Promise<void> {
  const s = useStore.getState();
  const ids = s.selection?.kind === 'sensor' ? s.selection.ids.filter((id) => s.snapshot?.sensors[id]) : [];
  if (ids.length === 0) return;
  const done = await attempt(() => call('cmd.sensor.delete', { ids }));
  if (done) useStore.getState().select(null);
}
