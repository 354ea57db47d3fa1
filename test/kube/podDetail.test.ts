/**
 * PodDetailStore and PodEventsStore against the demo cluster over real HTTPS: the whole pod, live; deletion keeps
 * the last content; events arrive live and survive a dropped watch; a 403 on events becomes a note while the pod
 * keeps coming.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePod } from '../../src/domain/describe/describePod.js';
import { latestWarning } from '../../src/domain/podEvents.js';
import type { KubeEvent, Pod } from '../../src/domain/wire.js';
import { PodDetailStore } from '../../src/kube/podDetail.js';
import { PodEventsStore } from '../../src/kube/podEventsStore.js';
import { startTestCluster, waitForPodPhase, type TestCluster } from '../support/demoCluster.js';
import { waitFor } from '../support/waitFor.js';

let t: TestCluster;
const open: { close(): void }[] = [];
const track = <S extends { close(): void }>(s: S): S => (open.push(s), s);

beforeAll(async () => {
  t = await startTestCluster();
  await waitForPodPhase(t, 'default', 'hello', 'Running');
});
afterAll(async () => {
  for (const s of open) s.close();
  await t?.demo.close();
});

async function createPod(name: string): Promise<Pod> {
  const body = {
    metadata: { name, namespace: 'default', labels: { test: 'detail' } },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27', env: [{ name: 'MODE', value: 'test' }] }] },
  };
  return (await t.core.createNamespacedPod({ namespace: 'default', body })) as unknown as Pod;
}

describe('PodDetailStore', () => {
  it('holds the whole pod, and keeps the last content marked deleted when it is deleted', async () => {
    await createPod('detail-a');
    const store = track(new PodDetailStore(t.kc, 'default', 'detail-a'));
    const first = await waitFor(() => store.getSnapshot().pod && store.getSnapshot(), 'the pod');
    expect(first.deleted).toBe(false);
    // Not the list's slim copy: env and the service-account mount are there.
    expect(first.pod?.spec?.containers[0]?.env).toEqual([{ name: 'MODE', value: 'test' }]);
    expect(first.pod?.spec?.containers[0]?.volumeMounts?.length).toBeGreaterThan(0);
    await waitFor(() => store.getSnapshot().pod?.status?.phase === 'Running', 'the pod running', 15_000);

    await t.core.deleteNamespacedPod({ name: 'detail-a', namespace: 'default', gracePeriodSeconds: 0 });
    const gone = await waitFor(() => store.getSnapshot().deleted && store.getSnapshot(), 'deleted');
    expect(gone.pod?.metadata?.name).toBe('detail-a');
    expect(gone.pod?.status?.phase).toBe('Running');
  });

  it('says when the pod does not exist', async () => {
    const store = track(new PodDetailStore(t.kc, 'default', 'no-such-pod'));
    const s = await waitFor(() => (store.getSnapshot().error ? store.getSnapshot() : undefined), 'an error');
    expect(s.error).toBe('pod "no-such-pod" not found in namespace "default"');
    expect(s.pod).toBeUndefined();
  });
});

describe('PodEventsStore', () => {
  it('lists the events and follows new ones live, also after the watch drops', async () => {
    const pod = await createPod('events-a');
    const store = track(
      new PodEventsStore(t.kc, { namespace: 'default', name: 'events-a', uid: pod.metadata?.uid }),
    );
    await waitFor(
      () => store.getSnapshot().events.some((e) => e.reason === 'Started'),
      'the kubelet to start the container',
      15_000,
    );
    const post = async (reason: string): Promise<void> => {
      const event: KubeEvent = {
        metadata: { name: `events-a.${reason.toLowerCase()}`, namespace: 'default' },
        involvedObject: {
          kind: 'Pod',
          namespace: 'default',
          name: 'events-a',
          uid: pod.metadata?.uid,
          apiVersion: 'v1',
        },
        reason,
        message: `a test event ${reason}`,
        type: 'Warning',
        source: { component: 'podscope-test' },
        firstTimestamp: new Date().toISOString(),
        lastTimestamp: new Date().toISOString(),
        count: 1,
      };
      await t.core.createNamespacedEvent({ namespace: 'default', body: event as never });
    };
    await post('First');
    await waitFor(() => store.getSnapshot().events.some((e) => e.reason === 'First'), 'the new event');
    expect(store.getSnapshot().state.kind).toBe('live');
    expect(latestWarning(store.getSnapshot().events)?.reason).toBe('First');

    expect(t.demo.dropWatches()).toBeGreaterThan(0);
    await post('AfterDrop');
    await waitFor(
      () => store.getSnapshot().events.some((e) => e.reason === 'AfterDrop'),
      'an event after the drop',
    );
  });

  it("gives the webserver's failed pull as the latest warning, about its container", async () => {
    const pod = await waitFor(
      async () => {
        const p = (await t.core.readNamespacedPod({
          name: 'webserver',
          namespace: 'default',
        })) as unknown as Pod;
        return p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff' && p;
      },
      'webserver to back off',
      20_000,
    );
    const store = track(new PodEventsStore(t.kc, { namespace: 'default', name: 'webserver' }));
    const warning = await waitFor(() => latestWarning(store.getSnapshot().events), 'a warning');
    expect(warning.container).toBe('webserver');
    expect(warning.reason).toBe('Failed');
    expect(warning.message).toMatch(
      /^Error: ImagePullBackOff$|^Failed to pull image "ngnx:latest"|^Error: ErrImagePull$/,
    );
    const failedPull = store
      .getSnapshot()
      .events.find((e) => e.message?.startsWith('Failed to pull image "ngnx:latest"'));
    expect(failedPull?.involvedObject.fieldPath).toBe('spec.containers{webserver}');
    expect(pod.metadata?.name).toBe('webserver');
  });
});

describe('events forbidden by RBAC', () => {
  let r: TestCluster;
  beforeAll(async () => {
    r = await startTestCluster({ forbidden: ['events'] });
  });
  afterAll(async () => {
    await r?.demo.close();
  });

  it('sets forbidden to the server message; the pod store keeps working; describe prints the note', async () => {
    const events = track(new PodEventsStore(r.kc, { namespace: 'default', name: 'hello' }));
    const detail = track(new PodDetailStore(r.kc, 'default', 'hello'));
    const s = await waitFor(
      () => (events.getSnapshot().forbidden ? events.getSnapshot() : undefined),
      'forbidden',
    );
    expect(s.forbidden).toBe(
      'events is forbidden: User "podscope-demo" cannot list resource "events" in API group "" in the namespace "default"',
    );
    expect(s.events).toEqual([]);
    const pod = await waitFor(() => detail.getSnapshot().pod, 'the pod despite the 403');
    const lines = describePod(pod, [], Date.now(), { eventsNote: `<${s.forbidden}>` });
    expect(lines[lines.length - 1]).toMatch(
      /^Events:\s+<events is forbidden: User "podscope-demo" cannot list/,
    );
  });
});
