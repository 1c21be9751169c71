import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { looksLikeRackType, parseNetboxRackTypeYaml } from './racktype';

const RACKS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../e2e/fixtures/devicetype-library/rack-types');
const read = (rel: string) => fs.readFileSync(path.join(RACKS, rel), 'utf8');

describe('NetBox rack types', () => {
  it('maps the APC AR3100: 42U, 1070 mm deep, 125 kg empty, 1701 kg load, width assumed 600 mm', () => {
    const r = parseNetboxRackTypeYaml(read('APC/AR3100.yaml'), 'APC/AR3100.yaml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rackType).toMatchObject({ id: 'rt:apc/ar3100', uHeight: 42, widthMm: 600, depthMm: 1070, heightMm: 1991, emptyWeightKg: 125, maxKg: 1701, source: 'netbox:APC/AR3100.yaml' });
    expect(r.warnings).toContain('outer_width missing: assumed 600 mm (a standard 19″ cabinet)');
  });

  it('maps the HPE 10622 G2 with its own outer width', () => {
    const r = parseNetboxRackTypeYaml(read('HPE/10622-G2.yaml'), 'HPE/10622-G2.yaml');
    expect(r.ok && r.rackType).toMatchObject({ uHeight: 22, widthMm: 600, depthMm: 1112, emptyWeightKg: 78.5, maxKg: 1360 });
  });

  it('imports every rack-type fixture and recognises each as a rack type', () => {
    const files = fs.readdirSync(RACKS, { recursive: true }).map(String).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      const text = read(f);
      expect(looksLikeRackType(text), f).toBe(true);
      expect(parseNetboxRackTypeYaml(text, f).ok, f).toBe(true);
    }
  });

  it('converts inches and pounds', () => {
    const r = parseNetboxRackTypeYaml('manufacturer: X\nmodel: Y\nu_height: 42\nouter_width: 24\nouter_depth: 42\nouter_unit: in\nweight: 100\nmax_weight: 3000\nweight_unit: lb\n', 'x.yaml');
    expect(r.ok && r.rackType).toMatchObject({ widthMm: 609.6, depthMm: 1066.8, emptyWeightKg: 45.359, maxKg: 1360.777 });
  });

  it('refuses a rack type without a usable height, naming the field', () => {
    const r = parseNetboxRackTypeYaml('manufacturer: X\nmodel: Y\nu_height: 4.5\n', 'x.yaml');
    expect(r).toEqual({ ok: false, errors: ['u_height: must be a whole number from 1 to 100, got 4.5'] });
  });

  it('does not mistake a device type for a rack type', () => {
    expect(looksLikeRackType('manufacturer: Dell\nmodel: R740\nu_height: 2\nis_full_depth: true\n')).toBe(false);
  });
});
