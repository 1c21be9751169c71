import type { KeyboardEvent as ReactKeyboardEvent, MouseEvent as ReactMouseEvent } from 'react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { runAction } from '../app/actions';
import { selectEntity } from '../app/navigation';
import { Icon } from '../components/Icon';
import type { IconName } from '../components/Icon';
import { Tooltip } from '../components/Tooltip';
import { useReadOnly } from '../hooks';
import { selectCurrentRoomId, selectDevicesByRack, selectRacksByRoom, selectRooms } from '../state/selectors';
import { useStore } from '../state/store';
import type { SelectionKind } from '../state/store';
import { rowOfRack, floorEquipmentInRoom, rowsInRoom } from '../plan/planSelectors';
import { selectPlanItems } from '../plan/planEdits';
import { makePlanSelection, selectionItems } from '../state/selectors';
import type { FloorEquipment, Rack, Row } from '../../../core/model/schema';
import { formatPosition } from '../units';
import { BoltIcon } from '../power/parts';

type TreeKind = Exclude<SelectionKind, 'mixed' | 'obstacle' | 'door' | 'annotation' | 'sensor'> | 'group';

interface TreeNode {
  key: string;
  kind: TreeKind;
  id: string;
  level: number;
  label: string;
  /** Secondary text after the label (device position). */
  meta?: string;
  count?: number;
  countLabel?: string;
  expandable: boolean;
  parentKey: string | null;
}

const ICONS: Record<TreeKind, IconName> = { project: 'project', room: 'room', rack: 'rack', device: 'device', row: 'layers', floorEquipment: 'settings', group: 'folder' };
const PROJECT_KEY = 'project';

/**
 * The site tree: project → rooms → rows → racks → devices, plus each room's floor equipment (and
 * racks in no row, directly under their room). An ARIA tree with one tab stop: arrow keys move,
 * Right/Left expand and collapse, Enter selects, Ctrl/Cmd-click adds racks or devices to the selection.
 */
export function SiteTree() {
  const { t, i18n } = useTranslation();
  const projectName = useStore((s) => s.snapshot?.project.name ?? '');
  const rooms = useStore(selectRooms);
  const racksByRoom = useStore(selectRacksByRoom);
  const devicesByRack = useStore(selectDevicesByRack);
  // Per-room lists, memoised on their collections (the lookups change only when rows or floor equipment do).
  const rowsTable = useStore((s) => s.snapshot?.rows);
  const feTable = useStore((s) => s.snapshot?.floorEquipment);
  const rowsByRoom = useMemo(() => {
    void rowsTable;
    const s = useStore.getState();
    return (roomId: string): Row[] => rowsInRoom(s, roomId);
  }, [rowsTable]);
  const feByRoom = useMemo(() => {
    void feTable;
    const s = useStore.getState();
    return (roomId: string): FloorEquipment[] => floorEquipmentInRoom(s, roomId);
  }, [feTable]);
  const selection = useStore((s) => s.selection);
  const snapshot = useStore((s) => s.snapshot);
  const readOnly = useReadOnly();
  const siteCapacity = useStore((s) => s.route.name === 'capacity');
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set([PROJECT_KEY]));
  const [focusKey, setFocusKey] = useState<string>(PROJECT_KEY);
  const treeRef = useRef<HTMLDivElement>(null);

  // Reveal the selection: expand its ancestors so the selected row is visible.
  useEffect(() => {
    if (!selection || !snapshot) return;
    const first = selection.ids[0];
    if (!first) return;
    const keys: string[] = [PROJECT_KEY];
    const rowOf = rowOfRack(useStore.getState());
    const firstItem = selectionItems(selection)[0];
    if (firstItem?.kind === 'rack' || selection.kind === 'rack') {
      const rack = snapshot.racks[firstItem?.id ?? first];
      if (rack) keys.push(`room:${rack.roomId}`);
      const row = rack && rowOf.get(rack.id);
      if (row) keys.push(`row:${row.id}`);
    } else if (selection.kind === 'device') {
      const device = snapshot.devices[first];
      const rack = device && snapshot.racks[device.rackId];
      const row = rack && rowOf.get(rack.id);
      if (rack) keys.push(`room:${rack.roomId}`, `rack:${rack.id}`);
      if (row) keys.push(`row:${row.id}`);
    } else if (firstItem?.kind === 'row') {
      const row = snapshot.rows[firstItem.id];
      if (row) keys.push(`room:${row.roomId}`, `row:${row.id}`);
    } else if (firstItem?.kind === 'floorEquipment') {
      const fe = snapshot.floorEquipment[firstItem.id];
      if (fe) keys.push(`room:${fe.roomId}`, `fe:${fe.roomId}`);
    }
    setExpanded((prev) => (keys.every((k) => prev.has(k)) ? prev : new Set([...prev, ...keys])));
    if (firstItem) setFocusKey(`${firstItem.kind}:${firstItem.id}`);
    else setFocusKey(`${selection.kind}:${first}`);
  }, [selection, snapshot]);

  // The room on screen is open in the tree, so its racks are one step away.
  const currentRoomId = useStore(selectCurrentRoomId);
  useEffect(() => {
    if (!currentRoomId) return;
    const key = `room:${currentRoomId}`;
    setExpanded((prev) => (prev.has(key) && prev.has(PROJECT_KEY) ? prev : new Set([...prev, PROJECT_KEY, key])));
  }, [currentRoomId]);

  const nodes = useMemo(() => {
    const out: TreeNode[] = [];
    out.push({
      key: PROJECT_KEY, kind: 'project', id: PROJECT_KEY, level: 1, label: projectName, count: rooms.length,
      countLabel: t('tree.roomsCount', { count: rooms.length }), expandable: rooms.length > 0, parentKey: null,
    });
    if (!expanded.has(PROJECT_KEY)) return out;
    const pushRack = (rack: Rack, level: number, parentKey: string) => {
      const devices = devicesByRack.get(rack.id) ?? [];
      const rackKey = `rack:${rack.id}`;
      out.push({
        key: rackKey, kind: 'rack', id: rack.id, level, label: rack.name, count: devices.length,
        countLabel: t('tree.devicesCount', { count: devices.length }), expandable: devices.length > 0, parentKey,
      });
      if (!expanded.has(rackKey)) return;
      for (const device of devices) {
        out.push({
          key: `device:${device.id}`, kind: 'device', id: device.id, level: level + 1, label: device.name,
          meta: `${formatPosition(device.position, i18n.language)}${device.face === 'rear' ? ` · ${t('face.rearShort')}` : ''}`,
          expandable: false, parentKey: rackKey,
        });
      }
    };
    for (const room of rooms) {
      const racks = racksByRoom.get(room.id) ?? [];
      const rows = rowsByRoom(room.id);
      const equipment = feByRoom(room.id);
      const roomKey = `room:${room.id}`;
      out.push({
        key: roomKey, kind: 'room', id: room.id, level: 2, label: room.name, count: racks.length,
        countLabel: t('tree.racksCount', { count: racks.length }), expandable: racks.length + equipment.length > 0, parentKey: PROJECT_KEY,
      });
      if (!expanded.has(roomKey)) continue;
      const inRows = new Set<string>();
      for (const row of rows) {
        const rowKey = `row:${row.id}`;
        const members = row.rackIds.map((id) => racks.find((r) => r.id === id)).filter((r) => r !== undefined);
        for (const r of members) inRows.add(r.id);
        out.push({
          key: rowKey, kind: 'row', id: row.id, level: 3, label: t('planTree.row', { name: row.name }), count: members.length,
          countLabel: t('tree.racksCount', { count: members.length }), expandable: members.length > 0, parentKey: roomKey,
        });
        if (!expanded.has(rowKey)) continue;
        for (const rack of members) pushRack(rack, 4, rowKey);
      }
      for (const rack of racks) if (!inRows.has(rack.id)) pushRack(rack, 3, roomKey);
      if (equipment.length > 0) {
        const groupKey = `fe:${room.id}`;
        out.push({
          key: groupKey, kind: 'group', id: groupKey, level: 3, label: t('planTree.floorEquipment'), count: equipment.length,
          countLabel: t('planTree.floorEquipmentCount', { count: equipment.length }), expandable: true, parentKey: roomKey,
        });
        if (expanded.has(groupKey)) {
          for (const fe of equipment) {
            out.push({
              key: `floorEquipment:${fe.id}`, kind: 'floorEquipment', id: fe.id, level: 4, label: fe.name,
              meta: t(`plan.feKind.${fe.kind}`), expandable: false, parentKey: groupKey,
            });
          }
        }
      }
    }
    return out;
  }, [projectName, rooms, racksByRoom, devicesByRack, expanded, t, i18n.language, rowsByRoom, feByRoom]);

  const effectiveFocus = nodes.some((n) => n.key === focusKey) ? focusKey : PROJECT_KEY;

  const planSelected = new Set(selectionItems(selection).map((i) => `${i.kind}:${i.id}`));
  const isSelected = (node: TreeNode) =>
    node.kind === 'project' ? selection?.kind === 'project'
      : node.kind === 'group' ? false
        : planSelected.has(node.key) || (selection?.kind === node.kind && selection.ids.includes(node.id));

  const toggle = (key: string, open?: boolean) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      const want = open ?? !next.has(key);
      if (want) next.add(key);
      else next.delete(key);
      return next;
    });

  const choose = (node: TreeNode, additive = false) => {
    setFocusKey(node.key);
    if (node.kind === 'project') {
      selectEntity('project', [PROJECT_KEY]);
      return;
    }
    if (node.kind === 'group') {
      toggle(node.key);
      return;
    }
    if (node.kind === 'row' || node.kind === 'floorEquipment' || (node.kind === 'rack' && additive)) {
      const item = { kind: node.kind, id: node.id };
      if (additive) {
        const current = selectionItems(selection);
        const has = current.some((i) => i.kind === item.kind && i.id === item.id);
        useStore.getState().select(makePlanSelection(has ? current.filter((i) => !(i.kind === item.kind && i.id === item.id)) : [...current, item]));
        return;
      }
      selectPlanItems([item]);
      return;
    }
    if (additive && node.kind === 'device' && selection?.kind === node.kind) {
      const ids = selection.ids.includes(node.id) ? selection.ids.filter((i) => i !== node.id) : [...selection.ids, node.id];
      selectEntity(node.kind, ids, { reveal: false });
      return;
    }
    selectEntity(node.kind, [node.id]);
  };

  const focusRow = (key: string) => {
    setFocusKey(key);
    requestAnimationFrame(() => treeRef.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`)?.focus());
  };

  const onKeyDown = (e: ReactKeyboardEvent) => {
    const index = nodes.findIndex((n) => n.key === effectiveFocus);
    const node = nodes[index];
    if (!node) return;
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        if (index < nodes.length - 1) focusRow(nodes[index + 1]!.key);
        break;
      case 'ArrowUp':
        if (index > 0) focusRow(nodes[index - 1]!.key);
        break;
      case 'Home':
        focusRow(nodes[0]!.key);
        break;
      case 'End':
        focusRow(nodes[nodes.length - 1]!.key);
        break;
      case 'ArrowRight':
        if (node.expandable && !expanded.has(node.key)) toggle(node.key, true);
        else if (node.expandable && nodes[index + 1]) focusRow(nodes[index + 1]!.key);
        break;
      case 'ArrowLeft':
        if (node.expandable && expanded.has(node.key)) toggle(node.key, false);
        else if (node.parentKey) focusRow(node.parentKey);
        break;
      case 'Enter':
      case ' ':
        choose(node, e.ctrlKey || e.metaKey);
        break;
      case '*':
        setExpanded((prev) => new Set([...prev, ...nodes.filter((n) => n.expandable && n.level === node.level).map((n) => n.key)]));
        break;
      default:
        handled = false;
    }
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  return (
    <section className="sidebar-section site-tree" aria-labelledby="site-tree-title">
      <header className="section-header">
        <h2 id="site-tree-title">{t('tree.title')}</h2>
        <div className="section-actions">
          <Tooltip label={t('powerUi.action.siteCapacity')}>
            <button type="button" className="btn-icon btn-icon-sm" onClick={() => runAction('view.siteCapacity')} aria-label={t('powerUi.action.siteCapacity')}
              aria-pressed={siteCapacity} data-testid="tree-site-capacity">
              <BoltIcon size={14} />
            </button>
          </Tooltip>
          <Tooltip label={t('action.addRoom')}>
            <button type="button" className="btn-icon btn-icon-sm" onClick={() => runAction('room.add')} disabled={readOnly} aria-label={t('action.addRoom')} data-testid="tree-add-room">
              <Icon name="plus" size={14} />
            </button>
          </Tooltip>
        </div>
      </header>
      <div ref={treeRef} className="tree" role="tree" aria-labelledby="site-tree-title" onKeyDown={onKeyDown} data-testid="site-tree">
        {nodes.map((node) => {
          const open = expanded.has(node.key);
          const selected = isSelected(node);
          return (
            <div
              key={node.key}
              data-key={node.key}
              role="treeitem"
              aria-level={node.level}
              aria-expanded={node.expandable ? open : undefined}
              aria-selected={selected}
              tabIndex={node.key === effectiveFocus ? 0 : -1}
              className={`tree-row${selected ? ' is-selected' : ''}`}
              style={{ paddingLeft: 6 + (node.level - 1) * 14 }}
              onClick={(e: ReactMouseEvent) => choose(node, e.ctrlKey || e.metaKey)}
              onDoubleClick={() => node.expandable && toggle(node.key)}
              onFocus={() => setFocusKey(node.key)}
              data-testid={`tree-${node.kind}`}
              data-id={node.id}
            >
              <span
                className={`tree-twisty${node.expandable ? '' : ' is-leaf'}`}
                onClick={(e) => {
                  if (!node.expandable) return;
                  e.stopPropagation();
                  toggle(node.key);
                }}
                aria-hidden="true"
              >
                {node.expandable && <Icon name={open ? 'chevronDown' : 'chevronRight'} size={12} />}
              </span>
              <Icon name={ICONS[node.kind]} size={14} className={`icon tree-icon tree-icon-${node.kind}`} />
              <span className="tree-label">{node.label}</span>
              {node.meta && <span className="tree-meta">{node.meta}</span>}
              {node.count !== undefined && (
                <span className="tree-count" title={node.countLabel} aria-label={node.countLabel}>{node.count}</span>
              )}
            </div>
          );
        })}
        {rooms.length === 0 && (
          <div className="tree-empty">
            <p>{t('tree.noRooms')}</p>
            <button type="button" className="btn btn-sm" onClick={() => runAction('room.add')} disabled={readOnly}>
              <Icon name="plus" size={14} />{t('action.addRoom')}
            </button>
          </div>
        )}
      </div>
    </section>
  );
}
