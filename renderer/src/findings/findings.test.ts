import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateSite } from '../../../bench/generate';
import type { Device, DeviceType, DocumentSnapshot, FloorEquipment, Obstacle, Rack, Room, Row } from '../../../core/model/schema';
import { ENTITY_KINDS, emptySnapshot } from '../../../core/model/schema';
import type { Finding } from '../../../core/rules/finding';
import { FINDING_VARIANTS, FINDING_KIND_WORDS, layoutFindings } from '../../../core/rules/layout';
import { RULES } from '../../../core/rules/catalog';
import { DesignChecker } from '../../../core/rules/checker';
import { capacityGallery, cooler, element, feed, hall, rack as capRack, site, TYPES, devices } from '../capacity/testSites';
import { i18n } from '../i18n';
import { useStore } from '../state/store';
import { findingHint, findingParams, findingText } from './findingText';
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

/**
 * Every message variant of the capacity rules (core/capacity/*.ts). The gallery must trigger each
 * one through the real DesignChecker, so a variant the engine adds (or stops making) fails here
 * until this list and the translations follow.
 */
const CAPACITY_VARIANTS: Record<string, readonly string[]> = {
  'rack-power-budget': ['over', 'near'],
  'feed-overload': ['normal', 'failover', 'near'],
  'feed-missing': ['dual', 'none'],
  'device-unfed': ['side'],
  'single-corded': ['room2n'],
  'rack-pdu-outlets': ['tooMany'],
  'rack-pdu-inlet': ['belowBreaker'],
  'element-overload': ['normal', 'failover', 'near'],
  'ups-redundancy': ['overloaded', 'below'],
  'common-path': ['both'],
  'power-chain-cycle': ['cycle'],
  'cooling-capacity': ['none', 'over', 'near'],
  'cooling-redundancy': ['nPlus1'],
  'airflow-reverse': ['front', 'rear'],
  'rack-weight': ['over', 'near'],
  'floor-load': ['over', 'near'],
  'environment-setpoint': ['allowable', 'recommended'],
  'environment-reading': ['allowable', 'recommended'],
};

const capacityFindings = (): Finding[] => capacityGallery().flatMap((s) => new DesignChecker(s).check().findings).filter((f) => f.rule in CAPACITY_VARIANTS);

/** English templates that say a little less than core's message (the details are in the hint or the panel). */
const SHORTER_IN_UI = new Set(['feed-overload.normal', 'environment-setpoint.allowable', 'environment-setpoint.recommended', 'environment-reading.allowable', 'environment-reading.recommended']);

describe('capacity finding messages', () => {
  it('covers every rule of the catalog, and the gallery triggers every capacity variant through the real checker', () => {
    const known = new Set([...Object.keys(FINDING_VARIANTS), ...Object.keys(CAPACITY_VARIANTS)]);
    expect(RULES.map((r) => r.id).filter((id) => !known.has(id))).toEqual([]);
    const seen = new Set(capacityFindings().map((f) => `${f.rule}.${f.variant}`));
    const expected = Object.entries(CAPACITY_VARIANTS).flatMap(([rule, variants]) => variants.map((v) => `${rule}.${v}`));
    expect(expected.filter((k) => !seen.has(k))).toEqual([]);
    expect([...seen].filter((k) => !expected.includes(k))).toEqual([]);
  });

  it('has a message and a hint in English and French for every finding the checker makes, with no placeholder left', () => {
    const findings = [...capacityFindings(), ...gallery()];
    for (const lng of ['en', 'fr'] as const) {
      const t = i18n.getFixedT(lng);
      const problems: string[] = [];
      for (const f of findings) {
        const params = findingParams(f, t, coreFormat);
        if (!i18n.exists(`findings.${f.rule}.${f.variant}`, { lng, ...params })) problems.push(`${lng}: findings.${f.rule}.${f.variant}`);
        if (!i18n.exists(`findings.${f.rule}.hints.${f.variant}`, { lng }) && !i18n.exists(`findings.${f.rule}.hint`, { lng })) problems.push(`${lng}: findings.${f.rule}.hint`);
        const text = findingText(f, t, coreFormat);
        const hint = findingHint(f, t, coreFormat);
        if (/\{\{|undefined/.test(text + hint)) problems.push(`${lng}: ${text} / ${hint}`);
        if (lng === 'fr' && (text === f.message || hint === f.hint)) problems.push(`fr still English: ${text} / ${hint}`);
      }
      expect(problems).toEqual([]);
    }
  });

  it("renders English as core's message, given core's units", () => {
    const en = i18n.getFixedT('en');
    const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
    for (const f of capacityFindings()) {
      if (SHORTER_IN_UI.has(`${f.rule}.${f.variant}`)) continue;
      expect(findingText(f, en, coreFormat)).toBe(sentence(f.message));
      expect(findingHint(f, en, coreFormat)).toBe(f.hint);
    }
  });

  it('formats powers, masses, floor loads, temperatures and places in the language and units given', () => {
    const fr = i18n.getFixedT('fr');
    const byRule = (rule: string, variant: string) => capacityFindings().find((f) => f.rule === rule && f.variant === variant)!;
    const fmt = {
      ...coreFormat,
      power: (w: number) => `${(w / 1000).toFixed(2).replace('.', ',')} kW`,
      mass: (kg: number) => `${Math.round(kg * 2.20462)} lb`,
      temperature: (c: number) => `${String(c).replace('.', ',')} °C`,
    };
    expect(findingText(byRule('rack-power-budget', 'over'), fr, fmt)).toBe('La baie W01 consomme 2,00 kW, au-delà de son budget électrique de 1,00 kW (200 %)');
    expect(findingText(byRule('rack-weight', 'over'), fr, fmt)).toBe('La baie W01 pèse 265 lb, au-delà de sa charge statique admissible de 220 lb (120 %)');
    expect(findingText(byRule('cooling-capacity', 'over'), fr, fmt)).toBe('La zone Z1 de Hall c dégage 5,50 kW de chaleur, au-delà de sa capacité de refroidissement de 1,00 kW');
    expect(findingText(byRule('environment-reading', 'allowable'), fr, fmt))
      .toBe('La mesure de la baie E01 (2026-11-24T10:00:00+01:00) sort de la plage admissible A1 : la température (33,5 °C) est au-dessus de 32 °C');
    expect(findingText(byRule('environment-reading', 'recommended'), fr, fmt)).toContain('le point de rosée (19,3 °C) est au-dessus de 15 °C');
    expect(findingParams({ params: { quantityKind: 'humidity', value: 75, limit: 70, side: 'high' } }, fr, fmt)).toMatchObject({ value: '75 % HR', limit: '70 % HR', direction: 'au-dessus de' });
    expect(findingHint(byRule('device-unfed', 'side'), fr, fmt)).toBe('Ajoutez la voie B à la baie, ou branchez l’équipement sur la voie A.');
    const common = capacityFindings().filter((f) => f.rule === 'common-path').map((f) => findingText(f, fr, fmt)).sort();
    expect(common).toEqual(['La panne de RPP-A coupe les deux voies de la baie P09 dans une salle 2N', 'La panne de RPP-C coupe les deux voies de 2 baies (P07, P08) dans une salle 2N']);
  });
});

describe('selecting a finding', () => {
  it('focuses the rack of a feed, the footprint of a power element, the rack or room of a reading, and a room', () => {
    const room = hall('room:s', { supplyTempC: 40 });
    const r = capRack(room.id, 'S01', 2000);
    const ups = element('pwr:ups-1', 'ups', [], { ratingKw: 0.5, floorEquipmentId: 'fe:UPS-1', roomId: room.id });
    const bare = element('pwr:ups-2', 'ups', [], { ratingKw: 0.5 });
    const snap = site({
      rooms: [room], racks: [r], deviceTypes: Object.values(TYPES), devices: devices(r.id, TYPES.dual, 1),
      powerElements: [ups, bare], powerFeeds: [feed(r.id, 'A', ups.id, { breakerA: 2 }), feed(r.id, 'B', bare.id, { breakerA: 2 })],
      floorEquipment: [cooler(room.id, 'UPS-1', 0, { kind: 'ups' })],
      envReadings: [
        { id: 'env:r', roomId: room.id, rackId: r.id, takenAt: '2026-11-24T10:00:00Z', temperatureC: 40, humidityPct: null },
        { id: 'env:room', roomId: room.id, takenAt: '2026-11-24T10:00:00Z', temperatureC: 41, humidityPct: null },
      ],
    });
    const all = new DesignChecker(snap).check().findings;
    const pick = (rule: string, id?: string) => selectionForFinding(all.find((f) => f.rule === rule && (!id || f.id.includes(id)))!, snap);
    expect(pick('feed-overload', 'S01-A')).toEqual({ kind: 'rack', ids: [r.id] });
    expect(pick('element-overload', 'ups-1')).toEqual({ kind: 'floorEquipment', ids: ['fe:UPS-1'] });
    // An element without a footprint selects nothing (the finding is still the active one).
    const onlyBare = { ...all.find((f) => f.rule === 'element-overload')!, refs: [{ kind: 'powerElements' as const, id: bare.id }], roomId: undefined };
    expect(selectionForFinding(onlyBare, snap)).toBeNull();
    expect(pick('environment-reading', `|${r.id}`)).toEqual({ kind: 'rack', ids: [r.id] });
    expect(pick('environment-reading', `${room.id}|`)).toEqual({ kind: 'room', ids: [room.id] });
    expect(pick('environment-setpoint')).toEqual({ kind: 'room', ids: [room.id] });
  });

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
