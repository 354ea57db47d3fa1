/**
 * A slim pod answers every column, colour and filter question exactly as the full pod does: on each fixture of
 * the printer tests, and on every pod of a demo cluster, at several clock readings.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { podHealth } from '../../src/domain/podHealth.js';
import { podPrintRow, podRestarts, podStatusReason } from '../../src/domain/podStatus.js';
import type { Pod } from '../../src/domain/wire.js';
import { getJson } from '../../src/kube/request.js';
import { slimPod } from '../../src/kube/slimPod.js';
import { startTestCluster, type TestCluster } from '../support/demoCluster.js';

const FIXTURES = new URL('../fixtures/pods/', import.meta.url);
const names = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
const fixture = (name: string) => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as Pod;
const NOWS = [Date.parse('2025-03-14T12:00:00Z'), Date.parse('2025-03-20T00:00:00Z'), Date.now()];

function answers(pod: Pod, now: number) {
  return {
    row: podPrintRow(pod, now),
    health: podHealth(pod, now),
    status: podStatusReason(pod),
    restarts: podRestarts(pod, now),
  };
}

describe('slimPod on the printer fixtures', () => {
  it('has fixtures to check', () => {
    expect(names.length).toBeGreaterThanOrEqual(20);
  });

  it.each(names)('%s: same row and health as the full pod', (name) => {
    const full = fixture(name);
    const slim = slimPod(full);
    for (const now of NOWS) expect(answers(slim, now)).toEqual(answers(full, now));
  });

  it('keeps identity, owners, labels and the default-container annotation, and drops the bulk', () => {
    const full = fixture('sidecar.json');
    full.metadata!.managedFields = [{ manager: 'kubectl', operation: 'Update', fieldsType: 'FieldsV1' }];
    full.metadata!.annotations = {
      'kubectl.kubernetes.io/default-container': 'checkout',
      'kubectl.kubernetes.io/last-applied-configuration': '{"huge":true}',
    };
    const slim = slimPod(full);
    expect(slim.metadata).toMatchObject({
      name: full.metadata!.name,
      namespace: 'shop',
      uid: full.metadata!.uid,
      resourceVersion: full.metadata!.resourceVersion,
      labels: { app: 'checkout' },
      annotations: { 'kubectl.kubernetes.io/default-container': 'checkout' },
      ownerReferences: [
        expect.objectContaining({ kind: 'ReplicaSet', name: 'checkout-5f4e3d2c1', controller: true }),
      ],
    });
    expect(Object.keys(slim.metadata!.annotations!)).toEqual(['kubectl.kubernetes.io/default-container']);
    expect(slim.metadata!.managedFields).toBeUndefined();
    expect(slim.spec!.initContainers![1]).toEqual({
      name: 'log-shipper',
      image: 'fluent/fluent-bit:3.2.8',
      ports: undefined,
      restartPolicy: 'Always',
    });
    const json = JSON.stringify(slim);
    for (const gone of [
      'resources',
      'terminationMessagePath',
      'volumeMounts',
      'tolerations',
      'imageID":"docker',
    ]) {
      expect(json).not.toContain(gone);
    }
    expect(json.length).toBeLessThan(JSON.stringify(full).length / 2);
  });

  it('does not modify its input', () => {
    const full = fixture('crash-loop-backoff.json');
    const copy = structuredClone(full);
    slimPod(full);
    expect(full).toEqual(copy);
  });

  it('folds podIPs[0] into podIP so the IP column is unchanged', () => {
    const full = fixture('running-web-app.json');
    delete full.status!.podIP;
    full.status!.podIPs = [{ ip: 'fd00::17' }, { ip: '10.0.0.1' }];
    expect(podPrintRow(slimPod(full), NOWS[0]!).ip).toBe('fd00::17');
  });
});

describe('slimPod on a live demo cluster', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster({ pods: 300 });
  });
  afterAll(async () => {
    await t.demo.close();
  });

  it('gives every pod the same row and health as the full pod', async () => {
    const pods = ((await getJson(t.kc, '/api/v1/pods')) as { items: Pod[] }).items;
    expect(pods.length).toBe(300);
    const now = Date.now();
    for (const full of pods) expect(answers(slimPod(full), now)).toEqual(answers(full, now));
  });
});
