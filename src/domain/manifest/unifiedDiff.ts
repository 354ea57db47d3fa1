/**
 * A unified diff of two texts, line by line, as `diff -u` (what `kubectl diff` runs) prints it: `---`/`+++`
 * headers, hunks with three lines of context and `@@ -a,b +c,d @@` ranges (`-a` alone for one line, `-a,0` for
 * none, as GNU diff writes them). The edit script comes from jsdiff (`diff`: Myers' algorithm, as GNU diff's), so
 * a manifest of tens of thousands of lines with a few changes costs little; an earlier hand-written LCS table
 * grew with the product of the two lengths (a 20,000-line ConfigMap would have needed 1.6 GB).
 */
import { structuredPatch } from 'diff';

/** One line of the diff, for colouring: a header, a hunk range, context, a removal or an addition. */
export interface DiffLine {
  readonly kind: 'header' | 'hunk' | 'context' | 'removed' | 'added';
  readonly text: string;
}

/**
 * GNU diff's range (`print_unidiff_number_range`): `start,count`, `start` alone when count is 1, and for an empty
 * side the line before (jsdiff's hunk then holds the line after it).
 */
function range(start: number, count: number): string {
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

const KIND = { ' ': 'context', '-': 'removed', '+': 'added' } as const;

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
  const { hunks } = structuredPatch(labels.before, labels.after, before, after, undefined, undefined, {
    context,
  });
  if (hunks.length === 0) return [];
  const out: DiffLine[] = [
    { kind: 'header', text: `--- ${labels.before}` },
    { kind: 'header', text: `+++ ${labels.after}` },
  ];
  for (const h of hunks) {
    out.push({
      kind: 'hunk',
      text: `@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@`,
    });
    for (const line of h.lines) {
      // `\ No newline at end of file`: the texts compared here are YAML we printed, always ending in a newline.
      const kind = KIND[line[0] as keyof typeof KIND] as DiffLine['kind'] | undefined;
      if (kind) out.push({ kind, text: line });
    }
  }
  return out;
}
