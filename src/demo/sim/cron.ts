/**
 * CronJob schedules as the CronJob controller reads them (github.com/robfig/cron/v3 ParseStandard): five fields
 * (minute, hour, day of month, month, day of week) of `*`, `?`, numbers, names (JAN, SUN), ranges `a-b` and
 * steps `/n`, comma lists; the descriptors @yearly/@annually, @monthly, @weekly, @daily/@midnight, @hourly and
 * `@every <duration>`. Errors are worded as robfig's. Times are UTC (the demo's controller manager's zone).
 */

export interface CronSchedule {
  /** The first activation strictly after `after` (ms since the epoch), or undefined when none in 5 years. */
  next(after: number): number | undefined;
}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

const FIELDS: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 6, names: DAYS },
];

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

class CronError extends Error {}

function number(s: string, b: Bounds): number {
  const named = b.names?.[s.toLowerCase()];
  if (named !== undefined) return named;
  if (!/^\d+$/.test(s))
    throw new CronError(`failed to parse int from ${s}: strconv.Atoi: parsing "${s}": invalid syntax`);
  return Number(s);
}

/** One field's allowed values, and whether it was a star (which decides how the two day fields combine). */
function field(text: string, b: Bounds): { values: Set<number>; star: boolean } {
  const values = new Set<number>();
  let star = false;
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    let lo: number;
    let hi: number;
    if (range === '*' || range === '?') {
      lo = b.min;
      hi = b.max;
      if (stepText === undefined) star = true;
    } else {
      const [a = '', z] = range.split('-');
      lo = number(a, b);
      hi = z === undefined ? (stepText === undefined ? lo : b.max) : number(z, b);
    }
    const step = stepText === undefined ? 1 : number(stepText, b);
    if (lo < b.min) throw new CronError(`beginning of range (${lo}) below minimum (${b.min}): ${part}`);
    if (hi > b.max) throw new CronError(`end of range (${hi}) above maximum (${b.max}): ${part}`);
    if (lo > hi) throw new CronError(`beginning of range (${lo}) beyond end of range (${hi}): ${part}`);
    if (step === 0) throw new CronError(`step of range should be a positive number: ${part}`);
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return { values, star };
}

/** Go's time.ParseDuration for the units a schedule uses (h, m, s, ms). */
function goDuration(s: string): number {
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const unit = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 }[m[2] as 'h' | 'm' | 's' | 'ms'];
    total += Number(m[1]) * unit;
    matched = re.lastIndex;
  }
  if (s === '' || matched !== s.length)
    throw new CronError(`failed to parse duration ${s}: time: invalid duration "${s}"`);
  return total;
}

const DAY = 86_400_000;

function fields(spec: string): CronSchedule {
  const parts = spec.trim().split(/\s+/);
  if (parts.length !== 5) throw new CronError(`expected exactly 5 fields, found ${parts.length}: ${spec}`);
  const [minute, hour, dom, month, dow] = parts.map((p, i) => field(p, FIELDS[i]!)) as [
    ReturnType<typeof field>,
    ReturnType<typeof field>,
    ReturnType<typeof field>,
    ReturnType<typeof field>,
    ReturnType<typeof field>,
  ];
  const dayMatches = (d: Date): boolean => {
    const a = dom.values.has(d.getUTCDate());
    const b = dow.values.has(d.getUTCDay());
    // robfig's dayMatches: either star → both must hold; neither → either will do.
    return dom.star || dow.star ? a && b : a || b;
  };
  return {
    next(after) {
      // From the next whole minute, skipping whole months, days and hours that cannot match.
      let t = Math.floor(after / 60_000) * 60_000 + 60_000;
      const end = after + 5 * 366 * DAY;
      while (t <= end) {
        const d = new Date(t);
        if (!month.values.has(d.getUTCMonth() + 1)) {
          t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
        } else if (!dayMatches(d)) {
          t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
        } else if (!hour.values.has(d.getUTCHours())) {
          t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1);
        } else if (!minute.values.has(d.getUTCMinutes())) {
          t += 60_000;
        } else return t;
      }
      return undefined;
    },
  };
}

/** The schedule, or robfig's error text. */
export function parseCron(spec: string): CronSchedule | string {
  try {
    const s = spec.trim();
    if (s.startsWith('@every ')) {
      // ConstantDelaySchedule: at least a second, rounded down to whole seconds.
      const every = Math.max(1000, Math.floor(goDuration(s.slice(7).trim()) / 1000) * 1000);
      return { next: (after) => Math.floor(after / 1000) * 1000 + every };
    }
    if (s.startsWith('@')) {
      const expanded = DESCRIPTORS[s];
      if (!expanded) throw new CronError(`unrecognized descriptor: ${s}`);
      return fields(expanded);
    }
    return fields(s);
  } catch (e) {
    if (e instanceof CronError) return e.message;
    throw e;
  }
}
