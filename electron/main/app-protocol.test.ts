import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appResponseHeaders, CONTENT_SECURITY_POLICY, mimeTypeFor, resolveAppAssetPath } from './app-protocol';

const ROOT = path.resolve('/srv/plenum/out/renderer');
const inRoot = (...parts: string[]) => path.join(ROOT, ...parts);

describe('app:// asset resolution', () => {
  it('serves index.html for the bare origin', () => {
    expect(resolveAppAssetPath(ROOT, 'app://plenum/')).toBe(inRoot('index.html'));
    expect(resolveAppAssetPath(ROOT, 'app://plenum')).toBe(inRoot('index.html'));
  });

  it('maps paths inside the renderer folder, ignoring query and hash', () => {
    expect(resolveAppAssetPath(ROOT, 'app://plenum/assets/index-abc.js?v=1#x')).toBe(inRoot('assets', 'index-abc.js'));
    expect(resolveAppAssetPath(ROOT, 'app://plenum/fonts/Inter%20Var.woff2')).toBe(inRoot('fonts', 'Inter Var.woff2'));
  });

  it.each([
    'app://plenum/../../etc/passwd',
    'app://plenum/%2e%2e/%2e%2e/etc/passwd',
    'app://plenum/assets/..%2f..%2f..%2fetc%2fpasswd',
    'app://plenum/..%5c..%5cwindows%5cwin.ini',
    'app://plenum/assets/%2e%2e%5c%2e%2e%5csecret',
    'app://plenum/%2fetc%2fpasswd/../../..',
  ])('refuses to leave the renderer folder: %s', (url) => {
    const resolved = resolveAppAssetPath(ROOT, url);
    if (resolved !== null) expect(path.relative(ROOT, resolved).startsWith('..')).toBe(false);
  });

  it('refuses encoded traversal that decodes outside the folder', () => {
    expect(resolveAppAssetPath(ROOT, 'app://plenum/assets/..%2f..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolveAppAssetPath(ROOT, 'app://plenum/..%5c..%5cwindows%5cwin.ini')).toBeNull();
  });

  it('refuses other hosts, other schemes, NUL bytes and malformed escapes', () => {
    expect(resolveAppAssetPath(ROOT, 'app://evil/index.html')).toBeNull();
    expect(resolveAppAssetPath(ROOT, 'file:///etc/passwd')).toBeNull();
    expect(resolveAppAssetPath(ROOT, 'https://plenum/index.html')).toBeNull();
    expect(resolveAppAssetPath(ROOT, 'app://plenum/index.html%00.png')).toBeNull();
    expect(resolveAppAssetPath(ROOT, 'app://plenum/%E0%A4%A')).toBeNull();
    expect(resolveAppAssetPath(ROOT, 'not a url')).toBeNull();
  });
});

describe('app:// response headers', () => {
  it('carry the strict CSP on every response', () => {
    const csp = appResponseHeaders('text/html')['content-security-policy'];
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
      "connect-src 'self'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
  });

  it('set the content type and forbid sniffing', () => {
    const headers = appResponseHeaders(mimeTypeFor('a/b/index-x.js'));
    expect(headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(mimeTypeFor('model.unknown')).toBe('application/octet-stream');
    expect(mimeTypeFor('FONT.WOFF2')).toBe('font/woff2');
  });
});
