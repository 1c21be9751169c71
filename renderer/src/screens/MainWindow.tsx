import { useTranslation } from 'react-i18next';
import { PlanView } from '../plan/PlanView';
import { selectCurrentRoomId } from '../state/selectors';
import { useStore } from '../state/store';
import { Overview } from './Overview';
import { PropertiesPanel } from './PropertiesPanel';
import { SiteTree } from './SiteTree';
import { StatusBar } from './StatusBar';
import { ConnectionBanner, ReadOnlyBanner, TopBar } from './TopBar';

/** The project window (UI.md): top bar, site tree, centre view by route, properties, status bar. */
export function MainWindow() {
  const { t } = useTranslation();
  const roomId = useStore(selectCurrentRoomId);
  const room = useStore((s) => (roomId ? s.snapshot?.rooms[roomId] : undefined));
  return (
    <div className="window" data-testid="main-window">
      <TopBar />
      <ConnectionBanner />
      <ReadOnlyBanner />
      <div className="workbench">
        <nav className="sidebar" aria-label={t('tree.title')}>
          <SiteTree />
        </nav>
        <main className="centre">
          {room ? <PlanView room={room} /> : <Overview />}
        </main>
        <PropertiesPanel />
      </div>
      <StatusBar />
    </div>
  );
}
