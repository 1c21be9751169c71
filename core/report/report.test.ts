import { describe, expect, it } from 'vitest';
import { ROOM, rack, site } from '../capacity/test-site';
import { parse as parseYaml } from 'yaml';
import { parseNetboxDeviceTypeYaml } from '../netbox/devicetype';
import { designReportHtml, fillTocPages, pdfHeaderFooter, selectRooms } from './design';
import { elevationSvg } from './elevation-svg';
import { STRINGS } from './i18n';
import { deviceTypeYaml, NETBOX_HEADERS, netboxTables } from './netbox-export';
import { planSvg, scaleBarMm } from './plan-svg';
import { bomLines, bomTable, devicesTable, racksTable, toCsv } from './tables';

/** Two racks in a row facing a cold aisle, 10 servers + 1 switch each (test-site.ts). */
function twoRacks() {
  const s = site({ racks: [rack('rack:r1', 'R1', { xMm: 2000, yMm: 3000 }), rack('rack:r2', 'R2', { xMm: 2600, yMm: 3000 })], room: { tileSizeMm: 600 } });
  s.rows['row:a'] = { id: 'row:a', name: 'Row A', roomId: ROOM.id, rackIds: ['rack:r1', 'rack:r2'], orientationDeg: 0, frontAisle: 'cold', containment: 'none' };
  s.floorEquipment['fe:c1'] = { id: 'fe:c1', name: 'CRAH-1', roomId: ROOM.id, kind: 'crah', xMm: 8000, yMm: 5000, rotationDeg: 0, widthMm: 900, depthMm: 2000, heightMm: 2000, coolingKw: 50, powerKva: null, weightKg: 600 };
  return s;
}

/** Every URL a document would fetch: src/href attributes and CSS url(). */
function resourceUrls(html: string): string[] {
  return [...html.matchAll(/\b(?:src|href)\s*=\s*"([^"]*)"|url\(\s*['"]?([^'")]*)/g)].map((m) => m[1] ?? m[2] ?? '');
}

describe('plan SVG', () => {
  it('draws every rack with its name, the aisles, tiles, floor equipment and a scale bar', () => {
    const svg = planSvg(twoRacks(), ROOM.id);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('>R1</text>');
    expect(svg).toContain('>R2</text>');
    expect(svg).toContain('>CRAH-1</text>');
    expect(svg).toContain('fill="#dbeafe"'); // cold aisle in front
    expect(svg).toContain('fill="#fde2e1"'); // hot aisle behind
    expect(svg).toMatch(/<path d="M[^"]+" stroke="#e3e7ec"/); // tile grid
    expect(svg).toContain('>2 m</text>'); // scale bar of a 10 m room
  });

  it('escapes names', () => {
    const s = twoRacks();
    s.racks['rack:r1'] = { ...s.racks['rack:r1']!, name: 'A<1>&"' };
    expect(planSvg(s, ROOM.id)).toContain('A&lt;1&gt;&amp;&quot;');
  });

  it('picks round scale bars', () => {
    expect(scaleBarMm(10_000)).toBe(2000);
    expect(scaleBarMm(30_000)).toBe(5000);
    expect(scaleBarMm(4_000)).toBe(500);
  });
});

describe('elevation SVG', () => {
  it('numbers every U on both faces and labels the devices where they are mounted', () => {
    const svg = elevationSvg(twoRacks(), 'rack:r1', { front: 'Front', rear: 'Rear' });
    expect(svg).toContain('>Front</text>');
    expect(svg).toContain('>Rear</text>');
    // U numbers 1–42 down the outer side of each face.
    expect(svg.match(/class="u"[^>]*>42</g)).toHaveLength(2);
    expect(svg.match(/class="u"[^>]*>\d+</g)).toHaveLength(84);
    expect(svg).toContain('>rack:r1-srv1</text>');
    // The half-depth switch shows only on its face; full-depth servers on both (pale on the rear).
    expect(svg.match(/>rack:r1-sw</g)).toHaveLength(1);
    expect(svg.match(/>rack:r1-srv1</g)).toHaveLength(2);
  });
});

describe('tables and CSV', () => {
  it('counts the bill of materials per type with U, kW and kg', () => {
    const bom = bomLines(twoRacks());
    const server = bom.find((l) => l.typeId === 'dt:server')!;
    expect(server).toMatchObject({ count: 20, uEach: 1, uTotal: 20, kwTotal: 10, kgTotal: 400 });
    expect(bom.find((l) => l.typeId === 'dt:switch')).toMatchObject({ count: 2, kwTotal: 0.2, kgTotal: 10 });
    expect(bomTable(twoRacks()).rows).toHaveLength(2);
  });

  it('lists racks with their row and devices with their rack', () => {
    const s = twoRacks();
    expect(racksTable(s).rows.map((r) => [r[1], r[3], r[13]])).toEqual([['R1', 'Row A', 11], ['R2', 'Row A', 11]]);
    expect(devicesTable(s).rows).toHaveLength(22);
  });

  it('quotes CSV fields per RFC 4180', () => {
    expect(toCsv({ header: ['a', 'b'], rows: [['x,y', 'say "hi"'], [1.5, null]] })).toBe('a,b\r\n"x,y","say ""hi"""\r\n1.5,\r\n');
  });
});

describe('NetBox export', () => {
  it('uses NetBox import field names and refers by name', () => {
    const s = twoRacks();
    s.project.site = { name: 'Lyon DC1' };
    const [sites, locations, racks, devices] = netboxTables(s);
    expect(sites!.header).toEqual(['name', 'slug', 'status', 'physical_address', 'description']);
    expect(sites!.rows[0]!.slice(0, 3)).toEqual(['Lyon DC1', 'lyon-dc1', 'planned']);
    expect(locations!.rows).toEqual([['Lyon DC1', 'Hall', 'hall', 'planned', '']]);
    expect(racks!.header).toEqual([...NETBOX_HEADERS.racks]);
    expect(racks!.rows[0]!.slice(0, 7)).toEqual(['Lyon DC1', 'Hall', 'R1', 'planned', '4-post-cabinet', 19, 42]);
    const sw = devices!.rows.find((r) => r[0] === 'rack:r1-sw')!;
    expect(Object.fromEntries(devices!.header.map((h, i) => [h, sw[i]]))).toMatchObject({ role: 'Switch', manufacturer: 'Test', device_type: '1U single-PSU switch', rack: 'R1', position: 40, face: 'front', airflow: 'front-to-rear' });
  });

  it('writes device types that the NetBox importer reads back to the same type', () => {
    const s = twoRacks();
    for (const t of Object.values(s.deviceTypes)) {
      const y = deviceTypeYaml(t);
      expect(y.path).toBe(`Test/${t.model.replace(/\s+/g, '-')}.yaml`);
      const back = parseNetboxDeviceTypeYaml(y.text, y.path);
      expect(back.ok).toBe(true);
      if (!back.ok) continue;
      expect(back.deviceType).toMatchObject({ manufacturer: t.manufacturer, model: t.model, uHeight: t.uHeight, fullDepth: t.fullDepth, weightKg: t.weightKg, powerMaxW: t.powerMaxW, powerTypicalW: t.powerTypicalW, airflow: t.airflow, psuCount: t.psuCount });
      expect((parseYaml(y.text) as Record<string, unknown>)['power-ports']).toHaveLength(t.psuCount!);
    }
  });
});

describe('design report HTML', () => {
  it('is self-contained: no remote resources, inline CSS and SVG', () => {
    const html = designReportHtml(twoRacks(), { date: '2026-11-25', logoDataUrl: 'data:image/png;base64,iVBORw0KGgo=' });
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    const urls = resourceUrls(html);
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) expect(u).toMatch(/^(#|data:|url\(#)|^#/);
    expect(html).not.toMatch(/<link\b|<script\b|@import/);
    expect(html).toContain('<svg');
    expect(html).toMatch(/@page\{size:A4;/);
  });

  it('fills the contents page numbers into their slots only', () => {
    const html = designReportHtml(twoRacks());
    expect(html).toContain('<a href="#bom">Bill of materials</a><span class="pg" data-toc="bom"></span>');
    const filled = fillTocPages(html, new Map([['bom', 7], ['summary', 3]]));
    expect(filled).toContain('<a href="#bom">Bill of materials</a><span class="pg" data-toc="bom">7</span>');
    expect(filled).toContain('<span class="pg" data-toc="summary">3</span>');
    expect(filled).toContain('<span class="pg" data-toc="power"></span>');
    expect(filled.length - html.length).toBe(2);
  });

  it('refuses a logo that is not a data URL', () => {
    expect(() => designReportHtml(twoRacks(), { logoDataUrl: 'https://example.com/logo.png' })).toThrow(/data:image/);
  });

  it('holds the cover, contents, rooms, elevations, BOM, power, cooling, findings, history and sign-off', () => {
    const s = twoRacks();
    delete s.powerFeeds['feed:rack:r2:B'];
    const html = designReportHtml(s, { date: '2026-11-25', revision: 'B', author: 'Ana', history: [{ seq: 1, at: '2026-11-20T10:00:00.000Z', command: 'rack.create', detail: 'R1' }] });
    for (const id of ['summary', 'room-room_h', 'plan-room_h', 'elev-room_h', 'bom', 'power', 'cooling', 'findings', 'history', 'signoff']) {
      expect(html).toContain(`id="${id}"`);
      expect(html).toContain(`href="#${id}"`);
    }
    expect(html).toContain('<dd>Ana</dd>');
    expect(html).toContain('<dt>Revision</dt><dd>B</dd>');
    // The missing feed is an error finding, with its hint.
    expect(html).toMatch(/class="finding error"><div><b>[^<]*R2/);
    expect(html).toContain('What to do: ');
    expect(html).toContain('<td>rack.create</td><td>R1</td>');
    // Totals: 20 servers × 500 W + 2 switches × 100 W = 10.2 kW.
    expect(html).toContain('10.2 kW');
    // The 2N UPS pair: designed and achieved 2N, a passing verdict.
    expect(html).toMatch(/<td>2N<\/td><td>ups-a, ups-b<\/td>.*?<td>2N<\/td><td><span class="ok">2N<\/span><\/td>/);
  });

  it('prints in French with French numbers', () => {
    const html = designReportHtml(twoRacks(), { lang: 'fr', paper: 'letter' });
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain(STRINGS.fr.bom);
    expect(html).toContain('10,2 kW');
    expect(html).toMatch(/@page\{size:letter;/);
    const hf = pdfHeaderFooter(twoRacks(), { lang: 'fr', revision: 'C' });
    expect(hf.footerTemplate).toContain('Page <span class="pageNumber"></span> sur <span class="totalPages"></span>');
    expect(hf.headerTemplate).toContain('Révision C');
  });

  it('reports progress up to the total, and stops when cancelled', () => {
    const calls: Array<[number, number]> = [];
    designReportHtml(twoRacks(), { onProgress: (d, t) => calls.push([d, t]) });
    expect(calls.at(-1)![0]).toBe(calls.at(-1)![1]);
    const ac = new AbortController();
    let seen = 0;
    expect(() => designReportHtml(twoRacks(), { signal: ac.signal, onProgress: () => (++seen === 2 ? ac.abort() : undefined) })).toThrow();
    expect(seen).toBe(2);
  });

  it('selects a room by id or name and names the rooms when there is none', () => {
    const s = twoRacks();
    expect(selectRooms(s, 'hall')).toEqual([ROOM.id]);
    expect(selectRooms(s, ROOM.id)).toEqual([ROOM.id]);
    expect(() => selectRooms(s, 'Nope')).toThrow('no room "Nope" (rooms: Hall)');
  });
});
