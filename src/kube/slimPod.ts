/**
 * Pods as the dashboard keeps them: only what the list, its columns, its colours and its filters read. A full pod
 * off the wire is 5–15 KB of JSON and far more as objects (managedFields alone is often half of it); at 10,000
 * pods that decides whether the dashboard fits in 150 MB. Everything else (volumes, env, probes, resources) is
 * fetched with a GET when one pod is opened.
 */
import { DEFAULT_CONTAINER_ANNOTATION } from '../domain/containerChoice.js';
import type { Container, ContainerStatus, Pod } from '../domain/wire.js';

type PodSpec = NonNullable<Pod['spec']>;
type PodStatus = NonNullable<Pod['status']>;
type ContainerState = NonNullable<ContainerStatus['state']>;
type TerminatedState = NonNullable<ContainerState['terminated']>;

function slimContainer(c: Container): Container {
  return {
    name: c.name,
    image: c.image,
    ports: c.ports?.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol })),
    // An init container with restartPolicy Always is a sidecar, which READY and RESTARTS count.
    restartPolicy: c.restartPolicy,
  };
}

function slimTerminated(t: TerminatedState | undefined): TerminatedState | undefined {
  if (!t) return undefined;
  return {
    exitCode: t.exitCode,
    signal: t.signal,
    reason: t.reason,
    message: t.message,
    startedAt: t.startedAt,
    finishedAt: t.finishedAt,
  };
}

function slimState(s: ContainerState | undefined): ContainerState | undefined {
  if (!s) return undefined;
  return {
    waiting: s.waiting && { reason: s.waiting.reason, message: s.waiting.message },
    running: s.running && { startedAt: s.running.startedAt },
    terminated: slimTerminated(s.terminated),
  };
}

function slimContainerStatus(c: ContainerStatus): ContainerStatus {
  return {
    name: c.name,
    ready: c.ready,
    started: c.started,
    restartCount: c.restartCount,
    state: slimState(c.state),
    lastState: c.lastState?.terminated ? { terminated: slimTerminated(c.lastState.terminated) } : undefined,
    // Required by the type, not read by any column (the spec's image is what the list shows).
    image: '',
    imageID: '',
  };
}

function slimSpec(spec: PodSpec | undefined): PodSpec | undefined {
  if (!spec) return undefined;
  return {
    nodeName: spec.nodeName,
    containers: (spec.containers ?? []).map(slimContainer),
    initContainers: spec.initContainers?.map(slimContainer),
    readinessGates: spec.readinessGates?.map((g) => ({ conditionType: g.conditionType })),
    serviceAccountName: spec.serviceAccountName,
    priority: spec.priority,
  };
}

function slimStatus(status: PodStatus | undefined): PodStatus | undefined {
  if (!status) return undefined;
  return {
    phase: status.phase,
    reason: status.reason,
    message: status.message,
    // The IP column falls back to podIPs[0] when podIP is missing; folding it in keeps the column identical.
    podIP: status.podIP || status.podIPs?.[0]?.ip,
    hostIP: status.hostIP,
    nominatedNodeName: status.nominatedNodeName,
    qosClass: status.qosClass,
    startTime: status.startTime,
    // reason stays: PodScheduled/SchedulingGated decides the STATUS column.
    conditions: status.conditions?.map((c) => ({ type: c.type, status: c.status, reason: c.reason })),
    containerStatuses: status.containerStatuses?.map(slimContainerStatus),
    initContainerStatuses: status.initContainerStatuses?.map(slimContainerStatus),
  };
}

/**
 * The pod reduced to what the dashboard's list needs (see the file comment). The domain functions
 * (`podPrintRow`, `podHealth` …) give the same answers for the slim pod as for the full one. `containerStatuses`
 * keep `image`/`imageID` only as empty strings, because the type requires them.
 * @param raw a pod as parsed from the API's JSON; it is not modified, and the result shares no objects with it
 *   except strings
 */
export function slimPod(raw: Pod): Pod {
  const m = raw.metadata;
  const defaultContainer = m?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  return {
    metadata: m && {
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
      deletionTimestamp: m.deletionTimestamp,
      deletionGracePeriodSeconds: m.deletionGracePeriodSeconds,
      labels: m.labels,
      annotations:
        defaultContainer === undefined ? undefined : { [DEFAULT_CONTAINER_ANNOTATION]: defaultContainer },
      ownerReferences: m.ownerReferences?.map((o) => ({
        apiVersion: o.apiVersion,
        kind: o.kind,
        name: o.name,
        uid: o.uid,
        controller: o.controller,
      })),
    },
    spec: slimSpec(raw.spec),
    status: slimStatus(raw.status),
  };
}
