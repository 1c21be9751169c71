/**
 * Synthetic but realistic large sites for benchmarks: halls of racks in rows, each rack filled
 * with a mix of 1U/2U servers, switches and patch panels, with a 2N power chain and N+1 cooling
 * sized from the load so that the generated site is clean (no finding):
 *
 *  - utility, and one generator per UPS group → ATS A and B → UPS A and B (one 2N group per
 *    1,000 racks) → switchboard A and B → one RPP per row and side → feeds A and B on every rack,
 *    3 × 32 A at 230/400 V (400 V line-to-line; 16.8 kW continuous at 80 % and PF 0.95, so one
 *    feed carries the whole rack when the other is lost);
 *  - each UPS, generator and switchboard is sized for 1.25 × the load of its group, each RPP for
 *    1.25 × its row, so either side carries everything on the loss of the other;
 *  - CRAHs along the right-hand wall of each hall, N+1 with the heat below 78 % of the capacity.
 */
import type { DeviceType, Rack, Device, Room, PowerElement, PowerFeed, FloorEquipment } from '../core/model/schema';
import { FORMAT } from '../core/model/schema';

const TYPES: DeviceType[] = [
  { id: 'dt:bench/1u-server', manufacturer: 'Bench', model: '1U server', uHeight: 1, fullDepth: true, weightKg: 16, powerMaxW: 550, powerTypicalW: 320, airflow: 'front-to-rear', role: 'server', psuCount: 2 },
  { id: 'dt:bench/2u-server', manufacturer: 'Bench', model: '2U server', uHeight: 2, fullDepth: true, weightKg: 28, powerMaxW: 1100, powerTypicalW: 600, airflow: 'front-to-rear', role: 'server', psuCount: 2 },
  { id: 'dt:bench/tor', manufacturer: 'Bench', model: 'ToR switch', uHeight: 1, fullDepth: false, weightKg: 9, powerMaxW: 400, powerTypicalW: 220, airflow: 'rear-to-front', role: 'switch', psuCount: 2 },
  { id: 'dt:bench/patch', manufacturer: 'Bench', model: 'Patch panel', uHeight: 1, fullDepth: false, weightKg: 1, powerMaxW: null, powerTypicalW: null, airflow: 'passive', role: 'patch-panel', psuCount: 0 },
];

export interface GeneratedSite {
  format: typeof FORMAT;
  project: { name: string };
  deviceTypes: DeviceType[];
  rooms: Room[];
  floorEquipment: FloorEquipment[];
  racks: Rack[];
  devices: Device[];
  powerElements: PowerElement[];
  powerFeeds: PowerFeed[];
}

export interface GenerateOptions {
  /**
   * Racks per room (default 500: 20 rows of 25 in a 40 m × 60 m hall). Larger halls put further
   * blocks of 20 rows side by side, each 17 m wide, so one room can hold any number of racks.
   */
  racksPerRoom?: number;
}

const ROWS_PER_BLOCK = 20;
const BLOCK_WIDTH_MM = 17_000;
/** Racks per 2N UPS group. */
const RACKS_PER_UPS_GROUP = 1000;
/** Sizing margin of power elements over the load they carry when their partner is lost. */
const POWER_MARGIN = 1.25;
/** Cooling: heat stays below this share of a hall's capacity (the near-capacity warning is at 80 %). */
const COOLING_FILL = 0.78;
const HEAT_LOSS = 1.1;
const CRAH_PITCH_MM = 2500;
const CRAHS_PER_COLUMN = 22;

/** Rounds a power up to a whole number of `stepKw`, in kW. */
const ratingKw = (w: number, stepKw = 50): number => Math.ceil((w * POWER_MARGIN) / 1000 / stepKw) * stepKw;

export function generateSite(rackCount: number, devicesPerRack: number, options: GenerateOptions = {}): GeneratedSite {
  const racksPerRoom = options.racksPerRoom ?? 500;
  const rooms: Room[] = [];
  const racks: Rack[] = [];
  const devices: Device[] = [];
  const roomCount = Math.ceil(rackCount / racksPerRoom);
  const blocks = Math.max(1, Math.ceil(racksPerRoom / (25 * ROWS_PER_BLOCK)));
  const widthMm = blocks === 1 ? 40_000 : 6_000 + blocks * BLOCK_WIDTH_MM;
  for (let r = 0; r < roomCount; r++) rooms.push({ id: `room:${r}`, name: `Hall ${r + 1}`, widthMm, depthMm: 60_000, powerRedundancy: '2N', coolingRedundancy: 'N+1' });
  const drawOf = new Map(TYPES.map((t) => [t.id, t.powerTypicalW ?? 0]));
  const rackLoadW: number[] = [];
  for (let i = 0; i < rackCount; i++) {
    const room = Math.floor(i / racksPerRoom);
    const inRoom = i % racksPerRoom;
    const row = Math.floor(inRoom / 25);
    const col = inRoom % 25;
    const block = Math.floor(row / ROWS_PER_BLOCK);
    const rowInBlock = row % ROWS_PER_BLOCK;
    const rack: Rack = {
      id: `rack:${i}`, name: `${String.fromCharCode(65 + (row % 26))}${row >= 26 ? row : ''}${String(col + 1).padStart(2, '0')}`, roomId: `room:${room}`,
      xMm: 1_500 + block * BLOCK_WIDTH_MM + col * 600, yMm: 2_000 + rowInBlock * 2_700, rotationDeg: row % 2 ? 0 : 180, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 12, maxKg: 1360,
    };
    racks.push(rack);
    // Top: patch panel + ToR; then servers from U1 upward (1U and 2U alternating).
    devices.push({ id: `dev:${i}:pp`, name: `${rack.name}-pp`, rackId: rack.id, typeId: 'dt:bench/patch', position: 42, face: 'front' });
    // ToR switches sit with their ports to the hot aisle: mounted on the rear, a rear-to-front
    // switch takes its air from the rack's front (cold) side.
    devices.push({ id: `dev:${i}:tor`, name: `${rack.name}-tor`, rackId: rack.id, typeId: 'dt:bench/tor', position: 41, face: 'rear' });
    let u = 1;
    for (let d = 2; d < devicesPerRack; d++) {
      const two = d % 3 === 0 && u + 1 < 40;
      devices.push({ id: `dev:${i}:${d}`, name: `${rack.name}-srv${String(d - 1).padStart(2, '0')}`, rackId: rack.id, typeId: two ? 'dt:bench/2u-server' : 'dt:bench/1u-server', position: u, face: 'front' });
      u += two ? 2 : 1;
    }
    if (u > 41) throw new Error(`bench generator: ${devicesPerRack} devices do not fit in 42U`);
    let w = 0;
    for (let k = devices.length - devicesPerRack; k < devices.length; k++) w += drawOf.get(devices[k]!.typeId) ?? 0;
    rackLoadW.push(w);
  }
  const { powerElements, powerFeeds } = powerChain(racks, rackLoadW, racksPerRoom);
  const floorEquipment = cooling(rooms, racks, rackLoadW);
  return { format: FORMAT, project: { name: `Bench ${rackCount} racks` }, deviceTypes: TYPES, rooms, floorEquipment, racks, devices, powerElements, powerFeeds };
}

const SIDES = ['A', 'B'] as const;

/** The 2N chain, sized from the racks' loads (see the file comment). */
function powerChain(racks: readonly Rack[], rackLoadW: readonly number[], racksPerRoom: number): { powerElements: PowerElement[]; powerFeeds: PowerFeed[] } {
  const el = (id: string, name: string, kind: PowerElement['kind'], upstreamIds: string[], patch: Partial<PowerElement> = {}): PowerElement =>
    ({ id, name, kind, upstreamIds, voltageV: 400, phases: 3, breakerA: null, ratingKw: null, ratingKva: null, ...patch });
  // Racks go to RPPs by row (25 racks), rows to UPS groups by their first rack.
  const groupLoadW: number[] = [];
  const rowLoadW = new Map<string, number>();
  const rowOf = (i: number) => `${Math.floor(i / racksPerRoom)}:${Math.floor((i % racksPerRoom) / 25)}`;
  const rowGroup = new Map<string, number>();
  racks.forEach((_, i) => {
    const row = rowOf(i);
    if (!rowGroup.has(row)) rowGroup.set(row, Math.floor(i / RACKS_PER_UPS_GROUP));
    const g = rowGroup.get(row)!;
    groupLoadW[g] = (groupLoadW[g] ?? 0) + rackLoadW[i]!;
    rowLoadW.set(row, (rowLoadW.get(row) ?? 0) + rackLoadW[i]!);
  });
  const powerElements: PowerElement[] = [el('pe:utility', 'Utility', 'utility', [])];
  groupLoadW.forEach((loadW, g) => {
    const kw = ratingKw(loadW, 100);
    powerElements.push(el(`pe:gen:${g}`, `GEN-${g + 1}`, 'generator', [], { ratingKw: kw }));
    for (const side of SIDES) {
      powerElements.push(
        el(`pe:ats:${g}:${side}`, `ATS-${g + 1}${side}`, 'ats', ['pe:utility', `pe:gen:${g}`]),
        el(`pe:ups:${g}:${side}`, `UPS-${g + 1}${side}`, 'ups', [`pe:ats:${g}:${side}`], { ratingKw: kw, ratingKva: Math.ceil(kw / 0.95), modules: 4, redundancy: '2N', group: `UPS-${g + 1}` }),
        el(`pe:swb:${g}:${side}`, `SWB-${g + 1}${side}`, 'switchboard', [`pe:ups:${g}:${side}`], { ratingKw: kw }),
      );
    }
  });
  for (const [row, loadW] of rowLoadW) {
    const g = rowGroup.get(row)!;
    const [room, r] = row.split(':');
    for (const side of SIDES) {
      powerElements.push(el(`pe:rpp:${row}:${side}`, `RPP-H${Number(room) + 1}-R${Number(r) + 1}${side}`, 'rpp', [`pe:swb:${g}:${side}`], { ratingKw: ratingKw(loadW, 10), roomId: `room:${room}` }));
    }
  }
  const powerFeeds: PowerFeed[] = [];
  racks.forEach((rack, i) => {
    for (const side of SIDES) {
      powerFeeds.push({ id: `feed:${i}:${side}`, name: `${rack.name}-${side}`, rackId: rack.id, side, sourceId: `pe:rpp:${rowOf(i)}:${side}`, breakerA: 32, voltageV: 400, phases: 3 });
    }
  });
  return { powerElements, powerFeeds };
}

/** CRAHs in columns along the right-hand wall of each hall: N+1, heat below 78 % of capacity. */
function cooling(rooms: readonly Room[], racks: readonly Rack[], rackLoadW: readonly number[]): FloorEquipment[] {
  const heatW = new Map<string, number>();
  racks.forEach((rack, i) => heatW.set(rack.roomId, (heatW.get(rack.roomId) ?? 0) + rackLoadW[i]! * HEAT_LOSS));
  const out: FloorEquipment[] = [];
  for (const room of rooms) {
    const heat = heatW.get(room.id) ?? 0;
    if (heat <= 0) continue;
    // 250 kW units, or larger ones in very large halls so that two columns hold them all.
    const unitKw = Math.max(250, Math.ceil(heat / COOLING_FILL / (2 * CRAHS_PER_COLUMN - 1) / 1000 / 50) * 50);
    const count = Math.ceil(heat / COOLING_FILL / (unitKw * 1000)) + 1;
    for (let k = 0; k < count; k++) {
      const column = Math.floor(k / CRAHS_PER_COLUMN);
      out.push({
        id: `fe:${room.id}:crah:${k}`, name: `CRAH-${room.name.replace(/\D/g, '')}-${k + 1}`, roomId: room.id, kind: 'crah',
        xMm: room.widthMm - 1500 - column * 2600, yMm: 2000 + (k % CRAHS_PER_COLUMN) * CRAH_PITCH_MM, rotationDeg: 0,
        widthMm: 2000, depthMm: 900, heightMm: 1950, coolingKw: unitKw, powerKva: null, weightKg: 900,
      });
    }
  }
  return out;
}
