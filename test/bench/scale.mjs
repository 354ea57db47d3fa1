#!/usr/bin/env node
// Benchmark of issue 17's table (the dashboard at 10,000 and 100,000 pods), each size against its own
// `podscope demo --pods N --churn C` process, with kubectl and the physical limit measured in the same run:
//   the demo: start → listening, its RSS; one unpaged list's size; bytes per pod
//   physical limit: curl of the whole list in one request + JSON.parse of that body in Node
//   kubectl get pods -A (kubectl's 500-row chunks)
//   podscope: launch → first rows; launch → every pod listed and live (the header says "● live", no longer
//   "listing"); CPU while following; keypress → frame; event → screen; RSS after the soak
// Prints numbers; asserts nothing. Needs tmux, kubectl and curl. Run: npm run bench:scale [-- options]
//   --sizes 10000,100000   pod counts (default both)
//   --soak-min M           minutes of following before the RSS row (default 0.5: short; the goal is 5)
//   --churn C              pod events/s of every demo (default 200)
//   --churn-large C        pod events/s of the sizes ≥ 50,000 (default: --churn; the CPU goal at 100k is
//                          1,000 events/s, so `--churn-large 1000` measures that row, and the others under it)
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
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
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const SIZES = opt('sizes', '10000,100000').split(',').map(Number);
const SOAK_MIN = Number(opt('soak-min', '0.5'));
const CHURN = Number(opt('churn', '200'));
const CHURN_LARGE = Number(opt('churn-large', String(CHURN)));

const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

/** The server, token and CA of the demo's admin context, for curl. */
function credentials(d) {
  const kc = new KubeConfig();
  kc.loadFromFile(d.kubeconfig);
  const cluster = kc.getCurrentCluster();
  const ca = join(d.dir, 'ca.crt');
  writeFileSync(ca, Buffer.from(cluster.caData, 'base64'));
  return { server: cluster.server, token: kc.getCurrentUser().token, ca, kc };
}

/** Runs a command to its end; resolves with its wall time (ms). */
function timed(cmd, argv) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    p.on('exit', (code) =>
      code === 0 ? resolve(performance.now() - t0) : reject(new Error(`${cmd}: ${err}`)),
    );
  });
}

/**
 * JSON.parse of a List body. Above V8's longest string (2^29 − 24 characters, about 512 MiB; 100,000 real-size
 * pods are more) no single JSON.parse can take it: it is then parsed in slices cut between items — what any
 * client must do at that size — and said so.
 */
function parseMs(file) {
  const buf = readFileSync(file);
  const t0 = performance.now();
  let items = 0;
  if (buf.length < 500 * 2 ** 20) {
    items = JSON.parse(buf.toString('utf8')).items.length;
    return { ms: performance.now() - t0, items, sliced: false };
  }
  const sep = Buffer.from('},{"kind":"Pod"');
  const start = buf.indexOf('"items":[') + '"items":['.length;
  const end = buf.lastIndexOf(']}');
  let at = start;
  while (at < end) {
    let cut = buf.indexOf(sep, Math.min(end, at + 64 * 2 ** 20));
    if (cut < 0 || cut >= end) cut = end;
    else cut += 1; // keep the closing brace
    items += JSON.parse('[' + buf.toString('utf8', at, cut) + ']').length;
    at = cut === end ? end : cut + 1; // skip the comma
  }
  return { ms: performance.now() - t0, items, sliced: true };
}

async function physicalLimit(d, c) {
  const file = join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), `podscope-scale-${process.pid}.json`);
  const curlMs = await timed('curl', [
    '-sS',
    '--fail',
    '--cacert',
    c.ca,
    '-H',
    `Authorization: Bearer ${c.token}`,
    '-o',
    file,
    `${c.server}/api/v1/pods`,
  ]);
  const bytes = statSync(file).size;
  const parsed = parseMs(file);
  rmSync(file);
  return { curlMs, bytes, parseMs: parsed.ms, items: parsed.items, sliced: parsed.sliced };
}

function kubectlMs(d) {
  return timed('kubectl', [`--kubeconfig=${d.kubeconfig}`, `--cache-dir=${d.cacheDir}`, 'get', 'pods', '-A']);
}

/** podscope -A in tmux: launch → first rows (its bench probe) and launch → "● live" (seen in the pane). */
async function launch(d, n, liveTimeoutMs) {
  const log = join(d.dir, `debug-${n}.log`);
  const t0 = Date.now();
  const t = await TmuxSession.start({
    command: [process.execPath, BIN, '--kubeconfig', d.kubeconfig, '-A', '--debug', log],
    cols: 160,
    rows: 50,
    env: { PODSCOPE_BENCH: '1', PODSCOPE_BENCH_T0: String(t0) },
  });
  const line = await waitFor(() => logLines(log, 'first-rows-frame')[0], 'the first rows frame', 120_000);
  const firstRowsMs = Number(/first-rows-frame (\d+)/.exec(line)[1]);
  let lastHeader = '';
  const liveMs = await waitFor(
    async () => {
      const screen = await t.capture();
      lastHeader = screen.split('\n')[0] ?? '';
      return screen.includes('● live') ? Date.now() - t0 : undefined;
    },
    '● live',
    liveTimeoutMs,
    50,
  ).catch(() => undefined);
  return { t, log, firstRowsMs, liveMs, lastHeader };
}

async function measure(pods) {
  const churn = pods >= 50_000 ? CHURN_LARGE : CHURN;
  const row = { pods, churn, loadBefore: load() };
  const d = await startDemoProcess(['--pods', String(pods), '--churn', String(churn)], 'podscope-scale-');
  row.demoStartMs = d.startMs;
  row.demoRssStart = rssMiB(d.child.pid);
  const c = credentials(d);
  try {
    const limit = await physicalLimit(d, c);
    Object.assign(row, { limit, limitMs: limit.curlMs + limit.parseMs });
    // The discovery cache filled, as for a user's second command (a cheap command: at 100k a list takes minutes).
    await timed('kubectl', [
      `--kubeconfig=${d.kubeconfig}`,
      `--cache-dir=${d.cacheDir}`,
      'get',
      'namespaces',
    ]).catch(() => undefined);
    const runs = pods >= 50_000 ? 1 : 3;
    const ks = [];
    for (let i = 0; i < runs && row.kubectlError === undefined; i++) {
      // A paged list that outlives the demo's history (20,000 changes: 20 s at 1,000 events/s) fails with 410
      // Expired, as against a kube-apiserver whose etcd compacted meanwhile: said in the table, not fatal.
      const ms = await kubectlMs(d).catch(
        (e) => void (row.kubectlError = String(e.message).trim().split('\n').pop()),
      );
      if (ms !== undefined) ks.push(ms);
    }
    row.kubectlMs = ks.length ? median(ks) : undefined;
    row.kubectlRuns = runs;

    // Launch → first rows and → live: the median of 3 launches (1 at 100k, where one listing takes minutes).
    const launches = pods >= 50_000 ? 1 : 3;
    const firsts = [];
    const lives = [];
    let session;
    const liveTimeout = Math.max(120_000, 4 * (row.kubectlMs ?? row.limitMs));
    for (let i = 0; i < launches; i++) {
      if (session) await session.t.kill();
      session = await launch(d, i, liveTimeout);
      firsts.push(session.firstRowsMs);
      if (session.liveMs !== undefined) lives.push(session.liveMs);
    }
    row.firstRowsMs = median(firsts);
    row.liveMs = lives.length === launches ? median(lives) : undefined;
    row.notLiveHeader = lives.length === launches ? undefined : session.lastHeader.trim();
    row.launches = launches;
    const { t, log } = session;
    if (row.liveMs === undefined) await t.waitForText('● live', 30 * 60_000);
    const liveAt = Date.now();
    const pid = await podscopePid(t);
    row.rssLive = rssMiB(pid);

    // Following: CPU over 10 s.
    const c0 = cpuTicks(pid);
    const w0 = performance.now();
    await sleep(10_000);
    row.cpuPct = ((cpuTicks(pid) - c0) / 100 / ((performance.now() - w0) / 1000)) * 100;

    Object.assign(row, await keypressToFrame(t, log));
    Object.assign(row, await eventToScreen(t, d.kubeconfig));
    await t.sendKeys('Escape');

    // The soak: RSS after following for SOAK_MIN minutes (counted from the list going live).
    const soakEnd = liveAt + SOAK_MIN * 60_000;
    if (soakEnd > Date.now()) await sleep(soakEnd - Date.now());
    row.rssSoak = rssMiB(pid);
    row.demoRssEnd = rssMiB(d.child.pid);
    row.loadAfter = load();
    await t.kill();
  } finally {
    d.child.kill('SIGTERM');
    rmSync(d.dir, { recursive: true, force: true });
  }
  return row;
}

const rows = [];
for (const pods of SIZES) {
  process.stderr.write(`bench:scale: ${pods} pods (load ${load()})…\n`);
  const row = await measure(pods);
  // Each size's numbers as soon as they are known: a 100k run takes long, and may not finish.
  process.stderr.write(`bench:scale: ${pods} pods: ${JSON.stringify(row)}\n`);
  rows.push(row);
}

const s = (ms) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(2)} s`);
const ms = (x) => (x === undefined ? '—' : `${x.toFixed(x < 10 ? 1 : 0)} ms`);
const mib = (x) => (x === undefined ? '—' : `${x.toFixed(0)} MiB`);
const ratio = (a, b) => (a === undefined || !b ? '—' : `${(a / b).toFixed(2)}×`);
const table = [
  ['measure', ...rows.map((r) => `${r.pods.toLocaleString('en')} pods (churn ${r.churn}/s)`)],
  ['demo: start → listening', ...rows.map((r) => s(r.demoStartMs))],
  ['demo: RSS at start / at the end', ...rows.map((r) => `${mib(r.demoRssStart)} / ${mib(r.demoRssEnd)}`)],
  [
    'one unpaged list (bytes per pod)',
    ...rows.map(
      (r) => `${(r.limit.bytes / 2 ** 20).toFixed(0)} MiB (${(r.limit.bytes / r.limit.items).toFixed(0)} B)`,
    ),
  ],
  [
    'physical limit: curl + JSON.parse',
    ...rows.map(
      (r) =>
        `${s(r.limitMs)} (${s(r.limit.curlMs)} + ${s(r.limit.parseMs)}${r.limit.sliced ? ', parsed in slices' : ''})`,
    ),
  ],
  [
    'kubectl get pods -A',
    ...rows.map((r) =>
      r.kubectlError !== undefined
        ? `failed: ${r.kubectlError.slice(0, 90)}`
        : `${s(r.kubectlMs)} (median of ${r.kubectlRuns})`,
    ),
  ],
  ['launch → first rows', ...rows.map((r) => `${s(r.firstRowsMs)} (median of ${r.launches})`)],
  [
    'launch → every pod listed and live',
    ...rows.map((r) =>
      r.liveMs === undefined
        ? `not live in ${s(Math.max(120_000, 4 * (r.kubectlMs ?? r.limitMs)))}: "${r.notLiveHeader}"`
        : `${s(r.liveMs)} = ${ratio(r.liveMs, r.kubectlMs)} kubectl, ${ratio(r.liveMs, r.limitMs)} the limit`,
    ),
  ],
  ['RSS when live', ...rows.map((r) => mib(r.rssLive))],
  [`RSS after ${SOAK_MIN} min following`, ...rows.map((r) => mib(r.rssSoak))],
  [
    'keypress → frame, median / p95',
    ...rows.map((r) => `${ms(r.keyMedian)} / ${ms(r.keyP95)} (${r.keySamples} keys)`),
  ],
  ['event → screen, p50 / p95', ...rows.map((r) => `${ms(r.eventP50)} / ${ms(r.eventP95)} (30 pods)`)],
  ['CPU while following (10 s)', ...rows.map((r) => `${r.cpuPct.toFixed(0)} % of a core`)],
  ['load average before / after', ...rows.map((r) => `${r.loadBefore} / ${r.loadAfter}`)],
];
const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(line(table[0]));
console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
for (const r of table.slice(1)) console.log(line(r));
process.exit(0);
