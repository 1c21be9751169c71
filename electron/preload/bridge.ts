/**
 * The object the preload exposes as `window.plenum` (core/api.ts `PlenumBridge`). Kept free of
 * any Electron import so it is unit-tested under Node (bridge.test.ts); index.ts hands it the real
 * ipcRenderer.
 *
 * What the page gets is deliberately tiny (STYLE.md §5, after VS Code's preload):
 *  - `invoke` reaches only the channels named in API_METHOD_NAMES, each under IPC_PREFIX; any
 *    other name is refused here, before anything crosses to main (which checks again);
 *  - `onEvent` passes the event payload only, never Electron's IpcRendererEvent, whose `sender`
 *    is ipcRenderer itself;
 *  - ipcRenderer is never exposed.
 */
import type { ApiEvent, ApiResponse, PlenumBridge } from '../../core/api';
import { API_METHOD_NAMES, IPC_EVENT_CHANNEL, IPC_PREFIX } from '../../core/api';

/** The part of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

function refuse(message: string): Promise<ApiResponse<unknown>> {
  return Promise.resolve({ ok: false, error: { code: 'forbidden', message } });
}

export function createBridge(ipc: IpcRendererLike, methods: readonly string[] = API_METHOD_NAMES): PlenumBridge {
  const allowed = new Set<string>(methods);
  return Object.freeze({
    mode: 'electron' as const,
    invoke(method: string, args: unknown): Promise<ApiResponse<unknown>> {
      if (typeof method !== 'string' || !allowed.has(method)) {
        return refuse(`"${String(method)}" is not a Plenum API method`);
      }
      return ipc.invoke(IPC_PREFIX + method, args) as Promise<ApiResponse<unknown>>;
    },
    onEvent(listener: (event: ApiEvent) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('plenum.onEvent needs a function');
      const forward = (_event: unknown, payload: unknown) => listener(payload as ApiEvent);
      ipc.on(IPC_EVENT_CHANNEL, forward);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(IPC_EVENT_CHANNEL, forward);
      };
    },
  });
}
