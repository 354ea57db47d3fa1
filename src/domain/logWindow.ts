/**
 * Which log lines a log view shows: the list it scrolls through (every retained line, or the filter's lines),
 * and the window of screen rows that fits the pane — the newest lines while following, else the lines from an
 * anchor line down. Only the lines in the window are formatted, whatever the buffer holds.
 */

/** An ascending list of line sequence numbers a view scrolls through. */
export interface LogList {
  readonly count: number;
  /** The sequence number at index `i` (0 ≤ i < count). */
  seqAt(i: number): number;
  /** The index of the first entry ≥ `seq` (count when none). */
  indexOf(seq: number): number;
}

/** Every retained line: `first <= seq < next`. */
export function rangeList(first: number, next: number): LogList {
  const count = Math.max(0, next - first);
  return {
    count,
    seqAt: (i) => first + i,
    indexOf: (seq) => Math.max(0, Math.min(count, seq - first)),
  };
}

/** The lines of a sorted array of sequence numbers (a filter's matches and their context). */
export function arrayList(seqs: readonly number[]): LogList {
  return {
    count: seqs.length,
    seqAt: (i) => seqs[i]!,
    indexOf: (seq) => {
      let lo = 0;
      let hi = seqs.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (seqs[mid]! < seq) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
  };
}

/** One screen row of the window. */
export interface WindowRow {
  readonly seq: number;
  readonly text: string;
  /** Which row of its line this is (0 for the first). */
  readonly part: number;
}

export interface LogWindow {
  readonly rows: readonly WindowRow[];
  /** The first and last line shown (undefined when the list is empty). */
  readonly topSeq: number | undefined;
  readonly bottomSeq: number | undefined;
  /** The window shows the newest line of the list. */
  readonly atEnd: boolean;
  /** The top line the window would have while following: scrolling down to it resumes following. */
  readonly followTopSeq: number | undefined;
}

export interface WindowInput {
  list: LogList;
  /** Show the newest lines (true), or the lines from `topSeq` down. */
  follow: boolean;
  topSeq: number;
  height: number;
  /** The screen rows of a line (at least one). */
  rowsOf: (seq: number) => readonly string[];
}

/** Lines from the end of the list upwards until `height` rows are filled: the follow window's top index. */
function tailStart(list: LogList, height: number, rowsOf: (seq: number) => readonly string[]): number {
  let rows = 0;
  let i = list.count;
  while (i > 0 && rows < height) {
    i--;
    rows += rowsOf(list.seqAt(i)).length;
  }
  return i;
}

/** The rows on screen (see the file comment). */
export function logWindow({ list, follow, topSeq, height, rowsOf }: WindowInput): LogWindow {
  const h = Math.max(1, height);
  if (list.count === 0)
    return { rows: [], topSeq: undefined, bottomSeq: undefined, atEnd: true, followTopSeq: undefined };
  const tail = tailStart(list, h, rowsOf);
  const start = follow ? tail : Math.min(list.indexOf(topSeq), tail);
  const out: WindowRow[] = [];
  let i = start;
  for (; i < list.count && out.length < h; i++) {
    const seq = list.seqAt(i);
    rowsOf(seq).forEach((text, part) => out.push({ seq, text, part }));
  }
  // While following, a line too tall for what is left shows its end: the newest row stays on screen.
  const rows = follow || i >= list.count ? out.slice(Math.max(0, out.length - h)) : out.slice(0, h);
  return {
    rows,
    topSeq: rows[0]?.seq,
    bottomSeq: rows[rows.length - 1]?.seq,
    atEnd: i >= list.count,
    followTopSeq: list.seqAt(tail),
  };
}

/** The top line after moving `delta` lines from `topSeq` (clamped to the list), and whether that is the end. */
export function scrollBy(
  list: LogList,
  topSeq: number,
  delta: number,
  followTopSeq: number | undefined,
): { topSeq: number; atEnd: boolean } {
  if (list.count === 0) return { topSeq, atEnd: true };
  const tail = followTopSeq === undefined ? list.count - 1 : list.indexOf(followTopSeq);
  const at = Math.max(0, Math.min(tail, list.indexOf(topSeq) + delta));
  return { topSeq: list.seqAt(at), atEnd: at >= tail };
}
