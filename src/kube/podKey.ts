/** How the dashboard names a pod everywhere: selection, snapshots, metrics. */
import type { Pod } from '../domain/wire.js';

/**
 * "namespace/name", the key of a pod in snapshots (unique in a cluster; the uid is not, across a delete and a
 * re-create, the thing a user selects).
 * @param pod any pod with metadata
 */
export function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}
