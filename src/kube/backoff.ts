/** Exponential back-off with jitter for reconnecting to the API server. */

/** First retry after about this long. */
export const BACKOFF_MIN_MS = 500;
/** Never wait longer than this between attempts. */
export const BACKOFF_MAX_MS = 30_000;

/**
 * The wait before retry number `attempt` (1-based): 0.5 s, 1 s, 2 s … capped at 30 s, each scaled by a random
 * factor in [0.8, 1.2) so that many dashboards cut off together don't come back in lockstep.
 * @param attempt 1 for the first retry
 * @param random a source of [0, 1) numbers (tests pass a fixed one)
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}
