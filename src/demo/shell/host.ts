/**
 * What a simulated shell can see and do inside its container. The demo server builds one per exec from the pod,
 * the cluster and the kubelet; the shell never reaches into the cluster by any other way.
 */

/** An HTTP answer as `wget`/`curl` would print it. */
export interface HttpAnswer {
  statusCode: number;
  statusMessage: string;
  headers: Record<string, string>;
  body: string;
}

export interface ShellHost {
  namespace: string;
  podName: string;
  /** The hostname inside the container: the pod's name (or spec.hostname). */
  hostname: string;
  podIP: string;
  containerName: string;
  image: string;
  /** Environment variables of the container, KUBERNETES_SERVICE_* included. */
  env: Record<string, string>;
  /** The container's file view: absolute path → content (`/etc/hosts`, `/etc/resolv.conf`, the SA token…). */
  files: Record<string, string>;
  /** Ports that processes of this pod listen on (containers share the pod's network namespace). */
  listeningPorts: {
    port: number;
    protocol: 'TCP' | 'UDP';
    /** The local address bound (`0.0.0.0` when not said; `::`, `127.0.0.1`…), as /proc/net/tcp* lists it. */
    address?: string;
    process: string;
  }[];
  /** Processes in this container's PID namespace, PID 1 first. */
  processes: { pid: number; user: string; command: string }[];
  /** An HTTP GET from inside the pod; resolves pod IPs, pod names of the namespace and localhost. */
  httpGet(url: string): Promise<HttpAnswer | { error: string }>;
  /** Whether HOST:PORT accepts TCP connections, as `nc -z` finds out. */
  tcpOpen(host: string, port: number): Promise<boolean>;
  /** `kill 1`: the container's main process ends and the kubelet restarts the container. */
  killMainProcess(signal: number): void;
}
