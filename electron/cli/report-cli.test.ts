/**
 * `plenum report` and the data formats of `plenum export`, run as child processes on the demo
 * project. The PDF is read back with pdftotext (poppler-utils): rack names, totals, the finding
 * and page numbers must be in it. Skipped only where no Chromium is installed.
 */
import { runPlenum } from './run-plenum';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject } from '../services/project-files';
import { findBrowser } from '../report/pdf';
import { buildCxDemo } from '../report/cx-fixture';
import { buildOpsFixture } from '../report/ops-fixture';


let dir: string;
let demo: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-report-cli-'));
  demo = path.join(dir, 'demo.plenum');
  createProject(demo, { demo: true }).close();
  // The rooms' 3D views come from the renderer's snapshot page: built here from the sources, on
  // its own, and handed to the child processes (PLENUM_RENDERER_DIR), so the tests neither build
  // nor depend on the shared out/renderer.
  const rendererDir = path.join(dir, 'renderer');
  const vite = await import('vite');
  const { default: config, rendererInputs } = await import('../../renderer/vite.config');
  await vite.build({ ...config, configFile: false, logLevel: 'error', build: { ...config.build, outDir: rendererDir, emptyOutDir: true, rolldownOptions: { input: { snapshot3d: rendererInputs.snapshot3d } } } });
  process.env.PLENUM_RENDERER_DIR = rendererDir;
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The real `plenum` command in a child process, with this test's user data. */
const plenum = (...args: string[]) => runPlenum(path.join(dir, 'user-data'), args);

const hasBrowser = (() => {
  try {
    findBrowser();
    return true;
  } catch {
    return false;
  }
})();
const hasPdftotext = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).status === 0;

describe('plenum report', () => {
  it.skipIf(!hasBrowser || !hasPdftotext)('writes a PDF with the rack names, totals, findings and page numbers', async () => {
    const out = path.join(dir, 'design.pdf');
    const r = await plenum('report', demo, '--kind', 'design', '--revision', 'B', '--author', 'Ana Martin', '-o', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^Wrote .*design\.pdf \((\d+) pages\)/);
    const pages = Number(/\((\d+) pages\)/.exec(r.stderr)![1]);
    const text = spawnSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' }).stdout;
    for (const rack of ['A01', 'B10', 'C06', 'N01']) expect(text).toContain(rack);
    // Site totals (demo: 30 racks, 763 devices, 114.6 kW) and the demo's one error.
    expect(text).toMatch(/Total\s+30\s+763\s+948\s+312\s+114\.6/);
    expect(text).toContain('Rack C06 has no feed B');
    expect(text).toContain('Ana Martin');
    expect(text).toContain(`Page 3 of ${pages}`);
    expect(text).toContain('Sign-off');
    // The contents give each section's real page: the page whose text starts with its heading.
    const toc = spawnSync('pdftotext', ['-layout', '-f', '2', '-l', '2', out, '-'], { encoding: 'utf8' }).stdout;
    for (const heading of ['Bill of materials', 'Design findings', 'Sign-off']) {
      const listed = Number(new RegExp(`${heading}\\s+(\\d+)`).exec(toc)?.[1]);
      const page = spawnSync('pdftotext', ['-f', String(listed), '-l', String(listed), out, '-'], { encoding: 'utf8' }).stdout;
      expect(page.split('\n').filter((l) => l.trim() !== '')[2], heading).toBe(heading);
    }
    // The revision history: the demo's one step, with the app's command label.
    expect(text).toMatch(/Import plenum\/1\s+2 rooms, 30 racks, 763 devices/);
  }, 60_000);

  it.skipIf(!hasBrowser || !hasPdftotext)('prints in French on Letter paper for one room', async () => {
    const out = path.join(dir, 'fr.pdf');
    const r = await plenum('report', demo, '--kind', 'design', '--lang', 'fr', '--paper', 'letter', '--room', 'Network Room', '-o', out);
    expect(r.code, r.stderr).toBe(0);
    const info = spawnSync('pdfinfo', [out], { encoding: 'utf8' }).stdout;
    expect(info).toMatch(/Page size:\s+612(\.\d+)? x 792(\.\d+)? pts \(letter\)/);
    const text = spawnSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('Rapport de conception');
    expect(text).toContain('Nomenclature');
    expect(text).toMatch(/Page 1 sur \d+/);
    expect(text).toContain('N01');
    expect(text).not.toContain('A01');
  }, 60_000);

  it('writes self-contained HTML: no http(s) resources', async () => {
    const out = path.join(dir, 'design.html');
    const r = await plenum('report', demo, '--kind', 'design', '-o', out);
    expect(r.code, r.stderr).toBe(0);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toContain('A01');
    const fetched = [...html.matchAll(/\b(?:src|href)\s*=\s*"([^"]*)"|url\(\s*['"]?([^'")]*)/g)].map((m) => m[1] ?? m[2] ?? '');
    expect(fetched.filter((u) => /^(https?:)?\/\//i.test(u))).toEqual([]);
    expect(html).not.toMatch(/<(script|link|iframe)\b/i);
    // The rooms' 3D views are in it, as data URLs.
    expect(html.match(/<img [^>]*src="data:image\/png;base64,/g)).toHaveLength(2);
  }, 120_000);

  it.skipIf(!hasBrowser)('puts a 3D view of each room in the report, and none with --no-3d', async () => {
    const out = path.join(dir, '3d.html');
    const r = await plenum('report', demo, '--kind', 'design', '-o', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('Warning');
    const html = fs.readFileSync(out, 'utf8');
    expect(html.match(/<figure class="view3d" id="view3d-[\w-]+"><h3>3D view<\/h3><img [^>]*src="data:image\/png;base64,/g)).toHaveLength(2);
    expect(html).toContain('3D view of room Network Room, seen from above the upper right corner of the plan.');
    const none = path.join(dir, 'no-3d.html');
    const r2 = await plenum('report', demo, '--kind', 'design', '--no-3d', '-o', none);
    expect(r2.code, r2.stderr).toBe(0);
    expect(r2.stderr).not.toContain('Warning');
    expect(fs.readFileSync(none, 'utf8')).not.toContain('<figure class="view3d"');
  }, 120_000);

  it('warns on stderr and writes the report without 3D views when they cannot be drawn', async () => {
    const out = path.join(dir, 'no-browser.html');
    const built = process.env.PLENUM_RENDERER_DIR;
    process.env.PLENUM_RENDERER_DIR = path.join(dir, 'nowhere');
    const r = await plenum('report', demo, '--kind', 'design', '-o', out).finally(() => {
      process.env.PLENUM_RENDERER_DIR = built;
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^Warning: 3D views left out of the report: (the 3D snapshot page is not built: .*nowhere.* is missing|3D pictures need Chrome, Chromium or Edge.*)$/m);
    expect(fs.readFileSync(out, 'utf8')).not.toContain('<figure class="view3d"');
  });

  it('embeds a logo as a data URL', async () => {
    const logo = path.join(dir, 'logo.png');
    // A 1×1 PNG.
    fs.writeFileSync(logo, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));
    const out = path.join(dir, 'logo.html');
    const r = await plenum('report', demo, '--kind', 'design', '--logo', logo, '--no-3d', '-o', out);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('<img class="logo" alt="" src="data:image/png;base64,iVBORw0KGgo');
  });

  it('explains usage errors with exit code 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['report', demo, '-o', 'x.pdf'], /--kind is required/],
      [['report', demo, '--kind', 'netbox', '-o', 'x.pdf'], /--kind must be one of design, cx/],
      [['report', demo, '--kind', 'design'], /-o OUT is required/],
      [['report', demo, '--kind', 'design', '--paper', 'a3', '-o', 'x.pdf'], /--paper must be one of a4, letter/],
      [['report', demo, '--kind', 'design', '--room', 'Nope', '-o', path.join(dir, 'x.html')], /no room "Nope" \(rooms: Data Hall 1, Network Room\)/],
      [['export', demo, '--format', 'pdf'], /unknown export format "pdf" \(available: json, csv, xlsx, netbox\)/],
      [['export', demo, '--format', 'csv'], /give the folder with -o DIR/],
    ];
    for (const [args, message] of cases) {
      const r = await plenum(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});

describe('plenum report --kind cx', () => {
  let cx: string;
  let built: ReturnType<typeof buildCxDemo>;
  beforeAll(() => {
    cx = path.join(dir, 'cx.plenum');
    built = buildCxDemo(cx);
  });

  it.skipIf(!hasBrowser || !hasPdftotext)('writes the commissioning report as a PDF', async () => {
    const out = path.join(dir, 'cx.pdf');
    const r = await plenum('report', cx, '--kind', 'cx', '--revision', 'C', '--author', 'Claire Dubois', '-o', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^Wrote .*cx\.pdf \((\d+) pages\)/);
    const text = spawnSync('pdftotext', [out, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    expect(text).toContain('Commissioning report');
    expect(text).toContain(`${built.failRack} L3 · Rack installation v1`);
    expect(text).toContain('184.2 mΩ');
    expect(text).toContain(built.criticalIssueTitle);
    expect(text).toMatch(/Commissioning is not complete: \d+ of \d+ checklists complete/);
  }, 120_000);

  it('writes HTML for one room, and a project without checklists says so', async () => {
    const out = path.join(dir, 'cx.html');
    const r = await plenum('report', cx, '--kind', 'cx', '--room', 'data hall 1', '--lang', 'fr', '-o', out);
    expect(r.code, r.stderr).toBe(0);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toContain('Rapport de mise en service');
    expect(html).toContain('184,2\u00a0mΩ');
    const none = path.join(dir, 'none.html');
    const r2 = await plenum('report', demo, '--kind', 'cx', '-o', none);
    expect(r2.code, r2.stderr).toBe(0);
    expect(fs.readFileSync(none, 'utf8')).toContain('This project has no commissioning checklists yet.');
  });

  it('refuses an unknown room with the list of rooms', async () => {
    const r = await plenum('report', cx, '--kind', 'cx', '--room', 'Nope', '-o', path.join(dir, 'x.html'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no room "Nope" \(rooms: Data Hall 1, Network Room\)/);
  });
});

describe('plenum report --kind ops', () => {
  let ops: string;
  beforeAll(() => {
    ops = path.join(dir, 'ops.plenum');
    buildOpsFixture(ops);
  });

  it.skipIf(!hasBrowser || !hasPdftotext)('writes the operations report as a PDF with the sensors, the overdue item and the licence', async () => {
    const out = path.join(dir, 'ops.pdf');
    // Judged at the end of --date (the run's clock is later): the fixture's overdue items hold.
    const r = await plenum('report', ops, '--kind', 'ops', '--date', '2026-11-25', '-o', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^Wrote .*ops\.pdf \((\d+) pages\)/);
    const text = spawnSync('pdftotext', [out, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    expect(text).toContain('Operations report');
    for (const sensor of ['HA-INLET-01', 'HA-ROOM', 'HB-SUPPLY']) expect(text).toContain(sensor);
    expect(text).toContain('UPS quarterly PM on UPS-1: overdue since 2026-10-10');
    expect(text).toContain('Acme Backup Suite: 5 assigned, 2 owned (3 over; counted per socket)');
    expect(text).toContain('Period 2026-08-28 to 2026-11-25');
  }, 120_000);

  it('writes HTML for --since / --until, in French', async () => {
    const out = path.join(dir, 'ops.html');
    const r = await plenum('report', ops, '--kind', 'ops', '--since', '2026-11-18', '--until', '2026-11-18', '--lang', 'fr', '-o', out);
    expect(r.code, r.stderr).toBe(0);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toContain('Rapport d’exploitation');
    expect(html).toContain('du 2026-11-18 au 2026-11-18');
    expect(html.match(/<td class="n">48<\/td>/g)).toHaveLength(3);
  });

  it('explains a bad period with exit code 2', async () => {
    for (const [args, message] of [
      [['--kind', 'ops', '--since', '18/11/2026'], /--since must be a date YYYY-MM-DD, got "18\/11\/2026"/],
      [['--kind', 'ops', '--since', '2026-11-20', '--until', '2026-11-01'], /--since \(2026-11-20\) is after --until \(2026-11-01\)/],
      [['--kind', 'design', '--since', '2026-11-01'], /--since is for --kind ops/],
    ] as const) {
      const r = await plenum('report', ops, ...args, '-o', path.join(dir, 'x.html'));
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});

describe('plenum export (data formats)', () => {
  it('writes CSV, XLSX and NetBox files, and json still works', async () => {
    for (const format of ['csv', 'xlsx', 'netbox']) {
      const out = path.join(dir, `export-${format}`);
      const r = await plenum('export', demo, '--format', format, '-o', out);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/^Wrote \d+ files? to /);
    }
    expect(fs.readdirSync(path.join(dir, 'export-csv')).sort()).toEqual(['bom.csv', 'devices.csv', 'racks.csv']);
    expect(fs.readdirSync(path.join(dir, 'export-xlsx'))).toEqual(['plenum.xlsx']);
    expect(fs.readdirSync(path.join(dir, 'export-netbox')).sort()).toEqual(['01-sites.csv', '02-locations.csv', '03-racks.csv', '04-devices.csv', 'device-types']);
    const json = await plenum('export', demo, '--format', 'json');
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { format: string }).format).toBe('plenum/1');
  });
});
