/**
 * LIST then WATCH one small collection (a field-selected pod, a pod's events) for a store: resumes a watch that
 * ended from the last resourceVersion, relists after 410 Gone, backs off after failures, and stops for good on
 * failures that retrying cannot fix (403, 400). The store sees the list, each event, and state changes.
 */
import type { KubeConfigLike } from './plainKubeConfig.js';
import { describeFailure, KubeHttpError } from './errors.js';
import type { Failure } from './errors.js';
import { listPages } from './listPages.js';
import type { PageRetry } from './listPages.js';
import { serverUrl } from './request.js';
import { retryPlan, throttledMessage, waitToRetry } from './retryPolicy.js';
import { watchOnce } from './watchOnce.js';

export type ListWatchState =
  | { kind: 'live' }
  | { kind: 'reconnecting'; attempt: number; error: string; retryInMs: number }
  /** Final: the loop has stopped. */
  | { kind: 'failed'; failure: Failure };

export interface ListWatchHandlers {
  /** A complete list (the first, or a relist after 410): replaces what the store holds. */
  onList(items: unknown[]): void;
  /** ADDED, MODIFIED or DELETED with the raw object. */
  onEvent(type: 'ADDED' | 'MODIFIED' | 'DELETED', object: Record<string, unknown>): void;
  onState(state: ListWatchState): void;
}

export interface ListWatchOptions {
  fieldSelector?: string;
  /** Words a 403 the server didn't explain, e.g. `list events in namespace "default"`. */
  action?: string;
}

const QUICK_END_MS = 1000;

/** Runs until `signal` aborts or a final failure. Never rejects. */
export async function runListWatch(
  kc: KubeConfigLike,
  path: string,
  opts: ListWatchOptions,
  handlers: ListWatchHandlers,
  signal: AbortSignal,
): Promise<void> {
  const server = serverUrl(kc);
  let rv: string | undefined;
  let failures = 0;
  while (!signal.aborted) {
    let failure: unknown;
    try {
      if (rv === undefined) {
        const items: unknown[] = [];
        let listRv = '';
        const onRetry = (r: PageRetry): void => {
          const message = r.throttled
            ? throttledMessage(r.delayMs)
            : describeFailure(r.error, server, opts.action).message;
          handlers.onState({
            kind: 'reconnecting',
            attempt: r.attempt,
            error: message,
            retryInMs: r.delayMs,
          });
        };
        for await (const page of listPages(kc, path, {
          fieldSelector: opts.fieldSelector,
          signal,
          onRetry,
        })) {
          items.push(...page.items);
          listRv = page.resourceVersion;
        }
        rv = listRv;
        handlers.onList(items);
      }
      const startedAt = performance.now();
      const end = await watchOnce(
        kc,
        path,
        {
          resourceVersion: rv || undefined,
          allowWatchBookmarks: true,
          fieldSelector: opts.fieldSelector,
          timeoutSeconds: 300,
        },
        {
          onOpen: () => {
            failures = 0;
            handlers.onState({ kind: 'live' });
          },
          onEvent: (type, object) => {
            if (typeof object !== 'object' || object === null) return;
            const o = object as { metadata?: { resourceVersion?: string } };
            if (o.metadata?.resourceVersion) rv = o.metadata.resourceVersion;
            if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') {
              handlers.onEvent(type, object as Record<string, unknown>);
            }
          },
        },
        signal,
      );
      if (end.kind === 'aborted') return;
      if (end.kind === 'gone') {
        rv = undefined;
        if (end.events > 0) continue;
        failure = new KubeHttpError(410, 'the server answers 410 Gone right after a list');
      } else if (end.kind === 'closed') {
        // A quiet watch ends now and then (the server's timeout, client-node's 30 s idle timeout): resume. One
        // that ends at once with nothing in it counts as a failure, or a bad server would be hammered.
        if (end.events > 0 || performance.now() - startedAt > QUICK_END_MS) continue;
        failure = new Error('the server keeps closing the watch');
      } else {
        failure = end.error;
      }
    } catch (e) {
      failure = e;
    }
    if (signal.aborted) return;
    const f = describeFailure(failure, server, opts.action);
    if (f.kind === 'forbidden' || f.kind === 'bad-request')
      return handlers.onState({ kind: 'failed', failure: f });
    if (f.kind === 'gone') rv = undefined;
    failures++;
    const plan = retryPlan(failure, failures);
    const error = plan.throttled ? throttledMessage(plan.delayMs) : f.message;
    handlers.onState({ kind: 'reconnecting', attempt: failures, error, retryInMs: plan.delayMs });
    if (!(await waitToRetry(plan.delayMs, signal))) return;
  }
}
