/**
 * `plenum serve`: browser mode. Starts the HTTP server on 127.0.0.1 (other interfaces only with
 * an explicit --host, with a warning), builds the renderer first if needed, opens the project,
 * and prints the URL with its token.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import { AppServices } from '../services/app-services';
import { defaultUserDataDir } from '../services/user-data';
import { VERSION } from '../cli/version';
import { createRequestHandler } from './http-api';
import { ensureRendererBuilt } from './renderer-build';

// Moved to renderer-build.ts (the design report's 3D pictures need the built renderer too).
export { ensureRendererBuilt, repoRoot } from './renderer-build';

export const DEFAULT_PORT = 4870;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

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
  const diagnose = process.env.PLENUM_SERVE_DIAGNOSTICS === '1' ? diagnostics() : undefined;
  const server = http.createServer(createRequestHandler({ services, rendererDir, token, allowedHosts, diagnose: diagnose?.log }));
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
        diagnose?.stop();
        services.close();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * Opt-in connection diagnostics (PLENUM_SERVE_DIAGNOSTICS=1; the browser e2e sets it and attaches
 * the log to a failed test): when the event stream opens and closes, and when the event loop was
 * blocked long enough for the browser to see a stall. Written to stderr with a wall-clock stamp.
 */
function diagnostics(): { log: (line: string) => void; stop: () => void } {
  const log = (line: string) => process.stderr.write(`[serve ${new Date().toISOString().slice(11, 23)}] ${line}\n`);
  const tickMs = 250;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const lag = now - last - tickMs;
    if (lag > 1000) log(`event loop blocked for ${Math.round(lag)} ms`);
    last = now;
  }, tickMs);
  timer.unref();
  return { log, stop: () => clearInterval(timer) };
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
