/**
 * The confirm of an owner action (`:restart`, `:scale N`): it names the workload, what changes and how, and
 * starts on Cancel (a restart replaces every pod and cannot be taken back; Enter alone changes nothing).
 */
import type { PodRef } from './views.js';

/** A workload as the API names it: enough to address it again (its URL) and to name it (kubectl's words). */
export interface WorkloadRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  /** The object's URL path. */
  readonly path: string;
  /** `deployments`, `statefulsets`… and its group, for access reviews and kubectl's `deployments.apps/web-app`. */
  readonly resource: string;
  readonly group: string;
}

export interface OwnerActionDialog {
  readonly kind: 'ownerAction';
  readonly action: 'restart' | 'scale';
  /** The pod the action was asked from. */
  readonly pod: PodRef;
  readonly target: WorkloadRef;
  /** Scale: the replicas now and wanted. */
  readonly from?: number;
  readonly to?: number;
  readonly focus: 'cancel' | 'confirm';
}
