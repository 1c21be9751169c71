/**
 * `npm run bench`: Plenum's performance targets, each printed with its ratio to a baseline
 * measured in the same run (machines are noisy, so runs are interleaved and medians quoted).
 *
 *  1. import: a plenum/1 document with 5,000 racks and 100,000 devices, versus a bare
 *     better-sqlite3 insert of the same rows into the same tables in one transaction.
 *     Target: Plenum ≤ 2× the bare floor.
 *  2. open: opening that project (integrity check included), and loading the document mirror:
 *     the snapshot in main, and in the real renderer (browser mode, headless Chromium) the time
 *     until the mirror is loaded.
 *  3. design checks (check.ts): a full check of that project (racks, 2N power chain with every
 *     single failure, cooling, layout), and the incremental re-check after one edit, with its
 *     ratio to the full check. Target: re-check after moving one device ≤ 50 ms.
 *  4. the 3D view (render3d.ts): draw calls and frame time for 100, 1,000 and 2,000 racks in one
 *     hall. Targets: draw calls flat, frame time sub-linear.
 *  5. commissioning (cx.ts): cx.generate on 5,000 racks × 40 items, answering one item per commit
 *     (target ≤ 5 ms), and the progress roll-up over 200,000 items (target ≤ 200 ms).
 *     `BENCH_ONLY=cx` runs only this one.
 *  6. environment readings (readings.ts): importing 1,000,000 readings versus the bare insert
 *     floor (target ≤ 3×), and a chart of a year of 5-minute readings (target ≤ 100 ms).
 *     `BENCH_ONLY=readings`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parseInterchangeText } from '../core/interchange/plenum1';
import type { AnyEntity } from '../core/model/schema';
import { ENTITY_KINDS } from '../core/model/schema';
import { MIGRATIONS } from '../electron/store/migrations';
import { PLENUM_APPLICATION_ID, ProjectStore } from '../electron/store/project-store';
import { TABLES, toRow } from '../electron/store/tables';
import { benchCheck } from './check';
import { benchCx } from './cx';
import { generateSite } from './generate';
import { benchReadings } from './readings';
import { benchRender3d } from './render3d';
import { benchReport } from './report';
import { benchRendererMirror } from './renderer-mirror';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** `BENCH_ONLY=check` runs only the design-check bench (on the same generated project); `BENCH_ONLY=import` only the import. */
const ONLY = process.env.BENCH_ONLY;
const RACKS = Number(process.env.BENCH_RACKS ?? 5000);
const DEVICES_PER_RACK = 20;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const fmt = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`;
const rate = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString('en-US').padStart(9)} rows/s`;

function bareInsert(file: string, text: string): number {
  const t0 = performance.now();
  const doc = JSON.parse(text) as Record<string, AnyEntity[]>;
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma(`application_id = ${PLENUM_APPLICATION_ID}`);
  for (const m of MIGRATIONS) db.exec(m.up);
  db.transaction(() => {
    for (const kind of ENTITY_KINDS) {
      const def = TABLES[kind];
      const cols = [...def.columns.map((c) => c.name), 'extra'];
      const insert = db.prepare(`INSERT INTO ${def.table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
      for (const entity of doc[kind] ?? []) insert.run(toRow(kind, entity));
    }
  })();
  db.close();
  return performance.now() - t0;
}

function plenumImport(file: string, text: string): number {
  const t0 = performance.now();
  const parsed = parseInterchangeText(text);
  if (!parsed.ok) throw new Error(parsed.issues[0]!.message);
  const store = ProjectStore.create(file, { name: 'bench' });
  store.execute('document.import', { document: parsed.value });
  store.close();
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-bench-'));
  console.log(`Plenum bench — ${os.cpus().length} cores, Node ${process.version}, ${RUNS} interleaved runs, medians\n`);
  if (ONLY === 'cx') {
    benchCx(dir, RUNS, RACKS);
    fs.rmSync(dir, { recursive: true, force: true });
    return;
  }
  if (ONLY === 'readings') {
    benchReadings(dir, Math.min(RUNS, 3));
    fs.rmSync(dir, { recursive: true, force: true });
    return;
  }
  if (ONLY === 'report') {
    await benchReport(dir);
    fs.rmSync(dir, { recursive: true, force: true });
    return;
  }
  const doc = generateSite(RACKS, DEVICES_PER_RACK);
  const rows = ENTITY_KINDS.reduce((n, kind) => n + ((doc as unknown as Record<string, unknown[]>)[kind]?.length ?? 0), 0);
  const text = JSON.stringify(doc);
  if (ONLY === 'check') {
    const file = path.join(dir, 'check.plenum');
    plenumImport(file, text);
    const store = ProjectStore.open(file, { readOnly: true });
    const snapshot = store.snapshot();
    store.close();
    benchCheck(snapshot, RUNS);
    fs.rmSync(dir, { recursive: true, force: true });
    return;
  }
  console.log(`Import: ${doc.racks.length.toLocaleString('en-US')} racks, ${doc.devices.length.toLocaleString('en-US')} devices (${rows.toLocaleString('en-US')} rows, ${(text.length / 1e6).toFixed(1)} MB JSON)`);

  const bare: number[] = [];
  const plenum: number[] = [];
  let keep = '';
  for (let i = 0; i < RUNS; i++) {
    const b = path.join(dir, `bare-${i}.db`);
    const p = path.join(dir, `plenum-${i}.plenum`);
    // Alternate the order so that neither side always runs on a warmer machine.
    if (i % 2 === 0) {
      bare.push(bareInsert(b, text));
      plenum.push(plenumImport(p, text));
    } else {
      plenum.push(plenumImport(p, text));
      bare.push(bareInsert(b, text));
    }
    fs.rmSync(b, { force: true });
    if (i === 0) keep = p;
    else fs.rmSync(p, { force: true });
  }
  const mb = median(bare);
  const mp = median(plenum);
  console.log(`  bare better-sqlite3 insert (parse + insert, 1 txn) ${fmt(mb)}  ${rate(rows, mb)}`);
  console.log(`  plenum import (parse + validate + write + undo log) ${fmt(mp)}  ${rate(rows, mp)}`);
  console.log(`  ratio plenum / bare                                 ${(mp / mb).toFixed(2)}×   (target ≤ 2.00×) ${mp / mb <= 2 ? 'OK' : 'OVER TARGET'}`);
  console.log(`  all runs: bare [${bare.map((x) => x.toFixed(0)).join(', ')}] plenum [${plenum.map((x) => x.toFixed(0)).join(', ')}]\n`);
  if (ONLY === 'import') {
    fs.rmSync(dir, { recursive: true, force: true });
    return;
  }

  console.log(`Open the ${doc.racks.length.toLocaleString('en-US')}-rack project`);
  const opens: number[] = [];
  const snaps: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t0 = performance.now();
    const store = ProjectStore.open(keep);
    opens.push(performance.now() - t0);
    t0 = performance.now();
    const snap = store.snapshot();
    JSON.stringify(snap);
    snaps.push(performance.now() - t0);
    store.close();
  }
  console.log(`  open (header checks, lock, integrity_check)         ${fmt(median(opens))}`);
  console.log(`  document snapshot in main (read + serialise)        ${fmt(median(snaps))}`);
  const mirror = await benchRendererMirror(keep, path.join(dir, 'userdata'), RUNS);
  if (mirror) {
    console.log(`  renderer mirror loaded (browser mode, page load → mirror ready) ${fmt(median(mirror))}`);
    console.log(`  all runs: [${mirror.map((x) => x.toFixed(0)).join(', ')}]`);
  }
  console.log('');
  const checked = ProjectStore.open(keep, { readOnly: true });
  const snapshot = checked.snapshot();
  checked.close();
  benchCheck(snapshot, RUNS);
  await benchRender3d(dir);
  await benchReport(dir);
  benchCx(dir, RUNS, RACKS);
  benchReadings(dir, Math.min(RUNS, 3));
  fs.rmSync(dir, { recursive: true, force: true });
}

await main();
