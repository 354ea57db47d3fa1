/**
 * The separator a filtered log view draws between two groups of lines that are not next to each other in the log
 * (a match and its context, then a match far below): like grep's `--` between context groups, but saying how many
 * lines lie between, so matches from distant places never read as one run.
 */

/** Dim, as the rest of the log rows' SGR codes (see logRows). */
const DIM = ['\u001b[2m', '\u001b[22m'] as const;

/**
 * The separator row shown above `seq`, or undefined when the line before it in the filtered list is its
 * neighbour in the log (or it is the first).
 * @param previous the sequence number of the line before it in the filtered list, undefined for the first
 * @param seq the line's sequence number
 */
export function filterGapRow(previous: number | undefined, seq: number): string | undefined {
  if (previous === undefined || seq - previous <= 1) return undefined;
  const skipped = seq - previous - 1;
  const text = `── ${skipped.toLocaleString('en-US')} ${skipped === 1 ? 'line' : 'lines'} not shown ──`;
  return DIM[0] + text + DIM[1];
}
