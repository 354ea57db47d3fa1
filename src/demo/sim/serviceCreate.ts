/**
 * A Service as kube-apiserver creates it: SetDefaults_Service (pkg/apis/core/v1/defaults.go: type ClusterIP,
 * sessionAffinity None, each port's protocol TCP and targetPort = port when omitted, internalTrafficPolicy
 * Cluster, externalTrafficPolicy Cluster for NodePort and LoadBalancer, allocateLoadBalancerNodePorts), then
 * ValidateService's common refusals (pkg/apis/core/validation/validation.go), then the REST strategy's
 * allocations (pkg/registry/core/service/storage/alloc.go: a ClusterIP from the service CIDR, kind's
 * 10.96.0.0/16, ipFamilies [IPv4] and ipFamilyPolicy SingleStack; node ports from 30000-32767) and
 * `status.loadBalancer: {}`. Errors are the 422 Invalid the API server sends.
 */
import type { KubeObject } from '../../domain/wire.js';
import type { Service, ServicePort } from '../../domain/services/serviceWire.js';
import { fnv1a } from '../fnv.js';
import { StoreError } from '../store/objectStore.js';
import type { FieldError } from './fieldErrors.js';
import { duplicate, invalid, invalidStatus, notSupported, required } from './fieldErrors.js';

/** kind's (and kubeadm's) default --service-cluster-ip-range. */
export const SERVICE_CIDR = '10.96.0.0/16';
const NODE_PORTS = { first: 30000, last: 32767 };
const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const AFFINITIES = ['ClientIP', 'None'];
const PORT_RANGE = 'must be between 1 and 65535, inclusive';
// IsValidPortName (apimachinery/pkg/util/validation): an IANA_SVC_NAME.
const PORT_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
// IsDNS1123Label, for port names.
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** What is already allocated: the ClusterIPs and node ports of the Services stored. */
export interface ServiceAllocations {
  readonly clusterIPs: ReadonlySet<string>;
  readonly nodePorts: ReadonlySet<number>;
}

/** The allocations of these Services. */
export function allocationsOf(services: readonly KubeObject[]): ServiceAllocations {
  const clusterIPs = new Set<string>();
  const nodePorts = new Set<number>();
  for (const o of services) {
    const s = o as Service;
    for (const ip of s.spec?.clusterIPs ?? []) clusterIPs.add(ip);
    for (const p of s.spec?.ports ?? []) if (p.nodePort) nodePorts.add(p.nodePort);
  }
  return { clusterIPs, nodePorts };
}

function ipInRange(ip: string): boolean {
  const parts = ip.split('.').map(Number);
  return parts.length === 4 && parts[0] === 10 && parts[1] === 96 && parts.every((n) => n >= 0 && n <= 255);
}

/**
 * A free ClusterIP: the allocator (KEP-3070) hands dynamic addresses from above the static band (the lowest 256
 * of a /16), so the demo starts at 10.96.1.0, at an offset hashed from the Service's key (repeatable seeds).
 */
function allocateIp(key: string, taken: ReadonlySet<string>): string {
  const size = 65536 - 256 - 1;
  const start = fnv1a(key) % size;
  for (let i = 0; i < size; i++) {
    const k = 256 + ((start + i) % size);
    const ip = `10.96.${k >> 8}.${k & 255}`;
    if (!taken.has(ip)) return ip;
  }
  throw new StoreError(500, 'InternalError', 'failed to allocate a serviceIP: range is full');
}

function allocateNodePort(key: string, taken: Set<number>): number {
  const size = NODE_PORTS.last - NODE_PORTS.first + 1;
  const start = fnv1a(key) % size;
  for (let i = 0; i < size; i++) {
    const port = NODE_PORTS.first + ((start + i) % size);
    if (!taken.has(port)) {
      taken.add(port);
      return port;
    }
  }
  throw new StoreError(500, 'InternalError', 'failed to allocate a nodePort: range is full');
}

/** One port as SetDefaults_ServicePort leaves it, in ServicePort's field order. */
function defaultPort(p: ServicePort): ServicePort {
  const target =
    p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '' ? p.port : p.targetPort;
  return {
    ...(p.name !== undefined ? { name: p.name } : {}),
    protocol: p.protocol ?? 'TCP',
    ...(p.appProtocol !== undefined ? { appProtocol: p.appProtocol } : {}),
    port: p.port,
    targetPort: target,
    ...(p.nodePort !== undefined ? { nodePort: p.nodePort } : {}),
  };
}

function validPort(n: unknown): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535;
}

/** validateServicePort and the ports' cross-checks, for the mistakes people make. */
function portErrors(spec: NonNullable<Service['spec']>, type: string): FieldError[] {
  const errors: FieldError[] = [];
  const ports = spec.ports ?? [];
  if (ports.length === 0 && spec.clusterIP !== 'None' && type !== 'ExternalName') {
    errors.push(required('spec.ports'));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const f = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) errors.push(required(`${f}.name`));
    else if (p.name) {
      if (!DNS_LABEL.test(p.name))
        errors.push(
          invalid(
            `${f}.name`,
            p.name,
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
          ),
        );
      if (names.has(p.name)) errors.push(duplicate(`${f}.name`, p.name));
      names.add(p.name);
    }
    if (!validPort(p.port)) errors.push(invalid(`${f}.port`, Number(p.port ?? 0), PORT_RANGE));
    const protocol = p.protocol ?? 'TCP';
    if (!PROTOCOLS.includes(protocol)) errors.push(notSupported(`${f}.protocol`, protocol, PROTOCOLS));
    // Validated after SetDefaults_ServicePort: an omitted targetPort is the port (so port 0 is refused twice).
    const t = p.targetPort === undefined || p.targetPort === '' ? (p.port ?? 0) : p.targetPort;
    if (typeof t === 'number' && !validPort(t)) errors.push(invalid(`${f}.targetPort`, t, PORT_RANGE));
    if (typeof t === 'string' && t !== '' && !/^\d+$/.test(t)) {
      if (t.length > 15) errors.push(invalid(`${f}.targetPort`, t, 'must be no more than 15 characters'));
      else if (!PORT_NAME.test(t) || !/[a-z]/.test(t) || t.includes('--'))
        errors.push(
          invalid(
            `${f}.targetPort`,
            t,
            !/[a-z]/.test(t)
              ? 'must contain at least one letter (a-z)'
              : 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
          ),
        );
    }
    if (p.nodePort !== undefined && (type === 'ClusterIP' || type === 'ExternalName')) {
      errors.push(invalid(`${f}.nodePort`, p.nodePort, `may not be used when \`type\` is '${type}'`));
    }
  });
  return errors;
}

/**
 * The Service to store, or the 422 a kube-apiserver answers. `dryRun` allocates nothing for real (the store
 * holds nothing until create), so both answer alike.
 */
export function prepareService(input: KubeObject, taken: ServiceAllocations): KubeObject {
  const svc = input as Service;
  const name = svc.metadata?.name ?? svc.metadata?.generateName ?? '';
  const spec = { ...(svc.spec ?? {}) };
  const type = spec.type ?? 'ClusterIP';
  // In ValidateService's order: the ports first, the type after (test/real/services.test.ts holds it).
  const errors: FieldError[] = [...portErrors(spec, type)];
  if (!TYPES.includes(type)) errors.push(notSupported('spec.type', type, TYPES));
  const affinity = spec.sessionAffinity ?? 'None';
  if (!AFFINITIES.includes(affinity)) errors.push(notSupported('spec.sessionAffinity', affinity, AFFINITIES));
  if (type === 'ExternalName' && !spec.externalName) errors.push(required('spec.externalName'));
  const asked = spec.clusterIP;
  if (asked && asked !== 'None' && type !== 'ExternalName') {
    if (!ipInRange(asked)) {
      errors.push(
        invalid(
          'spec.clusterIPs',
          `[]string{"${asked}"}`,
          `failed to allocate IP ${asked}: the provided IP (${asked}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`,
        ),
      );
    } else if (taken.clusterIPs.has(asked)) {
      errors.push(
        invalid(
          'spec.clusterIPs',
          `[]string{"${asked}"}`,
          `failed to allocate IP ${asked}: provided IP is already allocated`,
        ),
      );
    }
  }
  if (errors.length) {
    const st = invalidStatus('Service', name, errors);
    throw new StoreError(422, 'Invalid', st.message, st.causes, name);
  }
  if (type === 'ExternalName') {
    return { ...input, spec: { ...spec, type, sessionAffinity: affinity }, status: { loadBalancer: {} } };
  }
  const key = `${svc.metadata?.namespace ?? ''}/${name}`;
  const clusterIP = asked ?? allocateIp(key, taken.clusterIPs);
  const nodePorts = new Set(taken.nodePorts);
  const wantsNodePorts = type === 'NodePort' || type === 'LoadBalancer';
  const ports = (spec.ports ?? []).map((p, i) => {
    const d = defaultPort(p);
    return wantsNodePorts && d.nodePort === undefined
      ? { ...d, nodePort: allocateNodePort(`${key}#${i}`, nodePorts) }
      : d;
  });
  // In ServiceSpec's field order, as the API server writes it.
  const out: Record<string, unknown> = {
    ports,
    ...(spec.selector !== undefined ? { selector: spec.selector } : {}),
    clusterIP,
    clusterIPs: clusterIP === 'None' ? ['None'] : [clusterIP],
    type,
    ...(spec.externalIPs !== undefined ? { externalIPs: spec.externalIPs } : {}),
    sessionAffinity: affinity,
    ...(wantsNodePorts ? { externalTrafficPolicy: spec.externalTrafficPolicy ?? 'Cluster' } : {}),
    ...(spec.publishNotReadyAddresses !== undefined
      ? { publishNotReadyAddresses: spec.publishNotReadyAddresses }
      : {}),
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: spec.ipFamilyPolicy ?? 'SingleStack',
    ...(type === 'LoadBalancer'
      ? { allocateLoadBalancerNodePorts: spec.allocateLoadBalancerNodePorts ?? true }
      : {}),
    internalTrafficPolicy: spec.internalTrafficPolicy ?? 'Cluster',
  };
  return { ...input, spec: out, status: { loadBalancer: {} } };
}
