/**
 * The issues log's filters and overdue view (issue 5 §7), pure, for the walk-mode UI and the CLI.
 * "Open" means not closed: a resolved issue still waits for its owner's verification.
 */
import type { CxIssue } from '../model/schema';
import { CX_SEVERITIES } from '../model/schema';

export interface IssueFilter {
  status?: ReadonlyArray<CxIssue['status']>;
  severity?: ReadonlyArray<CxIssue['severity']>;
  /** Only issues not closed. */
  open?: boolean;
  /** Only open issues whose due date is before `today`. */
  overdue?: boolean;
  assignee?: string;
  owner?: string;
  assetId?: string;
  roomId?: string;
  instanceId?: string;
  /** Case-insensitive text in the title, description, location, cause or recommendation. */
  text?: string;
}

export const isOpenIssue = (i: CxIssue) => i.status !== 'closed';

/** Overdue: not closed, and due before `today` (YYYY-MM-DD, the user's local date). */
export function isOverdue(i: CxIssue, today: string): boolean {
  return isOpenIssue(i) && i.dueDate !== undefined && i.dueDate < today;
}

const same = (a: string | undefined, b: string) => a !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

/** Issues matching every given criterion, most severe first, then earliest due, then oldest. */
export function filterIssues(issues: Iterable<CxIssue>, f: IssueFilter, today: string): CxIssue[] {
  const text = f.text?.trim().toLowerCase();
  const out: CxIssue[] = [];
  for (const i of issues) {
    if (f.status && !f.status.includes(i.status)) continue;
    if (f.severity && !f.severity.includes(i.severity)) continue;
    if (f.open && !isOpenIssue(i)) continue;
    if (f.overdue && !isOverdue(i, today)) continue;
    if (f.assignee !== undefined && !same(i.assignee, f.assignee)) continue;
    if (f.owner !== undefined && !same(i.owner, f.owner)) continue;
    if (f.assetId !== undefined && i.assetId !== f.assetId) continue;
    if (f.roomId !== undefined && i.roomId !== f.roomId) continue;
    if (f.instanceId !== undefined && i.instanceId !== f.instanceId) continue;
    if (text && ![i.title, i.description, i.location, i.cause, i.recommendation].some((s) => s?.toLowerCase().includes(text))) continue;
    out.push(i);
  }
  const rank = (s: CxIssue['severity']) => CX_SEVERITIES.indexOf(s);
  return out.sort((a, b) => rank(a.severity) - rank(b.severity) || (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.createdAt.localeCompare(b.createdAt) || (a.id < b.id ? -1 : 1));
}
