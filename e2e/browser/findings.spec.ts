/**
 * Live layout validation, end to end: a project with two overlapping racks (imported with the
 * CLI) shows one error in the status bar; the findings panel lists it; clicking it selects both
 * racks; moving one rack away in the properties panel clears it without a reload.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { PlenumServer } from './server';
import { plenumCli, startServer, tempDir } from './server';

let server: PlenumServer | null = null;

test.afterEach(async () => {
  await server?.stop();
  server = null;
});

function overlappingRacksProject(dir: string): string {
  const file = path.join(dir, 'findings.plenum');
  plenumCli(['new', file, '--name', 'Findings e2e']);
  const rack = (id: string, name: string, xMm: number) => ({
    id, name, roomId: 'room:hall-a', xMm, yMm: 3000, rotationDeg: 0, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 8, maxKg: 1200,
  });
  const doc = {
    format: 'plenum/1',
    rooms: [{ id: 'room:hall-a', name: 'Hall A', widthMm: 12000, depthMm: 9000 }],
    // A04's left side stands 120 mm inside A03.
    racks: [rack('rack:a03', 'A03', 3000), rack('rack:a04', 'A04', 3480)],
  };
  const json = path.join(dir, 'racks.json');
  fs.writeFileSync(json, JSON.stringify(doc));
  plenumCli(['import', file, json]);
  return file;
}

test('an overlap shows in the status bar and the findings panel, selects its racks, and clears when a rack moves away', async ({ page }) => {
  const dir = tempDir();
  server = await startServer(overlappingRacksProject(dir), dir);
  await page.goto(server.url);
  await expect(page.getByTestId('project-name')).toHaveText('Findings e2e');

  const errors = page.getByTestId('status-errors');
  await expect(errors).toHaveAttribute('data-count', '1');
  await expect(errors).toHaveText('1');
  await expect(page.getByTestId('status-warnings')).toHaveAttribute('data-count', '0');
  await expect(page.getByTestId('status-findings')).toHaveAttribute('aria-label', '1 error, 0 warnings');

  // The status bar opens the panel; the shortcut closes and reopens it.
  await expect(page.getByTestId('findings-panel')).toHaveCount(0);
  await page.getByTestId('status-findings').click();
  const panel = page.getByTestId('findings-panel');
  await expect(panel).toBeVisible();
  await page.keyboard.press('Control+Shift+M');
  await expect(panel).toHaveCount(0);
  await page.keyboard.press('Control+Shift+M');
  await expect(panel).toBeVisible();

  const finding = panel.getByTestId('finding');
  await expect(finding).toHaveCount(1);
  await expect(finding).toContainText('Error');
  await expect(finding).toContainText('Racks A03 and A04 overlap by 120');
  await expect(finding).toHaveAttribute('data-severity', 'error');
  await expect(panel.getByTestId('findings-section-error')).toContainText('Hall A');

  // Clicking it selects both racks and shows their room's plan.
  await finding.click();
  await expect(page).toHaveURL(/#\/rooms\/room:hall-a\/plan$/);
  await expect(page.locator('[data-testid=plan-rack][data-name=A03]')).toHaveClass(/is-selected/);
  await expect(page.locator('[data-testid=plan-rack][data-name=A04]')).toHaveClass(/is-selected/);
  await expect(finding).toHaveAttribute('aria-current', 'true');

  // The sidebar lists the findings of the selection.
  await page.locator('[data-testid=tree-rack][data-id="rack:a04"]').click();
  await expect(page.getByTestId('selection-finding')).toContainText('Racks A03 and A04 overlap');

  // Move A04 120 mm to the right (3.6 m): the finding clears live.
  const x = page.getByTestId('prop-xMm-input');
  await x.fill('3.6');
  await x.press('Enter');
  await expect(errors).toHaveAttribute('data-count', '0');
  await expect(panel.getByTestId('finding')).toHaveCount(0);
  await expect(panel.getByTestId('findings-empty')).toBeVisible();
  await expect(page.getByTestId('selection-findings-none')).toBeVisible();

  // Undo brings it back, with the same finding still marked as the one picked.
  await x.blur();
  await page.keyboard.press('Control+z');
  await expect(errors).toHaveAttribute('data-count', '1');
  await expect(panel.getByTestId('finding')).toHaveAttribute('aria-current', 'true');
});
