/**
 * The log engine on the real API server, where kwok plays the kubelets: its containers run without a containerID
 * (the field is optional in the API) and no kubelet listens at the nodes' address, so the API server answers
 * 500 "dial tcp …: connection refused" — as a cluster whose kubelets the API server can't reach does (a firewall
 * between control plane and nodes). The view must reach the log endpoint for a running container and show the
 * server's words, as `kubectl logs` prints them, while it retries; it once sat in "waiting: ContainerCreating".
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeSessions, follow } from '../logs/support.js';
import { Kubectl, requireKubectl } from '../support/kubectl.js';
import { realCluster, realKubeConfig } from '../support/realCluster.js';
import { waitFor } from '../support/waitFor.js';

let k: Kubectl;

beforeAll(async () => {
  await requireKubectl();
  k = new Kubectl(realCluster());
});
afterEach(closeSessions);

describe('logs of a running container the real server cannot read', () => {
  it('shows the server’s answer, the one kubectl logs prints', async () => {
    const ref = await k.run(['logs', '-n', 'default', 'hello']);
    expect(ref.code).not.toBe(0);
    const said = /Error from server(?: \(\w+\))?: (.*)/.exec(ref.stderr)?.[1];
    expect(said, ref.stderr).toBeDefined();

    const s = follow(realKubeConfig(), { namespace: 'default', pod: 'hello', containers: ['hello'] });
    const shown = await waitFor(
      () => {
        const st = s.getSnapshot().state;
        return st.kind === 'ended' ? st.reason : st.kind === 'reconnecting' ? st.error : undefined;
      },
      'the follow to fail',
      20_000,
    );
    // podscope's request carries follow and timestamps, kubectl's doesn't: the URL the server names differs there.
    expect(shown.replace(/\?[^"]*"/, '"')).toBe(`the server answered 500: ${said}`);
  });
});
