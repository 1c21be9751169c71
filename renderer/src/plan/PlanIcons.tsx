/**
 * Icons of the plan tools and alignment commands (16 × 16 grid, 1.5 px strokes in currentColor,
 * like components/Icon.tsx, which belongs to the shared components).
 */
import type { ReactNode } from 'react';

const PATHS = {
  select: <path d="M3.5 2.5v10l2.8-2.6 1.9 4 1.7-.8-1.9-3.9h3.8Z" />,
  room: <><path d="M2.5 2.5h11v11h-11Z" /><path d="M2.5 2.5 1 1M13.5 13.5 15 15" /></>,
  rack: <><rect x="4" y="2" width="8" height="12" rx=".8" /><path d="M4 4.5h8" strokeWidth="2" /></>,
  row: <><rect x="1.5" y="5" width="4" height="6" /><rect x="6" y="5" width="4" height="6" /><rect x="10.5" y="5" width="4" height="6" /><path d="M1.5 3h13" /></>,
  floorEquipment: <><rect x="2" y="4" width="12" height="8" rx="1" /><circle cx="6" cy="8" r="2" /><path d="M10 6.5h2.5M10 9.5h2.5" /></>,
  obstacle: <><rect x="4" y="4" width="8" height="8" /><path d="M4 8l4-4M4 12l8-8M8 12l4-4" /></>,
  door: <><path d="M2 13.5h3M11 13.5h3M5 13.5V4.5" /><path d="M5 4.5A9 9 0 0 1 14 13.5" strokeDasharray="1.5 1.5" /></>,
  measure: <><path d="M2 10.5h12M2 8.5v4M14 8.5v4" /><path d="M5 10.5v-1.5M8 10.5V8.5M11 10.5v-1.5" /></>,
  label: <><path d="M3 3.5h10M8 3.5v9.5M6 13h4" /></>,
  snap: <><path d="M2 5.5h12M2 10.5h12M5.5 2v12M10.5 2v12" strokeOpacity=".55" /><circle cx="10.5" cy="10.5" r="1.8" /></>,
  rotate: <><path d="M12.5 8a4.5 4.5 0 1 1-1.3-3.2" /><path d="M11.5 1.8v3.2H8.3" /></>,
  alignLeft: <><path d="M2.5 1.5v13" /><rect x="4.5" y="3.5" width="9" height="3" /><rect x="4.5" y="9.5" width="5" height="3" /></>,
  alignRight: <><path d="M13.5 1.5v13" /><rect x="2.5" y="3.5" width="9" height="3" /><rect x="6.5" y="9.5" width="5" height="3" /></>,
  alignTop: <><path d="M1.5 2.5h13" /><rect x="3.5" y="4.5" width="3" height="9" /><rect x="9.5" y="4.5" width="3" height="5" /></>,
  alignBottom: <><path d="M1.5 13.5h13" /><rect x="3.5" y="2.5" width="3" height="9" /><rect x="9.5" y="6.5" width="3" height="5" /></>,
  alignCenterX: <><path d="M8 1.5v13" strokeDasharray="1.5 1.5" /><rect x="3.5" y="3.5" width="9" height="3" /><rect x="5.5" y="9.5" width="5" height="3" /></>,
  alignCenterY: <><path d="M1.5 8h13" strokeDasharray="1.5 1.5" /><rect x="3.5" y="3.5" width="3" height="9" /><rect x="9.5" y="5.5" width="3" height="5" /></>,
  distributeX: <><path d="M1.5 2v12M14.5 2v12" /><rect x="6.5" y="4.5" width="3" height="7" /></>,
  distributeY: <><path d="M2 1.5h12M2 14.5h12" /><rect x="4.5" y="6.5" width="7" height="3" /></>,
  copy: <><rect x="5.2" y="5.2" width="8.3" height="8.3" rx="1" /><path d="M10.8 5.2V3.5a1 1 0 0 0-1-1H3.5a1 1 0 0 0-1 1v6.3a1 1 0 0 0 1 1h1.7" /></>,
} satisfies Record<string, ReactNode>;

export type PlanIconName = keyof typeof PATHS;

export function PlanIcon({ name, size = 16 }: { name: PlanIconName; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className="icon">
      {PATHS[name]}
    </svg>
  );
}
