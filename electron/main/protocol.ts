/**
 * Registration of the `app://` scheme (rules in app-protocol.ts).
 */
import fs from 'node:fs/promises';
import type { Session } from 'electron';
import { protocol } from 'electron';
import { APP_SCHEME, appResponseHeaders, mimeTypeFor, resolveAppAssetPath } from './app-protocol';

/**
 * Must run before `app` is ready. `standard` gives the scheme real origins and relative URL
 * resolution; `secure` makes it a secure context like https; `supportFetchAPI` lets the page
 * fetch its own assets. Deliberately not granted: `bypassCSP`, `corsEnabled`, `allowServiceWorkers`,
 * `stream`.
 */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

function plainResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: appResponseHeaders('text/plain; charset=utf-8') });
}

/** Serves files from `rootDir` (out/renderer) on `app://plenum/…`, for the given session. */
export function handleAppScheme(ses: Session, rootDir: string): void {
  ses.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plainResponse(405, 'Method not allowed');
    const file = resolveAppAssetPath(rootDir, request.url);
    if (!file) return plainResponse(403, 'Forbidden');
    try {
      const body = await fs.readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: appResponseHeaders(mimeTypeFor(file)) });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return plainResponse(404, 'Not found');
      console.error(`Plenum: could not serve ${request.url}`, err);
      return plainResponse(500, 'Internal error');
    }
  });
}
