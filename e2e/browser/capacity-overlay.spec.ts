/**
 * Capacity overlays and findings, end to end against the real `plenum serve`: the demo project
 * (made by the CLI) opens on its hall's plan; the "% of power budget" overlay colours every rack,
 * names every bin in its legend, and writes each rack's value as `plenum capacity --json` computes
 * it; the shortcut cycles the overlay, and the 3D view shows the same one; a what-if (a floor PDU
 * failed) marks racks down and degraded with a banner that Esc clears; clicking a finding of
 * `plenum check --json` selects its rack on the plan and shows its hint.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { CapacityReport } from '../../core/capacity/report';
import type { Finding } from '../../core/rules/finding';
import type { PlenumServer } from './server';
import { ROOT, plenumCli, startServer, tempDir } from './server';

let server: PlenumServer | null = null;

test.afterEach(async () => {
  await server?.stop();
  server = null;
});

test('the plan colours racks by % of budget with a legend and values, cycles overlays, shows a what-if, and a finding selects its rack', async ({ page }) => {
  const dir = tempDir();
  const file = path.join(dir, 'demo.plenum');
  plenumCli(['new', file, '--demo']);
  const capacity = JSON.parse(plenumCli(['capacity', file, '--json'])) as CapacityReport;
  // `plenum check` exits 1 when there is an error finding (the demo has one): read its output anyway.
  const checked = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'plenum.mjs'), 'check', file, '--json'], { cwd: ROOT, encoding: 'utf8' });
  const check = JSON.parse(checked.stdout) as { findings: Finding[] };
  const hallRacks = capacity.racks.filter((r) => r.roomId === 'room:hall-1');
  const a01 = hallRacks.find((r) => r.name === 'A01')!;
  expect(a01.budgetW).toBeGreaterThan(0);
  server = await startServer(file, dir);

  await page.goto(`${server.url}#/rooms/room:hall-1/plan`);
  await expect(page.getByTestId('plan')).toBeVisible();
  await expect(page.getByTestId('plan-overlay-legend')).toHaveCount(0);

  // % of power budget: every rack filled, every bin named with its count.
  await page.getByTestId('plan-overlay-picker').selectOption('budget');
  const legend = page.getByTestId('plan-overlay-legend');
  await expect(legend).toBeVisible();
  await expect(legend).toContainText('Load against the power budget');
  for (const bin of ['under 50 %', '50–80 %', '80–100 %', 'over 100 %']) await expect(legend).toContainText(bin);
  const counts = await legend.locator('.capacity-legend-count').allTextContents();
  expect(counts.reduce((n, c) => n + Number(c), 0)).toBe(hallRacks.length);
  await expect(page.locator('[data-testid=plan-rack][data-overlay]')).toHaveCount(hallRacks.length);

  // A01's value, as the engine computes it, once the zoom leaves room for it.
  const pct = Math.round((a01.loadW / a01.budgetW) * 100);
  const rackA01 = page.locator('[data-testid=plan-rack][data-name=A01]');
  await page.getByTestId('plan-zoom-in').click();
  await page.getByTestId('plan-zoom-in').click();
  await expect(rackA01.getByTestId('plan-rack-value')).toHaveText(`${pct}\u00a0%`);
  await expect(rackA01).toHaveAttribute('aria-label', `A01, % of power budget: ${pct}\u00a0%`);

  // Shift+O cycles to the next overlay; the 3D view shows the same one.
  await page.getByTestId('plan').focus();
  await page.keyboard.press('Shift+O');
  await expect(page.getByTestId('plan-overlay-picker')).toHaveValue('temperature');
  await expect(legend).toContainText('Inlet against the room\'s ASHRAE class');
  await expect(legend).toContainText('Recommended');
  await page.getByTestId('view-tab-3d').click();
  await expect(page.getByTestId('view3d-overlay-picker')).toHaveValue('temperature');
  await expect(page.getByTestId('view3d-overlay-legend')).toContainText('Inlet against the room\'s ASHRAE class');
  await page.getByTestId('view-tab-plan').click();
  await page.getByTestId('plan-overlay-picker').selectOption('budget');

  // What if PDU-A fails: the racks it feeds lose a feed; C06, with no feed B, goes down.
  await page.locator('[data-testid=plan-fe][data-id="fe:pdu-a"]').click();
  await page.keyboard.press('Shift+F');
  const banner = page.getByTestId('plan-whatif-banner');
  await expect(banner).toContainText('What if PDU-A fails:');
  await expect(banner).toContainText('1 rack down');
  await expect(page.locator('[data-testid=plan-rack][data-name=C06]')).toHaveAttribute('data-whatif', 'down');
  await expect(page.locator('[data-testid=plan-rack][data-name=A01]')).toHaveAttribute('data-whatif', 'degraded');
  await expect(page.locator('[data-testid=plan-fe][data-id="fe:pdu-a"]').getByTestId('plan-fe-failed')).toBeVisible();
  await expect(page.getByTestId('plan-overlay-legend-whatif')).toContainText('Rack down (no power)');
  await page.getByTestId('plan').focus();
  await page.keyboard.press('Escape');
  await expect(banner).toHaveCount(0);
  await expect(page.locator('[data-testid=plan-rack][data-whatif]')).toHaveCount(0);

  // A finding of `plenum check`: clicking it selects its rack on the plan; its hint shows under it.
  const target = check.findings.find((f) => f.refs.some((r) => r.kind === 'racks') && f.roomId === 'room:hall-1')!;
  const rackId = target.refs.find((r) => r.kind === 'racks')!.id;
  await page.getByTestId('status-findings').click();
  const row = page.locator(`[data-testid=finding][data-finding-id="${target.id}"]`);
  await expect(row.getByTestId('finding-hint')).toHaveText(target.hint);
  await row.click();
  await expect(row).toHaveAttribute('aria-current', 'true');
  await expect(page.locator(`[data-testid=plan-rack][data-id="${rackId}"]`)).toHaveClass(/is-selected/);
  await expect(page).toHaveURL(/#\/rooms\/room:hall-1\/plan$/);
});
