/** The collection that holds one pod: its namespace's pods, narrowed by name on the server. */
import type { Pod } from '../../domain/wire.js';
import type { ReflectorOptions } from './reflector.js';
import { asPod } from './wireTypes.js';

/**
 * A reflector's options for one pod (`fieldSelector=metadata.name=NAME`): a list of one, or none when it does
 * not exist, and a watch of its changes.
 * @param namespace the pod's namespace
 * @param name the pod's name
 */
export function onePod(namespace: string, name: string): ReflectorOptions<Pod> {
  return {
    path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`,
    fieldSelector: `metadata.name=${name}`,
    action: `get pod "${name}" in namespace "${namespace}"`,
    decode: asPod,
  };
}
