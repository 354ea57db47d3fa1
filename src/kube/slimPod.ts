/**
 * Pods as the dashboard keeps them: only what the list, its columns, its colours and its filters read. A full pod
 * off the wire is 5–15 KB of JSON and far more as objects (managedFields alone is often half of it); at 10,000
 * pods that decides whether the dashboard fits in 150 MB. Everything else (volumes, env, probes, resources) is
 * fetched with a GET when one pod is opened.
 */
import { DEFAULT_CONTAINER_ANNOTATION } from '../domain/containerChoice.js';
import type { Container, ContainerStatus, Pod } from '../domain/wire.js';
import { StringIntern } from './stringIntern.js';

type PodSpec = NonNullable<Pod['spec']>;
type PodStatus = NonNullable<Pod['status']>;
type ContainerState = NonNullable<ContainerStatus['state']>;
type TerminatedState = NonNullable<ContainerState['terminated']>;

/** Strings that repeat from pod to pod (nodes, images, reasons, owners, timestamps to the second): one copy each. */
const strings = new StringIntern();
function i(s: string): string;
function i(s: string | undefined): string | undefined;
function i(s: string | undefined): string | undefined {
  return strings.intern(s);
}

/** The conditions the list reads (STATUS, READY and the readiness gates); the rest are in a pod's GET. */
const READ_CONDITIONS = new Set(['Initialized', 'Ready', 'PodScheduled']);

function slimContainer(c: Container): Container {
  return {
    name: i(c.name),
    image: i(c.image),
    ports: c.ports?.map((p) => ({
      name: i(p.name),
      containerPort: p.containerPort,
      protocol: i(p.protocol),
    })),
    // An init container with restartPolicy Always is a sidecar, which READY and RESTARTS count.
    restartPolicy: i(c.restartPolicy),
  };
}

function slimTerminated(t: TerminatedState | undefined): TerminatedState | undefined {
  if (!t) return undefined;
  return {
    exitCode: t.exitCode,
    signal: t.signal,
    reason: i(t.reason),
    message: i(t.message),
    startedAt: i(t.startedAt),
    finishedAt: i(t.finishedAt),
  };
}

function slimState(s: ContainerState | undefined): ContainerState | undefined {
  if (!s) return undefined;
  return {
    waiting: s.waiting && { reason: i(s.waiting.reason), message: i(s.waiting.message) },
    running: s.running && { startedAt: i(s.running.startedAt) },
    terminated: slimTerminated(s.terminated),
  };
}

function slimContainerStatus(c: ContainerStatus): ContainerStatus {
  return {
    name: i(c.name),
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
    nodeName: i(spec.nodeName),
    containers: (spec.containers ?? []).map(slimContainer),
    initContainers: spec.initContainers?.map(slimContainer),
    readinessGates: spec.readinessGates?.map((g) => ({ conditionType: i(g.conditionType) })),
    serviceAccountName: i(spec.serviceAccountName),
    priority: spec.priority,
  };
}

function slimStatus(status: PodStatus | undefined, gates: PodSpec['readinessGates']): PodStatus | undefined {
  if (!status) return undefined;
  const read = (type: string): boolean =>
    READ_CONDITIONS.has(type) || (gates?.some((g) => g.conditionType === type) ?? false);
  return {
    phase: i(status.phase),
    reason: i(status.reason),
    message: i(status.message),
    // The IP column falls back to podIPs[0] when podIP is missing; folding it in keeps the column identical.
    podIP: status.podIP || status.podIPs?.[0]?.ip,
    hostIP: i(status.hostIP),
    nominatedNodeName: i(status.nominatedNodeName),
    qosClass: i(status.qosClass),
    startTime: i(status.startTime),
    // reason stays: PodScheduled/SchedulingGated decides the STATUS column.
    conditions: status.conditions
      ?.filter((c) => read(c.type))
      .map((c) => ({ type: i(c.type), status: i(c.status), reason: i(c.reason) })),
    containerStatuses: status.containerStatuses?.map(slimContainerStatus),
    initContainerStatuses: status.initContainerStatuses?.map(slimContainerStatus),
  };
}

/**
 * The pod reduced to what the dashboard's list needs (see the file comment), its repeated strings interned and
 * only the conditions the columns read. The domain functions
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
      namespace: i(m.namespace),
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: i(m.creationTimestamp),
      deletionTimestamp: i(m.deletionTimestamp),
      deletionGracePeriodSeconds: m.deletionGracePeriodSeconds,
      labels: strings.record(m.labels),
      annotations:
        defaultContainer === undefined ? undefined : { [DEFAULT_CONTAINER_ANNOTATION]: defaultContainer },
      ownerReferences: m.ownerReferences?.map((o) => ({
        apiVersion: i(o.apiVersion),
        kind: i(o.kind),
        name: i(o.name),
        uid: i(o.uid),
        controller: o.controller,
      })),
    },
    spec: slimSpec(raw.spec),
    status: slimStatus(raw.status, raw.spec?.readinessGates),
  };
}
