import { useTranslation } from 'react-i18next';
import type { Rack, Room } from '../../../core/model/schema';
import { runAction } from '../app/actions';
import { selectEntity } from '../app/navigation';
import { Icon } from '../components/Icon';
import { useReadOnly, useUnits } from '../hooks';
import { rackCorners } from '../plan/geometry';
import { documentCounts, selectRacksByRoom, selectRooms } from '../state/selectors';
import { useStore } from '../state/store';
import { ImportButton } from './ImportButton';

/** A small to-scale drawing of a room and its racks, for the overview cards. */
function RoomThumbnail({ room, racks }: { room: Room; racks: readonly Rack[] }) {
  const pad = Math.max(room.widthMm, room.depthMm) * 0.04;
  return (
    <svg className="room-thumb" viewBox={`${-pad} ${-pad} ${room.widthMm + 2 * pad} ${room.depthMm + 2 * pad}`} preserveAspectRatio="xMidYMid meet" aria-hidden="true">
      <rect x={0} y={0} width={room.widthMm} height={room.depthMm} className="thumb-floor" vectorEffect="non-scaling-stroke" />
      {racks.map((r) => (
        <polygon key={r.id} points={rackCorners(r).map((p) => `${p.x},${p.y}`).join(' ')} className="thumb-rack" vectorEffect="non-scaling-stroke" />
      ))}
    </svg>
  );
}

/** `#/` with a project open: what is in it, and where to go next. */
export function Overview() {
  const { t } = useTranslation();
  const units = useUnits();
  const readOnly = useReadOnly();
  const snapshot = useStore((s) => s.snapshot!);
  const rooms = useStore(selectRooms);
  const racksByRoom = useStore(selectRacksByRoom);
  const counts = documentCounts(snapshot);
  const capacityKw = Object.values(snapshot.racks).reduce((sum, r) => sum + r.maxKw, 0);

  return (
    <div className="overview" data-testid="overview">
      <div className="overview-inner">
        <header className="overview-header">
          <div>
            <p className="eyebrow">{t('overview.eyebrow')}</p>
            <h1>{snapshot.project.name}</h1>
          </div>
          <div className="overview-actions">
            <button type="button" className="btn btn-primary" onClick={() => runAction('room.add')} disabled={readOnly} data-testid="overview-add-room">
              <Icon name="plus" size={14} />{t('action.addRoom')}
            </button>
          </div>
        </header>

        <dl className="stats">
          <div className="stat"><dt>{t('field.rooms')}</dt><dd>{counts.rooms}</dd></div>
          <div className="stat"><dt>{t('field.racks')}</dt><dd>{counts.racks}</dd></div>
          <div className="stat"><dt>{t('field.devices')}</dt><dd>{counts.devices}</dd></div>
          <div className="stat"><dt>{t('field.rackCapacity')}</dt><dd>{units.powerKw(capacityKw)}</dd></div>
        </dl>

        {rooms.length === 0 ? (
          <div className="empty-state" data-testid="overview-empty">
            <Icon name="room" size={28} />
            <h2>{t('overview.noRoomsTitle')}</h2>
            <p>{t('overview.noRoomsText')}</p>
            <div className="empty-actions">
              <button type="button" className="btn btn-primary" onClick={() => runAction('room.add')} disabled={readOnly}>
                <Icon name="plus" size={14} />{t('action.addRoom')}
              </button>
              <ImportButton />
            </div>
          </div>
        ) : (
          <>
            <h2 className="overview-subtitle">{t('overview.rooms')}</h2>
            <ul className="room-cards">
              {rooms.map((room) => {
                const racks = racksByRoom.get(room.id) ?? [];
                return (
                  <li key={room.id}>
                    <button type="button" className="room-card" onClick={() => selectEntity('room', [room.id])} data-testid="room-card" data-id={room.id}>
                      <RoomThumbnail room={room} racks={racks} />
                      <span className="room-card-text">
                        <strong>{room.name}</strong>
                        <span>{units.length(room.widthMm)} × {units.length(room.depthMm)} · {units.area(room.widthMm * room.depthMm)}</span>
                        <span>{t('tree.racksCount', { count: racks.length })}</span>
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
