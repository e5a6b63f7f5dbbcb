import { describe, expect, it } from 'vitest';
import { foldUnchanged, sideBySide } from './line-diff.ts';

describe('sideBySide', () => {
  it.each([
    ['identical texts mark nothing', 'a\nb', 'a\nb', 0],
    ['a changed line sits beside its new text', 'a\nb\nc', 'a\nB\nc', 1],
    ['an added line gets a blank filler on the left', 'a\nc', 'a\nb\nc', 1],
    ['a removed line gets a blank filler on the right', 'a\nb\nc', 'a\nc', 1],
  ])('%s', (_why, before, after, changed) => {
    const view = sideBySide(before, after);
    expect(view.changed).toBe(changed);
    expect(view.left.length, 'both columns have the same number of rows').toBe(view.right.length);
    expect(view.left.filter((l) => l.mark !== 'blank').map((l) => l.text).join('\n'), 'the left column is the old text').toBe(before);
    expect(view.right.filter((l) => l.mark !== 'blank').map((l) => l.text).join('\n'), 'the right column is the new text').toBe(after);
  });
  it('pairs a modification row by row', () => {
    const view = sideBySide('x\nold\ny', 'x\nnew\ny');
    expect(view.left[1]).toMatchObject({ text: 'old', mark: 'removed', n: 2 });
    expect(view.right[1]).toMatchObject({ text: 'new', mark: 'added', n: 2 });
  });
  it('folds long unchanged runs and keeps context around changes', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    const view = sideBySide(before, before.replace('line 10', 'LINE 10'));
    expect(foldUnchanged(view, 2), 'rows 0-7 fold, 8-12 show (the change and 2 around it), 13-19 fold').toEqual([
      { kind: 'fold', count: 8 },
      { kind: 'rows', from: 8, to: 13 },
      { kind: 'fold', count: 7 },
    ]);
  });
});
