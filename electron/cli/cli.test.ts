import { LATEST_SCHEMA_VERSION } from '../store/migrations';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../services/project-files';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(REPO, 'bin', 'plenum.mjs');
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

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `plenum` command as a child process. */
function plenum(...args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, PLENUM_USER_DATA: path.join(dir, 'user-data'), PLENUM_NO_PROGRESS: '1', NO_COLOR: '1' };
  delete env.NODE_OPTIONS;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

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
    for (const command of ['plenum new FILE', 'plenum info FILE', 'plenum import FILE INPUT', 'plenum export FILE', 'plenum serve']) {
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
      expect(errLines.some((l) => l.startsWith(`${input}:${positionLine}: devices[1].position: two: `) && l.includes('full-depth'))).toBe(true);
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
