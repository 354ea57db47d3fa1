/**
 * What the API server's defaulting and admission add to a new pod, so that `kubectl get pod -o yaml` and
 * `describe` show the same fields they show on a real cluster: restart policy, DNS policy, the projected
 * service-account volume, the not-ready/unreachable tolerations, QoS class.
 */
import { randomBytes } from 'node:crypto';
import type { Container, Pod } from '../../domain/wire.js';

/** `Always` for `:latest` or untagged images, else `IfNotPresent`: the API server's rule. */
export function defaultPullPolicy(image: string): string {
  const last = image.split('/').pop() ?? image;
  if (image.includes('@')) return 'IfNotPresent';
  if (!last.includes(':') || last.endsWith(':latest')) return 'Always';
  return 'IfNotPresent';
}

function defaultContainer(c: Container, volumeName: string): Container {
  return {
    ...c,
    imagePullPolicy: c.imagePullPolicy ?? defaultPullPolicy(c.image ?? ''),
    resources: c.resources ?? {},
    terminationMessagePath: c.terminationMessagePath ?? '/dev/termination-log',
    terminationMessagePolicy: c.terminationMessagePolicy ?? 'File',
    volumeMounts: [
      ...(c.volumeMounts ?? []),
      { name: volumeName, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' },
    ],
    ...(c.ports ? { ports: c.ports.map((p) => ({ ...p, protocol: p.protocol ?? 'TCP' })) } : {}),
  };
}

/** Guaranteed / Burstable / BestEffort, from the containers' requests and limits. */
export function qosClass(pod: Pod): string {
  const cs = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  let any = false;
  let guaranteed = cs.length > 0;
  for (const c of cs) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      const l = lim[r];
      const q = req[r] ?? l;
      if (!l || q !== l) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** Returns a defaulted copy of a pod as submitted by a client. */
export function withPodDefaults(pod: Pod): Pod {
  const volumeName = `kube-api-access-${randomBytes(3).toString('hex').slice(0, 5)}`;
  const spec = pod.spec!;
  const out: Pod = {
    ...pod,
    spec: {
      ...spec,
      containers: spec.containers.map((c) => defaultContainer(c, volumeName)),
      ...(spec.initContainers
        ? { initContainers: spec.initContainers.map((c) => defaultContainer(c, volumeName)) }
        : {}),
      restartPolicy: spec.restartPolicy ?? 'Always',
      terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds ?? 30,
      dnsPolicy: spec.dnsPolicy ?? 'ClusterFirst',
      serviceAccountName: spec.serviceAccountName ?? 'default',
      serviceAccount: spec.serviceAccountName ?? 'default',
      securityContext: spec.securityContext ?? {},
      schedulerName: spec.schedulerName ?? 'default-scheduler',
      enableServiceLinks: spec.enableServiceLinks ?? true,
      preemptionPolicy: spec.preemptionPolicy ?? 'PreemptLowerPriority',
      priority: spec.priority ?? 0,
      tolerations: spec.tolerations ?? [
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
      ],
      volumes: [
        ...(spec.volumes ?? []),
        {
          name: volumeName,
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
              {
                downwardAPI: {
                  items: [
                    { path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } },
                  ],
                },
              },
            ],
          },
        },
      ],
    },
  };
  out.status = { phase: 'Pending', qosClass: qosClass(out) };
  return out;
}

/** Why a submitted pod is invalid (the API server's field-error wording), or undefined when it is fine. */
export function validatePod(pod: Pod): string | undefined {
  const name = pod.metadata?.name ?? pod.metadata?.generateName ?? '';
  const errs: string[] = [];
  if (!pod.spec) errs.push('spec: Required value');
  const containers = pod.spec?.containers ?? [];
  if (pod.spec && containers.length === 0) errs.push('spec.containers: Required value');
  const seen = new Set<string>();
  for (const [i, c] of [...containers, ...(pod.spec?.initContainers ?? [])].entries()) {
    const field =
      i < containers.length ? `spec.containers[${i}]` : `spec.initContainers[${i - containers.length}]`;
    if (!c.name) errs.push(`${field}.name: Required value`);
    else if (seen.has(c.name)) errs.push(`${field}.name: Duplicate value: "${c.name}"`);
    else seen.add(c.name);
    if (!c.image) errs.push(`${field}.image: Required value`);
  }
  const n = pod.metadata?.name;
  if (n && !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(n)) {
    errs.push(
      `metadata.name: Invalid value: "${n}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
    );
  }
  if (errs.length === 0) return undefined;
  return `Pod "${name}" is invalid: ${errs.length === 1 ? errs[0] : '[' + errs.join(', ') + ']'}`;
}
