/**
 * A workload's logs against the demo cluster: `deploy/web-app` (3 pods, 2 containers each) merged, a matching pod
 * that is created joins with a marker, a deleted one leaves with one, and across a dropped stream (the demo's
 * dropLogStreams) no line of any stream is lost or repeated — proven with the line numbers the demo's lines carry
 * (src/demo/logs/seq.ts), stream by stream. Then the stream cap over more than 50 pods, and the bad inputs in
 * kubectl's words.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppsV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLogTarget, type LogTarget } from '../../src/domain/workloadLogs.js';
import { countNumbered, findSeqBreak } from '../../src/demo/logs/seq.js';
import { resolveLogTarget } from '../../src/kube/logTarget.js';
import type { LogLine } from '../../src/logs/logLine.js';
import { WorkloadLogs } from '../../src/logs/workloadLogs.js';
import { startTestCluster, type TestCluster } from '../support/demoCluster.js';
import { waitFor } from '../support/waitFor.js';

const target = (arg: string): LogTarget => {
  const t = parseLogTarget(arg);
  if ('error' in t) throw new Error(t.error);
  return t;
};

const allLines = (w: WorkloadLogs): LogLine[] =>
  w.session.buffer.slice(w.session.buffer.firstSeq, w.session.buffer.nextSeq);

/** Each stream's lines in the order the merged buffer holds them: every stream's own order must be intact. */
function byStream(lines: readonly LogLine[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const l of lines) {
    if (l.kind !== 'line') continue;
    const list = out.get(l.container) ?? [];
    list.push(l.text);
    out.set(l.container, list);
  }
  return out;
}

describe('workload logs against the demo', () => {
  let t: TestCluster;
  let w: WorkloadLogs | undefined;
  beforeAll(async () => {
    t = await startTestCluster();
  });
  afterAll(async () => {
    w?.stop();
    await t.demo.close();
  });

  it(
    'merges deploy/web-app, a created pod joins, a deleted one leaves, a dropped stream loses nothing',
    { timeout: 60_000 },
    async () => {
      // The replicas are started first: a container that starts while the merge runs is only seen by the next poll
      // of its pod (1 s), and its first lines may land after newer ones of other pods (see the report's limits).
      await waitFor(async () => {
        const list = await t.core.listNamespacedPod({ namespace: 'frontend', labelSelector: 'app=web-app' });
        return (
          list.items.length === 3 &&
          list.items.every((p) => p.status?.containerStatuses?.every((c) => c.state?.running))
        );
      }, 'the three replicas running');
      const resolved = await resolveLogTarget(t.kc, target('deploy/web-app'), 'frontend');
      expect(resolved).toMatchObject({
        label: 'deploy/web-app',
        selector: 'app=web-app',
        namespace: 'frontend',
      });
      w = new WorkloadLogs(t.kc, { target: resolved, since: { kind: 'all' }, leaveGraceMs: 2000 });
      const logs = w;
      logs.start();
      // Every pod's streams deliver (3 pods, nginx and web-app each).
      await waitFor(() => byStream(allLines(logs)).size === 6, 'lines of all six streams', 20_000);
      const snap = logs.getSnapshot().workload!;
      expect(snap.pods.map((p) => p.status)).toEqual(['following', 'following', 'following']);
      expect(snap.streams).toBe(6);
      for (const p of snap.pods) expect(p.short).toMatch(/^[a-z0-9]{4}-[a-z0-9]{5}$/);

      // A pod that matches the selector is created (a bare pod with the Deployment's label, which its ReplicaSet's
      // selector — with pod-template-hash — does not adopt; a scale-up's pod is the next test).
      await t.core.createNamespacedPod({
        namespace: 'frontend',
        body: {
          metadata: { name: 'web-app-extra', labels: { app: 'web-app' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
        },
      });
      await waitFor(
        () => allLines(logs).some((l) => l.kind === 'note' && l.text === '── pod web-app-extra joined ──'),
        'the join marker',
      );
      await waitFor(() => byStream(allLines(logs)).has('web-app-extra/nginx'), 'the new pod’s lines', 20_000);

      // Every stream is cut; each resumes from its last line's time and drops the overlap.
      const before = logs.session.buffer.nextSeq;
      expect(t.demo.dropLogStreams()).toBeGreaterThanOrEqual(7);
      await waitFor(() => logs.getSnapshot().reconnects >= 7, 'seven streams reconnected', 20_000);
      // Each pod's row counts its own streams' reconnects.
      await waitFor(
        () => logs.getSnapshot().workload!.pods.every((p) => p.reconnects >= 1),
        'a reconnect counted for every pod',
      );
      await waitFor(
        () => {
          const after = byStream(allLines(logs).filter((l) => l.seq >= before));
          return [...after.values()].filter((l) => countNumbered(l) >= 2).length >= 3;
        },
        'numbered lines after the reconnects',
        20_000,
      );

      await t.core.deleteNamespacedPod({
        namespace: 'frontend',
        name: 'web-app-extra',
        gracePeriodSeconds: 0,
      });
      await waitFor(
        () =>
          allLines(logs).some(
            (l) => l.kind === 'note' && l.text === '── pod web-app-extra left (deleted) ──',
          ),
        'the leave marker',
      );
      await waitFor(
        () => logs.getSnapshot().workload!.pods.find((p) => p.name === 'web-app-extra')?.status === 'left',
        'listed as left',
      );

      const streams = byStream(allLines(logs));
      let numbered = 0;
      for (const [key, lines] of streams) {
        expect(findSeqBreak(lines), key).toBeUndefined();
        numbered += countNumbered(lines);
      }
      expect(numbered).toBeGreaterThan(20);
      // Saved whole, each line prefixed with its pod and container, the markers as they read.
      const dir = mkdtempSync(join(tmpdir(), 'wlogs-save-'));
      const saved = await logs.session.save({ timestamps: false, dir });
      const text = readFileSync(saved.path, 'utf8');
      expect(saved.path).toContain('podscope-frontend_deploy_web-app-');
      expect(text).toMatch(/^\[web-app-[a-z0-9]+-[a-z0-9]{5}\/nginx\] /m);
      expect(text).toContain('[web-app-extra/nginx] ── pod web-app-extra joined ──');
      rmSync(dir, { recursive: true });
      expect(logs.getSnapshot().evicted).toBe(0);
      // Merged in time order: each line's time is not before the one above it (markers take their lane's time).
      const times = allLines(logs)
        .filter((l) => l.kind === 'line')
        .map((l) => l.time);
      const all = allLines(logs).filter((l) => l.kind === 'line');
      const bad = all.flatMap((l, i) => (i > 0 && l.time < all[i - 1]!.time ? [[all[i - 1], l]] : []));
      expect(bad).toEqual([]);
      expect(times.length).toBeGreaterThan(0);
      w.stop();
      w = undefined;
    },
  );

  it('a pod a scale-up creates joins with a marker, and its lines follow', { timeout: 60_000 }, async () => {
    const apps = t.kc.makeApiClient(AppsV1Api);
    const scaleTo = (replicas: number) =>
      apps.replaceNamespacedDeploymentScale({
        name: 'web-app',
        namespace: 'frontend',
        body: { metadata: { name: 'web-app', namespace: 'frontend' }, spec: { replicas } },
      });
    const resolved = await resolveLogTarget(t.kc, target('deploy/web-app'), 'frontend');
    w = new WorkloadLogs(t.kc, { target: resolved, since: { kind: 'all' }, leaveGraceMs: 2000 });
    const logs = w;
    logs.start();
    const first = await waitFor(() => {
      const pods = logs.getSnapshot().workload?.pods ?? [];
      return pods.length === 3 && pods.every((p) => p.status === 'following')
        ? pods.map((p) => p.name)
        : undefined;
    }, 'the three replicas followed');
    try {
      // kubectl scale deploy/web-app --replicas=4: the scale subresource, the ReplicaSet makes the fourth pod.
      await scaleTo(4);
      const joined = await waitFor(
        () =>
          allLines(logs).find(
            (l) =>
              l.kind === 'note' &&
              /^── pod web-app-\S+ joined ──$/.test(l.text) &&
              !first.some((n) => l.text.includes(n)),
          ),
        'a join marker for the new replica',
        30_000,
      );
      const name = /pod (\S+) joined/.exec(joined.text)![1]!;
      await waitFor(
        () => [...byStream(allLines(logs)).keys()].some((k) => k.startsWith(`${name}/`)),
        'the new replica’s lines',
        30_000,
      );
    } finally {
      await scaleTo(3);
      logs.stop();
      w = undefined;
    }
  });

  it(
    'keeps time order while the replicas start (their streams woken by the pod watch)',
    { timeout: 60_000 },
    async () => {
      const fresh = await startTestCluster();
      const resolved = await resolveLogTarget(fresh.kc, target('deploy/web-app'), 'frontend');
      const logs = new WorkloadLogs(fresh.kc, { target: resolved, since: { kind: 'all' } });
      try {
        logs.start();
        await waitFor(
          () => byStream(allLines(logs)).size === 6 && allLines(logs).length > 60,
          'all six streams',
          20_000,
        );
        const all = allLines(logs).filter((l) => l.kind === 'line');
        const bad = all.flatMap((l, i) => (i > 0 && l.time < all[i - 1]!.time ? [[all[i - 1], l]] : []));
        expect(bad).toEqual([]);
      } finally {
        logs.stop();
        await fresh.demo.close();
      }
    },
  );

  it(
    'counts evictions per pod under a small memory bound, and they add up to the session’s',
    { timeout: 60_000 },
    async () => {
      const resolved = await resolveLogTarget(t.kc, target('deploy/web-app'), 'frontend');
      const logs = new WorkloadLogs(t.kc, { target: resolved, since: { kind: 'all' }, maxBytes: 16 * 1024 });
      try {
        logs.start();
        const snap = await waitFor(
          () => {
            const s = logs.getSnapshot();
            return s.evicted > 0 && s.workload!.pods.every((p) => p.evicted > 0) ? s : undefined;
          },
          'evictions from every pod',
          20_000,
        );
        expect(snap.workload!.pods.reduce((sum, p) => sum + p.evicted, 0)).toBe(snap.evicted);
      } finally {
        logs.stop();
      }
    },
  );

  it('refuses an unknown workload, an unserved kind and a malformed selector in kubectl’s words', async () => {
    await expect(resolveLogTarget(t.kc, target('deploy/nope'), 'frontend')).rejects.toThrow(
      'error from server (NotFound): deployments.apps "nope" not found in namespace "frontend"',
    );
    await expect(resolveLogTarget(t.kc, target('-l a b'), 'frontend')).rejects.toThrow(
      /^error from server \(BadRequest\): .*unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt$/,
    );
    expect(parseLogTarget('foo/bar')).toEqual({ error: 'the server doesn\'t have a resource type "foo"' });
  });

  it('a selector with no pods waits for them', async () => {
    const resolved = await resolveLogTarget(t.kc, target('-l app=nobody'), 'frontend');
    w = new WorkloadLogs(t.kc, { target: resolved });
    const logs = w;
    logs.start();
    await waitFor(() => logs.getSnapshot().workload!.podsState === '', 'the pod list live');
    expect(logs.getSnapshot().workload!.pods).toEqual([]);
    w.stop();
    w = undefined;
  });
});

describe('the stream cap', () => {
  it(
    'follows at most 50 streams over 120 pods and names the pods not followed',
    { timeout: 60_000 },
    async () => {
      const t = await startTestCluster({ pods: 120 });
      const resolved = await resolveLogTarget(t.kc, target('-l pod-template-hash'), undefined);
      const w = new WorkloadLogs(t.kc, { target: resolved, since: { kind: 'tail', lines: 5 } });
      try {
        w.start();
        const snap = await waitFor(
          () => {
            const s = w.getSnapshot().workload!;
            return s.podsState === '' && s.pods.length > 50 ? s : undefined;
          },
          'the pods listed',
          20_000,
        );
        expect(snap.streams).toBeLessThanOrEqual(50);
        expect(snap.streams).toBeGreaterThan(45);
        const capped = snap.pods.filter((p) => p.status === 'capped');
        expect(capped.length).toBeGreaterThan(0);
        expect(capped[0]!.name).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
        expect(w.session.streamList.length).toBe(snap.streams);
        // A followed pod goes: the first pod waiting under the cap is taken up in its place.
        const gone = snap.pods.find((p) => p.status === 'following' && p.name.startsWith('team-'))!;
        const [ns, name] = gone.name.split('/');
        await t.core.deleteNamespacedPod({ namespace: ns!, name: name!, gracePeriodSeconds: 0 });
        await waitFor(
          () =>
            w.getSnapshot().workload!.pods.find((p) => p.name === capped[0]!.name)?.status === 'following',
          'the first capped pod followed',
          20_000,
        );
      } finally {
        w.stop();
        await t.demo.close();
      }
    },
  );
});
