import type { ReactElement, ReactNode } from 'react';
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';

const SHOW_DELAY_MS = 450;

/**
 * A hover and focus tooltip, drawn in a portal so that no overflow clips it. The child keeps its
 * own accessible name (aria-label); the tooltip adds the longer text and the shortcut.
 */
export function Tooltip({ label, shortcut, children, placement = 'bottom' }: {
  label: ReactNode;
  shortcut?: string | undefined;
  children: ReactElement;
  placement?: 'bottom' | 'top';
}) {
  const [open, setOpen] = useState(false);
  const [pos, setPos] = useState<{ left: number; top: number } | null>(null);
  const anchor = useRef<HTMLSpanElement>(null);
  const tip = useRef<HTMLDivElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const id = useId();

  const show = useCallback((immediate: boolean) => {
    clearTimeout(timer.current);
    if (immediate) setOpen(true);
    else timer.current = setTimeout(() => setOpen(true), SHOW_DELAY_MS);
  }, []);
  const hide = useCallback(() => {
    clearTimeout(timer.current);
    setOpen(false);
  }, []);
  useEffect(() => () => clearTimeout(timer.current), []);

  useLayoutEffect(() => {
    if (!open || !anchor.current || !tip.current) return;
    const a = anchor.current.getBoundingClientRect();
    const t = tip.current.getBoundingClientRect();
    const left = Math.max(6, Math.min(window.innerWidth - t.width - 6, a.left + a.width / 2 - t.width / 2));
    const top = placement === 'bottom' || a.top - t.height - 8 < 0 ? a.bottom + 6 : a.top - t.height - 6;
    setPos({ left, top });
  }, [open, placement, label]);

  return (
    <span
      ref={anchor}
      className="tooltip-anchor"
      onMouseEnter={() => show(false)}
      onMouseLeave={hide}
      onFocus={(e) => {
        if ((e.target as HTMLElement).matches(':focus-visible')) show(true);
      }}
      onBlur={hide}
      onMouseDown={hide}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) hide();
      }}
      aria-describedby={open ? id : undefined}
    >
      {children}
      {open &&
        createPortal(
          <div
            ref={tip}
            id={id}
            role="tooltip"
            className="tooltip"
            style={pos ? { left: pos.left, top: pos.top } : { left: -9999, top: -9999 }}
          >
            <span>{label}</span>
            {shortcut && <kbd className="kbd">{shortcut}</kbd>}
          </div>,
          document.body,
        )}
    </span>
  );
}
