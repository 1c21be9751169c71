/**
 * What is being dragged into or within a rack elevation. HTML5 drag and drop only exposes the
 * data's MIME types during dragover, so the payload itself lives here for the preview; the
 * dataTransfer carries a copy for drops from elsewhere.
 */
import type { DeviceType } from '../../../core/model/schema';

export type RackDrag =
  /** A type from the catalog: placing it creates a device (and copies the type in if needed). */
  | { kind: 'type'; type: DeviceType; inProject: boolean }
  /** A placed device being moved; `grabU` is where in the device (U from its bottom) it was picked up. */
  | { kind: 'device'; deviceId: string; grabU: number };

export const RACK_DRAG_MIME = 'application/x-plenum-rack-drag';

let current: RackDrag | null = null;

export function startRackDrag(event: DragEvent | React.DragEvent, drag: RackDrag): void {
  current = drag;
  event.dataTransfer?.setData(RACK_DRAG_MIME, JSON.stringify(drag.kind === 'type' ? { kind: 'type', id: drag.type.id } : drag));
  event.dataTransfer?.setData('text/plain', drag.kind === 'type' ? `${drag.type.manufacturer} ${drag.type.model}` : drag.deviceId);
  if (event.dataTransfer) event.dataTransfer.effectAllowed = drag.kind === 'type' ? 'copy' : 'move';
}

export function currentRackDrag(): RackDrag | null {
  return current;
}

export function endRackDrag(): void {
  current = null;
}
