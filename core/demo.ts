/**
 * The demo project: a realistic small site a newcomer can explore at once. Two rooms, rows
 * laid out hot aisle / cold aisle, and racks filled with real device types (imported from the
 * NetBox devicetype-library files shipped in assets/devicetypes).
 */
import type { Device, DeviceType, PlenumDocumentInput, Rack, Room } from './model/schema';
import { FORMAT } from './model/schema';

type Pick = (modelIncludes: string) => DeviceType;

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
    { id: 'room:hall-1', name: 'Data Hall 1', widthMm: 14_400, depthMm: 10_800 },
    { id: 'room:net', name: 'Network Room', widthMm: 7_200, depthMm: 6_000 },
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

  const usedTypeIds = new Set(devices.map((d) => d.typeId));
  return {
    format: FORMAT,
    project: { name: projectName },
    deviceTypes: types.filter((d) => usedTypeIds.has(d.id)),
    rooms,
    racks,
    devices,
  };
}
