/**
 * The demo pods' TCP services, in process and without a single listening socket. Each app is a real `node:http`
 * server that is never `listen()`ed: every connection is an in-memory socket pair whose server end is handed over
 * with `server.emit('connection', end)`, the standard way to serve HTTP over any stream. HTTP/1.1 therefore behaves
 * as it does on the wire (keep-alive, chunked bodies, pipelining, `Expect: 100-continue`, 400 on garbage), whether
 * the bytes come from a port-forward or from the simulated shell's curl. redis is not HTTP: its server ends are
 * served by redis.ts.
 */
import { request, Server, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { AppKind } from '../images.js';
import type { HttpAnswer } from '../shell/host.js';
import type { AppContext, AppHandler } from './context.js';
import { createSocketPair, type MemorySocket } from './memorySocket.js';
import { kubeProxyHandler, KUBE_PROXY_HEALTHZ_PORT } from './kubeProxy.js';
import { nginxHandler } from './nginx.js';
import { helloHandler, kiadaHandler } from './nodeApps.js';
import { forgetRedisKeys, serveRedis } from './redis.js';
import { bodyBytesSent } from './respond.js';
import { apiHandler, webappHandler } from './webApps.js';

export type { AppContext, AppRequestEntry } from './context.js';
export { MemorySocket } from './memorySocket.js';
export { bytesPattern } from './respond.js';
export { NGINX_WELCOME_PAGE } from './nginx.js';

/** The port each app listens on in its image (see images.ts). */
export const APP_PORTS: Readonly<Record<AppKind, number>> = {
  nginx: 80,
  hello: 3000,
  kiada: 8080,
  webapp: 8080,
  api: 8080,
  kubeproxy: KUBE_PROXY_HEALTHZ_PORT,
  redis: 6379,
};

/** The apps that are HTTP servers (redis speaks RESP: redis.ts serves its connections itself). */
type HttpAppKind = Exclude<AppKind, 'redis'>;

const HANDLERS: Readonly<Record<HttpAppKind, AppHandler>> = {
  nginx: nginxHandler,
  hello: helloHandler,
  kiada: kiadaHandler,
  webapp: webappHandler,
  api: apiHandler,
  kubeproxy: kubeProxyHandler,
};

/** Idle keep-alive per server: nginx's stock `keepalive_timeout 65`, node's default 5 s, Go's servers a minute. */
const KEEP_ALIVE_MS: Readonly<Record<HttpAppKind, number>> = {
  nginx: 65_000,
  hello: 5_000,
  kiada: 5_000,
  webapp: 60_000,
  api: 60_000,
  kubeproxy: 60_000,
};

/** The context of each server-side connection end; the handler finds it through `req.socket`. */
const contexts = new WeakMap<object, AppContext>();
/** Live server-side ends per pod, so a stopped container can drop its connections. */
const livePods = new Map<string, Set<MemorySocket>>();

const podKey = (namespace: string, pod: string) => `${namespace}/${pod}`;

function logRequest(req: IncomingMessage, res: ServerResponse, ctx: AppContext): void {
  const onRequest = ctx.onRequest;
  if (!onRequest) return;
  let logged = false;
  const log = () => {
    if (logged) return;
    logged = true;
    onRequest({
      time: new Date(),
      clientIP: ctx.clientIP,
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      httpVersion: req.httpVersion,
      status: res.statusCode,
      bytes: bodyBytesSent(res),
      ...(req.headers['user-agent'] !== undefined ? { userAgent: req.headers['user-agent'] } : {}),
      ...(req.headers.referer !== undefined ? { referer: req.headers.referer } : {}),
    });
  };
  res.once('finish', log);
  res.once('close', log);
}

const servers = new Map<HttpAppKind, Server>();

/** The app's server, created on first use; it is never listened on, so it holds no resources. */
function serverFor(app: HttpAppKind): Server {
  let server = servers.get(app);
  if (server) return server;
  const handler = HANDLERS[app];
  server = new Server((req, res) => {
    const ctx = contexts.get(req.socket);
    if (!ctx) {
      // Only sockets from openAppConnection reach this server.
      res.destroy();
      return;
    }
    logRequest(req, res, ctx);
    try {
      handler(req, res, ctx);
    } catch {
      // A handler bug must not take the demo server down; the client sees what a crashed request gives.
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS[app];
  servers.set(app, server);
  return server;
}

let nextEphemeralPort = 32768;
/** Linux's default ephemeral range, 32768–60999, handed out in turn. */
function ephemeralPort(): number {
  const port = nextEphemeralPort;
  nextEphemeralPort = port >= 60999 ? 32768 : port + 1;
  return port;
}

function isLoopback(ip: string): boolean {
  return ip.startsWith('127.') || ip === '::1';
}

/**
 * Opens a TCP-like connection to `app` in the pod `ctx` describes and returns the client's end: write an HTTP
 * request into it, read the response from it, end or destroy it to hang up. Backpressure works both ways.
 */
export function openAppConnection(app: AppKind, ctx: AppContext): MemorySocket {
  const port = ctx.port ?? APP_PORTS[app];
  // Seen from the app: a loopback peer connected to loopback (port-forward dials localhost in the pod's network
  // namespace); any other peer connected to the pod IP.
  const local = isLoopback(ctx.clientIP) ? ctx.clientIP : ctx.podIP;
  const { client, server } = createSocketPair(
    { address: ctx.clientIP, port: ephemeralPort() },
    { address: local, port },
  );
  contexts.set(server, ctx);
  const key = podKey(ctx.namespace, ctx.podName);
  let live = livePods.get(key);
  if (!live) {
    live = new Set();
    livePods.set(key, live);
  }
  live.add(server);
  server.once('close', () => {
    const set = livePods.get(key);
    set?.delete(server);
    if (set?.size === 0) livePods.delete(key);
  });
  if (app === 'redis') serveRedis(server, ctx);
  else serverFor(app).emit('connection', server);
  return client;
}

/**
 * Drops every open connection to the apps of a pod, as stopping its containers would: clients read what was
 * already sent, then see end-of-stream (and forgets the pod's redis keys). Returns how many connections were dropped.
 */
export function closeAppConnections(namespace: string, podName: string): number {
  // redis without a volume starts empty.
  forgetRedisKeys(namespace, podName);
  const live = livePods.get(podKey(namespace, podName));
  if (!live) return 0;
  const sockets = [...live];
  for (const socket of sockets) socket.destroy();
  return sockets.length;
}

/** Options of {@link httpGetFromApp}. */
export interface AppGetOptions {
  /** Request headers, for example `User-Agent` as curl or wget would send it. */
  headers?: Record<string, string>;
  /** The Host header's value; defaults to `<pod IP>:<port>` (port left out for 80). */
  host?: string;
  /** Body bytes kept; the rest is not read, as `curl | head` would. Default 8 MiB. */
  maxBodyBytes?: number;
  /** Rejects when the whole answer took longer. Default 10 s. */
  timeoutMs?: number;
}

/**
 * One HTTP GET to an app, as `wget -O -` or `curl` in a pod would make it: `path` is the request target
 * (`/`, `/healthz?verbose=1`). Header names in the answer are lowercase; the body is decoded as UTF-8 and cut at
 * `maxBodyBytes`. Rejects if the connection ends without a complete answer or the timeout passes.
 */
export function httpGetFromApp(
  app: AppKind,
  ctx: AppContext,
  path: string,
  options: AppGetOptions = {},
): Promise<HttpAnswer> {
  const port = ctx.port ?? APP_PORTS[app];
  const host = options.host ?? (port === 80 ? ctx.podIP : `${ctx.podIP}:${port}`);
  const maxBody = options.maxBodyBytes ?? 8 * 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Promise<HttpAnswer>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined = undefined;
    const req = request(
      {
        method: 'GET',
        path: path.startsWith('/') ? path : `/${path}`,
        headers: { ...options.headers, Host: host },
        // The in-memory end stands in for a net.Socket: node:http only uses the stream and the few socket
        // methods MemorySocket provides.
        createConnection: () => openAppConnection(app, ctx) as unknown as Socket,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => {
          clearTimeout(timer);
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) {
            if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({
            statusCode: res.statusCode ?? 0,
            statusMessage: res.statusMessage ?? '',
            headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        };
        res.on('data', (chunk: Buffer) => {
          if (size >= maxBody) return;
          const take = chunk.subarray(0, maxBody - size);
          chunks.push(take);
          size += take.length;
          if (size >= maxBody) {
            // Enough: hang up rather than drain a body that may be gigabytes long.
            finish();
            req.destroy();
          }
        });
        res.on('end', finish);
        res.on('error', (err) => {
          clearTimeout(timer);
          reject(err);
        });
      },
    );
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    timer = setTimeout(() => req.destroy(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    req.end();
  });
}
