#!/usr/bin/env node
// Benchmark of a workload's merged logs (issue 16): N demo pods logging as fast as the demo can produce (image
// podscope/firehose, label app=fire), followed for S seconds by `kubectl logs -f -l app=fire --prefix
// --max-log-requests 50` (stern-like; output counted by wc -l) and then by podscope's WorkloadLogs (every pod's
// stream merged in time order into the session's buffer — the screen model: the view draws only the window on
// screen from it), for N = 3 and 30. Prints lines/s for both, the ratio, and podscope's silent drops (seq breaks
// within any stream of the retained lines; must be 0).
// The limit is the demo server: one process on the same 2 cores makes every line (a firehose writes 10 lines a
// microsecond, far more than a socket carries), so both clients read as fast as the server and the loopback
// sockets deliver while they run.
// Run: npm run build && node test/bench/wlogs.mjs [--seconds S (10)] [--pods 3,30] [--max-mb N (50)]
import { KubeConfig } from '@kubernetes/client-node';
import { findSeqBreak } from '../../dist/demo/logs/seq.js';
import { WorkloadLogs } from '../../dist/logs/workloadLogs.js';
import { startDemoProcess } from './demoProcess.mjs';
import { kubectlLogsRate, run } from './kubectlLogs.mjs';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const SECONDS = Number(opt('seconds', 10));
const COUNTS = opt('pods', '3,30').split(',').map(Number);
const MAX_MB = Number(opt('max-mb', 50));
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

/** kubectl logs -f -l app=fire --prefix for `seconds`, its output counted by wc -l. */
const kubectlRate = (d, seconds) =>
  kubectlLogsRate(
    d,
    ['-f', '-l', 'app=fire', '--prefix', '--max-log-requests', '50', '--tail=0', '--timestamps'],
    seconds,
  );

async function podscopeRate(kc, seconds) {
  const w = new WorkloadLogs(kc, {
    target: { label: '-l app=fire', workload: undefined, selector: 'app=fire', namespace: 'default' },
    since: { kind: 'tail', lines: 0 },
    maxBytes: MAX_MB * 1024 * 1024,
  });
  w.start();
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const elapsed = (performance.now() - t0) / 1000;
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
    received: snap.received,
    evicted: snap.evicted,
    streams: byStream.size,
    breaks,
  };
}

const d = await startDemoProcess(['--port', '0'], 'podscope-bench-wlogs-');
const kc = new KubeConfig();
kc.loadFromFile(d.kubeconfig);
try {
  for (const n of COUNTS) {
    await firehoses(d, n);
    const k = await kubectlRate(d, SECONDS);
    const p = await podscopeRate(kc, SECONDS);
    console.log(
      `${n} pods: kubectl logs -f -l --prefix --max-log-requests 50 | wc -l   ${fmt(k)} lines/s (${SECONDS} s)`,
    );
    console.log(
      `${n} pods: podscope WorkloadLogs, merged into its buffer        ${fmt(p.rate)} lines/s (${SECONDS} s, ${p.streams} streams)`,
    );
    console.log(
      `${n} pods: ratio podscope / kubectl ${(p.rate / k).toFixed(2)}×; received ${fmt(p.received)}, evicted ${fmt(p.evicted)} (bound ${MAX_MB} MiB); silent drops: ${p.breaks.length ? `YES ${JSON.stringify(p.breaks[0])}` : '0'}`,
    );
  }
} finally {
  d.child.kill('SIGTERM');
}
