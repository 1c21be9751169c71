/**
 * The plan editor end to end, on the real `plenum serve` in Chromium: draw a room with the Room
 * tool, lay a 10-rack row with the Row tool, drag a rack (one undo step), undo/redo, marquee and
 * delete, and a picture of the plan that must not be blank. Screenshots go to test-results/screens.
 * Last, a 2,000-rack room: a drag moves only the transient layer (no rack re-renders per frame).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import type { PlenumServer } from './server';
import { ROOT, plenumCli, startServer, tempDir } from './server';

const SHOTS = path.join(ROOT, 'test-results', 'screens');
let server: PlenumServer | null = null;

test.afterEach(async () => {
  await server?.stop();
  server = null;
});

/** A project with one empty 12 m × 9 m room (CLI `new` then `import`). */
function projectWithRoom(dir: string): string {
  const file = path.join(dir, 'plan.plenum');
  plenumCli(['new', file, '--name', 'Plan E2E']);
  const doc = path.join(dir, 'room.json');
  fs.writeFileSync(doc, JSON.stringify({ format: 'plenum/1', rooms: [{ id: 'room:start', name: 'Start', widthMm: 12000, depthMm: 9000 }] }));
  plenumCli(['import', file, doc]);
  return file;
}

/** Screen position of a room point (mm), read from the plan's world transform. */
async function screenOf(page: Page, mm: { x: number; y: number }): Promise<{ x: number; y: number }> {
  const canvas = page.getByTestId('plan-canvas');
  const box = (await canvas.boundingBox())!;
  const transform = await page.getByTestId('plan-world').getAttribute('transform');
  const m = /translate\(([-\d.e]+) ([-\d.e]+)\) scale\(([-\d.e]+)\)/.exec(transform ?? '');
  if (!m) throw new Error(`unexpected plan transform: ${transform}`);
  const [tx, ty, s] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return { x: box.x + tx + mm.x * s, y: box.y + ty + mm.y * s };
}

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, steps = 12): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + (to.x - from.x) * 0.1, from.y + (to.y - from.y) * 0.1, { steps: 2 });
  await page.mouse.move(to.x, to.y, { steps });
  await page.mouse.up();
}

/** Pixel variance of a PNG screenshot of an element, computed in the page from a canvas. */
async function pixelVariance(page: Page, target: Locator): Promise<number> {
  const png = await target.screenshot();
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    let sum = 0;
    let sum2 = 0;
    let n = 0;
    for (let i = 0; i < data.length; i += 16) {
      const v = 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
      sum += v;
      sum2 += v * v;
      n++;
    }
    const mean = sum / n;
    return sum2 / n - mean * mean;
  }, png.toString('base64'));
}

test('the plan editor draws a room, lays a row, drags, undoes, selects by marquee and deletes', async ({ page }) => {
  const dir = tempDir();
  server = await startServer(projectWithRoom(dir), dir);
  fs.mkdirSync(SHOTS, { recursive: true });
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(String(err.stack ?? err)));
  page.on('console', (msg) => { if (msg.type() === 'error') pageErrors.push(msg.text()); });
  await page.goto(`${server.url}#/rooms/room:start/plan`);
  const plan = page.getByTestId('plan');
  await expect(plan).toBeVisible();
  await expect(page.getByTestId('plan-empty')).toContainText('Draw a row with W, or place a rack with K');

  // Room tool (Shift+R): drag a 15 m × 10.8 m rectangle; the new room opens.
  await plan.focus();
  await page.keyboard.press('Shift+R');
  await expect(page.getByTestId('plan-tool-room')).toHaveAttribute('aria-pressed', 'true');
  await drag(page, await screenOf(page, { x: 0, y: 0 }), await screenOf(page, { x: 12000, y: 9000 }));
  await expect(page).not.toHaveURL(/room:start/);
  await expect(page.getByTestId('plan-caption')).toContainText(/Room 1/);
  await expect(page.getByTestId('plan-caption')).toContainText(/12\s?m × 9\s?m/);
  const newRoomId = await plan.getAttribute('data-room-id');
  expect(newRoomId).not.toBe('room:start');

  // Row tool (W): a line from (1.2 m, 3 m) to (7.2 m, 3 m) fits ten 600 mm racks.
  await page.keyboard.press('w');
  await expect(page.getByTestId('plan-tool-row')).toHaveAttribute('aria-pressed', 'true');
  await drag(page, await screenOf(page, { x: 1200, y: 3000 }), await screenOf(page, { x: 7200, y: 3000 }));
  const popover = page.getByTestId('row-popover');
  await expect(popover).toBeVisible();
  await expect(popover.getByTestId('row-count')).toHaveValue('10');
  await expect(popover.getByTestId('row-name')).toHaveValue('A');
  // Build it from the catalog's 48U rack type: the type is copied into the project with the row.
  await popover.getByTestId('row-rack-type').selectOption('rt:generic/48u-600x1200');
  await page.screenshot({ path: path.join(SHOTS, 'plan-row-popover.png') });
  await popover.getByTestId('row-create').click();
  await expect(popover).toBeHidden();
  const names = Array.from({ length: 10 }, (_, i) => `A${String(i + 1).padStart(2, '0')}`);
  for (const name of names) await expect(page.locator(`[data-testid=plan-rack][data-name=${name}]`)).toBeVisible();
  const tree = page.getByTestId('site-tree');
  await expect(tree.locator('[data-testid=tree-row]')).toContainText('Row A');
  for (const name of names) await expect(tree.locator('[data-testid=tree-rack]', { hasText: new RegExp(`^${name}`) })).toHaveCount(1);
  await expect(page.getByTestId('props-row')).toBeVisible();
  await page.keyboard.press('v');
  await page.locator('[data-testid=plan-rack][data-name=A01]').click();
  await expect(page.getByTestId('props-rack')).toContainText('48 U');

  // Drag A01 down two tiles: one layout.move; one undo puts it back.
  await page.keyboard.press('v');
  const a01 = page.locator('[data-testid=plan-rack][data-name=A01]');
  const before = await a01.boundingBox();
  const start = await screenOf(page, { x: 1500, y: 3000 });
  await drag(page, start, { x: start.x, y: start.y + (await screenOf(page, { x: 0, y: 1200 })).y - (await screenOf(page, { x: 0, y: 0 })).y });
  await expect.poll(async () => (await a01.boundingBox())!.y).toBeGreaterThan(before!.y + 10);
  await expect(page.getByTestId('undo')).toHaveAttribute('aria-label', /Undo Move A01/);
  await page.screenshot({ path: path.join(SHOTS, 'plan-after-drag.png') });
  await page.getByTestId('undo').click();
  await expect.poll(async () => Math.round((await a01.boundingBox())!.y)).toBe(Math.round(before!.y));
  await expect(page.getByTestId('undo')).toHaveAttribute('aria-label', /Undo Add row/);
  await page.getByTestId('redo').click();
  await expect.poll(async () => (await a01.boundingBox())!.y).toBeGreaterThan(before!.y + 10);
  await page.getByTestId('undo').click();
  await expect.poll(async () => Math.round((await a01.boundingBox())!.y)).toBe(Math.round(before!.y));

  // Marquee (left to right: a window) round A03…A05, then Delete: one step for the three.
  await plan.focus();
  await drag(page, await screenOf(page, { x: 2350, y: 2200 }), await screenOf(page, { x: 4250, y: 3800 }));
  await expect(page.getByTestId('props-multiple'), pageErrors.join('\n')).toContainText('3');
  await page.keyboard.press('Delete');
  for (const name of ['A03', 'A04', 'A05']) await expect(page.locator(`[data-testid=plan-rack][data-name=${name}]`)).toHaveCount(0);
  await expect(page.locator('[data-testid=plan-rack]')).toHaveCount(7);
  await page.keyboard.press('Control+z');
  await expect(page.locator('[data-testid=plan-rack]')).toHaveCount(10);

  // The plan is drawn: its picture is far from a flat colour.
  await page.mouse.move(10, 10);
  const variance = await pixelVariance(page, plan);
  expect(variance).toBeGreaterThan(150);
  await page.screenshot({ path: path.join(SHOTS, 'plan-editor.png') });

  // Room tool, polygon: an L-shaped room from five clicks and Enter.
  await plan.focus();
  await page.keyboard.press('Shift+R');
  await page.getByTestId('plan-room-polygon').click();
  for (const p of [{ x: 0, y: 0 }, { x: 6000, y: 0 }, { x: 6000, y: 3000 }, { x: 3000, y: 3000 }, { x: 3000, y: 6000 }, { x: 0, y: 6000 }]) {
    const at = await screenOf(page, p);
    await page.mouse.click(at.x, at.y);
  }
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('plan-caption')).toContainText(/Room 2/);
  await expect(page.getByTestId('plan-caption')).toContainText(/6\s?m × 6\s?m/);
  await expect(page.getByTestId('props-room')).toContainText('6 corners');
  await page.screenshot({ path: path.join(SHOTS, 'plan-polygon-room.png') });
  expect(pageErrors).toEqual([]);
});

test('shortcuts show in tooltips and the palette, and R turns a selection in one step', async ({ page }) => {
  const dir = tempDir();
  const file = path.join(dir, 'demo.plenum');
  plenumCli(['new', file, '--demo']);
  server = await startServer(file, dir);
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.goto(`${server.url}#/rooms/room:hall-1/plan`);
  await expect(page.getByTestId('plan')).toBeVisible();

  await page.getByTestId('plan-tool-row').hover();
  await expect(page.getByRole('tooltip')).toContainText('Row of racks');
  await expect(page.getByRole('tooltip')).toContainText('W');

  const b03 = page.locator('[data-testid=plan-rack][data-name=B03]');
  await b03.click();
  await expect(page.getByTestId('props-rack')).toBeVisible();
  const rotation = page.getByTestId('prop-rotationDeg-input');
  const before = await rotation.inputValue();
  await page.getByTestId('plan').focus();
  await page.keyboard.press('r');
  await expect(rotation).not.toHaveValue(before);
  await expect(page.getByTestId('undo')).toHaveAttribute('aria-label', /Undo Move B03/);

  // Snap mode cycles with S and shows in the status bar.
  await expect(page.getByTestId('status-snap')).toHaveAttribute('data-snap', 'tile');
  await page.keyboard.press('s');
  await expect(page.getByTestId('status-snap')).toHaveAttribute('data-snap', 'fine');
  await expect(page.getByTestId('status-snap')).toContainText('100');

  await page.getByTestId('palette-button').click();
  await page.getByTestId('palette-input').fill('align left');
  await expect(page.getByTestId('palette')).toBeVisible();
  await page.keyboard.press('Escape');

  await page.screenshot({ path: path.join(SHOTS, 'plan-demo.png') });

  // A crossing marquee (right to left) over row C selects its racks; align buttons appear.
  await page.getByTestId('plan').focus();
  const c06 = (await page.locator('[data-testid=plan-rack][data-name=C06]').boundingBox())!;
  const c01 = (await page.locator('[data-testid=plan-rack][data-name=C01]').boundingBox())!;
  // Start below the row, clear of its name badge at the end.
  await page.mouse.move(c06.x + c06.width + 8, c06.y + c06.height + 20);
  await page.mouse.down();
  await page.mouse.move(c01.x + c01.width / 2, c01.y + c01.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByTestId('props-multiple')).toContainText('6');
  await expect(page.getByTestId('props-plan.alignLeft')).toBeEnabled();

  // Ctrl+D duplicates the selection one tile to the right with the next free names, in one step.
  await page.locator('[data-testid=plan-rack][data-name=C06]').click();
  await page.keyboard.press('Control+d');
  await expect(page.locator('[data-testid=plan-rack][data-name=C07]')).toBeVisible();
  await expect(page.getByTestId('undo')).toHaveAttribute('aria-label', /Undo Paste/);
  await page.keyboard.press('Control+z');
  await expect(page.locator('[data-testid=plan-rack][data-name=C07]')).toHaveCount(0);

  // Dark theme and French, for review.
  await page.getByTestId('open-preferences').click();
  await page.getByTestId('pref-theme').getByRole('radio').nth(2).click();
  await page.getByTestId('pref-language').getByText('Français').click();
  await page.getByTestId('preferences-done').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByTestId('plan-tool-row')).toHaveAttribute('aria-label', 'Rangée de baies');
  await page.mouse.move(700, 650);
  await page.screenshot({ path: path.join(SHOTS, 'plan-demo-dark-fr.png') });
});

// ---------------------------------------------------------------- 2,000 racks

/** 40 rows of 50 racks (600 × 1200 mm), rows 3.6 m apart, in a 34 m × 150 m hall. */
function bigHall(dir: string): string {
  const file = path.join(dir, 'big.plenum');
  plenumCli(['new', file, '--name', 'Big hall']);
  const racks = [];
  for (let row = 0; row < 40; row++) {
    for (let i = 0; i < 50; i++) {
      racks.push({
        id: `rack:r${row}-${i}`, name: `R${String(row).padStart(2, '0')}-${String(i + 1).padStart(2, '0')}`, roomId: 'room:big',
        xMm: 1200 + 300 + i * 600, yMm: 1800 + row * 3600, rotationDeg: row % 2 ? 180 : 0, uHeight: 42, widthMm: 600, depthMm: 1200, maxKw: 8, maxKg: 1200,
      });
    }
  }
  const doc = path.join(dir, 'big.json');
  fs.writeFileSync(doc, JSON.stringify({ format: 'plenum/1', rooms: [{ id: 'room:big', name: 'Big hall', widthMm: 33000, depthMm: 146400 }], racks }));
  plenumCli(['import', file, doc]);
  return file;
}

test('a 2,000-rack room opens, zooms and drags without per-rack work on each frame', async ({ page }) => {
  // Importing and drawing 2,000 racks takes a while on a busy machine; the assertions are not about time.
  test.setTimeout(240_000);
  const dir = tempDir();
  server = await startServer(bigHall(dir), dir);
  await page.goto(`${server.url}#/rooms/room:big/plan`);
  await expect(page.locator('[data-testid=plan-rack]')).toHaveCount(2000, { timeout: 90_000 });

  // Zoom in on the first row so racks are big enough to grab.
  const canvas = page.getByTestId('plan-canvas');
  const box = (await canvas.boundingBox())!;
  const rack = page.locator('[data-testid=plan-rack][data-name="R00-05"]');
  for (let i = 0; i < 6; i++) {
    const r = (await rack.boundingBox())!;
    await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
    await page.mouse.wheel(0, -400);
  }
  const r = (await rack.boundingBox())!;
  expect(r.width).toBeGreaterThan(20);

  // Drag it: after the drag starts, no rack element of the drawing changes until pointer-up (the
  // transient layer moves by its transform), then ONE layout.move lands.
  const from = { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 10, from.y + 10, { steps: 2 });
  await expect(page.getByTestId('plan-preview').locator('polygon')).toHaveCount(1, { timeout: 30_000 });
  await page.evaluate(() => {
    const racks = document.querySelector('[data-testid=plan-world] .plan-racks')!;
    const w = window as unknown as { __mutations: number; __observer: MutationObserver };
    w.__mutations = 0;
    w.__observer = new MutationObserver((list) => { w.__mutations += list.length; });
    w.__observer.observe(racks, { subtree: true, attributes: true, childList: true, characterData: true });
  });
  const started = Date.now();
  const steps = 20;
  for (let i = 1; i <= steps; i++) await page.mouse.move(from.x + 10 + i * 3, from.y + 10 + i * 2);
  const perMove = (Date.now() - started) / steps;
  const mutations = await page.evaluate(() => (window as unknown as { __mutations: number }).__mutations);
  const transform = await page.getByTestId('plan-preview').getAttribute('transform');
  await page.mouse.up();
  // Time per move is logged, not asserted: on a shared CI machine it measures the machine.
  console.log(`2,000 racks: ${perMove.toFixed(1)} ms per drag move, ${mutations} rack mutations`);
  expect(mutations).toBe(0);
  expect(transform).toMatch(/translate\(/);
  await expect(page.getByTestId('undo')).toHaveAttribute('aria-label', /Undo Move R00-05/, { timeout: 30_000 });
  expect(box.width).toBeGreaterThan(0);
});
