/**
 * The report job runner (reports.ts): progress in order with one final event, cancel that really
 * aborts the renderer and leaves no file, errors that reach the caller, results handed over once.
 * Fake renderers drive the timing; the last tests run the real design report and data exports.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectStore } from '../store/project-store';
import type { ApiEvent } from '../../core/api';
import { PlenumError } from '../../core/model/errors';
import type { DocumentSnapshot } from '../../core/model/schema';
import { createProject } from './project-files';
import type { ReportRenderer, ReportRenderRequest } from './reports';
import { ReportJobs, exportFileName, reportFileName, safeFileStem } from './reports';

type Progress = Extract<ApiEvent, { type: 'report.progress' }>;

let dir: string;
let snap: DocumentSnapshot;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-jobs-'));
  const store = createProject(path.join(dir, 'demo.plenum'), { demo: true });
  snap = store.snapshot();
  store.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function harness(renderers: Record<string, ReportRenderer>) {
  const events: Progress[] = [];
  const jobs = new ReportJobs({ emit: (e) => e.type === 'report.progress' && events.push(e), renderers });
  const source = { snapshot: snap, history: () => [] };
  const final = (jobId: string) => events.find((e) => e.jobId === jobId && e.state !== 'running');
  const until = async (jobId: string) => {
    await expect.poll(() => final(jobId), { timeout: 90_000 }).toBeDefined();
    return final(jobId)!;
  };
  return { events, jobs, source, until, of: (jobId: string) => events.filter((e) => e.jobId === jobId) };
}

const base = { kind: 'design', format: 'pdf', paper: 'a4', lang: 'en' } as const;

/** Resolves when the signal aborts, rejecting like a print whose browser was closed. */
function abortable(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }));
}

describe('ReportJobs', () => {
  it('reports progress in order, never going back, then exactly one final event with the result', async () => {
    const seen: ReportRenderRequest[] = [];
    const h = harness({
      design: async (_s, req) => {
        seen.push(req);
        // Out of order and repeated on purpose: the runner must smooth it.
        for (const [d, phase] of [[10, 'rooms'], [10, 'rooms'], [5, 'rooms'], [40, 'rooms'], [60, 'pdf'], [80, 'pdf'], [100, 'done']] as const) {
          req.onProgress(d, 100, phase);
          await new Promise((r) => setTimeout(r, 1));
        }
        return new TextEncoder().encode('%PDF-1.4 /Type /Pages /Count 7 >>');
      },
    });
    const { jobId, filename } = h.jobs.startReport(h.source, { ...base, room: snap.rooms[Object.keys(snap.rooms)[0]!]!.name.toUpperCase(), revision: 'C' });
    expect(jobId).toMatch(/^[0-9a-f]{32}$/);
    expect(filename).toMatch(/ - design report - .+\.pdf$/);
    const end = await h.until(jobId);
    const list = h.of(jobId);
    expect(list[0]).toMatchObject({ state: 'running', done: 0, phase: 'start' });
    const dones = list.map((e) => e.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(list.filter((e) => e.state !== 'running')).toHaveLength(1);
    expect(list.at(-1)).toBe(end);
    expect(end).toMatchObject({ state: 'done', done: 100, total: 100, result: { filename, mime: 'application/pdf', pages: 7 } });
    expect(list.map((e) => e.phase)).toContain('pdf');
    // The room, case-insensitive, and the options reach the renderer.
    expect(seen[0]).toMatchObject({ format: 'pdf', paper: 'a4', lang: 'en', revision: 'C' });
    // Handed over once.
    expect(strFromU8(h.jobs.take(jobId)!.data)).toContain('%PDF');
    expect(h.jobs.take(jobId)).toBeNull();
  });

  it('cancel aborts the renderer (the signal reaches it) and ends the job as cancelled, with no file left', async () => {
    let signal: AbortSignal | undefined;
    const h = harness({
      design: async (_s, req) => {
        signal = req.signal;
        req.onProgress(60, 100, 'pdf');
        return abortable(req.signal);
      },
    });
    const out = path.join(dir, 'cancelled', 'report.pdf');
    const { jobId } = h.jobs.startReport(h.source, { ...base, path: out });
    await expect.poll(() => h.of(jobId).some((e) => e.phase === 'pdf')).toBe(true);
    expect(h.jobs.cancel(jobId)).toEqual({ cancelled: true });
    const end = await h.until(jobId);
    expect(signal!.aborted).toBe(true);
    expect(end).toMatchObject({ state: 'cancelled' });
    expect(end.result).toBeUndefined();
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.existsSync(path.dirname(out)) ? fs.readdirSync(path.dirname(out)) : []).toEqual([]);
    expect(h.jobs.take(jobId)).toBeNull();
    // A finished job cannot be cancelled again; an unknown one is an error.
    expect(h.jobs.cancel(jobId)).toEqual({ cancelled: false });
    expect(() => h.jobs.cancel('f'.repeat(32))).toThrow(/No such report/);
  });

  it('a renderer that ignores the cancel still leaves no file', async () => {
    const h = harness({
      design: async (_s, req) => {
        await abortable(req.signal).catch(() => {});
        return new TextEncoder().encode('%PDF-1.4 late');
      },
    });
    const out = path.join(dir, 'late.pdf');
    const { jobId } = h.jobs.startReport(h.source, { ...base, path: out });
    await expect.poll(() => h.of(jobId).length).toBeGreaterThan(0);
    h.jobs.cancel(jobId);
    expect(await h.until(jobId)).toMatchObject({ state: 'cancelled' });
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('late.pdf'))).toEqual([]);
  });

  it('writes to the chosen path through a temporary name and says where', async () => {
    const h = harness({ design: async () => new TextEncoder().encode('<!doctype html><p>ok') });
    const out = path.join(dir, 'written', 'r.html');
    const { jobId, filename } = h.jobs.startReport(h.source, { ...base, format: 'html', path: out });
    expect(filename).toBe('r.html');
    const end = await h.until(jobId);
    expect(end).toMatchObject({ state: 'done', result: { path: out, bytes: 20, mime: 'text/html; charset=utf-8' } });
    expect(fs.readFileSync(out, 'utf8')).toBe('<!doctype html><p>ok');
    expect(fs.readdirSync(path.dirname(out))).toEqual(['r.html']);
    expect(h.jobs.writtenPath(jobId)).toBe(out);
    // Written, so nothing waits for a download.
    expect(h.jobs.take(jobId)).toBeNull();
  });

  it('surfaces a renderer error in the final event, with its code', async () => {
    const h = harness({ design: async () => { throw new PlenumError('PDF needs Chrome, Chromium or Edge, and none was found', 'io'); } });
    const { jobId } = h.jobs.startReport(h.source, base);
    expect(await h.until(jobId)).toMatchObject({ state: 'failed', error: { code: 'io', message: expect.stringContaining('none was found') } });
  });

  it('surfaces a write error (the folder is a file) as failed, not done', async () => {
    const h = harness({ design: async () => new TextEncoder().encode('x') });
    const blocker = path.join(dir, 'blocker');
    fs.writeFileSync(blocker, 'not a folder');
    const { jobId } = h.jobs.startReport(h.source, { ...base, path: path.join(blocker, 'r.pdf') });
    expect(await h.until(jobId)).toMatchObject({ state: 'failed', error: { code: 'io', field: 'path' } });
  });

  it('refuses at once an unknown room and a kind this build cannot make', () => {
    const h = harness({ design: async () => new Uint8Array() });
    expect(() => h.jobs.startReport(h.source, { ...base, room: 'No such hall' })).toThrow(expect.objectContaining({ code: 'not-found', field: 'room' }));
    expect(() => h.jobs.startReport(h.source, { ...base, kind: 'cx' })).toThrow(expect.objectContaining({ code: 'unsupported', field: 'kind' }));
    expect(h.jobs.kinds()).toEqual(['design']);
    expect(h.events).toEqual([]);
  });

  it('previews an HTML report once, and not a PDF', async () => {
    const h = harness({ design: async (_s, req) => new TextEncoder().encode(req.format === 'html' ? '<!doctype html><h1>Café</h1>' : '%PDF') });
    const html = h.jobs.startReport(h.source, { ...base, format: 'html' });
    await h.until(html.jobId);
    expect(h.jobs.preview(html.jobId)).toEqual({ html: '<!doctype html><h1>Café</h1>' });
    expect(() => h.jobs.preview(html.jobId)).toThrow(/already shown/);
    const pdf = h.jobs.startReport(h.source, base);
    await h.until(pdf.jobId);
    expect(() => h.jobs.preview(pdf.jobId)).toThrow(/No such HTML report/);
  });

  it('names files after the project, without characters file systems refuse', () => {
    expect(safeFileStem('  Site: A/B <test>? ')).toBe('Site- A-B -test');
    expect(safeFileStem('...')).toBe('plenum');
    expect(reportFileName('Démo', 'design', 'html', 'fr', 'Salle 1')).toBe('Démo - rapport de conception - Salle 1.html');
    expect(exportFileName('Démo', 'netbox')).toBe('Démo - NetBox.zip');
    expect(exportFileName('Démo', 'xlsx')).toBe('Démo.xlsx');
  });
});

describe('ReportJobs with the real design report and data exports', () => {
  it('makes the design report HTML with the project in it, in French', async () => {
    const { renderDesignReport } = await import('../report/design-report');
    // Without the 3D pictures (a WebGL browser; electron/report/snapshot3d.ts is tested on its own).
    const h = harness({ design: (sn, req) => renderDesignReport(sn, { ...req, rooms3d: false }) });
    const { jobId } = h.jobs.startReport(h.source, { ...base, format: 'html', lang: 'fr', revision: 'B' });
    const end = await h.until(jobId);
    expect(end.state, JSON.stringify(end.error)).toBe('done');
    const { html } = h.jobs.preview(jobId);
    expect(html).toContain('<html lang="fr"');
    const rack = Object.values(snap.racks)[0]!;
    expect(html).toContain(rack.name);
  }, 120_000);

  it.skipIf(!fs.existsSync('/usr/bin/chromium') && !process.env.PLENUM_CHROMIUM)('cancels a real PDF print in headless Chromium: no file, and well before the print would end', async () => {
    const { renderDesignReport } = await import('../report/design-report');
    const h = harness({ design: (s, req) => renderDesignReport(s, { ...req, rooms3d: false }) });
    // The whole print first, to know how long it takes.
    const full = h.jobs.startReport(h.source, base);
    const t0 = Date.now();
    expect((await h.until(full.jobId)).state).toBe('done');
    const fullMs = Date.now() - t0;

    const out = path.join(dir, 'printed', 'cancelled.pdf');
    const job = h.jobs.startReport(h.source, { ...base, path: out });
    await expect.poll(() => h.of(job.jobId).some((e) => e.phase === 'pdf'), { timeout: 60_000 }).toBe(true);
    const t1 = Date.now();
    h.jobs.cancel(job.jobId);
    expect((await h.until(job.jobId)).state).toBe('cancelled');
    expect(Date.now() - t1).toBeLessThan(Math.max(2000, fullMs / 2));
    expect(fs.existsSync(path.dirname(out)) ? fs.readdirSync(path.dirname(out)) : []).toEqual([]);
  }, 180_000);

  it('makes the commissioning report too, with photos read through the source', async () => {
    const { DEFAULT_RENDERERS } = await import('./reports');
    const events: Progress[] = [];
    const jobs = new ReportJobs({ emit: (e) => e.type === 'report.progress' && events.push(e), renderers: DEFAULT_RENDERERS });
    expect(jobs.kinds()).toEqual(['design', 'cx', 'ops']);
    const { jobId, filename } = jobs.startReport({ snapshot: snap, history: () => [], photo: () => undefined }, { ...base, kind: 'cx', format: 'html', lang: 'fr' });
    expect(filename).toMatch(/rapport de mise en service\.html$/);
    await expect.poll(() => events.find((e) => e.jobId === jobId && e.state !== 'running')?.state, { timeout: 60_000 }).toBe('done');
    expect(jobs.preview(jobId).html).toContain('<html lang="fr"');
  });

  it('makes the operations report from the open project, its readings read through the source', async () => {
    const { DEFAULT_RENDERERS } = await import('./reports');
    const { buildOpsFixture } = await import('../report/ops-fixture');
    const file = path.join(dir, 'ops.plenum');
    buildOpsFixture(file);
    const store = ProjectStore.open(file, { readOnly: true });
    try {
      const events: Progress[] = [];
      const jobs = new ReportJobs({ emit: (e) => e.type === 'report.progress' && events.push(e), renderers: DEFAULT_RENDERERS });
      const source = { snapshot: store.snapshot(), history: () => [], sensorSeries: (id: string, a: number, b: number) => store.sensorSeries(id, a, b) };
      const { jobId } = jobs.startReport(source, { ...base, kind: 'ops', format: 'html', since: '2026-11-01', until: '2026-11-25' });
      await expect.poll(() => events.find((e) => e.jobId === jobId && e.state !== 'running')?.state, { timeout: 60_000 }).toBe('done');
      const html = jobs.preview(jobId).html;
      // The readings reached the report: the inlet sensor's excursion of 12 November is listed.
      expect(html).toContain('HA-INLET-01');
      expect(html).toMatch(/29\.4\s*°C/);
    } finally {
      store.close();
    }
  });

  it('zips a CSV and a NetBox export for download and writes an XLSX into a folder', async () => {
    const h = harness({});
    const csv = h.jobs.startExport(h.source, 'csv');
    expect((await h.until(csv.jobId)).result).toMatchObject({ mime: 'application/zip', files: ['bom.csv', 'devices.csv', 'racks.csv'] });
    const files = unzipSync(h.jobs.take(csv.jobId)!.data);
    expect(Object.keys(files).sort()).toEqual(['bom.csv', 'devices.csv', 'racks.csv']);
    expect(strFromU8(files['racks.csv']!)).toContain(Object.values(snap.racks)[0]!.name);

    const nb = h.jobs.startExport(h.source, 'netbox');
    await h.until(nb.jobId);
    expect(Object.keys(unzipSync(h.jobs.take(nb.jobId)!.data)).some((f) => f.startsWith('device-types/'))).toBe(true);

    const folder = path.join(dir, 'xlsx-out');
    const x = h.jobs.startExport(h.source, 'xlsx', folder);
    expect(await h.until(x.jobId)).toMatchObject({ state: 'done', result: { path: folder, files: ['plenum.xlsx'] } });
    expect(fs.readFileSync(path.join(folder, 'plenum.xlsx')).subarray(0, 2).toString()).toBe('PK');
  });
});

describe('AppServices report methods', () => {
  it('in Electron: asks where with the native dialog, writes there, and reveals only what a job wrote', async () => {
    const { AppServices } = await import('./app-services');
    const revealed: string[] = [];
    const saved: Array<[string, string]> = [];
    const out = path.join(dir, 'electron', 'chosen.html');
    const services = new AppServices({
      userDataDir: path.join(dir, 'ud-electron'), mode: 'electron', version: 't', platform: 'linux',
      hooks: {
        openProjectDialog: async () => null, saveProjectDialog: async () => null, openExternal: async () => {},
        saveReportDialog: async (name, format) => {
          saved.push([name, format]);
          return out;
        },
        chooseFolderDialog: async () => path.join(dir, 'electron', 'data'),
        revealPath: (p) => revealed.push(p),
      },
      reportRenderers: { design: async () => new TextEncoder().encode('<!doctype html><p>app') },
    });
    const events: Progress[] = [];
    services.onEvent((e) => e.type === 'report.progress' && events.push(e));
    await services.openProject(path.join(dir, 'demo.plenum'));
    try {
      expect(await services.handle('dialog.saveReport', { defaultName: 'Demo - design report.html', format: 'html' })).toEqual({ ok: true, value: { path: out } });
      expect(saved).toEqual([['Demo - design report.html', 'html']]);
      const started = await services.handle('report.start', { kind: 'design', format: 'html', path: out });
      expect(started.ok).toBe(true);
      const { jobId } = (started as { ok: true; value: { jobId: string } }).value;
      // Not finished yet, or finished: either way reveal only after it is written.
      await expect.poll(() => events.find((e) => e.jobId === jobId && e.state === 'done')).toBeDefined();
      expect(fs.readFileSync(out, 'utf8')).toBe('<!doctype html><p>app');
      expect(await services.handle('report.reveal', { jobId })).toEqual({ ok: true, value: null });
      expect(revealed).toEqual([out]);
      // A job that wrote nothing, and arguments that are not a job id, are refused.
      expect(await services.handle('report.reveal', { jobId: 'a'.repeat(32) })).toMatchObject({ ok: false, error: { code: 'not-found' } });
      expect(await services.handle('report.reveal', { jobId: '../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'jobId' } });
      expect(await services.handle('report.start', { kind: 'design', format: 'docx' })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'format' } });
      expect(await services.handle('report.start', { kind: 'design', format: 'pdf', date: '25/11/2026' })).toMatchObject({ ok: false, error: { field: 'date' } });
      expect(await services.handle('dialog.chooseFolder', {})).toEqual({ ok: true, value: { path: path.join(dir, 'electron', 'data') } });
    } finally {
      services.close();
    }
  });

  it('in browser mode: no native dialogs, no paths, no reveal', async () => {
    const { AppServices } = await import('./app-services');
    const services = new AppServices({ userDataDir: path.join(dir, 'ud-browser'), mode: 'browser', version: 't', platform: 'linux' });
    await services.openProject(path.join(dir, 'demo.plenum'));
    try {
      expect(await services.handle('dialog.saveReport', { defaultName: 'x.pdf', format: 'pdf' })).toMatchObject({ ok: false, error: { code: 'unsupported' } });
      expect(await services.handle('dialog.chooseFolder', {})).toMatchObject({ ok: false, error: { code: 'unsupported' } });
      expect(await services.handle('export.start', { format: 'csv', dir: path.join(dir, 'nope') })).toMatchObject({ ok: false, error: { code: 'unsupported', field: 'dir' } });
      expect(fs.existsSync(path.join(dir, 'nope'))).toBe(false);
      expect(await services.handle('report.kinds', {})).toEqual({ ok: true, value: ['design', 'cx', 'ops'] });
    } finally {
      services.close();
    }
  });
});
