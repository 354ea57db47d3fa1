/**
 * The Table columns and cells of StatefulSets, DaemonSets, Jobs and CronJobs as a 1.32 API server prints them
 * (pkg/printers/internalversion/printers.go: printStatefulSet, printDaemonSet, printJob, printCronJob; the
 * descriptions are the server's, taken from its answers). Wide columns (priority 1) are always filled.
 */
import type { KubeObject } from '../../domain/wire.js';
import { age, humanDuration, parseTimestamp } from '../../domain/duration.js';
import { formatLabelSelector } from '../../domain/describe/metadata.js';
import type { CronJob, DaemonSet, Job, StatefulSet } from '../sim/workloadWire.js';

interface Column {
  name: string;
  type: 'string' | 'integer' | 'boolean';
  format: string;
  description: string;
  priority: number;
}

const col = (name: string, description: string, priority = 0, type: Column['type'] = 'string'): Column => ({
  name,
  type,
  format: '',
  description,
  priority,
});

const NAME: Column = {
  ...col(
    'Name',
    'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  ),
  format: 'name',
};
const AGE = col(
  'Age',
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
);
const CONTAINERS = col('Containers', 'Names of each container in the template.', 1);
const IMAGES = col('Images', 'Images referenced by each container in the template.', 1);
const JOB_SELECTOR =
  'A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors';

function namesAndImages(
  spec: { containers?: { name: string; image?: string }[] } | undefined,
): [string, string] {
  const cs = spec?.containers ?? [];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image ?? '').join(',')];
}

/** labels.FormatLabels: `k=v` pairs sorted by key, `<none>` for none. */
function formatLabels(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${m![k]}`).join(',') : '<none>';
}

interface Printer {
  columns: Column[];
  cells(o: KubeObject, now: number): (string | number)[];
}

const statefulSetPrinter: Printer = {
  columns: [NAME, col('Ready', 'Number of the pod with ready state'), AGE, CONTAINERS, IMAGES],
  cells(o, now) {
    const s = o as StatefulSet;
    const [names, images] = namesAndImages(s.spec?.template.spec);
    const ready = `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 1}`;
    return [s.metadata?.name ?? '', ready, age(s.metadata?.creationTimestamp, now), names, images];
  },
};

const daemonSetPrinter: Printer = {
  columns: [
    NAME,
    col(
      'Desired',
      'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod). More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/',
      0,
      'integer',
    ),
    col(
      'Current',
      'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod. More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/',
      0,
      'integer',
    ),
    col(
      'Ready',
      'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.',
      0,
      'integer',
    ),
    col('Up-to-date', 'The total number of nodes that are running updated daemon pod', 0, 'integer'),
    col(
      'Available',
      'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)',
      0,
      'integer',
    ),
    col(
      'Node Selector',
      "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/",
    ),
    AGE,
    CONTAINERS,
    IMAGES,
    col(
      'Selector',
      'A label query over pods that are managed by the daemon set. Must match in order to be controlled. If empty, defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
      1,
    ),
  ],
  cells(o, now) {
    const d = o as DaemonSet;
    const st = d.status;
    const [names, images] = namesAndImages(d.spec?.template.spec);
    return [
      d.metadata?.name ?? '',
      st?.desiredNumberScheduled ?? 0,
      st?.currentNumberScheduled ?? 0,
      st?.numberReady ?? 0,
      st?.updatedNumberScheduled ?? 0,
      st?.numberAvailable ?? 0,
      formatLabels(d.spec?.template.spec?.nodeSelector),
      age(d.metadata?.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(d.spec?.selector),
    ];
  },
};

const hasCondition = (j: Job, type: string): boolean =>
  (j.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');

/** printJob's STATUS: the first of these that holds. */
function jobStatus(j: Job): string {
  if (hasCondition(j, 'Complete')) return 'Complete';
  if (hasCondition(j, 'Failed')) return 'Failed';
  if (j.metadata?.deletionTimestamp) return 'Terminating';
  if (hasCondition(j, 'Suspended')) return 'Suspended';
  if (hasCondition(j, 'FailureTarget')) return 'FailureTarget';
  if (hasCondition(j, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

function jobCompletions(j: Job): string {
  const succeeded = j.status?.succeeded ?? 0;
  if (j.spec?.completions !== undefined) return `${succeeded}/${j.spec.completions}`;
  const parallelism = j.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function jobDuration(j: Job, now: number): string {
  const start = parseTimestamp(j.status?.startTime);
  if (start === undefined) return '';
  const end = parseTimestamp(j.status?.completionTime) ?? now;
  return humanDuration(end - start);
}

const jobPrinter: Printer = {
  columns: [
    NAME,
    col('Status', 'Status of the job.'),
    col(
      'Completions',
      'The number of pods which reached phase Succeeded. The value increases monotonically for a given spec. However, it may decrease in reaction to scale down of elastic indexed jobs.',
    ),
    col('Duration', 'Time required to complete the job.'),
    AGE,
    CONTAINERS,
    IMAGES,
    col('Selector', JOB_SELECTOR, 1),
  ],
  cells(o, now) {
    const j = o as Job;
    const [names, images] = namesAndImages(j.spec?.template.spec);
    return [
      j.metadata?.name ?? '',
      jobStatus(j),
      jobCompletions(j),
      jobDuration(j, now),
      age(j.metadata?.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(j.spec?.selector),
    ];
  },
};

const cronJobPrinter: Printer = {
  columns: [
    NAME,
    col('Schedule', 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'),
    col(
      'Timezone',
      'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones. If not specified, this will default to the time zone of the kube-controller-manager process. The set of valid time zone names and the time zone offset is loaded from the system-wide time zone database by the API server during CronJob validation and the controller manager during execution. If no system-wide time zone database can be found a bundled version of the database is used instead. If the time zone name becomes invalid during the lifetime of a CronJob or due to a change in host configuration, the controller will stop creating new new Jobs and will create a system event with the reason UnknownTimeZone. More information can be found in https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones',
    ),
    col(
      'Suspend',
      'This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false.',
      0,
      'boolean',
    ),
    col('Active', 'A list of pointers to currently running jobs.', 0, 'integer'),
    col('Last Schedule', 'Information when was the last time the job was successfully scheduled.'),
    AGE,
    CONTAINERS,
    IMAGES,
    col('Selector', JOB_SELECTOR, 1),
  ],
  cells(o, now) {
    const c = o as CronJob;
    const [names, images] = namesAndImages(c.spec?.jobTemplate.spec?.template.spec);
    const last = c.status?.lastScheduleTime;
    const suspend = c.spec?.suspend;
    return [
      c.metadata?.name ?? '',
      c.spec?.schedule ?? '',
      c.spec?.timeZone ?? '<none>',
      // printBoolPtr: the word, or <unset>.
      suspend === undefined ? '<unset>' : suspend ? 'True' : 'False',
      c.status?.active?.length ?? 0,
      last ? age(last, now) : '<none>',
      age(c.metadata?.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(c.spec?.jobTemplate.spec?.selector),
    ];
  },
};

export const WORKLOAD_PRINTERS: Readonly<Record<string, Printer>> = {
  statefulsets: statefulSetPrinter,
  daemonsets: daemonSetPrinter,
  jobs: jobPrinter,
  cronjobs: cronJobPrinter,
};
