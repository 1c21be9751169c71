import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RACK_DEFAULTS, nextFreeName } from '../../../core/commands/edit';
import { call } from '../api/client';
import { selectEntity } from '../app/navigation';
import { SelectField, TextField } from '../components/Field';
import { Icon } from '../components/Icon';
import { Modal } from '../components/Modal';
import { useUnits } from '../hooks';
import { suggestRackPosition } from '../plan/geometry';
import { racksInRoom, selectCurrentRoomId, selectRooms } from '../state/selectors';
import { useStore } from '../state/store';
import { useFormErrors } from './formErrors';

const ROTATIONS = [0, 90, 180, 270] as const;

export function AddRackDialog({ roomId: initialRoomId, onClose, active }: { roomId?: string | undefined; onClose(): void; active: boolean }) {
  const { t } = useTranslation();
  const units = useUnits();
  const rooms = useStore(selectRooms);
  const currentRoomId = useStore(selectCurrentRoomId);
  const [roomId, setRoomId] = useState(initialRoomId ?? currentRoomId ?? rooms[0]?.id ?? '');
  const room = useStore((s) => s.snapshot?.rooms[roomId]);
  const racks = useStore((s) => racksInRoom(s, roomId));
  const autoName = useMemo(() => nextFreeName(new Set(racks.map((r) => r.name)), 'R', 2), [racks]);
  // Suggested once when the dialog opens (and again when another room is chosen), not after every edit.
  const [suggested] = useState(() => (room ? suggestRackPosition(room, racks, RACK_DEFAULTS) : { x: 0, y: 0 }));
  const [name, setName] = useState('');
  const [x, setX] = useState(() => units.length(suggested.x));
  const [y, setY] = useState(() => units.length(suggested.y));
  const [rotation, setRotation] = useState<number>(0);
  const [uHeight, setUHeight] = useState(String(RACK_DEFAULTS.uHeight));
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(['roomId', 'name', 'xMm', 'yMm', 'rotationDeg', 'uHeight'] as const);

  const changeRoom = (id: string) => {
    setRoomId(id);
    const r = useStore.getState().snapshot?.rooms[id];
    if (r) {
      const p = suggestRackPosition(r, racksInRoom(useStore.getState(), id), RACK_DEFAULTS);
      setX(units.length(p.x));
      setY(units.length(p.y));
    }
  };

  const submit = async () => {
    form.clear();
    const xMm = units.parseLength(x);
    const yMm = units.parseLength(y);
    const u = units.parseU(uHeight);
    let bad = false;
    if (!roomId) { form.set('roomId', t('addRack.roomRequired')); bad = true; }
    if (xMm === null) { form.set('xMm', t('invalid.lengthRoom')); bad = true; }
    if (yMm === null) { form.set('yMm', t('invalid.lengthRoom')); bad = true; }
    if (u === null || !Number.isInteger(u) || u < 1) { form.set('uHeight', t('invalid.uWhole')); bad = true; }
    if (bad) return;
    setBusy(true);
    try {
      const out = await call('cmd.rack.create', {
        roomId, xMm: xMm!, yMm: yMm!, rotationDeg: rotation, uHeight: u!, ...(name.trim() ? { name: name.trim() } : {}),
      });
      onClose();
      selectEntity('rack', [out.result.id]);
    } catch (err) {
      form.fromError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={t('addRack.title')}
      icon={<Icon name="rack" />}
      onClose={onClose}
      onSubmit={() => void submit()}
      active={active}
      busy={busy}
      testId="add-rack-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="btn btn-primary" disabled={busy || !roomId} data-testid="add-rack-submit">{t('addRack.submit')}</button>
        </>
      }
    >
      <div className="field-grid">
        <SelectField label={t('field.room')} value={roomId} onChange={(e) => changeRoom(e.target.value)} error={form.errors.roomId} data-testid="add-rack-room">
          {rooms.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
        </SelectField>
        <TextField label={t('field.name')} value={name} placeholder={autoName} onChange={(e) => setName(e.target.value)} error={form.errors.name}
          hint={t('common.autoNameHint', { name: autoName })} data-testid="add-rack-name" maxLength={120} />
        <TextField label={t('field.x')} value={x} onChange={(e) => setX(e.target.value)} error={form.errors.xMm} numeric
          hint={t('addRack.positionHint')} data-testid="add-rack-x" />
        <TextField label={t('field.y')} value={y} onChange={(e) => setY(e.target.value)} error={form.errors.yMm} numeric data-testid="add-rack-y" />
        <SelectField label={t('field.rotation')} value={String(rotation)} onChange={(e) => setRotation(Number(e.target.value))} error={form.errors.rotationDeg} data-testid="add-rack-rotation">
          {ROTATIONS.map((r) => <option key={r} value={r}>{t(`addRack.rotation${r}`)}</option>)}
        </SelectField>
        <TextField label={t('field.uHeight')} value={uHeight} onChange={(e) => setUHeight(e.target.value)} error={form.errors.uHeight} numeric suffix="U" data-testid="add-rack-u" />
      </div>
      <p className="dialog-hint">{t('addRack.defaultsHint', { width: units.length(RACK_DEFAULTS.widthMm, 'equipment'), depth: units.length(RACK_DEFAULTS.depthMm, 'equipment'), kw: units.powerKw(RACK_DEFAULTS.maxKw) })}</p>
      {form.general && <p className="form-error" role="alert"><Icon name="alertCircle" size={14} />{form.general}</p>}
    </Modal>
  );
}
