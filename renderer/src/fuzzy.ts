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

function isWordStart(text: string, i: number): boolean {
  if (i === 0) return true;
  const prev = text[i - 1]!;
  return /[\s\-_/.:(]/.test(prev) || (prev === prev.toLowerCase() && text[i] !== text[i]!.toLowerCase());
}

export function fuzzyMatch(query: string, text: string): FuzzyMatch | null {
  const q = fold(query).replace(/\s+/g, '');
  if (q === '') return { score: 0, indexes: [] };
  const t = fold(text);
  // Foldings keep lengths for the Latin text we use, so indexes map back onto `text`.
  const indexes: number[] = [];
  let score = 0;
  let ti = 0;
  let prevMatch = -2;
  for (const ch of q) {
    let found = -1;
    // Prefer a word-start occurrence of this character if one comes before the next plain one ends the run.
    for (let j = ti; j < t.length; j++) {
      if (t[j] === ch) {
        if (j === prevMatch + 1 || isWordStart(text, j)) {
          found = j;
          break;
        }
        if (found === -1) found = j;
      }
    }
    if (found === -1) return null;
    if (found === prevMatch + 1) score += 5;
    if (isWordStart(text, found)) score += 8;
    score -= Math.min(found - ti, 10) * 0.5;
    indexes.push(found);
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
