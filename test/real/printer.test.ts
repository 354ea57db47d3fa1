/**
 * The printer referee: the real API server prints pods itself (the `Table` `kubectl get pods` reads, made by
 * Kubernetes' own printPod). Every printer fixture — Kubernetes' TestPrintPod* cases and podscope's own — is
 * created in the real server (spec by POST, then status through /status), and the dashboard's row for each pod
 * the server returns must show exactly the server's cells: NAME READY STATUS RESTARTS AGE IP NODE NOMINATED NODE
 * READINESS GATES, from the slim copy of the pod the dashboard keeps, and with the row conditions.
 *
 * The pods are bound to nodes that exist but that kwok doesn't run (so their status stays as written, and the pod
 * garbage collector leaves them alone), named as the fixtures name them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellText, podRow } from '../../src/domain/podRow.js';
import { podTableRowConditions, type TableRowCondition } from '../../src/domain/podStatus.js';
import type { Pod } from '../../src/domain/wire.js';
import { slimPod } from '../../src/kube/slimPod.js';
import { apiJson, apiRequest } from '../cluster/api.js';
import { createPrinterFixtures, releasePrinterFixtures } from '../cluster/printerFixtures.js';
import { printerFixtures, type PrinterFixture } from '../domain/printerFixtures.js';
import { realCluster } from '../support/realCluster.js';
import { waitFor } from '../support/waitFor.js';

const NS = 'real-printer';
const OWN_DIR = new URL('../fixtures/pods/', import.meta.url);

/** podscope's hand-written fixtures (test/fixtures/pods/*.json) in the printer fixtures' shape. */
function ownFixtures(): PrinterFixture[] {
  return readdirSync(OWN_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const p = JSON.parse(readFileSync(new URL(f, OWN_DIR), 'utf8')) as Pod;
      const { status, metadata, ...rest } = p;
      const name = `own-${f.replace(/\.json$/, '')}`;
      const meta = { ...metadata, name, namespace: undefined, uid: undefined, resourceVersion: undefined };
      // Owners the server would garbage-collect the pod for (they don't exist here) are left out.
      return {
        source: {
          module: 'podscope',
          file: f,
          test: 'test/fixtures/pods',
          case: 0,
          upstreamName: name,
          comment: '',
        },
        now: new Date().toISOString(),
        wide: true,
        pod: { ...rest, metadata: { ...meta, ownerReferences: undefined } } as PrinterFixture['pod'],
        status: status ?? {},
        expect: { cells: [] },
      };
    });
}

const fixtures = [...printerFixtures(), ...ownFixtures()];

interface TableRow {
  cells: (string | number)[];
  conditions?: TableRowCondition[];
  object: Pod;
}

interface Table {
  columnDefinitions: { name: string }[];
  rows: TableRow[];
}

async function serverTable(): Promise<Table> {
  return apiJson<Table>(realCluster(), {
    path: `/api/v1/namespaces/${NS}/pods?includeObject=Object`,
    accept: 'application/json;as=Table;v=v1;g=meta.k8s.io',
  });
}

/** The dashboard's cells for a pod, in the server's column order, from the slim copy it keeps. */
function ourCells(pod: Pod, now: number): string[] {
  const row = podRow(slimPod(pod));
  return [
    row.name,
    row.text.ready,
    row.text.status,
    cellText(row, 'restarts', now),
    cellText(row, 'age', now),
    row.text.ip,
    row.text.node,
    row.text.nominatedNode,
    row.text.readinessGates,
  ];
}

beforeAll(async () => {
  const t = realCluster();
  const nodes = new Set(fixtures.map((f) => f.pod.spec?.nodeName).filter((n): n is string => !!n));
  for (const name of nodes) {
    const r = await apiRequest(t, {
      method: 'POST',
      path: '/api/v1/nodes',
      body: { apiVersion: 'v1', kind: 'Node', metadata: { name } },
    });
    if (r.status !== 201 && r.status !== 409) throw new Error(`node ${name}: ${r.status} ${r.text}`);
  }
  // A fixture names this class, as a real cluster's pods do; the Priority admission plugin refuses a pod whose
  // class doesn't exist.
  const pc = await apiRequest(t, {
    method: 'POST',
    path: '/apis/scheduling.k8s.io/v1/priorityclasses',
    body: {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'batch-high' },
      value: 1000,
    },
  });
  if (pc.status !== 201 && pc.status !== 409) throw new Error(`priority class: ${pc.status} ${pc.text}`);
  // Pods marked for deletion without a node get one, as the garbage collector fails unscheduled terminating pods.
  await createPrinterFixtures(t, fixtures, { namespace: NS, nodeName: undefined });
}, 180_000);

afterAll(async () => {
  await releasePrinterFixtures(realCluster(), NS, fixtures);
});

describe("the dashboard's rows equal the real server's Table", () => {
  it('has the columns kubectl get pods -o wide shows, in that order', async () => {
    const table = await serverTable();
    expect(table.columnDefinitions.map((c) => c.name)).toEqual([
      'Name',
      'Ready',
      'Status',
      'Restarts',
      'Age',
      'IP',
      'Node',
      'Nominated Node',
      'Readiness Gates',
    ]);
    expect(table.rows).toHaveLength(fixtures.length);
  });

  it.each(fixtures.map((f) => [f.pod.metadata!.name!] as const))('%s', async (name) => {
    // AGE and "(Xs ago)" are worked out when the server answers: compare at a moment where a second's tick
    // falls between neither read.
    const [server, ours] = await waitFor(
      async () => {
        const row = (await serverTable()).rows.find((r) => r.object.metadata?.name === name);
        if (!row) throw new Error(`${name} is not in the server's Table`);
        const cells = row.cells.map(String);
        const mine = ourCells(row.object, Date.now());
        return JSON.stringify(mine) === JSON.stringify(cells) ? [cells, mine] : undefined;
      },
      `${name}: our cells equal the server's`,
      5_000,
      200,
    ).catch(async () => {
      const row = (await serverTable()).rows.find((r) => r.object.metadata?.name === name)!;
      return [row.cells.map(String), ourCells(row.object, Date.now())];
    });
    expect(ours).toEqual(server);
    const row = (await serverTable()).rows.find((r) => r.object.metadata?.name === name)!;
    expect(podTableRowConditions(row.object) ?? []).toEqual(row.conditions ?? []);
  });
});
