/**
 * StatefulSets, DaemonSets, Jobs and CronJobs on the demo cluster, driven and read by the real kubectl: discovery
 * and short names, the Tables `kubectl get` prints, the defaults after create, and what each controller does
 * (ordered ordinal pods, scale, a deleted pod made again, rollout restart; one pod per node; a Job completing and
 * failing; a CronJob making a Job).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../support/demoCluster.js';
import { Kubectl, requireKubectl } from '../support/kubectl.js';
import { waitFor } from '../support/waitFor.js';

let t: TestCluster;
let k: Kubectl;

beforeAll(async () => {
  await requireKubectl();
  t = await startTestCluster({ pods: 0 });
  k = new Kubectl(t.demo);
});
afterAll(async () => {
  await t.demo.close();
});

async function ok(args: string[], input?: string): Promise<string> {
  const r = await k.run(args, input);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

interface Meta {
  name: string;
  uid: string;
  generation?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: { kind: string; name: string; uid: string; controller?: boolean }[];
  creationTimestamp: string;
  deletionTimestamp?: string;
}
interface Obj {
  metadata: Meta;
  spec: Record<string, unknown> & {
    template?: { metadata?: { labels?: Record<string, string> }; spec: Record<string, unknown> };
  };
  status?: Record<string, unknown>;
}
interface PodObj extends Obj {
  spec: Obj['spec'] & {
    nodeName?: string;
    hostname?: string;
    subdomain?: string;
    affinity?: unknown;
    tolerations?: { key?: string; operator?: string; effect?: string }[];
  };
  status?: { phase?: string; conditions?: { type: string; status: string; lastTransitionTime?: string }[] };
}

async function json<T>(args: string[]): Promise<T> {
  return JSON.parse(await ok([...args, '-o', 'json'])) as T;
}

const pods = async (selector: string, ns = 'default'): Promise<PodObj[]> =>
  (await json<{ items: PodObj[] }>(['get', 'pods', '-n', ns, '-l', selector])).items;

const ready = (p: PodObj): boolean =>
  p.status?.phase === 'Running' &&
  !!p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');

function statefulSet(name: string, replicas: number, extra = ''): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: ${name}, namespace: default}
spec:
  replicas: ${replicas}
  serviceName: ${name}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      terminationGracePeriodSeconds: 1
      containers: [{name: app, image: "redis:7", ports: [{name: redis, containerPort: 6379}]}]
${extra}`;
}

describe('discovery and tables', () => {
  it('lists the four kinds with their short names and the all category', async () => {
    const out = await ok(['api-resources', '--api-group=apps', '--no-headers']);
    expect(out).toMatch(/^statefulsets\s+sts\s+apps\/v1\s+true\s+StatefulSet$/m);
    expect(out).toMatch(/^daemonsets\s+ds\s+apps\/v1\s+true\s+DaemonSet$/m);
    const batch = await ok(['api-resources', '--api-group=batch', '--no-headers']);
    expect(batch).toMatch(/^cronjobs\s+cj\s+batch\/v1\s+true\s+CronJob$/m);
    expect(batch).toMatch(/^jobs\s+batch\/v1\s+true\s+Job$/m);
    const all = await ok(['api-resources', '--categories=all', '--no-headers', '-o', 'name']);
    expect(all.split('\n')).toEqual(
      expect.arrayContaining(['statefulsets.apps', 'daemonsets.apps', 'jobs.batch', 'cronjobs.batch']),
    );
  });

  it('get sts,ds,jobs,cronjobs -A prints the seeds with the server’s columns', async () => {
    await waitFor(
      async () => /db-migrate\s+Complete/.test(await ok(['get', 'jobs'])),
      'db-migrate to complete',
      15_000,
      200,
    );
    const out = await ok(['get', 'sts,ds,jobs,cronjobs', '-A']);
    const blocks = out.trim().split('\n\n');
    expect(blocks[0]).toMatch(/^NAMESPACE\s+NAME\s+READY\s+AGE\n/);
    expect(blocks[0]).toMatch(/^default\s+statefulset\.apps\/redis\s+2\/2\s+2d$/m);
    expect(blocks[1]).toMatch(
      /^NAMESPACE\s+NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE\n/,
    );
    expect(blocks[1]).toMatch(
      /^kube-system\s+daemonset\.apps\/kube-proxy\s+3\s+3\s+3\s+3\s+3\s+kubernetes\.io\/os=linux\s+3d$/m,
    );
    expect(blocks[2]).toMatch(/^NAMESPACE\s+NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE\n/);
    expect(blocks[2]).toMatch(/^default\s+job\.batch\/db-migrate\s+Complete\s+1\/1\s+\d+s\s+\d+s$/m);
    expect(blocks[2]!.match(/job\.batch\/report-\d+\s+Complete\s+1\/1\s+3s/g)).toHaveLength(3);
    expect(blocks[3]).toMatch(
      /^NAMESPACE\s+NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE\n/,
    );
    expect(blocks[3]).toMatch(
      /^default\s+cronjob\.batch\/report\s+0 \* \* \* \*\s+<none>\s+False\s+0\s+\d+m\s+5h$/m,
    );
    const wide = await ok(['get', 'jobs', 'db-migrate', '-o', 'wide', '--no-headers']);
    expect(wide).toMatch(
      /migrate\s+podscope\/job:1\.0\s+batch\.kubernetes\.io\/controller-uid=[0-9a-f-]{36}\n$/,
    );
  });

  it('the seed pods are owned as a real cluster owns them', async () => {
    const proxies = await pods('k8s-app=kube-proxy', 'kube-system');
    expect(proxies.map((p) => p.spec.nodeName).sort()).toEqual([
      'demo-control-plane',
      'demo-worker',
      'demo-worker2',
    ]);
    const ds = await json<Obj>(['get', 'ds', 'kube-proxy', '-n', 'kube-system']);
    for (const p of proxies) expect(p.metadata.ownerReferences?.[0]?.uid).toBe(ds.metadata.uid);
    const [migrate] = await pods('job-name=db-migrate');
    const job = await json<Obj>(['get', 'job', 'db-migrate']);
    expect(migrate!.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Job', uid: job.metadata.uid });
    expect(migrate!.metadata.labels?.['batch.kubernetes.io/controller-uid']).toBe(job.metadata.uid);
    const redis = await pods('app=redis');
    expect(redis.map((p) => p.metadata.name).sort()).toEqual(['redis-0', 'redis-1']);
    expect(redis[0]!.metadata.labels).toMatchObject({
      'statefulset.kubernetes.io/pod-name': redis[0]!.metadata.name,
      'apps.kubernetes.io/pod-index': redis[0]!.metadata.name.slice(-1),
    });
    const reports = await pods('batch.kubernetes.io/job-name');
    const cj = await json<Obj>(['get', 'cj', 'report']);
    const reportJobs = (await json<{ items: Obj[] }>(['get', 'jobs'])).items.filter((j) =>
      j.metadata.name.startsWith('report-'),
    );
    for (const j of reportJobs) expect(j.metadata.ownerReferences?.[0]?.uid).toBe(cj.metadata.uid);
    expect(reports.filter((p) => p.metadata.name.startsWith('report-')).map((p) => p.status?.phase)).toEqual([
      'Succeeded',
      'Succeeded',
      'Succeeded',
    ]);
  });
});

describe('StatefulSet', () => {
  it('is defaulted as the API server defaults it', async () => {
    await ok(['apply', '-f', '-'], statefulSet('web', 0));
    const s = await json<Obj>(['get', 'sts', 'web']);
    expect(s.metadata.generation).toBe(1);
    expect(s.spec).toMatchObject({
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    });
    expect(s.spec.template?.spec).toMatchObject({
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      terminationGracePeriodSeconds: 1,
      containers: [{ imagePullPolicy: 'IfNotPresent', ports: [{ protocol: 'TCP' }] }],
    });
  });

  it('creates ordinal pods in order, each once the one before is Running and Ready', async () => {
    await ok(['scale', 'sts', 'web', '--replicas=3']);
    const all = await waitFor(
      async () => {
        const ps = await pods('app=web');
        return ps.length === 3 && ps.every(ready) ? ps : undefined;
      },
      'three ready pods',
      20_000,
      100,
    );
    const byName = new Map(all.map((p) => [p.metadata.name, p]));
    for (const i of [1, 2]) {
      const before = byName.get(`web-${i - 1}`)!;
      const readyAt = before.status!.conditions!.find((c) => c.type === 'Ready')!.lastTransitionTime!;
      expect(Date.parse(byName.get(`web-${i}`)!.metadata.creationTimestamp)).toBeGreaterThanOrEqual(
        Date.parse(readyAt),
      );
    }
    const described = await ok(['describe', 'sts', 'web']);
    expect(described).toMatch(
      /Normal\s+SuccessfulCreate\s+\S+\s+statefulset-controller\s+create Pod web-2 in StatefulSet web successful\n/,
    );
    const p0 = byName.get('web-0')!;
    expect(p0.spec.hostname).toBe('web-0');
    expect(p0.spec.subdomain).toBe('web');
    const s = await json<Obj>(['get', 'sts', 'web']);
    expect(s.status).toMatchObject({
      replicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      observedGeneration: 2,
    });
    expect(p0.metadata.labels?.['controller-revision-hash']).toBe(s.status!['updateRevision']);
    expect(await ok(['rollout', 'status', 'sts/web', '--timeout=10s'])).toContain(
      'partitioned roll out complete: 3 new pods have been updated...',
    );
  });

  it('makes a deleted pod again with the same name', async () => {
    const [before] = (await pods('app=web')).filter((p) => p.metadata.name === 'web-1');
    await ok(['delete', 'pod', 'web-1', '--wait=false']);
    const again = await waitFor(
      async () => {
        const p = (await pods('app=web')).find((x) => x.metadata.name === 'web-1');
        return p && p.metadata.uid !== before!.metadata.uid && ready(p) ? p : undefined;
      },
      'web-1 made again and ready',
      20_000,
      100,
    );
    expect(again.metadata.labels?.['statefulset.kubernetes.io/pod-name']).toBe('web-1');
  });

  it('rollout restart replaces the pods from the highest ordinal down', async () => {
    const before = new Map((await pods('app=web')).map((p) => [p.metadata.name, p.metadata.uid]));
    const watch = k.spawn(['get', 'pods', '-l', 'app=web', '-w', '--output-watch-events', '--no-headers']);
    let out = '';
    watch.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    try {
      await ok(['rollout', 'restart', 'sts/web']);
      const status = await ok(['rollout', 'status', 'sts/web', '--timeout=40s']);
      expect(status).toContain('partitioned roll out complete: 3 new pods have been updated...');
    } finally {
      watch.kill();
    }
    const after = await pods('app=web');
    for (const p of after) expect(p.metadata.uid).not.toBe(before.get(p.metadata.name));
    const deleted = out
      .split('\n')
      .filter((l) => l.startsWith('DELETED'))
      .map((l) => l.split(/\s+/)[1]);
    expect(deleted).toEqual(['web-2', 'web-1', 'web-0']);
  });

  it('scales down from the highest ordinal, and its Scale reads as the server’s', async () => {
    await ok(['scale', 'sts', 'web', '--replicas=1']);
    await waitFor(
      async () => (await pods('app=web')).map((p) => p.metadata.name).join() === 'web-0',
      'only web-0 left',
      20_000,
      100,
    );
    const scale = JSON.parse(
      await ok(['get', '--raw', '/apis/apps/v1/namespaces/default/statefulsets/web/scale']),
    ) as Obj;
    expect(scale).toMatchObject({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      spec: { replicas: 1 },
      status: { replicas: 1, selector: 'app=web' },
    });
    const bad = await k.run([
      'patch',
      'sts',
      'web',
      '--subresource=scale',
      '--type=merge',
      '-p',
      '{"spec":{"replicas":-1}}',
    ]);
    expect(bad.stderr).toContain(
      'The Scale "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
  });

  it('refuses a selector that does not match the template labels', async () => {
    const r = await k.run(
      ['apply', '-f', '-'],
      statefulSet('bad', 1).replace('matchLabels: {app: bad}', 'matchLabels: {app: other}'),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'The StatefulSet "bad" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"bad"}: `selector` does not match template `labels`',
    );
  });

  it('deleting it deletes its pods', async () => {
    await ok(['delete', 'sts', 'web', '--wait=false']);
    await waitFor(async () => (await pods('app=web')).length === 0, 'the pods gone', 20_000, 100);
  });
});

describe('DaemonSet', () => {
  it('puts one pod on each node it fits, pinned by node affinity, with the tolerations the controller adds', async () => {
    await ok(
      ['apply', '-f', '-'],
      `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: default}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      terminationGracePeriodSeconds: 1
      containers: [{name: agent, image: "busybox:1.36", command: [sleep, "3600"]}]
`,
    );
    const ds = await json<Obj>(['get', 'ds', 'agent']);
    expect(ds.spec).toMatchObject({
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
    });
    expect(ds.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('1');
    const ps = await waitFor(
      async () => {
        const x = await pods('app=agent');
        return x.length === 2 && x.every(ready) ? x : undefined;
      },
      'a ready pod on each worker',
      20_000,
      100,
    );
    // The control plane is tainted NoSchedule: the template does not tolerate it.
    expect(ps.map((p) => p.spec.nodeName).sort()).toEqual(['demo-worker', 'demo-worker2']);
    for (const p of ps) {
      expect(p.spec.affinity).toEqual({
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchFields: [{ key: 'metadata.name', operator: 'In', values: [p.spec.nodeName] }] },
            ],
          },
        },
      });
      expect(p.spec.tolerations?.map((x) => `${x.key}:${x.effect}`)).toEqual([
        'node.kubernetes.io/not-ready:NoExecute',
        'node.kubernetes.io/unreachable:NoExecute',
        'node.kubernetes.io/disk-pressure:NoSchedule',
        'node.kubernetes.io/memory-pressure:NoSchedule',
        'node.kubernetes.io/pid-pressure:NoSchedule',
        'node.kubernetes.io/unschedulable:NoSchedule',
      ]);
      expect(p.metadata.labels?.['pod-template-generation']).toBe('1');
    }
    const table = await ok(['get', 'ds', 'agent', '--no-headers']);
    expect(table).toMatch(/^agent\s+2\s+2\s+2\s+2\s+2\s+<none>\s+\d+s\n$/);
    const described = await ok(['describe', 'ds', 'agent']);
    expect(described).toMatch(/^Desired Number of Nodes Scheduled: 2$/m);
    expect(described).toMatch(
      /Normal\s+SuccessfulCreate\s+\S+\s+daemonset-controller\s+Created pod: agent-\w{5}\n/,
    );
  });

  it('rollout restart replaces every pod', async () => {
    const before = new Set((await pods('app=agent')).map((p) => p.metadata.uid));
    await ok(['rollout', 'restart', 'ds/agent']);
    const status = await ok(['rollout', 'status', 'ds/agent', '--timeout=40s']);
    expect(status).toContain('daemon set "agent" successfully rolled out');
    const after = await pods('app=agent');
    expect(after).toHaveLength(2);
    for (const p of after) {
      expect(before.has(p.metadata.uid)).toBe(false);
      expect(p.metadata.labels?.['pod-template-generation']).toBe('2');
    }
  });
});

describe('Job', () => {
  it('runs a pod to completion, with the defaults and the status a 1.32 server gives', async () => {
    await ok(['create', 'job', 'hi', '--image=busybox:1.36', '--', 'sh', '-c', 'echo hi']);
    const job = await json<Obj>(['get', 'job', 'hi']);
    expect(job.spec).toMatchObject({
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      completions: 1,
      parallelism: 1,
      suspend: false,
      manualSelector: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': job.metadata.uid } },
    });
    const done = await waitFor(
      async () => {
        const j = await json<Obj>(['get', 'job', 'hi']);
        return j.status?.['completionTime'] ? j : undefined;
      },
      'the job to complete',
      20_000,
      100,
    );
    expect(Object.keys(done.status!).sort()).toEqual([
      'completionTime',
      'conditions',
      'ready',
      'startTime',
      'succeeded',
      'terminating',
      'uncountedTerminatedPods',
    ]);
    expect(done.status!['conditions']).toMatchObject([
      { type: 'SuccessCriteriaMet', status: 'True', reason: 'CompletionsReached' },
      {
        type: 'Complete',
        status: 'True',
        reason: 'CompletionsReached',
        message: 'Reached expected number of succeeded pods',
      },
    ]);
    const [pod] = await pods('batch.kubernetes.io/job-name=hi');
    expect(pod!.metadata.labels).toMatchObject({ 'job-name': 'hi', 'controller-uid': job.metadata.uid });
    expect(pod!.status?.phase).toBe('Succeeded');
    expect(await ok(['get', 'job', 'hi', '--no-headers'])).toMatch(/^hi\s+Complete\s+1\/1\s+\d+s\s+\d+s\n$/);
    const described = await ok(['describe', 'job', 'hi']);
    expect(described).toMatch(/Normal\s+SuccessfulCreate\s+\S+\s+job-controller\s+Created pod: hi-\w{5}\n/);
    expect(described).toMatch(/Normal\s+Completed\s+\S+\s+job-controller\s+Job completed\n/);
  });

  it('fails once the pods’ failures pass backoffLimit', async () => {
    await ok(
      ['apply', '-f', '-'],
      `apiVersion: batch/v1
kind: Job
metadata: {name: boom, namespace: default}
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers: [{name: boom, image: "busybox:1.36", command: [sh, -c, "exit 3"]}]
`,
    );
    const failed = await waitFor(
      async () => {
        const j = await json<Obj>(['get', 'job', 'boom']);
        return (j.status?.['conditions'] as { type: string }[] | undefined)?.some((c) => c.type === 'Failed')
          ? j
          : undefined;
      },
      'the job to fail',
      20_000,
      100,
    );
    expect(failed.status).toMatchObject({
      failed: 1,
      conditions: [
        {
          type: 'FailureTarget',
          reason: 'BackoffLimitExceeded',
          message: 'Job has reached the specified backoff limit',
        },
        {
          type: 'Failed',
          reason: 'BackoffLimitExceeded',
          message: 'Job has reached the specified backoff limit',
        },
      ],
    });
    expect(await ok(['get', 'job', 'boom', '--no-headers'])).toMatch(
      /^boom\s+Failed\s+0\/1\s+\d+s\s+\d+s\n$/,
    );
    expect(await pods('job-name=boom')).toHaveLength(1);
  });
});

describe('CronJob', () => {
  it('makes a Job named after the scheduled minute, owned by it', async () => {
    await ok(['create', 'cronjob', 'tick', '--image=busybox:1.36', '--schedule=@every 2s', '--', 'date']);
    const cj = await json<Obj>(['get', 'cj', 'tick']);
    expect(cj.spec).toMatchObject({
      concurrencyPolicy: 'Allow',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
    });
    const job = await waitFor(
      async () =>
        (await json<{ items: Obj[] }>(['get', 'jobs'])).items.find((j) =>
          j.metadata.name.startsWith('tick-'),
        ),
      'a Job of tick',
      10_000,
      100,
    );
    const scheduled = job.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp'];
    expect(job.metadata.name).toBe(`tick-${Math.floor(Date.parse(scheduled!) / 60_000)}`);
    expect(job.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'CronJob',
      name: 'tick',
      uid: cj.metadata.uid,
    });
    const after = await waitFor(
      async () => {
        const c = await json<Obj>(['get', 'cj', 'tick']);
        return c.status?.['lastSuccessfulTime'] ? c : undefined;
      },
      'a successful run',
      15_000,
      100,
    );
    expect(after.status?.['lastScheduleTime']).toBeDefined();
    const described = await ok(['describe', 'cj', 'tick']);
    expect(described).toMatch(/^Schedule:\s+@every 2s$/m);
    expect(described).toMatch(
      /Normal\s+SuccessfulCreate\s+\S+\s+cronjob-controller\s+Created job tick-\d+\n/,
    );
    expect(await ok(['get', 'cj', 'tick', '--no-headers'])).toMatch(
      /^tick\s+@every 2s\s+<none>\s+False\s+[01]\s+\d+s\s+\d+s\n$/,
    );
  });

  it('is applied server-side: defaulted on create, generation moved on by a changed schedule', async () => {
    const manifest = (schedule: string): string => `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly, namespace: default}
spec:
  schedule: "${schedule}"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: n, image: "busybox:1.36", command: [date]}]
`;
    expect(await ok(['apply', '--server-side', '-f', '-'], manifest('0 3 * * *'))).toBe(
      'cronjob.batch/nightly serverside-applied\n',
    );
    const created = await json<Obj>(['get', 'cj', 'nightly']);
    expect(created.metadata.generation).toBe(1);
    expect(created.spec).toMatchObject({ concurrencyPolicy: 'Allow', successfulJobsHistoryLimit: 3 });
    await ok(['apply', '--server-side', '-f', '-'], manifest('0 4 * * *'));
    const changed = await json<Obj>(['get', 'cj', 'nightly']);
    expect(changed.metadata.generation).toBe(2);
    expect(changed.spec['schedule']).toBe('0 4 * * *');
  });

  it('refuses a schedule cron cannot read', async () => {
    const r = await k.run([
      'create',
      'cronjob',
      'nope',
      '--image=busybox:1.36',
      '--schedule=61 * * * *',
      '--',
      'date',
    ]);
    expect(r.stderr).toContain('spec.schedule: Invalid value: "61 * * * *"');
  });
});
