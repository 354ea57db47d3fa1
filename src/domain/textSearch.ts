/**
 * Search in a text view (describe, YAML, events): a smart-case regex (case-insensitive unless the pattern has a
 * capital letter, as in vim and less), every match over every line, and the scroll that shows a match with its
 * context. Nothing is hidden: matches are highlighted where they are.
 */
import { regexProblem } from './filter.js';

export interface TextMatch {
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

export type SearchParse = { ok: true; regex: RegExp } | { ok: false; error: string };

/** Whether a smart-case pattern is case-sensitive: it has a capital that is not part of an escape (`\S`, `\W`). */
export function isCaseSensitive(pattern: string): boolean {
  return /\p{Lu}/u.test(pattern.replace(/\\./g, ''));
}

/** Compiles a pattern with smart case; an invalid one comes back as a one-line message. */
export function compileSearch(pattern: string): SearchParse {
  const flags = isCaseSensitive(pattern) ? 'gu' : 'giu';
  try {
    return { ok: true, regex: new RegExp(pattern, flags) };
  } catch (error) {
    return { ok: false, error: `search: ${regexProblem(error)}` };
  }
}

/** Every non-empty match, in reading order. */
export function findMatches(lines: readonly string[], regex: RegExp): TextMatch[] {
  const out: TextMatch[] = [];
  const re = new RegExp(regex.source, regex.flags.includes('g') ? regex.flags : regex.flags + 'g');
  lines.forEach((text, line) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      out.push({ line, start: m.index, end: m.index + m[0].length });
    }
  });
  return out;
}

/** The match to go to from `current` (-1 before the first jump): the first at or below `scroll` when starting. */
export function stepMatch(
  matches: readonly TextMatch[],
  current: number,
  delta: 1 | -1,
  scroll: number,
): number {
  if (matches.length === 0) return -1;
  if (current < 0) {
    const below = matches.findIndex((m) => m.line >= scroll);
    const first = below < 0 ? 0 : below;
    return delta === 1 ? first : (first - 1 + matches.length) % matches.length;
  }
  return (current + delta + matches.length) % matches.length;
}

/** The scroll that shows `line` with context: unchanged if visible, else the line a third of the way down. */
export function scrollToLine(line: number, scroll: number, height: number, total: number): number {
  const rows = Math.max(1, height);
  if (line >= scroll && line < scroll + rows) return scroll;
  const next = line - Math.floor(rows / 3);
  return Math.max(0, Math.min(next, Math.max(0, total - rows)));
}
