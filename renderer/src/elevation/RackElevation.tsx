/**
 * The rack elevation (issue 3 §5): front and rear side by side, to scale, U numbers on both rails
 * (U1 at the bottom), devices coloured by role, full-depth devices on both faces (hatched on the far
 * one), 0U devices in the side channels and chassis with their bays. Devices are dragged in from the
 * catalog and moved within and between racks with HTML5 drag and drop; the preview snaps to U and
 * is checked with the same core rules as the server. A drop is ONE command.
 */
import type { DragEvent as ReactDragEvent } from 'react';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Device, DeviceType, Face, Rack } from '../../../core/model/schema';
import { call } from '../api/client';
import { attempt, toast } from '../app/controller';
import { navigate } from '../app/navigation';
import { Icon } from '../components/Icon';
import { Tooltip } from '../components/Tooltip';
import { useReadOnly, useUnits } from '../hooks';
import { i18n } from '../i18n';
import { route } from '../router';
import { devicesInRack, naturalCompare, selectRooms } from '../state/selectors';
import { useStore } from '../state/store';
import '../styles/elevation.css';
import type { RackDrag } from './dragState';
import { currentRackDrag, endRackDrag, startRackDrag } from './dragState';
import type { DropProblem } from './elevationModel';
import { PANEL_WIDTH_PER_U, dropPosition, dropProblem, facesOf, rackTotals, visibleSide } from './elevationModel';
import { roleColour, roleOf } from './roles';

const FACES: readonly Face[] = ['front', 'rear'];
const EMPTY_TYPES: Record<string, DeviceType> = {};
const EMPTY_DEVICES: Record<string, Device> = {};
const NO_IDS: readonly string[] = [];

interface Preview {
  rackId: string;
  face: Face;
  /** Lowest U, or null for a 0U device (side channel). */
  position: number | null;
  uHeight: number;
  side?: 'left' | 'right';
  problem: DropProblem | null;
}

/** Localised reason a drop is refused (the same checks as the server's, in the user's language). */
export function problemText(problem: DropProblem): string {
  const t = i18n.t.bind(i18n);
  switch (problem.kind) {
    case 'child': return t('elevation.problem.child', { model: problem.model });
    case 'tooTall': return t('elevation.problem.tooTall', { model: problem.model, u: problem.uHeight, rackU: problem.rackU });
    case 'collision': return problem.farFace ? t('elevation.problem.collisionFar', { name: problem.name }) : t('elevation.problem.collision', { name: problem.name });
  }
}

function useBodyHeight(ref: React.RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => setHeight(el.getBoundingClientRect().height);
    update();
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return height;
}

export function RackElevation({ rackId }: { rackId: string }) {
  const { t } = useTranslation();
  const rack = useStore((s) => s.snapshot?.racks[rackId]);
  const racks = useStore((s) => s.snapshot?.racks);
  const rooms = useStore(selectRooms);
  const readOnly = useReadOnly();
  const [compareId, setCompareId] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const bodyHeight = useBodyHeight(bodyRef);
  const compare = compareId && compareId !== rackId ? racks?.[compareId] : undefined;


  // Room for the pair title, totals and face labels above the rails.
  const maxU = Math.max(rack?.uHeight ?? 42, compare?.uHeight ?? 0);
  const uPx = Math.max(12, Math.min(22, Math.floor((bodyHeight - 150) / maxU)));

  const rackOptions = useMemo(() => {
    const byRoom = rooms.map((room) => ({
      room,
      racks: Object.values(racks ?? {}).filter((r) => r.roomId === room.id).sort((a, b) => naturalCompare(a.name, b.name)),
    }));
    return byRoom.filter((g) => g.racks.length > 0);
  }, [rooms, racks]);

  if (!rack) {
    return (
      <div className="elevation elevation-missing" data-testid="rack-elevation-missing">
        <Icon name="rack" size={28} />
        <p>{t('elevation.missing')}</p>
      </div>
    );
  }

  const fillBlanks = async () => {
    const done = await attempt(() => call('cmd.rack.fillBlanks', { rackId: rack.id }));
    if (done) toast(t('elevation.filled', { count: (done.result as { count: number }).count, rack: rack.name }), 'success');
  };

  return (
    <div className="elevation" data-testid="rack-elevation" data-rack-id={rack.id}>
      <div className="elev-toolbar">
        <label className="elev-picker">
          <span>{t('elevation.rack')}</span>
          <select className="input input-sm" value={rack.id} onChange={(e) => navigate(route('rack', { rackId: e.target.value }))} data-testid="elev-rack-picker">
            {rackOptions.map((g) => (
              <optgroup key={g.room.id} label={g.room.name}>
                {g.racks.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
              </optgroup>
            ))}
          </select>
        </label>
        <label className="elev-picker">
          <span>{t('elevation.compare')}</span>
          <select className="input input-sm" value={compare?.id ?? ''} onChange={(e) => setCompareId(e.target.value || null)} data-testid="elev-compare-picker">
            <option value="">{t('elevation.compareNone')}</option>
            {rackOptions.map((g) => (
              <optgroup key={g.room.id} label={g.room.name}>
                {g.racks.filter((r) => r.id !== rack.id).map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
              </optgroup>
            ))}
          </select>
        </label>
        <span className="elev-toolbar-spacer" />
        <span className="elev-hint" title={t('elevation.hint')}>{t('elevation.hint')}</span>
        <Tooltip label={t('elevation.fillBlanksHint')}>
          <button type="button" className="btn btn-sm" onClick={() => void fillBlanks()} disabled={readOnly} data-testid="elev-fill-blanks">
            <Icon name="layers" size={14} />
            {t('elevation.fillBlanks')}
          </button>
        </Tooltip>
      </div>
      <div className="elev-body" ref={bodyRef}>
        <RackPair rack={rack} uPx={uPx} preview={preview} setPreview={setPreview} readOnly={readOnly} />
        {compare && <RackPair rack={compare} uPx={uPx} preview={preview} setPreview={setPreview} readOnly={readOnly} onClose={() => setCompareId(null)} />}
      </div>
    </div>
  );
}

// ---------------------------------------------------------------- one rack: totals and both faces

function RackPair({ rack, uPx, preview, setPreview, readOnly, onClose }: {
  rack: Rack;
  uPx: number;
  preview: Preview | null;
  setPreview(p: Preview | null): void;
  readOnly: boolean;
  onClose?: () => void;
}) {
  const { t } = useTranslation();
  const room = useStore((s) => s.snapshot?.rooms[rack.roomId]);
  const devices = useStore((s) => devicesInRack(s, rack.id));
  const types = useStore((s) => s.snapshot?.deviceTypes ?? EMPTY_TYPES);
  return (
    <section className="elev-pair" aria-label={t('elevation.rackLabel', { name: rack.name })} data-testid="elev-pair" data-rack-id={rack.id}>
      <header className="elev-pair-header">
        <Icon name="rack" size={16} />
        <h2>{rack.name}</h2>
        <span className="elev-pair-meta">{room?.name} · {t('elevation.rackSize', { u: rack.uHeight })}</span>
        {onClose && (
          <button type="button" className="btn-icon btn-icon-sm" onClick={onClose} aria-label={t('elevation.closeCompare')}>
            <Icon name="close" size={14} />
          </button>
        )}
      </header>
      <Totals rack={rack} devices={devices} types={types} />
      <div className="elev-faces">
        {FACES.map((face) => (
          <RackFace key={face} rack={rack} face={face} uPx={uPx} devices={devices} types={types} preview={preview?.rackId === rack.id && preview.face === face ? preview : null} setPreview={setPreview} readOnly={readOnly} />
        ))}
      </div>
    </section>
  );
}

function Totals({ rack, devices, types }: { rack: Rack; devices: readonly Device[]; types: Record<string, DeviceType> }) {
  const { t } = useTranslation();
  const units = useUnits();
  const totals = rackTotals(rack, devices, types);
  const bars = [
    {
      key: 'u', label: t('elevation.totals.space'),
      value: totals.uUsed, max: rack.uHeight,
      text: t('elevation.totals.spaceValue', { used: totals.uUsed, total: rack.uHeight, free: totals.uFree }),
    },
    {
      key: 'kw', label: t('elevation.totals.power'),
      value: totals.typicalW / 1000, secondary: totals.maxW / 1000, max: rack.maxKw,
      text: t('elevation.totals.powerValue', { typical: units.powerKw(totals.typicalW / 1000), max: units.powerKw(totals.maxW / 1000), limit: units.powerKw(rack.maxKw) }),
    },
    {
      key: 'kg', label: t('elevation.totals.weight'),
      value: totals.weightKg, max: rack.maxKg,
      text: t('elevation.totals.weightValue', { weight: units.mass(totals.weightKg), limit: units.mass(rack.maxKg) }),
    },
  ];
  return (
    <div className="elev-totals" data-testid="elev-totals">
      {bars.map((b) => {
        const ratio = b.max > 0 ? b.value / b.max : b.value > 0 ? Infinity : 0;
        const secondRatio = b.secondary !== undefined && b.max > 0 ? b.secondary / b.max : 0;
        const tone = ratio > 1 ? 'over' : ratio > 0.9 || secondRatio > 1 ? 'near' : 'ok';
        return (
          <div key={b.key} className={`elev-total is-${tone}`} data-testid={`elev-total-${b.key}`}>
            <div className="elev-total-label">
              <span>{b.label}</span>
              <span className="elev-total-value">{b.text}</span>
            </div>
            <div className="elev-bar" role="meter" aria-label={b.label} aria-valuemin={0} aria-valuemax={b.max} aria-valuenow={Math.round(b.value * 100) / 100}>
              {b.secondary !== undefined && <div className="elev-bar-fill is-secondary" style={{ width: `${Math.min(100, secondRatio * 100)}%` }} />}
              <div className="elev-bar-fill" style={{ width: `${Math.min(100, ratio * 100)}%` }} />
            </div>
          </div>
        );
      })}
    </div>
  );
}

// ---------------------------------------------------------------- one face

function RackFace({ rack, face, uPx, devices, types, preview, setPreview, readOnly }: {
  rack: Rack;
  face: Face;
  uPx: number;
  devices: readonly Device[];
  types: Record<string, DeviceType>;
  preview: Preview | null;
  setPreview(p: Preview | null): void;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const allDevices = useStore((s) => s.snapshot?.devices ?? EMPTY_DEVICES);
  const slotsRef = useRef<HTMLDivElement>(null);
  const width = Math.round(uPx * PANEL_WIDTH_PER_U);
  const height = rack.uHeight * uPx;
  const children = useMemo(() => {
    const out = new Map<string, Device[]>();
    for (const d of devices) {
      if (!d.parentDeviceId) continue;
      const list = out.get(d.parentDeviceId) ?? [];
      list.push(d);
      out.set(d.parentDeviceId, list);
    }
    for (const list of out.values()) list.sort((a, b) => naturalCompare(a.bay ?? a.name, b.bay ?? b.name));
    return out;
  }, [devices]);
  const mounted = devices.filter((d) => !d.parentDeviceId);
  const inRails = mounted.filter((d) => (types[d.typeId]?.uHeight ?? 1) > 0 && facesOf(d, types[d.typeId]).includes(face));
  const zeroU = mounted.filter((d) => types[d.typeId]?.uHeight === 0 && d.face === face);
  const sideDevices = (screenSide: 'left' | 'right') => zeroU.filter((d) => visibleSide(d.side ?? 'left', face) === screenSide);

  /** Where the dragged thing would land, from the pointer. */
  const evaluate = (e: ReactDragEvent, drag: RackDrag): Preview | null => {
    const el = slotsRef.current;
    if (!el) return null;
    const rect = el.getBoundingClientRect();
    const snapshot = useStore.getState().snapshot;
    let type: DeviceType | undefined;
    let moving: Device | undefined;
    if (drag.kind === 'type') {
      type = snapshot?.deviceTypes[drag.type.id] ?? drag.type;
    } else {
      moving = snapshot?.devices[drag.deviceId];
      type = moving && snapshot?.deviceTypes[moving.typeId];
    }
    if (!type) return null;
    if (type.uHeight === 0) {
      const screenSide = e.clientX < rect.left + rect.width / 2 ? 'left' : 'right';
      return { rackId: rack.id, face, position: null, uHeight: 0, side: visibleSide(screenSide, face), problem: type.subdeviceRole === 'child' ? { kind: 'child', model: type.model } : null };
    }
    const pointerU = (rect.bottom - e.clientY) / uPx;
    const position = dropPosition(pointerU, type.uHeight, rack.uHeight, drag.kind === 'device' ? drag.grabU : undefined);
    const deviceFace = moving && type.fullDepth && moving.rackId === rack.id ? moving.face : face;
    const candidate: Device = moving
      ? { ...moving, rackId: rack.id, position, face: deviceFace }
      : { id: '\u0000new', name: type.model, rackId: rack.id, typeId: type.id, position, face };
    const problem = dropProblem(rack, candidate, type, Object.values(allDevices), { ...types, [type.id]: type });
    return { rackId: rack.id, face, position, uHeight: type.uHeight, problem };
  };

  const onDragOver = (e: ReactDragEvent) => {
    const drag = currentRackDrag();
    if (!drag || readOnly) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = drag.kind === 'type' ? 'copy' : 'move';
    const next = evaluate(e, drag);
    if (!next) return;
    if (!preview || preview.position !== next.position || preview.side !== next.side || preview.problem?.kind !== next.problem?.kind || preview.uHeight !== next.uHeight) setPreview(next);
  };

  const onDragLeave = (e: ReactDragEvent) => {
    if (e.currentTarget.contains(e.relatedTarget as Node | null)) return;
    setPreview(null);
  };

  const onDrop = async (e: ReactDragEvent) => {
    const drag = currentRackDrag();
    setPreview(null);
    if (!drag || readOnly) return;
    e.preventDefault();
    const result = evaluate(e, drag);
    endRackDrag();
    if (!result) return;
    if (result.problem) {
      toast(problemText(result.problem), 'error');
      return;
    }
    const s = useStore.getState();
    if (drag.kind === 'type') {
      const inProject = Boolean(s.snapshot?.deviceTypes[drag.type.id]);
      const { inProject: _ignored, ...deviceType } = drag.type as DeviceType & { inProject?: boolean };
      const created = await attempt(() => call('cmd.device.create', {
        rackId: rack.id, typeId: drag.type.id, face,
        position: result.position ?? 1,
        ...(result.side ? { side: result.side } : {}),
        ...(inProject ? {} : { deviceType }),
      }));
      if (created) s.select({ kind: 'device', ids: [created.result.id] });
    } else {
      const device = s.snapshot?.devices[drag.deviceId];
      if (!device) return;
      const type = s.snapshot?.deviceTypes[device.typeId];
      const keepFace = type?.fullDepth && device.rackId === rack.id;
      const patch = {
        rackId: rack.id,
        position: result.position ?? device.position,
        face: keepFace ? device.face : face,
        ...(result.side ? { side: result.side } : {}),
      };
      if (patch.rackId === device.rackId && patch.position === device.position && patch.face === device.face && (patch.side ?? device.side) === device.side) return;
      const moved = await attempt(() => call('cmd.device.update', { id: device.id, patch }));
      if (moved) s.select({ kind: 'device', ids: [device.id] });
    }
  };

  const labels = [];
  for (let u = rack.uHeight; u >= 1; u--) {
    const show = uPx >= 14 || u % 2 === 1;
    labels.push(<div key={u} className="elev-u" style={{ height: uPx }}>{show ? u : ''}</div>);
  }

  return (
    <div className={`elev-face is-${face}`} data-testid={`elev-face-${face}`} data-rack-id={rack.id}>
      <div className="elev-face-title">{t(`elevation.face.${face}`)}</div>
      <div className="elev-frame" onDragOver={onDragOver} onDragLeave={onDragLeave} onDrop={(e) => void onDrop(e)}>
        <SideChannel devices={sideDevices('left')} types={types} height={height} face={face} readOnly={readOnly} highlight={preview?.position === null && preview.side !== undefined && visibleSide(preview.side, face) === 'left'} />
        <div className="elev-rail" aria-hidden="true">{labels}</div>
        <div
          ref={slotsRef}
          className="elev-slots"
          style={{ width, height, backgroundSize: `100% ${uPx}px` }}
          data-testid="elev-slots"
          data-u-px={uPx}
        >
          {inRails.map((d) => (
            <DeviceBlock key={d.id} device={d} type={types[d.typeId]} face={face} uPx={uPx} bays={children.get(d.id)} readOnly={readOnly} />
          ))}
          {inRails.length === 0 && zeroU.length === 0 && !preview && (
            <div className="elev-empty-hint">{t(readOnly ? 'elevation.emptyReadOnly' : 'elevation.empty')}</div>
          )}
          {preview && preview.position !== null && (
            <div
              className={`elev-preview ${preview.problem ? 'is-bad' : 'is-ok'}`}
              style={{ bottom: (preview.position - 1) * uPx, height: preview.uHeight * uPx }}
              data-testid="elev-drop-preview"
              data-position={preview.position}
              data-ok={preview.problem ? 'false' : 'true'}
            >
              <span>{`U${preview.position}${preview.uHeight > 1 ? `–U${preview.position + preview.uHeight - 1}` : ''}`}</span>
            </div>
          )}
        </div>
        <div className="elev-rail" aria-hidden="true">{labels}</div>
        <SideChannel devices={sideDevices('right')} types={types} height={height} face={face} readOnly={readOnly} highlight={preview?.position === null && preview.side !== undefined && visibleSide(preview.side, face) === 'right'} />
      </div>
      <div className={`elev-drop-reason ${preview?.problem ? 'is-bad' : preview ? 'is-ok' : 'is-idle'}`} data-testid="elev-drop-reason" aria-live="polite">
        {preview ? (preview.problem ? problemText(preview.problem) : t('elevation.dropFits', { position: preview.position === null ? t(`elevation.side.${preview.side ?? 'left'}`) : `U${preview.position}` })) : '\u00a0'}
      </div>
    </div>
  );
}

function useSelected(id: string): boolean {
  return useStore((s) => s.selection?.kind === 'device' && s.selection.ids.includes(id));
}

function selectDevice(id: string, additive: boolean) {
  const s = useStore.getState();
  const current = s.selection?.kind === 'device' ? s.selection.ids : [];
  if (additive) s.select({ kind: 'device', ids: current.includes(id) ? current.filter((x) => x !== id) : [...current, id] });
  else s.select({ kind: 'device', ids: [id] });
}

function DeviceBlock({ device, type, face, uPx, bays, readOnly }: {
  device: Device;
  type: DeviceType | undefined;
  face: Face;
  uPx: number;
  bays: Device[] | undefined;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const selected = useSelected(device.id);
  const selectedIds = useStore((s) => (s.selection?.kind === 'device' ? s.selection.ids : NO_IDS));
  const types = useStore((s) => s.snapshot?.deviceTypes ?? EMPTY_TYPES);
  const h = type?.uHeight ?? 1;
  const far = device.face !== face;
  const tall = h * uPx >= 30;
  const role = roleOf(type);
  const title = [
    device.name,
    type ? `${type.manufacturer} ${type.model}` : device.typeId,
    `U${device.position}${h > 1 ? `–U${device.position + h - 1}` : ''} · ${t(`elevation.face.${device.face}`)}`,
    far ? t('elevation.farFace') : '',
  ].filter(Boolean).join('\n');
  return (
    <div
      className={`elev-device role-${role}${far ? ' is-far' : ''}${selected ? ' is-selected' : ''}${tall ? ' is-tall' : ''}`}
      style={{ bottom: (device.position - 1) * uPx, height: h * uPx, ['--role' as string]: roleColour(type) }}
      draggable={!readOnly}
      onDragStart={(e) => {
        const rect = e.currentTarget.getBoundingClientRect();
        startRackDrag(e, { kind: 'device', deviceId: device.id, grabU: Math.max(0, Math.min(h, (rect.bottom - e.clientY) / uPx)) });
      }}
      onDragEnd={endRackDrag}
      onClick={(e) => selectDevice(device.id, e.ctrlKey || e.metaKey)}
      title={title}
      data-testid="elev-device"
      data-device-id={device.id}
      data-position={device.position}
      data-face={face}
      data-far={far ? 'true' : 'false'}
    >
      <span className="elev-device-name">{device.name}</span>
      {type && <span className="elev-device-model">{type.model}</span>}
      {bays && bays.length > 0 && (
        <ul className="elev-bays" aria-label={t('elevation.bays')}>
          {bays.map((child) => (
            <li key={child.id}>
              <button
                type="button"
                className={`elev-bay${selectedIds.includes(child.id) ? ' is-selected' : ''}`}
                onClick={(e) => {
                  e.stopPropagation();
                  selectDevice(child.id, e.ctrlKey || e.metaKey);
                }}
                title={`${child.name} — ${types[child.typeId]?.model ?? child.typeId}`}
              >
                {child.bay ? <b>{child.bay}</b> : null} {child.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function SideChannel({ devices, types, height, face, readOnly, highlight }: {
  devices: Device[];
  types: Record<string, DeviceType>;
  height: number;
  face: Face;
  readOnly: boolean;
  highlight: boolean;
}) {
  return (
    <div className={`elev-side${highlight ? ' is-target' : ''}`} style={{ height }} data-testid="elev-side">
      {devices.map((d) => <SideDevice key={d.id} device={d} type={types[d.typeId]} face={face} readOnly={readOnly} />)}
    </div>
  );
}

function SideDevice({ device, type, face, readOnly }: { device: Device; type: DeviceType | undefined; face: Face; readOnly: boolean }) {
  const selected = useSelected(device.id);
  return (
    <div
      className={`elev-side-device role-${roleOf(type)}${selected ? ' is-selected' : ''}`}
      style={{ ['--role' as string]: roleColour(type) }}
      draggable={!readOnly}
      onDragStart={(e) => startRackDrag(e, { kind: 'device', deviceId: device.id, grabU: 0 })}
      onDragEnd={endRackDrag}
      onClick={(e) => selectDevice(device.id, e.ctrlKey || e.metaKey)}
      title={`${device.name}\n${type ? `${type.manufacturer} ${type.model}` : device.typeId}`}
      data-testid="elev-device"
      data-device-id={device.id}
      data-face={face}
      data-zero-u="true"
    >
      <span>{device.name}</span>
    </div>
  );
}
