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

function Splash() {
  const { t } = useTranslation();
  return (
    <div className="splash" role="status" aria-live="polite" data-testid="splash">
      <LogoMark size={36} />
      <span>{t('common.loading')}</span>
    </div>
  );
}

export function App() {
  useTheme();
  const booted = useStore((s) => s.booted);
  const hasDocument = useStore((s) => s.project !== null && s.snapshot !== null);
  const loading = useStore((s) => s.loading);
  let screen;
  if (!booted || (loading && !hasDocument)) screen = <Splash />;
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
