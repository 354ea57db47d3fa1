/**
 * The demo apps over their in-memory connections. Expected answers: nginx's stock page and error pages (nginx:1.27.0
 * image), seed 002's helloworld.js, kiada 0.1's app.js (Kubernetes in Action, Chapter02/kiada-0.1), Go's
 * `404 page not found` (seed 000's curl).
 */
import { createHash } from 'node:crypto';
import { Agent, request, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  bytesPattern,
  closeAppConnections,
  httpGetFromApp,
  NGINX_WELCOME_PAGE,
  openAppConnection,
  type AppContext,
  type AppRequestEntry,
} from '../../../src/demo/apps/index.js';
import { waitFor as waitForCondition } from '../../support/waitFor.js';

const ctx: AppContext = {
  namespace: 'default',
  podName: 'kiada',
  podIP: '10.244.2.4',
  hostname: 'kiada',
  containerName: 'kiada',
  clientIP: '127.0.0.1',
};

/** Rejects if `promise` has not settled within `ms`: every wait in these tests has a deadline. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** Polls `cond` until it holds or the deadline passes. */
/** The shared deadline poll (test/support/waitFor.ts), with these tests' argument order. */
async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  await waitForCondition(cond, what, ms, 5);
}

/** Everything a connection sends until it ends. */
function readAll(socket: Duplex): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (out += d));
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
  });
}

describe('nginx', () => {
  it('serves the stock welcome page with nginx headers', async () => {
    const a = await httpGetFromApp('nginx', ctx, '/');
    expect(a.statusCode).toBe(200);
    expect(a.statusMessage).toBe('OK');
    expect(a.body).toBe(NGINX_WELCOME_PAGE);
    expect(a.body).toContain('<title>Welcome to nginx!</title>');
    expect(a.headers.server).toBe('nginx/1.27.0');
    expect(a.headers['content-type']).toBe('text/html');
    expect(a.headers['content-length']).toBe('615');
    expect(a.headers['last-modified']).toBe('Tue, 28 May 2024 13:22:30 GMT');
    expect(a.headers.etag).toBe('"6655da96-267"');
    expect(a.headers['accept-ranges']).toBe('bytes');
  });

  it('answers other paths with its 404 page, other methods with 405, and revalidation with 304', async () => {
    const missing = await httpGetFromApp('nginx', ctx, '/hello');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toBe(
      '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n' +
        '<hr><center>nginx/1.27.0</center>\r\n</body>\r\n</html>\r\n',
    );
    const cached = await httpGetFromApp('nginx', ctx, '/index.html', {
      headers: { 'If-None-Match': '"6655da96-267"' },
    });
    expect(cached.statusCode).toBe(304);
    expect(cached.body).toBe('');

    const raw = openAppConnection('nginx', ctx);
    const text = readAll(raw);
    raw.end('DELETE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const answer = await within(text, 2000, 'the 405 answer');
    expect(answer).toMatch(/^HTTP\/1\.1 405 Not Allowed\r\nServer: nginx\/1\.27\.0\r\n/);
    expect(answer).toContain('<center><h1>405 Not Allowed</h1></center>');
  });

  it('answers HEAD with the headers only', async () => {
    const raw = openAppConnection('nginx', ctx);
    const text = readAll(raw);
    raw.write('HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const answer = await within(text, 2000, 'the HEAD answer');
    expect(answer).toContain('Content-Length: 615\r\n');
    expect(answer.endsWith('\r\n\r\n')).toBe(true);
  });
});

describe('node apps', () => {
  it('hello answers Hello World with a Content-Length, as helloworld.js does', async () => {
    const a = await httpGetFromApp('hello', { ...ctx, podName: 'hello', hostname: 'hello' }, '/anything');
    expect(a.statusCode).toBe(200);
    expect(a.body).toBe('Hello World\n');
    expect(a.headers['content-type']).toBe('text/plain');
    expect(a.headers['content-length']).toBe('12');
  });

  it('kiada reports its hostname and the IPv4-mapped client address', async () => {
    const a = await httpGetFromApp('kiada', ctx, '/');
    expect(a.body).toBe('Kiada version 0.1. Request processed by "kiada". Client IP: ::ffff:127.0.0.1\n');
    // writeHead + write + end: node sends the body chunked.
    expect(a.headers['transfer-encoding']).toBe('chunked');
    const fromPod = await httpGetFromApp(
      'kiada',
      { ...ctx, hostname: 'kiada-9d785b578-p449x', clientIP: '10.244.2.5' },
      '/',
    );
    expect(fromPod.body).toBe(
      'Kiada version 0.1. Request processed by "kiada-9d785b578-p449x". Client IP: ::ffff:10.244.2.5\n',
    );
  });

  it('kiada redirects browsers and echoes unknown URLs in its 404', async () => {
    const browser = await httpGetFromApp('kiada', ctx, '/', {
      headers: { Accept: 'text/html,application/xhtml+xml' },
    });
    expect(browser.statusCode).toBe(302);
    expect(browser.headers.location).toBe('html');
    expect(browser.body).toBe('Redirecting to the html version...');
    const html = await httpGetFromApp('kiada', ctx, '/html');
    expect(html.body).toContain('Request processed by <b>kiada</b>');
    const missing = await httpGetFromApp('kiada', ctx, '/nope?x=1');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toBe('/nope?x=1 not found');
  });
});

describe('in-house apps', () => {
  it('webapp serves HTML on /, JSON on /healthz and Go 404s elsewhere', async () => {
    const page = await httpGetFromApp('webapp', ctx, '/');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<b>kiada</b> (10.244.2.4)');
    const health = await httpGetFromApp('webapp', ctx, '/healthz');
    expect(JSON.parse(health.body)).toEqual({ status: 'ok' });
    const missing = await httpGetFromApp('webapp', ctx, '/hello');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toBe('404 page not found\n');
    expect(missing.headers['x-content-type-options']).toBe('nosniff');
  });

  it('api answers JSON, errors included', async () => {
    const root = JSON.parse((await httpGetFromApp('api', ctx, '/')).body) as { app: string; pod: string };
    expect(root).toMatchObject({ app: 'api', pod: 'kiada' });
    const order = await httpGetFromApp('api', ctx, '/api/v1/orders/1002');
    expect(JSON.parse(order.body)).toMatchObject({ id: 1002, customer: 'grace' });
    const missing = await httpGetFromApp('api', ctx, '/api/v1/orders/7');
    expect(missing.statusCode).toBe(404);
    expect(JSON.parse(missing.body)).toEqual({ error: 'not found', path: '/api/v1/orders/7' });
  });
});

describe('HTTP/1.1 over the in-memory connection', () => {
  it('keeps one connection alive across requests', async () => {
    const opened: Duplex[] = [];
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    // The agent dials through openAppConnection; the in-memory end stands in for a net.Socket.
    agent.createConnection = () => {
      const s = openAppConnection('kiada', ctx);
      opened.push(s);
      return s as unknown as Socket;
    };
    const get = (path: string) =>
      within(
        new Promise<string>((resolve, reject) => {
          const req = request({ host: ctx.podIP, port: 8080, path, agent }, (res: IncomingMessage) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (d: string) => (body += d));
            res.on('end', () => resolve(body));
          });
          req.on('error', reject);
          req.end();
        }),
        2000,
        `GET ${path}`,
      );
    for (let i = 0; i < 3; i++) expect(await get('/text')).toContain('Request processed by "kiada"');
    expect(opened).toHaveLength(1);
    agent.destroy();
  });

  it('answers pipelined requests in order', async () => {
    const raw = openAppConnection('hello', ctx);
    const text = readAll(raw);
    raw.write(
      'GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /bytes?n=3 HTTP/1.1\r\nHost: x\r\n\r\n' +
        'GET /3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    const answer = await within(text, 2000, 'three answers');
    const statuses = answer.match(/HTTP\/1\.1 \d+ \w+/g);
    expect(statuses).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 200 OK', 'HTTP/1.1 200 OK']);
    expect(answer.indexOf('Hello World')).toBeLessThan(answer.indexOf('\x00\x01\x02'));
    expect(answer.lastIndexOf('Hello World')).toBeGreaterThan(answer.indexOf('\x00\x01\x02'));
  });

  it('echoes a chunked request body', async () => {
    const raw = openAppConnection('api', ctx);
    const text = readAll(raw);
    raw.write('POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n');
    raw.write('5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n');
    const answer = await within(text, 2000, 'the echo');
    expect(answer).toContain('Transfer-Encoding: chunked');
    expect(answer).toContain('5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n');
  });

  it('streams N pattern bytes from /bytes and rejects a bad n', async () => {
    const a = await httpGetFromApp('webapp', ctx, '/bytes?n=100000', { maxBodyBytes: 200_000 });
    expect(a.headers['content-length']).toBe('100000');
    expect(Buffer.from(a.body, 'latin1').length).toBeGreaterThan(0);
    const bad = await httpGetFromApp('webapp', ctx, '/bytes?n=lots');
    expect(bad.statusCode).toBe(400);
  });

  it('cuts a long body at maxBodyBytes', async () => {
    const a = await within(
      httpGetFromApp('hello', ctx, '/bytes?n=1000000000', { maxBodyBytes: 1000 }),
      5000,
      'a cut body',
    );
    expect(a.statusCode).toBe(200);
    expect(Buffer.byteLength(a.body, 'utf8')).toBeGreaterThan(0);
  });

  it('reports each request to onRequest', async () => {
    const entries: AppRequestEntry[] = [];
    await httpGetFromApp(
      'nginx',
      { ...ctx, clientIP: '10.244.1.9', onRequest: (e) => entries.push(e) },
      '/x',
      {
        headers: { 'User-Agent': 'Wget' },
      },
    );
    await waitFor(() => entries.length === 1, 2000, 'the access entry');
    expect(entries[0]).toMatchObject({
      clientIP: '10.244.1.9',
      method: 'GET',
      url: '/x',
      httpVersion: '1.1',
      status: 404,
      bytes: 153,
      userAgent: 'Wget',
    });
  });

  it('drops open connections when the pod stops', async () => {
    const raw = openAppConnection('nginx', { ...ctx, podName: 'doomed' });
    const closed = new Promise<void>((resolve) => raw.once('close', () => resolve()));
    raw.resume();
    expect(closeAppConnections('default', 'doomed')).toBe(1);
    await within(closed, 1000, 'the connection to close');
    expect(closeAppConnections('default', 'doomed')).toBe(0);
  });
});

describe('echo with backpressure', () => {
  const TEN_MB = 10 * 1024 * 1024;

  function sendEchoHeaders(socket: Duplex, length: number): void {
    socket.write(
      `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: ${length}\r\nContent-Type: application/octet-stream\r\n` +
        'Connection: close\r\n\r\n',
    );
  }

  it('holds the writer while nobody reads the echo, then passes 10 MB intact', async () => {
    const socket = openAppConnection('nginx', ctx);
    sendEchoHeaders(socket, TEN_MB);
    const payload = bytesPattern(TEN_MB);
    // Write without reading: whenever the connection pushes back, wait a little for 'drain'. Once the pipeline
    // (client end → HTTP parser → request → response → client end) is full, no drain comes any more.
    let offset = 0;
    const CHUNK = 16 * 1024;
    for (;;) {
      while (offset < TEN_MB && socket.write(payload.subarray(offset, offset + CHUNK))) offset += CHUNK;
      offset += CHUNK;
      const drained = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          socket.off('drain', onDrain);
          resolve(false);
        }, 100);
        const onDrain = () => {
          clearTimeout(timer);
          resolve(true);
        };
        socket.once('drain', onDrain);
      });
      if (!drained) break;
      expect(offset).toBeLessThan(1024 * 1024);
    }
    expect(socket.writableNeedDrain).toBe(true);
    expect(offset).toBeLessThan(1024 * 1024);

    // Now read, and write the rest as the connection allows.
    const received: Buffer[] = [];
    let size = 0;
    socket.on('data', (d: Buffer) => {
      received.push(d);
      size += d.length;
    });
    const ended = new Promise<void>((resolve) => socket.once('end', () => resolve()));
    await new Promise<void>((resolve) => {
      const pump = () => {
        while (offset < TEN_MB) {
          const ok = socket.write(payload.subarray(offset, offset + CHUNK));
          offset += CHUNK;
          if (!ok) {
            socket.once('drain', pump);
            return;
          }
        }
        resolve();
      };
      socket.once('drain', pump);
    });
    await within(ended, 10_000, 'the end of the echo');
    const all = Buffer.concat(received);
    const bodyStart = all.indexOf('\r\n\r\n') + 4;
    expect(all.subarray(0, bodyStart).toString()).toContain(`Content-Length: ${TEN_MB}`);
    expect(size - bodyStart).toBe(TEN_MB);
    const digest = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(digest(all.subarray(bodyStart))).toBe(digest(payload));
  });
});
