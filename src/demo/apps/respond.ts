/**
 * Response helpers shared by the demo apps, and the two throughput endpoints every app serves:
 * `POST /echo` (the request body streamed back) and `GET /bytes?n=N` (N bytes of a known pattern).
 * Both respect backpressure end to end, so a port-forward can be measured without anything buffering in memory.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** Body bytes sent per response: the access log's byte count. */
const sentBytes = new WeakMap<ServerResponse, number>();

/** Body bytes written so far through these helpers for `res`. */
export function bodyBytesSent(res: ServerResponse): number {
  return sentBytes.get(res) ?? 0;
}

function count(res: ServerResponse, bytes: number): void {
  sentBytes.set(res, (sentBytes.get(res) ?? 0) + bytes);
}

/** Writes a body chunk and counts it; returns what `res.write` returns. */
export function writeBody(res: ServerResponse, chunk: Buffer | string): boolean {
  count(res, typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length);
  return res.write(chunk);
}

/** Ends the response with a last body chunk, counted; as `res.end(body)`, node gives it a Content-Length. */
export function endBody(res: ServerResponse, chunk: Buffer | string): void {
  if (res.req.method !== 'HEAD')
    count(res, typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length);
  res.end(chunk);
}

/** A complete response with a Content-Length, as most servers send a small body. */
export function sendBody(
  res: ServerResponse,
  status: number,
  headers: OutgoingHttpHeaders,
  body: string | Buffer,
): void {
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { ...headers, 'Content-Length': buf.length });
  // HEAD answers carry the length of the body they leave out; node drops the body itself.
  if (res.req.method !== 'HEAD') count(res, buf.length);
  res.end(buf);
}

/** A JSON response, pretty-printed as many small APIs do, with the trailing newline curl users expect. */
export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: OutgoingHttpHeaders = {},
) {
  sendBody(
    res,
    status,
    { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    JSON.stringify(value, null, 2) + '\n',
  );
}

/** The path of a request target, without query: `/a/b?x=1` → `/a/b`. */
export function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/** The query of a request target. */
export function queryOf(req: IncomingMessage): URLSearchParams {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return new URLSearchParams(q === -1 ? '' : url.slice(q + 1));
}

/** The largest `/bytes` answer: 64 GiB, enough for any throughput test and still a safe integer. */
export const MAX_STREAM_BYTES = 64 * 1024 ** 3;

const PATTERN_CHUNK = 64 * 1024;
/** Byte i of a `/bytes` body is `i % 256`; a chunk is a multiple of 256 long so every chunk starts at 0. */
const PATTERN = Buffer.from(Array.from({ length: PATTERN_CHUNK }, (_, i) => i % 256));

/** The first `n` bytes of the `/bytes` pattern, for tests that check what came through. */
export function bytesPattern(n: number): Buffer {
  const out = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) out[i] = i % 256;
  return out;
}

/**
 * `GET /bytes?n=N`: N pattern bytes with a Content-Length, written only as fast as the reader takes them.
 * A missing or bad `n` answers 400 with `badRequest`'s text.
 */
export function serveBytes(
  req: IncomingMessage,
  res: ServerResponse,
  headers: OutgoingHttpHeaders,
  badRequest: (message: string) => void,
): void {
  const raw = queryOf(req).get('n') ?? '';
  const n = /^\d{1,12}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n > MAX_STREAM_BYTES) {
    badRequest(`n must be an integer between 0 and ${MAX_STREAM_BYTES}`);
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Type': 'application/octet-stream', 'Content-Length': n });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  let sent = 0;
  let stopped = false;
  // Without this, a reader that disconnects would leave the pump waiting for a 'drain' that never comes: harmless,
  // but the flag also stops a pump that is between chunks.
  res.once('close', () => {
    stopped = true;
  });
  const pump = (): void => {
    while (!stopped && sent < n) {
      const len = Math.min(PATTERN_CHUNK, n - sent);
      sent += len;
      if (!writeBody(res, len === PATTERN_CHUNK ? PATTERN : PATTERN.subarray(0, len))) {
        res.once('drain', pump);
        return;
      }
    }
    if (!stopped) res.end();
  };
  pump();
}

/**
 * `POST /echo` (or PUT): the request body streamed back as it arrives. The response starts at once, with the
 * request's Content-Length when it had one (chunked otherwise); `pipe` pauses the request whenever the response
 * cannot take more, which pauses the connection, which holds the client's writes.
 */
export function serveEcho(req: IncomingMessage, res: ServerResponse, headers: OutgoingHttpHeaders): void {
  const length = req.headers['content-length'];
  res.writeHead(200, {
    ...headers,
    'Content-Type': req.headers['content-type'] ?? 'application/octet-stream',
    ...(length !== undefined ? { 'Content-Length': length } : {}),
  });
  res.flushHeaders();
  req.on('data', (chunk: Buffer) => count(res, chunk.length));
  req.pipe(res);
}

/** Whether a request is one of the throughput endpoints every app serves, and serves it if so. */
export function serveCommon(
  req: IncomingMessage,
  res: ServerResponse,
  headers: OutgoingHttpHeaders,
  badRequest: (message: string) => void,
): boolean {
  const path = pathOf(req);
  if (path === '/echo' && (req.method === 'POST' || req.method === 'PUT')) {
    serveEcho(req, res, headers);
    return true;
  }
  if (path === '/bytes' && (req.method === 'GET' || req.method === 'HEAD')) {
    serveBytes(req, res, headers, badRequest);
    return true;
  }
  return false;
}

/** Escapes text for HTML bodies. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
