import type { ApiEvent, ApiResponse } from '../../../core/api';
import { HTTP_DOWNLOAD_PREFIX, HTTP_TOKEN_HEADER, HTTP_TOKEN_QUERY } from '../../../core/api';
import type { Transport, TransportListeners } from './transport';

const TOKEN_STORAGE_KEY = 'plenum.token';

/**
 * Splits the session token off a page URL. `plenum serve` opens `http://127.0.0.1:PORT/?token=…#/…`;
 * the token must not stay in the address bar (screenshots, bookmarks), the hash route must.
 */
export function extractToken(href: string): { token: string | null; cleanUrl: string } {
  const url = new URL(href);
  const token = url.searchParams.get(HTTP_TOKEN_QUERY);
  url.searchParams.delete(HTTP_TOKEN_QUERY);
  const query = url.searchParams.toString();
  return { token: token && token.length > 0 ? token : null, cleanUrl: `${url.pathname}${query ? `?${query}` : ''}${url.hash}` };
}

/**
 * Reads the token once from the URL, keeps it in sessionStorage so a reload (which no longer has it
 * in the URL) still works, and removes it from the visible URL.
 */
export function takeBrowserToken(): string | null {
  const { token, cleanUrl } = extractToken(window.location.href);
  if (token) {
    try {
      window.sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
    } catch {
      // Storage can be disabled; the token then lives only as long as this page.
    }
    window.history.replaceState(window.history.state, '', cleanUrl);
    return token;
  }
  try {
    return window.sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}

function networkError(method: string, err: unknown): ApiResponse<unknown> {
  const why = err instanceof Error ? err.message : String(err);
  return { ok: false, error: { code: 'io', message: `Cannot reach the Plenum server (${method}): ${why}` } };
}

/** Browser mode: `POST /api/<method>` with the token header; events over SSE at `/api/events`. */
export function httpTransport(token: string | null): Transport {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers[HTTP_TOKEN_HEADER] = token;

  return {
    mode: 'browser',
    async invoke(method, args) {
      let res: Response;
      try {
        res = await fetch(`/api/${method}`, { method: 'POST', headers, body: JSON.stringify(args ?? {}), cache: 'no-store' });
      } catch (err) {
        return networkError(method, err);
      }
      const text = await res.text();
      try {
        const body = JSON.parse(text) as ApiResponse<unknown>;
        if (body && typeof body === 'object' && 'ok' in body) return body;
      } catch {
        // Fall through: not an ApiResponse (a proxy page, an HTML 404…).
      }
      return {
        ok: false,
        error: {
          code: res.status === 401 || res.status === 403 ? 'forbidden' : 'internal',
          message: `The server answered ${res.status} ${res.statusText} to ${method}${res.status === 401 || res.status === 403 ? ' (the session token is missing or wrong: reopen the link printed by plenum serve)' : ''}`,
        },
      };
    },

    async download(jobId: string) {
      // The token goes in a header, not the URL, so it never lands in the browser's download list.
      const res = await fetch(`${HTTP_DOWNLOAD_PREFIX}${encodeURIComponent(jobId)}`, { headers: token ? { [HTTP_TOKEN_HEADER]: token } : {}, cache: 'no-store' });
      if (!res.ok) {
        let message = `${res.status} ${res.statusText}`;
        try {
          message = ((await res.json()) as { error?: { message?: string } }).error?.message ?? message;
        } catch {
          // Not JSON: keep the status line.
        }
        throw new Error(message);
      }
      return res.blob();
    },

    subscribe(listeners: TransportListeners) {
      let source: EventSource | null = null;
      let retryTimer: ReturnType<typeof setTimeout> | undefined;
      let opened = false;
      let closed = false;
      let delayMs = 1000;

      const url = `/api/events${token ? `?${HTTP_TOKEN_QUERY}=${encodeURIComponent(token)}` : ''}`;
      const connect = () => {
        if (closed) return;
        source = new EventSource(url);
        source.onopen = () => {
          delayMs = 1000;
          listeners.onConnectionChange(true);
          // The first open is the initial connection; any later one follows a gap.
          if (opened) listeners.onReconnect();
          opened = true;
        };
        source.onmessage = (msg: MessageEvent<string>) => {
          let event: ApiEvent;
          try {
            event = JSON.parse(msg.data) as ApiEvent;
          } catch {
            return;
          }
          if (event && typeof event === 'object' && typeof event.type === 'string') listeners.onEvent(event);
        };
        source.onerror = () => {
          listeners.onConnectionChange(false);
          // EventSource retries by itself while CONNECTING; once CLOSED (e.g. an HTTP error) it gives up, so we retry.
          if (source?.readyState === EventSource.CLOSED) {
            source.close();
            retryTimer = setTimeout(connect, delayMs);
            delayMs = Math.min(delayMs * 2, 15000);
          }
        };
      };
      connect();
      return () => {
        closed = true;
        clearTimeout(retryTimer);
        source?.close();
      };
    },
  };
}
