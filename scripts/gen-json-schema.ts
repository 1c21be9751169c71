/**
 * Writes docs/plenum-1.schema.json from the zod schemas in core/model/schema.ts, so the
 * documented format can never drift from what Plenum validates. A unit test fails when the
 * committed file is out of date: run `npm run schema:json` after changing the model.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { plenumJsonSchema } from '../core/interchange/json-schema';

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'plenum-1.schema.json');
fs.writeFileSync(out, JSON.stringify(plenumJsonSchema(), null, 2) + '\n');
console.log(`Wrote ${out}`);
