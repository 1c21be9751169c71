/**
 * What picking a finding does (panel, sidebar, palette): remember it as the active finding, select
 * what it is about (session selection, never an undo step) and bring its room into view.
 */
import type { DocumentSnapshot } from '../../../core/model/schema';
import type { Finding, FindingEntity } from '../../../core/rules/finding';
import { navigate } from '../app/navigation';
import { roomRouteLike, route } from '../router';
import { makePlanSelection } from '../state/selectors';
import type { PlanItemKind, Selection, SelectionItem } from '../state/sessionSlice';
import { useStore } from '../state/store';
import { view3d } from '../view3d/bridge';

const PLAN_KIND: Partial<Record<FindingEntity['kind'], PlanItemKind>> = {
  racks: 'rack', rows: 'row', floorEquipment: 'floorEquipment', obstacles: 'obstacle', doors: 'door', annotations: 'annotation',
};

/**
 * The plan items an entity stands for: itself when it is drawn on the plan; a rack feed, its rack;
 * a power element, the floor equipment that is its footprint (none when it has no footprint); a
 * reading, the rack it was taken at.
 */
function planItemsOf(e: FindingEntity, snapshot: DocumentSnapshot | null): SelectionItem[] {
  const kind = PLAN_KIND[e.kind];
  if (kind) return [{ kind, id: e.id }];
  if (e.kind === 'powerFeeds') {
    const rackId = snapshot?.powerFeeds?.[e.id]?.rackId;
    return rackId ? [{ kind: 'rack', id: rackId }] : [];
  }
  if (e.kind === 'powerElements') {
    const feId = snapshot?.powerElements?.[e.id]?.floorEquipmentId;
    return feId && snapshot?.floorEquipment[feId] ? [{ kind: 'floorEquipment', id: feId }] : [];
  }
  if (e.kind === 'envReadings') {
    const rackId = snapshot?.envReadings?.[e.id]?.rackId;
    return rackId ? [{ kind: 'rack', id: rackId }] : [];
  }
  return [];
}

/** The room a finding is about when it names no plan item: a room, or a room-level reading's room. */
function roomOf(finding: Finding, snapshot: DocumentSnapshot | null): string | null {
  for (const e of finding.refs) {
    if (e.kind === 'rooms') return e.id;
    if (e.kind === 'envReadings') {
      const roomId = snapshot?.envReadings?.[e.id]?.roomId;
      if (roomId) return roomId;
    }
  }
  return null;
}

/**
 * The selection a finding stands for: its devices when it is about devices (they live in rack
 * elevations), else its plan items — racks, equipment and obstacles rather than the rows that
 * group them, unless the finding names nothing but rows; else its room. A finding about a power
 * element with no footprint on the plan selects nothing (it is still shown as the active finding).
 */
export function selectionForFinding(finding: Finding, snapshot: DocumentSnapshot | null = useStore.getState().snapshot): Selection | null {
  const devices = finding.refs.filter((e) => e.kind === 'devices').map((e) => e.id);
  if (devices.length > 0) return { kind: 'device', ids: devices };
  const items = finding.refs.flatMap((e) => planItemsOf(e, snapshot));
  const things = items.filter((i) => i.kind !== 'row');
  const plan = makePlanSelection(things.length > 0 ? things : items);
  if (plan) return plan;
  const roomId = roomOf(finding, snapshot);
  return roomId ? { kind: 'room', ids: [roomId] } : null;
}

/** The room to show for a finding: its own, else the room of the first thing it selects. */
function roomToShow(finding: Finding, selection: Selection | null, snapshot: DocumentSnapshot | null): string | null {
  if (finding.roomId) return finding.roomId;
  if (!selection || !snapshot) return null;
  if (selection.kind === 'room') return selection.ids[0] ?? null;
  const first = selection.items?.[0] ?? (selection.ids[0] ? { kind: selection.kind, id: selection.ids[0] } : null);
  if (!first) return null;
  if (first.kind === 'rack') return snapshot.racks[first.id]?.roomId ?? null;
  if (first.kind === 'floorEquipment') return snapshot.floorEquipment[first.id]?.roomId ?? null;
  return null;
}

export function revealFinding(finding: Finding, options: { openPanel?: boolean } = {}): void {
  const s = useStore.getState();
  s.setFindingsPanel({ activeId: finding.id, ...(options.openPanel ? { open: true } : {}) });
  const selection = selectionForFinding(finding, s.snapshot);
  s.select(selection);
  // A rack's elevation stays on screen for a device finding in that rack; otherwise its room shows.
  const roomId = roomToShow(finding, selection, s.snapshot);
  if (s.route.name === 'rack' && finding.rackId) navigate(route('rack', { rackId: finding.rackId }));
  else if (roomId && s.snapshot?.rooms[roomId]) navigate(roomRouteLike(s.route, roomId));
  // In 3D the camera flies to what the finding is about (once the view has the new selection).
  if (selection && selection.kind !== 'room' && useStore.getState().route.name === 'room3d') requestAnimationFrame(() => view3d()?.focusSelection());
}

export function toggleFindingsPanel(open?: boolean): void {
  const s = useStore.getState();
  s.setFindingsPanel({ open: open ?? !s.findingsPanel.open });
}
