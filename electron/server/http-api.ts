/**
 * The browser-mode HTTP server: the same renderer and the same services as the desktop app,
 * bound to loopback, behind a per-run random token.
 *
 * - `POST /api/<method>` with the token in the `x-plenum-token` header; JSON body = arguments;
 *   the answer is the same `{ok, value} | {ok: false, error}` as over IPC.
 * - `GET /api/events?token=…` is a Server-Sent Events stream of ApiEvents (EventSource cannot
 *   send headers, so this one route takes the token in the query).
 * - `GET /download/<jobId>` hands over a finished report or export once (electron/services/reports.ts),
 *   as an attachment; it takes the token in the header or, for a plain link, the query.
 * - Anything under /api/ or /download/ without the right token is 401; a request whose Origin is not this
 *   server is 403; a Host header that is not ours is 421 (DNS-rebinding defence).
 * - Everything else is the built renderer, with a CSP header.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { HTTP_DOWNLOAD_PREFIX, HTTP_TOKEN_HEADER, HTTP_TOKEN_QUERY } from '../../core/api';
import type { AppServices } from '../services/app-services';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
};

const MAX_BODY_BYTES = 512 * 1024 * 1024;

export interface HttpApiOptions {
  services: AppServices;
  rendererDir: string;
  token: string;
  /** host:port values the browser may use to reach us. Filled in once listening. */
  allowedHosts: Set<string>;
  /** Connection diagnostics (event stream opened/closed), when `plenum serve` is asked for them. */
  diagnose?: (line: string) => void;
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function createRequestHandler(opts: HttpApiOptions): http.RequestListener {
  const { services, rendererDir, token, allowedHosts, diagnose } = opts;
  const root = path.resolve(rendererDir);

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const host = req.headers.host ?? '';
    if (!allowedHosts.has(host)) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('Misdirected request: unknown Host header');
      return;
    }
    res.setHeader('x-content-type-options', 'nosniff');
    // The page URL carries the token: never leak it in a Referer.
    res.setHeader('referrer-policy', 'no-referrer');

    if (url.pathname.startsWith('/api/')) {
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedHosts.has(origin.replace(/^https?:\/\//, ''))) {
        send(res, 403, { ok: false, error: { code: 'forbidden', message: `Origin ${origin} is not allowed` } });
        return;
      }
      const given = url.pathname === '/api/events' ? url.searchParams.get(HTTP_TOKEN_QUERY) ?? '' : String(req.headers[HTTP_TOKEN_HEADER] ?? '');
      if (!safeEqual(given, token)) {
        send(res, 401, { ok: false, error: { code: 'forbidden', message: 'Missing or wrong token: open the URL printed by `plenum serve`' } });
        return;
      }
      if (url.pathname === '/api/events' && req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        const unsubscribe = services.onEvent((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
        const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
        const opened = Date.now();
        diagnose?.(`event stream opened (${req.socket.remotePort ?? '?'})`);
        req.on('close', () => {
          clearInterval(ping);
          unsubscribe();
          diagnose?.(`event stream closed (${req.socket.remotePort ?? '?'}) after ${((Date.now() - opened) / 1000).toFixed(1)} s`);
        });
        return;
      }
      if (req.method !== 'POST') {
        send(res, 405, { ok: false, error: { code: 'invalid', message: 'Use POST for API calls' } });
        return;
      }
      const method = safeDecode(url.pathname.slice('/api/'.length));
      if (method === null) {
        send(res, 400, { ok: false, error: { code: 'invalid', message: 'Malformed URL' } });
        return;
      }
      let args: unknown;
      try {
        const body = await readBody(req);
        args = body.trim() ? JSON.parse(body) : {};
      } catch (e) {
        send(res, 400, { ok: false, error: { code: 'invalid', message: `The request body is not valid JSON: ${(e as Error).message}` } });
        return;
      }
      const result = await services.handle(method, args);
      send(res, result.ok ? 200 : result.error.code === 'internal' ? 500 : 422, result);
      return;
    }

    if (url.pathname.startsWith(HTTP_DOWNLOAD_PREFIX)) {
      serveDownload(req, res, url, opts);
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    // Static renderer files, with path traversal refused.
    const decoded = safeDecode(url.pathname);
    if (decoded === null) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('Malformed URL');
      return;
    }
    const rel = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (error, data) => {
      if (error) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
        return;
      }
      const ext = path.extname(file);
      res.writeHead(200, {
        'content-type': MIME[ext] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'cache-control': ext === '.html' ? 'no-store' : 'public, max-age=3600',
      });
      res.end(req.method === 'HEAD' ? undefined : data);
    });
  };

  // An async listener's rejection would otherwise escape http.Server and end the process.
  return (req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('Plenum: request failed', e);
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'internal', message: 'Internal error' } });
      else res.destroy();
    });
  };
}

/** `filename` for old clients (ASCII) and `filename*` (RFC 6266/8187) for the real name. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function serveDownload(req: http.IncomingMessage, res: http.ServerResponse, url: URL, opts: HttpApiOptions): void {
  const origin = req.headers.origin;
  if (origin !== undefined && !opts.allowedHosts.has(origin.replace(/^https?:\/\//, ''))) {
    send(res, 403, { ok: false, error: { code: 'forbidden', message: `Origin ${origin} is not allowed` } });
    return;
  }
  const given = String(req.headers[HTTP_TOKEN_HEADER] ?? url.searchParams.get(HTTP_TOKEN_QUERY) ?? '');
  if (!safeEqual(given, opts.token)) {
    send(res, 401, { ok: false, error: { code: 'forbidden', message: 'Missing or wrong token: open the URL printed by `plenum serve`' } });
    return;
  }
  if (req.method !== 'GET') {
    send(res, 405, { ok: false, error: { code: 'invalid', message: 'Use GET for downloads' } });
    return;
  }
  const jobId = url.pathname.slice(HTTP_DOWNLOAD_PREFIX.length);
  const file = /^[0-9a-f]{32}$/.test(jobId) ? opts.services.reports.take(jobId) : null;
  if (!file) {
    send(res, 404, { ok: false, error: { code: 'not-found', message: 'No such download: it was already downloaded, has expired, or is not finished' } });
    return;
  }
  res.writeHead(200, {
    'content-type': file.mime,
    'content-length': file.data.byteLength,
    'content-disposition': contentDisposition(file.filename),
    'cache-control': 'no-store',
    // A report opened in a tab instead of saved must not run anything, nor load anything.
    'content-security-policy': "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox",
  });
  res.end(Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength));
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
