/**
 * A plain-HTTP stand-in for an API server that answers every request the same way, for the answers the demo
 * cluster never gives (403 with a Status, a cluster without metrics-server). client-node allows http:// only with
 * insecure-skip-tls-verify, which the kubeconfig here sets.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { KubeConfig } from '@kubernetes/client-node';

export interface StubServer {
  url: string;
  requests: string[];
  kc: KubeConfig;
  close(): Promise<void>;
}

/** Answers every request with `status` and `body`, or lets `handle` answer. */
export async function startStubServer(
  status: number | ((req: IncomingMessage, res: ServerResponse) => void),
  body?: unknown,
): Promise<StubServer> {
  const requests: string[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    requests.push(req.url ?? '');
    if (typeof status === 'function') return status(req, res);
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const a = server.address();
  const url = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  return {
    url,
    requests,
    kc: plainHttpKubeConfig(url, 't'),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A kubeconfig for a plain-HTTP server on loopback (insecure-skip-tls-verify, which client-node and podscope want
 * before they speak http://), with a bearer token.
 */
export function plainHttpKubeConfig(url: string, token: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'stub', server: url, skipTLSVerify: true }],
    users: [{ name: 'stub', token }],
    contexts: [{ name: 'stub', cluster: 'stub', user: 'stub', namespace: 'default' }],
    currentContext: 'stub',
  });
  return kc;
}

/** A Kubernetes Status body. */
export function status(code: number, reason: string, message: string): object {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}
