/**
 * Whether a pod can take port-forwarded connections now: the API server refuses pods that are not Running, and a
 * pod being deleted is about to lose its containers. The registry marks a forward failed with this reason.
 */
import type { Pod } from './wire.js';

/**
 * Why a forward to this pod cannot work now, or undefined if it can.
 * @param pod the pod's latest version
 */
export function notForwardableReason(pod: Pod): string | undefined {
  const name = pod.metadata?.name ?? '';
  if (pod.metadata?.deletionTimestamp) return `pod ${name} is terminating`;
  const phase = pod.status?.phase ?? 'Unknown';
  if (phase !== 'Running') return `pod ${name} is not running (phase ${phase})`;
  return undefined;
}

/** The reason a forward shows once its pod is gone. */
export function podGoneReason(name: string): string {
  return `pod ${name} was deleted`;
}
