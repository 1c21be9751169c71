import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';
import { useId } from 'react';
import { Icon } from './Icon';

/** A labelled form row for dialogs: label, control, then a hint or the refusal message. */
export function Field({ label, error, hint, children, htmlFor, wide }: {
  label: ReactNode;
  error?: string | null | undefined;
  hint?: ReactNode;
  children: ReactNode;
  htmlFor?: string;
  wide?: boolean;
}) {
  return (
    <div className={`field${error ? ' has-error' : ''}${wide ? ' field-wide' : ''}`}>
      <label className="field-label" htmlFor={htmlFor}>{label}</label>
      {children}
      {error ? (
        <p className="field-error" role="alert"><Icon name="alertCircle" size={14} />{error}</p>
      ) : hint ? (
        <p className="field-hint">{hint}</p>
      ) : null}
    </div>
  );
}

export function TextField({ label, error, hint, suffix, wide, numeric, ...input }: {
  label: ReactNode;
  error?: string | null | undefined;
  hint?: ReactNode;
  suffix?: ReactNode;
  wide?: boolean;
  numeric?: boolean;
} & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <Field label={label} error={error} hint={hint} htmlFor={id} {...(wide !== undefined ? { wide } : {})}>
      <div className={`input-wrap${suffix ? ' has-suffix' : ''}`}>
        <input
          id={id}
          type="text"
          spellCheck={false}
          autoComplete="off"
          className={`input${numeric ? ' input-numeric' : ''}`}
          aria-invalid={error ? true : undefined}
          {...input}
        />
        {suffix && <span className="input-suffix">{suffix}</span>}
      </div>
    </Field>
  );
}

export function SelectField({ label, error, hint, children, wide, ...select }: {
  label: ReactNode;
  error?: string | null | undefined;
  hint?: ReactNode;
  wide?: boolean;
  children: ReactNode;
} & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <Field label={label} error={error} hint={hint} htmlFor={id} {...(wide !== undefined ? { wide } : {})}>
      <select id={id} className="input select" aria-invalid={error ? true : undefined} {...select}>
        {children}
      </select>
    </Field>
  );
}

/** A row of mutually exclusive choices (radio semantics), for small enums like face or theme. */
export function Segmented<T extends string>({ value, options, onChange, label, testId, disabled }: {
  value: T;
  options: ReadonlyArray<{ value: T; label: ReactNode; icon?: ReactNode }>;
  onChange(value: T): void;
  label: string;
  testId?: string;
  disabled?: boolean;
}) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label} data-testid={testId}>
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={o.value === value}
          className={o.value === value ? 'is-on' : ''}
          onClick={() => onChange(o.value)}
          disabled={disabled}
          data-value={o.value}
          onKeyDown={(e) => {
            const i = options.findIndex((x) => x.value === value);
            if (e.key === 'ArrowRight' || e.key === 'ArrowDown') {
              e.preventDefault();
              onChange(options[(i + 1) % options.length]!.value);
            } else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') {
              e.preventDefault();
              onChange(options[(i - 1 + options.length) % options.length]!.value);
            }
          }}
          tabIndex={o.value === value ? 0 : -1}
        >
          {o.icon}
          <span>{o.label}</span>
        </button>
      ))}
    </div>
  );
}
