/**
 * What the endpoint controllers publish for a Service, computed from the Service and its pods, pure:
 * EndpointSlices as the EndpointSlice controller builds them (staging/src/k8s.io/endpointslice/reconciler.go and
 * utils.go: podToEndpoint — ready = serving and not terminating, serving = the pod is Ready, terminating = it has
 * a deletionTimestamp —, getEndpointPorts resolving each Service port per pod with FindPort, one slice per set of
 * resolved ports) and core/v1 Endpoints as the Endpoints controller does (pkg/controller/endpoint: ready pods in
 * `addresses`, the others in `notReadyAddresses`, terminating pods left out unless publishNotReadyAddresses,
 * subsets repacked by port set and sorted by IP).
 */
import type { Pod } from '../wire.js';
import { findPodPort } from './servicePorts.js';
import { isPodReady, shouldPodBeInEndpoints } from './podReady.js';
import type { Service } from './serviceWire.js';

/** One resolved port of a slice, in EndpointPort's field order. */
export interface SlicePort {
  name: string;
  protocol: string;
  port: number;
  appProtocol?: string;
}

/** One endpoint (a pod), in Endpoint's field order. */
export interface SliceEndpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  targetRef: { kind: 'Pod'; namespace: string; name: string; uid: string };
  nodeName?: string;
}

/** The content of one slice: its ports and the pods that resolve them alike. */
export interface DesiredSlice {
  /** Identifies the port set, to match a stored slice with the one wanted. */
  key: string;
  ports: SlicePort[] | null;
  endpoints: SliceEndpoint[] | null;
}

function portsOf(service: Service, pod: Pod): SlicePort[] {
  const out: SlicePort[] = [];
  for (const sp of service.spec?.ports ?? []) {
    const port = findPodPort(pod, sp);
    if (port === undefined) continue; // upstream logs and leaves the port out
    out.push({
      name: sp.name ?? '',
      protocol: sp.protocol ?? 'TCP',
      port,
      ...(sp.appProtocol !== undefined ? { appProtocol: sp.appProtocol } : {}),
    });
  }
  return out;
}

function byName(a: Pod, b: Pod): number {
  const x = a.metadata?.name ?? '';
  const y = b.metadata?.name ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The slices a selector Service should have: one per distinct set of resolved ports; with no pod at all, the
 * controller's placeholder (no ports, no endpoints).
 * @param pods the pods its selector matches, in the Service's namespace
 */
export function desiredSlices(service: Service, pods: readonly Pod[]): DesiredSlice[] {
  const publishNotReady = service.spec?.publishNotReadyAddresses === true;
  const groups = new Map<string, DesiredSlice>();
  for (const pod of [...pods].sort(byName)) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports = portsOf(service, pod);
    const key = JSON.stringify(ports);
    let slice = groups.get(key);
    if (!slice) groups.set(key, (slice = { key, ports, endpoints: [] }));
    const serving = publishNotReady || isPodReady(pod);
    const terminating = pod.metadata?.deletionTimestamp !== undefined;
    const ips = pod.status?.podIPs?.map((p) => p.ip) ?? [pod.status!.podIP!];
    slice.endpoints!.push({
      addresses: ips.filter((ip) => !ip.includes(':')).slice(0, 1),
      conditions: { ready: publishNotReady || (serving && !terminating), serving, terminating },
      targetRef: {
        kind: 'Pod',
        namespace: pod.metadata?.namespace ?? '',
        name: pod.metadata?.name ?? '',
        uid: pod.metadata?.uid ?? '',
      },
      ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    });
  }
  if (groups.size === 0) return [{ key: 'placeholder', ports: null, endpoints: null }];
  return [...groups.values()];
}

interface EndpointAddress {
  ip: string;
  nodeName?: string;
  targetRef: SliceEndpoint['targetRef'];
}

/** One subset of a core/v1 Endpoints object. */
export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: { name?: string; port: number; protocol: string }[];
}

function byIp(a: EndpointAddress, b: EndpointAddress): number {
  return a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0;
}

/** The Endpoints controller's subsets for a selector Service (empty when no pod qualifies). */
export function desiredSubsets(service: Service, pods: readonly Pod[]): EndpointSubset[] {
  const publishNotReady = service.spec?.publishNotReadyAddresses === true;
  const groups = new Map<
    string,
    { ready: EndpointAddress[]; notReady: EndpointAddress[]; ports: SlicePort[] }
  >();
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const ports = portsOf(service, pod).map((p) => ({ ...p, name: p.name }));
    const key = JSON.stringify(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ready: [], notReady: [], ports }));
    const address: EndpointAddress = {
      ip: pod.status?.podIP ?? '',
      ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
      targetRef: {
        kind: 'Pod',
        namespace: pod.metadata?.namespace ?? '',
        name: pod.metadata?.name ?? '',
        uid: pod.metadata?.uid ?? '',
      },
    };
    (publishNotReady || isPodReady(pod) ? g.ready : g.notReady).push(address);
  }
  return [...groups.values()].map((g) => ({
    ...(g.ready.length ? { addresses: g.ready.sort(byIp) } : {}),
    ...(g.notReady.length ? { notReadyAddresses: g.notReady.sort(byIp) } : {}),
    ...(g.ports.length
      ? {
          ports: g.ports.map((p) => ({
            ...(p.name ? { name: p.name } : {}),
            port: p.port,
            protocol: p.protocol,
          })),
        }
      : {}),
  }));
}
