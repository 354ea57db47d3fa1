/**
 * The `timestamps=true` prefix of log lines: split off, normalised to one comparable form, and read back as a
 * time. The kubelet writes Go's RFC3339NanoFixed (`2026-11-21T10:41:27.123456789Z`, always nine digits); a node
 * on local time writes an offset instead of `Z`, and other servers may trim the fraction. Everything is brought
 * to the fixed UTC form, in which string order is time order.
 */

/** Length of `2026-11-21T10:41:27.123456789Z`. */
const FIXED_LENGTH = 30;
const RFC3339 = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/;

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `time` in the fixed UTC form, or undefined when it is not an RFC 3339 time. */
export function normalizeTimestamp(time: string): string | undefined {
  if (time.length === FIXED_LENGTH && time.charCodeAt(29) === 90 && time.charCodeAt(19) === 46) {
    return time;
  }
  const m = RFC3339.exec(time);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac = '', zone] = m;
  const fraction = frac.padEnd(9, '0');
  if (zone === 'Z') return `${y}-${mo}-${d}T${h}:${mi}:${s}.${fraction}Z`;
  const sign = zone!.startsWith('-') ? -1 : 1;
  const offsetMin = sign * (Number(zone!.slice(1, 3)) * 60 + Number(zone!.slice(4, 6)));
  const utc = new Date(
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offsetMin * 60_000,
  );
  const date = `${utc.getUTCFullYear()}-${two(utc.getUTCMonth() + 1)}-${two(utc.getUTCDate())}`;
  const clock = `${two(utc.getUTCHours())}:${two(utc.getUTCMinutes())}:${two(utc.getUTCSeconds())}`;
  return `${date}T${clock}.${fraction}Z`;
}

/** A line of a `timestamps=true` response split into its normalised time and its text. */
export interface Stamped {
  time: string;
  text: string;
}

/**
 * Splits the timestamp prefix off a line. A line without one (a piece of an over-long line, a server that
 * ignored `timestamps`) has time '' and is returned whole.
 */
export function splitTimestamp(line: string): Stamped {
  const sp = line.indexOf(' ');
  // The fast path: the kubelet's fixed form, checked by its length, its 'Z' and its '.'.
  if (sp === FIXED_LENGTH && line.charCodeAt(29) === 90 && line.charCodeAt(19) === 46) {
    return { time: line.slice(0, FIXED_LENGTH), text: line.slice(FIXED_LENGTH + 1) };
  }
  const end = sp < 0 ? line.length : sp;
  const time = end >= 20 && end <= 35 ? normalizeTimestamp(line.slice(0, end)) : undefined;
  if (time === undefined) return { time: '', text: line };
  return { time, text: sp < 0 ? '' : line.slice(sp + 1) };
}

/** Epoch milliseconds of a normalised time (NaN for ''). */
export function timestampMs(time: string): number {
  return time === '' ? Number.NaN : Date.parse(time.slice(0, 23) + 'Z');
}

/** The `sinceTime` query value that resumes at `time`: RFC 3339 in whole seconds (the API server drops fractions). */
export function sinceTimeParam(time: string): string {
  return `${time.slice(0, 19)}Z`;
}
