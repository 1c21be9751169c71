/**
 * The native menu, as data. Menu items either send a `{type: 'menu', action}` event so the
 * renderer runs the same UI action as its own buttons and shortcuts (one code path, also used in
 * browser mode), or use an Electron role for text editing, zoom and window handling.
 * Open Recent is the exception: it opens the project directly in main.
 *
 * Only `import type` from Electron here, so the template is unit-tested under Node
 * (menu-template.test.ts); menu.ts turns it into a real Menu.
 */
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuAction, Preferences, RecentProject } from '../../core/api';

export type Language = Preferences['language'];

export interface MenuContext {
  platform: NodeJS.Platform;
  /** Unpackaged run: adds Reload and Developer Tools to View. */
  isDev: boolean;
  language: Language;
  recent: readonly RecentProject[];
  homeDir: string;
  sendAction(action: MenuAction): void;
  openRecent(path: string): void;
  /** Undefined when no documentation address is on the openExternal allow-list. */
  openDocumentation?: () => void;
}

const EN = {
    file: '&File', new: 'New Project…', open: 'Open…', openRecent: 'Open Recent', noRecent: 'No Recent Projects',
    saveAs: 'Save As…', duplicate: 'Duplicate…', export: 'Export…', backups: 'Backups…', close: 'Close Project', quit: 'Quit Plenum',
    edit: '&Edit', undo: 'Undo', redo: 'Redo', cut: 'Cut', copy: 'Copy', paste: 'Paste', selectAll: 'Select All',
    view: '&View', palette: 'Command Palette…', theme: 'Theme…', language: 'Language…', units: 'Units…',
    reload: 'Reload', forceReload: 'Force Reload', devTools: 'Toggle Developer Tools',
    resetZoom: 'Actual Size', zoomIn: 'Zoom In', zoomOut: 'Zoom Out', fullScreen: 'Toggle Full Screen',
    window: '&Window', help: '&Help', shortcuts: 'Keyboard Shortcuts', about: 'About Plenum', docs: 'Documentation',
    services: 'Services', hide: 'Hide Plenum', hideOthers: 'Hide Others', unhide: 'Show All',
};

export type MenuLabels = { readonly [K in keyof typeof EN]: string };

const FR: MenuLabels = {
    file: '&Fichier', new: 'Nouveau projet…', open: 'Ouvrir…', openRecent: 'Ouvrir un projet récent', noRecent: 'Aucun projet récent',
    saveAs: 'Enregistrer sous…', duplicate: 'Dupliquer…', export: 'Exporter…', backups: 'Sauvegardes…', close: 'Fermer le projet', quit: 'Quitter Plenum',
    edit: '&Édition', undo: 'Annuler', redo: 'Rétablir', cut: 'Couper', copy: 'Copier', paste: 'Coller', selectAll: 'Tout sélectionner',
    view: '&Affichage', palette: 'Palette de commandes…', theme: 'Thème…', language: 'Langue…', units: 'Unités…',
    reload: 'Recharger', forceReload: 'Forcer le rechargement', devTools: 'Outils de développement',
    resetZoom: 'Taille réelle', zoomIn: 'Zoom avant', zoomOut: 'Zoom arrière', fullScreen: 'Plein écran',
    window: 'Fe&nêtre', help: '&Aide', shortcuts: 'Raccourcis clavier', about: 'À propos de Plenum', docs: 'Documentation',
    services: 'Services', hide: 'Masquer Plenum', hideOthers: 'Masquer les autres', unhide: 'Tout afficher',
};

const LABELS: Record<Language, MenuLabels> = { en: EN, fr: FR };

export function menuLabels(language: Language): MenuLabels {
  return LABELS[language] ?? LABELS.en;
}

const MAX_RECENT_ITEMS = 10;

/** `~/…` for paths in the home folder; `&` doubled so Windows does not read it as a mnemonic. */
export function recentLabel(project: RecentProject, homeDir: string): string {
  const shown = homeDir && project.path.startsWith(homeDir + path.sep) ? `~${project.path.slice(homeDir.length)}` : project.path;
  return `${project.name} — ${shown}`.replace(/&/g, '&&');
}

export function buildMenuTemplate(ctx: MenuContext): MenuItemConstructorOptions[] {
  const t = menuLabels(ctx.language);
  const mac = ctx.platform === 'darwin';
  // On macOS the ampersand mnemonics are not used; strip them from top-level labels.
  const top = (label: string) => (mac ? label.replace(/&(?!&)/g, '') : label);
  const action = (a: MenuAction) => () => ctx.sendAction(a);

  const recentItems: MenuItemConstructorOptions[] = ctx.recent.slice(0, MAX_RECENT_ITEMS).map((project) => ({
    label: recentLabel(project, ctx.homeDir),
    enabled: project.exists,
    click: () => ctx.openRecent(project.path),
  }));

  const appMenu: MenuItemConstructorOptions = {
    label: 'Plenum',
    submenu: [
      { label: t.about, click: action('help.about') },
      { type: 'separator' },
      { label: t.services, role: 'services' },
      { type: 'separator' },
      { label: t.hide, role: 'hide' },
      { label: t.hideOthers, role: 'hideOthers' },
      { label: t.unhide, role: 'unhide' },
      { type: 'separator' },
      { label: t.quit, role: 'quit' },
    ],
  };

  const fileMenu: MenuItemConstructorOptions = {
    label: top(t.file),
    submenu: [
      { label: t.new, accelerator: 'CmdOrCtrl+N', click: action('file.new') },
      { label: t.open, accelerator: 'CmdOrCtrl+O', click: action('file.open') },
      {
        label: t.openRecent,
        submenu: recentItems.length > 0 ? recentItems : [{ label: t.noRecent, enabled: false }],
      },
      { type: 'separator' },
      { label: t.saveAs, accelerator: 'CmdOrCtrl+Shift+S', click: action('file.saveAs') },
      { label: t.duplicate, click: action('file.duplicate') },
      { label: t.export, accelerator: 'CmdOrCtrl+E', click: action('file.export') },
      { label: t.backups, click: action('file.backups') },
      { type: 'separator' },
      { label: t.close, accelerator: 'CmdOrCtrl+W', click: action('file.close') },
      ...(mac ? [] : [{ type: 'separator' as const }, { label: t.quit, role: 'quit' as const, accelerator: 'CmdOrCtrl+Q' }]),
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: top(t.edit),
    submenu: [
      // Not the `undo`/`redo` roles: those act on text fields only. The renderer decides: a focused
      // text field gets native text undo, anything else the project's history.
      { label: t.undo, accelerator: 'CmdOrCtrl+Z', click: action('edit.undo') },
      { label: t.redo, accelerator: 'CmdOrCtrl+Shift+Z', click: action('edit.redo') },
      // The Windows and Linux convention, without a second visible Redo item.
      ...(mac ? [] : [{ label: t.redo, accelerator: 'Ctrl+Y', visible: false, acceleratorWorksWhenHidden: true, click: action('edit.redo') }]),
      { type: 'separator' },
      { label: t.cut, role: 'cut' },
      { label: t.copy, role: 'copy' },
      { label: t.paste, role: 'paste' },
      { label: t.selectAll, role: 'selectAll' },
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: top(t.view),
    submenu: [
      { label: t.palette, accelerator: 'CmdOrCtrl+K', click: action('view.palette') },
      { type: 'separator' },
      { label: t.theme, click: action('view.theme') },
      { label: t.language, click: action('view.language') },
      { label: t.units, click: action('view.units') },
      { type: 'separator' },
      ...(ctx.isDev
        ? [
            { label: t.reload, role: 'reload' as const },
            { label: t.forceReload, role: 'forceReload' as const },
            { label: t.devTools, role: 'toggleDevTools' as const },
            { type: 'separator' as const },
          ]
        : []),
      { label: t.resetZoom, role: 'resetZoom' },
      { label: t.zoomIn, role: 'zoomIn' },
      { label: t.zoomOut, role: 'zoomOut' },
      { type: 'separator' },
      { label: t.fullScreen, role: 'togglefullscreen' },
    ],
  };

  const helpMenu: MenuItemConstructorOptions = {
    label: top(t.help),
    role: 'help',
    submenu: [
      { label: t.shortcuts, click: action('help.shortcuts') },
      ...(ctx.openDocumentation ? [{ label: t.docs, click: ctx.openDocumentation }] : []),
      ...(mac ? [] : [{ type: 'separator' as const }, { label: t.about, click: action('help.about') }]),
    ],
  };

  const windowMenu: MenuItemConstructorOptions = { label: top(t.window), role: 'windowMenu' };

  return mac ? [appMenu, fileMenu, editMenu, viewMenu, windowMenu, helpMenu] : [fileMenu, editMenu, viewMenu, helpMenu];
}
