/**
 * The sequence numbers that make generated logs checkable.
 *
 * Format: every generated record carries its **line number within the run's log** (1-based: the N-th line the
 * container ever wrote) in one of two natural forms:
 * - ` seq=N` in text lines (access logs, app logs, logfmt), e.g.
 *   `10.244.1.7 - - [21/Nov/2026:10:41:27 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.5.0" "-" seq=42`;
 * - `"seq":N` in JSON lines, e.g. `{"level":"info","ts":1763721687.123456,"msg":"cache refreshed","seq":42}`.
 *
 * Some lines carry no number because no real program would print one there: the continuation lines of a
 * multi-line record (stack frames, a Go panic's goroutine dump) and fixed banners written before a server starts
 * (the nginx entrypoint's notices, npm's `> start` banner). They still count as lines, so a sequenced line's
 * number is always the count of lines before it plus one. That makes any slice of a run's log checkable on its own:
 * walking the lines, each sequenced line must be one more than the line before it ({@link findSeqBreak}), which
 * catches a dropped or repeated line of either kind as soon as the next sequenced line arrives.
 */

const SEQ = /(?:\bseq=|"seq":)(\d+)/;

/** The sequence number a generated log line carries (with or without a `timestamps=true` prefix), if any. */
export function lineSeq(line: string): number | undefined {
  const m = SEQ.exec(line);
  return m ? Number(m[1]) : undefined;
}

/**
 * Checks that `lines` are consecutive lines of one run's log, as a reader should have received them: returns a
 * description of the first place where a line was dropped or repeated, or undefined when none was. Lines before
 * the first sequenced line cannot be checked; a trailing unsequenced line can't be either.
 */
export function findSeqBreak(lines: readonly string[]): string | undefined {
  let expected: number | undefined;
  for (const [k, line] of lines.entries()) {
    const seq = lineSeq(line);
    if (seq === undefined) {
      if (expected !== undefined) expected += 1;
      continue;
    }
    if (expected !== undefined && seq !== expected) {
      return `line ${k} has seq=${seq} where seq=${expected} was due (${seq < expected ? 'repeated' : 'dropped'} lines): ${JSON.stringify(line)}`;
    }
    expected = seq + 1;
  }
  return undefined;
}
