/**
 * "Find space for devices…" (issue 4, §5): a device type, a quantity and a redundancy need in; the
 * racks with room for them in space, power on both feeds, cooling and weight out, best first, each
 * with why (core/capacity/placement.ts). "Place all" sends the plan as one `device.placeMany`:
 * one undo step.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { findPlacements, type PlacementRedundancy, type PlacementResult, type RackPlacement } from '../../../core/capacity/placement';
import { call } from '../api/client';
import { toSerializedError } from '../api/errors';
import { toast } from '../app/controller';
import { SelectField, TextField } from '../components/Field';
import { Icon } from '../components/Icon';
import { Modal } from '../components/Modal';
import { getChecker, useFindings } from '../findings/useFindings';
import { useReadOnly, useUnits } from '../hooks';
import { selectDeviceTypes } from '../state/selectors';
import { useStore } from '../state/store';
import { formatPowerW } from '../units';

type Outcome = { ok: true; result: PlacementResult } | { ok: false; message: string } | null;

export function PlacementDialog({ roomId, onClose }: { roomId: string | null; onClose(): void }) {
  const { t } = useTranslation();
  const units = useUnits();
  const readOnly = useReadOnly();
  const types = useStore(selectDeviceTypes).filter((d) => d.subdeviceRole !== 'child' && d.uHeight > 0);
  const rooms = useStore((s) => s.snapshot!.rooms);
  const snapshot = useFindings((f) => f.snapshot);
  const [typeId, setTypeId] = useState(types[0]?.id ?? '');
  const [quantityText, setQuantityText] = useState('4');
  const [redundancy, setRedundancy] = useState<PlacementRedundancy>('ab');
  const [scope, setScope] = useState<string>(roomId ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const quantity = Number(quantityText);
  const quantityOk = Number.isInteger(quantity) && quantity >= 1 && quantity <= 5000;

  const outcome: Outcome = useMemo(() => {
    void snapshot;
    const checker = getChecker();
    if (!checker || !typeId || !quantityOk) return null;
    try {
      return { ok: true, result: findPlacements(checker, { typeId, quantity, redundancy, ...(scope ? { roomId: scope } : {}) }) };
    } catch (err) {
      return { ok: false, message: toSerializedError(err).message };
    }
  }, [snapshot, typeId, quantity, quantityOk, redundancy, scope]);

  const result = outcome?.ok ? outcome.result : null;
  const placed = result ? result.plan.length : 0;
  const placeAll = async () => {
    if (!result || placed === 0 || busy) return;
    setBusy(true);
    setError(null);
    try {
      await call('cmd.device.placeMany', { placements: result.plan });
      const racks = new Set(result.plan.map((p) => p.rackId)).size;
      toast(t('powerUi.place.done', { count: racks, devices: placed, model: result.type.model }), 'success');
      onClose();
    } catch (err) {
      setError(toSerializedError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const perRack = new Map<string, number>();
  for (const p of result?.plan ?? []) perRack.set(p.rackId, (perRack.get(p.rackId) ?? 0) + 1);
  const excludedBy = new Map<string, number>();
  for (const x of result?.excluded ?? []) excludedBy.set(x.reason, (excludedBy.get(x.reason) ?? 0) + 1);

  return (
    <Modal
      title={t('powerUi.place.title')}
      size="lg"
      onClose={onClose}
      onSubmit={() => void placeAll()}
      busy={busy}
      testId="placement-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>{t('powerUi.place.cancel')}</button>
          <button type="submit" className="btn btn-primary" disabled={readOnly || busy || placed === 0} data-testid="placement-submit">
            {t('powerUi.place.submit', { count: placed })}
          </button>
        </>
      }
    >
      <div className="field-grid pw-place-form">
        <SelectField label={t('powerUi.place.type')} value={typeId} onChange={(e) => setTypeId(e.target.value)} data-testid="placement-type" wide>
          {types.map((d) => (
            <option key={d.id} value={d.id}>
              {`${d.manufacturer} ${d.model} · ${units.u(d.uHeight)}${d.powerTypicalW ?? d.powerMaxW ? ` · ${formatPowerW((d.powerTypicalW ?? d.powerMaxW)!, units.locale)}` : ''}${(d.psuCount ?? 1) >= 2 ? ` · ${t('powerUi.place.dualShort')}` : ''}`}
            </option>
          ))}
        </SelectField>
        <TextField label={t('powerUi.place.quantity')} value={quantityText} onChange={(e) => setQuantityText(e.target.value)} numeric
          error={quantityOk ? undefined : t('powerUi.place.quantityInvalid')} data-testid="placement-quantity" />
        <SelectField label={t('powerUi.place.redundancy')} value={redundancy} onChange={(e) => setRedundancy(e.target.value as PlacementRedundancy)} data-testid="placement-redundancy">
          <option value="ab">{t('powerUi.place.ab')}</option>
          <option value="none">{t('powerUi.place.none')}</option>
        </SelectField>
        <SelectField label={t('powerUi.place.scope')} value={scope} onChange={(e) => setScope(e.target.value)} data-testid="placement-scope">
          <option value="">{t('powerUi.place.allRooms')}</option>
          {Object.values(rooms).map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
        </SelectField>
      </div>

      {outcome && !outcome.ok && <p className="form-error" role="alert" data-testid="placement-error"><Icon name="alertCircle" size={14} />{outcome.message}</p>}
      {result && (
        <>
          <p className={`pw-place-summary${result.unplaced > 0 ? ' is-short' : ''}`} data-testid="placement-summary" data-placed={placed} data-unplaced={result.unplaced}>
            {result.unplaced > 0
              ? t('powerUi.place.summaryShort', { placed, quantity, unplaced: result.unplaced })
              : t('powerUi.place.summary', { count: placed, draw: formatPowerW(result.drawW, units.locale) })}
          </p>
          {result.racks.length > 0 ? (
            <div className="pw-table-wrap pw-place-table">
              <table className="pw-table" data-testid="placement-racks">
                <thead>
                  <tr>
                    <th scope="col" className="num">#</th>
                    <th scope="col">{t('powerUi.tables.rack')}</th>
                    <th scope="col" className="num">{t('powerUi.place.fits')}</th>
                    <th scope="col" className="num">{t('powerUi.place.planned')}</th>
                    <th scope="col">{t('powerUi.place.limitedBy')}</th>
                    <th scope="col" className="num">{t('powerUi.place.space')}</th>
                    <th scope="col" className="num">{t('powerUi.place.budget')}</th>
                    <th scope="col" className="num">{t('powerUi.place.feeds')}</th>
                    <th scope="col" className="num">{t('powerUi.place.cooling')}</th>
                    <th scope="col" className="num">{t('powerUi.place.weight')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.racks.slice(0, 40).map((r, i) => <PlacementRow key={r.rackId} rank={i + 1} r={r} planned={perRack.get(r.rackId) ?? 0} roomName={scope ? null : rooms[r.roomId]?.name ?? null} />)}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="pw-empty-line" data-testid="placement-none">{t('powerUi.place.noRack')}</p>
          )}
          {result.excluded.length > 0 && (
            <p className="dialog-hint" data-testid="placement-excluded">
              {t('powerUi.place.excluded', { count: result.excluded.length })}{' '}
              {[...excludedBy.entries()].map(([reason, n]) => t('powerUi.place.excludedBy', { reason: t(`powerUi.place.reason.${reason}`), count: n })).join(' · ')}
            </p>
          )}
        </>
      )}
      {error && <p className="form-error" role="alert"><Icon name="alertCircle" size={14} />{error}</p>}
    </Modal>
  );
}

function PlacementRow({ rank, r, planned, roomName }: { rank: number; r: RackPlacement; planned: number; roomName: string | null }) {
  const { t } = useTranslation();
  const units = useUnits();
  const w = (watts: number) => formatPowerW(watts, units.locale);
  const h = r.headroom;
  const tightFeed = h.feeds.filter((f) => f.perDeviceW > 0).sort((a, b) => a.headroomW - b.headroomW)[0];
  return (
    <tr className={planned > 0 ? 'is-picked' : undefined} data-testid="placement-rack" data-rack={r.name}>
      <td className="num muted">{rank}</td>
      <td>{r.name}{roomName && <div className="pw-cause">{roomName}</div>}</td>
      <td className="num">{r.fits}</td>
      <td className="num">{planned > 0 ? <strong>{planned}</strong> : '—'}<div className="pw-cause">{planned > 0 ? r.positions.slice(0, planned).map((p) => `U${p}`).join(', ') : ''}</div></td>
      <td>{t(`powerUi.place.reason.${r.limitedBy}`)}</td>
      <td className="num">{units.u(h.freeU)}<div className="pw-cause">{t('powerUi.place.largestBlock', { u: units.u(h.largestFreeU) })}</div></td>
      <td className="num">{h.power ? w(h.power.headroomW) : '—'}</td>
      <td className="num">
        {h.feeds.length === 0 ? t('powerUi.tables.noFeed') : h.feeds.map((f) => `${f.side} ${w(f.headroomW)}`).join(' · ')}
        {tightFeed && <div className="pw-cause">{t('powerUi.place.onFailover')}</div>}
      </td>
      <td className="num">{h.cooling ? w(h.cooling.headroomW) : '—'}</td>
      <td className="num">{h.weight ? units.mass(h.weight.headroomKg) : '—'}</td>
    </tr>
  );
}
