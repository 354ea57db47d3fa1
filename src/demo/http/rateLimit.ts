/**
 * A request budget per user (`podscope demo --max-requests-per-second N`), turned away as kube-apiserver's API
 * priority and fairness turns away a request its priority level has no room for
 * (k8s.io/apiserver pkg/server/filters/priority-and-fairness.go, `tooManyRequests`): 429, a plain-text body
 * "Too many requests, please try again later." (net/http's http.Error, not a Status), `Retry-After` in whole seconds
 * as its dropped-requests tracker computes it (pkg/util/flowcontrol/dropped_requests_tracker.go: 1 s, doubled while
 * drops keep coming, at most 32 s, down a second at a time when they stop), and the UIDs of the matched FlowSchema
 * and priority level in X-Kubernetes-PF-* headers.
 *
 * What counts, as in APF: every request once when it starts, a watch included (APF holds a watch's seat only while
 * it initialises); long-running requests that are not watches — exec, attach, port-forward, logs, proxy
 * (BasicLongRunningRequestCheck as kube-apiserver builds it) — are never limited, nor are health probes (the
 * `probes` FlowSchema goes to the `exempt` level).
 *
 * Where the demo differs on purpose: APF's mandatory `exempt` FlowSchema exempts the group system:masters, which
 * the demo's own user belongs to. The budget here applies to every user, system:masters too, because the flag
 * exists to let the demo's default context feel a busy server; on a real cluster, give the user a FlowSchema of
 * its own (test/real/throttle.test.ts does).
 */
import type { ServerResponse } from 'node:http';
import type { UserInfo } from '../auth/userInfo.js';
import type { ResourceRoute } from './route.js';

/** APF's ceiling on Retry-After (dropped_requests_tracker.go maxRetryAfter). */
const MAX_RETRY_AFTER = 32;

/** Subresources kube-apiserver treats as long-running (server.BasicLongRunningRequestCheck's second set). */
const LONG_RUNNING_SUBRESOURCES = new Set(['attach', 'exec', 'proxy', 'log', 'portforward']);

/** Stable made-up UIDs: the real headers carry the UIDs, never the names, of what matched. */
const FLOW_SCHEMA_UID = '5b0c4a6e-2f1d-4c3b-9a87-6e5d4c3b2a01';
const PRIORITY_LEVEL_UID = '5b0c4a6e-2f1d-4c3b-9a87-6e5d4c3b2a02';

/**
 * Whether APF would count this request: not a non-watch long-running one, not a health probe.
 * @param pathname the URL path
 * @param route the resource it names, if any
 */
export function countsAgainstBudget(pathname: string, route: ResourceRoute | undefined): boolean {
  if (/^\/(healthz|livez|readyz)(\/|$)/.test(pathname)) return false;
  return !(route?.subresource && LONG_RUNNING_SUBRESOURCES.has(route.subresource));
}

/** The dropped-requests tracker of one priority level, as APF keeps it: how long to ask the rejected to wait. */
export class RetryAfterTracker {
  private readonly history: { unix: number; count: number }[] = [];
  private currentUnix = 0;
  private currentCount = 0;
  private retryAfter = 1;
  private updatedUnix = 0;

  /** The Retry-After the next rejection gets, if nothing changes (GetRetryAfter). */
  get current(): number {
    return this.retryAfter;
  }

  /** Notes a rejected request at `unix` seconds; returns the Retry-After to send with it. */
  drop(unix: number): number {
    if (unix !== this.currentUnix) {
      this.history.push({ unix: this.currentUnix, count: this.currentCount });
      while (this.history.length > 0 && this.currentUnix - this.history[0]!.unix > MAX_RETRY_AFTER)
        this.history.shift();
      this.currentUnix = unix;
      this.currentCount = 0;
      this.update(unix);
    }
    this.currentCount++;
    return this.retryAfter;
  }

  /** updateRetryAfterIfNeededLocked: doubles on ≥ 3×retryAfter drops in the last retryAfter s, else decays by 1. */
  private update(unix: number): void {
    let dropped = 0;
    for (let i = this.history.length - 1; i >= 0; i--) {
      const h = this.history[i]!;
      if (unix - h.unix > this.retryAfter) break;
      if (h.unix < unix) dropped += h.count;
    }
    if (unix - this.updatedUnix >= this.retryAfter && dropped >= 3 * this.retryAfter) {
      this.retryAfter = Math.min(this.retryAfter * 2, MAX_RETRY_AFTER);
      this.updatedUnix = unix;
    } else if (dropped < this.retryAfter && this.retryAfter > 1) {
      this.retryAfter--;
    }
  }
}

/** A token bucket per user: `perSecond` requests a second, up to a second's worth at once. */
export class RequestBudget {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly trackers = new Map<string, RetryAfterTracker>();

  /**
   * @param perSecond requests each user may make per second
   * @param now a clock in ms (tests pass their own)
   */
  constructor(
    readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Takes one request from `user`'s budget. Undefined: serve it; a number: turn it away, asking it to come back
   * after that many seconds.
   */
  admit(user: UserInfo): number | undefined {
    const at = this.now();
    const b = this.buckets.get(user.username) ?? { tokens: this.perSecond, at };
    b.tokens = Math.min(this.perSecond, b.tokens + ((at - b.at) / 1000) * this.perSecond);
    b.at = at;
    this.buckets.set(user.username, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return undefined;
    }
    let tracker = this.trackers.get(user.username);
    if (!tracker) this.trackers.set(user.username, (tracker = new RetryAfterTracker()));
    return tracker.drop(Math.floor(at / 1000));
  }
}

/**
 * APF's rejection, byte for byte: `tooManyRequests` sets Retry-After and calls http.Error, which answers in plain
 * text with a trailing newline.
 */
export function sendTooManyRequests(res: ServerResponse, retryAfterSeconds: number): void {
  const text = 'Too many requests, please try again later.\n';
  // setHeader, not writeHead's object: the request log reads Retry-After back from the response.
  res.setHeader('X-Kubernetes-PF-PriorityLevel-UID', PRIORITY_LEVEL_UID);
  res.setHeader('X-Kubernetes-PF-FlowSchema-UID', FLOW_SCHEMA_UID);
  res.setHeader('Retry-After', String(retryAfterSeconds));
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.writeHead(429);
  res.end(text);
}
