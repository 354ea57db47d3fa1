// Create from a manifest (issue 15 §1), timed on the real binary against `podscope demo` on this machine: from
// Enter on Apply (the `:apply` confirm) to the new pod Running — on the API (the pod's status.phase, polled) and
// on screen (the describe view podscope jumps to says `Status: Running`) — and the dry run (Enter on `:apply FILE`
// to the preview). Seed 002's pod.yaml under a new name each round. Prints numbers; asserts nothing.
// Needs tmux. Run: npm run build && node test/bench/apply.mjs [--rounds N]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { TmuxSession } from '../support/tmux.ts';

const BIN = join(import.meta.dirname, '../../bin/podscope.js');
const args = process.argv.slice(2);
const ROUNDS = args.includes('--rounds') ? Number(args[args.indexOf('--rounds') + 1]) : 5;
const seedPod = readFileSync(new URL('../fixtures/manifests/seed002-pod.yaml', import.meta.url), 'utf8');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function startDemo(dir) {
  const kubeconfig = join(dir, 'kc.yaml');
  const child = spawn(process.execPath, [BIN, 'demo', '--kubeconfig-out', kubeconfig], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise((resolve) =>
    child.stdout.on('data', (d) => (out += d) && out.includes('kubeconfig written') && resolve()),
  );
  return { child, kubeconfig };
}

/** Polls `check` every 5 ms until it is truthy; resolves with the time it became so. */
async function until(check, what, timeoutMs = 60_000) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await check()) return performance.now();
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const dir = mkdtempSync(join(tmpdir(), 'podscope-bench-apply-'));
const demo = await startDemo(dir);
const kc = new KubeConfig();
kc.loadFromFile(demo.kubeconfig);
const core = kc.makeApiClient(CoreV1Api);
const t = await TmuxSession.start({
  command: [process.execPath, BIN, '--kubeconfig', demo.kubeconfig, '-n', 'frontend'],
  cols: 120,
  rows: 40,
  cwd: dir,
});
const dryRun = [];
const api = [];
const screen = [];
try {
  await t.waitForText('● live', 30_000);
  for (let i = 1; i <= ROUNDS; i++) {
    const name = `hello-${i}`;
    writeFileSync(
      join(dir, `${name}.yaml`),
      seedPod.replaceAll('hello', name).replace(`image: ubuntu/${name}`, 'image: ubuntu/helloworld'),
    );
    await t.sendKeys('A');
    await t.waitForText(/^:apply\s*$/m);
    await t.sendText(`${name}.yaml`);
    const d0 = performance.now();
    await t.sendKeys('Enter');
    await t.waitForText(`pod/${name} (namespace frontend): create`);
    dryRun.push(performance.now() - d0);
    await t.sendKeys('Tab');
    await t.waitForText(/^ Cancel {4}Apply$/m);
    const t0 = performance.now();
    await t.sendKeys('Enter');
    const onApi = until(
      async () =>
        (await core.readNamespacedPod({ name, namespace: 'frontend' }).catch(() => undefined))?.status
          ?.phase === 'Running',
      `${name} Running on the API`,
    );
    const onScreen = until(
      async () => /^Status:\s+Running$/m.test(await t.capture()) && (await t.capture()).includes(name),
      `${name} Running on screen`,
    );
    api.push((await onApi) - t0);
    screen.push((await onScreen) - t0);
    await t.sendKeys('Escape');
    await t.waitForText(`pod/${name} (namespace frontend) created`);
    await t.sendKeys('Escape');
    await t.waitForText(/^\s*NAME\s/m);
  }
} finally {
  await t.kill();
  demo.child.kill();
}
const fmt = (xs) => `median ${median(xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(', ')})`;
console.log(`rounds: ${ROUNDS}, seed 002 pod.yaml, demo cluster, namespace frontend`);
console.log(`dry run, Enter on :apply FILE → preview shown:        ${fmt(dryRun)}`);
console.log(`Apply confirmed → pod Running (API status.phase):     ${fmt(api)}`);
console.log(`Apply confirmed → "Status: Running" in describe view: ${fmt(screen)}`);
