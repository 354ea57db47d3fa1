// Full sync of the pods list at scale, the kube layer alone (no React): `PodStore` against `podscope demo --pods N`
// in its own process, timed from start to `live` (every pod listed, watch open), beside `kubectl get pods -A` and
// the physical limit (one unpaged GET of the whole list fetched with curl, plus `JSON.parse` of that body in Node),
// all in the same run. Prints numbers; asserts nothing. Needs curl and kubectl.
// Run: npm run build && node test/bench/listSync.mjs [PODS...]   (e.g. 10000 30000)
// PODSCOPE_LIST_MODE=watchlist|paged picks the podStore's strategy (default: what the store does by itself).
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { PodStore } from '../../dist/kube/podStore.js';
import { loadKubeconfigFile } from '../../dist/kube/kubeconfigFiles.js';
import { startDemoProcess } from './demoProcess.mjs';

const sizes = process.argv
  .slice(2)
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
  const t0 = performance.now();
  let first;
  const done = new Promise((resolve) => {
    store.subscribe(() => {
      const s = store.getSnapshot();
      if (first === undefined && s.pods.size > 0) first = performance.now() - t0;
      if (s.sync.kind === 'live') resolve(performance.now() - t0);
    });
  });
  store.start();
  const live = await done;
  const n = store.getSnapshot().pods.size;
  store.stop();
  return { first, live, n, rss: process.memoryUsage().rss };
}

for (const pods of sizes) {
  const d = await startDemoProcess(['--pods', String(pods), '--seed', '1']);
  try {
    if (process.env.ONLY_PODSCOPE) {
      const ps = await podscopeSync(d.kubeconfig);
      console.log(`${pods} pods: podscope first rows ${f(ps.first)} s, live ${f(ps.live)} s (${ps.n} pods)`);
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
        `podscope/limit ${(ps.live / limitMs).toFixed(2)}×, /kubectl ${(ps.live / kubectl).toFixed(2)}×`,
    );
  } finally {
    d.child.kill();
    rmSync(d.dir, { recursive: true, force: true });
  }
}
