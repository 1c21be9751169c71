import { useTranslation } from 'react-i18next';
import { runAction, shortcutLabel } from '../app/actions';
import { openProjectAt, removeRecent } from '../app/controller';
import { Icon, LogoMark } from '../components/Icon';
import type { IconName } from '../components/Icon';
import { dirname } from '../paths';
import { useStore } from '../state/store';
import { ltr } from './StatusBar';
import { ConnectionBanner } from './TopBar';

function StartAction({ icon, title, text, onClick, testId, shortcut }: { icon: IconName; title: string; text: string; onClick(): void; testId: string; shortcut?: string | undefined }) {
  return (
    <button type="button" className="start-action" onClick={onClick} data-testid={testId}>
      <span className="start-action-icon"><Icon name={icon} size={18} /></span>
      <span className="start-action-text">
        <strong>{title}</strong>
        <span>{text}</span>
      </span>
      {shortcut && <kbd className="kbd">{shortcut}</kbd>}
    </button>
  );
}

/** Shown when no project is open: start something, or pick up where you left off. */
export function StartScreen() {
  const { t, i18n } = useTranslation();
  const recent = useStore((s) => s.recent);
  const info = useStore((s) => s.appInfo);
  const openDialog = useStore((s) => s.openDialog);
  const dateFormat = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const formatDate = (iso: string) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : dateFormat.format(d);
  };

  return (
    <div className="start" data-testid="start-screen">
      <ConnectionBanner />
      <div className="start-inner">
        <header className="start-header">
          <LogoMark size={40} />
          <div>
            <h1>Plenum</h1>
            <p>{t('start.tagline')}</p>
          </div>
        </header>

        <div className="start-grid">
          <section className="start-col" aria-labelledby="start-begin">
            <h2 id="start-begin" className="start-heading">{t('start.begin')}</h2>
            <StartAction icon="filePlus" title={t('action.newProject')} text={t('start.newText')} onClick={() => runAction('project.new')} testId="start-new" shortcut={shortcutLabel('project.new')} />
            <StartAction icon="folderOpen" title={t('action.openProject')} text={t('start.openText')} onClick={() => runAction('project.open')} testId="start-open" shortcut={shortcutLabel('project.open')} />
            <StartAction icon="sparkle" title={t('action.openDemo')} text={t('start.demoText')} onClick={() => runAction('project.openDemo')} testId="start-demo" />
          </section>

          <section className="start-col start-recent" aria-labelledby="start-recent">
            <h2 id="start-recent" className="start-heading">{t('start.recent')}</h2>
            {recent.length === 0 ? (
              <div className="start-empty" data-testid="recent-empty">
                <Icon name="clock" size={22} />
                <p>{t('start.noRecent')}</p>
              </div>
            ) : (
              <ul className="recent-list" data-testid="recent-list">
                {recent.map((r) => (
                  <li key={r.path} className={`recent-item${r.exists ? '' : ' is-missing'}`} data-testid="recent-item">
                    <button
                      type="button"
                      className="recent-open"
                      disabled={!r.exists}
                      onClick={() => void openProjectAt(r.path)}
                      title={r.exists ? r.path : t('start.missing', { path: r.path })}
                    >
                      <Icon name="file" size={16} />
                      <span className="recent-text">
                        <span className="recent-name">{r.name}{!r.exists && <span className="tag">{t('start.missingTag')}</span>}</span>
                        <span className="recent-path">{ltr(dirname(r.path))}</span>
                      </span>
                      <span className="recent-date">{formatDate(r.openedAt)}</span>
                    </button>
                    <button
                      type="button"
                      className="btn-icon btn-icon-sm recent-remove"
                      onClick={() => void removeRecent(r.path)}
                      aria-label={t('start.removeRecent', { name: r.name })}
                      title={t('start.removeRecent', { name: r.name })}
                      data-testid="recent-remove"
                    >
                      <Icon name="close" size={14} />
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>

        <footer className="start-footer">
          <button type="button" className="link" onClick={() => openDialog({ kind: 'preferences' })}><Icon name="settings" size={13} />{t('action.preferences')}</button>
          <button type="button" className="link" onClick={() => openDialog({ kind: 'shortcuts' })}><Icon name="keyboard" size={13} />{t('action.shortcuts')}</button>
          <button type="button" className="link" onClick={() => openDialog({ kind: 'about' })}><Icon name="info" size={13} />{t('action.about')}</button>
          {info && <span className="muted">{t('about.version', { version: info.version })}</span>}
        </footer>
      </div>
    </div>
  );
}
