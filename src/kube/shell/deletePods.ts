/**
 * Deleting pods, as `kubectl delete pod` does it: DELETE with a `DeleteOptions` body (grace period, background
 * propagation); force is grace 0. Nothing is removed from the list here: the watch shows Terminating, then the
 * row goes (and a ReplicaSet's replacement appears), so the screen only ever shows what the server says.
 * Objects of any kind (`:delete -f FILE`) go the same way, with kubectl's outcome words.
 */
import { describeFailure, KubeHttpError } from '../errors.js';
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

/** The DELETE, with kubectl's DeleteOptions. */
async function deleteRequest(kc: KubeConfigLike, path: string, options: DeleteOptions): Promise<void> {
  const grace = options.force ? 0 : options.gracePeriodSeconds;
  await requestJson(kc, 'DELETE', path, {
    body: {
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      ...(grace === undefined ? {} : { gracePeriodSeconds: grace }),
      propagationPolicy: 'Background',
    },
    timeoutMs: 15_000,
  });
}

/** Runs `work` on each item, at most CONCURRENCY at once; results in the items' order. */
async function inPool<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      const item = items[i];
      if (item !== undefined) results[i] = await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return results;
}

async function deleteOne(kc: KubeConfigLike, pod: PodRef, options: DeleteOptions): Promise<DeleteResult> {
  const path = `/api/v1/namespaces/${encodeURIComponent(pod.namespace)}/pods/${encodeURIComponent(pod.name)}`;
  try {
    await deleteRequest(kc, path, options);
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
  return inPool(pods, (pod) => deleteOne(kc, pod, options));
}

/** An object of any kind to delete: its URL and kubectl's names for it. */
export interface DeleteTarget {
  /** The object's URL path (src/kube/apply/discovery.ts objectPath). */
  readonly path: string;
  /** kubectl's name: `pod/web`, `deployment.apps/web`; its outcome line starts with it. */
  readonly label: string;
  readonly namespace: string | undefined;
}

/**
 * What became of one object, as `kubectl delete -f` prints it: `pod "web" deleted`; not found is said and is not
 * fatal (the server's words: `pods "web" not found`).
 */
export interface DeleteObjectResult {
  readonly target: DeleteTarget;
  readonly outcome: 'deleted' | 'not found' | 'failed';
  readonly text: string;
}

/** `pod "web"` from `pod/web`, as kubectl's delete printer names an object. */
function quoted(label: string): string {
  const slash = label.indexOf('/');
  return `${label.slice(0, slash)} "${label.slice(slash + 1)}"`;
}

/**
 * Deletes objects of any kind; never rejects. Results come back in the order of `targets`.
 * @param options grace period and force, as for pods
 */
export function deleteObjects(
  kc: KubeConfigLike,
  targets: readonly DeleteTarget[],
  options: DeleteOptions = {},
): Promise<DeleteObjectResult[]> {
  return inPool(targets, async (target): Promise<DeleteObjectResult> => {
    try {
      await deleteRequest(kc, target.path, options);
      return { target, outcome: 'deleted', text: `${quoted(target.label)} deleted` };
    } catch (e) {
      if (e instanceof KubeHttpError && e.status === 404)
        return { target, outcome: 'not found', text: e.statusMessage };
      const action = `delete ${target.label}${target.namespace ? ` in namespace "${target.namespace}"` : ''}`;
      return { target, outcome: 'failed', text: describeFailure(e, serverUrl(kc), action).message };
    }
  });
}
