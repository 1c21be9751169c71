/**
 * Rack elevations for printed reports: the front and rear faces side by side, U numbers down the
 * outer gutters, each device drawn at its U position with its name (and model when there is room).
 * A full-depth device shows on both faces; on the face it is not mounted on it is drawn pale.
 * Children in chassis bays are not drawn (they sit inside their parent); 0U devices are listed
 * under the faces. Pure string building, user unit = 1/10 U.
 */
import type { Device, DeviceType, DocumentSnapshot, Face } from '../model/schema';
import { esc, n } from './svg';

/** One hue per device role; the same palette as the app's elevation (renderer/src/elevation/roles.ts). */
export const ROLE_COLOURS: Readonly<Record<string, string>> = {
  server: '#3b82f6', 'gpu-server': '#8b5cf6', switch: '#10b981', router: '#14b8a6', firewall: '#ef4444',
  storage: '#f59e0b', 'patch-panel': '#64748b', blanking: '#94a3b8', pdu: '#eab308', ups: '#f97316',
  'cable-manager': '#78716c', chassis: '#6366f1', other: '#a855f7',
};

/** Mixes a #rrggbb colour with white: `amount` 0 = the colour, 1 = white. */
function tint(hex: string, amount: number): string {
  const v = parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(c + (255 - c) * amount).toString(16).padStart(2, '0');
  return `#${mix((v >> 16) & 255)}${mix((v >> 8) & 255)}${mix(v & 255)}`;
}

const U = 10;
const GUTTER = 16;
const BODY = 134;
const FACE_W = GUTTER * 2 + BODY;
const GAP = 4;
const HEAD = 22;

export interface ElevationLabels {
  front: string;
  rear: string;
}

function face(devices: readonly Device[], types: Readonly<Record<string, DeviceType>>, uHeight: number, which: Face, x0: number, label: string): string {
  const out: string[] = [];
  const top = HEAD;
  const h = uHeight * U;
  out.push(`<text class="h" x="${n(x0 + FACE_W / 2)}" y="${n(HEAD - 7)}">${esc(label)}</text>`);
  out.push(`<rect x="${n(x0 + GUTTER)}" y="${top}" width="${BODY}" height="${h}" fill="#ffffff" stroke="#374151" stroke-width="1.2"/>`);
  const lines: string[] = [];
  for (let u = 1; u <= uHeight; u++) {
    const y = top + (uHeight - u) * U;
    if (u > 1) lines.push(`M${n(x0 + GUTTER)} ${n(y + U)}h${BODY}`);
    // U numbers on the outer side of each face only (front: left, rear: right): the faces stand
    // side by side, and a 1,000-rack report prints noticeably faster with half the labels.
    if (which === 'front') out.push(`<text class="u" x="${n(x0 + GUTTER - 2)}" y="${n(y + U / 2)}" text-anchor="end">${u}</text>`);
    else out.push(`<text class="u" x="${n(x0 + GUTTER + BODY + 2)}" y="${n(y + U / 2)}">${u}</text>`);
  }
  out.push(`<path d="${lines.join('')}" stroke="#e5e7eb" stroke-width="0.5"/>`);
  for (const d of devices) {
    const t = types[d.typeId];
    const hU = t?.uHeight ?? 1;
    if (hU <= 0 || d.parentDeviceId) continue;
    const onFace = d.face === which;
    if (!onFace && !t?.fullDepth) continue;
    const colour = ROLE_COLOURS[t?.role ?? 'other'] ?? ROLE_COLOURS.other!;
    const y = top + (uHeight - (d.position - 1) - hU) * U;
    const hh = hU * U;
    out.push(`<rect x="${n(x0 + GUTTER + 1)}" y="${n(y + 0.6)}" width="${BODY - 2}" height="${n(hh - 1.2)}" fill="${tint(colour, onFace ? 0.72 : 0.92)}" stroke="${onFace ? colour : tint(colour, 0.5)}" stroke-width="0.8"${onFace ? '' : ' stroke-dasharray="3 2"'}/>`);
    out.push(`<rect x="${n(x0 + GUTTER + 1)}" y="${n(y + 0.6)}" width="3" height="${n(hh - 1.2)}" fill="${onFace ? colour : tint(colour, 0.5)}"/>`);
    const name = d.name.length > 30 ? `${d.name.slice(0, 29)}…` : d.name;
    const model = t ? `${t.manufacturer} ${t.model}` : '';
    if (hU >= 2 && model) {
      out.push(`<text class="d${onFace ? '' : ' m'}" x="${n(x0 + GUTTER + 7)}" y="${n(y + hh / 2 - 3.2)}">${esc(name)}</text>`);
      out.push(`<text class="t" x="${n(x0 + GUTTER + 7)}" y="${n(y + hh / 2 + 4)}">${esc(model.length > 36 ? `${model.slice(0, 35)}…` : model)}</text>`);
    } else {
      out.push(`<text class="d${onFace ? '' : ' m'}" x="${n(x0 + GUTTER + 7)}" y="${n(y + hh / 2)}">${esc(name)}</text>`);
    }
  }
  return out.join('');
}

/** The front and rear elevations of one rack as one SVG. */
export function elevationSvg(s: DocumentSnapshot, rackId: string, labels: ElevationLabels, devicesOfRack?: readonly Device[]): string {
  const rack = s.racks[rackId];
  if (!rack) throw new Error(`unknown rack ${rackId}`);
  const devices = devicesOfRack ?? Object.values(s.devices).filter((d) => d.rackId === rackId);
  const zeroU = devices.filter((d) => (s.deviceTypes[d.typeId]?.uHeight ?? 1) === 0 && !d.parentDeviceId);
  const width = FACE_W * 2 + GAP;
  const footer = zeroU.length > 0 ? 14 : 4;
  const height = HEAD + rack.uHeight * U + footer;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="elev" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(rack.name)}">`);
  out.push('<style>text{font-family:Helvetica,Arial,sans-serif;fill:#111827}.h{font-size:9px;font-weight:bold;text-anchor:middle}.u{font-size:5px;fill:#6b7280;dominant-baseline:central}.d{font-size:6.2px;dominant-baseline:central}.m{fill:#6b7280}.t{font-size:4.8px;fill:#4b5563;dominant-baseline:central}.z{font-size:5.5px;fill:#4b5563}</style>');
  out.push(face(devices, s.deviceTypes, rack.uHeight, 'front', 0, labels.front));
  out.push(face(devices, s.deviceTypes, rack.uHeight, 'rear', FACE_W + GAP, labels.rear));
  if (zeroU.length > 0) {
    const text = `0U: ${zeroU.map((d) => `${d.name}${d.side ? ` (${d.side})` : ''}`).join(', ')}`;
    out.push(`<text class="z" x="${GUTTER}" y="${n(HEAD + rack.uHeight * U + 9)}">${esc(text.length > 110 ? `${text.slice(0, 109)}…` : text)}</text>`);
  }
  out.push('</svg>');
  return out.join('');
}
