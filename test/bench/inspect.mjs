// Cost of the inspect views' formatting per render: describePod, podYaml (with spans) and containerRows on the
// ten-container fixture, and describePod with 200 events. Run `npm run build` first; prints ms per call.
import { readFileSync } from 'node:fs';
import { describePod } from '../../dist/domain/describe/describePod.js';
import { podYamlLines } from '../../dist/domain/podYaml.js';
import { containerRows } from '../../dist/domain/containerRows.js';

const pod = JSON.parse(
  readFileSync(new URL('../fixtures/inspect/ten-containers.json', import.meta.url), 'utf8'),
);
const now = Date.parse('2025-03-14T12:00:00Z');
const events = Array.from({ length: 200 }, (_, i) => ({
  metadata: { name: `e${i}`, namespace: 'default' },
  involvedObject: { kind: 'Pod', name: 'p', fieldPath: 'spec.containers{c1}' },
  type: i % 3 ? 'Normal' : 'Warning',
  reason: 'BackOff',
  message: `Back-off restarting failed container c1 in pod p_default (attempt ${i})`,
  source: { component: 'kubelet' },
  count: i + 1,
  firstTimestamp: new Date(now - 3600_000).toISOString(),
  lastTimestamp: new Date(now - i * 1000).toISOString(),
}));

function bench(name, fn, n = 500) {
  for (let i = 0; i < 50; i++) fn();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn();
  console.log(`${name.padEnd(40)} ${((performance.now() - t0) / n).toFixed(3)} ms`);
}

bench('describePod (10 containers, no events)', () => describePod(pod, [], now));
bench('describePod (10 containers, 200 events)', () => describePod(pod, events, now));
bench('podYamlLines (10 containers)', () => podYamlLines(pod));
bench('containerRows (10 containers)', () => containerRows(pod, now));
