import { describe, expect, it, vi } from 'vitest';
import type { ApiEvent } from '../../core/api';
import { API_METHOD_NAMES, IPC_EVENT_CHANNEL, IPC_PREFIX } from '../../core/api';
import type { IpcRendererLike } from './bridge';
import { createBridge } from './bridge';

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpc() {
  const listeners = new Map<string, Set<Listener>>();
  const ipc = {
    invoke: vi.fn(async (channel: string, args: unknown) => ({ ok: true, value: { channel, args } })),
    on: vi.fn((channel: string, l: Listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(l);
    }),
    removeListener: vi.fn((channel: string, l: Listener) => listeners.get(channel)?.delete(l)),
  } satisfies IpcRendererLike;
  const emit = (channel: string, payload: unknown) => {
    for (const l of listeners.get(channel) ?? []) l({ sender: 'the ipcRenderer object', ports: [] }, payload);
  };
  return { ipc, emit, listeners };
}

describe('the preload bridge', () => {
  it('forwards API methods to their own prefixed channel', async () => {
    const { ipc } = fakeIpc();
    const bridge = createBridge(ipc);
    expect(bridge.mode).toBe('electron');
    await expect(bridge.invoke('project.current', {})).resolves.toEqual({ ok: true, value: { channel: 'plenum:project.current', args: {} } });
    const command = API_METHOD_NAMES.find((m) => m.startsWith('cmd.'))!;
    await bridge.invoke(command, { x: 1 });
    expect(ipc.invoke).toHaveBeenLastCalledWith(IPC_PREFIX + command, { x: 1 });
  });

  it.each(['evil', 'plenum:project.open', '__proto__', 'constructor', 'project.open ', ''])('refuses "%s" without touching IPC', async (method) => {
    const { ipc } = fakeIpc();
    const result = await createBridge(ipc).invoke(method, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('refuses a non-string method name', async () => {
    const { ipc } = fakeIpc();
    const result = await createBridge(ipc).invoke({ toString: () => 'app.info' } as unknown as string, {});
    expect(result.ok).toBe(false);
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('passes event payloads only, never the IPC event (its sender is ipcRenderer)', () => {
    const { ipc, emit } = fakeIpc();
    const seen: unknown[][] = [];
    createBridge(ipc).onEvent((...args: unknown[]) => seen.push(args));
    const event: ApiEvent = { type: 'menu', action: 'file.open' };
    emit(IPC_EVENT_CHANNEL, event);
    expect(seen).toEqual([[event]]);
  });

  it('unsubscribes, once', () => {
    const { ipc, emit, listeners } = fakeIpc();
    const listener = vi.fn();
    const off = createBridge(ipc).onEvent(listener);
    off();
    off();
    emit(IPC_EVENT_CHANNEL, { type: 'menu', action: 'file.new' });
    expect(listener).not.toHaveBeenCalled();
    expect(ipc.removeListener).toHaveBeenCalledTimes(1);
    expect(listeners.get(IPC_EVENT_CHANNEL)?.size).toBe(0);
  });

  it('subscribes to nothing but the event channel', () => {
    const { ipc } = fakeIpc();
    createBridge(ipc).onEvent(() => {});
    expect(ipc.on.mock.calls.map(([c]) => c)).toEqual([IPC_EVENT_CHANNEL]);
    expect(() => createBridge(ipc).onEvent('x' as unknown as () => void)).toThrow(TypeError);
  });
});
