/**
 * The two Node.js apps from the source tutorials, answering as their code does:
 * - `hello`: helloworld.js of seed 002 (`res.end("Hello World\n")` with `Content-Type: text/plain` for any request);
 * - `kiada`: Kubernetes in Action's kiada 0.1 (Chapter02/kiada-0.1/app.js): a plain-text line for curl, a redirect to
 *   an HTML page for browsers, `<url> not found` otherwise. Its client IP is `req.connection.remoteAddress` of a
 *   server listening on `::`, hence `::ffff:` before IPv4 peers.
 */
import type { ServerResponse } from 'node:http';
import type { AppContext, AppHandler } from './context.js';
import { endBody, escapeHtml, serveCommon, writeBody } from './respond.js';

/** What node's http server answers for a request it cannot handle here: the app's own 400. */
function plainBadRequest(res: ServerResponse) {
  return (message: string) => {
    res.writeHead(400, { 'Content-Type': 'text/plain' });
    writeBody(res, message + '\n');
    res.end();
  };
}

/** helloworld.js: every request gets `Hello World`. */
export const helloHandler: AppHandler = (req, res) => {
  if (serveCommon(req, res, {}, plainBadRequest(res))) return;
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/plain');
  endBody(res, 'Hello World\n');
};

/** The peer address as a node server on `::` reports it: IPv4 peers come IPv4-mapped. */
export function nodeRemoteAddress(clientIP: string): string {
  return clientIP.includes(':') ? clientIP : `::ffff:${clientIP}`;
}

/** kiada's plain-text answer, html/index.txt filled in. */
export function kiadaText(ctx: AppContext): string {
  return `Kiada version 0.1. Request processed by "${ctx.hostname}". Client IP: ${nodeRemoteAddress(ctx.clientIP)}\n`;
}

function kiadaHtml(ctx: AppContext): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
    <meta charset="UTF-8">
    <title>Kubernetes in Action Demo Application</title>
    <link rel="stylesheet" href="stylesheet.css">
</head>
<body>
<div id="content">
    <div class="bubble">
        <p>Kiada version 0.1. Request processed by <b>${escapeHtml(ctx.hostname)}</b>. Client IP: <b>${escapeHtml(nodeRemoteAddress(ctx.clientIP))}</b></p>
    </div>
</div>

</body>
</html>`;
}

const KIADA_CSS = `body { font-family: sans-serif; background: #f4f4f4; }
.bubble { background: #fff; border-radius: 8px; padding: 1em; display: inline-block; }
`;

/** sendResponse() of app.js: writeHead, one write, end, so the body goes out chunked. */
function kiadaSend(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'Content-Type': contentType });
  writeBody(res, body);
  res.end();
}

/** kiada 0.1's request handler. */
export const kiadaHandler: AppHandler = (req, res, ctx) => {
  if (serveCommon(req, res, {}, plainBadRequest(res))) return;
  // app.js switches on the whole URL, query included.
  switch (req.url ?? '/') {
    case '/':
      // app.js guesses a graphical browser from an Accept header that starts with text/html.
      if ((req.headers.accept ?? '*/*').startsWith('text/html')) {
        res.writeHead(302, { Location: 'html' });
        writeBody(res, 'Redirecting to the html version...');
        res.end();
        return;
      }
      kiadaSend(res, 200, 'text/plain', kiadaText(ctx));
      return;
    case '/text':
      kiadaSend(res, 200, 'text/plain', kiadaText(ctx));
      return;
    case '/html':
      kiadaSend(res, 200, 'text/html', kiadaHtml(ctx));
      return;
    case '/stylesheet.css':
      kiadaSend(res, 200, 'text/css', KIADA_CSS);
      return;
    default:
      kiadaSend(res, 404, 'text/plain', `${req.url ?? '/'} not found`);
  }
};
