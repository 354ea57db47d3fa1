/**
 * What the demo cluster knows about container images: whether they exist, which shells they carry, what they
 * serve on which port and what kind of logs they write. An image not listed here behaves like a small Linux image
 * with `sh` that logs like an app, unless its repository is one of the misspelt ones, which fail to pull.
 */

/** The behaviour of a port: which demo app answers there (an HTTP server, or redis's RESP). */
export type AppKind = 'nginx' | 'hello' | 'kiada' | 'webapp' | 'api' | 'kubeproxy' | 'redis';

/** How a container's log lines look. */
export type LogStyle = 'nginx' | 'node' | 'app' | 'quiet' | 'crash' | 'job' | 'init' | 'firehose' | 'hostile';

/** What a container does with its life. */
export type Lifecycle =
  | { kind: 'serve' } // runs until stopped
  | { kind: 'crash'; afterMs: number; exitCode: number } // exits with an error after a while: CrashLoopBackOff
  | { kind: 'complete'; afterMs: number }; // exits 0 after a while (jobs, init containers)

/**
 * A port the image's process listens on, and the local addresses it binds: `::` when not said — what Node's
 * `server.listen(port)` and Go's `net.Listen("tcp", ":port")` do, one dual-stack socket (it shows in
 * /proc/net/tcp6 only).
 */
export interface Listen {
  port: number;
  app: AppKind;
  /** `0.0.0.0`, `::`, `127.0.0.1`, `::1`; default `['::']`. */
  addresses?: readonly string[];
}

export interface ImageProfile {
  /** false: the pull fails (ErrImagePull, then ImagePullBackOff). */
  exists: boolean;
  /** Shells in the image, in preference order; empty for distroless images. */
  shells: ('bash' | 'sh')[];
  /** Ports the process listens on, whether declared or not (declared ports are informative only). */
  listens: Listen[];
  logStyle: LogStyle;
  lifecycle: Lifecycle;
}

const MISSPELT = new Set(['ngnx', 'ngix', 'nginz', 'busyboxx', 'does-not-exist']);

/** Image repository without registry host, tag or digest: `docker.io/library/nginx:1.25` → `nginx`. */
export function imageRepository(image: string): string {
  const noDigest = image.split('@')[0] ?? image;
  const parts = noDigest.split('/');
  const last = parts[parts.length - 1] ?? noDigest;
  const name = last.split(':')[0] ?? last;
  const rest = parts.slice(0, -1).filter((p, i) => !(i === 0 && (p.includes('.') || p.includes(':'))));
  const path = [...rest.filter((p) => p !== 'library'), name].join('/');
  return path;
}

/** The profile of an image; `command` overrides (as a pod's `command`/`args` do) can change the lifecycle. */
export function imageProfile(image: string): ImageProfile {
  const repo = imageRepository(image);
  if (MISSPELT.has(repo)) {
    return { exists: false, shells: [], listens: [], logStyle: 'quiet', lifecycle: { kind: 'serve' } };
  }
  switch (repo) {
    case 'nginx':
      return {
        exists: true,
        shells: ['bash', 'sh'],
        // The official image's default.conf has `listen 80;`, and its entrypoint
        // (docker-entrypoint.d/10-listen-on-ipv6-by-default.sh) adds `listen [::]:80;`: nginx sets ipv6only on
        // that one, so there are two sockets, as seed 000's `netstat -l` shows (0.0.0.0:http and :::http).
        listens: [{ port: 80, app: 'nginx', addresses: ['0.0.0.0', '::'] }],
        logStyle: 'nginx',
        lifecycle: { kind: 'serve' },
      };
    case 'busybox':
    case 'alpine':
      return { exists: true, shells: ['sh'], listens: [], logStyle: 'quiet', lifecycle: { kind: 'serve' } };
    // Seed 001's client image (and the reach probe's): Alpine with curl added, so ash and busybox's applets
    // (nc, sleep) are there too. Its entrypoint is curl; a pod that runs it gives a command (`sleep`).
    case 'curlimages/curl':
      return { exists: true, shells: ['sh'], listens: [], logStyle: 'quiet', lifecycle: { kind: 'serve' } };
    case 'luksa/kiada':
    case 'kiada':
      return {
        exists: true,
        shells: ['bash', 'sh'],
        listens: [{ port: 8080, app: 'kiada' }],
        logStyle: 'node',
        lifecycle: { kind: 'serve' },
      };
    case 'hello':
    case 'ubuntu/helloworld':
    case 'podscope/hello':
      return {
        exists: true,
        shells: ['sh'],
        listens: [{ port: 3000, app: 'hello' }],
        logStyle: 'node',
        lifecycle: { kind: 'serve' },
      };
    case 'lameaux/mox':
    case 'podscope/web-app':
    case 'web-app':
      // Distroless, as in seed 000: no shell at all; the app answers on 8080 and serves metrics on 9090.
      return {
        exists: true,
        shells: [],
        listens: [
          { port: 8080, app: 'webapp' },
          { port: 9090, app: 'webapp' },
        ],
        logStyle: 'app',
        lifecycle: { kind: 'serve' },
      };
    case 'podscope/crasher':
      return {
        exists: true,
        shells: ['sh'],
        listens: [],
        logStyle: 'crash',
        lifecycle: { kind: 'crash', afterMs: 4000, exitCode: 1 },
      };
    case 'podscope/job':
      return {
        exists: true,
        shells: ['sh'],
        listens: [],
        logStyle: 'job',
        lifecycle: { kind: 'complete', afterMs: 3000 },
      };
    case 'podscope/migrate':
      return {
        exists: true,
        shells: ['sh'],
        listens: [],
        logStyle: 'init',
        lifecycle: { kind: 'complete', afterMs: 6000 },
      };
    case 'podscope/firehose':
      return {
        exists: true,
        shells: ['sh'],
        listens: [],
        logStyle: 'firehose',
        lifecycle: { kind: 'serve' },
      };
    case 'podscope/hostile':
      return {
        exists: true,
        shells: ['sh'],
        listens: [],
        logStyle: 'hostile',
        lifecycle: { kind: 'serve' },
      };
    case 'redis':
      // With no config file redis 7 binds `* -::*` (two sockets, 0.0.0.0 and an IPv6-only ::), and the official
      // image's entrypoint turns protected mode off, so it answers through the pod IP too.
      return {
        exists: true,
        shells: ['sh'],
        listens: [{ port: 6379, app: 'redis', addresses: ['0.0.0.0', '::'] }],
        logStyle: 'app',
        lifecycle: { kind: 'serve' },
      };
    case 'kube-proxy':
      // registry.k8s.io/kube-proxy as kubeadm runs it (host network, no ports declared): healthz on 0.0.0.0:10256
      // (one dual-stack Go socket), metrics on 127.0.0.1:10249 — pkg/proxy/apis/config/v1alpha1/defaults.go.
      return {
        exists: true,
        shells: ['sh'],
        listens: [
          { port: 10256, app: 'kubeproxy' },
          { port: 10249, app: 'kubeproxy', addresses: ['127.0.0.1'] },
        ],
        logStyle: 'app',
        lifecycle: { kind: 'serve' },
      };
    case 'gcr.io/distroless/static':
    case 'distroless/static':
      return { exists: true, shells: [], listens: [], logStyle: 'quiet', lifecycle: { kind: 'serve' } };
    case 'podscope/localhost-app':
      // The classic mistake (seeds 000/001): the pod declares 8080, but the app listens on 127.0.0.1:3000 —
      // `kubectl port-forward` reaches it (it dials the pod's loopback), a Service or another pod never does.
      return {
        exists: true,
        shells: ['sh'],
        listens: [{ port: 3000, app: 'hello', addresses: ['127.0.0.1'] }],
        logStyle: 'node',
        lifecycle: { kind: 'serve' },
      };
    case 'podscope/api':
      return {
        exists: true,
        shells: ['sh'],
        listens: [{ port: 8080, app: 'api' }],
        logStyle: 'app',
        lifecycle: { kind: 'serve' },
      };
    default:
      return {
        exists: true,
        shells: ['sh'],
        listens: [],
        logStyle: 'app',
        lifecycle: { kind: 'serve' },
      };
  }
}
