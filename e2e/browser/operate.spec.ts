/**
 * The Operate workspace, end to end against the real `plenum serve` on the demo project.
 *
 * Prepared before the server starts, as a site would have: three days of 15-minute readings of
 * one sensor, with a 2-hour spell above the A1 allowable limit yesterday, imported with the CLI
 * (`plenum import … --create-sensors --room "Data Hall 1"`). Through the HTTP API once it runs:
 * a second sensor (no readings yet) and a quarterly UPS maintenance schedule whose first two
 * occurrences have passed. Everything after that is the UI: the needs-attention list shows the
 * overdue maintenance and the excursion; the excursion leads to the chart with the ASHRAE
 * envelope bands behind the readings; a licence added and assigned beyond its quantity shows up
 * as over-allocated. Screenshots (light, dark, French) go to /tmp/shots/operate-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { PlenumServer } from './server';
import { apiOf, plenumCli, setPrefs, startServer, tempDir } from './server';

const SHOTS = '/tmp/shots';
let server: PlenumServer | null = null;

test.afterEach(async () => {
  await server?.stop();
  server = null;
});

/** Three days of readings every 15 min up to the last full hour; 33.5 °C from 30 h to 28 h ago. */
function readingsCsv(): string {
  const end = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  const lines = ['timestamp,sensor,temperatureC,humidityPct'];
  for (let t = end - 3 * 86_400_000; t <= end; t += 15 * 60_000) {
    const hot = t >= end - 30 * 3_600_000 && t < end - 28 * 3_600_000;
    lines.push(`${new Date(t).toISOString()},HALL1-T1,${hot ? '33.5' : (22 + Math.sin(t / 3_600_000) * 0.8).toFixed(2)},45`);
  }
  return `${lines.join('\n')}\n`;
}

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

test('operate: needs attention, environment chart with the envelope, licence over-allocation', async ({ page }) => {
  test.setTimeout(180_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  const dir = tempDir();
  const file = path.join(dir, 'demo.plenum');
  plenumCli(['new', file, '--demo']);
  const csv = path.join(dir, 'readings.csv');
  fs.writeFileSync(csv, readingsCsv());
  plenumCli(['import', file, csv, '--create-sensors', '--room', 'Data Hall 1']);

  server = await startServer(file, dir);
  const api = apiOf(server.url);
  const snap = await api<{ rooms: Record<string, { id: string; name: string }>; powerElements: Record<string, { id: string; name: string; kind: string }> }>('doc.snapshot', {});
  const hall = Object.values(snap.rooms).find((r) => r.name === 'Data Hall 1')!;
  const ups = Object.values(snap.powerElements).find((p) => p.kind === 'ups');
  await api('cmd.sensor.create', { name: 'HALL1-T2', roomId: hall.id, placement: 'room' });
  await api('cmd.maintenanceSchedule.create', {
    title: 'UPS preventive maintenance', category: 'preventive', interval: { every: 3, unit: 'month' }, startDate: day(-120), active: true,
    assets: [ups ? { assetKind: 'powerElement', assetId: ups.id } : { assetKind: 'room', assetId: hall.id }],
  });

  await api('cmd.backupPolicy.create', {
    name: 'Nightly VM images', scope: 'VM images and SQL databases', assets: [], schedule: { every: 1, unit: 'day' }, retentionDays: 30,
    target: 'Tape library TL-1', restoreTest: { every: 1, unit: 'month' }, active: true,
  });
  await page.setViewportSize({ width: 1500, height: 940 });
  await page.goto(server.url);
  await expect(page.getByTestId('topbar')).toBeVisible();
  await setPrefs(page, 'light');

  // Operate sits between Commission and Reports in the switcher.
  const switcher = page.getByRole('navigation', { name: 'Workspaces' }).getByRole('button');
  await expect(switcher).toHaveText(['Design', 'Commission', 'Operate', 'Reports']);
  await page.getByTestId('workspace-operate').click();
  await expect(page.getByTestId('operate-workspace')).toBeVisible();

  // Needs attention: the missed quarterly maintenance and yesterday's excursion, each with its severity label.
  const attention = page.getByTestId('ops-attention');
  const overdueMaintenance = attention.locator('[data-code="maintenance-overdue"]');
  await expect(overdueMaintenance).toHaveCount(1);
  await expect(overdueMaintenance).toContainText('Overdue');
  await expect(overdueMaintenance).toContainText('UPS preventive maintenance');
  await expect(overdueMaintenance).toContainText('2 occurrences missed');
  const excursion = attention.locator('[data-code="excursion-outside"]');
  await expect(excursion).toHaveCount(1);
  await expect(excursion).toContainText('HALL1-T1');
  await expect(excursion).toContainText('33.5');

  // The due occurrences of the schedule are listed; planning one makes a log entry.
  await expect(page.getByTestId('ops-due-table').locator('tbody tr')).toHaveCount(2);
  await page.getByTestId('ops-plan-occurrence').first().click();
  await expect(page.getByTestId('ops-form-maintenance')).toBeVisible();
  await expect(page.getByTestId('ops-form-maintenance').getByTestId('ops-field-title')).toHaveValue('UPS preventive maintenance');
  await page.screenshot({ path: `${SHOTS}/operate-plan-form-light.png` });
  await page.getByTestId('ops-form-submit').click();
  await expect(page.getByTestId('ops-form-maintenance')).toBeHidden();
  await expect(page.getByTestId('ops-log-table').locator('tbody tr')).toHaveCount(1);
  await page.screenshot({ path: `${SHOTS}/operate-maintenance-light.png` });

  // The excursion leads to the sensor's chart: envelopes drawn first, readings over them.
  await excursion.click();
  await expect(page.getByTestId('ops-environment')).toBeVisible();
  await page.getByTestId('ops-range-7d').click();
  const chart = page.getByTestId('ops-chart');
  await expect(chart).toBeVisible();
  await expect(chart.getByTestId('ops-band-recommended')).toHaveCount(1);
  await expect(chart.getByTestId('ops-band-allowable')).toHaveCount(1);
  await expect(chart.getByTestId('ops-excursion-mark')).toHaveCount(1);
  const order = await chart.evaluate((svg) => {
    const all = Array.from(svg.querySelectorAll('*'));
    return { band: all.indexOf(svg.querySelector('[data-testid="ops-band-recommended"]')!), line: all.indexOf(svg.querySelector('[data-testid="ops-temp-line"]')!) };
  });
  expect(order.band).toBeGreaterThanOrEqual(0);
  expect(order.band).toBeLessThan(order.line);
  const bandBox = (await chart.getByTestId('ops-band-recommended').boundingBox())!;
  expect(bandBox.height).toBeGreaterThan(20);
  expect(await chart.getByTestId('ops-temp-line').getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+L/);
  await expect(page.getByTestId('ops-excursions-table').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('ops-sensors-table').locator('tbody tr')).toHaveCount(2);
  await page.screenshot({ path: `${SHOTS}/operate-light.png` });

  // Imperial units show the readings in °F (the chart axis too).
  await page.getByTestId('status-units').click();
  await expect(page.getByTestId('ops-sensors-table')).toContainText('°F');
  await expect(chart).toContainText('°F');
  await page.getByTestId('status-units').click();
  await expect(page.getByTestId('ops-sensors-table')).toContainText('°C');

  // Import readings from the app: a BMS export with its own headers. A bad row refuses the file
  // with its line number; mapped headers and skip-invalid import the rest.
  const bms = path.join(dir, 'bms.csv');
  const t0 = Date.now() - 2 * 3_600_000;
  fs.writeFileSync(bms, ['Time;Point;Temp;RH', `${new Date(t0).toISOString()};HALL1-T2;23,5;40`, `${new Date(t0 + 300_000).toISOString()};HALL1-T2;hot;40`, `${new Date(t0 + 600_000).toISOString()};HALL1-T2;24,0;41`].join('\n'));
  await page.getByTestId('ops-import-readings').click();
  const dialog = page.getByTestId('ops-import-readings-dialog');
  await dialog.getByTestId('ops-readings-file').setInputFiles(bms);
  await dialog.getByLabel('Header for timestamp').fill('Time');
  await dialog.getByLabel('Header for sensor').fill('Point');
  await dialog.getByLabel('Header for temperatureC').fill('Temp');
  await dialog.getByLabel('Header for humidityPct').fill('RH');
  await dialog.getByTestId('ops-import-submit').click();
  await expect(dialog.getByTestId('ops-import-error')).toContainText(':3');
  await page.screenshot({ path: `${SHOTS}/operate-import-light.png` });
  await dialog.getByLabel('Skip invalid rows and import the rest').check();
  await dialog.getByTestId('ops-import-submit').click();
  await expect(dialog).toBeHidden();
  const t2 = page.getByTestId('ops-sensors-table').locator('tbody tr', { hasText: 'HALL1-T2' });
  await expect(t2).toContainText('24.0 °C');

  // Zooming asks for a narrower window: the 24 h preset still shows the spell of yesterday? No:
  // it ended 28 h ago, so the 24 h window has no excursion.
  await page.getByTestId('ops-range-24h').click();
  await expect(chart.getByTestId('ops-excursion-mark')).toHaveCount(0);
  await page.getByTestId('ops-range-7d').click();
  await expect(chart.getByTestId('ops-excursion-mark')).toHaveCount(1);

  // Dragging across the chart zooms: the API is asked for the narrower window.
  const box = (await chart.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.55, box.y + 100);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.75, box.y + 100, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByTestId('ops-zoom-reset')).toBeEnabled();
  await expect(page.getByTestId('ops-chart-section')).not.toContainText('289 readings');
  await page.getByTestId('ops-zoom-reset').click();
  await expect(page.getByTestId('ops-chart-section')).toContainText('289 readings');

  // A licence for 2 sockets, assigned 4 on one device: over-allocated.
  await page.getByTestId('ops-tab-licences').click();
  await expect(page.getByTestId('ops-licences')).toContainText('No licences yet');
  await page.getByTestId('ops-add-licence').click();
  const form = page.getByTestId('ops-form-licence');
  await form.getByTestId('ops-field-product').fill('vSphere Enterprise Plus');
  await form.getByTestId('ops-field-vendor').fill('VMware');
  await form.getByTestId('ops-field-metric').selectOption('socket');
  await form.getByTestId('ops-field-quantity').fill('2');
  await form.getByTestId('ops-field-expiresOn').fill(day(20));
  await page.getByTestId('ops-form-submit').click();
  await expect(form).toBeHidden();
  await page.getByTestId('ops-licence-assignments').click();
  await page.getByTestId('ops-assign').click();
  const assign = page.getByTestId('ops-form-assign');
  await assign.getByTestId('ops-field-deviceId').selectOption({ index: 1 });
  await assign.getByTestId('ops-field-units').fill('4');
  await page.getByTestId('ops-form-submit').click();
  await expect(assign).toBeHidden();
  const over = attention.locator('[data-code="licence-over-allocated"]');
  await expect(over).toHaveCount(1);
  await expect(over).toContainText('4 sockets assigned, 2 owned (2 over)');
  await expect(attention.locator('[data-code="licence-expiring"]')).toHaveCount(1);
  await expect(page.getByTestId('ops-licences-table').getByTestId('ops-licence-state')).toContainText('2 over');
  await page.screenshot({ path: `${SHOTS}/operate-licences-light.png` });

  // Backup runs from the backup software's CSV: a bad file is refused with its line numbers, a good one imported.
  await page.getByTestId('ops-tab-backups').click();
  await expect(attention.locator('[data-code="backup-overdue"]')).toHaveCount(1);
  const bad = path.join(dir, 'runs-bad.csv');
  fs.writeFileSync(bad, 'policy,kind,startedAt,finishedAt,status,sizeBytes,note\nNightly VM images,backup,yesterday,,success,,\nTape,backup,2026-11-24T02:00:00Z,,success,,\n');
  await page.getByTestId('ops-import-runs-file').setInputFiles(bad);
  const refused = page.getByTestId('ops-run-errors');
  await expect(refused).toContainText('line 2');
  await expect(refused).toContainText('line 3');
  await refused.getByRole('button', { name: 'Close' }).last().click();
  const good = path.join(dir, 'runs.csv');
  const lastNight = new Date(Date.now() - 6 * 3_600_000);
  fs.writeFileSync(good, `policy,kind,startedAt,finishedAt,status,sizeBytes,note\nNightly VM images,backup,${lastNight.toISOString()},${new Date(lastNight.getTime() + 40 * 60_000).toISOString()},success,1250000000000,nightly\n`);
  await page.getByTestId('ops-import-runs-file').setInputFiles(good);
  await expect(page.getByTestId('ops-runs-table').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('ops-runs-table')).toContainText('1.3 TB');
  await expect(attention.locator('[data-code="backup-overdue"]')).toHaveCount(0);
  await expect(attention.locator('[data-code="restore-test-overdue"]')).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/operate-backups-light.png` });

  // The timeline gathers the registers: the readings import and the planned maintenance.
  await page.getByTestId('ops-tab-events').click();
  await expect(page.getByTestId('ops-timeline')).toContainText('UPS preventive maintenance');
  await page.getByTestId('ops-timeline-category').selectOption('environment');
  await expect(page.getByTestId('ops-timeline')).not.toContainText('UPS preventive maintenance');
  await page.getByTestId('ops-timeline-category').selectOption('all');
  await page.screenshot({ path: `${SHOTS}/operate-events-light.png` });

  // Dark and French, on the chart.
  await excursion.click();
  await expect(chart).toBeVisible();
  await setPrefs(page, 'dark');
  await expect(chart.getByTestId('ops-band-recommended')).toHaveCount(1);
  await page.screenshot({ path: `${SHOTS}/operate-dark.png` });
  await setPrefs(page, 'light', 'Français');
  await expect(page.getByTestId('ops-attention')).toContainText('À traiter');
  await expect(over).toContainText('en trop');
  await page.screenshot({ path: `${SHOTS}/operate-fr.png` });
  await page.getByTestId('ops-tab-maintenance').click();
  await page.screenshot({ path: `${SHOTS}/operate-maintenance-fr.png` });
  await setPrefs(page, 'light', 'English');
});
