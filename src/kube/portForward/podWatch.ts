/**
 * Follows one pod (a LIST and a WATCH with a `metadata.name` field selector) and says whether it can take
 * forwarded connections: deleted, terminating or not Running is reported with the reason as soon as the event
 * arrives. A watch that ends resumes from the last resourceVersion; a 410 lists again; failures back off.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { KubeConfigLike } from '../plainKubeConfig.js';
import { notForwardableReason, podGoneReason } from '../../domain/forwardTarget.js';
import type { Pod } from '../../domain/wire.js';
import { backoffDelay } from '../backoff.js';
import { getJson } from '../request.js';
import { watchOnce } from '../watchOnce.js';

/** Whether the pod can take forwarded connections; `reason` says why not. */
export type PodLiveness = { readonly alive: true } | { readonly alive: false; readonly reason: string };

interface PodList {
  metadata?: { resourceVersion?: string };
  items?: Pod[];
}

function liveness(name: string, pod: Pod | undefined): PodLiveness {
  if (!pod) return { alive: false, reason: podGoneReason(name) };
  const reason = notForwardableReason(pod);
  return reason ? { alive: false, reason } : { alive: true };
}

/**
 * The pod now, by one LIST (so a missing pod still gives a resourceVersion to watch from).
 * Rejects as `getJson` does.
 */
export async function readPodLiveness(
  kc: KubeConfigLike,
  namespace: string,
  name: string,
  signal?: AbortSignal,
): Promise<{ liveness: PodLiveness; resourceVersion: string | undefined }> {
  const list = (await getJson(kc, `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`, {
    query: { fieldSelector: `metadata.name=${name}` },
    ...(signal ? { signal } : {}),
  })) as PodList;
  return { liveness: liveness(name, list.items?.[0]), resourceVersion: list.metadata?.resourceVersion };
}

/**
 * Watches the pod until `signal` aborts, calling `onChange` with each new liveness (also repeats).
 * @param resourceVersion where to start (from {@link readPodLiveness})
 */
export async function watchPodLiveness(
  kc: KubeConfigLike,
  namespace: string,
  name: string,
  resourceVersion: string | undefined,
  onChange: (liveness: PodLiveness) => void,
  signal: AbortSignal,
): Promise<void> {
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`;
  let rv = resourceVersion;
  let failures = 0;
  while (!signal.aborted) {
    if (rv === undefined) {
      try {
        const now = await readPodLiveness(kc, namespace, name, signal);
        rv = now.resourceVersion;
        onChange(now.liveness);
        failures = 0;
      } catch {
        if (signal.aborted) return;
        await sleep(backoffDelay(++failures), undefined, { signal }).catch(() => undefined);
        continue;
      }
    }
    const end = await watchOnce(
      kc,
      path,
      { fieldSelector: `metadata.name=${name}`, resourceVersion: rv, allowWatchBookmarks: true },
      {
        onOpen: () => (failures = 0),
        onEvent: (type, object) => {
          const pod = object as Pod;
          if (pod.metadata?.resourceVersion) rv = pod.metadata.resourceVersion;
          if (type === 'BOOKMARK') return;
          onChange(liveness(name, type === 'DELETED' ? undefined : pod));
        },
      },
      signal,
    );
    if (end.kind === 'aborted') return;
    if (end.kind === 'gone') rv = undefined;
    if (end.kind === 'failed')
      await sleep(backoffDelay(++failures), undefined, { signal }).catch(() => undefined);
  }
}
