/**
 * The design-check bench (issue 4, §10): a full check of the whole site, and the incremental
 * re-check after a single edit (`checker.apply([change], next)` then `check()`), each with its
 * median over interleaved runs and its ratio to the full check measured in the same run.
 * Target: the incremental re-check after moving one device ≤ 50 ms.
 *
 * The next snapshot of each edit is built outside the timed region, as the renderer's mirror and
 * the store hand the checker a document that already has the change.
 */
import type { Change } from '../core/model/changes';
import type { Device, DeviceType, DocumentSnapshot } from '../core/model/schema';
import { DesignChecker } from '../core/rules/checker';

export const INCREMENTAL_TARGET_MS = 50;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

interface Edit {
  label: string;
  /** The change and the document after it, for run `i` (edits alternate there and back). */
  make(i: number, current: DocumentSnapshot): { change: Change; next: DocumentSnapshot };
}

/** A device that moves from the bottom of one rack to the free top part of another, and back. */
function moveDevice(snapshot: DocumentSnapshot): Edit {
  const devices = Object.values(snapshot.devices);
  // A powered device, so that the move changes loads, feeds, the chain and the cooling zones.
  const device = devices.find((d) => (snapshot.deviceTypes[d.typeId]?.powerTypicalW ?? 0) > 0)!;
  const racks = Object.keys(snapshot.racks);
  const target = racks.find((id) => id !== device.rackId)!;
  // The free top of the target: above every device in it.
  let top = 0;
  for (const d of devices) if (d.rackId === target) top = Math.max(top, d.position + (snapshot.deviceTypes[d.typeId]?.uHeight ?? 1));
  const there: Device = { ...device, rackId: target, position: Math.min(top + 2, snapshot.racks[target]!.uHeight - 4) };
  return {
    label: `move one device (${device.name} to rack ${snapshot.racks[target]!.name})`,
    make(i, current) {
      const entity = i % 2 === 0 ? there : device;
      return { change: { op: 'put', kind: 'devices', entity }, next: { ...current, devices: { ...current.devices, [device.id]: entity } } };
    },
  };
}

/** One device type's typical power raised by 10 % and back: every rack that uses it is re-analysed. */
function changeTypePower(snapshot: DocumentSnapshot, typeId: string): Edit {
  const type = snapshot.deviceTypes[typeId]!;
  const used = new Set(Object.values(snapshot.devices).filter((d) => d.typeId === typeId).map((d) => d.rackId)).size;
  const raised: DeviceType = { ...type, powerTypicalW: Math.round((type.powerTypicalW ?? 0) * 1.1) };
  return {
    label: `change one device type's power (${type.model}, used in ${used.toLocaleString('en-US')} racks)`,
    make(i, current) {
      const entity = i % 2 === 0 ? raised : type;
      return { change: { op: 'put', kind: 'deviceTypes', entity }, next: { ...current, deviceTypes: { ...current.deviceTypes, [typeId]: entity } } };
    },
  };
}

export interface CheckBenchResult {
  fullMs: number;
  edits: Array<{ label: string; ms: number; ratio: number; runs: number[] }>;
}

export function benchCheck(snapshot: DocumentSnapshot, runs: number): CheckBenchResult {
  const racks = Object.keys(snapshot.racks).length;
  const devices = Object.keys(snapshot.devices).length;
  console.log(`Design check: ${racks.toLocaleString('en-US')} racks, ${devices.toLocaleString('en-US')} devices, ${Object.keys(snapshot.powerElements).length} power elements, ${Object.keys(snapshot.powerFeeds).length.toLocaleString('en-US')} feeds`);
  // The most used powered type: the worst case of a type edit.
  const byUse = new Map<string, Set<string>>();
  for (const d of Object.values(snapshot.devices)) {
    if ((snapshot.deviceTypes[d.typeId]?.powerTypicalW ?? 0) <= 0) continue;
    const s = byUse.get(d.typeId) ?? new Set<string>();
    s.add(d.rackId);
    byUse.set(d.typeId, s);
  }
  const commonest = [...byUse.entries()].sort((a, b) => b[1].size - a[1].size)[0]![0];
  const edits = [moveDevice(snapshot), changeTypePower(snapshot, commonest)];

  const full: number[] = [];
  const inc: number[][] = edits.map(() => []);
  const checkers = edits.map(() => {
    const c = new DesignChecker(snapshot);
    c.check();
    return c;
  });
  const current = edits.map(() => snapshot);
  let findings = -1;
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    const result = new DesignChecker(snapshot).check();
    full.push(performance.now() - t0);
    findings = result.findings.length;
    edits.forEach((edit, k) => {
      const { change, next } = edit.make(i, current[k]!);
      t0 = performance.now();
      checkers[k]!.apply([change], next);
      checkers[k]!.check();
      inc[k]!.push(performance.now() - t0);
      current[k] = next;
    });
  }
  // The incremental result must equal a full check of the same document.
  edits.forEach((edit, k) => {
    const incremental = checkers[k]!.check().findings.map((f) => f.id).join('\n');
    const fresh = new DesignChecker(current[k]!).check().findings.map((f) => f.id).join('\n');
    if (incremental !== fresh) throw new Error(`incremental check after "${edit.label}" differs from a full check`);
  });
  const fullMs = median(full);
  const fmt = (ms: number) => `${ms.toFixed(1).padStart(8)} ms`;
  console.log(`  full check (new DesignChecker(snapshot).check()), ${findings} findings  ${fmt(fullMs)}`);
  console.log(`  all runs: [${full.map((x) => x.toFixed(0)).join(', ')}]`);
  const out: CheckBenchResult = { fullMs, edits: [] };
  edits.forEach((edit, k) => {
    const ms = median(inc[k]!);
    const ratio = ms / fullMs;
    const verdict = k === 0 ? `(target ≤ ${INCREMENTAL_TARGET_MS} ms) ${ms <= INCREMENTAL_TARGET_MS ? 'OK' : 'OVER TARGET'}` : '(touches every rack that uses the type)';
    console.log(`  incremental after: ${edit.label}`);
    console.log(`    apply + check ${fmt(ms)}   ratio to full ${ratio.toFixed(3)}×   ${verdict}`);
    console.log(`    all runs: [${inc[k]!.map((x) => x.toFixed(1)).join(', ')}]`);
    out.edits.push({ label: edit.label, ms, ratio, runs: inc[k]! });
  });
  console.log('  (incremental results checked equal to a full check of the same document)');

  // Where the time of the device move goes: the same edit, timed stage by stage.
  const split: Record<'apply' | 'racks' | 'chain' | 'zones' | 'rest', number[]> = { apply: [], racks: [], chain: [], zones: [], rest: [] };
  const checker = checkers[0]!;
  for (let i = 0; i < Math.max(runs, 5); i++) {
    const { change, next } = edits[0]!.make(runs + i, current[0]!);
    const t0 = performance.now();
    checker.apply([change], next);
    const t1 = performance.now();
    checker.racks();
    const t2 = performance.now();
    checker.chain();
    const t3 = performance.now();
    checker.zones();
    const t4 = performance.now();
    checker.check();
    const t5 = performance.now();
    current[0] = next;
    split.apply.push(t1 - t0);
    split.racks.push(t2 - t1);
    split.chain.push(t3 - t2);
    split.zones.push(t4 - t3);
    split.rest.push(t5 - t4);
  }
  const parts = Object.entries(split).map(([k, v]) => `${k} ${median(v).toFixed(1)} ms`).join(', ');
  console.log(`  device move, stage by stage (medians): ${parts}`);
  console.log('    racks = re-analysis of the touched racks; chain = power chain with every single failure; zones = cooling; rest = layout, environment, sort');
  return out;
}
