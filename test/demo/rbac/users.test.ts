/**
 * The demo's users, through kubectl with the kubeconfig `podscope demo --kubeconfig-out` writes: the admin may
 * do everything, the viewer (a token) only reads pods, their logs and events in default and frontend, the editor
 * (a client certificate) may also delete pods and port-forward, never exec. The RBAC objects behind them are
 * visible, and changing them changes what a user may do at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCluster, type DemoServer } from '../../../src/demo/server.js';
import { Kubectl } from '../../support/kubectl.js';

let demo: DemoServer;
let admin: Kubectl;
let viewer: Kubectl;
let editor: Kubectl;

beforeAll(async () => {
  demo = await startDemoCluster({ seed: 42 });
  admin = new Kubectl({ kubeconfig: demo.kubeconfig() });
  viewer = new Kubectl({ kubeconfig: demo.kubeconfig('podscope-demo-viewer') });
  editor = new Kubectl({ kubeconfig: demo.kubeconfig('podscope-demo-editor') });
});
afterAll(async () => {
  await demo.close();
});

describe('the demo users', () => {
  it('writes one context per user, each in namespace default, one of them with a client certificate', () => {
    const text = demo.kubeconfig();
    for (const ctx of ['podscope-demo', 'podscope-demo-viewer', 'podscope-demo-editor']) {
      expect(text).toContain(
        `- name: ${ctx}\n  context:\n    cluster: podscope-demo\n    user: ${ctx}-user\n    namespace: default`,
      );
    }
    expect(text).toContain('current-context: podscope-demo\n');
    expect(demo.users.map((u) => [u.context, u.token ? 'token' : 'certificate'])).toEqual([
      ['podscope-demo', 'token'],
      ['podscope-demo-viewer', 'token'],
      ['podscope-demo-editor', 'certificate'],
    ]);
  });

  it('lets the viewer read pods in default and frontend, and nothing at the cluster scope', async () => {
    const ok = await viewer.run(['get', 'pods', '-n', 'frontend', '-o', 'name']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^pod\/web-app-/m);
    const all = await viewer.run(['get', 'pods', '-A']);
    expect(all.code).toBe(1);
    expect(all.stderr).toBe(
      'Error from server (Forbidden): pods is forbidden: User "podscope-demo-viewer" cannot list resource "pods" in API group "" at the cluster scope\n',
    );
    const sys = await viewer.run(['get', 'pods', '-n', 'kube-system']);
    expect(sys.stderr).toBe(
      'Error from server (Forbidden): pods is forbidden: User "podscope-demo-viewer" cannot list resource "pods" in API group "" in the namespace "kube-system"\n',
    );
  });

  it('refuses the viewer a delete, naming the pod', async () => {
    const r = await viewer.run(['delete', 'pod', 'hello', '-n', 'default']);
    expect(r.stderr).toBe(
      'Error from server (Forbidden): pods "hello" is forbidden: User "podscope-demo-viewer" cannot delete resource "pods" in API group "" in the namespace "default"\n',
    );
  });

  it('answers kubectl auth can-i for the editor from its roles', async () => {
    const can = async (...args: string[]) => (await editor.run(['auth', 'can-i', ...args])).stdout.trim();
    expect(await can('delete', 'pods', '-n', 'frontend')).toBe('yes');
    expect(await can('create', 'pods', '--subresource=portforward', '-n', 'default')).toBe('yes');
    expect(await can('create', 'pods', '--subresource=exec', '-n', 'frontend')).toBe('no');
    expect(await can('delete', 'pods', '-n', 'kube-system')).toBe('no');
    expect(await can('list', 'pods', '-A')).toBe('no');
  });

  it('refuses the editor a shell, as kubectl exec reports it', async () => {
    const r = await editor.run(['exec', '-n', 'default', 'bb', '--', 'true']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'pods "bb" is forbidden: User "podscope-demo-editor" cannot create resource "pods/exec" in API group "" in the namespace "default"',
    );
  });

  it('lists what the viewer may do in a namespace (kubectl auth can-i --list)', async () => {
    const r = await viewer.run(['auth', 'can-i', '--list', '-n', 'frontend']);
    const rows = r.stdout.split('\n').filter((l) => /^\S/.test(l));
    expect(rows).toContain(
      'pods                                            []                  []               [get list watch]',
    );
    expect(rows.some((l) => l.startsWith('pods/exec'))).toBe(false);
  });

  it('shows the roles and bindings behind the users', async () => {
    const r = await admin.run(['get', 'roles,rolebindings', '-n', 'frontend', '-o', 'wide']);
    expect(r.stdout).toMatch(/^role\.rbac\.authorization\.k8s\.io\/pod-viewer +\d{4}-\d\d-\d\dT/m);
    expect(r.stdout).toMatch(
      /^rolebinding\.rbac\.authorization\.k8s\.io\/podscope-demo-editor +ClusterRole\/podscope-demo-editor +\S+ +podscope-demo-editor +$/m,
    );
  });

  it('takes a new binding into account at once, and its removal', async () => {
    const can = async () => (await viewer.run(['auth', 'can-i', 'list', 'nodes'])).stdout.trim();
    expect(await can()).toBe('no');
    const made = await admin.run([
      'create',
      'clusterrolebinding',
      'viewer-nodes',
      '--clusterrole=view',
      '--user=podscope-demo-viewer',
    ]);
    expect(made.stdout).toBe('clusterrolebinding.rbac.authorization.k8s.io/viewer-nodes created\n');
    expect(await can()).toBe('no'); // view does not include nodes, as upstream's bootstrap policy
    expect((await viewer.run(['get', 'deployments', '-A', '-o', 'name'])).code).toBe(0);
    await admin.run(['delete', 'clusterrolebinding', 'viewer-nodes']);
    expect((await viewer.run(['get', 'deployments', '-A', '-o', 'name'])).code).toBe(1);
  });
});
