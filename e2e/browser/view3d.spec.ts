/**
 * The 3D view end to end, in headless Chromium (SwiftShader WebGL) against the real `plenum
 * serve`: it draws something (not a blank canvas, context alive), with flat draw calls, picking
 * selects in the shared selection, F flies to it, and the view tabs and deep links route.
 * Headless WebGL can silently draw nothing (STYLE.md §7), hence the pixel-variance check.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import type { PlenumServer } from './server';
import { plenumCli, startServer, tempDir } from './server';

let server: PlenumServer | null = null;

test.afterEach(async () => {
  await server?.stop();
  server = null;
});

interface DemoCounts {
  racks: number;
  devices: number;
}

/** The demo project plus an empty room, and what Data Hall 1 holds according to `plenum export`. */
function demoProject(dir: string): { file: string; hall: DemoCounts } {
  const file = path.join(dir, 'demo.plenum');
  plenumCli(['new', file, '--demo']);
  const room = path.join(dir, 'empty-room.json');
  fs.writeFileSync(room, JSON.stringify({ format: 'plenum/1', rooms: [{ id: 'room:empty', name: 'Empty Hall', widthMm: 9000, depthMm: 6000 }] }));
  plenumCli(['import', file, room]);
  const out = path.join(dir, 'export.json');
  plenumCli(['export', file, '--format', 'json', '-o', out]);
  const doc = JSON.parse(fs.readFileSync(out, 'utf8')) as { racks: { id: string; roomId: string }[]; devices: { rackId: string; parentDeviceId?: string | null }[] };
  const racks = new Set(doc.racks.filter((r) => r.roomId === 'room:hall-1').map((r) => r.id));
  const devices = doc.devices.filter((d) => racks.has(d.rackId) && !d.parentDeviceId).length;
  return { file, hall: { racks: racks.size, devices } };
}

type RenderInfo = { drawCalls: number; triangles: number; racks: number; devices: number; frames: number };

async function renderInfo(page: Page): Promise<RenderInfo | null> {
  return page.evaluate(() => window.plenumDebug?.renderInfo() ?? null);
}

/** Waits until the 3D view has rendered a frame with something in it. */
async function waitForRender(page: Page): Promise<RenderInfo> {
  await expect(page.getByTestId('view3d')).toBeVisible();
  await expect.poll(async () => (await renderInfo(page))?.drawCalls ?? 0, { timeout: 30_000 }).toBeGreaterThan(0);
  await page.evaluate(() => window.plenumDebug!.frame());
  return (await renderInfo(page))!;
}

/** Standard deviation of the luminance of a PNG, decoded and measured by the browser itself. */
async function luminanceSpread(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let sum = 0;
    let sq = 0;
    const n = data.length / 4;
    for (let i = 0; i < data.length; i += 4) {
      const l = 0.2126 * data[i]! + 0.7152 * data[i + 1]! + 0.0722 * data[i + 2]!;
      sum += l;
      sq += l * l;
    }
    const mean = sum / n;
    return Math.sqrt(Math.max(0, sq / n - mean * mean));
  }, png.toString('base64'));
}

async function contextLost(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=view3d-canvas]');
    const gl = canvas?.getContext('webgl2') ?? canvas?.getContext('webgl');
    return !gl || gl.isContextLost();
  });
}

test('the 3D view of the demo hall renders racks and devices in a flat number of draw calls', async ({ page }) => {
  const dir = tempDir();
  const { file, hall } = demoProject(dir);
  server = await startServer(file, dir);
  await page.goto(`${server.url}#/rooms/room:hall-1/3d`);

  const info = await waitForRender(page);
  expect(info.racks).toBe(hall.racks);
  expect(info.devices).toBe(hall.devices);
  expect(info.drawCalls).toBeGreaterThan(3);
  expect(info.drawCalls).toBeLessThanOrEqual(100);
  await expect(page.getByTestId('view-tab-3d')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('view3d-legend')).toContainText('Server');

  // Rendered on demand: with nothing changing, no frame is drawn (a laptop stays cool).
  const idle = (await renderInfo(page))!.frames;
  await page.waitForTimeout(1500);
  expect((await renderInfo(page))!.frames).toBe(idle);

  // Not a blank canvas: a flat colour has no spread; the hall has plenty.
  const canvas = page.getByTestId('view3d-canvas');
  const shot = await canvas.screenshot();
  expect(await luminanceSpread(page, shot)).toBeGreaterThan(12);
  expect(await contextLost(page)).toBe(false);

  // Hiding the devices removes them (and their draw call); colouring by U use changes the legend.
  await page.getByTestId('view3d-layer-devices').click();
  await page.evaluate(() => window.plenumDebug!.frame());
  const without = (await renderInfo(page))!;
  expect(without.devices).toBe(0);
  expect(without.drawCalls).toBe(info.drawCalls - 1);
  await page.getByTestId('view3d-colour-uUse').click();
  await expect(page.getByTestId('view3d-legend')).toContainText('Rack units used');
});

test('clicking a rack in 3D selects it everywhere, and F flies to it', async ({ page }) => {
  const dir = tempDir();
  const { file } = demoProject(dir);
  server = await startServer(file, dir);
  await page.goto(`${server.url}#/rooms/room:hall-1/3d`);
  await waitForRender(page);

  const point = await page.evaluate(() => window.plenumDebug!.screenPoint('rack:c03'));
  expect(point).not.toBeNull();
  await page.mouse.click(point!.x, point!.y);
  await expect(page.getByTestId('props-rack')).toBeVisible();
  await expect(page.getByTestId('props-rack').getByTestId('prop-name-input')).toHaveValue('C03');
  await expect(page.locator('[data-testid=tree-rack][data-id="rack:c03"]')).toHaveAttribute('aria-selected', 'true');
  // The selection did not leave the 3D view.
  await expect(page).toHaveURL(/#\/rooms\/room:hall-1\/3d$/);

  // F frames the rack: its centre ends near the middle of the view.
  const box = (await page.getByTestId('view3d-canvas').boundingBox())!;
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const off = (p: { x: number; y: number } | null) => (p ? Math.hypot(p.x - centre.x, p.y - centre.y) : Infinity);
  const rackCentre = () => page.evaluate(() => window.plenumDebug!.screenPoint('rack:c03', 'centre'));
  const before = off(await rackCentre());
  expect(before).toBeGreaterThan(box.height * 0.1);
  await page.keyboard.press('f');
  await expect.poll(async () => off(await rackCentre()), { timeout: 10_000 }).toBeLessThan(box.height * 0.05);

  // Escape clears the selection; 1 shows the plan and 2 the 3D view again.
  await page.keyboard.press('Escape');
  await page.keyboard.press('1');
  await expect(page.getByTestId('plan')).toBeVisible();
  await expect(page).toHaveURL(/#\/rooms\/room:hall-1\/plan$/);
  await page.keyboard.press('2');
  await waitForRender(page);
});

test('view tabs and deep links open the plan, the 3D view and a rack', async ({ page }) => {
  const dir = tempDir();
  const { file } = demoProject(dir);
  server = await startServer(file, dir);

  await page.goto(`${server.url}#/racks/rack:b02`);
  await expect(page.getByTestId('view-tab-rack')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('view-tab-rack')).toContainText('B02');
  await expect(page.getByTestId('props-rack').getByTestId('prop-name-input')).toHaveValue('B02');

  // From the rack, the 3D tab shows its room with the rack still selected.
  await page.getByTestId('view-tab-3d').click();
  await expect(page).toHaveURL(/#\/rooms\/room:hall-1\/3d$/);
  await waitForRender(page);
  await expect(page.getByTestId('props-rack').getByTestId('prop-name-input')).toHaveValue('B02');
  await page.getByTestId('view-tab-plan').click();
  await expect(page.getByTestId('plan')).toBeVisible();
  await page.keyboard.press('3');
  await expect(page).toHaveURL(/#\/racks\/rack:b02$/);

  // An empty room says what to do next over its empty shell.
  await page.goto(`${server.url}#/rooms/room:empty/3d`);
  await expect(page.getByTestId('view3d-empty')).toContainText('No racks in this room yet');
  const info = await waitForRender(page);
  expect(info.racks).toBe(0);
  await page.getByTestId('view3d-empty').getByRole('button').click();
  await expect(page).toHaveURL(/#\/rooms\/room:empty\/plan$/);
});
