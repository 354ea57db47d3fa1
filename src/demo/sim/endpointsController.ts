/**
 * The demo's EndpointSlice and Endpoints controllers (pkg/controller/endpointslice with
 * staging/src/k8s.io/endpointslice, and pkg/controller/endpoint): for every Service with a selector, the slices
 * and the Endpoints object that list its pods, kept as pods come, go and change readiness. The content is
 * computed in src/domain/services/endpoints.ts; this file stores it: a slice per port set, named from
 * `<service>-` by the API server, labelled `kubernetes.io/service-name` and
 * `endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io` (plus the Service's own labels),
 * owned by the Service; written only when its content changes. A Service without a selector is left alone, as
 * upstream does (its endpoints are the user's to write). Changes are batched briefly, like the other controllers.
 */
import { desiredSlices, desiredSubsets, type DesiredSlice } from '../../domain/services/endpoints.js';
import { selectorMatches } from '../../domain/services/podReady.js';
import type { EndpointSlice, Service } from '../../domain/services/serviceWire.js';
import type { KubeObject, Pod } from '../../domain/wire.js';
import type { Change, ObjectStore } from '../store/objectStore.js';
import { objectKey, rfc3339 } from '../store/objectStore.js';
import { ENDPOINT_SLICES, ENDPOINTS, PODS, SERVICES } from '../store/resourceTypes.js';
import type { Scheduler } from '../store/scheduler.js';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
const MANAGED_BY = 'endpointslice-controller.k8s.io';
const TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';
/** How long changes are gathered before a reconcile (upstream's batch period is 0-1 s; kept short here). */
const BATCH_MS = 20;

function selectorOf(o: KubeObject | undefined): Record<string, string> | undefined {
  const sel = (o as Service | undefined)?.spec?.selector;
  return sel && Object.keys(sel).length > 0 ? sel : undefined;
}

export class EndpointsController {
  private readonly dirty = new Set<string>();
  private scheduled = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: ObjectStore,
    private readonly scheduler: Scheduler,
    private readonly now: () => number,
  ) {
    this.unsubscribe = store.subscribe((c) => this.onChange(c));
  }

  close(): void {
    this.unsubscribe();
  }

  /** Reconciles one Service at once (after seeding). */
  reconcileNow(namespace: string, name: string): void {
    this.reconcile(namespace, name);
  }

  private onChange(c: Change): void {
    const ns = c.object.metadata?.namespace;
    if (!ns) return;
    if (c.resource === SERVICES) return this.mark(objectKey(ns, c.object.metadata!.name!));
    if (c.resource !== PODS) return;
    const labels = [c.object.metadata?.labels, c.previous?.metadata?.labels];
    for (const svc of this.store.list(SERVICES, ns)) {
      const sel = selectorOf(svc);
      if (sel && labels.some((l) => l && selectorMatches(sel, l)))
        this.mark(objectKey(ns, svc.metadata!.name!));
    }
  }

  private mark(key: string): void {
    this.dirty.add(key);
    if (this.scheduled) return;
    this.scheduled = true;
    this.scheduler.after(BATCH_MS, () => {
      this.scheduled = false;
      const keys = [...this.dirty];
      this.dirty.clear();
      for (const k of keys) {
        const [ns, name] = k.split('/') as [string, string];
        this.reconcile(ns, name);
      }
    });
  }

  private ownedSlices(namespace: string, name: string): EndpointSlice[] {
    return this.store
      .list(ENDPOINT_SLICES, namespace)
      .filter(
        (s) =>
          s.metadata?.labels?.[SERVICE_NAME_LABEL] === name &&
          s.metadata.labels[MANAGED_BY_LABEL] === MANAGED_BY,
      ) as EndpointSlice[];
  }

  private reconcile(namespace: string, name: string): void {
    const service = this.store.get(SERVICES, namespace, name) as Service | undefined;
    const existing = this.ownedSlices(namespace, name);
    if (!service) {
      // The garbage collector removes what the Service owned.
      for (const s of existing) this.store.remove(ENDPOINT_SLICES, namespace, s.metadata!.name!);
      if (this.store.get(ENDPOINTS, namespace, name)) this.store.remove(ENDPOINTS, namespace, name);
      return;
    }
    const selector = selectorOf(service as KubeObject);
    if (!selector) return;
    const pods = (this.store.list(PODS, namespace) as Pod[]).filter((p) =>
      selectorMatches(selector, p.metadata?.labels),
    );
    this.reconcileSlices(service, existing, desiredSlices(service, pods));
    this.reconcileEndpoints(service, pods);
  }

  private reconcileSlices(service: Service, existing: EndpointSlice[], wanted: DesiredSlice[]): void {
    const namespace = service.metadata!.namespace!;
    const keyOf = (s: EndpointSlice): string =>
      s.endpoints === null && s.ports === null ? 'placeholder' : JSON.stringify(s.ports ?? []);
    const left = [...existing];
    for (const want of wanted) {
      const i = left.findIndex((s) => keyOf(s) === want.key);
      const current = i >= 0 ? left.splice(i, 1)[0] : undefined;
      if (!current) {
        this.store.create(ENDPOINT_SLICES, this.newSlice(service, want));
        continue;
      }
      if (JSON.stringify(current.endpoints) === JSON.stringify(want.endpoints)) continue;
      this.store.update(ENDPOINT_SLICES, namespace, current.metadata!.name!, (o) => {
        o.metadata = { ...o.metadata, annotations: { [TRIGGER_TIME]: rfc3339(this.now()) } };
        o['endpoints'] = want.endpoints;
        o['ports'] = want.ports;
      });
    }
    for (const s of left) this.store.remove(ENDPOINT_SLICES, namespace, s.metadata!.name!);
  }

  private newSlice(service: Service, want: DesiredSlice): KubeObject {
    const name = service.metadata!.name!;
    return {
      metadata: {
        generateName: `${name}-`,
        namespace: service.metadata!.namespace!,
        labels: {
          ...service.metadata?.labels,
          [MANAGED_BY_LABEL]: MANAGED_BY,
          [SERVICE_NAME_LABEL]: name,
          ...(service.spec?.clusterIP === 'None' ? { 'service.kubernetes.io/headless': '' } : {}),
        },
        annotations: { [TRIGGER_TIME]: rfc3339(this.now()) },
        ownerReferences: [
          {
            apiVersion: 'v1',
            kind: 'Service',
            name,
            uid: service.metadata!.uid!,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      addressType: 'IPv4',
      endpoints: want.endpoints,
      ports: want.ports,
    } as KubeObject;
  }

  private reconcileEndpoints(service: Service, pods: Pod[]): void {
    const namespace = service.metadata!.namespace!;
    const name = service.metadata!.name!;
    const subsets = desiredSubsets(service, pods);
    const current = this.store.get(ENDPOINTS, namespace, name);
    const labels = {
      ...service.metadata?.labels,
      ...(service.spec?.clusterIP === 'None' ? { 'service.kubernetes.io/headless': '' } : {}),
    };
    const body = subsets.length ? { subsets } : {};
    if (!current) {
      this.store.create(ENDPOINTS, {
        metadata: {
          name,
          namespace,
          ...(Object.keys(labels).length ? { labels } : {}),
          annotations: { [TRIGGER_TIME]: rfc3339(this.now()) },
        },
        ...body,
      });
      return;
    }
    if (JSON.stringify(current['subsets']) === JSON.stringify(body.subsets)) return;
    this.store.update(ENDPOINTS, namespace, name, (o) => {
      o.metadata = { ...o.metadata, annotations: { [TRIGGER_TIME]: rfc3339(this.now()) } };
      if (subsets.length) o['subsets'] = subsets;
      else delete o['subsets'];
    });
  }
}
