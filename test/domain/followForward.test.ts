/** `:pf TYPE/NAME [LOCAL:]REMOTE` parsing, the pod a following forward chooses, and kubectl's port resolution. */
import { describe, expect, it } from 'vitest';
import { choosePod, parseFollowSpec, selectorQuery } from '../../src/domain/followForward.js';
import { serviceTargetPort } from '../../src/domain/services/servicePorts.js';
import type { Service } from '../../src/domain/services/serviceWire.js';
import type { Pod } from '../../src/domain/wire.js';

function pod(name: string, created: string, ready: boolean, terminating = false): Pod {
  return {
    metadata: {
      name,
      creationTimestamp: created,
      ...(terminating ? { deletionTimestamp: '2030-01-01T00:00:00Z' } : {}),
    },
    spec: { containers: [{ name: 'app', image: 'x', ports: [{ name: 'http', containerPort: 8080 }] }] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

describe('parseFollowSpec', () => {
  it('takes kubectl TYPE/NAME forms and its port syntax', () => {
    expect(parseFollowSpec('svc/frontend 18080:8080')).toEqual({
      kind: 'service',
      name: 'frontend',
      localPort: 18080,
      remote: '8080',
    });
    expect(parseFollowSpec('deployment/web-app 8080 -n frontend')).toEqual({
      kind: 'deployment',
      name: 'web-app',
      namespace: 'frontend',
      remote: '8080',
    });
    expect(parseFollowSpec('sts/db :http')).toEqual({
      kind: 'statefulset',
      name: 'db',
      localPort: 0,
      remote: 'http',
    });
    expect(parseFollowSpec('ds/agent 0:9100')).toMatchObject({ kind: 'daemonset', localPort: 0 });
    expect(parseFollowSpec('service/x 1')).toMatchObject({ kind: 'service' });
  });

  it('says what is wrong in one line', () => {
    expect(parseFollowSpec('svc/frontend')).toEqual({
      error: expect.stringMatching(/^usage: :pf TYPE\/NAME/),
    });
    expect(parseFollowSpec('frontend 8080')).toEqual({
      error: expect.stringContaining('name it as TYPE/NAME'),
    });
    expect(parseFollowSpec('cm/x 8080')).toEqual({
      error: '"cm" cannot be port-forwarded to (svc, deploy, sts, ds, rs or pod)',
    });
    expect(parseFollowSpec('svc/x 80:80:80')).toEqual({
      error: '"80:80:80": give the ports as LOCAL:REMOTE',
    });
    expect(parseFollowSpec('svc/x 99999')).toEqual({
      error: '"99999": the remote port must be a port number (1-65535) or a port name',
    });
    expect(parseFollowSpec('svc/x abc:80')).toEqual({
      error: '"abc:80": the local port must be a number from 0 to 65535',
    });
  });
});

describe('choosePod', () => {
  const a = pod('a', '2024-01-01T00:00:00Z', true);
  const b = pod('b', '2024-01-02T00:00:00Z', true);
  it('keeps the current pod while it serves, else the oldest that serves', () => {
    expect(choosePod([a, b], 'b')?.metadata?.name).toBe('b');
    expect(choosePod([a, b], undefined)?.metadata?.name).toBe('a');
    expect(choosePod([pod('a', '2024-01-01T00:00:00Z', true, true), b], 'a')?.metadata?.name).toBe('b');
    expect(choosePod([pod('a', '2024-01-01T00:00:00Z', false), b], 'a')?.metadata?.name).toBe('b');
    expect(choosePod([pod('a', '2024-01-01T00:00:00Z', false)], 'a')).toBeUndefined();
  });
});

describe('kubectl port resolution', () => {
  const svc: Service = {
    metadata: { name: 'api' },
    spec: {
      ports: [
        { name: 'web', port: 80, targetPort: 'http' },
        { port: 9000 },
        { port: 9001, targetPort: 9100 },
      ],
    },
  };
  it('resolves a named targetPort in the pod, an omitted one to the port, and refuses a port it lacks', () => {
    const p = pod('a', '2024-01-01T00:00:00Z', true);
    expect(serviceTargetPort(svc, p, 80)).toEqual({ port: 8080 });
    expect(serviceTargetPort(svc, p, 9000)).toEqual({ port: 9000 });
    expect(serviceTargetPort(svc, p, 9001)).toEqual({ port: 9100 });
    expect(serviceTargetPort(svc, p, 81)).toEqual({ error: 'Service api does not have a service port 81' });
    const noName = { ...p, spec: { containers: [{ name: 'app', image: 'x' }] } };
    expect(serviceTargetPort(svc, noName, 80)).toEqual({
      error: "Pod 'a' does not have a named port 'http'",
    });
  });

  it('writes a workload selector as a labelSelector', () => {
    expect(
      selectorQuery({
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['b', 'a'] },
          { key: 'canary', operator: 'DoesNotExist' },
        ],
      }),
    ).toBe('app=web,tier in (a,b),!canary');
  });
});
