import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { MenuAction } from '../../core/api';
import { MENU_ACTIONS } from '../../core/api';
import type { MenuContext } from './menu-template';
import { buildMenuTemplate, recentLabel } from './menu-template';

function context(overrides: Partial<MenuContext> = {}): MenuContext {
  return {
    platform: 'linux',
    isDev: false,
    language: 'en',
    recent: [],
    homeDir: '/home/ana',
    sendAction: vi.fn(),
    openRecent: vi.fn(),
    ...overrides,
  };
}

/** Every item of the template, depth first. */
function flatten(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function byLabel(items: readonly MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const found = flatten(items).find((i) => i.label === label);
  if (!found) throw new Error(`no menu item "${label}"`);
  return found;
}

function click(item: MenuItemConstructorOptions): void {
  (item.click as () => void)();
}

describe('the native menu', () => {
  it('binds the documented shortcuts', () => {
    const menu = buildMenuTemplate(context());
    const accelerators = Object.fromEntries(flatten(menu).filter((i) => i.accelerator).map((i) => [`${i.label}${i.visible === false ? ' (hidden)' : ''}`, i.accelerator]));
    expect(accelerators).toMatchObject({
      'New Project…': 'CmdOrCtrl+N',
      'Open…': 'CmdOrCtrl+O',
      'Save As…': 'CmdOrCtrl+Shift+S',
      'Export…': 'CmdOrCtrl+E',
      'Close Project': 'CmdOrCtrl+W',
      Undo: 'CmdOrCtrl+Z',
      Redo: 'CmdOrCtrl+Shift+Z',
      'Redo (hidden)': 'Ctrl+Y',
      'Command Palette…': 'CmdOrCtrl+K',
    });
  });

  it('sends every menu action the renderer knows, and only those', () => {
    const sendAction = vi.fn<(a: MenuAction) => void>();
    const menu = buildMenuTemplate(context({ sendAction }));
    for (const item of flatten(menu)) if (item.click && !item.role) click(item);
    const sent = new Set(sendAction.mock.calls.map(([a]) => a));
    expect([...sent].sort()).toEqual([...MENU_ACTIONS].sort());
  });

  it('opens a recent project directly, and greys out missing ones', () => {
    const openRecent = vi.fn();
    const menu = buildMenuTemplate(
      context({
        openRecent,
        recent: [
          { path: '/home/ana/dc/Lyon & Co.plenum', name: 'Lyon', openedAt: '2025-01-01T00:00:00Z', exists: true },
          { path: '/mnt/gone.plenum', name: 'Gone', openedAt: '2025-01-01T00:00:00Z', exists: false },
        ],
      }),
    );
    const lyon = byLabel(menu, 'Lyon — ~/dc/Lyon && Co.plenum');
    click(lyon);
    expect(openRecent).toHaveBeenCalledWith('/home/ana/dc/Lyon & Co.plenum');
    expect(byLabel(menu, 'Gone — /mnt/gone.plenum').enabled).toBe(false);
  });

  it('says so when there is no recent project', () => {
    expect(byLabel(buildMenuTemplate(context()), 'No Recent Projects').enabled).toBe(false);
  });

  it('shows Reload and Developer Tools only in development', () => {
    const roles = (isDev: boolean) => flatten(buildMenuTemplate(context({ isDev }))).map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });

  it('has the macOS app and Window menus on macOS only, without Ctrl+Y', () => {
    const mac = buildMenuTemplate(context({ platform: 'darwin' }));
    expect(mac.map((m) => m.label)).toEqual(['Plenum', 'File', 'Edit', 'View', 'Window', 'Help']);
    expect(flatten(mac).some((i) => i.accelerator === 'Ctrl+Y')).toBe(false);
    expect(buildMenuTemplate(context()).map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
  });

  it('is translated into French', () => {
    const fr = buildMenuTemplate(context({ language: 'fr' }));
    expect(fr.map((m) => m.label)).toEqual(['&Fichier', '&Édition', '&Affichage', '&Aide']);
    expect(byLabel(fr, 'Annuler').accelerator).toBe('CmdOrCtrl+Z');
  });

  it('lists Documentation only when it can be opened', () => {
    expect(flatten(buildMenuTemplate(context())).some((i) => i.label === 'Documentation')).toBe(false);
    const openDocumentation = vi.fn();
    click(byLabel(buildMenuTemplate(context({ openDocumentation })), 'Documentation'));
    expect(openDocumentation).toHaveBeenCalled();
  });

  it('shortens home paths in recent labels', () => {
    expect(recentLabel({ path: '/home/ana/x.plenum', name: 'X', openedAt: '', exists: true }, '/home/ana')).toBe('X — ~/x.plenum');
    expect(recentLabel({ path: '/home/anabel/x.plenum', name: 'X', openedAt: '', exists: true }, '/home/ana')).toBe('X — /home/anabel/x.plenum');
  });
});
