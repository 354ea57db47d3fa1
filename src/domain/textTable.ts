/** Plain-text columns as kubectl's tabwriter prints them: left-aligned, three spaces between columns. */
import { default as stringWidth } from 'string-width';

/** Formats rows of cells into aligned lines (no trailing spaces). */
export function formatColumns(rows: readonly (readonly string[])[], gap = 3): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, stringWidth(c))));
  return rows
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat((widths[i] ?? 0) - stringWidth(c) + gap)))
        .join('')
        .trimEnd(),
    )
    .join('\n');
}
