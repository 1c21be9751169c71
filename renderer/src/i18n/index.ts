/**
 * i18next with the English and French resources bundled (the app is offline). The language follows
 * the `language` preference; keys for command labels are `command.<command name>`.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Preferences } from '../../../core/api';
import { EN, FR } from './resources';

export const resources = { en: { translation: EN }, fr: { translation: FR } } as const;

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export function setLanguage(language: Preferences['language']): void {
  if (i18n.language !== language) void i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

export function currentLocale(): string {
  return i18n.language || 'en';
}

/** Label of a command by name, e.g. `rack.create` → "Add rack". */
export function commandLabel(command: string): string {
  const key = `command.${command}`;
  return i18n.exists(key) ? i18n.t(key) : command;
}
