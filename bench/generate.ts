/**
 * Synthetic but realistic large sites for benchmarks: halls of racks in rows, each rack filled
 * with a mix of 1U/2U servers, switches and patch panels.
 */
import type { DeviceType, Rack, Device, Room } from '../core/model/schema';
import { FORMAT } from '../core/model/schema';

const TYPES: DeviceType[] = [
  { id: 'dt:bench/1u-server', manufacturer: 'Bench', model: '1U server', uHeight: 1, fullDepth: true, weightKg: 16, powerMaxW: 550, powerTypicalW: 320, airflow: 'front-to-rear', role: 'server' },
  { id: 'dt:bench/2u-server', manufacturer: 'Bench', model: '2U server', uHeight: 2, fullDepth: true, weightKg: 28, powerMaxW: 1100, powerTypicalW: 600, airflow: 'front-to-rear', role: 'server' },
  { id: 'dt:bench/tor', manufacturer: 'Bench', model: 'ToR switch', uHeight: 1, fullDepth: false, weightKg: 9, powerMaxW: 400, powerTypicalW: 220, airflow: 'rear-to-front', role: 'switch' },
  { id: 'dt:bench/patch', manufacturer: 'Bench', model: 'Patch panel', uHeight: 1, fullDepth: false, weightKg: 1, powerMaxW: null, powerTypicalW: null, airflow: 'passive', role: 'patch-panel' },
];

export interface GeneratedSite {
  format: typeof FORMAT;
  project: { name: string };
  deviceTypes: DeviceType[];
  rooms: Room[];
  racks: Rack[];
  devices: Device[];
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

export function generateSite(rackCount: number, devicesPerRack: number, options: GenerateOptions = {}): GeneratedSite {
  const racksPerRoom = options.racksPerRoom ?? 500;
  const rooms: Room[] = [];
  const racks: Rack[] = [];
  const devices: Device[] = [];
  const roomCount = Math.ceil(rackCount / racksPerRoom);
  const blocks = Math.max(1, Math.ceil(racksPerRoom / (25 * ROWS_PER_BLOCK)));
  const widthMm = blocks === 1 ? 40_000 : 6_000 + blocks * BLOCK_WIDTH_MM;
  for (let r = 0; r < roomCount; r++) rooms.push({ id: `room:${r}`, name: `Hall ${r + 1}`, widthMm, depthMm: 60_000 });
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
    devices.push({ id: `dev:${i}:tor`, name: `${rack.name}-tor`, rackId: rack.id, typeId: 'dt:bench/tor', position: 41, face: 'front' });
    let u = 1;
    for (let d = 2; d < devicesPerRack; d++) {
      const two = d % 3 === 0 && u + 1 < 40;
      devices.push({ id: `dev:${i}:${d}`, name: `${rack.name}-srv${String(d - 1).padStart(2, '0')}`, rackId: rack.id, typeId: two ? 'dt:bench/2u-server' : 'dt:bench/1u-server', position: u, face: 'front' });
      u += two ? 2 : 1;
    }
    if (u > 41) throw new Error(`bench generator: ${devicesPerRack} devices do not fit in 42U`);
  }
  return { format: FORMAT, project: { name: `Bench ${rackCount} racks` }, deviceTypes: TYPES, rooms, racks, devices };
}
