/**
 * The typed API client. `call('cmd.rack.create', {...})` is checked against core/api.ts: the
 * method name, its arguments and its result type. Refusals throw ApiError.
 */
import type { ApiArgs, ApiEvent, ApiMethod, ApiResult, PlenumBridge } from '../../../core/api';
import { electronTransport } from './ipc';
import { ApiError } from './errors';
import { httpTransport, takeBrowserToken } from './http';
import type { Transport, TransportListeners } from './transport';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    plenum?: PlenumBridge;
  }
}

let transport: Transport | null = null;

function detectTransport(): Transport {
  if (typeof window !== 'undefined' && window.plenum && typeof window.plenum.invoke === 'function') {
    return electronTransport(window.plenum);
  }
  return httpTransport(takeBrowserToken());
}

export function getTransport(): Transport {
  transport ??= detectTransport();
  return transport;
}

/** For tests and embedding: replace the transport. */
export function setTransport(next: Transport): void {
  transport = next;
}

export function apiMode(): 'electron' | 'browser' {
  return getTransport().mode;
}

export async function call<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResult<M>> {
  const response = await getTransport().invoke(method, args);
  if (!response.ok) throw new ApiError(method, response.error);
  return response.value as ApiResult<M>;
}

export function subscribe(listeners: TransportListeners): () => void {
  return getTransport().subscribe(listeners);
}

export type { ApiEvent, TransportListeners };
export { ApiError };
