/**
 * An unpaged list is written a batch at a time as its client reads it (src/demo/http/json.ts sendList): a client
 * that stops reading holds the rest back, the server answers others meanwhile, and what the client finally reads
 * is the whole list as it was at the list's resourceVersion — not what changed while it was being written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestCluster, type TestCluster } from '../../support/demoCluster.js';
import { waitFor } from '../../support/waitFor.js';

let t: TestCluster;

beforeAll(async () => {
  t = await startTestCluster({ pods: 3000, namespaces: 3 });
});
afterAll(async () => {
  await t.demo.close();
});

interface PodList {
  metadata: { resourceVersion: string };
  items: { metadata: { namespace: string; name: string; resourceVersion: string } }[];
}

describe('an unpaged list of 3,000 real-size pods (20 MB)', () => {
  it('waits for a client that stops reading, serves others meanwhile, and is the list as it was', async () => {
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request(new URL('/api/v1/pods', t.demo.url), {
        ca: t.demo.caCert,
        headers: { Authorization: `Bearer ${t.demo.token}` },
      });
      req.on('response', resolve);
      req.on('error', reject);
      req.end();
    });
    expect(res.statusCode).toBe(200);
    const chunks: Buffer[] = [];
    res.pause();
    // While the client reads nothing, others are answered and the pods change.
    const victim = (await t.core.listNamespacedPod({ namespace: 'team-02', limit: 1 })).items[0]!;
    const name = victim.metadata!.name!;
    await t.core.deleteNamespacedPod({ name, namespace: 'team-02', gracePeriodSeconds: 0 });
    await waitFor(async () => {
      const left = await t.core.listNamespacedPod({
        namespace: 'team-02',
        fieldSelector: `metadata.name=${name}`,
      });
      return left.items.length === 0;
    }, 'the pod gone');
    res.on('data', (c: Buffer) => chunks.push(c));
    res.resume();
    await new Promise((resolve) => res.on('end', resolve));
    const list = JSON.parse(Buffer.concat(chunks).toString('utf8')) as PodList;
    expect(list.items.length).toBeGreaterThanOrEqual(3000);
    expect(list.items.map((p) => p.metadata.name)).toContain(name);
    const rv = Number(list.metadata.resourceVersion);
    for (const p of list.items) expect(Number(p.metadata.resourceVersion)).toBeLessThanOrEqual(rv);
  });

  it('is streamed as a Table too, which kubectl prints whole', async () => {
    const pods = (await t.core.listPodForAllNamespaces()).items.length;
    const kubeconfig = join(mkdtempSync(join(tmpdir(), 'podscope-table-')), 'kc.yaml');
    await t.demo.writeKubeconfig(kubeconfig);
    // Asynchronously: the demo serves from this process.
    const got = await promisify(execFile)(
      'kubectl',
      ['--kubeconfig', kubeconfig, 'get', 'pods', '-A', '--chunk-size=0', '--no-headers', '-o', 'wide'],
      { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 },
    );
    expect(got.stderr).toBe('');
    const lines = got.stdout.trimEnd().split('\n');
    // Churn is off: the pods listed a moment ago are the pods kubectl gets, one line each.
    expect(lines.length).toBe(pods);
    expect(lines.every((l) => /^\S+\s+\S+\s+\d+\/\d+\s+\S+/.test(l))).toBe(true);
  });
});
