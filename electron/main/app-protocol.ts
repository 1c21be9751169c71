/**
 * The `app://` scheme that serves the built renderer (out/renderer) to the window, instead of
 * `file://` (Electron security checklist, item 18: a custom protocol gives the page a real,
 * narrow origin and lets us attach security headers to every response).
 *
 * Pure: no Electron import, so the path and header rules are unit-tested under Node
 * (app-protocol.test.ts). index.ts registers the handler with `protocol.handle`.
 */
import path from 'node:path';

export const APP_SCHEME = 'app';
/** A standard scheme needs a host; there is only one. */
export const APP_HOST = 'plenum';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.glb': 'model/gltf-binary',
  '.gltf': 'model/gltf+json',
};

export function mimeTypeFor(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps an `app://plenum/...` request URL to a file inside `rootDir`, or `null` when the request
 * must be refused: another scheme or host, an undecodable or NUL-carrying path, or a path that
 * resolves outside `rootDir` (`..`, encoded `%2e%2e%2f`, backslashes, absolute or drive paths).
 * The check runs after percent-decoding, on the final resolved path, so no encoding trick can
 * step out of the folder.
 */
export function resolveAppAssetPath(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  if (pathname === '' || pathname === '/') pathname = '/index.html';
  const root = path.resolve(rootDir);
  // Treat both separators as separators on every platform, then resolve relative to the root.
  const relative = pathname.replace(/\\/g, '/').replace(/^\/+/, '');
  const resolved = path.resolve(root, relative);
  const inside = path.relative(root, resolved);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return null;
  return resolved;
}

/**
 * Headers on every `app://` response. The CSP is the page's real policy (index.html also carries
 * a <meta> copy for browser mode; a header can additionally set `frame-ancestors`). The policy is
 * written as a literal assignment to `content-security-policy` on purpose: that is the pattern
 * Electronegativity's CSP check recognises, so the scan verifies this policy instead of reporting
 * "no CSP found".
 */
export function appResponseHeaders(mimeType: string): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': mimeType,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cache-control': 'no-cache',
  };
  headers['content-security-policy'] = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  return headers;
}

export const CONTENT_SECURITY_POLICY = appResponseHeaders('text/html')['content-security-policy']!;
