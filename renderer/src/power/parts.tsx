/** Small building blocks of the Power & capacity UI: meters, verdict badges, the bolt icon, sortable headers. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../units';
import type { SortState, Tone } from './model';
import { toneOf } from './model';

/**
 * A utilisation bar with its percentage. Over 100 % the bar is full and says so in text, so the
 * meaning never rests on colour alone.
 */
export function Meter({ pct, warnAtPct, locale, testId, label }: { pct: number | null; warnAtPct: number; locale: string; testId?: string; label?: string }) {
  const tone: Tone = toneOf(pct, warnAtPct);
  if (pct === null) return <span className="pw-meter pw-meter-none" data-testid={testId}>—</span>;
  const width = Math.max(0, Math.min(100, pct));
  return (
    <span className={`pw-meter tone-${tone}`} data-testid={testId} data-pct={Math.round(pct)} title={label}>
      <span className="pw-meter-track" aria-hidden="true">
        <span className="pw-meter-fill" style={{ width: `${width}%` }} />
        <span className="pw-meter-warn" style={{ left: `${Math.min(100, warnAtPct)}%` }} />
      </span>
      <span className="pw-meter-pct">{formatNumber(pct, locale, 0)}&nbsp;%{pct > 100 ? ' ▲' : ''}</span>
    </span>
  );
}

/** A redundancy verdict. `ok` true: meets the design; false: below it; null: not judged. */
export function VerdictBadge({ verdict, ok, testId, title }: { verdict: string; ok: boolean | null; testId?: string; title?: string }) {
  const { t } = useTranslation();
  const cls = ok === null ? 'pw-badge-neutral' : ok ? 'pw-badge-ok' : 'pw-badge-bad';
  const text = ['overloaded', 'unknown', 'short', 'none'].includes(verdict) ? t(`powerUi.verdict.${verdict}`) : verdict;
  return (
    <span className={`pw-badge ${cls}`} data-testid={testId} data-verdict={verdict} title={title}>
      <span aria-hidden="true">{ok === null ? '•' : ok ? '✓' : '✕'}</span>
      {text}
    </span>
  );
}

export function BoltIcon({ size = 14 }: { size?: number }) {
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" aria-hidden="true">
      <path d="M9 1.5 3.5 9H8l-1 5.5L12.5 7H8z" />
    </svg>
  );
}

/** "What if this fails?": a small button next to anything that can fail. */
export function WhatIfButton({ onClick, label, testId, active }: { onClick(): void; label: string; testId?: string; active?: boolean }) {
  return (
    <button type="button" className={`btn-icon btn-icon-sm pw-whatif-btn${active ? ' is-on' : ''}`} onClick={(e) => { e.stopPropagation(); onClick(); }}
      aria-label={label} title={label} aria-pressed={active} data-testid={testId}>
      <BoltIcon size={13} />
    </button>
  );
}

/** A column header that sorts its table; shows the direction with an arrow and `aria-sort`. */
export function SortHeader<K extends string>({ k, sort, onSort, numeric, sticky, children }: { k: K; sort: SortState<K>; onSort(k: K, numeric: boolean): void; numeric?: boolean; sticky?: boolean; children: ReactNode }) {
  const active = sort.key === k;
  return (
    <th scope="col" className={[numeric ? 'num' : '', sticky ? 'pw-sticky' : ''].join(' ').trim() || undefined} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="pw-sort" onClick={() => onSort(k, !!numeric)} data-testid={`sort-${k}`}>
        {children}
        <span className="pw-sort-arrow" aria-hidden="true">{active ? (sort.dir === 'asc' ? '▲' : '▼') : ''}</span>
      </button>
    </th>
  );
}
