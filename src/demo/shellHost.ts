/**
 * Builds what a simulated shell sees inside a container: environment, the kubelet-managed files, the pod's
 * listening ports and processes, and the network (HTTP and TCP to other demo pods by IP, and to localhost).
 */
import type { Pod } from '../domain/wire.js';
import { httpGetFromApp } from './apps/index.js';
import type { Cluster } from './cluster.js';
import { imageRepository } from './images.js';
import { containerFiles, podNode } from './podFiles.js';
import { listenerFor, podByIP, podListeners, viaOf } from './podNetwork.js';
import { procNetFiles } from './procNet.js';
import type { HttpAnswer, ShellHost } from './shell/host.js';
import { PODS } from './store/resourceTypes.js';

const KUBERNETES_ENV: Record<string, string> = {
  KUBERNETES_SERVICE_HOST: '10.96.0.1',
  KUBERNETES_SERVICE_PORT: '443',
  KUBERNETES_SERVICE_PORT_HTTPS: '443',
  KUBERNETES_PORT: 'tcp://10.96.0.1:443',
  KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443',
  KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
  KUBERNETES_PORT_443_TCP_PORT: '443',
  KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
};

function processName(image: string, command: string[] | undefined): string {
  if (command?.length) return command.join(' ');
  const repo = imageRepository(image);
  if (repo === 'nginx') return 'nginx: master process nginx -g daemon off;';
  if (repo.includes('kiada') || repo.includes('hello')) return 'node app.js';
  if (repo === 'busybox' || repo === 'alpine') return 'sh';
  return `/${repo.split('/').pop()}`;
}

function splitHostPort(hostport: string, defaultPort: number): [string, number] {
  const m = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(hostport);
  return [m?.[1] ?? hostport, m?.[2] ? Number(m[2]) : defaultPort];
}

/** The ShellHost for a container of a pod. */
export function shellHostFor(cluster: Cluster, pod: Pod, containerName: string, caCert: string): ShellHost {
  const ns = pod.metadata?.namespace ?? 'default';
  const name = pod.metadata?.name ?? '';
  const hostname = pod.spec?.hostname ?? name;
  const podIP = pod.status?.podIP ?? '';
  const spec = [
    ...(pod.spec?.containers ?? []),
    ...(pod.spec?.initContainers ?? []),
    ...(pod.spec?.ephemeralContainers ?? []),
  ].find((c) => c.name === containerName);
  const image = spec?.image ?? '';
  const env: Record<string, string> = {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOSTNAME: hostname,
    HOME: '/root',
    ...KUBERNETES_ENV,
  };
  for (const e of spec?.env ?? []) {
    // Values from secrets and config maps show as the kubelet would resolve them; the demo has none, so empty.
    env[e.name] = e.value ?? '';
  }
  const files: Record<string, string> = {
    ...containerFiles({
      pod,
      container: containerName,
      node: podNode(cluster, pod),
      caCert,
      now: cluster.now(),
    }),
    ...procNetFiles(pod),
  };
  const listeners = podListeners(pod);
  // A debug container with a target shares the target's PID namespace, as the kubelet sets it up (pkg/kubelet/
  // kuberuntime/kuberuntime_container_linux.go, generateLinuxContainerConfig: NamespaceMode_TARGET with the target's
  // container ID): PID 1 is the target's main process, its own process comes after the target's.
  const targetName = (spec as { targetContainerName?: string } | undefined)?.targetContainerName;
  const target = targetName
    ? [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find(
        (c) => c.name === targetName,
      )
    : undefined;
  const processes = containerProcesses(image, spec?.command);
  if (target) {
    const shared = containerProcesses(target.image ?? '', target.command);
    const next = Math.max(...shared.map((p) => p.pid)) + 1;
    processes.splice(0, processes.length, ...shared, ...processes.map((p, k) => ({ ...p, pid: next + k })));
  }
  const pid1Container = target?.name ?? containerName;

  // The pod as it is now (its containers may have restarted since the shell opened).
  const current = (): Pod => (cluster.store.get(PODS, ns, name) as Pod | undefined) ?? pod;
  const resolve = (host: string): Pod | undefined => {
    if (host === 'localhost' || host === '127.0.0.1' || host === hostname || host === podIP) return current();
    return podByIP(cluster.store, host);
  };

  const httpGet = async (url: string): Promise<HttpAnswer | { error: string }> => {
    let u: URL;
    try {
      u = new URL(/^[a-z]+:\/\//i.test(url) ? url : `http://${url}`);
    } catch {
      return { error: 'bad address' };
    }
    if (u.protocol !== 'http:') return { error: `unsupported protocol ${u.protocol.replace(':', '')}` };
    const [host, port] = splitHostPort(u.host, 80);
    const target = resolve(host);
    if (!target) return { error: 'bad address' };
    const listener = listenerFor(target, port, viaOf(host));
    if (!target.status?.podIP || !listener) return { error: 'Connection refused' };
    const local = target === pod || target.metadata?.uid === pod.metadata?.uid;
    try {
      return await httpGetFromApp(
        listener.app,
        {
          namespace: target.metadata?.namespace ?? 'default',
          podName: target.metadata?.name ?? '',
          podIP: target.status.podIP,
          hostname: target.spec?.hostname ?? target.metadata?.name ?? '',
          containerName: listener.container,
          clientIP: local ? '127.0.0.1' : podIP,
          port,
        },
        `${u.pathname}${u.search}`,
      );
    } catch (e) {
      return { error: (e as Error).message };
    }
  };

  return {
    namespace: ns,
    podName: name,
    hostname,
    podIP,
    containerName,
    image,
    env,
    files,
    listeningPorts: listeners.flatMap((l) =>
      l.addresses.map((address) => ({
        port: l.port,
        protocol: 'TCP' as const,
        address,
        process: listenerProcess(pod, l.container),
      })),
    ),
    processes,
    httpGet,
    tcpOpen: async (host, port) => {
      const target = resolve(host);
      return !!target && !!listenerFor(target, port, viaOf(host));
    },
    // `kill 1` reaches PID 1 of the namespace the shell is in: with a target, the target's main process.
    killMainProcess: (signal) => cluster.kubelet.killMain(ns, name, pid1Container, signal),
  };
}

/** The processes a container of this image runs in its own PID namespace, PID 1 first. */
function containerProcesses(image: string, command: string[] | undefined): ShellHost['processes'] {
  const processes = [{ pid: 1, user: 'root', command: processName(image, command) }];
  if (imageRepository(image) === 'nginx') {
    processes.push(
      { pid: 29, user: 'nginx', command: 'nginx: worker process' },
      { pid: 30, user: 'nginx', command: 'nginx: worker process' },
    );
  }
  return processes;
}

function listenerProcess(pod: Pod, container: string): string {
  const c = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].find(
    (x) => x.name === container,
  );
  return processName(c?.image ?? '', c?.command);
}
