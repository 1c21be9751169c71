/**
 * The command registry: every edit a user can make to a project is one command here.
 *
 * A command has a stable name (used in IPC/HTTP method names and the op log), an i18n label key
 * (menus, the command palette, the undo button's tooltip), a zod schema for its arguments, and a
 * `plan` function that reads the document and returns the changes to apply. `plan` never mutates;
 * it throws PlenumError with the field at fault to refuse. The store applies the changes in one
 * transaction and logs them for undo, so one command call is exactly one undo step.
 */
import type { z } from 'zod';
import { PlenumError } from '../model/errors';
import type { Change, DocReader } from '../model/changes';
import type { IdFactory } from '../model/ids';

export interface CommandContext {
  newId: IdFactory;
}

export interface CommandPlan<R = unknown> {
  changes: Change[];
  /** What the caller gets back, e.g. the id of the created entity. */
  result: R;
  /** Label for the op log / undo tooltip when it should say more than the command's label. */
  detail?: string;
}

export interface CommandDef<S extends z.ZodType = z.ZodType, R = unknown> {
  name: string;
  labelKey: string;
  args: S;
  plan(doc: DocReader, args: z.output<S>, ctx: CommandContext): CommandPlan<R>;
}

export function defineCommand<S extends z.ZodType, R>(def: CommandDef<S, R>): CommandDef<S, R> {
  return def;
}

/**
 * Applies a schema to a whole entity (a create, or an update merged with the current entity),
 * so an update is held to the same rules as a create. Refuses with the field at fault.
 */
export function validated<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join('.');
  throw new PlenumError(`${what}: ${field ? `${field}: ` : ''}${issue.message}`, 'invalid', field || undefined);
}
