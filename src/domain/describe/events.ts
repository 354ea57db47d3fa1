/**
 * describe's Events section: `Type Reason Age From Message`, oldest first as kubectl sorts them (by
 * lastTimestamp), messages in full; `<none>` when there are none, or a note in place of the table when the
 * events could not be read (RBAC).
 */
import { parseTimestamp } from '../duration.js';
import { eventAge, eventSource } from '../podEvents.js';
import type { KubeEvent } from '../wire.js';
import type { PrefixWriter } from './prefixWriter.js';

/** kubectl's `SortableEvents`: by lastTimestamp, a missing one first. Stable, so ties keep the list's order. */
function byLastTimestamp(events: readonly KubeEvent[]): KubeEvent[] {
  const t = (e: KubeEvent): number => parseTimestamp(e.lastTimestamp) ?? -Infinity;
  return [...events].sort((a, b) => t(a) - t(b));
}

/**
 * `DescribeEvents`.
 * @param w the writer
 * @param events the pod's events as listed
 * @param now the current time in epoch ms
 * @param note when set, shown instead of the table (e.g. why the events could not be listed)
 */
export function writeEvents(w: PrefixWriter, events: readonly KubeEvent[], now: number, note?: string): void {
  if (note !== undefined) return w.write(0, `Events:\t${note}\n`);
  if (events.length === 0) return w.write(0, 'Events:\t<none>\n');
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of byLastTimestamp(events)) {
    w.write(
      1,
      `${e.type ?? ''}\t${e.reason ?? ''}\t${eventAge(e, now)}\t${eventSource(e)}\t${(e.message ?? '').trim()}\n`,
    );
  }
}
