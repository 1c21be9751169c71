import type { ReactNode } from 'react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIONS, isEnabled, runAction, shortcutLabels } from '../app/actions';
import { selectEntity } from '../app/navigation';
import { Icon } from '../components/Icon';
import type { IconName } from '../components/Icon';
import { fuzzyFilter } from '../fuzzy';
import { selectRooms } from '../state/selectors';
import { useStore } from '../state/store';

interface PaletteItem {
  id: string;
  label: string;
  detail?: string;
  shortcut?: string;
  icon: IconName;
  run(): void;
}

/** Highlights the matched characters of a label. */
function Highlighted({ text, indexes }: { text: string; indexes: readonly number[] }) {
  if (indexes.length === 0) return <>{text}</>;
  const set = new Set(indexes);
  const parts: ReactNode[] = [];
  let run = '';
  let runMatched = false;
  const flush = (key: number) => {
    if (!run) return;
    parts.push(runMatched ? <mark key={key}>{run}</mark> : <span key={key}>{run}</span>);
    run = '';
  };
  for (let i = 0; i < text.length; i++) {
    const m = set.has(i);
    if (m !== runMatched) {
      flush(i);
      runMatched = m;
    }
    run += text[i];
  }
  flush(text.length);
  return <>{parts}</>;
}

/** Editing first: it is what the palette is used for most while designing. */
const GROUP_ORDER = ['edit', 'file', 'view', 'help'];

const ACTION_ICONS: Partial<Record<string, IconName>> = {
  'project.new': 'filePlus', 'project.open': 'folderOpen', 'project.openDemo': 'sparkle', 'project.saveAs': 'save',
  'project.duplicate': 'copy', 'project.export': 'download', 'project.import': 'layers', 'project.backups': 'history', 'project.close': 'close',
  'edit.undo': 'undo', 'edit.redo': 'redo', 'edit.delete': 'trash', 'room.add': 'room', 'rack.add': 'rack', 'device.add': 'device',
  'view.palette': 'command', 'view.preferences': 'settings', 'view.toggleTheme': 'moon', 'view.switchLanguage': 'globe',
  'view.toggleUnits': 'ruler', 'help.shortcuts': 'keyboard', 'help.about': 'info',
};

/**
 * The command palette (Ctrl/Cmd+K): every available action by name with its shortcut, and, as you
 * type, the rooms and racks to jump to. Fuzzy matched; arrows move, Enter runs, Escape closes.
 */
export function CommandPalette() {
  const open = useStore((s) => s.paletteOpen);
  return open ? <PaletteBody /> : null;
}

function PaletteBody() {
  const { t } = useTranslation();
  const setOpen = useStore((s) => s.setPaletteOpen);
  // What is available is read once when the palette opens; nothing it lists changes while it is up.
  const [state] = useState(() => useStore.getState());
  const rooms = selectRooms(state);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    input.current?.focus();
    return () => {
      if (previous && document.contains(previous)) previous.focus();
    };
  }, []);

  const items = useMemo(() => {
    const actions: PaletteItem[] = [...ACTIONS].sort((a, b) => GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group)).filter((a) => a.id !== 'view.palette' && isEnabled(a, state)).map((a) => {
      const keys = shortcutLabels(a);
      return { id: a.id, label: t(a.labelKey), icon: ACTION_ICONS[a.id] ?? 'command', ...(keys[0] ? { shortcut: keys[0] } : {}), run: () => runAction(a.id) };
    });
    const matchedActions = fuzzyFilter(actions, query, (i) => i.label);
    if (!query.trim() || !state.snapshot) return matchedActions;
    const places: PaletteItem[] = [];
    for (const room of rooms) {
      places.push({ id: `room:${room.id}`, label: room.name, detail: t('palette.goToRoom'), icon: 'room', run: () => selectEntity('room', [room.id]) });
    }
    for (const rack of Object.values(state.snapshot.racks)) {
      const room = state.snapshot.rooms[rack.roomId];
      places.push({ id: `rack:${rack.id}`, label: rack.name, detail: t('palette.goToRack', { room: room?.name ?? '' }), icon: 'rack', run: () => selectEntity('rack', [rack.id]) });
    }
    return [...matchedActions, ...fuzzyFilter(places, query, (i) => i.label).slice(0, 30)];
  }, [query, state, rooms, t]);

  useEffect(() => {
    list.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const run = (index: number) => {
    const entry = items[index];
    if (!entry) return;
    setOpen(false);
    // Let the palette close (and focus return) before the action opens a dialog.
    requestAnimationFrame(() => entry.item.run());
  };

  return (
    <div className="palette-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) setOpen(false); }}>
      <div className="palette" role="dialog" aria-modal="true" aria-label={t('palette.title')} data-testid="palette">
        <div className="palette-input">
          <Icon name="search" />
          <input
            ref={input}
            value={query}
            onChange={(e) => { setQuery(e.target.value); setActive(0); }}
            placeholder={t('palette.placeholder')}
            aria-label={t('palette.placeholder')}
            aria-controls="palette-list"
            aria-activedescendant={items[active] ? `palette-item-${active}` : undefined}
            role="combobox"
            aria-expanded="true"
            spellCheck={false}
            autoComplete="off"
            data-testid="palette-input"
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                setActive((i) => Math.min(items.length - 1, i + 1));
              } else if (e.key === 'ArrowUp') {
                e.preventDefault();
                setActive((i) => Math.max(0, i - 1));
              } else if (e.key === 'Enter') {
                e.preventDefault();
                run(active);
              } else if (e.key === 'Escape') {
                e.preventDefault();
                e.stopPropagation();
                setOpen(false);
              } else if (e.key === 'Tab') {
                e.preventDefault();
              }
            }}
          />
        </div>
        <div className="palette-list" id="palette-list" role="listbox" ref={list}>
          {items.length === 0 && <p className="palette-empty">{t('palette.noMatch')}</p>}
          {items.map(({ item, match }, i) => (
            <div
              key={item.id}
              id={`palette-item-${i}`}
              data-index={i}
              role="option"
              aria-selected={i === active}
              className={`palette-item${i === active ? ' is-active' : ''}`}
              onMouseMove={() => setActive(i)}
              onClick={() => run(i)}
              data-testid="palette-item"
              data-action={item.id}
            >
              <Icon name={item.icon} size={15} />
              <span className="palette-label"><Highlighted text={item.label} indexes={match.indexes} /></span>
              {item.detail && <span className="palette-detail">{item.detail}</span>}
              {item.shortcut && <kbd className="kbd">{item.shortcut}</kbd>}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
