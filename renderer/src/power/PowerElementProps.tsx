/**
 * The inspector of a power element (utility, generator, ATS, UPS, switchboard, PDU, RPP, panel):
 * its ratings and where it is fed from, edited inline through `powerElement.update`, and what the
 * engine computes for it: capacity, normal and worst-case load, and what its failure costs.
 */
import { useTranslation } from 'react-i18next';
import type { PowerElement } from '../../../core/model/schema';
import { POWER_ELEMENT_KINDS, REDUNDANCIES } from '../../../core/model/schema';
import { call } from '../api/client';
import { attempt } from '../app/controller';
import { shortcutLabel } from '../app/actions';
import { Icon } from '../components/Icon';
import { PropField, PropSelect, PropValue } from '../components/PropField';
import { useReadOnly, useUnits } from '../hooks';
import { selectRooms } from '../state/selectors';
import { useStore } from '../state/store';
import { formatPowerW } from '../units';
import { nullableNumberField, numberField, optionalNumberField, orNull, PowerSection } from './fields';
import { downstreamOf, pctOf } from './model';
import { BoltIcon, Meter } from './parts';
import { pickElement, runWhatIf, useCapacityReport } from './powerState';

const nameParse = (text: string) => (text.trim() === '' ? null : text.trim());
const NONE = '';

export function PowerElementProps({ element }: { element: PowerElement }) {
  const { t } = useTranslation();
  const units = useUnits();
  const readOnly = useReadOnly();
  const elements = useStore((s) => s.snapshot!.powerElements);
  const rooms = useStore(selectRooms);
  const floorEquipment = useStore((s) => s.snapshot!.floorEquipment);
  const feeds = useStore((s) => s.snapshot!.powerFeeds);
  const report = useCapacityReport();
  const load = report?.elements.find((e) => e.id === element.id);
  const k = element.id;
  const update = (patch: Record<string, unknown>) => call('cmd.powerElement.update', { id: element.id, patch });
  const w = (watts: number) => formatPowerW(watts, units.locale);
  const below = downstreamOf(elements, element.id);
  const candidates = Object.values(elements)
    .filter((e) => e.id !== element.id && !below.has(e.id) && !element.upstreamIds.includes(e.id))
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  const fedFeeds = Object.values(feeds).filter((f) => f.sourceId === element.id);
  const isUps = element.kind === 'ups';
  const roomEquipment = Object.values(floorEquipment).filter((fe) => !element.roomId || fe.roomId === element.roomId);
  const warnAt = report?.settings.warnAtPct ?? 80;
  const cap = load?.capacityW ?? null;

  const moveUpstream = (from: number, to: number) => {
    const ids = [...element.upstreamIds];
    const [id] = ids.splice(from, 1);
    ids.splice(to, 0, id!);
    return update({ upstreamIds: ids });
  };

  return (
    <PowerSection title={t(`powerUi.kind.${element.kind}`)} testId="props-power-element">
      <PropField label={t('powerUi.field.name')} value={element.name} format={(v) => v} parse={nameParse} invalidMessage={t('powerUi.invalid.name')}
        onCommit={(v) => update({ name: v })} entityKey={k} readOnly={readOnly} testId="pe-name" />
      <PropSelect label={t('powerUi.field.kind')} value={element.kind} options={POWER_ELEMENT_KINDS.map((kind) => ({ value: kind, label: t(`powerUi.kind.${kind}`) }))}
        onCommit={(v) => update({ kind: v })} entityKey={k} readOnly={readOnly} testId="pe-kind" />

      <div className="props-group-title">{t('powerUi.field.fedFrom')}</div>
      {element.upstreamIds.length === 0 && <p className="props-note">{t('powerUi.field.isSource')}</p>}
      <ol className="pw-upstreams" data-testid="pe-upstreams">
        {element.upstreamIds.map((id, i) => (
          <li key={id}>
            <button type="button" className="link" onClick={() => pickElement(id)}>{elements[id]?.name ?? id}</button>
            <span className="muted">{i === 0 ? t('powerUi.field.primary') : t('powerUi.field.alternate')}</span>
            <span className="row-order-buttons">
              <button type="button" className="btn-icon btn-icon-sm" disabled={readOnly || i === 0} onClick={() => void attempt(() => moveUpstream(i, i - 1))}
                aria-label={t('powerUi.field.makePrimary', { name: elements[id]?.name ?? id })}>
                <Icon name="chevronUp" size={12} />
              </button>
              <button type="button" className="btn-icon btn-icon-sm" disabled={readOnly} onClick={() => void attempt(() => update({ upstreamIds: element.upstreamIds.filter((u) => u !== id) }))}
                aria-label={t('powerUi.field.removeUpstream', { name: elements[id]?.name ?? id })}>
                <Icon name="close" size={12} />
              </button>
            </span>
          </li>
        ))}
      </ol>
      {candidates.length > 0 && (
        <PropSelect label={t('powerUi.field.addUpstream')} value={NONE}
          options={[{ value: NONE, label: t('powerUi.field.choose') }, ...candidates.map((e) => ({ value: e.id, label: `${e.name} · ${t(`powerUi.kindShort.${e.kind}`)}` }))]}
          onCommit={(v) => (v === NONE ? Promise.resolve() : update({ upstreamIds: [...element.upstreamIds, v] }))} entityKey={k} readOnly={readOnly} testId="pe-add-upstream" />
      )}

      <div className="props-group-title">{t('powerUi.field.ratings')}</div>
      <PropField label={t('powerUi.field.voltage')} value={element.voltageV} {...numberField(units, 'V', { positive: true, digits: 0 })} invalidMessage={t('powerUi.invalid.positive')}
        onCommit={(v) => update({ voltageV: v })} entityKey={k} readOnly={readOnly} testId="pe-voltageV" />
      <PropSelect label={t('powerUi.field.phases')} value={String(element.phases) as '1' | '3'} options={[{ value: '1', label: t('powerUi.field.phase1') }, { value: '3', label: t('powerUi.field.phase3') }]}
        onCommit={(v) => update({ phases: Number(v) })} entityKey={k} readOnly={readOnly} testId="pe-phases" />
      <PropField<number | null> label={t('powerUi.field.breaker')} value={element.breakerA} {...nullableNumberField(units, 'A', 0)} invalidMessage={t('powerUi.invalid.positive')}
        onCommit={(v) => update({ breakerA: orNull(v) })} entityKey={k} readOnly={readOnly} testId="pe-breakerA" />
      <PropField<number | null> label={t('powerUi.field.ratingKw')} value={element.ratingKw} {...nullableNumberField(units, 'kW', 1)} invalidMessage={t('powerUi.invalid.number')}
        onCommit={(v) => update({ ratingKw: orNull(v) })} entityKey={k} readOnly={readOnly} testId="pe-ratingKw" />
      <PropField<number | null> label={t('powerUi.field.ratingKva')} value={element.ratingKva} {...nullableNumberField(units, 'kVA', 1)} invalidMessage={t('powerUi.invalid.number')}
        onCommit={(v) => update({ ratingKva: orNull(v) })} entityKey={k} readOnly={readOnly} testId="pe-ratingKva" />
      <PropField<number | undefined> label={t('powerUi.field.powerFactor')} value={element.powerFactor ?? report?.settings.powerFactor} {...optionalNumberField(units, '', { min: 0.01, max: 1 })}
        invalidMessage={t('powerUi.invalid.powerFactor')} onCommit={(v) => update({ powerFactor: v })} entityKey={k} readOnly={readOnly} testId="pe-powerFactor" />
      <PropField<number | undefined> label={t('powerUi.field.derating')} value={element.deratingPct ?? report?.settings.deratingPct} {...optionalNumberField(units, '%', { min: 1, max: 100, digits: 0 })}
        invalidMessage={t('powerUi.invalid.percent')} onCommit={(v) => update({ deratingPct: v })} entityKey={k} readOnly={readOnly} testId="pe-deratingPct" />
      {isUps && (
        <>
          <div className="props-group-title">{t('powerUi.field.ups')}</div>
          <PropField<number | undefined> label={t('powerUi.field.modules')} value={element.modules ?? 1} {...optionalNumberField(units, '', { min: 1, max: 64, integer: true, digits: 0 })}
            invalidMessage={t('powerUi.invalid.modules')} onCommit={(v) => update({ modules: v })} entityKey={k} readOnly={readOnly} testId="pe-modules" />
          <PropSelect label={t('powerUi.field.redundancy')} value={element.redundancy ?? 'N'} options={REDUNDANCIES.map((r) => ({ value: r, label: r }))}
            onCommit={(v) => update({ redundancy: v })} entityKey={k} readOnly={readOnly} testId="pe-redundancy" />
          <PropField label={t('powerUi.field.group')} value={element.group ?? ''} format={(v) => v} parse={(v) => (v.trim() === '' ? null : v.trim())} invalidMessage={t('powerUi.invalid.name')}
            onCommit={(v) => update({ group: v })} entityKey={k} readOnly={readOnly} testId="pe-group" />
        </>
      )}

      <div className="props-group-title">{t('powerUi.field.location')}</div>
      <PropSelect label={t('powerUi.field.room')} value={element.roomId ?? NONE}
        options={[{ value: NONE, label: t('powerUi.field.noRoom') }, ...rooms.map((r) => ({ value: r.id, label: r.name }))]}
        onCommit={(v) => update({ roomId: v === NONE ? null : v, ...(element.floorEquipmentId && floorEquipment[element.floorEquipmentId]?.roomId !== v ? { floorEquipmentId: null } : {}) })}
        entityKey={k} readOnly={readOnly} testId="pe-roomId" />
      <PropSelect label={t('powerUi.field.footprint')} value={element.floorEquipmentId ?? NONE}
        options={[{ value: NONE, label: t('powerUi.field.noFootprint') }, ...roomEquipment.map((fe) => ({ value: fe.id, label: fe.name }))]}
        onCommit={(v) => update({ floorEquipmentId: v === NONE ? null : v })} entityKey={k} readOnly={readOnly} testId="pe-floorEquipmentId" />

      <div className="props-group-title">{t('powerUi.field.computed')}</div>
      <PropValue label={t('powerUi.chain.capacity')} testId="pe-capacity">
        {cap !== null ? w(cap) : t('powerUi.chain.noRating')}
        {load?.rating.limitedBy && <span className="muted"> · {t(`powerUi.limitedBy.${load.rating.limitedBy}`)}</span>}
      </PropValue>
      {load?.rating.moduleW != null && <PropValue label={t('powerUi.field.perModule')}>{w(load.rating.moduleW)}</PropValue>}
      <PropValue label={t('powerUi.chain.normal')} testId="pe-normal">{load ? w(load.normalW) : '—'}</PropValue>
      <div className="pw-prop-meter"><Meter pct={load ? pctOf(load.normalW, cap) : null} warnAtPct={warnAt} locale={units.locale} /></div>
      <PropValue label={t('powerUi.chain.worst')} testId="pe-worst">
        {load ? w(load.worstW) : '—'}
        {load?.worstCause && <span className="muted"> · {t('powerUi.chain.ifFails', { name: elements[load.worstCause]?.name ?? load.worstCause })}</span>}
      </PropValue>
      <div className="pw-prop-meter"><Meter pct={load ? pctOf(load.worstW, cap) : null} warnAtPct={warnAt} locale={units.locale} /></div>
      <PropValue label={t('powerUi.field.lossOnFailure')}>{load ? w(load.lossOnFailureW) : '—'}</PropValue>
      <PropValue label={t('powerUi.field.racksDown')}>{load?.racksDownOnFailure ?? 0}</PropValue>
      <PropValue label={t('powerUi.field.feeds')}>{fedFeeds.length}</PropValue>

      <div className="props-actions">
        <button type="button" className="btn btn-block" onClick={() => runWhatIf([element.id])} data-testid="pe-whatif" title={shortcutLabel('power.whatIf')}>
          <BoltIcon size={14} />{t('powerUi.whatIf.action')}<kbd className="pw-kbd">{shortcutLabel('power.whatIf')}</kbd>
        </button>
        <button type="button" className="btn btn-danger-quiet btn-block" disabled={readOnly} data-testid="pe-delete"
          onClick={() => void attempt(() => call('cmd.layout.delete', { items: [{ kind: 'powerElements', id: element.id }] })).then((out) => { if (out) pickElement(null); })}>
          <Icon name="trash" size={14} />{fedFeeds.length > 0 ? t('powerUi.field.deleteWithFeeds', { count: fedFeeds.length }) : t('powerUi.field.delete')}
        </button>
      </div>
    </PowerSection>
  );
}
