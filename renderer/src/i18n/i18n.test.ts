import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../../core/commands';
import type { Tree } from './resources';
import { EN as en, FR as fr } from './resources';

/** Flattens to dotted keys, folding plural suffixes (_one, _many, _other) into the base key. */
function keys(tree: Tree, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = `${prefix}${k}`;
    if (typeof v === 'string') out.add(key.replace(/_(one|many|other)$/, ''));
    else for (const child of keys(v, `${key}.`)) out.add(child);
  }
  return out;
}

const sources = import.meta.glob(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

describe('translations', () => {
  it('French has every English key and no others', () => {
    const enKeys = keys(en as Tree);
    const frKeys = keys(fr as Tree);
    expect([...enKeys].filter((k) => !frKeys.has(k))).toEqual([]);
    expect([...frKeys].filter((k) => !enKeys.has(k))).toEqual([]);
  });

  it('has a label for every editing command, for the undo and redo tooltips', () => {
    const enKeys = keys(en as Tree);
    expect(COMMAND_NAMES.filter((name) => !enKeys.has(`command.${name}`))).toEqual([]);
  });

  it('defines every literal key the code uses', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    const enKeys = keys(en as Tree);
    const missing: string[] = [];
    for (const [file, text] of Object.entries(sources)) {
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) {
        if (!enKeys.has(m[1]!)) missing.push(`${file}: ${m[1]}`);
      }
      for (const m of text.matchAll(/labelKey: '([a-zA-Z0-9_.-]+)'/g)) {
        if (!enKeys.has(m[1]!)) missing.push(`${file}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('keeps interpolation placeholders the same in both languages', () => {
    const flat = (tree: Tree, prefix = ''): Record<string, string> =>
      Object.fromEntries(Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v]] : Object.entries(flat(v, `${prefix}${k}.`)))));
    const enFlat = flat(en as Tree);
    const frFlat = flat(fr as Tree);
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const mismatched = Object.keys(enFlat).filter((k) => frFlat[k] !== undefined && JSON.stringify(vars(enFlat[k]!)) !== JSON.stringify(vars(frFlat[k]!)));
    expect(mismatched).toEqual([]);
  });
});
