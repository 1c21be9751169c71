/**
 * Writes docs/templates.schema.json from the zod schemas in core/cx/template.ts. A unit test
 * (core/cx/json-schema.test.ts) fails when the committed file is out of date: run
 * `npx tsx scripts/gen-template-schema.ts` after changing the template format.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { templateJsonSchema } from '../core/cx/json-schema';

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'templates.schema.json');
fs.writeFileSync(out, JSON.stringify(templateJsonSchema(), null, 2) + '\n');
console.log(`Wrote ${out}`);
