/** The decoders of the apply module: a group version's resources (discovery) and any object read back. */
import { describe, expect, it } from 'vitest';
import { decodeAnyObject } from '../../../src/kube/decode/anyObject.js';
import { decodeApiResourceList } from '../../../src/kube/decode/discovery.js';

// In the shape of kube-apiserver's GET /apis/apps/v1, trimmed to one resource and its subresources (which share or
// change the kind); test/real/apply.test.ts maps a Deployment through the real answer.
const APPS_V1 = {
  kind: 'APIResourceList',
  apiVersion: 'v1',
  groupVersion: 'apps/v1',
  resources: [
    {
      name: 'deployments',
      singularName: 'deployment',
      namespaced: true,
      kind: 'Deployment',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['deploy'],
      categories: ['all'],
    },
    {
      name: 'deployments/scale',
      singularName: '',
      namespaced: true,
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
      verbs: ['get', 'patch', 'update'],
    },
    {
      name: 'deployments/status',
      singularName: '',
      namespaced: true,
      kind: 'Deployment',
      verbs: ['get', 'patch', 'update'],
    },
  ],
};

describe('decodeApiResourceList', () => {
  it('reads each resource’s plural, kind and scope', () => {
    expect(decodeApiResourceList(APPS_V1)).toEqual([
      { name: 'deployments', kind: 'Deployment', namespaced: true },
      { name: 'deployments/scale', kind: 'Scale', namespaced: true },
      { name: 'deployments/status', kind: 'Deployment', namespaced: true },
    ]);
  });

  it('names a resource without a kind', () => {
    expect(() => decodeApiResourceList({ resources: [{ name: 'pods' }] }, 'GET /api/v1')).toThrow(
      'the server sent an API resource list without resources[0].kind (GET /api/v1)',
    );
  });
});

describe('decodeAnyObject', () => {
  it('reads the name and resourceVersion and keeps the object as sent', () => {
    const o = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'dev', resourceVersion: '42' },
      spec: {},
    };
    expect(decodeAnyObject(o)).toEqual({ name: 'dev', resourceVersion: '42', object: o });
    expect(decodeAnyObject(o).object).toBe(o);
  });

  it('names an object without metadata', () => {
    expect(() => decodeAnyObject({ kind: 'Pod' }, 'PATCH /api/v1/namespaces/default/pods/x')).toThrow(
      'the server sent an object without metadata (PATCH /api/v1/namespaces/default/pods/x)',
    );
  });
});
