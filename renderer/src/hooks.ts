import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from './state/store';
import type { LengthScale, UnitOptions } from './units';
import {
  formatArea, formatDegrees, formatPosition, formatLength, formatMass, formatNumber, formatPowerKw, formatU, lengthUnitLabel, massUnitLabel,
  parseDegrees, parseLength, parseMass, parsePowerKw, parseU,
} from './units';

/** Unit formatting and parsing bound to the current unit system and language. */
export function useUnits() {
  const system = useStore((s) => s.prefs.units);
  const { i18n } = useTranslation();
  const locale = i18n.language || 'en';
  return useMemo(() => {
    const opts: UnitOptions = { system, locale };
    return {
      opts,
      system,
      locale,
      length: (mm: number, scale: LengthScale = 'room') => formatLength(mm, opts, scale),
      parseLength: (text: string, scale: LengthScale = 'room') => parseLength(text, opts, scale),
      lengthUnit: (scale: LengthScale = 'room') => lengthUnitLabel(opts, scale),
      mass: (kg: number) => formatMass(kg, opts),
      parseMass: (text: string) => parseMass(text, opts),
      massUnit: () => massUnitLabel(opts),
      powerKw: (kw: number) => formatPowerKw(kw, locale),
      parsePowerKw: (text: string) => parsePowerKw(text, locale),
      area: (mm2: number) => formatArea(mm2, opts),
      u: (u: number) => formatU(u, locale),
      position: (u: number) => formatPosition(u, locale),
      parseU: (text: string) => parseU(text, locale),
      degrees: (deg: number) => formatDegrees(deg, locale),
      parseDegrees: (text: string) => parseDegrees(text, locale),
      number: (n: number, digits = 2) => formatNumber(n, locale, digits),
    };
  }, [system, locale]);
}

export type Units = ReturnType<typeof useUnits>;

/** Whether the open project accepts edits. */
export function useReadOnly(): boolean {
  return useStore((s) => s.project?.readOnly ?? true);
}
