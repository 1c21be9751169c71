/**
 * A register table (UI.md "sortable, filterable tables"): click or Enter on a header sorts,
 * the filter box keeps rows containing every word typed, numbers are right-aligned with units.
 * Rows are focusable; Enter runs the row's main action (edit), so the tables work by keyboard.
 */
import type { ReactNode } from 'react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/Icon';
import type { SortState, SortValue } from './logic';
import { filterRows, sortRows } from './logic';

export interface Column<T> {
  key: string;
  label: string;
  /** The value sorted on (and, as text, filtered on). */
  value(row: T): SortValue;
  render?(row: T): ReactNode;
  num?: boolean;
  width?: string;
}

export function DataTable<T>({
  rows, columns, rowKey, onOpen, actions, initialSort, empty, testId, focusId, label, toolbar, rowClass,
}: {
  rows: readonly T[];
  columns: ReadonlyArray<Column<T>>;
  rowKey(row: T): string;
  onOpen?(row: T): void;
  actions?(row: T): ReactNode;
  initialSort?: SortState;
  /** What to do when there is nothing yet (the empty state says it). */
  empty: ReactNode;
  testId: string;
  /** A row to bring into view and highlight (from the attention list). */
  focusId?: { id: string; seq: number } | null;
  label: string;
  toolbar?: ReactNode;
  rowClass?(row: T): string;
}) {
  const { t } = useTranslation();
  const [sort, setSort] = useState<SortState | null>(initialSort ?? null);
  const [filter, setFilter] = useState('');
  const body = useRef<HTMLTableSectionElement>(null);

  const shown = useMemo(() => {
    const text = (r: T) => columns.map((c) => c.value(r) ?? '').join(' ');
    const filtered = filterRows(rows, text, filter);
    const col = sort ? columns.find((c) => c.key === sort.key) : undefined;
    return col && sort ? sortRows(filtered, (r) => col.value(r), sort.dir) : filtered;
  }, [rows, columns, filter, sort]);

  const focusKey = focusId ? `${focusId.id}#${focusId.seq}` : null;
  useEffect(() => {
    if (!focusId || !body.current) return;
    const row = body.current.querySelector<HTMLElement>(`[data-key="${CSS.escape(focusId.id)}"]`);
    if (row) {
      row.scrollIntoView({ block: 'nearest' });
      row.focus();
    }
  // Only when a new record is revealed (its id and sequence), not on every render.
  }, [focusKey]);

  const toggle = (key: string) => setSort((s) => (s?.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' }));

  return (
    <div className="ops-table-wrap" data-testid={testId}>
      <div className="ops-table-tools">
        <label className="ops-filter">
          <Icon name="search" size={13} />
          <input
            className="input"
            type="search"
            value={filter}
            placeholder={t('ops.table.filter')}
            aria-label={t('ops.table.filterLabel', { table: label })}
            onChange={(e) => setFilter(e.target.value)}
            data-testid={`${testId}-filter`}
          />
        </label>
        <span className="ops-table-count">{filter ? t('ops.table.countFiltered', { shown: shown.length, total: rows.length }) : t('ops.table.count', { count: rows.length })}</span>
        <span className="ops-table-toolbar">{toolbar}</span>
      </div>
      {rows.length === 0 ? (
        <div className="ops-empty">{empty}</div>
      ) : (
        <div className="ops-table-scroll">
          <table className="table ops-table" aria-label={label}>
            <thead>
              <tr>
                {columns.map((c) => {
                  const dir = sort?.key === c.key ? sort.dir : null;
                  return (
                    <th key={c.key} className={c.num ? 'num' : undefined} style={c.width ? { width: c.width } : undefined} aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}>
                      <button type="button" className="ops-sort" onClick={() => toggle(c.key)}>
                        {c.label}
                        <Icon name={dir === 'desc' ? 'chevronDown' : 'chevronUp'} size={11} className={`icon ops-sort-icon${dir ? ' is-on' : ''}`} />
                      </button>
                    </th>
                  );
                })}
                {actions && <th className="actions"><span className="ops-vh">{t('ops.table.actions')}</span></th>}
              </tr>
            </thead>
            <tbody ref={body}>
              {shown.map((r) => {
                const key = rowKey(r);
                return (
                  <tr
                    key={key}
                    data-key={key}
                    tabIndex={0}
                    className={`${focusId?.id === key ? 'is-focus ' : ''}${rowClass?.(r) ?? ''}`}
                    onDoubleClick={() => onOpen?.(r)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' && e.target === e.currentTarget && onOpen) {
                        e.preventDefault();
                        onOpen(r);
                      }
                    }}
                  >
                    {columns.map((c) => <td key={c.key} className={c.num ? 'num' : undefined}>{c.render ? c.render(r) : (c.value(r) ?? '—')}</td>)}
                    {actions && <td className="actions">{actions(r)}</td>}
                  </tr>
                );
              })}
              {shown.length === 0 && (
                <tr><td colSpan={columns.length + (actions ? 1 : 0)} className="ops-nomatch">{t('ops.table.noMatch')}</td></tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
