/**
 * What the field manager needs to know of a pod's types to name its fields in managedFields: which lists are
 * keyed (`x-kubernetes-list-type: map` and their `x-kubernetes-list-map-keys`, items named `k:{"name":"app"}`),
 * which are sets (`v:"value"`), and which structs and maps are atomic (recorded whole, `f:fieldRef: {}`). Read
 * off kube-apiserver 1.32's OpenAPI (/openapi/v3/api/v1) for the types a Pod reaches. Lists that are not listed
 * here are atomic and objects granular, as the schema's defaults make them.
 */

/** A list keyed by these fields, whose items are of the named type (or atomic). */
export interface KeyedList {
  keys: readonly string[];
  item?: TypeName | 'atomic';
}

export type FieldType = TypeName | 'atomic' | 'set' | KeyedList;

export type TypeName =
  | 'Pod'
  | 'ObjectMeta'
  | 'PodSpec'
  | 'PodStatus'
  | 'Container'
  | 'ResourceRequirements'
  | 'EnvVar'
  | 'EnvVarSource'
  | 'Volume'
  | 'CSIVolumeSource'
  | 'EphemeralVolumeSource'
  | 'PersistentVolumeClaimTemplate'
  | 'PersistentVolumeClaimSpec'
  | 'Affinity'
  | 'NodeAffinity'
  | 'TopologySpreadConstraint';

const keyed = (keys: readonly string[], item?: TypeName | 'atomic'): KeyedList => ({ keys, item });
const CONTAINERS = keyed(['name'], 'Container');

export const POD_SCHEMA: Record<TypeName, Record<string, FieldType>> = {
  Pod: { metadata: 'ObjectMeta', spec: 'PodSpec', status: 'PodStatus' },
  ObjectMeta: { finalizers: 'set', ownerReferences: keyed(['uid'], 'atomic'), managedFields: 'atomic' },
  PodSpec: {
    containers: CONTAINERS,
    initContainers: CONTAINERS,
    ephemeralContainers: CONTAINERS,
    volumes: keyed(['name'], 'Volume'),
    imagePullSecrets: keyed(['name'], 'atomic'),
    hostAliases: keyed(['ip']),
    resourceClaims: keyed(['name']),
    schedulingGates: keyed(['name']),
    topologySpreadConstraints: keyed(['topologyKey', 'whenUnsatisfiable'], 'TopologySpreadConstraint'),
    nodeSelector: 'atomic',
    affinity: 'Affinity',
  },
  PodStatus: { conditions: keyed(['type']), podIPs: keyed(['ip']), resourceClaimStatuses: keyed(['name']) },
  Container: {
    env: keyed(['name'], 'EnvVar'),
    ports: keyed(['containerPort', 'protocol']),
    volumeMounts: keyed(['mountPath']),
    volumeDevices: keyed(['devicePath']),
    resources: 'ResourceRequirements',
  },
  ResourceRequirements: { claims: keyed(['name']) },
  EnvVar: { valueFrom: 'EnvVarSource' },
  EnvVarSource: {
    configMapKeyRef: 'atomic',
    fieldRef: 'atomic',
    resourceFieldRef: 'atomic',
    secretKeyRef: 'atomic',
  },
  Volume: { csi: 'CSIVolumeSource', ephemeral: 'EphemeralVolumeSource' },
  CSIVolumeSource: { nodePublishSecretRef: 'atomic' },
  EphemeralVolumeSource: { volumeClaimTemplate: 'PersistentVolumeClaimTemplate' },
  PersistentVolumeClaimTemplate: { metadata: 'ObjectMeta', spec: 'PersistentVolumeClaimSpec' },
  PersistentVolumeClaimSpec: { dataSource: 'atomic', selector: 'atomic' },
  Affinity: { nodeAffinity: 'NodeAffinity' },
  NodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: 'atomic' },
  TopologySpreadConstraint: { labelSelector: 'atomic' },
};
