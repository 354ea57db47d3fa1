#!/usr/bin/env node
// Benchmark of a shell's keystroke echo (issue 6): type one character, time until its echo comes back, through
// podscope's openShell (client-node Exec over WebSocket, in-process) and through `kubectl exec -it` (driven in
// a pty by `script`), both against the same busybox pod of a `podscope demo` running in its own process.
// Prints median and p95; asserts nothing. Run: npm run build && node test/bench/exec.mjs [--keys N]
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { KubeConfig } from '@kubernetes/client-node';
import { openShell } from '../../dist/kube/shell/openShell.js';
import { startDemoProcess } from './demoProcess.mjs';

const args = process.argv.slice(2);
const KEYS = Number(args[args.indexOf('--keys') + 1]) || 300;

function startDemo() {
  return startDemoProcess();
}

/** Types KEYS characters one at a time; each waits for its echo. `output` emits 'data' with text. */
async function echoTimes(write, output) {
  const next = (want) =>
    new Promise((resolve) => {
      let seen = '';
      const on = (text) => {
        seen += text;
        if (seen.includes(want)) {
          output.off('data', on);
          resolve();
        }
      };
      output.on('data', on);
    });
  const times = [];
  for (let i = 0; i < KEYS; i++) {
    if (i > 0 && i % 40 === 0) {
      const cleared = next('/ # ');
      write('\x15\r'); // Ctrl-U, Enter: an empty line and a fresh prompt
      await cleared;
    }
    const echoed = next('x');
    const t0 = performance.now();
    write('x');
    await echoed;
    times.push(performance.now() - t0);
  }
  return times;
}

function stats(times) {
  const s = [...times].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p95: at(0.95) };
}

async function viaPodscope(kubeconfig) {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const keys = new PassThrough();
  const out = new PassThrough();
  const output = new EventEmitter();
  out.on('data', (d) => output.emit('data', d.toString('utf8')));
  const size = Object.assign(new EventEmitter(), { rows: 24, columns: 80 });
  const prompt = new Promise((resolve) => output.on('data', (t) => t.includes('/ # ') && resolve()));
  const ended = openShell({
    kc,
    namespace: 'default',
    pod: 'bb',
    container: 'bb',
    stdin: keys,
    stdout: out,
    size,
  });
  await prompt;
  const times = await echoTimes((s) => keys.write(s), output);
  keys.write('\x15exit\r');
  await ended;
  return times;
}

async function viaKubectl(kubeconfig) {
  const cache = mkdtempSync(join(tmpdir(), 'podscope-bench-cache-'));
  const cmd = `kubectl --kubeconfig=${kubeconfig} --cache-dir=${cache} exec -it bb -- sh`;
  const child = spawn('script', ['-qfec', cmd, '/dev/null'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const output = new EventEmitter();
  child.stdout.on('data', (d) => output.emit('data', d.toString('utf8')));
  const prompt = new Promise((resolve) => output.on('data', (t) => t.includes('/ # ') && resolve()));
  await prompt;
  const times = await echoTimes((s) => child.stdin.write(s), output);
  child.stdin.write('\x15exit\r');
  await new Promise((resolve) => child.once('exit', resolve));
  return times;
}

const { child, kubeconfig } = await startDemo();
try {
  // The demo's bb pod needs a moment to run; the first shell attempts wait for it.
  for (let i = 0; i < 50; i++) {
    const r = await new Promise((resolve) => {
      const k = spawn('kubectl', [
        '--kubeconfig',
        kubeconfig,
        'get',
        'pod',
        'bb',
        '-o',
        'jsonpath={.status.phase}',
      ]);
      let o = '';
      k.stdout.on('data', (d) => (o += d));
      k.on('exit', () => resolve(o));
    });
    if (r === 'Running') break;
  }
  const results = {};
  for (const [name, run] of [
    ['podscope openShell', viaPodscope],
    ['kubectl exec -it', viaKubectl],
  ]) {
    results[name] = stats(await run(kubeconfig));
  }
  console.log(`keystroke echo round trip, ${KEYS} keys each (busybox sh in the demo's bb pod):`);
  for (const [name, s] of Object.entries(results)) {
    console.log(`  ${name.padEnd(20)} median ${s.median.toFixed(2)} ms   p95 ${s.p95.toFixed(2)} ms`);
  }
  const ratio = results['podscope openShell'].median / results['kubectl exec -it'].median;
  console.log(`  podscope / kubectl (median): ${ratio.toFixed(2)}×  (goal ≤ 1.0×)`);
} finally {
  child.kill('SIGTERM');
}
