/**
 * The pod decoder on pods nobody here wrote (test/fixtures/pods/real-world/, sources named there) and on
 * malformed ones: what passes is the object itself, what fails says in one line what the server sent.
 */
import { describe, expect, it } from 'vitest';
import { decodePod, decodePodList } from '../../../src/kube/decode/pod.js';
import { DecodeError } from '../../../src/kube/decode/decodeError.js';
import { describeFailure } from '../../../src/kube/errors.js';
import { slimPod } from '../../../src/kube/slimPod.js';
import type { Pod } from '../../../src/domain/wire.js';
import { realWorldPods } from '../../domain/realWorldPods.js';

const WHERE = 'GET /api/v1/namespaces/shop/pods/web-1';

/** A pod as a server returns it: manifests from Kubernetes' tree carry no namespace until they are created. */
function served(pod: Pod): Pod {
  return { ...pod, metadata: { ...pod.metadata, namespace: pod.metadata?.namespace ?? 'default' } };
}

/** The message `decodePod` throws for `raw`. */
function failure(raw: unknown): string {
  try {
    decodePod(raw, WHERE);
  } catch (e) {
    expect(e).toBeInstanceOf(DecodeError);
    return (e as Error).message;
  }
  throw new Error('decoded');
}

const web = (): Pod => ({
  metadata: { name: 'web-1', namespace: 'shop', labels: { app: 'web' } },
  spec: {
    containers: [
      { name: 'app', image: 'nginx' },
      { name: 'proxy', image: 'envoy' },
    ],
  },
  status: {
    phase: 'Running',
    conditions: [{ type: 'Ready', status: 'True' }],
    containerStatuses: [
      { name: 'app', ready: true, restartCount: 0, image: 'nginx', imageID: '', state: { running: {} } },
      { name: 'proxy', ready: true, restartCount: 2, image: 'envoy', imageID: '', state: { running: {} } },
    ],
  },
});

describe('decodePod on real-world pods', () => {
  const pods = realWorldPods();

  it('has the 62 pods to read', () => {
    expect(pods.length).toBe(62);
  });

  it.each(pods.map((p) => [p.id, p] as const))('%s decodes to the same object, slimmed alike', (_id, p) => {
    const pod = served(p.pod);
    const decoded = decodePod(pod, WHERE);
    expect(decoded).toBe(pod);
    expect(slimPod(decoded)).toEqual(slimPod(pod));
  });
});

describe('decodePod on malformed pods: the line a user sees', () => {
  it.each<[string, (p: Pod & Record<string, unknown>) => unknown, string]>([
    ['no metadata', (p) => ({ ...p, metadata: undefined }), 'a pod without metadata'],
    ['no name', (p) => ({ ...p, metadata: { namespace: 'shop' } }), 'a pod without metadata.name'],
    ['no namespace', (p) => ({ ...p, metadata: { name: 'web-1' } }), 'a pod without metadata.namespace'],
    [
      'a numeric name',
      (p) => ({ ...p, metadata: { name: 7, namespace: 'shop' } }),
      'a pod whose metadata.name is a number, not a string',
    ],
    [
      'a label that is not a string',
      (p) => ({ ...p, metadata: { ...p.metadata, labels: { tier: 1 } } }),
      'a pod whose metadata.labels["tier"] is a number, not a string',
    ],
    [
      'containers as a string',
      (p) => ({ ...p, spec: { containers: 'app' } }),
      'a pod whose spec.containers is a string, not an array',
    ],
    [
      'a container without a name',
      (p) => ({ ...p, spec: { containers: [{ name: 'app' }, { image: 'envoy' }] } }),
      'a pod without spec.containers[1].name',
    ],
    [
      'a restart count as a string',
      (p) => {
        const s = web().status!;
        s.containerStatuses![1] = { ...s.containerStatuses![1]!, restartCount: '2' as unknown as number };
        return { ...p, status: s };
      },
      'a pod whose status.containerStatuses[1].restartCount is a string, not a number',
    ],
    [
      'an exit code as a string',
      (p) => {
        const s = web().status!;
        s.containerStatuses![0]!.lastState = { terminated: { exitCode: '137' as unknown as number } };
        return { ...p, status: s };
      },
      'a pod whose status.containerStatuses[0].lastState.terminated.exitCode is a string, not a number',
    ],
    [
      'a condition without a type',
      (p) => ({ ...p, status: { conditions: [{ status: 'True' }] } }),
      'a pod without status.conditions[0].type',
    ],
    ['status as an array', (p) => ({ ...p, status: [] }), 'a pod whose status is an array, not an object'],
    ['an array', () => [web()], 'an array where a pod belongs'],
    ['null', () => null, 'null where a pod belongs'],
  ])('%s', (_what, change, message) => {
    expect(failure(change(web() as Pod & Record<string, unknown>))).toBe(
      `the server sent ${message} (${WHERE})`,
    );
  });

  it('is one line a view shows as it is (describeFailure keeps it)', () => {
    let err: unknown;
    try {
      decodePod({ metadata: { namespace: 'shop' } }, WHERE);
    } catch (e) {
      err = e;
    }
    expect(describeFailure(err, 'https://127.0.0.1:6443').message).toBe(
      `the server sent a pod without metadata.name (${WHERE})`,
    );
  });

  it('names no request when the caller gave none', () => {
    expect(() => decodePod({})).toThrow(/^the server sent a pod without metadata$/);
  });

  it('accepts null where Go sends a nil pointer or slice', () => {
    const pod = { ...web(), spec: { containers: [{ name: 'app', ports: null }] }, status: null };
    expect(decodePod(pod, WHERE)).toBe(pod);
  });
});

describe('decodePodList', () => {
  const LIST = 'GET /api/v1/pods';

  it('decodes each pod and keeps where to resume', () => {
    const list = decodePodList(
      {
        kind: 'PodList',
        metadata: { resourceVersion: '812', continue: 'abc', remainingItemCount: 40 },
        items: [web(), { ...web(), metadata: { name: 'web-2', namespace: 'shop' } }],
      },
      LIST,
    );
    expect(list.items.map((p) => p.metadata.name)).toEqual(['web-1', 'web-2']);
    expect([list.resourceVersion, list.continue, list.remainingItemCount]).toEqual(['812', 'abc', 40]);
  });

  it('an empty continue token is no next page', () => {
    expect(decodePodList({ metadata: { continue: '' }, items: [] }, LIST).continue).toBeUndefined();
  });

  it('names a Status sent in place of the list', () => {
    const status = {
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'Forbidden',
      message:
        'pods is forbidden: User "dev" cannot list resource "pods" in API group "" at the cluster scope',
      code: 403,
    };
    expect(() => decodePodList(status, LIST)).toThrow(
      `the server sent a Status (Forbidden: ${status.message}) instead of a pod list (${LIST})`,
    );
  });

  it('names items that are not an array, and a bad pod among good ones', () => {
    expect(() => decodePodList({ items: {} }, LIST)).toThrow(
      `the server sent a pod list whose items is an object, not an array (${LIST})`,
    );
    expect(() => decodePodList({ items: [web(), { metadata: {} }] }, LIST)).toThrow(
      `the server sent a pod without metadata.name (${LIST})`,
    );
  });
});
