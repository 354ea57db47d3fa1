/**
 * The real binary on a fresh demo cluster in a real terminal (tmux), as the tmux suites start it, and the clean-up
 * they all need: every session killed and every cluster closed after each test, whatever the test left open.
 * Needs `npm run build` (bin/ runs dist/).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { startTestCluster, type TestCluster } from './demoCluster.js';
import { TmuxSession } from './tmux.js';

const BIN = join(import.meta.dirname, '../../bin/podscope.js');

/** A dashboard running in tmux on its own demo cluster. */
export interface DemoDashboard {
  readonly cluster: TestCluster;
  readonly session: TmuxSession;
}

/** How to start one. */
export interface DemoDashboardOptions {
  readonly cols: number;
  readonly rows: number;
  /** podscope's arguments after `--kubeconfig FILE`, e.g. `['-n', 'default']`. */
  readonly args: readonly string[];
  /** Runs on the cluster before podscope starts (create a pod, wait for one to run). */
  readonly prepare?: (cluster: TestCluster) => Promise<void>;
  /** The working directory podscope starts in (relative paths on its command line are from here). */
  readonly cwd?: string;
}

/**
 * Registers the clean-up (an `afterEach`, so call it at a suite's top level) and returns the function that starts
 * a dashboard; it resolves once the header says `● live`.
 */
export function demoDashboards(): (options: DemoDashboardOptions) => Promise<DemoDashboard> {
  const open: DemoDashboard[] = [];
  const clusters: TestCluster[] = [];
  afterEach(async () => {
    for (const d of open.splice(0)) await d.session.kill();
    for (const c of clusters.splice(0)) await c.demo.close();
  });
  return async ({ cols, rows, args, prepare, cwd }) => {
    const cluster = await startTestCluster();
    clusters.push(cluster);
    await prepare?.(cluster);
    const kubeconfig = join(mkdtempSync(join(tmpdir(), 'podscope-tmux-')), 'kubeconfig');
    writeFileSync(kubeconfig, cluster.demo.kubeconfig(), { mode: 0o600 });
    const session = await TmuxSession.start({
      command: [process.execPath, BIN, '--kubeconfig', kubeconfig, ...args],
      cols,
      rows,
      ...(cwd === undefined ? {} : { cwd }),
    });
    open.push({ cluster, session });
    await session.waitForText('● live', 30_000);
    return { cluster, session };
  };
}
