/** Helpers for the port-forward tests: a demo cluster with a registry, and plain TCP/HTTP clients of a forward. */
import { request } from 'node:http';
import { connect, createServer } from 'node:net';
import { PortForwardRegistry } from '../../../src/kube/portForward/index.js';
import type { ForwardInfo } from '../../../src/kube/portForward/index.js';
import { waitForPodPhase, type TestCluster } from '../../support/demoCluster.js';
import { waitFor } from '../../support/waitFor.js';

/** A registry publishing every 10 ms, so tests see changes quickly. */
export function testRegistry(t: TestCluster): PortForwardRegistry {
  return new PortForwardRegistry(t.kc, { flushMs: 10 });
}

/** The forward with `id` in the registry's latest snapshot. */
export function forwardIn(registry: PortForwardRegistry, id: string): ForwardInfo | undefined {
  return registry.getSnapshot().forwards.find((f) => f.id === id);
}

/** Waits until the forward's published state has `kind`; returns the forward. */
export function waitForState(
  registry: PortForwardRegistry,
  id: string,
  kind: ForwardInfo['state']['kind'],
  timeoutMs = 5000,
): Promise<ForwardInfo> {
  return waitFor(
    () => {
      const f = forwardIn(registry, id);
      return f?.state.kind === kind ? f : undefined;
    },
    `forward ${id} ${kind}`,
    timeoutMs,
    5,
  );
}

/** The seeded pods this file forwards to are Running. */
export async function waitForPods(t: TestCluster, ...names: string[]): Promise<void> {
  for (const name of names) await waitForPodPhase(t, 'default', name, 'Running');
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One HTTP request on a fresh connection to 127.0.0.1:`port`, with the whole body read. */
export function httpRequest(port: number, method: string, path: string, body?: Buffer): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        headers: body ? { 'Content-Length': body.length } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer from ${method} ${path} within 10 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Connects to 127.0.0.1:`port`; resolves with the error code if the connection fails, or 'connected'. */
export function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

/**
 * `port` if it can be bound on 127.0.0.1 now, else one the system gives: the fixed ports (18080) may be
 * held by another program on a shared machine (another podscope's forward).
 */
export function preferredPort(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', () => {
      const any = createServer();
      any.once('error', reject);
      any.listen(0, '127.0.0.1', () => {
        const address = any.address();
        const p = typeof address === 'object' && address ? address.port : 0;
        any.close(() => resolve(p));
      });
    });
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(port)));
  });
}
