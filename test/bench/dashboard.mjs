#!/usr/bin/env node
// Benchmark of the live pods dashboard (issue 3), against `podscope demo --pods N --churn 200` on this machine:
// launch → first frame of rows beside `kubectl get pods -A`; event → screen latency; CPU% and RSS while following;
// keypress → frame. Prints numbers; asserts nothing. Needs tmux and kubectl. Run: npm run bench:dashboard
import { spawnSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig, CoreV1Api } from '@kubernetes/client-node';
import { TmuxSession } from '../support/tmux.ts';
import { startDemoProcess } from './demoProcess.mjs';

const BIN = join(import.meta.dirname, '../../bin/podscope.js');
const args = process.argv.slice(2);
// --quick: 1,000 pods only; --pods N: N pods only (to compare two builds at one size); else 10,000 then 1,000.
const podsArg = args.indexOf('--pods');
const SIZES = podsArg >= 0 ? [Number(args[podsArg + 1])] : args.includes('--quick') ? [1000] : [10000, 1000];
const CHURN = 200;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

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

function logLines(file, prefix) {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.includes(prefix));
}

async function waitFor(check, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
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

async function podscopePid(t) {
  // meow sets the process title to "podscope": the one on the pane's terminal is the dashboard.
  const tty = (await t.paneState()).tty.replace('/dev/', '');
  return Number(
    spawnSync('pgrep', ['-t', tty, '-f', '^podscope'], { encoding: 'utf8' }).stdout.trim().split('\n')[0],
  );
}

function cpuTicks(pid) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(f[11]) + Number(f[12]);
}

function rssMiB(pid) {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
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

    // Keypress → frame while moving through the rows (one key at a time, as a person presses them).
    for (let i = 0; i < 60; i++) {
      await t.sendKeys(i % 10 === 9 ? 'PageDown' : 'j');
      await sleep(60);
    }
    const keys = logLines(log, 'key->frame').map((l) => Number(/key->frame ([\d.]+)/.exec(l)[1]));
    row.keyMedian = median(keys);
    row.keyP95 = pct(keys, 0.95);
    row.keySamples = keys.length;

    // Event → screen: pods created on the server appear on screen (a filter shows only them).
    await t.sendKeys('/');
    await t.sendText('^bench-');
    await t.sendKeys('Enter');
    const kc = new KubeConfig();
    kc.loadFromFile(d.kubeconfig);
    const core = kc.makeApiClient(CoreV1Api);
    const lat = [];
    for (let i = 0; i < 30; i++) {
      const name = `bench-${i}`;
      const t0 = performance.now();
      await core.createNamespacedPod({
        namespace: 'default',
        body: {
          metadata: { name },
          spec: { nodeName: 'elsewhere', containers: [{ name: 'c', image: 'busybox' }] },
        },
      });
      await waitFor(async () => (await t.capture()).includes(name), name, 10_000).catch(async (e) => {
        throw new Error(`${e.message}\n${await t.capture()}`);
      });
      lat.push(performance.now() - t0);
    }
    row.eventP50 = pct(lat, 0.5);
    row.eventP95 = pct(lat, 0.95);
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
