/**
 * Colour by device role, shared by the rack elevation, the 3D view and the catalog. One hue per
 * role, mid-lightness so the same value reads on light and dark themes (views tint with it rather
 * than fill with it at full strength).
 */
import type { DeviceType } from '../../../core/model/schema';

export type DeviceRoleName = NonNullable<DeviceType['role']>;

export const ROLE_COLOURS: Readonly<Record<DeviceRoleName, string>> = {
  server: '#3b82f6',
  'gpu-server': '#8b5cf6',
  switch: '#10b981',
  router: '#14b8a6',
  firewall: '#ef4444',
  storage: '#f59e0b',
  'patch-panel': '#64748b',
  blanking: '#94a3b8',
  pdu: '#eab308',
  ups: '#f97316',
  'cable-manager': '#78716c',
  chassis: '#6366f1',
  other: '#a855f7',
};

export function roleOf(type: Pick<DeviceType, 'role'> | undefined): DeviceRoleName {
  return type?.role ?? 'other';
}

export function roleColour(type: Pick<DeviceType, 'role'> | undefined): string {
  return ROLE_COLOURS[roleOf(type)];
}
