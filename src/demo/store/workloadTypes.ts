/**
 * The workload kinds beside Deployments and ReplicaSets: apps/v1 StatefulSets and DaemonSets, batch/v1 Jobs and
 * CronJobs, as a 1.32 kube-apiserver lists them in discovery (short names, the `all` category, the status
 * subresource, and `scale` for StatefulSets in group autoscaling/v1).
 */
import type { ResourceType } from './resourceTypes.js';

const ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const STATUS = ['get', 'patch', 'update'];

function workload(group: string, plural: string, kind: string, shortNames: string[]): ResourceType {
  return {
    group,
    version: 'v1',
    plural,
    singular: plural.slice(0, -1),
    kind,
    listKind: `${kind}List`,
    namespaced: true,
    shortNames,
    verbs: ALL,
    categories: ['all'],
    subresources: [{ name: 'status', kind, verbs: STATUS }],
  };
}

export const STATEFULSETS: ResourceType = {
  ...workload('apps', 'statefulsets', 'StatefulSet', ['sts']),
  subresources: [
    { name: 'scale', kind: 'Scale', verbs: STATUS, group: 'autoscaling', version: 'v1' },
    { name: 'status', kind: 'StatefulSet', verbs: STATUS },
  ],
};
export const DAEMONSETS = workload('apps', 'daemonsets', 'DaemonSet', ['ds']);
export const JOBS = workload('batch', 'jobs', 'Job', []);
export const CRONJOBS = workload('batch', 'cronjobs', 'CronJob', ['cj']);

export const WORKLOAD_TYPES = [STATEFULSETS, DAEMONSETS, JOBS, CRONJOBS];

/** Whether a type is one of these (their defaults, validation and generation are ../api/workloadStrategy.ts). */
export function isWorkloadType(t: ResourceType): boolean {
  return WORKLOAD_TYPES.includes(t);
}
