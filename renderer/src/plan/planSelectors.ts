/**
 * Per-room lists of the layout collections (rows, floor equipment, obstacles, doors,
 * annotations), memoised on the collection reference like state/selectors.ts, so a view
 * re-renders only when the kind it draws changed.
 */
import type { Annotation, Door, FloorEquipment, Obstacle, Row } from '../../../core/model/schema';
import { naturalCompare } from '../state/selectors';
import type { AppState } from '../state/store';

type WithRoom = { roomId: string; id: string; name?: string | undefined };

function groupByRoom<T extends WithRoom>() {
  let last: Record<string, T> | null = null;
  let result = new Map<string, T[]>();
  return (table: Record<string, T>): Map<string, T[]> => {
    if (table === last) return result;
    const out = new Map<string, T[]>();
    for (const e of Object.values(table)) {
      const list = out.get(e.roomId);
      if (list) list.push(e);
      else out.set(e.roomId, [e]);
    }
    for (const list of out.values()) list.sort((a, b) => naturalCompare(a.name ?? a.id, b.name ?? b.id));
    last = table;
    result = out;
    return out;
  };
}

const rows = groupByRoom<Row>();
const fe = groupByRoom<FloorEquipment>();
const obstacles = groupByRoom<Obstacle>();
const doors = groupByRoom<Door>();
const notes = groupByRoom<Annotation>();
const EMPTY: never[] = [];
const NONE = {};

export const rowsInRoom = (s: AppState, roomId: string): Row[] => rows(s.snapshot?.rows ?? NONE).get(roomId) ?? EMPTY;
export const floorEquipmentInRoom = (s: AppState, roomId: string): FloorEquipment[] => fe(s.snapshot?.floorEquipment ?? NONE).get(roomId) ?? EMPTY;
export const obstaclesInRoom = (s: AppState, roomId: string): Obstacle[] => obstacles(s.snapshot?.obstacles ?? NONE).get(roomId) ?? EMPTY;
export const doorsInRoom = (s: AppState, roomId: string): Door[] => doors(s.snapshot?.doors ?? NONE).get(roomId) ?? EMPTY;
export const annotationsInRoom = (s: AppState, roomId: string): Annotation[] => notes(s.snapshot?.annotations ?? NONE).get(roomId) ?? EMPTY;

/** The row a rack belongs to, per rack id. */
let lastRows: Record<string, Row> | null = null;
let rowOf = new Map<string, Row>();
export function rowOfRack(s: AppState): Map<string, Row> {
  const table = s.snapshot?.rows ?? null;
  if (table === lastRows) return rowOf;
  rowOf = new Map();
  for (const row of Object.values(table ?? {})) for (const id of row.rackIds) rowOf.set(id, row);
  lastRows = table;
  return rowOf;
}
