/**
 * The two owner actions that change the cluster, sent as kubectl sends them:
 * - restart (`kubectl rollout restart`, polymorphichelpers/objectrestarter.go): a strategic merge patch setting
 *   `spec.template.metadata.annotations["kubectl.kubernetes.io/restartedAt"]` to now in RFC 3339 — the pod
 *   template changes, so the controller replaces every pod;
 * - scale (`kubectl scale`, kubectl/pkg/scale: ScaleWithRetries): a merge patch of `{"spec":{"replicas":N}}` to the
 *   `scale` subresource.
 */
import { decodeScale } from '../decode/workload.js';
import type { KubeConfigLike } from '../plainKubeConfig.js';
import { getJson, requestJson } from '../request.js';
/** What a change needs of a workload: its URL path (ownerChain.ts's ChainLink has it). */
export interface WorkloadPath {
  readonly path: string;
}

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

/** Go's time.Now().Format(time.RFC3339): local time, seconds, the zone as `Z` or `+01:00`. */
export function rfc3339Local(ms: number): string {
  const d = new Date(ms);
  const off = -d.getTimezoneOffset();
  const pad = (n: number): string => String(Math.abs(n)).padStart(2, '0');
  const zone = off === 0 ? 'Z' : `${off > 0 ? '+' : '-'}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`;
  const local = new Date(ms + off * 60_000).toISOString().slice(0, 19);
  return `${local}${zone}`;
}

/** The restart patch. */
export function restartPatch(now: number): unknown {
  return { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: rfc3339Local(now) } } } } };
}

/** Restarts the workload's pods through its template. */
export async function restartWorkload(
  kc: KubeConfigLike,
  link: WorkloadPath,
  now = Date.now(),
): Promise<void> {
  await requestJson(kc, 'PATCH', link.path, {
    body: restartPatch(now),
    contentType: 'application/strategic-merge-patch+json',
    query: { fieldManager: 'podscope' },
    timeoutMs: 15_000,
  });
}

/** The workload's `spec.replicas` as its scale subresource says. */
export async function currentScale(kc: KubeConfigLike, link: WorkloadPath): Promise<number> {
  const path = `${link.path}/scale`;
  const raw = await getJson(kc, path, { timeoutMs: 15_000 });
  return decodeScale(raw, `GET ${path}`);
}

/** Sets the workload's replicas through its scale subresource. */
export async function scaleWorkload(kc: KubeConfigLike, link: WorkloadPath, replicas: number): Promise<void> {
  await requestJson(kc, 'PATCH', `${link.path}/scale`, {
    body: { spec: { replicas } },
    contentType: 'application/merge-patch+json',
    query: { fieldManager: 'podscope' },
    timeoutMs: 15_000,
  });
}
