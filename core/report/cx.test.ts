/**
 * The commissioning report's HTML, built from a small site driven by the real commands (plan →
 * apply on a snapshot, core/cx/test-site.ts): the summary numbers and verdict, readings with their
 * units and results, table items, photos from the lookup, sign-offs (an invalidated one struck
 * with its reason), the issues log, the close-out, French, --room, and a 5,000-checklist site.
 */
import { describe, expect, it } from 'vitest';
import type { AnswerResult, GenerateResult } from '../commands/cx';
import { actor, cxSite } from '../cx/test-site';
import { cxReportHtml, PHOTOS_PER_CHECKLIST } from './cx';
import { cxSummary } from './cx-data';
import { designReportHtml } from './design';

const YAML = `
id: test-cx-report
version: 1
title: Rack checks
level: L3
appliesTo: [{kind: rack}]
sections:
  - id: main
    title: Main checks
    items:
      - {id: bonded, type: check, label: Cabinet bonded, onFail: {requireNote: true, raiseIssue: critical}}
      - {id: resistance, type: numeric, label: Bonding resistance, unit: mΩ, min: 0, max: 100, decimals: 1, onFail: {raiseIssue: major}}
      - {id: floor, type: choice, label: Floor, options: [{value: raised, label: Raised floor, status: pass}, {value: slab, label: Slab on grade, status: pass}]}
      - {id: lug_photo, type: photo, label: Photo of the lug, required: false}
      - {id: remark, type: text, label: Remark, required: false}
  - id: feeds
    title: Feeds
    items:
      - id: feed_table
        type: table
        label: Feed readings
        rows: [{id: a, label: Feed A}, {id: b, label: Feed B}]
        columns:
          - {id: volts, type: numeric, label: Voltage, unit: V, min: 220, max: 240}
          - {id: polarity, type: check, label: Polarity}
`;

const PHOTO_OK = `blob:${'a'.repeat(64)}`;
const PHOTO_GONE = `blob:${'b'.repeat(64)}`;
/** A 1×1 PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const photo = (id: string) => (id === PHOTO_OK ? { mime: 'image/png', dataBase64: PNG } : undefined);

/** R1 complete and signed (drawn signature), R2 a failed reading (issue) and a signature invalidated, R3 untouched, B1 in Hall B. */
function site() {
  const { snap, run } = cxSite(3);
  run('template.publish', { yaml: YAML, actor: actor() });
  const created = run<GenerateResult>('cx.generate', { templateId: 'test-cx-report', rule: { assetKind: 'rack' }, actor: actor() }).created;
  const of = (rack: string) => created.find((id) => snap.cxInstances[id]!.assetId === rack)!;
  const [r1, r2, r3, b1] = [of('rack:1'), of('rack:2'), of('rack:3'), of('rack:b1')];
  const fill = (id: string, resistance: number, who = actor('Marc', '2026-11-25T10:00:00+01:00'), note?: string) => {
    run('cx.answer', { instanceId: id, itemId: 'bonded', value: 'pass', actor: who });
    const r = run<AnswerResult>('cx.answer', { instanceId: id, itemId: 'resistance', value: resistance, ...(note ? { note, photoIds: [PHOTO_OK, PHOTO_GONE] } : {}), actor: who });
    run('cx.answer', { instanceId: id, itemId: 'floor', value: 'raised', actor: who });
    run('cx.answer', { instanceId: id, itemId: 'feed_table', rowKey: 'a', value: { volts: 231.4, polarity: 'pass' }, actor: who });
    run('cx.answer', { instanceId: id, itemId: 'feed_table', rowKey: 'b', value: { volts: 229, polarity: 'pass' }, actor: who });
    return r;
  };
  fill(r1, 12.5);
  run('cx.answer', { instanceId: r1, itemId: 'lug_photo', value: [PHOTO_OK], actor: actor('Marc') });
  run('cx.signoff', { instanceId: r1, scope: 'final', name: 'Claire Dubois', role: 'CxA', company: 'Veritas Cx', signature: { format: 'svg-path', data: 'M 10 60 C 40 10, 80 110, 120 50' }, actor: actor('Claire', '2026-11-25T11:30:00+01:00') });
  const failed = fill(r2, 184.2, undefined, 'Paint <under> the lug');
  run('cx.signoff', { instanceId: r2, scope: 'final', name: 'Claire Dubois', role: 'CxA', actor: actor('Claire') });
  run('cx.answer', { instanceId: r2, itemId: 'remark', value: 'Re-measured', reason: 'Second visit', actor: actor('Claire', '2026-11-26T09:00:00+01:00') });
  run('cx.issue.update', { id: failed.issueId, patch: { assignee: 'Marc', dueDate: '2026-11-01' }, actor: actor('Ana') });
  run('cx.issue.create', { title: 'Door closer slams', severity: 'observation', roomId: 'room:b', actor: actor('Ana') });
  fill(b1, 40);
  return { snap, r1, r2, r3, b1, issueId: failed.issueId! };
}

const opts = { date: '2026-11-25', photo } as const;

describe('commissioning report HTML', () => {
  it('summarises per level with a verdict that agrees with the numbers', () => {
    const { snap } = site();
    const sum = cxSummary(snap, { today: '2026-11-25' });
    // 4 checklists: R1 and R2 and B1 complete (R2 fails one reading), only R1 validly signed.
    expect(sum.totals).toMatchObject({ checklists: 4, complete: 3, signed: 1, failed: 1 });
    expect(sum.openIssues).toEqual({ critical: 0, major: 1, minor: 0, observation: 1 });
    expect(sum.blockingIssues).toBe(1);
    expect(sum.overdueIssues).toBe(1);
    const html = cxReportHtml(snap, opts);
    expect(html).toContain('Commissioning is not complete: 3 of 4 checklists complete, 1 signed, 1 failed items, 1 blocking issues open.');
    expect(html).toContain('L3 — Installation verification');
    // Order: Hall A's racks R1, R2, R3 then Hall B.
    const order = ['>R1<', '>R2<', '>R3<', '>B1<'].map((n) => html.indexOf(n));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('prints readings with units, results as words, table items, photos and signatures', () => {
    const { snap, r1, r2, r3 } = site();
    const html = cxReportHtml(snap, opts);
    expect(html).toContain('12.5\u00a0mΩ');
    expect(html).toContain('184.2\u00a0mΩ');
    expect(html).toContain('0.0–100.0\u00a0mΩ');
    expect(html).toContain('✗ Fail');
    expect(html).toContain('✓ Pass');
    expect(html).toContain('Raised floor');
    // The table item: a sub-table with its rows and cells.
    expect(html).toMatch(/<table class="sub">.*Feed A.*231\.4\u00a0V.*Feed B.*229\u00a0V/s);
    // Notes are escaped, never markup.
    expect(html).toContain('Paint &lt;under&gt; the lug');
    expect(html).not.toContain('<under>');
    // Photos: the one in the file embedded, the missing one said so.
    expect(html).toContain(`src="data:image/png;base64,${PNG}"`);
    expect(html).toContain('photo not in this file');
    // R1's drawn signature; R2's invalidated sign-off struck with its reason.
    expect(html).toMatch(/<svg class="sig"[^>]*><path d="M 10 60 C 40 10, 80 110, 120 50"\/><\/svg>/);
    expect(html).toMatch(/<tr class="void"><td>Final \(whole checklist\)<span class="voidwhy">Invalidated 2026-11-26 09:00 by Claire: Second visit<\/span>/);
    // A started checklist gets its page; an untouched one is a line of the level's index.
    expect(html).toContain(`id="cl-${r1.replace(/[^\w-]/g, '_')}"`);
    expect(html).toContain(`id="cl-${r2.replace(/[^\w-]/g, '_')}"`);
    expect(html).not.toContain(`id="cl-${r3.replace(/[^\w-]/g, '_')}"`);
    expect(html).toContain('Not started');
  });

  it('lists every issue with status, severity, assignee and overdue, and a close-out', () => {
    const { snap } = site();
    const html = cxReportHtml(snap, opts);
    const log = html.slice(html.indexOf('id="issues"'), html.indexOf('id="closeout"'));
    expect(log).toContain('Bonding resistance');
    expect(log).toContain('Door closer slams');
    expect(log).toContain('⚠ Overdue');
    expect(log).toMatch(/Major<\/span><\/td><td>Open<\/td><td>R2<\/td>/);
    const close = html.slice(html.indexOf('id="closeout"'));
    expect(close).toContain('Checklists not complete or not signed (3)');
    expect(close).toContain('Blocking issues outstanding (1)');
    expect(close).toContain('Commissioning agent (CxA)');
    expect(close).toContain('Owner&#39;s representative');
  });

  it('speaks French', () => {
    const { snap } = site();
    const html = cxReportHtml(snap, { ...opts, lang: 'fr' });
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Rapport de mise en service');
    expect(html).toContain('La mise en service n’est pas terminée : 3 listes de contrôle terminées sur 4, 1 signées');
    expect(html).toContain('184,2\u00a0mΩ');
    expect(html).toContain('✗ Non conforme');
    expect(html).toContain('Registre des réserves');
    expect(html).toContain('En retard');
    expect(html).not.toContain('Commissioning is not complete');
  });

  it('limits to one room, and refuses an unknown one', () => {
    const { snap } = site();
    const html = cxReportHtml(snap, { ...opts, room: 'Hall B' });
    expect(html).toContain('>B1<');
    expect(html).not.toContain('>R1<');
    expect(html).toContain('Door closer slams');
    expect(html).not.toContain('Bonding resistance</b>');
    expect(html).toContain('Commissioning is not complete: 1 of 1 checklists complete, 0 signed');
    expect(() => cxReportHtml(snap, { ...opts, room: 'Hall Z' })).toThrow(/no room "Hall Z"/);
  });

  it('says so when the project has no checklists, and is complete when all is signed and closed', () => {
    const empty = cxSite(2);
    expect(cxReportHtml(empty.snap, opts)).toContain('This project has no commissioning checklists yet.');
    const { snap, run } = cxSite(1);
    run('template.publish', { yaml: YAML, actor: actor() });
    const [id] = run<GenerateResult>('cx.generate', { templateId: 'test-cx-report', rule: { assetKind: 'rack', roomId: 'room:b' }, actor: actor() }).created;
    for (const [itemId, value] of [['bonded', 'pass'], ['resistance', 5], ['floor', 'slab']] as const) run('cx.answer', { instanceId: id, itemId, value, actor: actor() });
    for (const rowKey of ['a', 'b']) run('cx.answer', { instanceId: id, itemId: 'feed_table', rowKey, value: { volts: 230, polarity: 'pass' }, actor: actor() });
    run('cx.signoff', { instanceId: id, scope: 'final', name: 'Ana', role: 'CxA', actor: actor() });
    expect(cxReportHtml(snap, opts)).toContain('Commissioning is complete: all 1 checklists are complete and signed');
  });

  it("the design report's commissioning status page prints the same summary block", () => {
    const { snap } = site();
    const cx = cxReportHtml(snap, opts);
    const design = designReportHtml(snap, { date: '2026-11-25' });
    const block = (html: string, from: string) => {
      const start = html.indexOf('<div class="verdict', html.indexOf(from));
      const end = html.indexOf('</section>', start);
      const rooms = html.indexOf('<div class="byroom">', start);
      return html.slice(start, rooms >= 0 && rooms < end ? rooms : end);
    };
    expect(design).toContain('<a href="#cxstatus">Commissioning status</a>');
    expect(cx).toMatch(/<div class="byroom"><h3>Per room<\/h3>.*<td>Hall A<\/td><td class="n">3<\/td><td class="n">2<\/td><td class="n">1<\/td><td class="n"><span class="bad">1<\/span><\/td><td class="n">1<\/td>/s);
    expect(block(design, 'id="cxstatus"')).toBe(block(cx, 'id="summary"'));
    expect(designReportHtml(cxSite(1).snap, { date: '2026-11-25' })).not.toContain('cxstatus');
  });

  it('caps photos per checklist', () => {
    const { snap, r1 } = site();
    const many = Array.from({ length: PHOTOS_PER_CHECKLIST + 3 }, (_, k) => `blob:${k.toString(16).padStart(64, '0')}`);
    const answer = snap.cxAnswers[`${r1}/lug_photo`]!;
    snap.cxAnswers[answer.id] = { ...answer, value: many };
    const html = cxReportHtml(snap, { ...opts, photo: (id) => (many.includes(id) ? { mime: 'image/png', dataBase64: PNG } : undefined) });
    const page = html.slice(html.indexOf(`id="cl-${r1.replace(/[^\w-]/g, '_')}"`));
    expect(page.slice(0, page.indexOf('</section>')).split(`base64,${PNG}`).length - 1).toBe(PHOTOS_PER_CHECKLIST);
    expect(html).toContain('3 more photos not shown.');
  });

  it('builds a 5,000-checklist site quickly, reporting progress and honouring cancel', () => {
    const { snap, run } = cxSite(5000);
    run('template.publish', { yaml: YAML, actor: actor() });
    const created = run<GenerateResult>('cx.generate', { templateId: 'test-cx-report', rule: { assetKind: 'rack' }, actor: actor() }).created;
    expect(created).toHaveLength(5001);
    // Answers on a tenth of them, copied from one answered through the command.
    for (const [itemId, value] of [['bonded', 'pass'], ['resistance', 20], ['floor', 'raised']] as const) run('cx.answer', { instanceId: created[0], itemId, value, actor: actor() });
    const template = Object.values(snap.cxAnswers);
    for (const id of created.slice(1, 500)) for (const a of template) snap.cxAnswers[`${id}/${a.itemId}`] = { ...a, id: `${id}/${a.itemId}`, instanceId: id };
    const calls: number[] = [];
    const t0 = performance.now();
    const html = cxReportHtml(snap, { ...opts, onProgress: (done) => calls.push(done) });
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(15_000);
    expect(html.split('<section class="page" id="cl-').length - 1).toBe(500);
    expect(calls.length).toBeGreaterThan(10);
    expect(calls).toEqual([...calls].sort((a, b) => a - b));
    const ac = new AbortController();
    ac.abort();
    expect(() => cxReportHtml(snap, { ...opts, signal: ac.signal })).toThrow(expect.objectContaining({ name: 'AbortError' }));
  }, 60_000);
});
