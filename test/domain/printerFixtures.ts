/**
 * The fixtures in test/fixtures/pods/printers_test/: every pod case of Kubernetes' own `TestPrintPod*` tests
 * (pkg/printers/internalversion/printers_test.go), as v1 JSON with the cells upstream expects. See the README there
 * for where each case comes from. A fixture keeps the pod (metadata + spec, what one POSTs) apart from its status
 * (what one PUTs to /status), so the same files can be created in a real API server (test/cluster/printerFixtures.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { TableRowCondition } from '../../src/domain/podStatus.js';
import type { Pod } from '../../src/domain/wire.js';

export const PRINTER_FIXTURES_DIR = new URL('../fixtures/pods/printers_test/', import.meta.url);

export interface PrinterFixture {
  /** Where the case comes from: the Go module (= release tag), the file, the test function and its table index. */
  source: {
    module: string;
    file: string;
    test: string;
    /** 1-based index in the test's table of cases. */
    case: number;
    /** For a case that prints a list: which item (a, b, …). */
    item?: string;
    /** The pod's name in the upstream test (test1 …); the fixture's own name is unique instead. */
    upstreamName: string;
    comment: string;
  };
  /** The clock the expected AGE and "(X ago)" cells were worked out against (RFC 3339). */
  now: string;
  /** Whether the upstream test printed with `-o wide` (four more cells). */
  wide: boolean;
  /** apiVersion, kind, metadata (no namespace) and spec: the body of a create. */
  pod: Pod & { status?: never };
  /** The status, for a PUT to the pod's /status subresource. */
  status: NonNullable<Pod['status']>;
  expect: {
    /** The row's cells: NAME READY STATUS RESTARTS AGE [IP NODE NOMINATED-NODE READINESS-GATES]. */
    cells: string[];
    /** The row's conditions (only Succeeded and Failed pods carry one). */
    conditions?: TableRowCondition[];
  };
}

/** Every printer fixture, in file-name order, freshly parsed. */
export function printerFixtures(): PrinterFixture[] {
  return readdirSync(PRINTER_FIXTURES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(new URL(f, PRINTER_FIXTURES_DIR), 'utf8')) as PrinterFixture);
}

/** The fixture as one pod object, status included: what a GET would return. */
export function fixturePod(f: PrinterFixture): Pod {
  return { ...f.pod, status: f.status };
}
