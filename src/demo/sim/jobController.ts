/**
 * The Job controller as kube-controller-manager 1.32 runs it (pkg/controller/job/job_controller.go syncJob):
 * pods from the template (its labels carry `batch.kubernetes.io/job-name` and `controller-uid`), as many as
 * min(parallelism, completions − succeeded) at once; a failed pod counts against backoffLimit and is replaced
 * after the controller's back-off (10 s doubling, capped at 6 min); when succeeded reaches completions the Job
 * gets SuccessCriteriaMet then Complete (reason CompletionsReached) and a completionTime, and when failures exceed
 * backoffLimit FailureTarget then Failed (reason BackoffLimitExceeded) and its running pods are deleted.
 * Suspended Jobs make no pods. Status: active, ready, terminating, succeeded, failed, startTime, completionTime,
 * conditions, uncountedTerminatedPods — as a 1.32 server shows them. Terminated pods are counted once each
 * (by uid, in memory) rather than through the job-tracking finalizer, which the demo does not put on pods.
 */
import type { KubeObject, Pod } from '../../domain/wire.js';
import { rfc3339 } from '../store/objectStore.js';
import { PODS } from '../store/resourceTypes.js';
import { JOBS } from '../store/workloadTypes.js';
import type { ControllerHost } from './workloadBase.js';
import { isReady, isTerminating, ownerReference, WorkloadController } from './workloadBase.js';
import type { Job } from './workloadWire.js';

type Condition = NonNullable<NonNullable<Job['status']>['conditions']>[number];

const BACKOFF_MS = 10_000;
const MAX_BACKOFF_MS = 360_000;

function condition(type: string, reason: string, message: string, at: string): Condition {
  return { type, status: 'True', reason, message, lastProbeTime: at, lastTransitionTime: at };
}

export const isJobFinished = (j: Job): boolean =>
  (j.status?.conditions ?? []).some(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );

/** A pod from a Job's template, owned by it. */
export function jobPod(job: Job): Pod {
  const tpl = job.spec!.template;
  const { creationTimestamp: _created, ...tplMeta } = (tpl.metadata ?? {}) as NonNullable<Pod['metadata']>;
  return {
    metadata: {
      ...tplMeta,
      generateName: `${job.metadata!.name}-`,
      namespace: job.metadata!.namespace,
      ownerReferences: [ownerReference(job, 'batch/v1', 'Job')],
    },
    spec: structuredClone(tpl.spec!),
  };
}

export class JobController extends WorkloadController {
  /** The uids of terminated pods already counted, per Job uid. */
  private readonly counted = new Map<string, Set<string>>();
  /** When each Job may next create a pod after a failure. */
  private readonly backoffUntil = new Map<string, number>();

  constructor(host: ControllerHost) {
    super(host, JOBS, PODS, 'job-controller');
  }

  protected reconcile(namespace: string, name: string): void {
    const job = this.host.store.get(JOBS, namespace, name) as Job | undefined;
    if (!job?.spec) return;
    const uid = job.metadata!.uid!;
    const pods = this.owned(namespace, name) as Pod[];
    if (isJobFinished(job)) {
      for (const p of pods)
        if (!p.status?.phase || p.status.phase === 'Pending' || p.status.phase === 'Running')
          this.deleteChild(p);
      return;
    }
    const now = this.host.now();
    const seen = this.counted.get(uid) ?? new Set<string>();
    this.counted.set(uid, seen);
    let succeeded = job.status?.succeeded ?? 0;
    let failed = job.status?.failed ?? 0;
    let newFailure = false;
    for (const p of pods) {
      const puid = p.metadata?.uid ?? '';
      if (seen.has(puid)) continue;
      if (p.status?.phase === 'Succeeded') succeeded++;
      else if (p.status?.phase === 'Failed') {
        failed++;
        newFailure = true;
      } else continue;
      seen.add(puid);
    }
    const active = pods.filter(
      (p) => !isTerminating(p) && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
    );
    const completions = job.spec.completions;
    const parallelism = job.spec.parallelism ?? 1;
    const at = rfc3339(now);
    const conditions = [...(job.status?.conditions ?? [])];
    let completionTime: string | undefined;
    if (failed > (job.spec.backoffLimit ?? 6)) {
      const message = 'Job has reached the specified backoff limit';
      conditions.push(condition('FailureTarget', 'BackoffLimitExceeded', message, at));
      conditions.push(condition('Failed', 'BackoffLimitExceeded', message, at));
      this.event(job as KubeObject, 'Warning', 'BackoffLimitExceeded', message);
      for (const p of active) this.deleteChild(p);
    } else if (completions !== undefined && succeeded >= completions) {
      const message = 'Reached expected number of succeeded pods';
      conditions.push(condition('SuccessCriteriaMet', 'CompletionsReached', message, at));
      conditions.push(condition('Complete', 'CompletionsReached', message, at));
      completionTime = at;
      for (const p of active) this.deleteChild(p);
      this.event(job as KubeObject, 'Normal', 'Completed', 'Job completed');
    } else if (completions === undefined && succeeded > 0 && active.length === 0) {
      // Work-queue Jobs (no completions): done once one pod succeeded and none runs.
      const message = 'Reached expected number of succeeded pods';
      conditions.push(condition('SuccessCriteriaMet', 'CompletionsReached', message, at));
      conditions.push(condition('Complete', 'CompletionsReached', message, at));
      completionTime = at;
      this.event(job as KubeObject, 'Normal', 'Completed', 'Job completed');
    } else if (!job.spec.suspend) {
      if (newFailure) {
        const delay = Math.min(MAX_BACKOFF_MS, BACKOFF_MS * 2 ** Math.max(0, failed - 1));
        this.backoffUntil.set(uid, now + delay);
      }
      const until = this.backoffUntil.get(uid) ?? 0;
      const want = Math.min(parallelism, (completions ?? parallelism) - succeeded);
      if (until > now) this.mark(namespace, name, until - now);
      else for (let i = active.length; i < want; i++) this.createPod(jobPod(job));
    }
    const finished = conditions.some((c) => c.type === 'Complete' || c.type === 'Failed');
    const live = finished
      ? []
      : (this.owned(namespace, name) as Pod[]).filter(
          (p) => !isTerminating(p) && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
        );
    const status = {
      ...(live.length ? { active: live.length } : {}),
      ...((completionTime ?? job.status?.completionTime)
        ? { completionTime: completionTime ?? job.status?.completionTime }
        : {}),
      ...(conditions.length ? { conditions } : {}),
      ...(failed ? { failed } : {}),
      ready: live.filter(isReady).length,
      ...(job.spec.suspend && !job.status?.startTime ? {} : { startTime: job.status?.startTime ?? at }),
      ...(succeeded ? { succeeded } : {}),
      terminating: 0,
      uncountedTerminatedPods: {},
    };
    if (finished) this.counted.delete(uid);
    if (JSON.stringify(status) === JSON.stringify(job.status ?? {})) return;
    this.host.store.update(JOBS, namespace, name, (o) => {
      o['status'] = status;
    });
  }
}
