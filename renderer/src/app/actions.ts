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
import { toggleFindingsPanel } from '../findings/reveal';
import { cycleCapacityOverlay } from '../capacity/useCapacity';
import type { RoomView } from '../router';
import { route } from '../router';
import { view3d } from '../view3d/bridge';
import { openReportsExport } from '../reports/reportsState';
import { navigate } from './navigation';
import { CX_TABS, useCx } from '../cx/cxState';
import { cxCanSignFinal, cxChooseKey, cxEditItem, cxFocusList, cxUpgradeTarget, cxWalkKey, cxWalkKeysActive, publishBuiltins, walkTarget } from '../cx/walkKeys';
import { capacityRoomId, clearWhatIf, onCapacityRoute, runWhatIf, usePowerPick, whatIfTarget } from '../power/powerState';
import { canFlipSelectedDevice, canMoveSelectedDevice, flipSelectedDevice, moveSelectedDevice } from '../elevation/elevationActions';
import type { PlanTool } from '../state/sessionSlice';
import {
  alignSelection, copySelection, deletePlanSelection, distributeSelection, duplicateSelection, hasClipboard, hasPlanSelection,
  nudgeSelection, pasteClipboard, rotateSelection, selectedPlanItems,
} from '../plan/planEdits';
import { addSensor, canAddSensor, deleteSelectedSensors } from '../sensors/sensorActions';

export type ActionId =
  | 'project.new' | 'project.open' | 'project.openDemo' | 'project.saveAs' | 'project.duplicate' | 'project.close'
  | 'project.export' | 'project.import' | 'project.backups'
  | 'edit.undo' | 'edit.redo' | 'edit.delete'
  | 'room.add' | 'rack.add' | 'device.add' | 'sensor.add'
  | 'view.palette' | 'view.preferences' | 'view.toggleTheme' | 'view.switchLanguage' | 'view.toggleUnits'
  | 'view.findings' | 'view.cycleOverlay'
  | 'view.plan' | 'view.3d' | 'view.rackElevation' | 'view.focusSelection'
  | 'help.shortcuts' | 'help.about'
  | 'plan.tool.select' | 'plan.tool.room' | 'plan.tool.rack' | 'plan.tool.row' | 'plan.tool.floorEquipment' | 'plan.tool.obstacle'
  | 'plan.tool.door' | 'plan.tool.measure' | 'plan.tool.label' | 'plan.toggleSnap' | 'plan.rotate'
  | 'plan.nudgeLeft' | 'plan.nudgeRight' | 'plan.nudgeUp' | 'plan.nudgeDown'
  | 'plan.nudgeLeftTile' | 'plan.nudgeRightTile' | 'plan.nudgeUpTile' | 'plan.nudgeDownTile'
  | 'plan.alignLeft' | 'plan.alignRight' | 'plan.alignTop' | 'plan.alignBottom' | 'plan.alignCenterX' | 'plan.alignCenterY'
  | 'plan.distributeX' | 'plan.distributeY'
  | 'edit.copy' | 'edit.paste' | 'edit.duplicate'
  | 'elevation.moveUp' | 'elevation.moveDown' | 'elevation.flip'
  | 'view.capacity' | 'view.siteCapacity' | 'power.whatIf' | 'power.clearWhatIf' | 'power.findSpace'
  | 'workspace.design' | 'workspace.commission' | 'workspace.operate' | 'workspace.reports' | 'project.exportJson'
  | 'cx.pass' | 'cx.fail' | 'cx.na' | 'cx.next' | 'cx.prev' | 'cx.nextIncomplete' | 'cx.addChecklists' | 'cx.publishBuiltins'
  | 'cx.clear' | 'cx.choose' | 'cx.editItem' | 'cx.focusList' | 'cx.signFinal' | 'cx.upgrade' | 'cx.actor' | 'cx.settings' | 'cx.tabWalk' | 'cx.tabIssues' | 'cx.tabAudit' | 'cx.tabDashboard';

export interface UiAction {
  id: ActionId;
  /** i18n key of the label shown in the palette and the shortcuts list. */
  labelKey: string;
  /** Section of the shortcuts list. */
  group: 'file' | 'edit' | 'view' | 'help' | 'plan' | 'cx';
  shortcuts?: readonly string[];
  /** Whether the action applies now; disabled actions are hidden from the palette and ignore keys. */
  when?(s: AppState): boolean;
  /** `event`: the key press that ran it (absent from the palette, menu and buttons). */
  run(event?: KeyboardEvent): unknown;
}

const hasProject = (s: AppState) => s.project !== null && s.snapshot !== null;
const writable = (s: AppState) => hasProject(s) && !s.project!.readOnly;
const open = (dialog: Parameters<AppState['openDialog']>[0]) => () => useStore.getState().openDialog(dialog);
/** The 2D plan is on screen (not the 3D view or a rack elevation of the same room). */
/** The room view tabs (keys 1–4) belong to Design; in Commission the digits stay free for the walk. */
const inDesign = (s: AppState) => s.workspace === 'design';
const onPlan = (s: AppState) => hasProject(s) && s.workspace === 'design' && s.route.name === 'roomPlan' && selectCurrentRoomId(s) !== null;
const editPlan = (s: AppState) => writable(s) && onPlan(s);
const tool = (name: PlanTool) => () => useStore.getState().setPlanTool(name);
/** Plan selection gestures act where the items are drawn: on the plan. */
const planSel = (s: AppState) => onPlan(s) && hasPlanSelection(s);
const multi = (n: number) => (s: AppState) => planSel(s) && selectedPlanItems(s).length >= n;
/** The walk keys apply while a checklist is on screen in the Commission workspace and no walk prompt is open. */
const cxWalk = (s: AppState) => writable(s) && s.workspace === 'commission' && cxWalkKeysActive();

export const ACTIONS: readonly UiAction[] = [
  // Commission walk mode (renderer/src/cx). First in the list: its letter keys (F, K, N…) share
  // letters with the plan and 3D keys, and the first ENABLED action wins a key.
  { id: 'cx.pass', labelKey: 'cx.key.pass', group: 'cx', shortcuts: ['P'], when: cxWalk, run: () => cxWalkKey('pass') },
  { id: 'cx.fail', labelKey: 'cx.key.fail', group: 'cx', shortcuts: ['F'], when: cxWalk, run: () => cxWalkKey('fail') },
  { id: 'cx.na', labelKey: 'cx.key.na', group: 'cx', shortcuts: ['N'], when: cxWalk, run: () => cxWalkKey('na') },
  { id: 'cx.next', labelKey: 'cx.key.next', group: 'cx', shortcuts: ['J'], when: cxWalk, run: () => cxWalkKey('next') },
  { id: 'cx.prev', labelKey: 'cx.key.prev', group: 'cx', shortcuts: ['K'], when: cxWalk, run: () => cxWalkKey('prev') },
  { id: 'cx.nextIncomplete', labelKey: 'cx.key.nextIncomplete', group: 'cx', shortcuts: ['Shift+J'], when: cxWalk, run: () => cxWalkKey('nextIncomplete') },
  { id: 'cx.clear', labelKey: 'cx.key.clear', group: 'cx', shortcuts: ['Delete', 'Backspace'], when: cxWalk, run: () => cxWalkKey('clear') },
  // 1–9 pick a choice item's option n; from the palette (no key) the focus goes to the first option.
  {
    id: 'cx.choose', labelKey: 'cx.key.choose', group: 'cx', shortcuts: ['1', '2', '3', '4', '5', '6', '7', '8', '9'], when: (s) => cxWalk(s) && walkTarget()?.item.type === 'choice',
    run: (e) => (e ? cxChooseKey(Number(e.key)) : document.querySelector<HTMLElement>('[data-testid="cx-item"] .cx-big')?.focus()),
  },
  { id: 'cx.editItem', labelKey: 'cx.key.editItem', group: 'cx', shortcuts: ['E'], when: cxWalk, run: cxEditItem },
  { id: 'cx.signFinal', labelKey: 'cx.sign.final', group: 'cx', shortcuts: ['S'], when: (s) => cxWalk(s) && cxCanSignFinal(), run: () => useCx.getState().setModal({ kind: 'signoff', scope: 'final' }) },
  { id: 'cx.upgrade', labelKey: 'cx.key.upgrade', group: 'cx', shortcuts: ['U'], when: (s) => writable(s) && cxWalkKeysActive() && cxUpgradeTarget() !== null, run: () => useCx.getState().setModal({ kind: 'upgrade', instanceId: cxUpgradeTarget()! }) },
  { id: 'cx.focusList', labelKey: 'cx.key.focusList', group: 'cx', shortcuts: ['L'], when: (s) => hasProject(s) && s.workspace === 'commission' && useCx.getState().tab === 'walk' && useCx.getState().modal === null, run: cxFocusList },
  { id: 'cx.actor', labelKey: 'cx.actor.change', group: 'cx', when: (s) => hasProject(s) && s.workspace === 'commission', run: () => useCx.getState().setModal({ kind: 'actor' }) },
  ...CX_TABS.map((tab, i) => ({
    id: `cx.tab${tab[0]!.toUpperCase()}${tab.slice(1)}` as ActionId, labelKey: `cx.key.tab.${tab}`, group: 'cx' as const, shortcuts: [`Alt+${i + 1}`],
    when: (s: AppState) => hasProject(s) && s.workspace === 'commission' && useCx.getState().modal === null, run: () => useCx.getState().setTab(tab),
  })),
  { id: 'cx.settings', labelKey: 'cx.settings.open', group: 'cx', when: (s) => writable(s) && s.workspace === 'commission', run: () => useCx.getState().setModal({ kind: 'settings' }) },
  { id: 'cx.addChecklists', labelKey: 'cx.add.open', group: 'cx', shortcuts: ['A'], when: (s) => writable(s) && s.workspace === 'commission' && useCx.getState().modal === null, run: () => useCx.getState().setModal({ kind: 'add' }) },
  { id: 'cx.publishBuiltins', labelKey: 'cx.publishBuiltins', group: 'cx', when: (s) => writable(s) && s.workspace === 'commission', run: () => publishBuiltins() },
  { id: 'workspace.design', labelKey: 'cx.action.design', group: 'view', when: (s) => hasProject(s) && s.workspace !== 'design', run: () => useStore.getState().setWorkspace('design') },
  { id: 'workspace.commission', labelKey: 'cx.action.commission', group: 'view', when: (s) => hasProject(s) && s.workspace !== 'commission', run: () => useStore.getState().setWorkspace('commission') },
  { id: 'workspace.operate', labelKey: 'ops.action.workspace', group: 'view', when: (s) => hasProject(s) && s.workspace !== 'operate', run: () => useStore.getState().setWorkspace('operate') },
  { id: 'workspace.reports', labelKey: 'reports.action.workspace', group: 'view', when: (s) => hasProject(s) && s.workspace !== 'reports', run: () => useStore.getState().setWorkspace('reports') },
  { id: 'project.new', labelKey: 'action.newProject', group: 'file', shortcuts: ['Mod+N'], run: open({ kind: 'newProject' }) },
  { id: 'project.open', labelKey: 'action.openProject', group: 'file', shortcuts: ['Mod+O'], run: openProjectFlow },
  { id: 'project.openDemo', labelKey: 'action.openDemo', group: 'file', run: openDemoProject },
  { id: 'project.saveAs', labelKey: 'action.saveAs', group: 'file', shortcuts: ['Mod+Shift+S'], when: hasProject, run: saveAsFlow },
  { id: 'project.duplicate', labelKey: 'action.duplicate', group: 'file', when: hasProject, run: duplicateFlow },
  // File → Export… opens the Reports workspace, where every report and export is (UI.md); the
  // plenum/1 JSON export stays one action away, there and in the palette.
  { id: 'project.export', labelKey: 'reports.action.export', group: 'file', shortcuts: ['Mod+E'], when: hasProject, run: openReportsExport },
  { id: 'project.exportJson', labelKey: 'action.export', group: 'file', when: hasProject, run: exportProject },
  { id: 'project.import', labelKey: 'action.import', group: 'file', when: writable, run: pickImportFile },
  { id: 'project.backups', labelKey: 'action.backups', group: 'file', when: hasProject, run: open({ kind: 'backups' }) },
  { id: 'project.close', labelKey: 'action.closeProject', group: 'file', when: hasProject, run: closeProject },
  { id: 'edit.undo', labelKey: 'action.undo', group: 'edit', shortcuts: ['Mod+Z'], when: (s) => writable(s) && s.history.canUndo, run: undo },
  { id: 'edit.redo', labelKey: 'action.redo', group: 'edit', shortcuts: ['Mod+Shift+Z', 'Mod+Y'], when: (s) => writable(s) && s.history.canRedo, run: redo },
  {
    id: 'edit.delete', labelKey: 'action.deleteSelection', group: 'edit', shortcuts: ['Delete'],
    when: (s) => writable(s) && s.selection !== null && s.selection.kind !== 'project',
    // Rooms, devices and racks keep their own commands; rows, floor equipment, obstacles, doors,
    // annotations and mixed plan selections go in one layout.delete.
    run: () => {
      const kind = useStore.getState().selection?.kind ?? '';
      if (kind === 'sensor') return deleteSelectedSensors();
      return ['rack', 'device', 'room'].includes(kind) ? deleteSelection() : deletePlanSelection();
    },
  },
  { id: 'edit.copy', labelKey: 'plan.action.copy', group: 'edit', shortcuts: ['Mod+C'], when: planSel, run: copySelection },
  { id: 'edit.paste', labelKey: 'plan.action.paste', group: 'edit', shortcuts: ['Mod+V'], when: (s) => writable(s) && onPlan(s) && hasClipboard(), run: pasteClipboard },
  { id: 'edit.duplicate', labelKey: 'plan.action.duplicate', group: 'edit', shortcuts: ['Mod+D'], when: planSel, run: duplicateSelection },
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
  { id: 'sensor.add', labelKey: 'sensors.action.add', group: 'edit', when: (s) => writable(s) && canAddSensor(s), run: addSensor },
  { id: 'view.palette', labelKey: 'action.palette', group: 'view', shortcuts: ['Mod+K'], run: () => useStore.getState().setPaletteOpen(true) },
  { id: 'view.preferences', labelKey: 'action.preferences', group: 'view', shortcuts: ['Mod+,'], run: open({ kind: 'preferences' }) },
  { id: 'view.toggleTheme', labelKey: 'action.toggleTheme', group: 'view', run: toggleTheme },
  { id: 'view.switchLanguage', labelKey: 'action.switchLanguage', group: 'view', run: switchLanguage },
  { id: 'view.toggleUnits', labelKey: 'action.toggleUnits', group: 'view', run: toggleUnits },
  { id: 'view.findings', labelKey: 'action.toggleFindings', group: 'view', shortcuts: ['Mod+Shift+M'], when: hasProject, run: () => toggleFindingsPanel() },
  // Capacity overlay of the plan and the 3D view (capacity/): none → kW → % budget → temperature → weight.
  { id: 'view.cycleOverlay', labelKey: 'overlay.action.cycle', group: 'view', shortcuts: ['Shift+O'], when: hasProject, run: cycleCapacityOverlay },
  // The centre's views of a room (view3d/, MainWindow's tabs): 1 plan, 2 3D, 3 the selected rack's elevation.
  { id: 'view.plan', labelKey: 'view3d.action.plan', group: 'view', shortcuts: ['1'], when: (s) => inDesign(s) && roomViewTarget(s) !== null, run: () => showRoomView('plan') },
  { id: 'view.3d', labelKey: 'view3d.action.3d', group: 'view', shortcuts: ['2'], when: (s) => inDesign(s) && roomViewTarget(s) !== null, run: () => showRoomView('3d') },
  { id: 'view.rackElevation', labelKey: 'view3d.action.rack', group: 'view', shortcuts: ['3'], when: (s) => inDesign(s) && selectedRackId(s) !== null, run: () => showRoomView('rack') },
  // Power & capacity (renderer/src/power): 4 the room's capacity tab; the whole site from the palette.
  { id: 'view.capacity', labelKey: 'powerUi.action.capacity', group: 'view', shortcuts: ['4'], when: (s) => inDesign(s) && roomViewTarget(s) !== null, run: () => showRoomView('capacity') },
  { id: 'view.siteCapacity', labelKey: 'powerUi.action.siteCapacity', group: 'view', when: hasProject, run: () => navigate(route('capacity', {})) },
  { id: 'power.whatIf', labelKey: 'powerUi.action.whatIf', group: 'view', shortcuts: ['Shift+F'], when: (s) => hasProject(s) && whatIfTarget(s) !== null, run: () => runWhatIf([whatIfTarget(useStore.getState())!]) },
  { id: 'power.clearWhatIf', labelKey: 'powerUi.action.clearWhatIf', group: 'view', when: (s) => s.whatIf !== null, run: clearWhatIf },
  {
    id: 'power.findSpace', labelKey: 'powerUi.action.findSpace', group: 'edit', when: (s) => writable(s) && Object.keys(s.snapshot!.racks).length > 0,
    run: () => {
      // The finder lives in the capacity view: open it there (the room on screen, else the site).
      const s = useStore.getState();
      if (!onCapacityRoute(s)) {
        const roomId = roomViewTarget(s);
        navigate(roomId ? route('roomCapacity', { roomId }) : route('capacity', {}));
      }
      usePowerPick.getState().setPlacementOpen(true);
    },
  },
  { id: 'view.focusSelection', labelKey: 'view3d.action.focus', group: 'view', shortcuts: ['F'], when: (s) => s.route.name === 'room3d' && view3d() !== null, run: () => view3d()?.focusSelection() },
  { id: 'help.shortcuts', labelKey: 'action.shortcuts', group: 'help', shortcuts: ['F1', '?'], run: open({ kind: 'shortcuts' }) },
  { id: 'help.about', labelKey: 'action.about', group: 'help', run: open({ kind: 'about' }) },
  // The plan editor (renderer/src/plan): tools, snapping and selection gestures.
  { id: 'plan.tool.select', labelKey: 'plan.tool.select', group: 'plan', shortcuts: ['V'], when: onPlan, run: tool('select') },
  { id: 'plan.tool.room', labelKey: 'plan.tool.room', group: 'plan', shortcuts: ['Shift+R'], when: editPlan, run: tool('room') },
  { id: 'plan.tool.rack', labelKey: 'plan.tool.rack', group: 'plan', shortcuts: ['K'], when: editPlan, run: tool('rack') },
  { id: 'plan.tool.row', labelKey: 'plan.tool.row', group: 'plan', shortcuts: ['W'], when: editPlan, run: tool('row') },
  { id: 'plan.tool.floorEquipment', labelKey: 'plan.tool.floorEquipment', group: 'plan', shortcuts: ['E'], when: editPlan, run: tool('floorEquipment') },
  { id: 'plan.tool.obstacle', labelKey: 'plan.tool.obstacle', group: 'plan', shortcuts: ['O'], when: editPlan, run: tool('obstacle') },
  { id: 'plan.tool.door', labelKey: 'plan.tool.door', group: 'plan', shortcuts: ['D'], when: editPlan, run: tool('door') },
  { id: 'plan.tool.measure', labelKey: 'plan.tool.measure', group: 'plan', shortcuts: ['M'], when: onPlan, run: tool('measure') },
  { id: 'plan.tool.label', labelKey: 'plan.tool.label', group: 'plan', shortcuts: ['T'], when: editPlan, run: tool('label') },
  {
    id: 'plan.toggleSnap', labelKey: 'plan.action.toggleSnap', group: 'plan', shortcuts: ['S'], when: onPlan,
    run: () => {
      const s = useStore.getState();
      s.setPlanSnap(s.planSnap === 'tile' ? 'fine' : s.planSnap === 'fine' ? 'off' : 'tile');
    },
  },
  { id: 'plan.rotate', labelKey: 'plan.action.rotate', group: 'plan', shortcuts: ['R'], when: planSel, run: () => rotateSelection(90) },
  { id: 'plan.nudgeLeft', labelKey: 'plan.action.nudgeLeft', group: 'plan', shortcuts: ['ArrowLeft'], when: planSel, run: () => nudgeSelection(-1, 0, false) },
  { id: 'plan.nudgeRight', labelKey: 'plan.action.nudgeRight', group: 'plan', shortcuts: ['ArrowRight'], when: planSel, run: () => nudgeSelection(1, 0, false) },
  { id: 'plan.nudgeUp', labelKey: 'plan.action.nudgeUp', group: 'plan', shortcuts: ['ArrowUp'], when: planSel, run: () => nudgeSelection(0, -1, false) },
  { id: 'plan.nudgeDown', labelKey: 'plan.action.nudgeDown', group: 'plan', shortcuts: ['ArrowDown'], when: planSel, run: () => nudgeSelection(0, 1, false) },
  { id: 'plan.nudgeLeftTile', labelKey: 'plan.action.nudgeLeftTile', group: 'plan', shortcuts: ['Shift+ArrowLeft'], when: planSel, run: () => nudgeSelection(-1, 0, true) },
  { id: 'plan.nudgeRightTile', labelKey: 'plan.action.nudgeRightTile', group: 'plan', shortcuts: ['Shift+ArrowRight'], when: planSel, run: () => nudgeSelection(1, 0, true) },
  { id: 'plan.nudgeUpTile', labelKey: 'plan.action.nudgeUpTile', group: 'plan', shortcuts: ['Shift+ArrowUp'], when: planSel, run: () => nudgeSelection(0, -1, true) },
  { id: 'plan.nudgeDownTile', labelKey: 'plan.action.nudgeDownTile', group: 'plan', shortcuts: ['Shift+ArrowDown'], when: planSel, run: () => nudgeSelection(0, 1, true) },
  { id: 'plan.alignLeft', labelKey: 'plan.align.left', group: 'plan', when: multi(2), run: () => alignSelection('left') },
  { id: 'plan.alignRight', labelKey: 'plan.align.right', group: 'plan', when: multi(2), run: () => alignSelection('right') },
  { id: 'plan.alignTop', labelKey: 'plan.align.top', group: 'plan', when: multi(2), run: () => alignSelection('top') },
  { id: 'plan.alignBottom', labelKey: 'plan.align.bottom', group: 'plan', when: multi(2), run: () => alignSelection('bottom') },
  { id: 'plan.alignCenterX', labelKey: 'plan.align.centerX', group: 'plan', when: multi(2), run: () => alignSelection('centerX') },
  { id: 'plan.alignCenterY', labelKey: 'plan.align.centerY', group: 'plan', when: multi(2), run: () => alignSelection('centerY') },
  { id: 'plan.distributeX', labelKey: 'plan.align.distributeX', group: 'plan', when: multi(3), run: () => distributeSelection('x') },
  { id: 'plan.distributeY', labelKey: 'plan.align.distributeY', group: 'plan', when: multi(3), run: () => distributeSelection('y') },
  // The rack elevation (renderer/src/elevation): the selected device, one device.update each.
  { id: 'elevation.moveUp', labelKey: 'elevation.action.moveUp', group: 'edit', shortcuts: ['ArrowUp'], when: canMoveSelectedDevice, run: () => moveSelectedDevice(1) },
  { id: 'elevation.moveDown', labelKey: 'elevation.action.moveDown', group: 'edit', shortcuts: ['ArrowDown'], when: canMoveSelectedDevice, run: () => moveSelectedDevice(-1) },
  { id: 'elevation.flip', labelKey: 'elevation.action.flip', group: 'edit', shortcuts: ['F'], when: canFlipSelectedDevice, run: flipSelectedDevice },
];

/** The rack a rack elevation would show: the routed rack, else the selected rack (or the selected device's). */
export function selectedRackId(s: AppState): string | null {
  const sel = s.selection;
  const snap = s.snapshot;
  if (!snap) return null;
  const id = sel?.kind === 'rack' ? sel.ids[0] : sel?.kind === 'device' ? snap.devices[sel.ids[0] ?? '']?.rackId : undefined;
  if (id && snap.racks[id]) return id;
  if (s.route.name === 'rack' && snap.racks[s.route.rackId]) return s.route.rackId;
  return null;
}

/** The room whose views the 1/2 keys switch between: the one shown, else the selection's. */
function roomViewTarget(s: AppState): string | null {
  const shown = selectCurrentRoomId(s) ?? capacityRoomId(s);
  if (shown) return shown;
  const rackId = selectedRackId(s);
  return rackId ? s.snapshot!.racks[rackId]!.roomId : s.selection?.kind === 'room' && s.snapshot?.rooms[s.selection.ids[0] ?? ''] ? s.selection.ids[0]! : null;
}

export function showRoomView(view: RoomView): void {
  const s = useStore.getState();
  if (view === 'rack') {
    const rackId = selectedRackId(s);
    if (rackId) navigate(route('rack', { rackId }));
    return;
  }
  const roomId = roomViewTarget(s);
  if (!roomId) return;
  // Leaving a rack's elevation keeps that rack selected, so the plan and 3D show where it is.
  if (s.route.name === 'rack' && !s.selection && s.snapshot?.racks[s.route.rackId]) s.select({ kind: 'rack', ids: [s.route.rackId] });
  navigate(route(view === '3d' ? 'room3d' : view === 'capacity' ? 'roomCapacity' : 'roomPlan', { roomId }));
}

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

export function runAction(id: ActionId, source: 'key' | 'menu' | 'ui' = 'ui', event?: KeyboardEvent): boolean {
  const action = BY_ID.get(id);
  if (!action || !isEnabled(action)) return false;
  const now = Date.now();
  const previous = lastRun.get(id);
  if (source !== 'ui' && previous && previous.source !== 'ui' && previous.source !== source && now - previous.at < DUPLICATE_WINDOW_MS) return true;
  lastRun.set(id, { at: now, source });
  void Promise.resolve(action.run(event)).catch((err: unknown) => console.error(err));
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
  // A key may belong to several actions that apply in different places: the enabled one wins.
  const hits = PARSED.filter(({ shortcut }) => matchesShortcut(event, shortcut, IS_MAC));
  return hits.find(({ action }) => isEnabled(action)) ?? hits[0];
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
  // (In the commission walk, Backspace clears the current answer instead: cx.clear.)
  if (event.key === 'Backspace' && !event.ctrlKey && !event.metaKey && IS_MAC && !cxWalkKeysActive()) {
    // Mac keyboards have no Delete key: Backspace deletes the selection there.
    if (runAction('edit.delete', 'key')) event.preventDefault();
    return;
  }
  if (event.key === 'Escape') {
    // A what-if on screen goes first: Esc ends it and leaves the selection as it was.
    if (clearWhatIf()) {
      event.preventDefault();
      return;
    }
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
  runAction(hit.action.id, 'key', event);
}
