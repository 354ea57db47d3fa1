/**
 * Follows one pod (a LIST and a WATCH with a `metadata.name` field selector) and says whether it can take
 * forwarded connections: deleted, terminating or not Running is reported with the reason as soon as the event
 * arrives (see `watchPodLiveness`).
 */
import type { KubeConfigLike } from '../plainKubeConfig.js';
import { notForwardableReason, podGoneReason } from '../../domain/forwardTarget.js';
import type { Pod } from '../../domain/wire.js';
import { decodePodList } from '../decode/pod.js';
import { onePod } from '../reflector/onePod.js';
import { Reflector } from '../reflector/reflector.js';
import { wholeList } from '../reflector/wholeList.js';
import { getJson } from '../request.js';

/** Whether the pod can take forwarded connections; `reason` says why not. */
export type PodLiveness = { readonly alive: true } | { readonly alive: false; readonly reason: string };

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
  const { path, fieldSelector } = onePod(namespace, name);
  const raw = await getJson(kc, path, {
    query: { fieldSelector },
    ...(signal ? { signal } : {}),
  });
  const list = decodePodList(raw, `GET ${path}`);
  return { liveness: liveness(name, list.items[0]), resourceVersion: list.resourceVersion };
}

/**
 * Watches the pod until `signal` aborts, calling `onChange` with each new liveness (also repeats), on a
 * `Reflector` from `resourceVersion` (a watch that ends resumes; a 410 lists again; failures back off, and a
 * server that keeps closing the watch at once is backed off from, not asked again in a tight loop).
 * @param resourceVersion where to start (from {@link readPodLiveness}); undefined lists first
 */
export async function watchPodLiveness(
  kc: KubeConfigLike,
  namespace: string,
  name: string,
  resourceVersion: string | undefined,
  onChange: (liveness: PodLiveness) => void,
  signal: AbortSignal,
): Promise<void> {
  const reflector = new Reflector(
    kc,
    { ...onePod(namespace, name), resourceVersion },
    {
      ...wholeList((pods: readonly Pod[]) => onChange(liveness(name, pods[0]))),
      onEvent: (type, pod) => onChange(liveness(name, type === 'DELETED' ? undefined : pod)),
      // The forward says what it can do with the pod; how the watch fares is not shown.
      onState: () => undefined,
    },
  );
  await reflector.run(signal);
}
