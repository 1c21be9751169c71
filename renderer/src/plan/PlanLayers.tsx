/**
 * The drawing layers of the plan, in room millimetres inside one transformed group (so panning
 * only moves that group's transform). Each layer is memoised on the data it draws and on the
 * zoom, never on the pan, so a room of 2,000 racks stays smooth: text and stroke sizes are given
 * in screen pixels divided by the scale.
 */
import { memo } from 'react';
import type { Annotation, Door, FloorEquipment, Obstacle, Rack, Room, Row } from '../../../core/model/schema';
import type { FindingSeverity } from './findings';
import type { Point } from './geometry';
import { footprintCorners, pointInPolygon, roomOutline, rowOutline, tileGrid, tileRange } from './planMath';

export type Labels = {
  coldAisle: string;
  hotAisle: string;
  feKind: Record<FloorEquipment['kind'], string>;
};

const pts = (list: readonly Point[]) => list.map((p) => `${round(p.x)},${round(p.y)}`).join(' ');
const round = (v: number) => Math.round(v * 10) / 10;

// ---------------------------------------------------------------- room

export const RoomLayer = memo(function RoomLayer({ room, scale, selected }: { room: Room; scale: number; selected: boolean }) {
  const outline = roomOutline(room);
  const wall = room.wallThicknessMm ?? 0;
  const grid = tileGrid(room);
  const tilePx = grid.sizeMm * scale;
  const every = tilePx >= 7 ? 1 : tilePx * 5 >= 7 ? 5 : 0;
  const lines: React.ReactNode[] = [];
  if (every > 0) {
    const cols = tileRange(grid.originXMm, grid.sizeMm, 0, room.widthMm + grid.sizeMm);
    const rows = tileRange(grid.originYMm, grid.sizeMm, 0, room.depthMm + grid.sizeMm);
    for (const i of cols) {
      if (i % every !== 0) continue;
      const x = grid.originXMm + i * grid.sizeMm;
      if (x <= 0 || x >= room.widthMm) continue;
      lines.push(<line key={`x${i}`} x1={x} y1={0} x2={x} y2={room.depthMm} className={i % 5 === 0 ? 'tile-major' : 'tile'} />);
    }
    for (const j of rows) {
      if (j % every !== 0) continue;
      const y = grid.originYMm + j * grid.sizeMm;
      if (y <= 0 || y >= room.depthMm) continue;
      lines.push(<line key={`y${j}`} x1={0} y1={y} x2={room.widthMm} y2={y} className={j % 5 === 0 ? 'tile-major' : 'tile'} />);
    }
  }
  const poly = pts(outline);
  return (
    <g className="plan-room" data-testid="plan-room">
      <defs>
        <clipPath id={`plan-floor-clip-${room.id}`}>
          <polygon points={poly} />
        </clipPath>
      </defs>
      {wall > 0 && <polygon points={poly} className="room-wall-band" style={{ strokeWidth: wall * 2 }} />}
      <polygon points={poly} className="room-floor" />
      <g className="room-tiles" clipPath={`url(#plan-floor-clip-${room.id})`}>{lines}</g>
      <polygon points={poly} className={`room-wall${selected ? ' is-selected' : ''}`} />
    </g>
  );
});

// ---------------------------------------------------------------- rows

export const RowsLayer = memo(function RowsLayer({ rows, racks, scale, selected, labels }: {
  rows: readonly Row[];
  racks: Record<string, Rack>;
  scale: number;
  selected: ReadonlySet<string>;
  labels: Labels;
}) {
  const px = (v: number) => v / scale;
  return (
    <g className="plan-rows">
      {rows.map((row) => {
        const members = row.rackIds.map((id) => racks[id]).filter((r): r is Rack => r !== undefined);
        const o = rowOutline(members, row.orientationDeg, px(5));
        if (!o) return null;
        const [a, b] = o.front;
        const back = footprintCorners({ xMm: 0, yMm: 0, widthMm: 2, depthMm: 2, rotationDeg: row.orientationDeg });
        // Unit vector pointing out of the front edge (towards the aisle the fronts face).
        const nx = back[0].x - back[3].x;
        const ny = back[0].y - back[3].y;
        const nl = Math.hypot(nx, ny) || 1;
        const band = px(7);
        const aisle: Point[] = [a, b, { x: b.x + (nx / nl) * band, y: b.y + (ny / nl) * band }, { x: a.x + (nx / nl) * band, y: a.y + (ny / nl) * band }];
        const start = { x: (o.corners[0]!.x + o.corners[3]!.x) / 2, y: (o.corners[0]!.y + o.corners[3]!.y) / 2 };
        const ux = o.corners[0]!.x - o.corners[1]!.x;
        const uy = o.corners[0]!.y - o.corners[1]!.y;
        const ul = Math.hypot(ux, uy) || 1;
        const labelAt = { x: start.x + (ux / ul) * px(14), y: start.y + (uy / ul) * px(14) };
        const isSel = selected.has(row.id);
        const aisleText = row.frontAisle === 'cold' ? labels.coldAisle : labels.hotAisle;
        // The aisle's name sits at the front edge's first end: two rows facing each other across
        // one aisle run in opposite directions, so their names land at opposite ends.
        const startsLeft = a.x < b.x - 1e-6 || (Math.abs(a.x - b.x) < 1e-6 && a.y < b.y);
        const mid = { x: a.x + (b.x - a.x) * 0.02 + (nx / nl) * px(15), y: a.y + (b.y - a.y) * 0.02 + (ny / nl) * px(15) };
        const long = Math.hypot(b.x - a.x, b.y - a.y) * scale > aisleText.length * 7 * 2 + 20;
        return (
          <g key={row.id} className={`plan-row${isSel ? ' is-selected' : ''}`} data-kind="row" data-id={row.id} data-testid="plan-row" data-name={row.name}>
            <polygon points={pts(o.corners)} className="row-outline" />
            <polygon points={pts(aisle)} className={`row-aisle row-aisle-${row.frontAisle}`}><title>{aisleText}</title></polygon>
            {long && <text x={mid.x} y={mid.y} className={`row-aisle-text row-aisle-text-${row.frontAisle}`} style={{ fontSize: px(10) }} textAnchor={startsLeft ? 'start' : 'end'} dominantBaseline="central">{aisleText}</text>}
            <g className="row-badge" transform={`translate(${round(labelAt.x)} ${round(labelAt.y)})`}>
              <circle r={px(10)} className="row-badge-bg" />
              <text className="row-badge-text" style={{ fontSize: px(11) }} textAnchor="middle" dominantBaseline="central">{row.name}</text>
            </g>
          </g>
        );
      })}
    </g>
  );
});

// ---------------------------------------------------------------- items

export interface ItemFlags {
  selected: ReadonlySet<string>;
  hidden: ReadonlySet<string>;
  findings: ReadonlyMap<string, { severity: FindingSeverity; messages: string[] }>;
  highlighted: string | null;
}

/** A rack's capacity overlay on the plan: the fill of its footprint and its value ("7.2 kW"). */
export interface RackOverlayMark {
  colour: string;
  text: string | null;
  /** Spoken and tooltip text: "% of power budget: 84 %". */
  title: string;
  /**
   * The longest name or value of the racks drawn, in characters: every rack lays its texts out
   * for it, so that a row does not mix turned and level labels.
   */
  layoutChars: number;
}

/** What the what-if draws (capacity/overlay.ts `whatIfView`), by rack and floor equipment id. */
export interface PlanWhatIf {
  racks: ReadonlyMap<string, 'down' | 'degraded' | 'coolingShort'>;
  equipment: ReadonlyMap<string, 'failed' | 'dead'>;
}

/**
 * Where a rack's name and overlay value go: stacked across the footprint when both fit
 * horizontally, along its long side (turned) when only that fits, the value alone when only one
 * line fits, nothing when the rack is a few pixels wide.
 */
function rackTexts(scale: number, corners: readonly Point[], chars: number): { font: number; rotate: boolean; name: boolean; value: boolean } | null {
  const xs = corners.map((c) => c.x);
  const ys = corners.map((c) => c.y);
  const bw = (Math.max(...xs) - Math.min(...xs)) * scale;
  const bh = (Math.max(...ys) - Math.min(...ys)) * scale;
  const font = Math.max(9, Math.min(12, Math.min(bw, bh) * 0.28));
  const width = chars * font * 0.6 + 4;
  if (bw >= width && bh >= font * 2.3) return { font, rotate: false, name: true, value: true };
  if (bh >= width && bw >= font * 2.3) return { font, rotate: true, name: true, value: true };
  if (bw >= width && bh >= font + 2) return { font, rotate: false, name: false, value: true };
  if (bh >= width && bw >= font + 2) return { font, rotate: true, name: false, value: true };
  return null;
}

function FindingBadge({ at, severity, scale, messages }: { at: Point; severity: FindingSeverity; scale: number; messages: string[] }) {
  const r = 7 / scale;
  return (
    <g className={`finding-badge finding-${severity}`} transform={`translate(${round(at.x)} ${round(at.y)})`} data-testid="plan-finding">
      <circle r={r} />
      <text style={{ fontSize: 10 / scale }} textAnchor="middle" dominantBaseline="central">{severity === 'error' ? '!' : severity === 'warning' ? '▲' : 'i'}</text>
      <title>{messages.join('\n')}</title>
    </g>
  );
}

function itemClass(base: string, key: string, flags: ItemFlags): string {
  const f = flags.findings.get(key);
  return `${base}${flags.selected.has(key) ? ' is-selected' : ''}${flags.hidden.has(key) ? ' is-hidden' : ''}${f ? ` has-${f.severity}` : ''}${flags.highlighted === key ? ' is-highlighted' : ''}`;
}

export const RackShape = memo(function RackShape({ rack, scale, cls, finding, overlay, whatIf }: {
  rack: Rack;
  scale: number;
  cls: string;
  finding: { severity: FindingSeverity; messages: string[] } | undefined;
  overlay?: RackOverlayMark | undefined;
  whatIf?: 'down' | 'degraded' | 'coolingShort' | undefined;
}) {
  const corners = footprintCorners(rack);
  if (overlay || whatIf) return <RackWithOverlay rack={rack} scale={scale} cls={cls} finding={finding} overlay={overlay} whatIf={whatIf} corners={corners} />;
  const [fl, fr, , rl] = corners;
  const inset = Math.min(2.5 / scale, rack.depthMm * 0.25);
  const dl = Math.hypot(rl.x - fl.x, rl.y - fl.y) || 1;
  const ux = (rl.x - fl.x) / dl;
  const uy = (rl.y - fl.y) / dl;
  const boxPx = Math.min(rack.widthMm, rack.depthMm) * scale;
  const fontPx = Math.max(9, Math.min(13, boxPx * 0.3));
  const longPx = Math.max(rack.widthMm, rack.depthMm) * scale;
  const showLabel = longPx >= rack.name.length * fontPx * 0.62 + 4 && boxPx >= fontPx + 2;
  const vertical = rack.depthMm > rack.widthMm ? Math.round(rack.rotationDeg / 90) % 2 === 0 : Math.round(rack.rotationDeg / 90) % 2 === 1;
  return (
    <g className={cls} data-kind="rack" data-id={rack.id} data-testid="plan-rack" data-name={rack.name} role="button" aria-label={rack.name}>
      <polygon points={pts(corners)} className="rack-body" />
      <line x1={round(fl.x + ux * inset)} y1={round(fl.y + uy * inset)} x2={round(fr.x + ux * inset)} y2={round(fr.y + uy * inset)} className="rack-front" />
      {showLabel && (
        <text x={rack.xMm} y={rack.yMm} className="rack-label" style={{ fontSize: fontPx / scale }} dominantBaseline="central" textAnchor="middle"
          transform={vertical && longPx > rack.name.length * fontPx * 0.62 + 4 && Math.min(rack.widthMm, rack.depthMm) * scale < rack.name.length * fontPx * 0.62 + 4 ? `rotate(-90 ${rack.xMm} ${rack.yMm})` : undefined}>
          {rack.name}
        </text>
      )}
      {finding && <FindingBadge at={fr} severity={finding.severity} scale={scale} messages={finding.messages} />}
      <title>{finding ? `${rack.name}\n${finding.messages.join('\n')}` : rack.name}</title>
    </g>
  );
});

function RackWithOverlay({ rack, scale, cls, finding, overlay, whatIf, corners }: {
  rack: Rack;
  scale: number;
  cls: string;
  finding: { severity: FindingSeverity; messages: string[] } | undefined;
  overlay: RackOverlayMark | undefined;
  whatIf: 'down' | 'degraded' | 'coolingShort' | undefined;
  corners: ReturnType<typeof footprintCorners>;
}) {
  const [fl, fr, , rl] = corners;
  const inset = Math.min(2.5 / scale, rack.depthMm * 0.25);
  const dl = Math.hypot(rl.x - fl.x, rl.y - fl.y) || 1;
  const ux = (rl.x - fl.x) / dl;
  const uy = (rl.y - fl.y) / dl;
  const text = overlay?.text ?? null;
  const layout = text ? rackTexts(scale, corners, overlay!.layoutChars) : null;
  const plain = !text && Math.min(rack.widthMm, rack.depthMm) * scale >= 14 && Math.max(rack.widthMm, rack.depthMm) * scale >= rack.name.length * 7 + 4;
  const f = layout ? layout.font / scale : 11 / scale;
  // Two lines: the name above (or left of, when turned) the value.
  const off = layout?.name ? f * 0.62 : 0;
  const rot = layout?.rotate ? `rotate(-90 ${rack.xMm} ${rack.yMm})` : undefined;
  const poly = pts(corners);
  return (
    <g className={`${cls}${overlay ? ' has-overlay' : ''}${whatIf ? ` whatif-${whatIf}` : ''}`} data-kind="rack" data-id={rack.id} data-testid="plan-rack" data-name={rack.name}
      data-overlay={overlay?.colour} data-whatif={whatIf} role="button" aria-label={overlay ? `${rack.name}, ${overlay.title}` : rack.name}>
      <polygon points={poly} className="rack-body" />
      {overlay && <polygon points={poly} className="rack-overlay" style={{ fill: overlay.colour }} data-testid="plan-rack-overlay" />}
      {whatIf && <polygon points={poly} className={`rack-whatif rack-whatif-${whatIf}`} data-testid="plan-rack-whatif" />}
      <line x1={round(fl.x + ux * inset)} y1={round(fl.y + uy * inset)} x2={round(fr.x + ux * inset)} y2={round(fr.y + uy * inset)} className="rack-front" />
      {layout?.name && (
        <text x={rack.xMm} y={rack.yMm - off} className="rack-label" style={{ fontSize: f, strokeWidth: 3 / scale }} dominantBaseline="central" textAnchor="middle" transform={rot}>{rack.name}</text>
      )}
      {layout?.value && (
        <text x={rack.xMm} y={rack.yMm + off} className="rack-overlay-value" style={{ fontSize: f * 0.95, strokeWidth: 3 / scale }} dominantBaseline="central" textAnchor="middle" transform={rot} data-testid="plan-rack-value">{text}</text>
      )}
      {plain && <text x={rack.xMm} y={rack.yMm} className="rack-label" style={{ fontSize: 11 / scale }} dominantBaseline="central" textAnchor="middle">{rack.name}</text>}
      {finding && <FindingBadge at={fr} severity={finding.severity} scale={scale} messages={finding.messages} />}
      <title>{[rack.name, overlay?.title, ...(finding?.messages ?? [])].filter(Boolean).join('\n')}</title>
    </g>
  );
}

const FE_ABBR: Record<FloorEquipment['kind'], string> = {
  crah: 'CRAH', crac: 'CRAC', 'in-row-cooler': 'IRC', 'rear-door-cooler': 'RDHx', 'floor-pdu': 'PDU', rpp: 'RPP', ups: 'UPS', 'battery-cabinet': 'BAT',
};
const COOLING = new Set<FloorEquipment['kind']>(['crah', 'crac', 'in-row-cooler', 'rear-door-cooler']);

export const FloorEquipmentShape = memo(function FloorEquipmentShape({ fe, scale, cls, finding, kindLabel, whatIf }: { fe: FloorEquipment; scale: number; cls: string; finding: { severity: FindingSeverity; messages: string[] } | undefined; kindLabel: string; whatIf?: 'failed' | 'dead' | undefined }) {
  const corners = footprintCorners(fe);
  const [fl, fr] = corners;
  const boxPx = Math.min(fe.widthMm, fe.depthMm) * scale;
  const font = Math.max(8, Math.min(12, boxPx * 0.28));
  const wide = Math.max(fe.widthMm, fe.depthMm) * scale;
  const showName = boxPx >= font * 2.6 && wide >= fe.name.length * font * 0.6;
  const showKind = boxPx >= font + 2 && wide >= 4 * font * 0.62;
  return (
    <g className={`${cls} fe-${COOLING.has(fe.kind) ? 'cooling' : 'power'}`} data-kind="floorEquipment" data-id={fe.id} data-testid="plan-fe" data-name={fe.name} role="button" aria-label={`${kindLabel} ${fe.name}`}>
      <polygon points={pts(corners)} className="fe-body" />
      <line x1={fl.x} y1={fl.y} x2={fr.x} y2={fr.y} className="fe-front" />
      {showKind && <text x={fe.xMm} y={fe.yMm - (showName ? font * 0.6 / scale : 0)} className="fe-kind" style={{ fontSize: font / scale }} textAnchor="middle" dominantBaseline="central">{FE_ABBR[fe.kind]}</text>}
      {showName && <text x={fe.xMm} y={fe.yMm + font * 0.65 / scale} className="fe-name" style={{ fontSize: (font - 1) / scale }} textAnchor="middle" dominantBaseline="central">{fe.name}</text>}
      {whatIf === 'failed' && (
        <g data-testid="plan-fe-failed">
          <polygon points={pts(corners)} className="fe-whatif-failed" />
          <line x1={corners[0].x} y1={corners[0].y} x2={corners[2].x} y2={corners[2].y} className="fe-whatif-cross" />
          <line x1={corners[1].x} y1={corners[1].y} x2={corners[3].x} y2={corners[3].y} className="fe-whatif-cross" />
        </g>
      )}
      {whatIf === 'dead' && <polygon points={pts(corners)} className="fe-whatif-dead" data-testid="plan-fe-dead" />}
      {finding && <FindingBadge at={fr} severity={finding.severity} scale={scale} messages={finding.messages} />}
      <title>{`${kindLabel} ${fe.name}`}</title>
    </g>
  );
});

export const ObstacleShape = memo(function ObstacleShape({ obstacle, scale, cls, finding }: { obstacle: Obstacle; scale: number; cls: string; finding: { severity: FindingSeverity; messages: string[] } | undefined }) {
  const corners = footprintCorners(obstacle);
  return (
    <g className={`${cls} obstacle-${obstacle.kind}`} data-kind="obstacle" data-id={obstacle.id} data-testid="plan-obstacle" role="button" aria-label={obstacle.name ?? obstacle.kind}>
      <polygon points={pts(corners)} className="obstacle-body" />
      {obstacle.kind !== 'wall' && <polygon points={pts(corners)} className="obstacle-hatch" />}
      {finding && <FindingBadge at={corners[1]} severity={finding.severity} scale={scale} messages={finding.messages} />}
      <title>{obstacle.name ?? obstacle.kind}</title>
    </g>
  );
});

export const DoorShape = memo(function DoorShape({ door, room, cls }: { door: Door; room: Room; cls: string }) {
  const a = (door.rotationDeg * Math.PI) / 180;
  const u = { x: Math.cos(a), y: Math.sin(a) };
  let n = { x: -Math.sin(a), y: Math.cos(a) };
  // "In" swings into the room: take the normal that points inside the outline.
  const probe = { x: door.xMm + n.x * 150, y: door.yMm + n.y * 150 };
  if (!pointInPolygon(probe, roomOutline(room))) n = { x: -n.x, y: -n.y };
  const side = door.swing === 'out' ? -1 : 1;
  const w = door.widthMm;
  const t = Math.max(room.wallThicknessMm ?? 0, 60);
  const at = (along: number, across: number): Point => ({ x: door.xMm + u.x * along + n.x * across, y: door.yMm + u.y * along + n.y * across });
  const opening = [at(-w / 2, -t - 2), at(w / 2, -t - 2), at(w / 2, t + 2), at(-w / 2, t + 2)];
  const leaves: React.ReactNode[] = [];
  const leaf = (hingeAlong: number, length: number, dir: 1 | -1, key: string) => {
    const hinge = at(hingeAlong, 0);
    const tip = at(hingeAlong, side * length);
    const closed = at(hingeAlong + dir * length, 0);
    // Sweep from the open leaf tip back to the closed position on the wall.
    const cross = (tip.x - hinge.x) * (closed.y - hinge.y) - (tip.y - hinge.y) * (closed.x - hinge.x);
    leaves.push(
      <g key={key}>
        <line x1={hinge.x} y1={hinge.y} x2={tip.x} y2={tip.y} className="door-leaf" />
        <path d={`M ${round(tip.x)} ${round(tip.y)} A ${length} ${length} 0 0 ${cross > 0 ? 1 : 0} ${round(closed.x)} ${round(closed.y)}`} className="door-swing" />
      </g>,
    );
  };
  if (door.swing === 'sliding') {
    const s = [at(-w / 2, t + 40), at(w / 2 + w * 0.1, t + 40), at(w / 2 + w * 0.1, t + 90), at(-w / 2, t + 90)];
    leaves.push(<polygon key="s" points={pts(s)} className="door-slide" />);
  } else if (door.swing === 'double' || door.swing === undefined) {
    leaf(-w / 2, w / 2, 1, 'l');
    leaf(w / 2, w / 2, -1, 'r');
  } else {
    leaf(-w / 2, w, 1, 'l');
  }
  const hit = [at(-w / 2, -100), at(w / 2, -100), at(w / 2, 100), at(-w / 2, 100)];
  return (
    <g className={cls} data-kind="door" data-id={door.id} data-testid="plan-door" role="button" aria-label={door.name ?? 'door'}>
      <polygon points={pts(opening)} className="door-opening" />
      <line x1={opening[0]!.x} y1={opening[0]!.y} x2={opening[3]!.x} y2={opening[3]!.y} className="door-jamb" />
      <line x1={opening[1]!.x} y1={opening[1]!.y} x2={opening[2]!.x} y2={opening[2]!.y} className="door-jamb" />
      {leaves}
      <polygon points={pts(hit)} className="hit-area" />
      {door.name && <title>{door.name}</title>}
    </g>
  );
});

export function DimensionLine({ a, b, scale, text, className, offsetPx = 0 }: { a: Point; b: Point; scale: number; text: string; className?: string; offsetPx?: number }) {
  const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const nx = -(b.y - a.y) / len;
  const ny = (b.x - a.x) / len;
  const off = offsetPx / scale;
  const p = { x: a.x + nx * off, y: a.y + ny * off };
  const q = { x: b.x + nx * off, y: b.y + ny * off };
  const tick = 5 / scale;
  let angle = (Math.atan2(q.y - p.y, q.x - p.x) * 180) / Math.PI;
  if (angle > 90) angle -= 180;
  if (angle < -90) angle += 180;
  const mid = { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 };
  const tx = mid.x - Math.abs(ny) * 0 - nx * (7 / scale) * Math.sign(ny || 1);
  const ty = mid.y - ny * (7 / scale) * Math.sign(ny || 1);
  return (
    <g className={`dimension ${className ?? ''}`}>
      {off !== 0 && <line x1={a.x} y1={a.y} x2={p.x} y2={p.y} className="dimension-ext" />}
      {off !== 0 && <line x1={b.x} y1={b.y} x2={q.x} y2={q.y} className="dimension-ext" />}
      <line x1={p.x} y1={p.y} x2={q.x} y2={q.y} className="dimension-line" />
      <line x1={p.x - (b.x - a.x) / len * tick + nx * tick} y1={p.y - (b.y - a.y) / len * tick + ny * tick} x2={p.x + (b.x - a.x) / len * tick - nx * tick} y2={p.y + (b.y - a.y) / len * tick - ny * tick} className="dimension-tick" />
      <line x1={q.x - (b.x - a.x) / len * tick + nx * tick} y1={q.y - (b.y - a.y) / len * tick + ny * tick} x2={q.x + (b.x - a.x) / len * tick - nx * tick} y2={q.y + (b.y - a.y) / len * tick - ny * tick} className="dimension-tick" />
      <text x={tx} y={ty} className="dimension-text" style={{ fontSize: 11 / scale }} textAnchor="middle" dominantBaseline="central" transform={`rotate(${round(angle)} ${round(tx)} ${round(ty)})`}>{text}</text>
    </g>
  );
}

export const AnnotationShape = memo(function AnnotationShape({ note, scale, cls, formatLength }: { note: Annotation; scale: number; cls: string; formatLength(mm: number): string }) {
  if (note.kind === 'dimension' && note.x2Mm !== undefined && note.y2Mm !== undefined) {
    const a = { x: note.xMm, y: note.yMm };
    const b = { x: note.x2Mm, y: note.y2Mm };
    const text = note.text || formatLength(Math.hypot(b.x - a.x, b.y - a.y));
    return (
      <g className={cls} data-kind="annotation" data-id={note.id} data-testid="plan-dimension">
        <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} className="hit-line" style={{ strokeWidth: 10 / scale }} />
        <DimensionLine a={a} b={b} scale={scale} text={text} className="annotation-dimension" />
      </g>
    );
  }
  return (
    <g className={cls} data-kind="annotation" data-id={note.id} data-testid="plan-label">
      <text x={note.xMm} y={note.yMm} className="annotation-label" style={{ fontSize: 13 / scale }} textAnchor="middle" dominantBaseline="central">{note.text ?? ''}</text>
      <rect x={note.xMm - 400} y={note.yMm - 150} width={800} height={300} className="hit-area" />
    </g>
  );
});

export const ItemsLayer = memo(function ItemsLayer({ room, racks, floorEquipment, obstacles, doors, annotations, scale, flags, labels, formatLength, overlay, whatIf }: {
  room: Room;
  racks: readonly Rack[];
  floorEquipment: readonly FloorEquipment[];
  obstacles: readonly Obstacle[];
  doors: readonly Door[];
  annotations: readonly Annotation[];
  scale: number;
  flags: ItemFlags;
  labels: Labels;
  formatLength(mm: number): string;
  overlay?: ReadonlyMap<string, RackOverlayMark> | null;
  whatIf?: PlanWhatIf | null;
}) {
  return (
    <>
      <g className="plan-fe-layer">
        {floorEquipment.map((fe) => {
          const key = `floorEquipment|${fe.id}`;
          return <FloorEquipmentShape key={fe.id} fe={fe} scale={scale} cls={itemClass('plan-item plan-fe', key, flags)} finding={flags.findings.get(key)} kindLabel={labels.feKind[fe.kind]} whatIf={whatIf?.equipment.get(fe.id)} />;
        })}
      </g>
      <g className="plan-obstacles">
        {obstacles.map((o) => {
          const key = `obstacle|${o.id}`;
          return <ObstacleShape key={o.id} obstacle={o} scale={scale} cls={itemClass('plan-item plan-obstacle', key, flags)} finding={flags.findings.get(key)} />;
        })}
      </g>
      <g className="plan-doors">
        {doors.map((d) => <DoorShape key={d.id} door={d} room={room} cls={itemClass('plan-item plan-door', `door|${d.id}`, flags)} />)}
      </g>
      <g className={`plan-racks${whatIf ? ' is-whatif' : ''}`}>
        {racks.map((r) => {
          const key = `rack|${r.id}`;
          return <RackShape key={r.id} rack={r} scale={scale} cls={itemClass('plan-item plan-rack', key, flags)} finding={flags.findings.get(key)} overlay={overlay?.get(r.id)} whatIf={whatIf?.racks.get(r.id)} />;
        })}
      </g>
      <g className="plan-annotations">
        {annotations.map((a) => <AnnotationShape key={a.id} note={a} scale={scale} cls={itemClass('plan-item plan-annotation', `annotation|${a.id}`, flags)} formatLength={formatLength} />)}
      </g>
    </>
  );
});
