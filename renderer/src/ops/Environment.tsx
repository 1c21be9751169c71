/**
 * Environment (issue 7 §4): the sensors with their latest reading, a chart per sensor over time
 * with the room's ASHRAE recommended and allowable envelopes drawn as bands BEHIND the readings,
 * the temperature min–max band and mean line, the dew point, and the excursions marked on the
 * chart and listed under it. The chart asks main for at most one bucket per two pixels of the
 * range on screen ('ops.sensorChart' downsamples in the store), so a year of 5-minute readings
 * stays a few hundred points; zooming asks again for the narrower window.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ALLOWABLE, classify, RECOMMENDED } from '../../../core/capacity/environment';
import type { Sensor } from '../../../core/model/schema';
import type { Excursion } from '../../../core/ops/series';
import { toSerializedError } from '../api/errors';
import { Icon } from '../components/Icon';
import { Modal } from '../components/Modal';
import type { OpsUnits } from './useOpsUnits';
import { useOpsUnits as useUnits } from './useOpsUnits';
import { useStore } from '../state/store';
import { temperatureUnitLabel, toDisplayTemperature } from '../units';
import type { Column } from './DataTable';
import { DataTable } from './DataTable';
import { formatBytes, formatInstant } from './format';
import { bandPath, linear, linePath, niceTicks, presetWindow, RANGE_PRESETS, temperatureDomain, zoomWindow } from './logic';
import type { SensorChartData, SensorSummary } from './opsApi';
import { opsApi } from './opsApi';
import { useOps } from './opsState';
import { judgedByEnvelope } from '../../../core/ops/series';

const invokeDelete = (ids: string[]) => import('../api/client').then(({ call }) => call('cmd.sensor.delete', { ids }));

function useSummaries(): Map<string, SensorSummary> {
  const snapshot = useStore((s) => s.snapshot);
  const [map, setMap] = useState<Map<string, SensorSummary>>(new Map());
  useEffect(() => {
    let live = true;
    opsApi.sensorSummaries().then((list) => { if (live) setMap(new Map(list.map((s) => [s.sensorId, s]))); }).catch(() => undefined);
    return () => { live = false; };
  }, [snapshot?.readingImports, snapshot?.sensors]);
  return map;
}

export function EnvironmentPanel() {
  const { t } = useTranslation();
  const units = useUnits();
  const snap = useStore((s) => s.snapshot)!;
  const writable = useStore((s) => !!s.project && !s.project.readOnly);
  const sensorId = useOps((s) => s.sensorId);
  const setSensor = useOps((s) => s.setSensor);
  const setModal = useOps((s) => s.setModal);
  const modal = useOps((s) => s.modal);
  const rawFocus = useOps((s) => s.focus);
  const focus = useMemo(() => (rawFocus?.kind === 'sensors' ? { id: rawFocus.id, seq: rawFocus.seq } : null), [rawFocus]);
  const summaries = useSummaries();
  const sensors = useMemo(() => Object.values(snap.sensors), [snap.sensors]);
  const current = sensorId && snap.sensors[sensorId] ? snap.sensors[sensorId] : sensors[0];

  const cols: Column<Sensor>[] = [
    { key: 'state', label: t('ops.col.state'), value: (s) => verdictOf(snap, s, summaries.get(s.id)), render: (s) => <VerdictBadge verdict={verdictOf(snap, s, summaries.get(s.id))} />, width: '130px' },
    { key: 'name', label: t('ops.col.name'), value: (s) => s.name },
    { key: 'room', label: t('ops.col.room'), value: (s) => snap.rooms[s.roomId]?.name },
    { key: 'rack', label: t('ops.col.rack'), value: (s) => (s.rackId ? snap.racks[s.rackId]?.name : '') },
    { key: 'placement', label: t('ops.col.placement'), value: (s) => t(`ops.placement.${s.placement}`) },
    { key: 'temp', label: t('ops.col.temperature'), num: true, value: (s) => summaries.get(s.id)?.last?.temperatureC, render: (s) => { const l = summaries.get(s.id)?.last; return l ? units.temperature(l.temperatureC) : '—'; } },
    { key: 'rh', label: t('ops.col.humidity'), num: true, value: (s) => summaries.get(s.id)?.last?.humidityPct, render: (s) => { const h = summaries.get(s.id)?.last?.humidityPct; return h !== null && h !== undefined ? `${units.number(h, 0)}\u00a0%` : '—'; } },
    { key: 'last', label: t('ops.col.lastReading'), value: (s) => summaries.get(s.id)?.lastT, render: (s) => formatInstant(summaries.get(s.id)?.lastT, units.locale) },
    { key: 'samples', label: t('ops.col.samples'), num: true, value: (s) => summaries.get(s.id)?.samples ?? 0, render: (s) => units.number(summaries.get(s.id)?.samples ?? 0, 0) },
  ];

  return (
    <div className="ops-panel ops-env" data-testid="ops-environment">
      <section className="ops-section">
        <header className="ops-section-head">
          <h3>{t('ops.env.sensors')}</h3>
          <span className="ops-section-actions">
            <button type="button" className="btn btn-sm" disabled={!writable || Object.keys(snap.rooms).length === 0} onClick={() => setModal({ kind: 'sensor' })} data-testid="ops-add-sensor"><Icon name="plus" size={12} />{t('ops.env.addSensor')}</button>
            <button type="button" className="btn btn-sm" disabled={!writable || Object.keys(snap.rooms).length === 0} onClick={() => setModal({ kind: 'importReadings' })} data-testid="ops-import-readings"><Icon name="download" size={12} />{t('ops.env.import')}</button>
          </span>
        </header>
        <DataTable rows={sensors} columns={cols} rowKey={(s) => s.id} testId="ops-sensors-table" label={t('ops.env.sensors')}
          focusId={focus}
          onOpen={(s) => setSensor(s.id)}
          rowClass={(s) => (current?.id === s.id ? 'is-selected' : '')}
          empty={<div className="ops-empty-inner"><p>{t('ops.env.empty')}</p></div>}
          actions={(s) => (
            <span className="ops-row-actions">
              <button type="button" className="btn btn-sm" onClick={() => setSensor(s.id)} aria-pressed={current?.id === s.id} data-testid="ops-show-chart">{t('ops.env.chart')}</button>
              <button type="button" className="btn btn-sm" disabled={!writable} onClick={() => setModal({ kind: 'sensor', id: s.id })}>{t('ops.edit')}</button>
              <button type="button" className="btn-icon btn-icon-sm" disabled={!writable} aria-label={t('common.delete')} onClick={() => void invokeDelete([s.id]).catch((err: unknown) => useStore.getState().pushToast({ tone: 'error', message: toSerializedError(err).message }))}><Icon name="trash" size={13} /></button>
            </span>
          )}
        />
      </section>
      {current && <SensorChartSection sensor={current} summary={summaries.get(current.id)} />}
      {modal?.kind === 'importReadings' && <ImportReadingsDialog onClose={() => setModal(null)} />}
    </div>
  );
}

type Verdict = 'recommended' | 'allowable' | 'outside' | 'noData' | 'exhaust';
function verdictOf(snap: NonNullable<ReturnType<typeof useStore.getState>['snapshot']>, s: Sensor, summary: SensorSummary | undefined): Verdict {
  const last = summary?.last;
  if (!last) return 'noData';
  // Outlet and return air is not judged by the inlet envelopes (core/ops/series.ts).
  if (!judgedByEnvelope(s)) return 'exhaust';
  return classify(snap.rooms[s.roomId]?.ashraeClass ?? 'A1', last.temperatureC, last.humidityPct).verdict;
}

function VerdictBadge({ verdict }: { verdict: Verdict }) {
  const { t } = useTranslation();
  const tone = verdict === 'recommended' ? 'success' : verdict === 'allowable' ? 'warning' : verdict === 'outside' ? 'danger' : 'muted';
  const icon = verdict === 'recommended' ? 'check' : verdict === 'noData' || verdict === 'exhaust' ? 'info' : 'alertCircle';
  return <span className={`ops-badge ops-badge-${tone}`}><Icon name={icon} size={11} />{t(`ops.env.verdict.${verdict}`)}</span>;
}

// ---------------------------------------------------------------- chart

const H = 280;
const M = { l: 52, r: 14, t: 12, b: 28 };

function useWidth<T extends HTMLElement>(): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [w, setW] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([e]) => setW(Math.floor(e!.contentRect.width)));
    ro.observe(el);
    setW(Math.floor(el.getBoundingClientRect().width));
    return () => ro.disconnect();
  }, []);
  return [ref, w];
}

function SensorChartSection({ sensor, summary }: { sensor: Sensor; summary: SensorSummary | undefined }) {
  const { t } = useTranslation();
  const units = useUnits();
  const snap = useStore((s) => s.snapshot)!;
  const range = useOps((s) => s.range);
  const setRange = useOps((s) => s.setRange);
  const zoom = useOps((s) => s.zoom);
  const setZoom = useOps((s) => s.setZoom);
  const [box, width] = useWidth<HTMLDivElement>();
  const [data, setData] = useState<SensorChartData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const room = snap.rooms[sensor.roomId];
  const cls = room?.ashraeClass ?? 'A1';
  const lastT = summary?.lastT ?? undefined;

  const window = useMemo(() => zoom ?? presetWindow(range, lastT, Date.now() / 1000), [zoom, range, lastT]);
  const buckets = Math.max(10, Math.min(2000, Math.floor((width - M.l - M.r) / 2)));

  useEffect(() => {
    if (width === 0) return;
    let live = true;
    setLoading(true);
    // Debounced, so dragging the window edge or resizing asks once.
    const timer = setTimeout(() => {
      opsApi.sensorChart({ sensorId: sensor.id, ...window, buckets })
        .then((d) => { if (live) { setData(d); setError(null); } })
        .catch((err: unknown) => { if (live) setError(toSerializedError(err).message); })
        .finally(() => { if (live) setLoading(false); });
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [sensor.id, window, buckets, width, summary?.samples]);

  const zoomBy = (factor: number) => {
    if (!data) return;
    const z = zoomWindow(data.fromT, data.toT, factor);
    setZoom(z);
  };

  return (
    <section className="ops-section ops-chart-section" data-testid="ops-chart-section">
      <header className="ops-section-head">
        <h3>{t('ops.env.chartTitle', { sensor: sensor.name })}</h3>
        <span className="ops-muted">{t('ops.env.class', { room: room?.name ?? '', cls })}</span>
        <span className="ops-section-actions">
          <span className="segmented" role="radiogroup" aria-label={t('ops.env.range')}>
            {RANGE_PRESETS.map((p) => (
              <button key={p} type="button" role="radio" aria-checked={range === p && !zoom} className={range === p && !zoom ? 'is-on' : ''} onClick={() => setRange(p)} data-testid={`ops-range-${p}`}>{t(`ops.env.preset.${p}`)}</button>
            ))}
          </span>
          <button type="button" className="btn-icon btn-icon-sm" onClick={() => zoomBy(0.5)} aria-label={t('ops.env.zoomIn')} title={t('ops.env.zoomIn')} disabled={!data}><Icon name="zoomIn" size={14} /></button>
          <button type="button" className="btn-icon btn-icon-sm" onClick={() => zoomBy(2)} aria-label={t('ops.env.zoomOut')} title={t('ops.env.zoomOut')} disabled={!data}><Icon name="zoomOut" size={14} /></button>
          <button type="button" className="btn btn-sm" onClick={() => setZoom(null)} disabled={!zoom} data-testid="ops-zoom-reset">{t('ops.env.resetZoom')}</button>
        </span>
      </header>
      <div className="ops-chart-box" ref={box}>
        {error && <p className="form-error" role="alert"><Icon name="alertCircle" size={14} />{error}</p>}
        {!error && data && data.samples === 0 && (
          <div className="ops-chart-empty">
            <p>{summary?.samples ? t('ops.env.noneInRange') : t('ops.env.noReadings')}</p>
          </div>
        )}
        {width > 0 && data && data.samples > 0 && (
          <Chart data={data} width={width} cls={cls} units={units} onZoom={setZoom} busy={loading} />
        )}
      </div>
      {data && <ChartLegend />}
      {data && <ExcursionList excursions={data.excursions} onPick={(x) => setZoom({ fromT: x.startT - Math.max(1800, (x.endT - x.startT) * 0.5), toT: x.endT + Math.max(1800, (x.endT - x.startT) * 0.5) })} />}
    </section>
  );
}

function Chart({ data, width, cls, units, onZoom, busy }: {
  data: SensorChartData; width: number; cls: keyof typeof ALLOWABLE; units: OpsUnits; onZoom(z: { fromT: number; toT: number }): void; busy: boolean;
}) {
  const { t } = useTranslation();
  const [drag, setDrag] = useState<{ x0: number; x1: number } | null>(null);
  const [hover, setHover] = useState<number | null>(null);
  const sys = units.system;
  const d = (c: number | null) => (c === null ? null : toDisplayTemperature(c, sys));
  const b = data.buckets;
  const allow = ALLOWABLE[cls];
  const [y0, y1] = temperatureDomain([...b.tempMin.map(d), ...b.tempMax.map(d), ...b.dewPointMax.map(d)], { min: toDisplayTemperature(allow.minTempC, sys), max: toDisplayTemperature(allow.maxTempC, sys) });
  const x = linear(data.fromT, data.toT, M.l, width - M.r);
  const y = linear(y0, y1, H - M.b, M.t);
  const innerW = width - M.l - M.r;
  const ticksY = niceTicks(y0, y1, 6);
  const ticksX = timeTicks(data.fromT, data.toT, Math.max(2, Math.floor(innerW / 110)));
  const span = data.toT - data.fromT;
  const tickFmt = new Intl.DateTimeFormat(units.locale, span > 3 * 86_400 ? { month: 'short', day: 'numeric' } : { hour: '2-digit', minute: '2-digit' });
  const band = (lo: number, hi: number) => ({ y: y(toDisplayTemperature(hi, sys)), h: y(toDisplayTemperature(lo, sys)) - y(toDisplayTemperature(hi, sys)) });
  const allowBand = band(allow.minTempC, allow.maxTempC);
  const recBand = band(RECOMMENDED.minTempC, RECOMMENDED.maxTempC);
  const toT = (px: number) => data.fromT + ((px - M.l) / innerW) * span;
  const local = (e: React.PointerEvent<SVGSVGElement>) => Math.min(width - M.r, Math.max(M.l, e.clientX - e.currentTarget.getBoundingClientRect().left));
  const hi = hover !== null ? nearestBucket(b.t, toT(hover)) : -1;

  return (
    <div className={`ops-chart${busy ? ' is-busy' : ''}`}>
      <svg
        width={width}
        height={H}
        role="img"
        aria-label={t('ops.env.chartLabel', { count: data.excursions.length })}
        data-testid="ops-chart"
        onPointerDown={(e) => { e.currentTarget.setPointerCapture(e.pointerId); const px = local(e); setDrag({ x0: px, x1: px }); }}
        onPointerMove={(e) => { const px = local(e); setHover(px); if (drag) setDrag({ ...drag, x1: px }); }}
        onPointerUp={() => {
          if (drag && Math.abs(drag.x1 - drag.x0) > 8) {
            const a = toT(Math.min(drag.x0, drag.x1));
            const z = toT(Math.max(drag.x0, drag.x1));
            onZoom({ fromT: Math.floor(a), toT: Math.ceil(Math.max(z, a + 600)) });
          }
          setDrag(null);
        }}
        onPointerLeave={() => setHover(null)}
      >
        {/* The envelopes first, so the readings are drawn over them. */}
        <g data-testid="ops-envelope">
          <rect className="ops-band-allowable" x={M.l} width={innerW} y={allowBand.y} height={allowBand.h} data-testid="ops-band-allowable" />
          <rect className="ops-band-recommended" x={M.l} width={innerW} y={recBand.y} height={recBand.h} data-testid="ops-band-recommended" />
        </g>
        <g className="ops-grid">
          {ticksY.map((v) => <line key={v} x1={M.l} x2={width - M.r} y1={y(v)} y2={y(v)} />)}
        </g>
        {data.excursions.map((ex) => (
          <rect key={ex.startT} className={`ops-exc ops-exc-${ex.level}`} x={x(ex.startT)} width={Math.max(2, x(ex.endT) - x(ex.startT))} y={M.t} height={H - M.t - M.b} data-testid="ops-excursion-mark" />
        ))}
        <path className="ops-temp-band" d={bandPath(b.t, b.tempMin.map(d), b.tempMax.map(d), x, y)} />
        <path className="ops-temp-mean" d={linePath(b.t, b.tempMean.map(d), x, y)} data-testid="ops-temp-line" />
        <path className="ops-dew" d={linePath(b.t, b.dewPointMax.map(d), x, y)} />
        <g className="ops-axis">
          {ticksY.map((v) => <text key={v} x={M.l - 6} y={y(v) + 4} textAnchor="end">{units.number(v, 0)}</text>)}
          <text x={4} y={M.t + 4} className="ops-axis-unit">{temperatureUnitLabel(units.opts)}</text>
          {ticksX.map((v) => <text key={v} x={x(v)} y={H - 8} textAnchor="middle">{tickFmt.format(new Date(v * 1000))}</text>)}
          <line x1={M.l} x2={width - M.r} y1={H - M.b} y2={H - M.b} />
        </g>
        {drag && <rect className="ops-brush" x={Math.min(drag.x0, drag.x1)} width={Math.abs(drag.x1 - drag.x0)} y={M.t} height={H - M.t - M.b} />}
        {hi >= 0 && !drag && <line className="ops-hover" x1={x(b.t[hi]!)} x2={x(b.t[hi]!)} y1={M.t} y2={H - M.b} />}
      </svg>
      {hi >= 0 && !drag && (
        <div className="ops-readout" style={{ left: Math.min(width - 220, Math.max(0, x(b.t[hi]!) + 8)) }}>
          <strong>{formatInstant(b.t[hi]!, units.locale)}</strong>
          {b.tempMean[hi] !== null ? (
            <>
              <span>{t('ops.env.readoutTemp', { mean: units.temperature(b.tempMean[hi]!), min: units.temperature(b.tempMin[hi]!), max: units.temperature(b.tempMax[hi]!) })}</span>
              {b.rhMean[hi] !== null && <span>{t('ops.env.readoutRh', { rh: units.number(b.rhMean[hi]!, 0), dp: units.temperature(b.dewPointMax[hi]!) })}</span>}
            </>
          ) : <span>{t('ops.env.readoutNone')}</span>}
        </div>
      )}
      <p className="ops-chart-hint">{t('ops.env.hint', { samples: units.number(data.samples, 0), buckets: units.number(b.t.length, 0) })}</p>
    </div>
  );
}

function nearestBucket(ts: readonly number[], t: number): number {
  let best = -1;
  let dist = Infinity;
  for (let i = 0; i < ts.length; i++) {
    const dd = Math.abs(ts[i]! - t);
    if (dd < dist) {
      dist = dd;
      best = i;
    }
  }
  return best;
}

/** Round times for the x axis: hours, days, weeks or months, about `count` of them. */
function timeTicks(fromT: number, toT: number, count: number): number[] {
  const span = toT - fromT;
  const steps = [900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86_400, 2 * 86_400, 7 * 86_400, 14 * 86_400, 30 * 86_400, 91 * 86_400, 182 * 86_400, 365 * 86_400];
  const step = steps.find((s) => span / s <= count) ?? steps[steps.length - 1]!;
  const out: number[] = [];
  for (let v = Math.ceil(fromT / step) * step; v <= toT; v += step) out.push(v);
  return out;
}

function ChartLegend() {
  const { t } = useTranslation();
  const items: Array<[string, string]> = [
    ['ops-lg-recommended', t('ops.env.legend.recommended')],
    ['ops-lg-allowable', t('ops.env.legend.allowable')],
    ['ops-lg-band', t('ops.env.legend.band')],
    ['ops-lg-mean', t('ops.env.legend.mean')],
    ['ops-lg-dew', t('ops.env.legend.dew')],
    ['ops-lg-exc', t('ops.env.legend.excursion')],
  ];
  return (
    <ul className="ops-legend" aria-label={t('ops.env.legend.title')}>
      {items.map(([cls, label]) => <li key={cls}><span className={`ops-swatch ${cls}`} aria-hidden="true" />{label}</li>)}
    </ul>
  );
}

function ExcursionList({ excursions, onPick }: { excursions: Excursion[]; onPick(x: Excursion): void }) {
  const { t } = useTranslation();
  const units = useUnits();
  const cols: Column<Excursion>[] = [
    { key: 'level', label: t('ops.col.level'), value: (x) => (x.level === 'outside' ? 0 : 1), render: (x) => (
      <span className={`ops-badge ops-badge-${x.level === 'outside' ? 'danger' : 'warning'}`}><Icon name="alertCircle" size={11} />{t(`ops.env.level.${x.level}`)}</span>), width: '170px' },
    { key: 'start', label: t('ops.col.start'), value: (x) => x.startT, render: (x) => formatInstant(x.startT, units.locale) },
    { key: 'duration', label: t('ops.col.duration'), num: true, value: (x) => x.endT - x.startT, render: (x) => `${units.number((x.endT - x.startT) / 60, 0)}\u00a0min` },
    { key: 'crossed', label: t('ops.col.crossed'), value: (x) => x.crossed.map((c) => t(`ops.env.crossed.${c}`)).join(', ') },
    { key: 'max', label: t('ops.col.maxTemp'), num: true, value: (x) => x.maxTemperatureC, render: (x) => units.temperature(x.maxTemperatureC) },
    { key: 'min', label: t('ops.col.minTemp'), num: true, value: (x) => x.minTemperatureC, render: (x) => units.temperature(x.minTemperatureC) },
    { key: 'dew', label: t('ops.col.maxDew'), num: true, value: (x) => (Number.isNaN(x.maxDewPointC) ? null : x.maxDewPointC), render: (x) => (x.maxDewPointC === null || Number.isNaN(x.maxDewPointC) ? '—' : units.temperature(x.maxDewPointC)) },
  ];
  return (
    <div className="ops-excursions">
      <h4>{t('ops.env.excursions', { count: excursions.length })}</h4>
      <DataTable rows={excursions} columns={cols} rowKey={(x) => String(x.startT)} testId="ops-excursions-table" label={t('ops.env.excursions', { count: excursions.length })}
        onOpen={onPick} empty={<div className="ops-empty-inner"><p>{t('ops.env.noExcursions')}</p></div>}
        actions={(x) => <button type="button" className="btn btn-sm" onClick={() => onPick(x)}>{t('ops.env.showOnChart')}</button>}
      />
    </div>
  );
}

// ---------------------------------------------------------------- import

const MAP_FIELDS = ['timestamp', 'sensor', 'temperatureC', 'humidityPct'] as const;

function ImportReadingsDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const units = useUnits();
  const snap = useStore((s) => s.snapshot)!;
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [utcOffset, setUtcOffset] = useState('');
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [roomId, setRoomId] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; details: ReadonlyArray<{ path: string; message: string }> } | null>(null);

  const submit = async () => {
    if (!file) {
      setProblem({ message: t('ops.env.importChoose'), details: [] });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const text = await file.text();
      const map = Object.fromEntries(Object.entries(mapping).filter(([, v]) => v.trim()).map(([k, v]) => [k, v.trim()]));
      const r = await opsApi.importReadings({
        fileName: file.name, text, ...(Object.keys(map).length ? { mapping: map } : {}), ...(utcOffset.trim() ? { utcOffset: utcOffset.trim() } : {}),
        ...(skipInvalid ? { skipInvalid: true } : {}), ...(roomId ? { createSensorsRoomId: roomId } : {}),
      });
      useStore.getState().pushToast({
        tone: 'success', title: t('ops.env.imported', { file: file.name }),
        message: t('ops.env.importedDetail', { inserted: units.number(r.inserted, 0), duplicates: units.number(r.duplicates, 0), skipped: units.number(r.skipped, 0), sensors: r.sensorsCreated.length }),
      });
      onClose();
    } catch (err) {
      const e = toSerializedError(err);
      setProblem({ message: e.message, details: e.details ?? [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={t('ops.env.importTitle')} onClose={onClose} onSubmit={() => void submit()} busy={busy} size="lg" testId="ops-import-readings-dialog"
      footer={(
        <>
          <button type="button" className="btn" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="btn btn-primary" disabled={busy || !file} data-testid="ops-import-submit">{busy ? t('ops.env.importing') : t('ops.env.importGo')}</button>
        </>
      )}>
      <p className="ops-muted ops-intro">{t('ops.env.importIntro')}</p>
      <div className="ops-form-grid">
        <div className="field ops-field-wide">
          <label className="field-label" htmlFor="ops-readings-file">{t('ops.env.file')}</label>
          <input id="ops-readings-file" type="file" accept=".csv,text/csv,text/plain" className="input ops-file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="ops-readings-file" />
          {file && <p className="field-hint">{t('ops.env.fileSize', { name: file.name, size: formatBytes(file.size, units.locale) })}</p>}
        </div>
        {MAP_FIELDS.map((f) => (
          <div className="field" key={f}>
            <label className="field-label" htmlFor={`ops-map-${f}`}>{t('ops.env.mapColumn', { field: f })}</label>
            <input id={`ops-map-${f}`} className="input" placeholder={f} value={mapping[f] ?? ''} onChange={(e) => setMapping((m) => ({ ...m, [f]: e.target.value }))} spellCheck={false} />
          </div>
        ))}
        <div className="field">
          <label className="field-label" htmlFor="ops-utc">{t('ops.env.utcOffset')}</label>
          <input id="ops-utc" className="input" placeholder="+01:00" value={utcOffset} onChange={(e) => setUtcOffset(e.target.value)} spellCheck={false} />
          <p className="field-hint">{t('ops.env.utcOffsetHint')}</p>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="ops-create-room">{t('ops.env.createSensors')}</label>
          <select id="ops-create-room" className="input select" value={roomId} onChange={(e) => setRoomId(e.target.value)}>
            <option value="">{t('ops.env.createSensorsNo')}</option>
            {Object.values(snap.rooms).map((r) => <option key={r.id} value={r.id}>{t('ops.env.createSensorsIn', { room: r.name })}</option>)}
          </select>
        </div>
        <label className="checkbox ops-form-check ops-field-wide">
          <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} />
          <span>{t('ops.env.skipInvalid')}</span>
        </label>
      </div>
      {problem && (
        <div className="form-error" role="alert" data-testid="ops-import-error">
          <Icon name="alertCircle" size={14} />
          <div>
            <p>{problem.message}</p>
            {problem.details.length > 0 && <ul className="ops-error-lines">{problem.details.slice(0, 50).map((d, i) => <li key={i}><code>{d.path}</code> {d.message}</li>)}</ul>}
          </div>
        </div>
      )}
    </Modal>
  );
}
