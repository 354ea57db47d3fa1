/**
 * The `nginx` image's default server: the stock welcome page from /usr/share/nginx/html, nginx's own error pages,
 * and its headers in nginx's order. Version, Last-Modified and ETag are those of the nginx:1.27.0 image (an ETag
 * is `"<mtime hex>-<size hex>"`, so they agree with each other and with the 615-byte page).
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { AppHandler } from './context.js';
import { endBody, pathOf, serveCommon } from './respond.js';

/** The version in `Server:` and on error pages. */
export const NGINX_VERSION = '1.27.0';

/** /usr/share/nginx/html/index.html of the official image. */
export const NGINX_WELCOME_PAGE = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const WELCOME_MTIME = Date.UTC(2024, 4, 28, 13, 22, 30); // Tue, 28 May 2024 13:22:30 GMT
const WELCOME_LAST_MODIFIED = new Date(WELCOME_MTIME).toUTCString();
const WELCOME_ETAG = `"${(WELCOME_MTIME / 1000).toString(16)}-${Buffer.byteLength(NGINX_WELCOME_PAGE).toString(16)}"`;

/** nginx's built-in error page (ngx_http_special_response.c), CRLF line ends included. */
export function nginxErrorPage(status: number, reason: string): string {
  const title = `${status} ${reason}`;
  return (
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n` +
    `<hr><center>nginx/${NGINX_VERSION}</center>\r\n</body>\r\n</html>\r\n`
  );
}

/** `Server` and `Date` first, as nginx writes them; node would put its own Date after ours. */
function leadHeaders(res: ServerResponse): OutgoingHttpHeaders {
  res.sendDate = false;
  return { Server: `nginx/${NGINX_VERSION}`, Date: new Date().toUTCString() };
}

/** nginx states the connection's fate itself; setting it here also keeps node from adding a `Keep-Alive` header. */
function connectionHeader(res: ServerResponse): string {
  return res.shouldKeepAlive ? 'keep-alive' : 'close';
}

function sendError(res: ServerResponse, status: number, reason: string): void {
  const body = nginxErrorPage(status, reason);
  // nginx's own status lines: `405 Not Allowed`, where node would say `Method Not Allowed`.
  res.writeHead(status, reason, {
    ...leadHeaders(res),
    'Content-Type': 'text/html',
    'Content-Length': Buffer.byteLength(body),
    Connection: connectionHeader(res),
  });
  endBody(res, body);
}

function notModified(req: IncomingMessage): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) return inm.split(',').some((t) => t.trim() === WELCOME_ETAG || t.trim() === '*');
  return req.headers['if-modified-since'] === WELCOME_LAST_MODIFIED;
}

/** The default server of the nginx image. */
export const nginxHandler: AppHandler = (req, res) => {
  if (serveCommon(req, res, leadHeaders(res), () => sendError(res, 400, 'Bad Request'))) return;
  const path = pathOf(req);
  const exists = path === '/' || path === '/index.html';
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    // The static module answers POST for a missing file with 404; every other case is 405.
    if (method === 'POST' && !exists) sendError(res, 404, 'Not Found');
    else sendError(res, 405, 'Not Allowed');
    return;
  }
  if (!exists) {
    sendError(res, 404, 'Not Found');
    return;
  }
  const headers = leadHeaders(res);
  if (notModified(req)) {
    res.writeHead(304, {
      ...headers,
      'Last-Modified': WELCOME_LAST_MODIFIED,
      Connection: connectionHeader(res),
      ETag: WELCOME_ETAG,
    });
    res.end();
    return;
  }
  const body = Buffer.from(NGINX_WELCOME_PAGE);
  res.writeHead(200, {
    ...headers,
    'Content-Type': 'text/html',
    'Content-Length': body.length,
    'Last-Modified': WELCOME_LAST_MODIFIED,
    Connection: connectionHeader(res),
    ETag: WELCOME_ETAG,
    'Accept-Ranges': 'bytes',
  });
  // For HEAD node leaves the body out and endBody does not count it.
  endBody(res, body);
};
