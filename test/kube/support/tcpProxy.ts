/**
 * A TCP proxy in front of the demo cluster that a test can cut and restore on the same port: a server that
 * "goes away" and comes back with its state, certificate and token unchanged. It can also stall: connections stay
 * open but nothing is forwarded either way (a network that silently drops packets) until it resumes.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** `https://127.0.0.1:PORT`, for a kubeconfig's server. */
  url: string;
  /** Stops listening and cuts every open connection. */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  restore(): Promise<void>;
  /** Holds every byte in both directions, connections left open. */
  stall(): void;
  /** Forwards what was held, in order, and everything after. */
  resume(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  let stalled = false;
  const held: (() => void)[] = [];
  const forward = (from: Socket, to: Socket): void => {
    from.on('data', (chunk: Buffer) => {
      if (stalled) held.push(() => to.write(chunk));
      else to.write(chunk);
    });
  };

  const listen = (p: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = connect(targetPort, '127.0.0.1');
        for (const sock of [client, upstream]) {
          sockets.add(sock);
          sock.on('close', () => sockets.delete(sock));
          sock.on('error', () => undefined);
        }
        forward(client, upstream);
        forward(upstream, client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      s.once('error', reject);
      s.listen(p, '127.0.0.1', () => {
        const a = s.address();
        port = typeof a === 'object' && a ? a.port : p;
        server = s;
        resolve();
      });
    });

  const cut = async (): Promise<void> => {
    const s = server;
    server = undefined;
    for (const sock of sockets) sock.destroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };

  await listen(0);
  return {
    port,
    url: `https://127.0.0.1:${port}`,
    cut,
    restore: () => listen(port),
    stall: () => {
      stalled = true;
    },
    resume: () => {
      stalled = false;
      for (const send of held.splice(0)) send();
    },
    close: cut,
  };
}
