/**
 * A finding in the user's language and units. The engine (core/rules, core/capacity) gives each
 * finding a rule, a variant and raw params; the message key is `findings.<rule>.<variant>`, the
 * hint's `findings.<rule>.hints.<variant>` when it depends on the variant, else
 * `findings.<rule>.hint`. Params are formatted by name (core/rules/finding.ts): `…Mm` lengths,
 * `…Deg` angles, `…W` powers (shown in kW), `…Kg` masses, `…KgM2` floor loads, `…C` temperatures,
 * `pct`/`…Pct` percentages, `…Kind` words from `findings.kind`, `takenAt` a date and time.
 *
 * Without formatters for the capacity units, params are written the way core writes its English
 * messages ("7.2 kW", "812 kg"), so a test can compare the English text with core's message.
 */
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import type { DocumentSnapshot } from '../../../core/model/schema';
import type { FindingEntity } from '../../../core/rules/finding';
import type { Finding } from '../../../core/rules/finding';
import * as format from '../../../core/rules/finding-format';
import type { ParamFormatters } from '../../../core/rules/finding-format';
import { useUnits } from '../hooks';
import { KG_PER_POUND, MM_PER_FOOT, formatNumber } from '../units';

export type { ParamFormatters };

// i18next's TFunction has overloads a plain function type cannot express; it is the same call.
const plain = (t: TFunction) => t as unknown as format.Translate;

export function findingParams(finding: Parameters<typeof format.findingParams>[0], t: TFunction, fmt: ParamFormatters): Record<string, string | number> {
  return format.findingParams(finding, plain(t), fmt);
}

/** The message in the current language; core's English message when a key is missing. */
export function findingText(finding: Finding, t: TFunction, fmt: ParamFormatters): string {
  return format.findingText(finding, plain(t), fmt);
}

/** What to do about it, in the current language; core's English hint when a key is missing. */
export function findingHint(finding: Finding, t: TFunction, fmt: ParamFormatters): string {
  return format.findingHint(finding, plain(t), fmt);
}

const M2_PER_FT2 = (MM_PER_FOOT / 1000) ** 2;

/** The user's units for every kind of param (metric or imperial, and the language's numbers). */
export function useParamFormatters(): ParamFormatters {
  const units = useUnits();
  return useMemo(() => ({
    length: (mm: number) => units.length(mm, 'equipment'),
    degrees: units.degrees,
    power: (w: number) => units.powerKw(Math.round(w / 10) / 100),
    mass: units.mass,
    floorLoad: (v: number) => (units.system === 'imperial'
      ? `${formatNumber((v / KG_PER_POUND) * M2_PER_FT2, units.locale, 0)}\u00a0lb/ft²`
      : `${formatNumber(v, units.locale, 0)}\u00a0kg/m²`),
    temperature: (c: number) => `${formatNumber(c, units.locale, 1)}\u00a0°C`,
    percent: (p: number) => formatNumber(p, units.locale, 0),
    dateTime: (iso: string) => {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(units.locale, { dateStyle: 'medium', timeStyle: 'short' });
    },
  }), [units]);
}

/** The display name of an entity a finding names ("A03", "Row B", "C1"). */
export function entityName(snapshot: DocumentSnapshot | null, entity: FindingEntity): string {
  if (!snapshot) return entity.id;
  const table = snapshot[entity.kind] as Record<string, { name?: string } | undefined> | undefined;
  const found = table?.[entity.id];
  return found?.name?.trim() ? found.name : entity.id;
}
