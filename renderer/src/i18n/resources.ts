/**
 * Translation resources: the base files (en.json, fr.json) plus one pair per feature in
 * features/<feature>.<lang>.json, deep-merged. Features own their files, so several people can
 * add strings at once without touching the same file.
 */
import en from './en.json';
import fr from './fr.json';

export type Tree = { [key: string]: string | Tree };

const featureFiles = import.meta.glob('./features/*.json', { eager: true, import: 'default' }) as Record<string, Tree>;

function deepMerge(target: Tree, source: Tree, where: string): Tree {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (typeof value === 'object' && typeof existing === 'object') deepMerge(existing, value, `${where}.${key}`);
    else if (existing !== undefined) throw new Error(`i18n: ${where}.${key} is defined twice`);
    else target[key] = typeof value === 'object' ? deepMerge({}, value, `${where}.${key}`) : value;
  }
  return target;
}

function build(lang: 'en' | 'fr', base: Tree): Tree {
  const out = deepMerge({}, base, lang);
  for (const [file, tree] of Object.entries(featureFiles).sort(([a], [b]) => a.localeCompare(b))) {
    if (file.endsWith(`.${lang}.json`)) deepMerge(out, tree, file);
  }
  return out;
}

export const EN: Tree = build('en', en as Tree);
export const FR: Tree = build('fr', fr as Tree);
