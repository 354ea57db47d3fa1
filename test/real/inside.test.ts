/**
 * The inside view's reads on the real API server, where kwok plays the kubelets: the node's runtime is what
 * `kubectl get node` shows of `status.nodeInfo`, and the files cannot be read (no kubelet answers exec), which the
 * view says in the server's words — the words `kubectl exec` prints — while the API's parts stay.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { insideLines } from '../../src/domain/inside/insideLines.js';
import type { Pod } from '../../src/domain/wire.js';
import { readInside } from '../../src/kube/inside/insideReads.js';
import { readNodeRuntime } from '../../src/kube/inside/nodeRuntime.js';
import { Kubectl, requireKubectl } from '../support/kubectl.js';
import { realCluster, realKubeConfig } from '../support/realCluster.js';
import { waitFor } from '../support/waitFor.js';

let k: Kubectl;
let hello: Pod;

beforeAll(async () => {
  await requireKubectl();
  k = new Kubectl(realCluster());
  hello = await waitFor(
    async () => {
      const pod = JSON.parse(
        (await k.run(['get', 'pod', 'hello', '-n', 'default', '-o', 'json'])).stdout,
      ) as Pod;
      return pod.status?.containerStatuses?.[0]?.state?.running ? pod : undefined;
    },
    'hello running (kwok)',
    30_000,
  );
});

describe('the inside reads on a real server', () => {
  it('shows the node’s runtime as kubectl does', async () => {
    const node = hello.spec!.nodeName!;
    const ref = await k.run([
      'get',
      'node',
      node,
      '-o',
      'jsonpath={.status.nodeInfo.containerRuntimeVersion}',
    ]);
    const runtime = await readNodeRuntime(realKubeConfig(), node);
    expect(runtime).toMatchObject({ kind: 'known', containerRuntimeVersion: ref.stdout || '<not reported>' });
  });

  it('says why the files cannot be read, as kubectl exec does, and keeps the API’s parts', async () => {
    const ref = await k.run(['exec', 'hello', '-n', 'default', '--', 'cat', '/etc/resolv.conf']);
    expect(ref.code).not.toBe(0);
    const reads = await readInside({
      kc: realKubeConfig(),
      pod: hello,
      selected: undefined,
      timeoutMs: 15_000,
    });
    expect(reads.kind).toBe('unavailable');
    if (reads.kind !== 'unavailable') return;
    // kubectl prints the server's Status message after `error: `; podscope names the container before it.
    expect(reads.reason).toBe(`exec into hello failed: ${ref.stderr.trim().replace(/^error: /, '')}`);
    const text = insideLines({ pod: hello, node: { kind: 'loading' }, reads, now: Date.now() })
      .map((l) => l.text)
      .join('\n');
    expect(text).toMatch(new RegExp(`Node: +${hello.spec!.nodeName!}`));
    expect(text).toContain('DNS and names');
  });
});
