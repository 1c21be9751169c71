/**
 * The rack elevation and the device catalog, end to end in the real `plenum serve`: drag a catalog
 * type into a rack, see a refused drop's reason, fill the blanks, and undo in one step.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import type { PlenumServer } from './server';
import { plenumCli, startServer, tempDir } from './server';

let server: PlenumServer | null = null;

test.afterEach(async () => {
  await server?.stop();
  server = null;
});

/** A project with two 42U racks; R01 holds a full-depth 2U server at U20–U21. */
function projectWithRack(dir: string): string {
  const file = path.join(dir, 'elevation.plenum');
  plenumCli(['new', file, '--name', 'Elevation']);
  const doc = path.join(dir, 'rack.json');
  fs.writeFileSync(doc, JSON.stringify({
    format: 'plenum/1',
    deviceTypes: [{ id: 'dt:acme-2u', manufacturer: 'Acme', model: 'Big 2U', uHeight: 2, fullDepth: true, weightKg: 30, powerMaxW: 900, powerTypicalW: 500, airflow: 'front-to-rear', role: 'server' }],
    rooms: [{ id: 'room:hall', name: 'Hall', widthMm: 10000, depthMm: 8000 }],
    racks: [
      { id: 'rack:r01', name: 'R01', roomId: 'room:hall', xMm: 2000, yMm: 2000, rotationDeg: 0, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 8, maxKg: 1200, emptyWeightKg: 140 },
      { id: 'rack:r02', name: 'R02', roomId: 'room:hall', xMm: 2600, yMm: 2000, rotationDeg: 0, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 8, maxKg: 1200, emptyWeightKg: 140 },
    ],
    devices: [{ id: 'dev:big', name: 'big-01', rackId: 'rack:r01', typeId: 'dt:acme-2u', position: 20, face: 'front' }],
  }));
  plenumCli(['import', file, doc]);
  return file;
}

/** Drags `source` onto rack unit `u` of a face, `at` of the way up that unit (the middle by default). */
async function dragToU(page: Page, source: Locator, face: Locator, u: number, at = 0.5): Promise<void> {
  const slots = face.getByTestId('elev-slots');
  const box = (await slots.boundingBox())!;
  const uPx = Number(await slots.getAttribute('data-u-px'));
  await source.dragTo(slots, { targetPosition: { x: box.width / 2, y: box.height - (u - 1 + at) * uPx } });
}

test('catalog to rack: drop at a U, refused drop, fill blanks, undo in one step', async ({ page }) => {
  const dir = tempDir();
  server = await startServer(projectWithRack(dir), dir);
  await page.goto(`${server.url}#/racks/rack:r01`);
  const elevation = page.getByTestId('rack-elevation');
  await expect(elevation).toBeVisible();
  const front = elevation.getByTestId('elev-face-front');
  // The full-depth device shows on the front, and hatched on the rear.
  await expect(front.locator('[data-device-id="dev:big"]')).toHaveAttribute('data-far', 'false');
  await expect(elevation.getByTestId('elev-face-rear').locator('[data-device-id="dev:big"]')).toHaveAttribute('data-far', 'true');
  await expect(elevation.getByTestId('elev-total-u')).toContainText('2 / 42');

  const catalog = page.getByTestId('catalog-panel');
  await catalog.getByTestId('catalog-search').fill('1U server');
  const server1u = catalog.locator('[data-testid="catalog-item"][data-type-id="dt:generic/server-1u"]');
  await expect(server1u).toBeVisible();

  await dragToU(page, server1u, front, 10);
  const placed = front.locator('[data-testid="elev-device"][data-position="10"]');
  await expect(placed).toBeVisible();
  await expect(placed).toContainText('R01-U10');
  await expect(page.getByTestId('site-tree')).toContainText('R01-U10');
  await expect(server1u.getByLabel('Already in this project')).toBeVisible();
  await expect(elevation.getByTestId('elev-total-u')).toContainText('3 / 42');

  // U21 is taken by the full-depth 2U server: the drop is refused with the reason.
  await dragToU(page, server1u, front, 21);
  await expect(page.getByTestId('toast-error')).toContainText('Taken by big-01');
  await expect(front.locator('[data-testid="elev-device"][data-position="21"]')).toHaveCount(0);

  await elevation.getByTestId('elev-fill-blanks').click();
  await expect(elevation.getByTestId('elev-total-u')).toContainText('42 / 42 U used · 0 free');
  await expect(front.getByTestId('elev-device')).toHaveCount(42 - 3 + 2);

  // Undo removes every blanking panel at once.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(elevation.getByTestId('elev-total-u')).toContainText('3 / 42');
  await expect(front.getByTestId('elev-device')).toHaveCount(2);

  // One more undo takes the placed server and its copied type away together.
  await page.keyboard.press('Control+z');
  await expect(elevation.getByTestId('elev-total-u')).toContainText('2 / 42');
  await expect(server1u.getByLabel('Already in this project')).toHaveCount(0);
});

test('keyboard: arrows move the selected device by 1U, F flips a half-depth one, Delete removes it', async ({ page }) => {
  const dir = tempDir();
  server = await startServer(projectWithRack(dir), dir);
  await page.goto(`${server.url}#/racks/rack:r01`);
  const elevation = page.getByTestId('rack-elevation');
  const front = elevation.getByTestId('elev-face-front');
  const catalog = page.getByTestId('catalog-panel');
  await catalog.getByTestId('catalog-search').fill('patch panel 24');
  const panel = catalog.locator('[data-testid="catalog-item"][data-type-id="dt:generic/patch-panel-1u"]');
  await dragToU(page, panel, front, 5);
  const placed = front.locator('[data-testid="elev-device"]', { hasText: 'R01-U05' });
  await expect(placed).toHaveAttribute('data-position', '5');
  await placed.click();
  await page.keyboard.press('ArrowUp');
  await expect(placed).toHaveAttribute('data-position', '6');
  await page.keyboard.press('f');
  await expect(elevation.getByTestId('elev-face-rear').locator('[data-testid="elev-device"]', { hasText: 'R01-U05' })).toBeVisible();
  await expect(placed).toHaveCount(0);
  await page.keyboard.press('Delete');
  await expect(elevation.getByTestId('elev-total-u')).toContainText('2 / 42');
});

test('a device dragged to a second rack moves there in one step; a 0U PDU goes in a side channel', async ({ page }) => {
  const dir = tempDir();
  server = await startServer(projectWithRack(dir), dir);
  await page.goto(`${server.url}#/racks/rack:r01`);
  const elevation = page.getByTestId('rack-elevation');
  await elevation.getByTestId('elev-compare-picker').selectOption('rack:r02');
  const r01 = elevation.locator('[data-testid="elev-pair"][data-rack-id="rack:r01"]');
  const r02 = elevation.locator('[data-testid="elev-pair"][data-rack-id="rack:r02"]');
  await expect(r02).toBeVisible();

  const big = r01.getByTestId('elev-face-front').locator('[data-device-id="dev:big"]');
  // Grabbed by its middle (1U up a 2U device), dropped a quarter U above U8's middle: lands on U8–U9.
  await dragToU(page, big, r02.getByTestId('elev-face-front'), 8, 0.75);
  await expect(r02.getByTestId('elev-face-front').locator('[data-device-id="dev:big"]')).toHaveAttribute('data-position', '8');
  await expect(r01.locator('[data-device-id="dev:big"]')).toHaveCount(0);
  await expect(r02.getByTestId('elev-total-u')).toContainText('2 / 42');
  await expect(r01.getByTestId('elev-total-u')).toContainText('0 / 42');

  await page.keyboard.press('Control+z');
  await expect(r01.getByTestId('elev-face-front').locator('[data-device-id="dev:big"]')).toHaveAttribute('data-position', '20');
  await expect(r02.locator('[data-device-id="dev:big"]')).toHaveCount(0);

  const catalog = page.getByTestId('catalog-panel');
  await catalog.getByTestId('catalog-search').fill('vertical pdu');
  const pdu = catalog.locator('[data-testid="catalog-item"][data-type-id="dt:generic/pdu-vertical-0u"]');
  await dragToU(page, pdu, r01.getByTestId('elev-face-rear'), 30);
  const side = r01.getByTestId('elev-face-rear').locator('[data-zero-u="true"]');
  await expect(side).toHaveCount(1);
  await expect(r01.getByTestId('elev-total-u')).toContainText('2 / 42');
});
