/**
 * The printer referee: the real API server prints pods itself (the `Table` `kubectl get pods` reads, made by
 * Kubernetes' own printPod). Every printer fixture — Kubernetes' TestPrintPod* cases and podscope's own — is
 * created in the real server (spec by POST, then status through /status), and the dashboard's row for each pod
 * the server returns must show exactly the server's cells: NAME READY STATUS RESTARTS AGE IP NODE NOMINATED NODE
 * READINESS GATES, from the slim copy of the pod the dashboard keeps, and with the row conditions.
 *
 * The pods are bound to nodes that exist but that kwok doesn't run (so their status stays as written, and the pod
 * garbage collector leaves them alone), named as the fixtures name them.
 *
 * podscope learns the server's release at connect (GET /version) and follows that release's printer: besides the
 * fixtures, pods shaped where 1.32's printer and the newest differ ([Completed, Error]: 1.35 prints the error) show
 * that the rows follow this 1.32 server, as `kubectl get pods` does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellText, podRow } from '../../src/domain/podRow.js';
import { podTableRowConditions, type TableRowCondition } from '../../src/domain/podStatus.js';
import type { ContainerStatus, Pod } from '../../src/domain/wire.js';
import { learnServerVersion } from '../../src/kube/serverVersion.js';
import { slimPod } from '../../src/kube/slimPod.js';
import { apiJson, apiRequest } from '../cluster/api.js';
import { createPrinterFixtures, releasePrinterFixtures } from '../cluster/printerFixtures.js';
import { printerFixtures, type PrinterFixture } from '../domain/printerFixtures.js';
import { realCluster, realKubeConfig } from '../support/realCluster.js';
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

/** The cases where the printer of 1.35+ differs from 1.32's (kubernetes#124766), as fixtures without expectations. */
function versionFixtures(): PrinterFixture[] {
  const done = (name: string, exitCode: number, reason: string): ContainerStatus => ({
    name,
    image: 'busybox:1.36',
    imageID: '',
    ready: false,
    restartCount: 0,
    state: { terminated: { exitCode, reason, finishedAt: '2025-03-14T11:59:00Z' } },
  });
  const running: ContainerStatus = {
    ...done('b', 0, ''),
    ready: true,
    state: { running: { startedAt: '2025-03-14T11:00:00Z' } },
  };
  const cases: [string, ContainerStatus[]][] = [
    ['completed-then-error', [done('a', 0, 'Completed'), done('b', 1, 'Error')]],
    ['completed-running-error', [done('a', 0, 'Completed'), running, done('c', 137, 'OOMKilled')]],
  ];
  return cases.map(([name, statuses]) => ({
    source: {
      module: 'podscope',
      file: '',
      test: 'printer release',
      case: 0,
      upstreamName: name,
      comment: '',
    },
    now: new Date().toISOString(),
    wide: true,
    pod: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `release-${name}` },
      spec: {
        nodeName: 'fixture-node',
        restartPolicy: 'Never',
        containers: statuses.map((c) => ({ name: c.name, image: 'busybox:1.36' })),
      },
    },
    status: {
      phase: 'Failed',
      conditions: [{ type: 'Ready', status: 'False' }],
      containerStatuses: statuses,
    },
    expect: { cells: [] },
  })) as PrinterFixture[];
}

const fixtures = [...printerFixtures(), ...ownFixtures(), ...versionFixtures()];

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
  // As podscope does at connect: the server's release decides whose printer the rows follow.
  if ((await learnServerVersion(realKubeConfig())) !== 32) throw new Error('the real server should say 1.32');
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
