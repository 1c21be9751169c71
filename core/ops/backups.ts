/**
 * Backup policies (issue 7 §2): when a backup and a restore test last succeeded, and whether one
 * is overdue. A backup is overdue once the policy's interval plus the grace period has passed
 * since the last successful (or partial: the copy exists, with gaps that are listed) run; a
 * policy that never ran successfully is overdue from the start. Failed runs do not reset the
 * clock, they are reported.
 */
import type { BackupPolicy, BackupRun } from '../model/schema';
import { instantMs, intervalMs } from './dates';

export interface BackupClock {
  /** The last run that counts (success or partial), if any. */
  lastOk?: BackupRun;
  /** Failed runs since the last one that counts. */
  failuresSince: number;
  /** When the next one is due (ms); undefined when nothing is required. */
  dueAtMs?: number;
  overdue: boolean;
  /** How late (ms), when overdue. */
  lateMs: number;
}

export interface BackupStatus {
  policyId: string;
  backup: BackupClock;
  /** Undefined when the policy requires no restore tests. */
  restoreTest?: BackupClock;
}

function clock(runs: readonly BackupRun[], everyMs: number, graceMs: number, nowMs: number, fromMs: number | undefined): BackupClock {
  let lastOk: BackupRun | undefined;
  let lastOkMs = -Infinity;
  for (const r of runs) {
    if (r.status === 'failed') continue;
    const t = instantMs(r.finishedAt ?? r.startedAt);
    if (t > lastOkMs) {
      lastOkMs = t;
      lastOk = r;
    }
  }
  const failuresSince = runs.filter((r) => r.status === 'failed' && instantMs(r.startedAt) > lastOkMs).length;
  // Never succeeded: due one interval after the first run or, with none at all, now.
  const base = lastOk ? lastOkMs : fromMs;
  const dueAtMs = base === undefined ? nowMs : base + everyMs;
  const lateMs = nowMs - (dueAtMs + graceMs);
  return { ...(lastOk ? { lastOk } : {}), failuresSince, dueAtMs, overdue: lateMs > 0 || (lastOk === undefined && base === undefined), lateMs: Math.max(0, lateMs) };
}

export function backupStatus(policy: BackupPolicy, runs: readonly BackupRun[], nowMs: number, graceHours = 0): BackupStatus {
  // Runs recorded with a later time than "now" (another clock, a typo) are not the past yet.
  const own = runs.filter((r) => r.policyId === policy.id && instantMs(r.startedAt) <= nowMs);
  const graceMs = graceHours * 3_600_000;
  const backups = own.filter((r) => r.kind === 'backup');
  const tests = own.filter((r) => r.kind === 'restore-test');
  const firstRun = backups.length ? Math.min(...backups.map((r) => instantMs(r.startedAt))) : undefined;
  const status: BackupStatus = { policyId: policy.id, backup: clock(backups, intervalMs(policy.schedule), graceMs, nowMs, firstRun) };
  if (policy.restoreTest) {
    // Restore tests are counted from the first successful backup: nothing to restore before it.
    const firstOk = backups.filter((r) => r.status !== 'failed').map((r) => instantMs(r.finishedAt ?? r.startedAt));
    status.restoreTest = clock(tests, intervalMs(policy.restoreTest), graceMs, nowMs, firstOk.length ? Math.min(...firstOk) : undefined);
  }
  return status;
}
