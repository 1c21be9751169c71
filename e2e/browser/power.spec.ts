/**
 * Power & capacity, end to end against the real `plenum serve`: the demo project (a 2N chain made
 * by the CLI) opens on its hall's Capacity tab; the UPS group shows its designed and achieved
 * redundancy and UPS-A its load, both as `plenum capacity --json` computes them; "what if UPS-A
 * fails" lists the rack that goes dark (C06 has no feed B) and the racks that lose a feed, and Esc
 * ends it; a rack feed's breaker is edited in the properties panel, undone and redone.
 * Screenshots (light, dark, French) go to test-results/screens/ for review.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { CapacityReport } from '../../core/capacity/report';
import { formatPowerW } from '../../renderer/src/units';
import type { PlenumServer } from './server';
import { plenumCli, ROOT, setPrefs, startServer, tempDir } from './server';

const SHOTS = path.join(ROOT, 'test-results', 'screens');

let server: PlenumServer | null = null;

test.afterEach(async () => {
  await server?.stop();
  server = null;
});

test('the capacity view shows the chain, the UPS verdict and loads, runs what-if, and edits a feed with undo and redo', async ({ page }) => {
  const dir = tempDir();
  const file = path.join(dir, 'demo.plenum');
  plenumCli(['new', file, '--demo']);
  const expected = JSON.parse(plenumCli(['capacity', file, '--json'])) as CapacityReport;
  const upsA = expected.elements.find((e) => e.name === 'UPS-A')!;
  const group = expected.upsGroups.find((g) => g.elementIds.includes(upsA.id))!;
  server = await startServer(file, dir);
  await page.setViewportSize({ width: 1600, height: 1000 });

  await page.goto(`${server.url}#/rooms/room:hall-1/plan`);
  await expect(page.getByTestId('plan')).toBeVisible();
  await page.getByTestId('view-tab-capacity').click();
  await expect(page).toHaveURL(/#\/rooms\/room:hall-1\/capacity$/);
  const view = page.getByTestId('capacity-view');
  await expect(view).toBeVisible();
  await expect(page.getByTestId('view-tab-capacity')).toHaveAttribute('aria-selected', 'true');

  // The UPS group: designed as the project says, achieved as the engine computes.
  const card = view.locator(`[data-testid=ups-group][data-group="${group.group}"]`);
  await expect(card.getByTestId('ups-designed')).toHaveAttribute('data-verdict', group.designed);
  await expect(card.getByTestId('ups-achieved')).toHaveAttribute('data-verdict', group.achieved);
  await expect(card.getByTestId('ups-achieved')).toContainText(group.achieved);

  // UPS-A's loads, formatted as the UI formats watts in English.
  const row = view.locator('[data-testid=chain-row][data-element="UPS-A"]');
  await expect(row.getByTestId('chain-normal')).toHaveText(formatPowerW(upsA.normalW, 'en'));
  await expect(row.getByTestId('chain-worst')).toContainText(formatPowerW(upsA.worstW, 'en'));
  await expect(row.getByTestId('chain-worst')).toContainText('if UPS-B fails');
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, 'power-light.png') });

  // What if UPS-A fails: C06 (no feed B) and the network room's racks (fed on A only) go dark, as
  // many as the engine counts for UPS-A's failure; the hall's racks lose feed A; nothing overloads.
  await row.getByTestId('chain-whatif').click();
  const result = view.getByTestId('whatif-result');
  await expect(result).toBeVisible();
  await expect(result).toContainText('What if UPS-A fails');
  await expect(result.getByTestId('whatif-down')).toContainText('C06');
  expect(upsA.racksDownOnFailure).toBeGreaterThan(0);
  await expect(result).toHaveAttribute('data-down', String(upsA.racksDownOnFailure));
  await expect(result).toContainText(`${upsA.racksDownOnFailure} racks go dark`);
  expect(Number(await result.getAttribute('data-degraded'))).toBeGreaterThan(10);
  await expect(result.getByTestId('whatif-degraded')).toContainText('A01');
  await expect(result).toHaveAttribute('data-overloads', '0');
  await expect(result).toContainText('0 overloads');
  await expect(result).not.toHaveAttribute('data-devices', '0');
  await expect(row).toHaveClass(/is-failed/);
  await page.screenshot({ path: path.join(SHOTS, 'power-whatif.png') });
  await page.keyboard.press('Escape');
  await expect(result).toHaveCount(0);

  // The same from the keyboard: pick UPS-B in the tree, its inspector opens, Shift+F fails it.
  await view.locator('[data-testid=chain-row][data-element="UPS-B"]').click();
  const inspector = page.getByTestId('props-power-element');
  await expect(inspector).toBeVisible();
  await expect(inspector.getByTestId('pe-name-input')).toHaveValue('UPS-B');
  await page.screenshot({ path: path.join(SHOTS, 'power-inspector.png') });
  await page.keyboard.press('Shift+F');
  await expect(view.getByTestId('whatif-result')).toContainText('What if UPS-B fails');
  await expect(view.getByTestId('whatif-result')).toHaveAttribute('data-down', '0');
  await expect(view.getByTestId('whatif-down')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(view.getByTestId('whatif-result')).toHaveCount(0);

  // A cooler: the hall is N+1, so losing its largest CRAH leaves the zone covered.
  await view.getByTestId('zone-whatif').first().click();
  await expect(view.getByTestId('whatif-result')).toHaveAttribute('data-short-zones', '0');
  await expect(view.getByTestId('whatif-zones')).toContainText('Data Hall 1');
  await expect(view.getByTestId('whatif-nothing')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(view.getByTestId('whatif-result')).toHaveCount(0);

  // A rack's feed A: 16 A → 12 A (below the rack PDU's 16 A inlet, so the capacity drops), then undo and redo; the computed capacity follows.
  await view.locator('[data-testid=rack-row][data-rack=A01]').getByRole('button', { name: 'A01' }).click();
  const feedA = page.getByTestId('rack-feeds').getByTestId('feed-A');
  await expect(feedA).toBeVisible();
  const breaker = feedA.getByTestId('feed-A-breakerA-input');
  await expect(breaker).toHaveValue(/^16\sA$/);
  const before = await feedA.getByTestId('feed-A-capacity').textContent();
  await breaker.fill('12');
  await breaker.press('Enter');
  await expect(breaker).toHaveValue(/^12\sA$/);
  await expect(feedA.getByTestId('feed-A-capacity')).not.toHaveText(before!);
  await page.screenshot({ path: path.join(SHOTS, 'power-feeds.png') });
  await page.getByTestId('undo').click();
  await expect(breaker).toHaveValue(/^16\sA$/);
  await expect(feedA.getByTestId('feed-A-capacity')).toHaveText(before!);
  await page.getByTestId('redo').click();
  await expect(breaker).toHaveValue(/^12\sA$/);

  // Find space for 4 dual-corded servers fed A+B in this hall; "Place all" is one command, one undo.
  const counts = page.getByTestId('status-counts');
  const devicesBefore = await counts.textContent();
  await view.getByTestId('open-placement').click();
  const dialog = page.getByTestId('placement-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('placement-scope')).toHaveValue('room:hall-1');
  const dualType = await dialog.getByTestId('placement-type').locator('option', { hasText: 'A+B' }).first().getAttribute('value');
  await dialog.getByTestId('placement-type').selectOption(dualType!);
  await dialog.getByTestId('placement-quantity').fill('4');
  await expect(dialog.getByTestId('placement-summary')).toHaveAttribute('data-placed', '4');
  await expect(dialog.getByTestId('placement-racks').getByTestId('placement-rack').first()).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, 'power-placement.png') });
  await dialog.getByTestId('placement-submit').click();
  await expect(dialog).toHaveCount(0);
  await expect(counts).not.toHaveText(devicesBefore!);
  await expect(counts).toContainText(`${Number(/(\d+) devices/.exec(devicesBefore!)![1]) + 4} devices`);
  await page.getByTestId('undo').click();
  await expect(counts).toHaveText(devicesBefore!);

  // Connect feed B of C05 and C06 (C06 has none) from RPP-CB in one step, from a plan selection.
  await page.getByTestId('view-tab-plan').click();
  await page.locator('[data-testid=plan-rack][data-name=C06]').click();
  await page.locator('[data-testid=plan-rack][data-name=C05]').click({ modifiers: ['Shift'] });
  await page.getByTestId('view-tab-capacity').click();
  const c06 = view.locator('[data-testid=rack-row][data-rack=C06]');
  await expect(c06).toContainText('no feed');
  const connect = page.getByTestId('connect-feeds');
  await expect(connect).toContainText('Connect feeds of 2 racks');
  await connect.getByTestId('connect-side').selectOption('B');
  await connect.getByTestId('connect-source').selectOption({ label: 'RPP-CB' });
  await connect.getByTestId('connect-breaker').fill('16');
  await connect.getByTestId('connect-voltage').fill('400');
  await connect.getByTestId('connect-phases').selectOption('3');
  await page.screenshot({ path: path.join(SHOTS, 'power-connect.png') });
  await connect.getByTestId('connect-submit').click();
  await expect(c06).not.toContainText('no feed');
  await page.getByTestId('undo').click();
  await expect(c06).toContainText('no feed');
  await page.getByTestId('redo').click();
  await expect(c06).not.toContainText('no feed');

  // Dark and French, for review.
  await setPrefs(page, 'dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await view.locator('[data-testid=chain-row][data-element="UPS-A"]').getByTestId('chain-whatif').click();
  await page.screenshot({ path: path.join(SHOTS, 'power-dark.png') });
  await page.keyboard.press('Escape');
  await setPrefs(page, 'light', 'Français');
  await expect(page.getByTestId('view-tab-capacity')).toContainText('Capacités');
  await page.screenshot({ path: path.join(SHOTS, 'power-fr.png') });
});

test('a project without a power chain explains it and adds a UPS from the empty state', async ({ page }) => {
  const dir = tempDir();
  const file = path.join(dir, 'empty.plenum');
  plenumCli(['new', file, '--name', 'No chain']);
  server = await startServer(file, dir);
  await page.goto(`${server.url}#/capacity`);
  const view = page.getByTestId('capacity-view');
  await expect(view).toHaveAttribute('data-scope', 'site');
  await expect(view.getByTestId('chain-empty')).toBeVisible();
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, 'power-empty.png') });
  await view.getByTestId('empty-add-ups').click();
  await expect(view.getByTestId('chain-tree')).toBeVisible();
  await expect(view.locator('[data-testid=chain-row]')).toHaveCount(1);
  // The new UPS is picked: its inspector shows the defaults, and a rename is one command.
  const inspector = page.getByTestId('props-power-element');
  await expect(inspector.getByTestId('pe-name-input')).toHaveValue('UPS-1');
  await inspector.getByTestId('pe-name-input').fill('UPS-X');
  await inspector.getByTestId('pe-name-input').press('Enter');
  await expect(view.locator('[data-testid=chain-row][data-element="UPS-X"]')).toBeVisible();
  await page.getByTestId('undo').click();
  await expect(view.locator('[data-testid=chain-row][data-element="UPS-1"]')).toBeVisible();
});
