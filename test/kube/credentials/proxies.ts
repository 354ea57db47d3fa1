/**
 * Small real proxies on loopback for the proxy tests: an HTTP CONNECT proxy (node:http), the same over TLS (an
 * https proxy, its certificate signed by the cluster CA), and a SOCKS5 proxy (@mongodb-js/socksv5). Each counts
 * the tunnels it opened and resolves every name to 127.0.0.1, as a proxy inside a cluster's network resolves
 * names the client can't (`kubernetes.default.svc`).
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import socks from '@mongodb-js/socksv5';
import type { KeyPair } from '../../../src/demo/tls.js';
import { signServerCertificate } from '../../../src/demo/tls.js';

export interface TestProxy {
  url: string;
  /** The destinations of the tunnels opened, `host:port`. */
  tunnels: string[];
  close(): Promise<void>;
}

function onConnect(tunnels: string[], sockets: Set<Duplex>) {
  return (req: http.IncomingMessage, client: Duplex, head: Buffer): void => {
    const target = req.url ?? '';
    tunnels.push(target);
    const port = Number(target.slice(target.lastIndexOf(':') + 1));
    const upstream = net.connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    sockets.add(client);
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  };
}

async function listen(
  server: http.Server | https.Server,
  tunnels: string[],
  scheme: string,
  sockets: Set<Duplex>,
): Promise<TestProxy> {
  server.on('connect', onConnect(tunnels, sockets));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    tunnels,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** An HTTP proxy that tunnels with CONNECT. */
export function startConnectProxy(): Promise<TestProxy> {
  return listen(http.createServer(), [], 'http', new Set());
}

/** The same over TLS, with a certificate for 127.0.0.1 that `ca` signed. */
export async function startHttpsProxy(ca: KeyPair): Promise<TestProxy> {
  const pair = await signServerCertificate(ca, ['localhost']);
  return listen(https.createServer({ cert: pair.cert, key: pair.key }), [], 'https', new Set());
}

/** A SOCKS5 proxy without authentication. */
export async function startSocksProxy(): Promise<TestProxy> {
  const tunnels: string[] = [];
  const server = socks.createServer((info, accept) => {
    tunnels.push(`${info.dstAddr}:${info.dstPort}`);
    info.dstAddr = '127.0.0.1';
    accept();
  });
  server.useAuth(socks.auth.None());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `socks5://127.0.0.1:${server.address().port}`,
    tunnels,
    // Stops listening; tunnels still open end with their clients' keep-alive.
    close: () => {
      server.close();
      return Promise.resolve();
    },
  };
}
