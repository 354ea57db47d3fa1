/**
 * The demo's Retry-After follows API priority and fairness's dropped-requests tracker: upstream's own test table
 * (k8s.io/apiserver pkg/util/flowcontrol/dropped_requests_tracker_test.go, TestDroppedRequestsTracker, Kubernetes
 * 1.32), replayed step by step. And the client side: Retry-After as kube-apiserver and proxies write it.
 */
import { describe, expect, it } from 'vitest';
import { RequestBudget, RetryAfterTracker } from '../../src/demo/http/rateLimit.js';
import { DEMO_ADMIN } from '../../src/demo/auth/userInfo.js';
import { parseRetryAfter } from '../../src/kube/retryAfter.js';
import { retryPlan } from '../../src/kube/retryPolicy.js';
import { RetryLaterError } from '../../src/kube/retryAfter.js';

/** secondsElapsed, droppedRequests, retryAfter — copied from upstream's table. */
const UPSTREAM_STEPS: [number, number, number][] = [
  [0, 5, 1],
  [1, 11, 2],
  [2, 1, 2],
  [3, 11, 4],
  [4, 1, 4],
  [7, 1, 8],
  [11, 1, 8],
  [15, 1, 7],
  [17, 1, 6],
  [21, 14, 5],
  [22, 1, 10],
];

describe("the demo's Retry-After", () => {
  it('grows and decays as APF’s dropped-requests tracker does (upstream’s table)', () => {
    const tracker = new RetryAfterTracker();
    const start = 1_765_000_000;
    for (const [elapsed, dropped, expected] of UPSTREAM_STEPS) {
      for (let i = 0; i < dropped; i++) tracker.drop(start + elapsed);
      expect(tracker.current, `after ${elapsed} s`).toBe(expected);
    }
  });

  it('a user over budget is told to come back later, one under it is not', () => {
    let now = 0;
    const budget = new RequestBudget(3, () => now);
    const results = Array.from({ length: 5 }, () => budget.admit(DEMO_ADMIN));
    expect(results).toEqual([undefined, undefined, undefined, 1, 1]);
    now += 1000;
    expect(budget.admit(DEMO_ADMIN)).toBeUndefined();
    expect(budget.admit({ username: 'someone-else', groups: [] })).toBeUndefined();
  });
});

describe('Retry-After as clients read it', () => {
  it('reads delta-seconds and HTTP-dates, and ignores nonsense', () => {
    const now = Date.parse('2026-12-06T12:00:00Z');
    expect(parseRetryAfter('1', now)).toBe(1);
    expect(parseRetryAfter('32', now)).toBe(32);
    expect(parseRetryAfter('Sun, 06 Dec 2026 12:00:05 GMT', now)).toBe(5);
    expect(parseRetryAfter('Sun, 06 Dec 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('86400', now)).toBe(300);
  });

  it('waits at least what the server asked, at most a quarter more, and never less than the back-off', () => {
    const asked = new RetryLaterError(429, 'Too Many Requests', undefined, 4);
    expect(retryPlan(asked, 1, () => 0)).toEqual({ delayMs: 4000, throttled: true });
    expect(retryPlan(asked, 1, () => 0.999).delayMs).toBeLessThan(5000);
    // The tenth refusal in a row: the back-off (capped at 30 s) outweighs a short Retry-After.
    expect(retryPlan(asked, 10, () => 0).delayMs).toBe(24_000);
  });
});
