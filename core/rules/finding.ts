/**
 * The one shape every design check reports (issue 4, §7): a linter for datacenters.
 *
 * `entities` are interchange ids (the `id` fields of the plenum/1 document), the most relevant
 * first; `refs` are the same ids with their kinds, so a UI can focus them on the plan or in 3D.
 * `message` and `hint` are English; `rule` + `variant` + `params` let a UI translate them
 * (`findings.<rule>.<variant>` and `findings.<rule>.hint`). Params named `…Mm` are lengths in mm,
 * `…W` powers in watts, `…Kg` masses, `…C` temperatures, `…Pct` percentages, `…Kind` words to
 * translate.
 */
import type { EntityKind } from '../model/schema';

export type Severity = 'error' | 'warning' | 'info';

export interface FindingEntity {
  kind: EntityKind;
  id: string;
}

export interface Finding {
  /** Stable for the same problem across edits: `<rule>:<what it is about>`. */
  id: string;
  rule: string;
  severity: Severity;
  /** Which message of the rule (the UI's key is `findings.<rule>.<variant>`). */
  variant: string;
  message: string;
  /** What to do about it. */
  hint: string;
  params: Record<string, string | number>;
  /** Interchange ids of what the finding is about, the most relevant first. */
  entities: string[];
  refs: FindingEntity[];
  roomId?: string;
  rackId?: string;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

// One collator: localeCompare with options builds one per call, which dominates sorting thousands of names.
const NATURAL = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
export const naturalCompare = (a: string, b: string): number => NATURAL.compare(a, b);

export function compareFindings(a: Finding, b: Finding): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || naturalCompare(a.message, b.message) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export interface FindingSummary {
  total: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Count per rule, errors and warnings and infos together. */
  byRule: Record<string, number>;
}

export function summarize(findings: readonly Finding[]): FindingSummary {
  const s: FindingSummary = { total: findings.length, errors: 0, warnings: 0, infos: 0, byRule: {} };
  for (const f of findings) {
    if (f.severity === 'error') s.errors++;
    else if (f.severity === 'warning') s.warnings++;
    else s.infos++;
    s.byRule[f.rule] = (s.byRule[f.rule] ?? 0) + 1;
  }
  return s;
}

/** Builds a finding from its refs (entities are derived from them). */
export function finding(f: Omit<Finding, 'entities'>): Finding {
  return { ...f, entities: f.refs.map((r) => r.id) };
}
