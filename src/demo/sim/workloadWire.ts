/** The workload kinds the demo's controllers keep, as they travel on the wire (see ../../domain/wire.ts). */
import type { V1CronJob, V1DaemonSet, V1Job, V1StatefulSet } from '@kubernetes/client-node';
import type { Wire } from '../../domain/wire.js';

export type StatefulSet = Wire<V1StatefulSet>;
export type DaemonSet = Wire<V1DaemonSet>;
export type Job = Wire<V1Job>;
export type CronJob = Wire<V1CronJob>;
