import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyMatch } from './fuzzy';

describe('fuzzyMatch', () => {
  it('matches characters in order, ignoring case and accents', () => {
    expect(fuzzyMatch('adr', 'Add rack')).not.toBeNull();
    expect(fuzzyMatch('pref', 'Préférences')).not.toBeNull();
    expect(fuzzyMatch('xyz', 'Add rack')).toBeNull();
  });

  it('reports the matched indexes for highlighting', () => {
    expect(fuzzyMatch('ar', 'Add rack')!.indexes).toEqual([0, 4]);
  });

  it('maps highlights back onto labels whose folding changes length (…, ligatures)', () => {
    // NFKD turns "…" into "..." : positions in the folded text are not positions in the label.
    const m = fuzzyMatch('checklists', 'Export… (reports and data) Add checklists');
    expect(m).not.toBeNull();
    const label = 'Export… (reports and data) Add checklists';
    expect(m!.indexes.map((i) => label[i]).join('')).toBe('checklists');
    expect(fuzzyMatch('ad', 'Export…')).toBeNull();
    const lig = fuzzyMatch('fil', 'Proﬁle ﬁlter');
    expect(lig!.indexes.every((i) => i < 'Proﬁle ﬁlter'.length)).toBe(true);
  });

  it('scores word starts above scattered letters', () => {
    const wordStarts = fuzzyMatch('ar', 'Add rack')!.score;
    const scattered = fuzzyMatch('ar', 'Toggle theme for bar')!.score;
    expect(wordStarts).toBeGreaterThan(scattered);
  });
});

describe('fuzzyFilter', () => {
  it('keeps the original order for an empty query', () => {
    const items = ['Undo', 'Redo', 'Add room'];
    expect(fuzzyFilter(items, '', (s) => s).map((r) => r.item)).toEqual(items);
  });

  it('puts the best match first', () => {
    const items = ['Toggle theme', 'Add rack', 'Add room', 'Redo'];
    expect(fuzzyFilter(items, 'add ro', (s) => s)[0]!.item).toBe('Add room');
    expect(fuzzyFilter(items, 'redo', (s) => s)[0]!.item).toBe('Redo');
  });
});
