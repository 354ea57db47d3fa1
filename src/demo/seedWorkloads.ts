/**
 * The seeds' StatefulSet, DaemonSet, Jobs and CronJob, and the pods they own as a real cluster's controllers would
 * have made them: kube-system's kube-proxy DaemonSet (one pod per node, the control plane's included: it
 * tolerates everything), the db-migrate Job whose pod finishes as the demo starts, the `redis` StatefulSet of
 * `default` (redis-0 and redis-1, running for days), and the hourly `report` CronJob with the three finished
 * Jobs its history keeps. Pods that were there before the demo started are added steady (no lifecycle replay);
 * the controllers (./sim/) take over from there.
 */
import type { Container, KubeObject, Pod } from '../domain/wire.js';
import { prepareWorkloadCreate } from './api/workloadStrategy.js';
import { fnv1a } from './fnv.js';
import { DEMO_NODES } from './cluster.js';
import type { Cluster } from './cluster.js';
import type { Random } from './random.js';
import { daemonSetPod } from './sim/daemonSetController.js';
import { jobPod } from './sim/jobController.js';
import { statefulSetPod, statefulSetRevision } from './sim/statefulSetController.js';
import type { CronJob, DaemonSet, Job, StatefulSet } from './sim/workloadWire.js';
import { rfc3339 } from './store/objectStore.js';
import type { ResourceType } from './store/resourceTypes.js';
import { CRONJOBS, DAEMONSETS, JOBS, STATEFULSETS } from './store/workloadTypes.js';

/** Adds a pod that has been running since `startedAt` (or ran until `finishedAt`), as population.ts does. */
export type AddSteadyPod = (pod: Pod, nodeName: string, startedAt: number, finishedAt?: number) => void;

const HOUR = 3_600_000;

/** Stores a workload as the API server would have (defaults, generation), created at `created`. */
function createWorkload<T>(cluster: Cluster, type: ResourceType, manifest: KubeObject, created: number): T {
  const obj = prepareWorkloadCreate(type, manifest);
  return cluster.store.create(type, {
    ...obj,
    metadata: { ...obj.metadata, creationTimestamp: rfc3339(created) },
  }) as T;
}

/** kube-proxy, as kubeadm deploys it: host network, system-node-critical, tolerating every taint. */
export function seedKubeProxy(cluster: Cluster, since: number, rnd: Random, addSteady: AddSteadyPod): void {
  const labels = { 'k8s-app': 'kube-proxy' };
  const ds = createWorkload<DaemonSet>(
    cluster,
    DAEMONSETS,
    {
      metadata: { name: 'kube-proxy', namespace: 'kube-system', labels },
      spec: {
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [{ name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.32.0' }],
            hostNetwork: true,
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            priorityClassName: 'system-node-critical',
            tolerations: [{ operator: 'Exists' }],
          },
        },
      },
    },
    since,
  );
  for (const n of DEMO_NODES) {
    const pod = daemonSetPod(ds, n.name);
    addSteady(
      { ...pod, metadata: { ...pod.metadata, name: `kube-proxy-${rnd.suffix()}` } },
      n.name,
      since + 20_000,
    );
  }
}

/** The db-migrate Job of the seed pod `podName` (its uid is the pod's owner reference's); the pod's labels. */
export function seedMigrateJob(cluster: Cluster, uid: string, jobPodManifest: Pod): Record<string, string> {
  const job = createWorkload<Job>(
    cluster,
    JOBS,
    {
      metadata: { name: 'db-migrate', namespace: 'default', uid },
      // As the real control plane's seed (test/cluster/seed.ts) makes it: no retries.
      spec: { backoffLimit: 0, template: { spec: jobPodManifest.spec } },
    },
    cluster.now(),
  );
  return { ...job.spec!.template.metadata?.labels };
}

const REDIS: Container = {
  name: 'redis',
  image: 'redis:7',
  ports: [{ name: 'redis', containerPort: 6379 }],
};

/** `redis`, two replicas, running for two days. */
export function seedRedis(cluster: Cluster, now: number, addSteady: AddSteadyPod): void {
  const labels = { app: 'redis' };
  const created = now - 2 * 24 * HOUR;
  const sts = createWorkload<StatefulSet>(
    cluster,
    STATEFULSETS,
    {
      metadata: { name: 'redis', namespace: 'default', labels },
      spec: {
        replicas: 2,
        serviceName: 'redis',
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [REDIS] } },
      },
    },
    created,
  );
  const revision = statefulSetRevision(sts);
  for (let i = 0; i < 2; i++)
    addSteady(statefulSetPod(sts, i, revision), cluster.pickNode(), created + 5_000 + i * 8_000);
}

/** `report`, hourly `date`, with the three Jobs its history keeps (finished a few seconds after their hour). */
export function seedReport(cluster: Cluster, now: number, addSteady: AddSteadyPod): void {
  const created = now - 5 * HOUR;
  const cj = createWorkload<CronJob>(
    cluster,
    CRONJOBS,
    {
      metadata: { name: 'report', namespace: 'default' },
      spec: {
        schedule: '0 * * * *',
        jobTemplate: {
          spec: {
            template: {
              spec: {
                restartPolicy: 'OnFailure',
                containers: [{ name: 'report', image: 'busybox:1.36', command: ['date'] }],
              },
            },
          },
        },
      },
    },
    created,
  );
  const lastHour = Math.floor(now / HOUR) * HOUR;
  let lastDone = '';
  for (const at of [lastHour - 2 * HOUR, lastHour - HOUR, lastHour]) {
    const started = at + 400;
    const done = at + 3_000;
    lastDone = rfc3339(done);
    const job = createWorkload<Job>(
      cluster,
      JOBS,
      {
        metadata: {
          name: `report-${Math.floor(at / 60_000)}`,
          namespace: 'default',
          annotations: { 'batch.kubernetes.io/cronjob-scheduled-timestamp': rfc3339(at) },
          ownerReferences: [
            {
              apiVersion: 'batch/v1',
              kind: 'CronJob',
              name: 'report',
              uid: cj.metadata!.uid!,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        spec: structuredClone(cj.spec!.jobTemplate.spec!) as unknown as Record<string, unknown>,
      },
      at,
    );
    const message = 'Reached expected number of succeeded pods';
    const cond = (type: string) => ({
      type,
      status: 'True',
      reason: 'CompletionsReached',
      message,
      lastProbeTime: rfc3339(done),
      lastTransitionTime: rfc3339(done),
    });
    cluster.store.update(JOBS, 'default', job.metadata!.name!, (o) => {
      o['status'] = {
        completionTime: rfc3339(done),
        conditions: [cond('SuccessCriteriaMet'), cond('Complete')],
        ready: 0,
        startTime: rfc3339(started),
        succeeded: 1,
        terminating: 0,
        uncountedTerminatedPods: {},
      };
    });
    const pod = jobPod(job);
    addSteady(
      { ...pod, metadata: { ...pod.metadata, name: `${job.metadata!.name}-${suffixOf(at)}` } },
      cluster.pickNode(),
      started,
      done,
    );
  }
  cluster.store.update(CRONJOBS, 'default', 'report', (o) => {
    o['status'] = { lastScheduleTime: rfc3339(lastHour), lastSuccessfulTime: lastDone };
  });
}

/** A generated-looking five-character suffix, stable for a time (no draw from the seed's random sequence). */
function suffixOf(at: number): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let h = fnv1a(`report-${at}`);
  let s = '';
  for (let i = 0; i < 5; i++) {
    s += alphabet[h % alphabet.length];
    h = Math.floor(h / alphabet.length);
  }
  return s;
}
