/**
 * Plenum in the browser, end to end: the real `plenum serve` (child process, real .plenum files in
 * a temporary folder) driven in Chromium. Each test gets its own server, project and user data.
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

/** A project file with one 12 m × 9 m room, made with the CLI (`new` then `import`). */
function projectWithRoom(dir: string, name = 'E2E site'): string {
  const file = path.join(dir, 'e2e.plenum');
  plenumCli(['new', file, '--name', name]);
  const doc = path.join(dir, 'room.json');
  fs.writeFileSync(doc, JSON.stringify({ format: 'plenum/1', rooms: [{ id: 'room:hall-a', name: 'Hall A', widthMm: 12000, depthMm: 9000 }] }));
  plenumCli(['import', file, doc]);
  return file;
}

async function runFromPalette(page: Page, query: string): Promise<void> {
  await page.getByTestId('palette-button').click();
  await page.getByTestId('palette-input').fill(query);
  await page.getByTestId('palette-input').press('Enter');
}

function plenumUrl(base: string, hash: string): string {
  return `${base}${hash}`;
}

test('a project created in the New project dialog keeps its new room and rack after a reload', async ({ page, browser }) => {
  const dir = tempDir();
  const served = path.join(dir, 'served.plenum');
  plenumCli(['new', served, '--name', 'Served project']);
  server = await startServer(served, dir);

  await page.goto(server.url);
  await expect(page.getByTestId('project-name')).toHaveText('Served project');
  // The token leaves the address bar as soon as the page has it.
  expect(page.url()).not.toContain('token=');

  await runFromPalette(page, 'new project');
  const dialog = page.getByTestId('new-project-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('new-project-name').fill('E2E site');
  const created = path.join(dir, 'created.plenum');
  await dialog.getByTestId('new-project-path').fill(created);
  await dialog.getByTestId('new-project-create').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('project-name')).toHaveText('E2E site');
  await expect(page.getByTestId('overview-empty')).toBeVisible();
  expect(fs.existsSync(created)).toBe(true);

  // Add a room: the dialog proposes 12 m × 9 m.
  await page.getByTestId('overview-add-room').click();
  const roomDialog = page.getByTestId('add-room-dialog');
  await expect(roomDialog.getByTestId('add-room-width')).toHaveValue(/^12\s?m$/);
  await expect(roomDialog.getByTestId('add-room-depth')).toHaveValue(/^9\s?m$/);
  await roomDialog.getByTestId('add-room-name').fill('Hall A');
  await roomDialog.getByTestId('add-room-name').press('Enter');
  await expect(roomDialog).toBeHidden();
  await expect(page.getByTestId('plan')).toBeVisible();
  await expect(page).toHaveURL(/#\/rooms\/[^/]+\/plan$/);
  await expect(page.getByTestId('tree-room')).toHaveText(/Hall A/);

  // Add a rack from the empty plan.
  await page.getByTestId('plan-empty').getByRole('button').click();
  const rackDialog = page.getByTestId('add-rack-dialog');
  await rackDialog.getByTestId('add-rack-name').fill('A01');
  await rackDialog.getByTestId('add-rack-submit').click();
  await expect(rackDialog).toBeHidden();
  await expect(page.locator('[data-testid=plan-rack][data-name=A01]')).toBeVisible();
  await expect(page.getByTestId('props-rack')).toBeVisible();

  // Everything is already in the file: a reload (which no longer has the token in its URL) shows it again.
  await page.reload();
  await expect(page.getByTestId('project-name')).toHaveText('E2E site');
  await expect(page.getByTestId('tree-room')).toHaveText(/Hall A/);
  await expect(page.locator('[data-testid=plan-rack][data-name=A01]')).toBeVisible();
  await expect(page.getByTestId('status-counts')).toHaveText(/1 room · 1 rack · 0 devices/);

  // Another browser without the token gets an explanation, not a broken window.
  const stranger = await browser.newPage();
  await stranger.goto(new URL('/', server.url).href);
  await expect(stranger.getByTestId('fatal')).toContainText('plenum serve');
  await stranger.close();
});

test('undo and redo, with the buttons and with the keyboard, take a new rack away and bring it back', async ({ page }) => {
  const dir = tempDir();
  server = await startServer(projectWithRoom(dir), dir);
  await page.goto(plenumUrl(server.url, '#/rooms/room:hall-a/plan'));
  await expect(page.getByTestId('plan')).toBeVisible();
  await expect(page.getByTestId('undo')).toBeEnabled();

  await runFromPalette(page, 'add rack');
  await page.getByTestId('add-rack-dialog').getByTestId('add-rack-u').press('Enter');
  const rack = page.locator('[data-testid=plan-rack][data-name=R01]');
  await expect(rack).toBeVisible();

  const undo = page.getByTestId('undo');
  const redo = page.getByTestId('redo');
  await expect(undo).toHaveAttribute('aria-label', 'Undo Add rack R01');
  await undo.hover();
  await expect(page.getByRole('tooltip')).toContainText('Undo Add rack R01');

  await undo.click();
  await expect(rack).toHaveCount(0);
  await expect(redo).toHaveAttribute('aria-label', 'Redo Add rack R01');
  await redo.click();
  await expect(rack).toBeVisible();

  // Keyboard: Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y, with the focus on the page, not in a field.
  await page.getByTestId('site-tree').locator('[role=treeitem]').first().focus();
  await page.keyboard.press('Control+z');
  await expect(rack).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(rack).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(rack).toHaveCount(0);
  await page.keyboard.press('Control+y');
  await expect(rack).toBeVisible();

  // Ctrl+Z inside a text field is the field's own undo, not the project's.
  await rack.click();
  const nameInput = page.getByTestId('prop-name-input');
  await nameInput.focus();
  await page.keyboard.press('Control+z');
  await expect(rack).toBeVisible();

  // Delete removes the selected rack; undo brings it back.
  await rack.click();
  await page.keyboard.press('Delete');
  await expect(rack).toHaveCount(0);
  await expect(undo).toHaveAttribute('aria-label', 'Undo Delete rack R01');
  await undo.click();
  await expect(rack).toBeVisible();
});

test('a value the project refuses stays in its field with the reason next to it', async ({ page }) => {
  const dir = tempDir();
  server = await startServer(projectWithRoom(dir), dir);
  await page.goto(plenumUrl(server.url, '#/rooms/room:hall-a/plan'));
  await runFromPalette(page, 'add rack');
  await page.getByTestId('add-rack-submit').click();
  await page.locator('[data-testid=plan-rack][data-name=R01]').click();

  const height = page.getByTestId('prop-uHeight-input');
  await height.fill('0');
  await height.press('Enter');
  await expect(page.getByTestId('prop-uHeight-error')).toContainText('uHeight');
  await expect(height).toHaveValue('0');
  await height.press('Escape');
  await expect(page.getByTestId('prop-uHeight-error')).toHaveCount(0);
  await expect(height).toHaveValue(/^42\s?U$/);

  // Display units in, millimetres stored: 80 cm typed becomes 800 mm.
  const width = page.getByTestId('prop-widthMm-input');
  await width.fill('80 cm');
  await width.press('Enter');
  await expect(width).toHaveValue(/^800\s?mm$/);
});

test('switching to French shows French labels and the top bar still fits', async ({ page }) => {
  const dir = tempDir();
  server = await startServer(projectWithRoom(dir), dir);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(plenumUrl(server.url, '#/rooms/room:hall-a/plan'));
  await expect(page.getByTestId('workspace-design')).toHaveText('Design');

  await page.getByTestId('open-preferences').click();
  await page.getByTestId('pref-language').getByText('Français').click();
  await expect(page.getByTestId('preferences-dialog')).toContainText('Langue');
  await page.getByTestId('preferences-done').click();

  await expect(page.getByTestId('workspace-design')).toHaveText('Conception');
  await expect(page.getByTestId('save-state')).toHaveText('Enregistré');
  await expect(page.getByTestId('properties')).toContainText('Propriétés');
  await expect(page.getByTestId('palette-button')).toContainText('Rechercher');
  await expect(page.getByTestId('status-counts')).toHaveText('1 salle · 0 baie · 0 équipement');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

  // Nothing in the top bar overflows or is pushed out of the window, on a laptop screen and a small one.
  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 800 });
    const overflow = await page.getByTestId('topbar').evaluate((bar) => {
      const box = bar.getBoundingClientRect();
      const outside = Array.from(bar.querySelectorAll<HTMLElement>('*'))
        .filter((el) => el.getClientRects().length > 0)
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return r.right > box.right + 0.5 || r.left < box.left - 0.5;
        })
        .map((el) => el.className || el.tagName);
      return { scroll: bar.scrollWidth - bar.clientWidth, outside };
    });
    expect(overflow, `top bar at ${width} px`).toEqual({ scroll: 0, outside: [] });
  }

  // The choice is saved by main: a reload comes back in French.
  await page.reload();
  await expect(page.getByTestId('workspace-design')).toHaveText('Conception');
});

test('opening a file that is not a Plenum project explains why in a dialog', async ({ page }) => {
  const dir = tempDir();
  server = await startServer(projectWithRoom(dir), dir);
  fs.writeFileSync(path.join(dir, 'notes.plenum'), 'These are not the racks you are looking for.\n'.repeat(10));
  await page.goto(server.url);
  await expect(page.getByTestId('main-window')).toBeVisible();

  await runFromPalette(page, 'open');
  const files = page.getByTestId('file-dialog');
  await expect(files).toBeVisible();
  await files.getByTestId('file-dialog-path').fill(dir);
  await files.getByTestId('file-dialog-path').press('Enter');
  await files.locator('[data-testid=file-entry][data-name="notes.plenum"]').dblclick();

  const refusal = page.getByTestId('open-error-dialog');
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText('Not a Plenum project');
  await expect(refusal.getByTestId('open-error-message')).toContainText('notes.plenum');
  await page.keyboard.press('Escape');
  await expect(refusal).toBeHidden();
  // The project that was open stays open.
  await expect(page.getByTestId('project-name')).toHaveText('E2E site');
});

test('a device placed through the Add device dialog lands in the lowest free slot, and deleting its room asks first', async ({ page }) => {
  const dir = tempDir();
  const file = path.join(dir, 'demo.plenum');
  plenumCli(['new', file, '--demo']);
  server = await startServer(file, dir);
  await page.goto(plenumUrl(server.url, '#/rooms/room:net/plan'));
  await page.locator('[data-testid=plan-rack][data-name=N02]').click();
  await page.getByTestId('props-add-device').click();

  const dialog = page.getByTestId('add-device-dialog');
  await dialog.getByTestId('add-device-search').fill('R630');
  await expect(dialog.getByTestId('device-type')).toHaveCount(1);
  await dialog.getByTestId('device-type').click();
  const position = dialog.getByTestId('add-device-position');
  await expect(position).not.toHaveValue('');
  const proposed = await position.inputValue();
  await dialog.getByTestId('add-device-name').fill('N02-new-server');
  await dialog.getByTestId('add-device-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('props-device')).toBeVisible();
  await expect(page.getByTestId('prop-position-input')).toHaveValue(`U${proposed}`);
  await expect(page.locator('[data-testid=tree-device]', { hasText: 'N02-new-server' })).toBeVisible();

  // Deleting a room with racks asks first; cancelling keeps it, confirming removes it, undo restores it.
  await page.getByTestId('tree-room').filter({ hasText: 'Network Room' }).click();
  await page.keyboard.press('Delete');
  const confirm = page.getByTestId('confirm-dialog');
  await expect(confirm).toContainText('4 racks');
  await confirm.getByTestId('confirm-cancel').click();
  await expect(page.getByTestId('tree-room')).toHaveCount(2);
  await page.getByTestId('tree-room').filter({ hasText: 'Network Room' }).click();
  await page.keyboard.press('Delete');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tree-room')).toHaveCount(1);
  await expect(page).toHaveURL(/#\/$/);
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('tree-room')).toHaveCount(2);
});

test('Save as in the folder browser continues in the copy, and a backup can be restored', async ({ page }) => {
  const dir = tempDir();
  server = await startServer(projectWithRoom(dir), dir);
  await page.goto(server.url);
  await expect(page.getByTestId('main-window')).toBeVisible();

  await runFromPalette(page, 'save as');
  const files = page.getByTestId('file-dialog');
  await files.getByTestId('file-dialog-path').fill(dir);
  await files.getByTestId('file-dialog-path').press('Enter');
  await expect(files.locator('[data-testid=file-entry][data-name="e2e.plenum"]')).toBeVisible();
  await files.getByTestId('file-dialog-name').fill('copy');
  await files.getByTestId('file-dialog-name').press('Enter');
  await expect(files).toBeHidden();
  await expect(page.getByTestId('status-path')).toContainText(path.join(dir, 'copy.plenum'));

  // Rename the project, then go back to the backup taken when the copy was opened.
  const name = page.getByTestId('prop-project-name-input');
  await name.fill('Renamed site');
  await name.press('Enter');
  await expect(page.getByTestId('project-name')).toHaveText('Renamed site');
  await runFromPalette(page, 'backups');
  const backups = page.getByTestId('backups-dialog');
  await expect(backups.getByTestId('backup-row').first()).toBeVisible();
  await backups.getByTestId('backup-restore').first().click();
  await page.getByTestId('confirm-ok').click();
  await expect(backups).toBeHidden();
  await expect(page.getByTestId('project-name')).toHaveText('E2E site');
});
