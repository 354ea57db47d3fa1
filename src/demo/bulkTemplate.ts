/**
 * The pod template of a generated Deployment (`--pods N`), as big as the pods of real clusters: the dumps in
 * test/fixtures/pods/real-world/ that carry managedFields (live clusters' pods: troubleshoot's, a kotsadm pod)
 * are 3.4–14 KB of JSON, median 4.4 KB, of which managedFields are 1.1–6.7 KB. So a generated pod has what a
 * Helm chart's Deployment gives its pods — the recommended `app.kubernetes.io/*` labels and `helm.sh/chart`,
 * checksum and Prometheus annotations, env (plain, from the downward API, from a Secret), probes, requests and limits, the pod's security context, a ConfigMap volume — and
 * the managedFields of its managers (population.ts). Seeded: the same --seed gives the same cluster.
 */
import type { Container, KubeObject } from '../domain/wire.js';
import type { Random } from './random.js';

export interface BulkImage {
  image: string;
  port?: number;
}

type PodSpec = NonNullable<NonNullable<KubeObject['spec']>>;

export interface BulkTemplate {
  /** The Deployment's labels (also the pods', with the selector's `app`). */
  labels: Record<string, string>;
  /** The pods' annotations. */
  annotations: Record<string, string>;
  containers: Container[];
  /** The rest of the pod spec: volumes, service account, security context, grace period. */
  spec: PodSpec;
  /**
   * What decides the pod's form beyond its values — the container's name and image (ports, pull policy) and
   * which labels and annotations it has: templates of one shape differ only in values (bulkReplicas.ts).
   */
  shape: string;
}

const hex = (rnd: Random, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[rnd.int(16)];
  return s;
};

/** A chart's template for `app` (its name without the number), on `img`. */
export function bulkTemplate(app: string, ns: string, img: BulkImage, rnd: Random): BulkTemplate {
  const name = app.replace(/-\d+$/, '');
  const helm = rnd.next() < 0.7;
  const version = `${1 + rnd.int(4)}.${rnd.int(20)}.${rnd.int(10)}`;
  const labels: Record<string, string> = {
    app,
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/instance': `${ns}-${app}`,
    'app.kubernetes.io/version': version,
    ...(helm
      ? { 'app.kubernetes.io/managed-by': 'Helm', 'helm.sh/chart': `${name}-${version}` }
      : { 'app.kubernetes.io/managed-by': 'kubectl' }),
  };
  const port = img.port ?? 8080;
  const annotations: Record<string, string> = {
    'checksum/config': hex(rnd, 64),
    'prometheus.io/scrape': 'true',
    'prometheus.io/port': String(port),
    ...(rnd.next() < 0.3 ? { 'kubectl.kubernetes.io/restartedAt': '2026-11-02T09:14:27Z' } : {}),
  };
  const probe = (path: string, initialDelaySeconds: number): Record<string, unknown> => ({
    httpGet: { path, port, scheme: 'HTTP' },
    initialDelaySeconds,
    timeoutSeconds: 1,
    periodSeconds: 10,
    successThreshold: 1,
    failureThreshold: 3,
  });
  const cpu = 50 + rnd.int(200);
  const mem = 64 + rnd.int(448);
  const container: Container = {
    name,
    image: img.image,
    ...(img.port ? { ports: [{ name: 'http', containerPort: img.port, protocol: 'TCP' }] } : {}),
    env: [
      { name: 'APP_ENV', value: 'production' },
      { name: 'LOG_LEVEL', value: rnd.pick(['info', 'warn', 'debug']) },
      { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
      { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: `${app}-db`, key: 'url' } } },
    ],
    resources: {
      limits: { cpu: `${cpu * 4}m`, memory: `${mem * 2}Mi` },
      requests: { cpu: `${cpu}m`, memory: `${mem}Mi` },
    },
    volumeMounts: [{ name: 'config', mountPath: '/etc/app', readOnly: true }],
    ...(img.port ? { readinessProbe: probe('/ready', 5) } : {}),
    imagePullPolicy: 'IfNotPresent',
  } as Container;
  return {
    labels,
    annotations,
    containers: [container],
    spec: {
      volumes: [{ name: 'config', configMap: { name: `${app}-config`, defaultMode: 420 } }],
      securityContext: { runAsUser: 1000, runAsGroup: 1000, runAsNonRoot: true, fsGroup: 1000 },
      terminationGracePeriodSeconds: 30,
    },
    shape: [name, img.image, helm, 'kubectl.kubernetes.io/restartedAt' in annotations].join('|'),
  };
}
