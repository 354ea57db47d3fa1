/**
 * The decoders besides the pod's: events (the real-world events kept beside their pods), namespaces, access
 * reviews, an API group, metrics (lenient by design) and the Status of a failure.
 */
import { describe, expect, it } from 'vitest';
import { decodeAccessReview } from '../../../src/kube/decode/accessReview.js';
import { decodeApiGroupVersions } from '../../../src/kube/decode/discovery.js';
import { decodeEvent, decodeEventList } from '../../../src/kube/decode/event.js';
import { readPodMetrics, readPodMetricsList } from '../../../src/kube/decode/metrics.js';
import { decodeNamespaceList } from '../../../src/kube/decode/namespace.js';
import { readStatus, statusInstead } from '../../../src/kube/decode/status.js';
import { realWorldPods } from '../../domain/realWorldPods.js';

const REVIEWS = 'POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews';

describe('decodeEvent', () => {
  const events = realWorldPods().flatMap((p) => p.events?.items ?? []);

  it('decodes every real-world event as it is', () => {
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(decodeEvent(e, 'watch /api/v1/namespaces/default/events')).toBe(e);
  });

  it('names an event without a name, and a count that is not a number', () => {
    const where = 'GET /api/v1/namespaces/shop/events';
    expect(() => decodeEventList({ items: [{ metadata: {}, reason: 'BackOff' }] }, where)).toThrow(
      `the server sent an event without metadata.name (${where})`,
    );
    expect(() => decodeEvent({ metadata: { name: 'e1' }, count: '3' }, where)).toThrow(
      `the server sent an event whose count is a string, not a number (${where})`,
    );
  });
});

describe('decodeNamespaceList', () => {
  it('keeps the names', () => {
    const list = decodeNamespaceList({ items: [{ metadata: { name: 'a' } }, { metadata: { name: 'b' } }] });
    expect(list.items.map((n) => n.metadata.name)).toEqual(['a', 'b']);
  });

  it('names a namespace without a name', () => {
    expect(() =>
      decodeNamespaceList({ items: [{ metadata: { uid: 'x' } }] }, 'GET /api/v1/namespaces'),
    ).toThrow('the server sent a namespace without metadata.name (GET /api/v1/namespaces)');
  });
});

describe('decodeAccessReview', () => {
  it('reads the verdict and reason', () => {
    expect(decodeAccessReview({ status: { allowed: false, denied: true, reason: 'no' } }, REVIEWS)).toEqual({
      allowed: false,
      denied: true,
      reason: 'no',
    });
  });

  it('names a review without status, and an allowed that is not a boolean', () => {
    expect(() => decodeAccessReview({ kind: 'SelfSubjectAccessReview' }, REVIEWS)).toThrow(
      `the server sent an access review without status (${REVIEWS})`,
    );
    expect(() => decodeAccessReview({ status: { allowed: 'true' } }, REVIEWS)).toThrow(
      `the server sent an access review whose status.allowed is a string, not a boolean (${REVIEWS})`,
    );
  });
});

describe('decodeApiGroupVersions', () => {
  it('lists the group versions served', () => {
    const group = {
      kind: 'APIGroup',
      versions: [{ groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' }],
    };
    expect(decodeApiGroupVersions(group)).toEqual(['metrics.k8s.io/v1beta1']);
  });

  it('names versions that are not a list', () => {
    expect(() => decodeApiGroupVersions({ versions: {} }, 'GET /apis/metrics.k8s.io')).toThrow(
      'the server sent an API group whose versions is an object, not an array (GET /apis/metrics.k8s.io)',
    );
  });
});

describe('metrics, read leniently', () => {
  it('leaves out what cannot be keyed and keeps the rest', () => {
    const list = readPodMetricsList({
      items: [
        {
          metadata: { name: 'a', namespace: 'n' },
          containers: [{ name: 'c', usage: { cpu: '5m', memory: 7 } }],
        },
        { metadata: { name: 'no-namespace' } },
        'junk',
      ],
    });
    expect(list).toEqual([
      { name: 'a', namespace: 'n', containers: [{ name: 'c', cpu: '5m', memory: undefined }] },
    ]);
    expect(readPodMetricsList({ kind: 'Status', code: 503 })).toEqual([]);
    expect(readPodMetrics(null)).toBeUndefined();
  });
});

describe('Status', () => {
  it('reads the fields of the right type and leaves the others out', () => {
    expect(
      readStatus({
        kind: 'Status',
        message: 'gone',
        reason: 7,
        code: 410,
        details: { retryAfterSeconds: 3 },
      }),
    ).toMatchObject({ kind: 'Status', message: 'gone', reason: undefined, code: 410, retryAfterSeconds: 3 });
    expect(readStatus('Bad Gateway')).toBeUndefined();
  });

  it('tells a Status from an object that is not one', () => {
    expect(statusInstead({ kind: 'PodList', items: [] })).toBeUndefined();
    expect(statusInstead({ kind: 'Status', status: 'Failure' })?.status).toBe('Failure');
  });
});
