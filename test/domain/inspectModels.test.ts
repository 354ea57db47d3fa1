/**
 * The models under the inspect views: event rows and the latest warning, container rows of every kind, the
 * workload behind a pod, and the YAML spans the view colours.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { containerRows } from '../../src/domain/containerRows.js';
import { eventAge, latestWarning, podEventRows } from '../../src/domain/podEvents.js';
import { controllerOf, workloadOf } from '../../src/domain/podOwner.js';
import { podYaml, podYamlLines } from '../../src/domain/podYaml.js';
import type { KubeEvent, Pod } from '../../src/domain/wire.js';
import { fixture, NOW } from './podFixtures.js';

function event(name: string, partial: Partial<KubeEvent>): KubeEvent {
  return {
    metadata: { name, namespace: 'default' },
    involvedObject: { kind: 'Pod', name: 'webserver', namespace: 'default' },
    type: 'Normal',
    source: { component: 'kubelet' },
    count: 1,
    ...partial,
  };
}

describe('pod events', () => {
  const events = [
    event('a', {
      reason: 'Scheduled',
      firstTimestamp: '2025-03-14T11:55:00Z',
      lastTimestamp: '2025-03-14T11:55:00Z',
    }),
    event('b', {
      type: 'Warning',
      reason: 'Failed',
      message: 'Failed to pull image "ngnx:latest": not found',
      involvedObject: { kind: 'Pod', name: 'webserver', fieldPath: 'spec.containers{webserver}' },
      count: 4,
      firstTimestamp: '2025-03-14T11:55:00Z',
      lastTimestamp: '2025-03-14T11:58:00Z',
    }),
    event('c', {
      reason: 'BackOff',
      firstTimestamp: '2025-03-14T11:56:00Z',
      lastTimestamp: '2025-03-14T11:57:00Z',
    }),
  ];

  it('ages as kubectl prints them', () => {
    expect(eventAge(events[1]!, NOW)).toBe('2m (x4 over 5m)');
    expect(eventAge(events[0]!, NOW)).toBe('5m');
    expect(eventAge(event('x', {}), NOW)).toBe('<unknown>');
    expect(
      eventAge(
        event('s', {
          eventTime: '2025-03-14T11:59:00Z',
          series: { count: 3, lastObservedTime: '2025-03-14T11:59:50Z' },
        }),
        NOW,
      ),
    ).toBe('10s (x3 over 60s)');
  });

  it('rows newest first, with the warning flag and the container', () => {
    const rows = podEventRows(events, NOW);
    expect(rows.map((r) => r.reason)).toEqual(['Failed', 'BackOff', 'Scheduled']);
    expect(rows[0]).toMatchObject({
      warning: true,
      container: 'webserver',
      age: '2m (x4 over 5m)',
      from: 'kubelet',
      count: 4,
    });
    expect(rows[2]!.container).toBeUndefined();
  });

  it('the latest warning says why the pod is not running', () => {
    expect(latestWarning(events)).toEqual({
      reason: 'Failed',
      message: 'Failed to pull image "ngnx:latest": not found',
      container: 'webserver',
      lastSeen: Date.parse('2025-03-14T11:58:00Z'),
    });
    expect(latestWarning([events[0]!])).toBeUndefined();
  });
});

describe('container rows', () => {
  it('labels init, sidecar, main and ephemeral containers, in run order', () => {
    const pod = fixture('sidecar-init-running');
    pod.spec!.ephemeralContainers = [{ name: 'debugger', image: 'busybox' }];
    const rows = containerRows(pod, NOW);
    expect(rows.map((r) => r.kind)).toEqual([
      ...(pod.spec!.initContainers ?? []).map((c) => (c.restartPolicy === 'Always' ? 'sidecar' : 'init')),
      ...pod.spec!.containers.map(() => 'main'),
      'ephemeral',
    ]);
    expect(rows.at(-1)).toMatchObject({
      name: 'debugger',
      state: 'Unknown',
      stateKind: 'unknown',
      ready: false,
    });
  });

  it('states with reasons, restarts with when, last termination', () => {
    const crash = containerRows(fixture('crash-loop-backoff'), NOW)[0]!;
    expect(crash.state).toBe('Waiting: CrashLoopBackOff');
    expect(crash.restarts).toMatch(/^\d+ \(\S+ ago\)$/);
    expect(crash.lastTermination).toMatch(/^\S+ \(exit \d+\) \S+ ago$/);
    const oom = containerRows(fixture('oom-killed'), NOW).find((r) =>
      /OOMKilled/.test(r.state + r.lastTermination),
    )!;
    expect(`${oom.state} ${oom.lastTermination}`).toMatch(/OOMKilled \(exit 137\)/);
    const web = containerRows(fixture('running-web-app'), NOW)[0]!;
    expect(web).toMatchObject({
      state: 'Running',
      ready: true,
      ports: '80/TCP',
      cpuRequest: '100m',
      memRequest: '128Mi',
      cpuLimit: '-',
      memLimit: '-',
    });
  });

  it('probes in short form and usage from metrics', () => {
    const pod = JSON.parse(
      readFileSync(new URL('../fixtures/inspect/env-from-secret.json', import.meta.url), 'utf8'),
    ) as Pod;
    const row = containerRows(pod, NOW, new Map([['api', { cpuMilli: 12, memBytes: 45 * 2 ** 20 }]]))[0]!;
    expect(row.probes).toBe('L:http :8080/healthz R:tcp :http S:exec cat /tmp/ready');
    expect(row).toMatchObject({
      ports: '8080/TCP (http)',
      cpuLimit: '500m',
      memLimit: '256Mi',
      cpuUsage: '12m',
      memUsage: '45Mi',
    });
  });
});

describe('owner', () => {
  it('the Deployment behind a ReplicaSet by the pod-template-hash convention', () => {
    const pod = fixture('running-web-app');
    expect(controllerOf(pod)).toEqual({ kind: 'ReplicaSet', name: 'web-7d9f8b6c5' });
    expect(workloadOf(pod)).toEqual({ kind: 'Deployment', name: 'web' });
    // A pod of the next revision has the same workload (the -o filter keeps both).
    const other = fixture('running-web-app');
    other.metadata!.labels = { 'pod-template-hash': '55c4d9f7b' };
    other.metadata!.ownerReferences = [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-55c4d9f7b', uid: 'u', controller: true },
    ];
    expect(workloadOf(other)).toEqual(workloadOf(pod));
    const bare = fixture('running-web-app');
    bare.metadata!.ownerReferences = [];
    expect(workloadOf(bare)).toBeUndefined();
  });
});

describe('YAML spans', () => {
  it('types every span; the text is the concatenation', () => {
    const pod = fixture('running-web-app');
    const lines = podYamlLines(pod);
    expect(lines.map((l) => l.text).join('\n') + '\n').toBe(podYaml(pod));
    expect(lines[0]!.spans).toEqual([
      { kind: 'key', text: 'apiVersion' },
      { kind: 'punctuation', text: ':' },
      { kind: 'space', text: ' ' },
      { kind: 'string', text: 'v1' },
    ]);
    const port = lines.find((l) => l.text.trim() === '- containerPort: 80')!;
    expect(port.spans.map((s) => s.kind)).toEqual([
      'space',
      'punctuation',
      'space',
      'key',
      'punctuation',
      'space',
      'number',
    ]);
    const stamp = lines.find((l) => l.text.includes('creationTimestamp'))!;
    expect(stamp.spans.at(-1)).toEqual({ kind: 'string', text: '"2025-03-11T08:00:00Z"' });
  });
});
