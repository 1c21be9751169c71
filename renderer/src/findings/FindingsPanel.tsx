/**
 * The findings panel (UI.md: bottom panel, like a code editor's Problems): every finding of the
 * project's design checks (layout, space, power, cooling, weight, environment), grouped by
 * severity then room, in the natural order of their messages; filtered by severity, by rule area
 * (core/rules/catalog.ts) and to the room on screen. Each row says what is wrong and, muted under
 * it, what to do. Clicking a finding selects what it is about and shows its room; the picked
 * finding stays highlighted across edits by its stable id. Toggled from the status bar and
 * Ctrl/Cmd+Shift+M.
 */
import type { KeyboardEvent as ReactKeyboardEvent, PointerEvent as ReactPointerEvent } from 'react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Finding, Severity } from '../../../core/rules/finding';
import { RULES, type RuleInfo } from '../../../core/rules/catalog';
import { shortcutLabel } from '../app/actions';
import { Icon } from '../components/Icon';
import { Tooltip } from '../components/Tooltip';
import { naturalCompare, selectCurrentRoomId } from '../state/selectors';
import type { FindingsPanelState } from '../state/sessionSlice';
import { useStore } from '../state/store';
import { entityName, findingHint, findingText, useParamFormatters } from './findingText';
import { revealFinding, toggleFindingsPanel } from './reveal';
import { useFindings } from './useFindings';
import '../styles/findings.css';

export const SEVERITY_ICON = { error: 'alertCircle', warning: 'alert', info: 'info' } as const satisfies Record<Severity, string>;

const MIN_HEIGHT = 120;
const DEFAULT_HEIGHT = 224;
/** Kept for the session: reopening the panel restores the height the user gave it. */
let savedHeight = DEFAULT_HEIGHT;

interface RoomGroup {
  roomId: string | null;
  name: string;
  findings: Finding[];
}

export type RuleArea = RuleInfo['area'];
export const RULE_AREAS: readonly RuleArea[] = ['layout', 'space', 'power', 'cooling', 'weight', 'environment'];
const AREA_OF: ReadonlyMap<string, RuleArea> = new Map(RULES.map((r) => [r.id, r.area]));
/** A rule's area; a rule the catalog does not list yet counts as layout. */
export const areaOf = (rule: string): RuleArea => AREA_OF.get(rule) ?? 'layout';
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

function groupByRoom(findings: readonly Finding[], roomName: (id: string) => string | undefined, noRoom: string): RoomGroup[] {
  const groups = new Map<string, RoomGroup>();
  for (const f of findings) {
    const key = f.roomId ?? '';
    let g = groups.get(key);
    if (!g) {
      g = { roomId: f.roomId ?? null, name: (f.roomId && roomName(f.roomId)) || noRoom, findings: [] };
      groups.set(key, g);
    }
    g.findings.push(f);
  }
  return [...groups.values()].sort((a, b) => (a.roomId === null ? 1 : b.roomId === null ? -1 : naturalCompare(a.name, b.name)));
}

export function FindingsPanel() {
  const open = useStore((s) => s.findingsPanel.open);
  const hasProject = useStore((s) => s.snapshot !== null);
  if (!open || !hasProject) return null;
  return <FindingsPanelBody />;
}

function FindingsPanelBody() {
  const { t } = useTranslation();
  const panel = useStore((s) => s.findingsPanel);
  const setPanel = useStore((s) => s.setFindingsPanel);
  const currentRoomId = useStore(selectCurrentRoomId);
  const findings = useFindings((f) => f.findings);
  const snapshot = useFindings((f) => f.snapshot);
  const pending = useFindings((f) => f.pending);
  const fmt = useParamFormatters();
  const [height, setHeight] = useState(savedHeight);
  const listRef = useRef<HTMLDivElement>(null);

  const roomOnly = panel.currentRoomOnly && currentRoomId !== null;
  const area = panel.area ?? 'all';
  // Counts follow the area and room filters, so each severity button says what it would show.
  const scoped = useMemo(
    () => findings.filter((f) => (area === 'all' || areaOf(f.rule) === area) && (!roomOnly || f.roomId === currentRoomId)),
    [findings, area, roomOnly, currentRoomId],
  );
  const counts = useMemo(() => {
    const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const f of scoped) c[f.severity]++;
    return c;
  }, [scoped]);
  const areaCounts = useMemo(() => {
    const c = new Map<RuleArea, number>();
    for (const f of findings) if (!roomOnly || f.roomId === currentRoomId) c.set(areaOf(f.rule), (c.get(areaOf(f.rule)) ?? 0) + 1);
    return c;
  }, [findings, roomOnly, currentRoomId]);
  const visible = useMemo(() => scoped.filter((f) => panel.severity === 'all' || f.severity === panel.severity), [scoped, panel.severity]);
  const sections = useMemo(() => {
    const roomName = (id: string) => snapshot?.rooms[id]?.name;
    // Natural order of what the user reads (A2 before A10), in the user's language.
    const text = new Map(visible.map((f) => [f.id, findingText(f, t, fmt)]));
    const sorted = [...visible].sort((a, b) => naturalCompare(text.get(a.id)!, text.get(b.id)!) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return SEVERITIES
      .map((severity) => ({ severity, rooms: groupByRoom(sorted.filter((f) => f.severity === severity), roomName, t('findings.group.noRoom')) }))
      .filter((s) => s.rooms.length > 0);
  }, [visible, snapshot, t, fmt]);

  // Keep the picked finding in view when it is picked from elsewhere (the sidebar).
  useEffect(() => {
    if (!panel.activeId) return;
    const el = listRef.current?.querySelector<HTMLElement>(`[data-finding-id="${CSS.escape(panel.activeId)}"]`);
    el?.scrollIntoView({ block: 'nearest' });
  }, [panel.activeId]);

  const onResizeStart = (e: ReactPointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    const startY = e.clientY;
    const startH = height;
    const max = Math.max(MIN_HEIGHT, window.innerHeight * 0.7);
    const move = (ev: PointerEvent) => {
      savedHeight = Math.round(Math.min(max, Math.max(MIN_HEIGHT, startH + startY - ev.clientY)));
      setHeight(savedHeight);
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  const onListKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
    const rows = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('.finding-row') ?? [])];
    if (rows.length === 0) return;
    e.preventDefault();
    e.stopPropagation();
    const at = rows.indexOf(document.activeElement as HTMLButtonElement);
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? rows.length - 1 : Math.max(0, Math.min(rows.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)));
    rows[next]!.focus();
  };

  const severityFilter = (value: FindingsPanelState['severity'], label: string, count?: number) => (
    <button type="button" className={panel.severity === value ? 'is-on' : ''} aria-pressed={panel.severity === value}
      onClick={() => setPanel({ severity: value })} data-testid={`findings-filter-${value}`}>
      {value !== 'all' && <Icon name={SEVERITY_ICON[value]} size={13} className={`icon sev-${value}`} />}
      {label}
      {count !== undefined && <span className="findings-filter-count">{count}</span>}
    </button>
  );

  const shortcut = shortcutLabel('view.findings');
  const total = findings.length;
  const summary = SEVERITIES.map((sev) => ({ sev, count: findings.filter((f) => f.severity === sev).length }));
  return (
    <section className="findings-panel" style={{ height }} aria-label={t('findings.title')} data-testid="findings-panel">
      <div className="findings-resize" onPointerDown={onResizeStart} aria-hidden="true" />
      <header className="findings-toolbar">
        <h2>{t('findings.title')}</h2>
        <span className="findings-summary" data-testid="findings-summary">
          {summary.map(({ sev, count }) => (
            <span key={sev} className={count > 0 ? `sev-${sev}` : ''} data-testid={`findings-summary-${sev}`} data-count={count}>
              <Icon name={SEVERITY_ICON[sev]} size={13} />{t(`findings.group.${sev === 'error' ? 'errors' : sev === 'warning' ? 'warnings' : 'infos'}`, { count })}
            </span>
          ))}
        </span>
        {pending && <span className="findings-pending" role="status">{t('findings.panel.computing')}</span>}
        <div className="findings-filters">
          <span className="findings-filter-label">{t('findings.filter.label')}</span>
          <div className="segmented segmented-sm" role="group" aria-label={t('findings.filter.label')}>
            {severityFilter('all', t('findings.filter.all'))}
            {severityFilter('error', t('findings.filter.errors'), counts.error)}
            {severityFilter('warning', t('findings.filter.warnings'), counts.warning)}
            {severityFilter('info', t('findings.filter.infos'), counts.info)}
          </div>
          <select className="input input-sm findings-area" value={area} aria-label={t('findings.filter.area')}
            onChange={(e) => setPanel({ area: e.target.value as FindingsPanelState['area'] })} data-testid="findings-filter-area">
            <option value="all">{t('findings.area.all')}</option>
            {RULE_AREAS.map((a) => <option key={a} value={a}>{t(`findings.area.${a}`)}{areaCounts.get(a) ? ` (${areaCounts.get(a)})` : ''}</option>)}
          </select>
          <label className={`findings-check${currentRoomId ? '' : ' is-disabled'}`}>
            <input type="checkbox" checked={panel.currentRoomOnly} disabled={!currentRoomId}
              onChange={(e) => setPanel({ currentRoomOnly: e.target.checked })} data-testid="findings-current-room" />
            {t('findings.filter.currentRoom')}
          </label>
        </div>
        <Tooltip label={t('findings.panel.close')} shortcut={shortcut} placement="top">
          <button type="button" className="btn-icon btn-icon-sm" aria-label={t('findings.panel.close')} onClick={() => toggleFindingsPanel(false)} data-testid="findings-close">
            <Icon name="close" size={14} />
          </button>
        </Tooltip>
      </header>
      <div className="findings-list" ref={listRef} onKeyDown={onListKeyDown} data-testid="findings-list">
        {total === 0 ? (
          <div className="findings-empty" data-testid="findings-empty">
            <Icon name="checkCircle" size={22} className="icon sev-ok" />
            <div>
              <strong>{t('findings.panel.emptyTitle')}</strong>
              <p>{t('findings.panel.empty')}</p>
            </div>
          </div>
        ) : sections.length === 0 ? (
          <div className="findings-empty" data-testid="findings-empty-filtered">
            <Icon name="info" size={20} />
            <div>
              <p>{t('findings.panel.emptyFiltered')}</p>
              <button type="button" className="btn btn-sm" onClick={() => setPanel({ severity: 'all', area: 'all', currentRoomOnly: false })}>{t('findings.panel.showAll')}</button>
            </div>
          </div>
        ) : (
          sections.map((section) => (
            <div key={section.severity} className="findings-section" data-testid={`findings-section-${section.severity}`}>
              <h3 className={`findings-section-title sev-${section.severity}`}>
                <Icon name={SEVERITY_ICON[section.severity]} size={13} />
                {t(`findings.group.${section.severity === 'error' ? 'errors' : section.severity === 'warning' ? 'warnings' : 'infos'}`, { count: section.rooms.reduce((n, r) => n + r.findings.length, 0) })}
              </h3>
              {section.rooms.map((room) => (
                <div key={room.roomId ?? ''} className="findings-room">
                  <h4 className="findings-room-title"><Icon name="room" size={12} />{room.name}<span className="findings-room-count">{room.findings.length}</span></h4>
                  <ul>
                    {room.findings.map((f) => <FindingRow key={f.id} finding={f} active={f.id === panel.activeId} />)}
                  </ul>
                </div>
              ))}
            </div>
          ))
        )}
      </div>
    </section>
  );
}

function FindingRow({ finding, active }: { finding: Finding; active: boolean }) {
  const { t } = useTranslation();
  const snapshot = useFindings((f) => f.snapshot);
  const fmt = useParamFormatters();
  const hint = findingHint(finding, t, fmt);
  const area = areaOf(finding.rule);
  // A finding about rows names its rows rather than their twenty racks.
  const rows = finding.refs.filter((e) => e.kind === 'rows');
  // Readings have no name: the rack or room they were taken at stands for them.
  const names = (rows.length > 0 ? rows : finding.refs.filter((e) => e.kind !== 'envReadings')).map((e) => entityName(snapshot, e));
  return (
    <li>
      <button type="button" className={`finding-row${active ? ' is-active' : ''}`} aria-current={active ? 'true' : undefined}
        onClick={() => revealFinding(finding)} data-testid="finding" data-finding-id={finding.id} data-severity={finding.severity} data-code={finding.rule} data-area={area}>
        <span className={`finding-severity sev-${finding.severity}`}>
          <Icon name={SEVERITY_ICON[finding.severity]} size={14} />
          <span>{t(`findings.severity.${finding.severity}`)}</span>
        </span>
        <span className="finding-text">
          <span className="finding-message">{findingText(finding, t, fmt)}</span>
          {hint && <span className="finding-hint" data-testid="finding-hint">{hint}</span>}
        </span>
        <span className="finding-meta">
          <span className={`finding-area area-${area}`}>{t(`findings.area.${area}`)}</span>
          <span className="finding-entities" title={names.join(', ')}>{names.join(', ')}</span>
        </span>
      </button>
    </li>
  );
}
