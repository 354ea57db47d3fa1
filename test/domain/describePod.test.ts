/**
 * describePod on JSON fixtures: every fixture describes without failing and with kubectl's sections in order;
 * then the parts a user relies on — secrets shown as references only, a pending pod without node or IP, init
 * containers, many containers, long texts in full, event ages, and the note that replaces forbidden events.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { describePod } from '../../src/domain/describe/describePod.js';
import { alignTabs } from '../../src/domain/describe/tabWriter.js';
import type { KubeEvent, Pod } from '../../src/domain/wire.js';
import { allFixtures, fixture, NOW } from './podFixtures.js';

const inspectFixture = (name: string): Pod =>
  JSON.parse(readFileSync(new URL(`../fixtures/inspect/${name}.json`, import.meta.url), 'utf8')) as Pod;

beforeAll(() => {
  // Start and finish times are printed in local time, as kubectl prints them.
  process.env.TZ = 'UTC';
});

const SECTIONS = [
  'Name:',
  'Namespace:',
  'Node:',
  'Labels:',
  'Annotations:',
  'Status:',
  'IP:',
  'IPs:',
  'Containers:',
  'QoS Class:',
  'Node-Selectors:',
  'Tolerations:',
  'Events:',
];

function event(partial: Partial<KubeEvent>): KubeEvent {
  return {
    metadata: { name: 'e', namespace: 'default' },
    involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' },
    type: 'Normal',
    source: { component: 'kubelet' },
    ...partial,
  };
}

describe('tab alignment (Go tabwriter)', () => {
  it('pads each column to its widest cell plus two, per run of lines having that column', () => {
    expect(
      alignTabs('Name:\tweb\nNamespace:\tdefault\nLabels:\ta=b\n\tc=d\nIPs:\n  IP:\t10.0.0.1\n'),
    ).toEqual([
      'Name:       web',
      'Namespace:  default',
      'Labels:     a=b',
      '            c=d',
      'IPs:',
      '  IP:  10.0.0.1',
    ]);
  });
});

describe('describePod on fixtures', () => {
  it.each([...allFixtures().map((p) => [p.metadata?.name ?? '', p] as const)])(
    '%s has every section in order',
    (_n, pod) => {
      const lines = describePod(pod, [], NOW);
      const heads = lines
        .map((l) => l.split(/\s/)[0]!)
        .filter((h) => SECTIONS.includes(h) || h === 'QoS' || h === 'Node-Selectors:');
      const order = SECTIONS.map((s) => (s === 'QoS Class:' ? 'QoS' : s));
      expect(heads.filter((h) => order.includes(h))).toEqual(order);
    },
  );

  it('the two-container web app: both containers, requests, controller, conditions', () => {
    const text = describePod(fixture('running-web-app'), [], NOW).join('\n');
    expect(text).toContain('Controlled By:  ReplicaSet/web-7d9f8b6c5');
    expect(text).toMatch(/\n {2}nginx:\n {4}Container ID: +\S*\n {4}Image: +nginx:1\.27\.4\n/);
    expect(text).toMatch(/\n {2}php-fpm:\n/);
    expect(text).toMatch(/ {4}Requests:\n {6}cpu: +100m\n {6}memory: +128Mi\n/);
    expect(text).toContain('QoS Class:');
  });

  it('env from a secret shows the reference, never a value; field and resource refs as kubectl resolves them', () => {
    const lines = describePod(inspectFixture('env-from-secret'), [], NOW);
    const text = lines.join('\n');
    expect(text).toMatch(
      / {6}DB_PASSWORD: +<set to the key 'password' in secret 'db-credentials'> +Optional: false/,
    );
    expect(text).toMatch(/ {6}FEATURE: +<set to the key 'flag' of config map 'features'> +Optional: true/);
    expect(text).toMatch(/ {6}POD_NAME: +api-secret-env \(v1:metadata\.name\)/);
    expect(text).toMatch(/ {6}NODE: + \(v1:spec\.nodeName\)/);
    expect(text).toMatch(/ {6}MEM_LIMIT: +256 \(limits\.memory\)/);
    expect(text).toMatch(/ {6}GREETING: +hello\n +world\n/);
    expect(text).toMatch(
      /Environment Variables from:\n {6}api-secrets +Secret +Optional: false\n {6}api-config +ConfigMap with prefix 'CFG_' +Optional: false/,
    );
    expect(text).toMatch(
      / {4}Liveness: +http-get http:\/\/:8080\/healthz delay=0s timeout=1s period=10s #success=1 #failure=3\n/,
    );
    expect(text).not.toMatch(/s3cr3t|password=/);
    expect(text).toMatch(/Readiness: +tcp-socket :http delay=5s timeout=1s period=5s #success=1 #failure=3/);
    expect(text).toMatch(
      /Startup: +exec \[cat \/tmp\/ready\] delay=0s timeout=1s period=10s #success=1 #failure=30/,
    );
    expect(text).toMatch(
      /Mounts:\n {6}\/data from data \(rw,path="api"\)\n {6}\/etc\/api from config \(ro\)/,
    );
    expect(text).toMatch(/ {2}scratch:\n {4}Type: +EmptyDir .*\n {4}Medium: *\n {4}SizeLimit: +1Gi/);
    expect(text).toMatch(
      / {2}data:\n {4}Type: +PersistentVolumeClaim .*\n {4}ClaimName: +api-data\n {4}ReadOnly: +false/,
    );
    expect(text).toMatch(/\nQoS Class: +Burstable\n/);
  });

  it('a pending pod with no node and no IP', () => {
    const lines = describePod(fixture('pending-no-node'), [], NOW);
    expect(lines.some((l) => /^Node: +<none>$/.test(l))).toBe(true);
    expect(lines.some((l) => /^Priority Class Name: +batch-high$/.test(l))).toBe(true);
    expect(lines.some((l) => /^NominatedNodeName: +worker-2$/.test(l))).toBe(true);
    expect(lines.some((l) => /^IP: *$/.test(l))).toBe(true);
    expect(lines.some((l) => /^IPs: +<none>$/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('Start Time:'))).toBe(false);
  });

  it('init containers come first, with their state', () => {
    const text = describePod(fixture('init-running'), [], NOW).join('\n');
    expect(text.indexOf('Init Containers:')).toBeGreaterThan(0);
    expect(text.indexOf('Init Containers:')).toBeLessThan(text.indexOf('\nContainers:'));
  });

  it('CrashLoopBackOff: waiting reason, last state with exit code and times', () => {
    const text = describePod(fixture('crash-loop-backoff'), [], NOW).join('\n');
    expect(text).toMatch(/State: +Waiting\n +Reason: +CrashLoopBackOff\n/);
    expect(text).toMatch(
      /Last State: +Terminated\n( +Reason: +\S+\n)? +Exit Code: +\d+\n +Started: +\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000\n/,
    );
  });

  it('ten containers, a very long image and a long message, all in full', () => {
    const pod = inspectFixture('ten-containers');
    const lines = describePod(pod, [], NOW);
    expect(lines.filter((l) => /^ {2}c\d:$/.test(l))).toHaveLength(10);
    const image = pod.spec!.containers[0]!.image!;
    expect(lines).toContain(`    Image:          ${image}`);
    expect(lines.some((l) => l.includes(`panic: ${'x'.repeat(300)} end-of-message`))).toBe(true);
  });

  it('events: oldest first, kubectl ages, repeats as "(xN over T)", messages untrimmed inside', () => {
    const long = `Failed to pull image "ngnx:latest": ${'reason '.repeat(40)}end`;
    const events = [
      event({
        reason: 'BackOff',
        message: 'Back-off pulling image "ngnx:latest"',
        count: 4,
        firstTimestamp: '2025-03-14T11:55:00Z',
        lastTimestamp: '2025-03-14T11:58:00Z',
      }),
      event({
        reason: 'Scheduled',
        message: 'Successfully assigned default/p to n1',
        source: {},
        reportingComponent: 'default-scheduler',
        firstTimestamp: '2025-03-14T11:54:30Z',
        lastTimestamp: '2025-03-14T11:54:30Z',
        count: 1,
      }),
      event({
        type: 'Warning',
        reason: 'Failed',
        message: `  ${long}\n`,
        firstTimestamp: '2025-03-14T11:56:00Z',
        lastTimestamp: '2025-03-14T11:56:00Z',
        count: 1,
      }),
    ];
    const lines = describePod(fixture('image-pull-backoff'), events, NOW);
    const at = lines.indexOf('Events:');
    expect(lines.slice(at + 1, at + 3).map((l) => l.split(/ +/).filter(Boolean))).toEqual([
      ['Type', 'Reason', 'Age', 'From', 'Message'],
      ['----', '------', '----', '----', '-------'],
    ]);
    const rows = lines.slice(at + 3).map((l) => l.replace(/ {2,}/g, '|').trim());
    expect(rows).toEqual([
      '|Normal|Scheduled|5m30s|default-scheduler|Successfully assigned default/p to n1',
      `|Warning|Failed|4m|kubelet|${long}`,
      '|Normal|BackOff|2m (x4 over 5m)|kubelet|Back-off pulling image "ngnx:latest"',
    ]);
  });

  it('no events print <none>; a note replaces the table; showEvents false leaves the section out', () => {
    const pod = fixture('running-web-app');
    expect(describePod(pod, [], NOW).at(-1)).toMatch(/^Events: +<none>$/);
    expect(describePod(pod, [], NOW, { eventsNote: '<forbidden: cannot list events>' }).at(-1)).toMatch(
      /^Events: +<forbidden: cannot list events>$/,
    );
    expect(describePod(pod, [], NOW, { showEvents: false }).some((l) => l.startsWith('Events:'))).toBe(false);
  });

  it('a hostPath type the server defaulted to "" prints blank, a missing one <none>, as kubectl does', () => {
    const pod = fixture('running-web-app');
    pod.spec!.volumes = [
      { name: 'unset', hostPath: { path: '/var/log', type: '' } },
      { name: 'missing', hostPath: { path: '/etc/ssl' } },
      { name: 'dir', hostPath: { path: '/run', type: 'DirectoryOrCreate' } },
    ];
    const text = describePod(pod, [], NOW).join('\n');
    expect(text).toMatch(/\n {4}Path: +\/var\/log\n {4}HostPathType: *\n/);
    expect(text).toMatch(/\n {4}Path: +\/etc\/ssl\n {4}HostPathType: +<none>\n/);
    expect(text).toMatch(/\n {4}Path: +\/run\n {4}HostPathType: +DirectoryOrCreate\n/);
  });

  it('escapes terminal control characters from the cluster', () => {
    const pod = fixture('running-web-app');
    pod.metadata!.labels = { evil: '\u001b[2Jx' };
    expect(describePod(pod, [], NOW).join('\n')).toContain('evil=^[[2Jx');
  });
});
