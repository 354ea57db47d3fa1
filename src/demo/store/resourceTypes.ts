/** The resources the demo cluster serves, described once: discovery, routing and tables all read this. */
import { WORKLOAD_TYPES } from './workloadTypes.js';

export interface ResourceType {
  /** '' for the core group. */
  group: string;
  version: string;
  /** Path segment: `pods`. */
  plural: string;
  singular: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
  /** Subresources served as `plural/sub` in discovery. */
  /** `group`/`version` when the subresource's kind is another group's (a Scale is autoscaling/v1). */
  subresources: { name: string; kind: string; verbs: string[]; group?: string; version?: string }[];
  categories?: string[];
}

const READ = ['get', 'list', 'watch'];
const ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** The `scale` subresource (autoscaling/v1 Scale), as discovery lists it for deployments, replicasets, statefulsets. */
export const SCALE_SUBRESOURCE = {
  name: 'scale',
  group: 'autoscaling',
  version: 'v1',
  kind: 'Scale',
  verbs: ['get', 'patch', 'update'],
};

export const PODS: ResourceType = {
  group: '',
  version: 'v1',
  plural: 'pods',
  singular: 'pod',
  kind: 'Pod',
  listKind: 'PodList',
  namespaced: true,
  shortNames: ['po'],
  verbs: ALL,
  categories: ['all'],
  subresources: [
    { name: 'status', kind: 'Pod', verbs: ['get', 'patch', 'update'] },
    { name: 'log', kind: 'Pod', verbs: ['get'] },
    { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
    { name: 'portforward', kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
    { name: 'ephemeralcontainers', kind: 'Pod', verbs: ['get', 'patch', 'update'] },
    { name: 'binding', kind: 'Binding', verbs: ['create'] },
    { name: 'eviction', kind: 'Eviction', verbs: ['create'] },
  ],
};

export const EVENTS: ResourceType = {
  group: '',
  version: 'v1',
  plural: 'events',
  singular: 'event',
  kind: 'Event',
  listKind: 'EventList',
  namespaced: true,
  shortNames: ['ev'],
  verbs: ALL,
  subresources: [],
};

export const NODES: ResourceType = {
  group: '',
  version: 'v1',
  plural: 'nodes',
  singular: 'node',
  kind: 'Node',
  listKind: 'NodeList',
  namespaced: false,
  shortNames: ['no'],
  verbs: READ,
  subresources: [{ name: 'status', kind: 'Node', verbs: ['get'] }],
};

export const NAMESPACES: ResourceType = {
  group: '',
  version: 'v1',
  plural: 'namespaces',
  singular: 'namespace',
  kind: 'Namespace',
  listKind: 'NamespaceList',
  namespaced: false,
  shortNames: ['ns'],
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  subresources: [{ name: 'status', kind: 'Namespace', verbs: ['get'] }],
};

export const DEPLOYMENTS: ResourceType = {
  group: 'apps',
  version: 'v1',
  plural: 'deployments',
  singular: 'deployment',
  kind: 'Deployment',
  listKind: 'DeploymentList',
  namespaced: true,
  shortNames: ['deploy'],
  verbs: ALL,
  categories: ['all'],
  subresources: [
    { name: 'status', kind: 'Deployment', verbs: ['get', 'patch', 'update'] },
    SCALE_SUBRESOURCE,
  ],
};

export const REPLICASETS: ResourceType = {
  group: 'apps',
  version: 'v1',
  plural: 'replicasets',
  singular: 'replicaset',
  kind: 'ReplicaSet',
  listKind: 'ReplicaSetList',
  namespaced: true,
  shortNames: ['rs'],
  verbs: ALL,
  categories: ['all'],
  subresources: [
    { name: 'status', kind: 'ReplicaSet', verbs: ['get', 'patch', 'update'] },
    SCALE_SUBRESOURCE,
  ],
};

export const POD_METRICS: ResourceType = {
  group: 'metrics.k8s.io',
  version: 'v1beta1',
  plural: 'pods',
  singular: '',
  kind: 'PodMetrics',
  listKind: 'PodMetricsList',
  namespaced: true,
  shortNames: [],
  verbs: ['get', 'list'],
  subresources: [],
};

export const NODE_METRICS: ResourceType = {
  group: 'metrics.k8s.io',
  version: 'v1beta1',
  plural: 'nodes',
  singular: '',
  kind: 'NodeMetrics',
  listKind: 'NodeMetricsList',
  namespaced: false,
  shortNames: [],
  verbs: ['get', 'list'],
  subresources: [],
};

/** rbac.authorization.k8s.io/v1: what the RBAC authorizer (src/demo/auth/rbacAuthorizer.ts) reads. */
function rbac(plural: string, kind: string, namespaced: boolean): ResourceType {
  return {
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    plural,
    singular: plural.slice(0, -1),
    kind,
    listKind: `${kind}List`,
    namespaced,
    shortNames: [],
    verbs: ALL,
    subresources: [],
  };
}

export const ROLES = rbac('roles', 'Role', true);
export const CLUSTER_ROLES = rbac('clusterroles', 'ClusterRole', false);
export const ROLE_BINDINGS = rbac('rolebindings', 'RoleBinding', true);
export const CLUSTER_ROLE_BINDINGS = rbac('clusterrolebindings', 'ClusterRoleBinding', false);
export const RBAC_TYPES = [CLUSTER_ROLES, CLUSTER_ROLE_BINDINGS, ROLES, ROLE_BINDINGS];

/** A review a client POSTs about itself (kubectl auth can-i, auth whoami): create-only, nothing stored. */
function review(group: string, plural: string, kind: string): ResourceType {
  return {
    group,
    version: 'v1',
    plural,
    singular: plural.slice(0, -1),
    kind,
    listKind: '',
    namespaced: false,
    shortNames: [],
    verbs: ['create'],
    subresources: [],
  };
}

export const SELF_SUBJECT_ACCESS_REVIEWS = review(
  'authorization.k8s.io',
  'selfsubjectaccessreviews',
  'SelfSubjectAccessReview',
);
export const SELF_SUBJECT_RULES_REVIEWS = review(
  'authorization.k8s.io',
  'selfsubjectrulesreviews',
  'SelfSubjectRulesReview',
);
export const SELF_SUBJECT_REVIEWS = review(
  'authentication.k8s.io',
  'selfsubjectreviews',
  'SelfSubjectReview',
);
export const REVIEW_TYPES = [SELF_SUBJECT_ACCESS_REVIEWS, SELF_SUBJECT_RULES_REVIEWS, SELF_SUBJECT_REVIEWS];

/** core/v1 services (issue 16): defaulted and validated as kube-apiserver does (src/demo/sim/serviceCreate.ts). */
export const SERVICES: ResourceType = {
  group: '',
  version: 'v1',
  plural: 'services',
  singular: 'service',
  kind: 'Service',
  listKind: 'ServiceList',
  namespaced: true,
  shortNames: ['svc'],
  verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
  categories: ['all'],
  subresources: [{ name: 'status', kind: 'Service', verbs: ['get', 'patch', 'update'] }],
};

/** core/v1 endpoints, kept by the demo's endpoints controller (src/demo/sim/endpointsController.ts). */
export const ENDPOINTS: ResourceType = {
  group: '',
  version: 'v1',
  plural: 'endpoints',
  singular: 'endpoints',
  kind: 'Endpoints',
  listKind: 'EndpointsList',
  namespaced: true,
  shortNames: ['ep'],
  verbs: ALL,
  subresources: [],
};

/** discovery.k8s.io/v1 endpointslices, kept by the demo's EndpointSlice controller. */
export const ENDPOINT_SLICES: ResourceType = {
  group: 'discovery.k8s.io',
  version: 'v1',
  plural: 'endpointslices',
  singular: 'endpointslice',
  kind: 'EndpointSlice',
  listKind: 'EndpointSliceList',
  namespaced: true,
  shortNames: [],
  verbs: ALL,
  subresources: [],
};

export const SERVICE_TYPES = [SERVICES, ENDPOINTS, ENDPOINT_SLICES];

/** Everything stored in the object store (metrics are computed, not stored). */
export const STORED_TYPES = [
  PODS,
  EVENTS,
  NODES,
  NAMESPACES,
  DEPLOYMENTS,
  REPLICASETS,
  ...RBAC_TYPES,
  ...WORKLOAD_TYPES,
  ...SERVICE_TYPES,
];
export const ALL_TYPES = [...STORED_TYPES, POD_METRICS, NODE_METRICS, ...REVIEW_TYPES];

/** `apps/v1`, or `v1` for the core group. */
export function apiVersionOf(t: ResourceType): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

/** Finds a type by group, version and plural. */
export function findType(group: string, version: string, plural: string): ResourceType | undefined {
  return ALL_TYPES.find((t) => t.group === group && t.version === version && t.plural === plural);
}
