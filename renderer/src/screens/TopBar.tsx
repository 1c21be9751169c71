import { useTranslation } from 'react-i18next';
import { IS_MAC, runAction, shortcutLabel } from '../app/actions';
import { Icon, LogoMark } from '../components/Icon';
import { Tooltip } from '../components/Tooltip';
import { commandLabel } from '../i18n';
import { useStore } from '../state/store';
import type { HistoryStep } from '../../../core/api';

function stepLabel(step: HistoryStep | null): string {
  if (!step) return '';
  const label = commandLabel(step.command);
  return step.detail ? `${label} ${step.detail}` : label;
}

/** Project name and file state, workspace, undo/redo, and the command palette (UI.md, top bar). */
export function TopBar() {
  const { t } = useTranslation();
  const name = useStore((s) => s.snapshot?.project.name ?? s.project?.name ?? '');
  const readOnly = useStore((s) => s.project?.readOnly ?? false);
  const history = useStore((s) => s.history);
  const openDialog = useStore((s) => s.openDialog);
  const workspace = useStore((s) => s.workspace);
  const setWorkspace = useStore((s) => s.setWorkspace);

  const undoText = history.canUndo && !readOnly ? t('topbar.undoStep', { step: stepLabel(history.undo) }) : t('topbar.nothingToUndo');
  const redoText = history.canRedo && !readOnly ? t('topbar.redoStep', { step: stepLabel(history.redo) }) : t('topbar.nothingToRedo');

  return (
    <header className="topbar" data-testid="topbar">
      <div className="topbar-project">
        <LogoMark size={22} />
        <div className="topbar-title">
          <span className="topbar-name" title={name} data-testid="project-name">{name}</span>
          {readOnly ? (
            <span className="badge badge-warning" data-testid="readonly-badge"><Icon name="lock" size={12} />{t('topbar.readOnly')}</span>
          ) : (
            <span className="save-state" data-testid="save-state" title={t('topbar.savedHint')}>
              <Icon name="check" size={12} />{t('topbar.saved')}
            </span>
          )}
        </div>
      </div>

      <nav className="workspaces" aria-label={t('topbar.workspaces')}>
        {(['design', 'commission', 'operate', 'reports'] as const).map((w) => (
          <button key={w} type="button" className={`workspace${workspace === w ? ' is-on' : ''}`} aria-current={workspace === w ? 'page' : undefined} onClick={() => setWorkspace(w)} data-testid={`workspace-${w}`}>
            {t(`workspace.${w}`)}
          </button>
        ))}
      </nav>

      <div className="topbar-history">
        <Tooltip label={undoText} shortcut={shortcutLabel('edit.undo')}>
          <button
            type="button"
            className="btn-icon"
            onClick={() => runAction('edit.undo')}
            disabled={!history.canUndo || readOnly}
            aria-label={undoText}
            data-testid="undo"
            data-step={history.undo ? stepLabel(history.undo) : ''}
          >
            <Icon name="undo" />
          </button>
        </Tooltip>
        <Tooltip label={redoText} shortcut={shortcutLabel('edit.redo')}>
          <button
            type="button"
            className="btn-icon"
            onClick={() => runAction('edit.redo')}
            disabled={!history.canRedo || readOnly}
            aria-label={redoText}
            data-testid="redo"
            data-step={history.redo ? stepLabel(history.redo) : ''}
          >
            <Icon name="redo" />
          </button>
        </Tooltip>
      </div>

      <button type="button" className="palette-button" onClick={() => runAction('view.palette')} data-testid="palette-button" aria-label={t('topbar.palette')}>
        <Icon name="search" size={14} />
        <span className="palette-button-text">{t('topbar.searchCommands')}</span>
        <kbd className="kbd">{IS_MAC ? '⌘K' : 'Ctrl+K'}</kbd>
      </button>

      <div className="topbar-end">
        <Tooltip label={t('action.preferences')} shortcut={shortcutLabel('view.preferences')}>
          <button type="button" className="btn-icon" onClick={() => openDialog({ kind: 'preferences' })} aria-label={t('action.preferences')} data-testid="open-preferences">
            <Icon name="settings" />
          </button>
        </Tooltip>
        <Tooltip label={t('action.shortcuts')} shortcut={shortcutLabel('help.shortcuts')}>
          <button type="button" className="btn-icon" onClick={() => openDialog({ kind: 'shortcuts' })} aria-label={t('action.shortcuts')} data-testid="open-shortcuts">
            <Icon name="help" />
          </button>
        </Tooltip>
      </div>
    </header>
  );
}

export function ReadOnlyBanner() {
  const { t } = useTranslation();
  const project = useStore((s) => s.project);
  if (!project?.readOnly) return null;
  return (
    <div className="banner banner-warning" role="status" data-testid="readonly-banner">
      <Icon name="lock" size={14} />
      <span><strong>{t('banner.readOnlyTitle')}</strong> {project.readOnlyReason ?? t('banner.readOnlyDefault')}</span>
      <button type="button" className="btn btn-sm" onClick={() => runAction('project.saveAs')}>{t('banner.saveCopy')}</button>
    </div>
  );
}

export function ConnectionBanner() {
  const { t } = useTranslation();
  const connected = useStore((s) => s.connected);
  if (connected) return null;
  return (
    <div className="banner banner-danger" role="alert" data-testid="connection-banner">
      <Icon name="disconnected" size={14} />
      <span>{t('banner.disconnected')}</span>
    </div>
  );
}
