/**
 * The NamespaceLifecycle admission plugin (plugin/pkg/admission/namespace/lifecycle/admission.go) for a create:
 * a namespaced object cannot be created in a namespace that does not exist (404 `namespaces "x" not found`) or is
 * being deleted (403 NamespaceTerminating). A POST and a server-side apply that creates both pass through it.
 */
import type { Cluster } from '../cluster.js';
import type { ResourceType } from '../store/resourceTypes.js';
import { NAMESPACES } from '../store/resourceTypes.js';
import { ApiError } from './apiErrors.js';

/**
 * Throws the API server's answer when `namespace` cannot take a new object of `type`.
 * @param resource the resource as the 403's message names it (`pods`, `deployments.apps`)
 * @param objName the object's name
 */
export function admitToNamespace(
  cluster: Cluster,
  type: ResourceType,
  namespace: string | undefined,
  resource: string,
  objName: string,
): void {
  if (!type.namespaced || !namespace) return;
  const ns = cluster.store.get(NAMESPACES, undefined, namespace);
  if (!ns)
    throw new ApiError(404, 'NotFound', `namespaces "${namespace}" not found`, {
      name: namespace,
      kind: 'namespaces',
    });
  if (ns.metadata?.deletionTimestamp)
    throw new ApiError(
      403,
      'Forbidden',
      `${resource} "${objName}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
      {
        name: objName,
        ...(type.group ? { group: type.group } : {}),
        kind: type.plural,
        causes: [
          {
            reason: 'NamespaceTerminating',
            message: `namespace ${namespace} is being terminated`,
            field: 'metadata.namespace',
          },
        ],
      },
    );
}
