/**
 * Test support: runs the real `plenum` command (bin/plenum.mjs) as a child process, the way a user
 * or a script does, with its user data in `userDataDir` and no progress bars or colours.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(REPO, 'bin', 'plenum.mjs');

export interface PlenumRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runPlenum(userDataDir: string, args: readonly string[]): Promise<PlenumRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, PLENUM_USER_DATA: userDataDir, PLENUM_NO_PROGRESS: '1', NO_COLOR: '1' };
  // vitest's loader options must not leak into the child, which runs through tsx on its own.
  delete env.NODE_OPTIONS;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
