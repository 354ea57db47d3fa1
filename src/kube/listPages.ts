/**
 * A paged LIST (limit/continue) as an async sequence of pages, so a caller can show the first rows of a large
 * list before the rest has arrived, with progress from `remainingItemCount`.
 *
 * A continue token lives only as long as the server keeps the history of the list's first page (etcd's compaction,
 * every 5 minutes on kube-apiserver; the demo's bounded history): a list slower than that gets 410 Expired on a later
 * page. With `fullListIfExpired`, the list then finishes as client-go's pager does (tools/pager/pager.go,
 * ListPager.List with FullListIfExpired): one unpaged LIST at the list's requested resourceVersion (podscope's is
 * "", the newest), whose page is marked `restart` — it replaces the pages before it — rather than starting over page
 * by page, which at 100,000 pods on a busy cluster expires again and never ends.
 */
import { decodeList } from './decode/list.js';
import { KubeHttpError } from './errors.js';
import type { KubeConfigLike } from './plainKubeConfig.js';
import { streamList } from './listStream.js';
import { getJson } from './request.js';
import { isTransient, retryPlan, waitToRetry } from './retryPolicy.js';
import type { RetryPlan } from './retryPolicy.js';

/** One page of a list, as raw JSON items. */
export interface ListPage {
  items: unknown[];
  /** The collection's resourceVersion: where a watch picks up after the last page. */
  resourceVersion: string;
  /** Items after this page, when the server says (it may not: the field is optional). */
  remaining: number | undefined;
  /** Whether more pages follow. */
  more: boolean;
  /**
   * The list was started again as one unpaged request after a continue token expired: the pages before this one
   * are void (a pod in them may since be gone), and this one and those after it make the whole list.
   */
  restart?: true;
}

export interface ListPagesOptions {
  labelSelector?: string;
  fieldSelector?: string;
  /** Items per page; 500 as kubectl. */
  limit?: number;
  signal?: AbortSignal;
  timeoutMs?: number;
  /**
   * Given, a page that fails for a passing reason (429, 5xx, a reset or timeout) is asked for again with the same
   * continue token after the policy's wait, instead of failing the whole list: the pages already shown stay, and
   * the list is still incomplete (no page with `more: false` has come). Called before each wait.
   */
  onRetry?: (retry: PageRetry) => void;
  /**
   * Given, a later page's 410 (an expired continue token) is followed by one unpaged list (see the module comment),
   * reported here before it is asked for; without it, the 410 is thrown.
   */
  fullListIfExpired?: () => void;
}

/** A page being asked for again. */
export interface PageRetry extends RetryPlan {
  /** 1 for the first retry of this page. */
  attempt: number;
  error: unknown;
}

/**
 * Lists `path` page by page. An expired continue token surfaces as a `KubeHttpError` 410, like a compacted watch
 * (the caller starts over), unless `fullListIfExpired` is given.
 * @param kc the kubeconfig
 * @param path a collection path such as `/api/v1/pods`
 */
export async function* listPages(
  kc: KubeConfigLike,
  path: string,
  opts: ListPagesOptions = {},
): AsyncGenerator<ListPage, void, undefined> {
  let token: string | undefined;
  do {
    let body: unknown;
    try {
      body = await fetchPage(kc, path, token, opts);
    } catch (error) {
      // client-go's pager falls back only on a page after the first: an expired first page is the caller's to
      // handle (its list's own resourceVersion is too old).
      if (!opts.fullListIfExpired || token === undefined || !isExpired(error)) throw error;
      opts.fullListIfExpired();
      yield* wholeList(kc, path, opts);
      return;
    }
    const { page, next } = pageOf(body, path);
    token = next;
    yield page;
  } while (token);
}

/**
 * The whole list in one unpaged request, read as it arrives (`streamList`: at 100,000 pods its body is longer than
 * a string can be), as pages of what has arrived; the first is marked `restart`, the last has the list's
 * resourceVersion. A failure for a passing reason before the first items is retried as a page is.
 */
async function* wholeList(
  kc: KubeConfigLike,
  path: string,
  opts: ListPagesOptions,
): AsyncGenerator<ListPage, void, undefined> {
  const query = { labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector };
  for (let attempt = 1; ; attempt++) {
    const stream = streamList(kc, path, { query, signal: opts.signal, timeoutMs: opts.timeoutMs });
    let first = true;
    try {
      for (;;) {
        const next = await stream.next();
        const restart = first ? { restart: true as const } : {};
        first = false;
        if (next.done) {
          yield {
            items: [],
            resourceVersion: next.value.resourceVersion ?? '',
            remaining: 0,
            more: false,
            ...restart,
          };
          return;
        }
        yield { items: next.value, resourceVersion: '', remaining: undefined, more: true, ...restart };
      }
    } catch (error) {
      if (!first || !opts.onRetry || opts.signal?.aborted || !isTransient(error)) throw error;
      const plan = retryPlan(error, attempt);
      opts.onRetry({ ...plan, attempt, error });
      if (!(await waitToRetry(plan.delayMs, opts.signal))) throw error;
    }
  }
}

/** A page as parsed, and the token of the next. */
function pageOf(body: unknown, path: string): { page: ListPage; next: string | undefined } {
  // Items stay raw here: the reflector decodes each one and leaves a malformed one out. The list itself is
  // checked: a Status in its place, or items that are not an array, is a DecodeError naming the request.
  const page = decodeList(body, 'a list', (raw: unknown) => raw, `GET ${path}`);
  const next = page.continue;
  return {
    page: {
      items: page.items,
      resourceVersion: page.resourceVersion ?? '',
      remaining: page.remainingItemCount ?? (next ? undefined : 0),
      more: next !== undefined,
    },
    next,
  };
}

/**
 * A continue token the server no longer honours: 410, reason Expired (etcd3's store, GetList after a compaction:
 * apierrors.NewResourceExpired). Any 410 counts, as client-go's reflector counts Gone alike (isExpiredError): to a
 * continued page it can mean nothing else.
 */
function isExpired(error: unknown): boolean {
  return error instanceof KubeHttpError && error.status === 410;
}

/** One page, asked for again while it fails for a passing reason and the caller wants retries. */
async function fetchPage(
  kc: KubeConfigLike,
  path: string,
  token: string | undefined,
  opts: ListPagesOptions,
): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await getJson(kc, path, {
        query: {
          limit: opts.limit ?? 500,
          continue: token,
          labelSelector: opts.labelSelector,
          fieldSelector: opts.fieldSelector,
        },
        signal: opts.signal,
        timeoutMs: opts.timeoutMs,
      });
    } catch (error) {
      if (!opts.onRetry || opts.signal?.aborted || !isTransient(error)) throw error;
      const plan = retryPlan(error, attempt);
      opts.onRetry({ ...plan, attempt, error });
      if (!(await waitToRetry(plan.delayMs, opts.signal))) throw error;
    }
  }
}
