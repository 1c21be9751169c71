/**
 * Which pages Plenum trusts: the built renderer on `app://plenum`, and, only in an unpackaged
 * (development) run, the electron-vite dev server. Used for IPC sender validation (ipc.ts) and
 * for the navigation guard (security.ts). Pure, unit-tested in trust.test.ts.
 */
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from './app-protocol';

/**
 * The origin of `url` as Chromium computes it for our schemes. Node's URL reports `null` as the
 * origin of non-special schemes such as `app:`, while Chromium (with `standard: true`) gives
 * `app://plenum`, so that case is built by hand.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol === `${APP_SCHEME}:`) return parsed.host ? `${APP_SCHEME}://${parsed.host}` : null;
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.origin;
  return null;
}

/**
 * The renderer origins allowed to call the API and to be navigated to. `devServerUrl` must be
 * passed only when the app is not packaged: in a packaged app an environment variable must never
 * be able to hand the bridge to another origin.
 */
export function trustedOrigins(devServerUrl: string | undefined): string[] {
  const origins = [APP_ORIGIN];
  const dev = devServerUrl ? originOf(devServerUrl) : null;
  if (dev && /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(dev)) origins.push(dev);
  return origins;
}

export function isTrustedRendererUrl(url: string, origins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && origins.includes(origin);
}

/** True for `app://plenum/...` only: what the packaged window may ever show. */
export function isAppUrl(url: string): boolean {
  return originOf(url) === `${APP_SCHEME}://${APP_HOST}`;
}

/** Links the renderer may hand to the operating system's browser (after the allow-list check). */
export function isWebLink(url: string): boolean {
  const origin = originOf(url);
  return origin !== null && (origin.startsWith('https://') || origin.startsWith('http://'));
}
