/**
 * The line numbers that make generated logs checkable, carried in fields real programs log.
 *
 * Every numbered record carries its **line number within the run's log** (1-based: the N-th line the container
 * ever wrote), disguised as the request id a real server would print with it:
 * - Fastify/pino-style request ids, `req-N` (Fastify's default `genReqId` counts `req-1`, `req-2`, … per
 *   process): `"reqId":"req-42"` in JSON lines, `reqId=req-42` after an app's text message, and the hello
 *   server's `Received request req-42 for / from …`;
 * - nginx's `$request_id` (32 hex digits) at the end of an access line ({@link nginxRequestId}), e.g.
 *   `10.244.1.7 - - [21/Nov/2026:10:41:27 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.5.0" "-" 3f9c…`;
 * - and, still read though no generator writes them any more, ` seq=N` and `"seq":N` (tests build such lines).
 *
 * Lines with no request behind them carry no number, because no real program would print one there: startup
 * banners, an app's housekeeping messages, the continuation lines of a multi-line record (stack frames), a job's
 * or a migration's progress. They still count as lines, so a numbered line's number is always the count of lines
 * before it plus one. That makes any slice of a run's log checkable on its own: walking the lines, each numbered
 * line must be one more than the line before it ({@link findSeqBreak}), which catches a dropped or repeated line
 * of either kind as soon as the next numbered line arrives.
 */

const FORMS = /\breq-(\d+)\b|\bseq=(\d+)|"seq":(\d+)/;

/** nginx's `$request_id` closing an access line: the number is hidden in it (see {@link nginxRequestId}). */
const NGINX_ID = /" ([0-9a-f]{8})[0-9a-f]{16}([0-9a-f]{8})$/;

/**
 * An nginx `$request_id` (32 lowercase hex digits, as nginx prints 16 random bytes) that carries `n`: the first
 * 24 digits come from `noise`, the last 8 are `n` XOR a scramble of the first 8, so the id looks random and still
 * gives `n` back to anyone who knows the trick.
 */
export function nginxRequestId(n: number, noise: readonly [number, number, number]): string {
  const hex = (v: number) => (v >>> 0).toString(16).padStart(8, '0');
  return hex(noise[0]) + hex(noise[1]) + hex(noise[2]) + hex(n ^ scramble(noise[0] >>> 0));
}

/** A 32-bit mix of the id's first 8 digits, so that its last 8 don't echo them for small numbers. */
function scramble(head: number): number {
  return Math.imul(head ^ (head >>> 16), 0x9e3779b1) >>> 0;
}

/** The line number a generated log line carries (with or without a `timestamps=true` prefix), if any. */
export function lineSeq(line: string): number | undefined {
  const m = FORMS.exec(line);
  if (m) return Number(m[1] ?? m[2] ?? m[3]);
  const id = NGINX_ID.exec(line);
  return id ? (parseInt(id[2]!, 16) ^ scramble(parseInt(id[1]!, 16))) >>> 0 : undefined;
}

/**
 * Checks that `lines` are consecutive lines of one run's log, as a reader should have received them: returns a
 * description of the first place where a line was dropped or repeated, or undefined when none was. Lines before
 * the first numbered line cannot be checked; a trailing unnumbered line can't be either.
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
      return `line ${k} is line ${seq} of the log where line ${expected} was due (${seq < expected ? 'repeated' : 'dropped'} lines): ${JSON.stringify(line)}`;
    }
    expected = seq + 1;
  }
  return undefined;
}

/** How many of `lines` carry a line number: a check on a slice with none of them proves nothing. */
export function countNumbered(lines: readonly string[]): number {
  return lines.filter((l) => lineSeq(l) !== undefined).length;
}
