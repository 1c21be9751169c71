/**
 * Session- and page-level guards from Electron's security checklist
 * (https://www.electronjs.org/docs/latest/tutorial/security). Each is explained in
 * docs/security.md. Installed once per session and on every web contents Electron creates.
 */
import type { Session, WebContents } from 'electron';
import { shell } from 'electron';
import { isAllowedExternalUrl } from '../services/app-services';
import { isTrustedRendererUrl, isWebLink } from './trust';

/**
 * Opens `url` in the user's browser if, and only if, it is on the allow-list shared with the
 * services layer (EXTERNAL_URL_ALLOW_LIST in electron/services/app-services.ts). This is the
 * app's single call to shell.openExternal.
 */
export async function openExternalSafely(url: string): Promise<boolean> {
  if (!isAllowedExternalUrl(url)) {
    console.warn(`Plenum: refused to open ${url}: not on the allow-list`);
    return false;
  }
  // The argument is not a literal, so Electronegativity asks for a manual review; reviewed: the
  // allow-list check above admits only https URLs under a handful of fixed prefixes.
  await shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
  return true;
}

/**
 * No web permission is ever granted: Plenum needs no camera, microphone, location,
 * notifications, MIDI, HID, USB, serial, clipboard-read or fullscreen-API access. Both the
 * asynchronous request and the synchronous check are answered "no", and device pickers too.
 */
export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_webContents, permission, callback) => {
    console.warn(`Plenum: denied the "${permission}" permission`);
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

/**
 * Per-page guards: no navigation away from the app, no new windows, no <webview>.
 * `origins` are the trusted renderer origins (trust.ts).
 */
export function hardenWebContents(contents: WebContents, origins: readonly string[]): void {
  // Main-frame navigation: only within the app (a reload, or the dev server in development).
  contents.on('will-navigate', (event) => {
    if (!isTrustedRendererUrl(event.url, origins)) {
      event.preventDefault();
      console.warn(`Plenum: blocked navigation to ${event.url}`);
    }
  });
  // Sub-frames: the same rule (the CSP already limits frames to 'self'), with one exception: the
  // Reports workspace's preview, a `<iframe sandbox srcdoc>` (no scripts, opaque origin), loads
  // as `about:srcdoc`. It is exactly that URL and never the main frame (docs/security.md).
  contents.on('will-frame-navigate', (event) => {
    if (isSrcdocSubFrame(event.url, event.isMainFrame)) return;
    if (!isTrustedRendererUrl(event.url, origins)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isTrustedRendererUrl(event.url, origins)) event.preventDefault();
  });
  // window.open, target=_blank, middle-click: never a new Electron window. An allow-listed web
  // link goes to the user's browser instead.
  contents.setWindowOpenHandler(({ url }) => {
    if (isWebLink(url)) void openExternalSafely(url);
    return { action: 'deny' };
  });
  // <webview> is disabled (webviewTag: false); refuse any attempt to attach one anyway.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

/** An inline (`srcdoc`) sub-frame: the report preview. Never true for the main frame. */
export function isSrcdocSubFrame(url: string, isMainFrame: boolean): boolean {
  return !isMainFrame && url === 'about:srcdoc';
}
