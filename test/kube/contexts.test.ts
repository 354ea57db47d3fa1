/** Contexts of a kubeconfig, switching between them, and listing namespaces. */
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectError } from '../../src/kube/connectError.js';
import { currentContextName, listContexts, switchContext } from '../../src/kube/contexts.js';
import { listNamespaces } from '../../src/kube/namespaces.js';
import { startTestCluster, type TestCluster } from '../support/demoCluster.js';

function twoContexts(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      { name: 'a', server: 'https://a.example', skipTLSVerify: false },
      { name: 'b', server: 'https://b.example', skipTLSVerify: false },
    ],
    users: [{ name: 'u', token: 't' }],
    contexts: [
      { name: 'alpha', cluster: 'a', user: 'u', namespace: 'shop' },
      { name: 'beta', cluster: 'b', user: 'u' },
      { name: 'broken', cluster: 'nowhere', user: 'u' },
    ],
    currentContext: 'alpha',
  });
  return kc;
}

describe('contexts', () => {
  it('lists contexts with their cluster, namespace and server, flagging the current one', () => {
    const kc = twoContexts();
    expect(currentContextName(kc)).toBe('alpha');
    expect(listContexts(kc)).toEqual([
      {
        name: 'alpha',
        cluster: 'a',
        user: 'u',
        namespace: 'shop',
        server: 'https://a.example',
        current: true,
      },
      {
        name: 'beta',
        cluster: 'b',
        user: 'u',
        namespace: 'default',
        server: 'https://b.example',
        current: false,
      },
      {
        name: 'broken',
        cluster: 'nowhere',
        user: 'u',
        namespace: 'default',
        server: undefined,
        current: false,
      },
    ]);
  });

  it('switches to a new KubeConfig and leaves the original alone', () => {
    const kc = twoContexts();
    const next = switchContext(kc, 'beta');
    expect(next).not.toBe(kc);
    expect(next.getCurrentContext()).toBe('beta');
    expect(next.getCurrentCluster()?.server).toBe('https://b.example');
    expect(kc.getCurrentContext()).toBe('alpha');
  });

  it('refuses an unknown context or one whose cluster is missing, in one line', () => {
    const kc = twoContexts();
    expect(() => switchContext(kc, 'gamma')).toThrow(ConnectError);
    expect(() => switchContext(kc, 'gamma')).toThrow(
      'unknown context "gamma" (available: alpha, beta, broken)',
    );
    expect(() => switchContext(kc, 'broken')).toThrow(
      'context "broken" refers to cluster "nowhere", which the kubeconfig does not define',
    );
    expect(currentContextName(new KubeConfig())).toBeUndefined();
  });
});

describe('listNamespaces', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster({ pods: 100, namespaces: 3 });
  });
  afterAll(async () => {
    await t.demo.close();
  });

  it('lists every namespace, sorted', async () => {
    const names = await listNamespaces(t.kc);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(
      expect.arrayContaining(['default', 'frontend', 'kube-system', 'team-01', 'team-03']),
    );
  });
});
