/**
 * The TLS cipher suite a Node client gets: the real kube-apiserver (Go's crypto/tls, server preference) picks
 * TLS_AES_128_GCM_SHA256 for a client offering Node's default order (AES-256-GCM first); the demo must pick the
 * same, or every byte podscope moves through it (port-forwards, logs) costs a quarter more than on a real server.
 */
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCluster, type DemoServer } from '../../src/demo/server.js';
import { realCluster } from '../support/realCluster.js';

let demo: DemoServer;
beforeAll(async () => {
  demo = await startDemoCluster({ populate: false });
});
afterAll(async () => {
  await demo.close();
});

function negotiated(server: string, ca: string): Promise<{ name: string; version: string }> {
  const url = new URL(server);
  return new Promise((resolve, reject) => {
    const socket = connect(
      { host: url.hostname, port: Number(url.port), ca, servername: 'localhost' },
      () => {
        const c = socket.getCipher();
        socket.end();
        resolve({ name: c.name, version: c.version });
      },
    );
    socket.on('error', reject);
  });
}

describe('the TLS cipher suite', () => {
  it('is the one the real API server picks for a Node client', async () => {
    const real = realCluster();
    const [d, r] = await Promise.all([
      negotiated(demo.url, demo.caCert),
      negotiated(real.server, real.caCert),
    ]);
    expect(r).toEqual({ name: 'TLS_AES_128_GCM_SHA256', version: 'TLSv1.3' });
    expect(d).toEqual(r);
  });
});
