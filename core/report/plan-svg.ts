/**
 * The vector floor plan of one room for printed reports: floor tiles, walls, hot and cold aisles,
 * racks labelled with their names (front edge marked), floor equipment, obstacles, doors and
 * annotations, with a scale bar. Pure string building: no DOM, no React (the renderer's plan is
 * interactive and themed; this one is for paper, always light).
 *
 * Coordinates are room millimetres (x right, y down), so the SVG's user unit is 1 mm of floor.
 */
import type { DocumentSnapshot, Room } from '../model/schema';
import { COOLING_KINDS } from '../model/schema';
import { esc, n } from './svg';

export const PLAN_COLOURS = {
  floor: '#ffffff',
  tile: '#e3e7ec',
  wall: '#3a4350',
  rack: '#eef1f5',
  rackStroke: '#4b5563',
  rackFront: '#1c64d9',
  cold: '#dbeafe',
  hot: '#fde2e1',
  cooler: '#cdeefa',
  coolerStroke: '#0e7490',
  power: '#fde9c8',
  powerStroke: '#b45309',
  obstacle: '#cbd0d8',
  door: '#ffffff',
  text: '#111827',
} as const;

interface Box { x: number; y: number; w: number; d: number; rot: number }

/** A rotated rectangle centred on (x, y), as an SVG transform + rect of its unrotated size. */
function rotRect(b: Box, attrs: string): string {
  return `<rect x="${n(-b.w / 2)}" y="${n(-b.d / 2)}" width="${n(b.w)}" height="${n(b.d)}" transform="translate(${n(b.x)} ${n(b.y)}) rotate(${n(b.rot)})" ${attrs}/>`;
}

/** Width and height on the page of a box rotated by `rot` (axis-aligned extent). */
function extent(b: Box): { w: number; h: number } {
  const r = (b.rot * Math.PI) / 180;
  const c = Math.abs(Math.cos(r));
  const s = Math.abs(Math.sin(r));
  return { w: b.w * c + b.d * s, h: b.w * s + b.d * c };
}

/** A label that fits its box: as large as the box allows, never larger than `max`. */
function fitLabel(text: string, b: Box, max: number, cls = 'l'): string {
  const { w, h } = extent(b);
  const size = Math.min(h * 0.5, (w * 0.92) / Math.max(1, text.length * 0.6), max);
  return `<text class="${cls}" x="${n(b.x)}" y="${n(b.y)}" font-size="${n(size)}">${esc(text)}</text>`;
}

function outlineOf(room: Room): Array<{ xMm: number; yMm: number }> {
  return room.outline ?? [{ xMm: 0, yMm: 0 }, { xMm: room.widthMm, yMm: 0 }, { xMm: room.widthMm, yMm: room.depthMm }, { xMm: 0, yMm: room.depthMm }];
}

/** A round scale-bar length (1, 2 or 5 × 10^k mm) close to a fifth of the room's width. */
export function scaleBarMm(widthMm: number): number {
  const target = widthMm / 5;
  const p = 10 ** Math.floor(Math.log10(target));
  for (const m of [5, 2, 1]) if (m * p <= target) return m * p;
  return p;
}

export interface PlanSvgOptions {
  /** Label of the scale bar's unit, e.g. "m". */
  metresLabel?: string;
}

/** The floor plan of `roomId` as a standalone SVG element. */
export function planSvg(s: DocumentSnapshot, roomId: string, opts: PlanSvgOptions = {}): string {
  const room = s.rooms[roomId];
  if (!room) throw new Error(`unknown room ${roomId}`);
  const W = room.widthMm;
  const D = room.depthMm;
  const wallT = Math.max(room.wallThicknessMm ?? 0, Math.max(W, D) / 250);
  const margin = Math.max(W, D) * 0.03 + wallT;
  const barH = Math.max(W, D) * 0.06;
  const vb = { x: -margin, y: -margin, w: W + 2 * margin, h: D + 2 * margin + barH };
  const textMax = Math.max(W, D) / 45;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="plan" viewBox="${n(vb.x)} ${n(vb.y)} ${n(vb.w)} ${n(vb.h)}" role="img" aria-label="${esc(room.name)}">`);
  out.push(`<style>.l{font-family:Helvetica,Arial,sans-serif;text-anchor:middle;dominant-baseline:central;fill:${PLAN_COLOURS.text}}.s{font-family:Helvetica,Arial,sans-serif;fill:${PLAN_COLOURS.text}}</style>`);
  const outline = outlineOf(room);
  const pts = outline.map((p) => `${n(p.xMm)},${n(p.yMm)}`).join(' ');
  out.push(`<defs><clipPath id="clip-${esc(room.id.replace(/[^\w-]/g, '_'))}"><polygon points="${pts}"/></clipPath></defs>`);
  out.push(`<polygon points="${pts}" fill="${PLAN_COLOURS.floor}"/>`);

  // Tiles: one path of grid lines, clipped to the floor.
  const tile = room.tileSizeMm;
  if (tile && W / tile <= 400 && D / tile <= 400) {
    const ox = ((room.tileOriginXMm ?? 0) % tile + tile) % tile;
    const oy = ((room.tileOriginYMm ?? 0) % tile + tile) % tile;
    const d: string[] = [];
    for (let x = ox; x <= W; x += tile) d.push(`M${n(x)} 0V${n(D)}`);
    for (let y = oy; y <= D; y += tile) d.push(`M0 ${n(y)}H${n(W)}`);
    out.push(`<path d="${d.join('')}" stroke="${PLAN_COLOURS.tile}" stroke-width="${n(Math.max(W, D) / 1500)}" fill="none" clip-path="url(#clip-${esc(room.id.replace(/[^\w-]/g, '_'))})"/>`);
  }

  // Aisles: a band in front of each row (its front aisle) and behind it (the other kind).
  const racksInRoom = Object.values(s.racks).filter((r) => r.roomId === roomId);
  const aisleDepth = 600;
  for (const row of Object.values(s.rows)) {
    if (row.roomId !== roomId) continue;
    const racks = row.rackIds.map((id) => s.racks[id]).filter((r) => r !== undefined);
    if (racks.length === 0) continue;
    // Row-local frame: u along the row, v towards the rear (front faces −v).
    const a = (row.orientationDeg * Math.PI) / 180;
    const ux = Math.cos(a), uy = Math.sin(a);
    const vx = -Math.sin(a), vy = Math.cos(a);
    let u0 = Infinity, u1 = -Infinity, v0 = Infinity, v1 = -Infinity;
    for (const r of racks) {
      const cu = r.xMm * ux + r.yMm * uy;
      const cv = r.xMm * vx + r.yMm * vy;
      u0 = Math.min(u0, cu - r.widthMm / 2); u1 = Math.max(u1, cu + r.widthMm / 2);
      v0 = Math.min(v0, cv - r.depthMm / 2); v1 = Math.max(v1, cv + r.depthMm / 2);
    }
    const band = (va: number, vb2: number, fill: string) => {
      const corners = [[u0, va], [u1, va], [u1, vb2], [u0, vb2]].map(([u, v]) => `${n(u! * ux + v! * vx)},${n(u! * uy + v! * vy)}`).join(' ');
      out.push(`<polygon points="${corners}" fill="${fill}"/>`);
    };
    const frontFill = row.frontAisle === 'cold' ? PLAN_COLOURS.cold : PLAN_COLOURS.hot;
    const rearFill = row.frontAisle === 'cold' ? PLAN_COLOURS.hot : PLAN_COLOURS.cold;
    band(v0 - aisleDepth, v0, frontFill);
    band(v1, v1 + aisleDepth, rearFill);
  }

  for (const o of Object.values(s.obstacles)) {
    if (o.roomId !== roomId) continue;
    const b = { x: o.xMm, y: o.yMm, w: o.widthMm, d: o.depthMm, rot: o.rotationDeg };
    out.push(rotRect(b, `fill="${PLAN_COLOURS.obstacle}" stroke="${PLAN_COLOURS.wall}" stroke-width="${n(wallT / 4)}"`));
  }

  // Walls over the floor, under the equipment.
  out.push(`<polygon points="${pts}" fill="none" stroke="${PLAN_COLOURS.wall}" stroke-width="${n(wallT)}" stroke-linejoin="miter"/>`);
  for (const door of Object.values(s.doors)) {
    if (door.roomId !== roomId) continue;
    const b = { x: door.xMm, y: door.yMm, w: door.widthMm, d: wallT * 1.4, rot: door.rotationDeg };
    out.push(rotRect(b, `fill="${PLAN_COLOURS.door}" stroke="${PLAN_COLOURS.wall}" stroke-width="${n(wallT / 5)}" stroke-dasharray="${n(wallT)} ${n(wallT / 2)}"`));
  }

  for (const fe of Object.values(s.floorEquipment)) {
    if (fe.roomId !== roomId) continue;
    const cool = COOLING_KINDS.has(fe.kind);
    const b = { x: fe.xMm, y: fe.yMm, w: fe.widthMm, d: fe.depthMm, rot: fe.rotationDeg };
    out.push(rotRect(b, `fill="${cool ? PLAN_COLOURS.cooler : PLAN_COLOURS.power}" stroke="${cool ? PLAN_COLOURS.coolerStroke : PLAN_COLOURS.powerStroke}" stroke-width="${n(wallT / 4)}"`));
    out.push(fitLabel(fe.name, b, textMax));
  }

  for (const r of racksInRoom) {
    const b = { x: r.xMm, y: r.yMm, w: r.widthMm, d: r.depthMm, rot: r.rotationDeg };
    out.push(rotRect(b, `fill="${PLAN_COLOURS.rack}" stroke="${PLAN_COLOURS.rackStroke}" stroke-width="${n(Math.max(W, D) / 1200)}"`));
    // The front edge: a thick line along the rack's −y side before rotation.
    const t = Math.max(r.depthMm * 0.08, 20);
    out.push(`<rect x="${n(-r.widthMm / 2)}" y="${n(-r.depthMm / 2)}" width="${n(r.widthMm)}" height="${n(t)}" transform="translate(${n(r.xMm)} ${n(r.yMm)}) rotate(${n(r.rotationDeg)})" fill="${PLAN_COLOURS.rackFront}"/>`);
    out.push(fitLabel(r.name, b, textMax));
  }

  for (const a of Object.values(s.annotations)) {
    if (a.roomId !== roomId || !a.text) continue;
    if (a.kind === 'dimension' && a.x2Mm !== undefined && a.y2Mm !== undefined) {
      out.push(`<line x1="${n(a.xMm)}" y1="${n(a.yMm)}" x2="${n(a.x2Mm)}" y2="${n(a.y2Mm)}" stroke="${PLAN_COLOURS.text}" stroke-width="${n(wallT / 4)}"/>`);
    }
    out.push(`<text class="l" x="${n(a.xMm)}" y="${n(a.yMm)}" font-size="${n(textMax * 0.8)}">${esc(a.text)}</text>`);
  }

  // Scale bar under the room: alternating black and white metres.
  const bar = scaleBarMm(W);
  const by = D + margin * 0.6;
  const bh = barH * 0.25;
  const segs = 4;
  for (let i = 0; i < segs; i++) {
    out.push(`<rect x="${n((bar / segs) * i)}" y="${n(by)}" width="${n(bar / segs)}" height="${n(bh)}" fill="${i % 2 ? '#ffffff' : PLAN_COLOURS.text}" stroke="${PLAN_COLOURS.text}" stroke-width="${n(bh / 12)}"/>`);
  }
  const fs = barH * 0.32;
  out.push(`<text class="s" x="0" y="${n(by + bh + fs * 1.1)}" font-size="${n(fs)}">0</text>`);
  const metres = bar / 1000;
  out.push(`<text class="s" x="${n(bar)}" y="${n(by + bh + fs * 1.1)}" font-size="${n(fs)}" text-anchor="middle">${esc(`${metres} ${opts.metresLabel ?? 'm'}`)}</text>`);
  out.push(`<text class="s" x="${n(W)}" y="${n(by + bh + fs * 1.1)}" font-size="${n(fs)}" text-anchor="end">${esc(`${(W / 1000).toFixed(1)} × ${(D / 1000).toFixed(1)} m`)}</text>`);
  out.push('</svg>');
  return out.join('');
}

/** One legend entry: a swatch and its (already translated) label. */
export interface LegendItem {
  fill: string;
  stroke: string;
  label: string;
  /** Draw a thick front edge on the swatch (racks). */
  front?: boolean;
}

/** A small inline SVG swatch for a legend entry (legends are HTML, so their text prints at body size). */
export function legendSwatch(item: LegendItem): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" class="sw" viewBox="0 0 20 12" width="20" height="12"><rect x="0.5" y="0.5" width="19" height="11" fill="${item.fill}" stroke="${item.stroke}"/>${item.front ? `<rect x="0.5" y="0.5" width="19" height="2.5" fill="${PLAN_COLOURS.rackFront}"/>` : ''}</svg>`;
}
