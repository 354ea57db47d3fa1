#!/usr/bin/env node
// The pod table's derivation with a filter typed (PodRowsDeriver: rows → sort → filter), at N demo pods: the time of
// each keystroke while the filter is typed, then the time per flush while K pods change per flush with the filter
// on — the cost issue 17's "event → screen" goal at 100k pays on every flush. Prints numbers; asserts nothing.
// Run: npm run build && node test/bench/filterRows.mjs [--pods 100000] [--changes 50] [--filter kiada] [--flushes 200]
// PODSCOPE_DIST=dir points it at another build of src/ (default: dist/), to compare two builds.
const args = process.argv.slice(2);
const opt = (name, def) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : def);
const PODS = Number(opt('pods', '100000'));
const CHANGES = Number(opt('changes', '50'));
const FILTER = opt('filter', 'kiada');
const FLUSHES = Number(opt('flushes', '200'));

const dist = process.env.PODSCOPE_DIST
  ? new URL(`file://${process.env.PODSCOPE_DIST}/`)
  : new URL('../../dist/', import.meta.url);
const load = (path) => import(new URL(path, dist).href);
const { startDemoCluster } = await load('demo/server.js');
const { getJson } = await load('kube/request.js');
const { decodePod } = await load('kube/decode/pod.js');
const { slimPod } = await load('kube/slimPod.js');
const { CowMap } = await load('kube/cowMap.js');
const { PodRowsDeriver } = await load('ui/podRowsDeriver.js');

const demo = await startDemoCluster({ pods: PODS, seed: 1 });
const pods = [];
// In pages: an unpaged list of 100,000 real-size pods is longer than the longest string V8 makes.
for (let next = ''; ;) {
  const page = await getJson(
    demo.kubeConfig(),
    `/api/v1/pods?limit=5000${next ? `&continue=${encodeURIComponent(next)}` : ''}`,
    {},
  );
  for (const p of page.items) pods.push(slimPod(decodePod(p)));
  next = page.metadata.continue;
  if (!next) break;
}
await demo.close();

const map = new CowMap();
const keyOf = (p) => `${p.metadata.namespace}/${p.metadata.name}`;
for (const p of pods) map.set(keyOf(p), p);
const deriver = new PodRowsDeriver();
const NO_METRICS = { availability: 'unavailable', pods: new Map(), version: 0 };
const derive = (filter) =>
  deriver.derive({
    pods: { pods: map.freeze(), version: 1, sync: { kind: 'live' }, stale: false },
    metrics: NO_METRICS,
    filter,
    sort: undefined,
    allNamespaces: true,
    wide: false,
  });
const timed = (f) => {
  const t0 = performance.now();
  const value = f();
  return { ms: performance.now() - t0, value };
};

derive('');
const typing = [];
for (let i = 1; i <= FILTER.length; i++) {
  const { ms, value } = timed(() => derive(FILTER.slice(0, i)));
  typing.push(`${FILTER.slice(0, i)} ${ms.toFixed(1)} ms (${value.rows.length} rows)`);
}
const flushes = [];
for (let f = 0; f < FLUSHES; f++) {
  for (let k = 0; k < CHANGES; k++) {
    const p = pods[(f * 37 + k * 1013) % pods.length];
    const phase = k % 2 ? 'Running' : 'Pending';
    map.set(keyOf(p), {
      ...p,
      metadata: { ...p.metadata, resourceVersion: `${f}.${k}` },
      status: { ...p.status, phase },
    });
  }
  flushes.push(timed(() => derive(FILTER)).ms);
}
flushes.sort((a, b) => a - b);
const at = (q) => flushes[Math.min(flushes.length - 1, Math.floor(q * flushes.length))].toFixed(2);
console.log(`${PODS} pods, filter "${FILTER}", build ${dist.pathname}`);
console.log(`typing: ${typing.join(', ')}`);
console.log(`per flush (${CHANGES} changed pods): median ${at(0.5)} ms, p95 ${at(0.95)} ms`);
