/**
 * Go's `text/tabwriter` as kubectl configures it for describe (`minwidth 0, tabwidth 8, padding 2, padchar ' ',
 * flags 0`): tab-terminated cells are padded so that each column lines up across the run of consecutive lines
 * that have a cell in it. Porting the algorithm (rather than padding every block to one width) is what makes the
 * output line up exactly as `kubectl describe` prints it, including its quirks (`IPs:` and `Controlled By:`
 * sharing a column, a line without tabs ending every block).
 */

const PADDING = 2;

/** Width of a cell as tabwriter counts it: runes (code points), not bytes and not terminal columns. */
function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Aligns text whose cells are separated by tabs and lines by newlines.
 * @param text the text as describe wrote it, e.g. `"Name:\tweb\nNamespace:\tdefault\n"`
 * @returns the aligned lines, without their newlines (a final newline does not add an empty line)
 */
export function alignTabs(text: string): string[] {
  const rows = text.split('\n');
  if (rows[rows.length - 1] === '') rows.pop();
  const lines = rows.map((r) => r.split('\t'));
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const cells = lines[i]!;
      let text = '';
      cells.forEach((cell, j) => {
        text += cell;
        if (j < widths.length) text += ' '.repeat(Math.max(0, widths[j]! - runeCount(cell)));
      });
      out.push(text);
    }
  };

  // The recursion of tabwriter.format: a column block is a run of lines that have a cell (a tab-terminated one;
  // the last cell of a line never counts) in the current column; its width is fixed before the columns to its
  // right are laid out within the same run.
  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    let start = line0;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t]!.length - 1) continue;
      writeLines(start, t);
      start = t;
      let width = 0;
      for (; t < line1; t++) {
        const cells = lines[t]!;
        if (column >= cells.length - 1) break;
        width = Math.max(width, runeCount(cells[column]!) + PADDING);
      }
      widths.push(width);
      format(start, t);
      widths.pop();
      start = t;
    }
    writeLines(start, line1);
  };

  format(0, lines.length);
  return out;
}
