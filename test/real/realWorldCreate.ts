/**
 * Puts one real-world pod (test/fixtures/pods/real-world/) into the real API server as faithfully as a client can,
 * so podscope and kubectl can be held against each other on it. See test/real/realWorldPods.test.ts for what is
 * kept, what is left out and why.
 */
import type { KubeEvent, Pod } from '../../src/domain/wire.js';
import { apiJson, apiRequest, type ApiTarget } from '../cluster/api.js';
import type { RealWorldPod } from '../domain/realWorldPods.js';
import { createNamespace } from '../support/realCluster.js';

/** Keeps a pod that the fixture shows being deleted in the store, marked for deletion, until released. */
const FINALIZER = 'podscope.test/real-world';

/** The classes the API server creates itself; any other a pod names is created first. */
const SYSTEM_CLASSES = new Set(['system-node-critical', 'system-cluster-critical']);

export interface CreateOptions {
  /**
   * Whether the cluster serves ServiceAccounts and PriorityClasses (the real server): then the namespace's default
   * account is waited for, and the accounts and classes a pod names are created first. The demo serves neither.
   */
  accounts: boolean;
}

export interface CreatedRealWorldPod {
  id: string;
  namespace: string;
  name: string;
  deleted: boolean;
}

async function createIfMissing(t: ApiTarget, path: string, body: object): Promise<void> {
  const r = await apiRequest(t, { method: 'POST', path, body });
  if (r.status !== 201 && r.status !== 409)
    throw new Error(`POST ${path}: ${r.status} ${r.text.slice(0, 500)}`);
}

/** What a client may set: the pod less the fields only the server writes, its owners and its status. */
function createBody(pod: Pod, namespace: string, deleted: boolean): Pod {
  const {
    uid: _uid,
    resourceVersion: _rv,
    creationTimestamp: _ct,
    managedFields: _mf,
    generation: _gen,
    selfLink: _sl,
    deletionTimestamp: _dt,
    deletionGracePeriodSeconds: _dg,
    ownerReferences: _owners,
    ...metadata
  } = (pod.metadata ?? {}) as NonNullable<Pod['metadata']> & { selfLink?: string };
  const finalizers = deleted ? [...(metadata.finalizers ?? []), FINALIZER] : metadata.finalizers;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { ...metadata, namespace, ...(finalizers ? { finalizers } : {}) },
    spec: pod.spec,
  };
}

/**
 * An event of the source about this pod, as a client may create it: what only the server writes left out, and the
 * reference pointed at the pod as created here (its namespace and new uid, which `kubectl describe` and podscope
 * both select events by). Everything else — reason, message, count, times, source, reporting fields — as recorded.
 */
function eventBody(event: KubeEvent, namespace: string, pod: Pod): KubeEvent {
  const {
    uid: _uid,
    resourceVersion: _rv,
    creationTimestamp: _ct,
    managedFields: _mf,
    ...metadata
  } = event.metadata ?? {};
  const { resourceVersion: _orv, ...involved } = event.involvedObject;
  return {
    ...event,
    metadata: { ...metadata, namespace },
    involvedObject: { ...involved, namespace, uid: pod.metadata?.uid },
  };
}

/**
 * Creates the pod in a namespace of its own with what it depends on, its status (when it is bound to a node) and
 * its deletion (when it has a deletion timestamp).
 * @param t the real API server, as its admin
 * @param p the fixture
 * @param namespace a namespace for this pod alone
 * @param options what the cluster serves besides pods
 */
export async function createRealWorldPod(
  t: ApiTarget,
  p: RealWorldPod,
  namespace: string,
  options: CreateOptions = { accounts: true },
): Promise<CreatedRealWorldPod> {
  const { pod } = p;
  const spec = pod.spec!;
  if (options.accounts) await createNamespace(t, namespace);
  else
    await createIfMissing(t, '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace },
    });
  const account = spec.serviceAccountName || spec.serviceAccount;
  if (options.accounts && account && account !== 'default') {
    await createIfMissing(t, `/api/v1/namespaces/${namespace}/serviceaccounts`, {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: account },
    });
  }
  if (options.accounts && spec.priorityClassName && !SYSTEM_CLASSES.has(spec.priorityClassName)) {
    await createIfMissing(t, '/apis/scheduling.k8s.io/v1/priorityclasses', {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: spec.priorityClassName },
      value: spec.priority ?? 0,
    });
  }
  // A Node no kubelet (kwok) runs: the pod's status stays as written, and the pod garbage collector, which
  // deletes pods bound to missing nodes, leaves it alone.
  if (spec.nodeName) {
    await createIfMissing(t, '/api/v1/nodes', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: spec.nodeName },
    });
  }
  const deleted = pod.metadata?.deletionTimestamp !== undefined;
  const base = `/api/v1/namespaces/${namespace}/pods`;
  const posted = await apiJson<Pod>(t, {
    method: 'POST',
    path: base,
    body: createBody(pod, namespace, deleted),
  });
  const name = posted.metadata!.name!;
  if (spec.nodeName && pod.status) {
    await apiJson<Pod>(t, {
      method: 'PUT',
      path: `${base}/${name}/status`,
      // The server works out qosClass from the spec on create and refuses to change it ("field is immutable"): a
      // dump whose qosClass disagrees with its own spec (hand-edited test data) keeps the server's.
      body: { ...posted, status: { ...pod.status, qosClass: posted.status?.qosClass } },
    });
  }
  for (const event of p.events?.items ?? []) {
    await apiJson(t, {
      method: 'POST',
      path: `/api/v1/namespaces/${namespace}/events`,
      body: eventBody(event, namespace, posted),
    });
  }
  if (deleted) await apiJson(t, { method: 'DELETE', path: `${base}/${name}` });
  return { id: p.id, namespace, name, deleted };
}

/** Lets the pod go: drops the finalizer that held a deleted one, and deletes the namespace. */
export async function releaseRealWorldPod(t: ApiTarget, c: CreatedRealWorldPod): Promise<void> {
  if (c.deleted) {
    await apiRequest(t, {
      method: 'PATCH',
      path: `/api/v1/namespaces/${c.namespace}/pods/${c.name}`,
      contentType: 'application/merge-patch+json',
      body: { metadata: { finalizers: null } },
    });
  }
  await apiRequest(t, { method: 'DELETE', path: `/api/v1/namespaces/${c.namespace}` });
}
