import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { resolvedTheme } from './app/controller';
import { Toasts } from './components/Toasts';
import { LogoMark } from './components/Icon';
import { DialogHost } from './dialogs/DialogHost';
import { CommandPalette } from './screens/CommandPalette';
import { MainWindow } from './screens/MainWindow';
import { StartScreen } from './screens/StartScreen';
import { useStore } from './state/store';

/** Applies the theme preference to <html data-theme>, following the OS while it is 'system'. */
function useTheme() {
  const theme = useStore((s) => s.prefs.theme);
  useEffect(() => {
    const apply = () => { document.documentElement.dataset.theme = resolvedTheme(theme); };
    apply();
    if (theme !== 'system' || !window.matchMedia) return;
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    mq.addEventListener('change', apply);
    return () => mq.removeEventListener('change', apply);
  }, [theme]);
}

function Fatal({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <div className="splash" role="alert" data-testid="fatal">
      <LogoMark size={36} />
      <h1 className="fatal-title">{t('fatal.title')}</h1>
      <p className="fatal-text">{t('fatal.text')}</p>
      <p className="dialog-code">{message}</p>
    </div>
  );
}

function Splash() {
  const { t } = useTranslation();
  return (
    <div className="splash" role="status" aria-live="polite" data-testid="splash">
      <LogoMark size={36} />
      <span>{t('common.loading')}</span>
    </div>
  );
}

/** The tab or window title names the open project (Electron's main sets its own window title). */
function useDocumentTitle() {
  const name = useStore((s) => s.snapshot?.project.name ?? null);
  const readOnly = useStore((s) => s.project?.readOnly ?? false);
  const { t } = useTranslation();
  useEffect(() => {
    document.title = name ? `${name}${readOnly ? ` (${t('topbar.readOnly')})` : ''} — Plenum` : 'Plenum';
  }, [name, readOnly, t]);
}

export function App() {
  useTheme();
  useDocumentTitle();
  const booted = useStore((s) => s.booted);
  const hasDocument = useStore((s) => s.project !== null && s.snapshot !== null);
  const loading = useStore((s) => s.loading);
  const fatal = useStore((s) => s.fatal);
  let screen;
  if (fatal) screen = <Fatal message={fatal} />;
  else if (!booted || (loading && !hasDocument)) screen = <Splash />;
  else if (hasDocument) screen = <MainWindow />;
  else screen = <StartScreen />;
  return (
    <>
      {screen}
      <DialogHost />
      <CommandPalette />
      <Toasts />
    </>
  );
}
