/** Field helpers shared by the power inspectors: numbers with units, nullable ratings, sections. */
import type { ReactNode } from 'react';
import { Icon } from '../components/Icon';
import type { IconName } from '../components/Icon';
import type { Units } from '../hooks';
import { parseDecimal } from '../units';
import { BoltIcon } from './parts';

/** A section of the properties sidebar, styled like the panel's own. */
export function PowerSection({ title, icon, children, actions, testId }: { title: ReactNode; icon?: IconName; children: ReactNode; actions?: ReactNode; testId?: string }) {
  return (
    <section className="props-section" data-testid={testId}>
      <header className="props-header">
        {icon ? <Icon name={icon} size={14} /> : <BoltIcon size={14} />}
        <h3>{title}</h3>
        {actions && <div className="section-actions">{actions}</div>}
      </header>
      <div className="props-body">{children}</div>
    </section>
  );
}

/** Strips a unit suffix a person may have typed along with the number ("32 A", "400V"). */
const stripUnit = (text: string, unit: string) => text.trim().replace(new RegExp(`\\s*${unit.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`, 'i'), '');

/** A required number shown with its unit. `min` exclusive when `positive`. */
export function numberField(units: Units, unit: string, opts: { digits?: number; positive?: boolean; integer?: boolean; max?: number } = {}) {
  return {
    format: (v: number) => `${units.number(v, opts.digits ?? 2)}${unit ? `\u00a0${unit}` : ''}`,
    parse: (text: string) => {
      const n = parseDecimal(stripUnit(text, unit), units.locale);
      if (n === null) return null;
      if (opts.positive && n <= 0) return null;
      if (opts.integer && !Number.isInteger(n)) return null;
      if (opts.max !== undefined && n > opts.max) return null;
      return n;
    },
    numeric: true,
    unit,
  };
}

/** A rating that may be absent (null): blank text clears it. */
export function nullableNumberField(units: Units, unit: string, digits = 2) {
  return {
    format: (v: number | null) => (v === null ? '' : `${units.number(v, digits)}${unit ? `\u00a0${unit}` : ''}`),
    // PropField treats null as "unreadable"; a blank entry is sent as the sentinel NaN and mapped back to null.
    parse: (text: string): number | null => {
      if (text.trim() === '') return Number.NaN;
      const n = parseDecimal(stripUnit(text, unit), units.locale);
      return n === null || n < 0 ? null : n;
    },
    numeric: true,
    unit,
  };
}

/** NaN (a cleared nullable field) → null for the command. */
export const orNull = (v: number | null): number | null => (v === null || Number.isNaN(v) ? null : v);

/** An optional number shown as blank when absent, with the project default as a hint. */
export function optionalNumberField(units: Units, unit: string, opts: { digits?: number; min?: number; max?: number; integer?: boolean } = {}) {
  return {
    format: (v: number | undefined) => (v === undefined ? '' : `${units.number(v, opts.digits ?? 2)}${unit ? `\u00a0${unit}` : ''}`),
    parse: (text: string): number | undefined | null => {
      const n = parseDecimal(stripUnit(text, unit), units.locale);
      if (n === null) return null;
      if (opts.min !== undefined && n < opts.min) return null;
      if (opts.max !== undefined && n > opts.max) return null;
      if (opts.integer && !Number.isInteger(n)) return null;
      return n;
    },
    numeric: true,
    unit,
  };
}
