/**
 * The one-off client pod of the reach probe, as `kubectl run --rm -it client-pod --image=curlimages/curl` makes
 * one (seed 001), made safe to leave behind: it sleeps (the probe execs into it), never restarts, stops at once
 * when deleted (grace 0), carries no service-account token, asks for little CPU and memory (so a namespace with a
 * LimitRange or a ResourceQuota that requires them accepts it), passes the "restricted" Pod Security level (non-root,
 * no privilege escalation, no capabilities, RuntimeDefault seccomp) and ends on its own after
 * `activeDeadlineSeconds` even if podscope is killed with SIGKILL. Its labels say who made it and why, which is
 * how a later run finds leftovers.
 */
import type { Pod } from '../wire.js';

/** The image `kubectl run` uses in seed 001. */
export const DEFAULT_CLIENT_IMAGE = 'curlimages/curl';
/** The pod ends (phase Failed, DeadlineExceeded) this long after it started, whatever happens to podscope. */
export const CLIENT_DEADLINE_SECONDS = 300;
/** Longer than the deadline: the deadline, not the sleep, ends a forgotten pod. */
const SLEEP_SECONDS = 3600;

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const COMPONENT_LABEL = 'app.kubernetes.io/component';
export const CLIENT_COMPONENT = 'reach-client';
/** `app.kubernetes.io/managed-by=podscope,app.kubernetes.io/component=reach-client`. */
export const CLIENT_SELECTOR = `${MANAGED_BY_LABEL}=podscope,${COMPONENT_LABEL}=${CLIENT_COMPONENT}`;
/** Which pod the client was made to reach (for whoever finds it with kubectl). */
export const TARGET_ANNOTATION = 'podscope.dev/reach-target';

/**
 * The client pod's manifest.
 * @param namespace the target's namespace
 * @param name `podscope-reach-<random>`
 * @param image the client image (curl and busybox nc)
 * @param target the pod it is made to reach
 */
export function clientPodManifest(namespace: string, name: string, image: string, target: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      labels: { [MANAGED_BY_LABEL]: 'podscope', [COMPONENT_LABEL]: CLIENT_COMPONENT },
      annotations: { [TARGET_ANNOTATION]: target },
    },
    spec: {
      restartPolicy: 'Never',
      terminationGracePeriodSeconds: 0,
      activeDeadlineSeconds: CLIENT_DEADLINE_SECONDS,
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      securityContext: { runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        {
          name: 'client',
          image,
          // A node that has the image uses it (no registry round trip for :latest, and air-gapped nodes work).
          imagePullPolicy: 'IfNotPresent',
          command: ['sleep', String(SLEEP_SECONDS)],
          resources: {
            requests: { cpu: '10m', memory: '16Mi' },
            limits: { cpu: '100m', memory: '32Mi' },
          },
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
        },
      ],
    },
  };
}

/**
 * Whether a client pod found by `CLIENT_SELECTOR` is a leftover another run may delete: it has ended, or its
 * deadline has passed (a live run's pod is younger than its deadline, so two podscopes never delete each other's
 * pod in use).
 * @param pod a pod carrying the client labels
 * @param now epoch milliseconds
 */
export function isLeftover(pod: Pod, now: number): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') return true;
  const since = Date.parse(pod.status?.startTime ?? pod.metadata?.creationTimestamp ?? '');
  const deadline = pod.spec?.activeDeadlineSeconds ?? CLIENT_DEADLINE_SECONDS;
  return Number.isFinite(since) && now - since > deadline * 1000;
}
