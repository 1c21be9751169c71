/**
 * The power chain as a tree grid: utility and generator → ATS → UPS → switchboard → PDU → RPP →
 * rack feeds, each element with its capacity, its load in normal operation, and its worst load
 * over every single failure (and which failure causes it).
 */
import type { KeyboardEvent } from 'react';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ElementCapacity } from '../../../core/capacity/report';
import { Icon } from '../components/Icon';
import { useUnits } from '../hooks';
import { useStore } from '../state/store';
import { formatPowerW } from '../units';
import { buildChainTree, flattenChain, pctOf } from './model';
import { Meter, WhatIfButton } from './parts';
import { pickElement, runWhatIf, usePickedElementId } from './powerState';

export function ChainTree({ elements, warnAtPct }: { elements: readonly ElementCapacity[]; warnAtPct: number }) {
  const { t } = useTranslation();
  const units = useUnits();
  const powerElements = useStore((s) => s.snapshot!.powerElements);
  const powerFeeds = useStore((s) => s.snapshot!.powerFeeds);
  const failed = useStore((s) => s.whatIf?.failedIds);
  const picked = usePickedElementId();
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const body = useRef<HTMLTableSectionElement>(null);
  const roots = useMemo(() => buildChainTree(powerElements, powerFeeds), [powerElements, powerFeeds]);
  const rows = flattenChain(roots, collapsed);
  // One tab stop for the whole tree (the picked row, else the first); arrows move within it.
  const tabStop = picked && rows.some((n) => n.element.id === picked) ? picked : rows[0]?.element.id;
  const byId = useMemo(() => new Map(elements.map((e) => [e.id, e])), [elements]);
  const name = (id: string) => powerElements[id]?.name ?? id;
  const toggle = (id: string) => setCollapsed((prev) => {
    const next = new Set(prev);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  const w = (watts: number) => formatPowerW(watts, units.locale);

  const onKey = (e: KeyboardEvent<HTMLTableRowElement>, index: number, id: string, hasChildren: boolean) => {
    const go = (i: number) => (body.current?.querySelectorAll<HTMLTableRowElement>('tr[data-row]')[i])?.focus();
    if (e.key === 'ArrowDown') go(index + 1);
    else if (e.key === 'ArrowUp') go(index - 1);
    else if (e.key === 'ArrowRight' && hasChildren && collapsed.has(id)) toggle(id);
    else if (e.key === 'ArrowLeft' && hasChildren && !collapsed.has(id)) toggle(id);
    else if (e.key === 'Enter' || e.key === ' ') pickElement(id);
    else return;
    e.preventDefault();
  };

  return (
    <div className="pw-table-wrap">
      <table className="pw-table pw-chain" role="treegrid" aria-label={t('powerUi.chain.title')} data-testid="chain-tree">
        <thead>
          <tr>
            <th scope="col">{t('powerUi.chain.element')}</th>
            <th scope="col" className="num">{t('powerUi.chain.capacity')}</th>
            <th scope="col" className="num">{t('powerUi.chain.normal')}</th>
            <th scope="col" className="pw-col-meter">{t('powerUi.chain.normalPct')}</th>
            <th scope="col" className="num">{t('powerUi.chain.worst')}</th>
            <th scope="col" className="pw-col-meter">{t('powerUi.chain.worstPct')}</th>
            <th scope="col"><span className="visually-hidden">{t('powerUi.whatIf.action')}</span></th>
          </tr>
        </thead>
        <tbody ref={body}>
          {rows.map((node, index) => {
            const e = node.element;
            const load = byId.get(e.id);
            const cap = load?.capacityW ?? null;
            const isFailed = failed?.includes(e.id) ?? false;
            const hasChildren = node.children.length > 0;
            return (
              <tr
                key={e.id}
                data-row
                tabIndex={e.id === tabStop ? 0 : -1}
                aria-level={node.depth + 1}
                aria-expanded={hasChildren ? !collapsed.has(e.id) : undefined}
                aria-selected={picked === e.id}
                className={`${picked === e.id ? 'is-picked' : ''}${isFailed ? ' is-failed' : ''}`}
                onClick={() => pickElement(e.id)}
                onKeyDown={(ev) => onKey(ev, index, e.id, hasChildren)}
                data-testid="chain-row"
                data-element={e.name}
              >
                <td className="pw-chain-cell" style={{ paddingLeft: `${8 + node.depth * 16}px` }}>
                  <div className="pw-chain-name">
                  {hasChildren ? (
                    <button type="button" className="pw-twisty" tabIndex={-1} aria-label={t(collapsed.has(e.id) ? 'powerUi.chain.expand' : 'powerUi.chain.collapse', { name: e.name })}
                      onClick={(ev) => { ev.stopPropagation(); toggle(e.id); }}>
                      <Icon name={collapsed.has(e.id) ? 'chevronRight' : 'chevronDown'} size={12} />
                    </button>
                  ) : <span className="pw-twisty" aria-hidden="true" />}
                  <span className={`pw-kind pw-kind-${e.kind}`}>{t(`powerUi.kindShort.${e.kind}`)}</span>
                  <span className="pw-chain-label">{e.name}</span>
                  {e.kind === 'ups' && e.redundancy && <span className="tag">{e.group ?? e.redundancy}</span>}
                  {node.alsoFrom.length > 0 && (
                    <span className="pw-also" title={t('powerUi.chain.alsoFromHint')}>{t('powerUi.chain.alsoFrom', { names: node.alsoFrom.map(name).join(', ') })}</span>
                  )}
                  {node.feeds > 0 && (
                    <span className="pw-also" title={t('powerUi.chain.feedsHint', { feeds: node.feeds, racks: node.racks })}>{t('powerUi.chain.feedsCount', { count: node.feeds })}</span>
                  )}
                  {isFailed && <span className="pw-failed-tag">{t('powerUi.whatIf.failedTag')}</span>}
                  </div>
                </td>
                <td className="num" data-testid="chain-capacity">{cap !== null ? w(cap) : <span className="muted" title={t('powerUi.chain.noRatingHint')}>{t('powerUi.chain.noRating')}</span>}</td>
                <td className="num" data-testid="chain-normal">{load ? w(load.normalW) : '—'}</td>
                <td className="pw-col-meter"><Meter pct={load ? pctOf(load.normalW, cap) : null} warnAtPct={warnAtPct} locale={units.locale} /></td>
                <td className="num" data-testid="chain-worst">
                  {load ? w(load.worstW) : '—'}
                  {load?.worstCause && <div className="pw-cause">{t('powerUi.chain.ifFails', { name: name(load.worstCause) })}</div>}
                </td>
                <td className="pw-col-meter"><Meter pct={load ? pctOf(load.worstW, cap) : null} warnAtPct={warnAtPct} locale={units.locale} /></td>
                <td className="pw-actions-cell">
                  <WhatIfButton label={t('powerUi.whatIf.forName', { name: e.name })} onClick={() => runWhatIf([e.id])} active={isFailed} testId="chain-whatif" />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
