/**
 * Creating a pod: the demo must answer exactly as the real kube-apiserver does — every defaulted and server-set
 * field, managedFields as the field manager records them, the ServiceAccount, Priority and
 * DefaultTolerationSeconds admission plugins' additions, and the errors of admission and validation (status code,
 * message, causes). Each case (./podCreateCases.ts) is sent to both, in a namespace of this suite's own, and the
 * answers are compared after normalising only what two clusters cannot share (test/cluster/compare.ts).
 *
 * Only the create answer is compared: after it, the real pod is scheduled and run by kwok, which is no kubelet
 * (no images, no probes, its own IPs and timings), so later states of the two differ by design.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse, ApiTarget } from '../cluster/api.js';
import { apiRequest } from '../cluster/api.js';
import { diffAnswers } from '../cluster/compare.js';
import type { TestCluster } from '../support/demoCluster.js';
import { startTestCluster } from '../support/demoCluster.js';
import { realCluster } from '../support/realCluster.js';
import type { Client, CreateCase } from './podCreateCases.js';
import { createCases, KUBECTL_CREATE } from './podCreateCases.js';

const NS = 'real-pod-create';

let demo: TestCluster;
let demoTarget: ApiTarget;
const namespaceAnswers: ApiResponse[] = [];

function create(t: ApiTarget, path: string, body: object, client: Client, query = ''): Promise<ApiResponse> {
  const q = [client.query, query].filter(Boolean).join('&');
  return apiRequest(t, {
    method: 'POST',
    path: q ? `${path}?${q}` : path,
    body,
    headers: client.userAgent ? { 'User-Agent': client.userAgent } : {},
  });
}

async function onBoth(path: string, body: object, client: Client, query?: string): Promise<ApiResponse[]> {
  // One after the other: the real server's answer first, so a failing case names the referee's view.
  const real = await create(realCluster(), path, body, client, query);
  const other = await create(demoTarget, path, body, client, query);
  return [real, other];
}

beforeAll(async () => {
  demo = await startTestCluster({ populate: false });
  demoTarget = { server: demo.demo.url, caCert: demo.demo.caCert, token: demo.demo.token };
  const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } };
  namespaceAnswers.push(...(await onBoth('/api/v1/namespaces', ns, KUBECTL_CREATE)));
  // The ServiceAccount admission plugin waits for the namespace's default account, which the real
  // service-account controller makes; waiting here keeps that out of the first case's timing.
  const deadline = Date.now() + 30_000;
  const sa = `/api/v1/namespaces/${NS}/serviceaccounts/default`;
  while ((await apiRequest(realCluster(), { path: sa })).status !== 200) {
    if (Date.now() > deadline) throw new Error(`namespace ${NS}: no default service account after 30 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
});

afterAll(async () => {
  await apiRequest(realCluster(), { method: 'DELETE', path: `/api/v1/namespaces/${NS}` });
  await demo?.demo.close();
});

describe('creating a namespace', () => {
  it('answers as the real server does (defaulted label, finalizer, phase, managedFields)', () => {
    const [real, other] = namespaceAnswers;
    expect(real!.status).toBe(201);
    expect(diffAnswers(real!, other!, { keyOrder: true })).toEqual([]);
  });
});

describe('creating a pod answers as the real API server does', () => {
  const cases: CreateCase[] = createCases();
  it.each(cases.map((c) => [c.title, c] as const))('%s', async (_title, c) => {
    const path = `/api/v1/namespaces/${c.namespace ?? NS}/pods`;
    const [real, other] = await onBoth(path, c.body, c.client, c.query);
    expect(real!.status, `the real server's answer: ${real!.text.slice(0, 400)}`).toBe(c.status);
    const options = { generateNames: c.generateName ? [c.generateName] : [], keyOrder: true };
    expect(diffAnswers(real!, other!, options)).toEqual([]);
  });

  it('refuses a second pod of the same name (409 AlreadyExists)', async () => {
    const body = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'twice' },
      spec: { containers: [{ name: 'a', image: 'b' }] },
    };
    await onBoth(`/api/v1/namespaces/${NS}/pods`, body, KUBECTL_CREATE);
    const [real, other] = await onBoth(`/api/v1/namespaces/${NS}/pods`, body, KUBECTL_CREATE);
    expect(real!.status).toBe(409);
    expect(diffAnswers(real!, other!, { keyOrder: true })).toEqual([]);
  });

  it('takes back a created pod with its fields in another order and a new label (PUT, 200 on both)', async () => {
    // Only the status is compared: the demo records no managedFields entry for updates.
    const sorted = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sorted)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([k, x]) => [k, sorted(x)]),
            )
          : v;
    const statuses = await Promise.all(
      [realCluster(), demoTarget].map(async (t) => {
        const path = `/api/v1/namespaces/${NS}/pods/by-create`;
        const got = (await apiRequest(t, { path })).json as { metadata: { labels?: Record<string, string> } };
        got.metadata.labels = { ...got.metadata.labels, relabelled: 'yes' };
        return (await apiRequest(t, { method: 'PUT', path, body: sorted(got) })).status;
      }),
    );
    expect(statuses).toEqual([200, 200]);
  });

  it('stores nothing on a dry run', async () => {
    const [real, other] = await Promise.all(
      [realCluster(), demoTarget].map((t) =>
        apiRequest(t, { path: `/api/v1/namespaces/${NS}/pods/dry-run` }),
      ),
    );
    expect(real!.status).toBe(404);
    expect(diffAnswers(real!, other!, { keyOrder: true })).toEqual([]);
  });
});
