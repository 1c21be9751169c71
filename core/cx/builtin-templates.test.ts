import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintTemplate } from './lint';
import type { ChecklistTemplate, TableItem } from './template';
import { templateItems } from './template';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../assets/templates');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();
const templates = new Map<string, ChecklistTemplate>();
for (const f of files) {
  const { template } = lintTemplate(fs.readFileSync(path.join(DIR, f), 'utf8'), f);
  if (template) templates.set(template.id, template);
}
const known = new Set(templates.keys());

describe('the built-in checklist templates (assets/templates)', () => {
  it('are at least eight', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  it.each(files)('%s lints with zero problems, warnings included', (file) => {
    const { problems, template } = lintTemplate(fs.readFileSync(path.join(DIR, file), 'utf8'), file, { knownTemplateIds: known });
    expect(problems).toEqual([]);
    expect(template).not.toBeNull();
    // The file is named after the template id, so a CxA finds it.
    expect(`${template!.id}.yaml`).toBe(file);
  });

  it('cover the levels and subjects issue 5 asks for', () => {
    const byId = (id: string) => templates.get(id)!;
    expect([...templates.values()].map((t) => `${t.level} ${t.id}`).sort()).toEqual(expect.arrayContaining([
      'L2 l2-equipment-delivery', 'L3 l3-equipment-startup', 'L3 l3-rack-installation', 'L3 l3-rack-pdu', 'L3 l3-structured-cabling',
      'L4 l4-crah-functional', 'L4 l4-generator', 'L4 l4-ups-functional', 'L5 l5-ist-utility-failure',
    ]));
    // UPS: load steps at 25/50/75/100 % as a table with measured kW, V, Hz and THD.
    const ups = templateItems(byId('l4-ups-functional')).find((i) => i.id === 'load_step_table') as TableItem;
    expect(ups.rows!.map((r) => r.values?.step_pct)).toEqual([25, 50, 75, 100]);
    expect(ups.columns.map((c) => c.type === 'numeric' ? c.unit : null)).toEqual(expect.arrayContaining(['kW', 'V', 'Hz', '%']));
    // Generator: a 2-hour run, read every 15 minutes.
    const run = templateItems(byId('l4-generator')).find((i) => i.id === 'load_run_table') as TableItem;
    expect(run.rows!.at(-1)!.values?.minutes).toBe(120);
    // Cabling: results with the tester serial and calibration date, for copper and fibre.
    const cabling = templateItems(byId('l3-structured-cabling')).map((i) => i.id);
    expect(cabling).toEqual(expect.arrayContaining(['copper_links', 'fibre_strands', 'copper_tester_serial', 'copper_tester_calibration', 'fibre_tester_serial', 'fibre_tester_calibration']));
  });

  it('give every asset an L4 template applies to an L3 to pass first, so L4 gating has something to wait for', () => {
    const covers = (t: ChecklistTemplate, kind: string, role: string | undefined) =>
      t.appliesTo.some((a) => a.kind === kind && (a.roles === undefined || role === undefined || a.roles.includes(role)));
    for (const l4 of [...templates.values()].filter((t) => t.level === 'L4')) {
      expect(l4.prerequisites?.levels, l4.id).toContain('L3');
      for (const a of l4.appliesTo) {
        for (const role of a.roles ?? [undefined]) {
          const l3 = [...templates.values()].filter((t) => t.level === 'L3' && covers(t, a.kind, role)).map((t) => t.id);
          expect(l3, `${l4.id} on ${a.kind}${role ? `/${role}` : ''}`).not.toEqual([]);
        }
      }
    }
  });

  it('end with signatures, and raise an issue on every failable check', () => {
    for (const t of templates.values()) {
      const last = t.sections.at(-1)!;
      expect(last.items.some((i) => i.type === 'signature' && i.role === 'CxA'), t.id).toBe(true);
      for (const item of templateItems(t)) {
        if (item.type === 'check') expect(item.onFail?.raiseIssue, `${t.id}/${item.id}`).toBeDefined();
      }
    }
  });
});

describe('docs/templates.md', () => {
  const doc = fs.readFileSync(path.resolve(DIR, '../../docs/templates.md'), 'utf8');
  it('shows an example template that lints clean', () => {
    const example = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).find((block) => block.startsWith('id:'));
    expect(example).toBeDefined();
    expect(lintTemplate(example!, 'docs-example.yaml', { knownTemplateIds: known }).problems).toEqual([]);
  });

  it('lists every built-in template', () => {
    for (const f of files) expect(doc).toContain(`\`${f}\``);
  });
});
