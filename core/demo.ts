/**
 * The demo project: a realistic small site a newcomer can explore at once. Two rooms, rows
 * laid out hot aisle / cold aisle, and racks filled with real device types (imported from the
 * NetBox devicetype-library files shipped in assets/devicetypes).
 */
import type { Annotation, Device, DeviceType, Door, EnvReading, FloorEquipment, Obstacle, PlenumDocumentInput, PowerElement, PowerFeed, Rack, Room, Row } from './model/schema';
import { FORMAT } from './model/schema';

type Pick = (modelIncludes: string) => DeviceType;

/**
 * The NetBox files for several demo models carry no power ports or weights, which would make the
 * demo's rack loads look empty. The demo fills in figures from the vendors' spec sheets (typical
 * and maximum draw in W, weight in kg), marked with `specSource` so they are never mistaken for
 * library data. Values present in the files are kept.
 */
const SPEC_SHEET: Record<string, { powerTypicalW?: number; powerMaxW?: number; weightKg?: number; psuCount?: number; pduInletA?: number }> = {
  // Power supplies where the NetBox file has no power ports (dual-corded, as shipped), and the
  // AP8853's IEC 60309 inlet, which NetBox does not rate: 16 A three-phase (11 kW at 400 V).
  'PowerEdge R740': { powerTypicalW: 450, powerMaxW: 750, weightKg: 28.6, psuCount: 2 },
  'ProLiant DL380 Gen10': { powerTypicalW: 400, powerMaxW: 800, psuCount: 2 },
  'Nexus 9336C-FX2': { powerTypicalW: 300, powerMaxW: 500, psuCount: 2 },
  '24-port Copper Patch Panel Half Depth': { psuCount: 0 },
  'Blanking Panel 1U': { psuCount: 0 },
  AP8853: { pduInletA: 16 },
  'PowerEdge R630': { powerTypicalW: 300, weightKg: 19.9 },
  'Nexus 93180YC-EX': { powerTypicalW: 210, powerMaxW: 470, weightKg: 8.2 },
  'QFX5120-48Y': { powerTypicalW: 350 },
  'FAS2750': { powerTypicalW: 480, powerMaxW: 900, weightKg: 25 },
  'DCS-7050CX3-32S': { weightKg: 9.5 },
  'NVIDIA DGX A100 640GB': { weightKg: 123 },
};

function withSpecSheet(type: DeviceType): DeviceType {
  const spec = SPEC_SHEET[type.model];
  if (!spec) return type;
  const filled: DeviceType = { ...type };
  const used: string[] = [];
  for (const [field, value] of Object.entries(spec) as Array<[keyof typeof spec, number]>) {
    if (filled[field] === null || filled[field] === undefined) {
      filled[field] = value;
      used.push(field);
    }
  }
  return used.length ? { ...filled, specSource: `vendor spec sheet (${used.join(', ')})` } : type;
}

function picker(types: readonly DeviceType[]): Pick {
  return (needle) => {
    const found = types.find((t) => t.model.toLowerCase().includes(needle.toLowerCase()));
    if (!found) throw new Error(`demo: no device type whose model contains "${needle}"`);
    return found;
  };
}

interface Slot {
  type: DeviceType;
  position: number;
  face?: 'front' | 'rear';
  name: string;
}

export function buildDemoDocument(types: readonly DeviceType[], projectName = 'Demo site — Lyon DC1'): PlenumDocumentInput {
  const t = picker(types);
  const rooms: Room[] = [
    {
      id: 'room:hall-1', name: 'Data Hall 1', widthMm: 14_400, depthMm: 10_800, ceilingHeightMm: 3_600, raisedFloorHeightMm: 600,
      tileSizeMm: 600, tileOriginXMm: 0, tileOriginYMm: 0, wallThicknessMm: 200, minColdAisleMm: 1_200, minHotAisleMm: 900,
      // Designed 2N power (every rack fed A and B from separate UPS systems), N+1 cooling (three
      // CRAHs where two carry the load), ASHRAE A1 supply air, TIA-942 Rated-3 floor (12 kPa).
      powerRedundancy: '2N', coolingRedundancy: 'N+1', ashraeClass: 'A1', supplyTempC: 22, supplyRhPct: 45, floorRatingKgM2: 1_224,
    },
    {
      id: 'room:net', name: 'Network Room', widthMm: 7_200, depthMm: 6_000, ceilingHeightMm: 3_000, raisedFloorHeightMm: 600,
      tileSizeMm: 600, tileOriginXMm: 0, tileOriginYMm: 0, wallThicknessMm: 200, minColdAisleMm: 1_200, minHotAisleMm: 900,
      // The simpler room: one feed per rack and one in-row cooler (N).
      powerRedundancy: 'N', coolingRedundancy: 'N', ashraeClass: 'A1', supplyTempC: 22, supplyRhPct: 45, floorRatingKgM2: 1_224,
    },
  ];
  const racks: Rack[] = [];
  const devices: Device[] = [];
  const rack = (roomId: string, name: string, xMm: number, yMm: number, rotationDeg: number, maxKw: number): Rack => {
    const r: Rack = { id: `rack:${name.toLowerCase()}`, name, roomId, xMm, yMm, rotationDeg, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw, maxKg: 1360 };
    racks.push(r);
    return r;
  };
  const fill = (r: Rack, slots: Slot[]) => {
    for (const s of slots) {
      devices.push({ id: `dev:${r.name.toLowerCase()}-${s.name}`, name: `${r.name}-${s.name}`, rackId: r.id, typeId: s.type.id, position: s.position, face: s.face ?? 'front' });
    }
  };
  const pdus = (): Slot[] => [
    { type: t('AP8853'), position: 1, face: 'rear', name: 'pdu-a' },
    { type: t('AP8853'), position: 22, face: 'rear', name: 'pdu-b' },
  ];
  const blanks = (from: number, to: number): Slot[] => {
    const out: Slot[] = [];
    for (let u = from; u <= to; u++) out.push({ type: t('Blanking Panel'), position: u, name: `blank-u${String(u).padStart(2, '0')}` });
    return out;
  };
  const top = (): Slot[] => [
    { type: t('24-port'), position: 42, name: 'pp01' },
    { type: t('7050CX3'), position: 41, name: 'tor-a' },
    { type: t('93180YC'), position: 40, name: 'tor-b' },
  ];

  // Data Hall 1: rows A and B face each other across a 1200 mm cold aisle; row B and C share a
  // 900 mm hot aisle. Racks are 600 mm wide, centres 600 mm apart, starting 1.8 m from the wall.
  const columns = 10;
  for (let i = 0; i < columns; i++) {
    const x = 1_800 + 300 + i * 600;
    const n = String(i + 1).padStart(2, '0');
    const a = rack('room:hall-1', `A${n}`, x, 3_000, 180, 10);
    fill(a, [...top(), ...pdus(),
      ...Array.from({ length: 10 }, (_, k): Slot => ({ type: t('R740'), position: 2 + k * 2, name: `srv${String(k + 1).padStart(2, '0')}` })),
      ...blanks(22, 39)]);
    const b = rack('room:hall-1', `B${n}`, x, 5_400, 0, 8);
    fill(b, [...top(), ...pdus(),
      ...Array.from({ length: 8 }, (_, k): Slot => ({ type: t('DL380'), position: 2 + k * 2, name: `srv${String(k + 1).padStart(2, '0')}` })),
      ...(i % 3 === 0 ? [{ type: t('FAS2750'), position: 20, name: 'nas01' }] : []),
      ...blanks(i % 3 === 0 ? 22 : 18, 39)]);
    if (i < 6) {
      const c = rack('room:hall-1', `C${n}`, x, 7_500, 180, i < 4 ? 30 : 12);
      const gpu = i < 4
        ? [{ type: t('DGX A100'), position: 2, name: 'gpu01' }, { type: t('DGX A100'), position: 8, name: 'gpu02' }, { type: t('DGX A100'), position: 14, name: 'gpu03' }]
        : Array.from({ length: 6 }, (_, k): Slot => ({ type: t('R630'), position: 2 + k, name: `srv${String(k + 1).padStart(2, '0')}` }));
      fill(c, [...top(), ...pdus(), ...gpu]);
    }
  }

  // Network room: core switching and the meet-me patching, one row facing the door.
  for (let i = 0; i < 4; i++) {
    const n = String(i + 1).padStart(2, '0');
    const r = rack('room:net', `N${n}`, 1_500 + i * 600, 2_400, 0, 6);
    const slots: Slot[] = [...pdus()];
    for (let u = 0; u < 6; u++) slots.push({ type: t('24-port'), position: 42 - u, name: `pp${String(u + 1).padStart(2, '0')}` });
    slots.push({ type: t('9336C'), position: 34, name: 'spine-a' }, { type: t('QFX5120'), position: 32, name: 'spine-b' });
    if (i === 0) slots.push({ type: t('SRT 3000'), position: 2, name: 'ups01' });
    fill(r, slots);
  }

  const rowOf = (id: string, name: string, roomId: string, prefix: string, orientationDeg: number): Row => ({
    id, name, roomId, orientationDeg, frontAisle: 'cold', containment: prefix === 'A' || prefix === 'B' ? 'cold-aisle' : 'none',
    // Racks in their numbering order (A01, A02…), which here runs left to right on the plan.
    rackIds: racks.filter((r) => r.roomId === roomId && r.name.startsWith(prefix)).sort((a, b) => a.name.localeCompare(b.name)).map((r) => r.id),
  });
  const rows: Row[] = [
    rowOf('row:a', 'A', 'room:hall-1', 'A', 180),
    rowOf('row:b', 'B', 'room:hall-1', 'B', 0),
    rowOf('row:c', 'C', 'room:hall-1', 'C', 180),
    rowOf('row:n', 'N', 'room:net', 'N', 0),
  ];

  // Cooling and power: perimeter CRAHs on the right wall blowing into the room, floor PDUs at the
  // row ends, and the UPS with its batteries in the network room.
  const fe = (id: string, roomId: string, name: string, kind: FloorEquipment['kind'], xMm: number, yMm: number, rotationDeg: number, size: [number, number, number], ratings: Partial<FloorEquipment>): FloorEquipment => ({
    id, roomId, name, kind, xMm, yMm, rotationDeg, widthMm: size[0], depthMm: size[1], heightMm: size[2], coolingKw: null, powerKva: null, weightKg: null, ...ratings,
  });
  const floorEquipment: FloorEquipment[] = [
    fe('fe:crah-01', 'room:hall-1', 'CRAH-01', 'crah', 13_900, 3_000, 270, [2_550, 890, 1_980], { coolingKw: 120, weightKg: 900, manufacturer: 'Generic', model: 'CW 120 kW' }),
    fe('fe:crah-02', 'room:hall-1', 'CRAH-02', 'crah', 13_900, 7_500, 270, [2_550, 890, 1_980], { coolingKw: 120, weightKg: 900, manufacturer: 'Generic', model: 'CW 120 kW' }),
    // The N+1 unit: with any one CRAH down, the other two (240 kW) still carry the hall (~125 kW).
    fe('fe:crah-03', 'room:hall-1', 'CRAH-03', 'crah', 9_600, 10_355, 0, [2_550, 890, 1_980], { coolingKw: 120, weightKg: 900, manufacturer: 'Generic', model: 'CW 120 kW' }),
    fe('fe:pdu-a', 'room:hall-1', 'PDU-A', 'floor-pdu', 9_000, 3_000, 180, [800, 900, 1_950], { powerKva: 200, weightKg: 750 }),
    fe('fe:pdu-b', 'room:hall-1', 'PDU-B', 'floor-pdu', 9_000, 5_400, 0, [800, 900, 1_950], { powerKva: 200, weightKg: 750 }),
    fe('fe:ups-01', 'room:net', 'UPS-01', 'ups', 5_800, 4_600, 0, [1_200, 850, 1_950], { powerKva: 500, weightKg: 1_400 }),
    fe('fe:bat-01', 'room:net', 'BAT-01', 'battery-cabinet', 4_600, 4_600, 0, [800, 850, 1_950], { weightKg: 1_600 }),
    fe('fe:ups-02', 'room:net', 'UPS-02', 'ups', 3_400, 4_600, 0, [1_200, 850, 1_950], { powerKva: 500, weightKg: 1_400 }),
    fe('fe:irc-01', 'room:net', 'IRC-01', 'in-row-cooler', 3_750, 2_400, 0, [300, 1_200, 2_000], { coolingKw: 30, weightKg: 250 }),
  ];
  const obstacles: Obstacle[] = [
    { id: 'obs:col-1', roomId: 'room:hall-1', kind: 'column', name: 'Column C4', xMm: 10_800, yMm: 8_700, widthMm: 600, depthMm: 600, rotationDeg: 0 },
  ];
  const doors: Door[] = [
    { id: 'door:hall-1', roomId: 'room:hall-1', name: 'Main door', xMm: 0, yMm: 9_600, widthMm: 1_200, rotationDeg: 90, swing: 'double' },
    { id: 'door:net', roomId: 'room:net', name: 'Door', xMm: 1_500, yMm: 6_000, widthMm: 1_000, rotationDeg: 0, swing: 'in' },
  ];
  const annotations: Annotation[] = [
    { id: 'note:cold-aisle', roomId: 'room:hall-1', kind: 'label', xMm: 4_800, yMm: 4_200, text: 'Cold aisle (contained)' },
  ];

  // The power chain: utility and generator, each side through its own ATS (one shared ATS would
  // be a single point of failure of the whole 2N hall), into two 2N UPS systems; each UPS feeds
  // its own switchboard and floor PDU (side A or side B), and one RPP per row and side.
  // Ratings: 2 MVA source, 500 kVA / 450 kW UPS of 4 modules, 200 kVA floor PDUs (400 A),
  // 100 kVA RPPs (160 A). Hall 1 draws ~112 kW typical: each side alone carries it, as 2N needs.
  const el = (id: string, name: string, kind: PowerElement['kind'], upstreamIds: string[], ratings: Partial<PowerElement>): PowerElement => ({
    id, name, kind, upstreamIds, voltageV: 400, phases: 3, breakerA: null, ratingKw: null, ratingKva: null, ...ratings,
  });
  const powerElements: PowerElement[] = [
    el('pwr:utility', 'Utility', 'utility', [], { breakerA: 3_200, ratingKva: 2_000 }),
    el('pwr:gen-1', 'GEN-1', 'generator', [], { breakerA: 3_200, ratingKva: 2_000, ratingKw: 1_600, powerFactor: 0.8 }),
  ];
  for (const side of ['A', 'B'] as const) {
    const s = side.toLowerCase();
    powerElements.push(
      el(`pwr:ats-${s}`, `ATS-${side}`, 'ats', ['pwr:utility', 'pwr:gen-1'], { breakerA: 3_200 }),
      el(`pwr:ups-${s}`, `UPS-${side}`, 'ups', [`pwr:ats-${s}`], {
        breakerA: 800, ratingKva: 500, ratingKw: 450, modules: 4, redundancy: '2N', group: 'UPS 2N',
        roomId: 'room:net', floorEquipmentId: side === 'A' ? 'fe:ups-01' : 'fe:ups-02',
      }),
      el(`pwr:swb-${s}`, `SWB-${side}`, 'switchboard', [`pwr:ups-${s}`], { breakerA: 1_600, roomId: 'room:net' }),
      el(`pwr:pdu-${s}`, `PDU-${side}`, 'pdu', [`pwr:swb-${s}`], { breakerA: 400, ratingKva: 200, roomId: 'room:hall-1', floorEquipmentId: `fe:pdu-${s}` }),
      ...['A', 'B', 'C'].map((row) => el(`pwr:rpp-${row.toLowerCase()}-${s}`, `RPP-${row}${side}`, 'rpp', [`pwr:pdu-${s}`], { breakerA: 160, ratingKva: 100, roomId: 'room:hall-1' })),
    );
  }
  powerElements.push(el('pwr:pnl-n', 'PNL-N', 'panel', ['pwr:swb-a'], { breakerA: 63, roomId: 'room:net' }));

  // Rack feeds: 16 A three-phase at 400 V into each rack's AP8853 (11 kW, a 16 A 3-phase inlet).
  // DELIBERATE DESIGN PROBLEM, left for the findings panel to show: rack C06 in the 2N hall has no
  // feed B yet (its PDU-B hangs unconnected), so its dual-corded servers lose redundancy.
  const powerFeeds: PowerFeed[] = [];
  const feed = (r: Rack, side: 'A' | 'B', sourceId: string) => powerFeeds.push({
    id: `feed:${r.name.toLowerCase()}-${side.toLowerCase()}`, name: `${r.name}-${side}`, rackId: r.id, side, sourceId,
    breakerA: 16, voltageV: 400, phases: 3, rackPduDeviceId: `dev:${r.name.toLowerCase()}-pdu-${side.toLowerCase()}`,
  });
  for (const r of racks) {
    if (r.roomId === 'room:net') {
      feed(r, 'A', 'pwr:pnl-n');
      continue;
    }
    const row = r.name[0]!.toLowerCase();
    feed(r, 'A', `pwr:rpp-${row}-a`);
    if (r.name !== 'C06') feed(r, 'B', `pwr:rpp-${row}-b`);
  }

  // Spot readings from the commissioning walk-through, all inside ASHRAE A1 (18–27 °C recommended).
  const envReadings: EnvReading[] = [
    { id: 'env:hall-1-a03', roomId: 'room:hall-1', rackId: 'rack:a03', takenAt: '2026-11-20T10:15:00+01:00', temperatureC: 22.4, humidityPct: 46, note: 'Cold aisle, rack inlet at 1.5 m' },
    { id: 'env:hall-1-c02', roomId: 'room:hall-1', rackId: 'rack:c02', takenAt: '2026-11-20T10:22:00+01:00', temperatureC: 24.1, humidityPct: 43, note: 'GPU rack inlet at 1.5 m' },
    { id: 'env:hall-1-room', roomId: 'room:hall-1', takenAt: '2026-11-20T10:30:00+01:00', temperatureC: 23, humidityPct: 45 },
    { id: 'env:net-room', roomId: 'room:net', takenAt: '2026-11-20T10:45:00+01:00', temperatureC: 21.6, humidityPct: 48 },
  ];

  const usedTypeIds = new Set(devices.map((d) => d.typeId));
  const deviceTypes = types.filter((d) => usedTypeIds.has(d.id)).map(withSpecSheet);
  return {
    format: FORMAT,
    project: { name: projectName, site: { name: 'Lyon DC1', address: 'Lyon, France' } },
    deviceTypes,
    rooms,
    obstacles,
    doors,
    floorEquipment,
    racks,
    rows,
    devices,
    annotations,
    powerElements,
    powerFeeds,
    envReadings,
  };
}
