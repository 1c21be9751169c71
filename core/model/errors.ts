/**
 * A refusal the user can act on. `field` names the argument or document path at fault, so the
 * UI can put the message next to the right input and the CLI can print it after the file name.
 */
export class PlenumError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode = 'invalid',
    readonly field?: string,
    readonly details?: ReadonlyArray<{ path: string; message: string }>,
  ) {
    super(message);
    this.name = 'PlenumError';
  }
}

export type ErrorCode =
  | 'invalid' // arguments or data fail validation
  | 'not-found' // a referenced entity does not exist
  | 'conflict' // a name or position is taken
  | 'read-only' // the project is open read-only
  | 'no-project' // nothing is open
  | 'not-sqlite'
  | 'not-plenum'
  | 'too-new'
  | 'locked'
  | 'corrupt'
  | 'io'
  | 'unsupported' // the method exists only in the other mode (Electron vs browser)
  | 'forbidden' // e.g. a URL not on the openExternal allow-list
  | 'internal';

/** Shape that crosses IPC and HTTP: a thrown Error would lose everything but its message. */
export interface SerializedError {
  code: ErrorCode;
  message: string;
  field?: string;
  details?: ReadonlyArray<{ path: string; message: string }>;
}

export function serializeError(err: unknown): SerializedError {
  if (err instanceof PlenumError) {
    return { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}), ...(err.details ? { details: err.details } : {}) };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message };
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: SerializedError };
