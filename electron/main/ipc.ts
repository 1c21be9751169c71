/**
 * The IPC side of the API contract (core/api.ts): one `ipcMain.handle` channel per method,
 * `plenum:<method>`, and one event channel, `plenum:event`, from main to the window.
 *
 * Every call is checked before it reaches the services (STYLE.md §5, after VS Code's
 * ValidatedIpcMain): it must come from the main frame of Plenum's own window, showing a trusted
 * origin (`app://plenum`, or the dev server in development). Anything else — an iframe, a page
 * that navigated away, another webContents — gets `{ok: false, error: {code: 'forbidden'}}`.
 * Arguments are then validated by AppServices.handle with the method's zod schema.
 */
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { ipcMain } from 'electron';
import type { ApiEvent, ApiResponse } from '../../core/api';
import { API_METHOD_NAMES, IPC_EVENT_CHANNEL, IPC_PREFIX } from '../../core/api';
import { serializeError } from '../../core/model/errors';
import { isTrustedRendererUrl } from './trust';

export interface IpcServices {
  handle(method: string, args: unknown): Promise<ApiResponse<unknown>>;
  onEvent(listener: (e: ApiEvent) => void): () => void;
}

export interface IpcOptions {
  services: IpcServices;
  /** The window allowed to call; null while there is none (macOS, all windows closed). */
  getWindow(): BrowserWindow | null;
  /** Trusted renderer origins (trust.ts). */
  origins: readonly string[];
}

/** Why a sender is refused, or null when it is Plenum's own page. */
export function senderProblem(event: IpcMainInvokeEvent, win: BrowserWindow | null, origins: readonly string[]): string | null {
  if (!win || win.isDestroyed()) return 'no window';
  const contents = win.webContents;
  if (event.sender !== contents) return 'not the main window';
  const frame = event.senderFrame;
  if (!frame) return 'the frame is gone';
  const main = contents.mainFrame;
  if (frame.parent !== null || frame.processId !== main.processId || frame.routingId !== main.routingId) return 'not the main frame';
  if (!isTrustedRendererUrl(frame.url, origins)) return `untrusted origin ${frame.url}`;
  return null;
}

/** Registers every channel; returns a function that removes them (and the event forwarder). */
export function registerIpc(options: IpcOptions): () => void {
  const channels: string[] = [];
  for (const method of API_METHOD_NAMES) {
    const channel = IPC_PREFIX + method;
    ipcMain.handle(channel, async (event, args: unknown): Promise<ApiResponse<unknown>> => {
      const problem = senderProblem(event, options.getWindow(), options.origins);
      if (problem) {
        console.warn(`Plenum: refused IPC ${method}: ${problem}`);
        return { ok: false, error: { code: 'forbidden', message: `Plenum refused the call ${method}: ${problem}` } };
      }
      try {
        return await options.services.handle(method, args);
      } catch (err) {
        // AppServices.handle never throws; this is the last line so IPC never rejects.
        return { ok: false, error: serializeError(err) };
      }
    });
    channels.push(channel);
  }

  const stopForwarding = options.services.onEvent((event) => sendToRenderer(options.getWindow(), event, options.origins));

  return () => {
    stopForwarding();
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/** Pushes an event to the window's page, if there is one and it is still Plenum's own page. */
export function sendToRenderer(win: BrowserWindow | null, event: ApiEvent, origins: readonly string[]): void {
  if (!win || win.isDestroyed() || win.webContents.isDestroyed()) return;
  if (!isTrustedRendererUrl(win.webContents.getURL(), origins)) return;
  win.webContents.send(IPC_EVENT_CHANNEL, event);
}
