/**
 * Which pod port a Service port reaches, as Kubernetes resolves it: the EndpointSlice controller per pod
 * (pkg/api/v1/pod/util.go FindPort: a named targetPort is looked up among the pod's container ports of the same
 * protocol), and `kubectl port-forward service/NAME` (staging/src/k8s.io/kubectl/pkg/util/service_port.go,
 * LookupServicePortNumberByName and LookupContainerPortNumberByServicePort; pkg/cmd/portforward's
 * translateServicePortToTargetPort and convertPodNamedPortToNumber), with kubectl's error words.
 */
import type { Pod } from '../wire.js';
import type { Service, ServicePort } from './serviceWire.js';

/** A port number, or the error kubectl prints. */
export type PortAnswer = { readonly port: number } | { readonly error: string };

/** Every container port of the pod (app containers, then init containers: sidecars serve too). */
function containerPorts(pod: Pod): { name?: string; containerPort: number; protocol?: string }[] {
  const spec = pod.spec;
  return [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].flatMap((c) => c.ports ?? []);
}

/**
 * FindPort: the pod port a Service port targets, or undefined when a named targetPort matches no container port
 * of that protocol (the controller then leaves this port out of the pod's endpoint).
 * @param pod the pod behind the Service
 * @param servicePort the Service's port (defaulted: targetPort and protocol set)
 */
export function findPodPort(pod: Pod, servicePort: ServicePort): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  const protocol = servicePort.protocol ?? 'TCP';
  const found = containerPorts(pod).find((p) => p.name === target && (p.protocol ?? 'TCP') === protocol);
  return found?.containerPort;
}

/** LookupContainerPortNumberByName: a named port among the pod's containers' ports. */
export function podPortByName(pod: Pod, name: string): PortAnswer {
  for (const c of pod.spec?.containers ?? []) {
    const p = (c.ports ?? []).find((x) => x.name === name);
    if (p) return { port: p.containerPort };
  }
  return { error: `Pod '${pod.metadata?.name ?? ''}' does not have a named port '${name}'` };
}

/**
 * What `kubectl port-forward TYPE/NAME L:REMOTE` forwards to on a pod that is not behind a Service:
 * a number as it is, a name looked up in the pod's container ports (convertPodNamedPortToNumber).
 */
export function podRemotePort(pod: Pod, remote: string): PortAnswer {
  return /^\d+$/.test(remote) ? { port: Number(remote) } : podPortByName(pod, remote);
}

/**
 * The Service port a forward names: a number is taken as a Service port, a name is the Service port of that
 * name (LookupServicePortNumberByName).
 */
export function servicePortNumber(service: Service, remote: string): PortAnswer {
  if (/^\d+$/.test(remote)) return { port: Number(remote) };
  const found = (service.spec?.ports ?? []).find((p) => p.name === remote);
  if (found) return { port: found.port };
  return { error: `Service '${service.metadata?.name ?? ''}' does not have a named port '${remote}'` };
}

/**
 * The pod port behind Service port `port` (LookupContainerPortNumberByServicePort): a headless Service's port is
 * the pod's; an omitted or numeric targetPort is taken as it is; a named one is looked up in this pod.
 */
export function serviceTargetPort(service: Service, pod: Pod, port: number): PortAnswer {
  if (service.spec?.clusterIP === 'None') return { port };
  const spec = (service.spec?.ports ?? []).find((p) => p.port === port);
  if (!spec) return { error: `Service ${service.metadata?.name ?? ''} does not have a service port ${port}` };
  const target = spec.targetPort;
  if (target === undefined || target === 0 || target === '') return { port: spec.port };
  if (typeof target === 'number') return { port: target };
  if (/^\d+$/.test(target)) return { port: Number(target) };
  return podPortByName(pod, target);
}
