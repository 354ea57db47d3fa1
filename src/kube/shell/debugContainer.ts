/**
 * A debug container for an image with no shell, as `kubectl debug -it --target=CTR --image=busybox` adds one: an
 * ephemeral container sharing the target's process namespace, with stdin and a tty so its shell stays up, added
 * with a strategic merge patch of the pod's `ephemeralcontainers` subresource. Resolves once it runs, so a
 * shell can be opened in it at once; an image that can't be pulled or a container that exits is a clear error.
 */
import { randomBytes } from 'node:crypto';
import type { KubeConfigLike } from '../plainKubeConfig.js';
import type { ContainerStatus, Pod } from '../../domain/wire.js';
import { decodePod } from '../decode/pod.js';
import { KubeHttpError } from '../errors.js';
import { getJson, requestJson, serverUrl } from '../request.js';
import { podActionError } from './kubeActionError.js';

export interface DebugContainerOptions {
  kc: KubeConfigLike;
  namespace: string;
  pod: string;
  /** The container whose processes the debug container sees (`--target`). */
  target: string;
  /** `busybox` by default. */
  image?: string;
  /** `debugger-xxxxx` (kubectl's pattern) by default. */
  name?: string;
  /** How long to wait for it to run. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

const POLL_MS = 200;

function podPath(namespace: string, pod: string): string {
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}`;
}

function statusOf(pod: Pod, name: string): ContainerStatus | undefined {
  return pod.status?.ephemeralContainerStatuses?.find((c) => c.name === name);
}

/** Why the container will never run (failed pull, exited), or undefined while it may still start. */
function hopeless(status: ContainerStatus | undefined, name: string, image: string): string | undefined {
  const waiting = status?.state?.waiting;
  if (
    waiting?.reason === 'ErrImagePull' ||
    waiting?.reason === 'ImagePullBackOff' ||
    waiting?.reason === 'InvalidImageName'
  ) {
    return `debug container ${name} cannot pull image ${image} (${waiting.reason})`;
  }
  const t = status?.state?.terminated;
  if (t) return `debug container ${name} exited (${t.reason ?? 'terminated'}, exit code ${t.exitCode})`;
  return undefined;
}

/**
 * Adds the debug container and waits until it runs.
 * @returns the container's name
 * @throws Error with a one-line message a view can show as is
 */
export async function addDebugContainer(opts: DebugContainerOptions): Promise<string> {
  const { kc, namespace, pod, target } = opts;
  const image = opts.image ?? 'busybox';
  const server = serverUrl(kc);
  const path = podPath(namespace, pod);
  const fail = (e: unknown, action: string): Error => new Error(podActionError(e, server, pod, action));
  let current: Pod;
  try {
    current = decodePod(await getJson(kc, path, { signal: opts.signal }), `GET ${path}`);
  } catch (e) {
    throw fail(e, `get pod "${pod}" in namespace "${namespace}"`);
  }
  const taken = new Set(
    [
      ...(current.spec?.containers ?? []),
      ...(current.spec?.initContainers ?? []),
      ...(current.spec?.ephemeralContainers ?? []),
    ].map((c) => c.name),
  );
  let name = opts.name ?? '';
  while (name === '' || (!opts.name && taken.has(name)))
    name = `debugger-${randomBytes(4).toString('hex').slice(0, 5)}`;
  const container = {
    name,
    image,
    targetContainerName: target,
    stdin: true,
    tty: true,
    terminationMessagePolicy: 'File',
  };
  try {
    await requestJson(kc, 'PATCH', `${path}/ephemeralcontainers`, {
      body: { spec: { ephemeralContainers: [container] } },
      contentType: 'application/strategic-merge-patch+json',
      signal: opts.signal,
    });
  } catch (e) {
    // An API server without the subresource answers the generic 404, not `pods "x" not found`.
    if (
      e instanceof KubeHttpError &&
      e.status === 404 &&
      /could not find the requested resource/.test(e.statusMessage)
    ) {
      throw new Error('this cluster does not serve ephemeral containers (Kubernetes 1.25+ needed)');
    }
    throw fail(e, `update pods/ephemeralcontainers of "${pod}" in namespace "${namespace}"`);
  }
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    let now: Pod;
    try {
      now = decodePod(await getJson(kc, path, { signal: opts.signal }), `GET ${path}`);
    } catch (e) {
      throw fail(e, `get pod "${pod}" in namespace "${namespace}"`);
    }
    const status = statusOf(now, name);
    if (status?.state?.running) return name;
    const why = hopeless(status, name, image);
    if (why) throw new Error(why);
    if (Date.now() > deadline) {
      const waiting = status?.state?.waiting?.reason;
      throw new Error(`debug container ${name} did not start in time${waiting ? ` (${waiting})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    opts.signal?.throwIfAborted();
  }
}
