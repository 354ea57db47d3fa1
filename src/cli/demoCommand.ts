/**
 * `podscope demo`: serves the demo cluster on 127.0.0.1 until SIGINT/SIGTERM, and optionally writes a kubeconfig
 * for it so kubectl (or podscope) can connect.
 */
import meow from 'meow';
import { resolve } from 'node:path';
import { startDemoCluster } from '../demo/server.js';
import { intFlag, unknownFlags, UsageError } from './usageError.js';

export const DEMO_USAGE =
  'usage: podscope demo [--port N] [--pods N] [--namespaces N] [--churn EVENTS_PER_SEC] [--seed N] [--max-requests-per-second N] [--no-watch-list] [--kubeconfig-out FILE]';

const HELP = `
  Serve the podscope demo cluster: a Kubernetes-compatible API server on 127.0.0.1.

  ${DEMO_USAGE}

  --port N             port to listen on; 0 (default) picks a free one
  --pods N             generated pods up to N pods in total (at most 200,000)
  --namespaces N       namespaces to spread generated pods over
  --churn N            pod events per second (status changes, restarts, replacements)
  --seed N             makes the generated cluster repeatable
  --kubeconfig-out F   write a kubeconfig for the cluster to F (mode 0600), one context per user:
                       podscope-demo (everything), podscope-demo-viewer (reads pods, their logs
                       and events in default and frontend), podscope-demo-editor (the viewer's
                       rights, plus deleting pods and port-forwarding; no shell)
  --max-requests-per-second N
                       each user's request budget; beyond it the server answers 429 Too Many
                       Requests with Retry-After, as API priority and fairness does (default: unlimited)
  --no-watch-list      serve as a kube-apiserver without the WatchList feature (before 1.32): no
                       streaming lists; a watch with sendInitialEvents is refused with 422
`;

const KNOWN = [
  'port',
  'pods',
  'namespaces',
  'churn',
  'seed',
  'kubeconfig-out',
  'kubeconfigOut',
  'max-requests-per-second',
  'maxRequestsPerSecond',
  'watch-list',
  'watchList',
  'help',
];

/** Runs the demo command; resolves when the server has stopped. */
export async function demoCommand(argv: string[]): Promise<number> {
  const cli = meow(HELP, {
    importMeta: import.meta,
    // HELP says what `podscope demo` does: package.json's description above it would be a second, other one.
    description: false,
    argv,
    allowUnknownFlags: true,
    autoVersion: false,
    flags: {
      port: { type: 'number' },
      pods: { type: 'number' },
      namespaces: { type: 'number' },
      churn: { type: 'number' },
      seed: { type: 'number' },
      kubeconfigOut: { type: 'string' },
      maxRequestsPerSecond: { type: 'number' },
      watchList: { type: 'boolean', default: true },
    },
  });
  const bad = unknownFlags(argv, KNOWN);
  if (bad.length) throw new UsageError(`unknown flag ${bad[0]}`, DEMO_USAGE);
  if (cli.input.length) throw new UsageError(`unexpected argument "${cli.input[0]}"`, DEMO_USAGE);
  const f = cli.flags;
  const port = intFlag('port', f.port, 0, 65535, DEMO_USAGE);
  const pods = intFlag('pods', f.pods, 0, 200_000, DEMO_USAGE);
  const namespaces = intFlag('namespaces', f.namespaces, 1, 1000, DEMO_USAGE);
  const churn = intFlag('churn', f.churn, 0, 100_000, DEMO_USAGE);
  const seed = intFlag('seed', f.seed, 0, 2 ** 31 - 1, DEMO_USAGE);
  const maxRequestsPerSecond = intFlag(
    'max-requests-per-second',
    f.maxRequestsPerSecond,
    1,
    1_000_000,
    DEMO_USAGE,
  );
  if (f.kubeconfigOut === '') throw new UsageError('--kubeconfig-out needs a file name', DEMO_USAGE);

  let server;
  try {
    server = await startDemoCluster({
      port,
      pods,
      namespaces,
      churn,
      seed,
      maxRequestsPerSecond,
      watchList: f.watchList,
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'EADDRINUSE' ? `port ${port} is already in use` : err.message;
    process.stderr.write(`podscope demo: cannot listen on 127.0.0.1: ${why}\n`);
    return 1;
  }
  process.stdout.write(`demo cluster listening on ${server.url}\n`);
  if (f.kubeconfigOut) {
    const file = resolve(f.kubeconfigOut);
    try {
      await server.writeKubeconfig(file);
    } catch (e) {
      process.stderr.write(`podscope demo: cannot write kubeconfig ${file}: ${(e as Error).message}\n`);
      await server.close();
      return 1;
    }
    process.stdout.write(`kubeconfig written to ${file}\n`);
    process.stdout.write(`contexts: ${server.users.map((u) => u.context).join(', ')}\n`);
  }
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
