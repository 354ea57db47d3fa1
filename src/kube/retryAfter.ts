/**
 * `Retry-After`: how long the API server asked us to wait. kube-apiserver sends it with every 429 (API priority and
 * fairness, k8s.io/apiserver pkg/server/filters/priority-and-fairness.go and maxinflight.go `tooManyRequests`:
 * header `Retry-After: N`, 1 to 32 seconds from its dropped-requests tracker, and a plain-text body "Too many
 * requests, please try again later." — not a Status), and a Status error may carry `details.retryAfterSeconds`
 * (errors.NewTooManyRequests, NewServerTimeout, NewTimeoutError). client-go honours the header on 429 and 5xx
 * answers (rest/request.go `checkWait`, `retryAfterSeconds`); so do we.
 */
import { KubeHttpError } from './errors.js';

/** Longer than this is a misconfigured proxy, not a plan: APF never asks for more than 32 s. */
const MAX_RETRY_AFTER_SECONDS = 300;

/** A non-2xx answer that said when to come back. */
export class RetryLaterError extends KubeHttpError {
  constructor(
    status: number,
    statusMessage: string,
    reason: string | undefined,
    /** Whole seconds, from `Retry-After` or the Status's `details.retryAfterSeconds`. */
    readonly retryAfterSeconds: number,
  ) {
    super(status, statusMessage, reason);
    this.name = 'RetryLaterError';
  }
}

/**
 * The seconds a `Retry-After` header asks for: delta-seconds (what kube-apiserver sends) or an HTTP-date (what
 * some proxies send, RFC 9110 §10.2.3). Undefined when absent or unreadable.
 * @param value the header as node gives it
 * @param now the current time, epoch ms (tests pass a fixed one)
 */
export function parseRetryAfter(
  value: string | string[] | undefined,
  now: number = Date.now(),
): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Math.min(Number(text), MAX_RETRY_AFTER_SECONDS);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, Math.ceil((at - now) / 1000)), MAX_RETRY_AFTER_SECONDS);
}

/**
 * Whether client-go would honour a Retry-After on this status (rest/request.go `checkWait`: 429 and 5xx).
 * @param status the HTTP status
 */
export function honoursRetryAfter(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/** Seconds to wait that an error carries, if the server said. */
export function retryAfterOf(err: unknown): number | undefined {
  return err instanceof RetryLaterError ? err.retryAfterSeconds : undefined;
}

/** Whether the server turned the request away for load (API priority and fairness, max-in-flight). */
export function isThrottled(err: unknown): boolean {
  return err instanceof KubeHttpError && err.status === 429;
}
