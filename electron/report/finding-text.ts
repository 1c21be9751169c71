/**
 * Findings in the report's language, from the app's own findings strings
 * (renderer/src/i18n/features/findings.*.json), so the printed report says what the findings panel
 * says. English reports keep core's English message exactly. The param formatting follows
 * renderer/src/findings/findingText.ts (which cannot be imported here: it pulls in React hooks),
 * always in metric units, the report's units.
 */
import i18next, { type TFunction } from 'i18next';
import type { Finding } from '../../core/rules/finding';
import type { Lang } from '../../core/report/i18n';
import findingsEn from '../../renderer/src/i18n/features/findings.en.json';
import findingsFr from '../../renderer/src/i18n/features/findings.fr.json';

let instance: ReturnType<typeof i18next.createInstance> | undefined;

function tFor(lang: Lang): TFunction {
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({ resources: { en: { translation: findingsEn }, fr: { translation: findingsFr } }, lng: 'en', fallbackLng: 'en', initAsync: false, interpolation: { escapeValue: false } });
  }
  return instance.getFixedT(lang);
}

function params(f: Finding, t: TFunction, lang: Lang): Record<string, string | number> {
  const num = (v: number, digits: number) => new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(v);
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(f.params)) {
    if (typeof value === 'number' && key.endsWith('Mm')) out[key] = value >= 1000 ? `${num(value / 1000, 2)}\u00a0m` : `${num(value, 0)}\u00a0mm`;
    else if (typeof value === 'number' && key.endsWith('Deg')) out[key] = `${num(value, 0)}°`;
    else if (typeof value === 'number' && key.endsWith('KgM2')) out[key] = `${num(value, 0)}\u00a0kg/m²`;
    else if (typeof value === 'number' && key.endsWith('Kg')) out[key] = `${num(value, 0)}\u00a0kg`;
    else if (typeof value === 'number' && key.endsWith('W')) out[key] = `${num(value / 1000, value >= 100_000 ? 0 : 1)}\u00a0kW`;
    else if (typeof value === 'number' && key.endsWith('C')) out[key] = `${num(value, 1)}\u00a0°C`;
    else if (typeof value === 'number' && (key === 'pct' || key.endsWith('Pct'))) out[key] = num(value, 0);
    else if (typeof value === 'string' && key.endsWith('Kind')) out[key] = t(`findings.kind.${value}`, { defaultValue: value });
    else out[key] = value;
  }
  const p = f.params;
  if (typeof p.quantityKind === 'string') {
    const humidity = p.quantityKind === 'humidity';
    for (const key of ['value', 'limit'] as const) {
      const v = p[key];
      if (typeof v === 'number') out[key] = humidity ? t('findings.unit.rh', { value: num(v, 0) }) : `${num(v, 1)}\u00a0°C`;
    }
    if (p.side === 'low' || p.side === 'high') out.direction = t(`findings.kind.${p.side === 'low' ? 'below' : 'above'}`);
  }
  if (p.side === 'A' || p.side === 'B') out.otherSide = p.side === 'A' ? 'B' : 'A';
  if (typeof p.shown === 'string' && typeof p.more === 'number') out.racks = p.more > 0 ? `${p.shown} ${t('findings.andMore', { count: p.more })}` : p.shown;
  if (typeof p.where === 'string' && typeof p.room === 'string') {
    if (typeof p.zone === 'string' && p.zone !== '') out.where = t('findings.where.zone', { zone: p.zone, room: p.room });
    else if (typeof p.rack === 'string' && p.rack !== '') out.where = t('findings.where.rack', { rack: p.rack });
    else out.where = p.room;
  }
  return out;
}

/** A translator for the report builder; undefined for English (core's messages are English). */
export function findingTranslator(lang: Lang): ((f: Finding) => { message: string; hint: string }) | undefined {
  if (lang === 'en') return undefined;
  const t = tFor(lang);
  return (f) => {
    const ps = params(f, t, lang);
    const message = String(t(`findings.${f.rule}.${f.variant}`, { ...ps, defaultValue: f.message }));
    const hint = f.hint ? String(t([`findings.${f.rule}.hints.${f.variant}`, `findings.${f.rule}.hint`], { ...ps, defaultValue: f.hint })) : '';
    return { message: message.charAt(0).toLocaleUpperCase(lang) + message.slice(1), hint };
  };
}
