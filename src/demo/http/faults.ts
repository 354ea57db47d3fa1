/**
 * TEST-ONLY fault injection for the demo server: makes chosen requests fail the way a real API server, its etcd
 * or the network between sometimes do, so tests can prove podscope survives them. Nothing is injected unless a
 * test asks (`demo.faults.inject(…)`); with no rules the hook does nothing and the server behaves as always.
 * Not reachable from the command line.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendTooManyRequests } from './rateLimit.js';
import { sendStatus, type StatusReason } from './status.js';

export type Fault =
  /**
   * An error Status, e.g. 500 InternalError ("Internal error occurred: …", as errors.NewInternalError words it) or
   * 503 ServiceUnavailable; with `retryAfterSeconds`, also the Retry-After header and details.retryAfterSeconds.
   */
  | { kind: 'status'; code: number; reason: StatusReason; message: string; retryAfterSeconds?: number }
  /** API priority and fairness turning the request away: its exact 429 (see rateLimit.ts). */
  | { kind: 'too-many-requests'; retryAfterSeconds: number }
  /** The connection is cut before any answer (a load balancer restarting, a node going away; over TLS the demo can only close, not send a TCP RST, and the client sees ECONNRESET either way). */
  | { kind: 'reset' }
  /** 200 and the first bytes of a list, then the connection is cut: the client must not take half a list. */
  | { kind: 'reset-mid-body' }
  /**
   * The server ends this watch after `seconds`, whatever timeoutSeconds the client asked for — as a server
   * closing at its own randomised --min-request-timeout, or a proxy's idle timeout, does. Not a failure: the
   * request then goes on to be served normally.
   */
  | { kind: 'watch-timeout'; seconds: number }
  /** 200 with this JSON instead of the real answer: a malformed object, as a broken proxy or aggregated API sends. */
  | { kind: 'body'; body: unknown }
  /**
   * Not a failure: `run` is called in the server just before the request is served, then it is served normally —
   * for a test that needs the cluster changed at an exact point of a client's sequence (between two pages of a
   * list), which no timer on the client's side can promise.
   */
  | { kind: 'before'; run: () => void };

/** Which requests a rule applies to. */
export interface FaultMatch {
  method?: string;
  /** Tested against the path (no query). */
  path?: RegExp;
  /** Only list requests that carry a continue token (a page after the first). */
  continued?: boolean;
  /** true: only watches; false: only non-watch requests. */
  watch?: boolean;
}

interface Rule {
  match: FaultMatch;
  fault: Fault;
  /** Requests left to hit; Infinity until cleared. */
  left: number;
}

function matches(m: FaultMatch, method: string, url: URL): boolean {
  if (m.method !== undefined && m.method !== method) return false;
  if (m.path && !m.path.test(url.pathname)) return false;
  if (m.continued !== undefined && m.continued !== url.searchParams.has('continue')) return false;
  const watch = url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1';
  return m.watch === undefined || m.watch === watch;
}

export class Faults {
  private readonly rules: Rule[] = [];
  /** How many requests a fault was applied to. */
  applied = 0;

  /**
   * Makes the next `times` requests that match fail with `fault`.
   * @param match which requests
   * @param fault how they fail
   * @param times how many (Infinity: until `clear`)
   */
  inject(match: FaultMatch, fault: Fault, times = 1): void {
    this.rules.push({ match, fault, left: times });
  }

  /** Removes every rule and zeroes `applied`. */
  clear(): void {
    this.rules.length = 0;
    this.applied = 0;
  }

  /**
   * Applies the first matching rule. True when the request has been answered (or cut) here; false when it goes
   * on to be served — possibly with its query changed (`watch-timeout`).
   */
  intercept(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    const rule = this.rules.find((r) => r.left > 0 && matches(r.match, req.method ?? 'GET', url));
    if (!rule) return false;
    rule.left--;
    this.applied++;
    const f = rule.fault;
    switch (f.kind) {
      case 'status':
        if (f.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(f.retryAfterSeconds));
        sendStatus(
          res,
          f.code,
          f.reason,
          f.message,
          f.retryAfterSeconds === undefined ? undefined : { retryAfterSeconds: f.retryAfterSeconds },
        );
        return true;
      case 'too-many-requests':
        sendTooManyRequests(res, f.retryAfterSeconds);
        return true;
      case 'reset':
        req.socket.destroy();
        return true;
      case 'reset-mid-body':
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write(
          '{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"1"},"items":[{"metadata":',
        );
        // Let the bytes out before the reset, so the client sees a started body, not a refused request.
        setTimeout(() => req.socket.destroy(), 50);
        return true;
      case 'watch-timeout':
        url.searchParams.set('timeoutSeconds', String(f.seconds));
        return false;
      case 'body':
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(f.body));
        return true;
      case 'before':
        f.run();
        return false;
    }
  }
}
