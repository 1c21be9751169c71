/**
 * Properties of the selection, edited inline. Each field sends one `cmd.*` update on Enter or blur
 * and shows main's refusal next to itself; the values shown always come from the mirror.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { Annotation, Device, Door, FloorEquipment, Obstacle, Rack, Room, Row } from '../../../core/model/schema';
import { CONTAINMENTS, FLOOR_EQUIPMENT_KINDS, OBSTACLE_KINDS } from '../../../core/model/schema';
import { call } from '../api/client';
import { runAction } from '../app/actions';
import { selectEntity } from '../app/navigation';
import { Icon } from '../components/Icon';
import type { IconName } from '../components/Icon';
import { PropField, PropSelect, PropValue } from '../components/PropField';
import type { Units } from '../hooks';
import { useReadOnly, useUnits } from '../hooks';
import { devicesInRack, documentCounts, selectDevicesByRack, liveSelectionIds, racksInRoom, rackLoad, selectCurrentRoomId, selectRooms } from '../state/selectors';
import { useStore } from '../state/store';
import { basename } from '../paths';
import { SelectionFindings } from '../findings/SelectionFindings';
import { PlanIcon } from '../plan/PlanIcons';
import type { PlanIconName } from '../plan/PlanIcons';
import { selectedPlanItems } from '../plan/planEdits';
import { itemBounds, polygonArea, roomOutline, unionBounds } from '../plan/planMath';
import type { ActionId } from '../app/actions';
import { shortcutLabel } from '../app/actions';
import { Tooltip } from '../components/Tooltip';
import { selectionItems } from '../state/selectors';
import type { SelectionItem } from '../state/sessionSlice';
import '../styles/plan-props.css';
import { PowerElementProps } from '../power/PowerElementProps';
import { ConnectFeeds, DevicePowerFields, FloorEquipmentPower, RackFeeds, RoomCapacityFields } from '../power/PowerInspectors';
import { capacityRoomId, usePickedElementId } from '../power/powerState';
import { WhatIfPanel } from '../power/WhatIfPanel';
import { SensorInspector } from '../sensors/SensorInspector';

const nameParse = (text: string) => (text.trim() === '' ? null : text.trim());

function Section({ title, icon, children, actions, testId }: { title: ReactNode; icon: IconName; children: ReactNode; actions?: ReactNode; testId?: string }) {
  return (
    <section className="props-section" data-testid={testId}>
      <header className="props-header">
        <Icon name={icon} size={14} />
        <h3>{title}</h3>
        {actions && <div className="section-actions">{actions}</div>}
      </header>
      <div className="props-body">{children}</div>
    </section>
  );
}

function DeleteButton({ label, testId }: { label: string; testId: string }) {
  const readOnly = useReadOnly();
  return (
    <button type="button" className="btn btn-danger-quiet btn-block" onClick={() => runAction('edit.delete')} disabled={readOnly} data-testid={testId}>
      <Icon name="trash" size={14} />{label}
    </button>
  );
}

export function PropertiesPanel() {
  const { t } = useTranslation();
  const selection = useStore((s) => s.selection);
  const ids = useStore(useShallow(liveSelectionIds));
  const snapshot = useStore((s) => s.snapshot);
  const currentRoomId = useStore((s) => selectCurrentRoomId(s) ?? capacityRoomId(s));
  // A power element picked in the Power & capacity view (not a plan item, so not in the selection).
  const pickedElement = usePickedElementId();
  if (!snapshot) return null;

  let body: ReactNode;
  const planItems = selectionItems(selection).filter((i) => i.id in snapshot[COLLECTIONS[i.kind]]);
  const one = ids[0] ?? '';
  if (selection && planItems.length > 1) {
    body = (
      <>
        <MultiProps items={planItems} />
        {planItems.every((i) => i.kind === 'rack') && <ConnectFeeds rackIds={planItems.map((i) => i.id)} />}
      </>
    );
  } else if (selection && ids.length > 1) {
    const noun = t(`props.kind.${selection.kind}`, { count: ids.length });
    body = (
      <Section title={t('props.multiple', { count: ids.length, noun })} icon={selection.kind === 'device' ? 'device' : 'rack'} testId="props-multiple">
        <p className="props-note">{t('props.multipleHint')}</p>
        <DeleteButton label={t('props.deleteSelected', { count: ids.length })} testId="props-delete" />
      </Section>
    );
  } else if (selection?.kind === 'row' && snapshot.rows[one]) {
    body = <RowProps row={snapshot.rows[one]!} />;
  } else if (selection?.kind === 'floorEquipment' && snapshot.floorEquipment[one]) {
    body = <><FloorEquipmentProps fe={snapshot.floorEquipment[one]!} /><FloorEquipmentPower fe={snapshot.floorEquipment[one]!} /></>;
  } else if (selection?.kind === 'obstacle' && snapshot.obstacles[one]) {
    body = <ObstacleProps obstacle={snapshot.obstacles[one]!} />;
  } else if (selection?.kind === 'door' && snapshot.doors[one]) {
    body = <DoorProps door={snapshot.doors[one]!} />;
  } else if (selection?.kind === 'annotation' && snapshot.annotations[one]) {
    body = <AnnotationProps note={snapshot.annotations[one]!} />;
  } else if (selection?.kind === 'rack' && snapshot.racks[ids[0] ?? '']) {
    body = <><RackProps rack={snapshot.racks[ids[0]!]!} /><RackFeeds rack={snapshot.racks[ids[0]!]!} /></>;
  } else if (selection?.kind === 'device' && snapshot.devices[ids[0] ?? '']) {
    body = <><DeviceProps device={snapshot.devices[ids[0]!]!} /><DevicePowerFields device={snapshot.devices[ids[0]!]!} /></>;
  } else if (selection?.kind === 'sensor' && snapshot.sensors[one]) {
    body = <SensorInspector sensor={snapshot.sensors[one]!} />;
  } else if (selection?.kind === 'room' && snapshot.rooms[ids[0] ?? '']) {
    body = <><RoomProps room={snapshot.rooms[ids[0]!]!} /><RoomCapacityFields room={snapshot.rooms[ids[0]!]!} /></>;
  } else if (!selection && pickedElement) {
    body = <PowerElementProps element={snapshot.powerElements[pickedElement]!} />;
  } else if (!selection && currentRoomId && snapshot.rooms[currentRoomId]) {
    // Nothing selected on a plan: show the room being looked at.
    body = <><RoomProps room={snapshot.rooms[currentRoomId]!} /><RoomCapacityFields room={snapshot.rooms[currentRoomId]!} /></>;
  } else {
    body = <ProjectProps />;
  }

  return (
    <aside className="props" aria-label={t('props.title')} data-testid="properties">
      <header className="section-header">
        <h2>{t('props.title')}</h2>
      </header>
      <div className="props-scroll"><WhatIfPanel compact />{body}<SelectionFindings /></div>
    </aside>
  );
}

function ProjectProps() {
  const { t } = useTranslation();
  const units = useUnits();
  const readOnly = useReadOnly();
  const name = useStore((s) => s.snapshot!.project.name);
  const project = useStore((s) => s.project);
  const snapshot = useStore((s) => s.snapshot!);
  const rooms = useStore(selectRooms);
  const counts = documentCounts(snapshot);
  const area = rooms.reduce((sum, r) => sum + r.widthMm * r.depthMm, 0);
  const capacityKw = Object.values(snapshot.racks).reduce((sum, r) => sum + r.maxKw, 0);
  return (
    <Section title={t('props.project')} icon="project" testId="props-project">
      <PropField
        label={t('field.name')}
        value={name}
        format={(v) => v}
        parse={nameParse}
        invalidMessage={t('invalid.name')}
        onCommit={(v) => call('cmd.project.rename', { name: v })}
        entityKey="project"
        readOnly={readOnly}
        testId="prop-project-name"
      />
      <PropValue label={t('field.file')}><span className="mono-path" title={project?.path}>{project ? basename(project.path) : ''}</span></PropValue>
      <PropValue label={t('field.rooms')}>{counts.rooms}</PropValue>
      <PropValue label={t('field.racks')}>{counts.racks}</PropValue>
      <PropValue label={t('field.devices')}>{counts.devices}</PropValue>
      <PropValue label={t('field.deviceTypes')}>{counts.deviceTypes}</PropValue>
      <PropValue label={t('field.floorArea')}>{units.area(area)}</PropValue>
      <PropValue label={t('field.rackCapacity')}>{units.powerKw(capacityKw)}</PropValue>
    </Section>
  );
}

function lengthField(units: Units, t: (k: string) => string, scale: 'room' | 'equipment') {
  return {
    format: (v: number) => units.length(v, scale),
    parse: (text: string) => units.parseLength(text, scale),
    invalidMessage: t(scale === 'room' ? 'invalid.lengthRoom' : 'invalid.lengthEquipment'),
    numeric: true,
    unit: units.lengthUnit(scale),
  };
}

function RoomProps({ room }: { room: Room }) {
  const { t } = useTranslation();
  const units = useUnits();
  const readOnly = useReadOnly();
  const racks = useStore((s) => racksInRoom(s, room.id));
  const devicesByRack = useStore(selectDevicesByRack);
  const update = (patch: Partial<Omit<Room, 'id'>>) => call('cmd.room.update', { id: room.id, patch });
  const tileMm = room.tileSizeMm ?? 600;
  const tiles = Math.floor(room.widthMm / tileMm) * Math.floor(room.depthMm / tileMm);
  const capacityKw = racks.reduce((sum, r) => sum + r.maxKw, 0);
  const devices = racks.reduce((sum, r) => sum + (devicesByRack.get(r.id)?.length ?? 0), 0);
  return (
    <Section title={t('props.room')} icon="room" testId="props-room">
      <PropField label={t('field.name')} value={room.name} format={(v) => v} parse={nameParse} invalidMessage={t('invalid.name')}
        onCommit={(v) => update({ name: v })} entityKey={room.id} readOnly={readOnly} testId="prop-name" />
      <PropField label={t('field.width')} value={room.widthMm} {...lengthField(units, t, 'room')}
        onCommit={(v) => update({ widthMm: v })} entityKey={room.id} readOnly={readOnly} testId="prop-widthMm" />
      <PropField label={t('field.depth')} value={room.depthMm} {...lengthField(units, t, 'room')}
        onCommit={(v) => update({ depthMm: v })} entityKey={room.id} readOnly={readOnly} testId="prop-depthMm" />
      {room.outline && <PropValue label={t('planProps.outline')}>{t('planProps.outlineCorners', { count: room.outline.length })}</PropValue>}
      <RoomGeometry room={room} update={update} />
      <div className="props-divider" />
      <PropValue label={t('field.floorArea')}>{units.area(polygonArea(roomOutline(room)))}</PropValue>
      <PropValue label={t('field.tiles')}>{units.number(tiles, 0)}</PropValue>
      <PropValue label={t('field.racks')} testId="room-rack-count">{racks.length}</PropValue>
      <PropValue label={t('field.devices')}>{devices}</PropValue>
      <PropValue label={t('field.rackCapacity')}>{units.powerKw(capacityKw)}</PropValue>
      <div className="props-actions">
        <button type="button" className="btn btn-block" onClick={() => runAction('rack.add')} disabled={readOnly} data-testid="props-add-rack">
          <Icon name="plus" size={14} />{t('action.addRack')}
        </button>
        <button type="button" className="btn btn-danger-quiet btn-block" disabled={readOnly} data-testid="props-delete"
          onClick={() => { selectEntity('room', [room.id], { reveal: false }); runAction('edit.delete'); }}>
          <Icon name="trash" size={14} />{t('props.deleteRoom')}
        </button>
      </div>
    </Section>
  );
}

function RackProps({ rack }: { rack: Rack }) {
  const { t } = useTranslation();
  const units = useUnits();
  const readOnly = useReadOnly();
  const rooms = useStore(selectRooms);
  const devices = useStore((s) => devicesInRack(s, rack.id));
  const snapshot = useStore((s) => s.snapshot!);
  const load = rackLoad(snapshot, devices);
  const update = (patch: Partial<Omit<Rack, 'id'>>) => call('cmd.rack.update', { id: rack.id, patch });
  const k = rack.id;
  const kwRatio = rack.maxKw > 0 ? load.typicalKw / rack.maxKw : 0;
  const kgRatio = rack.maxKg > 0 ? load.weightKg / rack.maxKg : 0;
  const tone = (r: number) => (r > 1 ? 'danger' : r > 0.8 ? 'warning' : undefined);
  return (
    <Section title={t('props.rack')} icon="rack" testId="props-rack">
      <PropField label={t('field.name')} value={rack.name} format={(v) => v} parse={nameParse} invalidMessage={t('invalid.name')}
        onCommit={(v) => update({ name: v })} entityKey={k} readOnly={readOnly} testId="prop-name" />
      <PropSelect label={t('field.room')} value={rack.roomId} options={rooms.map((r) => ({ value: r.id, label: r.name }))}
        onCommit={(v) => update({ roomId: v })} entityKey={k} readOnly={readOnly} testId="prop-roomId" />
      <div className="props-group-title">{t('props.placement')}</div>
      <PropField label={t('field.x')} value={rack.xMm} {...lengthField(units, t, 'room')}
        onCommit={(v) => update({ xMm: v })} entityKey={k} readOnly={readOnly} testId="prop-xMm" />
      <PropField label={t('field.y')} value={rack.yMm} {...lengthField(units, t, 'room')}
        onCommit={(v) => update({ yMm: v })} entityKey={k} readOnly={readOnly} testId="prop-yMm" />
      <PropField label={t('field.rotation')} value={rack.rotationDeg} format={units.degrees} parse={units.parseDegrees} invalidMessage={t('invalid.angle')}
        onCommit={(v) => update({ rotationDeg: v })} entityKey={k} readOnly={readOnly} numeric testId="prop-rotationDeg" />
      <div className="props-group-title">{t('props.size')}</div>
      <PropField label={t('field.uHeight')} value={rack.uHeight} format={units.u} parse={units.parseU} invalidMessage={t('invalid.u')}
        onCommit={(v) => update({ uHeight: v })} entityKey={k} readOnly={readOnly} numeric testId="prop-uHeight" />
      <PropField label={t('field.width')} value={rack.widthMm} {...lengthField(units, t, 'equipment')}
        onCommit={(v) => update({ widthMm: v })} entityKey={k} readOnly={readOnly} testId="prop-widthMm" />
      <PropField label={t('field.depth')} value={rack.depthMm} {...lengthField(units, t, 'equipment')}
        onCommit={(v) => update({ depthMm: v })} entityKey={k} readOnly={readOnly} testId="prop-depthMm" />
      <div className="props-group-title">{t('props.budget')}</div>
      <PropField label={t('field.maxKw')} value={rack.maxKw} format={units.powerKw} parse={units.parsePowerKw} invalidMessage={t('invalid.power')}
        onCommit={(v) => update({ maxKw: v })} entityKey={k} readOnly={readOnly} numeric testId="prop-maxKw" />
      <PropField label={t('field.maxKg')} value={rack.maxKg} format={units.mass} parse={units.parseMass} invalidMessage={t('invalid.mass')}
        onCommit={(v) => update({ maxKg: v })} entityKey={k} readOnly={readOnly} numeric testId="prop-maxKg" unit={units.massUnit()} />
      <div className="props-group-title">{t('props.load')}</div>
      <PropValue label={t('field.devices')}>{load.deviceCount}</PropValue>
      <PropValue label={t('field.uUsed')}>{units.u(load.usedU)} / {units.u(rack.uHeight)}</PropValue>
      <PropValue label={t('field.powerAllocated')} {...(tone(kwRatio) ? { tone: tone(kwRatio)! } : {})}>
        {units.powerKw(load.typicalKw)} <span className="muted">({units.number(kwRatio * 100, 0)}%)</span>
      </PropValue>
      <PropValue label={t('field.weight')} {...(tone(kgRatio) ? { tone: tone(kgRatio)! } : {})}>
        {units.mass(load.weightKg)} <span className="muted">({units.number(kgRatio * 100, 0)}%)</span>
      </PropValue>
      <div className="props-actions">
        <button type="button" className="btn btn-block" onClick={() => runAction('device.add')} disabled={readOnly || Object.keys(snapshot.deviceTypes).length === 0} data-testid="props-add-device">
          <Icon name="plus" size={14} />{t('action.addDevice')}
        </button>
        <DeleteButton label={t('props.deleteRack')} testId="props-delete" />
      </div>
    </Section>
  );
}

function DeviceProps({ device }: { device: Device }) {
  const { t } = useTranslation();
  const units = useUnits();
  const readOnly = useReadOnly();
  const type = useStore((s) => s.snapshot!.deviceTypes[device.typeId]);
  const rack = useStore((s) => s.snapshot!.racks[device.rackId]);
  const update = (patch: Partial<Pick<Device, 'name' | 'position' | 'face'>>) => call('cmd.device.update', { id: device.id, patch });
  const k = device.id;
  return (
    <Section title={t('props.device')} icon="device" testId="props-device">
      <PropField label={t('field.name')} value={device.name} format={(v) => v} parse={nameParse} invalidMessage={t('invalid.name')}
        onCommit={(v) => update({ name: v })} entityKey={k} readOnly={readOnly} testId="prop-name" />
      <PropValue label={t('field.rack')}>
        {rack ? (
          <button type="button" className="link" onClick={() => selectEntity('rack', [rack.id])}>{rack.name}</button>
        ) : '—'}
      </PropValue>
      <PropField label={t('field.position')} value={device.position} format={units.position} parse={units.parseU} invalidMessage={t('invalid.u')}
        onCommit={(v) => update({ position: v })} entityKey={k} readOnly={readOnly} numeric testId="prop-position" />
      <PropSelect label={t('field.face')} value={device.face} options={[{ value: 'front', label: t('face.front') }, { value: 'rear', label: t('face.rear') }]}
        onCommit={(v) => update({ face: v })} entityKey={k} readOnly={readOnly} testId="prop-face" />
      {type && (
        <>
          <div className="props-group-title">{t('props.deviceType')}</div>
          <PropValue label={t('field.manufacturer')}>{type.manufacturer}</PropValue>
          <PropValue label={t('field.model')}>{type.model}</PropValue>
          {type.partNumber && <PropValue label={t('field.partNumber')}>{type.partNumber}</PropValue>}
          <PropValue label={t('field.height')}>{units.u(type.uHeight)}{type.fullDepth ? ` · ${t('props.fullDepth')}` : ''}</PropValue>
          <PropValue label={t('field.powerTypical')}>{type.powerTypicalW !== null ? units.powerKw(type.powerTypicalW / 1000) : '—'}</PropValue>
          <PropValue label={t('field.powerMax')}>{type.powerMaxW !== null ? units.powerKw(type.powerMaxW / 1000) : '—'}</PropValue>
          <PropValue label={t('field.weight')}>{type.weightKg !== null ? units.mass(type.weightKg) : '—'}</PropValue>
          <PropValue label={t('field.airflow')}>{type.airflow ? t(`airflow.${type.airflow}`) : '—'}</PropValue>
        </>
      )}
      <div className="props-actions">
        <DeleteButton label={t('props.deleteDevice')} testId="props-delete" />
      </div>
    </Section>
  );
}

// ---------------------------------------------------------------- layout (plan editor)

const COLLECTIONS = {
  rack: 'racks', row: 'rows', floorEquipment: 'floorEquipment', obstacle: 'obstacles', door: 'doors', annotation: 'annotations',
} as const;

/** An optional length: blank while unset; a value typed is sent as is and main validates it. */
function optionalLength(units: Units, t: (k: string) => string, scale: 'room' | 'equipment') {
  return {
    format: (v: number | undefined) => (v === undefined ? '' : units.length(v, scale)),
    parse: (text: string) => units.parseLength(text, scale) ?? null,
    invalidMessage: t(scale === 'room' ? 'invalid.lengthRoom' : 'invalid.lengthEquipment'),
    numeric: true,
    unit: units.lengthUnit(scale),
  };
}

function RoomGeometry({ room, update }: { room: Room; update(patch: Partial<Omit<Room, 'id'>>): Promise<unknown> }) {
  const { t } = useTranslation();
  const units = useUnits();
  const readOnly = useReadOnly();
  const k = room.id;
  const field = (key: 'ceilingHeightMm' | 'tileSizeMm' | 'tileOriginXMm' | 'tileOriginYMm' | 'raisedFloorHeightMm' | 'minColdAisleMm' | 'minHotAisleMm' | 'wallThicknessMm', scale: 'room' | 'equipment', placeholder?: number) => (
    <PropField<number | undefined>
      label={t(`planProps.room.${key}`)}
      value={room[key] ?? placeholder}
      {...optionalLength(units, t, scale)}
      onCommit={(v) => update({ [key]: v })}
      entityKey={k}
      readOnly={readOnly}
      testId={`prop-${key}`}
    />
  );
  return (
    <>
      <div className="props-group-title">{t('planProps.geometry')}</div>
      {field('ceilingHeightMm', 'room')}
      {field('wallThicknessMm', 'equipment')}
      {field('raisedFloorHeightMm', 'equipment')}
      <div className="props-group-title">{t('planProps.tiles')}</div>
      {field('tileSizeMm', 'equipment', 600)}
      {field('tileOriginXMm', 'equipment', 0)}
      {field('tileOriginYMm', 'equipment', 0)}
      <div className="props-group-title">{t('planProps.aisles')}</div>
      {field('minColdAisleMm', 'equipment', 1200)}
      {field('minHotAisleMm', 'equipment', 900)}
    </>
  );
}

const FACINGS = [0, 90, 180, 270] as const;

function RowProps({ row }: { row: Row }) {
  const { t } = useTranslation();
  const readOnly = useReadOnly();
  const racks = useStore((s) => s.snapshot!.racks);
  const update = (patch: Partial<Pick<Row, 'name' | 'rackIds' | 'frontAisle' | 'containment'>>) => call('cmd.row.update', { id: row.id, patch });
  const members = row.rackIds.map((id) => racks[id]).filter((r): r is Rack => r !== undefined);
  const facing = FACINGS.reduce((best, f) => (Math.abs(f - row.orientationDeg) < Math.abs(best - row.orientationDeg) ? f : best), 0);
  // Turning a row turns its racks where they stand: one layout.move, and main turns the row with them.
  const turn = (deg: number) => call('cmd.layout.move', { items: members.map((r) => ({ kind: 'racks' as const, id: r.id, xMm: r.xMm, yMm: r.yMm, rotationDeg: deg })) });
  const move = (from: number, to: number) => {
    const ids = [...row.rackIds];
    const [id] = ids.splice(from, 1);
    ids.splice(to, 0, id!);
    return update({ rackIds: ids });
  };
  return (
    <Section title={t('planProps.row.title', { name: row.name })} icon="rack" testId="props-row">
      <PropField label={t('field.name')} value={row.name} format={(v) => v} parse={nameParse} invalidMessage={t('invalid.name')}
        onCommit={(v) => update({ name: v })} entityKey={row.id} readOnly={readOnly} testId="prop-name" />
      <PropSelect label={t('planProps.row.facing')} value={String(facing)} options={FACINGS.map((f) => ({ value: String(f), label: t(`planProps.facing.${f}`) }))}
        onCommit={(v) => turn(Number(v))} entityKey={row.id} readOnly={readOnly || members.length === 0} testId="prop-facing" />
      <PropSelect label={t('planProps.row.frontAisle')} value={row.frontAisle} options={[{ value: 'cold', label: t('plan.aisle.cold') }, { value: 'hot', label: t('plan.aisle.hot') }]}
        onCommit={(v) => update({ frontAisle: v })} entityKey={row.id} readOnly={readOnly} testId="prop-frontAisle" />
      <PropSelect label={t('planProps.row.containment')} value={row.containment} options={CONTAINMENTS.map((c) => ({ value: c, label: t(`planProps.containment.${c}`) }))}
        onCommit={(v) => update({ containment: v })} entityKey={row.id} readOnly={readOnly} testId="prop-containment" />
      <div className="props-group-title">{t('planProps.row.order', { count: members.length })}</div>
      <ol className="row-order" data-testid="row-order">
        {members.map((r, i) => (
          <li key={r.id}>
            <button type="button" className="link" onClick={() => selectEntity('rack', [r.id], { reveal: false })}>{r.name}</button>
            <span className="row-order-buttons">
              <button type="button" className="btn-icon btn-icon-sm" disabled={readOnly || i === 0} onClick={() => void move(i, i - 1)} aria-label={t('planProps.row.moveUp', { name: r.name })}>
                <Icon name="chevronUp" size={12} />
              </button>
              <button type="button" className="btn-icon btn-icon-sm" disabled={readOnly || i === members.length - 1} onClick={() => void move(i, i + 1)} aria-label={t('planProps.row.moveDown', { name: r.name })}>
                <Icon name="chevronDown" size={12} />
              </button>
            </span>
          </li>
        ))}
      </ol>
      <div className="props-actions">
        <button type="button" className="btn btn-block" disabled={readOnly || members.length < 2} onClick={() => void update({ rackIds: [...row.rackIds].reverse() })} data-testid="row-reverse">
          {t('planProps.row.reverse')}
        </button>
        <DeleteButton label={t('planProps.row.delete')} testId="props-delete" />
      </div>
    </Section>
  );
}

function PlacementFields({ entity, update, rotation = true }: { entity: { id: string; xMm: number; yMm: number; rotationDeg?: number }; update(patch: Record<string, number>): Promise<unknown>; rotation?: boolean }) {
  const { t } = useTranslation();
  const units = useUnits();
  const readOnly = useReadOnly();
  const k = entity.id;
  return (
    <>
      <div className="props-group-title">{t('props.placement')}</div>
      <PropField label={t('field.x')} value={entity.xMm} {...lengthField(units, t, 'room')} onCommit={(v) => update({ xMm: v })} entityKey={k} readOnly={readOnly} testId="prop-xMm" />
      <PropField label={t('field.y')} value={entity.yMm} {...lengthField(units, t, 'room')} onCommit={(v) => update({ yMm: v })} entityKey={k} readOnly={readOnly} testId="prop-yMm" />
      {rotation && entity.rotationDeg !== undefined && (
        <PropField label={t('field.rotation')} value={entity.rotationDeg} format={units.degrees} parse={units.parseDegrees} invalidMessage={t('invalid.angle')}
          onCommit={(v) => update({ rotationDeg: v })} entityKey={k} readOnly={readOnly} numeric testId="prop-rotationDeg" />
      )}
    </>
  );
}

function nullableNumber(units: Units, unit: string, parse: (text: string) => number | null) {
  return {
    format: (v: number | null) => (v === null ? '' : `${units.number(v, 2)} ${unit}`),
    parse: (text: string) => (text.trim() === '' ? null : parse(text.replace(unit, '').trim())),
  };
}

function FloorEquipmentProps({ fe }: { fe: FloorEquipment }) {
  const { t } = useTranslation();
  const units = useUnits();
  const readOnly = useReadOnly();
  const update = (patch: Partial<Omit<FloorEquipment, 'id' | 'roomId'>>) => call('cmd.floorEquipment.update', { id: fe.id, patch });
  const k = fe.id;
  const decimal = (text: string) => {
    const n = Number(text.replace(',', '.'));
    return Number.isFinite(n) ? n : null;
  };
  return (
    <Section title={t(`plan.feKind.${fe.kind}`)} icon="layers" testId="props-fe">
      <PropSelect label={t('planProps.kind')} value={fe.kind} options={FLOOR_EQUIPMENT_KINDS.map((kind) => ({ value: kind, label: t(`plan.feKind.${kind}`) }))}
        onCommit={(v) => update({ kind: v })} entityKey={k} readOnly={readOnly} testId="prop-kind" />
      <PropField label={t('field.name')} value={fe.name} format={(v) => v} parse={nameParse} invalidMessage={t('invalid.name')}
        onCommit={(v) => update({ name: v })} entityKey={k} readOnly={readOnly} testId="prop-name" />
      <PlacementFields entity={fe} update={update} />
      <div className="props-group-title">{t('props.size')}</div>
      <PropField label={t('field.width')} value={fe.widthMm} {...lengthField(units, t, 'equipment')} onCommit={(v) => update({ widthMm: v })} entityKey={k} readOnly={readOnly} testId="prop-widthMm" />
      <PropField label={t('field.depth')} value={fe.depthMm} {...lengthField(units, t, 'equipment')} onCommit={(v) => update({ depthMm: v })} entityKey={k} readOnly={readOnly} testId="prop-depthMm" />
      <PropField label={t('field.height')} value={fe.heightMm} {...lengthField(units, t, 'equipment')} onCommit={(v) => update({ heightMm: v })} entityKey={k} readOnly={readOnly} testId="prop-heightMm" />
      <div className="props-group-title">{t('planProps.ratings')}</div>
      <PropField<number | null> label={t('planProps.coolingKw')} value={fe.coolingKw} {...nullableNumber(units, 'kW', units.parsePowerKw)} invalidMessage={t('invalid.power')}
        onCommit={(v) => update({ coolingKw: v })} entityKey={k} readOnly={readOnly} numeric testId="prop-coolingKw" />
      <PropField<number | null> label={t('planProps.powerKva')} value={fe.powerKva} {...nullableNumber(units, 'kVA', decimal)} invalidMessage={t('planProps.invalidKva')}
        onCommit={(v) => update({ powerKva: v })} entityKey={k} readOnly={readOnly} numeric testId="prop-powerKva" />
      <PropField<number | null> label={t('field.weight')} value={fe.weightKg} format={(v) => (v === null ? '' : units.mass(v))} parse={(text) => (text.trim() === '' ? null : units.parseMass(text))}
        invalidMessage={t('invalid.mass')} onCommit={(v) => update({ weightKg: v })} entityKey={k} readOnly={readOnly} numeric testId="prop-weightKg" />
      <PropField label={t('field.manufacturer')} value={fe.manufacturer ?? ''} format={(v) => v} parse={(v) => v.trim()} invalidMessage={t('invalid.name')}
        onCommit={(v) => update({ manufacturer: v })} entityKey={k} readOnly={readOnly} testId="prop-manufacturer" />
      <PropField label={t('field.model')} value={fe.model ?? ''} format={(v) => v} parse={(v) => v.trim()} invalidMessage={t('invalid.name')}
        onCommit={(v) => update({ model: v })} entityKey={k} readOnly={readOnly} testId="prop-model" />
      <div className="props-actions">
        <DeleteButton label={t('planProps.delete')} testId="props-delete" />
      </div>
    </Section>
  );
}

function ObstacleProps({ obstacle }: { obstacle: Obstacle }) {
  const { t } = useTranslation();
  const units = useUnits();
  const readOnly = useReadOnly();
  const update = (patch: Partial<Omit<Obstacle, 'id' | 'roomId'>>) => call('cmd.obstacle.update', { id: obstacle.id, patch });
  const k = obstacle.id;
  return (
    <Section title={t(`planProps.obstacleKind.${obstacle.kind}`)} icon="alert" testId="props-obstacle">
      <PropSelect label={t('planProps.kind')} value={obstacle.kind} options={OBSTACLE_KINDS.map((kind) => ({ value: kind, label: t(`planProps.obstacleKind.${kind}`) }))}
        onCommit={(v) => update({ kind: v })} entityKey={k} readOnly={readOnly} testId="prop-kind" />
      <PropField label={t('field.name')} value={obstacle.name ?? ''} format={(v) => v} parse={(v) => v.trim()} invalidMessage={t('invalid.name')}
        onCommit={(v) => update({ name: v })} entityKey={k} readOnly={readOnly} testId="prop-name" />
      <PlacementFields entity={obstacle} update={update} />
      <div className="props-group-title">{t('props.size')}</div>
      <PropField label={t('field.width')} value={obstacle.widthMm} {...lengthField(units, t, 'equipment')} onCommit={(v) => update({ widthMm: v })} entityKey={k} readOnly={readOnly} testId="prop-widthMm" />
      <PropField label={t('field.depth')} value={obstacle.depthMm} {...lengthField(units, t, 'equipment')} onCommit={(v) => update({ depthMm: v })} entityKey={k} readOnly={readOnly} testId="prop-depthMm" />
      <div className="props-actions">
        <DeleteButton label={t('planProps.delete')} testId="props-delete" />
      </div>
    </Section>
  );
}

const SWINGS = ['in', 'out', 'double', 'sliding'] as const;

function DoorProps({ door }: { door: Door }) {
  const { t } = useTranslation();
  const units = useUnits();
  const readOnly = useReadOnly();
  const update = (patch: Partial<Omit<Door, 'id' | 'roomId'>>) => call('cmd.door.update', { id: door.id, patch });
  const k = door.id;
  return (
    <Section title={t('planProps.door')} icon="room" testId="props-door">
      <PropField label={t('field.name')} value={door.name ?? ''} format={(v) => v} parse={(v) => v.trim()} invalidMessage={t('invalid.name')}
        onCommit={(v) => update({ name: v })} entityKey={k} readOnly={readOnly} testId="prop-name" />
      <PropSelect label={t('planProps.swing')} value={door.swing ?? 'double'} options={SWINGS.map((sw) => ({ value: sw, label: t(`planProps.swings.${sw}`) }))}
        onCommit={(v) => update({ swing: v })} entityKey={k} readOnly={readOnly} testId="prop-swing" />
      <PropField label={t('field.width')} value={door.widthMm} {...lengthField(units, t, 'equipment')} onCommit={(v) => update({ widthMm: v })} entityKey={k} readOnly={readOnly} testId="prop-widthMm" />
      <PlacementFields entity={door} update={update} />
      <div className="props-actions">
        <DeleteButton label={t('planProps.delete')} testId="props-delete" />
      </div>
    </Section>
  );
}

function AnnotationProps({ note }: { note: Annotation }) {
  const { t } = useTranslation();
  const units = useUnits();
  const readOnly = useReadOnly();
  const update = (patch: Partial<Omit<Annotation, 'id' | 'roomId'>>) => call('cmd.annotation.update', { id: note.id, patch });
  const k = note.id;
  const dimension = note.kind === 'dimension' && note.x2Mm !== undefined && note.y2Mm !== undefined;
  return (
    <Section title={t(dimension ? 'planProps.dimension' : 'planProps.label')} icon="ruler" testId="props-annotation">
      <PropField label={t('planProps.text')} value={note.text ?? ''} format={(v) => v} parse={(v) => v} invalidMessage={t('invalid.name')}
        onCommit={(v) => update({ text: v })} entityKey={k} readOnly={readOnly} testId="prop-text" />
      {dimension && <PropValue label={t('planProps.length')} testId="prop-length">{units.length(Math.hypot(note.x2Mm! - note.xMm, note.y2Mm! - note.yMm))}</PropValue>}
      <PlacementFields entity={note} update={update} rotation={false} />
      {dimension && (
        <>
          <PropField label={t('planProps.x2')} value={note.x2Mm!} {...lengthField(units, t, 'room')} onCommit={(v) => update({ x2Mm: v })} entityKey={k} readOnly={readOnly} testId="prop-x2Mm" />
          <PropField label={t('planProps.y2')} value={note.y2Mm!} {...lengthField(units, t, 'room')} onCommit={(v) => update({ y2Mm: v })} entityKey={k} readOnly={readOnly} testId="prop-y2Mm" />
        </>
      )}
      <div className="props-actions">
        <DeleteButton label={t('planProps.delete')} testId="props-delete" />
      </div>
    </Section>
  );
}

const ALIGN_BUTTONS: ReadonlyArray<{ action: ActionId; icon: PlanIconName; label: string; min: number }> = [
  { action: 'plan.alignLeft', icon: 'alignLeft', label: 'plan.align.left', min: 2 },
  { action: 'plan.alignCenterX', icon: 'alignCenterX', label: 'plan.align.centerX', min: 2 },
  { action: 'plan.alignRight', icon: 'alignRight', label: 'plan.align.right', min: 2 },
  { action: 'plan.alignTop', icon: 'alignTop', label: 'plan.align.top', min: 2 },
  { action: 'plan.alignCenterY', icon: 'alignCenterY', label: 'plan.align.centerY', min: 2 },
  { action: 'plan.alignBottom', icon: 'alignBottom', label: 'plan.align.bottom', min: 2 },
  { action: 'plan.distributeX', icon: 'distributeX', label: 'plan.align.distributeX', min: 3 },
  { action: 'plan.distributeY', icon: 'distributeY', label: 'plan.align.distributeY', min: 3 },
];

/** A selection of several plan items: what it holds, its extent, align and distribute. */
function MultiProps({ items }: { items: SelectionItem[] }) {
  const { t } = useTranslation();
  const units = useUnits();
  const readOnly = useReadOnly();
  // Items come from a per-snapshot memo, so a shallow compare keeps this stable between renders.
  const placed = useStore(useShallow((s) => selectedPlanItems(s)));
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i.kind, (counts.get(i.kind) ?? 0) + 1);
  const box = unionBounds(placed.map(itemBounds));
  const onPlan = useStore((s) => s.route.name === 'roomPlan');
  return (
    <Section title={t('planProps.multi', { count: items.length })} icon="layers" testId="props-multiple">
      {[...counts.entries()].map(([kind, n]) => (
        <PropValue key={kind} label={t(`planProps.kinds.${kind}`)}>{n}</PropValue>
      ))}
      {box && (
        <PropValue label={t('planProps.extent')}>{units.length(box.maxX - box.minX)} × {units.length(box.maxY - box.minY)}</PropValue>
      )}
      <div className="props-group-title">{t('planProps.arrange')}</div>
      <div className="align-grid" role="toolbar" aria-label={t('planProps.arrange')}>
        {ALIGN_BUTTONS.map((b) => (
          <Tooltip key={b.action} label={t(b.label)} shortcut={shortcutLabel(b.action)}>
            <button type="button" className="btn-icon" aria-label={t(b.label)} disabled={readOnly || !onPlan || placed.length < b.min}
              onClick={() => runAction(b.action)} data-testid={`props-${b.action}`}>
              <PlanIcon name={b.icon} />
            </button>
          </Tooltip>
        ))}
      </div>
      <p className="props-note">{t('planProps.multiHint')}</p>
      <DeleteButton label={t('props.deleteSelected', { count: items.length })} testId="props-delete" />
    </Section>
  );
}
