/**
 * The operations report's HTML, from a project kept with the real commands in a real SQLite file
 * (electron/report/ops-fixture.ts: schedules, maintenance, backups, licences, sensors with
 * readings imported through the CSV parser): needs attention across registers, the registers'
 * tables, the environment figures computed from the readings (samples, min/max, dew point, time
 * outside each envelope, excursions, charts), the period, French, the design report's section.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSnapshot } from '../model/schema';
import type { Series } from '../ops/series';
import { ProjectStore } from '../../electron/store/project-store';
import { buildOpsFixture, OPS_FIXTURE_DATE, OPS_FIXTURE_NOW, type OpsFixture } from '../../electron/report/ops-fixture';
import { designReportHtml } from './design';
import { CHARTS_PER_REPORT, chartBuckets, opsPeriod, opsReportHtml } from './ops';

let dir: string;
let snap: DocumentSnapshot;
let fx: OpsFixture;
let store: ProjectStore;
const readings = (id: string, fromT: number, toT: number): Series => store.sensorSeries(id, fromT, toT);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-ops-html-'));
  const file = path.join(dir, 'ops.plenum');
  fx = buildOpsFixture(file);
  store = ProjectStore.open(file, { readOnly: true });
  snap = store.snapshot();
});
afterAll(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const base = { date: OPS_FIXTURE_DATE, nowMs: OPS_FIXTURE_NOW, readings };
/** The HTML as text: tags dropped, entities of `esc` undone, whitespace folded. */
const text = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
/** The rows of the table that follows a heading, each row's cells as text. */
function rowsAfter(html: string, heading: string): string[][] {
  const at = html.indexOf(`>${heading}</h`);
  expect(at, heading).toBeGreaterThan(0);
  const tbl = html.slice(html.indexOf('<tbody>', at), html.indexOf('</tbody>', at));
  return [...tbl.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => text(c[1]!).trim()));
}

describe('operations report', () => {
  it('lists what needs attention in every register, overdue first, each with a symbol and a word', () => {
    const html = opsReportHtml(snap, base);
    const rows = rowsAfter(html, 'Needs attention');
    const lines = rows.map((r) => r.join(' | '));
    expect(lines).toContain('⚠ Overdue | Maintenance | UPS quarterly PM on UPS-1: overdue since 2026-10-10 | 2026-10-10 | UPS-1');
    expect(lines).toContain('⚠ Overdue | Maintenance | RHEL 9.4 kernel patch on esx-02: planned for 2026-11-10, still approved | 2026-11-10 | esx-02');
    expect(lines).toContain('⚠ Overdue | Backups | Backup “VM images nightly” is overdue: last success 2026-11-19 02:10 | 2026-11-20 | —');
    expect(lines).toContain('⚠ Overdue | Restore tests | Restore test of “VM images nightly” is overdue: last one 2026-07-01 11:00 | 2026-09-29 | —');
    expect(lines).toContain('⚠ Overdue | Licences | Acme Backup Suite: 5 assigned, 2 owned (3 over; counted per socket) | — | —');
    expect(lines).toContain('⚠ Overdue | Licences | Red Hat RHEL Server expired on 2026-11-01 (0 device(s) still assigned) | 2026-11-01 | —');
    expect(lines).toContain('⚠ Overdue | Environment | HB-SUPPLY: outside the allowable envelope from 2026-11-18 03:00 UTC for 60 min (max 33.6 °C) | 2026-11-18 | Hall B');
    expect(lines).toContain('◷ Due | Environment | HA-INLET-01: outside the recommended envelope from 2026-11-12 14:00 UTC for 150 min (max 29.4 °C) | 2026-11-12 | A01');
    expect(lines).toContain('◷ Due | Maintenance | CRAH filter change on cooling: due on 2026-12-01 (in 6 days) | 2026-12-01 | cooling');
    expect(lines).toContain('◷ Due | Licences | Acme Backup Suite expires on 2026-12-20 (in 25 days) | 2026-12-20 | —');
    expect(rows).toHaveLength(10);
    // Overdue before due, and the counts per register agree with the table.
    const firstDue = rows.findIndex((r) => r[0] === '◷ Due');
    expect(rows.slice(firstDue).every((r) => r[0] === '◷ Due')).toBe(true);
    const kpis = text(html.slice(html.indexOf('class="kpis regs"'), html.indexOf('</div></div>', html.indexOf('class="kpis regs"')) + 12));
    expect(kpis).toContain('2 overdue Maintenance · 1 due');
    expect(kpis).toContain('2 overdue Licences · 1 due');
    expect(kpis).toContain('1 overdue Environment · 1 due');
  });

  it('prints the maintenance schedules with next due and missed occurrences, and the period’s log', () => {
    const html = opsReportHtml(snap, base);
    const schedules = rowsAfter(html, 'Schedules');
    expect(schedules).toEqual([
      ['CRAH filter change', 'Preventive', 'cooling', 'monthly', '2026-12-01', '◷ Due', '—'],
      ['UPS quarterly PM', 'Preventive', 'UPS-1', 'every 3 months', '2027-01-10', '1 ⚠ Overdue UPS-1 2026-10-10', 'Eaton field service'],
    ]);
    const log = rowsAfter(html, 'Maintenance and change log');
    expect(log.map((r) => r[1])).toEqual(['Replace PSU 2 on esx-02 Replacement', 'RHEL 9.4 kernel patch OS patch', 'BIOS 2.3.1 on esx-01 Firmware · 2.1.0 → 2.3.1']);
    expect(log[0]).toEqual(['2026-11-20 11:15', 'Replace PSU 2 on esx-02 Replacement', 'esx-02', 'Done', '—', '—', '✗ Rolled back']);
    expect(log[1]!.slice(3)).toEqual(['Approved ⚠ Overdue', '—', 'Jane Roe, CAB-1077', '—']);
    expect(log[2]!.slice(3)).toEqual(['Done', 'Marc Petit', 'Jane Roe, CAB-1042', '✓ Success']);
    // The quarterly PMs done in January–July are before the period.
    expect(text(html)).not.toContain('2026-04-11 09:00');
  });

  it('prints backup policies with their clocks and the period’s runs, failures first', () => {
    const html = opsReportHtml(snap, base);
    const policies = rowsAfter(html, 'Policies');
    expect(policies[0]).toEqual(['SQL weekly full', 'ERP database — ERP', 'weekly', '365 days', 'Offsite vault', '2026-11-22 03:40 ✓ OK', '—']);
    expect(policies[1]).toEqual(['VM images nightly', 'All production VMs — esx-01, esx-02', 'daily', '30 days', 'Tape library TL-1', '2026-11-19 02:10 ⚠ Overdue 5 failed since', '2026-07-01 11:00 ⚠ Overdue every 3 months']);
    expect(text(html)).toContain('25 runs, 5 failed, 0 restore tests.');
    const runs = rowsAfter(html, 'Backup runs and restore tests in the period');
    expect(runs.slice(0, 5).every((r) => r[3] === '✗ Failed' && r[5] === 'Tape drive 2 offline')).toBe(true);
    expect(runs[0]!.slice(0, 2)).toEqual(['2026-11-24 01:00', 'VM images nightly']);
    expect(runs[5]![3]).toBe('✓ Success');
    expect(runs.find((r) => r[1] === 'SQL weekly full')![4]).toBe('81.0 GB');
  });

  it('prints licences with owned, used and free, the over-allocation, expiries and costs per vendor and currency', () => {
    const html = opsReportHtml(snap, base);
    const rows = rowsAfter(html, 'Licences');
    expect(rows[0]).toEqual(['Acme Backup Suite', 'socket', '2', '5', '-3', '2', '2026-12-20', '⚠ Over-allocated by 3 ◷ Expires in 25 d', '€4,800', 'ACME-2291']);
    expect(rows.find((r) => r[0] === 'Red Hat RHEL Server')!.slice(6, 9)).toEqual(['2026-11-01', '⚠ Expired', '$3,490']);
    expect(rows.find((r) => r[0] === 'Broadcom vCenter Standard')!.slice(6, 8)).toEqual(['perpetual', '✓ OK']);
    expect(html).toContain('<span class="bad">-3</span>');
    // Costs in two currencies of one vendor are two lines, never one sum.
    expect(rowsAfter(html, 'Cost per vendor')).toEqual([['Acme', '1', 'EUR', '€4,800'], ['Broadcom', '1', 'EUR', '€12,000'], ['Broadcom', '1', 'USD', '$6,000'], ['Red Hat', '1', 'USD', '$3,490']]);
  });

  it('computes the environment from the readings: samples, extremes, dew point, time outside each envelope, excursions', () => {
    const html = opsReportHtml(snap, base);
    const hallA = rowsAfter(html, 'Room Hall A');
    // 1 September 00:00 to 24 November 23:30, every 30 minutes: 85 days × 48.
    expect(hallA[0]).toEqual(['HA-INLET-01', 'Rack inlet, middle · A01', '4,080', '2026-09-01 – 2026-11-24', '21.5 °C', '29.4 °C', '15.5 °C', '3 h 00', '0']);
    expect(hallA[1]).toEqual(['HA-ROOM', 'Room', '4,080', '2026-09-01 – 2026-11-24', '20.5 °C', '22.5 °C', '10.0 °C', '0', '0']);
    // No humidity: no dew point. 03:00, 03:30 and 04:00 at 33.6 °C: 1 h 30 outside both envelopes.
    expect(rowsAfter(html, 'Room Hall B')[0]).toEqual(['HB-SUPPLY', 'Supply air', '4,080', '2026-09-01 – 2026-11-24', '18.7 °C', '33.6 °C', '—', '1 h 30', '1 h 30']);
    const excursions = [...html.matchAll(/<h4>Excursions<\/h4><table>[\s\S]*?<\/table>/g)].map((m) => text(m[0]));
    expect(excursions[0]).toContain('HA-INLET-01 2026-11-12 14:00 2 h 30 ◷ Outside recommended temperature high, dew point high 29.4 °C 15.5 °C');
    expect(excursions[1]).toContain('HB-SUPPLY 2026-11-18 03:00 1 h 00 ⚠ Outside allowable temperature high 33.6 °C —');
    expect(text(html)).toContain('ASHRAE class A1: recommended 18–27 °C (dew point ≤ 15 °C), allowable 15–32 °C (dew point ≤ 17 °C).');
  });

  it('draws one chart per sensor with the envelope bands behind the readings and a mark under each excursion', () => {
    const html = opsReportHtml(snap, base);
    const charts = [...html.matchAll(/<svg class="chart"[\s\S]*?<\/svg>/g)].map((m) => m[0]);
    expect(charts).toHaveLength(3);
    for (const c of charts) {
      // Bands first (behind), then the data.
      expect(c.indexOf('fill="#fef3c7"')).toBeLessThan(c.indexOf('fill="#bfdbfe"'));
      expect(c.indexOf('fill="#dcfce7"')).toBeLessThan(c.indexOf('fill="#bfdbfe"'));
    }
    // 90 days → daily buckets; the inlet chart has its dew point line and one excursion mark.
    expect(chartBuckets(opsPeriod({ date: OPS_FIXTURE_DATE }))).toBe(90);
    expect(charts[0]).toContain('stroke-dasharray="4 3"/>');
    expect(charts[0]!.match(/fill="#b91c1c"/g)).toHaveLength(1);
    expect(charts[2]!).not.toContain('stroke="#7c3aed"');
    expect(text(html)).toContain('HA-INLET-01 4,080 readings, 90 points (min–max per point), class A1');
  });

  it('lists the period’s events newest first and the escalation contacts per asset and level', () => {
    const html = opsReportHtml(snap, base);
    const events = rowsAfter(html, 'Event log');
    expect(events[0]).toEqual(['2026-11-25 08:00', 'Environment', 'Info', `${(12_240).toLocaleString('en-US')} readings imported from bms-export.csv Marc Petit`, '—']);
    expect(events.map((e) => e[3])).toContain(`${fx.incident} Load on raw mains for 12 minutes`);
    expect(events.find((e) => e[3]!.startsWith(fx.incident))!.slice(1, 3)).toEqual(['Incident', '! Warning']);
    // Failed runs are events; the nightly successes are in the backups section only.
    expect(events.filter((e) => e[3]!.startsWith('Backup “VM images nightly”: failed Tape drive 2 offline'))).toHaveLength(5);
    expect(events.some((e) => e[3]!.includes('succe'))).toBe(false);
    // From the timeline (core/ops/timeline.ts): the commissioning issue and the licence expiry.
    expect(events).toContainEqual(['2026-11-18 09:10', 'Commissioning', '! Warning', 'Issue raised: Hall B supply air above 32 °C overnight Major · Marc Petit', '—']);
    expect(events).toContainEqual(['2026-11-01 00:00', 'Licence', '! Warning', 'Red Hat RHEL Server expired', '—']);
    expect(events.map((e) => e[0])).toEqual([...events.map((e) => e[0])].sort().reverse());
    const contacts = rowsAfter(html, 'Escalation contacts');
    expect(contacts.map((c) => c.slice(0, 3))).toEqual([['Whole site', '1', 'NOC on call'], ['cooling System', '2', 'Sophie Martin Facility'], ['UPS-1 Power element', '1', 'Eaton support Eaton']]);
  });

  it('limits the log tables and the environment to --since / --until', () => {
    const html = opsReportHtml(snap, { ...base, since: '2026-11-15', until: '2026-11-25' });
    expect(text(html)).toContain('Period 2026-11-15 to 2026-11-25');
    expect(rowsAfter(html, 'Room Hall A')[0]!.slice(2, 4)).toEqual(['480', '2026-11-15 – 2026-11-24']);
    const events = rowsAfter(html, 'Event log').map((e) => e[3]);
    expect(events.some((e) => e!.startsWith(fx.incident))).toBe(false);
    expect(rowsAfter(html, 'Maintenance and change log').map((r) => r[1])).not.toContain('BIOS 2.3.1 on esx-01 Firmware · 2.1.0 → 2.3.1');
    // Before the excursion of 18 November only: HB-SUPPLY has none, the attention list says so.
    const early = opsReportHtml(snap, { ...base, since: '2026-11-01', until: '2026-11-15' });
    expect(text(early)).not.toContain('HB-SUPPLY: outside');
    expect(text(early)).toContain('HA-INLET-01: outside the recommended envelope');
    expect(() => opsReportHtml(snap, { ...base, since: '2026-11-20', until: '2026-11-10' })).toThrow(/the period starts \(2026-11-20\) after it ends \(2026-11-10\)/);
  });

  it('is self-contained, in French with French numbers', () => {
    const html = opsReportHtml(snap, { ...base, lang: 'fr' });
    expect(html).not.toMatch(/<(script|link|iframe|img)\b/i);
    expect(html).not.toMatch(/https?:\/\//);
    const all = text(html);
    expect(all).toContain('Rapport d’exploitation');
    expect(all).toContain('UPS quarterly PM sur UPS-1 : en retard depuis le 2026-10-10');
    expect(all).toContain('RHEL 9.4 kernel patch sur esx-02 : prévu le 2026-11-10, toujours « approuvée »');
    expect(all).toContain('Acme Backup Suite : 5 attribués, 2 acquis (3 de trop ; décompte par socket)');
    expect(all).toContain('Surallouée de 3');
    expect(all).toContain('29,4 °C');
    expect(html).toMatch(/>4\u202f080</);
    expect(all).toContain('Dépassements');
    expect(all).toContain('Contacts d’escalade');
    expect(all).toContain('Réserve ouverte : Hall B supply air above 32 °C overnight');
    expect(all).toContain('Sauvegarde « VM images nightly » : échouée');
    expect(all).not.toContain('Needs attention');
  });

  it('caps the charts, the attention list and the excursions and says so, and stays fast for a room of sensors', () => {
    // 160 more inlet sensors with the same readings: one excursion each.
    const source = Object.values(snap.sensors).find((x) => x.name === 'HA-INLET-01')!;
    const many: DocumentSnapshot = { ...snap, sensors: { ...snap.sensors } };
    for (let i = 0; i < 160; i++) many.sensors[`sen:x${i}`] = { ...source, id: `sen:x${i}`, name: `X-${String(i).padStart(3, '0')}` };
    const t0 = performance.now();
    const html = opsReportHtml(many, { ...base, readings: (id, a, b) => readings(id.startsWith('sen:x') ? source.id : id, a, b) });
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(html.match(/<svg class="chart"/g)).toHaveLength(CHARTS_PER_REPORT);
    const all = text(html);
    expect(all).toContain(`${CHARTS_PER_REPORT} of 163 sensor charts are printed; the app shows them all.`);
    // 170 items: 150 listed. Hall A: 161 excursions, 100 listed.
    expect(rowsAfter(html, 'Needs attention')).toHaveLength(150);
    expect(all).toContain('… and 20 more.');
    expect(all).toContain('… and 61 more.');
  });

  it('says when it has no readings, and stops when cancelled', () => {
    const html = opsReportHtml(snap, { date: OPS_FIXTURE_DATE, nowMs: OPS_FIXTURE_NOW });
    expect(text(html)).toContain('The readings were not available to this report.');
    const ac = new AbortController();
    ac.abort();
    expect(() => opsReportHtml(snap, { ...base, signal: ac.signal })).toThrow(expect.objectContaining({ name: 'AbortError' }));
  });
});

describe('design report: operations section', () => {
  it('adds the needs-attention counts and the top overdue items when the project keeps operations records', () => {
    const html = designReportHtml(snap, { date: OPS_FIXTURE_DATE });
    expect(html).toContain('<a href="#opsstatus">Operations</a>');
    const section = html.slice(html.indexOf('id="opsstatus"'), html.indexOf('</section>', html.indexOf('id="opsstatus"')));
    const all = text(section);
    expect(all).toContain('UPS quarterly PM on UPS-1: overdue since 2026-10-10');
    expect(all).toContain('Acme Backup Suite: 5 assigned, 2 owned (3 over; counted per socket)');
    // Overdue only, and no environment (the design report reads no readings).
    expect(all).not.toContain('CRAH filter change');
    expect(all).not.toContain('Environment ·');
    expect(section).toContain('<span class="badge overdue">⚠ Overdue</span>');
    const fr = text(designReportHtml(snap, { date: OPS_FIXTURE_DATE, lang: 'fr' }));
    expect(fr).toContain('Exploitation');
    expect(fr).toContain('UPS quarterly PM sur UPS-1 : en retard depuis le 2026-10-10');
  });

  it('has no operations section for a project without operations records', () => {
    const empty = { ...snap, maintenanceSchedules: {}, maintenance: {}, backupPolicies: {}, backupRuns: {}, licences: {}, licenceAssignments: {}, sensors: {}, opsEvents: {}, contacts: {} };
    expect(designReportHtml(empty, { date: OPS_FIXTURE_DATE })).not.toContain('opsstatus');
  });
});
