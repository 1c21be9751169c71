import { describe, expect, it } from 'vitest';
import { commandLabel } from './command-labels';

describe('commandLabel', () => {
  it("names steps with the app's command labels, in both languages", () => {
    expect(commandLabel('en', 'rack.create')).toBe('Add rack');
    expect(commandLabel('fr', 'rack.create')).toBe('Ajouter une baie');
    expect(commandLabel('en', 'no.such-command')).toBe('no.such-command');
  });
});
