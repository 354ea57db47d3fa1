// Full sync of the pods list at scale, the kube layer alone (no React): `PodStore` against `podscope demo --pods N`
// in its own process, timed from start to `live` (every pod listed, watch open), beside `kubectl get pods -A` and
// the physical limit (one unpaged GET of the whole list fetched with curl, plus `JSON.parse` of that body in Node),
// all in the same run. Prints numbers; asserts nothing. Needs curl and kubectl.
// Run: npm run build && node test/bench/listSync.mjs [--no-watch-list] [--churn N] [PODS...]   (e.g. 10000 30000)
// PODSCOPE_LIST_MODE=watchlist|paged picks the podStore's strategy (default: what the store does by itself).
// --no-watch-list starts the demo as a server without the WatchList feature (the store falls back to the paged list
// after its 422); --churn N has the demo change N pods a second (with its 20,000 changes of history, a paged list
// slower than 20,000/N s has its continue token expire: the line then says how the list finished).
// ONLY_PODSCOPE=1 skips kubectl and the limit (at 100,000 pods kubectl alone takes minutes).
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { clearInterval, setInterval } from 'node:timers';
import { join } from 'node:path';
import { PodStore } from '../../dist/kube/podStore.js';
import { loadKubeconfigFile } from '../../dist/kube/kubeconfigFiles.js';
import { startDemoProcess } from './demoProcess.mjs';

const argv = process.argv.slice(2);
const noWatchList = argv.includes('--no-watch-list');
const churnAt = argv.indexOf('--churn');
const churn = churnAt >= 0 ? Number(argv[churnAt + 1]) : 0;
const sizes = argv
  .filter((a, i) => !a.startsWith('--') && i !== churnAt + 1)
  .map(Number)
  .filter((n) => n > 0);
const f = (ms) => (ms / 1000).toFixed(2);

/** The server and credentials of the kubeconfig's current context, for curl. */
function curlArgs(kubeconfig, dir) {
  const out = execFileSync('kubectl', [
    '--kubeconfig',
    kubeconfig,
    'config',
    'view',
    '--raw',
    '--minify',
    '-o',
    'json',
  ]);
  const kc = JSON.parse(out);
  const cluster = kc.clusters[0].cluster;
  const user = kc.users[0].user;
  const args = ['-sS', '-k', '-o', join(dir, 'list.json')];
  if (user.token) args.push('-H', `Authorization: Bearer ${user.token}`);
  if (user.username) args.push('-u', `${user.username}:${user.password}`);
  if (user['client-certificate-data']) {
    const cert = join(dir, 'c.crt');
    const key = join(dir, 'c.key');
    execFileSync('sh', [
      '-c',
      `echo ${user['client-certificate-data']} | base64 -d > ${cert}; echo ${user['client-key-data']} | base64 -d > ${key}`,
    ]);
    args.push('--cert', cert, '--key', key);
  }
  return { server: cluster.server, args };
}

function physicalLimit(kubeconfig, dir) {
  const { server, args } = curlArgs(kubeconfig, dir);
  const t0 = performance.now();
  execFileSync('curl', [...args, `${server}/api/v1/pods`]);
  const curlMs = performance.now() - t0;
  const text = readFileSync(join(dir, 'list.json'), 'utf8');
  const t1 = performance.now();
  JSON.parse(text);
  const parseMs = performance.now() - t1;
  return { curlMs, parseMs, bytes: Buffer.byteLength(text) };
}

function kubectlMs(kubeconfig, dir) {
  const t0 = performance.now();
  execFileSync(
    'kubectl',
    ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache'), 'get', 'pods', '-A', '--no-headers'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
      maxBuffer: 1 << 30,
    },
  );
  return performance.now() - t0;
}

async function podscopeSync(kubeconfig) {
  const kc = loadKubeconfigFile(kubeconfig);
  const mode = process.env.PODSCOPE_LIST_MODE;
  const store = new PodStore(kc, mode ? { watchList: mode === 'watchlist' } : {});
  const states = [];
  const t0 = performance.now();
  let first;
  const done = new Promise((resolve) => {
    store.subscribe(() => {
      const s = store.getSnapshot();
      if (first === undefined && s.pods.size > 0) first = performance.now() - t0;
      const said = s.sync.kind === 'reconnecting' ? `reconnecting (${s.sync.error})` : s.sync.kind;
      if (said !== states.at(-1)) states.push(said);
      if (s.sync.kind === 'live') resolve(performance.now() - t0);
    });
  });
  store.start();
  // A line every 15 s while it lists (at 100,000 pods on a shared machine it takes minutes).
  const progress = setInterval(() => {
    const s = store.getSnapshot();
    const r = store.reflector.stats();
    console.log(
      `  … ${f(performance.now() - t0)} s: ${s.sync.kind}${s.sync.loaded === undefined ? '' : ` ${s.sync.loaded}`}` +
        `${s.sync.total === undefined ? '' : ` of ${s.sync.total}`}, ${s.pods.size} rows; lists ${r.lists}, ` +
        `unpaged after an expired token ${r.fullLists}; load ${loadavg()[0].toFixed(2)}`,
    );
  }, 15_000);
  const live = await done.finally(() => clearInterval(progress));
  const n = store.getSnapshot().pods.size;
  // The reflector's own counters (private to the store; read here for the bench only): lists started, paged lists
  // finished as one unpaged list after an expired continue token, lists streamed.
  const { lists, fullLists, streamed } = store.reflector.stats();
  store.stop();
  return { first, live, n, rss: process.memoryUsage().rss, how: { lists, fullLists, streamed, states } };
}

/** How the list went: streamed or paged, and whether a continue token expired. */
const how = ({ lists, fullLists, streamed, states }) =>
  `${streamed ? 'streamed' : 'paged'}; lists ${lists}, finished unpaged after an expired token ${fullLists}; ` +
  `states ${states.join('→')}`;

for (const pods of sizes) {
  const d = await startDemoProcess([
    '--pods',
    String(pods),
    '--seed',
    '1',
    ...(noWatchList ? ['--no-watch-list'] : []),
    ...(churn ? ['--churn', String(churn)] : []),
  ]);
  console.log(
    `${pods} pods: demo up in ${f(d.startMs)} s (churn ${churn}/s${noWatchList ? ', no watch-list' : ''})`,
  );
  try {
    if (process.env.ONLY_PODSCOPE) {
      const ps = await podscopeSync(d.kubeconfig);
      console.log(
        `${pods} pods (load ${loadavg()[0].toFixed(2)}): podscope first rows ${f(ps.first)} s, live ${f(ps.live)} s ` +
          `(${ps.n} pods, rss ${(ps.rss / 1e6).toFixed(0)} MB; ${how(ps.how)})`,
      );
      continue;
    }
    kubectlMs(d.kubeconfig, d.dir); // discovery cache, as a user's second command
    const limit = physicalLimit(d.kubeconfig, d.dir);
    const kubectl = kubectlMs(d.kubeconfig, d.dir);
    const ps = await podscopeSync(d.kubeconfig);
    const limitMs = limit.curlMs + limit.parseMs;
    console.log(
      `${pods} pods (${(limit.bytes / 1e6).toFixed(1)} MB unpaged; load ${loadavg()[0].toFixed(2)}): ` +
        `podscope first rows ${f(ps.first)} s, live ${f(ps.live)} s (${ps.n} pods, rss ${(ps.rss / 1e6).toFixed(0)} MB) | ` +
        `kubectl get pods -A ${f(kubectl)} s | limit ${f(limitMs)} s (curl ${f(limit.curlMs)} + JSON.parse ${f(limit.parseMs)}) | ` +
        `podscope/limit ${(ps.live / limitMs).toFixed(2)}×, /kubectl ${(ps.live / kubectl).toFixed(2)}× (${how(ps.how)})`,
    );
  } finally {
    d.child.kill();
    rmSync(d.dir, { recursive: true, force: true });
  }
}
