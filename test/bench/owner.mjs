#!/usr/bin/env node
// Benchmark of `:restart` (issue 16): the time from the confirm (Enter on "Restart") to the header's rollout line
// clearing — the rollout done as `kubectl rollout status` decides it — through the real binary in a real terminal
// (tmux) against a `podscope demo` in its own process, on frontend's 3-replica web-app; beside it, the same
// restart as a user types it: `kubectl rollout restart deploy/web-app -n frontend && kubectl rollout status …`.
// Prints median and p95; asserts nothing. Run: npm run bench:owner [-- --runs N]
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startDemoProcess } from './demoProcess.mjs';

const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 5;
const BIN = join(import.meta.dirname, '../../bin/podscope.js');
const { child, dir, kubeconfig, cacheDir } = await startDemoProcess([], 'podscope-bench-owner-');
const SOCKET = join(dir, 'tmux.sock');

const tmux = (...a) =>
  execFileSync('tmux', ['-S', SOCKET, ...a], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const screen = () => tmux('capture-pane', '-p', '-t', 'bench');
const kubectl = (...a) =>
  execFileSync('kubectl', [`--kubeconfig=${kubeconfig}`, `--cache-dir=${cacheDir}`, ...a], {
    encoding: 'utf8',
  });

async function until(test, what, timeoutMs = 60_000) {
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
  return `median ${(at(0.5) / 1000).toFixed(2)} s, p95 ${(at(0.95) / 1000).toFixed(2)} s (n=${s.length})`;
}

async function viaDashboard() {
  tmux(
    'new-session',
    '-d',
    '-s',
    'bench',
    '-x',
    '120',
    '-y',
    '30',
    process.execPath,
    BIN,
    '--kubeconfig',
    kubeconfig,
    '-n',
    'frontend',
  );
  await until((s) => s.includes('● live'), 'the dashboard');
  tmux('send-keys', '-t', 'bench', '-l', '/web-app');
  tmux('send-keys', '-t', 'bench', 'Enter');
  await until((s) => /›\s+web-app-\S+\s.*Running/.test(s), 'a web-app pod');
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    tmux('send-keys', '-t', 'bench', '-l', ':restart');
    tmux('send-keys', '-t', 'bench', 'Enter');
    await until((s) => s.includes('Restart Deployment frontend/web-app?'), 'the confirm');
    tmux('send-keys', '-t', 'bench', 'Tab');
    await until(
      () => !/\[7m Cancel/.test(tmux('capture-pane', '-p', '-e', '-t', 'bench')),
      'focus on Restart',
    );
    tmux('send-keys', '-t', 'bench', 'Enter');
    const t0 = performance.now();
    await until((s) => s.includes('⟳ web-app'), 'the rollout line');
    const done = await until(
      (s) => !s.includes('⟳ web-app') && s.includes('successfully rolled out'),
      'the rollout done',
    );
    times.push(done - t0);
    // The selection may have gone with its pod: select a web-app pod again.
    await until((s) => /›\s+web-app-\S+\s.*Running/.test(s), 'a web-app pod');
  }
  tmux('send-keys', '-t', 'bench', 'q');
  return times;
}

function viaKubectl() {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    kubectl('rollout', 'restart', 'deploy/web-app', '-n', 'frontend');
    kubectl('rollout', 'status', 'deploy/web-app', '-n', 'frontend', '--timeout=120s');
    times.push(performance.now() - t0);
  }
  return times;
}

try {
  const ui = await viaDashboard();
  const k = viaKubectl();
  console.log(`restart web-app (3 replicas, maxSurge 25 %, maxUnavailable 25 %), ${RUNS} runs each:`);
  console.log(`  podscope :restart, confirm → header line cleared   ${stats(ui)}`);
  console.log(`  kubectl rollout restart && rollout status          ${stats(k)}`);
} finally {
  try {
    tmux('kill-server');
  } catch {
    // already gone
  }
  child.kill('SIGTERM');
}
