/**
 * Power and capacity sections added to the properties panel's own inspectors: a rack's feeds A
 * and B, "Connect feeds…" for several racks at once, a room's design conditions, a device's cords,
 * and a cooler's zone. Each field is one command; the values shown come from the mirror and the
 * checker.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Device, FeedSide, FloorEquipment, PowerFeed, Rack, Room } from '../../../core/model/schema';
import { ASHRAE_CLASSES, COOLING_KINDS, FEED_SIDES, REDUNDANCIES } from '../../../core/model/schema';
import { FEED_DEFAULTS } from '../../../core/commands/power';
import { call } from '../api/client';
import { toSerializedError } from '../api/errors';
import { attempt, toast } from '../app/controller';
import { Icon } from '../components/Icon';
import { PropField, PropSelect, PropValue } from '../components/PropField';
import { useReadOnly, useUnits } from '../hooks';
import { navigate } from '../app/navigation';
import { route } from '../router';
import { devicesInRack } from '../state/selectors';
import { useStore } from '../state/store';
import { formatPowerW, parseDecimal } from '../units';
import { numberField, optionalNumberField, PowerSection } from './fields';
import { feedSources, floorLoadUnit, formatFloorLoad, parseFloorLoad, pctOf } from './model';
import '../styles/power.css';
import { BoltIcon, Meter, WhatIfButton } from './parts';
import { canFail, pickElement, runWhatIf, useCapacityReport } from './powerState';

const NONE = '';

// ---------------------------------------------------------------- rack feeds

export function RackFeeds({ rack }: { rack: Rack }) {
  const { t } = useTranslation();
  const feeds = useStore((s) => s.snapshot!.powerFeeds);
  const hasChain = useStore((s) => Object.keys(s.snapshot!.powerElements).length > 0);
  const bySide: Partial<Record<FeedSide, PowerFeed>> = {};
  for (const f of Object.values(feeds)) if (f.rackId === rack.id) bySide[f.side] = f;
  return (
    <PowerSection title={t('powerUi.feeds.title')} testId="rack-feeds">
      {!hasChain ? (
        <div className="pw-note-block">
          <p className="props-note">{t('powerUi.feeds.noChain')}</p>
          <button type="button" className="btn btn-block" onClick={() => navigate(route('roomCapacity', { roomId: rack.roomId }))} data-testid="feeds-open-capacity">
            <BoltIcon size={14} />{t('powerUi.view.open')}
          </button>
        </div>
      ) : (
        FEED_SIDES.map((side) => (bySide[side] ? <FeedEditor key={side} feed={bySide[side]!} rack={rack} /> : <FeedConnect key={side} rack={rack} side={side} />))
      )}
      <RackZoneField rack={rack} />
    </PowerSection>
  );
}

function FeedEditor({ feed, rack }: { feed: PowerFeed; rack: Rack }) {
  const { t } = useTranslation();
  const units = useUnits();
  const readOnly = useReadOnly();
  const elements = useStore((s) => s.snapshot!.powerElements);
  const devices = useStore((s) => devicesInRack(s, rack.id));
  const types = useStore((s) => s.snapshot!.deviceTypes);
  const failed = useStore((s) => s.whatIf?.failedIds.includes(feed.id) ?? false);
  const report = useCapacityReport();
  const analysis = report?.racks.find((r) => r.rackId === rack.id)?.feeds[feed.side];
  const update = (patch: Record<string, unknown>) => call('cmd.powerFeed.update', { id: feed.id, patch });
  const k = feed.id;
  const sources = feedSources(elements);
  const pdus = devices.filter((d) => types[d.typeId]?.role === 'pdu' || types[d.typeId]?.pduInletA !== undefined);
  const w = (watts: number) => formatPowerW(watts, units.locale);
  const warnAt = report?.settings.warnAtPct ?? 80;
  return (
    <div className="pw-feed" data-testid={`feed-${feed.side}`}>
      <div className="pw-feed-head">
        <span className={`pw-side pw-side-${feed.side}`}>{feed.side}</span>
        <span className="pw-feed-name">{feed.name}</span>
        <WhatIfButton label={t('powerUi.whatIf.forName', { name: feed.name })} onClick={() => runWhatIf([feed.id])} active={failed} testId={`feed-${feed.side}-whatif`} />
        <button type="button" className="btn-icon btn-icon-sm" disabled={readOnly} aria-label={t('powerUi.feeds.remove', { name: feed.name })} title={t('powerUi.feeds.remove', { name: feed.name })}
          onClick={() => void attempt(() => call('cmd.layout.delete', { items: [{ kind: 'powerFeeds', id: feed.id }] }))} data-testid={`feed-${feed.side}-remove`}>
          <Icon name="trash" size={12} />
        </button>
      </div>
      <PropSelect label={t('powerUi.feeds.source')} value={feed.sourceId} options={sources.map((e) => ({ value: e.id, label: e.name }))}
        onCommit={(v) => update({ sourceId: v })} entityKey={k} readOnly={readOnly} testId={`feed-${feed.side}-source`} />
      <PropField label={t('powerUi.field.breaker')} value={feed.breakerA} {...numberField(units, 'A', { positive: true, digits: 1 })} invalidMessage={t('powerUi.invalid.positive')}
        onCommit={(v) => update({ breakerA: v })} entityKey={k} readOnly={readOnly} testId={`feed-${feed.side}-breakerA`} />
      <PropField label={t('powerUi.field.voltage')} value={feed.voltageV} {...numberField(units, 'V', { positive: true, digits: 0 })} invalidMessage={t('powerUi.invalid.positive')}
        onCommit={(v) => update({ voltageV: v })} entityKey={k} readOnly={readOnly} testId={`feed-${feed.side}-voltageV`} />
      <PropSelect label={t('powerUi.field.phases')} value={String(feed.phases) as '1' | '3'} options={[{ value: '1', label: t('powerUi.field.phase1') }, { value: '3', label: t('powerUi.field.phase3') }]}
        onCommit={(v) => update({ phases: Number(v) })} entityKey={k} readOnly={readOnly} testId={`feed-${feed.side}-phases`} />
      <PropSelect label={t('powerUi.feeds.rackPdu')} value={feed.rackPduDeviceId ?? NONE}
        options={[{ value: NONE, label: t('powerUi.feeds.noPdu') }, ...pdus.map((d) => ({ value: d.id, label: d.name }))]}
        onCommit={(v) => update({ rackPduDeviceId: v === NONE ? null : v })} entityKey={k} readOnly={readOnly} testId={`feed-${feed.side}-pdu`} />
      {analysis && (
        <>
          <PropValue label={t('powerUi.feeds.capacity')} testId={`feed-${feed.side}-capacity`}>{w(analysis.capacityW)}</PropValue>
          <PropValue label={t('powerUi.feeds.normal')} testId={`feed-${feed.side}-normal`}>{w(analysis.normalW)}</PropValue>
          <div className="pw-prop-meter"><Meter pct={pctOf(analysis.normalW, analysis.capacityW)} warnAtPct={warnAt} locale={units.locale} /></div>
          <PropValue label={t('powerUi.feeds.failover')} testId={`feed-${feed.side}-failover`}>{w(analysis.failoverW)}</PropValue>
          <div className="pw-prop-meter"><Meter pct={pctOf(analysis.failoverW, analysis.capacityW)} warnAtPct={warnAt} locale={units.locale} /></div>
          <PropValue label={t('powerUi.feeds.cords')}>{analysis.cords}</PropValue>
        </>
      )}
    </div>
  );
}

function FeedConnect({ rack, side }: { rack: Rack; side: FeedSide }) {
  const { t } = useTranslation();
  const readOnly = useReadOnly();
  const elements = useStore((s) => s.snapshot!.powerElements);
  const sources = feedSources(elements);
  const [source, setSource] = useState(NONE);
  const [error, setError] = useState<string | null>(null);
  const connect = async () => {
    setError(null);
    try {
      await call('cmd.powerFeed.create', { rackId: rack.id, side, sourceId: source });
      setSource(NONE);
    } catch (err) {
      setError(toSerializedError(err).message);
    }
  };
  return (
    <div className="pw-feed pw-feed-missing" data-testid={`feed-${side}-missing`}>
      <div className="pw-feed-head">
        <span className={`pw-side pw-side-${side}`}>{side}</span>
        <span className="pw-feed-name muted">{t('powerUi.feeds.none', { side })}</span>
      </div>
      <div className="pw-inline-form">
        <label className="visually-hidden" htmlFor={`pw-src-${rack.id}-${side}`}>{t('powerUi.feeds.source')}</label>
        <select id={`pw-src-${rack.id}-${side}`} className="input select" value={source} onChange={(e) => setSource(e.target.value)} disabled={readOnly} data-testid={`feed-${side}-new-source`}>
          <option value={NONE}>{t('powerUi.feeds.chooseSource')}</option>
          {sources.map((e) => <option key={e.id} value={e.id}>{e.name}</option>)}
        </select>
        <button type="button" className="btn" disabled={readOnly || source === NONE} onClick={() => void connect()} data-testid={`feed-${side}-connect`}>
          {t('powerUi.feeds.connect')}
        </button>
      </div>
      {error && <p className="prop-error" role="alert"><Icon name="alertCircle" size={13} /><span>{error}</span></p>}
    </div>
  );
}

function RackZoneField({ rack }: { rack: Rack }) {
  const { t } = useTranslation();
  const readOnly = useReadOnly();
  return (
    <PropField label={t('powerUi.field.zone')} value={rack.zone ?? ''} format={(v) => v} parse={(v) => (v.trim() === '' ? null : v.trim())}
      invalidMessage={t('powerUi.invalid.zone')} onCommit={(v) => call('cmd.rack.update', { id: rack.id, patch: { zone: v } })} entityKey={`${rack.id}:zone`} readOnly={readOnly} testId="rack-zone" />
  );
}

// ---------------------------------------------------------------- several racks

export function ConnectFeeds({ rackIds }: { rackIds: readonly string[] }) {
  const { t } = useTranslation();
  const units = useUnits();
  const readOnly = useReadOnly();
  const elements = useStore((s) => s.snapshot!.powerElements);
  const sources = feedSources(elements);
  const [side, setSide] = useState<FeedSide>('A');
  const [source, setSource] = useState(NONE);
  const [breaker, setBreaker] = useState(String(FEED_DEFAULTS.breakerA));
  const [voltage, setVoltage] = useState(String(FEED_DEFAULTS.voltageV));
  const [phases, setPhases] = useState<1 | 3>(FEED_DEFAULTS.phases as 1 | 3);
  const [error, setError] = useState<string | null>(null);
  if (sources.length === 0) return null;
  const breakerA = parseDecimal(breaker, units.locale);
  const voltageV = parseDecimal(voltage, units.locale);
  const valid = source !== NONE && breakerA !== null && breakerA > 0 && voltageV !== null && voltageV > 0;
  const submit = async () => {
    if (!valid) return;
    setError(null);
    try {
      const out = await call('cmd.powerFeed.connect', { rackIds: [...rackIds], side, sourceId: source, breakerA: breakerA!, voltageV: voltageV!, phases });
      toast(t('powerUi.connect.done', { count: rackIds.length, side, source: elements[source]?.name ?? source, created: out.result.created }), 'success');
    } catch (err) {
      setError(toSerializedError(err).message);
    }
  };
  return (
    <PowerSection title={t('powerUi.connect.title', { count: rackIds.length })} testId="connect-feeds">
      <p className="props-note">{t('powerUi.connect.hint')}</p>
      <div className="pw-form-grid">
        <label htmlFor="pw-connect-side">{t('powerUi.connect.side')}</label>
        <select id="pw-connect-side" className="input select" value={side} onChange={(e) => setSide(e.target.value as FeedSide)} data-testid="connect-side">
          {FEED_SIDES.map((s) => <option key={s} value={s}>{t('powerUi.connect.sideOption', { side: s })}</option>)}
        </select>
        <label htmlFor="pw-connect-source">{t('powerUi.feeds.source')}</label>
        <select id="pw-connect-source" className="input select" value={source} onChange={(e) => setSource(e.target.value)} data-testid="connect-source">
          <option value={NONE}>{t('powerUi.feeds.chooseSource')}</option>
          {sources.map((e) => <option key={e.id} value={e.id}>{e.name}</option>)}
        </select>
        <label htmlFor="pw-connect-breaker">{t('powerUi.field.breaker')}</label>
        <span className="pw-input-unit"><input id="pw-connect-breaker" className="input input-numeric" value={breaker} onChange={(e) => setBreaker(e.target.value)} data-testid="connect-breaker" /><span>A</span></span>
        <label htmlFor="pw-connect-voltage">{t('powerUi.field.voltage')}</label>
        <span className="pw-input-unit"><input id="pw-connect-voltage" className="input input-numeric" value={voltage} onChange={(e) => setVoltage(e.target.value)} data-testid="connect-voltage" /><span>V</span></span>
        <label htmlFor="pw-connect-phases">{t('powerUi.field.phases')}</label>
        <select id="pw-connect-phases" className="input select" value={phases} onChange={(e) => setPhases(Number(e.target.value) as 1 | 3)} data-testid="connect-phases">
          <option value={1}>{t('powerUi.field.phase1')}</option>
          <option value={3}>{t('powerUi.field.phase3')}</option>
        </select>
      </div>
      {error && <p className="prop-error" role="alert"><Icon name="alertCircle" size={13} /><span>{error}</span></p>}
      <div className="props-actions">
        <button type="button" className="btn btn-primary btn-block" disabled={readOnly || !valid} onClick={() => void submit()} data-testid="connect-submit">
          <BoltIcon size={14} />{t('powerUi.connect.submit', { count: rackIds.length, side })}
        </button>
      </div>
    </PowerSection>
  );
}

// ---------------------------------------------------------------- room

export function RoomCapacityFields({ room }: { room: Room }) {
  const { t } = useTranslation();
  const units = useUnits();
  const readOnly = useReadOnly();
  const report = useCapacityReport();
  const update = (patch: Record<string, unknown>) => call('cmd.room.update', { id: room.id, patch });
  const k = room.id;
  const defaults = report?.settings;
  const roomCap = report?.rooms.find((r) => r.roomId === room.id);
  return (
    <PowerSection title={t('powerUi.room.title')} testId="room-capacity">
      <PropSelect label={t('powerUi.room.ashrae')} value={room.ashraeClass ?? 'A1'} options={ASHRAE_CLASSES.map((c) => ({ value: c, label: t(`powerUi.room.class.${c}`) }))}
        onCommit={(v) => update({ ashraeClass: v })} entityKey={k} readOnly={readOnly} testId="room-ashraeClass" />
      <PropField<number | undefined> label={t('powerUi.room.supplyTemp')} value={room.supplyTempC} {...optionalNumberField(units, '°C', { min: -20, max: 60, digits: 1 })}
        invalidMessage={t('powerUi.invalid.temperature')} onCommit={(v) => update({ supplyTempC: v })} entityKey={k} readOnly={readOnly} testId="room-supplyTempC" />
      <PropField<number | undefined> label={t('powerUi.room.supplyRh')} value={room.supplyRhPct} {...optionalNumberField(units, '%', { min: 0, max: 100, digits: 0 })}
        invalidMessage={t('powerUi.invalid.percent')} onCommit={(v) => update({ supplyRhPct: v })} entityKey={k} readOnly={readOnly} testId="room-supplyRhPct" />
      <PropField<number | undefined> label={t('powerUi.room.floorRating')} value={room.floorRatingKgM2 ?? defaults?.floorRatingKgM2}
        format={(v) => (v === undefined ? '' : formatFloorLoad(v, units.opts))} parse={(text) => parseFloorLoad(text, units.opts, parseDecimal)}
        invalidMessage={t('powerUi.invalid.floor', { unit: floorLoadUnit(units.opts) })} numeric unit={floorLoadUnit(units.opts)}
        onCommit={(v) => update({ floorRatingKgM2: v })} entityKey={k} readOnly={readOnly} testId="room-floorRating" />
      <PropSelect label={t('powerUi.room.powerRedundancy')} value={room.powerRedundancy ?? 'N'} options={REDUNDANCIES.map((r) => ({ value: r, label: r }))}
        onCommit={(v) => update({ powerRedundancy: v })} entityKey={k} readOnly={readOnly} testId="room-powerRedundancy" />
      <PropSelect label={t('powerUi.room.coolingRedundancy')} value={room.coolingRedundancy ?? 'N+1'} options={[{ value: 'N', label: 'N' }, { value: 'N+1', label: 'N+1' }]}
        onCommit={(v) => update({ coolingRedundancy: v })} entityKey={k} readOnly={readOnly} testId="room-coolingRedundancy" />
      <PropField<number | undefined> label={t('powerUi.room.heatLoss')} value={room.heatLossPct ?? defaults?.heatLossPct} {...optionalNumberField(units, '%', { min: 0, max: 200, digits: 0 })}
        invalidMessage={t('powerUi.invalid.heatLoss')} onCommit={(v) => update({ heatLossPct: v })} entityKey={k} readOnly={readOnly} testId="room-heatLossPct" />
      {roomCap && (
        <>
          <PropValue label={t('powerUi.kpi.load')}>{formatPowerW(roomCap.loadW, units.locale)}</PropValue>
          <PropValue label={t('powerUi.kpi.cooling')}>{formatPowerW(roomCap.coolingCapacityW, units.locale)} <span className="muted">({t('powerUi.kpi.heat', { heat: formatPowerW(roomCap.heatW, units.locale) })})</span></PropValue>
        </>
      )}
      <div className="props-actions">
        <button type="button" className="btn btn-block" onClick={() => navigate(route('roomCapacity', { roomId: room.id }))} data-testid="room-open-capacity">
          <BoltIcon size={14} />{t('powerUi.view.open')}
        </button>
      </div>
    </PowerSection>
  );
}

// ---------------------------------------------------------------- device

export function DevicePowerFields({ device }: { device: Device }) {
  const { t } = useTranslation();
  const units = useUnits();
  const readOnly = useReadOnly();
  const type = useStore((s) => s.snapshot!.deviceTypes[device.typeId]);
  if (!type) return null;
  const draws = (type.powerMaxW ?? type.powerTypicalW ?? 0) > 0;
  const cords = type.psuCount ?? (draws ? 1 : 0);
  return (
    <PowerSection title={t('powerUi.device.title')} testId="device-power">
      <PropField<number | undefined> label={t('powerUi.device.psuCount')} value={cords} {...optionalNumberField(units, '', { min: 0, max: 16, integer: true, digits: 0 })}
        invalidMessage={t('powerUi.invalid.psu')} onCommit={(v) => call('cmd.deviceType.upsert', { deviceType: { ...type, psuCount: v } })}
        entityKey={`${device.id}:${type.id}`} readOnly={readOnly} testId="device-psuCount" />
      <p className="props-note">{t('powerUi.device.psuHint', { model: type.model })}</p>
      {!draws ? null : cords < 2 ? (
        <PropSelect label={t('powerUi.device.powerSide')} value={device.powerSide ?? 'A'} options={FEED_SIDES.map((s) => ({ value: s, label: t('powerUi.connect.sideOption', { side: s }) }))}
          onCommit={(v) => call('cmd.device.update', { id: device.id, patch: { powerSide: v } })} entityKey={device.id} readOnly={readOnly} testId="device-powerSide" />
      ) : (
        <PropValue label={t('powerUi.device.powerSide')}>{t('powerUi.device.dual')}</PropValue>
      )}
    </PowerSection>
  );
}

// ---------------------------------------------------------------- floor equipment

export function FloorEquipmentPower({ fe }: { fe: FloorEquipment }) {
  const { t } = useTranslation();
  const readOnly = useReadOnly();
  const snapshot = useStore((s) => s.snapshot!);
  const cooler = COOLING_KINDS.has(fe.kind);
  const element = Object.values(snapshot.powerElements).find((e) => e.floorEquipmentId === fe.id);
  if (!cooler && !element) return null;
  return (
    <PowerSection title={t(cooler ? 'powerUi.fe.coolingTitle' : 'powerUi.fe.powerTitle')} testId="fe-power">
      {cooler && (
        <PropField label={t('powerUi.field.zone')} value={fe.zone ?? ''} format={(v) => v} parse={(v) => (v.trim() === '' ? null : v.trim())}
          invalidMessage={t('powerUi.invalid.zone')} onCommit={(v) => call('cmd.floorEquipment.update', { id: fe.id, patch: { zone: v } })} entityKey={`${fe.id}:zone`} readOnly={readOnly} testId="fe-zone" />
      )}
      {element && (
        <PropValue label={t('powerUi.fe.element')}>
          <button type="button" className="link" onClick={() => pickElement(element.id)} data-testid="fe-element">{element.name}</button>
        </PropValue>
      )}
      {canFail(snapshot, fe.id) && (
        <div className="props-actions">
          <button type="button" className="btn btn-block" onClick={() => runWhatIf([fe.id])} data-testid="fe-whatif">
            <BoltIcon size={14} />{t('powerUi.whatIf.action')}
          </button>
        </div>
      )}
    </PowerSection>
  );
}
