import { useTranslation } from 'react-i18next';
import { runAction } from '../app/actions';
import { Icon } from '../components/Icon';
import { useUnits } from '../hooks';
import { documentCounts, selectCurrentRoomId } from '../state/selectors';
import { FINE_GRID_MM, tileAt, tileGrid } from '../plan/planMath';
import { useStore } from '../state/store';
import { FindingsStatus } from '../findings/FindingsStatus';

/**
 * Marks a path as left-to-right text: the path span is laid out right-to-left so that a long path
 * loses its start, not its file name, to the ellipsis; the marks keep its slashes in place.
 */
export const ltr = (text: string) => `\u200e${text}\u200e`;

/** The pointer is not a precise tool: centimetres are enough in the status bar. */
const roundTo10 = (mm: number) => Math.round(mm / 10) * 10;

/** Units, counts, pointer position and zoom on the left; schema version and file on the right. */
export function StatusBar() {
  const { t } = useTranslation();
  const units = useUnits();
  const snapshot = useStore((s) => s.snapshot);
  const project = useStore((s) => s.project);
  const cursor = useStore((s) => s.planCursor);
  const zoom = useStore((s) => s.planZoomPercent);
  const snap = useStore((s) => s.planSnap);
  const planRoom = useStore((s) => { const id = s.route.name === 'roomPlan' ? selectCurrentRoomId(s) : null; return id ? s.snapshot?.rooms[id] : undefined; });
  const grid = planRoom ? tileGrid(planRoom) : null;
  const counts = documentCounts(snapshot);
  return (
    <footer className="statusbar" data-testid="statusbar">
      <div className="statusbar-start">
        <button type="button" className="status-item status-button" onClick={() => runAction('view.toggleUnits')} title={t('status.toggleUnits')} data-testid="status-units">
          <Icon name="ruler" size={13} />{t(`units.${units.system}`)}
        </button>
        <FindingsStatus />
        <span className="status-item" data-testid="status-counts">
          {t('status.rooms', { count: counts.rooms })} · {t('status.racks', { count: counts.racks })} · {t('status.devices', { count: counts.devices })}
        </span>
        {cursor && (
          <span className="status-item status-coords" data-testid="status-cursor">
            {t('status.cursor', { x: units.length(roundTo10(cursor.xMm)), y: units.length(roundTo10(cursor.yMm)) })}
          </span>
        )}
        {cursor && grid && (
          <span className="status-item" data-testid="status-tile">{t('planStatus.tile', { tile: tileAt(grid, { x: cursor.xMm, y: cursor.yMm }).name })}</span>
        )}
        {zoom !== null && <span className="status-item">{t('status.zoom', { zoom })}</span>}
        {grid && (
          <button type="button" className={`status-item status-button${snap === 'off' ? ' is-off' : ''}`} onClick={() => runAction('plan.toggleSnap')}
            title={t('planStatus.snapTitle')} data-testid="status-snap" data-snap={snap}>
            {t(`planStatus.snap.${snap}`, { size: units.length(snap === 'tile' ? grid.sizeMm : FINE_GRID_MM, 'equipment') })}
          </button>
        )}
      </div>
      <div className="statusbar-end">
        {project && <span className="status-item" data-testid="status-schema">{t('status.schema', { version: project.schemaVersion })}</span>}
        {project && <span className="status-item status-path" title={project.path} data-testid="status-path">{ltr(project.path)}</span>}
      </div>
    </footer>
  );
}
