/**
 * The one retry policy for every store: how long to wait before trying again after a failure, whether the
 * failure was the server throttling us, and the line that says so. A store owns its loop; this owns the numbers.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { backoffDelay } from './backoff.js';
import { describeFailure, KubeHttpError } from './errors.js';
import { isThrottled, retryAfterOf } from './retryAfter.js';

/** What to do about one failure. */
export interface RetryPlan {
  /** Wait this long before the next attempt. */
  delayMs: number;
  /** The server said 429: it is busy, not broken. */
  throttled: boolean;
}

/** The most a Retry-After wait is stretched: clients throttled together must not all come back in the same tick. */
const RETRY_AFTER_JITTER = 0.25;

/**
 * The wait before retry number `attempt` after `err`. When the server said how long (Retry-After), at least that,
 * stretched by up to a quarter; never less than the exponential back-off, so a server that keeps asking for 1 s
 * while it stays overloaded sees us slow down further (client-go's reflector backs off the same way on top of
 * the per-request Retry-After wait).
 * @param err what the attempt failed with
 * @param attempt 1 for the first retry
 * @param random a source of [0, 1) numbers (tests pass a fixed one)
 */
export function retryPlan(err: unknown, attempt: number, random: () => number = Math.random): RetryPlan {
  const backoff = backoffDelay(attempt, random);
  const after = retryAfterOf(err);
  const asked = after === undefined ? 0 : Math.round(after * 1000 * (1 + RETRY_AFTER_JITTER * random()));
  return { delayMs: Math.max(asked, backoff), throttled: isThrottled(err) };
}

/**
 * Whether a failed request is worth repeating as it was: the server was busy or briefly broken (429, 500, 502,
 * 503, 504), or the connection failed or was cut. 4xx answers other than 429 would only fail again.
 * @param err what the request failed with
 */
export function isTransient(err: unknown): boolean {
  if (err instanceof KubeHttpError) return err.status === 429 || (err.status >= 500 && err.status <= 504);
  const kind = describeFailure(err, '').kind;
  return kind === 'unreachable' || kind === 'timeout';
}

/**
 * The status line while throttled.
 * @param delayMs the wait before the next attempt
 */
export function throttledMessage(delayMs: number): string {
  return `throttled by the API server, retrying in ${Math.ceil(delayMs / 1000)}s`;
}

/**
 * Waits `ms`, or less if `signal` aborts. Resolves true when the wait ran out, false when aborted.
 * @param ms how long
 * @param signal cuts the wait short
 */
export async function waitToRetry(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  try {
    await sleep(ms, undefined, signal ? { signal } : {});
    return true;
  } catch {
    return false;
  }
}
