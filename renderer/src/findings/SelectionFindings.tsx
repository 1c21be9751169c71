/**
 * "Findings for the selection" (UI.md, right sidebar, under the properties): the findings that
 * name what is selected — for a rack, also those of its devices; for a room (or nothing selected
 * on a plan), those of the room; for the project, all of them. Each opens in the findings panel.
 */
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { Finding } from '../../../core/rules/finding';
import { Icon } from '../components/Icon';
import { selectCurrentRoomId } from '../state/selectors';
import type { AppState } from '../state/store';
import { useStore } from '../state/store';
import { SEVERITY_ICON } from './FindingsPanel';
import { findingHint, findingText, useParamFormatters } from './findingText';
import { revealFinding, toggleFindingsPanel } from './reveal';
import { useFindings, useFindingsFor } from './useFindings';
import '../styles/findings.css';

const MAX_SHOWN = 5;

type Scope = { kind: 'entities'; ids: string[] } | { kind: 'room'; roomId: string } | { kind: 'project' };

function scopeOf(s: AppState): Scope {
  const sel = s.selection;
  if (sel && sel.kind !== 'project' && sel.kind !== 'room') return { kind: 'entities', ids: [...sel.ids] };
  if (sel?.kind === 'room' && sel.ids[0]) return { kind: 'room', roomId: sel.ids[0] };
  const roomId = sel ? null : selectCurrentRoomId(s);
  return roomId ? { kind: 'room', roomId } : { kind: 'project' };
}

const NO_IDS: string[] = [];

export function SelectionFindings() {
  const scopeKind = useStore((s) => scopeOf(s).kind);
  const ids = useStore(useShallow((s) => { const sc = scopeOf(s); return sc.kind === 'entities' ? sc.ids : NO_IDS; }));
  const roomId = useStore((s) => { const sc = scopeOf(s); return sc.kind === 'room' ? sc.roomId : null; });
  const forEntities = useFindingsFor(ids);
  const all = useFindings((f) => f.findings);
  const findings = scopeKind === 'entities' ? forEntities : roomId ? all.filter((f) => f.roomId === roomId) : all;
  const emptyKey = scopeKind === 'room' ? 'findings.selection.roomNone' : scopeKind === 'project' ? 'findings.selection.projectNone' : 'findings.selection.none';
  return <FindingsList findings={findings} emptyKey={emptyKey} />;
}

function FindingsList({ findings, emptyKey }: { findings: readonly Finding[]; emptyKey: 'findings.selection.none' | 'findings.selection.roomNone' | 'findings.selection.projectNone' }) {
  const { t } = useTranslation();
  const activeId = useStore((s) => s.findingsPanel.activeId);
  const fmt = useParamFormatters();
  const shown = findings.slice(0, MAX_SHOWN);
  const more = findings.length - shown.length;
  return (
    <section className="props-section selection-findings" data-testid="selection-findings">
      <header className="props-header">
        <Icon name="alert" size={14} />
        <h3>{t('findings.selection.title')}{findings.length > 0 && <span className="selection-findings-count">{findings.length}</span>}</h3>
        <div className="section-actions">
          <button type="button" className="btn-icon btn-icon-sm" title={t('findings.selection.openPanel')} aria-label={t('findings.selection.openPanel')}
            onClick={() => toggleFindingsPanel(true)} data-testid="selection-findings-open">
            <Icon name="layers" size={13} />
          </button>
        </div>
      </header>
      <div className="props-body">
        {findings.length === 0 ? (
          <p className="selection-findings-none" data-testid="selection-findings-none"><Icon name="checkCircle" size={14} className="icon sev-ok" />{t(emptyKey)}</p>
        ) : (
          <ul className="selection-findings-list">
            {shown.map((f) => (
              <li key={f.id}>
                <button type="button" className={`selection-finding${f.id === activeId ? ' is-active' : ''}`} onClick={() => revealFinding(f, { openPanel: true })}
                  data-testid="selection-finding" data-severity={f.severity}>
                  <span className={`finding-severity-icon sev-${f.severity}`} title={t(`findings.severity.${f.severity}`)}>
                    <Icon name={SEVERITY_ICON[f.severity]} size={13} aria-label={t(`findings.severity.${f.severity}`)} role="img" aria-hidden={false} />
                  </span>
                  <span className="selection-finding-text">
                    {findingText(f, t, fmt)}
                    {f.hint && <span className="selection-finding-hint" data-testid="selection-finding-hint">{findingHint(f, t, fmt)}</span>}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {more > 0 && (
          <button type="button" className="link selection-findings-more" onClick={() => toggleFindingsPanel(true)}>{t('findings.selection.more', { count: more })}</button>
        )}
      </div>
    </section>
  );
}
