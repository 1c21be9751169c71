import { runPlenum } from './run-plenum';
import { LATEST_SCHEMA_VERSION } from '../store/migrations';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../services/project-files';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = path.resolve(REPO, 'e2e/fixtures/devicetype-library/device-types');
const PACKAGE_VERSION = (JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

// What the demo project holds (core/demo.ts): counted once from the real CLI output.
const DEMO = { rooms: 2, racks: 30, devices: 763, deviceTypes: 13 };

let templateDir: string;
let demoTemplate: string;
let dir: string;

beforeAll(() => {
  templateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-cli-template-'));
  demoTemplate = path.join(templateDir, 'demo.plenum');
  createProject(demoTemplate, { demo: true }).close();
});

afterAll(() => {
  fs.rmSync(templateDir, { recursive: true, force: true });
});

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-cli-'));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});


/** The real `plenum` command in a child process, with this test's user data. */
const plenum = (...args: string[]) => runPlenum(path.join(dir, 'user-data'), args);

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.length > 0);
}

function sha256(f: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
}

function copyDemo(name = 'demo.plenum'): string {
  const f = path.join(dir, name);
  fs.copyFileSync(demoTemplate, f);
  return f;
}

function countYamlFiles(folder: string): number {
  let n = 0;
  for (const e of fs.readdirSync(folder, { withFileTypes: true })) {
    if (e.isDirectory()) n += countYamlFiles(path.join(folder, e.name));
    else if (/\.ya?ml$/i.test(e.name)) n++;
  }
  return n;
}

async function infoJson(f: string): Promise<Record<string, unknown>> {
  const r = await plenum('info', f, '--json');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('plenum usage', () => {
  it('prints the help with every command and exits 0 for --help', async () => {
    const r = await plenum('--help');
    expect(r.code).toBe(0);
    for (const command of ['plenum new FILE', 'plenum info FILE', 'plenum import FILE INPUT', 'plenum export FILE', 'plenum check FILE', 'plenum capacity FILE', 'plenum serve']) {
      expect(r.stdout).toContain(command);
    }
    expect(r.stderr).toBe('');
  });

  it('prints the package.json version for --version', async () => {
    const r = await plenum('--version');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${PACKAGE_VERSION}\n`);
  });

  it('exits 2 with the usage when run without arguments', async () => {
    const r = await plenum();
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Usage:');
  });

  it('exits 2 for an unknown command with one line on stderr and no stack trace', async () => {
    const r = await plenum('frobnicate', 'x.plenum');
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain('frobnicate');
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stdout).toBe('');
  });
});

describe('plenum new and info', () => {
  it('creates the demo project with --demo, and info --json reports its exact counts', async () => {
    const f = path.join(dir, 'site');
    const created = await plenum('new', f, '--demo');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`${f}.plenum`);
    expect(created.stdout).toContain(`${DEMO.rooms} rooms, ${DEMO.racks} racks, ${DEMO.devices} devices`);

    const info = await infoJson(`${f}.plenum`);
    expect(info).toMatchObject({ file: `${f}.plenum`, name: 'Demo site — Lyon DC1', schemaVersion: LATEST_SCHEMA_VERSION, ...DEMO });
    expect(info.sizeBytes).toBe(fs.statSync(`${f}.plenum`).size);
  });

  it('reports in info --json that the demo import of a new project can be undone', async () => {
    // createProject documents the demo import as the project's first, undoable step.
    const f = copyDemo();
    const info = await infoJson(f);
    expect(info.canUndo).toBe(true);
    expect(info.canRedo).toBe(false);
  });

  it('exits 2 naming the file when info is given a file that does not exist', async () => {
    const f = path.join(dir, 'missing.plenum');
    const r = await plenum('info', f);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain(f);
    expect(fs.existsSync(f)).toBe(false);
  });

  it('exits 2 with one line naming a non-SQLite file, without a stack trace, and leaves the file unchanged', async () => {
    const f = path.join(dir, 'notes.plenum');
    fs.writeFileSync(f, 'shopping list: cables, screws, cage nuts\n'.repeat(5));
    const before = { sha: sha256(f), mtimeMs: fs.statSync(f).mtimeMs };
    const r = await plenum('info', f);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain(f);
    expect(r.stderr).toContain('not a Plenum project');
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect({ sha: sha256(f), mtimeMs: fs.statSync(f).mtimeMs }).toEqual(before);
    expect(fs.readdirSync(dir).sort()).toEqual(['notes.plenum']);
  });

  it('adds the stack trace with --debug', async () => {
    const r = await plenum('info', path.join(dir, 'missing.plenum'), '--debug');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^\s+at .*project-store\.ts/m);
  });
});

describe('plenum export and import', () => {
  it('round-trips: export, import into a new file, export again gives byte-identical output', async () => {
    const src = copyDemo();
    const first = await plenum('export', src, '--format', 'json');
    expect(first.code).toBe(0);
    const doc = JSON.parse(first.stdout) as { format: string; rooms: unknown[]; devices: unknown[] };
    expect(doc.format).toBe('plenum/1');
    expect(doc.rooms).toHaveLength(DEMO.rooms);
    expect(doc.devices).toHaveLength(DEMO.devices);
    const exported = path.join(dir, 'exported.json');
    fs.writeFileSync(exported, first.stdout);

    const target = path.join(dir, 'copy.plenum');
    const imported = await plenum('import', target, exported);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`imported ${DEMO.deviceTypes} device types, ${DEMO.rooms} rooms, ${DEMO.racks} racks, ${DEMO.devices} devices`);

    const second = await plenum('export', target);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
  });

  it('writes the export to a file with -o and nothing to stdout', async () => {
    const src = copyDemo();
    const out = path.join(dir, 'out.json');
    const r = await plenum('export', src, '-o', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(out);
    const written = JSON.parse(fs.readFileSync(out, 'utf8')) as { format: string; racks: unknown[] };
    expect(written.format).toBe('plenum/1');
    expect(written.racks).toHaveLength(DEMO.racks);
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('exits 2 for an unknown export format', async () => {
    const src = copyDemo();
    const r = await plenum('export', src, '--format', 'csv');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('csv');
    expect(r.stdout).toBe('');
  });

  describe('a document with errors', () => {
    const bad = {
      format: 'plenum/1',
      project: { name: 'Broken' },
      deviceTypes: [{ id: 'dt:1u', manufacturer: 'Acme', model: 'One', uHeight: 1, fullDepth: true, weightKg: 1, powerMaxW: 1, powerTypicalW: 1, airflow: null }],
      rooms: [{ id: 'room:a', name: 'A', widthMm: 5000, depthMm: 5000 }],
      racks: [
        { id: 'rack:1', name: 'R1', roomId: 'room:a', xMm: 0, yMm: 0, rotationDeg: 0, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 5, maxKg: 900 },
        { id: 'rack:2', name: 'R2', roomId: 'room:ghost', xMm: 0, yMm: 0, rotationDeg: 0, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 5, maxKg: 900 },
      ],
      devices: [
        { id: 'dev:1', name: 'one', rackId: 'rack:1', typeId: 'dt:1u', position: 7, face: 'front' },
        { id: 'dev:2', name: 'two', rackId: 'rack:1', typeId: 'dt:1u', position: 7, face: 'rear' },
      ],
    };
    const text = JSON.stringify(bad, null, 2) + '\n';
    const lineOf = (needle: string, from = 0) => text.split('\n').findIndex((l, i) => i >= from && l.includes(needle)) + 1;

    function expectIssueLines(stderr: string, input: string): void {
      const roomIdLine = lineOf('"roomId": "room:ghost"');
      const dev2Line = lineOf('"id": "dev:2"');
      const positionLine = lineOf('"position": 7', dev2Line);
      expect(roomIdLine).toBeGreaterThan(0);
      const errLines = lines(stderr);
      expect(errLines).toContain(`${input}:${roomIdLine}: racks[1].roomId: room "room:ghost" does not exist`);
      expect(errLines.some((l) => l.startsWith(`${input}:${positionLine}: devices[1].position: device "dev:2" (two): `) && l.includes('full-depth'))).toBe(true);
      expect(errLines.at(-1)).toContain('not imported (2 error(s))');
      expect(errLines).toHaveLength(3);
    }

    it('exits 1, lists each error as file:line: path: message, and does not create the target', async () => {
      const input = path.join(dir, 'bad.json');
      fs.writeFileSync(input, text);
      const target = path.join(dir, 'new.plenum');
      const r = await plenum('import', target, input);
      expect(r.code).toBe(1);
      expectIssueLines(r.stderr, input);
      expect(fs.readdirSync(dir).filter((n) => n.startsWith('new.plenum'))).toEqual([]);
    });

    it('exits 1 and leaves an existing target project byte-for-byte unchanged', async () => {
      const input = path.join(dir, 'bad.json');
      fs.writeFileSync(input, text);
      const target = copyDemo('existing.plenum');
      const before = sha256(target);
      const r = await plenum('import', target, input);
      expect(r.code).toBe(1);
      expectIssueLines(r.stderr, input);
      expect(sha256(target)).toBe(before);
      expect(await infoJson(target)).toMatchObject(DEMO);
    });
  });

  it('imports the whole devicetype-library fixture folder, every file becoming a device type', async () => {
    const expected = countYamlFiles(FIXTURES);
    expect(expected).toBeGreaterThan(20);
    const target = path.join(dir, 'library.plenum');
    const r = await plenum('import', target, FIXTURES);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`imported ${expected} device type(s) from ${expected} NetBox file(s)`);
    expect(await infoJson(target)).toMatchObject({ deviceTypes: expected, rooms: 0, racks: 0, devices: 0 });
  });

  it('imports the whole library, device types and rack types, from its root folder', async () => {
    const root = path.dirname(FIXTURES);
    const devices = countYamlFiles(FIXTURES);
    const racks = countYamlFiles(path.join(root, 'rack-types'));
    expect(racks).toBeGreaterThanOrEqual(3);
    const target = path.join(dir, 'whole.plenum');
    const r = await plenum('import', target, path.join(root, 'device-types'), path.join(root, 'rack-types'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`imported ${devices} device type(s) and ${racks} rack type(s) from ${devices + racks} NetBox file(s)`);
    const exported = JSON.parse((await plenum('export', target, '--format', 'json')).stdout) as { rackTypes: Array<{ id: string; maxKg: number }> };
    expect(exported.rackTypes.find((t) => t.id === 'rt:apc/ar3100')?.maxKg).toBe(1701);
  });

  it('imports the good files of a folder with one broken YAML, names the broken one and exits 1', async () => {
    const folder = path.join(dir, 'types');
    fs.mkdirSync(folder);
    const good = ['Dell/PowerEdge-R740.yaml', 'Cisco/N9K-C93180YC-EX.yaml', 'NetApp/FAS2750.yaml'];
    for (const rel of good) fs.copyFileSync(path.join(FIXTURES, rel), path.join(folder, path.basename(rel)));
    const broken = path.join(folder, 'Broken-Box.yaml');
    fs.writeFileSync(broken, 'manufacturer: Acme\nmodel: [unclosed\nu_height: 1\n');
    const target = path.join(dir, 'mixed.plenum');

    const r = await plenum('import', target, folder);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(broken);
    expect(lines(r.stderr).filter((l) => l.includes('PowerEdge-R740') || l.includes('FAS2750') || l.includes('N9K-C93180YC'))).toEqual([]);
    expect(r.stdout).toContain(`imported ${good.length} device type(s) from ${good.length + 1} NetBox file(s)`);
    expect(await infoJson(target)).toMatchObject({ deviceTypes: good.length });
  });
});

describe('plenum check and capacity', () => {
  // A small site with a real power chain: utility → UPS-1 → RPP-A / RPP-B → feeds A and B of
  // every rack, 32 A at 230 V single-phase. A02 holds four 500 W dual-corded servers; A01 (only in
  // the "over" project) holds four 3.3 kW GPU nodes, 13.2 kW against a 12 kW budget.
  const types = [
    { id: 'dt:srv', manufacturer: 'Acme', model: 'R2 server', uHeight: 2, fullDepth: true, weightKg: 30, powerMaxW: 800, powerTypicalW: 500, airflow: 'front-to-rear', psuCount: 2 },
    { id: 'dt:gpu', manufacturer: 'Acme', model: 'G4 GPU node', uHeight: 4, fullDepth: true, weightKg: 60, powerMaxW: 4000, powerTypicalW: 3300, airflow: 'front-to-rear', psuCount: 4 },
  ];
  const rack = (id: string, name: string, xMm: number) => ({ id, name, roomId: 'room:1', xMm, yMm: 3000, rotationDeg: 0, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 12, maxKg: 1360 });
  const feed = (rackKey: string, side: 'A' | 'B') => ({
    id: `feed:${rackKey}:${side}`, name: `${rackKey.toUpperCase()}-${side}`, rackId: `rack:${rackKey}`, side, sourceId: `pe:rpp-${side.toLowerCase()}`, breakerA: 32, voltageV: 230, phases: 1,
  });
  const crah = (id: string, xMm: number) => ({ id, name: id.slice(3).toUpperCase(), roomId: 'room:1', kind: 'crah', xMm, yMm: 6500, rotationDeg: 0, widthMm: 1000, depthMm: 800, heightMm: 2000, coolingKw: 30, powerKva: null, weightKg: 500 });

  function site(over: boolean): unknown {
    const racks = [...(over ? [rack('rack:a01', 'A01', 1000)] : []), rack('rack:a02', 'A02', 1600)];
    const devices = [
      ...[1, 3, 5, 7].map((u, i) => ({ id: `dev:s${i}`, name: `A02-srv${i + 1}`, rackId: 'rack:a02', typeId: 'dt:srv', position: u, face: 'front' })),
      ...(over ? [1, 5, 9, 13].map((u, i) => ({ id: `dev:g${i}`, name: `A01-gpu${i + 1}`, rackId: 'rack:a01', typeId: 'dt:gpu', position: u, face: 'front' })) : []),
    ];
    return {
      format: 'plenum/1', project: { name: over ? 'Over budget' : 'Clean' }, deviceTypes: types,
      rooms: [{ id: 'room:1', name: 'Hall 1', widthMm: 10000, depthMm: 8000 }],
      floorEquipment: [crah('fe:crah-1', 5000), crah('fe:crah-2', 8000)],
      racks,
      rows: [{ id: 'row:a', name: 'Row A', roomId: 'room:1', rackIds: racks.map((r) => r.id), orientationDeg: 0, frontAisle: 'cold', containment: 'none' }],
      devices,
      powerElements: [
        { id: 'pe:utility', name: 'Utility', kind: 'utility', upstreamIds: [], voltageV: 400, phases: 3, breakerA: null, ratingKw: null, ratingKva: null },
        { id: 'pe:ups', name: 'UPS-1', kind: 'ups', upstreamIds: ['pe:utility'], voltageV: 400, phases: 3, breakerA: null, ratingKw: 100, ratingKva: 100 },
        { id: 'pe:rpp-a', name: 'RPP-A', kind: 'rpp', upstreamIds: ['pe:ups'], voltageV: 400, phases: 3, breakerA: 125, ratingKw: null, ratingKva: null },
        { id: 'pe:rpp-b', name: 'RPP-B', kind: 'rpp', upstreamIds: ['pe:ups'], voltageV: 400, phases: 3, breakerA: 125, ratingKw: null, ratingKva: null },
      ],
      powerFeeds: [...(over ? [feed('a01', 'A'), feed('a01', 'B')] : []), feed('a02', 'A'), feed('a02', 'B')],
    };
  }

  // Built once through the real CLI import, then copied per test.
  let overTemplate: string;
  let cleanTemplate: string;
  beforeAll(async () => {
    for (const [name, over] of [['over', true], ['clean', false]] as const) {
      const json = path.join(templateDir, `${name}.json`);
      fs.writeFileSync(json, JSON.stringify(site(over), null, 2));
      const target = path.join(templateDir, `${name}.plenum`);
      // `plenum` puts its user data under `dir`, which beforeEach has not set yet.
      dir = templateDir;
      const r = await plenum('import', target, json);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    overTemplate = path.join(templateDir, 'over.plenum');
    cleanTemplate = path.join(templateDir, 'clean.plenum');
  });
  const copy = (template: string) => {
    const f = path.join(dir, path.basename(template));
    fs.copyFileSync(template, f);
    return f;
  };

  // Hand-computed: a 32 A, 230 V single-phase feed carries 230 × 32 × 0.8 (NEC continuous) ×
  // 0.95 (power factor) = 5,593.6 W continuously.
  const FEED_W = 230 * 32 * 0.8 * 0.95;
  // RPP: √3 × 400 V × 125 A × 0.8 × 0.95 = 65,817.9 W; UPS: min(100 kW, 100 kVA × 0.95) = 95 kW.
  const RPP_W = Math.sqrt(3) * 400 * 125 * 0.8 * 0.95;

  it('prints each error with its rule, message and indented hint, then a summary, and exits 1', async () => {
    const f = copy(overTemplate);
    const r = await plenum('check', f);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const out = lines(r.stdout);
    expect(out[0]).toBe('Errors (3)');
    const budget = out.findIndex((l) => l.includes('rack-power-budget'));
    expect(out[budget]).toMatch(/^error +rack-power-budget +Rack A01 draws 13\.2 kW, over its 12\.0 kW power budget \(110 %\)$/);
    expect(out[budget + 1]).toMatch(/^ {9,}Move devices to a rack with headroom/);
    // 13.2 kW of dual-corded load splits 6.6 kW per feed, over the 5.6 kW each feed can carry.
    expect(out.filter((l) => /^error +feed-overload +Feed A01-[AB] of rack A01 carries 6\.6 kW, over its 5\.6 kW/.test(l))).toHaveLength(2);
    expect(out.at(-1)).toBe(`${f}: 3 errors, 0 warnings, 0 info`);
  });

  it('exits 0 with no findings for a clean project', async () => {
    const f = copy(cleanTemplate);
    const r = await plenum('check', f);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${f}: no findings\n`);
  });

  it('keeps only the findings of the --rule options, and the exit code follows what is left', async () => {
    const f = copy(overTemplate);
    const one = await plenum('check', f, '--json', '--rule', 'rack-power-budget');
    expect(one.code).toBe(1);
    const doc = JSON.parse(one.stdout) as { findings: Array<{ rule: string }>; summary: { total: number; errors: number } };
    expect(doc.findings.map((x) => x.rule)).toEqual(['rack-power-budget']);
    expect(doc.summary).toMatchObject({ total: 1, errors: 1 });

    const two = await plenum('check', f, '--json', '--rule', 'rack-power-budget', '--rule', 'feed-overload');
    expect((JSON.parse(two.stdout) as { findings: unknown[] }).findings).toHaveLength(3);

    const none = await plenum('check', f, '--rule', 'rack-weight', '--rule', 'cooling-capacity');
    expect(none.code).toBe(0);
    expect(none.stdout).toBe(`${f}: no findings (rules: rack-weight, cooling-capacity)\n`);
  });

  it('exits 2 for an unknown --rule, naming it and listing the valid rules', async () => {
    const f = copy(overTemplate);
    const r = await plenum('check', f, '--rule', 'rack-colour');
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain('"rack-colour"');
    expect(r.stderr).toContain('rack-power-budget, feed-overload');
    expect(r.stdout).toBe('');
  });

  it('prints exactly {findings, summary} with --json, each finding carrying its rule, severity, entities, message and hint', async () => {
    const f = copy(overTemplate);
    const r = await plenum('check', f, '--json');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { findings: Array<Record<string, unknown>>; summary: Record<string, unknown> };
    expect(Object.keys(doc)).toEqual(['findings', 'summary']);
    expect(doc.summary).toEqual({ total: 3, errors: 3, warnings: 0, infos: 0, byRule: { 'feed-overload': 2, 'rack-power-budget': 1 } });
    const budget = doc.findings.find((x) => x.rule === 'rack-power-budget')!;
    expect(Object.keys(budget).slice(0, 5)).toEqual(['rule', 'severity', 'entities', 'message', 'hint']);
    expect(budget).toMatchObject({ severity: 'error', entities: ['rack:a01'], params: { loadW: 13200, budgetW: 12000, pct: 110 } });
    const feeds = doc.findings.filter((x) => x.rule === 'feed-overload').map((x) => x.entities);
    expect(feeds).toEqual(expect.arrayContaining([['feed:a01:A', 'rack:a01'], ['feed:a01:B', 'rack:a01']]));
  });

  it('opens the project read-only: check and capacity leave its bytes, mtime and folder unchanged', async () => {
    const f = copy(overTemplate);
    const before = { sha: sha256(f), mtimeMs: fs.statSync(f).mtimeMs, files: fs.readdirSync(dir).sort() };
    expect((await plenum('check', f)).code).toBe(1);
    expect((await plenum('check', f, '--json')).code).toBe(1);
    expect((await plenum('capacity', f, '--json')).code).toBe(0);
    expect({ sha: sha256(f), mtimeMs: fs.statSync(f).mtimeMs, files: fs.readdirSync(dir).sort() }).toEqual(before);
  });

  it('exits 2 with the usual one-line error for a file that is not a Plenum project', async () => {
    const f = path.join(dir, 'notes.plenum');
    fs.writeFileSync(f, 'cage nuts\n'.repeat(50));
    for (const command of ['check', 'capacity']) {
      const r = await plenum(command, f);
      expect(r.code).toBe(2);
      expect(lines(r.stderr)).toHaveLength(1);
      expect(r.stderr).toContain(`${f}: not a Plenum project`);
    }
  });

  it('reports capacity with --json as the hand-computed CapacityReport', async () => {
    const f = copy(overTemplate);
    const r = await plenum('capacity', f, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      site: Record<string, number>; rooms: Array<Record<string, unknown>>; rows: Array<Record<string, unknown>>;
      racks: Array<{ name: string; usedU: number; freeU: number; largestFreeU: number; loadW: number; weightKg: number; floorKgM2: number; feeds: Record<string, { capacityW: number; normalW: number; failoverW: number }> }>;
      zones: Array<Record<string, unknown>>; elements: Array<{ name: string; capacityW: number | null; normalW: number; worstW: number; worstCause: string | null }>;
      upsGroups: Array<Record<string, unknown>>;
    };
    // 4 × 3.3 kW + 4 × 0.5 kW; 4 × 4U + 4 × 2U of 2 × 42U; 4 × 60 kg + 4 × 30 kg.
    expect(report.site).toMatchObject({ racks: 2, devices: 8, uHeight: 84, usedU: 24, freeU: 60, largestFreeU: 34, loadW: 15_200, budgetW: 24_000, weightKg: 360, maxKg: 2720 });
    expect(report.rooms).toEqual([expect.objectContaining({ name: 'Hall 1', loadW: 15_200, heatW: expect.closeTo(15_200 * 1.1, 6), coolingCapacityW: 60_000 })]);
    expect(report.rows).toEqual([expect.objectContaining({ name: 'Row A', racks: 2, loadW: 15_200 })]);
    const a01 = report.racks.find((k) => k.name === 'A01')!;
    expect(a01).toMatchObject({ usedU: 16, freeU: 26, largestFreeU: 26, loadW: 13_200, weightKg: 240 });
    // 240 kg over 0.6 m × (1.2 m + ½ × 1.2 m of service area) = 1.08 m².
    expect(a01.floorKgM2).toBeCloseTo(240 / 1.08, 6);
    expect(a01.feeds.A!.capacityW).toBeCloseTo(FEED_W, 6);
    expect(a01.feeds.A).toMatchObject({ normalW: 6600, failoverW: 13_200 });
    expect(report.zones).toEqual([expect.objectContaining({ itLoadW: 15_200, capacityW: 60_000, largestUnitW: 30_000, verdict: 'N+1' })]);
    const el = Object.fromEntries(report.elements.map((e) => [e.name, e]));
    expect(el['UPS-1']).toMatchObject({ capacityW: 95_000, normalW: 15_200, worstW: 15_200, worstCause: null });
    expect(el['RPP-A']!.capacityW).toBeCloseTo(RPP_W, 6);
    // Each RPP carries half of the dual-corded load, and all of it when the other RPP fails.
    expect(el['RPP-A']).toMatchObject({ normalW: 7600, worstW: 15_200, worstCause: 'pe:rpp-b' });
    expect(report.upsGroups).toEqual([expect.objectContaining({ group: 'UPS-1', designed: 'N', achieved: 'N', loadW: 15_200, capacitiesW: [95_000] })]);
  });

  it('prints capacity as aligned tables in kW and kg', async () => {
    const f = copy(overTemplate);
    const r = await plenum('capacity', f);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.stdout.split('\n');
    expect(out[0]).toBe(`${f}: 2 racks, 8 devices; 24 of 84 U used; 15.2 kW of 24.0 kW budget (63 %); 360 kg`);
    for (const title of ['Rooms', 'Rows', 'Racks', 'Rack feeds', 'Cooling zones', 'Power elements', 'UPS groups']) expect(out.some((l) => l.startsWith(title))).toBe(true);
    const header = out.find((l) => l.trimStart().startsWith('Rack  '))!;
    const a01 = out.find((l) => l.trimStart().startsWith('A01 '))!;
    // Right-aligned numbers end where their header ends.
    const end = (line: string, text: string) => line.indexOf(text) + text.length;
    expect(end(a01, '13.2')).toBe(end(header, 'Load kW'));
    expect(end(a01, '110 %')).toBe(end(header, '% budget'));
    expect(a01).toMatch(/A01 +Hall 1 +16 +26 +26 +13\.2 +12\.0 +110 % +240 +1360 +222 +1224$/);
    expect(out.find((l) => l.trimStart().startsWith('RPP-A '))).toMatch(/RPP-A +rpp +65\.8 +7\.6 +12 % +15\.2 +23 % +RPP-B$/);
    expect(out.find((l) => l.trimStart().startsWith('UPS-1 ') && l.includes('ups'))).toMatch(/UPS-1 +ups +95\.0 +15\.2 +16 % +15\.2 +16 % +—$/);
    expect(out.some((l) => /^ +UPS-1 +UPS-1 +15\.2 +95\.0 +N +N$/.test(l))).toBe(true);
    expect(out.some((l) => /^ +Hall 1 +2 +15\.2 +16\.7 +60\.0 +30\.0 +28 % +2 +N\+1$/.test(l))).toBe(true);
  });
});

describe('plenum template lint', () => {
  it('passes every built-in template with exit code 0', async () => {
    const dirOf = path.join(REPO, 'assets', 'templates');
    const files = fs.readdirSync(dirOf).filter((f) => f.endsWith('.yaml')).map((f) => path.join(dirOf, f));
    expect(files.length).toBeGreaterThanOrEqual(8);
    const r = await plenum('template', 'lint', ...files);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('reports a broken template with file, line and column, and exits 1', async () => {
    const f = path.join(dir, 'broken.yaml');
    fs.writeFileSync(f, [
      'id: broken', 'version: 1', 'title: Broken', 'level: L3', 'appliesTo: [{kind: rack}]', 'sections:', '  - id: main', '    title: Main', '    items:',
      '      - {id: a, type: check, label: A}', '      - {id: b, type: check, label: B, visibleIf: "status(missing_item) == \'pass\'"}', '',
    ].join('\n'));
    const r = await plenum('template', 'lint', f);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:11:\\d+: error: .*missing_item`, 'm'));
  });

  it('refuses an unknown template subcommand with exit code 2', async () => {
    const r = await plenum('template', 'frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown template command "frobnicate"/);
  });
});
