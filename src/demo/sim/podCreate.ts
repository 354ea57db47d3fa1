/**
 * A pod create as kube-apiserver 1.32 carries it out, step by step (staging/src/k8s.io/apiserver/pkg/endpoints/
 * handlers/create.go, pkg/registry/generic/registry/store.go, pkg/registry/core/pod/strategy.go): decode with
 * defaults; record the request's field manager; the mutating admission plugins; a name from generateName; the
 * strategy's PrepareForCreate (status reset to Pending with the QoS class, the SchedulingGated condition);
 * validation; the storage's refusal of a resourceVersion. What is refused is thrown as the StoreError the HTTP
 * layer answers with. Existence (409) is the store's to check.
 */
import type { Pod } from '../../domain/wire.js';
import { managedFieldsEntry } from '../api/managedFields.js';
import { wireOrder } from '../api/podWire.js';
import { randomSuffix, rfc3339, StoreError } from '../store/objectStore.js';
import { invalidStatus } from './fieldErrors.js';
import { AdmissionError, admitPod } from './podAdmission.js';
import { defaultPod, withDeprecatedServiceAccount } from './podDefaults.js';
import { qosClass } from './podQos.js';
import { validatePodCreate } from './podValidation.js';
import { podCreateWarnings } from './podWarnings.js';

type ManagedFieldsEntry = NonNullable<NonNullable<Pod['metadata']>['managedFields']>[number];

export interface PodCreateOptions {
  /** The field manager to record (none: no managedFields, for pods the demo makes up itself). */
  manager?: string;
  now: number;
  /** false: skip working out the warnings (nobody reads them). */
  warnings?: boolean;
}

export interface PreparedPod {
  pod: Pod;
  /** What the API server sends back as `Warning` headers. */
  warnings: string[];
}

/** PrepareForCreate's status: Pending, the QoS class (one the client sent is kept), and SchedulingGated. */
function initialStatus(pod: Pod, sent: Pod['status'], now: number): Pod['status'] {
  const status: NonNullable<Pod['status']> = { phase: 'Pending', qosClass: sent?.qosClass || qosClass(pod) };
  if (pod.spec?.schedulingGates?.length) {
    status.conditions = [
      {
        type: 'PodScheduled',
        status: 'False',
        reason: 'SchedulingGated',
        message: 'Scheduling is blocked due to non-empty scheduling gates',
        // The wire has null here (an unset metav1.Time); client-node's type has no null.
        lastProbeTime: null as unknown as undefined,
        lastTransitionTime: rfc3339(now),
      },
    ];
  }
  return status;
}

/** The pod a create stores (and answers with), or the StoreError a real server would refuse it with. */
export function preparePodCreate(input: Pod, namespace: string, opts: PodCreateOptions): PreparedPod {
  let pod = defaultPod(input);
  pod.metadata = { ...pod.metadata, namespace };
  if (opts.manager) {
    const entry = managedFieldsEntry(
      withDeprecatedServiceAccount(pod) as Record<string, unknown>,
      opts.manager,
      'v1',
      rfc3339(opts.now),
      true,
    );
    const { managedFields: _sent, ...meta } = pod.metadata;
    pod.metadata = entry ? { ...meta, managedFields: [entry as ManagedFieldsEntry] } : meta;
  }
  // Admission names the pod by the request's name, which for generateName is the prefix.
  const requestName = pod.metadata.name || pod.metadata.generateName || '';
  try {
    pod = admitPod(pod, namespace);
  } catch (e) {
    if (!(e instanceof AdmissionError)) throw e;
    throw new StoreError(
      403,
      'Forbidden',
      `pods "${requestName}" is forbidden: ${e.message}`,
      undefined,
      requestName,
    );
  }
  const generateName = pod.metadata?.generateName;
  if (!pod.metadata?.name && generateName) {
    pod.metadata = { ...pod.metadata, name: `${generateName.slice(0, 58)}${randomSuffix()}` };
  }
  pod.status = initialStatus(pod, input.status, opts.now);
  const errors = validatePodCreate(pod);
  const name = pod.metadata?.name ?? '';
  if (errors.length > 0) {
    const { message, causes } = invalidStatus('Pod', name, errors);
    throw new StoreError(422, 'Invalid', message, causes, name);
  }
  if (input.metadata?.resourceVersion) {
    throw new StoreError(500, 'InternalError', 'resourceVersion should not be set on objects to be created');
  }
  const out = wireOrder({ kind: 'Pod', apiVersion: 'v1', ...withDeprecatedServiceAccount(pod) }) as Pod;
  return { pod: out, warnings: opts.warnings === false ? [] : podCreateWarnings(pod) };
}
