import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateSite } from '../../../bench/generate';
import type { Device, DeviceType, DocumentSnapshot, FloorEquipment, Obstacle, Rack, Room, Row } from '../../../core/model/schema';
import { ENTITY_KINDS, emptySnapshot } from '../../../core/model/schema';
import type { Finding } from '../../../core/rules/layout';
import { FINDING_VARIANTS, FINDING_KIND_WORDS, layoutFindings } from '../../../core/rules/layout';
import { i18n } from '../i18n';
import { useStore } from '../state/store';
import { findingText } from './findingText';
import { selectionForFinding } from './reveal';
import { DEBOUNCE_MS, computeFindingsState, getFindings, resetFindingsForTests } from './useFindings';

const ROOM: Room = { id: 'room:1', name: 'Hall 1', widthMm: 20_000, depthMm: 20_000 };
const rack = (name: string, xMm: number, yMm: number, rotationDeg = 0): Rack => ({
  id: `rack:${name}`, name, roomId: ROOM.id, xMm, yMm, rotationDeg, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 10, maxKg: 1000,
});
const crah = (name: string, xMm: number, yMm: number): FloorEquipment => ({
  id: `fe:${name}`, name, roomId: ROOM.id, kind: 'crah', xMm, yMm, rotationDeg: 0, widthMm: 2000, depthMm: 900, heightMm: 1950, coolingKw: 80, powerKva: null, weightKg: 600,
});
const obstacle = (id: string, name: string | undefined, kind: Obstacle['kind'], xMm: number, yMm: number): Obstacle => ({
  id, ...(name ? { name } : {}), roomId: ROOM.id, kind, xMm, yMm, widthMm: 400, depthMm: 400, rotationDeg: 0,
});
const row = (name: string, racks: Rack[], orientationDeg: number, frontAisle: Row['frontAisle'] = 'cold'): Row => ({
  id: `row:${name}`, name, roomId: ROOM.id, rackIds: racks.map((r) => r.id), orientationDeg, frontAisle, containment: 'none',
});

function snapshot(parts: { rooms?: Room[]; racks?: Rack[]; rows?: Row[]; floorEquipment?: FloorEquipment[]; obstacles?: Obstacle[]; deviceTypes?: DeviceType[]; devices?: Device[] }): DocumentSnapshot {
  const snap = emptySnapshot('Gallery');
  for (const [kind, list] of Object.entries({ rooms: [ROOM], ...parts })) {
    for (const e of list as Array<{ id: string }>) (snap as unknown as Record<string, Record<string, unknown>>)[kind]![e.id] = e;
  }
  return snap;
}

/** One small site per message variant, far apart so they do not interfere. */
function gallery(): Finding[] {
  const server: DeviceType = { id: 'dt:srv', manufacturer: 'X', model: 'Server', uHeight: 2, fullDepth: true, weightKg: 20, powerMaxW: 500, powerTypicalW: 300, airflow: 'front-to-rear' };
  const sw: DeviceType = { id: 'dt:sw', manufacturer: 'X', model: 'Switch', uHeight: 1, fullDepth: false, weightKg: 5, powerMaxW: 100, powerTypicalW: 50, airflow: 'front-to-rear' };
  const dev = (name: string, typeId: string, position: number, face: 'front' | 'rear' = 'front'): Device => ({ id: `dev:${name}`, name, rackId: 'rack:D01', typeId, position, face });
  const small: Room = { ...ROOM, id: 'room:s', name: 'Small', widthMm: 4000, depthMm: 4000 };
  const lRoom: Room = { ...ROOM, id: 'room:l', name: 'L', widthMm: 6000, depthMm: 6000, outline: [{ xMm: 0, yMm: 0 }, { xMm: 6000, yMm: 0 }, { xMm: 6000, yMm: 3000 }, { xMm: 3000, yMm: 3000 }, { xMm: 3000, yMm: 6000 }, { xMm: 0, yMm: 6000 }] };
  const rowA = [rack('RA1', 2000, 3000, 180), rack('RA2', 2600, 3000, 180)];
  const rowB = [rack('RB1', 2000, 5200, 0), rack('RB2', 2600, 5200, 0)];
  const hotA = [rack('HA1', 8000, 3000, 0), rack('HA2', 8600, 3000, 0)];
  const hotB = [rack('HB1', 8000, 5000, 180), rack('HB2', 8600, 5000, 180)];
  const ftrA = [rack('FA1', 14000, 5000, 0)];
  const ftrB = [rack('FB1', 14000, 2600, 0)];
  const hotRow = [rack('HR1', 2000, 18000, 0)];
  const mixed = [rack('MX1', 6000, 18000, 0), rack('MX2', 6600, 18000, 180), rack('MX3', 7200, 18000, 90)];
  const mixedOne = [rack('MO1', 10000, 18000, 0), rack('MO2', 10600, 18000, 180)];
  const snaps = [
    snapshot({ racks: [rack('A01', 2000, 9000), rack('A02', 2100, 9000)], floorEquipment: [crah('CRAH-1', 6000, 9000), crah('CRAH-2', 7900, 9000)] }),
    snapshot({ racks: [rack('A05', 10000, 9000)], floorEquipment: [crah('CRAH-5', 10000, 10000)], obstacles: [obstacle('o1', 'C1', 'column', 10400, 9000), obstacle('o2', undefined, 'wall', 11000, 10000)] }),
    snapshot({ racks: [rack('P01', 14000, 9100)], floorEquipment: [crah('CRAH-9', 16900, 9000)], obstacles: [obstacle('o3', undefined, 'obstacle', 14400, 9100), obstacle('o4', 'C9', 'column', 17800, 9000)] }),
    snapshot({ racks: [rack('E01', 2000, 13000), rack('E02', 2000, 15000, 180)] }),
    snapshot({ rooms: [small], racks: [{ ...rack('S01', 200, 2000), roomId: small.id }, { ...rack('S02', 9000, 2000), roomId: small.id }], floorEquipment: [{ ...crah('CRAH-S', 3500, 3000), roomId: small.id }, { ...crah('CRAH-T', 9000, 3000), roomId: small.id }] }),
    snapshot({ rooms: [lRoom], racks: [{ ...rack('X01', 2990, 2990, 45), roomId: lRoom.id }], floorEquipment: [{ ...crah('CRAH-X', 2800, 2800), widthMm: 800, depthMm: 800, rotationDeg: 45, roomId: lRoom.id }] }),
    snapshot({ racks: [...rowA, ...rowB, ...hotA, ...hotB], rows: [row('A', rowA, 180), row('B', rowB, 0), row('H', hotA, 0), row('G', hotB, 180)] }),
    snapshot({ racks: [rack('C01', 2000, 3000, 180), rack('C02', 2000, 5200, 0), rack('H01', 8000, 3000, 0), rack('H02', 8000, 5000, 180)] }),
    snapshot({ racks: [...ftrA, ...ftrB, rack('FR1', 17000, 5000, 0), rack('FR2', 17000, 2600, 0)], rows: [row('FA', ftrA, 0), row('FB', ftrB, 0)] }),
    snapshot({ racks: [...hotRow, ...mixed, ...mixedOne], rows: [row('HR', hotRow, 0, 'hot'), row('MX', mixed, 0), row('MO', mixedOne, 0)] }),
    snapshot({
      racks: [rack('D01', 2000, 2000)], deviceTypes: [server, sw],
      devices: [dev('s1', 'dt:srv', 10), dev('s2', 'dt:srv', 11), dev('w1', 'dt:sw', 20, 'rear'), dev('w2', 'dt:sw', 20, 'rear'), dev('w3', 'dt:sw', 12, 'rear'), dev('s9', 'dt:srv', 42), dev('w0', 'dt:sw', 0.5)],
    }),
  ];
  return snaps.flatMap((s) => layoutFindings(s));
}

/** Formats params the way core writes its English messages. */
const coreFormat = { length: (mm: number) => `${Math.round(mm)} mm`, degrees: (deg: number) => `${deg}°` };

describe('finding messages', () => {
  it('has an English and a French string for every finding code and variant, and every kind word', () => {
    for (const lng of ['en', 'fr']) {
      const missing = Object.entries(FINDING_VARIANTS).flatMap(([code, variants]) => variants.map((v) => `findings.${code}.${v}`))
        .concat(FINDING_KIND_WORDS.map((k) => `findings.kind.${k}`))
        .filter((key) => !i18n.exists(key, { lng }));
      expect(missing).toEqual([]);
    }
  });

  it("renders each variant in English exactly as core's message, given core's units", () => {
    const findings = gallery();
    const seen = new Set(findings.map((f) => `${f.rule}.${f.variant}`));
    const all = Object.entries(FINDING_VARIANTS).flatMap(([code, variants]) => variants.map((v) => `${code}.${v}`));
    expect(all.filter((k) => !seen.has(k))).toEqual([]);
    const en = i18n.getFixedT('en');
    for (const f of findings) expect(findingText(f, en, coreFormat)).toBe(f.message);
  });

  it('renders French with French words and the given units', () => {
    const [overlap] = layoutFindings(snapshot({ racks: [rack('A03', 2000, 2000), rack('A04', 2480, 2000)] }));
    const fr = i18n.getFixedT('fr');
    expect(findingText(overlap!, fr, { length: (mm) => `${mm / 10} cm`, degrees: (d) => `${d}°` })).toBe('Les baies A03 et A04 se chevauchent de 12 cm');
    const [column] = layoutFindings(snapshot({ racks: [rack('A01', 2000, 2000)], obstacles: [obstacle('o', 'P4', 'column', 2400, 2000)] }));
    expect(findingText(column!, fr, coreFormat)).toBe('La baie A01 empiète de 100 mm sur le poteau P4');
  });
});

describe('selecting a finding', () => {
  it('selects both racks of an overlap, racks and equipment together, and devices for device findings', () => {
    const findings = gallery();
    const byMessage = (m: string) => findings.find((f) => f.message.startsWith(m))!;
    expect(selectionForFinding(byMessage('Racks A01 and A02 overlap'))).toEqual({ kind: 'rack', ids: ['rack:A01', 'rack:A02'] });
    expect(selectionForFinding(byMessage('Rack A05 overlaps column C1'))).toEqual({
      kind: 'mixed', ids: ['rack:A05', 'o1'], items: [{ kind: 'rack', id: 'rack:A05' }, { kind: 'obstacle', id: 'o1' }],
    });
    expect(selectionForFinding(byMessage('Devices s1 and s2'))).toEqual({ kind: 'device', ids: ['dev:s1', 'dev:s2'] });
    // A row finding selects the racks it is about, not the rows.
    expect(selectionForFinding(byMessage('Cold aisle between rows A and B'))!.ids).toEqual(['rack:RA1', 'rack:RA2', 'rack:RB1', 'rack:RB2']);
  });
});

describe('findings state', () => {
  afterEach(() => {
    resetFindingsForTests();
    useStore.setState({ snapshot: null });
    vi.useRealTimers();
  });

  it('counts errors and warnings, indexes them by entity, and keeps its collections when nothing changed', () => {
    const snap = snapshot({ racks: [rack('A01', 2000, 2000), rack('A02', 2100, 2000), rack('B01', 8000, 3000, 180), rack('B02', 8000, 5000, 0)] });
    const first = computeFindingsState(snap);
    expect([first.errors, first.warnings]).toEqual([1, 1]);
    expect(first.byEntity.get('rack:A01')!.map((f) => f.rule)).toEqual(['rack-overlap']);
    expect(first.severityByEntity.get('rack:B02')).toBe('warning');
    const moved = { ...snap, racks: { ...snap.racks, 'rack:A01': { ...snap.racks['rack:A01']!, name: 'A01' } } };
    const second = computeFindingsState(moved, first);
    expect(second.snapshot).toBe(moved);
    expect(second.findings).toBe(first.findings);
    expect(second.byEntity).toBe(first.byEntity);
    const fixed = { ...snap, racks: { ...snap.racks, 'rack:A02': { ...snap.racks['rack:A02']!, xMm: 2600 } } };
    const third = computeFindingsState(fixed, second);
    expect([third.errors, third.warnings]).toEqual([0, 1]);
  });

  it('checks a small project as soon as the mirror changes', () => {
    const snap = snapshot({ racks: [rack('A01', 2000, 2000), rack('A02', 2100, 2000)] });
    useStore.setState({ snapshot: snap });
    expect(getFindings().errors).toBe(1);
    useStore.setState({ snapshot: { ...snap, racks: { ...snap.racks, 'rack:A02': { ...snap.racks['rack:A02']!, xMm: 2600 } } } });
    expect(getFindings().errors).toBe(0);
  });

  it('debounces the checks of a large project', () => {
    vi.useFakeTimers();
    const doc = generateSite(300, 20);
    const snap = emptySnapshot('Large');
    for (const kind of ENTITY_KINDS) for (const e of ((doc as unknown as Record<string, Array<{ id: string }>>)[kind] ?? [])) (snap[kind] as Record<string, unknown>)[e.id] = e;
    useStore.setState({ snapshot: snap });
    expect(getFindings().findings).toEqual([]);
    const broken = { ...snap, racks: { ...snap.racks, 'rack:1': { ...snap.racks['rack:1']!, xMm: snap.racks['rack:1']!.xMm - 200 } } };
    useStore.setState({ snapshot: broken });
    expect(getFindings().pending).toBe(true);
    expect(getFindings().errors).toBe(0);
    vi.advanceTimersByTime(DEBOUNCE_MS + 5);
    expect(getFindings().pending).toBe(false);
    expect(getFindings().errors).toBe(1);
    expect(getFindings().snapshot).toBe(broken);
  });
});
