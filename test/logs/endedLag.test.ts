/**
 * An ended stream is not lagging: the log of a container that finished a while ago arrives all at once with old
 * timestamps, and the view must not call that lag (it said `lagging 64.1s`). Against the demo cluster's db-migrate
 * job, whose container has exited.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Pod } from '../../src/domain/wire.js';
import { startTestCluster, type TestCluster } from '../support/demoCluster.js';
import { waitFor } from '../support/waitFor.js';
import { closeSessions, follow, texts } from './support.js';

let t: TestCluster;

beforeAll(async () => {
  t = await startTestCluster();
});
afterEach(() => closeSessions());
afterAll(async () => {
  await t.demo.close();
});

describe('lag of an ended stream', () => {
  it('reports no lag for a container that finished seconds ago', async () => {
    const pod = await waitFor(
      async () => {
        const list = await t.core.listNamespacedPod({
          namespace: 'default',
          labelSelector: 'job-name=db-migrate',
        });
        const p = list.items[0] as Pod | undefined;
        const finished = p?.status?.containerStatuses?.[0]?.state?.terminated?.finishedAt;
        // Old enough that its last line is well past the view's 2 s threshold.
        return finished !== undefined && Date.now() - new Date(finished).getTime() > 4000 ? p : undefined;
      },
      'the db-migrate job to have finished 4 s ago',
      60_000,
      200,
    );
    const s = follow(t.kc, { namespace: 'default', pod: pod.metadata!.name!, containers: ['migrate'] });
    await waitFor(() => s.getSnapshot().state.kind === 'ended', 'the end of the job’s log');
    const snap = s.getSnapshot();
    expect(texts(s).at(-1)).toMatch(/^done: /);
    expect(snap.state.kind).toBe('ended');
    expect(snap.lagSeconds).toBe(0);
  });
});
