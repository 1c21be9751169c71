/**
 * Level gating (issue 5 §4), pure. An asset's checklist at level n cannot start while any
 * checklist of a lower level on the same asset is
 *  - incomplete: a required, visible item is unanswered;
 *  - unsigned: it has no valid final sign-off (an invalidated one says so, with its id);
 *  - blocked by an issue: a linked issue of a blocking severity is not closed. Blocking severities
 *    are a project setting (default critical + major). "Not closed" includes resolved: a fix
 *    counts only once the owner has verified and closed it.
 * The template's own `prerequisites` add that the listed levels / templates must EXIST on the
 * asset (and pass the same three checks); a lower level with no checklist at all does not block
 * unless a prerequisite names it.
 *
 * `gateReasons` explains: every reason names the instance, sign-off or issue at fault.
 */
import type { CxInstance, CxIssue, CxSignOff } from '../model/schema';
import { CX_SEVERITIES } from '../model/schema';
import type { InstanceProgress } from './progress';
import type { IssueSeverity, Level } from './template';
import { LEVELS } from './template';

export const DEFAULT_BLOCKING_SEVERITIES: readonly IssueSeverity[] = ['critical', 'major'];

export type GateReason =
  | { code: 'missing-prerequisite'; level?: Level; templateId?: string; message: string }
  | { code: 'incomplete'; instanceId: string; level: Level; missing: string[]; message: string }
  | { code: 'unsigned'; instanceId: string; level: Level; message: string }
  | { code: 'signature-invalidated'; instanceId: string; signOffId: string; level: Level; message: string }
  | { code: 'blocking-issue'; instanceId: string; issueId: string; severity: IssueSeverity; level: Level; message: string };

/** A checklist on the same asset, with what gating needs to know about it. */
export interface GateInstance {
  instance: CxInstance;
  progress: Pick<InstanceProgress, 'complete' | 'missing'>;
  signOffs: readonly CxSignOff[];
  issues: readonly CxIssue[];
}

export interface GateInput {
  /** The checklist that wants to start. */
  target: { id?: string; level: Level; templateId: string; prerequisites?: { levels?: readonly Level[] | undefined; templates?: readonly string[] | undefined } | undefined };
  /** Every other checklist on the same asset. */
  others: readonly GateInstance[];
  blockingSeverities?: readonly string[] | undefined;
}

const rank = (l: Level) => LEVELS.indexOf(l);

export function isValidSignOff(s: CxSignOff): boolean {
  return s.invalidatedAt === undefined;
}

export function gateReasons(input: GateInput): GateReason[] {
  const reasons: GateReason[] = [];
  const blocking = new Set(input.blockingSeverities ?? DEFAULT_BLOCKING_SEVERITIES);
  const targetRank = rank(input.target.level);
  const prereqLevels = new Set(input.target.prerequisites?.levels ?? []);
  const prereqTemplates = new Set(input.target.prerequisites?.templates ?? []);
  for (const level of prereqLevels) {
    if (!input.others.some((o) => o.instance.level === level)) {
      reasons.push({ code: 'missing-prerequisite', level, message: `no ${level} checklist exists on this asset (the template requires one)` });
    }
  }
  for (const templateId of prereqTemplates) {
    if (!input.others.some((o) => o.instance.templateId === templateId)) {
      reasons.push({ code: 'missing-prerequisite', templateId, message: `no "${templateId}" checklist exists on this asset (the template requires one)` });
    }
  }
  const sorted = [...input.others].filter((o) => o.instance.id !== input.target.id)
    .sort((a, b) => rank(a.instance.level) - rank(b.instance.level) || (a.instance.id < b.instance.id ? -1 : 1));
  for (const o of sorted) {
    const inst = o.instance;
    const gates = rank(inst.level) < targetRank || prereqLevels.has(inst.level) || prereqTemplates.has(inst.templateId);
    if (!gates || inst.id === input.target.id) continue;
    const name = `${inst.level} checklist ${inst.templateId} (${inst.id})`;
    if (!o.progress.complete) {
      reasons.push({ code: 'incomplete', instanceId: inst.id, level: inst.level, missing: [...o.progress.missing], message: `${name} is incomplete: ${o.progress.missing.length} required item(s) unanswered (${o.progress.missing.slice(0, 5).join(', ')}${o.progress.missing.length > 5 ? ', …' : ''})` });
    }
    const finals = o.signOffs.filter((s) => s.scope === 'final');
    if (!finals.some(isValidSignOff)) {
      const invalidated = finals.find((s) => !isValidSignOff(s));
      if (invalidated) {
        reasons.push({ code: 'signature-invalidated', instanceId: inst.id, signOffId: invalidated.id, level: inst.level, message: `${name}: the final sign-off by ${invalidated.name} was invalidated on ${invalidated.invalidatedAt} (${invalidated.invalidatedReason ?? 'changed after signing'}); it must be signed again` });
      } else {
        reasons.push({ code: 'unsigned', instanceId: inst.id, level: inst.level, message: `${name} has no final sign-off` });
      }
    }
    for (const issue of o.issues) {
      if (issue.status === 'closed' || !blocking.has(issue.severity)) continue;
      reasons.push({ code: 'blocking-issue', instanceId: inst.id, issueId: issue.id, severity: issue.severity, level: inst.level, message: `${name}: ${issue.severity} issue "${issue.title}" (${issue.id}) is ${issue.status}` });
    }
  }
  return reasons;
}

/** Reads the project's blocking severities setting (project.cx.blockingSeverities). */
export function blockingSeveritiesOf(project: { cx?: unknown }): readonly IssueSeverity[] {
  const list = (project.cx as { blockingSeverities?: unknown } | undefined)?.blockingSeverities;
  if (!Array.isArray(list)) return DEFAULT_BLOCKING_SEVERITIES;
  return list.filter((s): s is IssueSeverity => (CX_SEVERITIES as readonly string[]).includes(s as string));
}
