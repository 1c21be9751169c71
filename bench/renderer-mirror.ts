/**
 * Time from page load until the renderer's document mirror holds the whole project, measured in
 * real headless Chromium against `plenum serve` (the renderer marks `plenum:mirror-loaded`).
 */
import fs from 'node:fs';
import { chromium } from '@playwright/test';
import { startServer } from '../electron/server/serve';

export const CHROMIUM = process.env.PLENUM_CHROMIUM ?? '/usr/bin/chromium';

export async function benchRendererMirror(projectFile: string, userDataDir: string, runs: number): Promise<number[] | null> {
  if (!fs.existsSync(CHROMIUM)) {
    console.log(`  renderer mirror: skipped (no Chromium at ${CHROMIUM}; apt-get install chromium)`);
    return null;
  }
  const server = await startServer({ file: projectFile, port: 0, userDataDir });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage();
      await page.goto(server.url);
      await page.waitForFunction(() => performance.getEntriesByName('plenum:mirror-loaded').length > 0, null, { timeout: 120_000 });
      times.push(await page.evaluate(() => performance.getEntriesByName('plenum:mirror-loaded')[0]!.startTime));
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return times;
}
