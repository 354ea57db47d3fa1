/**
 * What became of a container whose stream (a shell, an attach) just ended, from its pod: deleted, being deleted,
 * or the container stopped with a reason and exit code. Undefined when the pod says nothing more (still running)
 * or cannot be read.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { decodePod } from '../decode/pod.js';
import { KubeHttpError } from '../errors.js';
import { getJson } from '../request.js';

export type ContainerFate =
  { kind: 'deleted' } | { kind: 'deleting' } | { kind: 'stopped'; reason: string; exitCode: number };

export async function containerFate(
  kc: KubeConfig,
  namespace: string,
  podName: string,
  container: string,
): Promise<ContainerFate | undefined> {
  try {
    const path = `/api/v1/namespaces/${namespace}/pods/${podName}`;
    const pod = decodePod(await getJson(kc, path, { timeoutMs: 3000 }), `GET ${path}`);
    if (pod.metadata?.deletionTimestamp) return { kind: 'deleting' };
    const status = [
      ...(pod.status?.containerStatuses ?? []),
      ...(pod.status?.initContainerStatuses ?? []),
      ...(pod.status?.ephemeralContainerStatuses ?? []),
    ].find((c) => c.name === container);
    const t =
      status?.state?.terminated ?? (status?.state?.running ? undefined : status?.lastState?.terminated);
    return t ? { kind: 'stopped', reason: t.reason ?? 'terminated', exitCode: t.exitCode } : undefined;
  } catch (e) {
    return e instanceof KubeHttpError && e.status === 404 ? { kind: 'deleted' } : undefined;
  }
}
