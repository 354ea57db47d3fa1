/**
 * Reads what a following forward needs of its Service or workload, once, when it starts: the label selector its
 * pods are found by and how the remote port is resolved per pod — refusing, in kubectl's words, what kubectl
 * port-forward refuses (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/attachablepodforobject.go: a Service
 * without a selector; pkg/cmd/portforward/portforward.go: a Service port it does not have, a UDP port, a named
 * port no Service port has). A missing object is the API server's NotFound (`services "nope" not found`).
 */
import {
  type FollowKind,
  type FollowSpec,
  selectorQuery,
  SHORT_KIND,
} from '../../../domain/followForward.js';
import {
  podRemotePort,
  servicePortNumber,
  serviceTargetPort,
  type PortAnswer,
} from '../../../domain/services/servicePorts.js';
import type { Service } from '../../../domain/services/serviceWire.js';
import type { Pod } from '../../../domain/wire.js';
import { decodeService, decodeWorkloadSelector } from '../../decode/followTarget.js';
import { decodePod } from '../../decode/pod.js';
import { describeFailure, KubeHttpError } from '../../errors.js';
import type { KubeConfigLike } from '../../plainKubeConfig.js';
import { getJson, serverUrl } from '../../request.js';

/** A Service or workload a forward follows, resolved. */
export interface FollowTarget {
  readonly namespace: string;
  readonly kind: FollowKind;
  readonly name: string;
  /** As the forwards list shows it: `svc/frontend`. */
  readonly label: string;
  /** The pods behind it, as a `labelSelector`. */
  readonly selector: string;
  /** The port number as typed or resolved (a Service port for a Service), for the list's PORTS cell. */
  readonly remotePort: number | undefined;
  /** The pod port a connection to this pod goes to, or kubectl's error. */
  portFor(pod: Pod): PortAnswer;
}

const WORKLOAD_PATHS: Partial<Record<FollowKind, string>> = {
  deployment: 'deployments',
  statefulset: 'statefulsets',
  daemonset: 'daemonsets',
  replicaset: 'replicasets',
};

async function read(kc: KubeConfigLike, path: string, action: string): Promise<unknown> {
  try {
    return await getJson(kc, path);
  } catch (e) {
    // A missing object in the server's words alone, as kubectl prints it (`services "nope" not found`).
    if (e instanceof KubeHttpError && e.status === 404) throw new Error(e.statusMessage);
    throw new Error(describeFailure(e, serverUrl(kc), action).message);
  }
}

function serviceTarget(service: Service, namespace: string, remote: string): FollowTarget {
  const name = service.metadata?.name ?? '';
  const selector = service.spec?.selector ?? {};
  if (Object.keys(selector).length === 0)
    throw new Error(`invalid service '${name}': Service is defined without a selector`);
  const number = servicePortNumber(service, remote);
  if ('error' in number) throw new Error(number.error);
  const ports = service.spec?.ports ?? [];
  const headless = service.spec?.clusterIP === 'None';
  if (!headless && !ports.some((p) => p.port === number.port))
    throw new Error(`Service ${name} does not have a service port ${number.port}`);
  const protocols = new Set(ports.filter((p) => p.port === number.port).map((p) => p.protocol ?? 'TCP'));
  if (protocols.size > 0 && !protocols.has('TCP'))
    throw new Error(`UDP protocol is not supported for ${remote}`);
  return {
    namespace,
    kind: 'service',
    name,
    label: `svc/${name}`,
    selector: selectorQuery({ matchLabels: selector }),
    remotePort: number.port,
    portFor: (pod) => serviceTargetPort(service, pod, number.port),
  };
}

/**
 * Reads the Service or workload `spec` names in `namespace` and resolves it; rejects with one line.
 * (`pod/NAME` is not followed: the registry's plain forward serves it.)
 */
export async function resolveFollowTarget(
  kc: KubeConfigLike,
  spec: FollowSpec,
  namespace: string,
): Promise<FollowTarget> {
  const ns = encodeURIComponent(namespace);
  const enc = encodeURIComponent(spec.name);
  if (spec.kind === 'service') {
    const path = `/api/v1/namespaces/${ns}/services/${enc}`;
    const raw = await read(kc, path, `get service "${spec.name}" in namespace "${namespace}"`);
    return serviceTarget(decodeService(raw, `GET ${path}`), namespace, spec.remote);
  }
  const plural = WORKLOAD_PATHS[spec.kind];
  if (!plural) throw new Error(`${spec.kind} cannot be followed`);
  const path = `/apis/apps/v1/namespaces/${ns}/${plural}/${enc}`;
  const raw = await read(kc, path, `get ${spec.kind} "${spec.name}" in namespace "${namespace}"`);
  const sel = decodeWorkloadSelector(raw, `a ${spec.kind}`, `GET ${path}`);
  const selector = sel ? selectorQuery(sel) : '';
  if (!selector) throw new Error(`${SHORT_KIND[spec.kind]}/${spec.name} has no selector: no pods to follow`);
  const number = /^\d+$/.test(spec.remote) ? Number(spec.remote) : undefined;
  return {
    namespace,
    kind: spec.kind,
    name: spec.name,
    label: `${SHORT_KIND[spec.kind]}/${spec.name}`,
    selector,
    remotePort: number,
    portFor: (pod) => podRemotePort(pod, spec.remote),
  };
}

/**
 * `pod/NAME REMOTE`: the pod's port number (a name looked up in its containers' ports, as kubectl's
 * convertPodNamedPortToNumber); rejects with one line (`pods "x" not found`, kubectl's named-port error).
 */
export async function resolvePodPort(
  kc: KubeConfigLike,
  namespace: string,
  name: string,
  remote: string,
): Promise<number> {
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}`;
  const pod = decodePod(await read(kc, path, `get pod "${name}" in namespace "${namespace}"`), `GET ${path}`);
  const answer = podRemotePort(pod, remote);
  if ('error' in answer) throw new Error(answer.error);
  return answer.port;
}
