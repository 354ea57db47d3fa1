/**
 * The TLS settings and credentials of a kubeconfig's current context, as node:https request options — what
 * client-node's `applyToHTTPSOptions` does, without loading client-node: CA (file or data), insecure-skip-tls-verify,
 * tls-server-name, client certificate and key, bearer token, token file (in-cluster, re-read as it rotates), basic
 * auth, impersonation, and exec credential plugins. Plugins run through client-node's own `ExecAuth` (a small module
 * with no dependencies): spawned with piped stdio, so their stderr is captured and never reaches the screen, and
 * their credential cached until it expires. The rarer cases — a proxy-url, or a legacy auth-provider (oidc, azure,
 * gcp) — are handed to client-node itself, loaded for them only.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { ExecAuth } from '@kubernetes/client-node/dist/exec_auth.js';
import { FileAuth } from '@kubernetes/client-node/dist/file_auth.js';
import { toClientKubeConfig } from './clientKubeConfig.js';
import { CredentialsError } from './errors.js';
import type { Cluster, KubeConfigLike, User } from './plainKubeConfig.js';

/** Per kubeconfig: the plugin credentials and token files read so far (as client-node keeps them per KubeConfig). */
interface AuthCache {
  exec: ExecAuth;
  files: Map<string, FileAuth>;
}

const caches = new WeakMap<KubeConfigLike, AuthCache>();

/**
 * Connections are kept open between requests (a list is twenty pages at 10,000 pods). Node pools sockets by host
 * and TLS options, so one agent serves every cluster and user; idle sockets are unref'd and closed after 4 s.
 */
const agents = {
  https: new https.Agent({ keepAlive: true, timeout: 4000 }),
  http: new http.Agent({ keepAlive: true, timeout: 4000 }),
};

function cacheFor(kc: KubeConfigLike): AuthCache {
  let cache = caches.get(kc);
  if (!cache) {
    cache = { exec: new ExecAuth(), files: new Map() };
    caches.set(kc, cache);
  }
  return cache;
}

/** A file's bytes, or base64 data decoded, as client-node reads CA, certificate and key. */
function fileOrData(file: string | undefined, data: string | undefined): Buffer | undefined {
  if (file) return readFileSync(file);
  if (data) return Buffer.from(data, 'base64');
  return undefined;
}

interface AuthProvider {
  name?: unknown;
  config?: { tokenFile?: unknown; exec?: unknown };
}

/** Whether client-node itself must apply the credentials: a proxy, or an auth-provider other than a token file. */
function needsClientNode(cluster: Cluster, user: User | null): boolean {
  if (cluster.proxyUrl) return true;
  const provider = user?.authProvider as AuthProvider | undefined;
  if (!provider) return false;
  return typeof provider.config?.tokenFile !== 'string' && !provider.config?.exec && provider.name !== 'exec';
}

async function applyUser(kc: KubeConfigLike, user: User, opts: https.RequestOptions): Promise<void> {
  const headers = opts.headers as Record<string, string>;
  const cert = fileOrData(user.certFile, user.certData);
  const key = fileOrData(user.keyFile, user.keyData);
  if (cert) opts.cert = cert;
  if (key) opts.key = key;
  if (user.impersonateUser) headers['Impersonate-User'] = user.impersonateUser;
  const cache = cacheFor(kc);
  const provider = user.authProvider as AuthProvider | undefined;
  if (cache.exec.isAuthProvider(user)) {
    // Sets Authorization, and cert/key (PEM) when the plugin returns a client certificate.
    await cache.exec.applyAuthentication(user, opts);
  } else if (typeof provider?.config?.tokenFile === 'string') {
    const file = provider.config.tokenFile;
    let auth = cache.files.get(file);
    if (!auth) cache.files.set(file, (auth = new FileAuth()));
    await auth.applyAuthentication(user, opts);
  }
  if (user.token) headers['Authorization'] = `Bearer ${user.token}`;
  if (user.username) opts.auth = `${user.username}:${user.password ?? ''}`;
}

/**
 * Request options for the current context: agent, TLS and credential headers. Throws `CredentialsError` when a
 * plugin fails or a file the kubeconfig names cannot be read.
 * @param kc the kubeconfig, with the current context selected
 * @param headers headers to send (Accept and so on); credentials are added to a copy
 */
export async function requestOptions(
  kc: KubeConfigLike,
  headers: Record<string, string>,
): Promise<https.RequestOptions> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new CredentialsError('the kubeconfig has no current cluster');
  const user = kc.getCurrentUser();
  const plain = cluster.server.startsWith('http:');
  const opts: https.RequestOptions = { method: 'GET', headers: { ...headers } };
  try {
    if (needsClientNode(cluster, user)) {
      await (await toClientKubeConfig(kc)).applyToHTTPSOptions(opts);
      return opts;
    }
    // As client-node: plain HTTP only when the kubeconfig says TLS is not to be checked anyway.
    if (plain && !cluster.skipTLSVerify)
      throw new Error('HTTP protocol is not allowed when skipTLSVerify is not set or false');
    opts.agent = plain ? agents.http : agents.https;
    const ca = fileOrData(cluster.caFile, cluster.caData);
    if (ca) opts.ca = ca;
    if (cluster.skipTLSVerify) opts.rejectUnauthorized = false;
    if (cluster.tlsServerName) opts.servername = cluster.tlsServerName;
    if (user) await applyUser(kc, user, opts);
  } catch (e) {
    const exec = user?.exec as { command?: unknown } | undefined;
    const plugin = typeof exec?.command === 'string' ? exec.command : undefined;
    throw new CredentialsError(e instanceof Error ? e.message : String(e), plugin);
  }
  return opts;
}
