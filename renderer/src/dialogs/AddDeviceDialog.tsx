import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Face } from '../../../core/model/schema';
import { call } from '../api/client';
import { selectEntity } from '../app/navigation';
import { Field, Segmented, SelectField, TextField } from '../components/Field';
import { Icon } from '../components/Icon';
import { Modal } from '../components/Modal';
import { fuzzyFilter } from '../fuzzy';
import { useUnits } from '../hooks';
import { lowestFreePosition } from '../rackSlots';
import { devicesInRack, selectDeviceTypes, selectRacksByRoom, selectRooms } from '../state/selectors';
import { useStore } from '../state/store';
import { useFormErrors } from './formErrors';

const LIST_LIMIT = 200;

/** Place a device of one of the project's device types into a rack, at a slot main will accept. */
export function AddDeviceDialog({ rackId: initialRackId, onClose, active }: { rackId?: string | undefined; onClose(): void; active: boolean }) {
  const { t } = useTranslation();
  const units = useUnits();
  const rooms = useStore(selectRooms);
  const racksByRoom = useStore(selectRacksByRoom);
  const types = useStore(selectDeviceTypes);
  const firstRack = rooms.flatMap((r) => racksByRoom.get(r.id) ?? [])[0]?.id ?? '';
  const [rackId, setRackId] = useState(initialRackId ?? firstRack);
  const rack = useStore((s) => s.snapshot?.racks[rackId]);
  const devices = useStore((s) => devicesInRack(s, rackId));
  const deviceTypes = useStore((s) => s.snapshot?.deviceTypes);
  const [query, setQuery] = useState('');
  const selectable = useMemo(() => types.filter((ty) => ty.subdeviceRole !== 'child'), [types]);
  const [typeId, setTypeId] = useState(selectable[0]?.id ?? '');
  const [face, setFace] = useState<Face>('front');
  const [position, setPosition] = useState('');
  const [positionEdited, setPositionEdited] = useState(false);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(['rackId', 'typeId', 'position', 'face', 'name'] as const);

  const filtered = useMemo(
    () => fuzzyFilter(selectable, query, (ty) => `${ty.manufacturer} ${ty.model} ${ty.partNumber ?? ''} ${ty.role ?? ''}`).slice(0, LIST_LIMIT),
    [selectable, query],
  );
  const type = deviceTypes?.[typeId];

  // Propose the lowest free slot for the chosen rack, type and face until the user types one.
  const proposal = useMemo(() => {
    if (!rack || !type || !deviceTypes) return null;
    const others = devices.flatMap((d) => (deviceTypes[d.typeId] ? [{ device: d, type: deviceTypes[d.typeId]! }] : []));
    return lowestFreePosition(rack, type, face, others);
  }, [rack, type, face, devices, deviceTypes]);
  useEffect(() => {
    if (!positionEdited) setPosition(proposal !== null ? String(proposal) : '');
  }, [proposal, positionEdited]);

  const autoName = rack ? `${rack.name}-U${String(units.parseU(position) ?? proposal ?? 1).padStart(2, '0')}${face === 'rear' ? 'R' : ''}` : '';

  const submit = async () => {
    form.clear();
    const pos = units.parseU(position);
    let bad = false;
    if (!rackId) { form.set('rackId', t('addDevice.rackRequired')); bad = true; }
    if (!typeId) { form.set('typeId', t('addDevice.typeRequired')); bad = true; }
    if (pos === null || pos < 1) { form.set('position', t('invalid.u')); bad = true; }
    if (bad) return;
    setBusy(true);
    try {
      const out = await call('cmd.device.create', { rackId, typeId, position: pos!, face, ...(name.trim() ? { name: name.trim() } : {}) });
      onClose();
      selectEntity('device', [out.result.id]);
    } catch (err) {
      form.fromError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={t('addDevice.title')}
      icon={<Icon name="device" />}
      onClose={onClose}
      onSubmit={() => void submit()}
      active={active}
      busy={busy}
      size="lg"
      testId="add-device-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="btn btn-primary" disabled={busy || !rackId || !typeId} data-testid="add-device-submit">{t('addDevice.submit')}</button>
        </>
      }
    >
      <div className="device-dialog">
        <div className="device-types">
          <Field label={t('addDevice.type')} error={form.errors.typeId}>
            <div className="search-input">
              <Icon name="search" size={14} />
              <input
                className="input"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                placeholder={t('addDevice.searchTypes')}
                aria-label={t('addDevice.searchTypes')}
                data-autofocus
                data-testid="add-device-search"
                onKeyDown={(e) => {
                  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                    e.preventDefault();
                    const i = filtered.findIndex((f) => f.item.id === typeId);
                    const next = filtered[Math.max(0, Math.min(filtered.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))];
                    if (next) setTypeId(next.item.id);
                  }
                }}
              />
            </div>
          </Field>
          <div className="type-list" role="listbox" aria-label={t('addDevice.type')} data-testid="add-device-types">
            {filtered.length === 0 && <p className="file-empty">{types.length === 0 ? t('addDevice.noTypes') : t('addDevice.noMatch')}</p>}
            {filtered.map(({ item }) => (
              <div
                key={item.id}
                role="option"
                aria-selected={item.id === typeId}
                className={`type-row${item.id === typeId ? ' is-selected' : ''}`}
                onClick={() => { setTypeId(item.id); form.set('typeId', null); }}
                ref={(el) => { if (el && item.id === typeId) el.scrollIntoView({ block: 'nearest' }); }}
                data-testid="device-type"
                data-id={item.id}
              >
                <span className="u-badge">{units.u(item.uHeight)}</span>
                <span className="type-text">
                  <strong>{item.model}</strong>
                  <span>{item.manufacturer}{item.role ? ` · ${t(`role.${item.role}`)}` : ''}</span>
                </span>
                <span className="type-power">{item.powerTypicalW !== null ? units.powerKw(item.powerTypicalW / 1000) : ''}</span>
              </div>
            ))}
          </div>
        </div>
        <div className="device-fields">
          <SelectField label={t('field.rack')} value={rackId} onChange={(e) => { setRackId(e.target.value); setPositionEdited(false); }} error={form.errors.rackId} data-testid="add-device-rack">
            {rooms.map((room) => (
              <optgroup key={room.id} label={room.name}>
                {(racksByRoom.get(room.id) ?? []).map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
              </optgroup>
            ))}
          </SelectField>
          <TextField label={t('field.position')} value={position} onChange={(e) => { setPosition(e.target.value); setPositionEdited(true); }}
            error={form.errors.position} numeric
            hint={proposal !== null ? t('addDevice.positionHint', { u: units.position(proposal) }) : t('addDevice.noSlot')} data-testid="add-device-position" />
          <Field label={t('field.face')} error={form.errors.face}>
            <Segmented<Face> label={t('field.face')} value={face} onChange={setFace} testId="add-device-face"
              options={[{ value: 'front', label: t('face.front') }, { value: 'rear', label: t('face.rear') }]} />
          </Field>
          <TextField label={t('field.name')} value={name} placeholder={autoName} onChange={(e) => setName(e.target.value)} error={form.errors.name}
            hint={t('common.autoNameHint', { name: autoName })} data-testid="add-device-name" maxLength={120} />
        </div>
      </div>
      {form.general && <p className="form-error" role="alert"><Icon name="alertCircle" size={14} />{form.general}</p>}
    </Modal>
  );
}
