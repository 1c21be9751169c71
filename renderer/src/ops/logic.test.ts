import { describe, expect, it } from 'vitest';
import { emptySnapshot } from '../../../core/model/schema';
import { formatTemperature, toDisplayTemperature } from '../units';
import {
  assetChoices, bandPath, filterRows, linePath, linear, localInputToIso, niceTicks, parseRefKey, presetWindow, sortRows, tabOfRegister,
  temperatureDomain, zoomWindow,
} from './logic';

describe('register tables', () => {
  const rows = [{ n: 'UPS-2', v: 3 }, { n: 'ups-10', v: null }, { n: 'CRAH-1', v: 12 }, { n: 'Générateur', v: 1 }];

  it('sorts names naturally and numbers numerically, empty values last in both directions', () => {
    expect(sortRows(rows, (r) => r.n, 'asc').map((r) => r.n)).toEqual(['CRAH-1', 'Générateur', 'UPS-2', 'ups-10']);
    expect(sortRows(rows, (r) => r.v, 'asc').map((r) => r.v)).toEqual([1, 3, 12, null]);
    expect(sortRows(rows, (r) => r.v, 'desc').map((r) => r.v)).toEqual([12, 3, 1, null]);
  });

  it('filters on every word, ignoring case and accents', () => {
    expect(filterRows(rows, (r) => r.n, 'generat').map((r) => r.n)).toEqual(['Générateur']);
    expect(filterRows(rows, (r) => `${r.n} ${r.v}`, 'ups 10').map((r) => r.n)).toEqual(['ups-10']);
    expect(filterRows(rows, (r) => r.n, '  ')).toHaveLength(4);
  });
});

describe('navigation and assets', () => {
  it('sends backups and restore tests to the Backups tab', () => {
    expect(tabOfRegister('restore-test')).toBe('backups');
    expect(tabOfRegister('licence')).toBe('licences');
  });

  it('lists rooms before their racks and systems named in the registers', () => {
    const s = emptySnapshot();
    s.rooms['room:1'] = { id: 'room:1', name: 'Hall' } as never;
    s.racks['rack:1'] = { id: 'rack:1', name: 'A01', roomId: 'room:1' } as never;
    s.contacts['con:1'] = { id: 'con:1', name: 'X', role: 'on-call', escalationLevel: 1, assets: [{ assetKind: 'system', assetId: 'ERP' }] } as never;
    expect(assetChoices(s).map((c) => `${c.key}@${c.depth}`)).toEqual(['room:room:1@0', 'rack:rack:1@1', 'system:ERP@0']);
    expect(parseRefKey('rack:rack:1')).toEqual({ assetKind: 'rack', assetId: 'rack:1' });
    expect(parseRefKey('rack:')).toBeNull();
  });

  it('stamps a local date-time input with the offset of that moment', () => {
    const iso = localInputToIso('2026-07-01T10:30')!;
    expect(iso).toMatch(/^2026-07-01T10:30:00[+-]\d{2}:\d{2}$/);
    expect(new Date(iso).getTime()).toBe(new Date(2026, 6, 1, 10, 30).getTime());
    expect(localInputToIso('yesterday')).toBeNull();
  });
});

describe('environment chart', () => {
  it('ends a preset window at the last reading, and zooms around the centre', () => {
    expect(presetWindow('24h', 1_000_000, 5_000_000)).toEqual({ fromT: 1_000_001 - 86_400, toT: 1_000_001 });
    expect(presetWindow('all', 1_000_000, 5_000_000)).toEqual({});
    expect(zoomWindow(0, 1000, 0.5, 10)).toEqual({ fromT: 250, toT: 750 });
    expect(zoomWindow(0, 1000, 0.01, 600)).toEqual({ fromT: 200, toT: 800 });
  });

  it('breaks lines and bands at empty buckets', () => {
    const x = linear(0, 3, 0, 300);
    const y = linear(0, 10, 100, 0);
    expect(linePath([0, 1, 2, 3], [5, null, 5, 5], x, y)).toBe('M0.0 50.0M200.0 50.0L300.0 50.0');
    const band = bandPath([0, 1, 2, 3], [1, 1, null, 1], [2, 3, null, 2], x, y);
    expect(band.match(/Z/g)).toHaveLength(2);
  });

  it('keeps both envelopes and every reading inside the y domain', () => {
    expect(temperatureDomain([20, 35, null], { min: 15, max: 32 })).toEqual([14, 36]);
    expect(niceTicks(14, 36, 5)).toEqual([15, 20, 25, 30, 35]);
  });

  it('shows temperatures in °F with imperial units', () => {
    expect(formatTemperature(27, { system: 'imperial', locale: 'en' })).toBe('80.6\u00a0°F');
    expect(formatTemperature(27, { system: 'metric', locale: 'fr' })).toBe('27,0\u00a0°C');
    expect(toDisplayTemperature(5, 'imperial', true)).toBe(9);
  });
});
