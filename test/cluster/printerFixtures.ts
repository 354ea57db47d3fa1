/**
 * Kubernetes' own pod-printer cases (test/fixtures/pods/printers_test/) created in a real API server, so podscope's
 * cells can be held against the server's own Table for the same pods. A fixture is a pod (metadata + spec) and,
 * apart, its status: the server drops a status sent with a create, so each pod is POSTed and its status then PUT to
 * the /status subresource. What the server will not take from a client is arranged instead (see the fixtures'
 * README): a deletion timestamp comes from a DELETE held up by a finalizer, and the fixture's times are moved to the
 * server's clock so "(10s ago)" still reads 10s.
 *
 * Nothing runs this yet; `createPrinterFixtures` and `releasePrinterFixtures` are for a differential test against
 * the control plane of test/cluster/controlPlane.ts.
 */
import type { Pod } from '../../src/domain/wire.js';
import { fixturePod, type PrinterFixture } from '../domain/printerFixtures.js';
import { apiJson, apiRequest, type ApiTarget } from './api.js';

/** The finalizer that keeps the fixtures marked for deletion in the store until released. */
export const FIXTURE_FINALIZER = 'podscope.test/printer-fixture';

/** The scheduler named by fixtures without a node: no scheduler serves it, so they stay unscheduled. */
export const NO_SCHEDULER = 'podscope-printer-fixtures-unscheduled';

export interface CreateFixturesOptions {
  /** The namespace to create them in (created when missing). */
  namespace: string;
  /**
   * A node to bind to instead of the fixture's own (`fixture-node`, `test1`): one that exists, or the pod garbage
   * collector fails and deletes the pods, and that kwok does not run, or it rewrites their status. Note that the
   * wide cases expect their own node names in the NODE cell. Pods marked for deletion that have no node are bound
   * to it too, as the garbage collector fails unscheduled terminating pods. Unset: the fixtures' own nodeName.
   */
  nodeName?: string;
  /** The server's clock, epoch ms (default: this machine's), which the fixtures' times are moved to. */
  serverNow?: number;
}

export interface CreatedFixture {
  fixture: PrinterFixture;
  /** The pod as the server holds it once created, given its status and, when the fixture says so, deleted. */
  pod: Pod;
  /** How far the fixture's times were moved, ms: compare AGE/"(X ago)" cells against `fixture.now` + this. */
  shiftMs: number;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A copy of a JSON value with every RFC 3339 timestamp moved by `shiftMs`, at the API's second precision. */
function shiftTimes<T>(value: T, shiftMs: number): T {
  if (typeof value === 'string' && RFC3339.test(value)) {
    return new Date(Date.parse(value) + shiftMs).toISOString().replace(/\.\d+Z$/, 'Z') as T;
  }
  if (Array.isArray(value)) return value.map((v: unknown) => shiftTimes(v, shiftMs)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftTimes(v, shiftMs)])) as T;
  }
  return value;
}

function podsPath(namespace: string, name?: string, sub?: string): string {
  const base = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`;
  if (name === undefined) return base;
  return `${base}/${encodeURIComponent(name)}${sub ? `/${sub}` : ''}`;
}

async function ensureNamespace(target: ApiTarget, namespace: string): Promise<void> {
  const res = await apiRequest(target, {
    method: 'POST',
    path: '/api/v1/namespaces',
    body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
  });
  if (res.status !== 201 && res.status !== 409) {
    throw new Error(`POST namespace ${namespace}: ${res.status} ${res.text.slice(0, 500)}`);
  }
}

/** The body of the create: the fixture's pod without what a client cannot set, bound or kept unscheduled. */
function createBody(f: PrinterFixture, options: CreateFixturesOptions): Pod {
  const pod = structuredClone(f.pod) as Pod;
  const metadata = pod.metadata ?? {};
  const spec = pod.spec ?? { containers: [] };
  const deleted = metadata.deletionTimestamp !== undefined;
  delete metadata.deletionTimestamp;
  if (deleted) metadata.finalizers = [...(metadata.finalizers ?? []), FIXTURE_FINALIZER];
  if (options.nodeName && (spec.nodeName || deleted)) spec.nodeName = options.nodeName;
  if (!spec.nodeName) spec.schedulerName = NO_SCHEDULER;
  return { ...pod, metadata, spec };
}

/**
 * Creates every fixture in the API server: POST the pod, PUT its status to /status, and DELETE it when the fixture
 * has a deletion timestamp (a finalizer keeps it; `releasePrinterFixtures` lets it go). Sequential, in order.
 * @param target the API server and a user allowed to write pods, their status and namespaces
 * @param fixtures the fixtures, e.g. `printerFixtures()`
 * @param options where, and against which clock
 */
export async function createPrinterFixtures(
  target: ApiTarget,
  fixtures: readonly PrinterFixture[],
  options: CreateFixturesOptions,
): Promise<CreatedFixture[]> {
  const { namespace } = options;
  await ensureNamespace(target, namespace);
  const created: CreatedFixture[] = [];
  for (const fixture of fixtures) {
    const name = fixture.pod.metadata?.name ?? '';
    const shiftMs = Math.round(((options.serverNow ?? Date.now()) - Date.parse(fixture.now)) / 1000) * 1000;
    const posted = await apiJson<Pod>(target, {
      method: 'POST',
      path: podsPath(namespace),
      body: createBody(fixture, options),
    });
    // The PUT carries the server's metadata (resourceVersion) and spec, and the fixture's status in place of the
    // server's; a status without qosClass keeps the one the server set on create.
    let pod = await apiJson<Pod>(target, {
      method: 'PUT',
      path: podsPath(namespace, name, 'status'),
      body: { ...posted, status: shiftTimes(fixturePod(fixture).status, shiftMs) },
    });
    if (fixture.pod.metadata?.deletionTimestamp !== undefined) {
      await apiJson(target, { method: 'DELETE', path: podsPath(namespace, name) });
      pod = await apiJson<Pod>(target, { path: podsPath(namespace, name) });
    }
    created.push({ fixture, pod, shiftMs });
  }
  return created;
}

/**
 * Removes the fixtures again: drops the finalizer of those held for deletion and deletes the rest at once.
 * @param target the API server, as for `createPrinterFixtures`
 * @param namespace the namespace they were created in
 * @param fixtures the same fixtures
 */
export async function releasePrinterFixtures(
  target: ApiTarget,
  namespace: string,
  fixtures: readonly PrinterFixture[],
): Promise<void> {
  for (const fixture of fixtures) {
    const name = fixture.pod.metadata?.name ?? '';
    if (fixture.pod.metadata?.deletionTimestamp !== undefined) {
      const res = await apiRequest(target, {
        method: 'PATCH',
        path: podsPath(namespace, name),
        contentType: 'application/merge-patch+json',
        body: { metadata: { finalizers: null } },
      });
      if (res.status !== 200 && res.status !== 404) {
        throw new Error(`release ${name}: ${res.status} ${res.text.slice(0, 500)}`);
      }
    }
    // No kubelet will finish a graceful deletion, so none is asked for.
    const res = await apiRequest(target, {
      method: 'DELETE',
      path: `${podsPath(namespace, name)}?gracePeriodSeconds=0`,
    });
    if (res.status !== 200 && res.status !== 202 && res.status !== 404) {
      throw new Error(`delete ${name}: ${res.status} ${res.text.slice(0, 500)}`);
    }
  }
}
