/**
 * Recurring maintenance (issue 7 §1): a schedule's occurrences, per asset, and which of them are
 * fulfilled by a maintenance entry. An occurrence is fulfilled by an entry of the same schedule,
 * asset and occurrence date that is done or cancelled (a cancelled occurrence was decided on: it
 * is not overdue). Entries planned for an occurrence (planned, approved, in progress) make it
 * "scheduled" but it still falls overdue when its date passes unfinished.
 */
import type { AssetRef, MaintenanceEntry, MaintenanceSchedule } from '../model/schema';
import { addInterval, dayNumber } from './dates';

/** Occurrences from the schedule's start up to `until` (inclusive), capped at `max`. */
export function occurrencesUntil(schedule: Pick<MaintenanceSchedule, 'startDate' | 'interval'>, until: string, max = 10_000): string[] {
  const out: string[] = [];
  const end = dayNumber(until);
  for (let n = 0; n < max; n++) {
    const day = addInterval(schedule.startDate, schedule.interval, n);
    if (dayNumber(day) > end) break;
    out.push(day);
  }
  return out;
}

export const assetKey = (a: AssetRef) => `${a.assetKind}:${a.assetId}`;

export interface DueOccurrence {
  scheduleId: string;
  asset: AssetRef;
  /** The occurrence's due date. */
  dueDate: string;
  /** Days from today to the due date: negative when overdue. */
  inDays: number;
  state: 'overdue' | 'due-soon';
  /** The entry planned for it, if someone already planned the work. */
  plannedEntryId?: string;
}

/**
 * The unfulfilled occurrences of an active schedule that are overdue or due within `leadDays`,
 * per asset. Overdue ones are all listed (two missed quarters are two problems).
 */
export function dueOccurrences(schedule: MaintenanceSchedule, entries: readonly MaintenanceEntry[], today: string, leadDays: number): DueOccurrence[] {
  if (!schedule.active) return [];
  const todayNum = dayNumber(today);
  const horizon = todayNum + leadDays;
  const byKey = new Map<string, MaintenanceEntry[]>();
  for (const e of entries) {
    if (e.scheduleId !== schedule.id || !e.occurrence) continue;
    const key = `${assetKey(e.asset)}@${e.occurrence}`;
    (byKey.get(key) ?? byKey.set(key, []).get(key)!).push(e);
  }
  const out: DueOccurrence[] = [];
  const days = occurrencesUntil(schedule, addIntervalDays(today, leadDays));
  for (const asset of schedule.assets) {
    for (const day of days) {
      const n = dayNumber(day);
      if (n > horizon) break;
      const linked = byKey.get(`${assetKey(asset)}@${day}`) ?? [];
      if (linked.some((e) => e.status === 'done' || e.status === 'cancelled')) continue;
      const planned = linked.find((e) => e.status !== 'done' && e.status !== 'cancelled');
      out.push({
        scheduleId: schedule.id, asset, dueDate: day, inDays: n - todayNum, state: n < todayNum ? 'overdue' : 'due-soon',
        ...(planned ? { plannedEntryId: planned.id } : {}),
      });
    }
  }
  return out;
}

function addIntervalDays(day: string, days: number): string {
  return addInterval(day, { every: Math.max(1, days), unit: 'day' }, days > 0 ? 1 : 0);
}

/** The next occurrence on or after `today` (the register's "next due" column). */
export function nextOccurrence(schedule: Pick<MaintenanceSchedule, 'startDate' | 'interval'>, today: string): string {
  const t = dayNumber(today);
  for (let n = 0; n < 100_000; n++) {
    const day = addInterval(schedule.startDate, schedule.interval, n);
    if (dayNumber(day) >= t) return day;
  }
  return schedule.startDate;
}
