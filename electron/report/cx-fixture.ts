/**
 * A commissioned demo project for the report and export tests, built only with the real commands
 * through ProjectStore.execute in a real SQLite file: the demo site, the shipped L2 delivery and
 * L3 rack installation templates, L2 checklists answered and signed on Data Hall 1, L3 started on
 * four racks (a pass signed with a drawn signature, a critical bonding failure with a photo, a
 * blanking failure whose signature was then invalidated, one in progress), and issues moved
 * through their workflow.
 */
import zlib from 'node:zlib';
import type { GenerateResult } from '../../core/commands/cx';
import { answersOf, instanceProgress, templatePlan } from '../../core/cx/progress';
import { parsePublished, publishedId } from '../../core/cx/published';
import type { ColumnItem, Item } from '../../core/cx/template';
import type { CxInstance } from '../../core/model/schema';
import { createProject } from '../services/project-files';
import { builtinTemplates } from '../services/cx';
import type { ProjectStore } from '../store/project-store';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A real PNG (a gradient with a bar, in `rgb`), so each test photo is a distinct, viewable image. */
export function testPng(rgb: [number, number, number], w = 160, h = 120): Buffer {
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      const bar = y > h * 0.4 && y < h * 0.6 && x > w * 0.15 && x < w * 0.85;
      const f = 0.55 + (0.45 * x) / w;
      raw[o] = bar ? 30 : Math.round(rgb[0] * f);
      raw[o + 1] = bar ? 30 : Math.round(rgb[1] * f);
      raw[o + 2] = bar ? 30 : Math.round(rgb[2] * f);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export const SIGNATURE_PATH = 'M 20 86 C 48 20, 70 112, 98 64 S 140 18, 162 78 S 206 104, 232 52 L 250 70 C 270 96, 300 40, 330 58 S 370 80, 386 44';

export const actorAt = (name: string, minutes: number) => {
  const d = new Date(Date.UTC(2026, 10, 20, 8, 0) + minutes * 60_000);
  return { name, deviceId: 'tablet-7', at: `${d.toISOString().slice(0, 19)}+01:00` };
};

let photoSeed = 0;
/** Stores a distinct PNG as a blob and returns its id. */
export function putPhoto(store: ProjectStore, rgb?: [number, number, number]): string {
  photoSeed++;
  const colour: [number, number, number] = rgb ?? [(photoSeed * 67) % 200 + 40, (photoSeed * 131) % 200 + 40, (photoSeed * 29) % 200 + 40];
  return store.putBlob({ mime: 'image/png', data: testPng(colour), width: 160, height: 120 });
}

/** A passing answer for an item (first passing option, a reading inside the limits, …). */
function passing(store: ProjectStore, item: Item | ColumnItem, who: ReturnType<typeof actorAt>): unknown {
  switch (item.type) {
    case 'check':
      return 'pass';
    case 'numeric':
      if (item.target !== undefined) return item.target;
      if (item.min !== undefined && item.max !== undefined) return Math.round((item.min + item.max) / 4);
      return (item.min ?? 0) + 230;
    case 'choice':
      return (item.options.find((o) => o.value === 'dual') ?? item.options.find((o) => o.status === 'pass') ?? item.options[0]!).value;
    case 'text':
      return item.id === 'serial_number' ? 'SN-4471-0092' : 'As per drawings';
    case 'datetime':
      return who.at;
    case 'photo':
      return Array.from({ length: Math.max(1, item.minCount ?? 1) }, () => putPhoto(store));
    case 'file':
      return [store.putBlob({ mime: 'text/plain', data: Buffer.from(`test report ${item.id} ${Math.random()}`) })];
    case 'signature':
      return { name: who.name, ...(item.role ? { role: item.role } : {}), signedAt: who.at };
    case 'table':
      return null;
  }
}

/**
 * Answers every required item still open with a passing value (items shown by earlier answers
 * are answered too); `overrides` give chosen answers first.
 */
export function fillChecklist(store: ProjectStore, instanceId: string, who: ReturnType<typeof actorAt>, overrides: Record<string, { value: unknown; note?: string; photoIds?: string[]; rowKey?: string }> = {}): void {
  const inst = store.get('cxInstances', instanceId) as CxInstance;
  const plan = templatePlan(parsePublished(store.get('cxTemplates', publishedId(inst.templateId, inst.templateVersion))!));
  for (const [itemId, o] of Object.entries(overrides)) store.execute('cx.answer', { instanceId, itemId, ...o, actor: who });
  for (let guard = 0; guard < 200; guard++) {
    const p = instanceProgress(plan, answersOf(store.list('cxAnswers', { field: 'instanceId', value: instanceId })));
    const itemId = p.missing.find((id) => !(id in overrides)) ?? p.missing[0];
    if (itemId === undefined) return;
    const item = plan.byId.get(itemId)!;
    if (item.type === 'table') {
      for (const row of item.rows ?? [{ id: 'r1' }]) {
        const cells = Object.fromEntries(item.columns.filter((c) => !(row as { values?: Record<string, unknown> }).values?.[c.id]).map((c) => [c.id, c.id === 'voltage_v' ? 231.4 : c.id === 'breaker_a' ? 32 : c.id === 'source_circuit' ? `RPP-1${row.id.slice(-1).toUpperCase()} / 14` : passing(store, c, who)]));
        store.execute('cx.answer', { instanceId, itemId, rowKey: row.id, value: cells, actor: who });
      }
    } else store.execute('cx.answer', { instanceId, itemId, value: passing(store, item, who), actor: who });
  }
  throw new Error(`could not complete ${instanceId}`);
}

export interface CxDemo {
  /** Rack names with a started L3 checklist, and what happened on each. */
  signedRack: string;
  failRack: string;
  invalidatedRack: string;
  inProgressRack: string;
  criticalIssueTitle: string;
  manualIssueTitle: string;
  closedIssueTitle: string;
  l2Count: number;
  l3Count: number;
}

/** Builds the commissioned demo at `file` (overwriting nothing: the file must not exist). */
export function buildCxDemo(file: string): CxDemo {
  const store = createProject(file, { demo: true });
  try {
    const cxa = (m: number) => actorAt('Claire Dubois', m);
    const tech = (m: number) => actorAt('Marc Petit', m);
    for (const t of builtinTemplates()) if (t.templateId === 'l2-equipment-delivery' || t.templateId === 'l3-rack-installation') store.execute('template.publish', { yaml: t.yaml, actor: cxa(0) });
    store.execute('cx.settings.update', { issueOwner: 'Claire Dubois' });
    const hall = store.list('rooms').find((r) => r.name === 'Data Hall 1')!;
    const rackName = (id: string) => store.get('racks', id)!.name;
    const l2 = store.execute<GenerateResult>('cx.generate', { templateId: 'l2-equipment-delivery', rule: { assetKind: 'rack', roomId: hall.id }, system: 'facility', actor: cxa(1) }).result.created;
    // Every L2 but the last two is completed and signed; the last has a failure, the other is untouched.
    const byName = [...l2].sort((a, b) => rackName(store.get('cxInstances', a)!.assetId).localeCompare(rackName(store.get('cxInstances', b)!.assetId), 'en', { numeric: true }));
    byName.forEach((id, k) => {
      if (k >= byName.length - 2) return;
      fillChecklist(store, id, tech(10 + k));
      store.execute('cx.signoff', { instanceId: id, scope: 'final', name: 'Claire Dubois', role: 'CxA', company: 'Veritas Cx', actor: cxa(60 + k) });
    });
    const l2Fail = byName[byName.length - 2]!;
    store.execute('cx.answer', { instanceId: l2Fail, itemId: 'no_damage', value: 'fail', note: 'Dented rear door, frame twisted', photoIds: [putPhoto(store, [190, 120, 60])], actor: tech(90) });

    const l3 = store.execute<GenerateResult>('cx.generate', { templateId: 'l3-rack-installation', rule: { assetKind: 'rack', roomId: hall.id }, actor: cxa(120) }).result.created;
    const l3ByName = [...l3].sort((a, b) => rackName(store.get('cxInstances', a)!.assetId).localeCompare(rackName(store.get('cxInstances', b)!.assetId), 'en', { numeric: true }));
    const [signed, fail, invalid, partial] = l3ByName;
    // 1. All pass, signed with a drawn signature.
    fillChecklist(store, signed!, tech(130), { bonding_resistance: { value: 12.5 }, bonding_photo: { value: [putPhoto(store, [80, 140, 200])] } });
    store.execute('cx.signoff', { instanceId: signed!, scope: 'final', name: 'Claire Dubois', role: 'CxA', company: 'Veritas Cx', signature: { format: 'svg-path', data: SIGNATURE_PATH }, actor: cxa(150) });
    // 2. Bonding resistance far over the limit: a critical issue, with a photo.
    const bad = putPhoto(store, [200, 60, 50]);
    fillChecklist(store, fail!, tech(160), { bonding_resistance: { value: 184.2, note: 'Paint not removed under the bonding lug', photoIds: [bad] } });
    const critical = store.list('cxIssues').find((i) => i.instanceId === fail)!;
    store.execute('cx.issue.update', { id: critical.id, patch: { assignee: 'Marc Petit', dueDate: '2026-11-01', cause: 'Lug fitted on a painted surface', recommendation: 'Remove paint, refit the lug, measure again' }, actor: cxa(170) });
    store.execute('cx.issue.transition', { id: critical.id, to: 'in-progress', actor: tech(175) });
    // 3. Blanking failed (minor issue raised), signed, then an answer changed: the signature no longer holds.
    fillChecklist(store, invalid!, tech(180), { blanking: { value: 'fail', note: 'U18–U20 open', photoIds: [putPhoto(store, [60, 160, 90])] } });
    store.execute('cx.signoff', { instanceId: invalid!, scope: 'final', name: 'Claire Dubois', role: 'CxA', company: 'Veritas Cx', signature: { format: 'svg-path', data: SIGNATURE_PATH }, actor: cxa(200) });
    store.execute('cx.answer', { instanceId: invalid!, itemId: 'brush_strips', value: 'fail', note: 'Brush strip torn at the top entry', reason: 'Re-inspected after cable pull', actor: cxa(220) });
    const minor = store.list('cxIssues').find((i) => i.instanceId === invalid && i.itemId === 'blanking')!;
    store.execute('cx.issue.update', { id: minor.id, patch: { assignee: 'Marc Petit' }, actor: cxa(221) });
    store.execute('cx.issue.transition', { id: minor.id, to: 'resolved', note: 'Blanking panels fitted', actor: tech(240) });
    store.execute('cx.issue.transition', { id: minor.id, to: 'closed', note: 'Verified on site', actor: cxa(260) });
    // 4. In progress: two answers.
    store.execute('cx.answer', { instanceId: partial!, itemId: 'location_matches', value: 'pass', actor: tech(300) });
    store.execute('cx.answer', { instanceId: partial!, itemId: 'floor_type', value: 'raised-floor', actor: tech(301) });
    // A manual observation, not linked to a checklist.
    const manualTitle = 'Cold aisle door closer slams';
    store.execute('cx.issue.create', { title: manualTitle, severity: 'observation', location: 'Data Hall 1, cold aisle A/B', roomId: hall.id, assignee: 'Marc Petit', dueDate: '2026-12-15', actor: cxa(310) });
    const crit = store.get('cxIssues', critical.id)!;
    return {
      signedRack: rackName(store.get('cxInstances', signed!)!.assetId), failRack: rackName(store.get('cxInstances', fail!)!.assetId),
      invalidatedRack: rackName(store.get('cxInstances', invalid!)!.assetId), inProgressRack: rackName(store.get('cxInstances', partial!)!.assetId),
      criticalIssueTitle: crit.title, manualIssueTitle: manualTitle, closedIssueTitle: minor.title, l2Count: l2.length, l3Count: l3.length,
    };
  } finally {
    store.close();
  }
}
