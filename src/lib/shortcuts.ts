/**
 * The keyboard shortcuts, once: the help dialog lists them, the page's key
 * handler asks `pageAction` what a key press means, and the SQL editor binds
 * its own keys (`editorKey`) from here.
 */

/** What the page-wide key handler can do. */
export type PageAction = 'save' | 'runAll' | 'undo' | 'redo' | 'moveUp' | 'moveDown' | 'help';

/** The parts of a `KeyboardEvent` a shortcut reads. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export interface Shortcut {
  id: string;
  /** The keys as the help shows them. */
  keys: string;
  /** What they do, for the help. */
  does: string;
  /** A page-wide shortcut: the action a key press means (`typing`: the focus is in a text field), or null. */
  action?: (press: KeyPress, typing: boolean) => PageAction | null;
  /** A key the SQL editor binds itself, in CodeMirror's notation. */
  editorKey?: string;
}

const mod = (press: KeyPress): boolean => press.ctrlKey || press.metaKey;

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'run-cell', keys: 'Ctrl/⌘ + Enter', does: 'Run the cell (and the cells that read it)', editorKey: 'Mod-Enter' },
  { id: 'run-next', keys: 'Shift + Enter', does: 'Run the cell and go to the next one', editorKey: 'Shift-Enter' },
  {
    id: 'run-all', keys: 'Ctrl/⌘ + Shift + Enter', does: 'Run all cells',
    action: (press) => (mod(press) && press.shiftKey && press.key === 'Enter' ? 'runAll' : null),
  },
  {
    id: 'save', keys: 'Ctrl/⌘ + S', does: 'Save now (every edit is saved anyway)',
    action: (press) => (mod(press) && press.key.toLowerCase() === 's' ? 'save' : null),
  },
  {
    // Inside a text field or the editor, the field's own undo applies.
    id: 'undo', keys: 'Ctrl/⌘ + Z · Ctrl/⌘ + Shift + Z', does: 'Undo · redo (outside an editor: cell changes)',
    action: (press, typing) => (!typing && mod(press) && press.key.toLowerCase() === 'z' ? (press.shiftKey ? 'redo' : 'undo') : null),
  },
  {
    id: 'move', keys: 'Alt + ↑ / ↓', does: 'Move the selected cell',
    action: (press, typing) => (typing || !press.altKey ? null : press.key === 'ArrowUp' ? 'moveUp' : press.key === 'ArrowDown' ? 'moveDown' : null),
  },
  // The SQL editor's completion (CodeMirror's basic setup) already binds it.
  { id: 'complete', keys: 'Ctrl/⌘ + Space', does: 'Complete table and column names' },
  { id: 'help', keys: '?', does: 'This help', action: (press, typing) => (!typing && press.key === '?' ? 'help' : null) },
];

/** What a key press on the page means, or null when it is no page-wide shortcut. */
export function pageAction(press: KeyPress, typing: boolean): PageAction | null {
  for (const shortcut of SHORTCUTS) {
    const action = shortcut.action?.(press, typing);
    if (action) return action;
  }
  return null;
}

/** The CodeMirror key of an editor shortcut. */
export function editorKey(id: 'run-cell' | 'run-next'): string {
  const key = SHORTCUTS.find((s) => s.id === id)?.editorKey;
  if (!key) throw new Error(`No editor key for the shortcut "${id}".`);
  return key;
}

/** The focus is where keys type text (a field, a select, the SQL editor), so page shortcuts that edit stay off. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as { isContentEditable?: boolean; tagName?: string } | null;
  return !!el && (!!el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName ?? ''));
}
