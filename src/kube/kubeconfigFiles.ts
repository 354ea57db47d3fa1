/**
 * Reading kubeconfig files the way kubectl (client-go's clientcmd) does, with one-line errors. client-node's
 * `loadFromDefault` differs where it matters: with several files in KUBECONFIG it throws on a name that two files
 * define and lets the *last* file's current-context win, and it falls back to `http://localhost:8080` when
 * nothing is found. clientcmd lets the *first* file win, for each cluster, user and context name and for
 * current-context, and skips files that don't exist.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { Cluster, Context, User } from '@kubernetes/client-node';
import { ConnectError } from './connectError.js';

const FS_REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
};

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    throw new ConnectError(`cannot read kubeconfig ${file}: ${FS_REASONS[code] ?? (e as Error).message}`);
  }
}

/** js-yaml's message is several lines with a snippet; its reason and line number are the useful part. */
function yamlProblem(e: unknown): string | undefined {
  const y = e as { name?: unknown; reason?: unknown; mark?: { line?: unknown } };
  if (y.name !== 'YAMLException') return undefined;
  const line = typeof y.mark?.line === 'number' ? ` at line ${y.mark.line + 1}` : '';
  return `${typeof y.reason === 'string' ? y.reason : 'syntax error'}${line}`;
}

/** clientcmd runs a relative exec command that names a directory ("./bin/plugin") from the kubeconfig's folder. */
function resolveExecCommand(user: User, dir: string): User {
  const exec = user.exec as { command?: unknown } | undefined;
  const command = exec?.command;
  if (typeof command !== 'string' || isAbsolute(command) || !command.includes('/')) return user;
  return { ...user, exec: { ...exec, command: join(dir, command) } };
}

/**
 * Loads one kubeconfig file; relative file paths in it (CA, client cert and key, exec commands with a directory)
 * become relative to the file's folder. Throws `ConnectError`.
 * @param file the kubeconfig's path
 */
export function loadKubeconfigFile(file: string): KubeConfig {
  const text = readText(file);
  const kc = new KubeConfig();
  // An empty file is an empty config to kubectl; js-yaml would parse it to undefined and client-node would crash.
  if (text.trim() === '') return kc;
  try {
    kc.loadFromString(text);
  } catch (e) {
    const yaml = yamlProblem(e);
    throw new ConnectError(
      yaml
        ? `kubeconfig ${file} is not valid YAML: ${yaml}`
        : `kubeconfig ${file} is invalid: ${(e as Error).message.replace(/\s+/g, ' ')}`,
    );
  }
  const dir = dirname(file);
  kc.makePathsAbsolute(dir);
  kc.loadFromOptions({
    clusters: kc.getClusters(),
    users: kc.getUsers().map((u) => resolveExecCommand(u, dir)),
    contexts: kc.getContexts(),
    currentContext: kc.getCurrentContext(),
  });
  return kc;
}

function firstByName<T extends { name: string }>(lists: T[][]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const list of lists) {
    for (const item of list) {
      if (seen.has(item.name)) continue;
      seen.add(item.name);
      out.push(item);
    }
  }
  return out;
}

/**
 * Merges kubeconfigs as clientcmd does for a KUBECONFIG list: for every cluster, user and context name, and for
 * current-context, the first file that sets it wins.
 * @param configs in KUBECONFIG order
 */
export function mergeKubeconfigs(configs: KubeConfig[]): KubeConfig {
  const merged = new KubeConfig();
  merged.loadFromOptions({
    clusters: firstByName<Cluster>(configs.map((c) => c.getClusters())),
    users: firstByName<User>(configs.map((c) => c.getUsers())),
    contexts: firstByName<Context>(configs.map((c) => c.getContexts())),
    currentContext: configs.map((c) => c.getCurrentContext()).find((name) => !!name),
  });
  return merged;
}
