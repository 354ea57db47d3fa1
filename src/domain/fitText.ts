/**
 * Fitting cell text into a fixed number of terminal columns: measured with string-width (CJK and emoji take two
 * columns), cut with an ellipsis when too long, padded when short. The table pre-pads every cell this way so a row
 * is one string and Ink never has to lay out a box per cell.
 */
import { default as stringWidth } from 'string-width';

/** Printable ASCII: one column per code unit, so the common case skips string-width's segmentation. */
const ASCII = /^[\x20-\x7e]*$/;

const ELLIPSIS = '…';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The number of terminal columns `text` occupies.
 * @param text plain text without escape sequences
 */
export function textWidth(text: string): number {
  return ASCII.test(text) ? text.length : stringWidth(text);
}

/** The longest prefix (or suffix) of `text` that fits in `max` columns, never splitting a grapheme. */
function takeWidth(text: string, max: number, fromEnd: boolean): string {
  if (max <= 0) return '';
  if (ASCII.test(text)) return fromEnd ? text.slice(text.length - max) : text.slice(0, max);
  const parts = Array.from(graphemes.segment(text), (s) => s.segment);
  if (fromEnd) parts.reverse();
  let used = 0;
  const kept: string[] = [];
  for (const part of parts) {
    const w = stringWidth(part);
    if (used + w > max) break;
    used += w;
    kept.push(part);
  }
  if (fromEnd) kept.reverse();
  return kept.join('');
}

/** Where an over-long cell loses its text: at the end, or in the middle to keep a distinguishing suffix. */
export type Ellipsis = 'end' | 'middle';

/** Which side of the cell the text sits on; the padding goes on the other. */
export type Align = 'left' | 'right';

/**
 * `text` cut or padded to exactly `width` columns.
 * @param text the cell's content
 * @param width the column width; 0 or less gives ''
 * @param align where the text sits when it is shorter than the column
 * @param ellipsis where `…` replaces what does not fit
 */
export function fitCell(
  text: string,
  width: number,
  align: Align = 'left',
  ellipsis: Ellipsis = 'end',
): string {
  if (width <= 0) return '';
  let fitted = text;
  let w = textWidth(text);
  if (w > width) {
    const room = width - 1;
    if (ellipsis === 'middle') {
      // The head gets the odd column: "web-app-…5-x2k4p" keeps both the workload and the replica suffix.
      const head = Math.ceil(room / 2);
      fitted = takeWidth(text, head, false) + ELLIPSIS + takeWidth(text, room - head, true);
    } else {
      fitted = takeWidth(text, room, false) + ELLIPSIS;
    }
    // A double-width character that did not fit leaves one column short: measure again rather than assume.
    w = textWidth(fitted);
  }
  const pad = ' '.repeat(width - w);
  return align === 'right' ? pad + fitted : fitted + pad;
}
