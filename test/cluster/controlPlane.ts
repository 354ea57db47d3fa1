/**
 * A real Kubernetes control plane on loopback, as the referee of the demo cluster and of podscope: etcd,
 * kube-apiserver (RBAC, the default admission plugins plus NodeRestriction as kubeadm enables them, a token file,
 * a client CA, service-account keys), kube-controller-manager (Deployments, ReplicaSets, Jobs, service accounts,
 * garbage collection, namespaces), kube-scheduler, and kwok playing the kubelet of fake nodes (pods are bound,
 * then move to Running, Jobs' pods to Succeeded, deletions finish). Random free ports, a temporary directory, no
 * root; `stop()` ends every process and removes the directory.
 *
 * The binaries come from `npm run cluster:build` (./build.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubeconfigYaml } from '../../src/demo/kubeconfig.js';
import { waitFor } from '../support/waitFor.js';
import type { ApiTarget } from './api.js';
import { apiJson, apiRequest } from './api.js';
import type { Binary } from './paths.js';
import { binaryPath, missingBinaries, readVersions } from './paths.js';
import type { Pki } from './pki.js';
import { makePki } from './pki.js';

export const REAL_CONTEXT = 'podscope-real';

/** The annotation kwok's --manage-nodes-with-annotation-selector picks nodes by. */
export const KWOK_NODE_ANNOTATION = 'kwok.x-k8s.io/node';

export interface ControlPlane extends ApiTarget {
  /** The temporary directory holding data, certificates and each process's log (logs/NAME.log). */
  dir: string;
  pki: Pki;
  /** The admin kubeconfig (user in system:masters; context podscope-real, namespace default). */
  kubeconfig: string;
  /** Writes the admin kubeconfig readable by its owner only. */
  writeKubeconfig(file: string): void;
  /** Milliseconds from the call to a ready API server with controllers, scheduler and nodes up. */
  startMs: number;
  /**
   * Kills kube-apiserver and starts it again on the same port with the same flags, as after a crash of the
   * control-plane node: open connections are cut and its watch cache starts anew from etcd.
   */
  restartApiServer(): Promise<void>;
  /** Resident memory of every process of the control plane, in MiB. */
  rssMiB(): Record<Binary, number>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Progress lines (what is starting); quiet by default. */
  log?: (line: string) => void;
  /** Node names kwok runs (the first is the tainted control-plane node, as in kind). */
  nodes?: readonly string[];
  /** Further kube-apiserver flags, after the usual ones (e.g. a short `--min-request-timeout=2`). */
  apiServerArgs?: readonly string[];
}

/** The demo's node names (src/demo/cluster.ts), so both clusters print alike. */
export const REAL_NODES = ['demo-control-plane', 'demo-worker', 'demo-worker2'];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function rssOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

export async function startControlPlane(opts: StartOptions = {}): Promise<ControlPlane> {
  const started = Date.now();
  const log = opts.log ?? (() => undefined);
  const versions = readVersions();
  const missing = missingBinaries(versions);
  if (missing.length > 0) {
    throw new Error(
      `the control plane is not built (missing ${missing.join(', ')}): run npm run cluster:build`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'podscope-real-'));
  mkdirSync(join(dir, 'logs'));
  const procs = new Map<Binary, ChildProcess>();
  const exited = new Map<Binary, string>();
  let stopping = false;

  const file = (name: string, text: string): string => {
    const p = join(dir, name);
    writeFileSync(p, text, { mode: 0o600 });
    return p;
  };
  const logFile = (b: Binary) => join(dir, 'logs', `${b}.log`);
  const run = (b: Binary, args: string[]): void => {
    const out = createWriteStream(logFile(b));
    const child = spawn(binaryPath(b, versions), args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.pipe(out);
    child.stderr!.pipe(out);
    child.on('exit', (code, signal) => {
      if (!stopping) exited.set(b, `${b} exited (${signal ?? code}):\n${tail(logFile(b))}`);
    });
    procs.set(b, child);
    log(`started ${b} (pid ${child.pid})`);
  };
  /** Fails fast when a process died instead of waiting out a deadline. */
  const alive = (): void => {
    const dead = [...exited.values()];
    if (dead.length > 0) throw new Error(dead.join('\n'));
  };

  const stop = async (): Promise<void> => {
    stopping = true;
    const order: Binary[] = ['kwok', 'kube-scheduler', 'kube-controller-manager', 'kube-apiserver', 'etcd'];
    for (const b of order) {
      const p = procs.get(b);
      if (!p || p.exitCode !== null || p.signalCode !== null) continue;
      const gone = new Promise<void>((resolve) => p.once('exit', () => resolve()));
      p.kill('SIGTERM');
      const timer = setTimeout(() => p.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const pki = await makePki();
    const caFile = file('ca.crt', pki.caCert);
    const [etcdClient, etcdPeer, apiPort] = [await freePort(), await freePort(), await freePort()];

    // etcd: one member, loopback only, no fsync (its data is thrown away at stop).
    run('etcd', [
      '--name=podscope',
      `--data-dir=${join(dir, 'etcd')}`,
      `--listen-client-urls=http://127.0.0.1:${etcdClient}`,
      `--advertise-client-urls=http://127.0.0.1:${etcdClient}`,
      `--listen-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-cluster=podscope=http://127.0.0.1:${etcdPeer}`,
      '--unsafe-no-fsync',
      '--log-level=warn',
    ]);
    await waitFor(
      async () => {
        alive();
        const r = await fetch(`http://127.0.0.1:${etcdClient}/health`);
        return r.ok ? true : undefined;
      },
      'etcd to be healthy',
      30_000,
      100,
    );

    // Users: an admin in system:masters, the controllers and the scheduler as the users their RBAC bootstrap
    // roles are bound to, kwok as a cluster admin (it writes any node's and pod's status).
    const token = (): string => randomBytes(24).toString('base64url');
    const tokens = {
      admin: token(),
      controllerManager: token(),
      scheduler: token(),
      kwok: token(),
    };
    const tokenFile = file(
      'tokens.csv',
      [
        `${tokens.admin},podscope-admin,podscope-admin,"system:masters"`,
        `${tokens.controllerManager},system:kube-controller-manager,system:kube-controller-manager`,
        `${tokens.scheduler},system:kube-scheduler,system:kube-scheduler`,
        `${tokens.kwok},kwok-controller,kwok-controller,"system:masters"`,
        '',
      ].join('\n'),
    );
    const server = `https://127.0.0.1:${apiPort}`;
    const apiServerArgs = [
      `--etcd-servers=http://127.0.0.1:${etcdClient}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${apiPort}`,
      `--cert-dir=${join(dir, 'apiserver')}`,
      `--tls-cert-file=${file('apiserver.crt', pki.serverCert)}`,
      `--tls-private-key-file=${file('apiserver.key', pki.serverKey)}`,
      `--client-ca-file=${caFile}`,
      `--token-auth-file=${tokenFile}`,
      '--authorization-mode=Node,RBAC',
      '--enable-admission-plugins=NodeRestriction',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${file('sa.pub', pki.serviceAccountPub)}`,
      `--service-account-signing-key-file=${file('sa.key', pki.serviceAccountKey)}`,
      '--service-cluster-ip-range=10.96.0.0/16',
      // The endpoint reconciler would publish 127.0.0.1 as the kubernetes Service's endpoint, which validation
      // refuses (loopback); nothing here reaches the API server through that Service.
      '--endpoint-reconciler-type=none',
      '--allow-privileged=true',
      '--profiling=false',
      ...(opts.apiServerArgs ?? []),
    ];
    run('kube-apiserver', apiServerArgs);
    const admin: ApiTarget = { server, caCert: pki.caCert, token: tokens.admin };
    const apiServerReady = () =>
      waitFor(
        async () => {
          alive();
          const r = await apiRequest(admin, { path: '/readyz', accept: 'text/plain', timeoutMs: 5_000 });
          return r.status === 200 ? true : undefined;
        },
        'kube-apiserver to be ready',
        90_000,
        100,
      );
    await apiServerReady();
    log(`kube-apiserver ready at ${server} after ${Date.now() - started} ms`);

    const componentConfig = (who: string, tok: string): string =>
      file(`${who}.kubeconfig`, kubeconfigYaml({ server, caCert: pki.caCert, token: tok, context: who }));
    const saKey = join(dir, 'sa.key');
    run('kube-controller-manager', [
      `--kubeconfig=${componentConfig('controller-manager', tokens.controllerManager)}`,
      '--secure-port=0',
      '--leader-elect=false',
      // As kubeadm runs it: each controller acts with its own service account's rights.
      '--use-service-account-credentials=true',
      `--service-account-private-key-file=${saKey}`,
      `--root-ca-file=${caFile}`,
      '--cluster-name=podscope-real',
      // kwok renews the nodes' leases; starved of CPU by a full test run on two cores (the APF suite's flood), it
      // can miss the default 50 s, and the node lifecycle controller then taints the nodes not-ready: DaemonSet
      // pods go unscheduled and endpoints not ready for minutes. Node health is not what these suites test.
      '--node-monitor-grace-period=5m',
    ]);
    run('kube-scheduler', [
      `--kubeconfig=${componentConfig('scheduler', tokens.scheduler)}`,
      '--secure-port=0',
      '--leader-elect=false',
    ]);
    run('kwok', [
      `--kubeconfig=${componentConfig('kwok', tokens.kwok)}`,
      '--manage-all-nodes=false',
      `--manage-nodes-with-annotation-selector=${KWOK_NODE_ANNOTATION}=fake`,
      '--cidr=10.244.0.1/16',
      // Loopback: the API server proxies logs, exec and port-forward to a node's kubelet at its InternalIP, and
      // this machine must send nothing to any other address (nothing listens there: those requests fail at once).
      '--node-ip=127.0.0.1',
    ]);

    const nodes = opts.nodes ?? REAL_NODES;
    for (const [i, name] of nodes.entries()) {
      await apiJson(admin, { method: 'POST', path: '/api/v1/nodes', body: fakeNode(name, i === 0) });
    }
    await waitFor(
      async () => {
        alive();
        const list = await apiJson<{ items: NodeLike[] }>(admin, { path: '/api/v1/nodes' });
        const ready = list.items.filter((n) =>
          n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
        );
        return ready.length === nodes.length ? true : undefined;
      },
      'kwok to make the nodes Ready',
      60_000,
      100,
    );
    // Pods can be created once the service-account controller has made each namespace's `default` account (the
    // ServiceAccount admission plugin refuses a pod whose account does not exist).
    await waitFor(
      async () => {
        alive();
        const r = await apiRequest(admin, { path: '/api/v1/namespaces/default/serviceaccounts/default' });
        return r.status === 200 ? true : undefined;
      },
      'the default service account',
      60_000,
      100,
    );
    const startMs = Date.now() - started;
    log(`control plane ready after ${startMs} ms`);

    const kubeconfig = kubeconfigYaml({
      server,
      caCert: pki.caCert,
      token: tokens.admin,
      context: REAL_CONTEXT,
    });
    return {
      ...admin,
      dir,
      pki,
      kubeconfig,
      writeKubeconfig: (f) => writeFileSync(f, kubeconfig, { mode: 0o600 }),
      startMs,
      restartApiServer: async () => {
        const p = procs.get('kube-apiserver')!;
        const gone = new Promise<void>((resolve) => p.once('exit', () => resolve()));
        stopping = true;
        // Killed, not terminated: with watches open, a graceful shutdown waits up to its 60 s timeout for them.
        p.kill('SIGKILL');
        await gone;
        stopping = false;
        run('kube-apiserver', apiServerArgs);
        await apiServerReady();
      },
      rssMiB: () =>
        Object.fromEntries([...procs.entries()].map(([b, p]) => [b, rssOf(p.pid)])) as Record<Binary, number>,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

interface NodeLike {
  status?: { conditions?: { type: string; status: string }[] };
}

/** A Node kwok will run: kind's labels, the control-plane taint on the first, as the demo's nodes have. */
function fakeNode(name: string, controlPlane: boolean): object {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: { [KWOK_NODE_ANNOTATION]: 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        type: 'kwok',
        ...(controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
      },
    },
    spec: controlPlane
      ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }
      : {},
  };
}
