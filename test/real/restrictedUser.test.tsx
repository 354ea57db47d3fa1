/**
 * A restricted user on the real control plane, which enforces RBAC and answers SelfSubjectAccessReview: users
 * with the demo's viewer and editor rights (test/support/restrictedUsers.ts) in two namespaces of this file,
 * a third namespace neither may see. The scenarios (test/support/restrictedScenarios.ts) are the ones the demo
 * will run with its podscope-demo-viewer / -editor contexts.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dashboardCommand } from '../../src/cli/dashboardCommand.js';
import { apiJson } from '../cluster/api.js';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PortForwardRegistry } from '../../src/kube/portForward/index.js';
import { LogSession } from '../../src/logs/logSession.js';
import { addDebugContainer } from '../../src/kube/shell/debugContainer.js';
import { deletePods } from '../../src/kube/shell/deletePods.js';
import { openShell } from '../../src/kube/shell/openShell.js';
import { waitFor } from '../support/waitFor.js';
import { AccessStore } from '../../src/kube/access.js';
import { questionsFor } from '../../src/keymap/disabled.js';
import { KubeConfig } from '@kubernetes/client-node';
import { KEY, renderApp, type DashboardHarness } from '../support/appHarness.js';
import { Kubectl, requireKubectl } from '../support/kubectl.js';
import { createNamespace, createPod, realCluster } from '../support/realCluster.js';
import {
  allNamespacesFallsBack,
  editorKeys,
  namespacePickerForbidden,
  viewerKeysSayWhy,
  type RestrictedWorld,
} from '../support/restrictedScenarios.js';
import { EDITOR_RULES, grant, userKubeconfig, VIEWER_RULES } from '../support/restrictedUsers.js';
import type { UserKubeconfig } from '../support/restrictedUsers.js';

const A = 'rbac-front';
const B = 'rbac-back';
const HIDDEN = 'rbac-hidden';
let h: DashboardHarness | undefined;
let world: RestrictedWorld;
let viewer: UserKubeconfig;
let editor: UserKubeconfig;
/** May read pods, not their logs or events. */
let lister: UserKubeconfig;

beforeAll(async () => {
  await requireKubectl();
  const t = realCluster();
  for (const ns of [A, B, HIDDEN]) await createNamespace(t, ns);
  await createPod(t, A, 'front-1');
  await createPod(t, B, 'back-1');
  await createPod(t, HIDDEN, 'secret-1');
  await grant(t, 'podscope-viewer', VIEWER_RULES, [A, B]);
  await grant(t, 'podscope-editor', EDITOR_RULES, [A, B]);
  // Contexts on both namespaces: the second is how podscope learns the viewer may list B (namespaces are
  // not listable by this user, and reviews answer per namespace).
  viewer = await userKubeconfig(t, 'podscope-viewer', [A, B]);
  editor = await userKubeconfig(t, 'podscope-editor', [A, B]);
  await grant(
    t,
    'podscope-lister',
    [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }],
    [A],
  );
  lister = await userKubeconfig(t, 'podscope-lister', [A]);
  world = {
    viewer: viewer.kc,
    editor: editor.kc,
    namespaces: [A, B],
    listable: [A, B],
    visiblePod: 'back-1',
    hiddenPod: 'secret-1',
    addPod: (ns, name) => createPod(t, ns, name),
    deletePod: async (ns, name) => {
      await apiJson(t, {
        method: 'DELETE',
        path: `/api/v1/namespaces/${ns}/pods/${name}`,
        body: { apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 0 },
      });
    },
    viewerName: 'podscope-viewer',
  };
});

afterEach(async () => {
  await h?.close();
  h = undefined;
});

afterAll(async () => {
  await h?.close();
});

describe('a restricted user on the real API server', () => {
  it('all namespaces: one line, then the pods of the namespaces the user may list, live', async () => {
    h = await allNamespacesFallsBack(world);
  });

  it('marks shell, port-forward and delete unavailable for the viewer, and says why when pressed', async () => {
    h = await viewerKeysSayWhy(world);
  });

  it('lets the editor delete (the dialog opens) but not exec', async () => {
    h = await editorKeys(world);
  });

  it('says in one line that the namespace picker is forbidden', async () => {
    h = await namespacePickerForbidden(world);
  });

  it('answers every question as kubectl auth can-i does, asking each once', async () => {
    const access = new AccessStore(viewer.kc);
    const k = new Kubectl({ kubeconfig: viewer.text });
    const questions = [...questionsFor(A), ...questionsFor(HIDDEN), { verb: 'list', resource: 'pods' }];
    for (const q of questions) {
      const ours = (await access.ask(q)).verdict;
      const resource = q.subresource ? `${q.resource}/${q.subresource}` : q.resource;
      // `pods/exec` as an argument would be TYPE/NAME (a pod named exec): the subresource is a flag.
      const r = await k.run([
        'auth',
        'can-i',
        q.verb,
        q.resource,
        ...(q.subresource ? [`--subresource=${q.subresource}`] : []),
        ...(q.namespace ? ['-n', q.namespace] : ['--all-namespaces']),
      ]);
      expect(`${q.verb} ${resource} in ${q.namespace ?? '(cluster)'}: ${ours}`).toBe(
        `${q.verb} ${resource} in ${q.namespace ?? '(cluster)'}: ${r.stdout.trim() === 'yes' ? 'allowed' : 'denied'}`,
      );
    }
    await Promise.all(questions.map((q) => access.ask(q)));
    expect(access.stats().reviews).toBe(questions.length);
    access.stop();
  });

  it('a user who may read pods but not logs or events: describe notes the events, l says why', async () => {
    h = await renderApp(lister.kc, { namespace: A, width: 240 });
    await h.waitForScreen(
      (s) => s.includes(`✗ not allowed in ${A}:`) && s.includes('get pods/log'),
      'logs marked',
    );
    await h.press('l');
    await h.waitForScreen((s) => s.includes(`not allowed: get pods/log in ${A}`), 'why no logs');
    await h.press('d');
    await h.press('G');
    await h.waitForScreen(
      (s) =>
        s.includes(
          `<cannot list events: events is forbidden: User "podscope-lister" cannot list resource "events" in API group "" in the namespace "${A}">`,
        ),
      'describe, with one line where the events would be',
    );
  });

  it('podscope -A starts for the viewer (the context namespace is checked); -n of a hidden namespace is one line', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'podscope-rbac-')), 'viewer.yaml');
    writeFileSync(file, viewer.text, { mode: 0o600 });
    const run = async (args: string[]): Promise<{ code: number; stderr: string }> => {
      let stderr = '';
      const write = process.stderr.write.bind(process.stderr);
      process.stderr.write = ((chunk: string | Uint8Array) => {
        stderr += String(chunk);
        return true;
      }) as typeof process.stderr.write;
      try {
        return { code: await dashboardCommand(['--kubeconfig', file, ...args]), stderr };
      } finally {
        process.stderr.write = write;
      }
    };
    // Without a terminal the command stops right after the connection check: this line means it passed.
    expect(await run(['-A'])).toEqual({
      code: 1,
      stderr: 'podscope: the dashboard needs a terminal (stdin and stdout must be a TTY)\n',
    });
    expect(await run(['-n', HIDDEN])).toEqual({
      code: 1,
      stderr: `podscope: pods is forbidden: User "podscope-viewer" cannot list resource "pods" in API group "" in the namespace "${HIDDEN}"\n`,
    });
  });

  it('asks again after a context switch: the editor may delete where the viewer may not', async () => {
    type Config = { users: unknown[]; contexts: unknown[] };
    const v = JSON.parse(viewer.text) as Config;
    const e = JSON.parse(editor.text) as Config;
    const both = new KubeConfig();
    both.loadFromString(
      JSON.stringify({ ...v, users: [...v.users, ...e.users], contexts: [...v.contexts, ...e.contexts] }),
    );
    h = await renderApp(both, { namespace: A });
    await h.waitForScreen((s) => s.includes('delete pods'), 'delete marked for the viewer');
    await h.press(':', ...'ctx podscope-editor', KEY.enter);
    await h.waitForScreen(
      (s) =>
        s.includes('ctx podscope-editor') &&
        s.includes(`✗ not allowed in ${A}: create pods/exec`) &&
        !s.includes('delete pods'),
      "the editor's answers: delete no longer marked",
    );
  });

  // Pressed before the review has answered (or with rights revoked since), a key does what it does today and the
  // server's 403 is the answer: each action says it in one line, in the server's words.
  it("says each action's own 403 in one line, in the API server's words", async () => {
    const forbidden = (verb: string, resource: string, name = 'front-1') =>
      `pods "${name}" is forbidden: User "podscope-viewer" cannot ${verb} resource "${resource}" in API group "" in the namespace "${A}"`;
    const [deleted] = await deletePods(viewer.kc, [{ namespace: A, name: 'front-1' }], {
      gracePeriodSeconds: undefined,
      force: false,
    });
    expect(deleted).toEqual({ namespace: A, name: 'front-1', ok: false, error: forbidden('delete', 'pods') });

    const debug = await addDebugContainer({
      kc: viewer.kc,
      namespace: A,
      pod: 'front-1',
      target: 'app',
    }).catch((e: unknown) => e as Error);
    expect(String(debug)).toBe(`Error: ${forbidden('patch', 'pods/ephemeralcontainers')}`);

    const size = Object.assign(new EventEmitter(), { rows: 24, columns: 80 });
    const shell = await openShell({
      kc: viewer.kc,
      namespace: A,
      pod: 'front-1',
      container: 'app',
      stdin: new PassThrough(),
      stdout: new PassThrough(),
      size,
    });
    expect(shell).toEqual({
      kind: 'closed',
      reason: `cannot open a shell: ${forbidden('get', 'pods/exec')}`,
    });

    const logs = new LogSession(lister.kc, { namespace: A, pod: 'front-1', containers: ['app'] });
    logs.start();
    try {
      const ended = await waitFor(() => {
        const st = logs.getSnapshot().state;
        return st.kind === 'ended' ? st.reason : undefined;
      }, 'the log stream to end');
      expect(ended).toBe(forbidden('get', 'pods/log').replace('podscope-viewer', 'podscope-lister'));
    } finally {
      logs.stop();
    }

    const forwards = new PortForwardRegistry(viewer.kc);
    try {
      const started = await forwards
        .start({ namespace: A, pod: 'front-1', remotePort: 80, localPort: 0, address: '127.0.0.1' })
        .then(
          () => undefined,
          (e: unknown) => (e as Error).message,
        );
      // Refused at once, or listed as failed with the reason: either way one line with the server's words.
      const why =
        started ??
        (await waitFor(() => {
          const f = forwards.getSnapshot().forwards[0];
          return f?.state.kind === 'failed' ? f.state.reason : undefined;
        }, 'the forward to fail'));
      expect(why).toContain(forbidden('get', 'pods/portforward'));
      expect(why).not.toContain('\n');
    } finally {
      await forwards.stopAll();
    }
  });

  it("the editor's create pods/portforward is not enough on 1.32: podscope says so, and the server agrees", async () => {
    h = await renderApp(editor.kc, { namespace: A });
    await h.waitForScreen(
      (s) => s.includes(`✗ not allowed in ${A}: create pods/exec, get pods/portforward`),
      'port-forward marked unavailable for want of get',
    );
    await h.press('F');
    await h.waitForScreen((s) => s.includes(`not allowed: get pods/portforward in ${A}`), 'why');
    const forwards = new PortForwardRegistry(editor.kc);
    try {
      const why = await forwards
        .start({ namespace: A, pod: 'front-1', remotePort: 80, localPort: 0, address: '127.0.0.1' })
        .then(
          () =>
            waitFor(() => {
              const f = forwards.getSnapshot().forwards[0];
              return f?.state.kind === 'failed' ? f.state.reason : undefined;
            }, 'the forward to fail'),
          (e: unknown) => (e as Error).message,
        );
      expect(why).toContain(
        `User "podscope-editor" cannot get resource "pods/portforward" in API group "" in the namespace "${A}"`,
      );
    } finally {
      await forwards.stopAll();
    }
  });
});
