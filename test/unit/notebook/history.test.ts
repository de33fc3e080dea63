import { describe, expect, it } from 'vitest';
import { History } from '../../../src/lib/notebook/history';

describe('History', () => {
  it('undoes and redoes in order', () => {
    const h = new History<string>();
    h.record('a');
    h.record('ab');
    expect(h.undo('abc')).toBe('ab');
    expect(h.undo('ab')).toBe('a');
    expect(h.undo('a')).toBeNull();
    expect(h.redo('a')).toBe('ab');
    expect(h.redo('ab')).toBe('abc');
    expect(h.redo('abc')).toBeNull();
  });

  it('groups typing in one cell into one step, until sealed', () => {
    const h = new History<string>();
    h.record('', 'cell-1');
    h.record('S', 'cell-1');
    h.record('SE', 'cell-1');
    h.seal();
    h.record('SEL', 'cell-1');
    expect(h.undo('SELE')).toBe('SEL');
    expect(h.undo('SEL')).toBe('');
    expect(h.canUndo).toBe(false);
  });

  it('a new edit clears the redo stack', () => {
    const h = new History<number>();
    h.record(1);
    h.undo(2);
    expect(h.canRedo).toBe(true);
    h.record(1);
    expect(h.canRedo).toBe(false);
  });

  it('forgets the oldest steps beyond its limit', () => {
    const h = new History<number>(3);
    for (let i = 0; i < 5; i++) h.record(i);
    expect(h.undo(5)).toBe(4);
    expect(h.undo(4)).toBe(3);
    expect(h.undo(3)).toBe(2);
    expect(h.undo(2)).toBeNull();
  });
});
