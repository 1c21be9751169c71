/**
 * Command labels for the revision history ("Add rack" rather than `rack.create`), from the app's
 * own command strings, so the report names a step the way the Edit menu does.
 */
import type { Lang } from '../../core/report/i18n';
import en from '../../renderer/src/i18n/en.json';
import fr from '../../renderer/src/i18n/fr.json';
import cxEn from '../../renderer/src/i18n/features/cx-commands.en.json';
import cxFr from '../../renderer/src/i18n/features/cx-commands.fr.json';
import elevationEn from '../../renderer/src/i18n/features/elevation.en.json';
import elevationFr from '../../renderer/src/i18n/features/elevation.fr.json';
import layoutEn from '../../renderer/src/i18n/features/layout-commands.en.json';
import layoutFr from '../../renderer/src/i18n/features/layout-commands.fr.json';
import placementEn from '../../renderer/src/i18n/features/placement.en.json';
import placementFr from '../../renderer/src/i18n/features/placement.fr.json';
import powerEn from '../../renderer/src/i18n/features/power.en.json';
import powerFr from '../../renderer/src/i18n/features/power.fr.json';

type Tree = { [key: string]: string | Tree };

const SOURCES: Record<Lang, unknown[]> = {
  en: [en, cxEn, elevationEn, layoutEn, placementEn, powerEn],
  fr: [fr, cxFr, elevationFr, layoutFr, placementFr, powerFr],
};

function lookup(tree: unknown, keys: readonly string[]): string | undefined {
  let node = tree;
  for (const k of keys) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Tree)[k];
  }
  return typeof node === 'string' ? node : undefined;
}

/** The label of a command (`rack.create` → "Add rack"), or the command itself when unknown. */
export function commandLabel(lang: Lang, command: string): string {
  // Undo and redo steps are logged as `undo:<command>` (electron/store/project-store.ts).
  const keys = ['command', ...command.split('.')];
  for (const source of SOURCES[lang]) {
    const label = lookup(source, keys);
    if (label) return label;
  }
  return command;
}
