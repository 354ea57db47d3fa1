/**
 * A plain-HTTP front for the demo cluster that passes every request through to it over HTTPS, except that a
 * watch the cluster accepts is ended as soon as its 200 has gone out: a proxy (or a broken server) that closes
 * every watch at once. It notes every request, so a test can count how hard a client comes back. client-node
 * allows http:// only with insecure-skip-tls-verify, which its kubeconfig sets.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { request } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import type { DemoServer } from '../../../src/demo/server.js';
import { plainHttpKubeConfig } from './stubServer.js';

export interface ProxiedRequest {
  /** performance.now() when it arrived. */
  at: number;
  url: URL;
  watch: boolean;
}

export interface WatchClosingProxy {
  kc: KubeConfig;
  requests: ProxiedRequest[];
  /** The watch requests so far. */
  watches(): ProxiedRequest[];
  close(): Promise<void>;
}

export async function startWatchClosingProxy(demo: DemoServer): Promise<WatchClosingProxy> {
  const requests: ProxiedRequest[] = [];
  const target = new URL(demo.url);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const watch = url.searchParams.get('watch') === 'true';
    requests.push({ at: performance.now(), url, watch });
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: target.host },
        ca: demo.caCert,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        if (watch && answer.statusCode === 200) {
          answer.destroy();
          res.end();
          return;
        }
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const a = server.address();
  const url = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  return {
    kc: plainHttpKubeConfig(url, demo.token),
    requests,
    watches: () => requests.filter((r) => r.watch),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
