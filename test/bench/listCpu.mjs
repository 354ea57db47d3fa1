#!/usr/bin/env node
// Launch → live of `podscope -A` against one demo, for two builds alternated: wall time, and the dashboard
// process's own CPU time (user + system) from launch to live — which a loaded machine inflates far less than wall
// time, so two builds can be compared while other work runs. Needs tmux.
//   node test/bench/listCpu.mjs --kubeconfig K --bins A/bin/podscope.js,B/bin/podscope.js [--runs 3]
import { join } from 'node:path';
import { tmpdir, loadavg } from 'node:os';
import { TmuxSession } from '../support/tmux.ts';
import { cpuTicks, median, podscopePid, rssMiB, waitFor } from './dashboardMeasures.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt);
const kubeconfig = opt('kubeconfig');
const bins = opt('bins').split(',');
const runs = Number(opt('runs', '3'));
const results = new Map(bins.map((b) => [b, []]));
for (let r = 0; r < runs; r++) {
  for (const bin of bins) {
    const t0 = Date.now();
    const t = await TmuxSession.start({
      command: [
        process.execPath,
        bin,
        '--kubeconfig',
        kubeconfig,
        '-A',
        '--debug',
        join(tmpdir(), 'listcpu.log'),
      ],
      cols: 160,
      rows: 50,
    });
    const pid = await waitFor(
      async () => (await podscopePid(t)) || undefined,
      'the dashboard process',
      30_000,
      5,
    );
    await waitFor(async () => (await t.capture()).includes('● live'), '● live', 300_000, 50);
    const wall = Date.now() - t0;
    const cpu = cpuTicks(pid) * 10; // ticks of 10 ms
    const rss = rssMiB(pid);
    await t.kill();
    results.get(bin).push({ wall, cpu, rss });
    console.log(
      `${bin}: live ${wall} ms, CPU ${cpu} ms, RSS ${rss.toFixed(0)} MiB (load ${loadavg()[0].toFixed(1)})`,
    );
  }
}
for (const [bin, rs] of results)
  console.log(
    `${bin}: median live ${median(rs.map((r) => r.wall))} ms, CPU ${median(rs.map((r) => r.cpu))} ms, RSS ${median(rs.map((r) => r.rss)).toFixed(0)} MiB`,
  );
process.exit(0);
