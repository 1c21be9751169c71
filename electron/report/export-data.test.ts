/**
 * Data exports written to disk and read back: CSV parsed and compared with the project, the XLSX
 * unzipped and its XML checked (and opened with openpyxl when python3 has it), NetBox files with
 * NetBox's exact headers and device types the NetBox importer reads back.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSnapshot } from '../../core/model/schema';
import { parseNetboxDeviceTypeYaml } from '../../core/netbox/devicetype';
import { createProject } from '../services/project-files';
import { cxStatus } from '../cli/cx';
import { buildCxDemo, type CxDemo } from './cx-fixture';
import { exportData } from './export-data';
import { ProjectStore } from '../store/project-store';
import { columnName } from './xlsx';

let dir: string;
let snap: DocumentSnapshot;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-export-'));
  const store = createProject(path.join(dir, 'demo.plenum'), { demo: true });
  snap = store.snapshot();
  store.close();
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A small RFC 4180 parser (quoted fields, doubled quotes, CRLF), independent of the writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; } else field += c;
  }
  return rows;
}

describe('CSV export', () => {
  it('writes racks, devices and the BOM, which read back to the project', () => {
    const out = path.join(dir, 'csv');
    expect(exportData(snap, 'csv', out).sort()).toEqual(['bom.csv', 'devices.csv', 'racks.csv']);
    const racks = parseCsv(fs.readFileSync(path.join(out, 'racks.csv'), 'utf8'));
    expect(racks[0]!.slice(0, 3)).toEqual(['id', 'name', 'room']);
    expect(racks.length - 1).toBe(Object.keys(snap.racks).length);
    for (const r of racks.slice(1)) {
      const rack = snap.racks[r[0]!]!;
      expect(r[1]).toBe(rack.name);
      expect(Number(r[8])).toBe(rack.uHeight);
    }
    const devices = parseCsv(fs.readFileSync(path.join(out, 'devices.csv'), 'utf8'));
    expect(new Set(devices.slice(1).map((d) => d[0]))).toEqual(new Set(Object.keys(snap.devices)));
    const bom = parseCsv(fs.readFileSync(path.join(out, 'bom.csv'), 'utf8'));
    expect(bom.slice(1).reduce((n, l) => n + Number(l[4]), 0)).toBe(Object.keys(snap.devices).length);
  });
});

describe('XLSX export', () => {
  it('is a valid OOXML package with one sheet per table and numbers as numbers', () => {
    const out = path.join(dir, 'xlsx');
    exportData(snap, 'xlsx', out);
    const zip = unzipSync(fs.readFileSync(path.join(out, 'plenum.xlsx')));
    expect(Object.keys(zip).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet3.xml']);
    const workbook = strFromU8(zip['xl/workbook.xml']!);
    expect([...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1])).toEqual(['racks', 'devices', 'bom']);
    const sheet = strFromU8(zip['xl/worksheets/sheet1.xml']!);
    const rows = sheet.match(/<row /g)!.length;
    expect(rows).toBe(Object.keys(snap.racks).length + 1);
    // Header row is bold text; u_height (column I) of row 2 is a numeric cell.
    expect(sheet).toMatch(/<c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">id<\/t>/);
    expect(sheet).toMatch(/<c r="I2"><v>42<\/v><\/c>/);
    for (const part of Object.values(zip)) expect(strFromU8(part)).toMatch(/^<\?xml version="1.0" encoding="UTF-8" standalone="yes"\?>/);
  });

  it('names columns past Z', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });

  // The first python3 that has openpyxl (Debian's python3-openpyxl, installed by .ci/run, lives in /usr/bin).
  const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0);
  const hasOpenpyxl = python !== undefined;
  if (!hasOpenpyxl) console.warn('XLSX check with openpyxl skipped: python3 with openpyxl is not available');
  it.skipIf(!hasOpenpyxl)('opens in openpyxl with the same cells', () => {
    const file = path.join(dir, 'xlsx', 'plenum.xlsx');
    const r = spawnSync(python!, ['-c', 'import sys,openpyxl,json;wb=openpyxl.load_workbook(sys.argv[1]);ws=wb["racks"];print(json.dumps([wb.sheetnames,ws.max_row,ws["I2"].value]))', file], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([['racks', 'devices', 'bom'], Object.keys(snap.racks).length + 1, 42]);
  });
});

describe('commissioning tables', () => {
  let cx: DocumentSnapshot;
  let demo: CxDemo;
  beforeAll(() => {
    const file = path.join(dir, 'cx.plenum');
    demo = buildCxDemo(file);
    const store = ProjectStore.open(file, { readOnly: true });
    cx = store.snapshot();
    store.close();
  });
  const today = new Date().toISOString().slice(0, 10);

  it('writes checklists, readings and issues CSVs that read back to the project', () => {
    const out = path.join(dir, 'cx-csv');
    expect(exportData(cx, 'csv', out).sort()).toEqual(['bom.csv', 'checklists.csv', 'devices.csv', 'issues.csv', 'racks.csv', 'readings.csv']);
    const read = (f: string) => {
      const [header, ...rows] = parseCsv(fs.readFileSync(path.join(out, f), 'utf8'));
      return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
    };
    // Checklists: one per instance; the counts agree with `plenum cx status` (an independent roll-up).
    const checklists = read('checklists.csv');
    expect(new Set(checklists.map((c) => c.id))).toEqual(new Set(Object.keys(cx.cxInstances)));
    const status = cxStatus('cx.plenum', cx, today);
    const sum = (k: string) => checklists.reduce((n, c) => n + Number(c[k]), 0);
    expect([sum('required'), sum('answered'), sum('passed'), sum('failed'), sum('na')]).toEqual([status.totals.required, status.totals.requiredAnswered, status.totals.passed, status.totals.failed, status.totals.na]);
    expect(checklists.filter((c) => c.complete === 'yes')).toHaveLength(status.totals.complete);
    expect(checklists.filter((c) => c.signature_valid === 'yes')).toHaveLength(status.levels.reduce((n, l) => n + l.signed, 0));
    for (const c of checklists) {
      const inst = cx.cxInstances[c.id!]!;
      expect([c.level, c.asset_kind, c.asset_id, c.asset, c.template, Number(c.version)]).toEqual([inst.level, inst.assetKind, inst.assetId, cx.racks[inst.assetId]!.name, inst.templateId, inst.templateVersion]);
    }
    const invalidated = checklists.find((c) => c.asset === demo.invalidatedRack && c.level === 'L3')!;
    expect([invalidated.signed_by, invalidated.signature_valid]).toEqual(['Claire Dubois', 'no']);

    // Readings: every answer; a table answer is one row per answered cell.
    const readings = read('readings.csv');
    const expected = Object.values(cx.cxAnswers).reduce((n, a) => n + (a.rowKey ? Object.values(a.value as object).filter((v) => v !== null).length : 1), 0);
    expect(readings).toHaveLength(expected);
    const bonding = readings.find((r) => r.asset === demo.failRack && r.item_id === 'bonding_resistance')!;
    expect(bonding).toMatchObject({ level: 'L3', section: 'Bonding and grounding', type: 'numeric', value: '184.2', unit: 'mΩ', status: 'fail', note: 'Paint not removed under the bonding lug', photos: '1', author: 'Marc Petit' });
    expect(readings.find((r) => r.asset === demo.signedRack && r.item_id === 'feed_table.feed_a.voltage_v')).toMatchObject({ value: '231.4', unit: 'V' });

    // Issues: every issue, with its state.
    const issues = read('issues.csv');
    expect(new Set(issues.map((i) => i.id))).toEqual(new Set(Object.keys(cx.cxIssues)));
    for (const i of issues) {
      const issue = cx.cxIssues[i.id!]!;
      expect([i.title, i.severity, i.status, i.owner, i.assignee || undefined, i.due || undefined]).toEqual([issue.title, issue.severity, issue.status, issue.owner, issue.assignee, issue.dueDate]);
    }
    const critical = issues.find((i) => i.title === demo.criticalIssueTitle)!;
    expect(critical).toMatchObject({ severity: 'critical', status: 'in-progress', overdue: 'yes', asset: demo.failRack, item: demo.criticalIssueTitle, cause: 'Lug fitted on a painted surface' });
    const closed = issues.find((i) => i.title === demo.closedIssueTitle && i.status === 'closed')!;
    expect(closed.resolved_at).not.toBe('');
    expect(closed.closed_at).not.toBe('');
    expect(closed.overdue).toBe('no');
  });

  it('adds the three sheets to the XLSX, numbers as numbers', () => {
    const out = path.join(dir, 'cx-xlsx');
    exportData(cx, 'xlsx', out);
    const zip = unzipSync(fs.readFileSync(path.join(out, 'plenum.xlsx')));
    const workbook = strFromU8(zip['xl/workbook.xml']!);
    expect([...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1])).toEqual(['racks', 'devices', 'bom', 'checklists', 'readings', 'issues']);
    const checklists = strFromU8(zip['xl/worksheets/sheet4.xml']!);
    expect(checklists.match(/<row /g)!.length).toBe(Object.keys(cx.cxInstances).length + 1);
    expect(strFromU8(zip['xl/worksheets/sheet5.xml']!)).toMatch(/<v>184\.2<\/v>/);
    const issues = strFromU8(zip['xl/worksheets/sheet6.xml']!);
    expect(issues.match(/<row /g)!.length).toBe(Object.keys(cx.cxIssues).length + 1);
    expect(issues).toContain(demo.manualIssueTitle);
  });
});

describe('NetBox export', () => {
  it("writes NetBox's import headers and device types the importer reads back", () => {
    const out = path.join(dir, 'netbox');
    const files = exportData(snap, 'netbox', out);
    const header = (f: string) => fs.readFileSync(path.join(out, f), 'utf8').split('\r\n')[0];
    expect(header('01-sites.csv')).toBe('name,slug,status,physical_address,description');
    expect(header('02-locations.csv')).toBe('site,name,slug,status,description');
    expect(header('03-racks.csv')).toBe('site,location,name,status,form_factor,width,u_height,outer_width,outer_depth,outer_unit,weight,max_weight,weight_unit,description');
    expect(header('04-devices.csv')).toBe('name,role,manufacturer,device_type,status,site,location,rack,position,face,parent,device_bay,airflow');
    const devices = parseCsv(fs.readFileSync(path.join(out, '04-devices.csv'), 'utf8'));
    expect(devices.length - 1).toBe(Object.keys(snap.devices).length);
    const yamls = files.filter((f) => f.endsWith('.yaml'));
    const used = new Set(Object.values(snap.devices).map((d) => d.typeId));
    expect(yamls).toHaveLength(used.size);
    for (const f of yamls) {
      const parsed = parseNetboxDeviceTypeYaml(fs.readFileSync(path.join(out, f), 'utf8'), f.replace(/^device-types\//, ''));
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) continue;
      const original = Object.values(snap.deviceTypes).find((t) => t.manufacturer === parsed.deviceType.manufacturer && t.model === parsed.deviceType.model)!;
      expect(parsed.deviceType.uHeight).toBe(original.uHeight);
      expect(parsed.deviceType.weightKg).toBe(original.weightKg);
    }
  });

  it('stops when cancelled', () => {
    const ac = new AbortController();
    ac.abort();
    expect(() => exportData(snap, 'netbox', path.join(dir, 'cancelled'), { signal: ac.signal })).toThrow();
    expect(fs.readdirSync(path.join(dir, 'cancelled'))).toEqual([]);
  });
});
