/**
 * The operations report from a real project file (electron/report/ops-fixture.ts: real commands,
 * readings imported through the CSV parser): the HTML reads the readings from the file, and the
 * PDF printed by headless Chromium is read back with pdftotext / pdfinfo. Skipped only where no
 * Chromium or poppler is installed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectStore } from '../store/project-store';
import { buildOpsFixture, OPS_FIXTURE_DATE, OPS_FIXTURE_NOW, type OpsFixture } from './ops-fixture';
import { opsReport, renderOpsReport } from './ops-report';
import { findBrowser } from './pdf';

let dir: string;
let file: string;
let fx: OpsFixture;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-ops-report-'));
  file = path.join(dir, 'ops.plenum');
  fx = buildOpsFixture(file);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const hasBrowser = (() => {
  try {
    findBrowser();
    return true;
  } catch {
    return false;
  }
})();
const hasPoppler = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).status === 0;
const text = (pdf: string, ...args: string[]) => spawnSync('pdftotext', [...args, pdf, '-'], { encoding: 'utf8' }).stdout;
/** pdftotext without layout, whitespace folded: wrapped sentences read as one line. */
const flat = (pdf: string) => text(pdf).replace(/\s+/g, ' ');
const pageCount = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout)![1]);

describe('operations report from a project file', () => {
  it('reads each sensor’s readings from the file for the period only', async () => {
    const html = new TextDecoder().decode(await opsReport({ file, format: 'html', date: OPS_FIXTURE_DATE, nowMs: OPS_FIXTURE_NOW, since: '2026-11-18', until: '2026-11-18' }));
    // One day of half-hourly readings per sensor, and that day's excursion only.
    expect(html.match(/<td class="n">48<\/td>/g)).toHaveLength(3);
    expect(html).toContain('HB-SUPPLY: outside the allowable envelope from 2026-11-18 03:00 UTC');
    expect(html).not.toContain('HA-INLET-01: outside the recommended envelope');
    // One day: hourly buckets.
    expect(html).toContain('48 readings, 24 points');
  });

  it('refuses a bad period and an unknown room with the right error codes', async () => {
    const store = ProjectStore.open(file, { readOnly: true });
    const snap = store.snapshot();
    store.close();
    await expect(renderOpsReport(snap, { format: 'html', since: '2026-13-01' })).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/--since must be a date/) });
    await expect(renderOpsReport(snap, { format: 'html', since: '2026-11-20', until: '2026-11-01' })).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/starts \(2026-11-20\) after it ends/) });
    await expect(renderOpsReport(snap, { format: 'html', room: 'Nowhere' })).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/no room "Nowhere"/) });
    const ac = new AbortController();
    ac.abort();
    await expect(renderOpsReport(snap, { format: 'html', signal: ac.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('passes the readings of one room only with --room', async () => {
    const seen: string[] = [];
    const store = ProjectStore.open(file, { readOnly: true });
    try {
      const snap = store.snapshot();
      const html = new TextDecoder().decode(await renderOpsReport(snap, {
        format: 'html', room: 'Hall B', date: OPS_FIXTURE_DATE, nowMs: OPS_FIXTURE_NOW,
        sensorSeries: (id, a, b) => {
          seen.push(snap.sensors[id]!.name);
          return store.sensorSeries(id, a, b);
        },
      }));
      expect(seen).toEqual(['HB-SUPPLY']);
      expect(html).toContain('Room Hall B');
      expect(html).not.toContain('Room Hall A');
      // The registers stay site-wide: the over-allocated licence is still listed.
      expect(html).toContain('Acme Backup Suite: 5 assigned');
    } finally {
      store.close();
    }
  });

  it.skipIf(!hasBrowser || !hasPoppler)('prints a PDF with the sensors, the overdue items, the licences and contents page numbers', async () => {
    const out = path.join(dir, 'ops.pdf');
    const steps: number[] = [];
    const t0 = performance.now();
    fs.writeFileSync(out, await opsReport({ file, format: 'pdf', date: OPS_FIXTURE_DATE, nowMs: OPS_FIXTURE_NOW, revision: 'R3', author: 'Marc Petit', onProgress: (d) => steps.push(d) }));
    const ms = performance.now() - t0;
    expect(steps.at(-1)).toBe(100);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    const all = flat(out);
    for (const sensor of fx.sensors) expect(all).toContain(sensor);
    expect(all).toContain('UPS quarterly PM on UPS-1: overdue since 2026-10-10');
    expect(all).toContain(`${fx.overAllocatedLicence}: 5 assigned, 2 owned (3 over; counted per socket)`);
    expect(all).toContain('Over-allocated by 3');
    expect(all).toContain('HB-SUPPLY: outside the allowable envelope');
    expect(all).toContain(fx.incident);
    expect(all).toContain('Eaton support');
    expect(all).toContain('Operations report · Revision R3');
    const pages = pageCount(out);
    expect(pages).toBeGreaterThanOrEqual(8);
    expect(all).toContain(`Page 2 of ${pages}`);
    // The contents give each section's real page.
    const toc = text(out, '-layout', '-f', '2', '-l', '2');
    for (const heading of ['Needs attention', 'Licences', 'Event log', 'Escalation contacts']) {
      const listed = Number(new RegExp(`${heading}\\s+(\\d+)`).exec(toc)?.[1]);
      const page = text(out, '-f', String(listed), '-l', String(listed));
      expect(page.split('\n').filter((l) => l.trim() !== '')[2], heading).toBe(heading);
    }
    // Building the HTML is the quick part; two prints of ten pages stay well under the limit.
    expect(ms).toBeLessThan(60_000);
  }, 120_000);

  it.skipIf(!hasBrowser || !hasPoppler)('prints in French on Letter paper', async () => {
    const out = path.join(dir, 'ops-fr.pdf');
    fs.writeFileSync(out, await opsReport({ file, format: 'pdf', lang: 'fr', paper: 'letter', date: OPS_FIXTURE_DATE, nowMs: OPS_FIXTURE_NOW, tocPages: false }));
    expect(spawnSync('pdfinfo', [out], { encoding: 'utf8' }).stdout).toMatch(/Page size:\s+612(\.\d+)? x 792(\.\d+)? pts \(letter\)/);
    const all = flat(out);
    expect(all).toContain('Rapport d’exploitation');
    expect(all).toContain('À traiter');
    expect(all).toContain('UPS quarterly PM sur UPS-1 : en retard depuis le 2026-10-10');
    expect(all).toContain('Surallouée de 3');
    expect(all).toContain('HB-SUPPLY : hors de la plage admissible');
    for (const sensor of fx.sensors) expect(all).toContain(sensor);
    expect(all).toMatch(/Page 1 sur \d+/);
    expect(all).not.toContain('Needs attention');
  }, 120_000);
});
