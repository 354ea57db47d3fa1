/**
 * Kubernetes objects as they travel on the wire (JSON): client-node's model types with every `Date` turned into
 * the RFC 3339 string the API server sends. The demo server stores these, and the dashboard keeps these (it reads
 * watches as raw JSON), so the pure domain functions take them too.
 */
import type {
  CoreV1Event,
  V1Container,
  V1ContainerStatus,
  V1Namespace,
  V1Node,
  V1ObjectMeta,
  V1OwnerReference,
  V1Pod,
  V1ReplicaSet,
  V1Deployment,
  V1Status,
} from '@kubernetes/client-node';

/** `T` with every Date replaced by the string the API sends for it. */
export type Wire<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export type Pod = Wire<V1Pod>;
export type Container = Wire<V1Container>;
export type ContainerStatus = Wire<V1ContainerStatus>;
export type ObjectMeta = Wire<V1ObjectMeta>;
export type OwnerReference = Wire<V1OwnerReference>;
export type KubeEvent = Wire<CoreV1Event>;
export type Node = Wire<V1Node>;
export type Namespace = Wire<V1Namespace>;
export type ReplicaSet = Wire<V1ReplicaSet>;
export type Deployment = Wire<V1Deployment>;
export type Status = Wire<V1Status>;

/** Any API object: what the generic parts of the demo server handle. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
}

/** An object the API boundary (src/kube/decode/) has checked to carry its name. */
export type Named<T extends { metadata?: ObjectMeta }> = T & { metadata: ObjectMeta & { name: string } };

/** A namespaced object the API boundary has checked to carry its name and namespace. */
export type NamespacedNamed<T extends { metadata?: ObjectMeta }> = T & {
  metadata: ObjectMeta & { name: string; namespace: string };
};
