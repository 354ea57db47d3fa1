/**
 * The mutating admission plugins a new pod passes through on a real API server (Kubernetes v1.32, default plugins,
 * in their order): ServiceAccount (plugin/pkg/admission/serviceaccount/admission.go), Priority
 * (plugin/pkg/admission/priority/admission.go) and DefaultTolerationSeconds
 * (plugin/pkg/admission/defaulttolerationseconds/admission.go). NamespaceLifecycle, which answers 404 for a
 * namespace that does not exist, runs before them in the HTTP layer.
 *
 * The demo cluster serves no ServiceAccounts or PriorityClasses: each namespace has only its `default` account
 * (which leaves automounting on), and the classes are the two the API server creates itself.
 */
import type { Container, Pod } from '../../domain/wire.js';
import { randomSuffix } from '../store/objectStore.js';

type Spec = NonNullable<Pod['spec']>;
type Volume = NonNullable<Spec['volumes']>[number];
type VolumeMount = NonNullable<Container['volumeMounts']>[number];
type Toleration = NonNullable<Spec['tolerations']>[number];

/** Admission refused the pod: 403 Forbidden, `pods "name" is forbidden: <message>`. */
export class AdmissionError extends Error {}

const TOKEN_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const TOKEN_VOLUME_PREFIX = 'kube-api-access-';
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

/** The classes kube-apiserver bootstraps (pkg/apis/scheduling: SystemPriorityClasses). */
const PRIORITY_CLASSES: Record<string, number> = {
  'system-node-critical': 2_000_001_000,
  'system-cluster-critical': 2_000_000_000,
};

/** The projected volume the plugin adds (TokenVolumeSource): a token valid 3607 s, the cluster CA, the namespace. */
function tokenVolume(name: string): Volume {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        {
          downwardAPI: {
            items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
          },
        },
      ],
    },
  };
}

/**
 * ServiceAccount: names the `default` account when none is named, refuses an account that does not exist, and
 * unless automounting is off mounts the token at TOKEN_PATH in every init and app container that has nothing
 * mounted there yet — reusing a volume already named `kube-api-access-*`, else adding one with a random suffix
 * (and none when no container needed it). Ephemeral containers and mirror pods get nothing.
 */
function admitServiceAccount(pod: Pod, namespace: string): Pod {
  if (pod.metadata?.annotations?.[MIRROR_ANNOTATION] !== undefined) {
    if (pod.spec?.serviceAccountName)
      throw new AdmissionError('a mirror pod may not reference service accounts');
    return pod;
  }
  const spec = { ...pod.spec! };
  spec.serviceAccountName ||= 'default';
  if (spec.serviceAccountName !== 'default') {
    throw new AdmissionError(
      `error looking up service account ${namespace}/${spec.serviceAccountName}: serviceaccount "${spec.serviceAccountName}" not found`,
    );
  }
  if (spec.automountServiceAccountToken === false) return { ...pod, spec };
  const existing = spec.volumes?.find((v) => v.name.startsWith(TOKEN_VOLUME_PREFIX));
  const volumeName = existing?.name ?? `${TOKEN_VOLUME_PREFIX}${randomSuffix()}`;
  const mount: VolumeMount = { name: volumeName, readOnly: true, mountPath: TOKEN_PATH };
  let needsVolume = false;
  const withMount = (c: Container): Container => {
    if (c.volumeMounts?.some((m) => m.mountPath === TOKEN_PATH)) return c;
    needsVolume = true;
    return { ...c, volumeMounts: [...(c.volumeMounts ?? []), mount] };
  };
  if (spec.initContainers) spec.initContainers = spec.initContainers.map(withMount);
  if (spec.containers) spec.containers = spec.containers.map(withMount);
  if (!existing && needsVolume) spec.volumes = [...(spec.volumes ?? []), tokenVolume(volumeName)];
  return { ...pod, spec };
}

/**
 * Priority: the named class's value (no default class exists, so 0 and PreemptLowerPriority without one); a
 * class that does not exist, or a priority in the spec that contradicts the class, is refused.
 */
function admitPriority(pod: Pod): Pod {
  const spec = { ...pod.spec! };
  const className = spec.priorityClassName;
  let priority = 0;
  if (className) {
    const value = PRIORITY_CLASSES[className];
    if (value === undefined) throw new AdmissionError(`no PriorityClass with name ${className} was found`);
    priority = value;
  }
  if (spec.priority !== undefined && spec.priority !== priority) {
    throw new AdmissionError(
      `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`,
    );
  }
  spec.priority = priority;
  // Every class here, and the no-class default, preempts lower priorities.
  const policy = 'PreemptLowerPriority';
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== policy) {
    throw new AdmissionError(
      `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`,
    );
  }
  spec.preemptionPolicy = policy;
  return { ...pod, spec };
}

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';

/** DefaultTolerationSeconds: tolerate a not-ready or unreachable node for 300 s unless a toleration already does. */
function admitTolerationSeconds(pod: Pod): Pod {
  const own = pod.spec?.tolerations ?? [];
  const tolerates = (key: string) =>
    own.some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect));
  const added: Toleration[] = [];
  for (const key of [NOT_READY, UNREACHABLE]) {
    if (!tolerates(key)) added.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  if (added.length === 0) return pod;
  return { ...pod, spec: { ...pod.spec!, tolerations: [...own, ...added] } };
}

/** A new pod after the mutating admission plugins; throws AdmissionError when one refuses it. */
export function admitPod(pod: Pod, namespace: string): Pod {
  return admitTolerationSeconds(admitPriority(admitServiceAccount(pod, namespace)));
}
