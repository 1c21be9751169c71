import { describe, expect, it } from 'vitest';
import type { GenerateResult } from '../../../core/commands/cx';
import { actor, cxSite, L2_YAML, L3_YAML } from '../../../core/cx/test-site';
import type { CxIssue } from '../../../core/model/schema';
import type { UpgradeResult } from '../../../core/commands/cx';
import { assetTree, burndown, instanceView, localTimeWithOffset, newerVersion, numericLimits, signState, stepItem, transitionAllowed, upgradePreview, walkItems } from './logic';
import { fitWithin } from './photo';

describe('localTimeWithOffset', () => {
  it('writes the local wall time with the offset the commands require', () => {
    const s = localTimeWithOffset(new Date(2026, 10, 25, 9, 5, 7, 42));
    expect(s).toMatch(/^2026-11-25T09:05:07\.042([+-]\d{2}:\d{2})$/);
    // The text and the offset together name the same instant as the Date.
    expect(Date.parse(s)).toBe(new Date(2026, 10, 25, 9, 5, 7, 42).getTime());
  });
});

describe('fitWithin', () => {
  it('downscales the long side to 2048 px and never enlarges', () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: 2048, height: 1536 });
    expect(fitWithin(3000, 6000)).toEqual({ width: 1024, height: 2048 });
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
  });
});

describe('burndown', () => {
  it('counts answers per local day and falls to what is left', () => {
    const pts = burndown([
      { at: '2026-11-24T23:30:00+01:00', status: 'pass' },
      { at: '2026-11-25T08:00:00+01:00', status: 'fail' },
      { at: '2026-11-25T09:00:00+01:00', status: 'pass' },
      { at: '2026-11-26T09:00:00+01:00', status: null },
    ], 10, 7);
    expect(pts).toEqual([{ date: '2026-11-23', answered: 0, remaining: 10 }, { date: '2026-11-24', answered: 1, remaining: 9 }, { date: '2026-11-25', answered: 2, remaining: 7 }]);
    expect(burndown([{ at: '2026-03-01T10:00:00-05:00', status: 'pass' }], 4, 3).map((p) => p.date)).toEqual(['2026-02-28', '2026-03-01']);
    expect(burndown([], 5, 5)).toEqual([]);
  });
});

describe('transitionAllowed', () => {
  const issue = { id: 'i', title: 't', severity: 'major', status: 'open', owner: 'Olga', assignee: 'Ana', createdBy: 'x', createdAt: '2026-11-25T10:00:00Z', author: 'x', deviceId: 'd', at: '2026-11-25T10:00:00Z' } as CxIssue;
  it('mirrors the command: assignee resolves, owner closes and reopens', () => {
    expect(transitionAllowed(issue, 'resolved', 'ana')).toEqual({ ok: true });
    expect(transitionAllowed(issue, 'resolved', 'Olga')).toEqual({ ok: false, why: 'assignee' });
    expect(transitionAllowed(issue, 'closed', 'Olga')).toEqual({ ok: false, why: 'state' });
    expect(transitionAllowed({ ...issue, status: 'resolved' }, 'closed', 'Ana')).toEqual({ ok: false, why: 'owner' });
    expect(transitionAllowed({ ...issue, status: 'resolved' }, 'closed', 'Olga')).toEqual({ ok: true });
    expect(transitionAllowed({ ...issue, assignee: undefined } as CxIssue, 'resolved', 'Olga')).toEqual({ ok: false, why: 'unassigned' });
    expect(transitionAllowed(issue, 'in-progress', 'Zoe')).toEqual({ ok: false, why: 'assigneeOrOwner' });
  });
});

describe('numericLimits', () => {
  it('describes a range, a one-sided limit or a target with tolerance', () => {
    const base = { id: 'v', type: 'numeric' as const, label: 'V', unit: 'V' };
    expect(numericLimits({ ...base, min: 0, max: 100 })).toEqual({ kind: 'range', min: 0, max: 100 });
    expect(numericLimits({ ...base, max: 5 })).toEqual({ kind: 'range', max: 5 });
    expect(numericLimits({ ...base, target: 230, tolerance: 5 })).toEqual({ kind: 'target', target: 230, tol: 5, pct: false });
    expect(numericLimits({ ...base, target: 50, tolerancePct: 2 })).toEqual({ kind: 'target', target: 50, tol: 2, pct: true });
    expect(numericLimits(base)).toBeNull();
  });
});

describe('instanceView on the mirror', () => {
  function site() {
    const s = cxSite(2);
    s.run('template.publish', { yaml: L2_YAML, actor: actor() });
    s.run('template.publish', { yaml: L3_YAML, actor: actor() });
    const l2 = s.run<GenerateResult>('cx.generate', { templateId: 'test-l2', rule: { assetKind: 'rack', roomId: 'room:a' }, actor: actor() });
    const l3 = s.run<GenerateResult>('cx.generate', { templateId: 'test-l3', rule: { assetKind: 'rack', roomId: 'room:a' }, allowGated: true, actor: actor() });
    return { ...s, l2: l2.created, l3: l3.created };
  }

  it('shows why an L3 cannot start until the L2 is complete and signed, then lets it start', () => {
    const s = site();
    const l2 = s.l2[0]!;
    const l3 = s.snap.cxInstances[s.l3[0]!]!;
    expect(l3.assetId).toBe(s.snap.cxInstances[l2]!.assetId);
    expect(instanceView(s.snap, l3.id)!.gate.map((r) => r.code).sort()).toEqual(['incomplete', 'unsigned']);
    s.run('cx.answer', { instanceId: l2, itemId: 'damage_free', value: 'pass', actor: actor() });
    s.run('cx.answer', { instanceId: l2, itemId: 'voltage', value: 231, actor: actor() });
    s.run('cx.answer', { instanceId: l2, itemId: 'seal', value: 'pass', actor: actor() });
    expect(instanceView(s.snap, l3.id)!.gate.map((r) => r.code)).toEqual(['unsigned']);
    s.run('cx.signoff', { instanceId: l2, scope: 'final', name: 'Olga', role: 'CxA', actor: actor('Olga') });
    expect(instanceView(s.snap, l3.id)!.gate).toEqual([]);
    const sign = signState(instanceView(s.snap, l2)!.signOffs);
    expect(sign.final?.name).toBe('Olga');
    // A later change with a reason invalidates the signature: the banner shows it struck through.
    s.run('cx.answer', { instanceId: l2, itemId: 'seal', value: 'na', reason: 'seal replaced', actor: actor() });
    const after = signState(instanceView(s.snap, l2)!.signOffs);
    expect(after.final).toBeNull();
    expect(after.invalidated[0]?.invalidatedReason).toBe('seal replaced');
  });

  it('walks visible items in order and groups checklists under their room', () => {
    const s = site();
    const view = instanceView(s.snap, s.l2[0]!)!;
    const items = walkItems(view).map((i) => i.id);
    expect(items).toEqual(['damage_free', 'voltage', 'remark', 'seal']);
    expect(stepItem(walkItems(view), 'voltage', 1)).toBe('remark');
    expect(stepItem(walkItems(view), 'damage_free', -1)).toBe('damage_free');
    expect(stepItem(walkItems(view), 'seal', 1)).toBe('seal');
    const tree = assetTree(s.snap);
    expect(tree.map((n) => n.name)).toEqual(['Hall A', 'Hall B']);
    expect(tree[0]!.children.map((c) => c.name)).toEqual(['R1', 'R2']);
  });
});

describe('upgradePreview', () => {
  // Version 2 of test-l2: the voltage limits tightened (changed), the remark removed, the rest the
  // same but written with its keys in another order (still the same item).
  const V2 = L2_YAML.replace('version: 1', 'version: 2')
    .replace('target: 230, tolerance: 5', 'target: 230, tolerance: 3')
    .replace("      - {id: remark, type: text, label: Remark, required: false}\n", '')
    .replace('{id: seal, type: check, label: Seal intact, allowNA: true, onFail: {raiseIssue: minor}}', '{label: Seal intact, id: seal, onFail: {raiseIssue: minor}, type: check, allowNA: true}');

  it('predicts exactly what cx.instance.upgrade keeps and drops, and which signatures it invalidates', () => {
    const s = cxSite(1);
    s.run('template.publish', { yaml: L2_YAML, actor: actor() });
    const id = s.run<GenerateResult>('cx.generate', { templateId: 'test-l2', rule: { assetKind: 'rack', roomId: 'room:a' }, actor: actor() }).created[0]!;
    s.run('cx.answer', { instanceId: id, itemId: 'damage_free', value: 'pass', actor: actor() });
    s.run('cx.answer', { instanceId: id, itemId: 'voltage', value: 231, actor: actor() });
    s.run('cx.answer', { instanceId: id, itemId: 'remark', value: 'fine', actor: actor() });
    s.run('cx.answer', { instanceId: id, itemId: 'seal', value: 'pass', actor: actor() });
    s.run('cx.signoff', { instanceId: id, scope: 'final', name: 'Olga', role: 'CxA', actor: actor('Olga') });
    expect(newerVersion(s.snap, s.snap.cxInstances[id]!)).toBeNull();
    expect(upgradePreview(s.snap, id)).toBeNull();
    s.run('template.publish', { yaml: V2, actor: actor() });
    expect(newerVersion(s.snap, s.snap.cxInstances[id]!)).toBe(2);

    const preview = upgradePreview(s.snap, id)!;
    expect(preview.kept.map((k) => k.itemId).sort()).toEqual(['damage_free', 'seal']);
    expect(preview.dropped.map((d) => [d.itemId, d.why]).sort()).toEqual([['remark', 'removed'], ['voltage', 'changed']]);
    expect(preview.signOffs.map((x) => x.name)).toEqual(['Olga']);

    const result = s.run<UpgradeResult>('cx.instance.upgrade', { instanceId: id, reason: 'v2 limits', actor: actor() });
    expect([...result.kept].sort()).toEqual(preview.kept.map((k) => k.answerId).sort());
    expect(result.dropped.map((d) => [d.itemId, d.why]).sort()).toEqual(preview.dropped.map((d) => [d.itemId, d.why]).sort());
    expect(result.invalidatedSignOffs).toEqual(preview.signOffs.map((x) => x.id));
    expect(upgradePreview(s.snap, id)).toBeNull();
  });
});
