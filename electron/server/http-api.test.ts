import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../core/api';
import { HTTP_TOKEN_HEADER } from '../../core/api';
import { AppServices } from '../services/app-services';
import { ProjectStore } from '../store/project-store';
import { renderDesignReport } from '../report/design-report';
import { commandLabel } from '../report/command-labels';
import { CONTENT_SECURITY_POLICY, createRequestHandler } from './http-api';
import { startServer } from './serve';
import type { RunningServer } from './serve';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RENDERER_BUILT = fs.existsSync(path.join(REPO, 'out', 'renderer', 'index.html'));
const SECRET = 'TOP-SECRET-CONTENT-OUTSIDE-THE-RENDERER';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Set when the connection failed or was dropped without an answer. */
  error?: string;
}

function request(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string; host?: string }): Promise<Reply> {
  return new Promise((resolve) => {
    const req = http.request(
      { host: options.host ?? '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers ?? {}, agent: false },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', (e) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, error: e.message }));
      },
    );
    req.on('error', (e) => resolve({ status: 0, headers: {}, body: '', error: e.message }));
    req.setTimeout(5_000, () => req.destroy(new Error('timeout')));
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

function api(port: number, method: string, args: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return request(port, { method: 'POST', path: `/api/${method}`, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(args) });
}

/** Opens the SSE stream and resolves with the first event matching `match`. */
function nextEvent(port: number, token: string, match: (e: ApiEvent) => boolean, onConnected: () => void): Promise<{ event: ApiEvent; contentType: string | undefined }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error('no matching SSE event within 5 s'));
    }, 5_000);
    const req = http.get({ host: '127.0.0.1', port, path: `/api/events?token=${encodeURIComponent(token)}`, agent: false }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`SSE answered ${res.statusCode}`));
        return;
      }
      let buf = '';
      let connected = false;
      res.on('data', (d: Buffer) => {
        buf += d.toString();
        if (!connected && buf.includes(': connected')) {
          connected = true;
          onConnected();
        }
        for (let idx = buf.indexOf('\n\n'); idx >= 0; idx = buf.indexOf('\n\n')) {
          const frame = buf.slice(0, idx);
          buf = buf.slice(idx + 2);
          const data = frame.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          if (!data) continue;
          const event = JSON.parse(data) as ApiEvent;
          if (match(event)) {
            clearTimeout(timer);
            resolve({ event, contentType: res.headers['content-type'] });
            req.destroy();
            return;
          }
        }
      });
    });
    req.on('error', (e) => reject(e));
  });
}

// ------------------------------------------------------------------ the request handler, wired as serve.ts wires it

describe('browser-mode HTTP API', () => {
  let dir: string;
  let services: AppServices;
  let server: http.Server;
  let port: number;
  let token: string;
  let roomId: string;
  /** Errors that escaped the (async) request handler: in `plenum serve` these crash the process. */
  let escaped: unknown[];

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-http-'));
    const rendererDir = path.join(dir, 'renderer');
    fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Plenum</title><script type="module" src="/assets/app.js"></script>');
    fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("plenum")');
    fs.writeFileSync(path.join(dir, 'secret.txt'), SECRET);
    fs.writeFileSync(path.join(dir, 'package.json'), SECRET);

    const file = path.join(dir, 'web.plenum');
    const store = ProjectStore.create(file, { name: 'Web' });
    roomId = store.execute<{ id: string }>('room.create', { widthMm: 5000, depthMm: 5000 }).result.id;
    store.close();

    services = new AppServices({
      userDataDir: path.join(dir, 'user-data'), mode: 'browser', version: 'test', platform: process.platform,
      // The real report, without its 3D pictures (a browser with WebGL; electron/report/snapshot3d.ts has its own tests).
      reportRenderers: { design: (s, req) => renderDesignReport(s, { ...req, rooms3d: false }) },
    });
    await services.openProject(file);
    token = crypto.randomBytes(24).toString('base64url');
    const allowedHosts = new Set<string>();
    const handler = createRequestHandler({ services, rendererDir, token, allowedHosts });
    escaped = [];
    server = http.createServer((req, res) => {
      void Promise.resolve(handler(req, res)).catch((e: unknown) => {
        escaped.push(e);
        res.destroy();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    for (const name of ['127.0.0.1', 'localhost', '[::1]']) allowedHosts.add(`${name}:${port}`);
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    services.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers 401 to an API call without a token', async () => {
    const r = await api(port, 'project.current', {});
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('answers 401 to an API call with a wrong token, of the same or another length', async () => {
    const sameLength = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    for (const wrong of [sameLength, 'short', `${token}x`]) {
      const r = await api(port, 'project.current', {}, { [HTTP_TOKEN_HEADER]: wrong });
      expect(r.status, wrong).toBe(401);
    }
  });

  it('answers 200 with {ok: true} to an API call with the right token', async () => {
    const r = await api(port, 'project.current', {}, { [HTTP_TOKEN_HEADER]: token });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('application/json');
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { name: 'Web', counts: { rooms: 1 } } });
  });

  it('runs a command over HTTP and answers its result', async () => {
    const r = await api(port, 'cmd.rack.create', { roomId, xMm: 0, yMm: 0 }, { [HTTP_TOKEN_HEADER]: token });
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body) as { ok: true; value: { result: { id: string }; seq: number } };
    expect(body.value.result.id).toMatch(/^rack:/);
    expect(services.currentStore!.get('racks', body.value.result.id)?.name).toBe('R01');
  });

  it('serves the commissioning methods: a photo round trip, the audit log and its check', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
    const put = await api(port, 'cx.photo.put', { mime: 'image/png', dataBase64: png }, { [HTTP_TOKEN_HEADER]: token });
    expect(put.status).toBe(200);
    const id = (JSON.parse(put.body) as { value: { id: string } }).value.id;
    const got = await api(port, 'cx.photo.get', { id }, { [HTTP_TOKEN_HEADER]: token });
    expect(JSON.parse(got.body)).toMatchObject({ ok: true, value: { id, mime: 'image/png', dataBase64: png } });
    expect(JSON.parse((await api(port, 'cx.audit.list', {}, { [HTTP_TOKEN_HEADER]: token })).body)).toMatchObject({ ok: true, value: { total: 0, entries: [] } });
    expect(JSON.parse((await api(port, 'cx.audit.verify', {}, { [HTTP_TOKEN_HEADER]: token })).body)).toMatchObject({ ok: true, value: { ok: true } });
    const bad = await api(port, 'cx.photo.put', { mime: 'image/gif', dataBase64: png }, { [HTTP_TOKEN_HEADER]: token });
    expect(bad.status).toBe(422);
  });

  it('answers 422 with the field for invalid arguments, and 400 for a body that is not JSON', async () => {
    const r = await api(port, 'cmd.rack.create', { roomId, xMm: 'left', yMm: 0 }, { [HTTP_TOKEN_HEADER]: token });
    expect(r.status).toBe(422);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'invalid', field: 'xMm' } });
    const notJson = await request(port, { method: 'POST', path: '/api/project.current', headers: { [HTTP_TOKEN_HEADER]: token }, body: '{nope' });
    expect(notJson.status).toBe(400);
  });

  it('answers 405 to an API call that is not a POST', async () => {
    const r = await request(port, { path: '/api/project.current', headers: { [HTTP_TOKEN_HEADER]: token } });
    expect(r.status).toBe(405);
  });

  it('answers 403 to an API call whose Origin is another site, even with the right token', async () => {
    for (const origin of ['https://evil.example', 'http://127.0.0.1.evil.example', `http://127.0.0.1:${port + 1}`, 'null']) {
      const r = await api(port, 'project.current', {}, { [HTTP_TOKEN_HEADER]: token, origin });
      expect(r.status, origin).toBe(403);
    }
    const same = await api(port, 'project.current', {}, { [HTTP_TOKEN_HEADER]: token, origin: `http://127.0.0.1:${port}` });
    expect(same.status).toBe(200);
  });

  it('answers 421 to any request whose Host header is another name, even with the right token', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`]) {
      const r = await api(port, 'project.current', {}, { [HTTP_TOKEN_HEADER]: token, host });
      expect(r.status, host).toBe(421);
      const page = await request(port, { path: '/', headers: { host } });
      expect(page.status, host).toBe(421);
    }
    const localhost = await api(port, 'project.current', {}, { [HTTP_TOKEN_HEADER]: token, host: `localhost:${port}` });
    expect(localhost.status).toBe(200);
  });

  it('serves the renderer index with the Content-Security-Policy header', async () => {
    const r = await request(port, { path: '/' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.body).toContain('<title>Plenum</title>');
    const js = await request(port, { path: '/assets/app.js' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('never serves a file outside the renderer folder, whatever the path spelling', async () => {
    for (const p of ['/../secret.txt', '/../package.json', '/%2e%2e/package.json', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2fpackage.json', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
      const r = await request(port, { path: p });
      expect([403, 404], `${p} answered ${r.status}`).toContain(r.status);
      expect(r.body, p).not.toContain(SECRET);
    }
  });

  it('answers 400 to a path with a malformed percent-escape instead of throwing out of the handler', async () => {
    const page = await request(port, { path: '/%E0%A4%A' });
    const apiCall = await request(port, { method: 'POST', path: '/api/%', headers: { [HTTP_TOKEN_HEADER]: token } });
    expect(escaped.map(String)).toEqual([]);
    expect(page.status).toBe(400);
    expect(apiCall.status).toBe(400);
  });

  it('answers 401 to the event stream without the token or with a wrong one', async () => {
    expect((await request(port, { path: '/api/events' })).status).toBe(401);
    expect((await request(port, { path: '/api/events?token=wrong' })).status).toBe(401);
  });

  it('pushes a doc.changed event on the event stream after a command call', async () => {
    let seq = -1;
    const got = nextEvent(port, token, (e) => e.type === 'doc.changed', () => {
      void api(port, 'cmd.rack.create', { roomId, name: 'SSE', xMm: 0, yMm: 0 }, { [HTTP_TOKEN_HEADER]: token }).then((r) => {
        seq = (JSON.parse(r.body) as { value: { seq: number } }).value.seq;
      });
    });
    const { event, contentType } = await got;
    expect(contentType).toBe('text/event-stream');
    expect(event).toMatchObject({ type: 'doc.changed', source: 'command', changes: [{ op: 'put', kind: 'racks', entity: { name: 'SSE' } }] });
    await expect.poll(() => seq).toBeGreaterThan(0);
    expect(event.type === 'doc.changed' && event.seq).toBe(seq);
  });

  /** Starts a report or export over HTTP and waits for its final progress event. */
  async function finishedJob(method: 'report.start' | 'export.start', args: unknown): Promise<{ jobId: string; filename: string; event: ApiEvent }> {
    const ends = new Map<string, ApiEvent>();
    const stop = services.onEvent((e) => {
      if (e.type === 'report.progress' && e.state !== 'running') ends.set(e.jobId, e);
    });
    try {
      const r = await api(port, method, args, { [HTTP_TOKEN_HEADER]: token });
      expect(r.status, r.body).toBe(200);
      const { jobId, filename } = (JSON.parse(r.body) as { value: { jobId: string; filename: string } }).value;
      await expect.poll(() => ends.has(jobId)).toBe(true);
      return { jobId, filename, event: ends.get(jobId)! };
    } finally {
      stop();
    }
  }

  it('hands a finished report over once at /download/<jobId>, only with the token', async () => {
    const { jobId, filename, event } = await finishedJob('report.start', { kind: 'design', format: 'html', lang: 'fr' });
    expect(event).toMatchObject({ state: 'done', done: 100, result: { filename, mime: 'text/html; charset=utf-8' } });
    expect(filename).toBe('Web - rapport de conception.html');
    expect((await request(port, { path: `/download/${jobId}` })).status).toBe(401);
    expect((await request(port, { path: `/download/${jobId}?token=wrong` })).status).toBe(401);
    expect((await request(port, { path: `/download/${jobId}`, headers: { [HTTP_TOKEN_HEADER]: `${token}x` } })).status).toBe(401);
    const r = await request(port, { path: `/download/${jobId}`, headers: { [HTTP_TOKEN_HEADER]: token } });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-disposition']).toBe(`attachment; filename="Web - rapport de conception.html"; filename*=UTF-8''Web%20-%20rapport%20de%20conception.html`);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['content-security-policy']).toContain('sandbox');
    expect(Number(r.headers['content-length'])).toBe(Buffer.byteLength(r.body));
    expect(Number(r.headers['content-length'])).toBe((event as { result: { bytes: number } }).result.bytes);
    expect(r.body).toMatch(/^<!doctype html>/i);
    expect(r.body).toContain('<html lang="fr"');
    // The revision history is read from the open (exclusively locked) project: its room.create is in it.
    expect(r.body).toContain(commandLabel('fr', 'room.create'));
    // Once: the second request finds nothing.
    expect((await request(port, { path: `/download/${jobId}`, headers: { [HTTP_TOKEN_HEADER]: token } })).status).toBe(404);
  });

  it('takes the token in the query for a plain link, and answers 404 to unknown or malformed job ids', async () => {
    const { jobId } = await finishedJob('export.start', { format: 'csv' });
    expect((await request(port, { path: `/download/${'0'.repeat(32)}?token=${encodeURIComponent(token)}` })).status).toBe(404);
    expect((await request(port, { path: `/download/../secret.txt?token=${encodeURIComponent(token)}` })).status).not.toBe(200);
    expect((await request(port, { path: `/download/nope?token=${encodeURIComponent(token)}` })).status).toBe(404);
    const r = await request(port, { path: `/download/${jobId}?token=${encodeURIComponent(token)}` });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/zip');
    expect(r.headers['content-disposition']).toContain('filename="Web - CSV.zip"');
    expect(r.body.startsWith('PK\u0003\u0004')).toBe(true);
  });

  it('refuses a download from another Origin, and a path to write to in browser mode', async () => {
    const { jobId } = await finishedJob('report.start', { kind: 'design', format: 'html' });
    const r = await request(port, { path: `/download/${jobId}`, headers: { [HTTP_TOKEN_HEADER]: token, origin: 'https://evil.example' } });
    expect(r.status).toBe(403);
    const withPath = await api(port, 'report.start', { kind: 'design', format: 'html', path: path.join(dir, 'x.html') }, { [HTTP_TOKEN_HEADER]: token });
    expect(withPath.status).toBe(422);
    expect(JSON.parse(withPath.body)).toMatchObject({ ok: false, error: { code: 'unsupported', field: 'path' } });
    expect(fs.existsSync(path.join(dir, 'x.html'))).toBe(false);
  });
});

// ------------------------------------------------------------------ the real server, when the renderer has been built

describe.skipIf(!RENDERER_BUILT)('startServer (needs out/renderer/index.html)', () => {
  let dir: string;
  let running: RunningServer | null = null;
  let previousSkip: string | undefined;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-serve-'));
    previousSkip = process.env.PLENUM_SKIP_RENDERER_BUILD;
    // Use the built renderer as it is; never start a Vite build from a test.
    process.env.PLENUM_SKIP_RENDERER_BUILD = '1';
  });

  afterEach(async () => {
    await running?.close();
    running = null;
    if (previousSkip === undefined) delete process.env.PLENUM_SKIP_RENDERER_BUILD;
    else process.env.PLENUM_SKIP_RENDERER_BUILD = previousSkip;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function start(): Promise<{ port: number; token: string }> {
    const file = path.join(dir, 'served.plenum');
    ProjectStore.create(file, { name: 'Served' }).close();
    running = await startServer({ file, port: 0, userDataDir: path.join(dir, 'user-data') });
    const url = new URL(running.url);
    return { port: Number(url.port), token: running.token };
  }

  it('listens on 127.0.0.1 only and prints a URL carrying the token', async () => {
    const { port, token } = await start();
    const url = new URL(running!.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.searchParams.get('token')).toBe(token);
    expect(port).toBeGreaterThan(0);
    const external = Object.values(os.networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) {
      const r = await request(port, { host: external.address, path: '/', headers: { host: `127.0.0.1:${port}` } });
      expect(r.status).toBe(0);
      expect(r.error).toMatch(/ECONNREFUSED/);
    }
  });

  it('answers the API only with the token', async () => {
    const { port, token } = await start();
    expect((await api(port, 'project.current', {})).status).toBe(401);
    const ok = await api(port, 'project.current', {}, { [HTTP_TOKEN_HEADER]: token });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { name: 'Served' } });
  });

  it('serves the built index.html with the CSP header and refuses path traversal', async () => {
    const { port } = await start();
    const page = await request(port, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const pkg = fs.readFileSync(path.join(REPO, 'package.json'), 'utf8');
    for (const p of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/..%2f..%2fpackage.json']) {
      const r = await request(port, { path: p });
      expect([403, 404], p).toContain(r.status);
      expect(r.body).not.toBe(pkg);
    }
  });
});
