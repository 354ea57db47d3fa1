/**
 * The demo cluster's API server: HTTPS on loopback, bearer-token authentication, and the Kubernetes REST, watch,
 * log, exec and port-forward protocols over the simulated cluster. Start it in-process with `startDemoCluster`
 * (tests, `podscope --demo`) or from the command line with `podscope demo`.
 */
import { randomBytes } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import { DEFAULT_CIPHERS } from 'node:tls';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { KubeConfig } from '@kubernetes/client-node';
import type { Pod } from '../domain/wire.js';
import { discoveryDocument } from './api/discovery.js';
import { handleResource } from './api/resources.js';
import { WatchHub } from './api/watch.js';
import { Authenticator } from './auth/authenticator.js';
import { DemoAuthorizer, forbiddenStatus } from './auth/authorizer.js';
import { installRbacPolicy } from './auth/bootstrapPolicy.js';
import { makeDemoUsers, type DemoUser } from './auth/rbacDemoUsers.js';
import { requestAttributes } from './auth/requestAttributes.js';
import { DEMO_ADMIN, type UserInfo } from './auth/userInfo.js';
import { Churn } from './churn.js';
import type { ClusterOptions } from './cluster.js';
import { Cluster } from './cluster.js';
import { Faults } from './http/faults.js';
import { sendJson } from './http/json.js';
import { countsAgainstBudget, RequestBudget, sendTooManyRequests } from './http/rateLimit.js';
import { RequestLog } from './http/requestLog.js';
import { parseRoute } from './http/route.js';
import { failureStatus, sendGenericStatus, sendNotFound, sendStatus } from './http/status.js';
import { kubeconfigYaml, writeKubeconfig } from './kubeconfig.js';
import type { PopulationOptions } from './population.js';
import { populate } from './population.js';
import { PodStreams } from './podStreams.js';
import { ALL_TYPES, PODS } from './store/resourceTypes.js';
import { makeTls, type KeyPair } from './tls.js';

/** TLS 1.3 suites in Go's server order, then Node's defaults for TLS 1.2 (see the server's tlsOptions). */
const GO_TLS13_PREFERENCE = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  ...DEFAULT_CIPHERS.split(':').filter((c) => !c.startsWith('TLS_')),
].join(':');
export interface DemoServerOptions extends ClusterOptions, PopulationOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Pod events per second from generated pods. */
  churn?: number;
  /** The bearer token clients must send; a random one by default. */
  token?: string;
  /** false: start empty (no nodes, namespaces or pods) — for tests that build their own world. */
  populate?: boolean;
  /** How often watches that asked for bookmarks get one. */
  bookmarkIntervalMs?: number;
  /**
   * Resources (plural names, e.g. `events`) no user may touch, not even the admin: every request on them answers
   * 403 as RBAC would — for trying a dashboard under a restricted role without writing one.
   */
  forbidden?: readonly string[];
  /**
   * Requests each user may make per second; beyond it the server answers 429 with Retry-After as API priority and
   * fairness does (see http/rateLimit.ts for what counts). Unlimited by default.
   */
  maxRequestsPerSecond?: number;
  /** false: serve as a kube-apiserver without the WatchList feature (no streaming lists; 422 to sendInitialEvents). */
  watchList?: boolean;
}

export interface DemoServer {
  /** `https://127.0.0.1:PORT` */
  url: string;
  port: number;
  token: string;
  caCert: string;
  /** The cluster CA, key included: sign users' client certificates with it (signClientCertificate). */
  ca: KeyPair;
  /** Who the server accepts: add tokens here; certificates the CA signed are accepted as their subject. */
  authenticator: Authenticator;
  cluster: Cluster;
  churn: Churn | undefined;
  /** Who may do what (RBAC over the store's Roles and bindings). */
  authorizer: DemoAuthorizer;
  /** The users, one context each: `podscope-demo` (admin), `podscope-demo-viewer`, `podscope-demo-editor`. */
  users: readonly DemoUser[];
  /** The kubeconfig text: every user's context, `context` current (`podscope-demo` by default). */
  kubeconfig(context?: string): string;
  writeKubeconfig(file: string): Promise<void>;
  /** A client-node KubeConfig for this server, as `context` (`podscope-demo` by default). */
  kubeConfig(context?: string): KubeConfig;
  /** The requests the server was sent, with who sent them and the status answered (tests, benchmarks). */
  requests: RequestLog;
  /** TEST-ONLY: make chosen requests fail (5xx, resets, early watch ends); does nothing until asked. */
  faults: Faults;
  /** Ends every open watch as a network drop would; returns how many were open. */
  dropWatches(): number;
  /** Ends every open follow of logs as a network drop would; returns how many were open. */
  dropLogStreams(): number;
  close(): Promise<void>;
}

function isLoopback(addr: string | undefined): boolean {
  return !!addr && (addr === '::1' || addr.startsWith('127.') || addr.startsWith('::ffff:127.'));
}

/** Starts a demo cluster's API server on 127.0.0.1. */
export async function startDemoCluster(opts: DemoServerOptions = {}): Promise<DemoServer> {
  const tls = await makeTls();
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const authenticator = new Authenticator();
  authenticator.addToken(token, DEMO_ADMIN);
  const cluster = new Cluster(opts);
  const stopAggregation = installRbacPolicy(cluster.store, cluster.now());
  const users = await makeDemoUsers(authenticator, tls.ca, token);
  const authorizer = new DemoAuthorizer(cluster.store, opts.forbidden);
  if (opts.populate !== false) populate(cluster, opts);
  const watches = new WatchHub(cluster.store, cluster.now, opts.bookmarkIntervalMs, opts.watchList !== false);
  const streams = new PodStreams(cluster, tls.caCert);
  const ctx = { cluster, watches, authorizer };
  const sockets = new Set<Socket>();
  const requests = new RequestLog();
  const faults = new Faults();
  const budget =
    opts.maxRequestsPerSecond && opts.maxRequestsPerSecond > 0
      ? new RequestBudget(opts.maxRequestsPerSecond)
      : undefined;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!isLoopback(req.socket.remoteAddress))
      return sendStatus(res, 403, 'Forbidden', 'the demo cluster only answers loopback clients');
    const user = authenticator.authenticate(req);
    if (!user) return sendStatus(res, 401, 'Unauthorized', 'Unauthorized');
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    requests.record(req, res, url, user.username);
    if (faults.intercept(req, res, url)) return;
    const route = parseRoute(url.pathname);
    // kube-apiserver's filter chain runs priority and fairness after authentication and before authorization: a
    // request that would be forbidden still spends the budget.
    if (budget && countsAgainstBudget(url.pathname, route.kind === 'resource' ? route.route : undefined)) {
      const retryAfter = budget.admit(user);
      if (retryAfter !== undefined) return sendTooManyRequests(res, retryAfter);
    }
    const refusal = authorizationFailure(authorizer, user, req.method ?? 'GET', url);
    if (refusal) return sendStatus(res, 403, 'Forbidden', refusal.message, refusal.details);
    if (route.kind === 'discovery') {
      const doc = req.method === 'GET' ? discoveryDocument(url.pathname) : undefined;
      if (doc === undefined) return sendPageNotFound(res);
      if (typeof doc === 'string') {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end(doc);
        return;
      }
      return sendJson(res, 200, doc);
    }
    if (route.kind === 'unknown') {
      return servesGroupVersion(url.pathname) ? sendNotFound404(res) : sendPageNotFound(res);
    }
    const r = route.route;
    if (
      r.type === PODS &&
      r.name &&
      (r.subresource === 'log' || r.subresource === 'exec' || r.subresource === 'portforward')
    ) {
      const pod = cluster.store.get(PODS, r.namespace, r.name) as Pod | undefined;
      if (!pod) return sendNotFound(res, 'pods', r.name);
      if (r.subresource === 'log') return streams.log(req, res, pod, url.searchParams);
      return sendStatus(res, 400, 'BadRequest', 'Upgrade request required');
    }
    await handleResource({ ...ctx, user }, req, res, r, url.searchParams);
  };

  // Client certificates are asked for and checked against the cluster CA, but not required: most users send a
  // token instead (kube-apiserver's --client-ca-file does the same).
  const tlsOptions = {
    key: tls.key,
    cert: tls.cert,
    ca: tls.caCert,
    requestCert: true,
    rejectUnauthorized: false,
    // The cipher suite kube-apiserver picks: Go's TLS 1.3 server chooses by its own preference
    // (crypto/tls handshake_server_tls13.go, defaultCipherSuitesTLS13: AES-128-GCM, AES-256-GCM, ChaCha20 when
    // the client prefers AES-GCM, as Node and Go clients do on AES hardware), where Node's server would follow
    // the client's order and pick AES-256-GCM, a quarter dearer per byte on both ends.
    ciphers: GO_TLS13_PREFERENCE,
    honorCipherOrder: true,
  };
  const server = createServer({ ...tlsOptions, requestTimeout: 0 }, (req, res) => {
    handle(req, res).catch((e: unknown) => {
      sendStatus(res, 500, 'InternalError', `Internal error occurred: ${(e as Error).message}`);
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (code: number, body: object): void => {
      const text = JSON.stringify(body);
      socket.end(
        `HTTP/1.1 ${code} ${STATUS_CODES[code] ?? 'Bad Request'}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
      );
    };
    if (!isLoopback(req.socket.remoteAddress))
      return refuse(403, failureStatus(403, 'Forbidden', 'loopback only'));
    const user = authenticator.authenticate(req);
    if (!user) return refuse(401, failureStatus(401, 'Unauthorized', 'Unauthorized'));
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const refusal = authorizationFailure(authorizer, user, req.method ?? 'GET', url);
    if (refusal) return refuse(403, failureStatus(403, 'Forbidden', refusal.message, refusal.details));
    const route = parseRoute(url.pathname);
    const r = route.kind === 'resource' ? route.route : undefined;
    const sub = r?.subresource;
    if (!r || r.type !== PODS || !r.name || (sub !== 'exec' && sub !== 'portforward' && sub !== 'attach')) {
      return refuse(404, failureStatus(404, 'NotFound', 'the server could not find the requested resource'));
    }
    const pod = cluster.store.get(PODS, r.namespace, r.name) as Pod | undefined;
    if (!pod)
      return refuse(
        404,
        failureStatus(404, 'NotFound', `pods "${r.name}" not found`, { name: r.name, kind: 'pods' }),
      );
    streams.upgrade(sub, req, socket, head, pod, url.searchParams, refuse);
  });

  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('tlsClientError', () => undefined);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `https://127.0.0.1:${port}`;
  const params = { server: url, caCert: tls.caCert, token, users: users.slice(1) };
  const churn = opts.churn && opts.churn > 0 ? new Churn(cluster, opts.churn, cluster.seed) : undefined;
  churn?.start();

  return {
    url,
    port,
    token,
    caCert: tls.caCert,
    ca: tls.ca,
    authenticator,
    cluster,
    churn,
    authorizer,
    users,
    kubeconfig: (context) => kubeconfigYaml({ ...params, currentContext: context }),
    writeKubeconfig: (file) => writeKubeconfig(file, params),
    kubeConfig: (context) => {
      const kc = new KubeConfig();
      kc.loadFromString(kubeconfigYaml({ ...params, currentContext: context }));
      return kc;
    },
    requests,
    faults,
    dropWatches: () => watches.dropAll(),
    dropLogStreams: () => streams.dropLogStreams(),
    close: async () => {
      churn?.stop();
      stopAggregation();
      watches.dropAll();
      streams.close();
      cluster.close();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The authorization filter (k8s.io/apiserver pkg/endpoints/filters/authorization.go WithAuthorization): every
 * request, upgrades included, is asked about before it is routed; a refusal is the API server's 403 (./auth/authorizer.ts).
 */
function authorizationFailure(authorizer: DemoAuthorizer, user: UserInfo, method: string, url: URL) {
  const attributes = requestAttributes(user, method, url);
  const d = authorizer.authorize(attributes);
  return d.allowed ? undefined : forbiddenStatus(attributes, d.reason);
}

function sendNotFound404(res: ServerResponse): void {
  sendGenericStatus(res, 404, 'NotFound', 'the server could not find the requested resource');
}

/** Whether a path is under a group version this server serves (`/api/v1/…`, `/apis/apps/v1/…`). */
function servesGroupVersion(pathname: string): boolean {
  const [root, a, b] = pathname.split('/').filter((x) => x.length > 0);
  if (root === 'api') return a === 'v1';
  return root === 'apis' && ALL_TYPES.some((t) => t.group === a && t.version === b);
}

/**
 * Outside every group version the API server serves, its mux answers as any Go server does: a plain-text
 * "404 page not found" (net/http NotFound), not a Status.
 */
function sendPageNotFound(res: ServerResponse): void {
  const text = '404 page not found\n';
  res.writeHead(404, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}
