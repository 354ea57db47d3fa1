/** A container with fixed contents, and a harness that types into a shell and waits for what it prints. */
import type { HttpAnswer, ShellHost } from '../../../src/demo/shell/host.js';
import { spawnProcess } from '../../../src/demo/shell/process.js';
import type { ContainerProcess } from '../../../src/demo/shell/process.js';

export const HOSTS_FILE = `# Kubernetes-managed hosts file.
127.0.0.1\tlocalhost
::1\tlocalhost ip6-localhost ip6-loopback
10.244.1.5\tweb-7d9f
`;

/** What the fake host recorded. */
export interface HostLog {
  kills: number[];
  gets: string[];
}

/** A pod `web-7d9f` (nginx on 80, an app on 8080) next to `hello` (10.244.1.8:3000) and a dead 10.244.1.9. */
export function fakeHost(log: HostLog = { kills: [], gets: [] }): ShellHost {
  const answers: Record<string, HttpAnswer | { error: string }> = {
    'http://10.244.1.8:3000/': {
      statusCode: 200,
      statusMessage: 'OK',
      headers: { 'Content-Type': 'text/plain', 'Content-Length': '12' },
      body: 'Hello World\n',
    },
    'http://localhost/': {
      statusCode: 200,
      statusMessage: 'OK',
      headers: { Server: 'nginx/1.27.3', 'Content-Type': 'text/html' },
      body: '<h1>Welcome to nginx!</h1>\n',
    },
    'http://localhost:8080/hello': {
      statusCode: 404,
      statusMessage: 'Not Found',
      headers: { 'Content-Type': 'text/plain' },
      body: '404 page not found\n',
    },
    'http://10.244.1.9:3000/': { error: 'Connection refused' },
    'http://nope/': { error: 'getaddrinfo ENOTFOUND nope' },
  };
  return {
    namespace: 'default',
    podName: 'web-7d9f',
    hostname: 'web-7d9f',
    podIP: '10.244.1.5',
    containerName: 'nginx',
    image: 'nginx:1.27',
    env: {
      KUBERNETES_SERVICE_HOST: '10.96.0.1',
      KUBERNETES_SERVICE_PORT: '443',
      NGINX_VERSION: '1.27.3',
    },
    files: {
      '/etc/hosts': HOSTS_FILE,
      '/etc/resolv.conf':
        'nameserver 10.96.0.10\nsearch default.svc.cluster.local svc.cluster.local cluster.local\n',
      '/var/run/secrets/kubernetes.io/serviceaccount/namespace': 'default',
      '/var/run/secrets/kubernetes.io/serviceaccount/token': 'eyJhbGciOiJSUzI1NiJ9.demo',
      '/usr/share/nginx/html/index.html': '<h1>Welcome to nginx!</h1>\n',
    },
    listeningPorts: [
      { port: 80, protocol: 'TCP', process: 'nginx: master process nginx -g daemon off;' },
      { port: 8080, protocol: 'TCP', process: '/web-app' },
    ],
    processes: [
      { pid: 1, user: 'root', command: 'nginx: master process nginx -g daemon off;' },
      { pid: 29, user: 'nginx', command: 'nginx: worker process' },
    ],
    httpGet(url) {
      log.gets.push(url);
      return Promise.resolve(answers[url] ?? { error: 'Connection refused' });
    },
    tcpOpen(host, port) {
      const local =
        host === 'localhost' || host === '127.0.0.1' || host === '10.244.1.5' || host === 'web-7d9f';
      return Promise.resolve(
        (local && (port === 80 || port === 8080)) || (host === '10.244.1.8' && port === 3000),
      );
    },
    killMainProcess(signal) {
      log.kills.push(signal);
    },
  };
}

/** Polls `check` until it holds, failing with `describe()` once `ms` have passed. */
export async function waitUntil(check: () => boolean, describe: () => string, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting; ${describe()}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** A process under test: what it printed so far, keys to type, and waits on its output. */
export interface Harness {
  proc: ContainerProcess;
  readonly out: string;
  readonly err: string;
  type(keys: string): void;
  /** Waits until stdout contains `text` after position `from` (default: anywhere); returns the index after it. */
  waitFor(text: string, from?: number): Promise<number>;
  /** Waits until stderr contains `text`. */
  waitForErr(text: string): Promise<void>;
  /** Waits for the exit status. */
  exit(): Promise<number>;
}

export interface StartOptions {
  tty?: boolean;
  stdin?: boolean;
  shells?: ('bash' | 'sh')[];
  host?: ShellHost;
}

/** Starts `argv` like an exec would, collecting stdout and stderr. */
export function start(argv: string[], options: StartOptions = {}): Harness {
  let out = '';
  let err = '';
  const result = spawnProcess({
    argv,
    host: options.host ?? fakeHost(),
    shells: options.shells ?? ['sh'],
    tty: options.tty ?? true,
    stdin: options.stdin ?? true,
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
  });
  if (!result.ok) throw new Error(result.error);
  const proc = result.process;
  const show = (): string => `stdout=${JSON.stringify(out)} stderr=${JSON.stringify(err)}`;
  return {
    proc,
    get out() {
      return out;
    },
    get err() {
      return err;
    },
    type: (keys) => proc.write(keys),
    async waitFor(text, from = 0) {
      await waitUntil(
        () => out.indexOf(text, from) >= 0,
        () => `for ${JSON.stringify(text)}: ${show()}`,
      );
      return out.indexOf(text, from) + text.length;
    },
    async waitForErr(text) {
      await waitUntil(
        () => err.includes(text),
        () => `for ${JSON.stringify(text)} on stderr: ${show()}`,
      );
    },
    exit: () => proc.exited,
  };
}

/** Runs a command line with `sh -c` (no terminal) and returns what it printed. */
export async function sh(
  script: string,
  options: StartOptions & { input?: string; shell?: string } = {},
): Promise<{ out: string; err: string; code: number }> {
  const shell = options.shell ?? (options.shells?.includes('bash') ? 'bash' : 'sh');
  const h = start([shell, '-c', script], { tty: false, ...options });
  if (options.input !== undefined) h.type(options.input);
  h.proc.closeStdin();
  const code = await h.exit();
  return { out: h.out, err: h.err, code };
}
