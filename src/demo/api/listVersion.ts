/**
 * Which store answers a LIST, and what its resourceVersion asks of it (apiserver storage/cacher, 1.32):
 * continuations, an Exact match and a legacy limit with a version go to etcd (cacher.shouldDelegateList); the
 * rest is served from the watch cache, which first waits up to 3 s to have seen the version asked for
 * (watchCache.waitUntilFreshAndBlock) and then answers 504 Timeout "Too large resource version", retry after 1 s.
 * A version that is not a number is etcd's 400, and the watch cache's bare 500.
 */
import type { ObjectStore } from '../store/objectStore.js';
import { ApiError } from './apiErrors.js';
import type { ListOptions } from './listOptions.js';
import { parseResourceVersion } from './listOptions.js';

/** How long the watch cache waits for a version it has not seen (blockTimeout in watch_cache.go). */
const FRESH_WAIT_MS = 3_000;

export function servedByStorage(o: ListOptions): boolean {
  const rv = o.resourceVersion;
  const legacyExact = o.limit !== undefined && !o.resourceVersionMatch && !!rv && rv !== '0';
  return (
    !!o.continueToken ||
    (!!o.resourceVersionMatch && o.resourceVersionMatch !== 'NotOlderThan') ||
    legacyExact
  );
}

/** storage.NewTooLargeResourceVersionError: a Timeout with its cause. */
function tooLarge(wanted: number, current: number, retrySeconds: number): ApiError {
  return new ApiError(504, 'Timeout', `Timeout: Too large resource version: ${wanted}, current: ${current}`, {
    causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
    ...(retrySeconds ? { retryAfterSeconds: retrySeconds } : {}),
  });
}

/** Checks a LIST's resourceVersion against the store, waiting as the watch cache does; throws the API's errors. */
export async function awaitListVersion(store: ObjectStore, o: ListOptions): Promise<void> {
  if (o.continueToken) return; // the token carries the version (list.ts)
  if (servedByStorage(o)) {
    let wanted: number;
    try {
      wanted = parseResourceVersion(o.resourceVersion);
    } catch (e) {
      throw new ApiError(400, 'BadRequest', `invalid resource version: ${(e as Error).message}`);
    }
    // etcd3 store.validateMinimumResourceVersion: no wait, no retry hint.
    if (o.resourceVersionMatch !== 'Exact' && wanted > store.resourceVersion) {
      throw tooLarge(wanted, store.resourceVersion, 0);
    }
    return;
  }
  const wanted = parseResourceVersion(o.resourceVersion);
  if (wanted <= store.resourceVersion) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, FRESH_WAIT_MS);
    const unsubscribe = store.subscribe(() => {
      if (store.resourceVersion >= wanted) done();
    });
    function done(): void {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    }
  });
  if (wanted > store.resourceVersion) throw tooLarge(wanted, store.resourceVersion, 1);
}
