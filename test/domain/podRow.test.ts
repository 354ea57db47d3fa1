/**
 * Rows from the pod fixtures: the cells must agree with kubectl's printer (podStatus is tested against it), plus
 * the columns podscope adds, the sort keys, and the per-object cache that makes a flush of 10,000 pods cheap.
 */
import { describe, expect, it } from 'vitest';
import {
  cellText,
  NO_METRICS,
  podRow,
  podRows,
  PORT_FORWARD_MARK,
  type PodRow,
} from '../../src/domain/podRow.js';
import { podPrintRow } from '../../src/domain/podStatus.js';
import { sumPodMetrics } from '../../src/kube/metricsStore.js';
import type { PodHealth } from '../../src/domain/podHealth.js';
import { PodRowMemory } from '../../src/ui/rowMemory.js';
import { allFixtures, fixture, NOW, renamed } from './podFixtures.js';

interface Expected {
  key: string;
  health: PodHealth;
  ready: string;
  status: string;
  restarts: string;
  age: string;
  ip: string;
  node: string;
  labels: string;
}

// prettier-ignore
const cases: [fixture: string, expected: Expected][] = [
  ['running-web-app', { key: 'default/web-7d9f8b6c5-x2k4p', health: 'healthy', ready: '2/2', status: 'Running', restarts: '0', age: '3d4h', ip: '10.244.1.17', node: 'worker-1', labels: 'app=web,pod-template-hash=7d9f8b6c5' }],
  ['crash-loop-backoff', { key: 'default/worker-5c6d7e8f9-k2j3h', health: 'failed', ready: '0/1', status: 'CrashLoopBackOff', restarts: '5 (3m20s ago)', age: '8m30s', ip: '10.244.1.23', node: 'worker-1', labels: 'app=worker' }],
  ['completed-job', { key: 'ops/backup-28971380-m9v4c', health: 'completed', ready: '0/1', status: 'Completed', restarts: '0', age: '6h', ip: '10.244.1.41', node: 'worker-1', labels: 'batch.kubernetes.io/job-name=backup-28971380,job-name=backup-28971380' }],
  ['init-running', { key: 'shop/orders-7b6c5d4e3-w8x9y', health: 'pending', ready: '0/1', status: 'Init:0/1', restarts: '0', age: '20s', ip: '10.244.1.52', node: 'worker-1', labels: 'app=orders' }],
  ['terminating', { key: 'default/web-7d9f8b6c5-old01', health: 'terminating', ready: '1/1', status: 'Terminating', restarts: '0', age: '26h', ip: '10.244.1.9', node: 'worker-1', labels: 'app=web,pod-template-hash=7d9f8b6c5' }],
  ['not-ready', { key: 'search/search-0', health: 'warning', ready: '1/2', status: 'NotReady', restarts: '0', age: '50m', ip: '10.244.1.60', node: 'worker-1', labels: 'app=search' }],
  ['sidecar', { key: 'shop/checkout-5f4e3d2c1-b8n7m', health: 'healthy', ready: '2/2', status: 'Running', restarts: '3 (40m ago)', age: '27h', ip: '10.244.2.70', node: 'worker-2', labels: 'app=checkout' }],
  ['pending-no-node', { key: 'etl/analytics-79f8e7d6c-t5y6u', health: 'pending', ready: '0/1', status: 'Pending', restarts: '0', age: '3m', ip: '<none>', node: '<none>', labels: 'app=analytics' }],
];

describe('podRow cells, per fixture', () => {
  it.each(cases)('%s', (name, expected) => {
    const row = podRow(fixture(name));
    const cells = Object.fromEntries(
      (['ready', 'status', 'restarts', 'age', 'ip', 'node', 'labels'] as const).map((id) => [
        id,
        cellText(row, id, NOW),
      ]),
    );
    expect({ key: row.key, health: row.health, ...cells }).toEqual(expected);
  });

  it.each(allFixtures().map((pod) => [pod.metadata!.name!, pod] as const))(
    '%s agrees with the printer',
    (_, pod) => {
      const print = podPrintRow(pod, NOW);
      const row = podRow(pod);
      expect({
        name: row.name,
        ready: row.text.ready,
        status: row.text.status,
        restarts: cellText(row, 'restarts', NOW),
        age: cellText(row, 'age', NOW),
        ip: row.text.ip,
        node: row.text.node,
        nominatedNode: row.text.nominatedNode,
        readinessGates: row.text.readinessGates,
      }).toEqual(print);
    },
  );

  it('fills the wide columns', () => {
    const row = podRow(fixture('running-web-app'));
    expect([row.text.nominatedNode, row.text.readinessGates, row.text.qos, row.text.serviceAccount]).toEqual([
      '<none>',
      '1/1',
      'Burstable',
      'default',
    ]);
    expect(podRow(fixture('pending-no-node')).text.nominatedNode).toBe('worker-2');
  });

  it('prints <none> for a pod without labels, QoS or service account', () => {
    const pod = fixture('running-web-app');
    const bare = {
      ...pod,
      metadata: { ...pod.metadata, labels: {} },
      status: { ...pod.status, qosClass: undefined },
    };
    bare.spec = { ...pod.spec!, serviceAccountName: undefined };
    const row = podRow(bare);
    expect([row.text.labels, row.text.qos, row.text.serviceAccount]).toEqual(['<none>', '<none>', '<none>']);
    expect([row.sortKeys.labels, row.sortKeys.qos]).toEqual([undefined, undefined]);
  });

  it('moves RESTARTS and AGE with the clock', () => {
    const row = podRow(fixture('crash-loop-backoff'));
    const at = (now: number) => [cellText(row, 'age', now), cellText(row, 'restarts', now)];
    expect(at(NOW + 60_000)).toEqual(['9m30s', '5 (4m20s ago)']);
    expect(at(NOW)).not.toEqual(at(NOW + 60_000));
  });
});

describe('podRow sort keys', () => {
  it('sorts on numbers where the cell shows one', () => {
    const keys = podRow(fixture('crash-loop-backoff')).sortKeys;
    expect(keys.restarts).toBe(5);
    expect(keys.age).toBe(Date.parse('2025-03-14T11:51:30Z'));
    expect(keys.ready).toBe(0);
    expect(keys.ip).toBe('010.244.001.023');
    expect(keys.status).toBe('CrashLoopBackOff');
    expect(podRow(fixture('not-ready')).sortKeys.ready).toBe(0.5);
    expect(podRow(fixture('running-web-app')).sortKeys.readinessGates).toBe(1);
  });

  it('has no key where the cell shows nothing', () => {
    const keys = podRow(fixture('pending-no-node')).sortKeys;
    expect([keys.ip, keys.node, keys.cpu, keys.mem, keys.readinessGates]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('podRow memory', () => {
  it('returns the same row for the same pod object, a new one for a new version', () => {
    const memory = new PodRowMemory();
    const pod = fixture('running-web-app');
    const row = podRow(pod, {}, memory);
    expect(podRow(pod, {}, memory)).toBe(row);
    const next = { ...pod, status: { ...pod.status, phase: 'Failed' } };
    expect(podRow(next, {}, memory)).not.toBe(row);
  });

  it('keeps nothing between calls without a memory (the domain holds no state)', () => {
    const pod = fixture('running-web-app');
    const row = podRow(pod);
    expect(podRow(pod)).not.toBe(row);
    expect(podRow(pod)).toEqual(row);
  });

  it('rebuilds only the changed pod of a flush', () => {
    const memory = new PodRowMemory();
    const pods = allFixtures();
    const first = podRows(pods, undefined, memory);
    const changed = [...pods];
    changed[3] = { ...pods[3]! };
    const second = podRows(changed, undefined, memory);
    expect(second.filter((row, i) => row !== first[i]).map((row) => row.key)).toEqual([first[3]!.key]);
  });

  it('joins metrics and port-forwards, keeping identity while their values stay', () => {
    const pod = fixture('running-web-app');
    const key = 'default/web-7d9f8b6c5-x2k4p';
    const usage = (cpuMilli: number) => new Map([[key, { cpuMilli, memBytes: 47185920 }]]);
    const memory = new PodRowMemory();
    const [plain] = podRows([pod], undefined, memory);
    expect([plain!.text.cpu, plain!.text.mem, plain!.text.pf]).toEqual([NO_METRICS, NO_METRICS, '']);

    const [measured] = podRows([pod], { usage: usage(124), portForwards: new Set([key]) }, memory);
    expect([measured!.text.cpu, measured!.text.mem, measured!.text.pf]).toEqual([
      '124m',
      '45Mi',
      PORT_FORWARD_MARK,
    ]);
    expect([measured!.sortKeys.cpu, measured!.sortKeys.mem, measured!.sortKeys.pf]).toEqual([
      124, 47185920, 1,
    ]);
    expect(measured).not.toBe(plain);
    expect([measured!.pod, measured!.created, measured!.restartCount]).toEqual([
      plain!.pod,
      plain!.created,
      plain!.restartCount,
    ]);

    // A new poll with the same usage: nothing on screen changes, so neither does the row.
    const [again] = podRows([pod], { usage: usage(124), portForwards: new Set([key]) }, memory);
    expect(again).toBe(measured);
    const [busier] = podRows([pod], { usage: usage(300), portForwards: new Set([key]) }, memory);
    expect(busier!.text.cpu).toBe('300m');
  });

  it("takes the metrics store's usage map as it is published", () => {
    const list = {
      items: [
        {
          metadata: { namespace: 'default', name: 'web-7d9f8b6c5-x2k4p' },
          containers: [
            { usage: { cpu: '123456789n', memory: '46080Ki' } },
            { usage: { cpu: '1m', memory: '0' } },
          ],
        },
      ],
    };
    const [row] = podRows([fixture('running-web-app')], { usage: sumPodMetrics(list) });
    expect([row!.text.cpu, row!.text.mem]).toEqual(['125m', '45Mi']);
  });

  it('keys rows by namespace/name', () => {
    const rows: PodRow[] = podRows([renamed(fixture('sidecar'), 'team-01', 'api-0')]);
    expect(rows.map((r) => [r.key, r.namespace, r.name])).toEqual([['team-01/api-0', 'team-01', 'api-0']]);
  });
});
