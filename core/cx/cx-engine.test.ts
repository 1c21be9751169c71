import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CX_ASSET_KINDS, CX_LEVELS, CX_SEVERITIES } from '../model/schema';
import type { CxIssue, CxSignOff } from '../model/schema';
import { PlenumError } from '../model/errors';
import type { AnswerResult, GenerateResult, UpgradeResult } from '../commands/cx';
import { auditToCsv, auditToJson, diffEntity, type AuditEntry } from './audit';
import { gateReasons, type GateInstance } from './gating';
import { answersOf, groupAnswers, instanceProgress, progressReport, templatePlan } from './progress';
import { publishedTemplate } from './published';
import { ASSET_KINDS, ISSUE_SEVERITIES, LEVELS } from './template';
import { actor, cxSite, L2_YAML, L3_YAML } from './test-site';

const builtIn = (name: string) => fs.readFileSync(new URL(`../../assets/templates/${name}.yaml`, import.meta.url), 'utf8');

function refusal(fn: () => unknown): PlenumError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PlenumError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

/** A site with both test templates published and L2 generated on the racks of Hall A. */
function withL2() {
  const site = cxSite();
  site.run('template.publish', { yaml: L2_YAML, actor: actor() });
  site.run('template.publish', { yaml: L3_YAML, actor: actor() });
  const gen = site.run<GenerateResult>('cx.generate', { templateId: 'test-l2', rule: { assetKind: 'rack', roomId: 'room:a' }, actor: actor() });
  return { ...site, l2: gen.created };
}

function completeL2(site: ReturnType<typeof withL2>, instanceId: string) {
  site.run('cx.answer', { instanceId, itemId: 'damage_free', value: 'pass', actor: actor() });
  site.run('cx.answer', { instanceId, itemId: 'voltage', value: 231, actor: actor() });
  site.run('cx.answer', { instanceId, itemId: 'seal', value: 'pass', actor: actor() });
}

describe('shared enumerations', () => {
  it('are the same in the model and in the template format', () => {
    expect([...CX_LEVELS]).toEqual([...LEVELS]);
    expect([...CX_SEVERITIES]).toEqual([...ISSUE_SEVERITIES]);
    expect([...CX_ASSET_KINDS]).toEqual([...ASSET_KINDS]);
  });
});

describe('template.publish', () => {
  it('freezes a version: the same text again is a no-op, different text is refused', () => {
    const { run, snap } = cxSite();
    expect(run('template.publish', { yaml: L2_YAML, actor: actor() })).toEqual({ id: 'test-l2@1', unchanged: false });
    expect(run('template.publish', { yaml: L2_YAML, actor: actor() })).toEqual({ id: 'test-l2@1', unchanged: true });
    const e = refusal(() => run('template.publish', { yaml: L2_YAML.replace('Free of damage', 'No damage'), actor: actor() }));
    expect(e.code).toBe('conflict');
    expect(e.message).toMatch(/already published and frozen; publish the change as version 2/);
    expect(snap.cxTemplates['test-l2@1']!.yaml).toBe(L2_YAML);
    run('template.publish', { yaml: L2_YAML.replace('version: 1', 'version: 3'), actor: actor() });
    expect(refusal(() => run('template.publish', { yaml: L2_YAML.replace('version: 1', 'version: 2'), actor: actor() })).message).toMatch(/version 3; a new version must be higher/);
  });

  it('refuses a template with lint errors, with their lines', () => {
    const { run } = cxSite();
    const e = refusal(() => run('template.publish', { yaml: L2_YAML.replace("remark, type: text", "remark, type: text, visibleIf: nope == 1"), actor: actor() }));
    expect(e.message).toMatch(/error/);
    expect(e.details?.[0]?.message).toMatch(/^line \d+:/);
  });
});

describe('cx.generate', () => {
  it('gives every rack of a room the template, and keeps existing checklists when run again', () => {
    const site = withL2();
    expect(site.l2).toHaveLength(3);
    const inst = site.snap.cxInstances[site.l2[0]!]!;
    expect(inst).toMatchObject({ templateId: 'test-l2', templateVersion: 1, level: 'L2', assetKind: 'rack', roomId: 'room:a', createdBy: 'Ana' });
    const again = site.run<GenerateResult>('cx.generate', { templateId: 'test-l2', rule: { assetKind: 'rack' }, actor: actor() });
    expect(again.kept).toBe(3);
    expect(again.created).toHaveLength(1); // rack:b1 in Hall B
    expect(Object.keys(site.snap.cxInstances)).toHaveLength(4);
  });

  it('refuses asset kinds the template does not apply to', () => {
    const site = withL2();
    expect(refusal(() => site.run('cx.generate', { templateId: 'test-l2', rule: { assetKind: 'room' }, actor: actor() })).message).toMatch(/applies to rack, not to room/);
  });

  it('skips gated assets with their reasons, unless told to plan ahead', () => {
    const site = withL2();
    const gen = site.run<GenerateResult>('cx.generate', { templateId: 'test-l3', rule: { assetKind: 'rack' }, actor: actor() });
    expect(gen.created).toHaveLength(0);
    expect(gen.blocked).toHaveLength(4);
    const b1 = gen.blocked.find((b) => b.assetId === 'rack:b1')!;
    expect(b1.reasons.map((r) => r.code)).toEqual(['missing-prerequisite']);
    const r1 = gen.blocked.find((b) => b.assetId === 'rack:1')!;
    expect(r1.reasons.map((r) => r.code)).toEqual(['incomplete', 'unsigned']);
    const planned = site.run<GenerateResult>('cx.generate', { templateId: 'test-l3', rule: { assetKind: 'rack' }, allowGated: true, actor: actor() });
    expect(planned.created).toHaveLength(4);
    // …but the gated checklist cannot start.
    const e = refusal(() => site.run('cx.answer', { instanceId: planned.created[0], itemId: 'anchored', value: 'pass', actor: actor() }));
    expect(e.code).toBe('conflict');
    expect(e.message).toMatch(/cannot start: .*incomplete.*no final sign-off/);
  });
});

describe('cx.answer: automatic status and onFail', () => {
  it('passes and fails numeric readings on target ± tolerance, and demands a photo on failure', () => {
    const site = withL2();
    const id = site.l2[0]!;
    expect(site.run<AnswerResult>('cx.answer', { instanceId: id, itemId: 'voltage', value: 235, actor: actor() }).status).toBe('pass');
    const e = refusal(() => site.run('cx.answer', { instanceId: id, itemId: 'voltage', value: 235.5, actor: actor() }));
    expect(e.field).toBe('photoIds');
    expect(e.message).toBe('"Voltage" failed: a photo is required');
    const photo = `blob:${'a'.repeat(64)}`;
    expect(site.run<AnswerResult>('cx.answer', { instanceId: id, itemId: 'voltage', value: 224.9, photoIds: [photo], actor: actor() }).status).toBe('fail');
    expect(site.snap.cxAnswers[`${id}/voltage`]).toMatchObject({ value: 224.9, status: 'fail', photoIds: [photo], author: 'Ana', deviceId: 'tablet-1', at: '2026-11-25T10:00:00+01:00' });
  });

  it('needs a note on a failed check and raises the issue in the same step, once', () => {
    const site = withL2();
    const id = site.l2[0]!;
    expect(refusal(() => site.run('cx.answer', { instanceId: id, itemId: 'damage_free', value: 'fail', actor: actor() })).message).toBe('"Free of damage" failed: a note is required (what was found)');
    const r = site.run<AnswerResult>('cx.answer', { instanceId: id, itemId: 'damage_free', value: 'fail', note: 'Dent on the left door', actor: actor() });
    expect(r.status).toBe('fail');
    const issue = site.snap.cxIssues[r.issueId!]!;
    expect(issue).toMatchObject({ title: 'Free of damage', severity: 'major', status: 'open', instanceId: id, itemId: 'damage_free', assetId: 'rack:1', roomId: 'room:a', description: 'Dent on the left door', owner: 'Ana' });
    // Answering the same failure again does not raise a second issue.
    const again = site.run<AnswerResult>('cx.answer', { instanceId: id, itemId: 'damage_free', value: 'fail', note: 'Dent on the left door, 5 cm', actor: actor() });
    expect(again.issueId).toBeUndefined();
    expect(Object.keys(site.snap.cxIssues)).toHaveLength(1);
  });

  it('refuses values the item cannot take', () => {
    const site = withL2();
    const id = site.l2[0]!;
    expect(refusal(() => site.run('cx.answer', { instanceId: id, itemId: 'damage_free', value: 'na', actor: actor() })).message).toMatch(/does not allow N-A/);
    expect(refusal(() => site.run('cx.answer', { instanceId: id, itemId: 'voltage', value: '230', actor: actor() })).message).toMatch(/takes a number \(V\)/);
    expect(refusal(() => site.run('cx.answer', { instanceId: id, itemId: 'ghost', value: 'pass', actor: actor() })).code).toBe('not-found');
    expect(() => site.run('cx.answer', { instanceId: id, itemId: 'seal', value: 'pass', actor: { ...actor(), at: '2026-11-25 10:00' } })).toThrow(/with its offset/);
  });

  it('judges real templates: rack PDU inlet voltage 230 V ± 10 % and UPS load-step rows', () => {
    const site = cxSite();
    site.snap.deviceTypes['dt:pdu'] = { id: 'dt:pdu', manufacturer: 'G', model: 'PDU', uHeight: 0, fullDepth: false, weightKg: null, powerMaxW: null, powerTypicalW: null, airflow: null, role: 'pdu' };
    site.snap.devices['dev:pdu'] = { id: 'dev:pdu', name: 'PDU-A', rackId: 'rack:1', typeId: 'dt:pdu', position: 1, face: 'rear' };
    site.run('template.publish', { yaml: builtIn('l3-rack-pdu'), actor: actor() });
    const pdu = site.run<GenerateResult>('cx.generate', { templateId: 'l3-rack-pdu', rule: { assetKind: 'device', roomId: 'room:a' }, allowGated: true, actor: actor() });
    expect(pdu.created).toHaveLength(1);
    const t = publishedTemplate(site.doc, 'l3-rack-pdu', 1)!;
    const plan = templatePlan(t);
    const volt = plan.byId.get('inlet_voltage_v')!;
    const status = (v: number) => instanceProgress(plan, { inlet_voltage_v: v }).statuses[volt.id];
    expect([status(207), status(253), status(206.9), status(253.1)]).toEqual(['pass', 'pass', 'fail', 'fail']);

    const ups = cxSite();
    ups.snap.powerElements['pwr:ups'] = { id: 'pwr:ups', name: 'UPS-1', kind: 'ups', upstreamIds: [], voltageV: 400, phases: 3, breakerA: 800, ratingKw: 450, ratingKva: 500 };
    ups.run('template.publish', { yaml: builtIn('l4-ups-functional'), actor: actor() });
    const first = ups.run<GenerateResult>('cx.generate', { templateId: 'l4-ups-functional', rule: { assetKind: 'powerElement', roles: ['ups'] }, actor: actor() });
    expect(first.blocked[0]!.reasons[0]!.message).toBe('no L3 checklist exists on this asset (the template requires one)');
    const planned = ups.run<GenerateResult>('cx.generate', { templateId: 'l4-ups-functional', rule: { assetKind: 'powerElement', roles: ['ups'] }, allowGated: true, actor: actor() });
    expect(planned.created).toHaveLength(1);
    // Planned ahead: the first answer is refused while the prerequisite is missing.
    expect(refusal(() => ups.run('cx.answer', { instanceId: planned.created[0], itemId: 'l3_green_tag', value: 'pass', actor: actor() })).message).toMatch(/no L3 checklist/);
    // Start the L3 of the UPS, complete and sign it: the L4 gate opens.
    ups.run('template.publish', { yaml: L3_YAML.replace('id: test-l3', 'id: ups-l3').replace('{kind: rack}', '{kind: powerElement}').replace('prerequisites: {levels: [L2]}\n', ''), actor: actor() });
    const l3 = ups.run<GenerateResult>('cx.generate', { templateId: 'ups-l3', rule: { assetKind: 'powerElement' }, actor: actor() });
    ups.run('cx.answer', { instanceId: l3.created[0], itemId: 'anchored', value: 'pass', actor: actor() });
    ups.run('cx.signoff', { instanceId: l3.created[0], scope: 'final', name: 'Ana', role: 'CxA', actor: actor() });
    const gen = planned;
    const row = { load_kw: 112, output_voltage_v: 401, voltage_dev_pct: 1.5, output_frequency_hz: 50, output_thd_v_pct: 1.2, input_thd_i_pct: 3, efficiency_pct: 95, no_alarms: 'pass' };
    const e = refusal(() => ups.run('cx.answer', { instanceId: gen.created[0], itemId: 'load_step_table', rowKey: 'step_25', value: row, actor: actor() }));
    expect(e.field).toBe('note');
    const r = ups.run<AnswerResult>('cx.answer', { instanceId: gen.created[0], itemId: 'load_step_table', rowKey: 'step_25', value: row, note: 'Regulation out of class 1', actor: actor() });
    expect(r.status).toBe('fail');
    expect(ups.snap.cxIssues[r.issueId!]).toMatchObject({ severity: 'major', itemId: 'load_step_table', rowKey: 'step_25' });
    expect(ups.run<AnswerResult>('cx.answer', { instanceId: gen.created[0], itemId: 'load_step_table', rowKey: 'step_50', value: { ...row, voltage_dev_pct: -0.4 }, actor: actor() }).status).toBe('pass');
    expect(refusal(() => ups.run('cx.answer', { instanceId: gen.created[0], itemId: 'load_step_table', rowKey: 'step_33', value: row, actor: actor() })).message).toMatch(/has no row "step_33"/);
  });
});

describe('sign-offs', () => {
  it('refuse an incomplete scope, then a change to a signed answer needs a reason and invalidates the signature', () => {
    const site = withL2();
    const id = site.l2[0]!;
    site.run('cx.answer', { instanceId: id, itemId: 'damage_free', value: 'pass', actor: actor() });
    expect(refusal(() => site.run('cx.signoff', { instanceId: id, scope: 'main', name: 'Ana', role: 'CxA', actor: actor() })).message).toMatch(/1 required item\(s\) unanswered \(voltage\)/);
    site.run('cx.answer', { instanceId: id, itemId: 'voltage', value: 230, actor: actor() });
    const { signOffId } = site.run<{ signOffId: string }>('cx.signoff', { instanceId: id, scope: 'main', name: 'Ana', role: 'CxA', company: 'Cx Ltd', signature: { format: 'svg-path', data: 'M0 0 L10 10' }, actor: actor() });
    expect(site.snap.cxSignOffs[signOffId]).toMatchObject({ scope: 'main', covers: ['damage_free', 'voltage', 'remark'], name: 'Ana', role: 'CxA', company: 'Cx Ltd' });
    // Outside the signed section: no reason needed.
    site.run('cx.answer', { instanceId: id, itemId: 'seal', value: 'pass', actor: actor() });
    const e = refusal(() => site.run('cx.answer', { instanceId: id, itemId: 'voltage', value: 229, actor: actor('Bob') }));
    expect(e.field).toBe('reason');
    expect(e.message).toMatch(/"Voltage" is covered by the "main" sign-off by Ana \(CxA\).*give a reason/);
    const r = site.run<AnswerResult>('cx.answer', { instanceId: id, itemId: 'voltage', value: 229, reason: 'Meter recalibrated', actor: actor('Bob', '2026-11-26T09:00:00-05:00') });
    expect(r.invalidatedSignOffs).toEqual([signOffId]);
    expect(site.snap.cxSignOffs[signOffId]).toMatchObject({ invalidatedAt: '2026-11-26T09:00:00-05:00', invalidatedBy: 'Bob', invalidatedReason: 'Meter recalibrated' });
    // Once invalidated, further changes need no reason until it is signed again.
    site.run('cx.answer', { instanceId: id, itemId: 'voltage', value: 228, actor: actor('Bob') });
  });

  it('cap the drawn signature and check PNG data URLs', () => {
    const site = withL2();
    completeL2(site, site.l2[0]!);
    const base = { instanceId: site.l2[0], scope: 'final', name: 'Ana', role: 'CxA', actor: actor() };
    expect(() => site.run('cx.signoff', { ...base, signature: { format: 'svg-path', data: 'M'.repeat(200_001) } })).toThrow(/at most 200 kB/);
    expect(() => site.run('cx.signoff', { ...base, signature: { format: 'png-data-url', data: 'http://x' } })).toThrow(/data:image\/png/);
    expect(() => site.run('cx.signoff', { ...base, signature: { format: 'png-data-url', data: 'data:image/png;base64,iVBORw0KGgo=' } })).not.toThrow();
  });
});

describe('level gating', () => {
  const inst = (id: string, level: 'L2' | 'L3', templateId = `t-${level}`) => ({ id, templateId, templateVersion: 1, level, assetKind: 'rack' as const, assetId: 'rack:1', createdBy: 'A', createdAt: '2026-11-25T10:00:00Z' });
  const sign = (id: string, extra: Partial<CxSignOff> = {}): CxSignOff => ({ id, instanceId: 'i2', scope: 'final', name: 'Ana', role: 'CxA', covers: [], author: 'Ana', deviceId: 'd', at: '2026-11-25T10:00:00Z', ...extra });
  const issue = (id: string, severity: CxIssue['severity'], status: CxIssue['status'] = 'open'): CxIssue => ({ id, title: `issue ${id}`, severity, status, owner: 'O', instanceId: 'i2', createdBy: 'A', createdAt: '2026-11-25T10:00:00Z', author: 'A', deviceId: 'd', at: '2026-11-25T10:00:00Z' });
  const done: GateInstance = { instance: inst('i2', 'L2'), progress: { complete: true, missing: [] }, signOffs: [sign('s1')], issues: [] };
  const target = { level: 'L3' as const, templateId: 't-L3' };

  it('lets a level start when the level below is complete, signed and free of blocking issues', () => {
    expect(gateReasons({ target, others: [done] })).toEqual([]);
    expect(gateReasons({ target: { level: 'L2', templateId: 't-L2' }, others: [{ ...done, instance: inst('i3', 'L3'), progress: { complete: false, missing: ['x'] } }] })).toEqual([]);
  });
  it('explains an incomplete level with the missing items', () => {
    const r = gateReasons({ target, others: [{ ...done, progress: { complete: false, missing: ['a', 'b'] } }] });
    expect(r).toEqual([expect.objectContaining({ code: 'incomplete', instanceId: 'i2', missing: ['a', 'b'] })]);
    expect(r[0]!.message).toMatch(/2 required item\(s\) unanswered \(a, b\)/);
  });
  it('explains a missing final sign-off (a section sign-off is not enough)', () => {
    expect(gateReasons({ target, others: [{ ...done, signOffs: [sign('s1', { scope: 'main' })] }] }).map((r) => r.code)).toEqual(['unsigned']);
  });
  it('explains an invalidated final sign-off, naming it', () => {
    const r = gateReasons({ target, others: [{ ...done, signOffs: [sign('s1', { invalidatedAt: '2026-11-26T10:00:00Z', invalidatedBy: 'Bob', invalidatedReason: 'retest' })] }] });
    expect(r).toEqual([expect.objectContaining({ code: 'signature-invalidated', signOffId: 's1' })]);
    expect(r[0]!.message).toMatch(/invalidated on 2026-11-26T10:00:00Z \(retest\)/);
  });
  it('explains open issues of blocking severity; minor ones and closed ones do not block by default', () => {
    const others = [{ ...done, issues: [issue('c', 'critical'), issue('m', 'major', 'resolved'), issue('n', 'minor'), issue('x', 'critical', 'closed')] }];
    expect(gateReasons({ target, others }).map((r) => 'issueId' in r && r.issueId)).toEqual(['c', 'm']);
    expect(gateReasons({ target, others, blockingSeverities: ['critical', 'major', 'minor'] }).map((r) => 'issueId' in r && r.issueId)).toEqual(['c', 'm', 'n']);
  });
  it('explains a missing prerequisite level or template', () => {
    const r = gateReasons({ target: { ...target, prerequisites: { levels: ['L2'], templates: ['l2-delivery'] } }, others: [] });
    expect(r.map((x) => x.code)).toEqual(['missing-prerequisite', 'missing-prerequisite']);
    expect(r[1]!.message).toMatch(/"l2-delivery"/);
  });

  it('follows the project setting through cx.answer, and opens once L2 is complete, signed and its blocking issues closed', () => {
    const site = withL2();
    const l2 = site.l2[0]!;
    site.run('cx.answer', { instanceId: l2, itemId: 'damage_free', value: 'pass', actor: actor() });
    site.run('cx.answer', { instanceId: l2, itemId: 'voltage', value: 230, actor: actor() });
    const { issueId } = site.run<AnswerResult>('cx.answer', { instanceId: l2, itemId: 'seal', value: 'fail', actor: actor() });
    site.run('cx.signoff', { instanceId: l2, scope: 'final', name: 'Ana', role: 'CxA', actor: actor() });
    const l3 = site.run<GenerateResult>('cx.generate', { templateId: 'test-l3', rule: { assetKind: 'rack', assetIds: ['rack:1'] }, actor: actor() });
    expect(l3.blocked).toEqual([]);
    site.run('cx.settings.update', { blockingSeverities: ['critical', 'major', 'minor'] });
    expect(refusal(() => site.run('cx.answer', { instanceId: l3.created[0], itemId: 'anchored', value: 'pass', actor: actor() })).message).toMatch(/minor issue "Seal intact"/);
    site.run('cx.issue.update', { id: issueId, patch: { assignee: 'Carl' }, actor: actor() });
    site.run('cx.issue.transition', { id: issueId, to: 'resolved', actor: actor('Carl') });
    expect(refusal(() => site.run('cx.answer', { instanceId: l3.created[0], itemId: 'anchored', value: 'pass', actor: actor() })).message).toMatch(/is resolved/);
    site.run('cx.issue.transition', { id: issueId, to: 'closed', actor: actor('Ana') });
    expect(site.run<AnswerResult>('cx.answer', { instanceId: l3.created[0], itemId: 'anchored', value: 'pass', actor: actor() }).status).toBe('pass');
  });
});

describe('issue workflow', () => {
  function raised() {
    const site = withL2();
    site.run('cx.settings.update', { issueOwner: 'Olga' });
    const { issueId } = site.run<{ issueId: string }>('cx.issue.create', { title: 'Missing grommet', severity: 'minor', instanceId: site.l2[0], itemId: 'seal', assignee: 'Carl', dueDate: '2026-12-01', actor: actor('Ana') });
    return { ...site, issueId };
  }

  it('creates issues by hand, linked to the item, owned by the project default owner', () => {
    const { snap, issueId } = raised();
    expect(snap.cxIssues[issueId]).toMatchObject({ status: 'open', owner: 'Olga', assignee: 'Carl', assetKind: 'rack', assetId: 'rack:1', createdBy: 'Ana' });
  });

  it('lets only the assignee resolve and only the owner close or reopen', () => {
    const { run, snap, issueId } = raised();
    expect(refusal(() => run('cx.issue.transition', { id: issueId, to: 'resolved', actor: actor('Ana') })).message).toBe('Only the assignee (Carl) can mark the issue resolved');
    expect(refusal(() => run('cx.issue.transition', { id: issueId, to: 'closed', actor: actor('Olga') })).message).toMatch(/open cannot become closed/);
    run('cx.issue.transition', { id: issueId, to: 'in-progress', actor: actor('carl') });
    run('cx.issue.transition', { id: issueId, to: 'resolved', actor: actor('Carl', '2026-11-27T08:00:00+01:00') });
    expect(snap.cxIssues[issueId]).toMatchObject({ status: 'resolved', resolvedAt: '2026-11-27T08:00:00+01:00' });
    expect(refusal(() => run('cx.issue.transition', { id: issueId, to: 'closed', actor: actor('Carl') })).code).toBe('forbidden');
    run('cx.issue.transition', { id: issueId, to: 'reopened', note: 'Still missing on the rear', actor: actor('Olga') });
    run('cx.issue.transition', { id: issueId, to: 'resolved', actor: actor('Carl') });
    run('cx.issue.transition', { id: issueId, to: 'closed', actor: actor('Olga') });
    expect(snap.cxIssues[issueId]!.status).toBe('closed');
    expect(refusal(() => run('cx.issue.update', { id: issueId, patch: { title: 'x' }, actor: actor('Olga') })).message).toMatch(/closed; reopen it/);
  });

  it('refuses to resolve an unassigned issue and lets only the owner hand over ownership', () => {
    const { run, issueId } = raised();
    run('cx.issue.update', { id: issueId, patch: { assignee: null }, actor: actor() });
    expect(refusal(() => run('cx.issue.transition', { id: issueId, to: 'resolved', actor: actor('Carl') })).message).toMatch(/Assign the issue/);
    expect(refusal(() => run('cx.issue.update', { id: issueId, patch: { owner: 'Ana' }, actor: actor('Ana') })).code).toBe('forbidden');
    run('cx.issue.update', { id: issueId, patch: { owner: 'Ana' }, actor: actor('Olga') });
  });
});

describe('version pinning and upgrade', () => {
  const V2 = L2_YAML.replace('version: 1', 'version: 2')
    .replace('target: 230, tolerance: 5', 'target: 230, tolerance: 3')
    .replace("      - {id: remark, type: text, label: Remark, required: false}\n", "      - {id: earth, type: check, label: Earth continuity}\n");

  it('keeps instances on their version when a new one is published, and upgrades explicitly', () => {
    const site = withL2();
    const id = site.l2[0]!;
    site.run('cx.answer', { instanceId: id, itemId: 'damage_free', value: 'pass', actor: actor() });
    site.run('cx.answer', { instanceId: id, itemId: 'voltage', value: 234, actor: actor() });
    site.run('cx.answer', { instanceId: id, itemId: 'remark', value: 'ok', actor: actor() });
    site.run('template.publish', { yaml: V2, actor: actor() });
    expect(site.snap.cxInstances[id]!.templateVersion).toBe(1);
    // Pinned: v1's tolerance still applies (234 passes under ± 5, would fail under ± 3).
    expect(site.snap.cxAnswers[`${id}/voltage`]!.status).toBe('pass');
    const newer = site.run<GenerateResult>('cx.generate', { templateId: 'test-l2', rule: { assetKind: 'rack', assetIds: ['rack:b1'] }, actor: actor() });
    expect(site.snap.cxInstances[newer.created[0]!]!.templateVersion).toBe(2);

    const up = site.run<UpgradeResult>('cx.instance.upgrade', { instanceId: id, actor: actor() });
    expect(up).toMatchObject({ from: 1, to: 2, kept: [`${id}/damage_free`], invalidatedSignOffs: [] });
    expect(up.dropped).toEqual([
      { answerId: `${id}/voltage`, itemId: 'voltage', why: 'changed' },
      { answerId: `${id}/remark`, itemId: 'remark', why: 'removed' },
    ]);
    expect(site.snap.cxInstances[id]!.templateVersion).toBe(2);
    expect(Object.keys(site.snap.cxAnswers).filter((k) => k.startsWith(`${id}/`))).toEqual([`${id}/damage_free`]);
    expect(refusal(() => site.run('cx.instance.upgrade', { instanceId: id, actor: actor() })).message).toMatch(/already|newer version/);
  });

  it('needs a reason to upgrade a signed checklist, and invalidates its signatures', () => {
    const site = withL2();
    const id = site.l2[0]!;
    completeL2(site, id);
    const { signOffId } = site.run<{ signOffId: string }>('cx.signoff', { instanceId: id, scope: 'final', name: 'Ana', role: 'CxA', actor: actor() });
    site.run('template.publish', { yaml: V2, actor: actor() });
    expect(refusal(() => site.run('cx.instance.upgrade', { instanceId: id, actor: actor() })).field).toBe('reason');
    const up = site.run<UpgradeResult>('cx.instance.upgrade', { instanceId: id, reason: 'Spec revision B', actor: actor() });
    expect(up.invalidatedSignOffs).toEqual([signOffId]);
    expect(site.snap.cxSignOffs[signOffId]!.invalidatedReason).toBe('upgraded to version 2: Spec revision B');
  });
});

describe('progress', () => {
  it('counts answered / required / pass / fail / N-A per instance, asset, level and room, hidden items excluded', () => {
    const site = withL2();
    const [a, b] = site.l2;
    site.run('cx.answer', { instanceId: a, itemId: 'damage_free', value: 'pass', actor: actor() });
    site.run('cx.answer', { instanceId: a, itemId: 'voltage', value: 240, photoIds: [`blob:${'b'.repeat(64)}`], actor: actor() });
    site.run('cx.answer', { instanceId: a, itemId: 'seal', value: 'na', actor: actor() });
    site.run('cx.answer', { instanceId: b, itemId: 'remark', value: 'fine', actor: actor() });
    const report = progressReport({
      instances: Object.values(site.snap.cxInstances),
      answersByInstance: groupAnswers(Object.values(site.snap.cxAnswers)),
      templateOf: (i) => publishedTemplate(site.doc, i.templateId, i.templateVersion),
    });
    expect(report.byInstance.get(a!)).toEqual({ items: 4, required: 3, answered: 3, requiredAnswered: 3, passed: 1, failed: 1, na: 1 });
    expect(report.byInstance.get(b!)).toEqual({ items: 4, required: 3, answered: 1, requiredAnswered: 0, passed: 1, failed: 0, na: 0 });
    expect(report.byAsset.get('rack:rack:1')).toEqual(report.byInstance.get(a!));
    expect(report.byLevel.get('L2')).toEqual({ items: 12, required: 9, answered: 4, requiredAnswered: 3, passed: 2, failed: 1, na: 1 });
    expect(report.byRoom.get('room:a')).toEqual(report.byLevel.get('L2'));
    expect(report.totals).toEqual(report.byLevel.get('L2'));
    // The per-instance evaluation used by gating agrees with the roll-up.
    const plan = templatePlan(publishedTemplate(site.doc, 'test-l2', 1)!);
    const single = instanceProgress(plan, answersOf(Object.values(site.snap.cxAnswers).filter((x) => x.instanceId === a)));
    expect({ ...single, complete: undefined, missing: undefined, failing: undefined, statuses: undefined }).toMatchObject(report.byInstance.get(a!)!);
    expect(single.failing).toEqual(['voltage']);
  });

  it('does not count items hidden by visibleIf, on real templates', () => {
    const site = cxSite();
    site.run('template.publish', { yaml: fs.readFileSync(new URL('../../assets/templates/l3-rack-installation.yaml', import.meta.url), 'utf8'), actor: actor() });
    const plan = templatePlan(publishedTemplate(site.doc, 'l3-rack-installation', 1)!);
    const raised = instanceProgress(plan, { floor_type: 'raised-floor' });
    const slab = instanceProgress(plan, { floor_type: 'slab' });
    expect(raised.missing).toContain('tile_cutouts');
    expect(slab.missing).not.toContain('tile_cutouts');
    expect(raised.items - slab.items).toBe(1);
  });
});

describe('audit helpers', () => {
  it('diffs entities field by field, leaving attribution out', () => {
    expect(diffEntity({ id: 'a', value: 1, note: 'x', author: 'A', at: 't1' }, { id: 'a', value: 2, note: 'x', author: 'B', at: 't2' })).toEqual([{ field: 'value', old: '1', new: '2' }]);
    expect(diffEntity(undefined, { id: 'a', value: 'pass' })).toEqual([{ field: 'value', old: null, new: '"pass"' }]);
    expect(diffEntity({ id: 'a', author: 'A' }, undefined)).toEqual([{ field: '*', old: 'exists', new: null }]);
  });

  it('exports CSV safely (quotes, newlines, formulas) and JSON with parsed values', () => {
    const e: AuditEntry = { seq: 1, at: '2026-11-25T10:00:00+01:00', recordedAt: '2026-11-25T09:00:01.000Z', author: 'Ana, "CxA"', deviceId: 'd', opSeq: 3, command: 'cx.answer', entity: 'cxAnswers:i/v', field: 'note', old: null, new: '"=HYPERLINK(1)\\nline"', reason: '@bad', prevHash: '0', hash: '1' };
    const csv = auditToCsv([e]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('seq,at,recordedAt,author,deviceId,opSeq,command,entity,field,old,new,reason,prevHash,hash');
    expect(lines[1]).toContain('"Ana, ""CxA"""');
    expect(lines[1]).toContain(`"'@bad"`);
    expect(JSON.parse(auditToJson([e])).entries[0].new).toBe('=HYPERLINK(1)\nline');
  });
});

describe('walk-mode helpers', () => {
  it('finds the next incomplete item, skipping answered and hidden ones, wrapping around', async () => {
    const { nextIncomplete } = await import('./progress');
    const site = withL2();
    const plan = templatePlan(publishedTemplate(site.doc, 'test-l2', 1)!);
    expect(nextIncomplete(plan, {})).toBe('damage_free');
    expect(nextIncomplete(plan, { voltage: 230 }, 'damage_free')).toBe('seal'); // remark is optional
    expect(nextIncomplete(plan, { voltage: 230 }, 'seal')).toBe('damage_free');
    expect(nextIncomplete(plan, { damage_free: 'pass', voltage: 230, seal: 'na' })).toBeNull();
  });

  it('filters the issues log and lists overdue issues, most severe first', async () => {
    const { filterIssues, isOverdue } = await import('./issues');
    const base = { owner: 'Olga', createdBy: 'A', createdAt: '2026-11-20T10:00:00Z', author: 'A', deviceId: 'd', at: '2026-11-20T10:00:00Z' };
    const issues: CxIssue[] = [
      { ...base, id: 'a', title: 'Loose bolt', severity: 'minor', status: 'open', dueDate: '2026-11-01', assignee: 'Carl', assetId: 'rack:1' },
      { ...base, id: 'b', title: 'No earth', severity: 'critical', status: 'in-progress', dueDate: '2026-12-30', assignee: 'carl' },
      { ...base, id: 'c', title: 'Dent', severity: 'major', status: 'closed', dueDate: '2026-11-01', description: 'left door' },
      { ...base, id: 'd', title: 'Label', severity: 'major', status: 'resolved', dueDate: '2026-11-10' },
    ];
    const today = '2026-11-25';
    expect(filterIssues(issues, { overdue: true }, today).map((i) => i.id)).toEqual(['d', 'a']);
    expect(isOverdue(issues[2]!, today)).toBe(false); // closed
    expect(filterIssues(issues, { open: true }, today).map((i) => i.id)).toEqual(['b', 'd', 'a']);
    expect(filterIssues(issues, { assignee: 'CARL' }, today).map((i) => i.id)).toEqual(['b', 'a']);
    expect(filterIssues(issues, { text: 'LEFT' }, today).map((i) => i.id)).toEqual(['c']);
    expect(filterIssues(issues, { severity: ['major'], assetId: 'rack:1' }, today)).toEqual([]);
  });
});
