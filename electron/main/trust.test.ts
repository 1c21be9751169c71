import { describe, expect, it } from 'vitest';
import { isAppUrl, isTrustedRendererUrl, isWebLink, originOf, trustedOrigins } from './trust';

describe('trusted renderer origins', () => {
  it('trust only app://plenum when there is no dev server', () => {
    const origins = trustedOrigins(undefined);
    expect(origins).toEqual(['app://plenum']);
    expect(isTrustedRendererUrl('app://plenum/index.html', origins)).toBe(true);
    expect(isTrustedRendererUrl('app://plenum/assets/x.js?y#z', origins)).toBe(true);
    expect(isTrustedRendererUrl('app://other/index.html', origins)).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/', origins)).toBe(false);
    expect(isTrustedRendererUrl('file:///work/main/out/renderer/index.html', origins)).toBe(false);
    expect(isTrustedRendererUrl('about:blank', origins)).toBe(false);
    expect(isTrustedRendererUrl('', origins)).toBe(false);
  });

  it('add the dev server origin, exactly, when it is on this machine', () => {
    const origins = trustedOrigins('http://localhost:5173');
    expect(isTrustedRendererUrl('http://localhost:5173/src/main.tsx', origins)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', origins)).toBe(false);
    expect(isTrustedRendererUrl('https://localhost:5173/', origins)).toBe(false);
    expect(isTrustedRendererUrl('http://localhost.evil.com:5173/', origins)).toBe(false);
  });

  it('ignore a dev server URL that is not local', () => {
    expect(trustedOrigins('https://evil.example')).toEqual(['app://plenum']);
    expect(trustedOrigins('not a url')).toEqual(['app://plenum']);
  });

  it("compute app:// origins the way Chromium does, not Node's 'null'", () => {
    expect(originOf('app://plenum/a/b')).toBe('app://plenum');
    expect(originOf('https://www.ashrae.org/x')).toBe('https://www.ashrae.org');
    expect(originOf('javascript:alert(1)')).toBeNull();
    expect(isAppUrl('app://plenum/index.html')).toBe(true);
  });

  it('treat only http(s) URLs as web links', () => {
    expect(isWebLink('https://github.com/netbox-community/devicetype-library')).toBe(true);
    expect(isWebLink('file:///etc/passwd')).toBe(false);
    expect(isWebLink('smb://server/share')).toBe(false);
    expect(isWebLink('javascript:alert(1)')).toBe(false);
  });
});
