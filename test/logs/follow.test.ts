/**
 * LogSession against the demo cluster over real HTTPS: following shows new lines in kubectl's order, a stream
 * dropped by the server resumes without a repeated or missing line, waiting for a container to start, restarts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { countNumbered, findSeqBreak, lineSeq } from '../../src/demo/logs/seq.js';
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

describe('follow', () => {
  it('shows the log as kubectl does, then new lines as they are written', async () => {
    const s = follow(t.kc, { namespace: 'default', pod: 'hello', containers: ['hello'] });
    await waitFor(() => s.getSnapshot().state.kind === 'streaming' && texts(s).length >= 6, 'the log so far');
    const ref = await kubectl.run(['logs', 'hello']);
    expect(ref.code).toBe(0);
    const kubectlLines = ref.stdout.split('\n').slice(0, -1);
    expect(texts(s).slice(0, kubectlLines.length)).toEqual(kubectlLines);

    const lastSeq = () => Math.max(0, ...texts(s).map((l) => lineSeq(l) ?? 0));
    const before = lastSeq();
    await waitFor(() => lastSeq() > before, 'a line written after the request', 5000);
    expect(findSeqBreak(texts(s))).toBeUndefined();
    // Snapshots are published at most every 100 ms: the counters catch up with the buffer.
    await waitFor(() => {
      const snap = s.getSnapshot();
      return snap.received === texts(s).length && snap.nextSeq - snap.firstSeq === all(s).length;
    }, 'the snapshot counters to match the buffer');
    expect(all(s).every((l) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/.test(l.time))).toBe(true);
  });

  it('resumes a stream the server drops, with no line repeated or missing and a gap marker', async () => {
    await createPod(t, 'api-drop', { api: 'podscope/api:2.3' });
    const s = follow(t.kc, { namespace: 'default', pod: 'api-drop', containers: ['api'] });
    const stamped = () => all(s).filter((l) => l.kind === 'line');
    for (let drop = 1; drop <= 2; drop++) {
      // Dropped right after a line whose second already had a line: the resumed stream (from whole seconds)
      // must repeat at least that one, so the overlap is really there to drop. That line is a numbered one
      // (a request's), so findSeqBreak sees a repeat (startup lines carry no number).
      await waitFor(
        () => {
          const l = stamped();
          const [a, b] = [l[l.length - 2], l[l.length - 1]];
          return (
            a &&
            b &&
            a.time.slice(0, 19) === b.time.slice(0, 19) &&
            lineSeq(b.text) !== undefined &&
            s.getSnapshot().state.kind === 'streaming'
          );
        },
        'two lines in one second',
        15_000,
      );
      const received = s.getSnapshot().received;
      expect(t.demo.dropLogStreams()).toBeGreaterThan(0);
      await waitFor(
        () => s.getSnapshot().reconnects >= drop && s.getSnapshot().received > received,
        `a new line after drop ${drop}`,
        15_000,
      );
    }
    const snap = s.getSnapshot();
    expect(snap.duplicates).toBeGreaterThanOrEqual(2);
    expect(countNumbered(texts(s))).toBeGreaterThan(0);
    expect(findSeqBreak(texts(s))).toBeUndefined();
    // Every line of the log so far, once, in kubectl's order.
    const ref = await kubectl.run(['logs', 'api-drop']);
    const got = texts(s);
    expect(ref.stdout.split('\n').slice(0, got.length)).toEqual(got);
    const gaps = all(s).filter((l) => l.kind === 'gap');
    expect(gaps).toHaveLength(2);
    expect(gaps[0]!.text).toMatch(
      /^⋯ connection lost \(.*\); reconnected, resuming after \d\d:\d\d:\d\d\.\d{3} ⋯$/,
    );
  });

  it('waits while the container has not started, then switches to its log', async () => {
    await createPod(t, 'starts-later', { web: 'nginx:1.27' });
    const s = follow(t.kc, { namespace: 'default', pod: 'starts-later', containers: ['web'] });
    const states: string[] = [];
    s.subscribe(() => {
      const state = s.getSnapshot().state;
      states.push(state.kind === 'waiting' ? `waiting: ${state.reason}` : state.kind);
    });
    await waitFor(() => texts(s).length > 3, 'nginx lines', 10_000);
    expect(states.filter((x) => x.startsWith('waiting'))[0]).toMatch(
      /^waiting: (Pending|ContainerCreating)$/,
    );
    await waitFor(() => s.getSnapshot().state.kind === 'streaming', 'streaming');
    expect(texts(s)[0]).toMatch(/^\/docker-entrypoint\.sh: /);
  });

  it('says why while an image cannot be pulled', async () => {
    const s = follow(t.kc, { namespace: 'default', pod: 'webserver', containers: ['webserver'] });
    await waitFor(() => s.getSnapshot().state.kind === 'waiting', 'waiting');
    expect(s.getSnapshot().state).toEqual({
      kind: 'waiting',
      reason: expect.stringMatching(/^(ErrImagePull|ImagePullBackOff)$/) as string,
    });
    expect(texts(s)).toEqual([]);
  });

  it('ends with a clear reason for a pod that does not exist', async () => {
    const s = follow(t.kc, { namespace: 'default', pod: 'nope', containers: ['x'] });
    await waitFor(() => s.getSnapshot().state.kind === 'ended', 'ended');
    expect(s.getSnapshot().state).toEqual({ kind: 'ended', reason: 'pod nope not found' });
  });
});
