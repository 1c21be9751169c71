/**
 * Findings in the report's language, from the app's own findings strings
 * (renderer/src/i18n/features/findings.*.json), so the printed report says what the findings panel
 * says, formatted by the same code (core/rules/finding-format.ts), always in metric units.
 * English reports keep core's English message exactly.
 */
import i18next from 'i18next';
import type { Finding } from '../../core/rules/finding';
import { findingHint, findingText, type ParamFormatters, type Translate } from '../../core/rules/finding-format';
import type { Lang } from '../../core/report/i18n';
import findingsEn from '../../renderer/src/i18n/features/findings.en.json';
import findingsFr from '../../renderer/src/i18n/features/findings.fr.json';

let instance: ReturnType<typeof i18next.createInstance> | undefined;

function tFor(lang: Lang) {
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({ resources: { en: { translation: findingsEn }, fr: { translation: findingsFr } }, lng: 'en', fallbackLng: 'en', initAsync: false, interpolation: { escapeValue: false } });
  }
  return instance.getFixedT(lang);
}

/** The report's units: always metric, in the report's language. */
function metric(lang: Lang): ParamFormatters {
  const num = (v: number, digits: number) => new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(v);
  return {
    length: (mm) => (mm >= 1000 ? `${num(mm / 1000, 2)}\u00a0m` : `${num(mm, 0)}\u00a0mm`),
    degrees: (deg) => `${num(deg, 0)}°`,
    power: (w) => `${num(w / 1000, w >= 100_000 ? 0 : 1)}\u00a0kW`,
    mass: (kg) => `${num(kg, 0)}\u00a0kg`,
    floorLoad: (v) => `${num(v, 0)}\u00a0kg/m²`,
    temperature: (c) => `${num(c, 1)}\u00a0°C`,
    percent: (p) => num(p, 0),
  };
}

/** A translator for the report builder; undefined for English (core's messages are English). */
export function findingTranslator(lang: Lang): ((f: Finding) => { message: string; hint: string }) | undefined {
  if (lang === 'en') return undefined;
  const t = tFor(lang) as unknown as Translate;
  const fmt = metric(lang);
  return (f) => ({ message: findingText(f, t, fmt), hint: f.hint ? findingHint(f, t, fmt) : '' });
}
