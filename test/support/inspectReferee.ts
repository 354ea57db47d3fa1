/**
 * podscope's describe and YAML of one pod held against kubectl's, on any cluster (the demo, the real control
 * plane): the pod and its events are fetched the way the dashboard fetches them, rendered by `describePod` /
 * `podYaml`, and kubectl describes / prints the same version of the pod. Only in the Events table (and
 * "Terminating (lasts …)"), where a second may pass between the two reads, are ages and the padding they cause
 * normalised.
 */
import { expect } from 'vitest';
import { describePod } from '../../src/domain/describe/describePod.js';
import { podYaml } from '../../src/domain/podYaml.js';
import type { KubeEvent, Pod } from '../../src/domain/wire.js';
import type { KubeConfigLike } from '../../src/kube/plainKubeConfig.js';
import { getJson } from '../../src/kube/request.js';
import type { Kubectl } from './kubectl.js';
import { waitFor } from './waitFor.js';

const AGE = /\b\d+[smhdy](?:\d+[smhd])?\b|<unknown>/g;

/** In the Events table and "lasts", ages become a placeholder and runs of spaces one space; the rest is as is. */
function normalise(lines: readonly string[]): string[] {
  let inEvents = false;
  return lines.map((line) => {
    if (line.startsWith('Events:')) inEvents = true;
    if (!inEvents && !line.startsWith('Status:')) return line;
    return line.replace(AGE, 'AGE').replace(/\s+/g, ' ').trim();
  });
}

async function ours(
  kc: KubeConfigLike,
  namespace: string,
  name: string,
): Promise<{ lines: string[]; version: string }> {
  const pod = (await getJson(kc, `/api/v1/namespaces/${namespace}/pods/${name}`)) as Pod;
  const selector = `involvedObject.name=${name},involvedObject.namespace=${namespace},involvedObject.uid=${pod.metadata?.uid}`;
  const list = (await getJson(kc, `/api/v1/namespaces/${namespace}/events`, {
    query: { fieldSelector: selector },
  })) as { items: KubeEvent[] };
  const version = `${pod.metadata?.resourceVersion}/${list.items.map((e) => `${e.metadata?.name}:${e.count}`).join()}`;
  return { lines: describePod(pod, list.items, Date.now()), version };
}

/** Both descriptions of one pod, retried while the pod or its events change under the comparison. */
export async function bothDescriptions(
  kc: KubeConfigLike,
  k: Kubectl,
  namespace: string,
  name: string,
): Promise<{ ours: string[]; kubectl: string[] }> {
  return waitFor(
    async () => {
      const before = await ours(kc, namespace, name);
      const r = await k.run(['describe', 'pod', '-n', namespace, name]);
      expect(r.stderr).toBe('');
      const after = await ours(kc, namespace, name);
      if (after.version !== before.version) return undefined;
      return { ours: normalise(after.lines), kubectl: normalise(r.stdout.replace(/\n$/, '').split('\n')) };
    },
    `a quiet moment of ${namespace}/${name}`,
    20_000,
  );
}

/** Our YAML and kubectl's for the same version of the pod (retried while the pod changes under the comparison). */
export async function bothYaml(
  kc: KubeConfigLike,
  k: Kubectl,
  namespace: string,
  name: string,
  managedFields: boolean,
): Promise<[string, string]> {
  return waitFor(
    async () => {
      const path = `/api/v1/namespaces/${namespace}/pods/${name}`;
      const pod = (await getJson(kc, path)) as Pod;
      const args = ['get', 'pod', '-n', namespace, name, '-o', 'yaml'];
      const r = await k.run(managedFields ? [...args, '--show-managed-fields'] : args);
      const after = (await getJson(kc, path)) as Pod;
      if (after.metadata?.resourceVersion !== pod.metadata?.resourceVersion) return undefined;
      return [podYaml(pod, { managedFields }), r.stdout] as [string, string];
    },
    `a quiet moment of ${namespace}/${name}`,
    20_000,
  );
}
