/**
 * Renderer entry: i18n, styles, the router, window-level shortcuts and the Electron menu, then
 * boot (read prefs and the open project from main) and render.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { handleGlobalKeyDown, runMenuAction } from './app/actions';
import { boot, setMenuHandler } from './app/controller';
import { startRouter } from './app/navigation';
import { App } from './App';
import './i18n';
import './styles/tokens.css';
import './styles/app.css';

setMenuHandler(runMenuAction);
startRouter();
window.addEventListener('keydown', handleGlobalKeyDown);
// Middle-click autoscroll and file drops would navigate away from the app.
window.addEventListener('dragover', (e) => e.preventDefault());
window.addEventListener('drop', (e) => e.preventDefault());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

void boot();
