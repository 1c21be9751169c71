import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiResponse, CatalogImportResult, CatalogList } from '../../core/api';
import { GENERIC_BLANKING_TYPE_ID, GENERIC_DEVICE_TYPES } from '../../core/catalog/generic';
import type { DocumentSnapshot, RackType } from '../../core/model/schema';
import { ProjectStore } from '../store/project-store';
import { AppServices } from './app-services';
import { DeviceCatalog } from './catalog';

let dir: string;
let services: AppServices | null = null;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-catalog-'));
});
afterEach(() => {
  services?.close();
  services = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

function value<T>(res: ApiResponse<unknown>): T {
  if (!res.ok) throw new Error(`expected ok, got ${res.error.code}: ${res.error.message}`);
  return res.value as T;
}

function make(userData = path.join(dir, 'user-data')): AppServices {
  services = new AppServices({ userDataDir: userData, mode: 'browser', version: '0.0.0', platform: 'linux' });
  return services;
}

const NETBOX_YAML = `manufacturer: Contoso
model: Widget Server 9000
slug: contoso-widget-9000
part_number: WS-9000
u_height: 3
is_full_depth: true
airflow: front-to-rear
weight: 31
weight_unit: kg
power-ports:
  - name: PSU1
    type: iec-60320-c14
    maximum_draw: 1200
    allocated_draw: 700
`;

describe('catalog.list over the real shipped assets', () => {
  it('lists generic and shipped NetBox types, with every manufacturer', async () => {
    const s = make();
    const all = value<CatalogList>(await s.handle('catalog.list', {}));
    expect(all.deviceTypes.length).toBeGreaterThanOrEqual(GENERIC_DEVICE_TYPES.length + 14);
    expect(all.manufacturers).toEqual(expect.arrayContaining(['Generic', 'Dell', 'Cisco', 'APC']));
    expect(all.deviceTypes.every((t) => t.inProject === false)).toBe(true);
  });

  it('searches manufacturer, model and part number, every word', async () => {
    const s = make();
    const r630 = value<CatalogList>(await s.handle('catalog.list', { query: 'dell r630' }));
    expect(r630.deviceTypes.map((t) => t.model)).toEqual(['PowerEdge R630']);
    const byPart = value<CatalogList>(await s.handle('catalog.list', { query: 'gen-gpu' }));
    expect(byPart.deviceTypes.map((t) => t.id)).toEqual(['dt:generic/gpu-server-4u']);
    expect(value<CatalogList>(await s.handle('catalog.list', { query: 'no such thing anywhere' })).deviceTypes).toEqual([]);
  });

  it('filters by manufacturer, U height, role and power', async () => {
    const s = make();
    const dell = value<CatalogList>(await s.handle('catalog.list', { manufacturer: 'dell' })).deviceTypes;
    expect(dell.length).toBeGreaterThan(0);
    expect(dell.every((t) => t.manufacturer === 'Dell')).toBe(true);
    const zeroU = value<CatalogList>(await s.handle('catalog.list', { uHeight: 0 })).deviceTypes;
    expect(zeroU.length).toBeGreaterThanOrEqual(2);
    expect(zeroU.every((t) => t.uHeight === 0)).toBe(true);
    const big = value<CatalogList>(await s.handle('catalog.list', { minPowerW: 3000 })).deviceTypes;
    expect(big.map((t) => t.id)).toContain('dt:generic/gpu-server-4u');
    expect(big.every((t) => (t.powerMaxW ?? 0) >= 3000)).toBe(true);
    const small = value<CatalogList>(await s.handle('catalog.list', { maxPowerW: 500, role: 'server' })).deviceTypes;
    expect(small.every((t) => t.role === 'server' && t.powerMaxW !== null && t.powerMaxW <= 500)).toBe(true);
    expect(await s.handle('catalog.list', { role: 'toaster' })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'role' } });
  });

  it('returns the generic rack types', async () => {
    const racks = value<RackType[]>(await make().handle('catalog.rackTypes', {}));
    expect(racks.map((r) => r.uHeight)).toEqual([42, 48, 42]);
  });
});

describe('catalog.importNetbox', () => {
  it('adds valid files to the library in the user data dir, reports bad ones, and a new session still has them', async () => {
    const userData = path.join(dir, 'user-data');
    const lib = path.join(dir, 'netbox', 'Contoso');
    fs.mkdirSync(lib, { recursive: true });
    fs.writeFileSync(path.join(lib, 'widget.yaml'), NETBOX_YAML);
    fs.writeFileSync(path.join(lib, 'broken.yaml'), 'manufacturer: Contoso\nmodel: [unclosed\n');
    const s = make(userData);
    const res = value<CatalogImportResult>(await s.handle('catalog.importNetbox', { paths: [path.join(dir, 'netbox')] }));
    expect(res.imported).toBe(1);
    expect(res.failed).toBe(1);
    expect(res.files.find((f) => f.path.endsWith('broken.yaml'))!.errors.length).toBeGreaterThan(0);
    const stored = JSON.parse(fs.readFileSync(path.join(userData, 'library', 'device-types.json'), 'utf8'));
    expect(stored.deviceTypes).toHaveLength(1);
    expect(stored.deviceTypes[0]).toMatchObject({ manufacturer: 'Contoso', model: 'Widget Server 9000', uHeight: 3, powerMaxW: 1200, powerTypicalW: 700 });
    s.close();

    const again = make(userData);
    const found = value<CatalogList>(await again.handle('catalog.list', { query: 'widget' })).deviceTypes;
    expect(found).toHaveLength(1);
    expect(found[0]!.source).toMatch(/^library:/);
    expect(value<CatalogList>(await again.handle('catalog.list', {})).manufacturers).toContain('Contoso');
    // Importing the same file again replaces it rather than duplicating it.
    value(await again.handle('catalog.importNetbox', { paths: [path.join(lib, 'widget.yaml')] }));
    expect(new DeviceCatalog(userData).library()).toHaveLength(1);
  });

  it('refuses a path that holds no YAML and reports a missing path per file', async () => {
    const s = make();
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty);
    expect(await s.handle('catalog.importNetbox', { paths: [empty] })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'paths' } });
    const res = value<CatalogImportResult>(await s.handle('catalog.importNetbox', { paths: [path.join(dir, 'missing.yaml')] }));
    expect(res).toMatchObject({ imported: 0, failed: 1 });
    expect(fs.existsSync(path.join(dir, 'user-data', 'library', 'device-types.json'))).toBe(false);
  });
});

describe('placing a catalog type in a real project', () => {
  async function openProject() {
    const file = path.join(dir, 'p.plenum');
    const store = ProjectStore.create(file, { name: 'Catalog' });
    const room = store.execute<{ id: string }>('room.create', { name: 'Hall', widthMm: 8000, depthMm: 8000 }).result.id;
    const rack = store.execute<{ id: string }>('rack.create', { roomId: room, xMm: 2000, yMm: 2000, uHeight: 10 }).result.id;
    store.close();
    const s = make();
    value(await s.handle('project.open', { path: file }));
    return { s, rack };
  }
  const snap = async (s: AppServices) => value<DocumentSnapshot>(await s.handle('doc.snapshot', {}));

  it('copies the type in and creates the device as one undo step, and marks it inProject', async () => {
    const { s, rack } = await openProject();
    const gpu = value<CatalogList>(await s.handle('catalog.list', { query: 'gpu server' })).deviceTypes.find((t) => t.id === 'dt:generic/gpu-server-4u')!;
    const { inProject: _, ...deviceType } = gpu;
    const before = await snap(s);
    value(await s.handle('cmd.device.create', { rackId: rack, typeId: gpu.id, position: 3, deviceType }));
    const after = await snap(s);
    expect(after.deviceTypes[gpu.id]).toMatchObject({ model: gpu.model, uHeight: 4 });
    expect(Object.values(after.devices)).toHaveLength(1);
    expect(value<CatalogList>(await s.handle('catalog.list', { query: 'gen-gpu' })).deviceTypes[0]!.inProject).toBe(true);

    value(await s.handle('history.undo', {}));
    expect(await snap(s)).toEqual(before);
    // A refused placement leaves no type behind either.
    expect(await s.handle('cmd.device.create', { rackId: rack, typeId: gpu.id, position: 8, deviceType })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await snap(s)).toEqual(before);
  });

  it('places a catalog rack type as one undo step, copying the type in', async () => {
    const { s } = await openProject();
    const before = await snap(s);
    const room = Object.keys(before.rooms)[0]!;
    const rackType = value<RackType[]>(await s.handle('catalog.rackTypes', {})).find((r) => r.uHeight === 48)!;
    value(await s.handle('cmd.rack.create', { roomId: room, xMm: 5000, yMm: 5000, rackType }));
    const after = await snap(s);
    expect(after.rackTypes[rackType.id]).toEqual(rackType);
    expect(Object.values(after.racks).find((r) => r.rackTypeId === rackType.id)).toMatchObject({ uHeight: 48, emptyWeightKg: rackType.emptyWeightKg });
    value(await s.handle('history.undo', {}));
    expect(await snap(s)).toEqual(before);
  });

  it('rack.fillBlanks fills the free front U in one undo step', async () => {
    const { s, rack } = await openProject();
    const before = await snap(s);
    value(await s.handle('cmd.rack.fillBlanks', { rackId: rack }));
    const after = await snap(s);
    expect(Object.values(after.devices).filter((d) => d.typeId === GENERIC_BLANKING_TYPE_ID)).toHaveLength(10);
    value(await s.handle('history.undo', {}));
    expect(await snap(s)).toEqual(before);
  });
});
