/**
 * LogSession across a container's lifecycle against the demo cluster: a restart while following, previous logs
 * (and why there are none), all containers merged in time order, and eviction under the memory bound.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { countNumbered, findSeqBreak } from '../../src/demo/logs/seq.js';
import { containerStatus } from '../../src/domain/containerChoice.js';
import type { Pod } from '../../src/domain/wire.js';
import { Kubectl } from '../support/kubectl.js';
import { startTestCluster, type TestCluster } from '../support/demoCluster.js';
import { waitFor } from '../support/waitFor.js';
import { all, closeSessions, createPod, follow, texts } from './support.js';

let t: TestCluster;
let kubectl: Kubectl;

beforeAll(async () => {
  t = await startTestCluster();
  kubectl = new Kubectl(t.demo);
});
afterEach(() => closeSessions());
afterAll(async () => {
  await t.demo.close();
});

async function restarts(pod: string, container: string): Promise<number> {
  const p = (await t.core.readNamespacedPod({ name: pod, namespace: 'default' })) as Pod;
  return containerStatus(p, container)?.restartCount ?? 0;
}

describe('lifecycle', () => {
  it('marks a restart and goes on with the new container’s log', async () => {
    await createPod(t, 'restarts', { web: 'nginx:1.27' });
    const s = follow(t.kc, { namespace: 'default', pod: 'restarts', containers: ['web'] });
    await waitFor(() => texts(s).length > 10, 'the first run’s lines', 10_000);
    t.demo.cluster.kubelet.killMain('default', 'restarts', 'web', 9);
    await waitFor(() => all(s).some((l) => l.kind === 'restart'), 'a restart marker', 10_000);
    const marker = all(s).findIndex((l) => l.kind === 'restart');
    await waitFor(() => all(s).length > marker + 10, 'the new run’s lines', 10_000);
    const lines = all(s);
    expect(lines[marker]!.text).toBe('── container web restarted (restart 1) ──');
    const before = lines.slice(0, marker).map((l) => l.text);
    const after = lines
      .slice(marker + 1)
      .filter((l) => l.kind === 'line')
      .map((l) => l.text);
    // Both runs complete, each from its first line: the new run starts with nginx's entrypoint banner again.
    expect(findSeqBreak(before)).toBeUndefined();
    expect(findSeqBreak(after)).toBeUndefined();
    expect(before[0]).toBe(after[0]);
    const previous = await kubectl.run(['logs', 'restarts', '-p']);
    expect(previous.stdout.split('\n').slice(0, -1)).toEqual(before);
    expect(s.getSnapshot().restarts).toBe(1);
  });

  it('reads the previous run’s log once, as kubectl logs -p', async () => {
    await waitFor(async () => (await restarts('crasher', 'crasher')) >= 1, 'crasher to restart', 15_000);
    const s = follow(t.kc, { namespace: 'default', pod: 'crasher', containers: ['crasher'], previous: true });
    await waitFor(() => s.getSnapshot().state.kind === 'ended', 'the end of the previous log');
    expect(s.getSnapshot().state).toEqual({ kind: 'ended', reason: 'end of the previous run’s log' });
    const ref = await kubectl.run(['logs', 'crasher', '-p']);
    expect(texts(s)).toEqual(ref.stdout.split('\n').slice(0, -1));
    expect(texts(s).length).toBeGreaterThan(3);
  });

  it('says why there are no previous logs for a container that never restarted', async () => {
    const s = follow(t.kc, { namespace: 'default', pod: 'hello', containers: ['hello'], previous: true });
    await waitFor(() => s.getSnapshot().state.kind === 'ended', 'ended');
    expect(s.getSnapshot().state).toEqual({
      kind: 'ended',
      reason: 'container hello has not restarted: there are no previous logs',
    });
  });

  it('merges all containers in timestamp order, each container’s lines complete', async () => {
    await createPod(t, 'two-busy', { nginx: 'nginx:1.27', api: 'podscope/api:2.3' });
    const s = follow(t.kc, { namespace: 'default', pod: 'two-busy', containers: ['nginx', 'api'] });
    // Past the startup lines, which carry no number, so that each log's check below has numbered lines to go by.
    await waitFor(
      () => countNumbered(texts(s, 'nginx')) > 2 && countNumbered(texts(s, 'api')) > 2,
      'both logs',
      15_000,
    );
    const lines = all(s).filter((l) => l.kind === 'line');
    for (let i = 1; i < lines.length; i++) {
      expect(lines[i]!.time >= lines[i - 1]!.time, `line ${i} in time order`).toBe(true);
    }
    expect(findSeqBreak(texts(s, 'nginx'))).toBeUndefined();
    expect(findSeqBreak(texts(s, 'api'))).toBeUndefined();
    const ref = await kubectl.run(['logs', 'two-busy', '-c', 'api']);
    const api = texts(s, 'api');
    expect(ref.stdout.split('\n').slice(0, api.length)).toEqual(api);
    expect(s.getSnapshot().merged).toBe(true);
  });

  it('evicts the oldest lines to stay within the memory bound, and counts them', async () => {
    await createPod(t, 'firehose-evict', { fh: 'podscope/firehose' });
    const maxBytes = 2 * 1024 * 1024;
    const s = follow(t.kc, {
      namespace: 'default',
      pod: 'firehose-evict',
      containers: ['fh'],
      since: { kind: 'tail', lines: 50_000 },
      maxBytes,
    });
    await waitFor(() => s.getSnapshot().evicted > 10_000, 'evictions', 15_000);
    const snap = s.getSnapshot();
    expect(snap.bytes).toBeLessThanOrEqual(maxBytes);
    expect(snap.firstSeq).toBe(snap.evicted);
    expect(snap.nextSeq - snap.firstSeq + snap.evicted).toBe(snap.received);
    s.close();
    // What is retained is the newest lines, none missing between them.
    const b = s.buffer;
    expect(b.bytes).toBeLessThanOrEqual(maxBytes);
    expect(all(s)).toHaveLength(b.nextSeq - b.evicted);
    expect(findSeqBreak(texts(s))).toBeUndefined();
  });
});
