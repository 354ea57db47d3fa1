#!/usr/bin/env node
// Benchmark of the log streaming engine (issue 5): one demo container logging as fast as the demo can produce
// (image podscope/firehose), followed with timestamps by `kubectl logs -f` (output counted by `wc -l`, so
// kubectl's cost is little more than writing to /dev/null) and then by podscope's LogSession for the same time.
// Prints lines/s for both and the ratio, seq breaks in podscope's buffer (silent drops; must be 0), and RSS.
// The LogSession runs in a child process started as bin/podscope.js starts the real binary (the same V8 flags,
// read from it, and MALLOC_ARENA_MAX=1), so its RSS is what a user's process holds for the session.
// Run: npm run build && node test/bench/logs.mjs [--seconds S (10)] [--long] (--long: podscope for 5 minutes)
//      [--max-mb N (50): the buffer bound]; BENCH_DEBUG=1 prints process.memoryUsage() every second.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { findSeqBreak } from '../../dist/demo/logs/seq.js';
import { LogSession } from '../../dist/logs/logSession.js';
import { startDemoProcess } from './demoProcess.mjs';
import { kubectlLogsRate, run } from './kubectlLogs.mjs';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const SECONDS = opt('seconds', 10);
const LONG_SECONDS = args.includes('--long') ? 300 : SECONDS;
const MAX_MB = opt('max-mb', 50);
const BIN = join(import.meta.dirname, '../../bin/podscope.js');

const rssMiB = (pid = process.pid) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function startDemo() {
  return startDemoProcess(['--port', '0'], 'podscope-bench-logs-');
}

/** kubectl logs -f for `seconds`, its output counted by wc -l. */
const kubectlRate = (d, seconds) =>
  kubectlLogsRate(d, ['-f', 'firehose', '--tail=0', '--timestamps'], seconds);

async function podscopeRate(kc, seconds) {
  const session = new LogSession(kc, {
    namespace: 'default',
    pod: 'firehose',
    containers: ['firehose'],
    since: { kind: 'tail', lines: 0 },
    maxBytes: MAX_MB * 1024 * 1024,
  });
  const rssBefore = rssMiB();
  let rssMax = rssBefore;
  session.start();
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    await sleep(1000);
    rssMax = Math.max(rssMax, rssMiB());
    if (process.env.BENCH_DEBUG) {
      const m = process.memoryUsage();
      console.log(
        Object.entries(m)
          .map(([k, v]) => `${k} ${(v / 1048576).toFixed(0)}`)
          .join(', '),
      );
    }
  }
  const elapsed = (performance.now() - t0) / 1000;
  // Before the check below, which decodes every retained line at once.
  const rssEnd = rssMiB();
  session.close();
  const b = session.buffer;
  const lines = session.lines(b.firstSeq, b.nextSeq);
  const brk = findSeqBreak(lines.filter((l) => l.kind === 'line').map((l) => l.text));
  return {
    rate: b.nextSeq / elapsed,
    received: b.nextSeq,
    evicted: b.evicted,
    retained: b.size,
    bufferMiB: b.bytes / 1024 / 1024,
    seqBreak: brk,
    markers: lines.filter((l) => l.kind !== 'line').length,
    rssBefore,
    rssMax,
    rssEnd,
  };
}

/** The V8 flags bin/podscope.js starts the real binary with. */
function binaryV8Flags() {
  const m = /const V8_FLAGS = (\[[^\]]*\])/.exec(readFileSync(BIN, 'utf8'));
  if (!m) throw new Error(`no V8_FLAGS in ${BIN}`);
  return JSON.parse(m[1].replaceAll("'", '"'));
}

/** podscopeRate in a child process run as the real binary runs; its result as JSON on stdout. */
async function podscopeRateAsBinary(kubeconfig, seconds) {
  const child = spawn(
    process.execPath,
    [
      ...binaryV8Flags(),
      import.meta.filename,
      '--child',
      kubeconfig,
      '--seconds',
      String(seconds),
      '--max-mb',
      String(MAX_MB),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { MALLOC_ARENA_MAX: '1', ...process.env } },
  );
  let out = '';
  child.stdout.on('data', (c) => {
    out += c;
    if (process.env.BENCH_DEBUG) process.stdout.write(c);
  });
  const code = await new Promise((r) => child.on('exit', r));
  if (code !== 0) throw new Error(`the podscope side exited with ${code}`);
  return JSON.parse(out.trim().split('\n').at(-1));
}

if (args[0] === '--child') {
  const kc = new KubeConfig();
  kc.loadFromFile(args[1]);
  console.log(JSON.stringify(await podscopeRate(kc, SECONDS)));
  process.exit(0);
}

const d = await startDemo();
try {
  await run(d, ['run', 'firehose', '--image=podscope/firehose', '--restart=Always']);
  for (let i = 0; i < 100; i++) {
    const phase = await run(d, ['get', 'pod', 'firehose', '-o', 'jsonpath={.status.phase}']);
    if (phase === 'Running') break;
    await sleep(100);
  }
  const kubectlLps = await kubectlRate(d, SECONDS);
  const p = await podscopeRateAsBinary(d.kubeconfig, LONG_SECONDS);
  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  console.log(`kubectl logs -f --timestamps | wc -l   ${fmt(kubectlLps)} lines/s (${SECONDS} s)`);
  console.log(`podscope LogSession into its buffer     ${fmt(p.rate)} lines/s (${LONG_SECONDS} s)`);
  console.log(`ratio podscope / kubectl               ${(p.rate / kubectlLps).toFixed(2)}×`);
  console.log(
    `lines received ${fmt(p.received)}, evicted ${fmt(p.evicted)}, retained ${fmt(p.retained)} (${p.bufferMiB.toFixed(1)} MiB counted, bound ${MAX_MB} MiB), markers ${p.markers}`,
  );
  console.log(`silent drops (seq breaks in the retained lines): ${p.seqBreak ? `YES: ${p.seqBreak}` : '0'}`);
  console.log(
    `RSS MiB (podscope side, ${binaryV8Flags().join(' ')}): before ${p.rssBefore.toFixed(0)}, max ${p.rssMax.toFixed(0)}, end ${p.rssEnd.toFixed(0)}; demo server ${rssMiB(d.child.pid).toFixed(0)}`,
  );
} finally {
  d.child.kill('SIGTERM');
}
