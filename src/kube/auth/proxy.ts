/**
 * Which proxy a request to the API server goes through, and the agent that speaks to it, as kubectl decides:
 * the cluster's `proxy-url` (http, https or socks5; client-go `rest.Config.Proxy`) for every request, else the
 * environment as Go's `http.ProxyFromEnvironment` reads it (golang.org/x/net/http/httpproxy `Config.ProxyFunc`):
 * HTTPS_PROXY (or https_proxy) for https servers, HTTP_PROXY for http ones, NO_PROXY's exceptions, and never for
 * `localhost` or a loopback address. An https proxy is verified with the cluster's CA, as Go's transport verifies
 * it with the same TLS config; socks5 resolves the server's name at the proxy, as Go's socks dialer does.
 */
import type { Agent } from 'node:http';
import { isIP } from 'node:net';
import { isObject } from '../decode/read.js';
import { errnoCode } from '../errors.js';
import type { Cluster } from '../plainKubeConfig.js';

/** What verifies an https proxy: the cluster's CA and insecure-skip-tls-verify. */
export interface ProxyTls {
  ca?: Buffer;
  rejectUnauthorized?: boolean;
}

function envAny(env: NodeJS.ProcessEnv, ...names: string[]): string {
  for (const n of names) {
    const v = env[n];
    if (v) return v;
  }
  return '';
}

/** A proxy setting as a URL; no scheme means http (httpproxy `parseProxy`). */
function parseProxy(value: string, where: string): URL {
  let url: URL;
  try {
    url = new URL(value.includes('://') ? value : `http://${value}`);
  } catch {
    throw new Error(`invalid proxy address in ${where}: "${value}"`);
  }
  if (!['http:', 'https:', 'socks5:', 'socks5h:'].includes(url.protocol))
    throw new Error(
      `proxy URL scheme in ${where} must be http, https or socks5, not "${url.protocol.slice(0, -1)}"`,
    );
  return url;
}

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

/** A NO_PROXY entry against the host: `*`, an IP, a CIDR (IPv4), `name` (and its subdomains), `.name`, `:port`. */
function excepted(entry: string, host: string, port: string): boolean {
  if (entry === '*') return true;
  const slash = entry.indexOf('/');
  if (slash > 0) {
    const [net, bits] = [entry.slice(0, slash), Number(entry.slice(slash + 1))];
    if (isIP(net) !== 4 || isIP(host) !== 4) return false;
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    return (ipv4ToInt(net) & mask) >>> 0 === (ipv4ToInt(host) & mask) >>> 0;
  }
  let name = entry;
  let entryPort = '';
  const m = /^(.*):(\d+)$/.exec(entry);
  if (m?.[1] !== undefined && m[2] !== undefined && !entry.startsWith('[') && isIP(entry) !== 6)
    [name, entryPort] = [m[1], m[2]];
  name = name.replace(/^\[|\]$/g, '');
  if (entryPort && entryPort !== port) return false;
  if (isIP(name)) return name === host;
  if (name.startsWith('*')) name = name.slice(1);
  if (name.startsWith('.')) return host.endsWith(name);
  return host === name || host.endsWith(`.${name}`);
}

/**
 * The proxy for requests to `cluster`, or undefined for a direct connection. Throws one line for a bad setting.
 * @param env where HTTPS_PROXY and friends are read (process.env)
 */
export function proxyFor(cluster: Cluster, env: NodeJS.ProcessEnv = process.env): URL | undefined {
  if (cluster.proxyUrl) return parseProxy(cluster.proxyUrl, 'the kubeconfig (proxy-url)');
  const server = new URL(cluster.server);
  const https = server.protocol === 'https:';
  const value = https ? envAny(env, 'HTTPS_PROXY', 'https_proxy') : envAny(env, 'HTTP_PROXY', 'http_proxy');
  if (!value) return undefined;
  const host = server.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost') return undefined;
  if (isIP(host) === 4 ? host.startsWith('127.') : host === '::1') return undefined;
  const port = server.port || (https ? '443' : '80');
  const noProxy = envAny(env, 'NO_PROXY', 'no_proxy')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (noProxy.some((entry) => excepted(entry, host, port))) return undefined;
  return parseProxy(value, https ? 'HTTPS_PROXY' : 'HTTP_PROXY');
}

const agents = new Map<string, Agent>();

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'no such host',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
};

/**
 * A failure while reaching the server through the proxy (the proxy down, refusing the tunnel, unable to resolve
 * the server), named as the proxy's: without this, "connection refused" would blame the API server. It carries no
 * code, so errors.ts words it as it stands.
 */
function proxyError(proxy: URL, e: unknown): Error {
  const message = String((isObject(e) ? e['message'] : undefined) ?? e);
  // The socks client puts the socket's code in its message only ("connect ECONNREFUSED 127.0.0.1:9").
  const code = errnoCode(e) || /\b(E[A-Z_]{3,})\b/.exec(message)?.[1];
  const reason = (code && REASONS[code]) || message.replace(/\s+/g, ' ');
  return new Error(
    `cannot reach the API server through the proxy ${proxy.protocol}//${proxy.host}: ${reason}`,
  );
}

type Callback = (err: Error | null, socket?: unknown) => void;

/** Renames the errors of the proxy's own step: hpagent's CONNECT (callback) or the socks handshake (promise). */
function nameProxyErrors(agent: Agent, proxy: URL): Agent {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion -- the agents' undeclared internals, wrapped as they are
  const a = agent as unknown as {
    createConnection?: (options: unknown, cb: Callback) => unknown;
    connect?: (...args: unknown[]) => Promise<unknown>;
  };
  if (proxy.protocol.startsWith('socks')) {
    const connect = a.connect?.bind(agent);
    if (!connect) return agent;
    a.connect = (...args) => connect(...args).catch((e: unknown) => Promise.reject(proxyError(proxy, e)));
  } else {
    const create = a.createConnection?.bind(agent);
    if (!create) return agent;
    a.createConnection = (options, cb) =>
      create(options, (err, socket) => cb(err ? proxyError(proxy, err) : null, socket));
  }
  return agent;
}

/**
 * The agent that connects through `proxy` to a server at `server`. `stream`: for a WebSocket that keeps its
 * connection (exec, port-forward), an agent that pools nothing; else one that keeps connections alive. The proxy
 * modules are loaded on first use: most users have no proxy, and start-up stays small.
 */
export async function proxyAgent(proxy: URL, server: URL, tls: ProxyTls, stream: boolean): Promise<Agent> {
  const key = JSON.stringify([
    proxy.href,
    server.protocol,
    tls.ca?.toString('base64'),
    tls.rejectUnauthorized,
    stream,
  ]);
  const hit = agents.get(key);
  if (hit) return hit;
  const keep = stream ? { keepAlive: false } : { keepAlive: true, timeout: 4000 };
  let agent: Agent;
  if (proxy.protocol === 'socks5:' || proxy.protocol === 'socks5h:') {
    const url = new URL(proxy.href);
    // Go's socks5 dialer sends the name to the proxy: socks5h in socks-proxy-agent's terms.
    url.protocol = 'socks5h:';
    const { SocksProxyAgent } = await import('socks-proxy-agent');
    agent = new SocksProxyAgent(url, keep);
  } else {
    const proxyRequestOptions =
      proxy.protocol === 'https:'
        ? {
            ...(tls.ca ? { ca: [tls.ca.toString('utf8')] } : {}),
            rejectUnauthorized: tls.rejectUnauthorized !== false,
          }
        : {};
    const options = { ...keep, proxy, proxyRequestOptions };
    const { HttpProxyAgent, HttpsProxyAgent } = await import('hpagent');
    agent = server.protocol === 'http:' ? new HttpProxyAgent(options) : new HttpsProxyAgent(options);
  }
  agents.set(key, nameProxyErrors(agent, proxy));
  return agent;
}
