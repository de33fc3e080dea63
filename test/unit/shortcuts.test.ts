import { describe, expect, it } from 'vitest';
import { SHORTCUTS, editorKey, isTyping, pageAction, type KeyPress } from '../../src/lib/shortcuts';

const press = (key: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('keyboard shortcuts', () => {
  it.each([
    ['Ctrl+S', press('s', { ctrlKey: true }), false, 'save'],
    ['⌘+S while typing', press('S', { metaKey: true }), true, 'save'],
    ['Ctrl+Shift+Enter while typing', press('Enter', { ctrlKey: true, shiftKey: true }), true, 'runAll'],
    ['Ctrl+Z', press('z', { ctrlKey: true }), false, 'undo'],
    ['Ctrl+Shift+Z', press('Z', { ctrlKey: true, shiftKey: true }), false, 'redo'],
    ['Ctrl+Z in a field (the field undoes)', press('z', { ctrlKey: true }), true, null],
    ['Alt+↑', press('ArrowUp', { altKey: true }), false, 'moveUp'],
    ['Alt+↓', press('ArrowDown', { altKey: true }), false, 'moveDown'],
    ['Alt+↓ in a field', press('ArrowDown', { altKey: true }), true, null],
    ['?', press('?', { shiftKey: true }), false, 'help'],
    ['? typed in a field', press('?', { shiftKey: true }), true, null],
    ['Ctrl+Enter (the editor runs the cell)', press('Enter', { ctrlKey: true }), false, null],
    ['a plain letter', press('s'), false, null],
  ] as const)('%s', (_name, key, typing, expected) => {
    expect(pageAction(key, typing)).toBe(expected);
  });

  it('the help lists each shortcut once, and each is handled by the page, the SQL editor or its completion', () => {
    expect(new Set(SHORTCUTS.map((s) => s.id)).size).toBe(SHORTCUTS.length);
    expect(SHORTCUTS.filter((s) => !s.action && !s.editorKey).map((s) => s.id)).toEqual(['complete']);
    expect([editorKey('run-cell'), editorKey('run-next')]).toEqual(['Mod-Enter', 'Shift-Enter']);
  });

  it('knows when keys type text', () => {
    expect(isTyping({ tagName: 'TEXTAREA' } as unknown as EventTarget)).toBe(true);
    expect(isTyping({ tagName: 'DIV', isContentEditable: true } as unknown as EventTarget)).toBe(true);
    expect(isTyping({ tagName: 'BUTTON', isContentEditable: false } as unknown as EventTarget)).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});
