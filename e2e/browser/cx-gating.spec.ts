/**
 * Level gating in the Commission workspace, end to end on the demo project and KEYBOARD ONLY:
 * after the page loads, no click and no mouse; every gesture is a key (the palette, the walk keys,
 * Tab within dialogs). Photos go through the file input (the OS file picker, setInputFiles). The
 * test reads the project through the HTTP API only to check what the keys did.
 *
 * One UPS of the demo gets the L3 "Equipment installation and start-up" and the L4 "UPS functional
 * performance test" (created ahead, gated). The L4 shows why it cannot start and P does nothing;
 * the commissioning settings make minor issues block too and name the default issue owner; the L3
 * is walked with keys, one item fails (note, photo, major issue for Ben), Ben resolves the issue,
 * Olga (the owner from the settings) verifies and closes it, Olga signs the L3 off; then the L4
 * opens and its first check item is answered with P. Last, version 2 of the L3 template is
 * published and the signed L3 is upgraded from its banner (preview, reason, result).
 * Screenshots (light, dark, French) go to /tmp/shots/cx-gating-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { loadTemplate } from '../../core/cx/lint';
import type { ChecklistTemplate } from '../../core/cx/template';
import type { PlenumServer } from './server';
import { apiOf, plenumCli, ROOT, startServer, tempDir } from './server';

const SHOTS = '/tmp/shots';
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const L3_ID = 'l3-equipment-startup';
const L4_ID = 'l4-ups-functional';

let server: PlenumServer | null = null;

test.afterEach(async () => {
  await server?.stop();
  server = null;
});

interface Snap {
  powerElements: Record<string, { id: string; name: string; kind: string }>;
  cxInstances: Record<string, { id: string; templateId: string; assetId: string; templateVersion: number }>;
  cxAnswers: Record<string, { instanceId: string; itemId: string; status: string | null }>;
  cxIssues: Record<string, { id: string; status: string; owner: string; assignee?: string; severity: string }>;
  cxSignOffs: Record<string, { instanceId: string; scope: string; name: string; invalidatedAt?: string }>;
  cxTemplates: Record<string, { yaml: string }>;
  project: { cx?: { blockingSeverities?: string[]; issueOwner?: string } };
}

/** Runs an action by name through the command palette (Ctrl+K, type, Enter). */
async function palette(page: Page, label: string) {
  await page.keyboard.press('Control+K');
  await expect(page.getByTestId('palette')).toBeVisible();
  await page.keyboard.type(label);
  await expect(page.getByTestId('palette').getByRole('option').first()).toContainText(label);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('palette')).toBeHidden();
}

/** Who is walking: the dialog's name field has focus with its text selected; Tab to the role. */
async function typeActor(page: Page, name: string, role: string) {
  const dialog = page.getByTestId('cx-actor-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('cx-actor-name')).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(name);
  await page.keyboard.press('Tab');
  await expect(dialog.getByTestId('cx-actor-role')).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(role);
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('cx-actor')).toContainText(name);
}

async function switchActor(page: Page, name: string, role: string) {
  await palette(page, 'Change who is walking');
  await typeActor(page, name, role);
}

/** Tabs forward until the element has focus (bounded), then checks it. */
async function tabTo(page: Page, testId: string, max = 8) {
  const target = page.getByTestId(testId);
  for (let i = 0; i < max && !(await target.evaluate((n) => n === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(target).toBeFocused();
}

/** In the Add checklists dialog (template select focused): pick template, "One asset", the UPS. */
async function addChecklist(page: Page, templateRef: string, label: string, upsName: string, gated: boolean) {
  // A opens Add checklists (the palette would do too).
  await page.keyboard.press('a');
  const add = page.getByTestId('cx-add-dialog');
  await expect(add.getByTestId('cx-add-template')).toBeFocused();
  // Type-ahead on the focused select picks the option by its text.
  await page.keyboard.type(label);
  await expect(add.getByTestId('cx-add-template')).toHaveValue(templateRef);
  await tabTo(page, 'cx-add-rule');
  await page.keyboard.type('One asset');
  await expect(add.getByTestId('cx-add-rule')).toHaveValue('asset');
  await tabTo(page, 'cx-add-asset');
  await page.keyboard.type(upsName);
  await expect(add.getByTestId('cx-add-asset').locator('option:checked')).toHaveText(upsName);
  const preview = add.getByTestId('cx-add-preview');
  if (gated) {
    await expect(preview).toContainText('1 asset cannot start this level yet');
    await expect(preview).toContainText('required items unanswered');
    await tabTo(page, 'cx-add-allow-gated');
    await page.keyboard.press('Space');
    await expect(add.getByTestId('cx-add-allow-gated')).toBeChecked();
  } else {
    await expect(preview).toContainText('1 checklist will be created');
  }
  await tabTo(page, 'cx-add-submit');
  await page.keyboard.press('Enter');
  await expect(add).toBeHidden();
}

const templateOf = (yaml: string) => (loadTemplate(yaml, 't.yaml') as { ok: true; template: ChecklistTemplate }).template;

test('gating, keyboard only: L4 locked until the L3 is walked, its issue closed and signed; then upgrade', async ({ page }) => {
  test.setTimeout(300_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  const dir = tempDir();
  const file = path.join(dir, 'demo.plenum');
  plenumCli(['new', file, '--demo']);
  const png = path.join(dir, 'photo.png');
  fs.writeFileSync(png, Buffer.from(PNG, 'base64'));
  // A file item takes the document itself: the start-up report as a PDF, stored as it is.
  const pdf = path.join(dir, 'startup-report.pdf');
  fs.writeFileSync(pdf, '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  server = await startServer(file, dir);
  const api = apiOf(server.url);
  const snap = () => api<Snap>('doc.snapshot', {});
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(server.url);
  await expect(page.getByTestId('topbar')).toBeVisible();
  // Focus the document (no click): keys go to the page body from here on.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  await palette(page, 'Switch to the Commission workspace');
  await expect(page.getByTestId('cx-workspace')).toBeVisible();
  // Asked once, who is walking.
  await typeActor(page, 'Ana', 'Contractor');
  await palette(page, 'Publish built-in templates');
  await expect(page.getByTestId('cx-publish-builtins')).toBeHidden();

  const ups = Object.values((await snap()).powerElements).filter((p) => p.kind === 'ups').sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }))[0]!;
  expect(ups, 'the demo has a UPS').toBeTruthy();
  await addChecklist(page, `${L3_ID}@1`, 'Equipment installation', ups.name, false);
  await addChecklist(page, `${L4_ID}@1`, 'UPS functional', ups.name, true);
  const insts = Object.values((await snap()).cxInstances).filter((i) => i.assetId === ups.id);
  const l3Id = insts.find((i) => i.templateId === L3_ID)!.id;
  const l4Id = insts.find((i) => i.templateId === L4_ID)!.id;

  // L: the checklist list; ↓ / ↑ move; Enter opens. Open the L4.
  const openChecklist = async (id: string) => {
    await page.keyboard.press('l');
    const list = page.getByTestId('cx-assets');
    await expect(list.locator('.cx-inst:focus')).toHaveCount(1);
    for (let i = 0; i < 40 && (await list.locator('.cx-inst:focus').getAttribute('data-testid')) !== `cx-inst-${id}`; i++) {
      const before = await list.locator('.cx-inst:focus').getAttribute('data-testid');
      await page.keyboard.press('ArrowDown');
      // At the end of the list, come back from the top.
      if ((await list.locator('.cx-inst:focus').getAttribute('data-testid')) === before) await page.keyboard.press('Home');
    }
    await expect(page.getByTestId(`cx-inst-${id}`)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('cx-checklist')).toHaveAttribute('data-instance', id);
  };
  await openChecklist(l4Id);
  const gate = page.getByTestId('cx-gate');
  await expect(gate).toBeVisible();
  await expect(gate.locator('[data-code=incomplete]')).toContainText('L3');
  await expect(gate.locator('[data-code=unsigned]')).toBeVisible();
  await expect(page.getByTestId('cx-gate-blocking')).toContainText('Open issues that block: Critical, Major.');
  // P does nothing on a gated checklist.
  await page.keyboard.press('p');
  await page.waitForTimeout(300);
  expect(Object.values((await snap()).cxAnswers).filter((a) => a.instanceId === l4Id)).toHaveLength(0);
  await page.screenshot({ path: `${SHOTS}/cx-gating-gate-light.png`, animations: 'disabled' });

  // Settings: minor issues block too; Olga owns (verifies) new issues. Space ticks, Enter saves.
  await palette(page, 'Commissioning settings');
  const settings = page.getByTestId('cx-settings-dialog');
  await expect(settings.getByTestId('cx-settings-sev-critical')).toBeFocused();
  await expect(settings.getByTestId('cx-settings-sev-critical')).toBeChecked();
  await tabTo(page, 'cx-settings-sev-minor');
  await page.keyboard.press('Space');
  await tabTo(page, 'cx-settings-owner');
  await page.keyboard.type('Olga');
  await page.screenshot({ path: `${SHOTS}/cx-gating-settings-light.png`, animations: 'disabled' });
  await page.keyboard.press('Enter');
  await expect(settings).toBeHidden();
  await expect(page.getByTestId('cx-gate-blocking')).toContainText('Critical, Major, Minor');
  expect((await snap()).project.cx).toEqual({ blockingSeverities: ['critical', 'major', 'minor'], issueOwner: 'Olga' });

  // Walk the L3 with keys.
  await openChecklist(l3Id);
  const item = page.getByTestId('cx-item');
  await expect(item).toHaveAttribute('data-item', 'equipment_class');
  // Choice: the option buttons show their number keys; 1 picks the first (UPS).
  await expect(page.getByTestId('cx-choice-ups').locator('kbd')).toHaveText('1');
  await page.keyboard.press('1');
  await expect.poll(async () => (await snap()).cxAnswers[`${l3Id}/equipment_class`]?.status).toBe('pass');
  // Delete clears an answer (unsigned: at once); 1 answers it again. Wait for the walk's own
  // move to the next item first, or K could land before it and the move would follow.
  await expect(item).toHaveAttribute('data-item', 'make_model');
  await page.keyboard.press('k');
  await expect(item).toHaveAttribute('data-item', 'equipment_class');
  await page.keyboard.press('Delete');
  await expect.poll(async () => (await snap()).cxAnswers[`${l3Id}/equipment_class`]).toBeUndefined();
  await expect(item).toHaveAttribute('data-status', '');
  await page.keyboard.press('1');
  await expect.poll(async () => (await snap()).cxAnswers[`${l3Id}/equipment_class`]?.status).toBe('pass');

  const l3t = templateOf(fs.readFileSync(path.join(ROOT, 'assets', 'templates', `${L3_ID}.yaml`), 'utf8'));
  const byId = new Map(l3t.sections.flatMap((s) => s.items).map((i) => [i.id, i] as const));
  const numberFor = (it: { target?: number | undefined; min?: number | undefined; max?: number | undefined }) => it.target ?? (it.min !== undefined && it.max !== undefined ? (it.min + it.max) / 2 : it.min !== undefined ? it.min + 1 : 1);
  let typedDigitFirst = false;
  let failed = false;
  for (let guard = 0; guard < 60; guard++) {
    await page.keyboard.press('Shift+J');
    const id = (await item.getAttribute('data-item'))!;
    if (await item.getAttribute('data-status')) break; // every required item answered
    const it = byId.get(id)!;
    const before = (await page.getByTestId('cx-progress').textContent()) ?? '';
    if (it.type === 'check' && !failed && id === 'nameplate_matches') {
      // F fails it: the template wants a note, a photo and raises a major issue; Ben will fix it.
      failed = true;
      await page.keyboard.press('f');
      const fail = page.getByTestId('cx-fail-dialog');
      await expect(fail.getByTestId('cx-fail-note')).toBeFocused();
      await expect(fail.getByTestId('cx-fail-submit')).toBeDisabled();
      await page.keyboard.type('Nameplate says 400 kVA; the submittal is 500 kVA');
      await fail.getByTestId('cx-fail-photo-input').setInputFiles(png);
      await expect(fail.getByTestId('cx-photo')).toBeVisible();
      await tabTo(page, 'cx-fail-assignee');
      await page.keyboard.type('Ben');
      await page.keyboard.press('Enter');
      await expect(fail).toBeHidden();
      await expect(item).toHaveAttribute('data-status', 'fail');
      continue;
    }
    switch (it.type) {
      case 'check':
        await page.keyboard.press('p');
        break;
      case 'choice':
        await page.keyboard.press('1');
        break;
      case 'numeric': {
        const field = page.getByTestId('cx-numeric');
        if (!typedDigitFirst) {
          // Esc leaves the field; typing a digit brings the caret back into it, digit included.
          typedDigitFirst = true;
          await field.press('Escape');
          await expect(field).not.toBeFocused();
        }
        await page.keyboard.type(String(numberFor(it)));
        await expect(field).toBeFocused();
        await expect(field).toHaveValue(String(numberFor(it)));
        await expect(page.getByTestId('cx-live')).toHaveClass(/cx-live-pass/);
        await page.keyboard.press('Enter');
        break;
      }
      case 'photo':
        await page.getByTestId('cx-item-photo-input').setInputFiles(png);
        break;
      case 'file':
        await page.getByTestId('cx-item-photo-input').setInputFiles(pdf);
        // Stored as the PDF it is (not re-encoded as a picture).
        await expect.poll(async () => {
          const answer = Object.values((await snap()).cxAnswers).find((a) => a.instanceId === l3Id && a.itemId === id) as { value?: string[] } | undefined;
          return answer?.value?.[0] ? (await api<{ mime: string }>('cx.photo.get', { id: answer.value[0] })).mime : null;
        }).toBe('application/pdf');
        break;
      case 'table': {
        // E puts the caret in the first cell; Tab across; Enter saves the row.
        await page.keyboard.press('e');
        for (const column of it.columns) {
          await expect(item.locator(`[data-col="${column.id}"]`).first()).toBeFocused();
          if (column.type === 'check') await page.keyboard.type('Pass');
          else if (column.type === 'numeric') await page.keyboard.type(String(numberFor(column)));
          else await page.keyboard.type('Incoming supply');
          if (column !== it.columns.at(-1)) await page.keyboard.press('Tab');
        }
        await page.keyboard.press('Enter');
        break;
      }
      default:
        // Text and signature: E, type (a signature is filled in with the walker's name), Enter.
        await page.keyboard.press('e');
        if (it.type === 'text') await page.keyboard.type('UPS-A 500 kVA');
        await page.keyboard.press('Enter');
    }
    await expect.poll(async () => Object.keys((await snap()).cxAnswers).some((k) => k.startsWith(`${l3Id}/${id}`))).toBe(true);
    await expect(page.getByTestId('cx-progress')).not.toHaveText(before);
  }
  expect(failed).toBe(true);
  expect(typedDigitFirst).toBe(true);
  // Complete but a major issue is open: the L4 still waits (and the walker is not the owner).
  const issueId = Object.values((await snap()).cxIssues)[0]!.id;
  expect((await snap()).cxIssues[issueId]).toMatchObject({ status: 'open', owner: 'Olga', assignee: 'Ben', severity: 'major' });

  // Ben resolves the issue: Alt+2 is the issues board (focus on the first card), Enter opens, Alt+R.
  await switchActor(page, 'Ben', 'Installer');
  await page.keyboard.press('Alt+2');
  const card = page.getByTestId('cx-column-open').getByTestId('cx-issue-card');
  await expect(card).toBeFocused();
  await page.keyboard.press('Enter');
  const issue = page.getByTestId('cx-issue-dialog');
  await expect(issue.getByTestId('cx-issue-close')).toHaveCount(0);
  await page.keyboard.press('Alt+R');
  await expect(issue.getByTestId('cx-issue-status')).toHaveAttribute('data-status', 'resolved');
  await expect(issue.getByTestId('cx-issue-close')).toBeDisabled();
  await expect(issue).toContainText('Only the owner (Olga) can do this');
  // Alt+C is refused for Ben, as the disabled button says.
  await page.keyboard.press('Alt+C');
  await page.waitForTimeout(200);
  expect((await snap()).cxIssues[issueId]!.status).toBe('resolved');
  await page.keyboard.press('Escape');
  await expect(issue).toBeHidden();

  // Olga, the owner, verifies and closes it.
  await switchActor(page, 'Olga', 'CxA');
  await page.keyboard.press('Alt+2');
  await expect(page.getByTestId('cx-column-resolved').getByTestId('cx-issue-card')).toBeFocused();
  await page.keyboard.press('Enter');
  await page.screenshot({ path: `${SHOTS}/cx-gating-issue-light.png`, animations: 'disabled' });
  await page.keyboard.press('Alt+C');
  await expect(issue.getByTestId('cx-issue-status')).toHaveAttribute('data-status', 'closed');
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await snap()).cxIssues[issueId]!.status).toBe('closed');

  // Olga signs the L3 off: Alt+1 back to the walk, S opens the final sign-off, Enter signs.
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('cx-checklist')).toHaveAttribute('data-instance', l3Id);
  await page.keyboard.press('s');
  const sign = page.getByTestId('cx-signoff-dialog');
  await expect(sign.getByTestId('cx-sign-name')).toBeFocused();
  await expect(sign.getByTestId('cx-sign-name')).toHaveValue('Olga');
  await expect(sign.getByTestId('cx-sign-role')).toHaveValue('CxA');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Olga Petrova');
  await expect(sign.getByTestId('cx-sign-name')).toHaveValue('Olga Petrova');
  await expect(sign.getByTestId('cx-sign-name')).toBeFocused();
  await page.screenshot({ path: `${SHOTS}/cx-gating-signoff-light.png`, animations: 'disabled' });
  await page.keyboard.press('Enter');
  await expect(sign).toBeHidden();
  await expect(page.getByTestId('cx-signed-banner').first()).toContainText('Olga Petrova');

  // The L4 is open now: its first check item passes with P.
  await openChecklist(l4Id);
  await expect(page.getByTestId('cx-gate')).toHaveCount(0);
  const l4t = templateOf((await snap()).cxTemplates[`${L4_ID}@1`]!.yaml);
  const l4Items = new Map(l4t.sections.flatMap((s) => s.items).map((i) => [i.id, i] as const));
  for (let i = 0; i < 10 && l4Items.get((await item.getAttribute('data-item'))!)?.type !== 'check'; i++) await page.keyboard.press('j');
  const firstCheck = (await item.getAttribute('data-item'))!;
  expect(l4Items.get(firstCheck)!.type).toBe('check');
  await page.keyboard.press('p');
  await expect.poll(async () => (await snap()).cxAnswers[`${l4Id}/${firstCheck}`]?.status).toBe('pass');
  await page.screenshot({ path: `${SHOTS}/cx-gating-l4-light.png`, animations: 'disabled' });

  // Tablet, 1024 × 768: the verdict buttons and the step buttons stay touch targets (≥ 44 px).
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.keyboard.press('k');
  await expect(item).toHaveAttribute('data-item', firstCheck);
  const targets = [page.getByTestId('cx-pass'), page.getByTestId('cx-fail'), ...(await item.locator('.cx-item-nav .btn').all())];
  for (const target of targets) {
    const box = (await target.boundingBox())!;
    expect(Math.min(box.width, box.height), await target.textContent() ?? '').toBeGreaterThanOrEqual(44);
    expect(box.x + box.width).toBeLessThanOrEqual(1024);
  }
  await page.screenshot({ path: `${SHOTS}/cx-gating-tablet-light.png`, animations: 'disabled' });
  await page.setViewportSize({ width: 1440, height: 900 });

  // Version 2 of the L3 template (published as a site would, through the API): the supply voltage
  // limits change and the remarks item goes. The signed L3 shows the banner; U upgrades it.
  const v2 = (await snap()).cxTemplates[`${L3_ID}@1`]!.yaml.replace(/^version: 1$/m, 'version: 2').replace('tolerancePct: 10', 'tolerancePct: 6')
    .replace('      - id: remarks\n        type: text\n        label: Remarks\n        required: false\n', '');
  expect(v2).not.toContain('id: remarks');
  await api('cmd.template.publish', { yaml: v2, actor: { name: 'Prep', deviceId: 'e2e', at: new Date().toISOString().replace('Z', '+00:00') } });
  await openChecklist(l3Id);
  const banner = page.getByTestId('cx-upgrade-banner');
  await expect(banner).toContainText('Version 2 available');
  await page.screenshot({ path: `${SHOTS}/cx-gating-upgrade-banner-light.png`, animations: 'disabled' });
  await page.keyboard.press('u');
  const up = page.getByTestId('cx-upgrade-dialog');
  await expect(up.getByTestId('cx-upgrade-dropped')).toContainText('Incoming supply voltage');
  // (Remarks, removed in version 2, was never answered: nothing of it to drop.)
  await expect(up.getByTestId('cx-upgrade-dropped')).toContainText('1 answer is dropped');
  await expect(up.getByTestId('cx-upgrade-kept')).toContainText('Equipment class');
  await expect(up.getByTestId('cx-upgrade-signed')).toContainText('Olga Petrova');
  await expect(up.getByTestId('cx-upgrade-submit')).toBeDisabled();
  await expect(up.getByTestId('cx-upgrade-reason')).toBeFocused();
  await page.keyboard.type('Submittal revision B: tighter supply tolerance');
  await page.screenshot({ path: `${SHOTS}/cx-gating-upgrade-light.png`, animations: 'disabled' });
  await page.keyboard.press('Enter');
  await expect(up.getByTestId('cx-upgrade-result')).toContainText('Upgraded to version 2');
  await expect(up.getByTestId('cx-upgrade-result')).toContainText('1 signature was invalidated');
  await page.keyboard.press('Enter');
  await expect(up).toBeHidden();
  const after = await snap();
  expect(after.cxInstances[l3Id]!.templateVersion).toBe(2);
  expect(after.cxAnswers[`${l3Id}/supply_voltage_v`]).toBeUndefined();
  expect(after.cxAnswers[`${l3Id}/equipment_class`]?.status).toBe('pass');
  expect(Object.values(after.cxSignOffs).find((s) => s.instanceId === l3Id)!.invalidatedAt).toBeTruthy();
  await expect(banner).toHaveCount(0);
  await expect(page.getByTestId('cx-invalidated')).toBeVisible();

  // Clearing a signed answer asks for the reason first and says which signature goes: sign the
  // L3 again (after answering the dropped item), then Delete on a signed item.
  await page.keyboard.press('Shift+J');
  await expect(item).toHaveAttribute('data-item', 'supply_voltage_v');
  await page.keyboard.type('400');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await snap()).cxAnswers[`${l3Id}/supply_voltage_v`]?.status).toBe('pass');
  await expect(page.getByTestId('cx-sign-final')).toBeEnabled();
  await expect(item).toHaveAttribute('data-item', 'phase_rotation');
  await page.keyboard.press('s');
  await expect(sign).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(sign).toBeHidden();
  // (Confirming moved on to the next item, a check: Backspace there clears it.)
  const signedItem = (await item.getAttribute('data-item'))!;
  expect(byId.get(signedItem)!.type).toBe('check');
  await page.keyboard.press('Backspace');
  const reason = page.getByTestId('cx-reason-dialog');
  await expect(reason).toContainText('Clear a signed answer');
  await expect(reason.getByTestId('cx-reason-consequence')).toContainText('This invalidates 1 signature');
  await expect(reason.getByTestId('cx-reason-consequence')).toContainText('Final sign-off');
  await expect(reason.getByTestId('cx-reason-submit')).toBeDisabled();
  await page.screenshot({ path: `${SHOTS}/cx-gating-clear-light.png`, animations: 'disabled' });
  await page.keyboard.type('Reading taken on the wrong feeder');
  await page.keyboard.press('Enter');
  await expect(reason).toBeHidden();
  await expect.poll(async () => (await snap()).cxAnswers[`${l3Id}/${signedItem}`]).toBeUndefined();
  expect(Object.values((await snap()).cxSignOffs).filter((s) => s.instanceId === l3Id && !s.invalidatedAt)).toHaveLength(0);

  // The ? key lists the walk keys (the app's shortcuts dialog).
  await page.keyboard.press('?');
  const help = page.getByTestId('shortcuts-dialog');
  await expect(help).toContainText('Clear the answer');
  await expect(help).toContainText('Choose option 1–9');
  await page.screenshot({ path: `${SHOTS}/cx-gating-keys-light.png`, animations: 'disabled' });
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // Dark and French: the settings dialog, the gate panel and the upgrade dialog of another version.
  await palette(page, 'Toggle light/dark theme');
  await palette(page, 'Commissioning settings');
  await expect(settings).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/cx-gating-settings-dark.png`, animations: 'disabled' });
  await page.keyboard.press('Escape');
  await openChecklist(l4Id);
  await page.screenshot({ path: `${SHOTS}/cx-gating-l4-dark.png`, animations: 'disabled' });
  await palette(page, 'Switch language');
  await expect(page.getByTestId('cx-tab-walk')).toHaveText('Parcours');
  await api('cmd.template.publish', { yaml: v2.replace(/^version: 2$/m, 'version: 3'), actor: { name: 'Prep', deviceId: 'e2e', at: new Date().toISOString().replace('Z', '+00:00') } });
  await openChecklist(l3Id);
  await expect(banner).toContainText('Version 3 disponible');
  await page.screenshot({ path: `${SHOTS}/cx-gating-upgrade-banner-fr.png`, animations: 'disabled' });
  await page.keyboard.press('u');
  await expect(up).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/cx-gating-upgrade-fr.png`, animations: 'disabled' });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+K');
  await page.keyboard.type('mise en service');
  await page.keyboard.press('Enter');
  await expect(settings).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/cx-gating-settings-fr.png`, animations: 'disabled' });
  await page.keyboard.press('Escape');
});
