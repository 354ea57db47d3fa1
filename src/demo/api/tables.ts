/**
 * Server-side printing (`Accept: application/json;as=Table;g=meta.k8s.io;v=v1`): the columns and cells that
 * `kubectl get` prints, computed here as the API server computes them.
 */
import type {
  KubeEvent,
  KubeObject,
  Namespace,
  Node,
  Pod,
  ReplicaSet,
  Deployment,
} from '../../domain/wire.js';
import { podPrintRow, podTableRowConditions, type TableRowCondition } from '../../domain/podStatus.js';
import { SERVER_VERSION } from './discovery.js';
import { age } from '../../domain/duration.js';
import type { ResourceType } from '../store/resourceTypes.js';
import { RBAC_PRINTERS } from './tablesRbac.js';
import { WORKLOAD_PRINTERS } from './tablesWorkloads.js';
import { SERVICE_PRINTERS } from './tablesServices.js';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

interface Column {
  name: string;
  type: 'string' | 'integer' | 'date' | 'boolean';
  format?: string;
  description: string;
  priority: number;
}

type Cells = (string | number)[];

interface Printer {
  columns: Column[];
  cells(o: KubeObject, now: number): Cells;
  /** The row's conditions, for the kinds whose printer sets some (a finished pod's Completed). */
  conditions?(o: KubeObject): TableRowCondition[] | undefined;
}

const col = (
  name: string,
  description: string,
  priority = 0,
  type: Column['type'] = 'string',
  format = '',
): Column => ({
  name,
  type,
  format,
  description,
  priority,
});

// Column descriptions are the API server's: the OpenAPI descriptions of the fields each column prints
// (printers' ObjectMetaDescription / SwaggerDoc, as a 1.32 server sends them).
const NAME = col(
  'Name',
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  0,
  'string',
  'name',
);
const AGE = col(
  'Age',
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
);

const none = (s: string | undefined): string => (s ? s : '<none>');

const podPrinter: Printer = {
  columns: [
    NAME,
    col('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
    col('Status', 'The aggregate status of the containers in this pod.'),
    col(
      'Restarts',
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    ),
    AGE,
    col(
      'IP',
      'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.',
      1,
    ),
    col(
      'Node',
      'NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename',
      1,
    ),
    col(
      'Nominated Node',
      'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.',
      1,
    ),
    col(
      'Readiness Gates',
      'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates',
      1,
    ),
  ],
  cells(o, now) {
    // The printer of the release the demo reports (/version), as a real API server prints with its own.
    const r = podPrintRow(o as Pod, now, Number(SERVER_VERSION.minor));
    return [r.name, r.ready, r.status, r.restarts, r.age, r.ip, r.node, r.nominatedNode, r.readinessGates];
  },
  conditions: (o) => podTableRowConditions(o as Pod),
};

const NODE_ADDRESSES =
  "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node's address in its own status or consumers of the downward API (status.hostIP).";

const nodePrinter: Printer = {
  columns: [
    NAME,
    col('Status', 'The status of the node'),
    col('Roles', 'The roles of the node'),
    AGE,
    col('Version', 'Kubelet Version reported by the node.'),
    col('Internal-IP', NODE_ADDRESSES, 1),
    col('External-IP', NODE_ADDRESSES, 1),
    col(
      'OS-Image',
      'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).',
      1,
    ),
    col(
      'Kernel-Version',
      "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).",
      1,
    ),
    col(
      'Container-Runtime',
      'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).',
      1,
    ),
  ],
  cells(o, now) {
    const n = o as Node;
    const ready = n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    const roles = Object.keys(n.metadata?.labels ?? {})
      .filter((l) => l.startsWith('node-role.kubernetes.io/'))
      .map((l) => l.slice('node-role.kubernetes.io/'.length));
    const addr = (t: string) => n.status?.addresses?.find((a) => a.type === t)?.address;
    const info = n.status?.nodeInfo;
    return [
      n.metadata?.name ?? '',
      (ready ? 'Ready' : 'NotReady') + (n.spec?.unschedulable ? ',SchedulingDisabled' : ''),
      roles.length ? roles.join(',') : '<none>',
      age(n.metadata?.creationTimestamp, now),
      info?.kubeletVersion ?? '',
      none(addr('InternalIP')),
      none(addr('ExternalIP')),
      info?.osImage ?? '',
      info?.kernelVersion ?? '',
      info?.containerRuntimeVersion ?? '',
    ];
  },
};

const namespacePrinter: Printer = {
  columns: [NAME, col('Status', 'The status of the namespace'), AGE],
  cells(o, now) {
    const n = o as Namespace;
    return [n.metadata?.name ?? '', n.status?.phase ?? 'Active', age(n.metadata?.creationTimestamp, now)];
  },
};

const eventPrinter: Printer = {
  columns: [
    col('Last Seen', 'The time at which the most recent occurrence of this event was recorded.'),
    col('Type', 'Type of this event (Normal, Warning), new types could be added in the future'),
    col(
      'Reason',
      "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
    ),
    col('Object', 'The object that this event is about.'),
    col(
      'Subobject',
      'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: "spec.containers{name}" (where "name" refers to the name of the container that triggered the event) or if no container name is specified "spec.containers[2]" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.',
      1,
    ),
    col('Source', 'The component reporting this event. Should be a short machine understandable string.', 1),
    col('Message', 'A human-readable description of the status of this operation.'),
    col(
      'First Seen',
      'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)',
      1,
    ),
    col('Count', 'The number of times this event has occurred.', 1),
    col('Name', NAME.description, 1, 'string', 'name'),
  ],
  cells(o, now) {
    const e = o as KubeEvent;
    const last = e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp;
    const first = e.firstTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp;
    const source = [e.source?.component ?? e.reportingComponent, e.source?.host].filter(Boolean).join(', ');
    return [
      age(last, now),
      e.type ?? '',
      e.reason ?? '',
      `${(e.involvedObject.kind ?? '').toLowerCase()}/${e.involvedObject.name ?? ''}`,
      e.involvedObject.fieldPath ?? '',
      source,
      (e.message ?? '').trim(),
      age(first, now),
      e.count ?? 1,
      e.metadata?.name ?? '',
    ];
  },
};

function containersAndImages(
  spec: { containers: { name: string; image?: string }[] } | undefined,
): [string, string] {
  const cs = spec?.containers ?? [];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image ?? '').join(',')];
}

function selectorString(sel: { matchLabels?: Record<string, string> } | undefined): string {
  const labels = sel?.matchLabels ?? {};
  const s = Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return s || '<none>';
}

const deploymentPrinter: Printer = {
  columns: [
    NAME,
    col('Ready', 'Number of the pod with ready state'),
    col(
      'Up-to-date',
      'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
      0,
      'string', // sic: the API server's deployment printer declares these counts strings
    ),
    col(
      'Available',
      'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
      0,
      'string',
    ),
    AGE,
    col('Containers', 'Names of each container in the template.', 1),
    col('Images', 'Images referenced by each container in the template.', 1),
    col(
      'Selector',
      'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.',
      1,
    ),
  ],
  cells(o, now) {
    const d = o as Deployment;
    const [containers, images] = containersAndImages(d.spec?.template.spec);
    return [
      d.metadata?.name ?? '',
      `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`,
      d.status?.updatedReplicas ?? 0,
      d.status?.availableReplicas ?? 0,
      age(d.metadata?.creationTimestamp, now),
      containers,
      images,
      selectorString(d.spec?.selector),
    ];
  },
};

const replicaSetPrinter: Printer = {
  columns: [
    NAME,
    col(
      'Desired',
      'Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller',
      0,
      'integer',
    ),
    col(
      'Current',
      'Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller',
      0,
      'integer',
    ),
    col('Ready', 'The number of ready replicas for this replica set.', 0, 'integer'),
    AGE,
    col('Containers', 'Names of each container in the template.', 1),
    col('Images', 'Images referenced by each container in the template.', 1),
    col(
      'Selector',
      'Selector is a label query over pods that should match the replica count. If the selector is empty, it is defaulted to the labels present on the pod template. Label keys and values that must match in order to be controlled by this replica set. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
      1,
    ),
  ],
  cells(o, now) {
    const r = o as ReplicaSet;
    const [containers, images] = containersAndImages(r.spec?.template?.spec);
    return [
      r.metadata?.name ?? '',
      r.spec?.replicas ?? 1,
      r.status?.replicas ?? 0,
      r.status?.readyReplicas ?? 0,
      age(r.metadata?.creationTimestamp, now),
      containers,
      images,
      selectorString(r.spec?.selector),
    ];
  },
};

const defaultPrinter: Printer = {
  columns: [NAME, AGE],
  cells(o, now) {
    return [o.metadata?.name ?? '', age(o.metadata?.creationTimestamp, now)];
  },
};

const PRINTERS: Record<string, Printer> = {
  pods: podPrinter,
  nodes: nodePrinter,
  namespaces: namespacePrinter,
  events: eventPrinter,
  deployments: deploymentPrinter,
  replicasets: replicaSetPrinter,
};

function printerFor(type: ResourceType): Printer {
  if (type.group === '' || type.group === 'discovery.k8s.io') {
    const service = SERVICE_PRINTERS[type.plural as keyof typeof SERVICE_PRINTERS] as Printer | undefined;
    if (service) return service;
  }
  if (type.group === 'rbac.authorization.k8s.io') {
    return RBAC_PRINTERS[type.plural as keyof typeof RBAC_PRINTERS] ?? defaultPrinter;
  }
  if (type.group === 'apps' || type.group === 'batch') {
    const workload = WORKLOAD_PRINTERS[type.plural];
    if (workload) return workload;
  }
  return (type.group === '' || type.group === 'apps' ? PRINTERS[type.plural] : undefined) ?? defaultPrinter;
}

function rowObject(type: ResourceType, o: KubeObject, include: IncludeObject): unknown {
  // None still has the field: an empty RawExtension encodes as null.
  if (include === 'None') return null;
  if (include === 'Object') return o;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
}

/** Whether the Accept header asks for a Table. */
export function wantsTable(accept: string | undefined): boolean {
  if (!accept) return false;
  // The first acceptable type wins; kubectl lists Table first and plain JSON as a fallback.
  const first = accept.split(',')[0] ?? '';
  return /as=Table/.test(first) && /g=meta\.k8s\.io/.test(first);
}

/** A meta.k8s.io/v1 Table for objects of one type. */
export function toTable(
  type: ResourceType,
  objects: KubeObject[],
  now: number,
  include: IncludeObject,
  listMeta: { resourceVersion?: string; continue?: string; remainingItemCount?: number } = {},
  withColumns = true,
) {
  const p = printerFor(type);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: withColumns ? p.columns : [],
    rows: objects.map((o) => {
      const object = rowObject(type, o, include);
      // In the API server's order: cells, conditions (omitted when none), object (null for includeObject=None).
      const conditions = p.conditions?.(o);
      return {
        cells: p.cells(o, now),
        ...(conditions ? { conditions } : {}),
        ...(object !== undefined ? { object } : {}),
      };
    }),
  };
}

/** `includeObject` query parameter, defaulting to Metadata as the API server does. */
export function includeObjectParam(q: URLSearchParams): IncludeObject {
  const v = q.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

/**
 * A Table in the version the client asked for: meta.k8s.io/v1beta1 is still served (as is PartialObjectMetadata
 * in it) by a 1.32 API server, with the same content.
 */
export function inTableVersion<T extends { apiVersion: string; rows: { object?: unknown }[] }>(
  table: T,
  accept: string | undefined,
): T {
  const first = accept?.split(',')[0] ?? '';
  if (!/;\s*v=v1beta1\b/.test(first)) return table;
  const v = 'meta.k8s.io/v1beta1';
  return {
    ...table,
    apiVersion: v,
    rows: table.rows.map((r) =>
      (r.object as { kind?: string } | undefined)?.kind === 'PartialObjectMetadata'
        ? { ...r, object: { ...(r.object as object), apiVersion: v } }
        : r,
    ),
  };
}
