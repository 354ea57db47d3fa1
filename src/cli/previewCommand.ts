/**
 * `podscope [--demo]` until the dashboard exists: prints the pods as `kubectl get pods -o wide` does, read with
 * client-node through the kubeconfig (or from an in-process demo cluster), and with `--demo` keeps the cluster
 * serving, with a kubeconfig written for kubectl, until Ctrl-C.
 */
import meow from 'meow';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { startDemoCluster } from '../demo/server.js';
import type { DemoServer } from '../demo/server.js';
import { podPrintRow } from '../domain/podStatus.js';
import { formatColumns } from '../domain/textTable.js';
import type { Pod } from '../domain/wire.js';
import { intFlag, unknownFlags, UsageError } from './usageError.js';

export const USAGE =
  'usage: podscope [--kubeconfig FILE] [--context NAME] [-n NS | -A] | podscope --demo [--pods N] [--churn N] | podscope demo --help';

const KNOWN = [
  'kubeconfig',
  'context',
  'namespace',
  'n',
  'all-namespaces',
  'allNamespaces',
  'A',
  'demo',
  'pods',
  'churn',
  'help',
  'version',
];

async function loadPods(kc: KubeConfig, namespace: string | undefined): Promise<Pod[]> {
  const api = kc.makeApiClient(CoreV1Api);
  const list = namespace ? await api.listNamespacedPod({ namespace }) : await api.listPodForAllNamespaces();
  // The typed client turns timestamps into Dates; JSON brings them back to the wire form the domain reads.
  return JSON.parse(JSON.stringify(list.items)) as Pod[];
}

function printPods(pods: Pod[], allNamespaces: boolean): void {
  const now = Date.now();
  const head = [
    ...(allNamespaces ? ['NAMESPACE'] : []),
    'NAME',
    'READY',
    'STATUS',
    'RESTARTS',
    'AGE',
    'IP',
    'NODE',
  ];
  const rows = pods.map((p) => {
    const r = podPrintRow(p, now);
    return [
      ...(allNamespaces ? [p.metadata?.namespace ?? ''] : []),
      r.name,
      r.ready,
      r.status,
      r.restarts,
      r.age,
      r.ip,
      r.node,
    ];
  });
  process.stdout.write(formatColumns([head, ...rows]) + '\n');
}

/** Waits (up to a deadline) until the demo's seed pods have left their first seconds of ContainerCreating. */
async function settle(kc: KubeConfig): Promise<void> {
  const deadline = Date.now() + 4000;
  while (Date.now() < deadline) {
    const pods = await loadPods(kc, undefined);
    const starting = pods.some((p) =>
      ['Pending', 'ContainerCreating', 'PodInitializing'].includes(podPrintRow(p, Date.now()).status),
    );
    if (!starting) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

function describeError(e: unknown): string {
  const err = e as { code?: number | string; message?: string; cause?: { code?: string } };
  if (err.code === 401) return 'the server refused the credentials (401 Unauthorized)';
  if (err.code === 403) return 'the server forbids listing pods (403 Forbidden)';
  const cause = err.cause?.code ?? (typeof err.code === 'string' ? err.code : undefined);
  if (cause === 'ECONNREFUSED') return 'the server is unreachable (connection refused)';
  return (err.message ?? String(e)).split('\n')[0]!;
}

export async function previewCommand(argv: string[]): Promise<number> {
  const cli = meow(`\n  ${USAGE}\n`, {
    importMeta: import.meta,
    argv,
    allowUnknownFlags: true,
    flags: {
      kubeconfig: { type: 'string' },
      context: { type: 'string' },
      namespace: { type: 'string', shortFlag: 'n' },
      allNamespaces: { type: 'boolean', shortFlag: 'A' },
      demo: { type: 'boolean' },
      pods: { type: 'number' },
      churn: { type: 'number' },
    },
  });
  const bad = unknownFlags(argv, KNOWN);
  if (bad.length) throw new UsageError(`unknown flag ${bad[0]}`, USAGE);
  if (cli.input.length) throw new UsageError(`unknown command "${cli.input[0]}"`, USAGE);
  const f = cli.flags;
  const pods = intFlag('pods', f.pods, 0, 200_000, USAGE);
  const churn = intFlag('churn', f.churn, 0, 100_000, USAGE);
  if (!f.demo && (pods !== undefined || churn !== undefined))
    throw new UsageError('--pods and --churn go with --demo', USAGE);

  let demo: DemoServer | undefined;
  const kc = new KubeConfig();
  if (f.demo) {
    demo = await startDemoCluster({ pods, churn });
    kc.loadFromString(demo.kubeconfig());
  } else {
    try {
      if (f.kubeconfig) kc.loadFromFile(f.kubeconfig);
      else kc.loadFromDefault();
    } catch (e) {
      process.stderr.write(`podscope: cannot load kubeconfig: ${describeError(e)}\n`);
      return 1;
    }
    if (f.context) {
      if (!kc.getContextObject(f.context)) {
        process.stderr.write(`podscope: context "${f.context}" not found in the kubeconfig\n`);
        return 1;
      }
      kc.setCurrentContext(f.context);
    }
  }
  const contextNs = kc.getContextObject(kc.getCurrentContext())?.namespace ?? 'default';
  const all = f.demo ? !f.namespace : !!f.allNamespaces;
  const namespace = all ? undefined : (f.namespace ?? contextNs);
  try {
    if (demo) await settle(kc);
    printPods(await loadPods(kc, namespace), all);
  } catch (e) {
    process.stderr.write(`podscope: ${describeError(e)}\n`);
    await demo?.close();
    return 1;
  }
  if (!demo) return 0;
  const dir = await mkdtemp(join(tmpdir(), 'podscope-demo-'));
  const file = join(dir, 'kubeconfig');
  await demo.writeKubeconfig(file);
  process.stdout.write(
    `\ndemo cluster listening on ${demo.url}\nkubeconfig written to ${file}\n` +
      `try: kubectl --kubeconfig ${file} get pods -A    (Ctrl-C stops the demo cluster)\n`,
  );
  await new Promise<void>((done) => {
    const stop = (): void => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await demo.close();
  return 0;
}
