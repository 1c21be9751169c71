/**
 * The Commission workspace's other tabs: the issues board (open / in progress / resolved /
 * closed, filters by severity, assignee and overdue), the audit log viewer with CSV export and the
 * hash-chain status, and the dashboard (progress by level, room and system; open issues by
 * severity; a burn-down of answers per day as a plain SVG chart).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CxAuditVerify } from '../../../core/api';
import type { AuditEntry } from '../../../core/cx/audit';
import { filterIssues, isOverdue } from '../../../core/cx/issues';
import type { ProgressCounts } from '../../../core/cx/progress';
import { groupAnswers, progressReport } from '../../../core/cx/progress';
import { publishedTemplate } from '../../../core/cx/published';
import { SnapshotReader } from '../../../core/model/changes';
import type { CxIssue } from '../../../core/model/schema';
import { CX_SEVERITIES } from '../../../core/model/schema';
import { call } from '../api/client';
import { Icon } from '../components/Icon';
import { useStore } from '../state/store';
import { formatNumber } from '../units';
import { SeverityBadge } from './CommissionWorkspace';
import { reportError } from './walkKeys';
import { useCx } from './cxState';
import { assetName, burndown, localTimeWithOffset } from './logic';

const today = () => localTimeWithOffset().slice(0, 10);

const COLUMNS: Array<{ id: string; statuses: CxIssue['status'][] }> = [
  { id: 'open', statuses: ['open', 'reopened'] },
  { id: 'in-progress', statuses: ['in-progress'] },
  { id: 'resolved', statuses: ['resolved'] },
  { id: 'closed', statuses: ['closed'] },
];

export function IssuesTab() {
  const { t } = useTranslation();
  const snap = useStore((s) => s.snapshot)!;
  const filter = useCx((s) => s.issueFilter);
  const setFilter = useCx((s) => s.setIssueFilter);
  const setModal = useCx((s) => s.setModal);
  const now = today();
  const issues = filterIssues(Object.values(snap.cxIssues), {
    ...(filter.severity !== 'all' ? { severity: [filter.severity] } : {}),
    ...(filter.assignee.trim() ? { assignee: filter.assignee.trim() } : {}),
    ...(filter.overdue ? { overdue: true } : {}),
  }, now);
  const assignees = [...new Set(Object.values(snap.cxIssues).map((i) => i.assignee).filter((a): a is string => !!a))].sort();
  return (
    <div className="cx-issues" data-testid="cx-issues">
      <div className="cx-filters" role="group" aria-label={t('cx.issues.filters')}>
        <label>{t('cx.issue.severity')}
          <select value={filter.severity} onChange={(e) => setFilter({ severity: e.target.value as typeof filter.severity })} data-testid="cx-filter-severity">
            <option value="all">{t('cx.issues.all')}</option>
            {CX_SEVERITIES.map((s) => <option key={s} value={s}>{t(`cx.severity.${s}`)}</option>)}
          </select>
        </label>
        <label>{t('cx.issue.assignee')}
          <select value={filter.assignee} onChange={(e) => setFilter({ assignee: e.target.value })}>
            <option value="">{t('cx.issues.anyone')}</option>
            {assignees.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </label>
        <label className="cx-check"><input type="checkbox" checked={filter.overdue} onChange={(e) => setFilter({ overdue: e.target.checked })} />{t('cx.issues.overdue')}</label>
      </div>
      <div className="cx-board" onKeyDown={boardKeys}>
        {COLUMNS.map((col, colIdx) => {
          const list = issues.filter((i) => col.statuses.includes(i.status));
          return (
            <section key={col.id} className={`cx-column cx-column-${col.id}`} aria-label={t(`cx.issueStatus.${col.id}`)} data-testid={`cx-column-${col.id}`}>
              <h3>{t(`cx.issueStatus.${col.id}`)} <span className="cx-count">{list.length}</span></h3>
              <ul>
                {list.map((i, rowIdx) => (
                  <li key={i.id}>
                    <button type="button" className="cx-card" onClick={() => setModal({ kind: 'issue', issueId: i.id })} data-testid="cx-issue-card" data-issue={i.id} data-col={colIdx} data-row={rowIdx} data-cx-focus>
                      <span className="cx-card-top"><SeverityBadge severity={i.severity} />{isOverdue(i, now) && <span className="cx-overdue"><Icon name="clock" size={11} />{t('cx.issues.overdueBadge')}</span>}</span>
                      <span className="cx-card-title">{i.title}</span>
                      <span className="cx-card-meta">{i.assetId ? assetName(snap, i.assetKind ?? '', i.assetId) : ''}{i.assignee ? ` · → ${i.assignee}` : ''}{i.dueDate ? ` · ${i.dueDate}` : ''}</span>
                      {i.status === 'reopened' && <span className="cx-muted">{t('cx.issueStatus.reopened')}</span>}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </div>
  );
}

/**
 * Arrow keys on the issues board: ↑ / ↓ within a column, ← / → to the same row of the nearest
 * column that has cards (or its last card), Home / End to the column's ends. Enter opens (a button).
 */
function boardKeys(e: React.KeyboardEvent<HTMLDivElement>): void {
  const card = (e.target as HTMLElement).closest<HTMLElement>('.cx-card');
  if (!card || e.altKey || e.ctrlKey || e.metaKey) return;
  const col = Number(card.dataset.col);
  const row = Number(card.dataset.row);
  const cards = (c: number) => Array.from(e.currentTarget.querySelectorAll<HTMLElement>(`.cx-card[data-col="${c}"]`));
  let target: HTMLElement | undefined;
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') target = cards(col)[row + (e.key === 'ArrowDown' ? 1 : -1)];
  else if (e.key === 'Home') target = cards(col)[0];
  else if (e.key === 'End') target = cards(col).at(-1);
  else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
    const dir = e.key === 'ArrowRight' ? 1 : -1;
    for (let c = col + dir; c >= 0 && c < COLUMNS.length && !target; c += dir) {
      const list = cards(c);
      target = list[Math.min(row, list.length - 1)];
    }
  } else return;
  e.preventDefault();
  // Keep the app's arrow keys (plan nudges) out of it.
  e.stopPropagation();
  target?.focus();
}

const PAGE = 50;

/** Long values (a signature path, a list of item ids) are cut in the table; the export has them whole. */
const clip = (v: string | null) => (v === null ? '—' : v.length > 120 ? `${v.slice(0, 117)}…` : v);

export function AuditTab() {
  const { t } = useTranslation();
  const instanceId = useCx((s) => s.instanceId);
  const lastSeq = useStore((s) => s.lastSeq);
  const [scope, setScope] = useState<'project' | 'instance'>(instanceId ? 'instance' : 'project');
  const [page, setPage] = useState(0);
  const [data, setData] = useState<{ total: number; entries: AuditEntry[] } | null>(null);
  const [verify, setVerify] = useState<CxAuditVerify | null>(null);
  const forInstance = scope === 'instance' && instanceId ? instanceId : undefined;
  const load = useCallback(() => {
    call('cx.audit.list', { offset: page * PAGE, limit: PAGE, newestFirst: true, ...(forInstance ? { instanceId: forInstance } : {}) }).then(setData, reportError);
    call('cx.audit.verify', {}).then(setVerify, reportError);
  }, [page, forInstance]);
  useEffect(load, [load, lastSeq]);
  const exportCsv = async () => {
    try {
      const out = await call('cx.audit.export', { format: 'csv', ...(forInstance ? { instanceId: forInstance } : {}) });
      const url = URL.createObjectURL(new Blob([out.text], { type: out.mime }));
      const a = document.createElement('a');
      a.href = url;
      a.download = out.filename;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (err) {
      reportError(err);
    }
  };
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1;
  return (
    <div className="cx-audit" data-testid="cx-audit">
      <div className="cx-filters">
        <div className="cx-seg" role="group" aria-label={t('cx.audit.scope')}>
          <button type="button" aria-pressed={scope === 'project'} onClick={() => { setScope('project'); setPage(0); }}>{t('cx.audit.project')}</button>
          <button type="button" aria-pressed={scope === 'instance'} disabled={!instanceId} onClick={() => { setScope('instance'); setPage(0); }}>{t('cx.audit.instance')}</button>
        </div>
        {verify && (verify.ok
          ? <span className="cx-chain cx-chain-ok" data-testid="cx-chain" data-ok="true"><Icon name="lock" size={12} />{t('cx.audit.chainOk', { count: verify.entries })}</span>
          : <span className="cx-chain cx-chain-bad" data-testid="cx-chain" data-ok="false"><Icon name="alert" size={12} />{t('cx.audit.chainBroken', { seq: verify.brokenAt, message: verify.message })}</span>)}
        <button type="button" className="btn cx-touch" onClick={() => void exportCsv()} data-testid="cx-audit-export" data-cx-focus><Icon name="download" size={14} />{t('cx.audit.export')}</button>
      </div>
      <div className="cx-table-wrap">
        <table className="cx-table">
          <thead><tr><th>{t('cx.audit.at')}</th><th>{t('cx.audit.author')}</th><th>{t('cx.audit.command')}</th><th>{t('cx.audit.entity')}</th><th>{t('cx.audit.field')}</th><th>{t('cx.audit.old')}</th><th>{t('cx.audit.new')}</th><th>{t('cx.audit.reason')}</th></tr></thead>
          <tbody>
            {data?.entries.map((e) => (
              <tr key={e.seq} data-testid="cx-audit-row">
                <td className="cx-mono">{e.at.slice(0, 19).replace('T', ' ')}{e.at.slice(23)}</td>
                <td>{e.author}<div className="cx-muted cx-mono">{e.deviceId}</div></td>
                <td className="cx-mono">{e.command}</td>
                <td className="cx-mono">{e.entity}</td>
                <td className="cx-mono">{e.field}</td>
                <td className="cx-mono cx-old" title={e.old ?? undefined}>{clip(e.old)}</td>
                <td className="cx-mono" title={e.new ?? undefined}>{clip(e.new)}</td>
                <td>{e.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {data && data.total === 0 && <p className="cx-muted cx-pad">{t('cx.audit.empty')}</p>}
      </div>
      <div className="cx-pager">
        <button type="button" className="btn" disabled={page === 0} onClick={() => setPage(page - 1)}>{t('cx.audit.newer')}</button>
        <span>{t('cx.audit.page', { page: page + 1, pages, total: data?.total ?? 0 })}</span>
        <button type="button" className="btn" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>{t('cx.audit.older')}</button>
      </div>
    </div>
  );
}

function Bar({ label, c }: { label: string; c: ProgressCounts }) {
  const { t, i18n } = useTranslation();
  const pct = c.required > 0 ? (100 * c.requiredAnswered) / c.required : 0;
  return (
    <li className="cx-bar">
      <span className="cx-bar-label">{label}</span>
      <span className="cx-bar-track" role="img" aria-label={t('cx.progress.ring', { done: c.requiredAnswered, total: c.required })}>
        <span className="cx-bar-fill" style={{ width: `${pct}%` }} />
        {c.failed > 0 && <span className="cx-bar-fail" style={{ width: `${c.required > 0 ? (100 * c.failed) / c.required : 0}%` }} />}
      </span>
      <span className="cx-num">{formatNumber(pct, i18n.language, 0)} %</span>
      <span className="cx-num cx-muted">{c.requiredAnswered}/{c.required}</span>
      <span className="cx-num">{c.failed > 0 ? <span className="cx-sev cx-sev-major">{t('cx.progress.failed', { count: c.failed })}</span> : ''}</span>
    </li>
  );
}

export function DashboardTab() {
  const { t } = useTranslation();
  const snap = useStore((s) => s.snapshot)!;
  const report = useMemo(() => {
    const doc = new SnapshotReader(snap);
    return progressReport({
      instances: Object.values(snap.cxInstances),
      answersByInstance: groupAnswers(Object.values(snap.cxAnswers)),
      templateOf: (i) => publishedTemplate(doc, i.templateId, i.templateVersion),
    });
  }, [snap]);
  const open = Object.values(snap.cxIssues).filter((i) => i.status !== 'closed');
  const burn = useMemo(() => burndown(Object.values(snap.cxAnswers), report.totals.required, report.totals.required - report.totals.requiredAnswered), [snap, report]);
  const sorted = (m: Map<string, ProgressCounts>) => [...m.entries()].sort((a, b) => a[0].localeCompare(b[0], undefined, { numeric: true }));
  return (
    <div className="cx-dashboard" data-testid="cx-dashboard">
      <section className="cx-panel">
        <h2>{t('cx.dash.byLevel')}</h2>
        <ul className="cx-bars">{sorted(report.byLevel).map(([k, c]) => <Bar key={k} label={k} c={c} />)}</ul>
        {report.byLevel.size === 0 && <p className="cx-muted">{t('cx.walk.none')}</p>}
      </section>
      <section className="cx-panel">
        <h2>{t('cx.dash.byRoom')}</h2>
        <ul className="cx-bars">{sorted(report.byRoom).map(([k, c]) => <Bar key={k} label={snap.rooms[k]?.name ?? k} c={c} />)}</ul>
      </section>
      <section className="cx-panel">
        <h2>{t('cx.dash.bySystem')}</h2>
        <ul className="cx-bars">{sorted(report.bySystem).map(([k, c]) => <Bar key={k} label={k} c={c} />)}</ul>
        {report.bySystem.size === 0 && <p className="cx-muted">{t('cx.dash.noSystems')}</p>}
      </section>
      <section className="cx-panel">
        <h2>{t('cx.dash.openIssues')}</h2>
        <ul className="cx-sev-list">
          {CX_SEVERITIES.map((s) => <li key={s}><SeverityBadge severity={s} /><span className="cx-num" data-testid={`cx-dash-sev-${s}`}>{open.filter((i) => i.severity === s).length}</span></li>)}
        </ul>
      </section>
      <section className="cx-panel cx-panel-wide">
        <h2>{t('cx.dash.burndown')}</h2>
        <BurnChart points={burn} total={report.totals.required} />
      </section>
    </div>
  );
}

function BurnChart({ points, total }: { points: ReturnType<typeof burndown>; total: number }) {
  const { t } = useTranslation();
  if (points.length === 0) return <p className="cx-muted">{t('cx.dash.noAnswers')}</p>;
  const W = 640;
  const H = 220;
  // The legend sits in the top band, above the plot, so it never covers the curve.
  const P = { l: 44, r: 12, t: 30, b: 28 };
  const maxY = Math.max(1, total, ...points.map((p) => p.remaining));
  const maxBar = Math.max(1, ...points.map((p) => p.answered));
  const n = points.length;
  const x = (i: number) => P.l + (n === 1 ? (W - P.l - P.r) / 2 : (i * (W - P.l - P.r)) / (n - 1));
  const y = (v: number) => P.t + (1 - v / maxY) * (H - P.t - P.b);
  const barW = Math.max(4, Math.min(24, (W - P.l - P.r) / (n * 2)));
  const line = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)} ${y(p.remaining).toFixed(1)}`).join(' ');
  return (
    <svg className="cx-burn" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('cx.dash.burndown')}>
      {[0, 0.5, 1].map((f) => (
        <g key={f}>
          <line x1={P.l} x2={W - P.r} y1={y(maxY * f)} y2={y(maxY * f)} className="cx-burn-grid" />
          <text x={P.l - 6} y={y(maxY * f) + 4} textAnchor="end" className="cx-burn-axis">{Math.round(maxY * f)}</text>
        </g>
      ))}
      {points.map((p, i) => (
        <rect key={p.date} x={x(i) - barW / 2} y={H - P.b - (p.answered / maxBar) * (H - P.t - P.b) * 0.4} width={barW} height={(p.answered / maxBar) * (H - P.t - P.b) * 0.4} className="cx-burn-bar">
          <title>{t('cx.dash.answeredOn', { count: p.answered, date: p.date })}</title>
        </rect>
      ))}
      <path d={line} className="cx-burn-line" />
      {points.map((p, i) => <circle key={p.date} cx={x(i)} cy={y(p.remaining)} r={3} className="cx-burn-dot"><title>{t('cx.dash.remainingOn', { count: p.remaining, date: p.date })}</title></circle>)}
      {points.map((p, i) => (n <= 10 || i % Math.ceil(n / 10) === 0) && <text key={p.date} x={x(i)} y={H - 8} textAnchor="middle" className="cx-burn-axis">{p.date.slice(5)}</text>)}
      <g className="cx-burn-legend" transform={`translate(${P.l} 4)`}>
        <line x1={0} x2={16} y1={6} y2={6} className="cx-burn-line" /><text x={22} y={10} className="cx-burn-axis">{t('cx.dash.remaining')}</text>
        <rect x={110} y={1} width={10} height={10} className="cx-burn-bar" /><text x={126} y={10} className="cx-burn-axis">{t('cx.dash.answeredPerDay')}</text>
      </g>
    </svg>
  );
}
