import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nextFreeName } from '../../../core/commands/edit';
import { call } from '../api/client';
import { selectEntity } from '../app/navigation';
import { TextField } from '../components/Field';
import { Icon } from '../components/Icon';
import { Modal } from '../components/Modal';
import { useUnits } from '../hooks';
import { selectRooms } from '../state/selectors';
import { useStore } from '../state/store';
import { useFormErrors } from './formErrors';

/** The default room: 12 m × 9 m, a 20 × 15 tile hall. */
const DEFAULT_WIDTH_MM = 12000;
const DEFAULT_DEPTH_MM = 9000;

export function AddRoomDialog({ onClose, active }: { onClose(): void; active: boolean }) {
  const { t } = useTranslation();
  const units = useUnits();
  const rooms = useStore(selectRooms);
  const autoName = useMemo(() => nextFreeName(new Set(rooms.map((r) => r.name)), 'Room '), [rooms]);
  const [name, setName] = useState('');
  const [width, setWidth] = useState(() => units.length(DEFAULT_WIDTH_MM));
  const [depth, setDepth] = useState(() => units.length(DEFAULT_DEPTH_MM));
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(['name', 'widthMm', 'depthMm'] as const);

  const submit = async () => {
    form.clear();
    const widthMm = units.parseLength(width);
    const depthMm = units.parseLength(depth);
    let bad = false;
    if (widthMm === null || widthMm <= 0) { form.set('widthMm', t('invalid.lengthRoom')); bad = true; }
    if (depthMm === null || depthMm <= 0) { form.set('depthMm', t('invalid.lengthRoom')); bad = true; }
    if (bad) return;
    setBusy(true);
    try {
      const out = await call('cmd.room.create', { ...(name.trim() ? { name: name.trim() } : {}), widthMm: widthMm!, depthMm: depthMm! });
      onClose();
      selectEntity('room', [out.result.id]);
    } catch (err) {
      form.fromError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={t('addRoom.title')}
      icon={<Icon name="room" />}
      onClose={onClose}
      onSubmit={() => void submit()}
      active={active}
      busy={busy}
      testId="add-room-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="add-room-submit">{t('addRoom.submit')}</button>
        </>
      }
    >
      <TextField label={t('field.name')} value={name} placeholder={autoName} onChange={(e) => setName(e.target.value)} error={form.errors.name}
        hint={t('common.autoNameHint', { name: autoName })} data-testid="add-room-name" maxLength={120} wide />
      <div className="field-grid">
        <TextField label={t('field.width')} value={width} onChange={(e) => setWidth(e.target.value)} error={form.errors.widthMm} numeric
          hint={t('common.unitHint', { unit: units.lengthUnit('room') })} data-testid="add-room-width" />
        <TextField label={t('field.depth')} value={depth} onChange={(e) => setDepth(e.target.value)} error={form.errors.depthMm} numeric
          hint={t('common.unitHint', { unit: units.lengthUnit('room') })} data-testid="add-room-depth" />
      </div>
      {form.general && <p className="form-error" role="alert"><Icon name="alertCircle" size={14} />{form.general}</p>}
    </Modal>
  );
}
