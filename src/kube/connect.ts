/**
 * Finding the cluster as kubectl would — `--kubeconfig`, else every file in KUBECONFIG merged, else
 * ~/.kube/config, else the pod's service account when running in a cluster — and checking it answers, with every
 * failure as one line for stderr (`ConnectError`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { ConnectError } from './connectError.js';
import { unknownContextMessage } from './contexts.js';
import { describeFailure } from './errors.js';
import { loadKubeconfigFile, mergeKubeconfigs } from './kubeconfigFiles.js';
import { PlainKubeConfig } from './plainKubeConfig.js';
import type { KubeConfigLike } from './plainKubeConfig.js';
import { getJson, serverUrl } from './request.js';

export { ConnectError } from './connectError.js';

export interface LoadKubeConfigOptions {
  /** `--kubeconfig`: this file only, which must exist. */
  kubeconfig?: string;
  /** `--context`: instead of the kubeconfig's current context. */
  context?: string;
  /** The environment to read KUBECONFIG, HOME and KUBERNETES_SERVICE_* from (process.env). */
  env?: NodeJS.ProcessEnv;
  /** Where the in-cluster service account files are (/var/run/secrets/kubernetes.io/serviceaccount). */
  serviceAccountDir?: string;
}

export interface LoadedKubeConfig {
  /** Set to the chosen context. Plain data: `toClientKubeConfig` makes a client-node `KubeConfig` of it. */
  kc: PlainKubeConfig;
  contextName: string;
  clusterName: string;
  /** The context's namespace, or "default" (in a pod: the pod's own namespace). */
  namespace: string;
  /** The API server URL. */
  server: string;
  /** The kubeconfig files read, in order; empty for the in-cluster configuration. */
  files: string[];
}

const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** KUBECONFIG's files, skipping empty entries and files that don't exist (as kubectl does). */
function kubeconfigEnvFiles(value: string): string[] {
  return value.split(delimiter).filter((f) => f !== '' && existsSync(f));
}

/** In a pod: the API server from the environment and the service account's token, CA and namespace. */
function inClusterConfig(
  env: NodeJS.ProcessEnv,
  dir: string,
): { kc: PlainKubeConfig; namespace?: string } | undefined {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port || !existsSync(join(dir, 'token'))) return undefined;
  const kc = new PlainKubeConfig({
    clusters: [
      {
        name: 'in-cluster',
        server: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
        caFile: join(dir, 'ca.crt'),
        skipTLSVerify: false,
      },
    ],
    // The token file is re-read as it rotates (client-node's FileAuth).
    users: [
      { name: 'in-cluster', authProvider: { name: 'tokenFile', config: { tokenFile: join(dir, 'token') } } },
    ],
    contexts: [{ name: 'in-cluster', cluster: 'in-cluster', user: 'in-cluster' }],
    currentContext: 'in-cluster',
  });
  let namespace: string | undefined;
  try {
    namespace = readFileSync(join(dir, 'namespace'), 'utf8').trim() || undefined;
  } catch {
    // No namespace file: "default", as client-go.
  }
  return { kc, namespace };
}

/**
 * Loads the kubeconfig as kubectl does and selects the context. Throws `ConnectError` with one line: no
 * kubeconfig found, a file unreadable or invalid, no current context, unknown context "x" (with the available
 * ones), a context naming a cluster that isn't defined.
 * @param opts `--kubeconfig` and `--context`, as given on the command line
 */
export function loadKubeConfig(opts: LoadKubeConfigOptions = {}): LoadedKubeConfig {
  const env = opts.env ?? process.env;
  let files: string[];
  if (opts.kubeconfig) {
    files = [opts.kubeconfig];
  } else if (env.KUBECONFIG) {
    files = kubeconfigEnvFiles(env.KUBECONFIG);
    if (files.length === 0) {
      throw new ConnectError(
        `no kubeconfig found: none of the files in KUBECONFIG exist (${env.KUBECONFIG})`,
      );
    }
  } else {
    const home = join(env.HOME || homedir(), '.kube', 'config');
    files = existsSync(home) ? [home] : [];
  }

  let kc: PlainKubeConfig;
  let inClusterNamespace: string | undefined;
  if (files.length > 0) {
    kc = mergeKubeconfigs(files.map(loadKubeconfigFile));
  } else {
    const inCluster = inClusterConfig(env, opts.serviceAccountDir ?? SERVICE_ACCOUNT_DIR);
    if (!inCluster) {
      throw new ConnectError(
        'no kubeconfig found: set KUBECONFIG, pass --kubeconfig FILE, or create ~/.kube/config (or try --demo)',
      );
    }
    kc = inCluster.kc;
    inClusterNamespace = inCluster.namespace;
  }

  const contextName = opts.context || kc.getCurrentContext();
  if (!contextName) {
    const names = kc.getContexts().map((c) => c.name);
    throw new ConnectError(
      names.length
        ? `the kubeconfig sets no current context: pass --context (available: ${names.join(', ')})`
        : `the kubeconfig has no contexts (${files.join(', ')})`,
    );
  }
  const context = kc.getContextObject(contextName);
  if (!context) throw new ConnectError(unknownContextMessage(kc, contextName));
  const cluster = kc.getCluster(context.cluster);
  if (!cluster) {
    throw new ConnectError(
      `context "${contextName}" refers to cluster "${context.cluster}", which the kubeconfig does not define`,
    );
  }
  return {
    kc: kc.withContext(contextName),
    contextName,
    clusterName: cluster.name,
    namespace: context.namespace || inClusterNamespace || 'default',
    server: cluster.server,
    files,
  };
}

/**
 * One cheap request (list one pod) to prove the cluster answers and lets us list pods. Throws `ConnectError`
 * with one line: server unreachable (refused, no such host, timed out — naming the server), TLS failure, 401
 * (the server refused the credentials), 403 (in the server's words: which user cannot do what), a failing
 * credential plugin (its last line of stderr; the plugin's output never reaches the terminal).
 * @param kc the kubeconfig, with its current context selected
 * @param namespace the namespace to list in, or undefined for all namespaces
 * @param timeoutMs how long to wait for an answer (10 s)
 */
export async function checkConnection(
  kc: KubeConfigLike,
  namespace: string | undefined,
  timeoutMs = 10_000,
): Promise<void> {
  const path = namespace ? `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods` : '/api/v1/pods';
  const action = namespace ? `list pods in namespace "${namespace}"` : 'list pods in all namespaces';
  try {
    await getJson(kc, path, { query: { limit: 1 }, timeoutMs });
  } catch (e) {
    throw new ConnectError(describeFailure(e, serverUrl(kc), action).message);
  }
}
