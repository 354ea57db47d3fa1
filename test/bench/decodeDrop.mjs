// Dropping fields while decoding vs after: one 500-pod list page of the demo (the size kubectl and podscope ask
// for), parsed (a) whole with JSON.parse then decoded and slimmed (what the pods list does), (b) with a
// JSON.parse reviver that drops managedFields and the fields podscope never shows as it parses, then slimmed.
// Prints ms per page and the bytes of managedFields. Run: npm run build && node test/bench/decodeDrop.mjs
import { startDemoCluster } from '../../dist/demo/server.js';
import { getJson } from '../../dist/kube/request.js';
import { decodePod } from '../../dist/kube/decode/pod.js';
import { slimPod } from '../../dist/kube/slimPod.js';
import { withoutManagedFields } from '../../dist/kube/decode/withoutManagedFields.js';
import { loadavg } from 'node:os';

const demo = await startDemoCluster({ pods: 2000, seed: 1 });
const kc = demo.kubeConfig();
const page = await getJson(kc, '/api/v1/pods', { query: { limit: 500 } });
await demo.close();
const text = JSON.stringify(page);
const mf = page.items.reduce((n, p) => n + JSON.stringify(p.metadata.managedFields ?? []).length, 0);

/** Fields of a pod's spec and status the list never reads (slimPod keeps the rest). */
const DROP = new Set([
  'managedFields',
  'volumes',
  'env',
  'envFrom',
  'volumeMounts',
  'livenessProbe',
  'readinessProbe',
  'startupProbe',
  'resources',
  'securityContext',
  'tolerations',
  'affinity',
]);
const reviver = (k, v) => (DROP.has(k) ? undefined : v);

function time(name, fn, n = 15) {
  fn();
  const t = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  console.log(`${name.padEnd(58)} median ${t[n >> 1].toFixed(1)} ms`);
}
console.log(
  `one page: ${page.items.length} pods, ${(text.length / 1e6).toFixed(2)} MB, managedFields ${((100 * mf) / text.length).toFixed(0)} % of it; load ${loadavg()[0].toFixed(1)}`,
);
time('JSON.parse alone', () => JSON.parse(text));
time('JSON.parse + decodePod + slimPod (the pods list today)', () =>
  JSON.parse(text).items.map((p) => slimPod(decodePod(p))),
);
time('JSON.parse with a reviver dropping fields', () => JSON.parse(text, reviver));
time('  … + decodePod + slimPod', () => JSON.parse(text, reviver).items.map((p) => slimPod(decodePod(p))));

// (c) The watch path: one line per pod (a watch-list's initial events), each parsed as it comes — whole, or with
// managedFields cut out of the text first (src/kube/decode/withoutManagedFields.ts; what the pods list does now).
const lines = page.items.map((p) => JSON.stringify({ type: 'ADDED', object: p }));
time('per-event lines: JSON.parse each', () => lines.map((l) => JSON.parse(l)));
time('per-event lines: cut managedFields from the text, then JSON.parse', () =>
  lines.map((l) => JSON.parse(withoutManagedFields(l))),
);
time('  … + decodePod + slimPod', () =>
  lines.map((l) => slimPod(decodePod(JSON.parse(withoutManagedFields(l)).object))),
);
time('per-event lines: the cut alone', () => lines.map((l) => withoutManagedFields(l)));
