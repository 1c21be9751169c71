import type { PlenumBridge } from '../../../core/api';
import type { Transport, TransportListeners } from './transport';

/** Electron: the preload exposes `window.plenum`; IPC cannot drop events, so there is no reconnect. */
export function electronTransport(bridge: PlenumBridge): Transport {
  return {
    mode: 'electron',
    invoke: (method, args) => bridge.invoke(method, args),
    subscribe(listeners: TransportListeners) {
      listeners.onConnectionChange(true);
      return bridge.onEvent((event) => listeners.onEvent(event));
    },
  };
}
