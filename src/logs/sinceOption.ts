/**
 * How far back a log view starts: the last N lines, the lines of the last duration, or all of them — typed by a
 * person (`tail 100`, `1m`, `2h30m`, `all`) and turned into the log request's `tailLines` / `sinceSeconds`.
 */

export type SinceOption =
  { kind: 'all' } | { kind: 'tail'; lines: number } | { kind: 'since'; seconds: number };

/** The choices a view cycles through, in order (a typed duration is the custom one). */
export const SINCE_PRESETS: readonly SinceOption[] = [
  { kind: 'tail', lines: 100 },
  { kind: 'since', seconds: 60 },
  { kind: 'since', seconds: 300 },
  { kind: 'since', seconds: 900 },
  { kind: 'since', seconds: 3600 },
  { kind: 'all' },
];

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
const DURATION = /^(?:\d+(?:\.\d+)?[smhd])+$/;
const PART = /(\d+(?:\.\d+)?)([smhd])/g;
const HELP = 'use "tail N", a duration such as 90s, 5m, 2h30m or 1d, or "all"';

/**
 * Parses what a person typed. Throws an Error whose message says what is wrong and what would be right.
 * @param input e.g. `tail 100`, `100` (lines), `1m`, `2h30m`, `all`
 */
export function parseSince(input: string): SinceOption {
  const s = input.trim().toLowerCase();
  if (s === '') throw new Error(`empty since option: ${HELP}`);
  if (s === 'all') return { kind: 'all' };
  const tail = /^(?:tail\s*)?(\d+)$/.exec(s);
  if (tail) {
    const lines = Number(tail[1]);
    if (!Number.isSafeInteger(lines)) throw new Error(`"${input.trim()}" is too many lines`);
    return { kind: 'tail', lines };
  }
  if (/^tail\b/.test(s)) throw new Error(`"${input.trim()}" is not a line count: ${HELP}`);
  if (!DURATION.test(s)) throw new Error(`"${input.trim()}" is not a duration: ${HELP}`);
  let seconds = 0;
  for (const m of s.matchAll(PART)) seconds += Number(m[1]) * UNIT_SECONDS[m[2]!]!;
  seconds = Math.ceil(seconds);
  // The API server rejects sinceSeconds below 1.
  if (seconds < 1) throw new Error(`"${input.trim()}" is shorter than a second`);
  return { kind: 'since', seconds };
}

/** The option in the words a status line uses: `tail 100`, `5m`, `2h30m`, `all`. */
export function formatSince(option: SinceOption): string {
  switch (option.kind) {
    case 'all':
      return 'all';
    case 'tail':
      return `tail ${option.lines}`;
    case 'since': {
      let rest = option.seconds;
      let out = '';
      for (const [unit, size] of [
        ['d', 86_400],
        ['h', 3600],
        ['m', 60],
        ['s', 1],
      ] as const) {
        const n = Math.floor(rest / size);
        if (n > 0) out += `${n}${unit}`;
        rest -= n * size;
      }
      return out;
    }
    default: {
      const never: never = option;
      return String(never);
    }
  }
}

/** The log request's query parameters for the option. */
export function sinceQuery(option: SinceOption): { tailLines?: number; sinceSeconds?: number } {
  if (option.kind === 'tail') return { tailLines: option.lines };
  if (option.kind === 'since') return { sinceSeconds: option.seconds };
  return {};
}

/** The preset after `current` (wrapping), for a key that cycles through them. */
export function nextSincePreset(current: SinceOption): SinceOption {
  const i = SINCE_PRESETS.findIndex((p) => formatSince(p) === formatSince(current));
  return SINCE_PRESETS[(i + 1) % SINCE_PRESETS.length]!;
}
