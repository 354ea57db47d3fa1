/**
 * A paged LIST (limit/continue) as an async sequence of pages, so a caller can show the first rows of a large
 * list before the rest has arrived, with progress from `remainingItemCount`.
 */
import type { KubeConfigLike } from './plainKubeConfig.js';
import { getJson } from './request.js';

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
}

interface ListBody {
  items?: unknown;
  metadata?: { resourceVersion?: unknown; continue?: unknown; remainingItemCount?: unknown };
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
    const body = (await getJson(kc, path, {
      query: {
        limit: opts.limit ?? 500,
        continue: token,
        labelSelector: opts.labelSelector,
        fieldSelector: opts.fieldSelector,
      },
      signal: opts.signal,
      timeoutMs: opts.timeoutMs,
    })) as ListBody | null;
    const items = body?.items;
    const meta = body?.metadata;
    if (!Array.isArray(items) && items !== null && items !== undefined) {
      throw new Error(`the server's answer to ${path} is not a list`);
    }
    const rv = meta?.resourceVersion;
    token = typeof meta?.continue === 'string' && meta.continue !== '' ? meta.continue : undefined;
    const remaining = meta?.remainingItemCount;
    yield {
      // An empty list may come as `"items": null`.
      items: Array.isArray(items) ? items : [],
      resourceVersion: typeof rv === 'string' ? rv : '',
      remaining: typeof remaining === 'number' ? remaining : token ? undefined : 0,
      more: token !== undefined,
    };
  } while (token);
}
