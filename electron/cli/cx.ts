/**
 * `plenum cx status FILE [--json]`: commissioning progress per level (answered / required /
 * passed / failed / N-A), open issues by severity, and checklists waiting on a signature. Opens
 * the project read-only: the file is never modified. Exit codes follow the CLI's (main.ts):
 * 0 the report was printed, 2 usage or file errors.
 */
import type { DocumentSnapshot } from '../../core/model/schema';
import { CX_SEVERITIES } from '../../core/model/schema';
import { SnapshotReader } from '../../core/model/changes';
import { isValidSignOff } from '../../core/cx/gating';
import { isOpenIssue, isOverdue } from '../../core/cx/issues';
import type { ProgressCounts } from '../../core/cx/progress';
import { emptyCounts, groupAnswers, progressReport } from '../../core/cx/progress';
import { publishedTemplate } from '../../core/cx/published';
import { LEVELS } from '../../core/cx/template';
import { PlenumError } from '../../core/model/errors';
import { ProjectStore } from '../store/project-store';

export interface CxCliIo {
  out(line: string): void;
  err(line: string): void;
}

export interface CxStatus {
  file: string;
  checklists: number;
  templates: number;
  totals: ProgressCounts & { complete: number };
  levels: Array<{ level: string; checklists: number; complete: number; signed: number } & ProgressCounts>;
  openIssues: Record<string, number>;
  overdueIssues: number;
  orphans: string[];
}

/** Builds the status report of a project snapshot (`today` for overdue: YYYY-MM-DD). */
export function cxStatus(file: string, snap: DocumentSnapshot, today: string): CxStatus {
  const doc = new SnapshotReader(snap);
  const instances = Object.values(snap.cxInstances);
  const report = progressReport({
    instances,
    answersByInstance: groupAnswers(Object.values(snap.cxAnswers)),
    templateOf: (i) => publishedTemplate(doc, i.templateId, i.templateVersion),
  });
  const signed = new Set(Object.values(snap.cxSignOffs).filter((s) => s.scope === 'final' && isValidSignOff(s)).map((s) => s.instanceId));
  const isComplete = (id: string) => {
    const c = report.byInstance.get(id);
    return c !== undefined && c.requiredAnswered === c.required;
  };
  const levels = LEVELS.map((level) => {
    const of = instances.filter((i) => i.level === level);
    return {
      level,
      checklists: of.length,
      complete: of.filter((i) => isComplete(i.id)).length,
      signed: of.filter((i) => signed.has(i.id)).length,
      ...(report.byLevel.get(level) ?? emptyCounts()),
    };
  }).filter((l) => l.checklists > 0);
  const openIssues: Record<string, number> = Object.fromEntries(CX_SEVERITIES.map((s) => [s, 0]));
  let overdueIssues = 0;
  for (const issue of Object.values(snap.cxIssues)) {
    if (!isOpenIssue(issue)) continue;
    openIssues[issue.severity]!++;
    if (isOverdue(issue, today)) overdueIssues++;
  }
  return {
    file,
    checklists: instances.length,
    templates: Object.keys(snap.cxTemplates).length,
    totals: { ...report.totals, complete: instances.filter((i) => isComplete(i.id)).length },
    levels,
    openIssues,
    overdueIssues,
    orphans: report.orphans,
  };
}

const pct = (n: number, d: number) => (d === 0 ? '—' : `${Math.floor((100 * n) / d)} %`);

export function runCxStatus(file: string, options: { json: boolean; today?: string }, io: CxCliIo): number {
  let snap: DocumentSnapshot;
  try {
    const store = ProjectStore.open(file, { readOnly: true });
    try {
      snap = store.snapshot();
    } finally {
      store.close();
    }
  } catch (e) {
    // Reported here, not by main.ts, so that the message names FILE rather than the sub-command.
    if (!(e instanceof PlenumError)) throw e;
    io.err(`plenum: ${e.message.startsWith(file) ? e.message : `${file}: ${e.message}`}`);
    return 2;
  }
  const status = cxStatus(file, snap, options.today ?? new Date().toISOString().slice(0, 10));
  if (options.json) {
    io.out(JSON.stringify(status, null, 2));
    return 0;
  }
  io.out(`${file}: ${status.checklists} checklist(s) from ${status.templates} published template version(s)`);
  if (status.levels.length > 0) {
    const header = ['level', 'checklists', 'complete', 'signed', 'required', 'answered', 'progress', 'passed', 'failed', 'N-A'];
    const rows = status.levels.map((l) => [l.level, l.checklists, l.complete, l.signed, l.required, l.requiredAnswered, pct(l.requiredAnswered, l.required), l.passed, l.failed, l.na].map(String));
    const t = status.totals;
    rows.push(['all', String(status.checklists), String(t.complete), String(status.levels.reduce((n, l) => n + l.signed, 0)), String(t.required), String(t.requiredAnswered), pct(t.requiredAnswered, t.required), String(t.passed), String(t.failed), String(t.na)]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    io.out('');
    io.out(line(header));
    for (const r of rows) io.out(line(r));
  }
  io.out('');
  const open = CX_SEVERITIES.map((s) => `${s} ${status.openIssues[s]}`).join(', ');
  io.out(`Open issues: ${open}${status.overdueIssues ? ` (${status.overdueIssues} overdue)` : ''}`);
  if (status.orphans.length > 0) io.err(`plenum: ${status.orphans.length} checklist(s) pin a template version that is not published in this file: ${status.orphans.slice(0, 5).join(', ')}`);
  return 0;
}
