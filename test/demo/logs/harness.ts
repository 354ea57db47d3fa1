/**
 * A plain `node:http` server on 127.0.0.1:0 that routes `GET /api/v1/namespaces/NS/pods/NAME/log` to a
 * LogService (the demo API server does the same over HTTPS), and small clients that read what it sends.
 */
import { get, createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LogService } from '../../../src/demo/logs/service.js';
import { sendNotFound } from '../../../src/demo/http/status.js';
import type { Pod } from '../../../src/domain/wire.js';
import { waitFor as waitForCondition } from '../../support/waitFor.js';

/** A running harness: its base URL, the last log response it handed out, and a way to stop it. */
export interface Harness {
  base: string;
  pods: Map<string, Pod>;
  responses: ServerResponse[];
  close(): Promise<void>;
}

/** Starts the harness server for `service`, serving the pods put into `pods` (by `namespace/name`). */
export async function startHarness(service: LogService): Promise<Harness> {
  const pods = new Map<string, Pod>();
  const responses: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/log$/.exec(url.pathname);
    if (!m || req.method !== 'GET') {
      res.writeHead(404).end();
      return;
    }
    const pod = pods.get(`${m[1]}/${m[2]}`);
    if (!pod) {
      sendNotFound(res, 'pods', m[2]!);
      return;
    }
    responses.push(res);
    service.handle(req, res, pod, url.searchParams);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    pods,
    responses,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The URL of a pod's log with these query parameters. */
export function logUrl(
  h: Harness,
  pod: string,
  params: Record<string, string | number | boolean> = {},
  ns = 'default',
) {
  const q = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
  return `${h.base}/api/v1/namespaces/${ns}/pods/${pod}/log${q.size ? `?${q}` : ''}`;
}

/** A whole response. */
export interface Fetched {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  lines: string[];
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** GETs a URL and reads the whole body. */
export function fetchAll(url: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const text = body.toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text, lines: splitLines(text) });
      });
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** A followed log being read: the complete lines so far, and how the stream ended. */
export interface Follower {
  status: number;
  headers: IncomingHttpHeaders;
  lines: string[];
  /** 'end' for a clean end of the chunked body, 'error' for a dropped connection; undefined while open. */
  ended: 'end' | 'error' | undefined;
  pause(): void;
  resume(): void;
  close(): void;
}

/** GETs a URL and keeps reading, splitting the body into lines as it comes. Resolves once headers arrive. */
export function followUrl(url: string): Promise<Follower> {
  return new Promise((resolve, reject) => {
    const req = get(url, (res) => {
      let partial = '';
      const f: Follower = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        lines: [],
        ended: undefined,
        pause: () => res.pause(),
        resume: () => res.resume(),
        close: () => req.destroy(),
      };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const parts = (partial + chunk).split('\n');
        partial = parts.pop()!;
        for (const p of parts) f.lines.push(p);
      });
      res.on('end', () => (f.ended ??= 'end'));
      res.on('error', () => (f.ended ??= 'error'));
      res.on('aborted', () => (f.ended ??= 'error'));
      res.on('close', () => (f.ended ??= res.complete ? 'end' : 'error'));
      resolve(f);
    });
    req.on('error', reject);
  });
}

/** Polls `condition` every 10 ms until it holds, failing with `what` after `timeoutMs` (test/support/waitFor.ts). */
export async function waitFor(what: string, condition: () => boolean, timeoutMs = 5000): Promise<void> {
  await waitForCondition(condition, what, timeoutMs, 10);
}
