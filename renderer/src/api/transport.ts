import type { ApiEvent, ApiResponse } from '../../../core/api';

export interface TransportListeners {
  onEvent(event: ApiEvent): void;
  /** The event stream came back after a gap: events may have been missed, so reload state. */
  onReconnect(): void;
  onConnectionChange(connected: boolean): void;
}

/**
 * How calls and events cross to the main side: the Electron preload bridge (IPC) or the
 * `plenum serve` HTTP server. Both speak the same ApiResponse/ApiEvent shapes from core/api.ts.
 */
export interface Transport {
  readonly mode: 'electron' | 'browser';
  invoke(method: string, args: unknown): Promise<ApiResponse<unknown>>;
  subscribe(listeners: TransportListeners): () => void;
  /** Browser mode: a finished report or export, once (`GET /download/<jobId>`). Electron writes files itself. */
  download?(jobId: string): Promise<Blob>;
}
