/**
 * What `:delete -f FILE` deletes: each object of the manifest mapped to its URL through discovery, in the namespace
 * the manifest names, else the current one (as `kubectl delete -f` does). An unknown kind rejects the whole file:
 * nothing is deleted from a file the server does not understand.
 */
import type { ManifestObject } from '../../domain/manifest/parseManifest.js';
import { objectLabel } from '../../domain/manifest/plan.js';
import type { DeleteTarget } from '../shell/deletePods.js';
import { objectPath, type ResourceDiscovery } from './discovery.js';

/**
 * The objects' delete targets, in file order.
 * @param defaultNamespace where objects that name no namespace are
 * @throws NoKindMatchError for an unknown kind, or discovery's request error
 */
export function deleteTargets(
  discovery: ResourceDiscovery,
  objects: readonly ManifestObject[],
  defaultNamespace: string,
): Promise<DeleteTarget[]> {
  return Promise.all(
    objects.map(async (o): Promise<DeleteTarget> => {
      const m = await discovery.map(o.apiVersion, o.kind);
      const namespace = m.namespaced ? (o.namespace ?? defaultNamespace) : undefined;
      return {
        path: objectPath(m, o.name, namespace ?? ''),
        label: objectLabel(o.apiVersion, o.kind, o.name),
        namespace,
      };
    }),
  );
}
