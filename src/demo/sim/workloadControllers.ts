/**
 * The workload controllers of the demo's kube-controller-manager beside the ReplicaSet controller: StatefulSet,
 * DaemonSet, Job and CronJob, each acting through the cluster as the real ones act through the API.
 */
import type { KubeObject } from '../../domain/wire.js';
import type { Cluster } from '../cluster.js';
import { managedFieldsEntry } from '../api/managedFields.js';
import { prepareWorkloadCreate } from '../api/workloadStrategy.js';
import { rfc3339, StoreError } from '../store/objectStore.js';
import { JOBS } from '../store/workloadTypes.js';
import { CronJobController } from './cronJobController.js';
import { DaemonSetController } from './daemonSetController.js';
import { JobController } from './jobController.js';
import { StatefulSetController } from './statefulSetController.js';
import type { ControllerHost } from './workloadBase.js';

const MANAGER = 'kube-controller-manager';

export class WorkloadControllers {
  readonly statefulSets: StatefulSetController;
  readonly daemonSets: DaemonSetController;
  readonly jobs: JobController;
  readonly cronJobs: CronJobController;

  constructor(cluster: Cluster) {
    const host: ControllerHost = {
      store: cluster.store,
      scheduler: cluster.scheduler,
      now: () => cluster.now(),
      createPod: (pod) => cluster.createPod(pod, MANAGER),
      deletePod: (namespace, name) => {
        try {
          cluster.deletePod(namespace, name, undefined);
        } catch (e) {
          if (!(e instanceof StoreError)) throw e;
        }
      },
      event: (object, type, reason, message, component) =>
        cluster.events.record(object, type, reason, message, { component }),
      createJob: (job) => {
        const obj = prepareWorkloadCreate(JOBS, job);
        const entry = managedFieldsEntry(obj as never, MANAGER, 'batch/v1', rfc3339(cluster.now()));
        return cluster.store.create(JOBS, {
          ...obj,
          metadata: { ...obj.metadata, ...(entry ? { managedFields: [entry as never] } : {}) },
        } as KubeObject);
      },
    };
    this.statefulSets = new StatefulSetController(host);
    this.daemonSets = new DaemonSetController(host);
    this.jobs = new JobController(host);
    this.cronJobs = new CronJobController(host);
  }

  close(): void {
    this.statefulSets.close();
    this.daemonSets.close();
    this.jobs.close();
    this.cronJobs.close();
  }
}
