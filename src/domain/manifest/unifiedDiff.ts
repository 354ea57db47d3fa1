/**
 * A unified diff of two texts, line by line, as `diff -u` (what `kubectl diff` runs) prints it: `---`/`+++`
 * headers, hunks with three lines of context and `@@ -a,b +c,d @@` ranges. The longest common subsequence is
 * found by dynamic programming: manifests are hundreds of lines, so the table stays small.
 */

/** One line of the diff, for colouring: a header, a hunk range, context, a removal or an addition. */
export interface DiffLine {
  readonly kind: 'header' | 'hunk' | 'context' | 'removed' | 'added';
  readonly text: string;
}

type Op = { readonly kind: 'context' | 'removed' | 'added'; readonly line: string };

/** The edit script from `a` to `b` (removals before additions where both happen). */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..], in one flat array.
  const lcs = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number): number => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[at(i, j)] =
        a[i] === b[j] ? lcs[at(i + 1, j + 1)]! + 1 : Math.max(lcs[at(i + 1, j)]!, lcs[at(i, j + 1)]!);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ kind: 'context', line: a[i]! });
      i++;
      j++;
    } else if (j >= m || (i < n && lcs[at(i + 1, j)]! >= lcs[at(i, j + 1)]!)) {
      ops.push({ kind: 'removed', line: a[i]! });
      i++;
    } else {
      ops.push({ kind: 'added', line: b[j]! });
      j++;
    }
  }
  return ops;
}

/** `-a,b`: diff's range, where an empty side starts one line before. */
function range(start: number, count: number): string {
  return `${count === 0 ? start : start + 1},${count}`;
}

/**
 * The diff of `before` and `after`, or [] when they are the same.
 * @param before the old text (lines split at `\n`; a trailing newline adds no line)
 * @param after the new text
 * @param labels the names on the `---` and `+++` lines
 * @param context lines of context around each change
 */
export function unifiedDiff(
  before: string,
  after: string,
  labels: { readonly before: string; readonly after: string },
  context = 3,
): DiffLine[] {
  const split = (t: string): string[] => (t === '' ? [] : t.replace(/\n$/, '').split('\n'));
  const ops = editScript(split(before), split(after));
  if (ops.every((o) => o.kind === 'context')) return [];
  const out: DiffLine[] = [
    { kind: 'header', text: `--- ${labels.before}` },
    { kind: 'header', text: `+++ ${labels.after}` },
  ];
  // Positions in each text of every op, for the hunk ranges.
  const changed = ops.map((o, k) => (o.kind === 'context' ? -1 : k)).filter((k) => k >= 0);
  let k = 0;
  while (k < changed.length) {
    const first = changed[k]!;
    let last = first;
    while (k + 1 < changed.length && changed[k + 1]! - last <= 2 * context + 1) last = changed[++k]!;
    k++;
    const from = Math.max(0, first - context);
    const to = Math.min(ops.length - 1, last + context);
    let aStart = 0;
    let bStart = 0;
    for (let x = 0; x < from; x++) {
      if (ops[x]!.kind !== 'added') aStart++;
      if (ops[x]!.kind !== 'removed') bStart++;
    }
    const hunk = ops.slice(from, to + 1);
    const aCount = hunk.filter((o) => o.kind !== 'added').length;
    const bCount = hunk.filter((o) => o.kind !== 'removed').length;
    out.push({ kind: 'hunk', text: `@@ -${range(aStart, aCount)} +${range(bStart, bCount)} @@` });
    for (const o of hunk)
      out.push({
        kind: o.kind,
        text: `${o.kind === 'context' ? ' ' : o.kind === 'removed' ? '-' : '+'}${o.line}`,
      });
  }
  return out;
}
