#!/usr/bin/env node
// Benchmark of a workload's merged logs (issue 16): N demo pods logging as fast as the demo can produce (image
// podscope/firehose, label app=fire), followed for S seconds by `kubectl logs -f -l app=fire --prefix
// --max-log-requests 50` (stern-like; output counted by wc -l) and by podscope's WorkloadLogs (every pod's
// stream merged in time order into the session's buffer — the screen model: the view draws only the window on
// screen from it), for N = 3 and 30, in R rounds that alternate which client goes first. Prints, per round and as
// the median: lines/s for both and the ratio, each client's CPU time per line and the demo server's, and
// podscope's silent drops (seq breaks within any stream of the retained lines; must be 0).
// The limit is the CPU: one demo process on the same 2 cores makes every line (a firehose writes 10 lines a
// microsecond, far more than a socket carries) and the client reads them, so lines/s is what the two processes
// get of the machine. On a shared machine that swings with the load: the CPU time per line is the steadier
// measure of each client's own cost (kubectl's read from /proc, podscope's from process.cpuUsage).
// Run: npm run build && node test/bench/wlogs.mjs [--seconds S (10)] [--pods 3,30] [--rounds R (3)] [--max-mb N (50)]
import { loadavg } from 'node:os';
import { KubeConfig } from '@kubernetes/client-node';
import { findSeqBreak } from '../../dist/demo/logs/seq.js';
import { WorkloadLogs } from '../../dist/logs/workloadLogs.js';
import { startDemoProcess } from './demoProcess.mjs';
import { cpuSeconds, kubectlLogsRun, run } from './kubectlLogs.mjs';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const SECONDS = Number(opt('seconds', 10));
const COUNTS = opt('pods', '3,30').split(',').map(Number);
const MAX_MB = Number(opt('max-mb', 50));
const ROUNDS = Number(opt('rounds', 3));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const fmt = (n) => Math.round(n).toLocaleString('en-US');

/** `n` firehose pods labelled app=fire, all Running. */
async function firehoses(d, n) {
  await run(d, ['delete', 'pods', '-l', 'app=fire', '--grace-period=0', '--wait=true']);
  const items = Array.from({ length: n }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `fire-${i}`, namespace: 'default', labels: { app: 'fire' } },
    spec: { containers: [{ name: 'firehose', image: 'podscope/firehose' }] },
  }));
  await run(d, ['create', '-f', '-'], items.map((o) => JSON.stringify(o)).join('\n'));
  for (let i = 0; i < 200; i++) {
    const phases = await run(d, ['get', 'pods', '-l', 'app=fire', '-o', 'jsonpath={.items[*].status.phase}']);
    if (phases.split(' ').filter((p) => p === 'Running').length === n) return;
    await sleep(100);
  }
  throw new Error(`${n} firehose pods did not all start`);
}

/** kubectl logs -f -l app=fire --prefix for `seconds`, its output counted by wc -l; with the server's CPU time. */
async function kubectlSide(d, seconds) {
  const server0 = cpuSeconds(d.child.pid);
  const k = await kubectlLogsRun(
    d,
    ['-f', '-l', 'app=fire', '--prefix', '--max-log-requests', '50', '--tail=0', '--timestamps'],
    seconds,
  );
  return { rate: k.rate, lines: k.lines, cpu: k.cpu, server: cpuSeconds(d.child.pid) - server0 };
}

async function podscopeSide(d, kc, seconds) {
  const w = new WorkloadLogs(kc, {
    target: { label: '-l app=fire', workload: undefined, selector: 'app=fire', namespace: 'default' },
    since: { kind: 'tail', lines: 0 },
    maxBytes: MAX_MB * 1024 * 1024,
  });
  const server0 = cpuSeconds(d.child.pid);
  const cpu0 = process.cpuUsage();
  w.start();
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const server = cpuSeconds(d.child.pid) - server0;
  w.stop();
  const b = w.session.buffer;
  const byStream = new Map();
  for (const l of b.slice(b.firstSeq, b.nextSeq)) {
    if (l.kind !== 'line') continue;
    const list = byStream.get(l.container) ?? [];
    list.push(l.text);
    byStream.set(l.container, list);
  }
  const breaks = [...byStream].map(([k, lines]) => [k, findSeqBreak(lines)]).filter(([, v]) => v);
  const snap = w.getSnapshot();
  return {
    rate: snap.received / elapsed,
    lines: snap.received,
    cpu: (cpu.user + cpu.system) / 1e6,
    server,
    evicted: snap.evicted,
    streams: byStream.size,
    breaks,
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const usPerLine = (r) => (r.lines ? (r.cpu / r.lines) * 1e6 : NaN).toFixed(2);
const serverUs = (r) => (r.lines ? (r.server / r.lines) * 1e6 : NaN).toFixed(2);
const row = (label, r) =>
  `${label.padEnd(9)} ${fmt(r.rate).padStart(9)} lines/s   CPU ${usPerLine(r).padStart(5)} µs/line   server ${serverUs(r).padStart(5)} µs/line`;

const d = await startDemoProcess(['--port', '0'], 'podscope-bench-wlogs-');
const kc = new KubeConfig();
kc.loadFromFile(d.kubeconfig);
try {
  console.log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  for (const n of COUNTS) {
    await firehoses(d, n);
    console.log(
      `\n${n} pods, ${SECONDS} s each: kubectl logs -f -l app=fire --prefix --max-log-requests 50 | wc -l, and podscope's WorkloadLogs into its buffer`,
    );
    const ks = [];
    const ps = [];
    for (let round = 1; round <= ROUNDS; round++) {
      // Alternating which goes first, so a load that rises or falls during the run favours neither.
      const kubectlFirst = round % 2 === 1;
      const first = kubectlFirst ? await kubectlSide(d, SECONDS) : await podscopeSide(d, kc, SECONDS);
      const second = kubectlFirst ? await podscopeSide(d, kc, SECONDS) : await kubectlSide(d, SECONDS);
      const [k, p] = kubectlFirst ? [first, second] : [second, first];
      ks.push(k);
      ps.push(p);
      console.log(`round ${round} (load ${loadavg()[0].toFixed(2)})`);
      console.log(`  ${row('kubectl', k)}`);
      console.log(
        `  ${row('podscope', p)}   ${(p.rate / k.rate).toFixed(2)}×; ${p.streams} streams, evicted ${fmt(p.evicted)} (bound ${MAX_MB} MiB); silent drops: ${p.breaks.length ? `YES ${JSON.stringify(p.breaks[0])}` : '0'}`,
      );
    }
    const pick = (rs) => ({
      rate: median(rs.map((r) => r.rate)),
      lines: 1e6,
      cpu: median(rs.map((r) => r.cpu / r.lines)) * 1e6,
      server: median(rs.map((r) => r.server / r.lines)) * 1e6,
    });
    const [km, pm] = [pick(ks), pick(ps)];
    console.log(`median of ${ROUNDS}`);
    console.log(`  ${row('kubectl', km)}`);
    console.log(`  ${row('podscope', pm)}   ${(pm.rate / km.rate).toFixed(2)}× (ratio of the medians)`);
  }
  console.log(
    `\nload average at end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  d.child.kill('SIGTERM');
}
