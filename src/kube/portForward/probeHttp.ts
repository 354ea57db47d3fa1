/**
 * The one-key check after starting a forward: an HTTP GET of its URL, as `curl localhost:8080` would make it,
 * giving the status line, the headers and the first bytes of the body — or one line saying why there is none.
 */
import { request } from 'node:http';
import { errnoCode, errorMessage, oneLine } from '../errors.js';

export interface HttpProbe {
  /** `HTTP/1.1 200 OK` */
  readonly statusLine: string;
  /** Header names lowercase, values as sent (repeated headers joined with `, `). */
  readonly headers: Readonly<Record<string, string>>;
  /** The body's first bytes, decoded as UTF-8 (at most `maxBytes`). */
  readonly firstBytes: string;
}

export interface ProbeOptions {
  /** Fails when no complete status line and first bytes came in this long. Default 5 s. */
  readonly timeoutMs?: number;
  /** Body bytes kept. Default 1024. */
  readonly maxBytes?: number;
}

const CODES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused (is the forward running?)',
  ECONNRESET: 'the connection was reset before an answer came (see the forward state)',
  EPIPE: 'the connection was closed before an answer came (see the forward state)',
};

function probeError(url: string, err: unknown): Error {
  const code = errnoCode(err);
  const message = CODES[code] ?? oneLine(errorMessage(err));
  return new Error(`GET ${url}: ${message}`);
}

/**
 * GETs `url` and resolves with what came back; rejects with a one-line Error (`GET http://…: connection
 * refused…`) on failure or timeout. The connection is closed once the first bytes are in.
 */
export function probeHttp(url: string, options: ProbeOptions = {}): Promise<HttpProbe> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxBytes = options.maxBytes ?? 1024;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (result: HttpProbe | Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    let req: ReturnType<typeof request>;
    try {
      req = request(url, {
        method: 'GET',
        agent: false,
        headers: { 'User-Agent': 'podscope', Accept: '*/*' },
      });
    } catch (e) {
      throw probeError(url, e);
    }
    const timer = setTimeout(
      () => settle(new Error(`GET ${url}: no answer within ${Math.round(timeoutMs / 1000)} s`)),
      timeoutMs,
    );
    req.on('response', (res) => {
      const statusLine =
        `HTTP/${res.httpVersion} ${res.statusCode ?? 0} ${res.statusMessage ?? ''}`.trimEnd();
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers))
        if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const chunks: Buffer[] = [];
      let size = 0;
      const done = (): void =>
        settle({
          statusLine,
          headers,
          firstBytes: Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8'),
        });
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        size += c.length;
        if (size >= maxBytes) done();
      });
      res.on('end', done);
      // A body cut short still leaves the status line and what came: show those.
      res.on('error', done);
      res.on('aborted', done);
    });
    req.on('error', (err) => settle(probeError(url, err)));
    req.end();
  });
}
