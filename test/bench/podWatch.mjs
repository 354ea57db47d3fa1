// Cost of issue 16's pod watch per pods-list flush at 10,000 pods: the restart history's and the alert watch's
// pass over the store's pods (identity compare; restart counts and the printer's STATUS only for changed pods).
// Run `npm run build` first (npm run bench:podwatch does); prints ms per flush.
import { readFileSync } from 'node:fs';
import { RestartHistory } from '../../dist/logs/restartHistory.js';
import { AlertWatch } from '../../dist/ui/alerts/alertWatch.js';
import { CowMap } from '../../dist/kube/cowMap.js';

const base = JSON.parse(
  readFileSync(new URL('../fixtures/pods/running-web-app.json', import.meta.url), 'utf8'),
);
const crashed = JSON.parse(
  readFileSync(new URL('../fixtures/pods/crash-loop-backoff.json', import.meta.url), 'utf8'),
);
const N = 10_000;
const named = (p, i) => ({ ...p, metadata: { ...p.metadata, namespace: `ns-${i % 50}`, name: `pod-${i}` } });
// The store's own map: sharded snapshots (src/kube/cowMap.ts), as the pods list publishes them.
const store = new CowMap();
for (let i = 0; i < N; i++) store.set(`ns-${i % 50}/pod-${i}`, named(base, i));
let pods = store.freeze();
/** A restart: the same pod with restartCount one higher. */
const restarted = (p) => ({
  ...p,
  status: {
    ...p.status,
    containerStatuses: p.status.containerStatuses.map((c) => ({ ...c, restartCount: c.restartCount + 1 })),
  },
});

let fetches = 0;
const history = new RestartHistory(
  {},
  { fetch: async () => (fetches++, { kind: 'lines', lines: [], bytes: 0 }) },
);
const alerts = new AlertWatch();
alerts.onFlash = () => {};
const look = (baseline) => {
  history.observe(pods);
  alerts.observe(pods, baseline);
};
look(true);

function bench(name, change, n = 200) {
  const times = [];
  for (let r = 0; r < n; r++) {
    change(store, r);
    pods = store.freeze();
    const t0 = performance.now();
    look(false);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / n;
  console.log(
    `${name.padEnd(52)} mean ${mean.toFixed(3)} ms  p95 ${times[Math.floor(n * 0.95)].toFixed(3)} ms`,
  );
}

bench('10,000 pods, nothing changed', () => {});
bench('10,000 pods, 10 changed, 1 restarted (churn 200/s)', (m, r) => {
  for (let i = 0; i < 10; i++) {
    const k = (r * 10 + i) % N;
    const key = `ns-${k % 50}/pod-${k}`;
    m.set(key, i === 0 ? restarted(m.get(key)) : named(r % 2 ? base : crashed, k));
  }
});
bench(
  '10,000 pods, 1,000 changed (a relist)',
  (m, r) => {
    for (let i = 0; i < 1000; i++) {
      const k = (r * 1000 + i) % N;
      m.set(`ns-${k % 50}/pod-${k}`, named(r % 2 ? base : crashed, k));
    }
  },
  50,
);
history.stop();
alerts.stop();
const kinds = {};
for (const r of history.getSnapshot().records) kinds[r.lines.kind] = (kinds[r.lines.kind] ?? 0) + 1;
// The loop never yields, so no fetch completes: 4 run, 100 wait, the rest are recorded as not read (the bound).
console.log(`restarts recorded ${history.getSnapshot().records.length}, fetches started ${fetches}:`, kinds);
