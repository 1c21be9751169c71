/** Small helpers for hand-written SVG and HTML: escaping and compact numbers. */

/** Escapes text for an HTML or SVG text node or a double-quoted attribute. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

/** A coordinate with at most one decimal: keeps 1,000-rack plans small. */
export const n = (v: number): string => String(Math.round(v * 10) / 10);
