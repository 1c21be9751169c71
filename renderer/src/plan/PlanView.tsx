/**
 * The room plan: the room to scale on its 600 mm tile grid, rulers in display units, racks with
 * their names and fronts. Click selects, drag or middle-drag pans, the wheel zooms about the
 * pointer. Drawn in screen space (positions computed from a camera) so strokes and text stay crisp
 * at every zoom. The full editor (tools, dragging racks) replaces the interaction layer later; the
 * geometry (geometry.ts) and camera stay.
 */
import type { PointerEvent as ReactPointerEvent } from 'react';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Rack, Room } from '../../../core/model/schema';
import { runAction } from '../app/actions';
import { selectEntity } from '../app/navigation';
import { Icon } from '../components/Icon';
import { Tooltip } from '../components/Tooltip';
import { useReadOnly, useUnits } from '../hooks';
import { racksInRoom } from '../state/selectors';
import { useStore } from '../state/store';
import { formatRulerLabel, rulerStepMm } from '../units';
import type { Camera, Point } from './geometry';
import { TILE_MM, fitCamera, rackBounds, rackCenter, rackCorners, toRoom, zoomAt } from './geometry';

const RULER_PX = 22;
const DRAG_THRESHOLD_PX = 4;
const MAX_SCALE = 2; // px per mm: a 600 mm rack is 1200 px wide

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

export function PlanView({ room }: { room: Room }) {
  const { t } = useTranslation();
  const units = useUnits();
  const readOnly = useReadOnly();
  const racks = useStore((s) => racksInRoom(s, room.id));
  const selection = useStore((s) => s.selection);
  const setPlanCursor = useStore((s) => s.setPlanCursor);
  const setPlanZoomPercent = useStore((s) => s.setPlanZoomPercent);
  const hostRef = useRef<HTMLDivElement>(null);
  const size = useSize(hostRef);
  const [camera, setCamera] = useState<Camera | null>(null);
  const drag = useRef<{ pointerId: number; start: Point; cam: Camera; moved: boolean; rackId: string | null; additive: boolean } | null>(null);
  const [panning, setPanning] = useState(false);

  const viewport = useMemo(
    () => (size ? { x: RULER_PX, y: RULER_PX, width: size.width - RULER_PX, height: size.height - RULER_PX } : null),
    [size],
  );
  const fit = useMemo(() => (viewport ? fitCamera(room, viewport, 56) : null), [room, viewport]);
  const limits = useMemo(() => ({ min: (fit?.scale ?? 0.01) / 4, max: Math.max(MAX_SCALE, (fit?.scale ?? 0) * 4) }), [fit]);

  // Fit when another room is shown, when the room is resized, and when the view first gets a size.
  const fitKey = `${room.id}|${room.widthMm}|${room.depthMm}`;
  const lastFitKey = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (!fit) return;
    if (lastFitKey.current !== fitKey || !camera) {
      lastFitKey.current = fitKey;
      setCamera(fit);
    }
  }, [fit, fitKey, camera]);

  const cam = camera ?? fit;
  const zoomPercent = cam && fit ? Math.round((cam.scale / fit.scale) * 100) : null;
  useEffect(() => {
    setPlanZoomPercent(zoomPercent);
  }, [zoomPercent, setPlanZoomPercent]);
  useEffect(() => () => {
    setPlanZoomPercent(null);
    setPlanCursor(null);
  }, [setPlanZoomPercent, setPlanCursor]);

  // Wheel zoom needs a non-passive listener to keep the page from scrolling.
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
    if (cursorFrame.current !== null) cancelAnimationFrame(cursorFrame.current);
    cursorFrame.current = requestAnimationFrame(() => setPlanCursor(p ? { xMm: p.x, yMm: p.y } : null));
  };

  const localPoint = (e: { clientX: number; clientY: number }): Point => {
    const r = hostRef.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  const onPointerDown = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (!cam || (e.button !== 0 && e.button !== 1)) return;
    if (e.button === 1) e.preventDefault();
    const target = e.target as Element;
    const rackEl = e.button === 0 ? target.closest('[data-rack-id]') : null;
    drag.current = {
      pointerId: e.pointerId,
      start: localPoint(e),
      cam,
      moved: false,
      rackId: rackEl?.getAttribute('data-rack-id') ?? null,
      additive: e.ctrlKey || e.metaKey || e.shiftKey,
    };
    e.currentTarget.setPointerCapture(e.pointerId);
  };

  const onPointerMove = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (!cam) return;
    const p = localPoint(e);
    const roomPoint = toRoom(cam, p);
    reportCursor(roomPoint);
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    const dx = p.x - d.start.x;
    const dy = p.y - d.start.y;
    if (!d.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD_PX) return;
    if (!d.moved) setPanning(true);
    d.moved = true;
    setCamera({ ...d.cam, tx: d.cam.tx + dx, ty: d.cam.ty + dy });
  };

  const onPointerUp = (e: ReactPointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    drag.current = null;
    setPanning(false);
    if (!d || d.pointerId !== e.pointerId || d.moved || e.button !== 0 || !cam) return;
    if (d.rackId) {
      const sel = useStore.getState().selection;
      if (d.additive && sel?.kind === 'rack') {
        const ids = sel.ids.includes(d.rackId) ? sel.ids.filter((id) => id !== d.rackId) : [...sel.ids, d.rackId];
        selectEntity('rack', ids, { reveal: false });
      } else {
        selectEntity('rack', [d.rackId], { reveal: false });
      }
      return;
    }
    const p = toRoom(cam, localPoint(e));
    const inside = p.x >= 0 && p.y >= 0 && p.x <= room.widthMm && p.y <= room.depthMm;
    useStore.getState().select(inside ? { kind: 'room', ids: [room.id] } : null);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const step = 48;
    let handled = true;
    if (e.key === '+' || e.key === '=') zoomBy(1.25);
    else if (e.key === '-' || e.key === '_') zoomBy(0.8);
    else if (e.key === '0') resetView();
    else if (e.key === 'ArrowLeft') setCamera((c) => (c ? { ...c, tx: c.tx + step } : c));
    else if (e.key === 'ArrowRight') setCamera((c) => (c ? { ...c, tx: c.tx - step } : c));
    else if (e.key === 'ArrowUp') setCamera((c) => (c ? { ...c, ty: c.ty + step } : c));
    else if (e.key === 'ArrowDown') setCamera((c) => (c ? { ...c, ty: c.ty - step } : c));
    else handled = false;
    if (handled) e.preventDefault();
  };

  const selectedRacks = selection?.kind === 'rack' ? new Set(selection.ids) : null;
  const roomSelected = selection?.kind === 'room' && selection.ids.includes(room.id);
  let highlightRackId: string | null = null;
  if (selection?.kind === 'device') {
    const snap = useStore.getState().snapshot;
    highlightRackId = snap?.devices[selection.ids[0] ?? '']?.rackId ?? null;
  }

  return (
    <div
      ref={hostRef}
      className={`plan${panning ? ' is-panning' : ''}`}
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-label={t('plan.label', { name: room.name })}
      role="application"
      data-testid="plan"
      data-room-id={room.id}
    >
      {size && cam && (
        <svg
          className="plan-svg"
          width={size.width}
          height={size.height}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => { drag.current = null; setPanning(false); }}
          onPointerLeave={() => reportCursor(null)}
          onAuxClick={(e) => e.preventDefault()}
        >
          <RoomFloor room={room} cam={cam} selected={roomSelected} />
          <g className="plan-racks">
            {racks.map((rack) => (
              <RackShape
                key={rack.id}
                rack={rack}
                cam={cam}
                selected={selectedRacks?.has(rack.id) ?? false}
                highlighted={rack.id === highlightRackId}
              />
            ))}
          </g>
          <Dimensions room={room} cam={cam} />
          <Rulers cam={cam} size={size} units={units} />
        </svg>
      )}

      <div className="plan-caption" data-testid="plan-caption">
        <Icon name="room" size={14} />
        <strong>{room.name}</strong>
        <span>{units.length(room.widthMm)} × {units.length(room.depthMm)}</span>
      </div>

      {racks.length === 0 && (
        <div className="plan-empty" data-testid="plan-empty">
          <p>{t('plan.noRacks', { name: room.name })}</p>
          <button type="button" className="btn btn-primary" onClick={() => runAction('rack.add')} disabled={readOnly}>
            <Icon name="plus" size={14} />{t('action.addRack')}
          </button>
        </div>
      )}

      <div className="plan-legend" aria-hidden="true">
        <span className="legend-item"><span className="legend-front" />{t('plan.legendFront')}</span>
        <span className="legend-item"><span className="legend-tile" />{t('plan.legendTile', { size: units.length(TILE_MM, 'equipment') })}</span>
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

// ---------------------------------------------------------------- layers

const RoomFloor = memo(function RoomFloor({ room, cam, selected }: { room: Room; cam: Camera; selected: boolean }) {
  const x0 = cam.tx;
  const y0 = cam.ty;
  const w = room.widthMm * cam.scale;
  const h = room.depthMm * cam.scale;
  const tilePx = TILE_MM * cam.scale;
  const lines: React.ReactNode[] = [];
  // Tiles only when they are far enough apart to read; every fifth line (3 m) stays as a guide.
  const every = tilePx >= 7 ? 1 : tilePx * 5 >= 7 ? 5 : 0;
  if (every > 0) {
    for (let i = every, x = TILE_MM * every; x < room.widthMm; i += every, x += TILE_MM * every) {
      const sx = Math.round(x0 + x * cam.scale) + 0.5;
      lines.push(<line key={`x${i}`} x1={sx} y1={y0} x2={sx} y2={y0 + h} className={i % 5 === 0 ? 'tile-major' : 'tile'} />);
    }
    for (let j = every, y = TILE_MM * every; y < room.depthMm; j += every, y += TILE_MM * every) {
      const sy = Math.round(y0 + y * cam.scale) + 0.5;
      lines.push(<line key={`y${j}`} x1={x0} y1={sy} x2={x0 + w} y2={sy} className={j % 5 === 0 ? 'tile-major' : 'tile'} />);
    }
  }
  return (
    <g className="plan-room" data-testid="plan-room">
      <rect x={x0} y={y0} width={w} height={h} className="room-floor" />
      <g className="room-tiles">{lines}</g>
      <rect x={x0} y={y0} width={w} height={h} className={`room-wall${selected ? ' is-selected' : ''}`} />
    </g>
  );
});

const RackShape = memo(function RackShape({ rack, cam, selected, highlighted }: { rack: Rack; cam: Camera; selected: boolean; highlighted: boolean }) {
  const corners = rackCorners(rack).map((p) => ({ x: p.x * cam.scale + cam.tx, y: p.y * cam.scale + cam.ty }));
  const [fl, fr, , rl] = corners as [Point, Point, Point, Point];
  const points = corners.map((p) => `${p.x},${p.y}`).join(' ');
  const c = rackCenter(rack);
  const cx = c.x * cam.scale + cam.tx;
  const cy = c.y * cam.scale + cam.ty;
  const b = rackBounds(rack);
  const boxW = (b.maxX - b.minX) * cam.scale;
  const boxH = (b.maxY - b.minY) * cam.scale;
  // Inset the front line so it sits inside the outline, on the front edge.
  const inset = Math.min(2.5, ((rack.depthMm * cam.scale) / 2) * 0.5);
  const ux = (rl.x - fl.x) / Math.max(1e-6, Math.hypot(rl.x - fl.x, rl.y - fl.y));
  const uy = (rl.y - fl.y) / Math.max(1e-6, Math.hypot(rl.x - fl.x, rl.y - fl.y));
  const frontA = { x: fl.x + ux * inset, y: fl.y + uy * inset };
  const frontB = { x: fr.x + ux * inset, y: fr.y + uy * inset };
  const fontSize = Math.max(9, Math.min(13, Math.min(boxW, boxH) * 0.28));
  const showLabel = boxW >= rack.name.length * fontSize * 0.62 + 4 && boxH >= fontSize + 2;
  return (
    <g
      className={`plan-rack${selected ? ' is-selected' : ''}${highlighted ? ' is-highlighted' : ''}`}
      data-rack-id={rack.id}
      data-testid="plan-rack"
      data-name={rack.name}
      role="button"
      aria-label={rack.name}
      aria-pressed={selected}
    >
      <polygon points={points} className="rack-body" />
      <line x1={frontA.x} y1={frontA.y} x2={frontB.x} y2={frontB.y} className="rack-front" />
      {showLabel && (
        <text x={cx} y={cy} className="rack-label" style={{ fontSize }} dominantBaseline="central" textAnchor="middle">
          {rack.name}
        </text>
      )}
      <title>{rack.name}</title>
    </g>
  );
});

function Dimensions({ room, cam }: { room: Room; cam: Camera }) {
  const units = useUnits();
  const x0 = cam.tx;
  const y0 = cam.ty;
  const x1 = x0 + room.widthMm * cam.scale;
  const y1 = y0 + room.depthMm * cam.scale;
  const gap = 18;
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

function Rulers({ cam, size, units }: { cam: Camera; size: Size; units: ReturnType<typeof useUnits> }) {
  const step = rulerStepMm(units.system, cam.scale);
  const ticks = (from: number, to: number) => {
    const out: number[] = [];
    const first = Math.ceil(from / step) * step;
    for (let v = first; v <= to && out.length < 400; v += step) out.push(v);
    return out;
  };
  const xs = ticks((RULER_PX - cam.tx) / cam.scale, (size.width - cam.tx) / cam.scale);
  const ys = ticks((RULER_PX - cam.ty) / cam.scale, (size.height - cam.ty) / cam.scale);
  const unit = units.system === 'metric' ? 'm' : 'ft';
  return (
    <g className="plan-rulers" aria-hidden="true">
      <rect x={0} y={0} width={size.width} height={RULER_PX} className="ruler-bg" />
      <rect x={0} y={0} width={RULER_PX} height={size.height} className="ruler-bg" />
      <line x1={0} y1={RULER_PX - 0.5} x2={size.width} y2={RULER_PX - 0.5} className="ruler-edge" />
      <line x1={RULER_PX - 0.5} y1={0} x2={RULER_PX - 0.5} y2={size.height} className="ruler-edge" />
      {xs.map((v) => {
        const x = Math.round(v * cam.scale + cam.tx) + 0.5;
        return (
          <g key={`x${v}`}>
            <line x1={x} y1={RULER_PX - 7} x2={x} y2={RULER_PX} className="ruler-tick" />
            <text x={x + 3} y={RULER_PX - 9} className="ruler-label">{formatRulerLabel(v, units.opts)}</text>
          </g>
        );
      })}
      {ys.map((v) => {
        const y = Math.round(v * cam.scale + cam.ty) + 0.5;
        return (
          <g key={`y${v}`}>
            <line x1={RULER_PX - 7} y1={y} x2={RULER_PX} y2={y} className="ruler-tick" />
            <text x={RULER_PX - 9} y={y - 3} className="ruler-label" transform={`rotate(-90 ${RULER_PX - 9} ${y - 3})`}>{formatRulerLabel(v, units.opts)}</text>
          </g>
        );
      })}
      <rect x={0} y={0} width={RULER_PX} height={RULER_PX} className="ruler-corner" />
      <text x={RULER_PX / 2} y={RULER_PX / 2 + 4} textAnchor="middle" className="ruler-unit">{unit}</text>
    </g>
  );
}
