/**
 * The device catalog in the left sidebar, under the site tree (UI.md; Rackula's library panel is the
 * reference): search, U and manufacturer filters, grouped by manufacturer or by role, with U badges
 * and power; drag a type into a rack elevation. Enter on a type places it in the open rack at the
 * lowest free U. The catalog is the app's, shared by all projects (catalog.list); a type is copied
 * into the project when it is placed.
 */
import type { KeyboardEvent as ReactKeyboardEvent, PointerEvent as ReactPointerEvent } from 'react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogEntry, CatalogImportResult } from '../../../core/api';
import type { Device, DeviceType } from '../../../core/model/schema';
import { call } from '../api/client';
import { attempt, toast } from '../app/controller';
import { Icon } from '../components/Icon';
import { Tooltip } from '../components/Tooltip';
import { useReadOnly, useUnits } from '../hooks';
import { useStore } from '../state/store';
import '../styles/catalog.css';
import { endRackDrag, startRackDrag } from '../elevation/dragState';
import { dropProblem } from '../elevation/elevationModel';
import { ROLE_COLOURS, roleOf } from '../elevation/roles';
import type { DeviceRoleName } from '../elevation/roles';

type GroupBy = 'manufacturer' | 'role';
const U_FILTERS = ['', '0', '1', '2', '3', '4'] as const;
/** Nameplate power bands (W) for the power filter. */
const POWER_FILTERS = {
  '': {},
  low: { maxPowerW: 500 },
  mid: { minPowerW: 500, maxPowerW: 2000 },
  high: { minPowerW: 2000 },
} as const;
type PowerFilter = keyof typeof POWER_FILTERS;
const HEIGHT_KEY = 'plenum.catalog.height';
const COLLAPSED_KEY = 'plenum.catalog.collapsed';
const GROUP_KEY = 'plenum.catalog.groupBy';
const MIN_HEIGHT = 120;
/** A group shows this many types until "Show all" (a full NetBox library has thousands). */
const GROUP_PREVIEW = 40;

function readNumber(key: string, fallback: number): number {
  try {
    const v = Number(localStorage.getItem(key));
    return Number.isFinite(v) && v > 0 ? v : fallback;
  } catch {
    return fallback;
  }
}

function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private mode or storage full: the layout just is not remembered.
  }
}

/** The lowest U on the front where `type` fits in `rackId`, or null. */
export function firstFreePosition(rackId: string, type: DeviceType): number | null {
  const snap = useStore.getState().snapshot;
  const rack = snap?.racks[rackId];
  if (!snap || !rack) return null;
  const devices = Object.values(snap.devices);
  const types = { ...snap.deviceTypes, [type.id]: snap.deviceTypes[type.id] ?? type };
  for (let u = 1; u + Math.max(type.uHeight, 1) - 1 <= rack.uHeight; u++) {
    const candidate: Device = { id: '\u0000new', name: type.model, rackId, typeId: type.id, position: u, face: 'front' };
    if (!dropProblem(rack, candidate, types[type.id]!, devices, types)) return u;
  }
  return null;
}

export function CatalogPanel() {
  const { t } = useTranslation();
  const units = useUnits();
  const readOnly = useReadOnly();
  const projectTypes = useStore((s) => s.snapshot?.deviceTypes);
  const routeRackId = useStore((s) => (s.route.name === 'rack' ? s.route.rackId : null));
  const [query, setQuery] = useState('');
  const [manufacturer, setManufacturer] = useState('');
  const [uFilter, setUFilter] = useState<(typeof U_FILTERS)[number]>('');
  const [powerFilter, setPowerFilter] = useState<PowerFilter>('');
  const [groupBy, setGroupBy] = useState<GroupBy>(() => (localStorage.getItem(GROUP_KEY) === 'role' ? 'role' : 'manufacturer'));
  const [entries, setEntries] = useState<CatalogEntry[] | null>(null);
  const [manufacturers, setManufacturers] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [closedGroups, setClosedGroups] = useState<ReadonlySet<string>>(new Set());
  const [fullGroups, setFullGroups] = useState<ReadonlySet<string>>(new Set());
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(COLLAPSED_KEY) === '1');
  const [height, setHeight] = useState(() => readNumber(HEIGHT_KEY, 340));
  const [importOpen, setImportOpen] = useState(false);
  const [reload, setReload] = useState(0);
  const panelRef = useRef<HTMLElement>(null);

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      call('catalog.list', {
        ...(query.trim() ? { query: query.trim() } : {}),
        ...(manufacturer ? { manufacturer } : {}),
        ...(uFilter !== '' ? { uHeight: Number(uFilter) } : {}),
        ...POWER_FILTERS[powerFilter],
      }).then(
        (res) => {
          if (cancelled) return;
          setEntries(res.deviceTypes);
          setManufacturers(res.manufacturers);
          setError(null);
        },
        (err: unknown) => {
          if (!cancelled) setError((err as Error).message);
        },
      );
    }, 120);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query, manufacturer, uFilter, powerFilter, reload]);

  const groups = useMemo(() => {
    const out = new Map<string, CatalogEntry[]>();
    for (const e of entries ?? []) {
      const key = groupBy === 'manufacturer' ? e.manufacturer : roleOf(e);
      const list = out.get(key);
      if (list) list.push(e);
      else out.set(key, [e]);
    }
    return [...out.entries()];
  }, [entries, groupBy]);

  const searching = query.trim() !== '' || manufacturer !== '' || uFilter !== '' || powerFilter !== '';

  const place = useCallback(async (entry: CatalogEntry) => {
    if (!routeRackId || readOnly) {
      toast(t('catalog.openRackFirst'), 'info');
      return;
    }
    const { inProject: _ignored, ...type } = entry;
    const position = firstFreePosition(routeRackId, type);
    if (position === null) {
      toast(t('catalog.noRoom', { model: type.model }), 'error');
      return;
    }
    const inProject = Boolean(useStore.getState().snapshot?.deviceTypes[type.id]);
    const created = await attempt(() => call('cmd.device.create', { rackId: routeRackId, typeId: type.id, position, face: 'front', ...(inProject ? {} : { deviceType: type }) }));
    if (created) useStore.getState().select({ kind: 'device', ids: [created.result.id] });
  }, [routeRackId, readOnly, t]);

  const onResizeStart = (e: ReactPointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    const startY = e.clientY;
    const startH = height;
    const max = (panelRef.current?.parentElement?.getBoundingClientRect().height ?? 800) - 120;
    const target = e.currentTarget;
    target.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent) => setHeight(Math.max(MIN_HEIGHT, Math.min(max, startH + startY - ev.clientY)));
    const up = (ev: PointerEvent) => {
      target.releasePointerCapture(ev.pointerId);
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
      setHeight((h) => {
        remember(HEIGHT_KEY, String(Math.round(h)));
        return h;
      });
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
  };

  const onSplitterKey = (e: ReactKeyboardEvent) => {
    const step = e.shiftKey ? 60 : 20;
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      setHeight((h) => {
        const next = Math.max(MIN_HEIGHT, h + (e.key === 'ArrowUp' ? step : -step));
        remember(HEIGHT_KEY, String(next));
        return next;
      });
    }
  };

  const toggleCollapsed = () => {
    setCollapsed((c) => {
      remember(COLLAPSED_KEY, c ? '0' : '1');
      return !c;
    });
  };

  const changeGroup = (g: GroupBy) => {
    setGroupBy(g);
    remember(GROUP_KEY, g);
  };

  return (
    <section ref={panelRef} className={`catalog${collapsed ? ' is-collapsed' : ''}`} style={collapsed ? undefined : { height }} aria-labelledby="catalog-title" data-testid="catalog-panel">
      {!collapsed && (
        <div
          className="catalog-splitter"
          role="separator"
          aria-orientation="horizontal"
          aria-label={t('catalog.resize')}
          aria-valuenow={Math.round(height)}
          tabIndex={0}
          onPointerDown={onResizeStart}
          onKeyDown={onSplitterKey}
        />
      )}
      <div className="section-header catalog-header">
        <button type="button" className="btn-icon btn-icon-sm" onClick={toggleCollapsed} aria-expanded={!collapsed} aria-label={t(collapsed ? 'catalog.expand' : 'catalog.collapse')} data-testid="catalog-toggle">
          <Icon name={collapsed ? 'chevronRight' : 'chevronDown'} size={14} />
        </button>
        <h2 id="catalog-title">{t('catalog.title')}</h2>
        <div className="section-actions">
          <Tooltip label={t('catalog.importHint')}>
            <button type="button" className={`btn-icon btn-icon-sm${importOpen ? ' is-active' : ''}`} onClick={() => { setImportOpen((o) => !o); setCollapsed(false); }} aria-label={t('catalog.import')} data-testid="catalog-import-toggle">
              <Icon name="download" size={14} />
            </button>
          </Tooltip>
        </div>
      </div>
      {!collapsed && (
        <>
          {importOpen && <ImportForm onDone={() => { setReload((n) => n + 1); }} onClose={() => setImportOpen(false)} />}
          <div className="catalog-filters">
            <div className="catalog-search">
              <Icon name="search" size={14} />
              <input
                className="input input-sm"
                type="search"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                placeholder={t('catalog.search')}
                aria-label={t('catalog.search')}
                data-testid="catalog-search"
              />
            </div>
            <div className="catalog-filter-row">
              <select className="input input-sm" value={manufacturer} onChange={(e) => setManufacturer(e.target.value)} aria-label={t('catalog.manufacturer')} data-testid="catalog-manufacturer">
                <option value="">{t('catalog.allManufacturers')}</option>
                {manufacturers.map((m) => <option key={m} value={m}>{m}</option>)}
              </select>
              <select className="input input-sm catalog-u-filter" value={uFilter} onChange={(e) => setUFilter(e.target.value as (typeof U_FILTERS)[number])} aria-label={t('catalog.height')} data-testid="catalog-u">
                {U_FILTERS.map((u) => <option key={u} value={u}>{u === '' ? t('catalog.anyHeight') : `${u}U`}</option>)}
              </select>
            </div>
            <div className="catalog-filter-row">
              <select className="input input-sm catalog-power-filter" value={powerFilter} onChange={(e) => setPowerFilter(e.target.value as PowerFilter)} aria-label={t('catalog.power')} data-testid="catalog-power">
                {(Object.keys(POWER_FILTERS) as PowerFilter[]).map((p) => <option key={p} value={p}>{t(`catalog.powerBand.${p || 'any'}`)}</option>)}
              </select>
              <div className="catalog-group" role="radiogroup" aria-label={t('catalog.groupBy')}>
                {(['manufacturer', 'role'] as const).map((g) => (
                  <button key={g} type="button" role="radio" aria-checked={groupBy === g} className={groupBy === g ? 'is-on' : ''} onClick={() => changeGroup(g)} data-testid={`catalog-group-${g}`}>
                    {t(`catalog.group.${g}`)}
                  </button>
                ))}
              </div>
            </div>
          </div>
          <div className="catalog-list" role="list" data-testid="catalog-list">
            {error && <div className="catalog-empty is-error">{error}</div>}
            {!error && entries === null && <div className="catalog-empty">{t('catalog.loading')}</div>}
            {!error && entries !== null && entries.length === 0 && (
              <div className="catalog-empty">
                <p>{t(searching ? 'catalog.noMatch' : 'catalog.emptyLibrary')}</p>
                {searching && (
                  <button type="button" className="btn btn-sm" onClick={() => { setQuery(''); setManufacturer(''); setUFilter(''); setPowerFilter(''); }}>{t('catalog.clearFilters')}</button>
                )}
              </div>
            )}
            {groups.map(([key, list]) => {
              const open = !closedGroups.has(key) || searching;
              const label = groupBy === 'role' ? t(`role.${key}`) : key;
              return (
                <div key={key} className="catalog-group-block" role="listitem">
                  <button
                    type="button"
                    className="catalog-group-header"
                    aria-expanded={open}
                    onClick={() => setClosedGroups((s) => {
                      const next = new Set(s);
                      if (next.has(key)) next.delete(key);
                      else next.add(key);
                      return next;
                    })}
                  >
                    <Icon name={open ? 'chevronDown' : 'chevronRight'} size={12} />
                    {groupBy === 'role' && <span className="catalog-dot" style={{ background: ROLE_COLOURS[key as DeviceRoleName] }} />}
                    <span className="catalog-group-label">{label}</span>
                    <span className="catalog-group-count">{list.length}</span>
                  </button>
                  {open && (
                    <ul className="catalog-items">
                      {(fullGroups.has(key) ? list : list.slice(0, GROUP_PREVIEW)).map((entry) => (
                        <CatalogItem
                          key={entry.id}
                          entry={entry}
                          inProject={Boolean(projectTypes?.[entry.id])}
                          showManufacturer={groupBy === 'role'}
                          power={entry.powerMaxW ? units.powerKw(entry.powerMaxW / 1000) : null}
                          draggable={!readOnly}
                          canPlace={Boolean(routeRackId) && !readOnly}
                          onPlace={() => void place(entry)}
                        />
                      ))}
                      {list.length > GROUP_PREVIEW && !fullGroups.has(key) && (
                        <li>
                          <button type="button" className="catalog-more" onClick={() => setFullGroups((s) => new Set(s).add(key))}>
                            {t('catalog.showAll', { count: list.length })}
                          </button>
                        </li>
                      )}
                    </ul>
                  )}
                </div>
              );
            })}
          </div>
          <div className="catalog-footer">{routeRackId ? t('catalog.footerRack') : t('catalog.footer')}</div>
        </>
      )}
    </section>
  );
}

function CatalogItem({ entry, inProject, showManufacturer, power, draggable, canPlace, onPlace }: {
  entry: CatalogEntry;
  inProject: boolean;
  showManufacturer: boolean;
  power: string | null;
  draggable: boolean;
  canPlace: boolean;
  onPlace(): void;
}) {
  const { t } = useTranslation();
  const role = roleOf(entry);
  const details = [
    showManufacturer ? entry.manufacturer : t(`role.${role}`),
    power,
    entry.fullDepth ? t('catalog.fullDepth') : t('catalog.halfDepth'),
  ].filter(Boolean).join(' · ');
  const { inProject: _ignored, ...type } = entry;
  return (
    <li
      className="catalog-item"
      draggable={draggable}
      tabIndex={0}
      onDragStart={(e) => startRackDrag(e, { kind: 'type', type, inProject })}
      onDragEnd={endRackDrag}
      onDoubleClick={onPlace}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          onPlace();
        }
      }}
      title={`${entry.manufacturer} ${entry.model}${entry.partNumber ? ` (${entry.partNumber})` : ''}\n${canPlace ? t('catalog.itemHintRack') : t('catalog.itemHint')}`}
      data-testid="catalog-item"
      data-type-id={entry.id}
    >
      <span className={`catalog-u${entry.uHeight === 0 ? ' is-zero' : ''}`} style={{ ['--role' as string]: ROLE_COLOURS[role] }}>{`${entry.uHeight}U`}</span>
      <span className="catalog-item-text">
        <span className="catalog-item-model">{entry.model}</span>
        <span className="catalog-item-meta">{details}</span>
      </span>
      {inProject && (
        <Tooltip label={t('catalog.inProject')}>
          <span className="catalog-in-project" aria-label={t('catalog.inProject')}><Icon name="check" size={12} /></span>
        </Tooltip>
      )}
    </li>
  );
}

/** Import NetBox device-type YAML into the app's library, by path (a file or a folder, searched recursively). */
function ImportForm({ onDone, onClose }: { onDone(): void; onClose(): void }) {
  const { t } = useTranslation();
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CatalogImportResult | null>(null);
  const submit = async () => {
    const paths = [path.trim()].filter(Boolean);
    if (paths.length === 0) return;
    setBusy(true);
    const res = await attempt(() => call('catalog.importNetbox', { paths }));
    setBusy(false);
    if (!res) return;
    setResult(res);
    if (res.imported > 0) {
      toast(t('catalog.imported', { count: res.imported }), 'success');
      onDone();
    }
  };
  const failures = result?.files.filter((f) => f.errors.length > 0) ?? [];
  return (
    <form className="catalog-import" onSubmit={(e) => { e.preventDefault(); void submit(); }} data-testid="catalog-import">
      <label htmlFor="catalog-import-path">{t('catalog.importLabel')}</label>
      <div className="catalog-import-row">
        <input
          id="catalog-import-path"
          className="input input-sm"
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder={t('catalog.importPlaceholder')}
          spellCheck={false}
          data-testid="catalog-import-path"
        />
        <button type="submit" className="btn btn-sm btn-primary" disabled={busy || path.trim() === ''} data-testid="catalog-import-submit">{t('catalog.importButton')}</button>
        <button type="button" className="btn-icon btn-icon-sm" onClick={onClose} aria-label={t('common.close')}><Icon name="close" size={12} /></button>
      </div>
      {result && (
        <div className="catalog-import-result" data-testid="catalog-import-result">
          {t('catalog.importSummary', { imported: result.imported, failed: result.failed })}
          {failures.length > 0 && (
            <ul>
              {failures.slice(0, 5).map((f) => <li key={f.path}><b>{f.path.split(/[\\/]/).pop()}</b>: {f.errors[0]}</li>)}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
