#!/usr/bin/env node
// Benchmark of the live pods dashboard (issue 3), against `podscope demo --pods N --churn 200` on this machine:
// launch → first frame of rows beside `kubectl get pods -A`; event → screen latency; CPU% and RSS while following;
// keypress → frame. Prints numbers; asserts nothing. Needs tmux and kubectl. Run: npm run bench:dashboard
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { TmuxSession } from '../support/tmux.ts';
import { startDemoProcess } from './demoProcess.mjs';
import {
  eventToScreen,
  keypressToFrame,
  logLines,
  median,
  sleep,
  waitFor,
  podscopePid,
  cpuTicks,
  rssMiB,
} from './dashboardMeasures.mjs';

const BIN = join(import.meta.dirname, '../../bin/podscope.js');
const args = process.argv.slice(2);
// --quick: 1,000 pods only; --pods N: N pods only (to compare two builds at one size); else 10,000 then 1,000.
const podsArg = args.indexOf('--pods');
const SIZES = podsArg >= 0 ? [Number(args[podsArg + 1])] : args.includes('--quick') ? [1000] : [10000, 1000];
const CHURN = 200;

function startDemo(pods) {
  return startDemoProcess(['--pods', String(pods), '--churn', String(CHURN)]);
}

function kubectlMs(d) {
  const t0 = performance.now();
  const r = spawnSync(
    'kubectl',
    [`--kubeconfig=${d.kubeconfig}`, `--cache-dir=${join(d.dir, 'cache')}`, 'get', 'pods', '-A'],
    { maxBuffer: 1 << 28 },
  );
  if (r.status !== 0) throw new Error(String(r.stderr));
  return performance.now() - t0;
}

async function launch(d, n) {
  const log = join(d.dir, `debug-${n}.log`);
  const t = await TmuxSession.start({
    command: [process.execPath, BIN, '--kubeconfig', d.kubeconfig, '-A', '--debug', log],
    cols: 160,
    rows: 50,
    env: { PODSCOPE_BENCH: '1', PODSCOPE_BENCH_T0: String(Date.now()) },
  });
  const line = await waitFor(() => logLines(log, 'first-rows-frame')[0], 'the first rows frame');
  return { t, log, firstRowsMs: Number(/first-rows-frame (\d+)/.exec(line)[1]) };
}

const report = [];
for (const pods of SIZES) {
  const d = await startDemo(pods);
  kubectlMs(d); // discovery cache, as a user's second command
  const kubectl = median([kubectlMs(d), kubectlMs(d), kubectlMs(d)]);
  const firsts = [];
  let session;
  for (let i = 0; i < 3; i++) {
    if (session) await session.t.kill();
    session = await launch(d, i);
    firsts.push(session.firstRowsMs);
  }
  const { t, log } = session;
  await t.waitForText('● live', 60_000);
  const pid = await podscopePid(t);
  const row = { pods, kubectl, firstRows: median(firsts) };
  if (pods === SIZES[0]) {
    // Following: CPU and RSS over 10 s of churn.
    const c0 = cpuTicks(pid);
    const w0 = performance.now();
    await sleep(10_000);
    row.cpuPct = ((cpuTicks(pid) - c0) / 100 / ((performance.now() - w0) / 1000)) * 100;
    row.rssMiB = rssMiB(pid);

    Object.assign(row, await keypressToFrame(t, log));
    Object.assign(row, await eventToScreen(t, d.kubeconfig));
  }
  await t.kill();
  d.child.kill('SIGTERM');
  report.push(row);
}

const f = (x) => (x === undefined ? '-' : x.toFixed(x < 10 ? 1 : 0));
for (const r of report) {
  console.log(`--pods ${r.pods} --churn ${CHURN}`);
  console.log(
    `  launch → first frame of rows:  ${f(r.firstRows)} ms (median of 3)   kubectl get pods -A: ${f(r.kubectl)} ms (median of 3)`,
  );
  if (r.cpuPct !== undefined) {
    console.log(`  following ${CHURN} events/s:     CPU ${f(r.cpuPct)} %   RSS ${f(r.rssMiB)} MiB`);
    console.log(
      `  keypress → frame:              median ${f(r.keyMedian)} ms, p95 ${f(r.keyP95)} ms (${r.keySamples} keys: j and PgDn)`,
    );
    console.log(`  event → screen (create → seen in tmux): p50 ${f(r.eventP50)} ms, p95 ${f(r.eventP95)} ms`);
  }
}
process.exit(0);
