/**
 * Create from a manifest (issue 15 §1) against the real control plane and the demo cluster side by side: the same
 * manifests through podscope's apply module (discovery, server-side dry run, diff, apply) must read the same to the
 * user on kube-apiserver 1.32 as on the demo — "create", "unchanged", the diff's changed lines, a conflict's and a
 * 422's causes, an unknown kind, a missing namespace, a namespace and a pod from one file. kwok pods never run,
 * but none of this needs them to.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseManifest, type ManifestObject } from '../../src/domain/manifest/parseManifest.js';
import { planLines, reportLines } from '../../src/domain/manifest/plan.js';
import { applyPlan, planApply } from '../../src/kube/apply/applyManifest.js';
import { ResourceDiscovery } from '../../src/kube/apply/discovery.js';
import { PlainKubeConfig } from '../../src/kube/plainKubeConfig.js';
import { requestJson } from '../../src/kube/request.js';
import { startDemoCluster, type DemoServer } from '../../src/demo/server.js';
import { createNamespace, realCluster, realKubeConfig } from '../support/realCluster.js';

const NS = 'podscope-apply';
let demo: DemoServer;
let servers: { name: string; kc: PlainKubeConfig; discovery: ResourceDiscovery }[];

beforeAll(async () => {
  demo = await startDemoCluster({ seed: 42 });
  const kcs = [
    ['demo', PlainKubeConfig.from(demo.kubeConfig())],
    ['real', PlainKubeConfig.from(realKubeConfig())],
  ] as const;
  servers = kcs.map(([name, kc]) => ({ name, kc, discovery: new ResourceDiscovery(kc) }));
  await createNamespace(realCluster(), NS);
  await requestJson(servers[0]!.kc, 'POST', '/api/v1/namespaces', {
    body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } },
  });
});
afterAll(() => demo?.close());

function objects(text: string): readonly ManifestObject[] {
  const parsed = parseManifest('test.yaml', text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.objects;
}

const seedPod = readFileSync(new URL('../fixtures/manifests/seed002-pod.yaml', import.meta.url), 'utf8');

function pod(name: string, extra = ''): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n${extra}spec:\n  containers:\n  - name: app\n    image: nginx:1.27\n`;
}

/** The preview on each server: what the apply view shows, the diff reduced to its changed lines. */
async function previews(text: string, namespace = NS): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const s of servers) {
    const plan = await planApply(s.kc, s.discovery, objects(text), namespace);
    out[s.name] = planLines('test.yaml', plan)
      .filter((l) => l.kind !== 'context' && l.kind !== 'hunk')
      .map((l) => l.text);
  }
  return out;
}

async function applyOnBoth(text: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const s of servers) {
    const plan = await planApply(s.kc, s.discovery, objects(text), NS);
    out[s.name] = reportLines('test.yaml', await applyPlan(s.kc, plan)).map((l) => l.text);
  }
  return out;
}

describe('apply: the demo reads as kube-apiserver 1.32', () => {
  it('create, then unchanged after applying seed 002 pod.yaml (status: {} and all)', async () => {
    const create = await previews(seedPod);
    expect(create['real']).toEqual([
      'Apply test.yaml: 1 object (server-side dry run, field manager podscope)',
      `pod/hello (namespace ${NS}): create`,
    ]);
    expect(create['demo']).toEqual(create['real']);
    const applied = await applyOnBoth(seedPod);
    expect(applied['real']).toEqual([
      'Applied test.yaml: 1 of 1 object',
      `pod/hello (namespace ${NS}) created`,
    ]);
    expect(applied['demo']).toEqual(applied['real']);
    const again = await previews(seedPod);
    expect(again['real']).toContain(`pod/hello (namespace ${NS}): unchanged`);
    expect(again['demo']).toEqual(again['real']);
    const reapplied = await applyOnBoth(seedPod);
    expect(reapplied['real']).toContain(`pod/hello (namespace ${NS}) unchanged`);
    expect(reapplied['demo']).toEqual(reapplied['real']);
  });

  it('co-owning what another manager applied the same way (status: {} included) is unchanged', async () => {
    const coOwned = seedPod.replaceAll('name: hello', 'name: co-owned');
    for (const s of servers)
      await requestJson(s.kc, 'PATCH', `/api/v1/namespaces/${NS}/pods/co-owned`, {
        query: { fieldManager: 'kubectl' },
        body: objects(coOwned)[0]!.body,
        contentType: 'application/apply-patch+yaml',
      });
    const lines = await previews(coOwned);
    expect(lines['real']).toContain(`pod/co-owned (namespace ${NS}): unchanged`);
    expect(lines['demo']).toEqual(lines['real']);
  });

  it('a label added: the same changed lines of the diff', async () => {
    await applyOnBoth(pod('cfg'));
    const diff = await previews(pod('cfg', '  labels:\n    tier: web\n'));
    expect(diff['real']).toEqual([
      'Apply test.yaml: 1 object (server-side dry run, field manager podscope)',
      `pod/cfg (namespace ${NS}): configure`,
      `--- live/v1.Pod.${NS}.cfg`,
      `+++ merged/v1.Pod.${NS}.cfg`,
      '+  labels:',
      '+    tier: web',
    ]);
    expect(diff['demo']).toEqual(diff['real']);
  });

  it('a conflict with another manager: the same causes, nothing forced', async () => {
    for (const s of servers)
      await requestJson(s.kc, 'PATCH', `/api/v1/namespaces/${NS}/pods/shared`, {
        query: { fieldManager: 'other-tool' },
        body: objects(pod('shared', '  labels:\n    owner: other\n'))[0]!.body,
        contentType: 'application/apply-patch+yaml',
      });
    const lines = await previews(pod('shared', '  labels:\n    owner: podscope\n'));
    expect(lines['real']).toContain(`pod/shared (namespace ${NS}): Apply failed with 1 conflict`);
    expect(lines['real']).toContain('  .metadata.labels.owner: conflict with "other-tool"');
    expect(lines['demo']).toEqual(lines['real']);
  });

  it('a 422, an unknown kind, a missing namespace: the same words', async () => {
    const invalid = await previews(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  containers: []\n',
    );
    expect(invalid['real']).toContain(`pod/bad (namespace ${NS}): Pod "bad" is invalid`);
    expect(invalid['real']).toContain('  spec.containers: Required value');
    expect(invalid['demo']).toEqual(invalid['real']);
    const unknown = await previews('apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n');
    expect(unknown['real']).toContain('foo/x: no matches for kind "Foo" in version "v1"');
    expect(unknown['demo']).toEqual(unknown['real']);
    const missing = await previews(pod('p'), 'nosuchns');
    expect(missing['real']).toContain('pod/p (namespace nosuchns): namespaces "nosuchns" not found');
    expect(missing['demo']).toEqual(missing['real']);
  });

  it('a Deployment of the Kubernetes docs (apps/v1, found through discovery): create', async () => {
    const text = readFileSync(
      new URL('../fixtures/manifests/nginx-deployment.yaml', import.meta.url),
      'utf8',
    );
    const lines = await previews(text);
    expect(lines['real']).toContain(`deployment.apps/nginx-deployment (namespace ${NS}): create`);
    expect(lines['demo']).toEqual(lines['real']);
  });

  it('a namespace and a pod in it from one file', async () => {
    const text = `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: podscope-apply-new\n---\n${pod('in-new', '  namespace: podscope-apply-new\n')}`;
    const lines = await previews(text);
    expect(lines['real']).toEqual([
      'Apply test.yaml: 2 objects (server-side dry run, field manager podscope)',
      'namespace/podscope-apply-new: create',
      'pod/in-new (namespace podscope-apply-new): create (after namespace podscope-apply-new)',
    ]);
    expect(lines['demo']).toEqual(lines['real']);
  });
});
