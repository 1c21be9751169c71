import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DeviceType } from '../model/schema';
import {
  deviceTypeIdFor,
  inferDeviceRole,
  inletAmps,
  parseNetboxDeviceTypeYaml,
  slugify,
  type NetboxParseResult,
} from './devicetype';

// The repo lives at /work/main and the shared fixtures at /work/shared.
const HERE = path.dirname(fileURLToPath(import.meta.url));
const LIBRARY = path.resolve(HERE, '../../e2e/fixtures/devicetype-library');
const DEVICE_TYPES = path.join(LIBRARY, 'device-types');

/** Every `.yaml`/`.yml` file under `dir`, as paths relative to it with `/` separators, sorted. */
function yamlFilesUnder(dir: string, prefix = ''): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...yamlFilesUnder(dir, rel));
    else if (/\.ya?ml$/i.test(entry.name)) found.push(rel);
  }
  return found.sort();
}

const FIXTURES = yamlFilesUnder(DEVICE_TYPES);

function readFixture(rel: string): string {
  return fs.readFileSync(path.join(DEVICE_TYPES, rel), 'utf8');
}

function importFixture(rel: string): { text: string; deviceType: DeviceType; warnings: string[] } {
  const text = readFixture(rel);
  const result = parseNetboxDeviceTypeYaml(text, rel);
  if (!result.ok) throw new Error(`${rel}: ${result.errors.join('; ')}`);
  return { text, deviceType: result.deviceType, warnings: result.warnings };
}

/** A small valid NetBox device type; `fields` overrides (raw YAML text) or removes (undefined) lines. */
function netbox(fields: Record<string, string | undefined> = {}, extra = ''): string {
  const all: Record<string, string | undefined> = {
    manufacturer: 'Acme',
    model: 'Box 1000',
    slug: 'acme-box-1000',
    u_height: '1',
    is_full_depth: 'true',
    ...fields,
  };
  const lines = Object.entries(all).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${v}`);
  return `${lines.join('\n')}\n${extra}`;
}

function expectOk(result: NetboxParseResult): { deviceType: DeviceType; warnings: string[] } {
  if (!result.ok) throw new Error(`expected ok, got errors: ${result.errors.join('; ')}`);
  return result;
}

function expectErrors(result: NetboxParseResult): string[] {
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.deviceType)}`);
  return result.errors;
}

const parse = (text: string) => parseNetboxDeviceTypeYaml(text, 'Acme/Box-1000.yaml');

describe('importing every devicetype-library fixture', () => {
  it('finds more than 30 device type files, including .yml files and paths with spaces', () => {
    expect(FIXTURES.length).toBeGreaterThan(30);
    expect(FIXTURES).toContain('Dell/EMC-MD1400.yml');
    expect(FIXTURES).toContain('Pure Storage/FA-X90R3-Chassis.yaml');
    expect(FIXTURES).toContain('Dell/PowerEdge R630.yaml');
  });

  it.each(FIXTURES)('imports %s into a valid Plenum device type', (rel) => {
    const result = parseNetboxDeviceTypeYaml(readFixture(rel), rel);
    const { deviceType } = expectOk(result);
    expect(DeviceType.safeParse(deviceType).success).toBe(true);
    expect(deviceType.source).toBe(`netbox:${rel}`);
    expect(deviceType.id).toMatch(/^dt:[a-z0-9-]+\/[a-z0-9-]+$/);
    expect(deviceType.role).toBeDefined();
  });

  it('gives every fixture a different id', () => {
    const ids = FIXTURES.map((rel) => importFixture(rel).deviceType.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('warns only about the fixtures that really deviate from the library schema in fields Plenum reads', () => {
    const warned = FIXTURES.filter((rel) => importFixture(rel).warnings.length > 0);
    expect(warned).toEqual(['Dell/PowerEdge-C6400.yaml', 'Juniper/QFX5120-48Y.yaml', 'Nvidia/DGC-A100.yaml']);
  });
});

describe('mapped values of specific fixtures', () => {
  it('maps the 0U APC AP8853 PDU with its weight and part number, and no power draw', () => {
    const { text, deviceType, warnings } = importFixture('APC/AP8853.yaml');
    expect(text).toMatch(/^u_height: 0$/m);
    expect(deviceType).toMatchObject({
      id: 'dt:apc/ap8853',
      manufacturer: 'APC',
      model: 'AP8853',
      partNumber: 'AP8853',
      uHeight: 0,
      fullDepth: false,
      weightKg: 6.93,
      powerMaxW: null,
      powerTypicalW: null,
      airflow: null,
      subdeviceRole: null,
      role: 'pdu',
      source: 'netbox:APC/AP8853.yaml',
    });
    expect(warnings).toEqual([]);
  });

  it('maps the 0U Raritan PX3-1045 PDU', () => {
    const { deviceType } = importFixture('Raritan/PX3-1045.yaml');
    expect(deviceType).toMatchObject({ uHeight: 0, fullDepth: false, weightKg: 6.5, role: 'pdu', partNumber: 'PX3-1045' });
  });

  it('reads the decimal u_height 1.0 of the blanking panel as 1', () => {
    const { text, deviceType } = importFixture('Generic/Blanking-Panel-1U.yaml');
    expect(text).toMatch(/^u_height: 1\.0$/m);
    expect(deviceType).toMatchObject({ uHeight: 1, fullDepth: false, weightKg: 0.2, powerMaxW: null, role: 'blanking' });
  });

  it('converts the Dell C6400 chassis weight of 97.0 lb to kilograms and sums its two 2400 W supplies', () => {
    const { text, deviceType, warnings } = importFixture('Dell/PowerEdge-C6400.yaml');
    expect(text).toMatch(/^weight: 97\.0$/m);
    expect(text).toMatch(/^weight_unit: lb$/m);
    // 97 × 0.45359237 = 43.99845989 kg
    expect(deviceType.weightKg).toBeCloseTo(43.998, 3);
    expect(deviceType).toMatchObject({
      id: 'dt:dell/poweredge-c6400',
      uHeight: 2,
      fullDepth: false,
      airflow: 'front-to-rear',
      subdeviceRole: 'parent',
      powerMaxW: 4800,
      powerTypicalW: null,
      role: 'chassis',
    });
    // Its long `comments` continues in column 0, which strict YAML rejects; NetBox's PyYAML reads it.
    expect(warnings).toEqual([expect.stringMatching(/^comments: .*line 11 .*not indented/)]);
  });

  it('treats allocated_draw: null on the Dell R630 as absent while summing maximum_draw', () => {
    const { text, deviceType, warnings } = importFixture('Dell/PowerEdge R630.yaml');
    expect(text.match(/allocated_draw: null/g)).toHaveLength(2);
    expect(text.match(/maximum_draw: 750/g)).toHaveLength(2);
    expect(deviceType).toMatchObject({ powerMaxW: 1500, powerTypicalW: null, uHeight: 1, role: 'server' });
    expect(deviceType.source).toBe('netbox:Dell/PowerEdge R630.yaml');
    // `part_number: ''` means no part number.
    expect(deviceType.partNumber).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('sums both maximum_draw and allocated_draw on the Arista DCS-7050CX3-32S', () => {
    const { deviceType } = importFixture('Arista/DCS-7050CX3-32S.yaml');
    // two supplies of 362 W maximum, 192 W allocated
    expect(deviceType).toMatchObject({ powerMaxW: 724, powerTypicalW: 384, fullDepth: false, role: 'switch' });
  });

  it('reads is_full_depth: True (capitalised) on the Arista DCS-7050SX-64 as true', () => {
    const { text, deviceType } = importFixture('Arista/DCS-7050SX-64.yaml');
    expect(text).toMatch(/^is_full_depth: True$/m);
    expect(deviceType).toMatchObject({ fullDepth: true, powerMaxW: 1000, powerTypicalW: 280 });
  });

  it('maps the Supermicro SYS-2029TP-HTR as a parent chassis and its node as a 0U child server', () => {
    const chassis = importFixture('Supermicro/SYS-2029TP-HTR.yaml').deviceType;
    expect(chassis).toMatchObject({
      id: 'dt:supermicro/sys-2029tp-htr',
      uHeight: 2,
      fullDepth: true,
      weightKg: 32.7,
      subdeviceRole: 'parent',
      partNumber: 'CSE-217HQ+-R2K20BP3',
      powerMaxW: null,
      role: 'chassis',
    });
    const node = importFixture('Supermicro/SYS-2029TP-HTR-NODE.yaml').deviceType;
    expect(node).toMatchObject({
      id: 'dt:supermicro/sys-2029tp-htr-node',
      uHeight: 0,
      subdeviceRole: 'child',
      weightKg: null,
      airflow: 'front-to-rear',
      role: 'server',
    });
  });

  it('maps the Dell C6420 sled as a 0U child of 5 kg', () => {
    const { deviceType } = importFixture('Dell/PowerEdge-C6420.yaml');
    expect(deviceType).toMatchObject({ uHeight: 0, subdeviceRole: 'child', weightKg: 5, role: 'server' });
  });

  it('keeps the bottom-to-top airflow of the generic 0U fan panel', () => {
    const { deviceType, warnings } = importFixture('Generic/0u-fan-panel.yaml');
    expect(deviceType).toMatchObject({
      uHeight: 0,
      airflow: 'bottom-to-top',
      weightKg: 4,
      powerMaxW: 50,
      powerTypicalW: 30,
      role: 'other',
    });
    expect(warnings).toEqual([]);
  });

  it('assumes full depth, with a warning, for the Juniper QFX5120-48Y that has no is_full_depth', () => {
    const { text, deviceType, warnings } = importFixture('Juniper/QFX5120-48Y.yaml');
    expect(text).not.toMatch(/is_full_depth/);
    expect(deviceType.fullDepth).toBe(true);
    expect(warnings).toEqual(["is_full_depth missing: assumed true (NetBox's default)"]);
    expect(deviceType).toMatchObject({ uHeight: 1, powerMaxW: 1300, powerTypicalW: null, role: 'switch' });
  });

  it('reads the Nvidia DGX A100 despite its unindented multi-line comments', () => {
    const { deviceType, warnings } = importFixture('Nvidia/DGC-A100.yaml');
    expect(deviceType).toMatchObject({
      id: 'dt:nvidia/dgx-a100-640gb',
      model: 'NVIDIA DGX A100 640GB',
      uHeight: 6,
      powerMaxW: 2142,
      powerTypicalW: 1172,
      partNumber: 'DGXA-G640F+P2EDI36',
      role: 'gpu-server',
    });
    expect(warnings).toEqual([expect.stringMatching(/^comments: .*line 8 /)]);
  });

  it('ignores a comments value lost to a YAML # (APC AP8941) and module bays without position (NetApp FAS2750)', () => {
    expect(importFixture('APC/AP8941.yaml').text).toMatch(/^comments: ###/m);
    expect(importFixture('APC/AP8941.yaml').warnings).toEqual([]);
    expect(importFixture('NetApp/FAS2750.yaml').text).toMatch(/^ {2}- name: A$/m);
    expect(importFixture('NetApp/FAS2750.yaml').warnings).toEqual([]);
  });

  it('uses the slug, without its manufacturer prefix, for the model part of the id', () => {
    expect(importFixture('Pure Storage/FA-X90R3-Chassis.yaml').deviceType.id).toBe('dt:pure-storage/fa-x90r3-chassis');
    expect(importFixture('APC/SRT3000RMXLI.yaml').deviceType.id).toBe('dt:apc/smart-ups-srt-3000va-rm');
    expect(importFixture('Arista/DCS-7050SX-64.yaml').deviceType.id).toBe('dt:arista/dcs-7050sx-64');
  });
});

describe('power cords of fixtures (issue 4)', () => {
  it('counts the two power supplies of the Dell R630 and of every dual-corded server fixture', () => {
    expect(importFixture('Dell/PowerEdge R630.yaml').deviceType.psuCount).toBe(2);
    for (const rel of FIXTURES) {
      const { text, deviceType } = importFixture(rel);
      // Items of the top-level power-ports list, up to the next top-level key (items may sit in column 0).
      const lines = text.split(/\r?\n/);
      const start = lines.findIndex((l) => /^power-ports:\s*$/.test(l));
      let ports = 0;
      for (let i = start + 1; start >= 0 && i < lines.length && !/^[A-Za-z_-]+:/.test(lines[i]!); i++) if (/^\s*- /.test(lines[i]!)) ports++;
      if (deviceType.role === 'pdu' || ports === 0) expect(deviceType.psuCount, rel).toBeUndefined();
      else expect(deviceType.psuCount, rel).toBe(ports);
    }
  });

  it('reads a PDU inlet rating from an IEC 60320 C20 and a NEMA L6-30P inlet, and its outlets', () => {
    expect(importFixture('APC/AP7921B.yaml').deviceType).toMatchObject({ role: 'pdu', pduInletA: 16, pduOutlets: 8 });
    expect(importFixture('APC/AP8941.yaml').deviceType).toMatchObject({ role: 'pdu', pduInletA: 30, pduOutlets: 24 });
  });

  it('leaves the inlet rating of IEC 60309 PDUs absent (NetBox does not say the current) but counts outlets', () => {
    const apc = importFixture('APC/AP8853.yaml').deviceType;
    expect(apc).toMatchObject({ role: 'pdu', pduOutlets: 42 });
    expect(apc).not.toHaveProperty('pduInletA');
    expect(apc).not.toHaveProperty('psuCount');
    const raritan = importFixture('Raritan/PX3-1045.yaml').deviceType;
    expect(raritan).toMatchObject({ pduOutlets: 36 });
    expect(raritan).not.toHaveProperty('pduInletA');
  });

  it('maps inlet types to amps only when the type fixes the current', () => {
    expect(inletAmps('iec-60320-c14')).toBe(10);
    expect(inletAmps('IEC-60320-C20')).toBe(16);
    expect(inletAmps('nema-5-15p')).toBe(15);
    expect(inletAmps('nema-l21-30p')).toBe(30);
    expect(inletAmps('iec-60309-3p-n-e-6h')).toBeNull();
    expect(inletAmps('iec-60320-c13')).toBeNull();
    expect(inletAmps(undefined)).toBeNull();
  });

  it('leaves a PDU with inlets of different ratings without an inlet rating, and counts 1 PSU for one cord', () => {
    const pdu = expectOk(parse(netbox({ model: 'PDU Mixed', slug: 'acme-pdu-mixed', u_height: '0' },
      'power-ports:\n  - name: In1\n    type: iec-60320-c20\n  - name: In2\n    type: iec-60320-c14\npower-outlets:\n  - name: O1\n  - name: O2\n'))).deviceType;
    expect(pdu).toMatchObject({ role: 'pdu', pduOutlets: 2 });
    expect(pdu).not.toHaveProperty('pduInletA');
    const single = expectOk(parse(netbox({}, 'power-ports:\n  - name: PSU1\n    type: iec-60320-c14\n    maximum_draw: 300\n'))).deviceType;
    expect(single.psuCount).toBe(1);
  });
});

describe('role inference on fixtures', () => {
  it.each([
    ['Arista/DCS-7050CX3-32S.yaml', 'switch'],
    ['Arista/DCS-7050SX-64.yaml', 'switch'],
    ['Cisco/N9K-C93180YC-EX.yaml', 'switch'],
    ['Cisco/N9K-C9336C-FX2.yaml', 'switch'],
    ['Juniper/QFX5120-48Y.yaml', 'switch'],
    ['Dell/Networking_S4048-ON.yaml', 'switch'],
    ['APC/AP8853.yaml', 'pdu'],
    ['APC/AP7921B.yaml', 'pdu'],
    ['Raritan/PX3-1045.yaml', 'pdu'],
    ['APC/SMT1500RMI2U.yaml', 'ups'],
    ['APC/SRT3000RMXLI.yaml', 'ups'],
    ['Eaton/9PX3000iRT2U.yaml', 'ups'],
    ['NetApp/FAS2750.yaml', 'storage'],
    ['Dell/EMC-MD1400.yml', 'storage'],
    ['HPE/Alletra-6050.yaml', 'storage'],
    ['Pure Storage/FA-X90R3-Chassis.yaml', 'storage'],
    ['Nvidia/DGC-A100.yaml', 'gpu-server'],
    ['Supermicro/SYS-4029GP-TRT.yaml', 'gpu-server'],
    ['Supermicro/AS-4125GS-TNRT.yml', 'gpu-server'],
    ['Generic/Blanking-Panel-1U.yaml', 'blanking'],
    ['Generic/24-port-copper-patch-panel-half-depth.yaml', 'patch-panel'],
    ['Dell/PowerEdge-C6400.yaml', 'chassis'],
    ['Supermicro/SYS-2029TP-HTR.yaml', 'chassis'],
    ['Dell/PowerEdge-R740.yaml', 'server'],
    ['HPE/ProLiant-DL380-Gen10.yaml', 'server'],
    ['Lenovo/ThinkSystem-SR630.yaml', 'server'],
    ['Supermicro/SYS-1029U-TR4T.yaml', 'server'],
    ['Generic/0u-fan-panel.yaml', 'other'],
  ])('infers that %s is a %s', (rel, role) => {
    expect(importFixture(rel).deviceType.role).toBe(role);
  });
});

describe('inferDeviceRole', () => {
  const base = { manufacturer: 'Acme', model: 'Box', uHeight: 1 };

  it('calls a 1U box with 48 data ports a switch but a 4U one with the same ports not', () => {
    expect(inferDeviceRole({ ...base, interfaces: 49, dataInterfaces: 48 })).toBe('switch');
    expect(inferDeviceRole({ ...base, uHeight: 4, interfaces: 49, dataInterfaces: 48 })).toBe('server');
  });

  it('prefers UPS over PDU unless the text says PDU', () => {
    expect(inferDeviceRole({ ...base, model: 'Smart-UPS 1500', powerOutlets: 4 })).toBe('ups');
    expect(inferDeviceRole({ ...base, model: 'Rack PDU', comments: 'for use with a UPS', powerOutlets: 8 })).toBe('pdu');
  });

  it('calls a parent with its own interfaces a server and a parent with device bays a chassis', () => {
    expect(inferDeviceRole({ ...base, subdeviceRole: 'parent', interfaces: 2 })).toBe('server');
    expect(inferDeviceRole({ ...base, subdeviceRole: 'parent', interfaces: 2, deviceBays: 4 })).toBe('chassis');
  });

  it('falls back to other for a box with nothing to go on', () => {
    expect(inferDeviceRole(base)).toBe('other');
  });
});

describe('deviceTypeIdFor', () => {
  it('builds dt:<manufacturer>/<model> slugs', () => {
    expect(deviceTypeIdFor('Dell', 'PowerEdge R740')).toBe('dt:dell/poweredge-r740');
    expect(deviceTypeIdFor('Pure Storage', 'FA-X90R3  Chassis!')).toBe('dt:pure-storage/fa-x90r3-chassis');
  });

  it('prefers the NetBox slug for the model part and drops its manufacturer prefix', () => {
    expect(deviceTypeIdFor('Dell', 'PowerEdge R740', 'dell-poweredge-r740')).toBe('dt:dell/poweredge-r740');
    expect(deviceTypeIdFor('Arista', 'DCS-7050SX-64', 'dcs-7050sx-64')).toBe('dt:arista/dcs-7050sx-64');
    expect(deviceTypeIdFor('Acme', 'Whatever', 'acme_box_2')).toBe('dt:acme/box-2');
  });

  it('is deterministic and drops accents, collapsing and trimming dashes', () => {
    expect(slugify('  --Bösch & Söhne__GmbH-- ')).toBe('bosch-sohne-gmbh');
    expect(deviceTypeIdFor('Bösch', 'Ü 1')).toBe(deviceTypeIdFor('Bösch', 'Ü 1'));
    expect(deviceTypeIdFor('Bösch', 'Ü 1')).toBe('dt:bosch/u-1');
  });

  it('still gives a non-empty id for names without any ASCII letters', () => {
    expect(deviceTypeIdFor('日本', '型')).toBe('dt:65e5-672c/578b');
  });
});

describe('parseNetboxDeviceTypeYaml field rules', () => {
  it('maps a complete minimal file without warnings', () => {
    const { deviceType, warnings } = expectOk(parse(netbox({ part_number: 'BX-1000', airflow: 'front-to-rear' })));
    expect(deviceType).toEqual({
      id: 'dt:acme/box-1000',
      manufacturer: 'Acme',
      model: 'Box 1000',
      uHeight: 1,
      fullDepth: true,
      weightKg: null,
      powerMaxW: null,
      powerTypicalW: null,
      airflow: 'front-to-rear',
      role: 'other',
      subdeviceRole: null,
      partNumber: 'BX-1000',
      source: 'netbox:Acme/Box-1000.yaml',
    });
    expect(warnings).toEqual([]);
  });

  it.each([
    ['kg', '12.5', 12.5],
    ['g', '700', 0.7],
    ['lb', '10', 4.5359237],
    ['oz', '16', 0.45359237],
    ['LBS', '1', 0.45359237],
  ])('converts a weight in %s to kilograms', (unit, weight, kg) => {
    const { deviceType, warnings } = expectOk(parse(netbox({ weight, weight_unit: unit })));
    expect(deviceType.weightKg).toBeCloseTo(kg, 9);
    expect(warnings).toEqual([]);
  });

  it('assumes kilograms, with a warning, for a weight without a unit', () => {
    const { deviceType, warnings } = expectOk(parse(netbox({ weight: '3' })));
    expect(deviceType.weightKg).toBe(3);
    expect(warnings).toEqual(['weight_unit missing: assumed kg for weight 3 (line 6)']);
  });

  it('leaves the weight empty, with a warning, for an unknown unit', () => {
    const { deviceType, warnings } = expectOk(parse(netbox({ weight: '3', weight_unit: 'stone' })));
    expect(deviceType.weightKg).toBeNull();
    expect(warnings).toEqual([expect.stringMatching(/^weight_unit: unknown unit "stone" .*\(line 7\)$/)]);
  });

  it('leaves the weight empty, with a warning, for a weight that is not a number', () => {
    const { deviceType, warnings } = expectOk(parse(netbox({ weight: 'heavy', weight_unit: 'kg' })));
    expect(deviceType.weightKg).toBeNull();
    expect(warnings).toEqual([expect.stringMatching(/^weight: must be a number, got "heavy"/)]);
  });

  it.each([
    ['0', 0],
    ['0.5', 0.5],
    ['2.0', 2],
    ['"2"', 2],
    ["'1.5'", 1.5],
  ])('accepts u_height %s as %s', (yamlValue, u) => {
    expect(expectOk(parse(netbox({ u_height: yamlValue }))).deviceType.uHeight).toBe(u);
  });

  it('assumes 1U, with a warning, when u_height is missing', () => {
    const { deviceType, warnings } = expectOk(parse(netbox({ u_height: undefined })));
    expect(deviceType.uHeight).toBe(1);
    expect(warnings).toEqual(['u_height missing: assumed 1']);
  });

  it('rejects a u_height that is not a multiple of 0.5, naming the field and line', () => {
    expect(expectErrors(parse(netbox({ u_height: '0.3' }))))
      .toEqual(['u_height: must be a multiple of 0.5 (e.g. 1, 1.5, 2), got 0.3 (line 4)']);
  });

  it('rejects a u_height that is not a number', () => {
    expect(expectErrors(parse(netbox({ u_height: 'abc' })))).toEqual(['u_height: must be a number, got "abc" (line 4)']);
  });

  it('rejects negative and over-tall u_heights', () => {
    expect(expectErrors(parse(netbox({ u_height: '-1' })))).toEqual(['u_height: must be 0 or more, got -1 (line 4)']);
    expect(expectErrors(parse(netbox({ u_height: '101' })))).toEqual(['u_height: must be at most 100 (line 4)']);
  });

  it('rejects a file without a model, naming model', () => {
    expect(expectErrors(parse(netbox({ model: undefined })))).toEqual([expect.stringMatching(/^model: is required/)]);
    expect(expectErrors(parse(netbox({ model: "''" })))).toEqual([expect.stringMatching(/^model: is required.*\(line 2\)$/)]);
  });

  it('rejects a file without a manufacturer and reports every error at once', () => {
    const errors = expectErrors(parse(netbox({ manufacturer: undefined, u_height: 'tall' })));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^manufacturer: is required/);
    expect(errors[1]).toMatch(/^u_height: must be a number, got "tall"/);
  });

  it('turns schema violations into errors that name the NetBox field', () => {
    expect(expectErrors(parse(netbox({ model: 'X'.repeat(130) })))).toEqual(['model: must be at most 120 characters (line 2)']);
  });

  it('keeps the source spelling of a model that YAML would read as a number', () => {
    const { deviceType } = expectOk(parse(netbox({ model: '1.10', slug: undefined })));
    expect(deviceType.model).toBe('1.10');
    expect(deviceType.id).toBe('dt:acme/1-10');
  });

  it('leaves an unknown airflow empty, with a warning', () => {
    const { deviceType, warnings } = expectOk(parse(netbox({ airflow: 'sideways' })));
    expect(deviceType.airflow).toBeNull();
    expect(warnings).toEqual([expect.stringMatching(/^airflow: unknown value "sideways" \(expected one of front-to-rear, .*\); left empty \(line 6\)$/)]);
  });

  it('accepts airflow spelled with capitals, spaces or underscores', () => {
    expect(expectOk(parse(netbox({ airflow: 'Rear To Front' }))).deviceType.airflow).toBe('rear-to-front');
    expect(expectOk(parse(netbox({ airflow: 'bottom_to_top' }))).deviceType.airflow).toBe('bottom-to-top');
  });

  it('assumes full depth, with a warning, when is_full_depth is missing or unusable', () => {
    const missing = expectOk(parse(netbox({ is_full_depth: undefined })));
    expect(missing.deviceType.fullDepth).toBe(true);
    expect(missing.warnings).toEqual(["is_full_depth missing: assumed true (NetBox's default)"]);
    const odd = expectOk(parse(netbox({ is_full_depth: 'maybe' })));
    expect(odd.deviceType.fullDepth).toBe(true);
    expect(odd.warnings).toEqual(['is_full_depth: must be true or false, got "maybe"; assumed true (line 5)']);
    expect(expectOk(parse(netbox({ is_full_depth: 'no' }))).deviceType.fullDepth).toBe(false);
  });

  it('maps subdevice_role and warns about an unknown one', () => {
    expect(expectOk(parse(netbox({ subdevice_role: 'child' }))).deviceType.subdeviceRole).toBe('child');
    const odd = expectOk(parse(netbox({ subdevice_role: 'sibling' })));
    expect(odd.deviceType.subdeviceRole).toBeNull();
    expect(odd.warnings).toEqual([expect.stringMatching(/^subdevice_role: unknown value "sibling"/)]);
  });

  it('sums maximum_draw and allocated_draw over power ports, counting null or missing as absent', () => {
    const text = netbox({}, [
      'power-ports:',
      '  - name: PSU1',
      '    type: iec-60320-c14',
      '    maximum_draw: 100',
      '    allocated_draw: 40',
      '  - name: PSU2',
      '    type: iec-60320-c14',
      '    maximum_draw: "200.5"',
      '    allocated_draw: null',
      '  - name: PSU3',
      '    type: iec-60320-c14',
      '    maximum_draw: 300',
      '    allocated_draw: 60',
      '',
    ].join('\n'));
    const { deviceType, warnings } = expectOk(parse(text));
    expect(deviceType.powerMaxW).toBe(600.5);
    expect(deviceType.powerTypicalW).toBe(100);
    expect(warnings).toEqual(['power-ports: allocated_draw is given for 2 of 3 power ports; the total counts only those (line 7)']);
  });

  it('leaves power empty when no power port gives a draw, or there are no power ports', () => {
    const noDraw = netbox({}, 'power-ports:\n  - name: PSU1\n    type: iec-60320-c14\n    allocated_draw: null\n');
    expect(expectOk(parse(noDraw)).deviceType).toMatchObject({ powerMaxW: null, powerTypicalW: null });
    expect(expectOk(parse(netbox())).deviceType).toMatchObject({ powerMaxW: null, powerTypicalW: null });
  });

  it('warns about, and does not count, a power draw that is not a number', () => {
    const text = netbox({}, 'power-ports:\n  - name: PSU1\n    maximum_draw: lots\n  - name: PSU2\n    maximum_draw: 500\n');
    const { deviceType, warnings } = expectOk(parse(text));
    expect(deviceType.powerMaxW).toBe(500);
    expect(warnings).toContain('power-ports[0].maximum_draw: must be a number of watts (0 or more), got "lots"; not counted (line 8)');
  });

  it('never fails on fields Plenum does not use, however odd they are', () => {
    const text = netbox({ comments: '[a, list]', description: '{ odd: true }', front_image: 'maybe' }, [
      'interfaces: not-a-list',
      'module-bays:',
      '  - name: A',
      'console-ports:',
      '  - 42',
      'power-outlets: {}',
      'something-new: [1, 2, {a: b}]',
      '',
    ].join('\n'));
    const { warnings } = expectOk(parse(text));
    expect(warnings).toEqual([]);
  });

  it('passes on warnings from the YAML parser with their line', () => {
    const { deviceType, warnings } = expectOk(parse(netbox({ model: '!custom Box 2' })));
    expect(deviceType.model).toBe('Box 2');
    expect(warnings).toEqual([expect.stringMatching(/^YAML warning at line 2, column \d+: .*!custom/)]);
  });

  it('lets the last of duplicate keys win, as NetBox does, with a warning', () => {
    const { deviceType, warnings } = expectOk(parse(`${netbox()}u_height: 2\n`));
    expect(deviceType.uHeight).toBe(2);
    expect(warnings).toEqual(['u_height: given twice (lines 4 and 6); the last value is used']);
  });

  it('reads a multi-line quoted value whose lines start in column 0, with a warning', () => {
    const text = netbox({ comments: "'# Title\n\n## Weight: 12 kg\n<https://example.com>  '" });
    const { deviceType, warnings } = expectOk(parse(text));
    expect(deviceType.model).toBe('Box 1000');
    expect(warnings).toEqual([expect.stringMatching(/^comments: the quoted value starting on line 6 continues on lines that are not indented/)]);
  });

  it('does not guess when a quote is genuinely left open', () => {
    const errors = expectErrors(parse("manufacturer: Acme\nmodel: 'Box\nu_height: 1\nis_full_depth: 'x'\n"));
    expect(errors[0]).toMatch(/^YAML syntax error at line \d+, column \d+: /);
  });

  it('rejects invalid YAML with an error that names the line', () => {
    expect(expectErrors(parse('manufacturer: Acme\nmodel: [unclosed\nu_height: 1\n')))
      .toEqual(['YAML syntax error at line 3, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]']);
    expect(expectErrors(parse('manufacturer: Acme\nmodel: Box\n\tu_height: 1\n')))
      .toEqual(['YAML syntax error at line 3, column 1: Tabs are not allowed as indentation']);
  });

  it('rejects a document that is not a mapping', () => {
    expect(expectErrors(parse('- manufacturer: Acme\n- model: Box\n'))).toEqual([expect.stringMatching(/^the document is a list, but .* must be a mapping/)]);
    expect(expectErrors(parse('just some text\n'))).toEqual([expect.stringMatching(/^the document is a single value \("just some text"\)/)]);
    expect(expectErrors(parse(''))).toEqual([expect.stringMatching(/^the file is empty/)]);
    expect(expectErrors(parse('# only a comment\n'))).toEqual([expect.stringMatching(/^the file is empty/)]);
  });

  it('rejects a file holding several YAML documents', () => {
    expect(expectErrors(parse(`${netbox()}---\n${netbox()}`))).toEqual([expect.stringMatching(/^YAML syntax error at line 6, column 1: .*multiple documents/)]);
  });

  it('writes the source with forward slashes', () => {
    const result = expectOk(parseNetboxDeviceTypeYaml(netbox(), 'Acme\\Box 1000.yaml'));
    expect(result.deviceType.source).toBe('netbox:Acme/Box 1000.yaml');
  });
});
