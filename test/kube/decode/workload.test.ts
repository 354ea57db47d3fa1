/** The workload decoder: a Deployment as the demo serves it, and malformed ones as one readable line. */
import { describe, expect, it } from 'vitest';
import { decodeScale, decodeWorkload } from '../../../src/kube/decode/workload.js';
import { DecodeError } from '../../../src/kube/decode/decodeError.js';
import { startDemoCluster } from '../../../src/demo/server.js';
import { PlainKubeConfig } from '../../../src/kube/plainKubeConfig.js';
import { getJson } from '../../../src/kube/request.js';

describe('decodeWorkload', () => {
  it('reads a Deployment and its ReplicaSet from the demo: owner link, selector, status counts', async () => {
    const demo = await startDemoCluster({ seed: 3 });
    try {
      const kc = PlainKubeConfig.from(demo.kubeConfig());
      const path = '/apis/apps/v1/namespaces/frontend/deployments/web-app';
      const d = decodeWorkload(await getJson(kc, path), `GET ${path}`);
      expect(d).toMatchObject({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'web-app',
        namespace: 'frontend',
        controller: undefined,
        selector: { matchLabels: { app: 'web-app' } },
        status: { generation: 1, specReplicas: 3, strategyType: 'RollingUpdate' },
      });
      const list = (await getJson(kc, '/apis/apps/v1/namespaces/frontend/replicasets')) as {
        items: unknown[];
      };
      const rs = decodeWorkload(list.items[0]);
      expect(rs.controller).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web-app' });
      expect(decodeScale(await getJson(kc, `${path}/scale`))).toBe(3);
    } finally {
      await demo.close();
    }
  });

  it('refuses a malformed one with the field and the request', () => {
    expect(() => decodeWorkload({ metadata: {} }, 'GET /x')).toThrow(DecodeError);
    expect(() => decodeWorkload({ metadata: {} }, 'GET /x')).toThrow(/without metadata\.name \(GET \/x\)/);
    expect(() => decodeWorkload({ metadata: { name: 'a', ownerReferences: {} } })).toThrow(/ownerReferences/);
    expect(() => decodeScale({ spec: { replicas: 'three' } }, 'GET /s')).toThrow(/spec\.replicas/);
  });
});
