#!/usr/bin/env node
// Benchmark of podscope under API priority and fairness throttling (issue 12 §3), measured at the server: the
// demo cluster (10,000 pods) with a request budget per user, and the stores a dashboard runs with a pod open —
// the pod list (all namespaces), metrics, the pod's detail and its events — started together. For each budget:
// time to a live list, requests the server saw per second (mean and peak in any one second), how many it turned
// away (429), and the shortest gap between a 429 and the same stream's next request against the Retry-After
// it was told. Prints numbers; asserts nothing (test/kube/throttle.test.ts asserts the bound).
// Run: npm run bench:throttle [-- --pods N --budgets 2,5,20 --seconds S]
// PODSCOPE_DIST=dir points it at another build of src/ (default: dist/).
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const PODS = Number(opt('pods', '10000'));
const BUDGETS = opt('budgets', '2,5,20').split(',').map(Number);
/** How long to keep following after the list is live (watch resumes after dropped watches included). */
const SECONDS = Number(opt('seconds', '10'));
const dist = process.env.PODSCOPE_DIST
  ? new URL(`file://${process.env.PODSCOPE_DIST}/`)
  : new URL('../../dist/', import.meta.url);
const load = (path) => import(new URL(path, dist).href);

const { startDemoCluster } = await load('demo/server.js');
const { PodStore } = await load('kube/podStore.js');
const { MetricsStore } = await load('kube/metricsStore.js');
const { PodDetailStore } = await load('kube/podDetail.js');
const { PodEventsStore } = await load('kube/podEventsStore.js');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function peakPerSecond(log) {
  let peak = 0;
  for (let i = 0, j = 0; i < log.length; i++) {
    while (log[i].at - log[j].at >= 1000) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

/** Per request stream (path + watch or not), the smallest (gap after a 429 − Retry-After told), ms. */
function minSlack(log) {
  const streams = new Map();
  for (const e of log) {
    const key = `${e.path} ${e.watch}`;
    if (!streams.has(key)) streams.set(key, []);
    streams.get(key).push(e);
  }
  let slack = Infinity;
  for (const s of streams.values()) {
    for (let i = 0; i + 1 < s.length; i++) {
      if (s[i].status === 429) slack = Math.min(slack, s[i + 1].at - s[i].at - (s[i].retryAfter ?? 0) * 1000);
    }
  }
  return slack;
}

console.log(`podscope throttling benchmark: ${PODS} pods; stores: pod list (all), metrics, detail, events`);
console.log('budget/s  to live   requests  mean/s  peak/s  429s  429/s  min slack after Retry-After');
for (const budget of BUDGETS) {
  const demo = await startDemoCluster({ pods: PODS, seed: 42, maxRequestsPerSecond: budget });
  const kc = demo.kubeConfig();
  const [ns, name] = [...demo.cluster.store.list((await load('demo/store/resourceTypes.js')).PODS, 'default')]
    .slice(0, 1)
    .map((p) => [p.metadata.namespace, p.metadata.name])[0];
  // Let the budget fill, then start everything at once, as opening podscope on a pod does.
  await sleep(1100);
  const t0 = Date.now();
  const pods = new PodStore(kc, {});
  const metrics = new MetricsStore(kc, {});
  const detail = new PodDetailStore(kc, ns, name);
  const events = new PodEventsStore(kc, { namespace: ns, name });
  pods.start();
  metrics.start();
  while (pods.getSnapshot().sync.kind !== 'live') await sleep(20);
  const toLive = Date.now() - t0;
  // Following: every watch is cut twice (as a restarting API server or proxy does), under the same budget.
  for (let i = 0; i < SECONDS; i++) {
    if (i === Math.floor(SECONDS / 3) || i === Math.floor((2 * SECONDS) / 3)) demo.dropWatches();
    await sleep(1000);
  }
  const log = demo.requests.since(t0);
  const secs = (Date.now() - t0) / 1000;
  const rejected = log.filter((e) => e.status === 429).length;
  const slack = minSlack(log);
  console.log(
    [
      String(budget).padStart(8),
      `${(toLive / 1000).toFixed(1)} s`.padStart(8),
      String(log.length).padStart(10),
      (log.length / secs).toFixed(1).padStart(7),
      String(peakPerSecond(log)).padStart(7),
      String(rejected).padStart(5),
      (rejected / secs).toFixed(2).padStart(6),
      (slack === Infinity ? '—' : `${slack} ms`).padStart(12),
    ].join(' '),
  );
  pods.stop();
  metrics.stop();
  detail.close();
  events.close();
  await demo.close();
}
