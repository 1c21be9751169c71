/**
 * Layout findings drawn on the plan. They come from the one shared computation of the open
 * project (renderer/src/findings/useFindings.ts), so the plan, the panel and the status bar never
 * disagree and the rules run once per change.
 */
import type { Finding, Severity } from '../../../core/rules/finding';

export type FindingSeverity = Severity;

/** Entity kinds as findings name them (collections or singular), to the plan's item kinds. */
const KIND_ALIASES: Record<string, string> = {
  racks: 'rack', rack: 'rack', rows: 'row', row: 'row', floorEquipment: 'floorEquipment', obstacles: 'obstacle', obstacle: 'obstacle',
  doors: 'door', door: 'door', annotations: 'annotation', annotation: 'annotation', rooms: 'room', room: 'room',
};

/** The worst severity per plan item (`kind|id`), with the messages, for outlines and tooltips. */
export function findingsByItem(findings: readonly Finding[], text: (f: Finding) => string): Map<string, { severity: FindingSeverity; messages: string[] }> {
  const out = new Map<string, { severity: FindingSeverity; messages: string[] }>();
  for (const f of findings) {
    for (const e of f.refs) {
      const key = `${KIND_ALIASES[e.kind] ?? e.kind}|${e.id}`;
      const prev = out.get(key);
      if (!prev) out.set(key, { severity: f.severity, messages: [text(f)] });
      else {
        prev.messages.push(text(f));
        if (f.severity === 'error' || (f.severity === 'warning' && prev.severity === 'info')) prev.severity = f.severity;
      }
    }
  }
  return out;
}
