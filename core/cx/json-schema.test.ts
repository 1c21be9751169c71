import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { templateJsonSchema } from './json-schema';

const committed = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/templates.schema.json');

describe('the published JSON Schema of checklist templates', () => {
  it('matches the zod schemas (run `npm run schema:json` after changing core/cx/template.ts)', () => {
    expect(JSON.parse(fs.readFileSync(committed, 'utf8'))).toEqual(templateJsonSchema());
  });

  it('requires the documented template fields and knows every item type', () => {
    const schema = templateJsonSchema() as {
      required: string[];
      properties: { sections: { items: { properties: { items: { items: { oneOf?: Array<{ properties: { type: { const: string } } }>; anyOf?: Array<{ properties: { type: { const: string } } }> } } } } } };
    };
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'version', 'title', 'level', 'appliesTo', 'sections']));
    const union = schema.properties.sections.items.properties.items.items;
    const types = (union.oneOf ?? union.anyOf ?? []).map((o) => o.properties.type.const);
    expect(types.sort()).toEqual(['check', 'choice', 'datetime', 'file', 'numeric', 'photo', 'signature', 'table', 'text']);
  });
});
