import { describe, expect, it } from 'vitest';
import type { HistoryState } from '../../../core/api';
import type { Rack, Room } from '../../../core/model/schema';
import { emptySnapshot } from '../../../core/model/schema';
import type { DocChangedEvent, MirrorState } from './mirror';
import { EMPTY_MIRROR, applyChanges, beginLoad, finishLoad, receiveDocChanged } from './mirror';

const room: Room = { id: 'room:1', name: 'Hall A', widthMm: 12000, depthMm: 9000 };
const rack = (n: number, extra: Partial<Rack> = {}): Rack => ({
  id: `rack:${n}`, name: `R0${n}`, roomId: 'room:1', xMm: n * 600, yMm: 0, rotationDeg: 0,
  uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 8, maxKg: 1200, ...extra,
});
const history = (command: string): HistoryState => ({
  canUndo: true, canRedo: false, undo: { seq: 1, command, detail: '' }, redo: null,
});
const event = (seq: number, changes: DocChangedEvent['changes'], source: DocChangedEvent['source'] = 'command'): DocChangedEvent => ({
  type: 'doc.changed', seq, changes, history: history('rack.create'), source,
});

function loaded(): MirrorState {
  const snap = emptySnapshot('Site');
  snap.rooms[room.id] = room;
  snap.racks['rack:1'] = rack(1);
  return finishLoad(beginLoad(EMPTY_MIRROR), snap, history('room.create'));
}

describe('applyChanges', () => {
  it('adds, replaces and removes entities without touching the original', () => {
    const before = loaded().snapshot!;
    const after = applyChanges(before, [
      { op: 'put', kind: 'racks', entity: rack(2) },
      { op: 'put', kind: 'racks', entity: rack(1, { name: 'A01' }) },
    ]);
    expect(Object.keys(after.racks).sort()).toEqual(['rack:1', 'rack:2']);
    expect(after.racks['rack:1']!.name).toBe('A01');
    expect(before.racks['rack:1']!.name).toBe('R01');
    expect(before.racks['rack:2']).toBeUndefined();

    const removed = applyChanges(after, [{ op: 'delete', kind: 'racks', id: 'rack:2' }]);
    expect(Object.keys(removed.racks)).toEqual(['rack:1']);
  });

  it('keeps the references of kinds and entities that did not change', () => {
    const before = loaded().snapshot!;
    const after = applyChanges(before, [{ op: 'put', kind: 'racks', entity: rack(2) }]);
    expect(after).not.toBe(before);
    expect(after.racks).not.toBe(before.racks);
    expect(after.rooms).toBe(before.rooms);
    expect(after.devices).toBe(before.devices);
    expect(after.deviceTypes).toBe(before.deviceTypes);
    expect(after.project).toBe(before.project);
    expect(after.racks['rack:1']).toBe(before.racks['rack:1']);
  });

  it('applies project renames', () => {
    const before = loaded().snapshot!;
    const after = applyChanges(before, [{ op: 'project', project: { name: 'Renamed' } }]);
    expect(after.project.name).toBe('Renamed');
    expect(before.project.name).toBe('Site');
    expect(after.racks).toBe(before.racks);
  });

  it('returns the same snapshot for an empty change list', () => {
    const before = loaded().snapshot!;
    expect(applyChanges(before, [])).toBe(before);
  });
});

describe('receiveDocChanged', () => {
  it('applies a change event and takes its history and sequence number', () => {
    const next = receiveDocChanged(loaded(), event(7, [{ op: 'put', kind: 'racks', entity: rack(2) }]));
    expect(next.snapshot!.racks['rack:2']).toBeDefined();
    expect(next.history.undo!.command).toBe('rack.create');
    expect(next.lastSeq).toBe(7);
  });

  it('undoes and redoes through inverse change events like any other', () => {
    const created = receiveDocChanged(loaded(), event(2, [{ op: 'put', kind: 'racks', entity: rack(2) }]));
    const undone = receiveDocChanged(created, event(3, [{ op: 'delete', kind: 'racks', id: 'rack:2' }], 'undo'));
    expect(undone.snapshot!.racks['rack:2']).toBeUndefined();
    const redone = receiveDocChanged(undone, event(4, [{ op: 'put', kind: 'racks', entity: rack(2) }], 'redo'));
    expect(redone.snapshot!.racks['rack:2']).toEqual(rack(2));
  });

  it('removes a room together with its racks and devices in one event', () => {
    const next = receiveDocChanged(loaded(), event(5, [
      { op: 'delete', kind: 'racks', id: 'rack:1' },
      { op: 'delete', kind: 'rooms', id: 'room:1' },
    ]));
    expect(next.snapshot!.rooms).toEqual({});
    expect(next.snapshot!.racks).toEqual({});
  });

  it('holds events that arrive while a snapshot is loading and replays them after it', () => {
    let state = beginLoad(EMPTY_MIRROR);
    state = receiveDocChanged(state, event(9, [{ op: 'put', kind: 'racks', entity: rack(3) }]));
    expect(state.snapshot).toBeNull();
    expect(state.pending).toHaveLength(1);

    const snap = emptySnapshot('Site');
    snap.rooms[room.id] = room;
    state = finishLoad(state, snap, history('room.create'));
    expect(state.loading).toBe(false);
    expect(state.pending).toEqual([]);
    expect(state.snapshot!.racks['rack:3']).toEqual(rack(3));
    expect(state.lastSeq).toBe(9);
  });

  it('replaying an event the snapshot already contains leaves the same document', () => {
    let state = beginLoad(EMPTY_MIRROR);
    state = receiveDocChanged(state, event(2, [{ op: 'put', kind: 'racks', entity: rack(1, { name: 'A01' }) }]));
    const snap = emptySnapshot('Site');
    snap.rooms[room.id] = room;
    snap.racks['rack:1'] = rack(1, { name: 'A01' });
    state = finishLoad(state, snap, history('rack.update'));
    expect(state.snapshot!.racks).toEqual({ 'rack:1': rack(1, { name: 'A01' }) });
  });

  it('only records history when no project is mirrored', () => {
    const next = receiveDocChanged(EMPTY_MIRROR, event(1, [{ op: 'put', kind: 'racks', entity: rack(1) }]));
    expect(next.snapshot).toBeNull();
    expect(next.history.canUndo).toBe(true);
  });
});
