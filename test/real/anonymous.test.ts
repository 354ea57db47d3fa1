/**
 * Requests with no credentials, on the demo and on the real API server (--anonymous-auth is on by default): the
 * anonymous user is authenticated as system:anonymous and RBAC decides, so /version answers and the pods are a
 * 403 naming that user — not a 401. An unknown bearer token is still a 401 on both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCluster, type DemoServer } from '../../src/demo/server.js';
import { apiRequest, type ApiTarget } from '../cluster/api.js';
import { realCluster } from '../support/realCluster.js';

let demo: DemoServer;
let both: [string, ApiTarget][];

beforeAll(async () => {
  demo = await startDemoCluster({ populate: false });
  const real = realCluster();
  both = [
    ['demo', { server: demo.url, caCert: demo.caCert, token: '' }],
    ['real', { server: real.server, caCert: real.caCert, token: '' }],
  ];
});
afterAll(async () => {
  await demo.close();
});

async function onBoth(path: string, token = ''): Promise<{ status: number; body: unknown }[]> {
  return Promise.all(
    both.map(async ([, t]) => {
      const r = await apiRequest({ ...t, token }, { path });
      return { status: r.status, body: r.json };
    }),
  );
}

describe('no credentials', () => {
  it('lists no pods: a 403 for system:anonymous, the same body on both', async () => {
    const [d, r] = await onBoth('/api/v1/pods');
    expect(r!.status).toBe(403);
    expect(d).toEqual(r);
    expect((d!.body as { message: string }).message).toBe(
      'pods is forbidden: User "system:anonymous" cannot list resource "pods" in API group "" at the cluster scope',
    );
  });

  it('reads /version (system:public-info-viewer binds system:unauthenticated)', async () => {
    const [d, r] = await onBoth('/version');
    expect([d!.status, r!.status]).toEqual([200, 200]);
  });

  it('is refused discovery the same way on both', async () => {
    const [d, r] = await onBoth('/api');
    expect(d!.status).toBe(r!.status);
    expect(d!.body).toEqual(r!.body);
  });

  it('an unknown bearer token is a 401 on both', async () => {
    const [d, r] = await onBoth('/api/v1/pods', 'not-a-token');
    expect([d!.status, r!.status]).toEqual([401, 401]);
    expect(d!.body).toEqual(r!.body);
  });
});
