/**
 * The room plan editor: the room to scale on its tile grid (columns A, B… and rows 01, 02… on
 * the rulers), walls, doors, obstacles, floor equipment, rows and racks, with CAD tools (select,
 * room, rack, row, floor equipment, obstacle, door, measure, label), snapping, alignment guides,
 * live dimensions, marquee and keyboard gestures.
 *
 * Data flow: every gesture ends in ONE `cmd.*` call (a drag is one `layout.move` on pointer-up);
 * the mirror updates from main's `doc.changed` and the layers redraw. While dragging, only a
 * transient layer moves (its transform set through a ref), so no rack re-renders per frame.
 * Layers live in room millimetres inside one transformed group: panning changes one attribute.
 */
import type { PointerEvent as ReactPointerEvent } from 'react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { RACK_DEFAULTS } from '../../../core/commands/edit';
import { floorEquipmentDefaults, nextRowName } from '../../../core/commands/layout';
import { GENERIC_RACK_TYPES } from '../../../core/catalog/generic';
import type { DocumentSnapshot, FloorEquipmentKind, RackType, Room } from '../../../core/model/schema';
import { FLOOR_EQUIPMENT_KINDS } from '../../../core/model/schema';
import { call } from '../api/client';
import { runAction, shortcutLabel } from '../app/actions';
import type { ActionId } from '../app/actions';
import { attempt } from '../app/controller';
import { navigate } from '../app/navigation';
import { Icon } from '../components/Icon';
import { Tooltip } from '../components/Tooltip';
import { useReadOnly, useUnits } from '../hooks';
import { route } from '../router';
import type { PlanTool, SelectionItem } from '../state/sessionSlice';
import { makePlanSelection, racksInRoom, selectionItems } from '../state/selectors';
import { useStore } from '../state/store';
import { formatRulerLabel, rulerStepMm } from '../units';
import '../styles/plan-editor.css';
import { findingText, useParamFormatters } from '../findings/findingText';
import { useFindings } from '../findings/useFindings';
import { findingsByItem } from './findings';
import { CapacityLegend, OverlayPicker, WhatIfBanner } from '../capacity/CapacityUI';
import { formatOverlayValue, hexCss } from '../capacity/overlay';
import { useCapacityOverlay, useWhatIf } from '../capacity/useCapacity';
import type { Camera, Point } from './geometry';
import { fitCamera, toRoom, zoomAt } from './geometry';
import type { Labels, PlanWhatIf, RackOverlayMark } from './PlanLayers';
import { DimensionLine, ItemsLayer, RoomLayer, RowsLayer } from './PlanLayers';
import { SensorsLayer } from '../sensors/SensorsLayer';
import { useRoomSensors } from '../sensors/useRoomSensors';
import type { PlanIconName } from './PlanIcons';
import { PlanIcon } from './PlanIcons';
import { commitMoves, planItemsInRoom, selectPlanItems, setPlanPointer } from './planEdits';
import type { Guide, PlanItem } from './planMath';
import {
  alignmentGuides, columnLabel, footprintCorners, itemBounds, itemKey, marqueeSelect, normaliseOutline, roomOutline, rowFromLine,
  rowLabel, snapAngle, snapFootprintCenter, snapPoint, tileGrid, tileRange, translateItems, unionBounds,
} from './planMath';
import { annotationsInRoom, doorsInRoom, floorEquipmentInRoom, obstaclesInRoom, rowsInRoom } from './planSelectors';

const RULER_PX = 36;
const DRAG_THRESHOLD_PX = 4;
const MAX_SCALE = 2;
const GUIDE_TOLERANCE_PX = 6;

interface Size {
  width: number;
  height: number;
}

function useSize(ref: React.RefObject<HTMLElement | null>): Size | null {
  const [size, setSize] = useState<Size | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => {
      const r = el.getBoundingClientRect();
      setSize((prev) => (prev && prev.width === r.width && prev.height === r.height ? prev : { width: r.width, height: r.height }));
    };
    update();
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return size;
}

/** What the pointer is doing right now. */
type Gesture =
  | { type: 'pan'; pointerId: number; start: Point; cam: Camera }
  | { type: 'press'; pointerId: number; start: Point; startMm: Point; hit: SelectionItem | null; additive: boolean }
  | { type: 'drag'; pointerId: number; start: Point; startMm: Point; items: PlanItem[]; primary: PlanItem; others: ReturnType<typeof itemBounds>[]; dx: number; dy: number }
  | { type: 'marquee'; pointerId: number; from: Point; to: Point; additive: boolean }
  | { type: 'rect'; pointerId: number; from: Point; to: Point; purpose: 'room' | 'obstacle' }
  | { type: 'line'; pointerId: number; from: Point; to: Point; purpose: 'row' | 'measure' }
  /** Moving one sensor: it gets a plan position of its own on release (cmd.sensor.update). */
  | { type: 'sensor'; pointerId: number; start: Point; startMm: Point; id: string; origin: Point; to: Point | null };

interface RowDraft {
  from: Point;
  to: Point;
  count: number;
  name: string;
  pattern: string;
  flip: boolean;
  aisle: 'cold' | 'hot';
  /** The rack type the row is built from: the project's own or the catalog's generic ones. */
  rackTypeId: string;
  error: string | null;
}

const TOOLS: ReadonlyArray<{ tool: PlanTool; icon: PlanIconName; action: ActionId; edits: boolean }> = [
  { tool: 'select', icon: 'select', action: 'plan.tool.select', edits: false },
  { tool: 'room', icon: 'room', action: 'plan.tool.room', edits: true },
  { tool: 'rack', icon: 'rack', action: 'plan.tool.rack', edits: true },
  { tool: 'row', icon: 'row', action: 'plan.tool.row', edits: true },
  { tool: 'floorEquipment', icon: 'floorEquipment', action: 'plan.tool.floorEquipment', edits: true },
  { tool: 'obstacle', icon: 'obstacle', action: 'plan.tool.obstacle', edits: true },
  { tool: 'door', icon: 'door', action: 'plan.tool.door', edits: true },
  { tool: 'measure', icon: 'measure', action: 'plan.tool.measure', edits: false },
  { tool: 'label', icon: 'label', action: 'plan.tool.label', edits: true },
];

const EMPTY_SET: ReadonlySet<string> = new Set();
const NO_RACKS: Record<string, never> = {};

export function PlanView({ room }: { room: Room }) {
  const { t } = useTranslation();
  const units = useUnits();
  const readOnly = useReadOnly();
  const racks = useStore((s) => racksInRoom(s, room.id));
  const rows = useStore((s) => rowsInRoom(s, room.id));
  const floorEquipment = useStore((s) => floorEquipmentInRoom(s, room.id));
  const obstacles = useStore((s) => obstaclesInRoom(s, room.id));
  const doors = useStore((s) => doorsInRoom(s, room.id));
  const annotations = useStore((s) => annotationsInRoom(s, room.id));
  const roomSensors = useRoomSensors(room);
  const [sensorDrag, setSensorDrag] = useState<{ id: string; at: Point } | null>(null);
  const sensors = useMemo(
    () => (sensorDrag ? roomSensors.map((s) => (s.sensor.id === sensorDrag.id ? { ...s, spot: { ...s.spot, xMm: sensorDrag.at.x, yMm: sensorDrag.at.y, unplaced: false } } : s)) : roomSensors),
    [roomSensors, sensorDrag],
  );
  const rackTable = useStore((s) => s.snapshot?.racks ?? NO_RACKS);
  const snapshot = useStore((s) => s.snapshot);
  const selection = useStore((s) => s.selection);
  const tool = useStore((s) => s.planTool);
  const snap = useStore((s) => s.planSnap);
  const { setPlanCursor, setPlanZoomPercent, setPlanTool } = useStore(useShallow((s) => ({ setPlanCursor: s.setPlanCursor, setPlanZoomPercent: s.setPlanZoomPercent, setPlanTool: s.setPlanTool })));
  const hostRef = useRef<HTMLDivElement>(null);
  const previewRef = useRef<SVGGElement>(null);
  const size = useSize(hostRef);
  const [camera, setCamera] = useState<Camera | null>(null);
  const gesture = useRef<Gesture | null>(null);
  const [, setFrame] = useState(0);
  const redraw = useCallback(() => setFrame((n) => (n + 1) % 1_000_000), []);
  const [dragging, setDragging] = useState<{ items: PlanItem[]; keys: ReadonlySet<string> } | null>(null);
  const [guides, setGuides] = useState<{ guides: Guide[]; dx: number; dy: number } | null>(null);
  const [hover, setHover] = useState<Point | null>(null);
  const [polygon, setPolygon] = useState<Point[] | null>(null);
  const [rowDraft, setRowDraft] = useState<RowDraft | null>(null);
  const [measure, setMeasure] = useState<{ from: Point; to: Point } | null>(null);
  const [labelDraft, setLabelDraft] = useState<{ at: Point; text: string } | null>(null);
  const [feKind, setFeKind] = useState<FloorEquipmentKind>('crah');
  const [roomShape, setRoomShape] = useState<'rect' | 'polygon'>('rect');
  const [spaceDown, setSpaceDown] = useState(false);
  const grid = useMemo(() => tileGrid(room), [room]);
  const items = useMemo(() => (snapshot ? planItemsInRoom(snapshot, room.id) : []), [snapshot, room.id]);
  const allFindings = useFindings((f) => f.findings);
  const paramFormatters = useParamFormatters();
  const findings = useMemo(
    () => findingsByItem(allFindings.filter((f) => f.roomId === room.id), (f) => findingText(f, t, paramFormatters)),
    [allFindings, room.id, paramFormatters, t],
  );

  // Capacity overlay and what-if: values from the DesignChecker (capacity/), drawn on the racks.
  const capacity = useCapacityOverlay(racks);
  const whatIf = useWhatIf();
  const overlayMarks = useMemo(() => {
    // A what-if is what the user just asked: it replaces the overlay until it is cleared (as in 3D).
    if (!capacity || whatIf) return null;
    const out = new Map<string, RackOverlayMark>();
    const binLabel = new Map(capacity.legend.map((b) => [b.key, t(b.labelKey, b.params)]));
    const mode = t(`overlay.mode.${capacity.mode}`);
    let layoutChars = 0;
    for (const r of racks) layoutChars = Math.max(layoutChars, r.name.length);
    for (const [id, o] of capacity.racks) {
      const text = o.value ? formatOverlayValue(o.value, units.locale) : null;
      layoutChars = Math.max(layoutChars, text?.length ?? 0);
      const source = o.value?.unit === '°C' ? ` (${t(`overlay.source.${o.value.source}`)}, ${binLabel.get(o.bin) ?? ''})` : '';
      out.set(id, { colour: hexCss(o.colour), text, title: `${mode}: ${text ?? binLabel.get(o.bin) ?? ''}${source}`, layoutChars: 0 });
    }
    for (const mark of out.values()) mark.layoutChars = layoutChars;
    return out;
  }, [capacity, whatIf, racks, t, units.locale]);
  const planWhatIf: PlanWhatIf | null = useMemo(() => (whatIf ? { racks: whatIf.racks, equipment: whatIf.equipment } : null), [whatIf]);

  const viewport = useMemo(
    () => (size ? { x: RULER_PX, y: RULER_PX, width: size.width - RULER_PX, height: size.height - RULER_PX } : null),
    [size],
  );
  const fit = useMemo(() => (viewport ? fitCamera(room, viewport, 64) : null), [room, viewport]);
  const limits = useMemo(() => ({ min: (fit?.scale ?? 0.01) / 4, max: Math.max(MAX_SCALE, (fit?.scale ?? 0) * 4) }), [fit]);

  const fitKey = `${room.id}|${room.widthMm}|${room.depthMm}`;
  const lastFitKey = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (!fit) return;
    if (lastFitKey.current !== fitKey || !camera) {
      lastFitKey.current = fitKey;
      setCamera(fit);
    }
  }, [fit, fitKey, camera]);

  // A tool's half-drawn state belongs to the room and the tool it was started in.
  useEffect(() => {
    setPolygon(null);
    setRowDraft(null);
    setMeasure(null);
    setLabelDraft(null);
    gesture.current = null;
  }, [tool, room.id]);

  const cam = camera ?? fit;
  const zoomPercent = cam && fit ? Math.round((cam.scale / fit.scale) * 100) : null;
  useEffect(() => {
    setPlanZoomPercent(zoomPercent);
  }, [zoomPercent, setPlanZoomPercent]);
  useEffect(() => () => {
    setPlanZoomPercent(null);
    setPlanCursor(null);
    setPlanPointer(null);
  }, [setPlanZoomPercent, setPlanCursor]);

  useEffect(() => {
    const el = hostRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      const anchor = { x: e.clientX - r.left, y: e.clientY - r.top };
      const delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
      setCamera((c) => (c ? zoomAt(c, anchor, Math.exp(-delta * 0.0015), limits) : c));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [limits]);

  const zoomBy = useCallback((factor: number) => {
    if (!size) return;
    const anchor = { x: RULER_PX + (size.width - RULER_PX) / 2, y: RULER_PX + (size.height - RULER_PX) / 2 };
    setCamera((c) => (c ? zoomAt(c, anchor, factor, limits) : c));
  }, [size, limits]);
  const resetView = useCallback(() => fit && setCamera(fit), [fit]);

  const cursorFrame = useRef<number | null>(null);
  const reportCursor = (p: Point | null) => {
    setPlanPointer(p ? { roomId: room.id, x: p.x, y: p.y } : null);
    if (cursorFrame.current !== null) cancelAnimationFrame(cursorFrame.current);
    cursorFrame.current = requestAnimationFrame(() => setPlanCursor(p ? { xMm: p.x, yMm: p.y } : null));
  };

  const localPoint = (e: { clientX: number; clientY: number }): Point => {
    const r = hostRef.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  const selectedKeys = useMemo(() => {
    const out = new Set<string>();
    for (const i of selectionItems(selection)) out.add(itemKey(i));
    return out;
  }, [selection]);
  const selectedRowIds = useMemo(() => new Set(selectionItems(selection).filter((i) => i.kind === 'row').map((i) => i.id)), [selection]);
  const selectedSensorIds = useMemo(() => new Set(selection?.kind === 'sensor' ? selection.ids : []), [selection]);
  let highlighted: string | null = null;
  if (selection?.kind === 'device') highlighted = `rack|${snapshot?.devices[selection.ids[0] ?? '']?.rackId ?? ''}`;
  const flags = useMemo(() => ({ selected: selectedKeys, hidden: dragging?.keys ?? EMPTY_SET, findings, highlighted }), [selectedKeys, dragging, findings, highlighted]);

  const labels: Labels = useMemo(() => ({
    coldAisle: t('plan.aisle.cold'),
    hotAisle: t('plan.aisle.hot'),
    feKind: Object.fromEntries(FLOOR_EQUIPMENT_KINDS.map((k) => [k, t(`plan.feKind.${k}`)])) as Labels['feKind'],
  }), [t]);
  const formatLength = useCallback((mm: number) => units.length(mm), [units]);

  // ------------------------------------------------------------ gestures

  const snapped = (p: Point, free: boolean) => (free ? { x: Math.round(p.x), y: Math.round(p.y) } : snapPoint(p, snap, grid));

  const hitFromTarget = (target: EventTarget | null): SelectionItem | null => {
    const el = (target as Element | null)?.closest?.('[data-kind][data-id]');
    if (!el) return null;
    return { kind: el.getAttribute('data-kind') as SelectionItem['kind'], id: el.getAttribute('data-id')! };
  };

  const create = async (work: () => Promise<unknown>) => {
    await attempt(work);
  };

  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (!cam || (e.button !== 0 && e.button !== 1)) return;
    hostRef.current?.focus({ preventScroll: true });
    const p = localPoint(e);
    const mm = toRoom(cam, p);
    e.currentTarget.setPointerCapture(e.pointerId);
    if (e.button === 1 || spaceDown) {
      e.preventDefault();
      gesture.current = { type: 'pan', pointerId: e.pointerId, start: p, cam };
      redraw();
      return;
    }
    const free = e.altKey;
    const editing = !readOnly;
    if (tool === 'select' || (!editing && tool !== 'measure')) {
      // A sensor is selected on its own (its inspector edits it); it never joins a layout drag.
      const sensorId = (e.target as Element | null)?.closest?.('[data-sensor-id]')?.getAttribute('data-sensor-id');
      if (sensorId) {
        useStore.getState().select({ kind: 'sensor', ids: [sensorId] });
        const spot = roomSensors.find((s) => s.sensor.id === sensorId)?.spot;
        if (editing && spot) gesture.current = { type: 'sensor', pointerId: e.pointerId, start: p, startMm: mm, id: sensorId, origin: { x: spot.xMm, y: spot.yMm }, to: null };
        return;
      }
      const hit = hitFromTarget(e.target);
      const additive = e.shiftKey || e.ctrlKey || e.metaKey;
      if (hit) {
        if (!additive && !selectedKeys.has(itemKey(hit))) selectPlanItems([hit], { reveal: false });
        gesture.current = { type: 'press', pointerId: e.pointerId, start: p, startMm: mm, hit, additive };
      } else {
        gesture.current = { type: 'marquee', pointerId: e.pointerId, from: mm, to: mm, additive };
      }
      return;
    }
    const at = snapped(mm, free);
    if (tool === 'room' && roomShape === 'rect') gesture.current = { type: 'rect', pointerId: e.pointerId, from: at, to: at, purpose: 'room' };
    else if (tool === 'obstacle') gesture.current = { type: 'rect', pointerId: e.pointerId, from: at, to: at, purpose: 'obstacle' };
    else if (tool === 'row') {
      setRowDraft(null);
      gesture.current = { type: 'line', pointerId: e.pointerId, from: at, to: at, purpose: 'row' };
    } else if (tool === 'measure') {
      const from = e.altKey ? mm : snapPoint(mm, snap === 'tile' ? 'fine' : snap, grid);
      gesture.current = { type: 'line', pointerId: e.pointerId, from, to: from, purpose: 'measure' };
      setMeasure({ from, to: from });
    }
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (!cam) return;
    const p = localPoint(e);
    const mm = toRoom(cam, p);
    reportCursor(mm);
    const g = gesture.current;
    if (!g || g.pointerId !== e.pointerId) {
      if (['rack', 'floorEquipment', 'door', 'label', 'room', 'obstacle', 'row'].includes(tool)) setHover(mm);
      return;
    }
    const free = e.altKey;
    if (g.type === 'pan') {
      setCamera({ ...g.cam, tx: g.cam.tx + p.x - g.start.x, ty: g.cam.ty + p.y - g.start.y });
      return;
    }
    if (g.type === 'sensor') {
      if (!g.to && Math.hypot(p.x - g.start.x, p.y - g.start.y) < DRAG_THRESHOLD_PX) return;
      const raw = { x: g.origin.x + mm.x - g.startMm.x, y: g.origin.y + mm.y - g.startMm.y };
      // A sensor is a point, not a footprint: it snaps like the measure tool (100 mm), Alt frees it.
      g.to = free ? { x: Math.round(raw.x), y: Math.round(raw.y) } : snapPoint(raw, snap === 'tile' ? 'fine' : snap, grid);
      setSensorDrag({ id: g.id, at: g.to });
      return;
    }
    if (g.type === 'press') {
      if (Math.hypot(p.x - g.start.x, p.y - g.start.y) < DRAG_THRESHOLD_PX || readOnly) return;
      // Start dragging what is selected (the pressed item is in it, unless shift-pressing).
      const s = useStore.getState();
      const wanted = new Set(selectionItems(s.selection).flatMap((i) => (i.kind === 'row' ? (s.snapshot?.rows[i.id]?.rackIds ?? []).map((id) => `rack|${id}`) : [itemKey(i)])));
      if (g.hit?.kind === 'row') for (const id of s.snapshot?.rows[g.hit.id]?.rackIds ?? []) wanted.add(`rack|${id}`);
      else if (g.hit) wanted.add(itemKey(g.hit));
      const moving = items.filter((i) => wanted.has(itemKey(i)));
      if (moving.length === 0) return;
      const primary = (g.hit && moving.find((i) => itemKey(i) === itemKey(g.hit!))) ?? moving[0]!;
      const others = items.filter((i) => !wanted.has(itemKey(i))).map(itemBounds);
      gesture.current = { type: 'drag', pointerId: g.pointerId, start: g.start, startMm: g.startMm, items: moving, primary, others, dx: 0, dy: 0 };
      setDragging({ items: moving, keys: wanted });
      return;
    }
    if (g.type === 'drag') {
      let dx = mm.x - g.startMm.x;
      let dy = mm.y - g.startMm.y;
      if (!free) {
        const target = snapFootprintCenter({ x: g.primary.xMm + dx, y: g.primary.yMm + dy }, g.primary, snap, grid);
        dx = target.x - g.primary.xMm;
        dy = target.y - g.primary.yMm;
      }
      const box = unionBounds(g.items.map(itemBounds))!;
      const moved = { minX: box.minX + dx, maxX: box.maxX + dx, minY: box.minY + dy, maxY: box.maxY + dy };
      const pull = free ? { dx: 0, dy: 0, guides: [] } : alignmentGuides(moved, g.others, GUIDE_TOLERANCE_PX / cam.scale);
      // Guides win over a coarse grid only when they are nearer than the grid step.
      dx += pull.dx;
      dy += pull.dy;
      g.dx = dx;
      g.dy = dy;
      previewRef.current?.setAttribute('transform', `translate(${dx} ${dy})`);
      setGuides({ guides: pull.guides, dx, dy });
      return;
    }
    if (g.type === 'marquee') {
      g.to = mm;
      redraw();
      return;
    }
    if (g.type === 'rect') {
      g.to = snapped(mm, free);
      redraw();
      return;
    }
    if (g.type === 'line') {
      const end = g.purpose === 'measure' ? (free ? mm : snapPoint(mm, snap === 'tile' ? 'fine' : snap, grid)) : snapped(mm, free);
      g.to = e.shiftKey || free ? end : snapAngle(g.from, end);
      if (g.purpose === 'measure') setMeasure({ from: g.from, to: g.to });
      redraw();
    }
  };

  const finishDrag = async (g: Extract<Gesture, { type: 'drag' }>) => {
    const ok = g.dx !== 0 || g.dy !== 0 ? await commitMoves(translateItems(g.items, g.dx, g.dy)) : true;
    void ok;
    previewRef.current?.setAttribute('transform', '');
    setDragging(null);
    setGuides(null);
  };

  const onPointerUp = (e: ReactPointerEvent<HTMLDivElement>) => {
    const g = gesture.current;
    if (!g || g.pointerId !== e.pointerId || !cam) return;
    gesture.current = null;
    const p = localPoint(e);
    const mm = toRoom(cam, p);
    if (g.type === 'pan') {
      redraw();
      return;
    }
    if (g.type === 'sensor') {
      const to = g.to;
      if (to) void attempt(() => call('cmd.sensor.update', { id: g.id, patch: { xMm: Math.round(to.x), yMm: Math.round(to.y) } })).finally(() => setSensorDrag(null));
      return;
    }
    if (g.type === 'press') {
      if (g.additive && g.hit) {
        const current = selectionItems(useStore.getState().selection);
        const key = itemKey(g.hit);
        const next = current.some((i) => itemKey(i) === key) ? current.filter((i) => itemKey(i) !== key) : [...current, g.hit];
        useStore.getState().select(makePlanSelection(next));
      } else if (g.hit) {
        selectPlanItems([g.hit], { reveal: false });
      }
      return;
    }
    if (g.type === 'drag') {
      void finishDrag(g);
      return;
    }
    if (g.type === 'marquee') {
      const moved = Math.hypot(g.to.x - g.from.x, g.to.y - g.from.y) * cam.scale >= DRAG_THRESHOLD_PX;
      if (!moved) {
        const inside = mm.x >= 0 && mm.y >= 0 && mm.x <= room.widthMm && mm.y <= room.depthMm;
        if (!g.additive) useStore.getState().select(inside ? { kind: 'room', ids: [room.id] } : null);
        redraw();
        return;
      }
      const picked: SelectionItem[] = marqueeSelect(items, g.from, g.to).map((i) => ({ kind: i.kind, id: i.id }));
      const base = g.additive ? selectionItems(useStore.getState().selection) : [];
      useStore.getState().select(makePlanSelection([...base, ...picked]));
      redraw();
      return;
    }
    if (g.type === 'rect') {
      const w = Math.abs(g.to.x - g.from.x);
      const h = Math.abs(g.to.y - g.from.y);
      redraw();
      if (g.purpose === 'room') {
        if (w < 1000 || h < 1000) return;
        void (async () => {
          const made = await attempt(() => call('cmd.room.create', { widthMm: Math.round(w), depthMm: Math.round(h) }));
          if (made) {
            setPlanTool('select');
            navigate(route('roomPlan', { roomId: made.result.id }));
            useStore.getState().select({ kind: 'room', ids: [made.result.id] });
          }
        })();
        return;
      }
      const at = snapped(mm, e.altKey);
      const big = w * cam.scale >= DRAG_THRESHOLD_PX * 2 && h * cam.scale >= DRAG_THRESHOLD_PX * 2;
      void create(async () => {
        const made = await call('cmd.obstacle.create', big
          ? { roomId: room.id, kind: 'column', xMm: (g.from.x + g.to.x) / 2, yMm: (g.from.y + g.to.y) / 2, widthMm: w, depthMm: h, rotationDeg: 0 }
          : { roomId: room.id, kind: 'column', xMm: at.x, yMm: at.y, widthMm: 600, depthMm: 600, rotationDeg: 0 });
        selectPlanItems([{ kind: 'obstacle', id: made.result.id }], { reveal: false });
      });
      return;
    }
    if (g.type === 'line') {
      if (g.purpose === 'measure') {
        setMeasure({ from: g.from, to: g.to });
        if (e.shiftKey && !readOnly && Math.hypot(g.to.x - g.from.x, g.to.y - g.from.y) > 1) void keepMeasure({ from: g.from, to: g.to });
        return;
      }
      const len = Math.hypot(g.to.x - g.from.x, g.to.y - g.from.y);
      const line = len * cam.scale < DRAG_THRESHOLD_PX ? { from: g.from, to: { x: g.from.x + RACK_DEFAULTS.widthMm * 10, y: g.from.y } } : { from: g.from, to: g.to };
      const taken = new Set(rows.map((r) => r.name));
      const plan = rowFromLine(line.from, line.to, RACK_DEFAULTS.widthMm, false);
      setRowDraft({ ...line, count: plan.count, name: nextRowName(taken), pattern: '{row}{nn}', flip: false, aisle: 'cold', rackTypeId: DEFAULT_RACK_TYPE_ID, error: null });
    }
  };

  const onClick = (e: React.MouseEvent<HTMLDivElement>) => {
    if (!cam || e.button !== 0 || readOnly) return;
    const mm = toRoom(cam, localPoint(e));
    const at = snapped(mm, e.altKey);
    if (tool === 'rack') {
      const c = snapFootprintCenter(mm, RACK_DEFAULTS, snap, grid);
      void create(async () => {
        const made = await call('cmd.rack.create', { roomId: room.id, xMm: c.x, yMm: c.y });
        selectPlanItems([{ kind: 'rack', id: made.result.id }], { reveal: false });
      });
    } else if (tool === 'floorEquipment') {
      const d = floorEquipmentDefaults(feKind);
      const c = snapFootprintCenter(mm, { ...d, rotationDeg: 0 }, snap, grid);
      void create(async () => {
        const made = await call('cmd.floorEquipment.create', { roomId: room.id, kind: feKind, xMm: c.x, yMm: c.y, rotationDeg: 0 });
        selectPlanItems([{ kind: 'floorEquipment', id: made.result.id }], { reveal: false });
      });
    } else if (tool === 'door') {
      const spot = nearestWall(roomOutline(room), mm);
      void create(async () => {
        const made = await call('cmd.door.create', { roomId: room.id, xMm: Math.round(spot.point.x), yMm: Math.round(spot.point.y), rotationDeg: spot.angleDeg, widthMm: 1200, swing: 'double' });
        selectPlanItems([{ kind: 'door', id: made.result.id }], { reveal: false });
      });
    } else if (tool === 'label') {
      setLabelDraft({ at, text: '' });
    } else if (tool === 'room' && roomShape === 'polygon') {
      const pts = polygon ?? [];
      const first = pts[0];
      if (first && pts.length >= 3 && Math.hypot(first.x - at.x, first.y - at.y) * cam.scale < 10) {
        void finishPolygon(pts);
        return;
      }
      setPolygon([...pts, at]);
    }
  };

  const finishPolygon = async (pts: Point[]) => {
    const shape = normaliseOutline(pts);
    setPolygon(null);
    if (!shape) return;
    const made = await attempt(() => call('cmd.room.create', { widthMm: shape.widthMm, depthMm: shape.depthMm, outline: shape.outline }));
    if (made) {
      setPlanTool('select');
      navigate(route('roomPlan', { roomId: made.result.id }));
    }
  };

  const keepMeasure = async (m: { from: Point; to: Point }) => {
    const made = await attempt(() => call('cmd.annotation.create', { roomId: room.id, kind: 'dimension', xMm: m.from.x, yMm: m.from.y, x2Mm: m.to.x, y2Mm: m.to.y }));
    if (made) {
      setMeasure(null);
      selectPlanItems([{ kind: 'annotation', id: made.result.id }], { reveal: false });
    }
  };

  const submitRow = async () => {
    if (!rowDraft) return;
    const rackType = rackTypeChoices(useStore.getState().snapshot).find((rt) => rt.id === rowDraft.rackTypeId);
    const plan = rowFromLine(rowDraft.from, rowDraft.to, rackType?.widthMm ?? RACK_DEFAULTS.widthMm, rowDraft.flip, rowDraft.count);
    try {
      const made = await call('cmd.row.create', {
        roomId: room.id, name: rowDraft.name.trim() || undefined, count: plan.count, xMm: plan.xMm, yMm: plan.yMm,
        orientationDeg: plan.orientationDeg, namePattern: rowDraft.pattern, frontAisle: rowDraft.aisle,
        ...(rackType ? { rackType } : {}),
      } as Parameters<typeof call<'cmd.row.create'>>[1]);
      setRowDraft(null);
      selectPlanItems([{ kind: 'row', id: made.result.id }], { reveal: false });
    } catch (err) {
      setRowDraft((d) => (d ? { ...d, error: (err as Error).message } : d));
    }
  };

  const submitLabel = async () => {
    if (!labelDraft) return;
    const text = labelDraft.text.trim();
    setLabelDraft(null);
    if (!text) return;
    await create(async () => {
      const made = await call('cmd.annotation.create', { roomId: room.id, kind: 'label', xMm: labelDraft.at.x, yMm: labelDraft.at.y, text });
      selectPlanItems([{ kind: 'annotation', id: made.result.id }], { reveal: false });
    });
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if ((e.target as HTMLElement).closest('input, select, textarea, button')) return;
    const step = 48;
    let handled = true;
    const hasSelection = selectionItems(useStore.getState().selection).length > 0;
    if (e.key === '+' || e.key === '=') zoomBy(1.25);
    else if (e.key === '-' || e.key === '_') zoomBy(0.8);
    else if (e.key === '0' && !e.ctrlKey && !e.metaKey) resetView();
    else if (e.key === ' ') setSpaceDown(true);
    else if (e.key === 'Enter' && polygon && polygon.length >= 3) void finishPolygon(polygon);
    else if (e.key === 'Escape' && (polygon || rowDraft || measure || labelDraft || gesture.current)) {
      setPolygon(null);
      setRowDraft(null);
      setMeasure(null);
      setLabelDraft(null);
      if (gesture.current?.type === 'drag') {
        previewRef.current?.setAttribute('transform', '');
        setDragging(null);
        setGuides(null);
      }
      gesture.current = null;
    } else if (e.key === 'Escape' && tool !== 'select') setPlanTool('select');
    else if (!hasSelection && e.key === 'ArrowLeft') setCamera((c) => (c ? { ...c, tx: c.tx + step } : c));
    else if (!hasSelection && e.key === 'ArrowRight') setCamera((c) => (c ? { ...c, tx: c.tx - step } : c));
    else if (!hasSelection && e.key === 'ArrowUp') setCamera((c) => (c ? { ...c, ty: c.ty + step } : c));
    else if (!hasSelection && e.key === 'ArrowDown') setCamera((c) => (c ? { ...c, ty: c.ty - step } : c));
    else handled = false;
    if (handled) e.preventDefault();
  };

  // ------------------------------------------------------------ overlays

  const g = gesture.current;
  const scale = cam?.scale ?? 1;
  const px = (v: number) => v / scale;
  const overlay: React.ReactNode[] = [];
  if (g?.type === 'marquee' && Math.hypot(g.to.x - g.from.x, g.to.y - g.from.y) * scale >= DRAG_THRESHOLD_PX) {
    overlay.push(
      <rect key="marquee" x={Math.min(g.from.x, g.to.x)} y={Math.min(g.from.y, g.to.y)} width={Math.abs(g.to.x - g.from.x)} height={Math.abs(g.to.y - g.from.y)}
        className={`marquee${g.to.x < g.from.x ? ' is-crossing' : ''}`} data-testid="plan-marquee" />,
    );
  }
  if (g?.type === 'rect') {
    const w = Math.abs(g.to.x - g.from.x);
    const h = Math.abs(g.to.y - g.from.y);
    const x0 = Math.min(g.from.x, g.to.x);
    const y0 = Math.min(g.from.y, g.to.y);
    overlay.push(<rect key="rect" x={x0} y={y0} width={w} height={h} className={`draft-rect draft-${g.purpose}`} />);
    if (w > 0 && h > 0) {
      overlay.push(<DimensionLine key="w" a={{ x: x0, y: y0 }} b={{ x: x0 + w, y: y0 }} scale={scale} text={units.length(w)} offsetPx={-16} className="live" />);
      overlay.push(<DimensionLine key="h" a={{ x: x0 + w, y: y0 }} b={{ x: x0 + w, y: y0 + h }} scale={scale} text={units.length(h)} offsetPx={-16} className="live" />);
    }
  }
  const rowLine = g?.type === 'line' && g.purpose === 'row' ? { from: g.from, to: g.to, flip: false, count: undefined as number | undefined } : rowDraft ? { from: rowDraft.from, to: rowDraft.to, flip: rowDraft.flip, count: rowDraft.count } : null;
  if (rowLine) {
    const plan = rowFromLine(rowLine.from, rowLine.to, RACK_DEFAULTS.widthMm, rowLine.flip, rowLine.count);
    const dir = { x: Math.cos((plan.orientationDeg * Math.PI) / 180), y: Math.sin((plan.orientationDeg * Math.PI) / 180) };
    for (let i = 0; i < plan.count; i++) {
      const f = { xMm: plan.xMm + dir.x * RACK_DEFAULTS.widthMm * i, yMm: plan.yMm + dir.y * RACK_DEFAULTS.widthMm * i, widthMm: RACK_DEFAULTS.widthMm, depthMm: RACK_DEFAULTS.depthMm, rotationDeg: plan.orientationDeg };
      const c = footprintCorners(f);
      overlay.push(<polygon key={`ghost${i}`} points={c.map((q) => `${q.x},${q.y}`).join(' ')} className="ghost-rack" />);
      overlay.push(<line key={`ghostf${i}`} x1={c[0].x} y1={c[0].y} x2={c[1].x} y2={c[1].y} className="ghost-front" />);
    }
    overlay.push(<DimensionLine key="rowlen" a={rowLine.from} b={rowLine.to} scale={scale} text={`${units.length(plan.lengthMm)} · ${t('plan.row.racks', { count: plan.count })}`} offsetPx={-(RACK_DEFAULTS.depthMm / 2) * scale - 14} className="live" />);
  }
  if (measure) {
    const len = Math.hypot(measure.to.x - measure.from.x, measure.to.y - measure.from.y);
    if (len > 0) overlay.push(<DimensionLine key="measure" a={measure.from} b={measure.to} scale={scale} text={units.length(len)} className="live measure" />);
  }
  if (polygon) {
    const pts = hover ? [...polygon, snapped(hover, false)] : polygon;
    overlay.push(<polyline key="poly" points={pts.map((q) => `${q.x},${q.y}`).join(' ')} className="draft-polygon" />);
    polygon.forEach((q, i) => overlay.push(<circle key={`pv${i}`} cx={q.x} cy={q.y} r={px(i === 0 ? 5 : 3)} className={`draft-vertex${i === 0 ? ' is-first' : ''}`} />));
  }
  if (!g && hover && !readOnly && (tool === 'rack' || tool === 'floorEquipment')) {
    const d = tool === 'rack' ? { ...RACK_DEFAULTS } : { ...floorEquipmentDefaults(feKind), rotationDeg: 0 };
    const c = snapFootprintCenter(hover, d, snap, grid);
    const corners = footprintCorners({ xMm: c.x, yMm: c.y, widthMm: d.widthMm, depthMm: d.depthMm, rotationDeg: 0 });
    overlay.push(<polygon key="hover" points={corners.map((q) => `${q.x},${q.y}`).join(' ')} className="ghost-rack" data-testid="plan-ghost" />);
    overlay.push(<line key="hoverf" x1={corners[0].x} y1={corners[0].y} x2={corners[1].x} y2={corners[1].y} className="ghost-front" />);
  }
  if (!g && hover && !readOnly && tool === 'door') {
    const spot = nearestWall(roomOutline(room), hover);
    const a = (spot.angleDeg * Math.PI) / 180;
    overlay.push(<line key="doorghost" x1={spot.point.x - Math.cos(a) * 600} y1={spot.point.y - Math.sin(a) * 600} x2={spot.point.x + Math.cos(a) * 600} y2={spot.point.y + Math.sin(a) * 600} className="ghost-door" />);
  }
  if (guides) {
    for (const [i, gd] of guides.guides.entries()) {
      overlay.push(gd.axis === 'x'
        ? <line key={`guide${i}`} x1={gd.at} y1={gd.from - px(12)} x2={gd.at} y2={gd.to + px(12)} className="guide" />
        : <line key={`guide${i}`} x1={gd.from - px(12)} y1={gd.at} x2={gd.to + px(12)} y2={gd.at} className="guide" />);
    }
    if (dragging) {
      const box = unionBounds(dragging.items.map(itemBounds))!;
      const moved = { minX: box.minX + guides.dx, maxX: box.maxX + guides.dx, minY: box.minY + guides.dy, maxY: box.maxY + guides.dy };
      overlay.push(<DimensionLine key="dl" a={{ x: 0, y: (moved.minY + moved.maxY) / 2 }} b={{ x: moved.minX, y: (moved.minY + moved.maxY) / 2 }} scale={scale} text={units.length(moved.minX)} className="live" />);
      overlay.push(<DimensionLine key="dt" a={{ x: (moved.minX + moved.maxX) / 2, y: 0 }} b={{ x: (moved.minX + moved.maxX) / 2, y: moved.minY }} scale={scale} text={units.length(moved.minY)} className="live" />);
    }
  }

  const empty = racks.length === 0 && floorEquipment.length === 0 && obstacles.length === 0 && doors.length === 0 && annotations.length === 0;
  const toolHint = t(`plan.hint.${tool === 'room' ? (roomShape === 'rect' ? 'roomRect' : 'roomPolygon') : tool}`);
  const cursorClass = spaceDown || g?.type === 'pan' ? (g?.type === 'pan' ? ' is-panning' : ' is-pan-ready') : tool !== 'select' ? ' is-drawing' : '';

  return (
    <div
      ref={hostRef}
      className={`plan plan-editor${cursorClass}`}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onKeyUp={(e) => { if (e.key === ' ') setSpaceDown(false); }}
      aria-label={t('plan.label', { name: room.name })}
      role="application"
      data-testid="plan"
      data-room-id={room.id}
      data-tool={tool}
    >
      {size && cam && (
        <div
          className="plan-stage"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onClick={onClick}
          onDoubleClick={() => { if (polygon && polygon.length >= 3) void finishPolygon(polygon.slice(0, -1).length >= 3 ? polygon.slice(0, -1) : polygon); }}
          onPointerCancel={() => { gesture.current = null; setDragging(null); setGuides(null); }}
          onPointerLeave={() => { reportCursor(null); setHover(null); }}
          onAuxClick={(e) => e.preventDefault()}
        >
          {/* The drawing: repainted when the document, the selection or the camera changes. */}
          <svg className="plan-svg" width={size.width} height={size.height} data-testid="plan-canvas">
            <defs>
              <pattern id="plan-hatch" patternUnits="userSpaceOnUse" width={8} height={8} patternTransform={`scale(${1 / scale}) rotate(45)`}>
                <line x1={0} y1={0} x2={0} y2={8} className="hatch-line" />
              </pattern>
              <pattern id="plan-whatif-hatch" patternUnits="userSpaceOnUse" width={7} height={7} patternTransform={`scale(${1 / scale}) rotate(45)`}>
                <line x1={0} y1={0} x2={0} y2={7} className="plan-whatif-hatch-line" />
              </pattern>
            </defs>
            <g className="plan-world" transform={`translate(${cam.tx} ${cam.ty}) scale(${cam.scale})`} data-testid="plan-world">
              <RoomLayer room={room} scale={scale} selected={selection?.kind === 'room' && selection.ids.includes(room.id)} />
              <RowsLayer rows={rows} racks={rackTable} scale={scale} selected={selectedRowIds} labels={labels} />
              <ItemsLayer room={room} racks={racks} floorEquipment={floorEquipment} obstacles={obstacles} doors={doors} annotations={annotations}
                scale={scale} flags={flags} labels={labels} formatLength={formatLength} overlay={overlayMarks} whatIf={planWhatIf} />
              <SensorsLayer sensors={sensors} scale={scale} selected={selectedSensorIds} />
            </g>
            <RoomDimensions room={room} cam={cam} />
            <Rulers cam={cam} size={size} units={units} room={room} />
          </svg>
          {/*
            The transient layer: drag preview, guides, live dimensions, drafts. A separate SVG on its
            own compositing layer, so a drag frame repaints only this, never the 2,000 racks below.
          */}
          <svg className="plan-svg plan-svg-overlay" width={size.width} height={size.height} aria-hidden="true">
            <defs>
              <clipPath id="plan-viewport-clip"><rect x={RULER_PX} y={RULER_PX} width={size.width} height={size.height} /></clipPath>
            </defs>
            <g clipPath="url(#plan-viewport-clip)">
              <g transform={`translate(${cam.tx} ${cam.ty}) scale(${cam.scale})`} className="plan-world">
                <g ref={previewRef} className="plan-preview" data-testid="plan-preview">
                  {dragging && <DragPreview items={dragging.items} />}
                </g>
                <g className="plan-overlay">{overlay}</g>
              </g>
            </g>
          </svg>
        </div>
      )}

      <div className="plan-caption" data-testid="plan-caption">
        <Icon name="room" size={14} />
        <strong>{room.name}</strong>
        <span>{units.length(room.widthMm)} × {units.length(room.depthMm)}</span>
      </div>

      <div className="plan-toolbar" role="toolbar" aria-label={t('plan.toolbar')} aria-orientation="vertical" data-testid="plan-toolbar">
        {TOOLS.map((entry, i) => {
          const label = t(`plan.tool.${entry.tool}`);
          return (
            <span key={entry.tool} className={i === 1 || i === 7 ? 'plan-toolbar-sep-before' : undefined}>
              <Tooltip label={label} shortcut={shortcutLabel(entry.action)} placement="bottom">
                <button
                  type="button"
                  className={`plan-tool${tool === entry.tool ? ' is-active' : ''}`}
                  aria-pressed={tool === entry.tool}
                  aria-label={label}
                  disabled={entry.edits && readOnly}
                  onClick={() => { setPlanTool(entry.tool); hostRef.current?.focus({ preventScroll: true }); }}
                  data-testid={`plan-tool-${entry.tool}`}
                >
                  <PlanIcon name={entry.icon} />
                </button>
              </Tooltip>
            </span>
          );
        })}
      </div>

      <div className="plan-options" data-testid="plan-options">
        <span className="plan-options-tool">{t(`plan.tool.${tool}`)}</span>
        {tool === 'room' && (
          <div className="segmented" role="radiogroup" aria-label={t('plan.roomShape')}>
            {(['rect', 'polygon'] as const).map((shape) => (
              <button key={shape} type="button" role="radio" aria-checked={roomShape === shape} className={roomShape === shape ? 'is-on' : ''}
                onClick={() => { setRoomShape(shape); setPolygon(null); }} data-testid={`plan-room-${shape}`}>
                {t(`plan.roomShapes.${shape}`)}
              </button>
            ))}
          </div>
        )}
        {tool === 'floorEquipment' && (
          <select className="input input-sm" value={feKind} onChange={(e) => setFeKind(e.target.value as FloorEquipmentKind)} aria-label={t('plan.feKindLabel')} data-testid="plan-fe-kind">
            {FLOOR_EQUIPMENT_KINDS.map((k) => <option key={k} value={k}>{labels.feKind[k]}</option>)}
          </select>
        )}
        <span className="plan-options-hint">{toolHint}</span>
      </div>

      {/* The overlay control, like a map's layer switch: the picker, and the legend once it is on. */}
      <div className="plan-overlay-card" data-testid="plan-overlay-card">
        <OverlayPicker testId="plan-overlay-picker" />
        <CapacityLegend overlay={whatIf ? null : capacity} whatIf={whatIf} testId="plan-overlay-legend" className="is-inline" />
      </div>
      {whatIf && <WhatIfBanner view={whatIf} testId="plan-whatif-banner" />}

      {measure && tool === 'measure' && cam && !g && Math.hypot(measure.to.x - measure.from.x, measure.to.y - measure.from.y) > 0 && (
        <div className="plan-float" style={{ left: measure.to.x * cam.scale + cam.tx + 12, top: measure.to.y * cam.scale + cam.ty + 12 }} data-testid="plan-measure">
          <strong>{units.length(Math.hypot(measure.to.x - measure.from.x, measure.to.y - measure.from.y))}</strong>
          <span className="muted">Δx {units.length(Math.abs(measure.to.x - measure.from.x))} · Δy {units.length(Math.abs(measure.to.y - measure.from.y))}</span>
          {!readOnly && (
            <button type="button" className="btn btn-sm" onClick={() => void keepMeasure(measure)} data-testid="plan-measure-keep">{t('plan.measureKeep')}</button>
          )}
        </div>
      )}

      {rowDraft && cam && (
        <RowPopover
          draft={rowDraft}
          at={{ x: rowDraft.to.x * cam.scale + cam.tx, y: rowDraft.to.y * cam.scale + cam.ty }}
          bounds={size}
          onChange={(patch) => setRowDraft((d) => (d ? { ...d, ...patch, error: null } : d))}
          onSubmit={() => void submitRow()}
          onCancel={() => setRowDraft(null)}
        />
      )}

      {labelDraft && cam && (
        <form
          className="plan-float plan-label-input"
          style={{ left: labelDraft.at.x * cam.scale + cam.tx - 90, top: labelDraft.at.y * cam.scale + cam.ty - 16 }}
          onSubmit={(e) => { e.preventDefault(); void submitLabel(); }}
        >
          <input
            className="input input-sm"
            autoFocus
            value={labelDraft.text}
            placeholder={t('plan.labelPlaceholder')}
            aria-label={t('plan.tool.label')}
            onChange={(e) => setLabelDraft((d) => (d ? { ...d, text: e.target.value } : d))}
            onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); setLabelDraft(null); hostRef.current?.focus(); } }}
            data-testid="plan-label-input"
          />
        </form>
      )}

      {empty && !rowDraft && (
        <div className="plan-empty-card">
          <div className="plan-empty" data-testid="plan-empty">
            <p className="plan-empty-title">{t('plan.emptyTitle', { name: room.name })}</p>
            <p>{t('plan.emptyHint', { row: shortcutLabel('plan.tool.row'), rack: shortcutLabel('plan.tool.rack') })}</p>
            <button type="button" className="btn" onClick={() => runAction('rack.add')} disabled={readOnly}>
              <Icon name="plus" size={14} />{t('action.addRack')}
            </button>
          </div>
          <div className="plan-empty-tools">
            <button type="button" className="btn btn-primary btn-sm" onClick={() => { setPlanTool('row'); hostRef.current?.focus(); }} disabled={readOnly} data-testid="plan-empty-row">
              <PlanIcon name="row" size={14} />{t('plan.emptyDrawRow')} <kbd className="kbd">{shortcutLabel('plan.tool.row')}</kbd>
            </button>
            <button type="button" className="btn btn-sm" onClick={() => { setPlanTool('rack'); hostRef.current?.focus(); }} disabled={readOnly} data-testid="plan-empty-rack">
              <PlanIcon name="rack" size={14} />{t('plan.emptyPlaceRack')} <kbd className="kbd">{shortcutLabel('plan.tool.rack')}</kbd>
            </button>
          </div>
        </div>
      )}

      <div className="plan-legend" aria-hidden="true">
        <span className="legend-item"><span className="legend-front" />{t('plan.legendFront')}</span>
        <span className="legend-item"><span className="legend-aisle legend-cold" />{t('plan.aisle.cold')}</span>
        <span className="legend-item"><span className="legend-aisle legend-hot" />{t('plan.aisle.hot')}</span>
        <span className="legend-item"><span className="legend-tile" />{t('plan.legendTile', { size: units.length(grid.sizeMm, 'equipment') })}</span>
        {findings.size > 0 && <span className="legend-item"><span className="legend-finding" />{t('plan.legendFindings')}</span>}
      </div>

      <div className="plan-zoom" role="toolbar" aria-label={t('plan.zoomControls')}>
        <Tooltip label={t('plan.zoomOut')} shortcut="−" placement="top">
          <button type="button" className="btn-icon btn-icon-sm" onClick={() => zoomBy(0.8)} aria-label={t('plan.zoomOut')} data-testid="plan-zoom-out"><Icon name="zoomOut" size={15} /></button>
        </Tooltip>
        <span className="plan-zoom-value" data-testid="plan-zoom-value">{zoomPercent ?? 100}%</span>
        <Tooltip label={t('plan.zoomIn')} shortcut="+" placement="top">
          <button type="button" className="btn-icon btn-icon-sm" onClick={() => zoomBy(1.25)} aria-label={t('plan.zoomIn')} data-testid="plan-zoom-in"><Icon name="zoomIn" size={15} /></button>
        </Tooltip>
        <Tooltip label={t('plan.fit')} shortcut="0" placement="top">
          <button type="button" className="btn-icon btn-icon-sm" onClick={resetView} aria-label={t('plan.fit')} data-testid="plan-fit"><Icon name="fit" size={15} /></button>
        </Tooltip>
      </div>
    </div>
  );
}

/** The dragged items, drawn once when the drag starts; the drag moves their group's transform. */
function DragPreview({ items }: { items: PlanItem[] }) {
  return (
    <>
      {items.map((i) => {
        if (i.x2Mm !== undefined && i.y2Mm !== undefined) return <line key={itemKey(i)} x1={i.xMm} y1={i.yMm} x2={i.x2Mm} y2={i.y2Mm} className="preview-line" />;
        const c = footprintCorners(i);
        return (
          <g key={itemKey(i)}>
            <polygon points={c.map((q) => `${q.x},${q.y}`).join(' ')} className="preview-body" />
            {i.kind === 'rack' && <line x1={c[0].x} y1={c[0].y} x2={c[1].x} y2={c[1].y} className="ghost-front" />}
          </g>
        );
      })}
    </>
  );
}

/** The nearest point on the outline's walls and the wall's direction (for doors). */
function nearestWall(outline: Point[], p: Point): { point: Point; angleDeg: number } {
  let best = { point: outline[0]!, angleDeg: 0, d: Infinity };
  for (let i = 0; i < outline.length; i++) {
    const a = outline[i]!;
    const b = outline[(i + 1) % outline.length]!;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len2 = dx * dx + dy * dy || 1;
    const tt = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
    const q = { x: a.x + tt * dx, y: a.y + tt * dy };
    const d = Math.hypot(p.x - q.x, p.y - q.y);
    if (d < best.d) best = { point: q, angleDeg: ((Math.round((Math.atan2(dy, dx) * 180) / Math.PI) % 360) + 360) % 360, d };
  }
  return { point: best.point, angleDeg: best.angleDeg };
}

function RowPopover({ draft, at, bounds, onChange, onSubmit, onCancel }: {
  draft: RowDraft;
  at: Point;
  bounds: Size | null;
  onChange(patch: Partial<RowDraft>): void;
  onSubmit(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const snapshot = useStore((s) => s.snapshot);
  const rackTypes = useMemo(() => rackTypeChoices(snapshot), [snapshot]);
  const left = Math.max(44, Math.min(at.x + 14, (bounds?.width ?? 800) - 290));
  const top = Math.max(44, Math.min(at.y + 14, (bounds?.height ?? 600) - 300));
  return (
    <form
      className="plan-popover"
      style={{ left, top }}
      onSubmit={(e) => { e.preventDefault(); onSubmit(); }}
      onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); onCancel(); } }}
      data-testid="row-popover"
      aria-label={t('plan.row.title')}
    >
      <h3>{t('plan.row.title')}</h3>
      <label className="pop-field">
        <span>{t('plan.row.count')}</span>
        <input className="input input-sm input-numeric" type="number" min={1} max={60} value={draft.count} autoFocus
          onChange={(e) => onChange({ count: Math.max(1, Math.min(60, Number(e.target.value) || 1)) })} data-testid="row-count" />
      </label>
      <label className="pop-field">
        <span>{t('plan.row.name')}</span>
        <input className="input input-sm" value={draft.name} onChange={(e) => onChange({ name: e.target.value })} data-testid="row-name" />
      </label>
      <label className="pop-field">
        <span>{t('plan.row.pattern')}</span>
        <input className="input input-sm mono" value={draft.pattern} onChange={(e) => onChange({ pattern: e.target.value })} data-testid="row-pattern" title={t('plan.row.patternHelp')} />
      </label>
      <label className="pop-field">
        <span>{t('plan.row.rackType')}</span>
        <select className="input input-sm" value={draft.rackTypeId} onChange={(e) => onChange({ rackTypeId: e.target.value })} data-testid="row-rack-type">
          {rackTypes.map((rt) => <option key={rt.id} value={rt.id}>{rt.model} · {rt.uHeight}U</option>)}
        </select>
      </label>
      <label className="pop-field">
        <span>{t('plan.row.facing')}</span>
        <select className="input input-sm" value={draft.flip ? 'flip' : 'keep'} onChange={(e) => onChange({ flip: e.target.value === 'flip' })} data-testid="row-facing">
          <option value="keep">{t('plan.row.facingLeft')}</option>
          <option value="flip">{t('plan.row.facingRight')}</option>
        </select>
      </label>
      <label className="pop-field">
        <span>{t('plan.row.frontAisle')}</span>
        <select className="input input-sm" value={draft.aisle} onChange={(e) => onChange({ aisle: e.target.value as 'cold' | 'hot' })} data-testid="row-aisle">
          <option value="cold">{t('plan.aisle.cold')}</option>
          <option value="hot">{t('plan.aisle.hot')}</option>
        </select>
      </label>
      <p className="pop-preview">{t('plan.row.preview', { first: previewName(draft, 0), last: previewName(draft, draft.count - 1) })}</p>
      {draft.error && <p className="prop-error" role="alert" data-testid="row-error"><Icon name="alertCircle" size={13} /><span>{draft.error}</span></p>}
      <div className="pop-actions">
        <button type="button" className="btn btn-sm" onClick={onCancel}>{t('common.cancel')}</button>
        <button type="submit" className="btn btn-primary btn-sm" data-testid="row-create">{t('plan.row.create')}</button>
      </div>
    </form>
  );
}

const DEFAULT_RACK_TYPE_ID = GENERIC_RACK_TYPES[0]!.id;

/** Rack types a row can be built from: the project's own first, then the catalog's generic ones. */
function rackTypeChoices(snapshot: DocumentSnapshot | null): RackType[] {
  const own = snapshot ? Object.values(snapshot.rackTypes).sort((a, b) => a.model.localeCompare(b.model)) : [];
  return [...own, ...GENERIC_RACK_TYPES.filter((g) => !own.some((o) => o.id === g.id))];
}

function previewName(draft: RowDraft, i: number): string {
  const n = 1 + i;
  return draft.pattern
    .replaceAll('{row}', draft.name || '?')
    .replaceAll('{nnn}', String(n).padStart(3, '0'))
    .replaceAll('{nn}', String(n).padStart(2, '0'))
    .replaceAll('{n}', String(n));
}

function RoomDimensions({ room, cam }: { room: Room; cam: Camera }) {
  const units = useUnits();
  const x0 = cam.tx;
  const y0 = cam.ty;
  const x1 = x0 + room.widthMm * cam.scale;
  const y1 = y0 + room.depthMm * cam.scale;
  const wall = (room.wallThicknessMm ?? 0) * cam.scale;
  const gap = 18 + wall;
  const by = y1 + gap;
  const rx = x1 + gap;
  return (
    <g className="plan-dims" aria-hidden="true">
      <line x1={x0} y1={by} x2={x1} y2={by} />
      <line x1={x0} y1={by - 5} x2={x0} y2={by + 5} />
      <line x1={x1} y1={by - 5} x2={x1} y2={by + 5} />
      <text x={(x0 + x1) / 2} y={by - 5} textAnchor="middle">{units.length(room.widthMm)}</text>
      <line x1={rx} y1={y0} x2={rx} y2={y1} />
      <line x1={rx - 5} y1={y0} x2={rx + 5} y2={y0} />
      <line x1={rx - 5} y1={y1} x2={rx + 5} y2={y1} />
      <text x={rx - 5} y={(y0 + y1) / 2} textAnchor="middle" transform={`rotate(-90 ${rx - 5} ${(y0 + y1) / 2})`}>{units.length(room.depthMm)}</text>
    </g>
  );
}

/** Length rulers (outer band) and the tile coordinates A, B… / 01, 02… (inner band). */
function Rulers({ cam, size, units, room }: { cam: Camera; size: Size; units: ReturnType<typeof useUnits>; room: Room }) {
  const step = rulerStepMm(units.system, cam.scale);
  const band = 16;
  const ticks = (from: number, to: number) => {
    const out: number[] = [];
    const first = Math.ceil(from / step) * step;
    for (let v = first; v <= to && out.length < 400; v += step) out.push(v);
    return out;
  };
  const xs = ticks((RULER_PX - cam.tx) / cam.scale, (size.width - cam.tx) / cam.scale);
  const ys = ticks((RULER_PX - cam.ty) / cam.scale, (size.height - cam.ty) / cam.scale);
  const unit = units.system === 'metric' ? 'm' : 'ft';
  const grid = tileGrid(room);
  const tilePx = grid.sizeMm * cam.scale;
  // Every tile labelled when there is room for "AA"; otherwise every 5th (A, F, K…).
  const labelEvery = tilePx >= 20 ? 1 : tilePx * 5 >= 22 ? 5 : tilePx * 10 >= 22 ? 10 : 0;
  const cols = labelEvery ? tileRange(grid.originXMm, grid.sizeMm, Math.max(0, (RULER_PX - cam.tx) / cam.scale), Math.min(room.widthMm, (size.width - cam.tx) / cam.scale)) : [];
  const rowsIdx = labelEvery ? tileRange(grid.originYMm, grid.sizeMm, Math.max(0, (RULER_PX - cam.ty) / cam.scale), Math.min(room.depthMm, (size.height - cam.ty) / cam.scale)) : [];
  return (
    <g className="plan-rulers" aria-hidden="true" data-testid="plan-rulers">
      <rect x={0} y={0} width={size.width} height={RULER_PX} className="ruler-bg" />
      <rect x={0} y={0} width={RULER_PX} height={size.height} className="ruler-bg" />
      <rect x={RULER_PX} y={RULER_PX - band} width={size.width} height={band} className="ruler-tiles-bg" />
      <rect x={RULER_PX - band} y={RULER_PX} width={band} height={size.height} className="ruler-tiles-bg" />
      {cols.filter((i) => i % labelEvery === 0).map((i) => {
        const x0 = (grid.originXMm + i * grid.sizeMm) * cam.scale + cam.tx;
        const cx = x0 + tilePx / 2;
        if (cx < RULER_PX) return null;
        return (
          <g key={`c${i}`}>
            <line x1={Math.round(x0) + 0.5} y1={RULER_PX - band} x2={Math.round(x0) + 0.5} y2={RULER_PX} className="ruler-tile-tick" />
            <text x={cx} y={RULER_PX - band / 2 + 0.5} textAnchor="middle" dominantBaseline="central" className="ruler-tile-label" data-testid="ruler-col">{columnLabel(i)}</text>
          </g>
        );
      })}
      {rowsIdx.filter((j) => j % labelEvery === 0).map((j) => {
        const y0 = (grid.originYMm + j * grid.sizeMm) * cam.scale + cam.ty;
        const cy = y0 + tilePx / 2;
        if (cy < RULER_PX) return null;
        return (
          <g key={`r${j}`}>
            <line x1={RULER_PX - band} y1={Math.round(y0) + 0.5} x2={RULER_PX} y2={Math.round(y0) + 0.5} className="ruler-tile-tick" />
            <text x={RULER_PX - band / 2} y={cy} textAnchor="middle" dominantBaseline="central" className="ruler-tile-label ruler-tile-label-row" data-testid="ruler-row">{rowLabel(j)}</text>
          </g>
        );
      })}
      <line x1={0} y1={RULER_PX - band - 0.5} x2={size.width} y2={RULER_PX - band - 0.5} className="ruler-edge" />
      <line x1={RULER_PX - band - 0.5} y1={0} x2={RULER_PX - band - 0.5} y2={size.height} className="ruler-edge" />
      <line x1={0} y1={RULER_PX - 0.5} x2={size.width} y2={RULER_PX - 0.5} className="ruler-edge" />
      <line x1={RULER_PX - 0.5} y1={0} x2={RULER_PX - 0.5} y2={size.height} className="ruler-edge" />
      {xs.map((v) => {
        const x = Math.round(v * cam.scale + cam.tx) + 0.5;
        return (
          <g key={`x${v}`}>
            <line x1={x} y1={RULER_PX - band - 6} x2={x} y2={RULER_PX - band} className="ruler-tick" />
            <text x={x + 3} y={RULER_PX - band - 8} className="ruler-label">{formatRulerLabel(v, units.opts)}</text>
          </g>
        );
      })}
      {ys.map((v) => {
        const y = Math.round(v * cam.scale + cam.ty) + 0.5;
        const lx = RULER_PX - band - 8;
        return (
          <g key={`y${v}`}>
            <line x1={RULER_PX - band - 6} y1={y} x2={RULER_PX - band} y2={y} className="ruler-tick" />
            <text x={lx} y={y - 3} className="ruler-label" transform={`rotate(-90 ${lx} ${y - 3})`}>{formatRulerLabel(v, units.opts)}</text>
          </g>
        );
      })}
      <rect x={0} y={0} width={RULER_PX} height={RULER_PX} className="ruler-corner" />
      <text x={RULER_PX / 2} y={RULER_PX / 2 + 4} textAnchor="middle" className="ruler-unit">{unit}</text>
    </g>
  );
}
