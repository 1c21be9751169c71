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
import { formatPosition } from '../units';

interface TreeNode {
  key: string;
  kind: SelectionKind;
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

const ICONS: Record<SelectionKind, IconName> = { project: 'project', room: 'room', rack: 'rack', device: 'device' };
const PROJECT_KEY = 'project';

/**
 * The site tree: project → rooms → racks → devices. An ARIA tree with one tab stop: arrow keys move,
 * Right/Left expand and collapse, Enter selects, Ctrl/Cmd-click adds racks or devices to the selection.
 */
export function SiteTree() {
  const { t, i18n } = useTranslation();
  const projectName = useStore((s) => s.snapshot?.project.name ?? '');
  const rooms = useStore(selectRooms);
  const racksByRoom = useStore(selectRacksByRoom);
  const devicesByRack = useStore(selectDevicesByRack);
  const selection = useStore((s) => s.selection);
  const snapshot = useStore((s) => s.snapshot);
  const readOnly = useReadOnly();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set([PROJECT_KEY]));
  const [focusKey, setFocusKey] = useState<string>(PROJECT_KEY);
  const treeRef = useRef<HTMLDivElement>(null);

  // Reveal the selection: expand its ancestors so the selected row is visible.
  useEffect(() => {
    if (!selection || !snapshot) return;
    const first = selection.ids[0];
    if (!first) return;
    const keys: string[] = [PROJECT_KEY];
    if (selection.kind === 'rack') {
      const rack = snapshot.racks[first];
      if (rack) keys.push(`room:${rack.roomId}`);
    } else if (selection.kind === 'device') {
      const device = snapshot.devices[first];
      const rack = device && snapshot.racks[device.rackId];
      if (rack) keys.push(`room:${rack.roomId}`, `rack:${rack.id}`);
    }
    setExpanded((prev) => (keys.every((k) => prev.has(k)) ? prev : new Set([...prev, ...keys])));
    setFocusKey(`${selection.kind}:${first}`);
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
    for (const room of rooms) {
      const racks = racksByRoom.get(room.id) ?? [];
      const roomKey = `room:${room.id}`;
      out.push({
        key: roomKey, kind: 'room', id: room.id, level: 2, label: room.name, count: racks.length,
        countLabel: t('tree.racksCount', { count: racks.length }), expandable: racks.length > 0, parentKey: PROJECT_KEY,
      });
      if (!expanded.has(roomKey)) continue;
      for (const rack of racks) {
        const devices = devicesByRack.get(rack.id) ?? [];
        const rackKey = `rack:${rack.id}`;
        out.push({
          key: rackKey, kind: 'rack', id: rack.id, level: 3, label: rack.name, count: devices.length,
          countLabel: t('tree.devicesCount', { count: devices.length }), expandable: devices.length > 0, parentKey: roomKey,
        });
        if (!expanded.has(rackKey)) continue;
        for (const device of devices) {
          out.push({
            key: `device:${device.id}`, kind: 'device', id: device.id, level: 4, label: device.name,
            meta: `${formatPosition(device.position, i18n.language)}${device.face === 'rear' ? ` · ${t('face.rearShort')}` : ''}`,
            expandable: false, parentKey: rackKey,
          });
        }
      }
    }
    return out;
  }, [projectName, rooms, racksByRoom, devicesByRack, expanded, t, i18n.language]);

  const effectiveFocus = nodes.some((n) => n.key === focusKey) ? focusKey : PROJECT_KEY;

  const isSelected = (node: TreeNode) =>
    node.kind === 'project' ? selection?.kind === 'project' : selection?.kind === node.kind && selection.ids.includes(node.id);

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
    if (additive && (node.kind === 'rack' || node.kind === 'device') && selection?.kind === node.kind) {
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
