/**
 * The 3D view of a room (UI.md: orbit, pan and zoom, fly to the selection, layer toggles, the same
 * overlays as the plan; rendered only on change). The canvas renders on demand (frameloop
 * "demand"): a laptop stays cool when nothing moves. The selection is the session's, shared with
 * the plan, the site tree and the properties panel; the camera is kept in the session too.
 * Loaded lazily by MainWindow so three.js stays out of the first paint.
 */
import { Canvas } from '@react-three/fiber';
import type { PointerEvent as ReactPointerEvent } from 'react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Room } from '../../../core/model/schema';
import { FLOOR_EQUIPMENT_KINDS } from '../../../core/model/schema';
import { apiMode } from '../api/client';
import { runAction, shortcutLabel } from '../app/actions';
import { Icon } from '../components/Icon';
import { Tooltip } from '../components/Tooltip';
import { useUnits } from '../hooks';
import { racksInRoom, selectDevicesByRack } from '../state/selectors';
import type { View3dOptions } from '../state/sessionSlice';
import { useStore } from '../state/store';
import '../styles/view3d.css';
import { installDebugHooks, view3d } from './bridge';
import type { ColourMode } from './colour';
import { COLOUR_MODES, FLOOR_EQUIPMENT_COLOURS, colourBy, hexCss, withCapacity } from './colour';
import { CapacityLegend, OverlayPicker, WhatIfBanner } from '../capacity/CapacityUI';
import { formatOverlayValue } from '../capacity/overlay';
import { useCapacityOverlay, useWhatIf } from '../capacity/useCapacity';
import type { Rack } from '../../../core/model/schema';
import { COOLING_KINDS, POWER_KINDS } from './layout';
import type { SceneTheme } from './Scene';
import { FOV_DEG, Scene } from './Scene';
import { useRoomSensors } from '../sensors/useRoomSensors';

const DRAG_PX = 5;

function readTheme(): SceneTheme {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    background: v('--view3d-bg', '#dfe3e8'),
    floor: v('--view3d-floor', '#f4f5f7'),
    tile: v('--view3d-tile', '#c9ced6'),
    wall: v('--view3d-wall', '#8793a3'),
    slab: v('--view3d-slab', '#9aa2ad'),
    accent: v('--plan-front', '#2b7bd8'),
  };
}

/** The scene's colours follow the theme (read from CSS variables once the theme is applied). */
function useSceneTheme(): SceneTheme {
  const pref = useStore((s) => s.prefs.theme);
  const [theme, setTheme] = useState<SceneTheme>(readTheme);
  useEffect(() => {
    const update = () => setTheme((prev) => {
      const next = readTheme();
      return JSON.stringify(prev) === JSON.stringify(next) ? prev : next;
    });
    const frame = requestAnimationFrame(update);
    const observer = new MutationObserver(update);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [pref]);
  return theme;
}

export default function View3D({ room }: { room: Room }) {
  const roomSensors = useRoomSensors(room);
  const sensorVerdicts = useMemo(() => new Map(roomSensors.map((s) => [s.sensor.id, s.verdict])), [roomSensors]);
  const { t } = useTranslation();
  const units = useUnits();
  const snapshot = useStore((s) => s.snapshot);
  const racks = useStore((s) => racksInRoom(s, room.id));
  const devicesByRack = useStore(selectDevicesByRack);
  const options = useStore((s) => s.view3d);
  const setView3d = useStore((s) => s.setView3d);
  const theme = useSceneTheme();
  const labelsRef = useRef<HTMLDivElement>(null);
  const down = useRef<{ x: number; y: number } | null>(null);
  const [contextLost, setContextLost] = useState(false);

  // The capacity overlay and the what-if are the plan's (same session state, same bins).
  const capacity = useCapacityOverlay(racks);
  const whatIf = useWhatIf();
  const overlayMode = useStore((s) => s.capacityOverlay);
  const setOverlay = useStore((s) => s.setCapacityOverlay);
  const baseColouring = useMemo(
    () => (snapshot ? colourBy(options.colourBy, snapshot, racks, devicesByRack) : null),
    [options.colourBy, snapshot, racks, devicesByRack],
  );
  const colouring = useMemo(
    () => (baseColouring ? withCapacity(baseColouring, racks, devicesByRack, capacity, whatIf) : null),
    [baseColouring, racks, devicesByRack, capacity, whatIf],
  );
  const locale = units.locale;
  const labelText = useMemo(() => {
    // During a what-if the colours are the what-if's: the overlay's values would contradict them.
    if (!capacity || whatIf) return undefined;
    return (rack: Rack) => {
      const v = capacity.racks.get(rack.id)?.value;
      return v ? `${rack.name} · ${formatOverlayValue(v, locale)}` : rack.name;
    };
  }, [capacity, whatIf, locale]);
  const floorEquipment = useStore((s) => s.snapshot?.floorEquipment);
  const equipmentKinds = useMemo(() => {
    const kinds = new Set(Object.values(floorEquipment ?? {}).filter((f) => f.roomId === room.id).map((f) => f.kind));
    return FLOOR_EQUIPMENT_KINDS.filter((k) => kinds.has(k) && (COOLING_KINDS.has(k) ? options.cooling : POWER_KINDS.has(k) ? options.power : true));
  }, [floorEquipment, room.id, options.cooling, options.power]);
  const deviceCount = useMemo(() => racks.reduce((n, r) => n + (devicesByRack.get(r.id)?.length ?? 0), 0), [racks, devicesByRack]);

  useEffect(() => {
    if (apiMode() === 'browser' || import.meta.env.DEV) installDebugHooks();
  }, []);

  if (!snapshot || !colouring) return null;

  const toggle = (key: keyof Omit<View3dOptions, 'colourBy'>) => setView3d({ [key]: !options[key] });
  const layerButtons: { key: keyof Omit<View3dOptions, 'colourBy'>; label: string; hint: string }[] = [
    { key: 'devices', label: t('view3d.layer.devices'), hint: t('view3d.layer.devicesHint') },
    { key: 'labels', label: t('view3d.layer.labels'), hint: t('view3d.layer.labelsHint') },
    { key: 'cooling', label: t('view3d.layer.cooling'), hint: t('view3d.layer.coolingHint') },
    { key: 'power', label: t('view3d.layer.power'), hint: t('view3d.layer.powerHint') },
  ];
  const modeLabel: Record<ColourMode, string> = {
    role: t('view3d.colourBy.role'),
    kw: t('view3d.colourBy.kw'),
    uUse: t('view3d.colourBy.uUse'),
  };

  const onPointerDown = (e: ReactPointerEvent) => {
    down.current = { x: e.clientX, y: e.clientY };
  };
  const onPointerMissed = (e: MouseEvent) => {
    const d = down.current;
    if (e.button !== 0 || (d && Math.hypot(e.clientX - d.x, e.clientY - d.y) > DRAG_PX)) return;
    useStore.getState().select(null);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === '0') view3d()?.resetView();
    else return;
    e.preventDefault();
  };

  return (
    <div
      className="view3d"
      data-testid="view3d"
      data-room-id={room.id}
      tabIndex={0}
      role="application"
      aria-label={t('view3d.label', { name: room.name })}
      onKeyDown={onKeyDown}
      onPointerDownCapture={onPointerDown}
    >
      <Canvas
        className="view3d-canvas"
        frameloop="demand"
        dpr={[1, 2]}
        camera={{ fov: FOV_DEG, near: 0.05, far: 5000, position: [10, 10, 10] }}
        gl={{ antialias: true, powerPreference: 'low-power' }}
        onPointerMissed={onPointerMissed}
        onCreated={({ gl }) => {
          const canvas = gl.domElement;
          canvas.dataset.testid = 'view3d-canvas';
          canvas.addEventListener('webglcontextlost', () => setContextLost(true));
          canvas.addEventListener('webglcontextrestored', () => setContextLost(false));
        }}
      >
        <Scene room={room} snapshot={snapshot} racks={racks} devicesByRack={devicesByRack} colouring={colouring} theme={theme} labelsRef={labelsRef} labelText={labelText} sensorVerdicts={sensorVerdicts} />
      </Canvas>
      <div className="view3d-labels" ref={labelsRef} aria-hidden="true" />

      <div className="view3d-caption" data-testid="view3d-caption">
        <Icon name="room" size={14} />
        <strong>{room.name}</strong>
        <span>{units.length(room.widthMm)} × {units.length(room.depthMm)}</span>
        <span className="view3d-caption-sep" aria-hidden="true">·</span>
        <span>{t('tree.racksCount', { count: racks.length })}, {t('tree.devicesCount', { count: deviceCount })}</span>
      </div>

      <div className="view3d-toolbar" role="toolbar" aria-label={t('view3d.options')}>
        <div className="view3d-group" role="group" aria-label={t('view3d.layers')}>
          <span className="view3d-group-label"><Icon name="layers" size={13} />{t('view3d.layers')}</span>
          {layerButtons.map((b) => (
            <Tooltip key={b.key} label={b.hint}>
              <button
                type="button"
                className={`view3d-chip${options[b.key] ? ' is-on' : ''}`}
                aria-pressed={options[b.key]}
                onClick={() => toggle(b.key)}
                data-testid={`view3d-layer-${b.key}`}
              >
                <span className="view3d-check" aria-hidden="true">{options[b.key] && <Icon name="check" size={11} />}</span>
                {b.label}
              </button>
            </Tooltip>
          ))}
        </div>
        <div className="view3d-group" role="radiogroup" aria-label={t('view3d.colourBy.title')}>
          <span className="view3d-group-label">{t('view3d.colourBy.title')}</span>
          <div className="view3d-segmented">
            {COLOUR_MODES.map((m) => (
              <button
                key={m}
                type="button"
                role="radio"
                aria-checked={overlayMode === 'none' && options.colourBy === m}
                className={overlayMode === 'none' && options.colourBy === m ? 'is-on' : ''}
                onClick={() => { setView3d({ colourBy: m }); setOverlay('none'); }}
                data-testid={`view3d-colour-${m}`}
              >
                {modeLabel[m]}
              </button>
            ))}
          </div>
        </div>
        <div className="view3d-group">
          <OverlayPicker testId="view3d-overlay-picker" />
        </div>
        {whatIf && <WhatIfBanner view={whatIf} testId="view3d-whatif-banner" className="is-inline" />}
      </div>

      <div className="view3d-legend" data-testid="view3d-legend" aria-label={t('view3d.legend.title')}>
        {colouring.capacity && <CapacityLegend overlay={colouring.capacity.overlay} whatIf={colouring.capacity.whatIf} className="is-inline" testId="view3d-overlay-legend" />}
        {!colouring.capacity && colouring.legend.filter((group) => group.entries.length > 0).map((group) => (
          <div key={group.titleKey} className="view3d-legend-group">
            <div className="view3d-legend-title">{t(group.titleKey)}</div>
            <ul>
              {group.entries.map((entry, i) => (
                <li key={`${entry.labelKey}-${i}`}>
                  <span className="view3d-swatch" style={{ background: hexCss(entry.colour) }} aria-hidden="true" />
                  {t(entry.labelKey, entry.params)}
                </li>
              ))}
            </ul>
          </div>
        ))}
        <div className="view3d-legend-group view3d-legend-keys">
          <span><span className="view3d-swatch view3d-swatch-front" aria-hidden="true" />{t('view3d.legend.front')}</span>
          {options.cooling && (
            <>
              <span><span className="view3d-swatch view3d-swatch-cold" aria-hidden="true" />{t('view3d.legend.cold')}</span>
              <span><span className="view3d-swatch view3d-swatch-hot" aria-hidden="true" />{t('view3d.legend.hot')}</span>
            </>
          )}
        </div>
        {equipmentKinds.length > 0 && colouring.equipmentOther === undefined && (
          <div className="view3d-legend-group view3d-legend-keys" data-testid="view3d-legend-equipment">
            {equipmentKinds.map((k) => (
              <span key={k}><span className="view3d-swatch" style={{ background: hexCss(FLOOR_EQUIPMENT_COLOURS[k]) }} aria-hidden="true" />{t(`view3d.equipment.${k}`)}</span>
            ))}
          </div>
        )}
      </div>

      <div className="view3d-nav" role="toolbar" aria-label={t('view3d.camera')}>
        <Tooltip label={t('view3d.mouseHint')}>
          <span className="view3d-hint" tabIndex={0} aria-label={t('view3d.mouseHint')} data-testid="view3d-mouse-hint">
            <Icon name="help" size={15} />
          </span>
        </Tooltip>
        <Tooltip label={t('view3d.focus')} shortcut={shortcutLabel('view.focusSelection')}>
          <button type="button" className="btn btn-sm" onClick={() => runAction('view.focusSelection')} data-testid="view3d-focus">
            <Icon name="search" size={14} />{t('view3d.focusShort')}
          </button>
        </Tooltip>
        <Tooltip label={t('view3d.reset')} shortcut="0">
          <button type="button" className="btn-icon btn-icon-sm" onClick={() => view3d()?.resetView()} aria-label={t('view3d.reset')} data-testid="view3d-reset">
            <Icon name="fit" size={15} />
          </button>
        </Tooltip>
      </div>

      {racks.length === 0 && (
        <div className="view3d-empty" data-testid="view3d-empty">
          <p>{t('view3d.empty')}</p>
          <button type="button" className="btn btn-primary" onClick={() => runAction('view.plan')}>
            {t('view3d.openPlan')}
          </button>
        </div>
      )}
      {contextLost && (
        <div className="view3d-empty view3d-lost" role="alert" data-testid="view3d-context-lost">
          <p>{t('view3d.contextLost')}</p>
        </div>
      )}
    </div>
  );
}
