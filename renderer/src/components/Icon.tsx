/**
 * Inline SVG icons (no icon font or package: the CSP and the offline build both prefer it).
 * 16 × 16 grid, 1.5 px strokes in currentColor, so icons follow the text colour and theme.
 */
import type { ReactNode, SVGProps } from 'react';

const PATHS = {
  plus: <path d="M8 3v10M3 8h10" />,
  folderOpen: <><path d="M2 4.5A1.5 1.5 0 0 1 3.5 3h2.6l1.4 1.5h5A1.5 1.5 0 0 1 14 6v.5" /><path d="M2 12.5 3.7 7.3A1 1 0 0 1 4.6 6.6H14.3a.7.7 0 0 1 .66.92L13.4 12.3a1 1 0 0 1-.95.7H2.5Z" /></>,
  folder: <path d="M2 4.5A1.5 1.5 0 0 1 3.5 3h2.6l1.4 1.5h5A1.5 1.5 0 0 1 14 6v5.5a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 2 11.5Z" />,
  file: <><path d="M4 1.8h5l3.2 3.2v9.2H4Z" /><path d="M9 1.8V5h3.2" /></>,
  filePlus: <><path d="M4 1.8h5l3.2 3.2v9.2H4Z" /><path d="M9 1.8V5h3.2M8.1 7.2v4.4M5.9 9.4h4.4" /></>,
  sparkle: <><path d="M8 2.2 9.3 6.7 13.8 8 9.3 9.3 8 13.8 6.7 9.3 2.2 8 6.7 6.7Z" /></>,
  undo: <><path d="M5.5 3.5 2.5 6.5l3 3" /><path d="M2.8 6.5h6.7a4 4 0 0 1 0 8H7" /></>,
  redo: <><path d="m10.5 3.5 3 3-3 3" /><path d="M13.2 6.5H6.5a4 4 0 0 0 0 8H9" /></>,
  search: <><circle cx="7" cy="7" r="4.3" /><path d="m10.2 10.2 3.6 3.6" /></>,
  chevronRight: <path d="m6 3.5 4.5 4.5L6 12.5" />,
  chevronDown: <path d="M3.5 6 8 10.5 12.5 6" />,
  chevronUp: <path d="M3.5 10 8 5.5l4.5 4.5" />,
  arrowUp: <><path d="M8 13V3.5M4 7.3 8 3.3l4 4" /></>,
  room: <><rect x="2" y="2.5" width="12" height="11" rx="1" /><path d="M2 6.5h3M11 13.5V10" /></>,
  rack: <><rect x="3.5" y="1.8" width="9" height="12.4" rx="1" /><path d="M5.5 4.5h5M5.5 7h5M5.5 9.5h5" /></>,
  device: <><rect x="1.8" y="5" width="12.4" height="6" rx="1" /><path d="M4 8h.01M6 8h.01" strokeWidth="2" strokeLinecap="round" /><path d="M9 8h3" /></>,
  project: <><path d="M2.5 13.5V6l5.5-3.5L13.5 6v7.5Z" /><path d="M6 13.5v-4h4v4" /></>,
  trash: <><path d="M2.8 4.2h10.4M6.3 4.2V2.6h3.4v1.6M4.2 4.2l.7 9.3h6.2l.7-9.3" /><path d="M6.6 6.8v4.3M9.4 6.8v4.3" /></>,
  close: <path d="m4 4 8 8M12 4l-8 8" />,
  check: <path d="m3 8.5 3.2 3.2L13 4.8" />,
  checkCircle: <><circle cx="8" cy="8" r="6" /><path d="m5.3 8.2 1.9 1.9 3.6-3.8" /></>,
  lock: <><rect x="3" y="7" width="10" height="7" rx="1.2" /><path d="M5.2 7V5.2a2.8 2.8 0 0 1 5.6 0V7" /></>,
  alert: <><path d="M8 2 14.5 13.5h-13Z" /><path d="M8 6.3v3.3M8 11.6h.01" /></>,
  alertCircle: <><circle cx="8" cy="8" r="6" /><path d="M8 4.8v3.8M8 11h.01" /></>,
  info: <><circle cx="8" cy="8" r="6" /><path d="M8 7.2V11M8 5h.01" /></>,
  settings: <><circle cx="8" cy="8" r="2" /><path d="M8 1.8v1.7M8 12.5v1.7M14.2 8h-1.7M3.5 8H1.8M12.4 3.6l-1.2 1.2M4.8 11.2l-1.2 1.2M12.4 12.4l-1.2-1.2M4.8 4.8 3.6 3.6" /></>,
  help: <><circle cx="8" cy="8" r="6" /><path d="M6.2 6.3a1.9 1.9 0 1 1 2.6 1.8c-.5.2-.8.6-.8 1.1v.3M8 11.5h.01" /></>,
  keyboard: <><rect x="1.5" y="4" width="13" height="8" rx="1.2" /><path d="M4 6.5h.01M6.3 6.5h.01M8.6 6.5h.01M10.9 6.5h.01M4 9.3h8" strokeLinecap="round" /></>,
  clock: <><circle cx="8" cy="8" r="6" /><path d="M8 4.5V8l2.3 1.5" /></>,
  history: <><path d="M2.5 8a5.5 5.5 0 1 0 1.6-3.9" /><path d="M2.3 2.5v2.8h2.8M8 5v3.2l2 1.3" /></>,
  sun: <><circle cx="8" cy="8" r="2.8" /><path d="M8 1.5v1.5M8 13v1.5M1.5 8H3M13 8h1.5M3.4 3.4l1 1M11.6 11.6l1 1M3.4 12.6l1-1M11.6 4.4l1-1" /></>,
  moon: <path d="M13 9.6A5.3 5.3 0 0 1 6.4 3a5.3 5.3 0 1 0 6.6 6.6Z" />,
  monitor: <><rect x="1.8" y="2.5" width="12.4" height="8.5" rx="1" /><path d="M6 13.5h4M8 11v2.5" /></>,
  globe: <><circle cx="8" cy="8" r="6" /><path d="M2 8h12M8 2c1.7 1.7 2.5 3.7 2.5 6S9.7 12.3 8 14C6.3 12.3 5.5 10.3 5.5 8S6.3 3.7 8 2Z" /></>,
  ruler: <><path d="m2 11 9-9 3 3-9 9Z" /><path d="m5 8 1.2 1.2M7 6l1.2 1.2M9 4l1.2 1.2" /></>,
  zoomIn: <><circle cx="7" cy="7" r="4.3" /><path d="m10.2 10.2 3.6 3.6M5 7h4M7 5v4" /></>,
  zoomOut: <><circle cx="7" cy="7" r="4.3" /><path d="m10.2 10.2 3.6 3.6M5 7h4" /></>,
  fit: <path d="M2.5 6V2.5H6M10 2.5h3.5V6M13.5 10v3.5H10M6 13.5H2.5V10" />,
  download: <><path d="M8 2.5v8M4.5 7 8 10.5 11.5 7M2.5 13.5h11" /></>,
  copy: <><rect x="5.2" y="5.2" width="8.3" height="8.3" rx="1" /><path d="M10.8 5.2V3.5a1 1 0 0 0-1-1H3.5a1 1 0 0 0-1 1v6.3a1 1 0 0 0 1 1h1.7" /></>,
  save: <><path d="M2.5 3.5a1 1 0 0 1 1-1h7.3l2.7 2.7v7.3a1 1 0 0 1-1 1h-9a1 1 0 0 1-1-1Z" /><path d="M5 2.5v3h5v-3M5 13.5v-4h6v4" /></>,
  command: <><path d="M6 6h4v4H6Z" /><path d="M6 6H4.5A1.5 1.5 0 1 1 6 4.5ZM10 6V4.5A1.5 1.5 0 1 1 11.5 6ZM10 10h1.5a1.5 1.5 0 1 1-1.5 1.5ZM6 10v1.5A1.5 1.5 0 1 1 4.5 10Z" /></>,
  restore: <><path d="M2.5 8a5.5 5.5 0 1 0 1.6-3.9" /><path d="M2.3 2.5v2.8h2.8" /></>,
  layers: <><path d="m8 2 6 3.2-6 3.2-6-3.2Z" /><path d="m2 8 6 3.2L14 8M2 10.8 8 14l6-3.2" /></>,
  disconnected: <><path d="M3 3l10 10M6.5 4.3A6 6 0 0 1 13.6 7M2.4 7a6 6 0 0 1 1.5-1.3M4.7 9.5a3.2 3.2 0 0 1 3-.9M8 12.5h.01" /></>,
} satisfies Record<string, ReactNode>;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16, ...rest }: { name: IconName; size?: number } & Omit<SVGProps<SVGSVGElement>, 'name'>) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.5}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      className="icon"
      {...rest}
    >
      {PATHS[name]}
    </svg>
  );
}

/** The Plenum mark: a floor plan of racks in rows, with a cold aisle between them. */
export function LogoMark({ size = 20 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false" className="logo-mark">
      <rect x="1" y="1" width="22" height="22" rx="5" fill="var(--accent)" />
      <g fill="#fff">
        <rect x="5" y="5" width="3.2" height="5" rx=".6" />
        <rect x="10.4" y="5" width="3.2" height="5" rx=".6" />
        <rect x="15.8" y="5" width="3.2" height="5" rx=".6" opacity=".55" />
        <rect x="5" y="14" width="3.2" height="5" rx=".6" opacity=".55" />
        <rect x="10.4" y="14" width="3.2" height="5" rx=".6" />
        <rect x="15.8" y="14" width="3.2" height="5" rx=".6" />
      </g>
      <path d="M5 12h14" stroke="#bfe0ff" strokeWidth="1.2" strokeDasharray="1.6 1.4" />
    </svg>
  );
}
