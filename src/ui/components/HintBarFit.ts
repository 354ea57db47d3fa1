/**
 * Fitting the hint bar to the terminal: when every hint does not fit, the least useful ones are dropped (sort
 * keys before logs and shell), whole, never cut mid-word; `?` (where the rest is) goes last, after quit; the
 * restricted-user summary (`✗ not allowed in …`) outranks every view hint and is shortened with an ellipsis rather
 * than dropped.
 */
import type { CommandId } from '../../keymap/commands.js';
import type { Hint } from '../../keymap/resolve.js';
import { fitCell, textWidth } from '../../domain/fitText.js';

/**
 * The commands whose hints stay longest, most useful first: getting out and getting help, then what a user
 * opens a pod for (logs, describe, shell), then moving around, and last the keys a glance at `?` explains (sort,
 * mark, save). Hints not listed rank after these, in keymap order.
 */
const MOST_USEFUL_FIRST: readonly CommandId[] = [
  'app.help',
  'app.quit',
  'view.back',
  'input.accept',
  'input.cancel',
  'picker.accept',
  'modal.close',
  'dialog.next',
  'dialog.toggle',
  'pod.logs',
  'pod.describe',
  'pods.filter',
  'pod.shell',
  'pod.containers',
  'text.search',
  'logs.follow',
  'logs.filter',
  'logs.search',
  'pods.namespaces',
  'pod.yaml',
  'pod.events',
  'pod.portForward',
  'pod.delete',
  'text.next',
  'text.prev',
  'forwards.stop',
  'forwards.probe',
  'forwards.stopAll',
  'logs.allContainers',
  'logs.since',
  'logs.timestamps',
  'logs.wrap',
  'logs.json',
  'text.refresh',
  'yaml.managedFields',
  'pods.allNamespaces',
  'pods.wide',
  'pods.contexts',
];
/** The hints dropped first, least useful last in this list. */
const LEAST_USEFUL_LAST: readonly CommandId[] = [
  'pods.mark',
  'text.save',
  'logs.save',
  'pods.sortNext',
  'pods.sortPrev',
  'pods.sortReverse',
];

/** Spaces between two hints, and before the summary. */
export const HINT_GAP = 2;

/** How wide one hint is drawn: `keys title`, or `keys ✗title` when it cannot run now. */
export function hintWidth(h: Hint): number {
  return textWidth(h.keys) + 1 + (h.disabled ? 1 : 0) + textWidth(h.title);
}

function usefulness(h: Hint, index: number): number {
  const top = MOST_USEFUL_FIRST.indexOf(h.command);
  if (top >= 0) return 10_000 - top;
  const bottom = LEAST_USEFUL_LAST.indexOf(h.command);
  if (bottom >= 0) return -1 - bottom;
  return 1_000 - index;
}

/** What the bar shows: the hints kept, in keymap order, and the summary, shortened to fit. */
export interface FittedHints {
  readonly hints: readonly Hint[];
  readonly summary: string | undefined;
}

/**
 * The hints and summary that fit in `width` columns.
 * @param items every hint, globals (quit, help) first, in keymap order
 * @param summary the note shown after the globals (read-only, `✗ not allowed in …`), if any
 * @param width terminal columns
 */
export function fitHints(items: readonly Hint[], summary: string | undefined, width: number): FittedHints {
  const kept = new Set(items);
  const lineWidth = (s: string | undefined): number => {
    const hints = items.filter((h) => kept.has(h));
    const gaps = HINT_GAP * Math.max(0, hints.length - 1);
    const note = s ? HINT_GAP + textWidth(s) : 0;
    return hints.reduce((sum, h) => sum + hintWidth(h), gaps + note);
  };
  const byUse = items
    .map((h, i) => ({ h, use: usefulness(h, i) }))
    .sort((a, b) => a.use - b.use)
    .map((x) => x.h);
  const essential = new Set<CommandId>(['app.help', 'app.quit']);
  for (const h of byUse) {
    if (lineWidth(summary) <= width) break;
    if (!essential.has(h.command)) kept.delete(h);
  }
  let note = summary;
  const over = lineWidth(note) - width;
  if (note && over > 0) {
    const room = textWidth(note) - over;
    note = room >= 4 ? fitCell(note, room).trimEnd() : undefined;
  }
  // Still too wide with only quit and help: quit goes, `?` stays (it lists every key, quit included).
  for (const h of byUse) {
    if (lineWidth(note) <= width) break;
    if (h.command !== 'app.help') kept.delete(h);
  }
  return { hints: items.filter((h) => kept.has(h)), summary: note };
}
