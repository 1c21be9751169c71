import { z } from 'zod';
import { PlenumDocument } from '../model/schema';

/** The JSON Schema (draft 2020-12) of a `plenum/1` document, generated from the zod schemas. */
export function plenumJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(PlenumDocument, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    $id: 'https://plenum.app/schema/plenum-1.schema.json',
    title: 'Plenum interchange document (plenum/1)',
    description: 'A whole Plenum project. Units: mm, W, kg, degrees. Ids are strings unique per collection. Extra fields are allowed and preserved.',
    ...schema,
  };
}
