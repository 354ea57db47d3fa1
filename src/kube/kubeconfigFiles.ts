/**
 * Reading kubeconfig files the way kubectl (client-go's clientcmd) does, with one-line errors. client-node's
 * `loadFromDefault` differs where it matters: with several files in KUBECONFIG it throws on a name that two files
 * define and lets the *last* file's current-context win, and it falls back to `http://localhost:8080` when
 * nothing is found. clientcmd lets the *first* file win, for each cluster, user and context name and for
 * current-context, and skips files that don't exist.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
// client-node's own parsing of kubeconfig entries (a small module with no dependencies), so the entries are the
// ones its clients expect when an action needs them.
import { newClusters, newContexts, newUsers } from '@kubernetes/client-node/dist/config_types.js';
import { load as loadYaml } from 'js-yaml';
import { ConnectError } from './connectError.js';
import { isObject, type JsonObject } from './decode/read.js';
import { errnoCode, errorMessage } from './errors.js';
import { PlainKubeConfig } from './plainKubeConfig.js';
import type { Cluster, Context, User } from './plainKubeConfig.js';

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
    throw new ConnectError(`cannot read kubeconfig ${file}: ${FS_REASONS[errnoCode(e)] ?? errorMessage(e)}`);
  }
}

/** js-yaml's message is several lines with a snippet; its reason and line number are the useful part. */
function yamlProblem(e: unknown): string | undefined {
  if (!isObject(e) || e['name'] !== 'YAMLException') return undefined;
  const mark = e['mark'];
  const at = isObject(mark) ? mark['line'] : undefined;
  const line = typeof at === 'number' ? ` at line ${at + 1}` : '';
  const reason = e['reason'];
  return `${typeof reason === 'string' ? reason : 'syntax error'}${line}`;
}

/** A relative path in the file is relative to the file's folder. */
function absolute(dir: string, file: string | undefined): string | undefined {
  return file && !isAbsolute(file) ? join(dir, file) : file;
}

/** kubectl's `tokenFile`, relative to the kubeconfig's folder (clientcmd `ResolvePaths`). */
function resolveTokenFile(user: User, dir: string): User {
  const file = 'tokenFile' in user ? user.tokenFile : undefined;
  if (typeof file !== 'string') return user;
  const resolved = { ...user, tokenFile: absolute(dir, file) };
  return resolved;
}

/** clientcmd runs a relative exec command that names a directory ("./bin/plugin") from the kubeconfig's folder. */
function resolveExecCommand(user: User, dir: string): User {
  const exec: unknown = user.exec;
  const command = isObject(exec) ? exec['command'] : undefined;
  if (!isObject(exec) || typeof command !== 'string' || isAbsolute(command) || !command.includes('/'))
    return user;
  return { ...user, exec: { ...exec, command: join(dir, command) } };
}

interface KubeconfigDocument {
  clusters?: unknown;
  users?: unknown;
  contexts?: unknown;
  'current-context'?: unknown;
}

/**
 * The users, as client-node reads them, plus kubectl's `tokenFile`, which client-node doesn't know. client-node's
 * own `token-file` spelling (read at parse time, against the working directory) is not kubectl's: kubectl ignores
 * it, and so does podscope.
 */
function parseUsers(users: unknown): User[] {
  if (!Array.isArray(users)) return newUsers(users);
  const entries: unknown[] = users;
  const userOf = (e: unknown): JsonObject | undefined => {
    const user = isObject(e) ? e['user'] : undefined;
    return isObject(user) ? user : undefined;
  };
  const withoutTokenFile = entries.map((e) => {
    const user = userOf(e);
    if (!isObject(e) || !user || !('token-file' in user)) return e;
    const { 'token-file': _ignored, ...rest } = user;
    return { ...e, user: rest };
  });
  return newUsers(withoutTokenFile).map((u, i) => {
    const file = userOf(entries[i])?.['tokenFile'];
    if (typeof file !== 'string' || file === '') return u;
    const withFile = { ...u, tokenFile: file };
    return withFile;
  });
}

/** The document's entries, as client-node's `loadFromString` reads them (throwing on a malformed entry). */
function parseEntries(text: string): PlainKubeConfig {
  const loaded = loadYaml(text);
  const doc: KubeconfigDocument = isObject(loaded) ? loaded : {};
  const current = doc['current-context'];
  return new PlainKubeConfig({
    clusters: newClusters(doc.clusters),
    users: parseUsers(doc.users),
    contexts: newContexts(doc.contexts),
    currentContext: typeof current === 'string' ? current : undefined,
  });
}

/**
 * Loads one kubeconfig file; relative file paths in it (CA, client cert and key, tokenFile, exec commands with a
 * directory)
 * become relative to the file's folder. Throws `ConnectError`.
 * @param file the kubeconfig's path
 */
export function loadKubeconfigFile(file: string): PlainKubeConfig {
  const text = readText(file);
  // An empty file is an empty config to kubectl.
  if (text.trim() === '') return new PlainKubeConfig({ clusters: [], users: [], contexts: [] });
  let kc: PlainKubeConfig;
  try {
    kc = parseEntries(text);
  } catch (e) {
    const yaml = yamlProblem(e);
    throw new ConnectError(
      yaml
        ? `kubeconfig ${file} is not valid YAML: ${yaml}`
        : `kubeconfig ${file} is invalid: ${errorMessage(e).replace(/\s+/g, ' ')}`,
    );
  }
  const dir = dirname(file);
  return new PlainKubeConfig({
    clusters: kc.getClusters().map((c) => ({ ...c, caFile: absolute(dir, c.caFile) })),
    users: kc
      .getUsers()
      .map((u) =>
        resolveExecCommand(
          resolveTokenFile(
            { ...u, certFile: absolute(dir, u.certFile), keyFile: absolute(dir, u.keyFile) },
            dir,
          ),
          dir,
        ),
      ),
    contexts: kc.getContexts(),
    currentContext: kc.getCurrentContext(),
  });
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
export function mergeKubeconfigs(configs: PlainKubeConfig[]): PlainKubeConfig {
  return new PlainKubeConfig({
    clusters: firstByName<Cluster>(configs.map((c) => c.getClusters())),
    users: firstByName<User>(configs.map((c) => c.getUsers())),
    contexts: firstByName<Context>(configs.map((c) => c.getContexts())),
    currentContext: configs.map((c) => c.getCurrentContext()).find((name) => !!name),
  });
}
