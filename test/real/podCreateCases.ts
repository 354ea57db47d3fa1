/**
 * The pods test/real/podCreate.test.ts creates on the real API server and on the demo: the demo's seed pods,
 * pods as live clusters dumped them (status and server-set fields included), pods that probe the ServiceAccount
 * admission plugin's rules, the defaulting of pkg/apis/core/v1/defaults.go, the Priority and
 * DefaultTolerationSeconds plugins, generateName, and what validation and admission refuse. Each is sent as a
 * given client sends it, since the field manager recorded in managedFields comes from `?fieldManager=` or the
 * user agent.
 */
import { readFileSync } from 'node:fs';
import { seedPodManifests } from '../../src/demo/seedManifests.js';
import type { Pod } from '../../src/domain/wire.js';

export interface Client {
  /** Query parameters the client adds to a create. */
  query?: string;
  userAgent?: string;
}

const KUBECTL_UA = 'kubectl/v1.32.4 (linux/amd64) kubernetes/4cb5f07';
/** What `kubectl create -f` sends (seen with -v=6). */
export const KUBECTL_CREATE: Client = {
  query: 'fieldManager=kubectl-create&fieldValidation=Strict',
  userAgent: KUBECTL_UA,
};
/** `kubectl apply -f` of a pod that does not exist yet: a create, with the last-applied annotation. */
export const KUBECTL_APPLY: Client = {
  query: 'fieldManager=kubectl-client-side-apply&fieldValidation=Strict',
  userAgent: KUBECTL_UA,
};
export const KUBECTL_RUN: Client = { query: 'fieldManager=kubectl-run', userAgent: KUBECTL_UA };
/** podscope's own requests (src/kube/request.ts) send no user agent and no field manager. */
export const PODSCOPE: Client = {};
export const CLIENT_NODE: Client = { userAgent: 'kubernetes-client-javascript/2.0.1' };
/** A controller of kube-controller-manager, as client-go names it. */
export const CONTROLLER_MANAGER: Client = {
  userAgent:
    'kube-controller-manager/v1.32.13 (linux/amd64) kubernetes/9bf0e8a/system:serviceaccount:kube-system:job-controller',
};

export interface CreateCase {
  title: string;
  body: object;
  client: Client;
  /** The real server's status code: the case tests what it means to only if the referee agrees. */
  status: number;
  /** Another namespace than the suite's (one that does not exist). */
  namespace?: string;
  /** Extra query parameters (`dryRun=All`). */
  query?: string;
  generateName?: string;
}

function pod(name: string, spec: object, meta: object = {}): object {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, ...meta }, spec };
}

const app = (extra: object = {}) => ({ name: 'app', image: 'nginx:1.27', ...extra });

function fixture(path: string): Pod {
  return JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8')) as Pod;
}

/**
 * A dumped pod made fit to create again in another namespace: without the fields the server refuses or
 * overwrites on create (uid, resourceVersion, creationTimestamp) and with its namespace dropped. Spec, labels,
 * owners and status stay as dumped.
 */
function redump(p: Pod): Pod {
  const { uid: _u, resourceVersion: _rv, creationTimestamp: _c, namespace: _n, ...meta } = p.metadata ?? {};
  return { ...p, metadata: meta };
}

/** kubeadm's CoreDNS pod template (cmd/kubeadm/app/phases/addons/dns/manifests.go, v1.32) with kind's values. */
function corednsPod(serviceAccountName: string | undefined): object {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: 'coredns-668d6bf9bc-',
      labels: { 'k8s-app': 'kube-dns', 'pod-template-hash': '668d6bf9bc' },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'coredns-668d6bf9bc',
          uid: '0b1d1d6e-5a4c-4c8e-9a3e-4f6f1f6f2a01',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      priorityClassName: 'system-cluster-critical',
      ...(serviceAccountName ? { serviceAccountName } : {}),
      affinity: {
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 100,
              podAffinityTerm: {
                labelSelector: {
                  matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }],
                },
                topologyKey: 'kubernetes.io/hostname',
              },
            },
          ],
        },
      },
      tolerations: [
        { key: 'CriticalAddonsOnly', operator: 'Exists' },
        { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
      ],
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      containers: [
        {
          name: 'coredns',
          image: 'registry.k8s.io/coredns/coredns:v1.11.3',
          imagePullPolicy: 'IfNotPresent',
          resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
          args: ['-conf', '/etc/coredns/Corefile'],
          volumeMounts: [{ name: 'config-volume', mountPath: '/etc/coredns', readOnly: true }],
          ports: [
            { containerPort: 53, name: 'dns', protocol: 'UDP' },
            { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
            { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
          ],
          livenessProbe: {
            httpGet: { path: '/health', port: 8080, scheme: 'HTTP' },
            initialDelaySeconds: 60,
            timeoutSeconds: 5,
            successThreshold: 1,
            failureThreshold: 5,
          },
          readinessProbe: { httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' } },
          securityContext: {
            allowPrivilegeEscalation: false,
            capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
            readOnlyRootFilesystem: true,
          },
        },
      ],
      dnsPolicy: 'Default',
      volumes: [
        {
          name: 'config-volume',
          configMap: { name: 'coredns', items: [{ key: 'Corefile', path: 'Corefile' }] },
        },
      ],
    },
  };
}

const SA_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

function seedCases(): CreateCase[] {
  const seeds = seedPodManifests({
    podName: 'db-migrate-x7k2q',
    uid: '6c1f0b52-8d0e-4a5b-9f4e-1f2a3b4c5d6e',
  });
  return seeds.map((p) => {
    const { namespace: _n, ...meta } = p.metadata ?? {};
    const owned = !!meta.ownerReferences;
    return {
      title: `seed pod ${meta.name}`,
      body: { apiVersion: 'v1', kind: 'Pod', ...p, metadata: meta },
      client: owned ? CONTROLLER_MANAGER : KUBECTL_RUN,
      status: 201,
    };
  });
}

function dumpCases(): CreateCase[] {
  const hello = fixture('created/hello-kind-2022.json');
  return [
    {
      title: 'hello as dumped from kind (already has its kube-api-access volume and mount, and a status)',
      // Renamed only: the seed pod of the same name exists in the namespace.
      body: { ...redump(hello), metadata: { ...redump(hello).metadata, name: 'hello-from-kind' } },
      client: KUBECTL_CREATE,
      status: 201,
    },
    {
      title: 'hello as dumped, resourceVersion kept',
      body: { ...redump(hello), metadata: { name: 'hello-rv', resourceVersion: '359641' } },
      client: KUBECTL_CREATE,
      status: 500,
    },
    ...[
      'pods/running-web-app.json',
      'pods/sidecar.json',
      'pods/completed-job.json',
      'pods/scheduling-gated.json',
      'pods/init-running.json',
      'inspect/env-from-secret.json',
    ].map((f) => ({
      title: `dumped pod test/fixtures/${f}`,
      body: redump(fixture(f)),
      client: KUBECTL_APPLY,
      status: 201,
    })),
    {
      title: "kubeadm's CoreDNS pod, whose coredns ServiceAccount does not exist here",
      body: corednsPod('coredns'),
      client: CONTROLLER_MANAGER,
      status: 403,
      generateName: 'coredns-668d6bf9bc-',
    },
    {
      title: "kubeadm's CoreDNS pod with the namespace's default ServiceAccount",
      body: corednsPod(undefined),
      client: CONTROLLER_MANAGER,
      status: 201,
      generateName: 'coredns-668d6bf9bc-',
    },
  ];
}

function serviceAccountCases(): CreateCase[] {
  return [
    {
      title: 'automountServiceAccountToken: false on the pod: no token volume',
      body: pod('no-automount', { automountServiceAccountToken: false, containers: [app()] }),
      client: KUBECTL_CREATE,
      status: 201,
    },
    {
      title: 'one container already mounts something at the token path: only the others get the mount',
      body: pod('own-sa-mount', {
        volumes: [{ name: 'my-token', secret: { secretName: 'my-token' } }],
        initContainers: [app({ name: 'init' })],
        containers: [
          app({ volumeMounts: [{ name: 'my-token', mountPath: SA_PATH }] }),
          app({ name: 'sidecar', image: 'busybox' }),
        ],
      }),
      client: KUBECTL_CREATE,
      status: 201,
    },
    {
      title: 'every container already mounts the token path: no volume added',
      body: pod('all-mounted', {
        volumes: [{ name: 'my-token', secret: { secretName: 'my-token' } }],
        containers: [app({ volumeMounts: [{ name: 'my-token', mountPath: SA_PATH, readOnly: true }] })],
      }),
      client: KUBECTL_CREATE,
      status: 201,
    },
    {
      title: 'a kube-api-access volume exists without mounts: the mounts use it, no second volume',
      body: pod('existing-volume', {
        volumes: [{ name: 'kube-api-access-abcde', emptyDir: {} }],
        containers: [app()],
      }),
      client: KUBECTL_CREATE,
      status: 201,
    },
    {
      title: 'the deprecated serviceAccount field alone names the account',
      body: pod('deprecated-sa', { serviceAccount: 'default', containers: [app()] }),
      client: PODSCOPE,
      status: 201,
    },
    {
      title: 'a mirror pod gets no service account',
      body: pod(
        'mirror',
        { nodeName: 'demo-worker', containers: [app()] },
        {
          annotations: { 'kubernetes.io/config.mirror': 'abc123', 'kubernetes.io/config.source': 'file' },
        },
      ),
      client: PODSCOPE,
      status: 201,
    },
    {
      title: 'a service account that does not exist',
      body: pod('missing-sa', { serviceAccountName: 'builder', containers: [app()] }),
      client: KUBECTL_CREATE,
      status: 403,
    },
  ];
}

function defaultingCases(): CreateCase[] {
  return [
    {
      title: 'limits only: requests copied, quantities in canonical form, QoS Guaranteed',
      body: pod('limits-only', {
        containers: [
          app({ resources: { limits: { cpu: '0.5', memory: '1.5Gi', 'ephemeral-storage': '1e3' } } }),
        ],
      }),
      client: KUBECTL_CREATE,
      status: 201,
    },
    {
      title: 'quantities of every form, QoS compared by value across containers',
      body: pod('quantities', {
        initContainers: [app({ name: 'init', resources: { limits: { cpu: '1000m', memory: '128974848' } } })],
        containers: [
          app({
            resources: { requests: { cpu: '1', memory: '0.5Gi' }, limits: { cpu: '1000m', memory: '512Mi' } },
          }),
          app({
            name: 'b',
            resources: { requests: { cpu: '100m', memory: '1M' }, limits: { cpu: '0.1', memory: '1000k' } },
          }),
        ],
      }),
      client: PODSCOPE,
      status: 201,
    },
    {
      title: 'status sent by the client: reset, but its qosClass kept',
      body: {
        ...pod('client-status', {
          containers: [app({ resources: { limits: { cpu: '1', memory: '1Gi' } } })],
        }),
        status: { phase: 'Running', qosClass: 'BestEffort', podIP: '10.1.2.3' },
      },
      client: PODSCOPE,
      status: 201,
    },
    {
      title: 'probes, lifecycle handlers, env field references and volumes get their defaults',
      body: pod('defaults', {
        containers: [
          app({
            image: 'registry.local:5000/team/app',
            ports: [
              { containerPort: 8080, name: 'http' },
              { containerPort: 9090, protocol: 'UDP' },
            ],
            readinessProbe: { httpGet: { port: 'http' } },
            livenessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 20 },
            startupProbe: { grpc: { port: 9090 } },
            lifecycle: {
              preStop: { httpGet: { port: 8080, path: '/quit' } },
              postStart: { exec: { command: ['true'] } },
            },
            env: [
              { name: 'A', value: 'x' },
              { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
              { name: 'S', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
            ],
            volumeMounts: [
              { name: 'scratch', mountPath: '/scratch' },
              { name: 'cfg', mountPath: '/cfg' },
              { name: 'host', mountPath: '/host' },
            ],
          }),
        ],
        volumes: [
          { name: 'scratch' },
          { name: 'cfg', configMap: { name: 'cfg' } },
          { name: 'sec', secret: { secretName: 'sec' } },
          { name: 'host', hostPath: { path: '/var/log' } },
          {
            name: 'info',
            downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] },
          },
          {
            name: 'proj',
            projected: { sources: [{ serviceAccountToken: { path: 'tok', audience: 'vault' } }] },
          },
        ],
      }),
      client: KUBECTL_CREATE,
      status: 201,
    },
    {
      title: 'image pull policy from the tag: untagged, :latest, a digest, :latest with a digest',
      body: pod('pull-policies', {
        containers: [
          app({ name: 'untagged', image: 'busybox' }),
          app({ name: 'latest', image: 'busybox:latest' }),
          app({ name: 'digest', image: `busybox@sha256:${'a'.repeat(64)}` }),
          app({ name: 'latest-digest', image: `busybox:latest@sha256:${'b'.repeat(64)}` }),
          app({ name: 'port', image: 'localhost:5000/busybox' }),
        ],
      }),
      client: CLIENT_NODE,
      status: 201,
    },
    {
      title: 'hostNetwork: host ports default to the container ports',
      body: pod('host-network', {
        hostNetwork: true,
        containers: [app({ ports: [{ containerPort: 8080 }] })],
      }),
      client: PODSCOPE,
      status: 201,
    },
    {
      title: 'own tolerations: the defaults are added only where none tolerates the taint',
      body: pod('tolerations', {
        tolerations: [
          {
            key: 'node.kubernetes.io/not-ready',
            operator: 'Exists',
            effect: 'NoExecute',
            tolerationSeconds: 10,
          },
          { key: 'gpu', operator: 'Equal', value: 'true', effect: 'NoSchedule' },
        ],
        containers: [app()],
      }),
      client: KUBECTL_CREATE,
      status: 201,
    },
    {
      title: 'a toleration of every taint: no default tolerations',
      body: pod('tolerate-all', { tolerations: [{ operator: 'Exists' }], containers: [app()] }),
      client: KUBECTL_CREATE,
      status: 201,
    },
    {
      title: 'a system priority class',
      body: pod('critical', { priorityClassName: 'system-node-critical', containers: [app()] }),
      client: KUBECTL_CREATE,
      status: 201,
    },
    {
      title: 'empty lists and maps are dropped, as Go decoding drops them',
      body: pod(
        'empties',
        {
          containers: [app({ command: [], env: [], args: null })],
          nodeSelector: {},
          volumes: [],
          hostNetwork: false,
        },
        { labels: {}, annotations: {} },
      ),
      client: KUBECTL_CREATE,
      status: 201,
    },
    {
      title:
        'pod fields set by the client are kept (restartPolicy, dnsPolicy, securityContext, grace period)',
      body: pod('own-settings', {
        restartPolicy: 'OnFailure',
        dnsPolicy: 'None',
        dnsConfig: { nameservers: ['1.1.1.1'] },
        terminationGracePeriodSeconds: 0,
        enableServiceLinks: false,
        securityContext: { runAsNonRoot: true, runAsUser: 1000, fsGroup: 2000 },
        containers: [app({ securityContext: { privileged: false }, stdin: true, tty: true })],
      }),
      client: KUBECTL_CREATE,
      status: 201,
    },
  ];
}

function managerCases(): CreateCase[] {
  const base = (name: string) => pod(name, { containers: [app()] }, { labels: { run: name } });
  const applied = base('by-apply') as { metadata: Record<string, unknown> };
  applied.metadata['annotations'] = {
    'kubectl.kubernetes.io/last-applied-configuration':
      '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"labels":{"run":"by-apply"},"name":"by-apply"},"spec":{"containers":[{"image":"nginx:1.27","name":"app"}]}}\n',
  };
  return [
    { title: 'created by kubectl create', body: base('by-create'), client: KUBECTL_CREATE, status: 201 },
    { title: 'created by kubectl apply', body: applied, client: KUBECTL_APPLY, status: 201 },
    { title: 'created by kubectl run', body: base('by-run'), client: KUBECTL_RUN, status: 201 },
    { title: "created by podscope's own requests", body: base('by-podscope'), client: PODSCOPE, status: 201 },
    { title: 'created by client-node', body: base('by-client-node'), client: CLIENT_NODE, status: 201 },
    {
      title:
        "managedFields in the body: the request's manager keeps its own fields, the others' entries vanish",
      body: pod(
        'sent-managed-fields',
        { containers: [app()] },
        {
          labels: { x: 'y' },
          managedFields: [
            {
              manager: 'kubectl-edit',
              operation: 'Update',
              apiVersion: 'v1',
              time: '2020-01-01T00:00:00Z',
              fieldsType: 'FieldsV1',
              fieldsV1: { 'f:metadata': { 'f:labels': { '.': {}, 'f:x': {} } } },
            },
            {
              manager: 'unknown',
              operation: 'Update',
              apiVersion: 'v1',
              time: '2020-01-01T00:00:00Z',
              fieldsType: 'FieldsV1',
              fieldsV1: { 'f:metadata': { 'f:annotations': { '.': {}, 'f:gone': {} } } },
            },
          ],
        },
      ),
      client: PODSCOPE,
      status: 201,
    },
    {
      title: 'a server-side dry run (nothing stored, no resourceVersion)',
      body: base('dry-run'),
      client: KUBECTL_CREATE,
      query: 'dryRun=All',
      status: 201,
    },
  ];
}

function generateNameCases(): CreateCase[] {
  return [
    {
      title: 'generateName',
      body: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { generateName: 'worker-' },
        spec: { containers: [app()] },
      },
      client: KUBECTL_CREATE,
      status: 201,
      generateName: 'worker-',
    },
    {
      title: 'a name with dots: accepted, with a warning that it makes the hostname',
      body: pod('web.v2', { containers: [app()] }),
      client: KUBECTL_CREATE,
      status: 201,
    },
    {
      title: "accepted with GetWarningsForPod's warnings: env, ports, fractional bytes, a deprecated volume",
      body: pod('warned', {
        terminationGracePeriodSeconds: -1,
        volumes: [{ name: 'src', gitRepo: { repository: 'https://example.com/r.git' } }],
        initContainers: [app({ name: 'init', ports: [{ containerPort: 80 }] })],
        containers: [
          app({
            env: [
              { name: 'A', value: 'x' },
              { name: 'A', value: '$(A)-y' },
              { name: 'A', value: 'z' },
            ],
            ports: [{ containerPort: 80 }, { containerPort: 80, hostPort: 8080 }],
            resources: { limits: { memory: '1.5' }, requests: { 'ephemeral-storage': '0.5Ki' } },
          }),
          app({ name: 'b', ports: [{ containerPort: 80, hostPort: 8080, hostIP: '10.0.0.1' }] }),
        ],
      }),
      client: CLIENT_NODE,
      status: 201,
    },
    {
      title: 'an invalid generateName: the name is generated first, then both are refused',
      body: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { generateName: 'Worker_' },
        spec: { containers: [app()] },
      },
      client: KUBECTL_CREATE,
      status: 422,
      generateName: 'Worker_',
    },
  ];
}

function refusedCases(): CreateCase[] {
  return [
    {
      title: 'a missing image',
      body: pod('no-image', { containers: [{ name: 'app' }] }),
      client: KUBECTL_CREATE,
      status: 422,
    },
    {
      title: 'a bad name',
      body: pod('Bad_Name', { containers: [app()] }),
      client: KUBECTL_CREATE,
      status: 422,
    },
    {
      title: 'duplicate container names',
      body: pod('dup-names', { containers: [app(), app({ image: 'busybox' })] }),
      client: KUBECTL_CREATE,
      status: 422,
    },
    {
      title: 'several errors at once, in the order validation finds them',
      body: pod('many-errors', {
        restartPolicy: 'Sometimes',
        dnsPolicy: 'Bad',
        initContainers: [app()],
        containers: [
          {
            name: 'A_b',
            image: 'b',
            imagePullPolicy: 'Maybe',
            ports: [{ containerPort: 0 }, { containerPort: 70000, protocol: 'ICMP' }],
            volumeMounts: [{ name: 'missing', mountPath: '/x' }],
          },
          { name: '', image: ' c' },
          app(),
        ],
      }),
      client: KUBECTL_CREATE,
      status: 422,
    },
    { title: 'no containers', body: pod('no-containers', {}), client: KUBECTL_CREATE, status: 422 },
    {
      title: 'neither name nor generateName',
      body: { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { containers: [app()] } },
      client: KUBECTL_CREATE,
      status: 422,
    },
    {
      title: 'ephemeral containers on create',
      body: pod('with-ephemeral', {
        containers: [app()],
        ephemeralContainers: [{ name: 'debug', image: 'busybox' }],
      }),
      client: KUBECTL_CREATE,
      status: 422,
    },
    {
      title: 'nodeName with scheduling gates',
      body: pod('gated-bound', {
        nodeName: 'demo-worker',
        schedulingGates: [{ name: 'wait' }],
        containers: [app()],
      }),
      client: KUBECTL_CREATE,
      status: 422,
    },
    {
      title: 'a namespace that does not exist (NamespaceLifecycle answers before validation)',
      body: pod('nowhere', { containers: [{ name: 'app' }] }),
      client: KUBECTL_CREATE,
      status: 404,
      namespace: 'no-such-namespace',
    },
    {
      title: 'a priority class that does not exist',
      body: pod('no-class', { priorityClassName: 'gold', containers: [app()] }),
      client: KUBECTL_CREATE,
      status: 403,
    },
    {
      title: 'a priority that contradicts the class',
      body: pod('own-priority', { priority: 5, containers: [app()] }),
      client: KUBECTL_CREATE,
      status: 403,
    },
    {
      title: "a namespace in the body other than the request's",
      body: pod('elsewhere', { containers: [app()] }, { namespace: 'kube-system' }),
      client: KUBECTL_CREATE,
      status: 400,
    },
  ];
}

function unknownFieldCases(): CreateCase[] {
  const typo = (name: string): object => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, lables: { app: 'x' } },
    spec: {
      containers: [
        app({
          imagee: 'nginx',
          resources: { limitz: { cpu: '1' } },
          ports: [{ containerPort: 80, hostport: 1 }],
        }),
      ],
      restartpolicy: 'Never',
    },
    status: { phaze: 'Running' },
  });
  return [
    {
      title: 'unknown fields under kubectl (fieldValidation=Strict): refused, each named',
      body: typo('typo-strict'),
      client: KUBECTL_CREATE,
      status: 400,
    },
    {
      title: 'unknown fields with no fieldValidation (Warn): dropped, one warning each',
      body: typo('typo-warn'),
      client: PODSCOPE,
      status: 201,
    },
    {
      title: 'unknown fields with fieldValidation=Ignore: dropped silently',
      body: typo('typo-ignore'),
      client: PODSCOPE,
      query: 'fieldValidation=Ignore',
      status: 201,
    },
    {
      title: 'a fieldValidation that does not exist',
      body: pod('bad-validation', { containers: [app()] }),
      client: PODSCOPE,
      query: 'fieldValidation=Loose',
      status: 422,
    },
  ];
}

export function createCases(): CreateCase[] {
  return [
    ...seedCases(),
    ...dumpCases(),
    ...serviceAccountCases(),
    ...defaultingCases(),
    ...managerCases(),
    ...generateNameCases(),
    ...refusedCases(),
    ...unknownFieldCases(),
  ];
}
