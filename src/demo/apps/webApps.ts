/**
 * The two in-house apps of the demo cluster:
 * - `webapp` (podscope/web-app, seed 000's Go "web-app" on 8080): an HTML page on `/`, JSON on `/healthz` and
 *   `/api/info`, and Go's `http.NotFound` answer (`404 page not found`) for anything else, as seed 000's curl shows;
 * - `api` (podscope/api on 8080): a small JSON API with health endpoints and a read-only collection.
 */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { AppContext, AppHandler } from './context.js';
import { escapeHtml, pathOf, sendBody, sendJson, serveCommon } from './respond.js';

/** Go's `http.Error` headers. */
const GO_TEXT: OutgoingHttpHeaders = {
  'Content-Type': 'text/plain; charset=utf-8',
  'X-Content-Type-Options': 'nosniff',
};

function goError(res: ServerResponse, status: number, text: string): void {
  sendBody(res, status, GO_TEXT, text + '\n');
}

function info(ctx: AppContext, app: string, version: string) {
  return {
    app,
    version,
    hostname: ctx.hostname,
    pod: ctx.podName,
    namespace: ctx.namespace,
    podIP: ctx.podIP,
    container: ctx.containerName,
    clientIP: ctx.clientIP,
  };
}

const WEBAPP_VERSION = '1.3.0';

function webappPage(ctx: AppContext): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>web-app</title>
</head>
<body>
<h1>web-app ${WEBAPP_VERSION}</h1>
<p>Served by <b>${escapeHtml(ctx.hostname)}</b> (${escapeHtml(ctx.podIP)}) in namespace <b>${escapeHtml(ctx.namespace)}</b>.</p>
<p>Your address: ${escapeHtml(ctx.clientIP)}</p>
<ul>
<li><a href="/api/info">/api/info</a></li>
<li><a href="/healthz">/healthz</a></li>
</ul>
</body>
</html>
`;
}

/** podscope/web-app: a Go server with an HTML page and a couple of JSON endpoints. */
export const webappHandler: AppHandler = (req, res, ctx) => {
  if (serveCommon(req, res, {}, (message) => goError(res, 400, message))) return;
  const path = pathOf(req);
  const known = path === '/' || path === '/healthz' || path === '/api/info';
  if (known && req.method !== 'GET' && req.method !== 'HEAD') {
    goError(res, 405, 'Method Not Allowed');
    return;
  }
  switch (path) {
    case '/':
      sendBody(res, 200, { 'Content-Type': 'text/html; charset=utf-8' }, webappPage(ctx));
      return;
    case '/healthz':
      sendJson(res, 200, { status: 'ok' });
      return;
    case '/api/info':
      sendJson(res, 200, info(ctx, 'web-app', WEBAPP_VERSION));
      return;
    default:
      goError(res, 404, '404 page not found');
  }
};

const API_VERSION = '2.4.1';

const ORDERS = [
  { id: 1001, customer: 'ada', item: 'keyboard', quantity: 1, status: 'shipped' },
  { id: 1002, customer: 'grace', item: 'monitor', quantity: 2, status: 'processing' },
  { id: 1003, customer: 'linus', item: 'mouse', quantity: 3, status: 'delivered' },
];

function apiNotFound(res: ServerResponse, path: string): void {
  sendJson(res, 404, { error: 'not found', path });
}

/** podscope/api: JSON only, errors included. */
export const apiHandler: AppHandler = (req, res, ctx) => {
  if (serveCommon(req, res, {}, (message) => sendJson(res, 400, { error: message }))) return;
  const path = pathOf(req);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(res, 405, { error: 'method not allowed', method: req.method }, { Allow: 'GET, HEAD' });
    return;
  }
  if (path === '/') {
    sendJson(res, 200, {
      ...info(ctx, 'api', API_VERSION),
      endpoints: ['/healthz', '/readyz', '/version', '/api/v1/orders', '/api/v1/orders/{id}'],
    });
  } else if (path === '/healthz') {
    sendJson(res, 200, { status: 'ok' });
  } else if (path === '/readyz') {
    sendJson(res, 200, { status: 'ready' });
  } else if (path === '/version') {
    sendJson(res, 200, { version: API_VERSION, commit: '3f9c2ab', go: 'go1.23.4' });
  } else if (path === '/api/v1/orders') {
    sendJson(res, 200, { items: ORDERS, total: ORDERS.length, servedBy: ctx.hostname });
  } else {
    const m = /^\/api\/v1\/orders\/(\d+)$/.exec(path);
    const order = m ? ORDERS.find((o) => String(o.id) === m[1]) : undefined;
    if (order) sendJson(res, 200, order);
    else apiNotFound(res, path);
  }
};
