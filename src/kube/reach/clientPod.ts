/**
 * The reach probe's client pod over the API: created (POST), waited for until Running with each step reported
 * (Pending → ContainerCreating → Running), deleted (DELETE, grace 0: the object goes at once, as for a pod nobody
 * needs to stop gracefully), and leftovers of earlier runs swept. Every way it can fail is a one-line reason in the
 * cluster's words: the create refused (RBAC, quota, Pod Security: the API server's 403/422 message), the pod that
 * can't start (ErrImagePull, ImagePullBackOff, Unschedulable with the scheduler's message, a container that
 * ended), or no Running within the deadline.
 */
import { randomBytes } from 'node:crypto';
import { CLIENT_SELECTOR, clientPodManifest, isLeftover } from '../../domain/reach/clientPod.js';
import { clientPodState } from '../../domain/reach/clientPodState.js';
import type { Pod } from '../../domain/wire.js';
import { decodePod, decodePodList } from '../decode/pod.js';
import { KubeHttpError } from '../errors.js';
import type { KubeConfigLike } from '../plainKubeConfig.js';
import { getJson, requestJson, serverUrl } from '../request.js';
import { podActionError } from '../shell/kubeActionError.js';

const POLL_MS = 150;

function podsPath(namespace: string): string {
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`;
}

/** `podscope-reach-` and five random lowercase hex characters (kubectl debug's pattern for its names). */
export function clientPodName(): string {
  return `podscope-reach-${randomBytes(3).toString('hex').slice(0, 5)}`;
}

export interface ClientPodOptions {
  kc: KubeConfigLike;
  /** `clientPodName()`; chosen by the caller, so it can delete the pod even while the create is in flight. */
  name: string;
  namespace: string;
  image: string;
  /** The pod the client is made to reach (an annotation names it). */
  target: string;
  /** Each new state in kubectl's words, as the pod moves: `Pending`, `ContainerCreating`, `Running`. */
  onState?: (words: string) => void;
  /** How long to wait for Running (an image pull on a real cluster can take a while). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** How starting the client pod ended. `created` is set once the POST succeeded: that pod must be deleted. */
export type ClientPodStart =
  | { readonly kind: 'running'; readonly name: string }
  | { readonly kind: 'failed'; readonly reason: string; readonly created: string | undefined };

/** Creates the client pod and waits for it to run; never rejects. */
export async function startClientPod(opts: ClientPodOptions): Promise<ClientPodStart> {
  const { kc, namespace } = opts;
  const name = opts.name;
  const path = podsPath(namespace);
  const server = serverUrl(kc);
  try {
    await requestJson(kc, 'POST', path, {
      body: clientPodManifest(namespace, name, opts.image, opts.target),
      signal: opts.signal,
      timeoutMs: 15_000,
    });
  } catch (e) {
    // Cancelled mid-request: the server may have created it all the same.
    if (opts.signal?.aborted) return { kind: 'failed', reason: 'cancelled', created: name };
    const reason = podActionError(e, server, name, `create pods in namespace "${namespace}"`);
    return { kind: 'failed', reason: `could not create ${name}: ${reason}`, created: undefined };
  }
  const deadline = Date.now() + (opts.timeoutMs ?? 90_000);
  let last = '';
  for (;;) {
    if (opts.signal?.aborted) return { kind: 'failed', reason: 'cancelled', created: name };
    let pod: Pod;
    try {
      pod = decodePod(await getJson(kc, `${path}/${name}`, { signal: opts.signal }), `GET ${path}/${name}`);
    } catch (e) {
      if (opts.signal?.aborted) return { kind: 'failed', reason: 'cancelled', created: name };
      return { kind: 'failed', reason: podActionError(e, server, name, `get pod "${name}"`), created: name };
    }
    const state = clientPodState(pod);
    if (state.words !== last) {
      last = state.words;
      opts.onState?.(state.words);
    }
    if (state.hopeless)
      return { kind: 'failed', reason: `${name} cannot start: ${state.hopeless}`, created: name };
    if (pod.status?.phase === 'Running' && pod.status.containerStatuses?.every((s) => s.state?.running))
      return { kind: 'running', name };
    if (Date.now() > deadline)
      return { kind: 'failed', reason: `${name} did not start in time (${state.words})`, created: name };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Deletes a client pod at once (grace 0); resolves with undefined when it is gone (or was already), else the
 * one-line reason.
 */
export async function deleteClientPod(
  kc: KubeConfigLike,
  namespace: string,
  name: string,
  timeoutMs = 5000,
): Promise<string | undefined> {
  try {
    await requestJson(kc, 'DELETE', `${podsPath(namespace)}/${encodeURIComponent(name)}`, {
      body: {
        kind: 'DeleteOptions',
        apiVersion: 'v1',
        gracePeriodSeconds: 0,
        propagationPolicy: 'Background',
      },
      timeoutMs,
    });
    return undefined;
  } catch (e) {
    if (e instanceof KubeHttpError && e.status === 404) return undefined;
    return podActionError(e, serverUrl(kc), name, `delete pod "${name}" in namespace "${namespace}"`);
  }
}

/**
 * Deletes podscope's client pods in `namespace` left by runs that could not clean up (podscope killed with
 * SIGKILL): those that ended or whose deadline passed. Resolves with their names; a failure to list or delete
 * is not the probe's problem (it only leaves them for next time), so it is swallowed.
 */
export async function sweepLeftoverClients(kc: KubeConfigLike, namespace: string): Promise<string[]> {
  let pods: Pod[];
  try {
    const raw = await getJson(kc, podsPath(namespace), {
      query: { labelSelector: CLIENT_SELECTOR },
      timeoutMs: 10_000,
    });
    pods = decodePodList(raw, `GET ${podsPath(namespace)}`).items;
  } catch {
    return [];
  }
  const now = Date.now();
  const swept: string[] = [];
  for (const pod of pods) {
    const name = pod.metadata?.name;
    if (!name || !isLeftover(pod, now)) continue;
    if ((await deleteClientPod(kc, namespace, name)) === undefined) swept.push(name);
  }
  return swept;
}
