/**
 * Issue 16's done-when for forwards, on the real binary in a real terminal (tmux) against a demo cluster served
 * from this test: `:pf svc/frontend LOCAL:8080` lists the forward with its target; an HTTP GET to the local port
 * is answered by a web-app pod; kubectl deletes that pod (its default grace); the forward answers through another
 * pod within 3 s and the list shows the new pod and `1 switch`; q then restores the terminal. The local port is
 * 18080 when free (the issue's), else one the system gives: another podscope on a shared machine may hold 18080.
 * Needs `npm run build` (bin/ runs dist/).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestCluster } from '../support/demoCluster.js';
import { demoDashboards } from '../support/demoDashboard.js';
import { Kubectl } from '../support/kubectl.js';
import { quitRestoresTerminal } from '../support/quitRestores.js';
import { requireTmux } from '../support/tmux.js';
import { waitFor } from '../support/waitFor.js';
import { httpRequest, preferredPort } from '../kube/portForward/support.js';

const startDashboard = demoDashboards();

beforeAll(requireTmux);

/**
 * The pod that served a GET of the web-app page on `port` (its page names it), or undefined with no answer. A new
 * connection each time, as `curl` makes: a kept-alive one stays with the pod it reached while that pod serves
 * out its grace period, as it would through a Service.
 */
async function servedBy(port: number): Promise<string | undefined> {
  try {
    const r = await httpRequest(port, 'GET', '/');
    return r.status === 200 ? /Served by <b>([^<]+)<\/b>/.exec(r.body.toString())?.[1] : undefined;
  } catch {
    return undefined;
  }
}

async function threeReady(c: TestCluster): Promise<void> {
  await waitFor(
    async () =>
      (await c.core.listNamespacedPod({ namespace: 'frontend', labelSelector: 'app=web-app' })).items.filter(
        (p) =>
          !p.metadata?.deletionTimestamp &&
          p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True'),
      ).length === 3,
    'three Ready web-app pods',
    20_000,
  );
}

describe(':pf svc/frontend in a terminal', () => {
  it(
    'lists the target, answers, follows a pod kubectl deletes within 3 s, shows the switch; q restores the terminal',
    { timeout: 90_000 },
    async () => {
      const local = await preferredPort(18080);
      const { session: t, cluster } = await startDashboard({
        cols: 160,
        rows: 30,
        args: ['-n', 'frontend'],
        prepare: threeReady,
      });
      await t.sendText(`:pf svc/frontend ${local}:8080`);
      await t.sendKeys('Enter');
      await t.waitForText(`forwarding http://127.0.0.1:${local} → frontend/svc/frontend:8080`);
      const first = await waitFor(() => servedBy(local), 'an answer on the local port');
      expect(first).toMatch(/^web-app-/);

      await t.sendKeys('f');
      const row = new RegExp(
        `svc/frontend \\(0 switches\\)\\s+frontend/(web-app-\\S+)\\s+${local}→8080\\s.*active`,
      );
      const listed = await t.waitForText(row);
      const serving = row.exec(listed)![1]!;
      // The list names the pod that answered.
      expect(serving).toBe(first);

      const kubectl = new Kubectl(cluster.demo);
      const t0 = Date.now();
      const deleted = await kubectl.run(['delete', 'pod', serving, '-n', 'frontend', '--wait=false']);
      expect(deleted.stdout).toContain(`pod "${serving}" deleted`);
      const next = await waitFor(
        async () => {
          const by = await servedBy(local);
          return by !== undefined && by !== serving ? by : undefined;
        },
        'an answer through another pod',
        3000,
        20,
      );
      expect(Date.now() - t0).toBeLessThan(3000);

      const switched = new RegExp(`svc/frontend \\(1 switch\\)\\s+frontend/(web-app-\\S+)\\s+${local}→8080`);
      const after = await t.waitForText(switched);
      expect(switched.exec(after)![1]).toBe(next);

      await quitRestoresTerminal(t);
      // The forward went with podscope: the port is free again.
      expect(await preferredPort(local)).toBe(local);
    },
  );
});
