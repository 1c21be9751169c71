/**
 * What picking a finding does (panel, sidebar, palette): remember it as the active finding, select
 * what it is about (session selection, never an undo step) and bring its room into view.
 */
import type { Finding, FindingEntity } from '../../../core/rules/layout';
import { navigate } from '../app/navigation';
import { roomRouteLike, route } from '../router';
import { makePlanSelection } from '../state/selectors';
import type { PlanItemKind, Selection, SelectionItem } from '../state/sessionSlice';
import { useStore } from '../state/store';

const PLAN_KIND: Partial<Record<FindingEntity['kind'], PlanItemKind>> = {
  racks: 'rack', rows: 'row', floorEquipment: 'floorEquipment', obstacles: 'obstacle', doors: 'door', annotations: 'annotation',
};

/**
 * The selection a finding stands for: its devices when it is about devices (they live in rack
 * elevations), else its plan items — racks, equipment and obstacles rather than the rows that
 * group them, unless the finding names nothing but rows.
 */
export function selectionForFinding(finding: Finding): Selection | null {
  const devices = finding.refs.filter((e) => e.kind === 'devices').map((e) => e.id);
  if (devices.length > 0) return { kind: 'device', ids: devices };
  const items: SelectionItem[] = finding.refs.flatMap((e) => {
    const kind = PLAN_KIND[e.kind];
    return kind ? [{ kind, id: e.id }] : [];
  });
  const things = items.filter((i) => i.kind !== 'row');
  return makePlanSelection(things.length > 0 ? things : items);
}

export function revealFinding(finding: Finding, options: { openPanel?: boolean } = {}): void {
  const s = useStore.getState();
  s.setFindingsPanel({ activeId: finding.id, ...(options.openPanel ? { open: true } : {}) });
  s.select(selectionForFinding(finding));
  // A rack's elevation stays on screen for a device finding in that rack; otherwise its room shows.
  if (s.route.name === 'rack' && finding.rackId) navigate(route('rack', { rackId: finding.rackId }));
  else if (finding.roomId && s.snapshot?.rooms[finding.roomId]) navigate(roomRouteLike(s.route, finding.roomId));
}

export function toggleFindingsPanel(open?: boolean): void {
  const s = useStore.getState();
  s.setFindingsPanel({ open: open ?? !s.findingsPanel.open });
}
