/**
 * What the user types after `/` in the pod list, parsed once and then applied to rows on every flush:
 * - `text`: a case-insensitive regular expression over the shown columns' text (each cell is a line, so `^`
 *   and `$` anchor to a cell);
 * - `!text`: the rows that do not match;
 * - `-f text`: fuzzy (subsequence) match on the pod name, best matches first;
 * - `-l app=x,tier!=db`: a label selector, for the caller to send to the API server (also applied locally, so the
 *   list is right before the new list arrives);
 * - `-o Deployment/web-app` or `-o ReplicaSet/web-app-7d9f`: the pods of a workload or controller (`o` on a pod:
 *   its siblings).
 * Mistakes come back as a message for the UI, never as an exception.
 */
import { columnsFor, type ColumnId } from './columns.js';
import { fuzzyScore } from './fuzzy.js';
import { controllerOf, workloadOf } from './podOwner.js';
import { matchesLabels, parseLabelSelector, SelectorError, type Selector } from './labelSelector.js';
import type { PodRow, StaticColumnId } from './podRow.js';

/** A parsed filter. */
export type RowFilter =
  | { readonly kind: 'none' }
  | { readonly kind: 'regex'; readonly source: string; readonly pattern: RegExp; readonly invert: boolean }
  | { readonly kind: 'fuzzy'; readonly query: string }
  | { readonly kind: 'labels'; readonly selector: string; readonly requirements: Selector }
  | { readonly kind: 'owner'; readonly ownerKind: string; readonly ownerName: string };

/** The outcome of parsing: a filter, or a one-line message saying what is wrong. */
export type FilterParse =
  { readonly ok: true; readonly filter: RowFilter } | { readonly ok: false; readonly error: string };

/** The filter that keeps every row. */
export const NO_FILTER: RowFilter = { kind: 'none' };

/** `-l` or `-f` followed by a space or nothing; the rest is the argument. */
function flagged(input: string, flag: string): string | undefined {
  if (input === flag) return '';
  return input.startsWith(flag) && /\s/.test(input[flag.length]!)
    ? input.slice(flag.length).trim()
    : undefined;
}

/** "Invalid regular expression: /(/im: Unterminated group" → "Unterminated group". */
export function regexProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(message.lastIndexOf(': ') + 1).trim() || message;
}

/**
 * Parses the filter text.
 * @param input what the user typed after `/`
 */
export function parseFilter(input: string): FilterParse {
  const text = input.trim();
  if (text === '') return { ok: true, filter: NO_FILTER };

  const selector = flagged(text, '-l');
  if (selector !== undefined) {
    try {
      return { ok: true, filter: { kind: 'labels', selector, requirements: parseLabelSelector(selector) } };
    } catch (error) {
      if (error instanceof SelectorError) return { ok: false, error: `label selector: ${error.message}` };
      throw error;
    }
  }

  const owner = flagged(text, '-o');
  if (owner !== undefined) {
    const m = /^([A-Za-z]+)\/(\S+)$/.exec(owner);
    if (!m) return { ok: false, error: 'owner filter: -o KIND/NAME, e.g. -o ReplicaSet/web-app-7d9f' };
    return { ok: true, filter: { kind: 'owner', ownerKind: m[1]!, ownerName: m[2]! } };
  }

  const fuzzy = flagged(text, '-f');
  if (fuzzy !== undefined) {
    return { ok: true, filter: fuzzy === '' ? NO_FILTER : { kind: 'fuzzy', query: fuzzy.toLowerCase() } };
  }

  const invert = text.startsWith('!');
  const source = invert ? text.slice(1).trim() : text;
  if (source === '') return { ok: true, filter: NO_FILTER };
  try {
    // 'm' so that ^ and $ anchor to each cell of the haystack, one cell per line.
    return { ok: true, filter: { kind: 'regex', source, pattern: new RegExp(source, 'im'), invert } };
  } catch (error) {
    return { ok: false, error: `invalid regex: ${regexProblem(error)}` };
  }
}

/** The label selector to send to the API server for a filter, or undefined when it is not a `-l` filter. */
export function serverLabelSelector(filter: RowFilter): string | undefined {
  return filter.kind === 'labels' ? filter.selector : undefined;
}

/** The columns a regex searches when the caller does not say: the ones the default view shows. */
export const DEFAULT_FILTER_COLUMNS: readonly ColumnId[] = columnsFor({
  allNamespaces: true,
  metrics: false,
  wide: false,
});

function isStatic(id: ColumnId): id is StaticColumnId {
  return id !== 'age' && id !== 'restarts';
}

/**
 * Where filterRows keeps each row's searched text between calls: typing a regex re-filters 10,000 rows per
 * keystroke, and building the joined text is most of the cost. The caller owns it (the dashboard's is
 * src/ui/rowMemory.ts's HaystackMemory); NO_HAYSTACK_MEMORY keeps nothing.
 */
export interface HaystackMemory {
  /** The text remembered for this row under this column set (the columns' ids joined by commas), if any. */
  get(row: PodRow, columns: string): string | undefined;
  /** Remembers a row's text under a column set. */
  set(row: PodRow, columns: string, text: string): void;
}

/** A memory that keeps nothing: each call joins every row's text again. */
export const NO_HAYSTACK_MEMORY: HaystackMemory = { get: () => undefined, set: () => {} };

function haystack(
  row: PodRow,
  columns: readonly StaticColumnId[],
  signature: string,
  memory: HaystackMemory,
): string {
  let text = memory.get(row, signature);
  if (text === undefined) {
    text = columns.map((id) => row.text[id]).join('\n');
    memory.set(row, signature, text);
  }
  return text;
}

/**
 * Whether a row is kept by a filter, as one test per row (fuzzy: whether it matches at all, whatever its rank).
 * @param filter the parsed filter
 * @param columns the columns on screen, whose text a regex searches (see filterRows)
 * @param memory where each row's searched text is kept between calls
 */
export function rowMatcher(
  filter: RowFilter,
  columns: readonly ColumnId[] = DEFAULT_FILTER_COLUMNS,
  memory: HaystackMemory = NO_HAYSTACK_MEMORY,
): (row: PodRow) => boolean {
  switch (filter.kind) {
    case 'none':
      return () => true;
    case 'regex': {
      const searched = columns.filter(isStatic);
      const signature = searched.join(',');
      const { pattern, invert } = filter;
      return (row) => pattern.test(haystack(row, searched, signature, memory)) !== invert;
    }
    case 'fuzzy':
      return (row) => fuzzyScore(filter.query, row.name) !== undefined;
    case 'labels':
      return (row) => matchesLabels(filter.requirements, row.pod.metadata?.labels);
    case 'owner':
      // The controller (ReplicaSet/x) or the workload behind it (Deployment/web: every revision's pods).
      return (row) =>
        [controllerOf(row.pod), workloadOf(row.pod)].some(
          (o) => o?.kind === filter.ownerKind && o.name === filter.ownerName,
        );
  }
}

/**
 * A regex of printable ASCII with no special character: it matches exactly the cells that contain its text, case
 * aside (ASCII, so lower-casing agrees with the regex's case-insensitive matching).
 */
const LITERAL = /^[ -~]*$/;
const SPECIAL = /[\\^$.|?*+()[\]{}]/;

/**
 * Whether every row `next` keeps is also kept by `previous` — so typing on (`web` → `web-`) can filter the rows
 * the last filter kept instead of every row. True only where that is certain: both plain text (no regex special
 * character), not inverted, and the new text contains the old, case aside (the regex is case-insensitive).
 */
export function narrows(previous: RowFilter, next: RowFilter): boolean {
  if (previous.kind === 'none') return true;
  if (previous.kind !== 'regex' || next.kind !== 'regex' || previous.invert || next.invert) return false;
  const literal = (source: string): boolean => LITERAL.test(source) && !SPECIAL.test(source);
  if (!literal(previous.source) || !literal(next.source)) return false;
  return next.source.toLowerCase().includes(previous.source.toLowerCase());
}

/**
 * The rows a filter keeps. Regex and label filters keep the input order; fuzzy ranks the best matches first
 * (ties in input order). Returns the input array itself when nothing is filtered.
 * @param rows the rows, usually already sorted
 * @param filter the parsed filter
 * @param columns the columns on screen, whose text a regex searches; AGE and RESTARTS are skipped since they
 *   change with the clock and searching them would mean recomputing every row each second
 * @param memory where each row's searched text is kept between calls (the caller's); by default nowhere
 */
export function filterRows(
  rows: readonly PodRow[],
  filter: RowFilter,
  columns: readonly ColumnId[] = DEFAULT_FILTER_COLUMNS,
  memory: HaystackMemory = NO_HAYSTACK_MEMORY,
): readonly PodRow[] {
  switch (filter.kind) {
    case 'none':
      return rows;
    case 'fuzzy': {
      const scored: { row: PodRow; score: number; index: number }[] = [];
      rows.forEach((row, index) => {
        const score = fuzzyScore(filter.query, row.name);
        if (score !== undefined) scored.push({ row, score, index });
      });
      scored.sort((a, b) => b.score - a.score || a.index - b.index);
      return scored.map((s) => s.row);
    }
    default:
      return rows.filter(rowMatcher(filter, columns, memory));
  }
}
