/**
 * The commissioning actor: who is walking, on which device, asked once and kept in the user's
 * preferences (prefs.cxActor). The device id is made once per install, the first time an actor
 * is saved, and then kept when the name changes (switching actor on the same tablet).
 */
import type { CxActorPref } from '../../../core/api';
import { call } from '../api/client';
import { useStore } from '../state/store';
import { localTimeWithOffset } from './logic';

export function currentActor(): CxActorPref | null {
  return useStore.getState().prefs.cxActor ?? null;
}

export function useActor(): CxActorPref | null {
  return useStore((s) => s.prefs.cxActor ?? null);
}

function newDeviceId(): string {
  const c = globalThis.crypto;
  return `dev-${c && 'randomUUID' in c ? c.randomUUID() : Math.random().toString(36).slice(2)}`;
}

export async function saveActor(who: { name: string; role: string; company: string }): Promise<CxActorPref> {
  const deviceId = currentActor()?.deviceId ?? newDeviceId();
  const prefs = await call('prefs.set', { cxActor: { ...who, deviceId } });
  useStore.getState().setPrefs(prefs);
  return prefs.cxActor!;
}

/** The `actor` argument of a cx command, stamped now. */
export function actorArg(actor: CxActorPref): { name: string; deviceId: string; at: string } {
  return { name: actor.name, deviceId: actor.deviceId, at: localTimeWithOffset() };
}
