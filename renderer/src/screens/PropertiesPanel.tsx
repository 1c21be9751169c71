/**
 * Properties of the selection, edited inline. Each field sends one `cmd.*` update on Enter or blur
 * and shows main's refusal next to itself; the values shown always come from the mirror.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { Device, Rack, Room } from '../../../core/model/schema';
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
  const currentRoomId = useStore(selectCurrentRoomId);
  if (!snapshot) return null;

  let body: ReactNode;
  if (selection && ids.length > 1) {
    const noun = t(`props.kind.${selection.kind}`, { count: ids.length });
    body = (
      <Section title={t('props.multiple', { count: ids.length, noun })} icon={selection.kind === 'device' ? 'device' : 'rack'} testId="props-multiple">
        <p className="props-note">{t('props.multipleHint')}</p>
        <DeleteButton label={t('props.deleteSelected', { count: ids.length })} testId="props-delete" />
      </Section>
    );
  } else if (selection?.kind === 'rack' && snapshot.racks[ids[0] ?? '']) {
    body = <RackProps rack={snapshot.racks[ids[0]!]!} />;
  } else if (selection?.kind === 'device' && snapshot.devices[ids[0] ?? '']) {
    body = <DeviceProps device={snapshot.devices[ids[0]!]!} />;
  } else if (selection?.kind === 'room' && snapshot.rooms[ids[0] ?? '']) {
    body = <RoomProps room={snapshot.rooms[ids[0]!]!} />;
  } else if (!selection && currentRoomId && snapshot.rooms[currentRoomId]) {
    // Nothing selected on a plan: show the room being looked at.
    body = <RoomProps room={snapshot.rooms[currentRoomId]!} />;
  } else {
    body = <ProjectProps />;
  }

  return (
    <aside className="props" aria-label={t('props.title')} data-testid="properties">
      <header className="section-header">
        <h2>{t('props.title')}</h2>
      </header>
      <div className="props-scroll">{body}</div>
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
  const update = (patch: Partial<Pick<Room, 'name' | 'widthMm' | 'depthMm'>>) => call('cmd.room.update', { id: room.id, patch });
  const tiles = Math.floor(room.widthMm / 600) * Math.floor(room.depthMm / 600);
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
      <div className="props-divider" />
      <PropValue label={t('field.floorArea')}>{units.area(room.widthMm * room.depthMm)}</PropValue>
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
