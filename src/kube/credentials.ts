/**
 * The TLS settings and credentials of a kubeconfig's current context, as node:https request options — the one
 * place every request to the API server gets them (list, watch, logs, delete, exec, port-forward), following
 * kubectl (client-go's clientcmd `getUserIdentificationPartialConfig` and `transport.HTTPWrappersForConfig`):
 * - the cluster: certificate-authority (file or -data), insecure-skip-tls-verify, tls-server-name, proxy-url or
 *   HTTPS_PROXY/NO_PROXY (auth/proxy.ts);
 * - the user: client-certificate/client-key (file or -data), `token`, `tokenFile` (re-read as it rotates:
 *   auth/tokenFile.ts; it wins over `token` while it can be read, as client-go's bearer round tripper does),
 *   username/password (basic auth), `as` (impersonation), exec plugins (auth/execPlugin.ts), and the legacy
 *   auth-provider `oidc` (auth/oidc.ts); `gcp` and `azure` get kubectl's "removed" message.
 * A 401 to a credential that can be renewed (an exec plugin's, a refreshable oidc token) is retried once with a
 * new one (`retryOn401`), as client-go's exec round tripper renews after a 401.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { execConfigOf, execCredential, forgetExecCredential } from './auth/execPlugin.js';
import { forgetOidcToken, oidcToken, removedProviderMessage } from './auth/oidc.js';
import { proxyAgent, proxyFor } from './auth/proxy.js';
import { authProviderOf } from './auth/authProvider.js';
import { fileProblem, readTokenFile, tokenFileOf } from './auth/tokenFile.js';
import { isObject } from './decode/read.js';
import { CredentialsError, KubeHttpError, PlainHttpError } from './errors.js';
import type { Cluster, KubeConfigLike, User } from './plainKubeConfig.js';

/**
 * Connections are kept open between requests (a list is twenty pages at 10,000 pods). Node pools sockets by host
 * and TLS options, so one agent serves every cluster and user; idle sockets are unref'd and closed after 4 s.
 */
const agents = {
  https: new https.Agent({ keepAlive: true, timeout: 4000 }),
  http: new http.Agent({ keepAlive: true, timeout: 4000 }),
};

/** A file's bytes, or base64 data decoded; the file wins, as in client-go. */
function fileOrData(field: string, file: string | undefined, data: string | undefined): Buffer | undefined {
  if (file) {
    try {
      return readFileSync(file);
    } catch (e) {
      throw fileProblem(field, file, e);
    }
  }
  if (data) return Buffer.from(data, 'base64');
  return undefined;
}

/** clientcmd's validation (`validateAuthInfo`): one way to authenticate, as kubectl insists. */
function checkUser(user: User): void {
  const methods: string[] = [];
  if (user.token || tokenFileOf(user)) methods.push('token');
  if (user.username || user.password) methods.push('basicAuth');
  if (methods.length > 1)
    throw new Error(
      `more than one authentication method found for ${user.name}; found [${methods.join(' ')}], only one is allowed`,
    );
  const provider = authProviderOf(user);
  if (user.exec && provider?.name && provider.name !== 'tokenFile')
    throw new Error(`authProvider cannot be provided in combination with an exec plugin for ${user.name}`);
}

/** The bearer token from `token`/`tokenFile`, an exec plugin or an auth-provider; or undefined. */
async function bearer(cluster: Cluster, user: User, opts: https.RequestOptions): Promise<string | undefined> {
  const file = tokenFileOf(user);
  if (file) {
    try {
      return readTokenFile(file);
    } catch (e) {
      // client-go uses the static token when the file can't be read, if there is one.
      if (!user.token) throw e;
      return user.token;
    }
  }
  if (user.token) return user.token;
  if (user.exec) {
    const c = await execCredential(execConfigOf(user.exec, user.name), cluster);
    if (c.cert && c.key) {
      opts.cert = c.cert;
      opts.key = c.key;
    }
    return c.token;
  }
  const provider = authProviderOf(user);
  if (provider?.name !== undefined) {
    const name = String(provider.name);
    if (name === 'oidc') return oidcToken(provider.config ?? {});
    throw new Error(removedProviderMessage(name) ?? `no Auth Provider found for name "${name}"`);
  }
  return undefined;
}

async function applyUser(
  cluster: Cluster,
  user: User,
  opts: https.RequestOptions,
  headers: Record<string, string>,
): Promise<void> {
  checkUser(user);
  const cert = fileOrData('client-certificate', user.certFile, user.certData);
  const key = fileOrData('client-key', user.keyFile, user.keyData);
  if (cert) opts.cert = cert;
  if (key) opts.key = key;
  if (user.impersonateUser) headers['Impersonate-User'] = user.impersonateUser;
  const token = await bearer(cluster, user, opts);
  if (token) headers['Authorization'] = `Bearer ${token}`;
  if (user.username || user.password) opts.auth = `${user.username ?? ''}:${user.password ?? ''}`;
}

/** The exec plugin's name, for the one-line message when it fails. */
function pluginName(user: User | null): string | undefined {
  const exec: unknown = user?.exec;
  const command = isObject(exec) ? exec['command'] : undefined;
  return typeof command === 'string' ? command : undefined;
}

async function build(
  kc: KubeConfigLike,
  headers: Record<string, string>,
  stream: boolean,
): Promise<https.RequestOptions> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new CredentialsError('the kubeconfig has no current cluster');
  const user = kc.getCurrentUser();
  const sent = { ...headers };
  const opts: https.RequestOptions = { method: 'GET', headers: sent };
  try {
    const server = new URL(cluster.server);
    // As client-go: plain HTTP only when the kubeconfig says TLS is not to be checked anyway.
    if (server.protocol === 'http:' && !cluster.skipTLSVerify) throw new PlainHttpError(cluster.server);
    const ca = fileOrData('certificate-authority', cluster.caFile, cluster.caData);
    if (ca) opts.ca = ca;
    if (cluster.skipTLSVerify) opts.rejectUnauthorized = false;
    if (cluster.tlsServerName) opts.servername = cluster.tlsServerName;
    const proxy = proxyFor(cluster);
    if (proxy) {
      opts.agent = await proxyAgent(
        proxy,
        server,
        { ...(ca ? { ca } : {}), rejectUnauthorized: !cluster.skipTLSVerify },
        stream,
      );
    } else if (!stream) {
      opts.agent = server.protocol === 'http:' ? agents.http : agents.https;
    }
    if (user) await applyUser(cluster, user, opts, sent);
  } catch (e) {
    if (e instanceof PlainHttpError) throw e;
    throw new CredentialsError(e instanceof Error ? e.message : String(e), pluginName(user));
  }
  return opts;
}

/**
 * Request options for the current context: a keep-alive agent (or the proxy's), TLS and credential headers.
 * Throws `CredentialsError` (one line) when a plugin fails or a file the kubeconfig names cannot be read.
 * @param kc the kubeconfig, with the current context selected
 * @param headers headers to send (Accept and so on); credentials are added to a copy
 */
export function requestOptions(
  kc: KubeConfigLike,
  headers: Record<string, string>,
): Promise<https.RequestOptions> {
  return build(kc, headers, false);
}

/**
 * Like `requestOptions`, for a WebSocket that keeps its connection (exec, port-forward): no pooled agent — the
 * proxy's agent when there is a proxy, else none (`agent` unset: the caller connects directly).
 */
export function streamOptions(
  kc: KubeConfigLike,
  headers: Record<string, string>,
): Promise<https.RequestOptions> {
  return build(kc, headers, true);
}

/**
 * After a 401: forgets the credential that can be renewed (an exec plugin's, an oidc id-token with a refresh
 * token), so the next request gets a new one. True when a retry may succeed.
 * @param kc the kubeconfig whose credentials the server refused
 */
export function credentialsRejected(kc: KubeConfigLike): boolean {
  const user = kc.getCurrentUser();
  const cluster = kc.getCurrentCluster();
  if (!user || !cluster || user.token || tokenFileOf(user)) return false;
  if (user.exec) {
    try {
      forgetExecCredential(execConfigOf(user.exec, user.name), cluster);
      return true;
    } catch {
      return false;
    }
  }
  const provider = authProviderOf(user);
  return provider?.name === 'oidc' ? forgetOidcToken(provider.config ?? {}) : false;
}

/** Whether `err` is the server's 401. */
export function isUnauthorized(err: unknown): boolean {
  return err instanceof KubeHttpError && err.status === 401;
}

/**
 * Runs `attempt`; when it fails with a 401 and the credential can be renewed, runs it once more with a new one.
 * @param kc the kubeconfig the attempt uses
 * @param attempt one request, from credentials to answer
 */
export async function retryOn401<T>(kc: KubeConfigLike, attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (e) {
    if (!isUnauthorized(e) || !credentialsRejected(kc)) throw e;
    return attempt();
  }
}
