/**
 * The picture of the main window (docs/screenshot.png, refreshed with PLENUM_UPDATE_SCREENSHOT=1):
 * the demo project made by the CLI, served, on the plan of its data hall with a rack selected.
 * Dark and French variants go to test-results/screens/ for review.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { ROOT, plenumCli, startServer, tempDir } from './server';

const SHOTS = path.join(ROOT, 'test-results', 'screens');

async function showDemoHall(page: Page, url: string): Promise<void> {
  await page.goto(`${url}#/rooms/room:hall-1/plan`);
  await expect(page.getByTestId('plan')).toBeVisible();
  await page.locator('[data-testid=plan-rack][data-name=B03]').click();
  await expect(page.getByTestId('props-rack')).toBeVisible();
  // Park the pointer over the floor so the status bar shows coordinates, not over a control.
  const plan = await page.getByTestId('plan').boundingBox();
  await page.mouse.move(plan!.x + plan!.width * 0.72, plan!.y + plan!.height * 0.62);
  await page.waitForTimeout(300);
}

test('the main window with the demo project is captured for the docs', async ({ page }) => {
  const dir = tempDir();
  const file = path.join(dir, 'demo.plenum');
  plenumCli(['new', file, '--demo']);
  const server = await startServer(file, dir);
  try {
    await page.setViewportSize({ width: 1440, height: 900 });
    await showDemoHall(page, server.url);
    // The docs picture is only rewritten on request (PLENUM_UPDATE_SCREENSHOT=1), so that running
    // the tests never changes a tracked file.
    fs.mkdirSync(SHOTS, { recursive: true });
    const main = process.env.PLENUM_UPDATE_SCREENSHOT === '1' ? path.join(ROOT, 'docs', 'screenshot.png') : path.join(SHOTS, 'main.png');
    await page.screenshot({ path: main });

    await page.getByTestId('open-preferences').click();
    await page.getByTestId('pref-theme').getByRole('radio').nth(2).click();
    await page.getByTestId('preferences-done').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.screenshot({ path: path.join(SHOTS, 'main-dark.png') });

    await page.getByTestId('open-preferences').click();
    await page.getByTestId('pref-language').getByText('Français').click();
    await page.getByTestId('pref-theme').getByRole('radio').nth(1).click();
    await page.getByTestId('preferences-done').click();
    await expect(page.getByTestId('workspace-design')).toHaveText('Conception');
    await page.screenshot({ path: path.join(SHOTS, 'main-fr.png') });

    await page.getByTestId('palette-button').click();
    await page.getByTestId('palette-input').fill('ajout');
    await page.screenshot({ path: path.join(SHOTS, 'palette-fr.png') });
    await page.keyboard.press('Escape');

    await page.goto(`${server.url}#/`);
    await expect(page.getByTestId('overview')).toBeVisible();
    await page.screenshot({ path: path.join(SHOTS, 'overview-fr.png') });
  } finally {
    await server.stop();
  }
});
