/**
 * Two texts side by side with the changed lines marked: a longest-common-subsequence line
 * diff (schemas are a few hundred lines, so the quadratic table is small). Pure.
 */
export interface SideLine {
  /** 1-based line number in its own text; undefined for a filler row. */
  n?: number;
  text: string;
  mark: 'same' | 'removed' | 'added' | 'blank';
}

export interface SideBySide {
  left: SideLine[];
  right: SideLine[];
  changed: number;
}

export function sideBySide(before: string, after: string): SideBySide {
  const a = before.split('\n');
  const b = after.split('\n');
  // lcs[i][j] = length of the LCS of a[i..] and b[j..]
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const left: SideLine[] = [];
  const right: SideLine[] = [];
  let changed = 0;
  let i = 0;
  let j = 0;
  const removed: SideLine[] = [];
  const added: SideLine[] = [];
  const flush = () => {
    // Pair removals with additions row by row so a modified line sits beside its new text.
    for (let k = 0; k < Math.max(removed.length, added.length); k++) {
      left.push(removed[k] ?? { text: '', mark: 'blank' });
      right.push(added[k] ?? { text: '', mark: 'blank' });
    }
    changed += Math.max(removed.length, added.length);
    removed.length = 0;
    added.length = 0;
  };
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      flush();
      left.push({ n: i + 1, text: a[i]!, mark: 'same' });
      right.push({ n: j + 1, text: b[j]!, mark: 'same' });
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      added.push({ n: j + 1, text: b[j]!, mark: 'added' });
      j++;
    } else {
      removed.push({ n: i + 1, text: a[i]!, mark: 'removed' });
      i++;
    }
  }
  flush();
  return { left, right, changed };
}

export type Segment = { kind: 'rows'; from: number; to: number } | { kind: 'fold'; count: number };

/** Row ranges to show: changed rows with `context` rows around them; longer unchanged runs fold into one marker. */
export function foldUnchanged(view: SideBySide, context = 3): Segment[] {
  const n = view.left.length;
  const keep = new Array<boolean>(n).fill(false);
  for (let i = 0; i < n; i++) {
    if (view.left[i]!.mark === 'same' && view.right[i]!.mark === 'same') continue;
    for (let k = Math.max(0, i - context); k <= Math.min(n - 1, i + context); k++) keep[k] = true;
  }
  const segments: Segment[] = [];
  let i = 0;
  while (i < n) {
    let j = i;
    while (j < n && keep[j] === keep[i]) j++;
    // A fold shorter than 2 rows hides nothing worth hiding.
    if (keep[i] || j - i < 2) segments.push({ kind: 'rows', from: i, to: j });
    else segments.push({ kind: 'fold', count: j - i });
    i = j;
  }
  return segments;
}
