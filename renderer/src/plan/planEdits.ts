/**
 * Plan editing outside React: the items of a room as the editor sees them, the selection resolved
 * to those items, and the gestures that the keyboard, the toolbar and the properties panel share
 * (nudge, rotate, align, distribute, delete, copy/paste, duplicate). Each gesture is ONE command,
 * so ONE undo step; the mirror updates from main's `doc.changed`, never from here.
 */
import type { DocumentSnapshot } from '../../../core/model/schema';
import { call } from '../api/client';
import { attempt } from '../app/controller';
import { navigate } from '../app/navigation';
import { route } from '../router';
import type { PlanItemKind, SelectionItem } from '../state/sessionSlice';
import { PLAN_KIND_COLLECTION, makePlanSelection, selectCurrentRoomId, selectionItems } from '../state/selectors';
import type { AppState } from '../state/store';
import { useStore } from '../state/store';
import type { AlignMode, ItemMove, PlacedKind, PlanItem } from './planMath';
import { alignItems, distributeItems, rotateItems, snapStepMm, tileGrid, translateItems } from './planMath';

/** Drawn size of a door leaf across the wall, and of a text label's hit box. */
export const DOOR_DEPTH_MM = 200;
const LABEL_BOX_MM = { widthMm: 800, depthMm: 300 };

const cache = new WeakMap<object, Map<string, PlanItem[]>>();

/**
 * Every placed thing in a room, in drawing order (floor equipment, obstacles, doors, racks,
 * annotations: the last is on top). Memoised per snapshot, so selectors can call it freely.
 */
export function planItemsInRoom(snap: DocumentSnapshot, roomId: string): PlanItem[] {
  let perRoom = cache.get(snap);
  if (!perRoom) {
    perRoom = new Map();
    cache.set(snap, perRoom);
  }
  const hit = perRoom.get(roomId);
  if (hit) return hit;
  const out: PlanItem[] = [];
  for (const e of Object.values(snap.floorEquipment)) if (e.roomId === roomId) out.push({ kind: 'floorEquipment', id: e.id, xMm: e.xMm, yMm: e.yMm, widthMm: e.widthMm, depthMm: e.depthMm, rotationDeg: e.rotationDeg });
  for (const o of Object.values(snap.obstacles)) if (o.roomId === roomId) out.push({ kind: 'obstacle', id: o.id, xMm: o.xMm, yMm: o.yMm, widthMm: o.widthMm, depthMm: o.depthMm, rotationDeg: o.rotationDeg });
  for (const d of Object.values(snap.doors)) if (d.roomId === roomId) out.push({ kind: 'door', id: d.id, xMm: d.xMm, yMm: d.yMm, widthMm: d.widthMm, depthMm: DOOR_DEPTH_MM, rotationDeg: d.rotationDeg });
  for (const r of Object.values(snap.racks)) if (r.roomId === roomId) out.push({ kind: 'rack', id: r.id, xMm: r.xMm, yMm: r.yMm, widthMm: r.widthMm, depthMm: r.depthMm, rotationDeg: r.rotationDeg });
  for (const a of Object.values(snap.annotations)) {
    if (a.roomId !== roomId) continue;
    if (a.kind === 'dimension' && a.x2Mm !== undefined && a.y2Mm !== undefined) {
      out.push({ kind: 'annotation', id: a.id, xMm: a.xMm, yMm: a.yMm, x2Mm: a.x2Mm, y2Mm: a.y2Mm, widthMm: 1, depthMm: 1, rotationDeg: 0 });
    } else {
      out.push({ kind: 'annotation', id: a.id, xMm: a.xMm, yMm: a.yMm, ...LABEL_BOX_MM, rotationDeg: 0 });
    }
  }
  perRoom.set(roomId, out);
  return out;
}

/** The room a plan item lives in. */
export function roomOfItem(snap: DocumentSnapshot, item: SelectionItem): string | undefined {
  const e = snap[PLAN_KIND_COLLECTION[item.kind]][item.id] as { roomId?: string } | undefined;
  return e?.roomId;
}

/**
 * The selection as movable plan items: a selected row stands for its racks. Only items of the
 * room on screen (or of the first item's room) count.
 */
export function selectedPlanItems(s: AppState = useStore.getState()): PlanItem[] {
  const snap = s.snapshot;
  if (!snap) return [];
  const items = selectionItems(s.selection);
  if (items.length === 0) return [];
  const roomId = selectCurrentRoomId(s) ?? roomOfItem(snap, items[0]!);
  if (!roomId) return [];
  const wanted = new Set<string>();
  for (const i of items) {
    if (i.kind === 'row') for (const rackId of snap.rows[i.id]?.rackIds ?? []) wanted.add(`rack|${rackId}`);
    else wanted.add(`${i.kind}|${i.id}`);
  }
  return planItemsInRoom(snap, roomId).filter((p) => wanted.has(`${p.kind}|${p.id}`));
}

const COLLECTION = PLAN_KIND_COLLECTION;

function commandItems(moves: readonly ItemMove[]) {
  return moves.map((m) => ({ ...m, kind: COLLECTION[m.kind] as 'racks' | 'floorEquipment' | 'obstacles' | 'doors' | 'annotations' }));
}

/** Resolves once the mirror has taken in the change numbered `seq` (or after a short wait). */
export function waitForSeq(seq: number, timeoutMs = 1500): Promise<void> {
  return new Promise((resolve) => {
    if (useStore.getState().lastSeq >= seq) return resolve();
    const timer = setTimeout(() => {
      unsubscribe();
      resolve();
    }, timeoutMs);
    const unsubscribe = useStore.subscribe((st) => st.lastSeq, (last) => {
      if (last >= seq) {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      }
    });
  });
}

/**
 * Commits moves as one `layout.move` (one undo step) and resolves once the mirror shows them,
 * so a drag preview can give way without the items flicking back. False when main refused.
 */
export async function commitMoves(moves: readonly ItemMove[]): Promise<boolean> {
  if (moves.length === 0) return true;
  const done = await attempt(() => call('cmd.layout.move', { items: commandItems(moves) }));
  if (done === undefined) return false;
  await waitForSeq(done.seq);
  return true;
}

const writable = (s: AppState) => s.project !== null && !s.project.readOnly && s.snapshot !== null;

export function hasPlanSelection(s: AppState): boolean {
  return writable(s) && selectionItems(s.selection).length > 0;
}

/** Moves the selection by the snap step (or a whole tile) in a direction. */
export function nudgeSelection(dirX: number, dirY: number, tile: boolean): Promise<boolean> {
  const s = useStore.getState();
  const roomId = selectCurrentRoomId(s);
  const room = roomId ? s.snapshot?.rooms[roomId] : undefined;
  const grid = tileGrid(room ?? {});
  const step = tile ? grid.sizeMm : snapStepMm(s.planSnap, grid) || 10;
  return commitMoves(translateItems(selectedPlanItems(s), dirX * step, dirY * step));
}

export function rotateSelection(deg = 90): Promise<boolean> {
  return commitMoves(rotateItems(selectedPlanItems(), deg));
}

export function alignSelection(mode: AlignMode): Promise<boolean> {
  return commitMoves(alignItems(selectedPlanItems(), mode));
}

export function distributeSelection(axis: 'x' | 'y'): Promise<boolean> {
  return commitMoves(distributeItems(selectedPlanItems(), axis));
}

/** Deletes a plan selection of any mix of kinds as one `layout.delete`. */
export async function deletePlanSelection(): Promise<void> {
  const s = useStore.getState();
  const snap = s.snapshot;
  if (!snap) return;
  const items = selectionItems(s.selection).filter((i) => i.id in snap[COLLECTION[i.kind]]);
  if (items.length === 0) return;
  const done = await attempt(() => call('cmd.layout.delete', { items: items.map((i) => ({ kind: COLLECTION[i.kind], id: i.id })) }));
  if (done !== undefined) useStore.getState().select(null);
}

// ---------------------------------------------------------------- clipboard

interface Clipboard {
  roomId: string;
  items: { kind: PlacedKind; id: string }[];
  /** Centre of the copied items' box, to paste at the pointer. */
  center: { x: number; y: number };
}

let clipboard: Clipboard | null = null;
/** The pointer over the plan, in room mm (set by the plan view), for "paste at the pointer". */
let pointer: { roomId: string; x: number; y: number } | null = null;

export function setPlanPointer(p: { roomId: string; x: number; y: number } | null): void {
  pointer = p;
}

export function hasClipboard(): boolean {
  return clipboard !== null;
}

export function copySelection(): boolean {
  const items = selectedPlanItems();
  if (items.length === 0) return false;
  const snap = useStore.getState().snapshot!;
  const roomId = roomOfItem(snap, items[0]!)!;
  const xs = items.map((i) => i.xMm);
  const ys = items.map((i) => i.yMm);
  clipboard = {
    roomId,
    items: items.map((i) => ({ kind: i.kind, id: i.id })),
    center: { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2 },
  };
  return true;
}

async function pasteItems(roomId: string, items: Clipboard['items'], dx: number, dy: number): Promise<void> {
  const snap = useStore.getState().snapshot;
  if (!snap) return;
  const live = items.filter((i) => i.id in snap[COLLECTION[i.kind]]);
  if (live.length === 0) return;
  const result = await attempt(() => call('cmd.layout.paste', {
    roomId, items: live.map((i) => ({ kind: COLLECTION[i.kind] as 'racks', id: i.id })), dxMm: dx, dyMm: dy,
  }));
  if (!result) return;
  // Select the copies, in the kinds of their sources (paste keeps the order).
  const copies: SelectionItem[] = result.result.ids.map((id, n) => ({ kind: live[n]!.kind as PlanItemKind, id }));
  useStore.getState().select(makePlanSelection(copies));
}

/**
 * Pastes the clipboard into the room on screen: at the pointer when it is over the plan (snapped
 * to the tile grid), otherwise one tile down and right of the originals.
 */
export async function pasteClipboard(): Promise<void> {
  const s = useStore.getState();
  const roomId = selectCurrentRoomId(s);
  if (!clipboard || !roomId || !s.snapshot) return;
  const room = s.snapshot.rooms[roomId]!;
  const grid = tileGrid(room);
  let dx = grid.sizeMm;
  let dy = grid.sizeMm;
  if (pointer && pointer.roomId === roomId) {
    dx = Math.round((pointer.x - clipboard.center.x) / grid.sizeMm) * grid.sizeMm;
    dy = Math.round((pointer.y - clipboard.center.y) / grid.sizeMm) * grid.sizeMm;
    if (dx === 0 && dy === 0 && clipboard.roomId === roomId) {
      dx = grid.sizeMm;
      dy = grid.sizeMm;
    }
  }
  await pasteItems(roomId, clipboard.items, dx, dy);
}

/** Ctrl/Cmd+D: copies of the selection one tile to the right. */
export async function duplicateSelection(): Promise<void> {
  const items = selectedPlanItems();
  const snap = useStore.getState().snapshot;
  if (items.length === 0 || !snap) return;
  const roomId = roomOfItem(snap, items[0]!)!;
  const grid = tileGrid(snap.rooms[roomId] ?? {});
  await pasteItems(roomId, items.map((i) => ({ kind: i.kind, id: i.id })), grid.sizeMm, 0);
}

/** Selects plan items and, when they are in another room, shows that room's plan. */
export function selectPlanItems(items: readonly SelectionItem[], options: { reveal?: boolean } = {}): void {
  const s = useStore.getState();
  s.select(makePlanSelection(items));
  if (options.reveal === false || !s.snapshot || items.length === 0) return;
  const roomId = roomOfItem(s.snapshot, items[0]!);
  if (roomId && selectCurrentRoomId(s) !== roomId) navigate(route('roomPlan', { roomId }));
}
