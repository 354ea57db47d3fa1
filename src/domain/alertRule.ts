/**
 * Alerts (issue 16): which STATUS changes of a pod in view are worth a flash and a bell, and how often. STATUS is
 * the printer's (`podStatusReason`, src/domain/podStatus.ts), so an alert names what the list's STATUS column
 * and `kubectl get pods` show. Pure: the caller keeps the memory (`AlertMemory`) and the clock.
 */

/** The STATUS values that alert. `OOMKilled` and `Error` are the kubelet's terminated reasons as the printer shows them. */
export const ALERT_STATUSES: ReadonlySet<string> = new Set([
  'CrashLoopBackOff',
  'OOMKilled',
  'Error',
  'Evicted',
  'ImagePullBackOff',
]);

/** The same pod alerts for the same STATUS at most once in this long (a crash loop cycles Error → CrashLoopBackOff). */
export const REPEAT_MS = 5 * 60_000;
/** At most one flash and one bell in this long; alerts in between are counted into the next flash. */
export const FLASH_GAP_MS = 3_000;

/** What the caller keeps between calls. */
export interface AlertMemory {
  /** When each `pod key␟STATUS` last alerted (epoch ms). */
  readonly lastAlert: Map<string, number>;
  /** When the last flash was shown; -Infinity before the first. */
  lastFlash: number;
  /** Alerts not flashed yet (inside the gap): the latest is flashed with the count of the others. */
  held: number;
}

export function alertMemory(): AlertMemory {
  return { lastAlert: new Map(), lastFlash: -Infinity, held: 0 };
}

/**
 * Whether a pod going from STATUS `before` to `after` alerts now. Only a change counts (a pod already in an alert
 * state when first seen has `before` undefined and does not alert); a repeat of the same pod and STATUS within
 * `REPEAT_MS` does not either.
 */
export function isAlert(
  memory: AlertMemory,
  key: string,
  before: string | undefined,
  after: string,
  now: number,
): boolean {
  if (before === undefined || before === after || !ALERT_STATUSES.has(after)) return false;
  const id = `${key}\u241f${after}`;
  const last = memory.lastAlert.get(id);
  if (last !== undefined && now - last < REPEAT_MS) return false;
  memory.lastAlert.set(id, now);
  return true;
}

/**
 * Whether the alerts held (counted in `memory.held` by the caller) flash now, and how many besides the latest. A
 * flash at most every `FLASH_GAP_MS`; alerts held inside the gap flash when it ends.
 */
export function flashDecision(
  memory: AlertMemory,
  now: number,
): { flash: false } | { flash: true; others: number } {
  if (memory.held === 0 || now - memory.lastFlash < FLASH_GAP_MS) return { flash: false };
  const others = memory.held - 1;
  memory.held = 0;
  memory.lastFlash = now;
  return { flash: true, others };
}

/** The flash line: `crasher: CrashLoopBackOff` (`(+3 more; ! jumps to crasher)` when alerts were held). */
export function alertText(pod: string, status: string, others: number): string {
  const more =
    others > 0
      ? `  (+${others} more alert${others === 1 ? '' : 's'}; ! jumps to ${pod})`
      : '  (! jumps to it)';
  return `${pod}: ${status}${more}`;
}
