import type { FormEvent, ReactNode } from 'react';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './Icon';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A real modal: focus moves in and is trapped, Escape closes, Enter submits (it is a form), and
 * focus returns where it was. Only the topmost modal reacts (`active`), so a dialog can stack on
 * another (New project → choose location).
 */
export function Modal({
  title, children, footer, onClose, onSubmit, active = true, size = 'md', testId, icon, busy = false, dismissOnBackdrop = false,
}: {
  title: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  onClose(): void;
  onSubmit?(): void;
  active?: boolean;
  size?: 'sm' | 'md' | 'lg';
  testId?: string;
  icon?: ReactNode;
  busy?: boolean;
  /** Informational dialogs close on a click outside; forms do not, so typed values are never lost. */
  dismissOnBackdrop?: boolean;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLFormElement>(null);
  const titleId = useId();

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const el = ref.current;
    if (el) {
      const preferred = el.querySelector<HTMLElement>('[data-autofocus]') ?? el.querySelector<HTMLElement>('input:not([type="hidden"]):not([disabled]), select, textarea')
        ?? el.querySelector<HTMLElement>('.modal-footer [type="submit"]:not([disabled])') ?? el.querySelector<HTMLElement>(FOCUSABLE);
      (preferred ?? el).focus();
      if (preferred instanceof HTMLInputElement && preferred.type === 'text') preferred.select();
    }
    return () => {
      if (previous && document.contains(previous)) previous.focus();
    };
  }, []);

  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        onClose();
        return;
      }
      if (e.key !== 'Tab' || !ref.current) return;
      const items = Array.from(ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((n) => n.offsetParent !== null || n === document.activeElement);
      if (items.length === 0) return;
      const first = items[0]!;
      const last = items[items.length - 1]!;
      const inside = ref.current.contains(document.activeElement);
      if (e.shiftKey && (document.activeElement === first || !inside)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (document.activeElement === last || !inside)) {
        e.preventDefault();
        first.focus();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [active, onClose]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!busy) onSubmit?.();
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget && active && dismissOnBackdrop) onClose(); }}>
      <form
        ref={ref}
        className={`modal modal-${size}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onSubmit={submit}
        data-testid={testId}
        noValidate
      >
        <header className="modal-header">
          {icon && <span className="modal-icon">{icon}</span>}
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="btn-icon" onClick={onClose} aria-label={t('common.close')} data-testid="modal-close">
            <Icon name="close" />
          </button>
        </header>
        <div className="modal-body">{children}</div>
        {footer && <footer className="modal-footer">{footer}</footer>}
      </form>
    </div>
  );
}
