#!/usr/bin/env node
// Benchmark of the demo cluster at size (issue 17, "The demo at 100k"): `podscope demo --pods N --churn C` in its
// own process, and what it costs to serve that many pods while churning, with kubectl and curl as the clients:
//   start → listening (wall, and the demo's own CPU), RSS at start
//   RSS after S seconds of churn (and its peak meanwhile), and a watch of every pod over the last 10 s of them:
//   events received per second against the churn asked for
//   `kubectl get pods -A --chunk-size=0 | wc -l` (one unpaged list through kubectl): time, lines, the demo's peak RSS
//   curl of the unpaged list (what the bytes cost): time, size, the demo's peak RSS
//   `kubectl get pods -A` (kubectl's 500-pod pages)
// Prints numbers; asserts nothing. Needs kubectl and curl, and Node 24 (client-node). Run: npm run build, then
//   node_modules/node/bin/node test/bench/demoStart.mjs [--pods 100000] [--churn 1000] [--soak-s 60] [--starts 1] [--no-lists]
import { spawn } from 'node:child_process';
import { request } from 'node:https';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { clearInterval, setInterval } from 'node:timers';
import { join } from 'node:path';
import { startDemoProcess } from './demoProcess.mjs';
import { cpuTicks, rssMiB, sleep } from './dashboardMeasures.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const PODS = Number(opt('pods', '100000'));
const CHURN = Number(opt('churn', '1000'));
const SOAK_S = Number(opt('soak-s', '60'));
const STARTS = Number(opt('starts', '1'));
const LISTS = !args.includes('--no-lists');

const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
const s = (ms) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);
const mib = (x) => (x === undefined ? '—' : `${Math.round(x)} MiB`);

/** The server, token and CA of the kubeconfig's current context (the admin), read without client-node. */
function credentials(d) {
  const text = readFileSync(d.kubeconfig, 'utf8');
  const field = (name) => new RegExp(`${name}: *"?([^"\\n]+)"?`).exec(text)?.[1];
  const ca = join(d.dir, 'ca.crt');
  writeFileSync(ca, Buffer.from(field('certificate-authority-data'), 'base64'));
  return { server: field('server'), token: field('token'), ca, caPem: readFileSync(ca) };
}

/** Samples a process's RSS every 200 ms until stopped; resolves with the peak. */
function rssPeak(pid) {
  let peak = rssMiB(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssMiB(pid));
    } catch {
      /* the process is gone */
    }
  }, 200);
  return () => {
    clearInterval(timer);
    return peak;
  };
}

/** Runs a shell command line to its end; its wall time (ms) and output. */
function timedShell(line) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn('sh', ['-c', line], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('exit', (code) =>
      code === 0 ? resolve({ ms: performance.now() - t0, out }) : reject(new Error(`${line}: ${err}`)),
    );
  });
}

/** GET of a path on the demo, parsed. */
function getJson(c, path) {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, c.server),
      { ca: c.caPem, headers: { Authorization: `Bearer ${c.token}` } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve(JSON.parse(body)));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Watch events of every pod received over `seconds` from now (the version of a one-pod list), and whether the stream stayed open. */
async function watchRate(c, seconds) {
  const rv = (await getJson(c, '/api/v1/pods?limit=1')).metadata.resourceVersion;
  return new Promise((resolve, reject) => {
    const url = new URL(`/api/v1/pods?watch=1&allowWatchBookmarks=true&resourceVersion=${rv}`, c.server);
    let events = 0;
    let rest = '';
    let t0 = 0;
    const req = request(url, { ca: c.caPem, headers: { Authorization: `Bearer ${c.token}` } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`watch: HTTP ${res.statusCode}`));
      t0 = performance.now();
      res.setEncoding('utf8');
      res.on('data', (d) => {
        const lines = (rest + d).split('\n');
        rest = lines.pop();
        for (const l of lines) if (l && !l.startsWith('{"type":"BOOKMARK"')) events++;
      });
      res.on('end', () =>
        resolve({ events, perSecond: events / ((performance.now() - t0) / 1000), ended: true }),
      );
      setTimeout(() => {
        req.destroy();
        resolve({ events, perSecond: events / ((performance.now() - t0) / 1000), ended: false });
      }, seconds * 1000);
    });
    req.on('error', (e) => (t0 ? undefined : reject(e)));
    req.end();
  });
}

async function once(n) {
  const row = { loadBefore: load() };
  const d = await startDemoProcess(['--pods', String(PODS), '--churn', String(CHURN)], 'podscope-demostart-');
  const pid = d.child.pid;
  try {
    row.startMs = d.startMs;
    row.cpuStartS = cpuTicks(pid) / 100;
    row.rssStart = rssMiB(pid);
    process.stderr.write(`demoStart ${n}: listening after ${s(row.startMs)}, RSS ${mib(row.rssStart)}\n`);
    if (n > 0) return row;
    const c = credentials(d);
    const stopSoak = rssPeak(pid);
    await sleep(Math.max(0, SOAK_S - 10) * 1000);
    // The last 10 s of the soak: what a watcher gets once the start is behind.
    row.watch = await watchRate(c, 10);
    row.rssSoakPeak = stopSoak();
    row.rssSoak = rssMiB(pid);
    if (!LISTS) return row;
    const kc = `--kubeconfig=${d.kubeconfig} --cache-dir=${d.cacheDir}`;
    let stop = rssPeak(pid);
    const unpaged = await timedShell(`kubectl ${kc} get pods -A --chunk-size=0 | wc -l`);
    row.kubectlUnpaged = { ms: unpaged.ms, lines: Number(unpaged.out.trim()), rssPeak: stop() };
    const file = join(tmpdir(), `podscope-demostart-${process.pid}.json`);
    stop = rssPeak(pid);
    const curl = await timedShell(
      `curl -sS --fail --cacert ${c.ca} -H 'Authorization: Bearer ${c.token}' -o ${file} ${c.server}/api/v1/pods`,
    );
    row.curl = { ms: curl.ms, bytes: statSync(file).size, rssPeak: stop() };
    rmSync(file);
    stop = rssPeak(pid);
    const paged = await timedShell(`kubectl ${kc} get pods -A | wc -l`);
    row.kubectlPaged = { ms: paged.ms, lines: Number(paged.out.trim()), rssPeak: stop() };
    row.rssEnd = rssMiB(pid);
    return row;
  } finally {
    row.loadAfter = load();
    d.child.kill('SIGTERM');
    process.stderr.write(`${JSON.stringify(row)}\n`);
  }
}

process.stderr.write(`bench:demoStart: ${PODS} pods, churn ${CHURN}/s (load ${load()})…\n`);
const rows = [];
for (let n = 0; n < STARTS; n++) rows.push(await once(n));
const r = rows[0];
const starts = rows.map((x) => s(x.startMs)).join(', ');
const out = [
  [`podscope demo --pods ${PODS} --churn ${CHURN}`, ''],
  ['start → listening', starts],
  ['demo CPU to listening', rows.map((x) => `${x.cpuStartS.toFixed(1)} s`).join(', ')],
  ['RSS at start', rows.map((x) => mib(x.rssStart)).join(', ')],
  [
    'watch of all pods: events/s (asked)',
    r.watch ? `${r.watch.perSecond.toFixed(0)} (${CHURN})${r.watch.ended ? ', ended early' : ''}` : '—',
  ],
  [`RSS after ${SOAK_S} s of churn (peak)`, `${mib(r.rssSoak)} (${mib(r.rssSoakPeak)})`],
];
if (r.kubectlUnpaged) {
  out.push(
    [
      'kubectl get pods -A --chunk-size=0 | wc -l',
      `${s(r.kubectlUnpaged.ms)}, ${r.kubectlUnpaged.lines} lines, demo RSS peak ${mib(r.kubectlUnpaged.rssPeak)}`,
    ],
    [
      'curl of the unpaged list',
      `${s(r.curl.ms)}, ${(r.curl.bytes / 2 ** 20).toFixed(0)} MiB (${Math.round(r.curl.bytes / PODS)} B/pod), demo RSS peak ${mib(r.curl.rssPeak)}`,
    ],
    [
      'kubectl get pods -A (500-pod pages)',
      `${s(r.kubectlPaged.ms)}, ${r.kubectlPaged.lines} lines, demo RSS peak ${mib(r.kubectlPaged.rssPeak)}`,
    ],
    ['RSS at the end', mib(r.rssEnd)],
  );
}
out.push(['load average before / after', rows.map((x) => `${x.loadBefore} / ${x.loadAfter}`).join('; ')]);
const w = Math.max(...out.map(([k]) => k.length));
for (const [k, v] of out) process.stdout.write(`${k.padEnd(w)}  ${v}\n`);
