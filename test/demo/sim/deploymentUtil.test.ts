/** deployment_util.go's arithmetic as the demo's controller uses it: surge up, unavailability down, the hash's form. */
import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../../src/domain/wire.js';
import {
  equalIgnoreHash,
  fenceposts,
  maxUnavailable,
  scaledValue,
  templateHash,
} from '../../../src/demo/sim/deploymentUtil.js';

const d = (replicas: number, maxSurge?: string | number, maxUnavailableV?: string | number): Deployment => ({
  spec: {
    replicas,
    selector: {},
    template: {},
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable: maxUnavailableV } },
  },
});

describe('deployment arithmetic', () => {
  it('rounds a percentage up for the surge and down for unavailability (intstr.GetScaledValueFromIntOrPercent)', () => {
    expect(scaledValue('25%', 3, true)).toBe(1);
    expect(scaledValue('25%', 3, false)).toBe(0);
    expect(scaledValue(2, 3, false)).toBe(2);
    expect(fenceposts(d(3, '25%', '25%'))).toEqual({ surge: 1, unavailable: 0 });
    expect(fenceposts(d(10, '25%', '25%'))).toEqual({ surge: 3, unavailable: 2 });
    // ResolveFenceposts: both zero makes one unavailable.
    expect(fenceposts(d(3, 0, 0))).toEqual({ surge: 0, unavailable: 1 });
    expect(maxUnavailable(d(2, 0, 5))).toBe(2);
  });

  it('hashes a template to SafeEncodeString characters, the same template to the same hash', () => {
    const t = { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    expect(templateHash(t)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    expect(templateHash(structuredClone(t))).toBe(templateHash(t));
    expect(templateHash(t, 1)).not.toBe(templateHash(t));
  });

  it('compares templates without the hash label, and as Go re-encodes them (null, empty maps)', () => {
    const a = {
      metadata: { labels: { app: 'x', 'pod-template-hash': 'abc' } },
      spec: { containers: [{ name: 'c' }] },
    };
    const b = {
      metadata: { labels: { app: 'x' }, creationTimestamp: null },
      spec: { containers: [{ name: 'c', resources: {} }] },
    };
    expect(equalIgnoreHash(a as never, b as never)).toBe(true);
    expect(equalIgnoreHash(a as never, { ...b, metadata: { labels: { app: 'y' } } } as never)).toBe(false);
  });
});
