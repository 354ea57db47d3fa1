/**
 * Expected READY / STATUS / RESTARTS / AGE / -o wide cells are derived by hand from Kubernetes' pod table printer,
 * pkg/printers/internalversion/printers.go `printPod` (the sidecar-aware version shipped since 1.29, unchanged in
 * the 1.32 API server that renders tables for kubectl 1.32), with `translateTimestampSince` and apimachinery's
 * duration.HumanDuration for the times. Notable rules the fixtures pin down:
 * - the first container's waiting/terminated reason wins (the printer walks containers backwards);
 * - "Evicted" survives only if no container status carries a reason; once the kubelet records the killed
 *   container, kubectl prints that container's reason instead (evicted-error.json prints "Error");
 * - "NotReady" only replaces "Completed" when another container is still running and ready;
 * - a started sidecar (init container with restartPolicy Always) counts in READY and its restarts in RESTARTS;
 * - RESTARTS' "(X ago)" uses the latest lastState.terminated.finishedAt, not the current state's.
 * Health is podscope's own k9s-like classification (see src/domain/podHealth.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { podHealth, type PodHealth } from '../../src/domain/podHealth.js';
import { podRow } from '../../src/domain/podRow.js';
import { setPrinterMinor } from '../../src/domain/printerVersion.js';
import { podPrintRow, podRestarts, podStatusReason, type PodPrintRow } from '../../src/domain/podStatus.js';
import type { ContainerStatus, Pod } from '../../src/domain/wire.js';

const NOW = Date.parse('2025-03-14T12:00:00Z');

function fixture(name: string): Pod {
  return JSON.parse(readFileSync(new URL(`../fixtures/pods/${name}.json`, import.meta.url), 'utf8')) as Pod;
}

type Expected = Omit<PodPrintRow, 'name'> & { health: PodHealth };

// prettier-ignore
const cases: [fixture: string, expected: Expected][] = [
  ['running-web-app', { ready: '2/2', status: 'Running', restarts: '0', age: '3d4h', ip: '10.244.1.17', node: 'worker-1', nominatedNode: '<none>', readinessGates: '1/1', health: 'healthy' }],
  ['err-image-pull', { ready: '0/1', status: 'ErrImagePull', restarts: '0', age: '45s', ip: '10.244.2.31', node: 'worker-2', nominatedNode: '<none>', readinessGates: '<none>', health: 'failed' }],
  ['image-pull-backoff', { ready: '0/1', status: 'ImagePullBackOff', restarts: '0', age: '12m', ip: '10.244.3.12', node: 'worker-3', nominatedNode: '<none>', readinessGates: '<none>', health: 'failed' }],
  ['crash-loop-backoff', { ready: '0/1', status: 'CrashLoopBackOff', restarts: '5 (3m20s ago)', age: '8m30s', ip: '10.244.1.23', node: 'worker-1', nominatedNode: '<none>', readinessGates: '<none>', health: 'failed' }],
  ['oom-killed', { ready: '0/1', status: 'OOMKilled', restarts: '2 (65s ago)', age: '25m', ip: '10.244.2.8', node: 'worker-2', nominatedNode: '<none>', readinessGates: '<none>', health: 'failed' }],
  ['error', { ready: '0/1', status: 'Error', restarts: '0', age: '135m', ip: '10.244.1.40', node: 'worker-1', nominatedNode: '<none>', readinessGates: '<none>', health: 'failed' }],
  ['completed-job', { ready: '0/1', status: 'Completed', restarts: '0', age: '6h', ip: '10.244.1.41', node: 'worker-1', nominatedNode: '<none>', readinessGates: '<none>', health: 'completed' }],
  ['init-running', { ready: '0/1', status: 'Init:0/1', restarts: '0', age: '20s', ip: '10.244.1.52', node: 'worker-1', nominatedNode: '<none>', readinessGates: '<none>', health: 'pending' }],
  ['init-crash-loop-backoff', { ready: '0/1', status: 'Init:CrashLoopBackOff', restarts: '4 (50s ago)', age: '4m', ip: '10.244.3.19', node: 'worker-3', nominatedNode: '<none>', readinessGates: '<none>', health: 'failed' }],
  ['pod-initializing', { ready: '0/1', status: 'PodInitializing', restarts: '0', age: '15s', ip: '10.244.1.53', node: 'worker-1', nominatedNode: '<none>', readinessGates: '<none>', health: 'pending' }],
  ['container-creating', { ready: '0/1', status: 'ContainerCreating', restarts: '0', age: '6s', ip: '<none>', node: 'worker-3', nominatedNode: '<none>', readinessGates: '<none>', health: 'pending' }],
  ['terminating', { ready: '1/1', status: 'Terminating', restarts: '0', age: '26h', ip: '10.244.1.9', node: 'worker-1', nominatedNode: '<none>', readinessGates: '<none>', health: 'terminating' }],
  ['node-lost', { ready: '1/1', status: 'Unknown', restarts: '0', age: '12d', ip: '10.244.4.21', node: 'worker-4', nominatedNode: '<none>', readinessGates: '<none>', health: 'failed' }],
  ['evicted', { ready: '0/1', status: 'Evicted', restarts: '0', age: '3h', ip: '<none>', node: 'worker-2', nominatedNode: '<none>', readinessGates: '<none>', health: 'failed' }],
  ['evicted-error', { ready: '0/1', status: 'Error', restarts: '0', age: '3h5m', ip: '10.244.2.44', node: 'worker-2', nominatedNode: '<none>', readinessGates: '<none>', health: 'failed' }],
  ['scheduling-gated', { ready: '0/1', status: 'SchedulingGated', restarts: '0', age: '2m5s', ip: '<none>', node: '<none>', nominatedNode: '<none>', readinessGates: '<none>', health: 'pending' }],
  ['not-ready', { ready: '1/2', status: 'NotReady', restarts: '0', age: '50m', ip: '10.244.1.60', node: 'worker-1', nominatedNode: '<none>', readinessGates: '<none>', health: 'warning' }],
  ['running-not-ready', { ready: '0/1', status: 'Running', restarts: '0', age: '7m40s', ip: '10.244.3.14', node: 'worker-3', nominatedNode: '<none>', readinessGates: '<none>', health: 'warning' }],
  ['sidecar', { ready: '2/2', status: 'Running', restarts: '3 (40m ago)', age: '27h', ip: '10.244.2.70', node: 'worker-2', nominatedNode: '<none>', readinessGates: '<none>', health: 'healthy' }],
  ['sidecar-init-running', { ready: '1/2', status: 'Init:1/2', restarts: '0', age: '30s', ip: '10.244.2.71', node: 'worker-2', nominatedNode: '<none>', readinessGates: '<none>', health: 'pending' }],
  ['pending-no-node', { ready: '0/1', status: 'Pending', restarts: '0', age: '3m', ip: '<none>', node: '<none>', nominatedNode: 'worker-2', readinessGates: '<none>', health: 'pending' }],
];

describe('kubectl get pods -o wide, per fixture', () => {
  it.each(cases)('%s', (name, expected) => {
    const pod = fixture(name);
    const { health, ...columns } = expected;
    expect(podPrintRow(pod, NOW)).toEqual({ name: pod.metadata?.name, ...columns });
    expect(podStatusReason(pod)).toBe(columns.status);
    expect(podRestarts(pod, NOW)).toBe(columns.restarts);
    expect(podHealth(pod, NOW)).toBe(health);
  });
});

/** A running single-container pod on worker-1, for edge cases that only need a field or two changed. */
function basePod(): Pod {
  return {
    metadata: { name: 'p', creationTimestamp: '2025-03-14T11:00:00Z' },
    spec: { nodeName: 'worker-1', containers: [{ name: 'a', image: 'busybox:1.37' }] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

function status(
  name: string,
  state: ContainerStatus['state'],
  extra: Partial<ContainerStatus> = {},
): ContainerStatus {
  return { name, image: 'busybox:1.37', imageID: '', ready: false, restartCount: 0, state, ...extra };
}

function withContainers(statuses: ContainerStatus[], names = statuses.map((s) => s.name)): Pod {
  const pod = basePod();
  pod.spec!.containers = names.map((name) => ({ name, image: 'busybox:1.37' }));
  pod.status!.containerStatuses = statuses;
  return pod;
}

function withInit(initStatus: ContainerStatus, initialized: boolean): Pod {
  const pod = basePod();
  pod.status!.phase = 'Pending';
  pod.spec!.initContainers = [{ name: 'init', image: 'busybox:1.37' }];
  pod.status!.conditions = [{ type: 'Initialized', status: initialized ? 'True' : 'False' }];
  pod.status!.initContainerStatuses = [initStatus];
  pod.status!.containerStatuses = [status('a', { waiting: { reason: 'PodInitializing' } })];
  return pod;
}

describe('printPod edge cases', () => {
  it.each([
    [
      'Signal:N when a terminated container has no reason but a signal',
      { terminated: { exitCode: 137, signal: 9 } },
      'Signal:9',
    ],
    ['ExitCode:N when it has neither', { terminated: { exitCode: 2 } }, 'ExitCode:2'],
    ['the terminated reason when present', { terminated: { exitCode: 1, reason: 'Error' } }, 'Error'],
    ['the phase when a waiting container gives no reason', { waiting: {} }, 'Running'],
  ])('%s', (_label, state, expected) => {
    expect(podStatusReason(withContainers([status('a', state)]))).toBe(expected);
  });

  it.each([
    ['Init:Signal:N', { terminated: { exitCode: 143, signal: 15 } }, 'Init:Signal:15'],
    ['Init:ExitCode:N', { terminated: { exitCode: 1 } }, 'Init:ExitCode:1'],
    ['Init:<terminated reason>', { terminated: { exitCode: 137, reason: 'OOMKilled' } }, 'Init:OOMKilled'],
    ['Init:0/1 while waiting on PodInitializing', { waiting: { reason: 'PodInitializing' } }, 'Init:0/1'],
  ])('%s', (_label, state, expected) => {
    expect(podStatusReason(withInit(status('init', state), false))).toBe(expected);
  });

  it('reports the first container when several are failing', () => {
    const pod = withContainers([
      status('a', { waiting: { reason: 'ErrImagePull' } }),
      status('b', { waiting: { reason: 'CrashLoopBackOff' } }),
    ]);
    expect(podStatusReason(pod)).toBe('ErrImagePull');
  });

  it('shows Running, not Completed, when a finished container sits beside a ready one and the pod is Ready', () => {
    const pod = withContainers([
      status('a', { running: { startedAt: '2025-03-14T11:00:05Z' } }, { ready: true }),
      status('b', { terminated: { exitCode: 0, reason: 'Completed' } }),
    ]);
    expect(podStatusReason(pod)).toBe('Running');
    expect(podPrintRow(pod, NOW).ready).toBe('1/2');
  });

  it('keeps Completed (not Terminating) for a finished pod that is being deleted', () => {
    const pod = withContainers([status('a', { terminated: { exitCode: 0, reason: 'Completed' } })]);
    pod.status!.phase = 'Succeeded';
    pod.metadata!.deletionTimestamp = '2025-03-14T12:00:30Z';
    expect(podStatusReason(pod)).toBe('Completed');
    expect(podHealth(pod, NOW)).toBe('completed');
  });

  it('keeps Init:<reason> when a sidecar crashes after the pod initialised, yet counts the app container', () => {
    const pod = basePod();
    pod.spec!.initContainers = [{ name: 'proxy', image: 'envoy:1.33', restartPolicy: 'Always' }];
    pod.status!.conditions = [
      { type: 'Initialized', status: 'True' },
      { type: 'Ready', status: 'False' },
    ];
    pod.status!.initContainerStatuses = [
      status(
        'proxy',
        { waiting: { reason: 'CrashLoopBackOff' } },
        {
          restartCount: 3,
          started: false,
          lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2025-03-14T11:58:00Z' } },
        },
      ),
    ];
    pod.status!.containerStatuses = [
      status('a', { running: { startedAt: '2025-03-14T11:00:05Z' } }, { ready: true }),
    ];
    expect(podPrintRow(pod, NOW)).toMatchObject({
      status: 'Init:CrashLoopBackOff',
      ready: '1/2',
      restarts: '3 (2m ago)',
    });
    expect(podHealth(pod, NOW)).toBe('failed');
  });

  it('prints the bare count when no finishedAt is known', () => {
    const pod = withContainers([
      status(
        'a',
        { running: {} },
        { ready: true, restartCount: 3, lastState: { terminated: { exitCode: 1 } } },
      ),
    ]);
    expect(podRestarts(pod, NOW)).toBe('3');
  });

  it('counts only true readiness gates, looking at the first condition of each type', () => {
    const pod = basePod();
    pod.spec!.readinessGates = [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }];
    pod.status!.conditions = [
      { type: 'example.com/lb', status: 'False' },
      { type: 'example.com/lb', status: 'True' },
    ];
    expect(podPrintRow(pod, NOW).readinessGates).toBe('0/2');
  });

  it('falls back to podIPs when podIP is absent, and to <unknown> age without a creation time', () => {
    const pod = basePod();
    pod.status!.podIPs = [{ ip: 'fd00::17' }];
    delete pod.metadata!.creationTimestamp;
    expect(podPrintRow(pod, NOW)).toMatchObject({ ip: 'fd00::17', age: '<unknown>' });
  });

  it('copes with a pod that has no status yet', () => {
    const pod: Pod = { metadata: { name: 'new' }, spec: { containers: [{ name: 'a' }] } };
    expect(podPrintRow(pod, NOW)).toEqual({
      name: 'new',
      ready: '0/1',
      status: '',
      restarts: '0',
      age: '<unknown>',
      ip: '<none>',
      node: '<none>',
      nominatedNode: '<none>',
      readinessGates: '<none>',
    });
    expect(podHealth(pod, NOW)).toBe('pending');
  });
});

describe('a terminated state without exitCode, as Go decodes it (0)', () => {
  /** JSON the type does not allow (exitCode is required) but a decoder meets: Go reads the missing field as 0. */
  const noExitCode = JSON.parse('{ "terminated": {} }') as ContainerStatus['state'];

  it('lets an init container that finished so count as done (Init:1/2, not Init:ExitCode)', () => {
    const pod = withInit(status('init', noExitCode), false);
    pod.spec!.initContainers!.push({ name: 'init2', image: 'busybox:1.37' });
    pod.status!.initContainerStatuses!.push(status('init2', { running: {} }));
    expect(podStatusReason(pod)).toBe('Init:1/2');
  });

  it('prints ExitCode:0 for an app container', () => {
    expect(podStatusReason(withContainers([status('a', noExitCode)]))).toBe('ExitCode:0');
  });
});

describe("1.35's rule: a failed container's reason replaces Completed", () => {
  const completed = status('a', { terminated: { exitCode: 0, reason: 'Completed' } });
  const running = status('b', { running: { startedAt: '2025-03-14T11:00:05Z' } }, { ready: true });
  const failed = status('c', { terminated: { exitCode: 1, reason: 'Error' } });

  function pod(statuses: ContainerStatus[], ready: boolean): Pod {
    const p = withContainers(statuses);
    p.status!.phase = 'Failed';
    p.status!.conditions = [{ type: 'Ready', status: ready ? 'True' : 'False' }];
    return p;
  }

  it.each([
    ['[Completed, Error]', [completed, failed], false, 'Completed', 'Error'],
    ['[Completed, running, Error], not Ready', [completed, running, failed], false, 'NotReady', 'Error'],
    ['[Completed, running, Error], Ready', [completed, running, failed], true, 'Running', 'Running'],
    [
      '[Completed, OOMKilled, Error]: the first failure in spec order',
      [completed, status('d', { terminated: { exitCode: 137, reason: 'OOMKilled' } }), failed],
      false,
      'Completed',
      'OOMKilled',
    ],
    [
      '[Completed, signal without reason]',
      [completed, status('d', { terminated: { exitCode: 143, signal: 15 } })],
      false,
      'Completed',
      'Signal:15',
    ],
    ['[Error, Completed]: the first container already wins', [failed, completed], false, 'Error', 'Error'],
  ])('%s', (_label, statuses, ready, before135, from135) => {
    const p = pod(statuses, ready);
    // Connected to nothing yet (or to a server whose version is unknown): the newest printer.
    expect(podStatusReason(p)).toBe(from135);
    expect(podPrintRow(p, NOW).status).toBe(from135);
    // Connected to a 1.32 server: its printer, for every caller that names no release.
    setPrinterMinor(32);
    try {
      expect(podStatusReason(p)).toBe(before135);
      expect(podPrintRow(p, NOW).status).toBe(before135);
      expect(podRow(p).text.status).toBe(before135);
    } finally {
      setPrinterMinor(undefined);
    }
    expect(podStatusReason(p, 32)).toBe(before135);
    expect(podStatusReason(p, 34)).toBe(before135);
    expect(podStatusReason(p, 35)).toBe(from135);
    expect(podPrintRow(p, NOW, 37).status).toBe(from135);
  });
});
