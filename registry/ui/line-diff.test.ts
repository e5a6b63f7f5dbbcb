import { describe, expect, it } from 'vitest';
import { sideBySide } from './line-diff.ts';

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
});
