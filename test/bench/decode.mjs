#!/usr/bin/env node
// What decoding costs on the pods list path (issue 14): 10,000 pods — the 62 real-world pods of
// test/fixtures/pods/real-world/, each copied under new names — through `slimPod` alone and through
// `slimPod(decodePod(…))`, as a list page reaches the store. Fresh objects per round (JSON.parse), median of 7
// rounds. Prints numbers; asserts nothing. Run: npm run build && node test/bench/decode.mjs
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodePod } from '../../dist/kube/decode/pod.js';
import { slimPod } from '../../dist/kube/slimPod.js';

const DIR = join(import.meta.dirname, '../fixtures/pods/real-world');
const N = 10_000;
const ROUNDS = 7;

const real = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')).pod);
const items = Array.from({ length: N }, (_, i) => {
  const p = real[i % real.length];
  return { ...p, metadata: { ...p.metadata, name: `${p.metadata.name}-${i}`, namespace: `ns-${i % 50}` } };
});
const page = JSON.stringify({ kind: 'PodList', metadata: { resourceVersion: '1' }, items });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function run(label, each) {
  const times = [];
  for (let r = 0; r < ROUNDS + 1; r++) {
    const list = JSON.parse(page).items;
    const t0 = performance.now();
    for (const raw of list) each(raw);
    if (r > 0) times.push(performance.now() - t0); // the first round warms the JIT
  }
  const ms = median(times);
  console.log(
    `  ${label.padEnd(28)} ${ms.toFixed(1)} ms for ${N} pods (${((ms * 1e6) / N).toFixed(0)} ns a pod)`,
  );
  return ms;
}

console.log(`${N} pods (${(page.length / 1e6).toFixed(1)} MB of JSON), median of ${ROUNDS}:`);
const parse = [];
for (let r = 0; r < ROUNDS; r++) {
  const t0 = performance.now();
  JSON.parse(page);
  parse.push(performance.now() - t0);
}
console.log(`  ${'JSON.parse of the page'.padEnd(28)} ${median(parse).toFixed(1)} ms`);
// Twice, in both orders: the machine is shared, and the first to run pays for the intern table's growth.
let slim = Infinity;
let both = Infinity;
for (let i = 0; i < 2; i++) {
  both = Math.min(
    both,
    run('slimPod(decodePod)', (raw) => slimPod(decodePod(raw))),
  );
  slim = Math.min(
    slim,
    run('slimPod', (raw) => slimPod(raw)),
  );
}
const decode = run('decodePod', (raw) => decodePod(raw));
console.log(
  `  best of each: decoding adds ${(both - slim).toFixed(1)} ms (${(((both - slim) / slim) * 100).toFixed(0)} % of slimPod), alone ${decode.toFixed(1)} ms`,
);
