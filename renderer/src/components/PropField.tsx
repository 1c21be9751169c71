import type { ReactNode } from 'react';
import { useEffect, useId, useRef, useState } from 'react';
import { toSerializedError } from '../api/errors';
import { Icon } from './Icon';

export interface PropFieldProps<T> {
  label: ReactNode;
  /** The stored value (mm, kg, kW, U…). */
  value: T;
  format(value: T): string;
  /** Text → stored value, or null when the text cannot be read. */
  parse(text: string): T | null;
  /** Shown when parse fails, e.g. "Enter a length such as 12 m". */
  invalidMessage: string;
  /** Sends the command; throws ApiError when main refuses. */
  onCommit(value: T): Promise<unknown>;
  /** Resets the draft when another entity is shown in the same slot. */
  entityKey: string;
  readOnly?: boolean;
  numeric?: boolean;
  testId?: string;
  unit?: string;
}

/**
 * An inline-edited property: shows the value in display units; typing opens a draft that commits
 * on Enter or blur and reverts on Escape. A refusal from main (or unreadable text) stays next to
 * the field with the draft kept, so the user can correct it.
 */
export function PropField<T>({ label, value, format, parse, invalidMessage, onCommit, entityKey, readOnly, numeric, testId, unit }: PropFieldProps<T>) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const shown = format(value);

  useEffect(() => {
    setDraft(null);
    setError(null);
  }, [entityKey]);

  const commit = async (): Promise<void> => {
    if (draft === null || busy) return;
    if (draft === shown) {
      setDraft(null);
      setError(null);
      return;
    }
    const parsed = parse(draft);
    if (parsed === null) {
      setError(invalidMessage);
      return;
    }
    if (Object.is(parsed, value)) {
      setDraft(null);
      setError(null);
      return;
    }
    setBusy(true);
    try {
      await onCommit(parsed);
      setDraft(null);
      setError(null);
    } catch (err) {
      setError(toSerializedError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={`prop-row${error ? ' has-error' : ''}`} data-testid={testId}>
      <label className="prop-label" htmlFor={id}>{label}</label>
      <div className="prop-control">
        <input
          ref={input}
          id={id}
          className={`input input-prop${numeric ? ' input-numeric' : ''}`}
          type="text"
          spellCheck={false}
          autoComplete="off"
          value={draft ?? shown}
          readOnly={readOnly}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          title={unit ? `${draft ?? shown} (${unit})` : draft ?? shown}
          onChange={(e) => {
            setDraft(e.target.value);
            if (error) setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void commit().then(() => input.current?.select());
            } else if (e.key === 'Escape') {
              if (draft !== null || error) {
                e.preventDefault();
                e.stopPropagation();
                setDraft(null);
                setError(null);
              } else {
                input.current?.blur();
              }
            }
          }}
          onBlur={() => void commit()}
          data-testid={testId ? `${testId}-input` : undefined}
        />
      </div>
      {error && (
        <p className="prop-error" id={`${id}-error`} role="alert" data-testid={testId ? `${testId}-error` : undefined}>
          <Icon name="alertCircle" size={13} />
          <span>{error}</span>
        </p>
      )}
    </div>
  );
}

/** A property chosen from a short list (face, room): commits on change. */
export function PropSelect<T extends string>({ label, value, options, onCommit, readOnly, testId, entityKey }: {
  label: ReactNode;
  value: T;
  options: ReadonlyArray<{ value: T; label: string }>;
  onCommit(value: T): Promise<unknown>;
  readOnly?: boolean;
  testId?: string;
  entityKey: string;
}) {
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  useEffect(() => setError(null), [entityKey]);
  return (
    <div className={`prop-row${error ? ' has-error' : ''}`} data-testid={testId}>
      <label className="prop-label" htmlFor={id}>{label}</label>
      <div className="prop-control">
        <select
          id={id}
          className="input input-prop select"
          value={value}
          disabled={readOnly}
          onChange={(e) => {
            const next = e.target.value as T;
            setError(null);
            onCommit(next).catch((err: unknown) => setError(toSerializedError(err).message));
          }}
          data-testid={testId ? `${testId}-input` : undefined}
        >
          {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      </div>
      {error && <p className="prop-error" role="alert"><Icon name="alertCircle" size={13} /><span>{error}</span></p>}
    </div>
  );
}

/** A read-only property line (derived values: area, load, type details). */
export function PropValue({ label, children, testId, tone }: { label: ReactNode; children: ReactNode; testId?: string; tone?: 'warning' | 'danger' }) {
  return (
    <div className="prop-row prop-row-static" data-testid={testId}>
      <span className="prop-label">{label}</span>
      <span className={`prop-value${tone ? ` tone-${tone}` : ''}`} title={typeof children === 'string' ? children : undefined}>{children}</span>
    </div>
  );
}
