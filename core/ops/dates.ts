/**
 * Calendar arithmetic for the operations registers, on `YYYY-MM-DD` days (due dates, expiries)
 * and on instants (backup runs). Days are calendar days with no time zone: a due date is the
 * same day wherever the laptop is. Instants are compared in UTC milliseconds.
 */
import type { Interval } from '../model/schema';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a `YYYY-MM-DD` day. */
export function dayNumber(day: string): number {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const d = Number(day.slice(8, 10));
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function dayOf(dayNum: number): string {
  return new Date(dayNum * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar day of an instant in the given UTC offset (minutes east of UTC). */
export function localDay(instantMs: number, offsetMinutes = 0): string {
  return new Date(instantMs + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

function daysInMonth(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

/**
 * The `n`-th occurrence after `start` by `interval` (n = 0 is `start`). Months and years keep the
 * start's day of month, clamped to the month's last day (a schedule starting on 31 January is due
 * on 28/29 February, then on 31 March: counting from the start, not from the previous
 * occurrence, so the clamp never drifts).
 */
export function addInterval(start: string, interval: Interval, n = 1): string {
  const k = interval.every * n;
  switch (interval.unit) {
    case 'hour':
      return dayOf(dayNumber(start) + Math.floor(k / 24));
    case 'day':
      return dayOf(dayNumber(start) + k);
    case 'week':
      return dayOf(dayNumber(start) + 7 * k);
    case 'month':
    case 'year': {
      const months = interval.unit === 'year' ? 12 * k : k;
      const y = Number(start.slice(0, 4));
      const m0 = Number(start.slice(5, 7)) - 1 + months;
      const d = Number(start.slice(8, 10));
      const year = y + Math.floor(m0 / 12);
      const month0 = ((m0 % 12) + 12) % 12;
      return dayOf(Math.round(Date.UTC(year, month0, Math.min(d, daysInMonth(year, month0))) / DAY_MS));
    }
  }
}

/** The interval's length in milliseconds, for instants (a month is 30 days, a year 365: "at least every…"). */
export function intervalMs(interval: Interval): number {
  const unit = { hour: 3_600_000, day: DAY_MS, week: 7 * DAY_MS, month: 30 * DAY_MS, year: 365 * DAY_MS }[interval.unit];
  return interval.every * unit;
}

/** Milliseconds of an ISO 8601 instant; NaN when it is not one. */
export function instantMs(iso: string): number {
  return Date.parse(iso);
}

/**
 * `2026-11-25T14:05:00.000+01:00`: a moment as this computer's local time with its UTC offset,
 * how every record is stamped (commissioning answers, imports), because work done offline is
 * dated by the device's clock and zone, not by a later sync.
 */
export function localTimeWithOffset(d: Date = new Date()): string {
  const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}
