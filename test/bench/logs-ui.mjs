#!/usr/bin/env node
// Benchmark of the logs view (issue 5) against `podscope demo`: a pod of image podscope/firehose (as many lines
// as the stream carries) open in the logs view, in tmux; keys pressed one at a time as a person does — scroll up
// (pauses), down, timestamps, wrap, JSON, follow — and keypress → frame written, from the PODSCOPE_BENCH=1
// probes in the --debug file. Also the lines the view took in, the CPU and RSS of the dashboard meanwhile.
// Prints numbers; asserts nothing (the goal: keypress → frame under 50 ms). Needs tmux.
// Run: npm run build && node test/bench/logs-ui.mjs [--keys N (60)]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig, CoreV1Api } from '@kubernetes/client-node';
import { TmuxSession } from '../support/tmux.ts';

const BIN = join(import.meta.dirname, '../../bin/podscope.js');
const args = process.argv.slice(2);
const KEYS = Number(args[args.indexOf('--keys') + 1] || 60);
const SEQUENCE = ['k', 'k', 'PageUp', 'j', 't', 't', 'w', 'w', 'J', 'J', 'f', 'PageUp'];

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'podscope-bench-logs-ui-'));
const kubeconfig = join(dir, 'kc.yaml');
const demo = spawn(process.execPath, [BIN, 'demo', '--port', '0', '--kubeconfig-out', kubeconfig], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
let out = '';
await new Promise((resolve) =>
  demo.stdout.on('data', (d) => (out += d) && out.includes('kubeconfig written') && resolve()),
);

const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
await kc.makeApiClient(CoreV1Api).createNamespacedPod({
  namespace: 'default',
  body: {
    metadata: { name: 'firehose' },
    spec: { containers: [{ name: 'firehose', image: 'podscope/firehose' }] },
  },
});

const log = join(dir, 'debug.log');
const t = await TmuxSession.start({
  command: [process.execPath, BIN, '--kubeconfig', kubeconfig, '-n', 'default', '--debug', log],
  cols: 160,
  rows: 50,
  env: { PODSCOPE_BENCH: '1' },
});
await t.waitForText('● live', 60_000);
await t.sendKeys('/');
await t.sendText('^firehose');
await t.sendKeys('Enter');
await t.waitForText(/^› +firehose /m);
await t.sendKeys('l');
await t.waitForText(/● following .*[\d,]{7,} lines/, 60_000);

const tty = (await t.paneState()).tty.replace('/dev/', '');
const pid = Number(
  spawnSync('pgrep', ['-t', tty, '-f', '^podscope'], { encoding: 'utf8' }).stdout.trim().split('\n')[0],
);
const ticks = () => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(f[11]) + Number(f[12]);
};
const rssMiB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const received = async () =>
  Number((/([\d,]+) lines/.exec(await t.capture())?.[1] ?? '0').replaceAll(',', ''));

const keyLines = () =>
  existsSync(log)
    ? readFileSync(log, 'utf8')
        .split('\n')
        .filter((l) => l.includes('key->frame'))
    : [];
const before = keyLines().length;
const c0 = ticks();
const w0 = performance.now();
const r0 = await received();
for (let i = 0; i < KEYS; i++) {
  await t.sendKeys(SEQUENCE[i % SEQUENCE.length]);
  await sleep(150);
}
const seconds = (performance.now() - w0) / 1000;
const r1 = await received();
const cpu = ((ticks() - c0) / 100 / seconds) * 100;
const rss = rssMiB();
await waitFor(() => keyLines().length >= before + KEYS * 0.9, 'the key probes', 10_000).catch(
  () => undefined,
);
const keys = keyLines()
  .slice(before)
  .map((l) => Number(/key->frame ([\d.]+)/.exec(l)[1]));
const screen = await t.capture();
await t.kill();
demo.kill('SIGTERM');

const f = (x) => (x === undefined ? '-' : x.toFixed(x < 10 ? 1 : 0));
console.log(`logs view on a firehose pod (160x50, tmux), ${KEYS} keys: ${SEQUENCE.join(' ')} …`);
console.log(
  `  keypress → frame: median ${f(pct(keys, 0.5))} ms, p95 ${f(pct(keys, 0.95))} ms, max ${f(Math.max(...keys))} ms (${keys.length} samples; goal < 50 ms)`,
);
console.log(`  lines taken in while keys were pressed: ${f((r1 - r0) / seconds / 1000)}k lines/s`);
console.log(`  dashboard CPU ${f(cpu)} % of one core, RSS ${f(rss)} MiB`);
console.log(
  `  status line at the end: ${screen
    .split('\n')
    .find((l) => l.startsWith('Logs '))
    ?.trim()}`,
);
process.exit(0);
