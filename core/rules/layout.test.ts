import { describe, expect, it } from 'vitest';
import { generateSite } from '../../bench/generate';
import { builtinDeviceTypes } from '../../electron/services/netbox-import';
import { buildDemoDocument } from '../demo';
import type { Device, DeviceType, DocumentSnapshot, FloorEquipment, Obstacle, PlenumDocumentInput, Rack, Room, Row } from '../model/schema';
import { ENTITY_KINDS, emptySnapshot } from '../model/schema';
import type { Finding, FindingCode } from './layout';
import { FINDING_VARIANTS, layoutFindings, penetrationMm, placementInRoom, roomPolygon } from './layout';

// ---------------------------------------------------------------- a tiny test API

const ROOM: Room = { id: 'room:1', name: 'Hall 1', widthMm: 20_000, depthMm: 20_000 };

function rack(name: string, xMm: number, yMm: number, rotationDeg = 0, extra: Partial<Rack> = {}): Rack {
  return { id: `rack:${name}`, name, roomId: ROOM.id, xMm, yMm, rotationDeg, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 10, maxKg: 1000, ...extra };
}

interface SiteInput {
  rooms?: Room[];
  racks?: Rack[];
  rows?: Row[];
  floorEquipment?: FloorEquipment[];
  obstacles?: Obstacle[];
  deviceTypes?: DeviceType[];
  devices?: Device[];
}

function site(input: SiteInput): DocumentSnapshot {
  const snap = emptySnapshot('Test');
  for (const room of input.rooms ?? [ROOM]) snap.rooms[room.id] = room;
  for (const r of input.racks ?? []) snap.racks[r.id] = r;
  for (const r of input.rows ?? []) snap.rows[r.id] = r;
  for (const e of input.floorEquipment ?? []) snap.floorEquipment[e.id] = e;
  for (const o of input.obstacles ?? []) snap.obstacles[o.id] = o;
  for (const t of input.deviceTypes ?? []) snap.deviceTypes[t.id] = t;
  for (const d of input.devices ?? []) snap.devices[d.id] = d;
  return snap;
}

function snapshotOf(doc: PlenumDocumentInput | ReturnType<typeof generateSite>): DocumentSnapshot {
  const snap = emptySnapshot(doc.project?.name ?? 'Doc');
  for (const kind of ENTITY_KINDS) {
    const list = ((doc as Record<string, unknown>)[kind] ?? []) as Array<{ id: string }>;
    for (const e of list) (snap[kind] as Record<string, unknown>)[e.id] = e;
  }
  return snap;
}

const codes = (findings: Finding[]) => findings.map((f) => f.rule);
const only = (findings: Finding[], code: FindingCode) => findings.filter((f) => f.rule === code);

function row(name: string, racks: Rack[], orientationDeg: number, extra: Partial<Row> = {}): Row {
  return { id: `row:${name}`, name, roomId: ROOM.id, rackIds: racks.map((r) => r.id), orientationDeg, frontAisle: 'cold', containment: 'none', ...extra };
}

function crah(name: string, xMm: number, yMm: number, rotationDeg = 0): FloorEquipment {
  return { id: `fe:${name}`, name, roomId: ROOM.id, kind: 'crah', xMm, yMm, rotationDeg, widthMm: 2000, depthMm: 900, heightMm: 1950, coolingKw: 80, powerKva: null, weightKg: 600 };
}

function column(name: string | undefined, xMm: number, yMm: number): Obstacle {
  return { id: `obs:${name ?? 'x'}`, ...(name ? { name } : {}), roomId: ROOM.id, kind: 'column', xMm, yMm, widthMm: 400, depthMm: 400, rotationDeg: 0 };
}

/** A line of `n` racks facing `rotationDeg`, laid side by side along their row direction from (x, y). */
function line(prefix: string, n: number, xMm: number, yMm: number, rotationDeg: number): Rack[] {
  const a = (rotationDeg * Math.PI) / 180;
  return Array.from({ length: n }, (_, i) => rack(`${prefix}${String(i + 1).padStart(2, '0')}`, xMm + Math.cos(a) * 600 * i, yMm + Math.sin(a) * 600 * i, rotationDeg));
}

// ---------------------------------------------------------------- geometry

describe('footprint geometry', () => {
  it('measures the overlap of two racks with the separating axis theorem', () => {
    expect(penetrationMm(rack('A', 0, 0), rack('B', 480, 0))).toBeCloseTo(120);
    expect(penetrationMm(rack('A', 0, 0), rack('B', 600, 0))).toBeCloseTo(0);
    expect(penetrationMm(rack('A', 0, 0), rack('B', 700, 0))).toBeLessThan(0);
  });

  it('does not see an overlap between 45° racks whose bounding boxes overlap', () => {
    const [a, b] = line('D', 2, 5000, 5000, 45);
    expect(penetrationMm(a!, b!)).toBeCloseTo(0);
  });

  it('tells inside, partly outside, entirely outside and across an inner corner of an L-shaped room apart', () => {
    const poly = roomPolygon(L_ROOM);
    expect(placementInRoom(rack('A', 1000, 1000), poly)).toEqual({ where: 'inside' });
    expect(placementInRoom(rack('A', 300, 600), poly)).toEqual({ where: 'inside' }); // touching two walls
    expect(placementInRoom(rack('A', 4500, 4500), poly)).toEqual({ where: 'outside' }); // in the notch
    const partly = placementInRoom(rack('A', 3100, 3100), poly);
    expect(partly.where).toBe('partly');
    expect(partly.where === 'partly' && Math.round(partly.outsideMm)).toBe(400);
    // A 45° rack whose four corners are inside the L, with the inner corner poking into it.
    expect(placementInRoom(rack('A', 2990, 2990, 45), poly)).toEqual({ where: 'wall' });
  });
});

const L_ROOM: Room = {
  id: ROOM.id, name: 'L Hall', widthMm: 6000, depthMm: 6000,
  outline: [{ xMm: 0, yMm: 0 }, { xMm: 6000, yMm: 0 }, { xMm: 6000, yMm: 3000 }, { xMm: 3000, yMm: 3000 }, { xMm: 3000, yMm: 6000 }, { xMm: 0, yMm: 6000 }],
};

// ---------------------------------------------------------------- rule 1

describe('rack-overlap', () => {
  it('reports two overlapping racks by name, with the overlap', () => {
    const findings = layoutFindings(site({ racks: [rack('A03', 2000, 2000), rack('A04', 2480, 2000)] }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      id: 'rack-overlap:rack:A03|rack:A04', severity: 'error', rule: 'rack-overlap', variant: 'racks',
      message: 'Racks A03 and A04 overlap by 120 mm', params: { a: 'A03', b: 'A04', overlapMm: 120 }, roomId: ROOM.id,
    });
    expect(findings[0]!.refs).toEqual([{ kind: 'racks', id: 'rack:A03' }, { kind: 'racks', id: 'rack:A04' }]);
  });

  it('accepts racks side by side and overlaps within the 1 mm tolerance', () => {
    expect(layoutFindings(site({ racks: line('A', 10, 2000, 2000, 0) }))).toEqual([]);
    expect(layoutFindings(site({ racks: [rack('A01', 2000, 2000), rack('A02', 2599.2, 2000)] }))).toEqual([]);
  });

  it('keeps the same id while the racks keep overlapping', () => {
    const before = layoutFindings(site({ racks: [rack('A03', 2000, 2000), rack('A04', 2480, 2000)] }));
    const after = layoutFindings(site({ racks: [rack('A04', 2300, 2100), rack('A03', 2000, 2000)] }));
    expect(after[0]!.id).toBe(before[0]!.id);
    expect(after[0]!.message).toBe('Racks A03 and A04 overlap by 300 mm');
  });

  it('handles racks turned 90° and 270°', () => {
    // Turned 90°, a 600 × 1200 rack spans 1200 mm along x and 600 along y.
    const turned = rack('A01', 3000, 3000, 90);
    expect(layoutFindings(site({ racks: [turned, rack('A02', 3000, 3900, 0)] }))).toEqual([]);
    expect(codes(layoutFindings(site({ racks: [turned, rack('A02', 3000, 3800, 0)] })))).toEqual(['rack-overlap']);
    // Turned 270° and 1200 mm apart along x, they stand front to back: touching, not overlapping.
    expect(only(layoutFindings(site({ racks: [rack('A01', 3000, 3000, 270), rack('A02', 4200, 3000, 270)] })), 'rack-overlap')).toEqual([]);
    expect(only(layoutFindings(site({ racks: [rack('A01', 3000, 3000, 270), rack('A02', 4100, 3000, 270)] })), 'rack-overlap')[0]!.params.overlapMm).toBe(100);
  });

  it('handles racks turned 45°', () => {
    expect(layoutFindings(site({ racks: line('D', 4, 6000, 6000, 45) }))).toEqual([]);
    const a = rack('D01', 6000, 6000, 45);
    const b = rack('D02', 6000 + Math.cos(Math.PI / 4) * 500, 6000 + Math.sin(Math.PI / 4) * 500, 45);
    const found = layoutFindings(site({ racks: [a, b] }));
    expect(found.map((f) => f.message)).toEqual(['Racks D01 and D02 overlap by 100 mm']);
  });

  it('reports a rack overlapping floor equipment, and two pieces of floor equipment', () => {
    const found = layoutFindings(site({ racks: [rack('A01', 2000, 2000)], floorEquipment: [crah('CRAH-1', 2000, 3000), crah('CRAH-2', 3900, 3000)] }));
    expect(found.map((f) => [f.variant, f.message])).toEqual([
      ['equipment', 'CRAH-1 and CRAH-2 overlap by 100 mm'],
      ['rackEquipment', 'Rack A01 and CRAH-1 overlap by 50 mm'],
    ]);
    expect(found[1]!.refs).toEqual([{ kind: 'racks', id: 'rack:A01' }, { kind: 'floorEquipment', id: 'fe:CRAH-1' }]);
  });

  it('does not compare racks of different rooms', () => {
    const other: Room = { ...ROOM, id: 'room:2', name: 'Hall 2' };
    expect(layoutFindings(site({ rooms: [ROOM, other], racks: [rack('A01', 2000, 2000), rack('B01', 2000, 2000, 0, { roomId: 'room:2' })] }))).toEqual([]);
  });
});

// ---------------------------------------------------------------- rule 2

describe('rack-outside-room', () => {
  it('reports a rack that extends past the wall of a rectangular room, and by how much', () => {
    const room: Room = { ...ROOM, widthMm: 5000, depthMm: 4000 };
    const found = layoutFindings(site({ rooms: [room], racks: [rack('A01', 200, 2000)] }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'rack-outside-room', severity: 'error', variant: 'rackPartly', message: 'Rack A01 extends 100 mm outside room Hall 1', params: { outsideMm: 100 } });
  });

  it('accepts racks against the walls and reports racks entirely outside', () => {
    const room: Room = { ...ROOM, widthMm: 5000, depthMm: 4000 };
    expect(layoutFindings(site({ rooms: [room], racks: [rack('A01', 300, 600), rack('A02', 4700, 3400, 180)] }))).toEqual([]);
    expect(layoutFindings(site({ rooms: [room], racks: [rack('A01', 9000, 2000)] }))[0]!.message).toBe('Rack A01 is outside room Hall 1');
  });

  it('follows the outline of an L-shaped room', () => {
    const found = layoutFindings(site({ rooms: [L_ROOM], racks: [rack('A01', 1000, 1000), rack('A02', 1000, 5000, 180), rack('N01', 4500, 4500), rack('X01', 2990, 2990, 45)], floorEquipment: [{ ...crah('CRAH-1', 5000, 1000), widthMm: 900 }] }));
    expect(found.map((f) => [f.variant, f.message])).toEqual([
      ['rackOutside', 'Rack N01 is outside room L Hall'],
      ['rackWall', 'Rack X01 crosses a wall of room L Hall'],
    ]);
  });

  it('reports floor equipment outside the room', () => {
    const found = layoutFindings(site({ racks: [], floorEquipment: [crah('CRAH-1', 19_500, 1000)] }));
    expect(found.map((f) => f.message)).toEqual(['CRAH-1 extends 500 mm outside room Hall 1']);
  });
});

// ---------------------------------------------------------------- rule 3

describe('rack-on-obstacle', () => {
  it('reports a rack standing on a named column', () => {
    const found = layoutFindings(site({ racks: [rack('A01', 2000, 2000)], obstacles: [column('C1', 2400, 2000)] }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'rack-on-obstacle', severity: 'error', variant: 'rack', message: 'Rack A01 overlaps column C1 by 100 mm', params: { obstacleKind: 'column', overlapMm: 100 } });
    expect(found[0]!.refs).toEqual([{ kind: 'racks', id: 'rack:A01' }, { kind: 'obstacles', id: 'obs:C1' }]);
  });

  it('names unnamed obstacles by kind, and checks floor equipment too', () => {
    const found = layoutFindings(site({ floorEquipment: [crah('CRAH-1', 2000, 2000)], obstacles: [column(undefined, 3100, 2000)] }));
    expect(found.map((f) => [f.variant, f.message])).toEqual([['equipmentUnnamed', 'CRAH-1 overlaps an unnamed column by 100 mm']]);
  });

  it('accepts a rack next to a column', () => {
    expect(layoutFindings(site({ racks: [rack('A01', 2000, 2000)], obstacles: [column('C1', 2500, 2000)] }))).toEqual([]);
  });
});

// ---------------------------------------------------------------- rule 4

describe('aisle-too-narrow', () => {
  // Rotation 180 faces down the plan (+y), rotation 0 faces up: A at y faces B at y + 1200 + gap.
  const facing = (gap: number, rot = 0): Rack[] => [rack('A01', 3000, 3000, 180 + rot), rack('B01', 3000, 3000 + 1200 + gap, rot)];

  it('warns when the fronts of two racks face each other across less than the minimum cold aisle', () => {
    const found = layoutFindings(site({ racks: facing(1000) }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      rule: 'aisle-too-narrow', severity: 'warning', variant: 'coldRacks',
      message: 'Cold aisle between racks A01 and B01 is 1000 mm wide, less than the 1200 mm minimum',
      params: { gapMm: 1000, minMm: 1200 },
    });
  });

  it('accepts a cold aisle of exactly the minimum, and makes it an error below half of it', () => {
    expect(layoutFindings(site({ racks: facing(1200) }))).toEqual([]);
    expect(layoutFindings(site({ racks: facing(500) }))[0]!.severity).toBe('error');
    expect(layoutFindings(site({ racks: facing(600) }))[0]!.severity).toBe('warning');
  });

  it('checks hot aisles between rears against their own minimum', () => {
    const rears = (gap: number) => [rack('A01', 3000, 3000, 0), rack('B01', 3000, 3000 + 1200 + gap, 180)];
    expect(layoutFindings(site({ racks: rears(800) })).map((f) => f.message)).toEqual(['Hot aisle between racks A01 and B01 is 800 mm wide, less than the 900 mm minimum']);
    expect(layoutFindings(site({ racks: rears(900) }))).toEqual([]);
  });

  it("uses the room's own minimum aisle widths", () => {
    const room: Room = { ...ROOM, minColdAisleMm: 1500 };
    expect(layoutFindings(site({ rooms: [room], racks: facing(1300) }))[0]!.params.minMm).toBe(1500);
  });

  it('pairs racks turned 90° and 270°', () => {
    // 90° faces +x; 270° faces −x.
    const found = layoutFindings(site({ racks: [rack('A01', 3000, 3000, 90), rack('B01', 3000 + 1200 + 1000, 3000, 270)] }));
    expect(found.map((f) => f.message)).toEqual(['Cold aisle between racks A01 and B01 is 1000 mm wide, less than the 1200 mm minimum']);
  });

  it('pairs racks turned 45° and 225°', () => {
    const n = { x: Math.sin(Math.PI / 4), y: -Math.cos(Math.PI / 4) };
    const a = rack('A01', 5000, 5000, 45);
    const b = rack('B01', 5000 + n.x * 2200, 5000 + n.y * 2200, 225);
    const found = layoutFindings(site({ racks: [a, b] }));
    expect(found.map((f) => f.message)).toEqual(['Cold aisle between racks A01 and B01 is 1000 mm wide, less than the 1200 mm minimum']);
  });

  it('ignores racks that do not overlap along the row', () => {
    expect(layoutFindings(site({ racks: [rack('A01', 3000, 3000, 180), rack('B01', 3600, 5200, 0)] }))).toEqual([]);
  });

  it('ignores racks at other angles', () => {
    expect(layoutFindings(site({ racks: [rack('A01', 3000, 3000, 180), rack('B01', 3000, 5200, 10)] }))).toEqual([]);
  });

  it('does not pair racks hidden behind a nearer rack, but pairs the part that is not hidden', () => {
    const room: Room = { ...ROOM, minColdAisleMm: 5000 };
    const a = rack('A01', 3000, 3000, 180); // front at y = 3600
    const c = rack('C01', 3000, 5700, 0); // front at 5100, rear at 6300
    const b = rack('B01', 3000, 7000, 0); // front at 6400, 2800 from A01
    const found = layoutFindings(site({ rooms: [room], racks: [a, b, c] }));
    expect(found.map((f) => f.message)).toEqual([
      'Cold aisle between racks A01 and C01 is 1500 mm wide, less than the 5000 mm minimum',
      'The front of rack B01 faces the rear of rack C01, 100 mm away: it takes in its hot exhaust',
    ]);
    // Half hidden: C01 moved 300 mm along the row leaves half of B01 in sight of A01.
    const half = layoutFindings(site({ rooms: [room], racks: [a, b, { ...c, xMm: 3300 }] }));
    expect(half.filter((f) => f.rule === 'aisle-too-narrow').map((f) => f.params.b).sort()).toEqual(['B01', 'C01']);
  });

  it('reports one finding per pair of rows, at the narrowest point', () => {
    const a = line('A', 3, 2000, 3000, 180).map((r, i) => ({ ...r, xMm: 2000 + 600 * i }));
    const b = line('B', 3, 2000, 5200, 0);
    b[2] = { ...b[2]!, yMm: 5100 };
    const found = layoutFindings(site({ racks: [...a, ...b], rows: [row('A', a, 180), row('B', b, 0)] }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ id: 'aisle-too-narrow:cold|row:A|row:B', variant: 'coldRows', message: 'Cold aisle between rows A and B is 900 mm wide at its narrowest, less than the 1200 mm minimum' });
    expect(found[0]!.refs.filter((e) => e.kind === 'racks')).toHaveLength(6);
    expect(found[0]!.refs.filter((e) => e.kind === 'rows').map((e) => e.id)).toEqual(['row:A', 'row:B']);
  });
});

// ---------------------------------------------------------------- rule 6

describe('rack-front-not-cold', () => {
  it('warns about a row whose fronts are set to face a hot aisle', () => {
    const racks = line('A', 3, 2000, 3000, 0);
    const found = layoutFindings(site({ racks, rows: [row('A', racks, 0, { frontAisle: 'hot' })] }));
    expect(found.map((f) => [f.id, f.message])).toEqual([['rack-front-not-cold:row:row:A', 'The fronts of row A are set to face a hot aisle: racks take in air from the front']]);
    expect(layoutFindings(site({ racks, rows: [row('A', racks, 0)] }))).toEqual([]);
  });

  it("warns when a rack's front faces another rack's rear at aisle distance, without rows", () => {
    // Both face up the plan; B01 stands 1200 mm in front of A01, its rear towards A01's front.
    const found = layoutFindings(site({ racks: [rack('A01', 3000, 5000, 0), rack('B01', 3000, 2600, 0)] }));
    expect(found.map((f) => [f.id, f.severity, f.message])).toEqual([
      ['rack-front-not-cold:rack:A01>rack:B01', 'warning', 'The front of rack A01 faces the rear of rack B01, 1200 mm away: it takes in its hot exhaust'],
    ]);
    expect(layoutFindings(site({ racks: [rack('A01', 3000, 9000, 0), rack('B01', 3000, 2600, 0)] }))).toEqual([]);
  });

  it('names the rows when front-to-rear racks are in rows', () => {
    const a = line('A', 2, 2000, 5000, 0);
    const b = line('B', 2, 2000, 2600, 0);
    const found = layoutFindings(site({ racks: [...a, ...b], rows: [row('A', a, 0), row('B', b, 0)] }));
    expect(found.map((f) => f.message)).toEqual(['The fronts of row A face the rears of row B, 1200 mm away: they take in its hot exhaust']);
  });
});

// ---------------------------------------------------------------- rule 7

describe('row-mixed-orientation', () => {
  it('warns about racks that do not face the way their row does', () => {
    const racks = line('A', 4, 2000, 3000, 0);
    racks[1] = { ...racks[1]!, rotationDeg: 180 };
    const found = layoutFindings(site({ racks, rows: [row('A', racks, 0)] }));
    expect(found.map((f) => [f.variant, f.message])).toEqual([['one', 'Rack A02 does not face the direction of row A (0°)']]);
    expect(found[0]!.refs).toEqual([{ kind: 'racks', id: 'rack:A02' }, { kind: 'rows', id: 'row:A' }]);
  });

  it('accepts a row whose racks all share its orientation, up to rounding', () => {
    const racks = line('A', 4, 2000, 3000, 90).map((r) => ({ ...r, rotationDeg: 90.2 }));
    expect(layoutFindings(site({ racks, rows: [row('A', racks, 90)] }))).toEqual([]);
  });
});

// ---------------------------------------------------------------- rule 5

describe('device rules', () => {
  const half: DeviceType = { id: 'dt:switch', manufacturer: 'X', model: 'Switch', uHeight: 1, fullDepth: false, weightKg: 5, powerMaxW: 100, powerTypicalW: 50, airflow: 'front-to-rear' };
  const full: DeviceType = { id: 'dt:server', manufacturer: 'X', model: 'Server', uHeight: 2, fullDepth: true, weightKg: 20, powerMaxW: 500, powerTypicalW: 300, airflow: 'front-to-rear' };
  const pdu: DeviceType = { id: 'dt:pdu', manufacturer: 'X', model: 'Vertical PDU', uHeight: 0, fullDepth: false, weightKg: 5, powerMaxW: null, powerTypicalW: null, airflow: 'passive' };
  const dev = (name: string, typeId: string, position: number, face: 'front' | 'rear' = 'front'): Device => ({ id: `dev:${name}`, name, rackId: 'rack:A01', typeId, position, face });
  const withDevices = (devices: Device[]) => site({ racks: [rack('A01', 2000, 2000)], deviceTypes: [half, full, pdu], devices });

  it('reports two devices in the same U on the same face', () => {
    const found = layoutFindings(withDevices([dev('srv01', 'dt:server', 10), dev('srv02', 'dt:server', 11)]));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'device-overlap', severity: 'error', variant: 'front', rackId: 'rack:A01', roomId: ROOM.id, message: 'Devices srv01 and srv02 overlap at U11 on the front of rack A01' });
  });

  it('reports a rear device behind a full-depth one', () => {
    const found = layoutFindings(withDevices([dev('srv01', 'dt:server', 10), dev('sw01', 'dt:switch', 11, 'rear')]));
    expect(found.map((f) => [f.variant, f.message])).toEqual([['behind', 'Device sw01 is behind full-depth srv01 at U11 in rack A01']]);
  });

  it('accepts half-depth devices front and rear in the same U, devices stacked, and 0U devices', () => {
    expect(layoutFindings(withDevices([
      dev('sw01', 'dt:switch', 20), dev('sw02', 'dt:switch', 20, 'rear'), dev('srv01', 'dt:server', 10), dev('srv02', 'dt:server', 12),
      dev('pdu-a', 'dt:pdu', 1, 'rear'), dev('pdu-b', 'dt:pdu', 1, 'rear'),
    ]))).toEqual([]);
  });

  it('reports a device reaching above the top of its rack, or starting below U1', () => {
    const found = layoutFindings(withDevices([dev('srv01', 'dt:server', 42), dev('sw01', 'dt:switch', 0.5)]));
    expect(found.map((f) => [f.variant, f.message])).toEqual([
      ['above', 'Device srv01 (2U at U42) reaches U43, above the top of rack A01 (42U)'],
      ['below', 'Device sw01 starts at U0.5, below U1 of rack A01'],
    ]);
  });
});

// ---------------------------------------------------------------- options, demo, scale

describe('layoutFindings', () => {
  it('limits itself to one room when asked', () => {
    const other: Room = { ...ROOM, id: 'room:2', name: 'Hall 2' };
    const snap = site({ rooms: [ROOM, other], racks: [rack('A01', 2000, 2000), rack('A02', 2100, 2000), rack('B01', 2000, 2000, 0, { roomId: 'room:2' }), rack('B02', 2100, 2000, 0, { id: 'rack:B02', roomId: 'room:2' })] });
    expect(layoutFindings(snap)).toHaveLength(2);
    expect(layoutFindings(snap, { roomId: 'room:2' }).map((f) => f.message)).toEqual(['Racks B01 and B02 overlap by 500 mm']);
  });

  it('lists errors before warnings', () => {
    const found = layoutFindings(site({ racks: [rack('A01', 3000, 3000, 180), rack('B01', 3000, 5000, 0), rack('C01', 8000, 8000), rack('C02', 8100, 8000)] }));
    expect(found.map((f) => f.severity)).toEqual(['error', 'warning']);
  });

  it('has a message variant for every finding it makes', () => {
    const all = layoutFindings(site({ racks: [rack('A01', 2000, 2000), rack('A02', 2100, 2000)] }));
    for (const f of all) expect(FINDING_VARIANTS[f.rule as FindingCode] as readonly string[]).toContain(f.variant);
  });

  it('finds nothing wrong with the demo project', () => {
    const demo = snapshotOf(buildDemoDocument(builtinDeviceTypes()));
    expect(Object.keys(demo.racks).length).toBeGreaterThan(20);
    const found = layoutFindings(demo);
    expect(found.filter((f) => f.severity === 'error').map((f) => f.message)).toEqual([]);
    expect(found.map((f) => f.message)).toEqual([]);
  });

  it('validates a generated hall of 2,000 racks and 40,000 devices', () => {
    const snap = snapshotOf(generateSite(2000, 20));
    expect(Object.keys(snap.racks)).toHaveLength(2000);
    // Cold: a devices collection never seen before (what adding a device costs). Warm: the same
    // devices, as after moving racks (the renderer's mirror keeps untouched collections).
    let t0 = performance.now();
    let found = layoutFindings(snap);
    const coldMs = performance.now() - t0;
    const runs = 5;
    t0 = performance.now();
    for (let i = 0; i < runs; i++) found = layoutFindings({ ...snap, racks: { ...snap.racks } });
    const warmMs = (performance.now() - t0) / runs;
    console.log(`layoutFindings, 2,000 racks and ${Object.keys(snap.devices).length} devices: first run ${coldMs.toFixed(1)} ms, then ${warmMs.toFixed(1)} ms per run`);
    expect(found).toEqual([]);
    // The same hall with one rack pushed into its neighbour: exactly that problem.
    const broken = { ...snap, racks: { ...snap.racks, 'rack:1': { ...snap.racks['rack:1']!, xMm: snap.racks['rack:1']!.xMm - 200 } } };
    expect(layoutFindings(broken).map((f) => f.message)).toEqual(['Racks A01 and A02 overlap by 200 mm']);
  });
});
