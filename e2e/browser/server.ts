/**
 * Starts the real `plenum serve` in a child process, as a user would, with its user data in a
 * temporary folder, and reads the URL (with its token) it prints.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { test } from '@playwright/test';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(ROOT, 'bin', 'plenum.mjs');

export interface PlenumServer {
  url: string;
  dir: string;
  userData: string;
  file: string;
  stop(): Promise<void>;
}

/** A fresh temporary folder for one test's files. */
export function tempDir(prefix = 'plenum-e2e-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Runs the `plenum` CLI to completion (e.g. `new FILE --demo`). */
export function plenumCli(args: string[], env: NodeJS.ProcessEnv = {}): string {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  if (run.status !== 0) throw new Error(`plenum ${args.join(' ')} failed (${run.status}): ${run.stderr || run.stdout}`);
  return run.stdout;
}

export async function startServer(file: string, dir: string): Promise<PlenumServer> {
  const userData = path.join(dir, 'userdata');
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve', file, '--port', '0', '--no-open'], {
    cwd: ROOT,
    env: { ...process.env, PLENUM_USER_DATA: userData, PLENUM_PROJECTS_DIR: path.join(userData, 'Projects'), PLENUM_NO_PROGRESS: '1', PLENUM_SERVE_DIAGNOSTICS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`plenum serve printed no URL within 120 s:\n${output}`)), 120_000);
    // Keeps listening after the URL: diagnostics and errors are attached to a failed test.
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-200_000);
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`plenum serve exited (${code}) before printing its URL:\n${output}`));
    });
  });
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) output += `\n[e2e] plenum serve exited unexpectedly (code ${code}, signal ${signal})\n`;
  });
  const attachLogIfFailed = async () => {
    try {
      const info = test.info();
      if (info.status !== info.expectedStatus) {
        await info.attach('plenum-serve.log', { body: output, contentType: 'text/plain' });
        process.stderr.write(`\n--- plenum serve, last lines (${info.title}) ---\n${output.split('\n').slice(-40).join('\n')}\n---\n`);
      }
    } catch {
      // Not inside a test (a global setup): nothing to attach to.
    }
  };
  return {
    url,
    dir,
    userData,
    file,
    stop: async () => {
      stopping = true;
      await attachLogIfFailed();
      return new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          fs.rmSync(dir, { recursive: true, force: true });
          return resolve();
        }
        const killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(killTimer);
          // The project files, user data and backups of this run go with it.
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      });
    },
  };
}

/** Calls the server's API as the renderer does (token header), from a test. */
export function apiOf(url: string) {
  const u = new URL(url);
  const token = u.searchParams.get('token')!;
  return async <T = unknown>(method: string, args: unknown): Promise<T> => {
    const res = await fetch(`${u.origin}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-plenum-token': token }, body: JSON.stringify(args) });
    const body = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } };
    if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
    return body.value as T;
  };
}

/** Sets the theme (and the language) through the Preferences dialog, as a user would. */
export async function setPrefs(page: Page, theme: 'light' | 'dark', language?: 'Français' | 'English'): Promise<void> {
  await page.getByTestId('open-preferences').click();
  if (language) await page.getByTestId('pref-language').getByText(language).click();
  await page.getByTestId('pref-theme').getByRole('radio').nth(theme === 'light' ? 1 : 2).click();
  await page.getByTestId('preferences-done').click();
}
