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

/** A relative path in the file is relative to the file's folder. */
function absolute(dir: string, file: string | undefined): string | undefined {
  return file && !isAbsolute(file) ? join(dir, file) : file;
}

/** kubectl's `tokenFile`, relative to the kubeconfig's folder (clientcmd `ResolvePaths`). */
function resolveTokenFile(user: User, dir: string): User {
  const file = (user as { tokenFile?: unknown }).tokenFile;
  return typeof file === 'string' ? ({ ...user, tokenFile: absolute(dir, file) } as User) : user;
}

/** clientcmd runs a relative exec command that names a directory ("./bin/plugin") from the kubeconfig's folder. */
function resolveExecCommand(user: User, dir: string): User {
  const exec = user.exec as { command?: unknown } | undefined;
  const command = exec?.command;
  if (typeof command !== 'string' || isAbsolute(command) || !command.includes('/')) return user;
  return { ...user, exec: { ...exec, command: join(dir, command) } };
}

interface KubeconfigDocument {
  clusters?: unknown;
  users?: unknown;
  contexts?: unknown;
  'current-context'?: unknown;
}

interface UserEntry {
  user?: Record<string, unknown> | null;
}

/**
 * The users, as client-node reads them, plus kubectl's `tokenFile`, which client-node doesn't know. client-node's
 * own `token-file` spelling (read at parse time, against the working directory) is not kubectl's: kubectl ignores
 * it, and so does podscope.
 */
function parseUsers(users: unknown): User[] {
  if (!Array.isArray(users)) return newUsers(users);
  const entries = users as (UserEntry | null)[];
  const withoutTokenFile = entries.map((e) => {
    if (!e?.user || !('token-file' in e.user)) return e;
    const { 'token-file': _ignored, ...user } = e.user;
    return { ...e, user };
  });
  return newUsers(withoutTokenFile).map((u, i) => {
    const file = entries[i]?.user?.['tokenFile'];
    return typeof file === 'string' && file !== '' ? ({ ...u, tokenFile: file } as User) : u;
  });
}

/** The document's entries, as client-node's `loadFromString` reads them (throwing on a malformed entry). */
function parseEntries(text: string): PlainKubeConfig {
  const doc = (loadYaml(text) ?? {}) as KubeconfigDocument;
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
        : `kubeconfig ${file} is invalid: ${(e as Error).message.replace(/\s+/g, ' ')}`,
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
