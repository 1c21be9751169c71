/**
 * Every UI action in one registry (STYLE.md §2, after excalidraw's actions): id, i18n label,
 * shortcuts, when it applies, and what it runs. The command palette, keyboard shortcuts, the
 * Electron menu and the buttons all run actions from here, so they cannot drift apart.
 */
import type { MenuAction } from '../../../core/api';
import type { AppState } from '../state/store';
import { useStore } from '../state/store';
import {
  closeProject, deleteSelection, duplicateFlow, exportProject, openDemoProject, openProjectFlow, redo, saveAsFlow,
  switchLanguage, toggleTheme, toggleUnits, undo,
} from './controller';
import type { Shortcut } from './keys';
import { detectMac, formatShortcut, isTypingTarget, matchesShortcut, parseShortcut } from './keys';
import { selectCurrentRoomId } from '../state/selectors';
import { pickImportFile } from '../screens/ImportButton';

export type ActionId =
  | 'project.new' | 'project.open' | 'project.openDemo' | 'project.saveAs' | 'project.duplicate' | 'project.close'
  | 'project.export' | 'project.import' | 'project.backups'
  | 'edit.undo' | 'edit.redo' | 'edit.delete'
  | 'room.add' | 'rack.add' | 'device.add'
  | 'view.palette' | 'view.preferences' | 'view.toggleTheme' | 'view.switchLanguage' | 'view.toggleUnits'
  | 'help.shortcuts' | 'help.about';

export interface UiAction {
  id: ActionId;
  /** i18n key of the label shown in the palette and the shortcuts list. */
  labelKey: string;
  /** Section of the shortcuts list. */
  group: 'file' | 'edit' | 'view' | 'help';
  shortcuts?: readonly string[];
  /** Whether the action applies now; disabled actions are hidden from the palette and ignore keys. */
  when?(s: AppState): boolean;
  run(): unknown;
}

const hasProject = (s: AppState) => s.project !== null && s.snapshot !== null;
const writable = (s: AppState) => hasProject(s) && !s.project!.readOnly;
const open = (dialog: Parameters<AppState['openDialog']>[0]) => () => useStore.getState().openDialog(dialog);

export const ACTIONS: readonly UiAction[] = [
  { id: 'project.new', labelKey: 'action.newProject', group: 'file', shortcuts: ['Mod+N'], run: open({ kind: 'newProject' }) },
  { id: 'project.open', labelKey: 'action.openProject', group: 'file', shortcuts: ['Mod+O'], run: openProjectFlow },
  { id: 'project.openDemo', labelKey: 'action.openDemo', group: 'file', run: openDemoProject },
  { id: 'project.saveAs', labelKey: 'action.saveAs', group: 'file', shortcuts: ['Mod+Shift+S'], when: hasProject, run: saveAsFlow },
  { id: 'project.duplicate', labelKey: 'action.duplicate', group: 'file', when: hasProject, run: duplicateFlow },
  { id: 'project.export', labelKey: 'action.export', group: 'file', when: hasProject, run: exportProject },
  { id: 'project.import', labelKey: 'action.import', group: 'file', when: writable, run: pickImportFile },
  { id: 'project.backups', labelKey: 'action.backups', group: 'file', when: hasProject, run: open({ kind: 'backups' }) },
  { id: 'project.close', labelKey: 'action.closeProject', group: 'file', when: hasProject, run: closeProject },
  { id: 'edit.undo', labelKey: 'action.undo', group: 'edit', shortcuts: ['Mod+Z'], when: (s) => writable(s) && s.history.canUndo, run: undo },
  { id: 'edit.redo', labelKey: 'action.redo', group: 'edit', shortcuts: ['Mod+Shift+Z', 'Mod+Y'], when: (s) => writable(s) && s.history.canRedo, run: redo },
  { id: 'edit.delete', labelKey: 'action.deleteSelection', group: 'edit', shortcuts: ['Delete'], when: (s) => writable(s) && s.selection !== null && s.selection.kind !== 'project', run: deleteSelection },
  { id: 'room.add', labelKey: 'action.addRoom', group: 'edit', when: writable, run: open({ kind: 'addRoom' }) },
  {
    id: 'rack.add', labelKey: 'action.addRack', group: 'edit',
    when: (s) => writable(s) && Object.keys(s.snapshot!.rooms).length > 0,
    run: () => {
      const roomId = selectCurrentRoomId(useStore.getState());
      useStore.getState().openDialog(roomId ? { kind: 'addRack', roomId } : { kind: 'addRack' });
    },
  },
  {
    id: 'device.add', labelKey: 'action.addDevice', group: 'edit',
    when: (s) => writable(s) && Object.keys(s.snapshot!.racks).length > 0,
    run: () => {
      const s = useStore.getState();
      const sel = s.selection;
      const rackId = sel?.kind === 'rack' ? sel.ids[0] : sel?.kind === 'device' ? s.snapshot?.devices[sel.ids[0] ?? '']?.rackId : undefined;
      s.openDialog(rackId ? { kind: 'addDevice', rackId } : { kind: 'addDevice' });
    },
  },
  { id: 'view.palette', labelKey: 'action.palette', group: 'view', shortcuts: ['Mod+K'], run: () => useStore.getState().setPaletteOpen(true) },
  { id: 'view.preferences', labelKey: 'action.preferences', group: 'view', shortcuts: ['Mod+,'], run: open({ kind: 'preferences' }) },
  { id: 'view.toggleTheme', labelKey: 'action.toggleTheme', group: 'view', run: toggleTheme },
  { id: 'view.switchLanguage', labelKey: 'action.switchLanguage', group: 'view', run: switchLanguage },
  { id: 'view.toggleUnits', labelKey: 'action.toggleUnits', group: 'view', run: toggleUnits },
  { id: 'help.shortcuts', labelKey: 'action.shortcuts', group: 'help', shortcuts: ['F1'], run: open({ kind: 'shortcuts' }) },
  { id: 'help.about', labelKey: 'action.about', group: 'help', run: open({ kind: 'about' }) },
];

const BY_ID = new Map(ACTIONS.map((a) => [a.id, a]));

export function getAction(id: ActionId): UiAction {
  return BY_ID.get(id)!;
}

export function isEnabled(action: UiAction, s: AppState = useStore.getState()): boolean {
  return action.when ? action.when(s) : true;
}

/**
 * The same action can arrive twice for one key press in Electron: once as our keydown and once
 * from the native menu's accelerator. Runs within this window of each other count once.
 */
const DUPLICATE_WINDOW_MS = 250;
const lastRun = new Map<ActionId, { at: number; source: 'key' | 'menu' | 'ui' }>();

export function runAction(id: ActionId, source: 'key' | 'menu' | 'ui' = 'ui'): boolean {
  const action = BY_ID.get(id);
  if (!action || !isEnabled(action)) return false;
  const now = Date.now();
  const previous = lastRun.get(id);
  if (source !== 'ui' && previous && previous.source !== 'ui' && previous.source !== source && now - previous.at < DUPLICATE_WINDOW_MS) return true;
  lastRun.set(id, { at: now, source });
  void Promise.resolve(action.run()).catch((err: unknown) => console.error(err));
  return true;
}

const MENU_TO_ACTION: Record<MenuAction, ActionId> = {
  'file.new': 'project.new',
  'file.open': 'project.open',
  'file.saveAs': 'project.saveAs',
  'file.duplicate': 'project.duplicate',
  'file.export': 'project.export',
  'file.close': 'project.close',
  'file.backups': 'project.backups',
  'edit.undo': 'edit.undo',
  'edit.redo': 'edit.redo',
  'view.palette': 'view.palette',
  'view.theme': 'view.toggleTheme',
  'view.language': 'view.switchLanguage',
  'view.units': 'view.toggleUnits',
  'help.shortcuts': 'help.shortcuts',
  'help.about': 'help.about',
};

export function runMenuAction(action: MenuAction): void {
  const id = MENU_TO_ACTION[action];
  if (id) runAction(id, 'menu');
}

// ---------------------------------------------------------------- keyboard

export const IS_MAC = detectMac();

const PARSED = ACTIONS.flatMap((a) => (a.shortcuts ?? []).map((text) => ({ action: a, shortcut: parseShortcut(text) })));

export function shortcutLabels(action: UiAction): string[] {
  return (action.shortcuts ?? []).map((s) => formatShortcut(parseShortcut(s), IS_MAC));
}

export function shortcutLabel(id: ActionId): string | undefined {
  return shortcutLabels(getAction(id))[0];
}

export function findShortcutAction(event: KeyboardEvent): { action: UiAction; shortcut: Shortcut } | undefined {
  return PARSED.find(({ shortcut }) => matchesShortcut(event, shortcut, IS_MAC));
}

/**
 * The window-level shortcut handler. Keys typed into a field stay with the field (Ctrl+Z there is
 * the field's own undo); an open dialog or the palette keeps its keys to itself.
 */
export function handleGlobalKeyDown(event: KeyboardEvent): void {
  if (event.defaultPrevented || event.isComposing) return;
  const s = useStore.getState();
  if (s.dialogs.length > 0 || s.paletteOpen) return;
  if (isTypingTarget(event.target)) return;
  if (event.key === 'Backspace' && !event.ctrlKey && !event.metaKey && IS_MAC) {
    // Mac keyboards have no Delete key: Backspace deletes the selection there.
    if (runAction('edit.delete', 'key')) event.preventDefault();
    return;
  }
  if (event.key === 'Escape') {
    if (s.selection) {
      s.select(null);
      event.preventDefault();
    }
    return;
  }
  const hit = findShortcutAction(event);
  if (!hit) return;
  // Always swallow our shortcuts (Ctrl+N would open a browser window, Ctrl+O a file picker).
  event.preventDefault();
  runAction(hit.action.id, 'key');
}
