/** Small pieces of Go formatting that describe's output depends on: RFC 1123 times, booleans, `<none>`. */
import { parseTimestamp } from '../duration.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const two = (n: number): string => String(n).padStart(2, '0');

/**
 * `time.RFC1123Z` in the local time zone, as kubectl prints start and finish times (metav1.Time is parsed into
 * local time): `Mon, 02 Jan 2006 15:04:05 -0700`. Go's zero time, for an absent timestamp, prints as the epoch
 * of year 1 in UTC.
 * @param timestamp an RFC 3339 string from the API
 */
export function rfc1123z(timestamp: string | undefined | null): string {
  const ms = parseTimestamp(timestamp);
  if (ms === undefined) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(ms);
  const offset = -d.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${DAYS[d.getDay()]}, ${two(d.getDate())} ${MONTHS[d.getMonth()]} ${d.getFullYear()} ` +
    `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())} ${sign}${two(Math.trunc(abs / 60))}${two(abs % 60)}`
  );
}

/** describe's `printBool`. */
export function printBool(value: boolean | undefined): string {
  return value ? 'True' : 'False';
}

/** describe's `stringOrNone`. */
export function stringOrNone(s: string | undefined): string {
  return s ? s : '<none>';
}

/** Go's `sort.Strings` order: by UTF-8 bytes, which for strings without surrogates is code-point order. */
export function compareGo(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
