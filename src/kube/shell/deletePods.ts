/**
 * Deleting pods, as `kubectl delete pod` does it: DELETE with a `DeleteOptions` body (grace period, background
 * propagation); force is grace 0. Nothing is removed from the list here: the watch shows Terminating, then the
 * row goes (and a ReplicaSet's replacement appears), so the screen only ever shows what the server says.
 */
import type { KubeConfigLike } from '../plainKubeConfig.js';
import { requestJson, serverUrl } from '../request.js';
import { podActionError } from './kubeActionError.js';

/** The grace period of "kill" (Ctrl-K): long enough to be a real signal, short enough to be immediate. */
export const KILL_GRACE_SECONDS = 1;

export interface PodRef {
  namespace: string;
  name: string;
}

export interface DeleteOptions {
  /** Seconds the containers get to stop; the pod's own `terminationGracePeriodSeconds` when undefined. */
  gracePeriodSeconds?: number;
  /** Delete at once (grace 0): the pod object goes without waiting for its containers to stop. */
  force?: boolean;
}

/** Per pod: deleted (its Terminating/removal follows on the watch), or why not, in one line. */
export type DeleteResult = PodRef & ({ ok: true } | { ok: false; error: string });

/** How many DELETEs are in flight at once when many pods are marked. */
const CONCURRENCY = 8;

async function deleteOne(kc: KubeConfigLike, pod: PodRef, options: DeleteOptions): Promise<DeleteResult> {
  const grace = options.force ? 0 : options.gracePeriodSeconds;
  const path = `/api/v1/namespaces/${encodeURIComponent(pod.namespace)}/pods/${encodeURIComponent(pod.name)}`;
  try {
    await requestJson(kc, 'DELETE', path, {
      body: {
        kind: 'DeleteOptions',
        apiVersion: 'v1',
        ...(grace === undefined ? {} : { gracePeriodSeconds: grace }),
        propagationPolicy: 'Background',
      },
      timeoutMs: 15_000,
    });
    return { ...pod, ok: true };
  } catch (e) {
    const action = `delete pod "${pod.name}" in namespace "${pod.namespace}"`;
    return { ...pod, ok: false, error: podActionError(e, serverUrl(kc), pod.name, action) };
  }
}

/**
 * Deletes `pods`; never rejects. Results come back in the order of `pods`.
 * @param options grace period and force; `{ gracePeriodSeconds: KILL_GRACE_SECONDS }` is "kill"
 */
export async function deletePods(
  kc: KubeConfigLike,
  pods: readonly PodRef[],
  options: DeleteOptions = {},
): Promise<DeleteResult[]> {
  const results: DeleteResult[] = new Array<DeleteResult>(pods.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < pods.length) {
      const i = next++;
      const pod = pods[i];
      if (pod) results[i] = await deleteOne(kc, pod, options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, pods.length) }, worker));
  return results;
}
