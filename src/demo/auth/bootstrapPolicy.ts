/**
 * The RBAC objects a demo cluster starts with: the defaults kube-apiserver creates (./bootstrapPolicyData.ts,
 * written by the API server as field manager `kube-apiserver`, as upstream's storage_rbac.go
 * PostStartHook does) and the demo users' own roles and bindings (./rbacDemoUsers.ts).
 */
import type { KubeObject } from '../../domain/wire.js';
import { managedFieldsEntry } from '../api/managedFields.js';
import type { ObjectStore } from '../store/objectStore.js';
import { rfc3339 } from '../store/objectStore.js';
import type { ResourceType } from '../store/resourceTypes.js';
import {
  apiVersionOf,
  CLUSTER_ROLE_BINDINGS,
  CLUSTER_ROLES,
  ROLE_BINDINGS,
  ROLES,
} from '../store/resourceTypes.js';
import { BOOTSTRAP_CLUSTER_ROLE_BINDINGS, BOOTSTRAP_CLUSTER_ROLES } from './bootstrapPolicyData.js';
import { startClusterRoleAggregation } from './rbacAggregation.js';
import { DEMO_RBAC_OBJECTS } from './rbacDemoUsers.js';
import { normaliseRbacObject } from './rbacValidation.js';

function put(store: ObjectStore, type: ResourceType, o: KubeObject, manager: string, now: number): void {
  const copy = normaliseRbacObject(type, structuredClone(o) as KubeObject);
  const entry = managedFieldsEntry(
    copy as Parameters<typeof managedFieldsEntry>[0],
    manager,
    apiVersionOf(type),
    rfc3339(now),
  );
  copy.metadata = { ...copy.metadata, ...(entry ? { managedFields: [entry as never] } : {}) };
  store.create(type, copy);
}

const TYPES: Record<string, ResourceType> = {
  Role: ROLES,
  ClusterRole: CLUSTER_ROLES,
  RoleBinding: ROLE_BINDINGS,
  ClusterRoleBinding: CLUSTER_ROLE_BINDINGS,
};

/**
 * Stores the default policy and the demo users' roles, and starts the aggregation of ClusterRoles; returns what
 * stops it.
 */
export function installRbacPolicy(store: ObjectStore, now: number): () => void {
  for (const o of BOOTSTRAP_CLUSTER_ROLES) put(store, CLUSTER_ROLES, o, 'kube-apiserver', now);
  for (const o of BOOTSTRAP_CLUSTER_ROLE_BINDINGS)
    put(store, CLUSTER_ROLE_BINDINGS, o, 'kube-apiserver', now);
  for (const o of DEMO_RBAC_OBJECTS) put(store, TYPES[o.kind!]!, o, 'kubectl-create', now);
  return startClusterRoleAggregation(store);
}
