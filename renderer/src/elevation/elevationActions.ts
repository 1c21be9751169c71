/**
 * Keyboard actions of the rack elevation, run from the action registry (app/actions.ts): move the
 * selected device by 1U, flip a half-depth device to the other face. Each is one device.update.
 * Delete is the global edit.delete action.
 */
import type { Device, DeviceType } from '../../../core/model/schema';
import { call } from '../api/client';
import { attempt, toast } from '../app/controller';
import { i18n } from '../i18n';
import type { AppState } from '../state/store';
import { useStore } from '../state/store';

/** The one device selected while a rack elevation is shown, with its type, when it is mounted in the rails or sides. */
export function elevationDevice(s: AppState): { device: Device; type: DeviceType } | null {
  if (s.route.name !== 'rack' || !s.project || s.project.readOnly) return null;
  const sel = s.selection;
  if (sel?.kind !== 'device' || sel.ids.length !== 1) return null;
  const device = s.snapshot?.devices[sel.ids[0]!];
  const type = device && s.snapshot?.deviceTypes[device.typeId];
  if (!device || !type || device.parentDeviceId) return null;
  return { device, type };
}

export const canMoveSelectedDevice = (s: AppState): boolean => (elevationDevice(s)?.type.uHeight ?? 0) > 0;
export const canFlipSelectedDevice = (s: AppState): boolean => elevationDevice(s) !== null;

export async function moveSelectedDevice(delta: 1 | -1): Promise<void> {
  const found = elevationDevice(useStore.getState());
  if (!found || found.type.uHeight === 0) return;
  const position = found.device.position + delta;
  if (position < 1) {
    toast(i18n.t('elevation.atBottom', { name: found.device.name }), 'info');
    return;
  }
  await attempt(() => call('cmd.device.update', { id: found.device.id, patch: { position } }));
}

export async function flipSelectedDevice(): Promise<void> {
  const found = elevationDevice(useStore.getState());
  if (!found) return;
  if (found.type.fullDepth) {
    toast(i18n.t('elevation.cannotFlipFullDepth', { name: found.device.name }), 'info');
    return;
  }
  await attempt(() => call('cmd.device.update', { id: found.device.id, patch: { face: found.device.face === 'front' ? 'rear' : 'front' } }));
}
