#!/usr/bin/env node
// Benchmark of the demo cluster (issue 2): `podscope demo --pods N` start time and RSS, `kubectl get pods -A`
// wall time against it, and pod watch events/s sustained with --churn. Prints numbers; asserts nothing.
// Run: npm run bench   (builds first). Options: --pods N (default 10000), --seconds S (churn window, default 10).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { KubeConfig, Watch } from '@kubernetes/client-node';
import { startDemoProcess } from './demoProcess.mjs';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const PODS = opt('pods', 10000);
const SECONDS = opt('seconds', 10);

function rssMiB(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

function startDemo(extra) {
  return startDemoProcess(['--port', '0', ...extra]);
}

function kubectlGetAll(d, extra = []) {
  const t0 = performance.now();
  const r = spawnSync(
    'kubectl',
    [
      `--kubeconfig=${d.kubeconfig}`,
      `--cache-dir=${d.cacheDir}`,
      'get',
      'pods',
      '-A',
      '--no-headers',
      ...extra,
    ],
    { encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(r.stderr);
  return { ms, rows: r.stdout.trim().split('\n').length };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function countEvents(d, seconds) {
  const kc = new KubeConfig();
  kc.loadFromFile(d.kubeconfig);
  let n = 0;
  const ctl = await new Watch(kc).watch(
    '/api/v1/pods',
    { resourceVersion: '' },
    () => n++,
    () => undefined,
  );
  // Let the initial ADDED burst pass, then count a steady window.
  await new Promise((r) => setTimeout(r, 2000));
  const start = n;
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const rate = (n - start) / ((performance.now() - t0) / 1000);
  ctl.abort();
  return rate;
}

const results = {};
{
  const d = await startDemo(['--pods', String(PODS)]);
  results.startMs = d.startMs;
  results.rssAfterStartMiB = rssMiB(d.child.pid);
  kubectlGetAll(d); // discovery cache warm-up, as a user's second command
  const runs = [kubectlGetAll(d), kubectlGetAll(d), kubectlGetAll(d)];
  results.kubectlGetAllMs = median(runs.map((r) => r.ms));
  results.kubectlRows = runs[0].rows;
  results.kubectlGetAllUnchunkedMs = median([1, 2, 3].map(() => kubectlGetAll(d, ['--chunk-size=0']).ms));
  results.rssAfterListsMiB = rssMiB(d.child.pid);
  d.child.kill('SIGTERM');
}
for (const churn of [200, 1000]) {
  const d = await startDemo(['--pods', String(PODS), '--churn', String(churn)]);
  results[`churn${churn}EventsPerSec`] = await countEvents(d, SECONDS);
  results[`churn${churn}RssMiB`] = rssMiB(d.child.pid);
  d.child.kill('SIGTERM');
}

const f = (x) => (typeof x === 'number' ? x.toFixed(x < 10 ? 2 : 0) : x);
console.log(`podscope demo --pods ${PODS}`);
console.log(`  start to listening:          ${f(results.startMs)} ms`);
console.log(`  RSS after start:             ${f(results.rssAfterStartMiB)} MiB`);
console.log(
  `  kubectl get pods -A:         ${f(results.kubectlGetAllMs)} ms (median of 3, ${results.kubectlRows} rows)`,
);
console.log(`  kubectl get pods -A --chunk-size=0: ${f(results.kubectlGetAllUnchunkedMs)} ms (median of 3)`);
console.log(`  RSS after 7 full lists:      ${f(results.rssAfterListsMiB)} MiB`);
for (const churn of [200, 1000]) {
  console.log(
    `  --churn ${churn}: ${f(results[`churn${churn}EventsPerSec`])} pod events/s seen by a watch over ${SECONDS} s (RSS ${f(results[`churn${churn}RssMiB`])} MiB)`,
  );
}
process.exit(0);
