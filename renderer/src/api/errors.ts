import type { ErrorCode, SerializedError } from '../../../core/model/errors';

/**
 * A refusal from the main side, rebuilt from the `SerializedError` that crossed IPC or HTTP so the
 * UI can branch on `code` and put `message` next to the input named by `field`.
 */
export class ApiError extends Error implements SerializedError {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly details?: ReadonlyArray<{ path: string; message: string }>;

  constructor(readonly method: string, error: SerializedError) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
    if (error.field !== undefined) this.field = error.field;
    if (error.details !== undefined) this.details = error.details;
  }
}

/** Codes with which `project.open` refuses a file; they get a dialog rather than a toast. */
export const OPEN_REFUSAL_CODES: ReadonlySet<ErrorCode> = new Set(['not-sqlite', 'not-plenum', 'too-new', 'locked', 'corrupt']);

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

/** Any thrown value as a SerializedError, for display. */
export function toSerializedError(err: unknown): SerializedError {
  if (err instanceof ApiError) {
    return { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}), ...(err.details ? { details: err.details } : {}) };
  }
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

/**
 * Whether a refusal concerns the input for `key`. Errors name the field either as the entity field
 * (`widthMm`) or as an argument path (`patch.widthMm`, `ids.0`).
 */
export function errorConcerns(field: string | undefined, key: string): boolean {
  if (!field) return false;
  return field === key || field.endsWith(`.${key}`) || field.startsWith(`${key}.`);
}
