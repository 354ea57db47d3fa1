/** Which owner :restart and :scale act on, the :scale argument, and a selector as the API writes it. */
import { describe, expect, it } from 'vitest';
import { ownerTarget, parseReplicas } from '../../../src/domain/workload/ownerTarget.js';
import { selectorString } from '../../../src/domain/workload/selectorString.js';

const rs = { kind: 'ReplicaSet', name: 'web-app-7d9f' };
const deploy = { kind: 'Deployment', name: 'web-app' };

describe('ownerTarget', () => {
  it('takes the highest link that supports the action', () => {
    expect(ownerTarget([rs, deploy], 'restart', 'p')).toEqual({ ok: true, link: deploy });
    expect(ownerTarget([rs, deploy], 'scale', 'p')).toEqual({ ok: true, link: deploy });
    expect(ownerTarget([rs], 'scale', 'p')).toEqual({ ok: true, link: rs });
  });

  it('says why there is none', () => {
    expect(ownerTarget([rs], 'restart', 'p')).toEqual({
      ok: false,
      reason:
        'ReplicaSet web-app-7d9f cannot be restarted (rollout restart works on Deployments, DaemonSets and StatefulSets)',
    });
    const job = [
      { kind: 'Job', name: 'j' },
      { kind: 'CronJob', name: 'c' },
    ];
    expect(ownerTarget(job, 'scale', 'p')).toEqual({
      ok: false,
      reason: 'CronJob c cannot be scaled (no scale subresource)',
    });
    expect(ownerTarget([], 'restart', 'bb')).toEqual({
      ok: false,
      reason: 'bb has no owner: a bare pod cannot be restarted',
    });
  });
});

describe('parseReplicas', () => {
  it.each([
    [undefined, ':scale needs the number of replicas, e.g. :scale 5'],
    ['-1', ':scale -1: the replicas must be a whole number, 0 or more'],
    ['2.5', ':scale 2.5: the replicas must be a whole number, 0 or more'],
    ['99999999999', ':scale 99999999999: too many replicas'],
  ])('%s → %s', (arg, reason) => expect(parseReplicas(arg)).toEqual({ ok: false, reason }));
  it('takes 0 and 5', () => {
    expect(parseReplicas('0')).toEqual({ ok: true, replicas: 0 });
    expect(parseReplicas('5')).toEqual({ ok: true, replicas: 5 });
  });
});

describe('selectorString', () => {
  it('as metav1.LabelSelectorAsSelector(…).String(): sorted by key, values sorted', () => {
    expect(selectorString({ matchLabels: { tier: 'web', app: 'x' } })).toBe('app=x,tier=web');
    expect(
      selectorString({
        matchLabels: { app: 'x' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['prod', 'dev'] },
          { key: 'canary', operator: 'DoesNotExist' },
          { key: 'zone', operator: 'NotIn', values: ['b'] },
          { key: 'gpu', operator: 'Exists' },
        ],
      }),
    ).toBe('app=x,!canary,env in (dev,prod),gpu,zone notin (b)');
    expect(selectorString(undefined)).toBe('');
  });
});
