/** The port-forward dialog's pure rules and the forwards list's texts. */
import { describe, expect, it } from 'vitest';
import { declaredPortLabel, declaredPorts } from '../../src/domain/declaredPorts.js';
import { notForwardableReason } from '../../src/domain/forwardTarget.js';
import { forwardUrl, preferredLocalPort } from '../../src/domain/portForwardInput.js';
import {
  forwardCells,
  forwardStateText,
  formatBytes,
  type ForwardInfo,
} from '../../src/domain/portForwardView.js';
import type { Pod } from '../../src/domain/wire.js';

describe('declaredPorts', () => {
  const pod: Pod = {
    metadata: { name: 'web' },
    spec: {
      initContainers: [
        { name: 'setup', ports: [{ containerPort: 1 }] },
        { name: 'proxy', restartPolicy: 'Always', ports: [{ containerPort: 15001, name: 'envoy' }] },
      ],
      containers: [
        { name: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }] },
        { name: 'dns', ports: [{ containerPort: 53, protocol: 'UDP', name: 'dns' }] },
        { name: 'plain' },
      ],
    },
  };

  it('lists sidecars and containers in spec order, skipping init containers that finish', () => {
    expect(declaredPorts(pod)).toEqual([
      { container: 'proxy', name: 'envoy', port: 15001, protocol: 'TCP' },
      { container: 'nginx', port: 80, protocol: 'TCP' },
      { container: 'dns', name: 'dns', port: 53, protocol: 'UDP' },
    ]);
  });

  it('labels them container::port', () => {
    expect(declaredPorts(pod).map(declaredPortLabel)).toEqual([
      'proxy::15001 (envoy)',
      'nginx::80',
      'dns::53/UDP (dns)',
    ]);
    expect(declaredPorts({ spec: { containers: [{ name: 'x' }] } })).toEqual([]);
  });
});

describe('local port defaults and URLs', () => {
  it('keeps the pod port unless it is privileged and we are not root', () => {
    expect(preferredLocalPort(8080, false)).toBe(8080);
    expect(preferredLocalPort(1024, false)).toBe(1024);
    expect(preferredLocalPort(80, false)).toBeUndefined();
    expect(preferredLocalPort(80, true)).toBe(80);
  });

  it('reaches wildcard binds on loopback and brackets IPv6', () => {
    expect(forwardUrl('127.0.0.1', 8080)).toBe('http://127.0.0.1:8080');
    expect(forwardUrl('0.0.0.0', 80)).toBe('http://127.0.0.1:80');
    expect(forwardUrl('::', 80)).toBe('http://[::1]:80');
    expect(forwardUrl('::1', 3000)).toBe('http://[::1]:3000');
  });
});

describe('notForwardableReason', () => {
  it('accepts only running pods that are not being deleted', () => {
    expect(notForwardableReason({ metadata: { name: 'a' }, status: { phase: 'Running' } })).toBeUndefined();
    expect(notForwardableReason({ metadata: { name: 'a' }, status: { phase: 'Pending' } })).toBe(
      'pod a is not running (phase Pending)',
    );
    expect(
      notForwardableReason({
        metadata: { name: 'a', deletionTimestamp: '2025-01-01T00:00:00Z' },
        status: { phase: 'Running' },
      }),
    ).toBe('pod a is terminating');
  });
});

describe('the forwards list', () => {
  it('formats bytes short', () => {
    expect([0, 512, 1536, 10 * 1024, 23.7 * 2 ** 20, 4.25 * 2 ** 30].map(formatBytes)).toEqual([
      '0B',
      '512B',
      '1.5KiB',
      '10KiB',
      '23MiB',
      '4.2GiB',
    ]);
  });

  it('words every state, with the retry countdown', () => {
    const now = 1_000_000;
    expect(forwardStateText({ kind: 'active' }, now)).toBe('active');
    expect(forwardStateText({ kind: 'reconnecting', reason: 'cut', attempt: 2 }, now)).toBe(
      'reconnecting (attempt 2): cut',
    );
    expect(forwardStateText({ kind: 'failed', reason: 'pod a was deleted' }, now)).toBe(
      'failed: pod a was deleted',
    );
    expect(forwardStateText({ kind: 'failed', reason: 'refused', retryAt: now + 3200 }, now)).toBe(
      'failed (retry in 4s): refused',
    );
  });

  it('gives a row its cells', () => {
    const f: ForwardInfo = {
      id: 'pf1',
      namespace: 'default',
      pod: 'kiada',
      container: 'kiada',
      address: '127.0.0.1',
      localPort: 18080,
      remotePort: 8080,
      url: 'http://127.0.0.1:18080',
      state: { kind: 'active' },
      connections: 2,
      bytesFromPod: 2048,
      bytesToPod: 100,
      startedAt: 0,
    };
    expect(forwardCells(f, 65_000)).toEqual({
      target: '',
      pod: 'default/kiada',
      container: 'kiada',
      ports: '18080→8080',
      url: 'http://127.0.0.1:18080',
      state: 'active',
      conns: '2',
      in: '2.0KiB',
      out: '100B',
      age: '65s',
    });
    // A forward that follows a Service (issue 16): what it follows, the switches, the pod it goes to now.
    const following = { ...f, follow: { target: 'svc/frontend', switches: 1 }, pod: 'web-app-x' };
    expect(forwardCells(following, 65_000)).toMatchObject({
      target: 'svc/frontend (1 switch)',
      pod: 'default/web-app-x',
    });
    expect(forwardCells({ ...following, pod: '' }, 0).pod).toBe('default/—');
    expect(forwardStateText({ kind: 'waiting', reason: 'no ready pod behind svc/frontend' }, 0)).toBe(
      'waiting: no ready pod behind svc/frontend',
    );
  });
});
