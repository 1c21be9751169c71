import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES } from './catalog';
import { DEFAULT_SETTINGS } from '../capacity/settings';

const DOC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/rules.md');
const text = fs.readFileSync(DOC, 'utf8');

/** The rule ids documented in docs/rules.md: one `### \`rule-id\`` heading per rule. */
function documentedRules(markdown: string): string[] {
  return [...markdown.matchAll(/^### `([^`]+)`\s*$/gm)].map((m) => m[1]!);
}

/** The body of one rule's section: from its heading to the next heading. */
function section(markdown: string, id: string): string {
  const heading = `### \`${id}\``;
  const rest = markdown.slice(markdown.indexOf(heading) + heading.length);
  const end = rest.search(/^#{2,3} /m);
  return end < 0 ? rest : rest.slice(0, end);
}

describe('docs/rules.md', () => {
  it('has a section for every rule in the catalog', () => {
    const documented = new Set(documentedRules(text));
    expect(RULES.map((r) => r.id).filter((id) => !documented.has(id))).toEqual([]);
  });

  it('documents no rule that the catalog does not have, and none twice', () => {
    const ids = new Set(RULES.map((r) => r.id));
    const documented = documentedRules(text);
    expect(documented.filter((id) => !ids.has(id))).toEqual([]);
    expect(documented.length).toBe(new Set(documented).size);
  });

  it('gives every rule section the severities the catalog lists', () => {
    for (const rule of RULES) {
      const body = section(text, rule.id);
      const line = /\*\*Severity:\*\*\s+([^.]+)\./.exec(body);
      expect(line, `${rule.id} has no **Severity:** line`).not.toBeNull();
      for (const s of rule.severities) expect(line![1], rule.id).toContain(s);
    }
  });

  it('lists every rule setting with its default value', () => {
    for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
      expect(text, key).toMatch(new RegExp(`^\\| \`${key}\` \\| \`?${String(value).replace('.', '\\.')}\`? \\|`, 'm'));
    }
  });
});
