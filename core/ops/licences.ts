/**
 * Licence compliance (issue 7 §3): units assigned against units bought, and expiry.
 * Over-allocation is an error (more cores, sockets or seats in use than bought); an expiry within
 * the lead time is a warning, a past expiry an error. A perpetual licence (no expiry) never expires.
 */
import type { Licence, LicenceAssignment } from '../model/schema';
import { daysBetween } from './dates';

export interface LicenceStatus {
  licenceId: string;
  used: number;
  free: number;
  overAllocated: boolean;
  /** Days until the last valid day (0: expires today; negative: expired). Undefined: perpetual. */
  expiresInDays?: number;
  expired: boolean;
  expiringSoon: boolean;
  /** Devices with an assignment. */
  devices: number;
}

export function licenceStatus(licence: Licence, assignments: readonly LicenceAssignment[], today: string, leadDays: number): LicenceStatus {
  let used = 0;
  const devices = new Set<string>();
  for (const a of assignments) {
    if (a.licenceId !== licence.id) continue;
    used += a.units;
    devices.add(a.deviceId);
  }
  const expiresInDays = licence.expiresOn ? daysBetween(today, licence.expiresOn) : undefined;
  const expired = expiresInDays !== undefined && expiresInDays < 0;
  return {
    licenceId: licence.id, used, free: licence.quantity - used, overAllocated: used > licence.quantity,
    ...(expiresInDays !== undefined ? { expiresInDays } : {}),
    expired, expiringSoon: !expired && expiresInDays !== undefined && expiresInDays <= leadDays, devices: devices.size,
  };
}

/** Groups assignments by licence once, for registers with many licences. */
export function licenceStatuses(licences: readonly Licence[], assignments: readonly LicenceAssignment[], today: string, leadDays: number): Map<string, LicenceStatus> {
  const by = new Map<string, LicenceAssignment[]>();
  for (const a of assignments) (by.get(a.licenceId) ?? by.set(a.licenceId, []).get(a.licenceId)!).push(a);
  return new Map(licences.map((l) => [l.id, licenceStatus(l, by.get(l.id) ?? [], today, leadDays)]));
}
