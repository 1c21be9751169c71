import { z } from 'zod';
import { ChecklistTemplate } from './template';

/**
 * The JSON Schema (draft 2020-12) of a checklist template, generated from the zod schemas so the
 * published docs/templates.schema.json cannot drift from what Plenum accepts. Editors that
 * understand JSON Schema (e.g. the YAML language server) can use it to complete and check
 * templates as they are typed; the linter (`plenum template lint`) checks much more.
 */
export function templateJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ChecklistTemplate, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    $id: 'https://plenum.app/schema/templates.schema.json',
    title: 'Plenum commissioning checklist template',
    ...schema,
    description: 'A commissioning checklist template (YAML). See docs/templates.md. Conditions (visibleIf, requiredIf) are checked by `plenum template lint`.',
  };
}
