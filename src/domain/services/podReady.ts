/**
 * Whether a pod serves traffic, as Kubernetes decides it (pkg/api/v1/pod/util.go IsPodReady: the Ready condition
 * is True) and which pods a Service's endpoints list (staging/src/k8s.io/endpointslice/util
 * ShouldPodBeInEndpoints: not finished, has an IP; terminating ones only when asked).
 */
import type { Pod } from '../wire.js';

/** IsPodReady: the pod's Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** ShouldPodBeInEndpoints. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!pod.status?.podIP && !pod.status?.podIPs?.length) return false;
  if (!includeTerminating && pod.metadata?.deletionTimestamp) return false;
  return true;
}

/** A selector given as a map (a Service's, a workload's matchLabels) matches these labels. */
export function selectorMatches(
  selector: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}
