/** kubectl verbs as a user types them: exit code, stdout and stderr, normalised. */
import { SEED_NAMESPACES } from '../../../../src/demo/population.js';
import { normaliseOutput } from '../normalise.js';
import type { Scenario } from '../scenario.js';

const podYaml = (name: string, labels = 'app: diff') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
    ${labels}
spec:
  nodeName: diff-nowhere
  containers:
  - name: app
    image: nginx:1.27
`;

export const kubectlGetSeed: Scenario = {
  name: 'kubectl-get-seed',
  about: 'get pods -A, get pods -o wide in default (the seed population)',
  async run(s) {
    // Only the seeds' namespaces: other suites may be using the same real server.
    await s.kubectl('get pods -A', ['get', 'pods', '-A'], {
      view: (r) => ({
        code: r.code,
        stdout: normaliseOutput(r.stdout)
          .split('\n')
          .filter((l, i) => i === 0 || SEED_NAMESPACES.includes(l.split(' ')[0]!))
          .join('\n'),
        stderr: normaliseOutput(r.stderr),
      }),
    });
    await s.kubectl('get pods -o wide -n default', ['get', 'pods', '-o', 'wide', '-n', 'default']);
    await s.kubectl('get nodes', ['get', 'nodes']);
  },
};

export const kubectlCrud: Scenario = {
  name: 'kubectl-crud',
  about: 'create -f, get, get -o wide, label, annotate, apply -f (client-side), delete',
  async run(s) {
    const n = ['-n', s.ns];
    await s.kubectl('create -f -', ['create', '-f', '-', ...n], { stdin: podYaml('k-1') });
    await s.kubectl('create -f - again', ['create', '-f', '-', ...n], { stdin: podYaml('k-1') });
    await s.kubectl('get pod', ['get', 'pod', 'k-1', ...n]);
    await s.kubectl('get pod -o wide', ['get', 'pod', 'k-1', '-o', 'wide', ...n]);
    await s.kubectl('get pod --show-labels', ['get', 'pod', 'k-1', '--show-labels', ...n]);
    await s.kubectl('label', ['label', 'pod', 'k-1', 'tier=web', ...n]);
    await s.kubectl('label again (no overwrite)', ['label', 'pod', 'k-1', 'tier=db', ...n]);
    await s.kubectl('label --overwrite', ['label', 'pod', 'k-1', 'tier=db', '--overwrite', ...n]);
    await s.kubectl('label remove', ['label', 'pod', 'k-1', 'tier-', ...n]);
    await s.kubectl('annotate', ['annotate', 'pod', 'k-1', 'note=hello', ...n]);
    await s.kubectl('get -l app=diff', ['get', 'pods', '-l', 'app=diff', '-o', 'name', ...n]);
    await s.kubectl('apply -f - (client-side, over a created pod)', ['apply', '-f', '-', ...n], {
      stdin: podYaml('k-1', 'app: applied'),
    });
    await s.kubectl('apply -f - (new pod)', ['apply', '-f', '-', ...n], { stdin: podYaml('k-2') });
    await s.kubectl('apply -f - unchanged', ['apply', '-f', '-', ...n], { stdin: podYaml('k-2') });
    await s.kubectl('get missing', ['get', 'pod', 'nope', ...n]);
    await s.kubectl('delete', ['delete', 'pod', 'k-2', '--grace-period=0', '--force', ...n]);
    await s.kubectl('delete missing', ['delete', 'pod', 'nope', ...n]);
    await s.kubectl('delete --ignore-not-found', ['delete', 'pod', 'nope', '--ignore-not-found', ...n]);
    await s.kubectl('delete --wait=false', ['delete', 'pod', 'k-1', '--wait=false', ...n]);
  },
};

export const kubectlServerSideApply: Scenario = {
  name: 'kubectl-apply-server-side',
  about: 'apply --server-side: create, unchanged, a conflict with another manager, --force-conflicts',
  async run(s) {
    const n = ['-n', s.ns];
    await s.kubectl('apply --server-side', ['apply', '--server-side', '-f', '-', ...n], {
      stdin: podYaml('ss-1'),
    });
    await s.kubectl('apply --server-side unchanged', ['apply', '--server-side', '-f', '-', ...n], {
      stdin: podYaml('ss-1'),
    });
    await s.kubectl(
      'apply --server-side other manager (conflict)',
      ['apply', '--server-side', '--field-manager=other', '-f', '-', ...n],
      { stdin: podYaml('ss-1', 'app: other') },
    );
    await s.kubectl(
      '--force-conflicts',
      ['apply', '--server-side', '--field-manager=other', '--force-conflicts', '-f', '-', ...n],
      { stdin: podYaml('ss-1', 'app: other') },
    );
    await s.kubectl('labels', ['get', 'pod', 'ss-1', '-o', 'jsonpath={.metadata.labels}', ...n]);
  },
};

export const kubectlYaml: Scenario = {
  name: 'kubectl-get-yaml',
  about: 'get -o yaml of a created pod (the defaulted and server-set fields)',
  async run(s) {
    const n = ['-n', s.ns];
    await s.kubectl('create', ['create', '-f', '-', ...n], { stdin: podYaml('y-1') });
    await s.kubectl('get -o yaml', ['get', 'pod', 'y-1', '-o', 'yaml', ...n]);
  },
};

export const kubectlDescribe: Scenario = {
  name: 'kubectl-describe',
  about: 'describe of a created pod, and of a missing one',
  async run(s) {
    const n = ['-n', s.ns];
    await s.kubectl('create', ['create', '-f', '-', ...n], { stdin: podYaml('ds-1') });
    await s.kubectl('describe pod', ['describe', 'pod', 'ds-1', ...n]);
    await s.kubectl('describe missing', ['describe', 'pod', 'nope', ...n]);
  },
};

export const kubectlRun: Scenario = {
  name: 'kubectl-run',
  about: 'run --restart=Never (the pod it creates), run --dry-run=server -o yaml',
  async run(s) {
    const n = ['-n', s.ns];
    await s.kubectl('run', [
      'run',
      'r-1',
      '--image=nginx:1.27',
      '--restart=Never',
      '--overrides={"spec":{"nodeName":"diff-nowhere"}}',
      ...n,
    ]);
    await s.kubectl('run again', ['run', 'r-1', '--image=nginx:1.27', '--restart=Never', ...n]);
    await s.kubectl('get -o jsonpath', [
      'get',
      'pod',
      'r-1',
      '-o',
      'jsonpath={.metadata.labels} {.spec.restartPolicy} {.spec.containers[0].name}',
      ...n,
    ]);
    await s.kubectl('run --dry-run=server', [
      'run',
      'r-2',
      '--image=nginx:1.27',
      '--restart=Never',
      '--dry-run=server',
      '-o',
      'name',
      ...n,
    ]);
    await s.kubectl('not created', ['get', 'pod', 'r-2', ...n]);
  },
};

export const kubectlNamespace: Scenario = {
  name: 'kubectl-create-namespace',
  about: 'create namespace (kubectl sends protobuf), and again (AlreadyExists)',
  async run(s) {
    const name = `${s.ns}-ns`;
    await s.kubectl('create namespace', ['create', 'namespace', name]);
    await s.kubectl('create namespace again', ['create', 'namespace', name]);
    await s.kubectl('delete namespace', ['delete', 'namespace', name, '--wait=false']);
  },
};

export const kubectlAuth: Scenario = {
  name: 'kubectl-auth',
  about: 'auth can-i list pods, can-i --list (SelfSubjectAccessReview, SelfSubjectRulesReview), auth whoami',
  async run(s) {
    await s.kubectl('auth can-i list pods', ['auth', 'can-i', 'list', 'pods']);
    await s.kubectl('auth can-i --list', ['auth', 'can-i', '--list', '-n', s.ns]);
    await s.kubectl('auth whoami (groups)', ['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.groups}']);
  },
};

export const kubectlDiscovery: Scenario = {
  name: 'kubectl-discovery',
  about: 'version, api-resources, api-versions',
  async run(s) {
    await s.kubectl('version', ['version', '-o', 'json'], {
      view: (r) => ({
        code: r.code,
        server: (JSON.parse(r.stdout || '{}') as { serverVersion?: unknown }).serverVersion ?? null,
        stderr: r.stderr,
      }),
    });
    await s.kubectl('api-resources', ['api-resources']);
    await s.kubectl('api-versions', ['api-versions']);
  },
};

export const kubectlDebug: Scenario = {
  name: 'kubectl-debug',
  about:
    'debug adds ephemeral containers (a strategic patch with $setElementOrder); a duplicate name is a 422',
  async run(s) {
    const n = ['-n', s.ns];
    await s.kubectl('create', ['create', '-f', '-', ...n], { stdin: podYaml('dbg') });
    await s.kubectl('debug -c first', [
      'debug',
      'dbg',
      '--image=busybox',
      '--profile=general',
      '-c',
      'first',
      ...n,
    ]);
    await s.kubectl('debug -c second', [
      'debug',
      'dbg',
      '--image=busybox',
      '--profile=general',
      '-c',
      'second',
      ...n,
    ]);
    await s.kubectl('debug -c app (duplicate)', [
      'debug',
      'dbg',
      '--image=busybox',
      '--profile=general',
      '-c',
      'app',
      ...n,
    ]);
    await s.kubectl('ephemeral containers', [
      'get',
      'pod',
      'dbg',
      '-o',
      'jsonpath={range .spec.ephemeralContainers[*]}{.name} {.image} {.terminationMessagePolicy}{"\\n"}{end}',
      ...n,
    ]);
  },
};

export const kubectlWatch: Scenario = {
  name: 'kubectl-get-watch',
  about:
    'get pods -w --output-watch-events while a pod is created, relabelled and deleted (a watch of Tables)',
  async run(s) {
    const n = ['-n', s.ns];
    await s.kubectl('create', ['create', '-f', '-', ...n], { stdin: podYaml('w-0') });
    const watching = s.kubectl('get -w', [
      'get',
      'pods',
      '-w',
      '--output-watch-events',
      '--request-timeout=6s',
      ...n,
    ]);
    await new Promise((r) => setTimeout(r, 1_500));
    await s.send({
      method: 'POST',
      path: `/api/v1/namespaces/${s.ns}/pods`,
      body: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'w-1' },
        spec: { nodeName: 'diff-nowhere', containers: [{ name: 'app', image: 'nginx:1.27' }] },
      },
    });
    await s.send({
      method: 'PATCH',
      path: `/api/v1/namespaces/${s.ns}/pods/w-1`,
      body: { metadata: { labels: { x: 'y' } } },
      contentType: 'application/merge-patch+json',
    });
    await s.send({ method: 'DELETE', path: `/api/v1/namespaces/${s.ns}/pods/w-1?gracePeriodSeconds=0` });
    await watching;
  },
};

export const KUBECTL_SCENARIOS = [
  kubectlWatch,
  kubectlDebug,
  kubectlGetSeed,
  kubectlCrud,
  kubectlServerSideApply,
  kubectlYaml,
  kubectlDescribe,
  kubectlRun,
  kubectlNamespace,
  kubectlAuth,
  kubectlDiscovery,
];
