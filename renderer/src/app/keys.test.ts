import { describe, expect, it } from 'vitest';
import { formatShortcut, matchesShortcut, parseShortcut } from './keys';

const key = (k: string, mods: Partial<{ ctrl: boolean; meta: boolean; shift: boolean; alt: boolean }> = {}) => ({
  key: k, ctrlKey: !!mods.ctrl, metaKey: !!mods.meta, shiftKey: !!mods.shift, altKey: !!mods.alt,
});

describe('shortcuts', () => {
  it('matches Mod as Ctrl on Windows and Linux and as Cmd on a Mac', () => {
    const undo = parseShortcut('Mod+Z');
    expect(matchesShortcut(key('z', { ctrl: true }), undo, false)).toBe(true);
    expect(matchesShortcut(key('z', { meta: true }), undo, true)).toBe(true);
    expect(matchesShortcut(key('z', { meta: true }), undo, false)).toBe(false);
    expect(matchesShortcut(key('z'), undo, false)).toBe(false);
  });

  it('tells Mod+Z from Mod+Shift+Z', () => {
    const undo = parseShortcut('Mod+Z');
    const redo = parseShortcut('Mod+Shift+Z');
    const event = key('Z', { ctrl: true, shift: true });
    expect(matchesShortcut(event, undo, false)).toBe(false);
    expect(matchesShortcut(event, redo, false)).toBe(true);
  });

  it('matches named keys', () => {
    expect(matchesShortcut(key('Delete'), parseShortcut('Delete'), false)).toBe(true);
    expect(matchesShortcut(key('F1'), parseShortcut('F1'), false)).toBe(true);
  });

  it('shows shortcuts the platform way', () => {
    expect(formatShortcut(parseShortcut('Mod+Shift+S'), false)).toBe('Ctrl+Shift+S');
    expect(formatShortcut(parseShortcut('Mod+Shift+S'), true)).toBe('⇧⌘S');
    expect(formatShortcut(parseShortcut('Delete'), false)).toBe('Del');
  });
});
