import type { Route } from '../router';
import { HOME, parseRoute, roomRouteLike, route, routeToHash } from '../router';
import { useStore } from '../state/store';
import type { SelectionKind } from '../state/store';

/** Changes the URL hash; the hashchange listener (startRouter) updates the store. */
export function navigate(to: Route): void {
  const hash = routeToHash(to);
  if (window.location.hash !== hash) window.location.hash = hash;
  else useStore.getState().setRoute(to);
}

export function startRouter(): () => void {
  const sync = () => useStore.getState().setRoute(parseRoute(window.location.hash));
  sync();
  window.addEventListener('hashchange', sync);
  return () => window.removeEventListener('hashchange', sync);
}

/**
 * Selects an entity and shows where it lives: a room, rack or device brings its room's plan into view.
 */
export function selectEntity(kind: SelectionKind, ids: readonly string[], options: { reveal?: boolean } = {}): void {
  const s = useStore.getState();
  s.select(ids.length > 0 ? { kind, ids } : null);
  if (options.reveal === false || ids.length === 0 || !s.snapshot) return;
  const first = ids[0]!;
  let roomId: string | undefined;
  if (kind === 'room') roomId = first;
  else if (kind === 'rack') roomId = s.snapshot.racks[first]?.roomId;
  else if (kind === 'device') {
    const rack = s.snapshot.racks[s.snapshot.devices[first]?.rackId ?? ''];
    roomId = rack?.roomId;
  }
  // Stay in the 3D view when it is showing (the selection is shared by the plan and 3D); the rack
  // elevation follows the rack picked.
  if (kind === 'rack' && s.route.name === 'rack') navigate(route('rack', { rackId: first }));
  else if (roomId) navigate(roomRouteLike(s.route, roomId));
  else if (kind === 'project') navigate(HOME);
}
