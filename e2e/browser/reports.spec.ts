/**
 * The Reports workspace against the real `plenum serve`: the design report's HTML preview (styles
 * and data: images render inside the sandboxed iframe, under the page's CSP), a PDF export with
 * progress that arrives as a download whose text holds a rack's name, a data export as a ZIP, and
 * a PDF export cancelled half-way. Screenshots of the workspace in light, dark and French go to
 * test-results/screens (look at them).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { PlenumServer } from './server';
import { ROOT, plenumCli, startServer, tempDir } from './server';

const SHOTS = path.join(ROOT, 'test-results', 'screens');

let server: PlenumServer | null = null;

test.afterEach(async () => {
  await server?.stop();
  server = null;
});

async function openDemo(page: Page): Promise<{ rackName: string }> {
  const dir = tempDir();
  const file = path.join(dir, 'reports.plenum');
  plenumCli(['new', file, '--demo', '--name', 'Reports e2e']);
  server = await startServer(file, dir);
  await page.goto(server.url);
  await expect(page.getByTestId('project-name')).toHaveText('Reports e2e');
  // A rack name to look for in the report: the first rack of the site tree's data.
  const rackName = await page.evaluate(async () => {
    const token = sessionStorage.getItem('plenum.token') ?? '';
    const res = await fetch('/api/doc.snapshot', { method: 'POST', headers: { 'content-type': 'application/json', 'x-plenum-token': token }, body: '{}' });
    const body = (await res.json()) as { value: { racks: Record<string, { name: string }> } };
    return Object.values(body.value.racks).map((r) => r.name).sort()[0]!;
  });
  return { rackName };
}

async function setPrefs(page: Page, prefs: Record<string, string>): Promise<void> {
  await page.evaluate(async (p) => {
    const token = sessionStorage.getItem('plenum.token') ?? '';
    await fetch('/api/prefs.set', { method: 'POST', headers: { 'content-type': 'application/json', 'x-plenum-token': token }, body: JSON.stringify(p) });
  }, prefs);
}

test('preview the design report, export it to PDF with progress, and download a data export', async ({ page }) => {
  test.setTimeout(240_000);
  const { rackName } = await openDemo(page);

  // File → Export… (Ctrl+E) opens the Reports workspace with focus on the PDF export.
  await page.keyboard.press('Control+E');
  await expect(page.getByTestId('reports-workspace')).toBeVisible();
  await expect(page.getByTestId('workspace-reports')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('reports-export-pdf')).toBeFocused();

  // The preview is made on opening (a small project), as a job with progress.
  const frame = page.frameLocator('[data-testid="reports-preview-frame"]');
  await expect(page.getByTestId('reports-preview-frame')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('reports-preview-frame')).toHaveAttribute('sandbox', '');
  await expect(frame.locator('.cover h1')).toHaveText('Reports e2e');
  await expect(frame.getByText(rackName, { exact: true }).first()).toBeAttached();
  // The report's inline CSS applies inside the sandboxed frame…
  expect(await frame.locator('.cover .kind').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(28, 100, 217)');
  // …its inline SVG plans draw…
  const planBox = await frame.locator('svg').first().boundingBox();
  expect(planBox?.width ?? 0).toBeGreaterThan(100);
  // …and its data: images (the rooms' 3D pictures) load.
  const images = frame.locator('figure.view3d img');
  const count = await images.count();
  for (let i = 0; i < count; i++) {
    await expect.poll(() => images.nth(i).evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  }
  await expect(page.getByTestId('reports-preview-progress')).toHaveCount(0);

  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, 'reports.png') });
  // A room's pages in the preview: its plan and, when drawn, its 3D picture.
  await frame.locator(count > 0 ? 'figure.view3d' : 'svg').first().evaluate((el) => el.scrollIntoView());
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SHOTS, 'reports-preview-room.png') });
  await frame.locator('.cover').evaluate((el) => el.scrollIntoView());

  // Export the PDF: progress with its phase, then a download.
  const downloadPromise = page.waitForEvent('download', { timeout: 180_000 });
  await page.getByTestId('reports-export-pdf').click();
  await expect(page.getByTestId('reports-progress')).toBeVisible();
  await expect(page.getByTestId('reports-phase')).not.toBeEmpty();
  await page.screenshot({ path: path.join(SHOTS, 'reports-progress.png') });
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('Reports e2e - design report.pdf');
  const pdfPath = path.join(server!.dir, 'downloaded.pdf');
  await download.saveAs(pdfPath);
  expect(fs.readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
  const text = spawnSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  expect(text.status, text.stderr).toBe(0);
  expect(text.stdout).toContain(rackName);
  expect(text.stdout).toContain('Reports e2e');
  const result = page.getByTestId('reports-result');
  await expect(result).toContainText('Reports e2e - design report.pdf');
  await expect(result).toContainText(/\d+ pages/);
  await expect(page.getByTestId('reports-job')).toHaveAttribute('data-state', 'done');
  // Browser mode has no "show in folder".
  await expect(page.getByTestId('reports-reveal')).toHaveCount(0);

  // A data export: one ZIP download.
  const zipPromise = page.waitForEvent('download');
  await page.getByTestId('reports-data-csv').click();
  const zip = await zipPromise;
  expect(zip.suggestedFilename()).toBe('Reports e2e - CSV.zip');
  const zipPath = path.join(server!.dir, 'csv.zip');
  await zip.saveAs(zipPath);
  expect(fs.readFileSync(zipPath).subarray(0, 2).toString()).toBe('PK');
  await expect(page.getByTestId('reports-result')).toContainText('3 files');

  // Dark, then French: look at both.
  await setPrefs(page, { theme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // Let the buttons' colour transitions end before the picture.
  await page.waitForTimeout(1000);
  await page.screenshot({ path: path.join(SHOTS, 'reports-dark.png') });
  await setPrefs(page, { theme: 'light', language: 'fr' });
  await expect(page.getByTestId('workspace-reports')).toHaveText('Rapports');
  await page.getByTestId('reports-preview').click();
  await expect(frame.locator('html')).toHaveAttribute('lang', 'fr', { timeout: 120_000 });
  await page.screenshot({ path: path.join(SHOTS, 'reports-fr.png') });
});

test('cancel a PDF export half-way: no download, and the workspace says so', async ({ page }) => {
  test.setTimeout(180_000);
  await openDemo(page);
  await page.getByTestId('workspace-reports').click();
  // The opening preview runs beside the export; let it finish so the machine is not doing both.
  await expect(page.getByTestId('reports-preview-frame')).toBeVisible({ timeout: 120_000 });

  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByTestId('reports-export-pdf').click();
  await expect(page.getByTestId('reports-progress')).toBeVisible();
  // Cancel while Chromium prints: the AbortSignal must stop the print itself.
  await expect(page.getByTestId('reports-phase')).toHaveText(/^Printing/, { timeout: 120_000 });
  await page.getByTestId('reports-cancel').click();
  await expect(page.getByTestId('reports-job')).toHaveAttribute('data-state', 'cancelled', { timeout: 60_000 });
  await expect(page.getByTestId('reports-result')).toContainText('Cancelled: no file was written.');
  // The buttons are back, and nothing was downloaded, even a while later.
  await expect(page.getByTestId('reports-export-pdf')).toBeEnabled();
  await page.waitForTimeout(1500);
  expect(downloads).toBe(0);
  await page.screenshot({ path: path.join(SHOTS, 'reports-cancelled.png') });
});

test('an empty project says what to do', async ({ page }) => {
  const dir = tempDir();
  const file = path.join(dir, 'empty.plenum');
  plenumCli(['new', file, '--name', 'Empty']);
  server = await startServer(file, dir);
  await page.goto(server.url);
  await page.getByTestId('workspace-reports').click();
  await expect(page.getByTestId('reports-empty')).toContainText('This project has no rooms');
  await expect(page.getByTestId('reports-export-pdf')).toBeDisabled();
  await page.getByTestId('reports-empty').getByRole('button', { name: 'Go to Design' }).click();
  await expect(page.getByTestId('workspace-design')).toHaveAttribute('aria-current', 'page');
});
