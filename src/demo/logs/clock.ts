/**
 * Time formats that log lines and the log API use, all in UTC and all from epoch microseconds. Formatting is on the
 * hot path of the firehose (one timestamp per line with `timestamps=true`), so the calendar part is computed once
 * per second and cached.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

interface Civil {
  year: string;
  month: string;
  monthName: string;
  day: string;
  hh: string;
  mm: string;
  ss: string;
}

let cachedSecond = Number.NaN;
let cachedCivil: Civil | undefined;

function two(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function civil(second: number): Civil {
  if (second === cachedSecond && cachedCivil) return cachedCivil;
  const d = new Date(second * 1000);
  cachedCivil = {
    year: pad(d.getUTCFullYear(), 4),
    month: two(d.getUTCMonth() + 1),
    monthName: MONTHS[d.getUTCMonth()]!,
    day: two(d.getUTCDate()),
    hh: two(d.getUTCHours()),
    mm: two(d.getUTCMinutes()),
    ss: two(d.getUTCSeconds()),
  };
  cachedSecond = second;
  return cachedCivil;
}

function split(us: number): { c: Civil; micros: number; second: number } {
  const second = Math.floor(us / 1e6);
  return { c: civil(second), micros: us - second * 1e6, second };
}

/**
 * The kubelet's `timestamps=true` prefix format, Go's RFC3339NanoFixed: always nine fraction digits, e.g.
 * `2026-11-21T10:41:27.123456789Z`. `extraNanos` (0–999) fills the digits below the microsecond.
 */
export function rfc3339NanoFixed(us: number, extraNanos: number): string {
  const { c, micros } = split(us);
  return `${c.year}-${c.month}-${c.day}T${c.hh}:${c.mm}:${c.ss}.${pad(micros, 6)}${pad(extraNanos, 3)}Z`;
}

/** `2026-11-21T10:41:27.123Z`, as JavaScript's `Date#toISOString` writes it. */
export function isoMillis(us: number): string {
  const { c, micros } = split(us);
  return `${c.year}-${c.month}-${c.day}T${c.hh}:${c.mm}:${c.ss}.${pad(Math.floor(micros / 1000), 3)}Z`;
}

/** `2026-11-21T10:41:27Z`: whole seconds. */
export function isoSeconds(us: number): string {
  const { c } = split(us);
  return `${c.year}-${c.month}-${c.day}T${c.hh}:${c.mm}:${c.ss}Z`;
}

/** `2026-11-21 10:41:27.123`, logback's default date pattern. */
export function logbackTime(us: number): string {
  const { c, micros } = split(us);
  return `${c.year}-${c.month}-${c.day} ${c.hh}:${c.mm}:${c.ss}.${pad(Math.floor(micros / 1000), 3)}`;
}

/** `21/Nov/2026:10:41:27 +0000`, nginx's `$time_local` in a UTC container. */
export function nginxAccessTime(us: number): string {
  const { c } = split(us);
  return `${c.day}/${c.monthName}/${c.year}:${c.hh}:${c.mm}:${c.ss} +0000`;
}

/** `2026/11/21 10:41:27`, nginx's error-log time. */
export function nginxErrorTime(us: number): string {
  const { c } = split(us);
  return `${c.year}/${c.month}/${c.day} ${c.hh}:${c.mm}:${c.ss}`;
}

/** `1763721687.123456`, epoch seconds with microseconds, as zap's JSON encoder writes `ts`. */
export function epochSeconds(us: number): string {
  const { second, micros } = split(us);
  return `${second}.${pad(micros, 6)}`;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses an RFC 3339 time as Go's `time.Parse(time.RFC3339, s)` accepts it (a fraction of a second is allowed
 * even though the layout has none), giving epoch milliseconds, or the error text Go would give.
 */
export function parseRfc3339(s: string): { ms: number } | { error: string } {
  const m = RFC3339.exec(s);
  const layout = '2006-01-02T15:04:05Z07:00';
  if (!m) return { error: `parsing time ${JSON.stringify(s)} as ${JSON.stringify(layout)}: cannot parse` };
  const [, y, mo, d, h, mi, se, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(se);
  const rangeError = (what: string) => ({ error: `parsing time ${JSON.stringify(s)}: ${what} out of range` });
  if (month < 1 || month > 12) return rangeError('month');
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return rangeError('day');
  if (hour > 23) return rangeError('hour');
  if (minute > 59) return rangeError('minute');
  if (second > 59) return rangeError('second');
  let offsetMin = 0;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    offsetMin = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  }
  const fractionMs = frac ? Number(`0${frac}`) * 1000 : 0;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMin * 60_000 + fractionMs;
  return { ms };
}
