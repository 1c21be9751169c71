/**
 * Published template versions (issue 5 §2). The frozen YAML is the source of truth; this module
 * parses it once per distinct text (bounded cache) so that answering one item in a project of
 * thousands of checklists never re-parses YAML.
 */
import type { DocReader } from '../model/changes';
import { PlenumError } from '../model/errors';
import type { CxInstance, CxTemplate } from '../model/schema';
import { loadTemplate } from './lint';
import type { ChecklistTemplate } from './template';

export const publishedId = (templateId: string, version: number) => `${templateId}@${version}`;

const cache = new Map<string, ChecklistTemplate>();
const CACHE_LIMIT = 200;

/** Parses a published template's YAML (it passed lint when published). */
export function parsePublished(row: CxTemplate): ChecklistTemplate {
  let t = cache.get(row.yaml);
  if (!t) {
    const loaded = loadTemplate(row.yaml, `${row.id}.yaml`);
    if (!loaded.ok) throw new PlenumError(`Published template ${row.id} no longer loads: ${loaded.problems[0]?.message ?? 'unknown problem'}`, 'corrupt');
    t = loaded.template;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(row.yaml, t);
  }
  return t;
}

export function publishedTemplate(doc: DocReader, templateId: string, version: number): ChecklistTemplate | null {
  const row = doc.get('cxTemplates', publishedId(templateId, version));
  return row ? parsePublished(row) : null;
}

export function templateOfInstance(doc: DocReader, instance: CxInstance): ChecklistTemplate {
  const t = publishedTemplate(doc, instance.templateId, instance.templateVersion);
  if (!t) throw new PlenumError(`Checklist ${instance.id} pins ${publishedId(instance.templateId, instance.templateVersion)}, which is not published in this project`, 'not-found', 'instanceId');
  return t;
}

/** The published versions of a template, newest first. */
export function publishedVersions(doc: DocReader, templateId: string): CxTemplate[] {
  return doc.list('cxTemplates', { field: 'templateId', value: templateId }).sort((a, b) => b.version - a.version);
}
