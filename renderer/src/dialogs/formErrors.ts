import { useCallback, useState } from 'react';
import { errorConcerns, toSerializedError } from '../api/errors';

/**
 * Field errors for a dialog form: a refusal from main lands next to the input its `field` names,
 * or at the bottom of the form when it names none of them.
 */
export function useFormErrors<K extends string>(fields: readonly K[]) {
  const [errors, setErrors] = useState<Partial<Record<K, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);

  const fromError = useCallback((err: unknown) => {
    const e = toSerializedError(err);
    const key = fields.find((f) => errorConcerns(e.field, f));
    if (key) {
      setErrors({ [key]: e.message } as Partial<Record<K, string>>);
      setGeneral(null);
    } else {
      setErrors({});
      setGeneral(e.message);
    }
  // The field list is a constant per dialog.
  }, []);

  const set = useCallback((key: K, message: string | null) => {
    setErrors((prev) => {
      const next = { ...prev };
      if (message) next[key] = message;
      else delete next[key];
      return next;
    });
  }, []);

  const clear = useCallback(() => {
    setErrors({});
    setGeneral(null);
  }, []);

  return { errors, general, fromError, set, clear };
}
