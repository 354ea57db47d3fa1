/**
 * The Table columns and cells of Services, Endpoints and EndpointSlices as the API server prints them
 * (pkg/printers/internalversion/printers.go: printService with getServiceExternalIP and makePortString — the
 * server's TableConvertor prints wide, so SELECTOR is always filled —, printEndpoints with formatEndpoints,
 * printEndpointSlice with formatDiscoveryPorts and formatDiscoveryEndpoints). Descriptions are the fields' doc
 * strings' first sentences (kubectl does not print them).
 */
import type { KubeObject } from '../../domain/wire.js';
import type { EndpointSlice, Service } from '../../domain/services/serviceWire.js';
import { age } from '../../domain/duration.js';

interface Column {
  name: string;
  type: 'string';
  format: string;
  description: string;
  priority: number;
}

const str = (name: string, description: string, priority = 0, format = ''): Column => ({
  name,
  type: 'string',
  format,
  description,
  priority,
});

const NAME = str(
  'Name',
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  0,
  'name',
);
const AGE = str(
  'Age',
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
);

/** `a,b,c + 2 more...`, or `empty` when there is nothing (listWithMoreString). */
function listWithMore(items: readonly string[], empty: string): string {
  const max = 3;
  const shown = items.slice(0, max).join(',');
  if (items.length > max) return `${shown} + ${items.length - max} more...`;
  return shown === '' ? empty : shown;
}

/** labels.FormatLabels: `k=v` sorted by key, `<none>` when empty. */
function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(',') : '<none>';
}

function externalIp(s: Service): string {
  const external = s.spec?.externalIPs ?? [];
  switch (s.spec?.type) {
    case 'ClusterIP':
    case 'NodePort':
      return external.length ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = (s.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '').filter(Boolean);
      const all = [...external, ...lb];
      return all.length ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return s.spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

function portString(s: Service): string {
  const ports = (s.spec?.ports ?? []).map(
    (p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`,
  );
  return ports.length ? ports.join(',') : '<none>';
}

const servicePrinter = {
  columns: [
    NAME,
    str('Type', 'type determines how the Service is exposed. Defaults to ClusterIP.'),
    str('Cluster-IP', 'clusterIP is the IP address of the service and is usually assigned randomly.'),
    str(
      'External-IP',
      'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.',
    ),
    str('Port(s)', 'The list of ports that are exposed by this service.'),
    AGE,
    str('Selector', 'Route service traffic to pods with label keys and values matching this selector.', 1),
  ],
  cells(o: KubeObject, now: number): string[] {
    const s = o as Service;
    return [
      s.metadata?.name ?? '',
      s.spec?.type ?? '',
      s.spec?.clusterIPs?.[0] ?? '<none>',
      externalIp(s),
      portString(s),
      age(s.metadata?.creationTimestamp, now),
      formatLabels(s.spec?.selector),
    ];
  },
};

interface EndpointsWire {
  subsets?: { addresses?: { ip: string }[]; ports?: { port: number }[] }[];
}

const endpointsPrinter = {
  columns: [NAME, str('Endpoints', 'Endpoints of this service'), AGE],
  cells(o: KubeObject, now: number): string[] {
    const subsets = (o as EndpointsWire).subsets ?? [];
    const list = subsets.flatMap((ss) => {
      const ips = (ss.addresses ?? []).map((a) => a.ip);
      if (!ss.ports?.length) return ips;
      return ss.ports.flatMap((p) => ips.map((ip) => `${ip}:${p.port}`));
    });
    const text = subsets.length === 0 ? '<none>' : listWithMore(list, '');
    return [o.metadata?.name ?? '', text, age(o.metadata?.creationTimestamp, now)];
  },
};

const endpointSlicePrinter = {
  columns: [
    NAME,
    str('AddressType', 'The IP protocol for this slice'),
    str('Ports', 'The ports of this slice'),
    str('Endpoints', 'The endpoints of this slice'),
    AGE,
  ],
  cells(o: KubeObject, now: number): string[] {
    const es = o as EndpointSlice;
    const ports = (es.ports ?? []).map((p) => (p.port !== undefined ? String(p.port) : (p.name ?? '*')));
    const addresses = (es.endpoints ?? []).flatMap((e) => e.addresses);
    return [
      es.metadata?.name ?? '',
      es.addressType,
      listWithMore(ports, '<unset>'),
      listWithMore(addresses, '<unset>'),
      age(es.metadata?.creationTimestamp, now),
    ];
  },
};

/** The printers by plural: services and endpoints in the core group, endpointslices in discovery.k8s.io. */
export const SERVICE_PRINTERS = {
  services: servicePrinter,
  endpoints: endpointsPrinter,
  endpointslices: endpointSlicePrinter,
};
