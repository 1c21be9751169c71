import { z } from 'zod';
import { validateDocument, importChanges } from '../interchange/plenum1';
import { PlenumError } from '../model/errors';
import { defineCommand } from './registry';

/**
 * Imports a whole `plenum/1` document as one undo step. Everything is validated against the
 * document and the open project before any change is produced: a document with one error
 * produces no changes at all.
 */
export const importDocument = defineCommand({
  name: 'document.import',
  labelKey: 'command.document.import',
  args: z.object({ document: z.unknown(), setProjectName: z.boolean().default(false) }),
  plan(doc, args) {
    const result = validateDocument(args.document, doc);
    if (!result.ok) {
      const first = result.issues[0]!;
      throw new PlenumError(
        `the document has ${result.issues.length === 200 ? '200 or more' : result.issues.length} error(s); first: ${first.path ? `${first.path}: ` : ''}${first.message}`,
        'invalid',
        first.path || undefined,
        result.issues,
      );
    }
    const d = result.document;
    const counts = { deviceTypes: d.deviceTypes.length, rackTypes: d.rackTypes.length, rooms: d.rooms.length, racks: d.racks.length, devices: d.devices.length, rows: d.rows.length };
    return {
      changes: importChanges(d, { setProjectName: args.setProjectName, existing: doc }),
      result: counts,
      detail: `${counts.rooms} rooms, ${counts.racks} racks, ${counts.devices} devices`,
    };
  },
});
