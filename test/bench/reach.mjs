#!/usr/bin/env node
// Benchmark of the reach probe (issue 15 §2): the time from the confirm (Enter on "Create client pod") to the
// result on screen — seed 001's kiada line — and to "deleted client pod", through the real binary in a real
// terminal (tmux) against a `podscope demo` running in its own process; each further run is `r`, Tab, Enter in the
// reach view. Then the same run in-process (ReachRun from dist/), split into its steps. Prints median and p95;
// asserts nothing. Run: npm run bench:reach [-- --runs N]
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { ReachRun } from '../../dist/kube/reach/reachRun.js';
import { startDemoProcess } from './demoProcess.mjs';

const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 10;
const BIN = join(import.meta.dirname, '../../bin/podscope.js');
const dir = mkdtempSync(join(tmpdir(), 'podscope-bench-reach-'));
const SOCKET = join(dir, 'tmux.sock');

function startDemo() {
  return startDemoProcess([], 'podscope-bench-reach-');
}

const tmux = (...a) =>
  execFileSync('tmux', ['-S', SOCKET, ...a], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const screen = () => tmux('capture-pane', '-p', '-t', 'bench');

async function until(test, what, timeoutMs = 30_000) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const s = screen();
    if (test(s)) return performance.now();
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${s}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function stats(times) {
  const s = [...times].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return `median ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms (n=${s.length})`;
}

async function viaDashboard(kubeconfig) {
  const env = { ...process.env, TERM: 'xterm-256color' };
  execFileSync(
    'tmux',
    [
      '-S',
      SOCKET,
      'new-session',
      '-d',
      '-s',
      'bench',
      '-x',
      '110',
      '-y',
      '30',
      process.execPath,
      BIN,
      '--kubeconfig',
      kubeconfig,
      '-n',
      'default',
    ],
    { env },
  );
  await until((s) => s.includes('● live'), 'the dashboard');
  tmux('send-keys', '-t', 'bench', '-l', '/kiada');
  tmux('send-keys', '-t', 'bench', 'Enter');
  await until((s) => /›\s+kiada\s.*Running/.test(s), 'kiada Running');
  const toResult = [];
  const toDeleted = [];
  for (let i = 0; i < RUNS; i++) {
    tmux('send-keys', '-t', 'bench', i === 0 ? 'R' : 'r');
    await until((s) => s.includes('Reach kiada from inside the cluster?'), 'the confirm');
    tmux('send-keys', '-t', 'bench', 'Tab');
    await until(
      () => !/\[7m Cancel/.test(tmux('capture-pane', '-p', '-e', '-t', 'bench')),
      'focus on Create',
    );
    tmux('send-keys', '-t', 'bench', 'Enter');
    const t0 = performance.now();
    await until(
      (s) => !s.includes('Reach kiada from inside the cluster?') && !s.includes('Kiada version'),
      'the new run',
    );
    const answered = await until(
      (s) => /Kiada version 0\.1\. Request processed by "kiada"/.test(s),
      'the kiada line',
    );
    const deleted = await until((s) => /deleted client pod/.test(s), 'the client pod deleted');
    toResult.push(answered - t0);
    toDeleted.push(deleted - t0);
  }
  tmux('send-keys', '-t', 'bench', 'q');
  // The session ends with podscope (its client pod deleted first); the server with it.
  for (const deadline = performance.now() + 20_000; performance.now() < deadline;) {
    try {
      screen();
    } catch {
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return { toResult, toDeleted };
}

async function inProcess(kubeconfig) {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const steps = { running: [], result: [], deleted: [] };
  for (let i = 0; i < RUNS; i++) {
    const run = new ReachRun({
      kc,
      clientKubeConfig: async () => kc,
      namespace: 'default',
      pod: 'kiada',
      image: 'curlimages/curl',
    });
    const t0 = performance.now();
    let running;
    let result;
    run.subscribe(() => {
      const r = run.getSnapshot();
      if (running === undefined && r.steps.at(-1) === 'Running') running = performance.now() - t0;
      if (result === undefined && r.ports[0]?.result) result = performance.now() - t0;
    });
    await run.start();
    steps.running.push(running);
    steps.result.push(result);
    steps.deleted.push(performance.now() - t0);
  }
  return steps;
}

const { child, kubeconfig } = await startDemo();
try {
  const ui = await viaDashboard(kubeconfig);
  console.log(`reach kiada through the dashboard (confirm → on screen), ${RUNS} runs:`);
  console.log(`  kiada's answer shown     ${stats(ui.toResult)}`);
  console.log(`  client pod deleted       ${stats(ui.toDeleted)}`);
  const p = await inProcess(kubeconfig);
  console.log(`reach kiada in-process (ReachRun), ${RUNS} runs:`);
  console.log(`  client pod Running       ${stats(p.running)}`);
  console.log(`  kiada's answer           ${stats(p.result)}`);
  console.log(`  client pod deleted       ${stats(p.deleted)}`);
} finally {
  try {
    tmux('kill-server');
  } catch {
    // already gone
  }
  child.kill('SIGTERM');
}
