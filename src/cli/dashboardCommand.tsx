/**
 * `podscope [--kubeconfig FILE] [--context NAME] [-n NS | -A] [-l SELECTOR] [--readonly] [--shell CMD] [--client-image IMAGE] [--debug FILE]` and
 * `podscope --demo [--pods N] [--churn N]`: connects (or starts the demo cluster in-process), checks that pods
 * can be listed, then opens the dashboard full screen. Problems before the UI starts are one line on stderr.
 */
import { probeMark } from '../terminal/benchProbe.js';
import meow from 'meow';
import type { DemoServer } from '../demo/server.js';
import { configDir } from '../config/configDir.js';
import { loadNamespaceMemory } from '../config/namespaceMemory.js';
import { setDebugFile, debug } from '../debugLog.js';
import { parseLabelSelector, SelectorError } from '../domain/labelSelector.js';
import { splitCommand } from '../domain/splitCommand.js';
import { checkConnection, ConnectError, loadKubeConfig } from '../kube/connect.js';
import { checkNamespaceExists } from '../kube/namespaceCheck.js';
import { setClientImage } from '../kube/reach/clientImage.js';
import { learnServerVersion } from '../kube/serverVersion.js';
import { makeSession } from '../ui/session.js';
import type { Session } from '../ui/session.js';
import { intFlag, unknownFlags, UsageError } from './usageError.js';

export const USAGE =
  'usage: podscope [--kubeconfig FILE] [--context NAME] [-n NS | -A] [-l SELECTOR] [--readonly] [--shell CMD] [--client-image IMAGE] [--debug FILE] | podscope --demo [--pods N] [--churn N] | podscope demo --help';

const HELP = `
  A full-screen terminal dashboard for Kubernetes pods.

  ${USAGE}

  --kubeconfig FILE     use this kubeconfig (default: $KUBECONFIG, ~/.kube/config, in-cluster)
  --context NAME        use this context instead of the current one
  -n, --namespace NS    open on this namespace (default: the context's)
  -A, --all-namespaces  open on all namespaces
  -l, --selector SEL    only pods matching this label selector (server-side)
  --readonly            never change anything in the cluster
  --shell CMD           the command a shell runs (default: bash if the image has it, else sh)
  --client-image IMAGE  the reach probe's client pod image (R; default curlimages/curl: needs curl and nc)
  --debug FILE          write diagnostics to FILE
  --no-bell             alerts (a pod in view crashing, OOMKilled, evicted…) flash without the terminal bell
  --demo                start the embedded demo cluster and open on it (no cluster needed)
  --pods N, --churn N   with --demo: generated pods up to N; N pod events per second

  Keys: press ? in the dashboard.
`;

const KNOWN = [
  'kubeconfig',
  'context',
  'namespace',
  'n',
  'all-namespaces',
  'allNamespaces',
  'A',
  'selector',
  'l',
  'readonly',
  'shell',
  'client-image',
  'clientImage',
  'debug',
  'demo',
  'pods',
  'churn',
  'help',
  'version',
  'bell',
];

export async function dashboardCommand(argv: string[]): Promise<number> {
  const cli = meow(HELP, {
    importMeta: import.meta,
    // HELP starts with the description: meow would print package.json's above it as well.
    description: false,
    argv,
    allowUnknownFlags: true,
    flags: {
      kubeconfig: { type: 'string' },
      context: { type: 'string' },
      namespace: { type: 'string', shortFlag: 'n' },
      allNamespaces: { type: 'boolean', shortFlag: 'A' },
      selector: { type: 'string', shortFlag: 'l' },
      readonly: { type: 'boolean' },
      shell: { type: 'string' },
      clientImage: { type: 'string' },
      debug: { type: 'string' },
      demo: { type: 'boolean' },
      pods: { type: 'number' },
      churn: { type: 'number' },
      bell: { type: 'boolean', default: true },
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
  if (f.demo && (f.kubeconfig !== undefined || f.context !== undefined))
    throw new UsageError('--demo makes its own cluster: leave out --kubeconfig and --context', USAGE);
  if (f.namespace !== undefined && f.allNamespaces)
    throw new UsageError('-n and -A exclude each other', USAGE);
  if (f.namespace === '') throw new UsageError('-n needs a namespace name', USAGE);
  // meow gives a string flag with no value as '' (`--context` last, or followed by another flag): refused like -n,
  // rather than falling back to the current context or $KUBECONFIG as if it had not been given.
  if (f.kubeconfig === '') throw new UsageError('--kubeconfig needs a file name', USAGE);
  if (f.context === '') throw new UsageError('--context needs a context name', USAGE);
  if (f.debug === '') throw new UsageError('--debug needs a file name', USAGE);
  if (f.clientImage !== undefined && !/^[^\s]+$/.test(f.clientImage))
    throw new UsageError('--client-image needs an image reference, e.g. curlimages/curl:8.11.1', USAGE);
  if (f.selector !== undefined) {
    try {
      parseLabelSelector(f.selector);
    } catch (e) {
      if (e instanceof SelectorError) throw new UsageError(`-l: ${e.message}`, USAGE);
      throw e;
    }
  }
  const shellCommand = f.shell === undefined ? undefined : splitCommand(f.shell);
  if (shellCommand && !Array.isArray(shellCommand))
    throw new UsageError(`--shell: ${shellCommand.error}`, USAGE);
  if (shellCommand?.length === 0) throw new UsageError('--shell needs a command', USAGE);
  setDebugFile(f.debug);
  probeMark('flags-read');
  setClientImage(f.clientImage);

  // Ink, React and the views load while the connection is checked (about 150 ms of module loading that would
  // otherwise come after the round trip).
  const ui = Promise.all([import('../ui/App.js'), import('../terminal/fullScreen.js')]);
  ui.catch(() => undefined); // awaited below; an early return must not leave it unhandled
  let demo: DemoServer | undefined;
  let session: Session;
  let namespace: string | undefined;
  // Favourites and the last namespace of each context, from earlier runs (src/config/namespaceMemory.ts).
  const memoryDir = configDir();
  const remembered = loadNamespaceMemory(memoryDir);
  /** Without -n or -A: the namespace shown last in this context, else `fallback`. */
  const lastNamespace = (context: string, fallback: string | undefined): string | undefined => {
    const c = remembered.memory.contexts[context];
    return c ? (c.lastNamespace ?? undefined) : fallback;
  };
  if (f.demo) {
    const { startDemoCluster } = await import('../demo/server.js');
    demo = await startDemoCluster({ pods, churn });
    session = makeSession(demo.kubeConfig());
    namespace = f.allNamespaces ? undefined : (f.namespace ?? lastNamespace(session.contextName, undefined));
    // Only an explicit -n is checked: a remembered namespace deleted since must not stop the dashboard opening.
    const exists = f.namespace === undefined ? undefined : checkNamespaceExists(session.kc, f.namespace);
    exists?.catch(() => undefined); // awaited below
    await learnServerVersion(session.kc);
    try {
      await exists;
    } catch (e) {
      if (!(e instanceof ConnectError)) throw e;
      process.stderr.write(`podscope: ${e.message}\n`);
      await demo.close();
      return 1;
    }
    debug(`demo cluster at ${demo.url}`);
  } else {
    try {
      const loaded = loadKubeConfig({ kubeconfig: f.kubeconfig, context: f.context });
      session = makeSession(loaded.kc, {
        contextName: loaded.contextName,
        clusterName: loaded.clusterName,
        namespace: loaded.namespace,
      });
      namespace = f.allNamespaces
        ? undefined
        : (f.namespace ?? lastNamespace(loaded.contextName, loaded.namespace));
      // The server's release (its pod printer decides STATUS) is asked alongside, at no extra round trip.
      const connected = checkConnection(loaded.kc, namespace).catch((e: unknown) => {
        // -A for a user who may not list pods at the cluster scope: the dashboard shows the namespaces they may
        // list instead (AllNamespacesPodStore), so the context's namespace is what must answer.
        if (namespace === undefined && e instanceof ConnectError && /\bforbidden\b/i.test(e.message))
          return checkConnection(loaded.kc, loaded.namespace);
        throw e;
      });
      // -n NS that does not exist: said at start-up, once the server is known to answer (a typo is the usual cause,
      // and an empty list would not say so).
      const exists = f.namespace === undefined ? undefined : checkNamespaceExists(loaded.kc, f.namespace);
      exists?.catch(() => undefined); // awaited below
      await Promise.all([connected, learnServerVersion(loaded.kc)]);
      await exists;
    } catch (e) {
      if (e instanceof ConnectError) {
        process.stderr.write(`podscope: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
  }
  // Checked after the connection, so a bad kubeconfig or an unreachable cluster is reported as such.
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    process.stderr.write('podscope: the dashboard needs a terminal (stdin and stdout must be a TTY)\n');
    await demo?.close();
    return 1;
  }
  probeMark('connected');
  const [{ App }, { runFullScreen }] = await ui;
  probeMark('ui-loaded');
  return runFullScreen(
    <App
      session={session}
      namespace={namespace}
      labelSelector={f.selector}
      readonly={f.readonly === true}
      shellCommand={shellCommand}
      bell={f.bell}
      memory={{
        dir: memoryDir,
        favourites: remembered.memory.contexts[session.contextName]?.favourites ?? [],
        warning: remembered.warning,
      }}
    />,
    { cleanup: async () => demo?.close() },
  );
}
