/**
 * The commissioning report from a real project file (electron/report/cx-fixture.ts builds it with
 * the real commands): HTML with the file's photos embedded, and the PDF printed by headless
 * Chromium read back with pdftotext / pdfimages / pdfinfo. Skipped only where no Chromium or
 * poppler is installed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject } from '../services/project-files';
import { ProjectStore } from '../store/project-store';
import { buildCxDemo, type CxDemo } from './cx-fixture';
import { cxReport, renderCxReport } from './cx-report';
import { findBrowser } from './pdf';

let dir: string;
let file: string;
let demo: CxDemo;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-cx-report-'));
  file = path.join(dir, 'cx.plenum');
  demo = buildCxDemo(file);
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

describe('commissioning report from a project file', () => {
  it('embeds the photos stored in the file and the drawn signature in self-contained HTML', async () => {
    const html = new TextDecoder().decode(await cxReport({ file, format: 'html', date: '2026-11-25' }));
    const store = ProjectStore.open(file, { readOnly: true });
    let photoIds: string[];
    try {
      photoIds = store.list('cxAnswers').flatMap((a) => a.photoIds ?? []);
      expect(photoIds.length).toBeGreaterThan(2);
      for (const id of photoIds) expect(html).toContain(`data:image/png;base64,${store.getBlob(id)!.data.toString('base64')}`);
    } finally {
      store.close();
    }
    expect(html).toMatch(/<svg class="sig"[^>]*><path d="M 20 86/);
    for (const rack of [demo.signedRack, demo.failRack, demo.invalidatedRack, demo.inProgressRack]) expect(html).toContain(`>${rack} <small>`);
    const fetched = [...html.matchAll(/\b(?:src|href)\s*=\s*"([^"]*)"|url\(\s*['"]?([^'")]*)/g)].map((m) => m[1] ?? m[2] ?? '');
    expect(fetched.filter((u) => /^(https?:)?\/\//i.test(u))).toEqual([]);
    expect(html).not.toMatch(/<(script|link|iframe)\b/i);
  });

  it('says so for a project with no checklists', async () => {
    const plain = path.join(dir, 'plain.plenum');
    createProject(plain, { demo: true }).close();
    const html = new TextDecoder().decode(await cxReport({ file: plain, format: 'html' }));
    expect(html).toContain('This project has no commissioning checklists yet.');
    expect(html).toContain('No issues recorded.');
  });

  it.skipIf(!hasBrowser || !hasPoppler)('prints a PDF with assets, readings, issues, the verdict, photos and page numbers', async () => {
    const out = path.join(dir, 'cx.pdf');
    const steps: number[] = [];
    fs.writeFileSync(out, await cxReport({ file, format: 'pdf', date: '2026-11-25', revision: 'C', author: 'Claire Dubois', onProgress: (d) => steps.push(d) }));
    expect(steps.at(-1)).toBe(100);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    const all = flat(out);
    for (const rack of [demo.signedRack, demo.failRack, demo.invalidatedRack, demo.inProgressRack]) expect(all).toContain(`${rack} L3 · Rack installation v1`);
    expect(all).toContain('184.2 mΩ');
    expect(all).toContain('Paint not removed under the bonding lug');
    expect(all).toContain(demo.criticalIssueTitle);
    expect(all).toContain(demo.manualIssueTitle);
    expect(all).toMatch(/Commissioning is not complete: \d+ of \d+ checklists complete, \d+ signed, \d+ failed items, 2 blocking issues open\./);
    expect(all).toContain('Invalidated');
    expect(all).toContain('Claire Dubois');
    const pages = Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [out], { encoding: 'utf8' }).stdout)![1]);
    expect(all).toContain(`Page 2 of ${pages}`);
    // The contents give each section's real page.
    const toc = text(out, '-layout', '-f', '2', '-l', '2');
    for (const heading of ['Executive summary', 'Issues log', 'Close-out']) {
      const listed = Number(new RegExp(`${heading}\\s+(\\d+)`).exec(toc)?.[1]);
      const page = text(out, '-f', String(listed), '-l', String(listed));
      expect(page.split('\n').filter((l) => l.trim() !== '')[2], heading).toBe(heading);
    }
    // Photos and the signature are real images in the PDF (the signature is vector).
    const images = spawnSync('pdfimages', ['-list', out], { encoding: 'utf8' }).stdout.split('\n').slice(2).filter((l) => l.trim() !== '');
    expect(images.length).toBeGreaterThanOrEqual(5);
  }, 120_000);

  it.skipIf(!hasBrowser || !hasPoppler)('prints in French on Letter paper, for one room', async () => {
    const out = path.join(dir, 'cx-fr.pdf');
    fs.writeFileSync(out, await cxReport({ file, format: 'pdf', lang: 'fr', paper: 'letter', room: 'Data Hall 1', date: '2026-11-25', tocPages: false }));
    expect(spawnSync('pdfinfo', [out], { encoding: 'utf8' }).stdout).toMatch(/Page size:\s+612(\.\d+)? x 792(\.\d+)? pts \(letter\)/);
    const all = flat(out);
    expect(all).toContain('Rapport de mise en service');
    expect(all).toContain('Registre des réserves');
    expect(all).toContain('184,2 mΩ');
    expect(all).toMatch(/La mise en service n’est pas terminée/);
    expect(all).toMatch(/Page 1 sur \d+/);
    expect(all).not.toContain('Executive summary');
  }, 120_000);

  it('refuses an unknown room with a not-found error and stops when cancelled', async () => {
    const store = ProjectStore.open(file, { readOnly: true });
    const snap = store.snapshot();
    store.close();
    await expect(renderCxReport(snap, { format: 'html', room: 'Nowhere' })).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/no room "Nowhere"/) });
    const ac = new AbortController();
    ac.abort();
    await expect(renderCxReport(snap, { format: 'html', signal: ac.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
