/**
 * The CronJob controller as kube-controller-manager 1.32 runs it (pkg/controller/cronjob/cronjob_controllerv2.go
 * syncCronJob, utils.go getJobFromTemplate2 / mostRecentScheduleTime): at each scheduled time (./cron.ts, UTC)
 * it makes a Job named `NAME-<scheduled time in minutes since the epoch>` from the job template, owned by the
 * CronJob and annotated `batch.kubernetes.io/cronjob-scheduled-timestamp`; of several missed times only the
 * latest runs, and none older than startingDeadlineSeconds. concurrencyPolicy Forbid skips a time while a Job
 * runs, Replace deletes the running ones first; a suspended CronJob makes none. Status: active (references to
 * running Jobs), lastScheduleTime, lastSuccessfulTime. Finished Jobs beyond successfulJobsHistoryLimit /
 * failedJobsHistoryLimit are deleted, oldest first (with their pods).
 */
import type { KubeObject } from '../../domain/wire.js';
import { parseTimestamp } from '../../domain/duration.js';
import type { Scheduled } from '../store/scheduler.js';
import { rfc3339, StoreError } from '../store/objectStore.js';
import { CRONJOBS, JOBS } from '../store/workloadTypes.js';
import { parseCron } from './cron.js';
import { isJobFinished } from './jobController.js';
import type { ControllerHost } from './workloadBase.js';
import { ownerReference, WorkloadController } from './workloadBase.js';
import type { CronJob, Job } from './workloadWire.js';

/** How often schedules are checked (the controller requeues for the next time; a second is close enough). */
const TICK_MS = 1000;
const WEEK_MS = 7 * 86_400_000;

const jobSucceeded = (j: Job): boolean =>
  (j.status?.conditions ?? []).some((c) => c.type === 'Complete' && c.status === 'True');

export class CronJobController extends WorkloadController {
  private readonly ticker: Scheduled;

  constructor(host: ControllerHost) {
    super(host, CRONJOBS, JOBS, 'cronjob-controller');
    this.ticker = host.scheduler.every(TICK_MS, () => {
      for (const cj of host.store.list(CRONJOBS)) this.mark(cj.metadata!.namespace!, cj.metadata!.name!);
    });
  }

  override close(): void {
    this.ticker.cancel();
    super.close();
  }

  protected override childMessage(verb: 'create' | 'delete', child: string): string {
    return verb === 'create' ? `Created job ${child}` : `Deleted job ${child}`;
  }

  protected reconcile(namespace: string, name: string): void {
    const cj = this.host.store.get(CRONJOBS, namespace, name) as CronJob | undefined;
    if (!cj?.spec) return;
    const jobs = this.owned(namespace, name) as Job[];
    let active = jobs.filter((j) => !isJobFinished(j) && !j.metadata?.deletionTimestamp);
    let lastSchedule = cj.status?.lastScheduleTime;
    const due = this.dueTime(cj);
    if (due !== undefined && !cj.spec.suspend) {
      const policy = cj.spec.concurrencyPolicy ?? 'Allow';
      if (policy === 'Replace') {
        for (const j of active) this.deleteChild(j as KubeObject);
        active = [];
      }
      if (policy !== 'Forbid' || active.length === 0) {
        const job = this.createJob(cj, due);
        if (job) active = [...active, job];
      }
      lastSchedule = rfc3339(due);
    }
    this.trimHistory(cj, jobs);
    const succeeded = jobs
      .filter(jobSucceeded)
      .map((j) => j.status?.completionTime)
      .filter((t): t is string => !!t)
      .sort();
    const lastSuccessful = succeeded.at(-1) ?? cj.status?.lastSuccessfulTime;
    const status = {
      ...(active.length
        ? {
            active: active.map((j) => ({
              kind: 'Job',
              namespace,
              name: j.metadata!.name!,
              uid: j.metadata!.uid!,
              apiVersion: 'batch/v1',
              resourceVersion: j.metadata!.resourceVersion!,
            })),
          }
        : {}),
      ...(lastSchedule ? { lastScheduleTime: lastSchedule } : {}),
      ...(lastSuccessful ? { lastSuccessfulTime: lastSuccessful } : {}),
    };
    if (JSON.stringify(status) === JSON.stringify(cj.status ?? {})) return;
    this.host.store.update(CRONJOBS, namespace, name, (o) => {
      o['status'] = status;
    });
  }

  /** The latest scheduled time not yet run, if it is due and within the starting deadline. */
  private dueTime(cj: CronJob): number | undefined {
    const schedule = parseCron(cj.spec!.schedule);
    if (typeof schedule === 'string') return undefined;
    const now = this.host.now();
    // Missed times are walked from the last one (or the creation), at most a week back.
    const since = Math.max(
      now - WEEK_MS,
      parseTimestamp(cj.status?.lastScheduleTime) ?? parseTimestamp(cj.metadata?.creationTimestamp) ?? now,
    );
    let latest: number | undefined;
    for (let t = schedule.next(since); t !== undefined && t <= now; t = schedule.next(t)) latest = t;
    if (latest === undefined) return undefined;
    const deadline = cj.spec!.startingDeadlineSeconds;
    if (deadline !== undefined && latest < now - deadline * 1000) return undefined;
    return latest;
  }

  private createJob(cj: CronJob, scheduled: number): Job | undefined {
    const tpl = cj.spec!.jobTemplate;
    const { creationTimestamp: _created, ...tplMeta } = (tpl.metadata ?? {}) as NonNullable<Job['metadata']>;
    const job: Job = {
      metadata: {
        ...tplMeta,
        name: `${cj.metadata!.name}-${Math.floor(scheduled / 60_000)}`,
        namespace: cj.metadata!.namespace,
        annotations: {
          ...tplMeta.annotations,
          'batch.kubernetes.io/cronjob-scheduled-timestamp': rfc3339(scheduled),
        },
        ownerReferences: [ownerReference(cj, 'batch/v1', 'CronJob')],
      },
      spec: structuredClone(tpl.spec!),
    };
    try {
      const created = this.host.createJob(job as KubeObject) as Job;
      this.event(
        cj as KubeObject,
        'Normal',
        'SuccessfulCreate',
        this.childMessage('create', created.metadata!.name!),
      );
      return created;
    } catch (e) {
      // AlreadyExists (the controller's own earlier Job) or a terminating namespace: nothing to add.
      if (e instanceof StoreError) return undefined;
      throw e;
    }
  }

  private trimHistory(cj: CronJob, jobs: Job[]): void {
    const start = (j: Job): number =>
      parseTimestamp(j.status?.startTime ?? j.metadata?.creationTimestamp) ?? 0;
    const trim = (list: Job[], limit: number | undefined): void => {
      if (limit === undefined) return;
      const sorted = [...list].sort((a, b) => start(a) - start(b));
      for (const j of sorted.slice(0, Math.max(0, sorted.length - limit))) this.deleteChild(j as KubeObject);
    };
    const finished = jobs.filter(isJobFinished);
    trim(finished.filter(jobSucceeded), cj.spec!.successfulJobsHistoryLimit);
    trim(
      finished.filter((j) => !jobSucceeded(j)),
      cj.spec!.failedJobsHistoryLimit,
    );
  }
}
