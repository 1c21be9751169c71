/**
 * Commission walk mode, end to end against the real `plenum serve` on the demo project.
 *
 * "Rack installation" (L3) requires an L2 on the rack, so the L2 "Equipment delivery" of two racks
 * is prepared through the HTTP API (rack A's completed and signed, as a site would have done
 * earlier; rack B's left open). Everything after that is the UI: publish the built-ins, generate
 * the L3 for the demo's racks (the others are shown gated, with the reasons), gating refuses to
 * start the L3 of rack B, and the L3 of rack A is walked with the KEYBOARD (P / F / N, J / K,
 * Shift+J, typing and Enter): a failed item collects its note, photo and assignee; the issue is
 * resolved by its assignee and verified and closed by its owner (actor switched), with keys
 * (Alt+2, arrows, Enter, Alt+R / Alt+C); the checklist is signed off (S, Enter; the signature is
 * drawn with the pointer, the one gesture a pad needs); the audit log verifies.
 * The gating walk of cx-gating.spec.ts is keyboard only from end to end.
 * Screenshots (light, dark, French) go to /tmp/shots/cx-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { loadTemplate } from '../../core/cx/lint';
import type { ChecklistTemplate, ColumnItem, Item } from '../../core/cx/template';
import type { PlenumServer } from './server';
import { apiOf, plenumCli, ROOT, setPrefs, startServer, tempDir } from './server';

// One retry, reported as "flaky" when it is used: in one clean-clone CI run of two, the browser's
// event stream dropped mid-walk ("Lost the connection… Reconnecting") and did not come back within
// the 10 s poll, so the next answer was never sent. It passed 3 of 3 times when repeated locally;
// the cause (server or browser side) is not found yet.
test.describe.configure({ retries: 1 });

const SHOTS = '/tmp/shots';
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

let server: PlenumServer | null = null;

test.afterEach(async () => {
  await server?.stop();
  server = null;
});

const stamp = (name: string) => ({ name, deviceId: 'e2e-prep', at: new Date().toISOString().replace('Z', '+00:00') });

/** A value that passes the item (or column), for preparing lower levels through the API. */
function passingValue(item: Item | ColumnItem, blob: string): unknown {
  switch (item.type) {
    case 'check': return 'pass';
    case 'numeric': return item.target ?? (item.min !== undefined && item.max !== undefined ? (item.min + item.max) / 2 : item.min ?? item.max ?? 1);
    case 'choice': return (item.options.find((o) => o.status !== 'fail') ?? item.options[0]!).value;
    case 'text': return 'ok';
    case 'datetime': return new Date().toISOString();
    case 'photo':
    case 'file': return Array.from({ length: Math.max(1, item.minCount ?? 1) }, () => blob);
    case 'signature': return { name: 'Prep', signedAt: stamp('Prep').at };
    default: return null;
  }
}

/** Answers every item of a checklist so that it passes, then signs it off (final). */
async function completeAndSign(api: ReturnType<typeof apiOf>, instanceId: string, template: ChecklistTemplate, blob: string): Promise<void> {
  for (const section of template.sections) {
    for (const item of section.items) {
      if (item.type === 'table') {
        for (const row of item.rows ?? [{ id: 'r1', values: {} }]) {
          const cells = Object.fromEntries(item.columns.filter((c) => !Object.hasOwn(row.values ?? {}, c.id)).map((c) => [c.id, passingValue(c, blob)]));
          await api('cmd.cx.answer', { instanceId, itemId: item.id, rowKey: row.id, value: cells, actor: stamp('Prep') });
        }
      } else {
        await api('cmd.cx.answer', { instanceId, itemId: item.id, value: passingValue(item, blob), actor: stamp('Prep') });
      }
    }
  }
  await api('cmd.cx.signoff', { instanceId, scope: 'final', name: 'Prep', role: 'CxA', actor: stamp('Prep') });
}

async function setActor(page: Page, name: string, role: string) {
  const dialog = page.getByTestId('cx-actor-dialog');
  if (!(await dialog.isVisible())) await page.getByTestId('cx-actor').click();
  await dialog.getByTestId('cx-actor-name').fill(name);
  await dialog.getByTestId('cx-actor-role').fill(role);
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('cx-actor')).toContainText(name);
}

test('walk mode: publish, generate, gating, keyboard walk with a failed item, issue workflow, sign-off, audit', async ({ page }) => {
  test.setTimeout(240_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  const dir = tempDir();
  const file = path.join(dir, 'demo.plenum');
  plenumCli(['new', file, '--demo']);
  const png = path.join(dir, 'photo.png');
  fs.writeFileSync(png, Buffer.from(PNG, 'base64'));
  server = await startServer(file, dir);
  const api = apiOf(server.url);
  await page.setViewportSize({ width: 1500, height: 940 });
  await page.goto(server.url);
  await expect(page.getByTestId('topbar')).toBeVisible();
  await setPrefs(page, 'light');

  // The Commission workspace asks once who is walking.
  await page.getByTestId('workspace-commission').click();
  await expect(page.getByTestId('cx-workspace')).toBeVisible();
  await setActor(page, 'Ana', 'CxA');

  // Publish the built-in templates (first use).
  await page.getByTestId('cx-publish-builtins').click();
  await expect(page.getByTestId('cx-publish-builtins')).toBeHidden();

  // The L2 of two racks, through the API (see the header); rack A's complete and signed.
  const snap = await api<{ racks: Record<string, { id: string; name: string; roomId: string }>; cxTemplates: Record<string, { yaml: string }> }>('doc.snapshot', {});
  const racks = Object.values(snap.racks).sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  const [rackA, rackB] = racks as [typeof racks[0], typeof racks[0]];
  const blob = (await api<{ id: string }>('cx.photo.put', { mime: 'image/png', dataBase64: PNG })).id;
  const l2t = (loadTemplate(snap.cxTemplates['l2-equipment-delivery@1']!.yaml, 'l2.yaml') as { ok: true; template: ChecklistTemplate }).template;
  const l2 = await api<{ result: { created: string[] } }>('cmd.cx.generate', { templateId: 'l2-equipment-delivery', rule: { assetKind: 'rack', assetIds: [rackA.id, rackB.id] }, actor: stamp('Prep') });
  expect(l2.result.created).toHaveLength(2);
  const l2Snap = await api<{ cxInstances: Record<string, { id: string; assetId: string }> }>('doc.snapshot', {});
  const l2OfA = l2.result.created.find((id) => l2Snap.cxInstances[id]!.assetId === rackA.id)!;
  await completeAndSign(api, l2OfA, l2t, blob);

  // Generate "Rack installation" (L3) for the demo's racks: the dialog says which are gated and why.
  await page.getByTestId('cx-add-checklists').click();
  const add = page.getByTestId('cx-add-dialog');
  await add.getByTestId('cx-add-template').selectOption('l3-rack-installation@1');
  const preview = add.getByTestId('cx-add-preview');
  await expect(preview).toContainText('1 checklist will be created');
  await expect(preview).toContainText(`${racks.length - 1} assets cannot start this level yet`);
  await expect(preview).toContainText(rackB.name);
  await page.screenshot({ path: `${SHOTS}/cx-add-light.png` });
  await add.getByTestId('cx-add-allow-gated').check();
  await add.getByTestId('cx-add-submit').click();
  await expect(add).toBeHidden();

  // Gating: rack B's L3 cannot start (its L2 is incomplete and unsigned); the panel says why.
  await page.locator(`[data-template="l3-rack-installation"][data-asset="${rackB.id}"]`).click();
  const gate = page.getByTestId('cx-gate');
  await expect(gate).toBeVisible();
  await expect(gate.locator('[data-code=incomplete]')).toBeVisible();
  await expect(gate.locator('[data-code=unsigned]')).toBeVisible();
  await expect(page.getByTestId('cx-item')).toHaveCount(0);
  // P does nothing on a gated checklist: the command would refuse, so the key is not offered.
  const gatedId = await page.getByTestId('cx-checklist').getAttribute('data-instance');
  await page.keyboard.press('p');
  await page.waitForTimeout(300);
  expect(Object.values((await api<{ cxAnswers: Record<string, { instanceId: string }> }>('doc.snapshot', {})).cxAnswers).filter((a) => a.instanceId === gatedId)).toHaveLength(0);

  // Walk rack A's L3 with the keyboard.
  await page.locator(`[data-template="l3-rack-installation"][data-asset="${rackA.id}"]`).click();
  const item = page.getByTestId('cx-item');
  await expect(item).toHaveAttribute('data-item', 'location_matches');
  const walkedId = (await page.getByTestId('cx-checklist').getAttribute('data-instance'))!;
  await page.screenshot({ path: `${SHOTS}/cx-walk-light.png` });

  // F fails the first item; its template requires a note, a photo and raises a major issue.
  await page.keyboard.press('f');
  const fail = page.getByTestId('cx-fail-dialog');
  await expect(fail).toBeVisible();
  await expect(fail.getByTestId('cx-fail-submit')).toBeDisabled();
  await page.keyboard.type('Cabinet 200 mm off its grid position');
  await fail.getByTestId('cx-fail-photo-input').setInputFiles(png);
  await expect(fail.getByTestId('cx-photo')).toBeVisible();
  await fail.getByTestId('cx-fail-assignee').fill('Ben');
  await page.screenshot({ path: `${SHOTS}/cx-fail-light.png` });
  await fail.getByTestId('cx-fail-assignee').press('Enter');
  await expect(fail).toBeHidden();
  await expect(item).toHaveAttribute('data-status', 'fail');
  await expect(page.getByTestId('cx-item-issue')).toBeVisible();
  // J / K step through the items (K is the plan's rack tool in Design: here it walks).
  await page.keyboard.press('j');
  await expect(item).toHaveAttribute('data-item', 'level_plumb');
  await page.keyboard.press('k');
  await expect(item).toHaveAttribute('data-item', 'location_matches');

  // The rest: Shift+J to the next incomplete item, then answer by its type, keys only.
  const l3t = (loadTemplate(fs.readFileSync(path.join(ROOT, 'assets', 'templates', 'l3-rack-installation.yaml'), 'utf8'), 'l3.yaml') as { ok: true; template: ChecklistTemplate }).template;
  const byId = new Map(l3t.sections.flatMap((s) => s.items).map((i) => [i.id, i]));
  for (let guard = 0; guard < 60; guard++) {
    await page.keyboard.press('Shift+J');
    const id = await item.getAttribute('data-item');
    const status = await item.getAttribute('data-status');
    if (status) break; // every required item answered: "next incomplete" stays put
    const it = byId.get(id!)!;
    const before = (await page.getByTestId('cx-progress').textContent()) ?? '';
    switch (it.type) {
      case 'check':
        await page.keyboard.press('p');
        break;
      case 'numeric':
        await page.getByTestId('cx-numeric').focus();
        await page.keyboard.type(String(passingValue(it, '')));
        await expect(page.getByTestId('cx-live')).toHaveClass(/cx-live-pass/);
        await page.keyboard.press('Enter');
        break;
      case 'choice':
        await page.getByTestId(`cx-choice-${String(passingValue(it, ''))}`).focus();
        await page.keyboard.press('Enter');
        break;
      case 'photo':
        await page.getByTestId('cx-item-photo-input').setInputFiles(png);
        break;
      case 'table':
        for (const row of await page.getByTestId('cx-table-row').all()) {
          const fields = await row.locator('[data-col]').all();
          for (const field of fields) {
            const colId = (await field.getAttribute('data-col'))!;
            const column = it.columns.find((c) => c.id === colId)!;
            const v = String(passingValue(column, ''));
            await field.focus();
            if ((await field.evaluate((n) => n.tagName)) === 'SELECT') await field.selectOption(v);
            else await page.keyboard.type(v);
          }
          await row.getByTestId('cx-table-save').focus();
          await page.keyboard.press('Enter');
          await expect(row.locator('.cx-dot')).toBeVisible();
        }
        break;
      default:
        // Text and signature: E puts the caret in the field, type, Enter saves.
        await page.keyboard.press('e');
        await expect(item.locator('.cx-text-input')).toBeFocused();
        await page.keyboard.type('ok');
        await page.keyboard.press('Enter');
    }
    // Wait until the answer is in the file before the next key (the mirror follows the event).
    await expect.poll(async () => Object.keys((await api<{ cxAnswers: Record<string, unknown> }>('doc.snapshot', {})).cxAnswers).some((k) => k.startsWith(`${walkedId}/${id}`))).toBe(true);
    await expect(page.getByTestId('cx-progress')).not.toHaveText(before);
  }
  await expect(page.getByTestId('cx-sign-final')).toBeEnabled();

  // The issue: Ben (assignee) resolves it; Ana (owner) verifies and closes it. Keys: Alt+2 is the
  // issues board with the focus on its first card, Enter opens it, Alt+R resolves, Alt+C closes.
  await setActor(page, 'Ben', 'Installer');
  await page.keyboard.press('Alt+2');
  await expect(page.getByTestId('cx-column-open').getByTestId('cx-issue-card').first()).toBeFocused();
  await page.keyboard.press('Enter');
  const issue = page.getByTestId('cx-issue-dialog');
  await expect(issue.getByTestId('cx-issue-close')).toHaveCount(0); // not offered while open
  await page.keyboard.press('Alt+R');
  await expect(issue.getByTestId('cx-issue-status')).toHaveAttribute('data-status', 'resolved');
  await expect(issue.getByTestId('cx-issue-close')).toBeDisabled();
  await expect(issue).toContainText('Only the owner (Ana) can do this');
  await page.keyboard.press('Escape');
  await setActor(page, 'Ana', 'CxA');
  await page.keyboard.press('Alt+2');
  await expect(page.getByTestId('cx-column-resolved').getByTestId('cx-issue-card').first()).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Alt+C');
  await expect(issue.getByTestId('cx-issue-status')).toHaveAttribute('data-status', 'closed');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('cx-column-closed').getByTestId('cx-issue-card')).toHaveCount(1);
  await page.screenshot({ path: `${SHOTS}/cx-issues-light.png` });

  // Sign off: Alt+1 back to the walk, S opens the final sign-off with the name focused. The
  // signature is drawn first (the pointer is the pad's nature; it leaves the focus on the dialog),
  // then Tab, Tab to the name, type it, and Enter signs; the banner is unmistakable.
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('cx-checklist')).toHaveAttribute('data-instance', walkedId);
  await page.keyboard.press('s');
  const sign = page.getByTestId('cx-signoff-dialog');
  await expect(sign.getByTestId('cx-sign-name')).toBeFocused();
  const pad = await sign.getByTestId('cx-sigpad').boundingBox();
  await page.mouse.move(pad!.x + 30, pad!.y + 60);
  await page.mouse.down();
  for (const [dx, dy] of [[60, -20], [120, 20], [180, -10], [260, 15]] as const) await page.mouse.move(pad!.x + dx, pad!.y + 60 + dy);
  await page.mouse.up();
  for (let i = 0; i < 4 && !(await sign.getByTestId('cx-sign-name').evaluate((n) => n === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(sign.getByTestId('cx-sign-name')).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Ana Costa');
  await page.keyboard.press('Enter');
  await expect(sign).toBeHidden();
  await expect(page.getByTestId('cx-signed-banner').first()).toContainText('Ana Costa');
  await page.screenshot({ path: `${SHOTS}/cx-signed-light.png` });

  // Audit log: the hash chain verifies; the failure is there with its author.
  await page.getByTestId('cx-tab-audit').click();
  await expect(page.getByTestId('cx-chain')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('cx-audit-row').first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/cx-audit-light.png` });

  await page.getByTestId('cx-tab-dashboard').click();
  await expect(page.getByTestId('cx-dashboard')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/cx-dashboard-light.png` });

  await setPrefs(page, 'dark');
  await page.getByTestId('cx-tab-walk').click();
  await page.screenshot({ path: `${SHOTS}/cx-walk-dark.png` });
  await page.getByTestId('cx-tab-dashboard').click();
  await page.screenshot({ path: `${SHOTS}/cx-dashboard-dark.png` });

  await setPrefs(page, 'light', 'Français');
  await page.getByTestId('cx-tab-walk').click();
  await page.locator(`[data-template="l3-rack-installation"][data-asset="${rackB.id}"]`).click();
  await expect(page.getByTestId('cx-gate')).toContainText('ne peut pas encore démarrer');
  await page.screenshot({ path: `${SHOTS}/cx-gate-fr.png` });
  await page.locator(`[data-template="l3-rack-installation"][data-asset="${rackA.id}"]`).click();
  await page.screenshot({ path: `${SHOTS}/cx-walk-fr.png` });
  await page.getByTestId('cx-tab-issues').click();
  await page.screenshot({ path: `${SHOTS}/cx-issues-fr.png` });
});
