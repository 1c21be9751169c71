/**
 * A finding in the user's language and units. core/rules/layout.ts gives each finding a code, a
 * variant and raw params; the key is `findings.<code>.<variant>`, and params are formatted by
 * name: `…Mm` lengths (metric or imperial), `…Deg` angles, `…Kind` words from `findings.kind`.
 */
import type { TFunction } from 'i18next';
import type { DocumentSnapshot } from '../../../core/model/schema';
import type { Finding, FindingEntity } from '../../../core/rules/layout';

export interface ParamFormatters {
  length(mm: number): string;
  degrees(deg: number): string;
}

export function findingParams(finding: Pick<Finding, 'params'>, t: TFunction, fmt: ParamFormatters): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(finding.params)) {
    if (typeof value === 'number' && key.endsWith('Mm')) out[key] = fmt.length(value);
    else if (typeof value === 'number' && key.endsWith('Deg')) out[key] = fmt.degrees(value);
    else if (typeof value === 'string' && key.endsWith('Kind')) out[key] = t(`findings.kind.${value}`, { defaultValue: value });
    else out[key] = value;
  }
  return out;
}

/** The message in the current language; core's English message when a key is missing. */
export function findingText(finding: Finding, t: TFunction, fmt: ParamFormatters): string {
  return t(`findings.${finding.rule}.${finding.variant}`, { ...findingParams(finding, t, fmt), defaultValue: finding.message });
}

/** The display name of an entity a finding names ("A03", "Row B", "C1"). */
export function entityName(snapshot: DocumentSnapshot | null, entity: FindingEntity): string {
  if (!snapshot) return entity.id;
  const table = snapshot[entity.kind] as Record<string, { name?: string } | undefined> | undefined;
  const found = table?.[entity.id];
  return found?.name?.trim() ? found.name : entity.id;
}
