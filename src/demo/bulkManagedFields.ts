/**
 * The managedFields a generated pod carries, as a real cluster's pods carry them (the live clusters' dumps in
 * test/fixtures/pods/real-world/troubleshoot-*): `kube-controller-manager` (Update: the metadata and spec the
 * ReplicaSet controller created it with), now and then `kube-scheduler` (Update, status: the PodScheduled
 * condition of a pod that waited for a node), and `kubelet` (Update, status: the conditions it owns, the IPs,
 * phase and start time). The parts every replica shares are built once per template and shared, since stored
 * versions are never mutated.
 */
import type { Pod } from '../domain/wire.js';
import { flat } from './ids.js';

type ManagedFieldsEntry = NonNullable<NonNullable<Pod['metadata']>['managedFields']>[number];

type Fields = Record<string, unknown>;

const CONDITION_FIELDS = {
  '.': {},
  'f:lastProbeTime': {},
  'f:lastTransitionTime': {},
  'f:status': {},
  'f:type': {},
};

/** The kubelet's status fields but the IP-keyed ones, for a pod with these conditions. */
export function kubeletSharedFields(status: NonNullable<Pod['status']>): Fields {
  const conditions: Fields = { '.': {} };
  for (const c of status.conditions ?? []) {
    if (c.type !== 'PodScheduled') conditions[`k:{"type":"${c.type}"}`] = CONDITION_FIELDS;
  }
  return { 'f:conditions': conditions, 'f:containerStatuses': {}, 'f:hostIP': {} };
}

/** A field set's leaf (`{}`): one object for all, as stored objects are never changed. */
const LEAF = {};
const IP_FIELDS = { '.': LEAF, 'f:ip': LEAF };

const ipKey = (ip: string): Fields => ({ '.': LEAF, [flat('k:{"ip":"', ip, '"}')]: IP_FIELDS });

const nodeKeys = new Map<string, Fields>();

/** The same for every pod of a node. */
function hostIPKey(ip: string): Fields {
  let k = nodeKeys.get(ip);
  if (!k) nodeKeys.set(ip, (k = ipKey(ip)));
  return k;
}

/** The kubelet's entry for a pod at `podIP` on a node at `hostIP`. */
export function kubeletEntry(
  shared: Fields,
  hostIP: string,
  podIP: string,
  time: string,
): ManagedFieldsEntry {
  return {
    manager: 'kubelet',
    operation: 'Update',
    apiVersion: 'v1',
    time,
    fieldsType: 'FieldsV1',
    fieldsV1: {
      'f:status': {
        ...shared,
        'f:hostIPs': hostIPKey(hostIP),
        'f:phase': LEAF,
        'f:podIP': LEAF,
        'f:podIPs': ipKey(podIP),
        'f:startTime': LEAF,
      },
    },
    subresource: 'status',
  } as ManagedFieldsEntry;
}

const SCHEDULER_FIELDS = {
  'f:status': {
    'f:conditions': {
      '.': {},
      'k:{"type":"PodScheduled"}': { ...CONDITION_FIELDS, 'f:message': {}, 'f:reason': {} },
    },
  },
};

/** The scheduler's entry on a pod it once found no node for (its PodScheduled condition, Unschedulable). */
export function schedulerEntry(time: string): ManagedFieldsEntry {
  return {
    manager: 'kube-scheduler',
    operation: 'Update',
    apiVersion: 'v1',
    time,
    fieldsType: 'FieldsV1',
    fieldsV1: SCHEDULER_FIELDS,
    subresource: 'status',
  } as ManagedFieldsEntry;
}
