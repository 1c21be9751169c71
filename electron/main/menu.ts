/**
 * Installs the native application menu (template in menu-template.ts) and keeps it current:
 * it is rebuilt when the open project changes (Open Recent) and when the language changes.
 */
import os from 'node:os';
import { Menu } from 'electron';
import type { ApiEvent, MenuAction, Preferences, RecentProject } from '../../core/api';
import { DEFAULT_PREFERENCES } from '../../core/api';
import type { IpcServices } from './ipc';
import { buildMenuTemplate } from './menu-template';

export interface AppMenuOptions {
  services: IpcServices;
  isDev: boolean;
  sendAction(action: MenuAction): void;
  openRecent(path: string): void;
  openDocumentation?: () => void;
}

/** Builds the menu now and on every change that affects it; returns a function that stops that. */
export function installApplicationMenu(options: AppMenuOptions): () => void {
  let language: Preferences['language'] = DEFAULT_PREFERENCES.language;
  let recent: RecentProject[] = [];
  let generation = 0;

  const apply = () => {
    const template = buildMenuTemplate({
      platform: process.platform,
      isDev: options.isDev,
      language,
      recent,
      homeDir: os.homedir(),
      sendAction: options.sendAction,
      openRecent: options.openRecent,
      ...(options.openDocumentation ? { openDocumentation: options.openDocumentation } : {}),
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };

  const refresh = async () => {
    const mine = ++generation;
    const [prefs, list] = await Promise.all([options.services.handle('prefs.get', {}), options.services.handle('recent.list', {})]);
    if (mine !== generation) return; // a newer refresh is under way
    if (prefs.ok) language = (prefs.value as Preferences).language;
    if (list.ok) recent = list.value as RecentProject[];
    apply();
  };

  apply();
  void refresh();
  return options.services.onEvent((event: ApiEvent) => {
    if (event.type === 'project.changed') void refresh();
    if (event.type === 'prefs.changed' && event.prefs.language !== language) {
      language = event.prefs.language;
      apply();
    }
  });
}
