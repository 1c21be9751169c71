/**
 * The commissioning bench (issue 5): through the real commands into a real SQLite project file,
 *  1. `cx.generate`: a 40-item template on every rack of a 5,000-rack hall (one command, one undo
 *     step), with its ratio to a bare better-sqlite3 insert of the same rows;
 *  2. `cx.answer`: one item per commit (plan, gating, status, audit log with its hash chain,
 *     undo log), median of many. Target ≤ 5 ms;
 *  3. progress roll-up (core/cx/progress.ts) over 200,000 items — 5,000 checklists × 40 items, a
 *     quarter of them fully answered — per instance, asset, level, room and system. Target ≤ 200 ms.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CxAnswer } from '../core/model/schema';
import type { GenerateResult } from '../core/commands/cx';
import { groupAnswers, progressReport } from '../core/cx/progress';
import { publishedTemplate } from '../core/cx/published';
import { SnapshotReader } from '../core/model/changes';
import { MIGRATIONS } from '../electron/store/migrations';
import { ProjectStore } from '../electron/store/project-store';
import { TABLES, toRow } from '../electron/store/tables';

export const ANSWER_TARGET_MS = 5;
export const ROLLUP_TARGET_MS = 200;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** A 40-item L3 template: checks, numeric readings with tolerances, choices, text and a condition. */
export function benchTemplate(): string {
  const sections: string[] = [];
  for (let s = 0; s < 4; s++) {
    const items: string[] = [];
    for (let i = 0; i < 10; i++) {
      const id = `s${s}_i${i}`;
      if (i % 4 === 0) items.push(`      - {id: ${id}, type: check, label: Check ${id}, onFail: {requireNote: true, raiseIssue: minor}}`);
      else if (i % 4 === 1) items.push(`      - {id: ${id}, type: numeric, label: Reading ${id}, unit: V, target: 230, tolerancePct: 10}`);
      else if (i % 4 === 2) items.push(`      - {id: ${id}, type: choice, label: Choice ${id}, options: [{value: ok, status: pass}, {value: bad, status: fail}]}`);
      else if (i === 3) items.push(`      - {id: ${id}, type: text, label: Remark ${id}, required: false}`);
      else items.push(`      - {id: ${id}, type: check, label: Conditional ${id}, allowNA: true, visibleIf: s${s}_i2 == 'ok'}`);
    }
    sections.push(`  - id: sec${s}\n    title: Section ${s}\n${s === 3 ? '    signOff: true\n' : ''}    items:\n${items.join('\n')}`);
  }
  return `id: bench-rack\nversion: 1\ntitle: Bench rack installation\nlevel: L3\nappliesTo: [{kind: rack}]\nsections:\n${sections.join('\n')}\n`;
}

function siteDocument(racks: number) {
  const cols = 100;
  const rows = Math.ceil(racks / cols);
  const room = { id: 'room:hall-a', name: 'Hall A', widthMm: cols * 700 + 2000, depthMm: rows * 2400 + 2000 };
  const list = Array.from({ length: racks }, (_, i) => ({
    id: `rack:${String(i).padStart(5, '0')}`, name: `R${i}`, roomId: room.id, xMm: 1000 + (i % cols) * 700, yMm: 1000 + Math.floor(i / cols) * 2400,
    rotationDeg: 0, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 10, maxKg: 1200,
  }));
  return { format: 'plenum/1', rooms: [room], racks: list };
}

const actor = (i = 0) => ({ name: 'Bench', deviceId: 'bench-1', at: new Date(Date.UTC(2026, 10, 25, 10, 0, i % 60)).toISOString() });

export interface CxBenchResult {
  generateMs: number;
  bareMs: number;
  answerMs: number;
  rollupMs: number;
}

export function benchCx(dir: string, runs: number, racks = 5000): CxBenchResult {
  const fmt = (ms: number) => `${ms.toFixed(1).padStart(8)} ms`;
  const yaml = benchTemplate();
  console.log(`Commissioning: a 40-item checklist on each of ${racks.toLocaleString('en-US')} racks`);
  const gen: number[] = [];
  const bare: number[] = [];
  let keep = '';
  let created: string[] = [];
  for (let r = 0; r < runs; r++) {
    const file = path.join(dir, `cx-${r}.plenum`);
    const store = ProjectStore.create(file, { name: 'cx bench' });
    store.execute('document.import', { document: siteDocument(racks) });
    store.execute('template.publish', { yaml, actor: actor() });
    const t0 = performance.now();
    const res = store.execute<GenerateResult>('cx.generate', { templateId: 'bench-rack', rule: { assetKind: 'rack', roomId: 'room:hall-a' }, actor: actor() });
    gen.push(performance.now() - t0);
    if (res.result.created.length !== racks) throw new Error(`generated ${res.result.created.length} checklists, expected ${racks}`);
    // Idempotent: a second run keeps every checklist.
    if (store.execute<GenerateResult>('cx.generate', { templateId: 'bench-rack', rule: { assetKind: 'rack', roomId: 'room:hall-a' }, actor: actor() }).result.kept !== racks) throw new Error('generation is not idempotent');
    const instances = store.list('cxInstances');
    store.close();
    // The floor: the same rows inserted with bare better-sqlite3 in one transaction.
    const bareFile = path.join(dir, `cx-bare-${r}.db`);
    const db = new Database(bareFile);
    db.pragma('journal_mode = WAL');
    for (const m of MIGRATIONS) db.exec(m.up);
    const def = TABLES.cxInstances;
    const cols = [...def.columns.map((c) => c.name), 'extra'];
    const insert = db.prepare(`INSERT INTO ${def.table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
    const b0 = performance.now();
    db.transaction(() => {
      for (const inst of instances) insert.run(toRow('cxInstances', inst));
    })();
    bare.push(performance.now() - b0);
    db.close();
    fs.rmSync(bareFile, { force: true });
    if (r === 0) {
      keep = file;
      created = instances.map((i) => i.id);
    } else fs.rmSync(file, { force: true });
  }
  const mg = median(gen);
  const mb = median(bare);
  console.log(`  cx.generate (5,000 instances, one undo step)        ${fmt(mg)}`);
  console.log(`  bare better-sqlite3 insert of the same rows          ${fmt(mb)}`);
  console.log(`  ratio plenum / bare                                  ${(mg / mb).toFixed(2)}×`);
  console.log(`  all runs: generate [${gen.map((x) => x.toFixed(0)).join(', ')}] bare [${bare.map((x) => x.toFixed(1)).join(', ')}]`);

  // Answering: one item per commit, across checklists (first answers pass the level gate too).
  const store = ProjectStore.open(keep);
  const answerTimes: number[] = [];
  const items = ['s0_i0', 's0_i1', 's0_i2', 's1_i1', 's2_i0', 's3_i2'];
  const N = Math.max(300, runs * 60);
  for (let i = 0; i < N; i++) {
    const instanceId = created[(i * 37) % created.length]!;
    const itemId = items[i % items.length]!;
    const value = itemId.endsWith('i1') ? 225 + (i % 10) : itemId.endsWith('i2') ? 'ok' : 'pass';
    const t0 = performance.now();
    store.execute('cx.answer', { instanceId, itemId, value, actor: actor(i) });
    answerTimes.push(performance.now() - t0);
  }
  const ma = median(answerTimes);
  const p95 = [...answerTimes].sort((a, b) => a - b)[Math.floor(answerTimes.length * 0.95)]!;
  console.log(`  cx.answer, one item per commit (median of ${N})      ${fmt(ma)}   p95 ${p95.toFixed(1)} ms   ratio to target ${(ma / ANSWER_TARGET_MS).toFixed(2)}×   (target ≤ ${ANSWER_TARGET_MS} ms) ${ma <= ANSWER_TARGET_MS ? 'OK' : 'OVER TARGET'}`);
  console.log(`  audit log: ${store.auditLog().total.toLocaleString('en-US')} entries, hash chain ${store.verifyAuditLog().ok ? 'verified' : 'BROKEN'}`);
  const snap = store.snapshot();
  store.close();

  // Roll-up: a quarter of the checklists fully answered (in memory: the roll-up is pure).
  const doc = new SnapshotReader(snap);
  const template = publishedTemplate(doc, 'bench-rack', 1)!;
  const answers: CxAnswer[] = Object.values(snap.cxAnswers);
  const answered = new Set(answers.map((a) => a.instanceId));
  let k = 0;
  for (const id of created) {
    if (k++ % 4 !== 0 || answered.has(id)) continue;
    for (const item of template.sections.flatMap((s) => s.items)) {
      const value = item.type === 'numeric' ? 231 : item.type === 'choice' ? 'ok' : item.type === 'text' ? 'fine' : 'pass';
      answers.push({ id: `${id}/${item.id}`, instanceId: id, itemId: item.id, value, status: 'pass', author: 'Bench', deviceId: 'bench-1', at: '2026-11-25T10:00:00Z' });
    }
  }
  const instances = Object.values(snap.cxInstances);
  const totalItems = instances.length * 40;
  const roll: number[] = [];
  let report: ReturnType<typeof progressReport> | undefined;
  for (let r = 0; r < Math.max(runs, 5); r++) {
    const t0 = performance.now();
    report = progressReport({ instances, answersByInstance: groupAnswers(answers), templateOf: (i) => publishedTemplate(doc, i.templateId, i.templateVersion) });
    roll.push(performance.now() - t0);
  }
  const mr = median(roll);
  console.log(`  progress roll-up, ${totalItems.toLocaleString('en-US')} items (${answers.length.toLocaleString('en-US')} answers), by instance/asset/level/room/system ${fmt(mr)}   ratio to target ${(mr / ROLLUP_TARGET_MS).toFixed(2)}×   (target ≤ ${ROLLUP_TARGET_MS} ms) ${mr <= ROLLUP_TARGET_MS ? 'OK' : 'OVER TARGET'}`);
  console.log(`    per item ${((mr * 1e6) / totalItems).toFixed(0)} ns; totals: ${JSON.stringify(report!.totals)}`);
  console.log(`    all runs: [${roll.map((x) => x.toFixed(1)).join(', ')}]\n`);
  fs.rmSync(keep, { force: true });
  return { generateMs: mg, bareMs: mb, answerMs: ma, rollupMs: mr };
}
