/**
 * The rooms' 3D pictures, drawn for real: the renderer's snapshot page (built by Vite from the
 * sources, alone, into a temporary folder) in headless Chromium with SwiftShader's WebGL. The PNGs
 * are decoded here and checked as pictures: their size, that they are not blank, that they change
 * when a rack goes, and that the report places one per room with its caption. Skipped only where
 * no Chromium is installed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoDocument } from '../../core/demo';
import type { DocumentSnapshot, PlenumDocumentInput } from '../../core/model/schema';
import { ENTITY_KINDS, emptySnapshot } from '../../core/model/schema';
import { builtinDeviceTypes } from '../services/netbox-import';
import { renderDesignReport } from './design-report';
import { findBrowser } from './pdf';
import { Snapshot3dUnavailable, snapshotRooms3d, type Snapshot3dFn } from './snapshot3d';

const hasBrowser = (() => {
  try {
    findBrowser();
    return true;
  } catch {
    return false;
  }
})();

function snapshotOf(doc: PlenumDocumentInput): DocumentSnapshot {
  const snap = emptySnapshot(doc.project?.name ?? 'Doc');
  for (const kind of ENTITY_KINDS) {
    for (const e of ((doc as Record<string, unknown>)[kind] ?? []) as Array<{ id: string }>) (snap[kind] as Record<string, unknown>)[e.id] = e;
  }
  return snap;
}

/** The RGBA pixels of an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium's toDataURL writes). */
function decodePng(png: Buffer): { width: number; height: number; rgba: Uint8Array } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  let off = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (off < png.length) {
    const len = png.readUInt32BE(off);
    const type = png.toString('latin1', off + 4, off + 8);
    const data = png.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8]).toBe(8);
      channels = data[9] === 6 ? 4 : data[9] === 2 ? 3 : 0;
      expect(channels).toBeGreaterThan(0);
      expect(data[12]).toBe(0);
    } else if (type === 'IDAT') idat.push(data);
    off += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const px = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? px[y * stride + x - channels]! : 0;
      const b = y > 0 ? px[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? px[(y - 1) * stride + x - channels]! : 0;
      const p = a + b - c;
      const pred = [0, a, b, (a + b) >> 1, Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c][filter]!;
      px[y * stride + x] = (line[x]! + pred) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba.set(px.subarray(i * channels, i * channels + 3), i * 4);
    rgba[i * 4 + 3] = channels === 4 ? px[i * channels + 3]! : 255;
  }
  return { width, height, rgba };
}

function pngOf(dataUrl: string): { width: number; height: number; rgba: Uint8Array } {
  expect(dataUrl).toMatch(/^data:image\/png;base64,/);
  return decodePng(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
}

/** Share of pixels that are not the white background, and how many distinct colours there are. */
function stats(img: { rgba: Uint8Array }): { drawn: number; colours: number } {
  let drawn = 0;
  const colours = new Set<number>();
  const n = img.rgba.length / 4;
  for (let i = 0; i < n; i++) {
    const [r, g, b] = [img.rgba[i * 4]!, img.rgba[i * 4 + 1]!, img.rgba[i * 4 + 2]!];
    if (r < 250 || g < 250 || b < 250) drawn++;
    colours.add((r << 16) | (g << 8) | b);
  }
  return { drawn: drawn / n, colours: colours.size };
}

let dir: string;
let rendererDir: string;
let demo: DocumentSnapshot;
const SIZE = { width: 640, height: 384 };
/** The real thing, on the page built for this test. */
const snapshot3d: Snapshot3dFn = (s, ids, o) => snapshotRooms3d(s, ids, { ...o, rendererDir, size: o.size ?? SIZE });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-snapshot3d-'));
  rendererDir = path.join(dir, 'renderer');
  demo = snapshotOf(buildDemoDocument(builtinDeviceTypes()));
  if (!hasBrowser) return;
  // The snapshot page alone, from the sources under test (not whatever out/renderer holds).
  const vite = await import('vite');
  const { default: config, rendererInputs } = await import('../../renderer/vite.config');
  await vite.build({ ...config, configFile: false, logLevel: 'error', build: { ...config.build, outDir: rendererDir, emptyOutDir: true, rolldownOptions: { input: { snapshot3d: rendererInputs.snapshot3d } } } });
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!hasBrowser)('3D pictures of rooms', () => {
  it('draws every room of the demo as a real picture, and a different one when a rack goes', async () => {
    const rooms: string[] = [];
    const t0 = performance.now();
    const images = await snapshot3d(demo, ['room:hall-1', 'room:net'], { onRoom: (_d, _t, name) => rooms.push(name) });
    const perRoom = (performance.now() - t0) / 2;
    expect(rooms).toEqual(['Data Hall 1', 'Network Room']);
    expect([...images.keys()]).toEqual(['room:hall-1', 'room:net']);
    for (const image of images.values()) {
      const png = pngOf(image.dataUrl);
      expect([png.width, png.height]).toEqual([image.width, image.height]);
      // As wide as asked; as tall as the room's shape needs, within the box.
      expect(png.width).toBe(SIZE.width);
      expect(png.height).toBeLessThanOrEqual(SIZE.height);
      expect(png.height).toBeGreaterThanOrEqual(Math.round(SIZE.width / 2.4));
      const s = stats(png);
      // The room fills the picture (floor, racks, equipment) and is shaded, not flat fills.
      expect(s.drawn).toBeGreaterThan(0.3);
      expect(s.colours).toBeGreaterThan(500);
    }
    // Most racks of the demo's hall face down the plan: the camera looks at their fronts.
    expect(images.get('room:hall-1')!.corner).toBe('bottom-left');

    // Without one rack (and its devices) the hall's picture changes.
    const rackId = Object.values(demo.racks).find((r) => r.roomId === 'room:hall-1')!.id;
    const without: DocumentSnapshot = {
      ...demo,
      racks: Object.fromEntries(Object.entries(demo.racks).filter(([id]) => id !== rackId)),
      devices: Object.fromEntries(Object.entries(demo.devices).filter(([, d]) => d.rackId !== rackId)),
    };
    const after = pngOf((await snapshot3d(without, ['room:hall-1'], {})).get('room:hall-1')!.dataUrl);
    const before = pngOf(images.get('room:hall-1')!.dataUrl);
    const changed = (a: typeof before, b: typeof before) => {
      let n = 0;
      for (let i = 0; i < a.rgba.length; i += 4) {
        if (Math.abs(a.rgba[i]! - b.rgba[i]!) + Math.abs(a.rgba[i + 1]! - b.rgba[i + 1]!) + Math.abs(a.rgba[i + 2]! - b.rgba[i + 2]!) > 24) n++;
      }
      return n;
    };
    // A 600 × 1200 rack in a 14 m hall: hundreds of pixels at this size, not a few stray ones...
    expect(changed(before, after)).toBeGreaterThan(300);
    // ...and not noise: the same room drawn again is the same picture.
    const again = pngOf((await snapshot3d(demo, ['room:hall-1'], {})).get('room:hall-1')!.dataUrl);
    expect(changed(before, again)).toBe(0);
    expect(perRoom).toBeLessThan(20_000);
  }, 120_000);

  it('places one picture per room in the report, captioned, in English and French; --no-3d leaves them out', async () => {
    const html = new TextDecoder().decode(await renderDesignReport(demo, { format: 'html', date: '2026-11-25', snapshot3d }));
    const figures = [...html.matchAll(/<figure class="view3d" id="view3d-([\w-]+)"><h3>3D view<\/h3><img [^>]*src="data:image\/png;base64,[A-Za-z0-9+/=]+"><figcaption>([^<]+)<\/figcaption><\/figure>/g)];
    expect(figures.map((m) => m[1])).toEqual(['room_hall-1', 'room_net']);
    expect(figures[0]![2]).toBe('3D view of room Data Hall 1, seen from above the lower left corner of the plan.');
    // Listed in the contents under each room, and on the room's pages (before its elevations).
    expect(html).toContain('<a href="#view3d-room_hall-1">3D view</a>');
    expect(html.indexOf('id="view3d-room_hall-1"')).toBeGreaterThan(html.indexOf('id="plan-room_hall-1"'));
    expect(html.indexOf('id="view3d-room_hall-1"')).toBeLessThan(html.indexOf('id="elev-room_hall-1"'));

    const fr = new TextDecoder().decode(await renderDesignReport(demo, { format: 'html', lang: 'fr', room: 'Network Room', snapshot3d }));
    expect(fr.match(/<figure class="view3d"/g)).toHaveLength(1);
    expect(fr).toContain('Vue 3D de la salle Network Room, vue d’en haut depuis l’angle');

    let called = false;
    const none = new TextDecoder().decode(await renderDesignReport(demo, { format: 'html', rooms3d: false, snapshot3d: async () => { called = true; return new Map(); } }));
    expect(called).toBe(false);
    expect(none).not.toContain('class="view3d"');
    expect(none).not.toContain('3D view');
  }, 120_000);

  it('stops at once when cancelled', async () => {
    const ac = new AbortController();
    const pending = snapshot3d(demo, ['room:hall-1', 'room:net'], { signal: ac.signal, onRoom: () => ac.abort(new Error('cancelled by the user')) });
    await expect(pending).rejects.toThrow('cancelled by the user');
  }, 60_000);
});

describe('3D pictures unavailable', () => {
  it('leaves them out with a warning saying why, and draws no stand-in', async () => {
    const warnings: string[] = [];
    const failing: Snapshot3dFn = async () => {
      throw new Snapshot3dUnavailable('WebGL is not available in this browser (no GPU and no software renderer)');
    };
    const html = new TextDecoder().decode(await renderDesignReport(demo, { format: 'html', snapshot3d: failing, onWarning: (m) => warnings.push(m) }));
    expect(warnings).toEqual(['3D views left out of the report: WebGL is not available in this browser (no GPU and no software renderer)']);
    expect(html).not.toContain('class="view3d"');
    expect(html).not.toContain('3D view');
  });

  it.skipIf(!hasBrowser)('says the page is not built when out/renderer lacks it', async () => {
    await expect(snapshotRooms3d(demo, ['room:net'], { rendererDir: dir })).rejects.toThrow(/^the 3D snapshot page is not built: .*src\/snapshot3d\/index\.html is missing$/);
  });
});
