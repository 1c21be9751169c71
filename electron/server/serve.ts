/**
 * `plenum serve`: browser mode. Starts the HTTP server on 127.0.0.1 (other interfaces only with
 * an explicit --host, with a warning), builds the renderer first if needed, opens the project,
 * and prints the URL with its token.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppServices } from '../services/app-services';
import { defaultUserDataDir } from '../services/user-data';
import { VERSION } from '../cli/version';
import { createRequestHandler } from './http-api';

export const DEFAULT_PORT = 4870;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'renderer'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error('cannot find the Plenum installation folder');
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds out/renderer with Vite when it is missing or older than the renderer sources. */
export async function ensureRendererBuilt(root = repoRoot()): Promise<string> {
  const outDir = path.join(root, 'out', 'renderer');
  const index = path.join(outDir, 'index.html');
  const sources = [path.join(root, 'renderer'), path.join(root, 'core')];
  const stale = !fs.existsSync(index) || sources.some((s) => newestMtime(s) > fs.statSync(index).mtimeMs);
  if (stale && process.env.PLENUM_SKIP_RENDERER_BUILD !== '1') {
    process.stderr.write('Building the Plenum interface (first start or after an update)…\n');
    const vite = await import('vite');
    await vite.build({ configFile: path.join(root, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
  }
  if (!fs.existsSync(index)) throw new Error(`the interface is not built: ${index} is missing`);
  return outDir;
}

export interface ServeOptions {
  file?: string;
  port?: number;
  host?: string;
  open?: boolean;
  userDataDir?: string;
}

export interface RunningServer {
  url: string;
  token: string;
  close(): Promise<void>;
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => {
      server.off('listening', onListening);
      reject(e);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  if (options.host && !LOOPBACK.has(options.host)) {
    process.stderr.write(`Warning: serving on ${options.host}: anyone who can reach this address and has the token can edit your projects.\n`);
  }
  const rendererDir = await ensureRendererBuilt();
  const services = new AppServices({ userDataDir: options.userDataDir ?? defaultUserDataDir(), mode: 'browser', version: VERSION, platform: process.platform });
  if (options.file) await services.openProject(options.file);
  else await services.openOnStartup();

  const token = crypto.randomBytes(24).toString('base64url');
  const allowedHosts = new Set<string>();
  const server = http.createServer(createRequestHandler({ services, rendererDir, token, allowedHosts }));
  // Keep-alive SSE connections must not hold the process open on shutdown.
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  let port = options.port ?? DEFAULT_PORT;
  try {
    await listen(server, port, host);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE' && options.port === undefined) {
      await listen(server, 0, host);
    } else {
      services.close();
      throw new Error(`cannot listen on ${host}:${port} (${(e as Error).message})`, { cause: e });
    }
  }
  port = (server.address() as AddressInfo).port;
  const names = LOOPBACK.has(host) ? ['127.0.0.1', 'localhost', '[::1]'] : [host, ...Object.values(os.networkInterfaces()).flat().map((i) => i?.address).filter(Boolean) as string[]];
  for (const name of names) allowedHosts.add(`${name}:${port}`);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}/?token=${token}`;

  return {
    url,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        services.close();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export async function serve(options: ServeOptions): Promise<void> {
  const running = await startServer(options);
  process.stdout.write(`Plenum ${VERSION} is running in browser mode at ${running.url}\n`);
  process.stdout.write('Open that address in your browser. Press Ctrl+C to stop.\n');
  if (options.open) openInBrowser(running.url);
  const stop = () => {
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function openInBrowser(url: string): void {
  void import('node:child_process').then(({ spawn }) => {
    const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
    const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
    spawn(cmd, args, { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
  });
}
