/**
 * The seeds' Services (issue 16), as kind's cluster and the tutorials have them: `kubernetes` in default at
 * 10.96.0.1 (the API server's, no selector: its Endpoints and EndpointSlice are the API server's own, pointing at
 * the control-plane node's 6443), CoreDNS's `kube-dns` at 10.96.0.10 (seed 003 reads that address from
 * resolv.conf), seed 000's `frontend` in namespace frontend selecting the web-app pods on 8080
 * (`kubectl -n frontend port-forward service/frontend 8080:8080`), and in default `api` whose targetPort is the
 * api-with-sidecar container's named port `http`. The EndpointSlice controller fills in the rest.
 */
import type { Service } from '../domain/services/serviceWire.js';
import type { KubeObject } from '../domain/wire.js';
import type { Cluster } from './cluster.js';
import { DEMO_NODES } from './cluster.js';
import { allocationsOf, prepareService } from './sim/serviceCreate.js';
import { rfc3339 } from './store/objectStore.js';
import { ENDPOINT_SLICES, ENDPOINTS, SERVICES } from './store/resourceTypes.js';

/** The seed Services' manifests (what a user would apply). */
export function seedServiceManifests(): Service[] {
  return [
    {
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { component: 'apiserver', provider: 'kubernetes' },
      },
      spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, targetPort: 6443 }] },
    },
    {
      metadata: {
        name: 'kube-dns',
        namespace: 'kube-system',
        labels: {
          'k8s-app': 'kube-dns',
          'kubernetes.io/cluster-service': 'true',
          'kubernetes.io/name': 'CoreDNS',
        },
        annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      },
      spec: {
        clusterIP: '10.96.0.10',
        selector: { 'k8s-app': 'kube-dns' },
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
      },
    },
    {
      metadata: { name: 'frontend', namespace: 'frontend', labels: { app: 'web-app' } },
      spec: { selector: { app: 'web-app' }, ports: [{ port: 8080, targetPort: 8080 }] },
    },
    {
      metadata: { name: 'api', namespace: 'default', labels: { app: 'api' } },
      spec: { selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
    },
  ];
}

/** The API server's own endpoints for `kubernetes` (pkg/controlplane/reconcilers): the control plane's 6443. */
function apiServerEndpoints(cluster: Cluster, created: string): void {
  const ip = DEMO_NODES[0]!.ip;
  const labels = { 'endpointslice.kubernetes.io/skip-mirror': 'true' };
  cluster.store.create(ENDPOINTS, {
    metadata: { name: 'kubernetes', namespace: 'default', creationTimestamp: created, labels },
    subsets: [{ addresses: [{ ip }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
  } as KubeObject);
  cluster.store.create(ENDPOINT_SLICES, {
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      creationTimestamp: created,
      labels: { 'kubernetes.io/service-name': 'kubernetes' },
    },
    addressType: 'IPv4',
    endpoints: [{ addresses: [ip], conditions: { ready: true } }],
    ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
  } as KubeObject);
}

/** Creates the seed Services (and the API server's endpoints) as of `created` (epoch ms). */
export function seedServices(cluster: Cluster, createdMs: number): void {
  const created = rfc3339(createdMs);
  for (const m of seedServiceManifests()) {
    const input = { ...m, metadata: { ...m.metadata, creationTimestamp: created } } as KubeObject;
    const svc = cluster.store.create(
      SERVICES,
      prepareService(input, allocationsOf(cluster.store.list(SERVICES))),
    );
    cluster.endpoints.reconcileNow(svc.metadata!.namespace!, svc.metadata!.name!);
  }
  apiServerEndpoints(cluster, created);
}
