import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { AttentionItem } from '../../../core/ops/attention';
import { EN, FR } from '../i18n/resources';
import { buildTimeline } from '../../../core/ops/timeline';
import { emptySnapshot } from '../../../core/model/schema';
import { attentionText, formatBytes, formatDay, timelineText } from './format';

async function tOf(lng: 'en' | 'fr') {
  const i = i18next.createInstance();
  await i.init({ lng, resources: { en: { translation: EN }, fr: { translation: FR } }, interpolation: { escapeValue: false } });
  return i.t.bind(i);
}

const item = (code: AttentionItem['code'], params: AttentionItem['params']): AttentionItem => ({
  id: 'x', register: 'maintenance', code, severity: 'overdue', message: 'CLI text', params, entity: { kind: 'maintenance', id: 'm' },
});

describe('attention messages', () => {
  it('builds the sentence from the code and params, with plurals, in English and French', async () => {
    const en = await tOf('en');
    const fr = await tOf('fr');
    const missed = item('maintenance-overdue', { title: 'UPS PM', asset: 'UPS-A', dueDate: '2026-07-28', missed: 2, inDays: -120 });
    expect(attentionText(missed, en, { system: 'metric', locale: 'en' })).toBe('UPS PM on UPS-A is overdue since Jul 28, 2026 (2 occurrences missed)');
    expect(attentionText({ ...missed, params: { ...missed.params, missed: 1 } }, en, { system: 'metric', locale: 'en' })).toBe('UPS PM on UPS-A is overdue since Jul 28, 2026');
    expect(attentionText(missed, fr, { system: 'metric', locale: 'fr' })).toBe('UPS PM sur UPS-A est en retard depuis le 28 juil. 2026 (2 occurrences manquées)');
  });

  it('shows an excursion’s temperature in the display unit', async () => {
    const en = await tOf('en');
    const x = item('excursion-outside', { sensor: 'T1', start: '2026-11-24T15:00:00.000Z', minutes: 105, crossed: 'temperature-high', maxTemperatureC: 33.5 });
    expect(attentionText(x, en, { system: 'imperial', locale: 'en' })).toContain('(max 92.3\u00a0°F)');
  });

  it('translates the metric of an over-allocated licence', async () => {
    const fr = await tOf('fr');
    const x = item('licence-over-allocated', { licence: 'VMware vSphere', used: 4, quantity: 2, metric: 'core', over: 2 });
    expect(attentionText(x, fr, { system: 'metric', locale: 'fr' })).toBe('VMware vSphere : 4 cœurs attribués, 2 acquis (2 en trop)');
  });
});

describe('formatting', () => {
  it('formats days without shifting them by the time zone, and sizes in decimal units', () => {
    expect(formatDay('2026-01-01', 'en')).toBe('Jan 1, 2026');
    expect(formatDay(undefined, 'en')).toBe('—');
    expect(formatBytes(1_250_000_000_000, 'en')).toBe('1.3\u00a0TB');
    expect(formatBytes(512, 'fr')).toBe('512\u00a0B');
  });
});

describe('timeline entries', () => {
  it('are worded in the user language from their code; hand-written events stay as written', async () => {
    const fr = await tOf('fr');
    const snap = emptySnapshot('T');
    snap.backupPolicies['bp'] = { id: 'bp', name: 'VMs', scope: 'all', assets: [], schedule: { every: 1, unit: 'day' }, retentionDays: 7, target: 'NAS', active: true };
    snap.backupRuns['r'] = { id: 'r', policyId: 'bp', kind: 'restore-test', startedAt: '2026-11-20T10:00:00Z', status: 'failed' };
    snap.opsEvents['e'] = { id: 'e', at: '2026-11-21T10:00:00Z', category: 'incident', severity: 'warning', title: 'CRAH-2 tripped' };
    const [event, run] = buildTimeline(snap, { nowMs: Date.parse('2026-11-25T00:00:00Z') });
    expect(run!.title).toBe('Restore test "VMs" failed');
    expect(timelineText(run!, fr, 'fr').title).toBe('Test de restauration « VMs » : Échouée');
    expect(timelineText(event!, fr, 'fr').title).toBe('CRAH-2 tripped');
  });
});
