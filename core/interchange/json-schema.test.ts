import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { plenumJsonSchema } from './json-schema';

const committed = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/plenum-1.schema.json');

describe('the published JSON Schema of plenum/1', () => {
  it('matches the zod schemas (run `npm run schema:json` after changing the model)', () => {
    expect(JSON.parse(fs.readFileSync(committed, 'utf8'))).toEqual(plenumJsonSchema());
  });

  it('requires the documented fields of every collection', () => {
    const schema = plenumJsonSchema() as { properties: Record<string, { items: { required: string[] } }> };
    expect(schema.properties.racks!.items.required).toEqual(
      expect.arrayContaining(['id', 'name', 'roomId', 'xMm', 'yMm', 'rotationDeg', 'uHeight', 'widthMm', 'depthMm', 'maxKw', 'maxKg']),
    );
    expect(schema.properties.devices!.items.required).toEqual(expect.arrayContaining(['id', 'name', 'rackId', 'typeId', 'position', 'face']));
    expect(schema.properties.deviceTypes!.items.required).toEqual(
      expect.arrayContaining(['id', 'manufacturer', 'model', 'uHeight', 'fullDepth', 'weightKg', 'powerMaxW', 'powerTypicalW', 'airflow']),
    );
    expect(schema.properties.rooms!.items.required).toEqual(expect.arrayContaining(['id', 'name', 'widthMm', 'depthMm']));
  });
});
