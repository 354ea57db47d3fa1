/**
 * The reach probe's pure parts: which ports are HTTP-looking, what curl's and nc's output mean (curl's exit codes
 * from libcurl-errors, its messages from lib/connect.c as curl 8 prints them; busybox nc's from nc_bloaty.c), and
 * when a client pod found later is a leftover to delete.
 */
import { describe, expect, it } from 'vitest';
import { clientPodManifest, isLeftover } from '../../../src/domain/reach/clientPod.js';
import { clientPodState } from '../../../src/domain/reach/clientPodState.js';
import { probeCommand, readProbe } from '../../../src/domain/reach/probeCommand.js';
import { parseReachPort, probeKind, reachPorts } from '../../../src/domain/reach/reachPorts.js';
import type { Pod } from '../../../src/domain/wire.js';
import { realWorldPods } from '../realWorldPods.js';

describe('which ports, and how', () => {
  it.each([
    [8080, undefined, 'http'],
    [80, undefined, 'http'],
    [3000, undefined, 'http'],
    [5432, undefined, 'tcp'],
    [443, undefined, 'tcp'],
    [9000, 'http-api', 'http'],
    [9000, 'web', 'http'],
    [9102, 'metrics', 'http'],
    [8080, 'grpc', 'tcp'],
    [8443, 'https', 'tcp'],
    [6379, 'redis', 'tcp'],
  ] as const)('port %i named %s: %s', (port, name, kind) => {
    expect(probeKind(port, name)).toBe(kind);
  });

  const pod: Pod = {
    spec: {
      initContainers: [
        { name: 'proxy', restartPolicy: 'Always', ports: [{ containerPort: 15001, name: 'tcp-proxy' }] },
      ],
      containers: [
        { name: 'app', ports: [{ containerPort: 8080 }, { containerPort: 53, protocol: 'UDP' }] },
        { name: 'metrics', ports: [{ containerPort: 8080 }, { containerPort: 9090, name: 'metrics' }] },
      ],
    },
  };

  it('takes each declared TCP port once, sidecars included, UDP left out', () => {
    expect(reachPorts(pod)).toEqual([
      { port: 15001, container: 'proxy', name: 'tcp-proxy', kind: 'tcp' },
      { port: 8080, container: 'app', name: undefined, kind: 'http' },
      { port: 9090, container: 'metrics', name: 'metrics', kind: 'http' },
    ]);
  });

  it('takes only the port :reach names, declared or not', () => {
    expect(reachPorts(pod, 9090)).toEqual([
      { port: 9090, container: 'metrics', name: 'metrics', kind: 'http' },
    ]);
    expect(reachPorts(pod, 7000)).toEqual([
      { port: 7000, container: undefined, name: undefined, kind: 'tcp' },
    ]);
  });

  it('reads :reach’s argument or says what is wrong with it', () => {
    expect(parseReachPort(undefined)).toEqual({ port: undefined });
    expect(parseReachPort('8080')).toEqual({ port: 8080 });
    expect(parseReachPort('http')).toEqual({ error: ':reach takes a port number, not "http"' });
    expect(parseReachPort('70000')).toEqual({ error: ':reach: port 70000 is out of range (1–65535)' });
  });

  it('runs curl against a bracketed IPv6 address, nc against the bare one', () => {
    expect(probeCommand('fd00::5', 8080, 'http').at(-1)).toBe('http://[fd00::5]:8080/');
    expect(probeCommand('fd00::5', 5432, 'tcp')).toEqual(['nc', '-zv', '-w', '3', 'fd00::5', '5432']);
  });
});

describe('what the output means', () => {
  const exit = (code: number, stdout: string, stderr: string) => ({
    kind: 'exit' as const,
    code,
    stdout,
    stderr,
  });

  it('an answer: the last status line (after 100 Continue) and the first body lines, with curl’s time', () => {
    const stdout =
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n\r\nno route\n';
    expect(readProbe('http', exit(0, stdout, 'podscope-reach 404 0.012345\n'), 80)).toEqual({
      outcome: { kind: 'answered', statusLine: 'HTTP/1.1 404 Not Found', body: ['no route'] },
      ms: 12,
    });
  });

  it.each([
    [
      7,
      "curl: (7) Failed to connect to 10.244.1.9 port 81 after 1 ms: Couldn't connect to server",
      'refused',
    ],
    [28, 'curl: (28) Connection timed out after 3002 milliseconds', 'timeout'],
    [52, 'curl: (52) Empty reply from server', 'notHttp'],
    [1, 'curl: (1) Received HTTP/0.9 when not allowed', 'notHttp'],
    [6, 'curl: (6) Could not resolve host: nope', 'error'],
  ] as const)('curl exit %i: %s → %s', (code, message, kind) => {
    const r = readProbe('http', exit(code, '', `${message}\npodscope-reach 000 0.001000\n`), 50);
    expect(r.outcome.kind).toBe(kind);
    expect('detail' in r.outcome && r.outcome.detail).toBe(message.replace(/^curl: \(\d+\) /, ''));
    expect(r.ms).toBe(1);
  });

  it('nc: open, refused, timed out; the time is the exec’s round trip', () => {
    expect(readProbe('tcp', exit(0, '', '10.244.1.5 (10.244.1.5:5432) open\n'), 12.4)).toEqual({
      outcome: { kind: 'open' },
      ms: 12,
    });
    expect(
      readProbe('tcp', exit(1, '', 'nc: 10.244.1.5 (10.244.1.5:5433): Connection refused\n'), 9).outcome,
    ).toEqual({
      kind: 'refused',
      detail: '10.244.1.5 (10.244.1.5:5433): Connection refused',
    });
    expect(
      readProbe('tcp', exit(1, '', 'nc: 10.0.0.1 (10.0.0.1:5432): Operation timed out\n'), 3000).outcome.kind,
    ).toBe('timeout');
  });

  it('a client image without the tool, or an exec that failed, is said as such', () => {
    expect(
      readProbe('http', { kind: 'missing', message: 'exec: "curl": executable file not found in $PATH' }, 5)
        .outcome,
    ).toEqual({
      kind: 'error',
      detail: 'the client image has no curl',
    });
    expect(readProbe('tcp', { kind: 'failed', reason: 'timed out after 15000 ms' }, 15000).outcome).toEqual({
      kind: 'error',
      detail: 'timed out after 15000 ms',
    });
  });
});

describe('leftover client pods', () => {
  const made = (startTime: string | undefined, phase = 'Running'): Pod => {
    const p = clientPodManifest('default', 'podscope-reach-abcde', 'curlimages/curl', 'kiada');
    return { ...p, status: { phase, ...(startTime ? { startTime } : {}) } };
  };
  const now = Date.parse('2026-01-01T12:00:00Z');

  it('is one once it ended or its deadline (300 s) passed, never while it runs within it', () => {
    expect(isLeftover(made('2026-01-01T11:56:00Z'), now)).toBe(false);
    expect(isLeftover(made('2026-01-01T11:54:59Z'), now)).toBe(true);
    expect(isLeftover(made('2026-01-01T11:59:00Z', 'Failed'), now)).toBe(true);
    expect(isLeftover(made(undefined, 'Pending'), now)).toBe(false);
  });

  it('is made to be safe to leave: no restart, no token, small resources, a deadline, restricted-level security', () => {
    const p = made(undefined);
    expect(p.metadata?.labels).toEqual({
      'app.kubernetes.io/managed-by': 'podscope',
      'app.kubernetes.io/component': 'reach-client',
    });
    expect(p.spec).toMatchObject({
      restartPolicy: 'Never',
      terminationGracePeriodSeconds: 0,
      activeDeadlineSeconds: 300,
      automountServiceAccountToken: false,
    });
    expect(p.spec?.containers[0]?.command).toEqual(['sleep', '3600']);
    expect(p.spec?.containers[0]?.resources?.limits).toEqual({ cpu: '100m', memory: '32Mi' });
  });
});

describe('a starting client pod, on real-world pods', () => {
  const byId = new Map(realWorldPods().map((p) => [p.id, p.pod]));
  const state = (id: string) => clientPodState(byId.get(id)!);

  it('gives up on a pod the scheduler cannot place, with its message', () => {
    const s = state('troubleshoot-message-pending-pod-resources-pending-pod-resources-5fddcf7688-djjfc');
    expect(s.words).toBe('Pending');
    expect(s.hopeless).toMatch(/^Unschedulable: 0\/1 nodes are available: 1 Insufficient nvidia\.com\/gpu\./);
  });

  it('gives up on an image that cannot be pulled, in the kubelet’s words', () => {
    expect(
      state('troubleshoot-message-image-pull-fail-no-image-deployment-849c4c4958-rxqmt').hopeless,
    ).toMatch(/^ErrImagePull: /);
    expect(
      state('gitops-engine-pod-imagepullbackoff-guestbook-ui-errimagepullbackoff-66cfffb669-45w2j').hopeless,
    ).toMatch(/^ImagePullBackOff/);
  });

  it('waits while a pod is still being created, and for none that runs', () => {
    const creating = state(
      'troubleshoot-message-container-creating-failed-mount-troubleshoot-copyfromhost-4m79m-psdjm',
    );
    expect(creating).toEqual({ words: 'ContainerCreating', hopeless: undefined });
    expect(state('k9s-po-nginx').hopeless).toBeUndefined();
  });
});
