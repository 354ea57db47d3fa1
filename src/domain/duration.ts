/**
 * Durations the way kubectl prints them: apimachinery's `pkg/util/duration` (HumanDuration, ShortHumanDuration)
 * and the printers' `translateTimestampSince`. Go truncates toward zero when it turns a duration into whole
 * units, so every step here uses Math.trunc rather than rounding, or the columns would disagree with kubectl.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Seconds as Go's `int(d.Seconds())` sees them. Both Go functions start with the same clock-skew guard: up to
 * two seconds in the future (exclusive) still reads as "0s", anything further is "<invalid>".
 */
function guardedSeconds(ms: number): { early: string } | { seconds: number } {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return { early: '<invalid>' };
  if (seconds < 0) return { early: '0s' };
  return { seconds };
}

/**
 * kubectl's HumanDuration: about two or three significant figures, e.g. "45s", "3m20s", "5h", "2d5h", "45d",
 * "2y10d". Used for AGE and for the "(3m ago)" part of RESTARTS.
 * @param ms elapsed milliseconds (negative when the timestamp is in the future)
 */
export function humanDuration(ms: number): string {
  const guarded = guardedSeconds(ms);
  if ('early' in guarded) return guarded.early;
  const { seconds } = guarded;
  if (seconds < 2 * 60) return `${seconds}s`;

  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 3 * 60) return `${minutes}m`;

  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;

  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;

  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const dy = days % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}

/**
 * Parses an API timestamp (RFC 3339) to epoch milliseconds; undefined when absent or unparseable, which is how
 * Go's zero `metav1.Time` (serialised as null or omitted) reaches us.
 * @param timestamp the wire string, e.g. "2025-03-14T11:57:00Z"
 */
export function parseTimestamp(timestamp: string | undefined | null): number | undefined {
  if (!timestamp) return undefined;
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The AGE column: kubectl's `translateTimestampSince`, "<unknown>" for a missing timestamp.
 * @param timestamp RFC 3339 string from the API, e.g. metadata.creationTimestamp
 * @param now the current time in epoch milliseconds, passed in so callers (and tests) control the clock
 */
export function age(timestamp: string | undefined, now: number): string {
  const ms = parseTimestamp(timestamp);
  if (ms === undefined) return '<unknown>';
  return humanDuration(now - ms);
}
