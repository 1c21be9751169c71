import { describe, expect, it } from 'vitest';
import type { DocumentSnapshot } from '../../../core/model/schema';
import type { JobView, ReportProgressEvent } from './logic';
import { applyProgress, defaultOptions, formatBytes, newJob, phaseText, roomChoices, startArgs } from './logic';

const snap = {
  rooms: { r2: { id: 'r2', name: 'Hall 10' }, r1: { id: 'r1', name: 'hall 2' }, r3: { id: 'r3', name: 'Battery room' } },
} as unknown as DocumentSnapshot;

const ev = (p: Partial<ReportProgressEvent>): ReportProgressEvent => ({ type: 'report.progress', jobId: 'a'.repeat(32), done: 0, total: 100, phase: 'start', state: 'running', ...p });

describe('reports logic', () => {
  it('lists rooms in natural, case-insensitive order', () => {
    expect(roomChoices(snap).map((r) => r.name)).toEqual(['Battery room', 'hall 2', 'Hall 10']);
    expect(roomChoices(null)).toEqual([]);
  });

  it('builds report.start arguments, leaving out blanks and a room that no longer exists', () => {
    const o = { ...defaultOptions('fr'), room: 'r1', revision: '  C ', author: '' };
    expect(startArgs(o, 'pdf', snap)).toEqual({ kind: 'design', format: 'pdf', paper: 'a4', lang: 'fr', room: 'r1', revision: 'C' });
    expect(startArgs({ ...o, room: 'gone' }, 'html', snap, '/tmp/x.html')).toEqual({ kind: 'design', format: 'html', paper: 'a4', lang: 'fr', revision: 'C', path: '/tmp/x.html' });
  });

  it('follows a job: progress never goes back, other jobs and late events change nothing', () => {
    let job: JobView | null = newJob({ jobId: 'a'.repeat(32), filename: 'x.pdf' }, { kind: 'report', format: 'pdf' });
    job = applyProgress(job, ev({ done: 40, phase: 'room Hall 1' }));
    expect(job).toMatchObject({ done: 40, phase: 'room Hall 1', state: 'running' });
    job = applyProgress(job, ev({ done: 20, phase: 'pdf' }));
    expect(job?.done).toBe(40);
    const same = job;
    expect(applyProgress(job, ev({ jobId: 'b'.repeat(32), done: 90 }))).toBe(same);
    job = applyProgress({ ...job!, cancelling: true }, ev({ done: 40, phase: 'cancelled', state: 'cancelled' }));
    expect(job).toMatchObject({ state: 'cancelled' });
    expect(job?.cancelling).toBeUndefined();
    expect(applyProgress(job, ev({ done: 100, state: 'done' }))).toBe(job);
  });

  it('keeps the error and the result of the final event', () => {
    const job = newJob({ jobId: 'a'.repeat(32), filename: 'x.pdf' }, { kind: 'preview' });
    expect(applyProgress(job, ev({ state: 'failed', phase: 'failed', error: { code: 'io', message: 'no Chromium' } }))).toMatchObject({ state: 'failed', error: { message: 'no Chromium' } });
    expect(applyProgress(job, ev({ state: 'done', done: 100, result: { filename: 'x.pdf', mime: 'application/pdf', bytes: 10, pages: 3 } }))).toMatchObject({ done: 100, result: { pages: 3 } });
  });

  it('names every phase the runner and the reports report', () => {
    expect(phaseText('room Hall 1')).toEqual({ key: 'reports.phase.room', name: 'Hall 1' });
    expect(phaseText('rack R01')).toEqual({ key: 'reports.phase.rack', name: 'R01' });
    expect(phaseText('3D view Hall 1')).toEqual({ key: 'reports.phase.view3d', name: 'Hall 1' });
    expect(phaseText('pdf (contents pages)')).toEqual({ key: 'reports.phase.pdfToc' });
    expect(phaseText('dcim.racks')).toEqual({ key: 'reports.phase.table', name: 'dcim.racks' });
  });

  it('formats sizes in decimal units with the locale', () => {
    expect(formatBytes(999, 'en')).toBe('999 B');
    expect(formatBytes(12_345, 'en')).toBe('12.3 kB');
    expect(formatBytes(4_500_000, 'fr')).toBe('4,5 MB');
    expect(formatBytes(250_000_000, 'en')).toBe('250 MB');
  });
});
