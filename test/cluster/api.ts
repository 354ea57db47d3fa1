/**
 * Plain requests to an API server (the real one or the demo) as one user: the status, headers and body exactly as
 * the server sent them, for the control plane's start-up, its seeding and the differential scenarios. Nothing is
 * interpreted here, so a difference between two servers is never hidden by a client.
 */
import { request as httpsRequest } from 'node:https';

export interface ApiTarget {
  /** `https://127.0.0.1:PORT` */
  server: string;
  caCert: string;
  token: string;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as JSON, when it is JSON. */
  json: unknown;
}

export interface ApiRequest {
  method?: string;
  path: string;
  body?: unknown;
  /** Sent as is when a string or Buffer; JSON otherwise. */
  contentType?: string;
  accept?: string;
  /** Further request headers, e.g. the `User-Agent` a client would send (none is sent by default). */
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export function apiRequest(t: ApiTarget, r: ApiRequest): Promise<ApiResponse> {
  const url = new URL(r.path, t.server);
  const body =
    r.body === undefined
      ? undefined
      : typeof r.body === 'string' || Buffer.isBuffer(r.body)
        ? r.body
        : JSON.stringify(r.body);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      {
        method: r.method ?? 'GET',
        ca: t.caCert,
        headers: {
          // An empty token sends no credentials at all (the anonymous user).
          ...(t.token ? { Authorization: `Bearer ${t.token}` } : {}),
          Accept: r.accept ?? 'application/json',
          // Content-Length always: Node frames a DELETE's body neither by length nor by chunks, so a server would
          // read DeleteOptions as the start of the next request.
          ...(body !== undefined
            ? {
                'Content-Type': r.contentType ?? 'application/json',
                'Content-Length': Buffer.byteLength(body),
              }
            : {}),
          ...r.headers,
        },
        timeout: r.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${r.method ?? 'GET'} ${r.path}: no answer in time`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** A request that must succeed (2xx): its JSON body, else an error naming the request and the server's answer. */
export async function apiJson<T = unknown>(t: ApiTarget, r: ApiRequest): Promise<T> {
  const res = await apiRequest(t, r);
  if (res.status < 200 || res.status >= 300) {
    throw new Error(`${r.method ?? 'GET'} ${r.path}: ${res.status} ${res.text.slice(0, 500)}`);
  }
  return res.json as T;
}
