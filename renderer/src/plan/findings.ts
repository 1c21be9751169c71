/**
 * Layout findings drawn on the plan: the rules of core/rules/layout.ts (`layoutFindings`), per
 * room, memoised on the snapshot (one pass per document change, a few ms for 2,000 racks).
 */
import type { DocumentSnapshot } from '../../../core/model/schema';
import { layoutFindings } from '../../../core/rules/layout';

export type FindingSeverity = 'error' | 'warning';

export interface PlanFinding {
  id: string;
  severity: FindingSeverity;
  code: string;
  message: string;
  entities: { kind: string; id: string }[];
}

const cache = new WeakMap<DocumentSnapshot, Map<string, PlanFinding[]>>();

/** The layout findings of a room. */
export function roomFindings(snapshot: DocumentSnapshot, roomId: string): PlanFinding[] {
  let perRoom = cache.get(snapshot);
  if (!perRoom) {
    perRoom = new Map();
    cache.set(snapshot, perRoom);
  }
  let list = perRoom.get(roomId);
  if (!list) {
    try {
      list = layoutFindings(snapshot, { roomId });
    } catch (err) {
      // A rule failing must not take the plan down with it.
      console.error(err);
      list = [];
    }
    perRoom.set(roomId, list);
  }
  return list;
}

/** Entity kinds as findings name them (collections or singular), to the plan's item kinds. */
const KIND_ALIASES: Record<string, string> = {
  racks: 'rack', rack: 'rack', rows: 'row', row: 'row', floorEquipment: 'floorEquipment', obstacles: 'obstacle', obstacle: 'obstacle',
  doors: 'door', door: 'door', annotations: 'annotation', annotation: 'annotation', rooms: 'room', room: 'room',
};

/** The worst severity per plan item (`kind|id`), with the messages, for outlines and tooltips. */
export function findingsByItem(findings: readonly PlanFinding[]): Map<string, { severity: FindingSeverity; messages: string[] }> {
  const out = new Map<string, { severity: FindingSeverity; messages: string[] }>();
  for (const f of findings) {
    for (const e of f.entities) {
      const key = `${KIND_ALIASES[e.kind] ?? e.kind}|${e.id}`;
      const prev = out.get(key);
      if (!prev) out.set(key, { severity: f.severity, messages: [f.message] });
      else {
        prev.messages.push(f.message);
        if (f.severity === 'error') prev.severity = 'error';
      }
    }
  }
  return out;
}
