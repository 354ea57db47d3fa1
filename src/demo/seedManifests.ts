/**
 * The seeds' workloads as manifests, shared by the demo cluster (src/demo/population.ts) and the real control
 * plane the tests seed (test/cluster/seed.ts), so both hold the same population: the web-app Deployment's
 * containers and the pods of ../shared/seeds/ (hello, bb, kiada, the misspelt webserver, a crash loop, a finished
 * Job's pod, an init container, a default-container annotation, an app listening on localhost only).
 */
import type { Container, Pod } from '../domain/wire.js';

function container(name: string, image: string, extra: Partial<Container> = {}): Container {
  return { name, image, ...extra };
}

/** frontend/web-app's pod template: nginx and a distroless app with a readiness probe. */
export const WEB_APP_CONTAINERS: Container[] = [
  container('nginx', 'nginx:latest', { ports: [{ containerPort: 80 }] }),
  container('web-app', 'ghcr.io/lameaux/mox:latest', {
    ports: [{ containerPort: 8080 }],
    readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 },
  }),
];

/** The db-migrate Job's finished pod: its name (`db-migrate-xxxxx`) and the Job's uid. */
export interface SeedJob {
  podName: string;
  uid: string;
}

/** The seed pods of namespace default, the db-migrate Job's pod among them. */
export function seedPodManifests(job: SeedJob): Pod[] {
  return [
    {
      metadata: { name: 'hello', namespace: 'default', labels: { run: 'hello' } },
      spec: {
        containers: [
          container('hello', 'ubuntu/helloworld', {
            imagePullPolicy: 'Never',
            ports: [{ containerPort: 3000 }],
          }),
        ],
      },
    },
    {
      metadata: { name: 'bb', namespace: 'default', labels: { run: 'bb' } },
      spec: { containers: [container('bb', 'busybox', { command: ['sleep', '3600'] })] },
    },
    {
      metadata: { name: 'kiada', namespace: 'default', labels: { app: 'kiada' } },
      spec: { containers: [container('kiada', 'luksa/kiada:0.1', { ports: [{ containerPort: 8080 }] })] },
    },
    {
      metadata: { name: 'webserver', namespace: 'default', labels: { app: 'webserver' } },
      spec: { containers: [container('webserver', 'ngnx:latest', { ports: [{ containerPort: 80 }] })] },
    },
    {
      metadata: { name: 'crasher', namespace: 'default', labels: { app: 'crasher' } },
      spec: { containers: [container('crasher', 'podscope/crasher:1.0')] },
    },
    {
      metadata: {
        name: job.podName,
        namespace: 'default',
        labels: { 'batch.kubernetes.io/job-name': 'db-migrate', 'job-name': 'db-migrate' },
        ownerReferences: [
          {
            apiVersion: 'batch/v1',
            kind: 'Job',
            name: 'db-migrate',
            uid: job.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: { restartPolicy: 'Never', containers: [container('migrate', 'podscope/job:1.0')] },
    },
    {
      metadata: { name: 'init-demo', namespace: 'default', labels: { app: 'init-demo' } },
      spec: {
        initContainers: [container('wait-for-db', 'podscope/migrate:1.0')],
        containers: [container('app', 'nginx:1.27', { ports: [{ containerPort: 80 }] })],
      },
    },
    {
      metadata: {
        name: 'api-with-sidecar',
        namespace: 'default',
        labels: { app: 'api' },
        annotations: { 'kubectl.kubernetes.io/default-container': 'api' },
      },
      spec: {
        containers: [
          container('log-shipper', 'busybox:1.36', { command: ['sh', '-c', 'tail -F /var/log/app/*.log'] }),
          container('api', 'podscope/api:2.3', {
            ports: [{ name: 'http', containerPort: 8080 }],
            resources: {
              requests: { cpu: '100m', memory: '128Mi' },
              limits: { cpu: '500m', memory: '256Mi' },
            },
            readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 },
            livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 },
          }),
        ],
      },
    },
    {
      // The classic mistake (seeds 000, 001): it declares 8080, but its app listens on 127.0.0.1:3000 only, so
      // port-forward to 3000 works while the pod IP (a Service, another pod) gets "Connection refused".
      metadata: { name: 'localhost-app', namespace: 'default', labels: { app: 'localhost-app' } },
      spec: {
        containers: [
          container('app', 'podscope/localhost-app:1.0', { ports: [{ name: 'http', containerPort: 8080 }] }),
        ],
      },
    },
  ];
}
