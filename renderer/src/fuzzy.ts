/**
 * Fuzzy matching for the command palette, in the spirit of VS Code's: every query character must
 * appear in order; matches at word starts and consecutive runs score higher. Pure.
 */

export interface FuzzyMatch {
  score: number;
  /** Indexes of the matched characters in the text, for highlighting. */
  indexes: number[];
}

function fold(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/**
 * The folded text and, for each of its characters, the index of the character of `text` it came
 * from: folding can change lengths ("…" becomes "...", "ﬁ" becomes "fi"), so positions in the
 * folded text are not positions in the label.
 */
function foldWithMap(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A surrogate pair folds as one character.
    const ch = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? text.slice(i, i + 2) : text[i]!;
    const f = fold(ch);
    for (let k = 0; k < f.length; k++) origin.push(i);
    folded += f;
    i += ch.length - 1;
  }
  return { folded, origin };
}

function isWordStart(text: string, i: number): boolean {
  if (i === 0) return true;
  const prev = text[i - 1]!;
  const cur = text[i] ?? '';
  return /[\s\-_/.:(]/.test(prev) || (prev === prev.toLowerCase() && cur !== cur.toLowerCase());
}

export function fuzzyMatch(query: string, text: string): FuzzyMatch | null {
  const q = fold(query).replace(/\s+/g, '');
  if (q === '') return { score: 0, indexes: [] };
  const { folded: t, origin } = foldWithMap(text);
  const wordStart = (j: number) => (j === 0 || origin[j] !== origin[j - 1]) && isWordStart(text, origin[j]!);
  const indexes: number[] = [];
  let score = 0;
  let ti = 0;
  let prevMatch = -2;
  for (const ch of q) {
    let found = -1;
    // Prefer a word-start occurrence of this character if one comes before the next plain one ends the run.
    for (let j = ti; j < t.length; j++) {
      if (t[j] === ch) {
        if (j === prevMatch + 1 || wordStart(j)) {
          found = j;
          break;
        }
        if (found === -1) found = j;
      }
    }
    if (found === -1) return null;
    if (found === prevMatch + 1) score += 5;
    if (wordStart(found)) score += 8;
    score -= Math.min(found - ti, 10) * 0.5;
    // Highlight positions are in the label, once per label character.
    if (indexes[indexes.length - 1] !== origin[found]) indexes.push(origin[found]!);
    prevMatch = found;
    ti = found + 1;
  }
  if (t.startsWith(q)) score += 10;
  // Shorter labels win ties.
  score -= t.length * 0.05;
  return { score, indexes };
}

/** Filters and sorts items by how well `label(item)` matches the query; stable for equal scores. */
export function fuzzyFilter<T>(items: readonly T[], query: string, label: (item: T) => string): Array<{ item: T; match: FuzzyMatch }> {
  const out: Array<{ item: T; match: FuzzyMatch; order: number }> = [];
  items.forEach((item, order) => {
    const match = fuzzyMatch(query, label(item));
    if (match) out.push({ item, match, order });
  });
  if (query.trim() !== '') out.sort((a, b) => b.match.score - a.match.score || a.order - b.order);
  return out.map(({ item, match }) => ({ item, match }));
}
