/**
 * The apply module (src/kube/apply/) against the demo cluster over HTTPS: discovery, the server-side dry run
 * (create / unchanged / a diff), conflicts, 422s, unknown kinds, a missing namespace, and an apply that partly
 * fails — each as the user reads it in the apply view (src/domain/manifest/plan.ts's lines).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseManifest, type ManifestObject } from '../../../src/domain/manifest/parseManifest.js';
import { planLines, reportLines } from '../../../src/domain/manifest/plan.js';
import { applyPlan, planApply } from '../../../src/kube/apply/applyManifest.js';
import { ResourceDiscovery } from '../../../src/kube/apply/discovery.js';
import { PlainKubeConfig } from '../../../src/kube/plainKubeConfig.js';
import { requestJson } from '../../../src/kube/request.js';
import { startTestCluster, type TestCluster } from '../../support/demoCluster.js';

let cluster: TestCluster;
let kc: PlainKubeConfig;
let discovery: ResourceDiscovery;

beforeAll(async () => {
  cluster = await startTestCluster();
  kc = PlainKubeConfig.from(cluster.kc);
  discovery = new ResourceDiscovery(kc);
});
afterAll(() => cluster?.demo.close());

function objects(text: string, file = 'test.yaml'): readonly ManifestObject[] {
  const parsed = parseManifest(file, text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.objects;
}

function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/manifests/${name}`, import.meta.url), 'utf8');
}

/** The preview's text, as the apply view shows it. */
async function preview(text: string, namespace = 'default'): Promise<string[]> {
  const plan = await planApply(kc, discovery, objects(text), namespace);
  return planLines('test.yaml', plan).map((l) => l.text);
}

async function applyText(text: string, namespace = 'default') {
  const plan = await planApply(kc, discovery, objects(text), namespace);
  return { plan, results: await applyPlan(kc, plan) };
}

function pod(name: string, extra = ''): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n${extra}spec:\n  containers:\n  - name: app\n    image: nginx:1.27\n`;
}

/** Another field manager applies `text` (as `kubectl apply --server-side --field-manager=NAME` would). */
async function applyAs(manager: string, path: string, text: string): Promise<void> {
  await requestJson(kc, 'PATCH', path, {
    query: { fieldManager: manager },
    body: objects(text)[0]!.body,
    contentType: 'application/apply-patch+yaml',
  });
}

describe('apply a manifest to the demo cluster', () => {
  it('creates seed 002 pod.yaml after a dry run that says "create" and stores nothing', async () => {
    const plan = await planApply(kc, discovery, objects(fixture('seed002-pod.yaml')), 'frontend');
    expect(planLines('seed002-pod.yaml', plan).map((l) => l.text)).toEqual([
      'Apply seed002-pod.yaml: 1 object (server-side dry run, field manager podscope)',
      'pod/hello (namespace frontend): create',
    ]);
    await expect(cluster.core.readNamespacedPod({ name: 'hello', namespace: 'frontend' })).rejects.toThrow();
    const results = await applyPlan(kc, plan);
    expect(reportLines('seed002-pod.yaml', results).map((l) => l.text)).toEqual([
      'Applied seed002-pod.yaml: 1 of 1 object',
      'pod/hello (namespace frontend) created',
    ]);
    const created = await cluster.core.readNamespacedPod({ name: 'hello', namespace: 'frontend' });
    expect(created.metadata?.managedFields?.map((m) => `${m.manager} ${m.operation}`)).toContain(
      'podscope Apply',
    );
  });

  it('says "unchanged" for the seed 002 pod the demo already runs in default', async () => {
    expect(await preview(fixture('seed002-pod.yaml'))).toEqual([
      'Apply test.yaml: 1 object (server-side dry run, field manager podscope)',
      'pod/hello (namespace default): unchanged',
      'nothing to change',
    ]);
  });

  it('co-owns what another manager applied the same way: seed 002 pod.yaml (status: {}) is unchanged', async () => {
    await applyAs(
      'kubectl',
      '/api/v1/namespaces/frontend/pods/co-owned',
      fixture('seed002-pod.yaml').replaceAll('name: hello', 'name: co-owned'),
    );
    const plan = await planApply(
      kc,
      discovery,
      objects(fixture('seed002-pod.yaml').replaceAll('name: hello', 'name: co-owned')),
      'frontend',
    );
    expect(plan.map((p) => p.outcome.kind)).toEqual(['unchanged']);
  });

  it('shows what a change would do as a unified diff, then configures it', async () => {
    // Bound to a node no kubelet runs, so nothing but the applies writes the pod: a kubelet's status update
    // between the two reads below would bump resourceVersion (it did, under load).
    const parked = (extra = ''): string =>
      pod('cfg', extra).replace('spec:\n', 'spec:\n  nodeName: nowhere\n');
    await applyText(parked());
    const changed = parked('  labels:\n    tier: web\n');
    const lines = await preview(changed);
    expect(lines).toContain('pod/cfg (namespace default): configure');
    expect(lines).toContain('--- live/v1.Pod.default.cfg');
    expect(lines).toContain('+++ merged/v1.Pod.default.cfg');
    expect(lines).toContain('+  labels:');
    expect(lines).toContain('+    tier: web');
    expect(lines.some((l) => /^@@ -\d+,\d+ \+\d+,\d+ @@$/.test(l))).toBe(true);
    // managedFields is left out, as kubectl diff does.
    expect(lines.join('\n')).not.toContain('managedFields');
    const { results } = await applyText(changed);
    expect(results.map((r) => r.status)).toEqual(['configured']);
    const before = await cluster.core.readNamespacedPod({ name: 'cfg', namespace: 'default' });
    const again = await applyText(changed);
    expect(again.results.map((r) => r.status)).toEqual(['unchanged']);
    // An apply that changes nothing writes nothing (kube-apiserver keeps the resourceVersion and the time).
    const after = await cluster.core.readNamespacedPod({ name: 'cfg', namespace: 'default' });
    expect(after.metadata?.resourceVersion).toBe(before.metadata?.resourceVersion);
  });

  it('lists a conflict with another field manager, one cause per line, and forces nothing', async () => {
    await applyAs(
      'other-tool',
      '/api/v1/namespaces/default/pods/shared',
      pod('shared', '  labels:\n    owner: other\n'),
    );
    const mine = pod('shared', '  labels:\n    owner: podscope\n');
    const lines = await preview(mine);
    expect(lines).toContain('pod/shared (namespace default): Apply failed with 1 conflict');
    expect(lines).toContain('  .metadata.labels.owner: conflict with "other-tool"');
    expect(lines.at(-1)).toBe('1 of 1 would be refused: nothing can be applied until the file is fixed');
    const live = await cluster.core.readNamespacedPod({ name: 'shared', namespace: 'default' });
    expect(live.metadata?.labels?.['owner']).toBe('other');
  });

  it("lists a 422's causes one per line", async () => {
    const lines = await preview(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  containers: []\n',
    );
    expect(lines).toContain('pod/bad (namespace default): Pod "bad" is invalid');
    expect(lines).toContain('  spec.containers: Required value');
  });

  it("names an unknown kind and an unknown group version in kubectl's words", async () => {
    const lines = await preview(
      'apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: y\n',
    );
    expect(lines).toContain('foo/x: no matches for kind "Foo" in version "v1"');
    expect(lines).toContain('widget.example.com/y: no matches for kind "Widget" in version "example.com/v1"');
  });

  it("says a namespace doesn't exist in the server's words", async () => {
    const lines = await preview(pod('p'), 'nope');
    expect(lines).toContain('pod/p (namespace nope): namespaces "nope" not found');
  });

  it('creates a namespace and a pod in it from one file, in order', async () => {
    const text = `${fixture('namespace-dev.yaml')}---\n${pod('in-dev', '  namespace: development\n')}`;
    const lines = await preview(text);
    expect(lines).toContain('namespace/development: create');
    expect(lines).toContain('pod/in-dev (namespace development): create (after namespace development)');
    const { results } = await applyText(text);
    expect(results.map((r) => `${r.item.label} ${r.status}`)).toEqual([
      'namespace/development created',
      'pod/in-dev created',
    ]);
  });

  it('creates a Deployment of the Kubernetes docs (apps/v1)', async () => {
    const lines = await preview(fixture('nginx-deployment.yaml'), 'frontend');
    expect(lines).toContain('deployment.apps/nginx-deployment (namespace frontend): create');
  });

  it('says which documents were applied and which not when one fails', async () => {
    const text = `${pod('first')}---\n${pod('second', '  labels:\n    owner: podscope\n')}`;
    const plan = await planApply(kc, discovery, objects(text), 'default');
    expect(plan.map((p) => p.outcome.kind)).toEqual(['create', 'create']);
    // Between the dry run and the apply, another tool takes the second pod's label.
    await applyAs(
      'other-tool',
      '/api/v1/namespaces/default/pods/second',
      pod('second', '  labels:\n    owner: other\n'),
    );
    const results = await applyPlan(kc, plan);
    expect(reportLines('test.yaml', results).map((l) => l.text)).toEqual([
      'Applied test.yaml: 1 of 2 objects',
      'pod/first (namespace default) created',
      'pod/second (namespace default) failed: Apply failed with 1 conflict',
      '  .metadata.labels.owner: conflict with "other-tool"',
      'partly applied: document 1 applied; 2 not',
    ]);
  });
});
