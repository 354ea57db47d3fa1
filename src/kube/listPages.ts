/**
 * A paged LIST (limit/continue) as an async sequence of pages, so a caller can show the first rows of a large
 * list before the rest has arrived, with progress from `remainingItemCount`.
 */
import { decodeList } from './decode/list.js';
import type { KubeConfigLike } from './plainKubeConfig.js';
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
}

/** A page being asked for again. */
export interface PageRetry extends RetryPlan {
  /** 1 for the first retry of this page. */
  attempt: number;
  error: unknown;
}

/**
 * Lists `path` page by page. An expired continue token surfaces as a `KubeHttpError` 410, like a compacted watch:
 * the caller starts over.
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
    const body = await fetchPage(kc, path, token, opts);
    // Items stay raw here: the reflector decodes each one and leaves a malformed one out. The list itself is
    // checked: a Status in its place, or items that are not an array, is a DecodeError naming the request.
    const page = decodeList(body, 'a list', (raw: unknown) => raw, `GET ${path}`);
    token = page.continue;
    yield {
      items: page.items,
      resourceVersion: page.resourceVersion ?? '',
      remaining: page.remainingItemCount ?? (token ? undefined : 0),
      more: token !== undefined,
    };
  } while (token);
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
