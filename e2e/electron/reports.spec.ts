/**
 * The Reports workspace in the desktop app: the preview's `<iframe sandbox srcdoc>` loads under
 * the navigation guard (security.ts lets exactly `about:srcdoc` through for a sub-frame), and a
 * PDF made over IPC with Electron's own printer is written where asked, through a temporary name.
 * The save dialog is native, so the test passes the path `dialog.saveReport` would return.
 *
 * Skipped, saying so, on machines without the Electron runtime (it cannot be downloaded offline).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ElectronApplication, Page } from '@playwright/test';
import { _electron as electron, expect, test } from '@playwright/test';
import type { ApiEvent, ApiResponse, PlenumBridge } from '../../core/api';
import { ELECTRON_UNAVAILABLE, electronExecutable, ROOT } from './runtime';

type BridgedWindow = Window & { plenum?: PlenumBridge };

const executablePath = electronExecutable();

test.describe('Plenum desktop app: reports', () => {
  test.skip(!executablePath, ELECTRON_UNAVAILABLE);
  test.describe.configure({ mode: 'serial', timeout: 180_000 });

  let app: ElectronApplication;
  let page: Page;
  let tmp: string;

  test.beforeAll(async () => {
    const prepared = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs'), '--prepare'], { cwd: ROOT, encoding: 'utf8' });
    const binding = /^PLENUM_SQLITE_BINDING=(.+)$/m.exec(prepared.stdout)?.[1];
    test.skip(!binding, `Electron e2e skipped: desktop mode could not be prepared here (${(prepared.stdout + prepared.stderr).trim().split('\n').pop()})`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-e2e-electron-reports-'));
    const project = path.join(tmp, 'Reports app.plenum');
    const created = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'plenum.mjs'), 'new', project, '--name', 'Reports app', '--demo'], { cwd: ROOT, encoding: 'utf8' });
    expect(created.status, created.stderr).toBe(0);
    app = await electron.launch({
      executablePath: executablePath!,
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), ROOT, project],
      cwd: ROOT,
      env: { ...process.env, PLENUM_USER_DATA: path.join(tmp, 'user-data'), PLENUM_SQLITE_BINDING: binding!, ELECTRON_RENDERER_URL: '' },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('shows the report preview in its sandboxed srcdoc frame', async () => {
    await page.getByTestId('workspace-reports').click();
    const frame = page.frameLocator('[data-testid="reports-preview-frame"]');
    await expect(frame.locator('.cover h1')).toHaveText('Reports app', { timeout: 120_000 });
    expect(await frame.locator('.cover .kind').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(28, 100, 217)');
  });

  test('writes a PDF printed by Electron where asked, with progress events over IPC', async () => {
    const out = path.join(tmp, 'out', 'design.pdf');
    const end = await page.evaluate(async (file) => {
      const bridge = (window as BridgedWindow).plenum!;
      const events: ApiEvent[] = [];
      const stop = bridge.onEvent((e) => events.push(e));
      const started = (await bridge.invoke('report.start', { kind: 'design', format: 'pdf', path: file })) as ApiResponse<{ jobId: string }>;
      if (!started.ok) return { error: started.error.message };
      const jobId = started.value.jobId;
      for (let i = 0; i < 1200; i++) {
        const last = events.find((e) => e.type === 'report.progress' && e.jobId === jobId && e.state !== 'running');
        if (last) {
          stop();
          return { last, running: events.filter((e) => e.type === 'report.progress' && e.state === 'running').length };
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      return { error: 'no final event' };
    }, out);
    expect(end).toMatchObject({ last: { state: 'done', result: { path: out, mime: 'application/pdf' } } });
    expect((end as { running: number }).running).toBeGreaterThan(0);
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    expect(fs.readdirSync(path.dirname(out))).toEqual(['design.pdf']);
  });
});
