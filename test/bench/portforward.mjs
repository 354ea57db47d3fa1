#!/usr/bin/env node
// Benchmark of port-forward throughput (issue 6): 100 MB from a demo app's `GET /bytes?n=…` through a podscope
// forward (PortForwardRegistry: local TCP → WebSocket v4.channel.k8s.io over TLS → demo API server → in-memory
// app), against the same 100 MB over a direct loopback TCP connection to the same in-memory app. The demo
// cluster runs in a child process (this file with --serve), which also exposes the app on a loopback port for the
// baseline; the forward runs in this process; curl is the client for both. `kubectl port-forward` to the same
// pod is measured too, as a reference for what the server side allows. Prints numbers; asserts nothing.
// Run: npm run build && node test/bench/portforward.mjs [--mb 100] [--runs 3]
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';

const DIST = join(import.meta.dirname, '../../dist');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
/** `--paths forward,kubectl` measures only those (for profiling one path); all three by default. */
const pathsArg = args.indexOf('--paths');
const PATHS = pathsArg >= 0 ? args[pathsArg + 1].split(',') : ['direct', 'forward', 'kubectl'];

/** Child: the demo cluster, plus kiada's app on a loopback port (the direct baseline). */
async function serve() {
  const { startDemoCluster } = await import(join(DIST, 'demo/server.js'));
  const { openAppConnection } = await import(join(DIST, 'demo/apps/index.js'));
  const demo = await startDemoCluster({ seed: 42 });
  // Exit rather than die on the parent's SIGTERM, so `NODE_OPTIONS=--cpu-prof` also profiles this process.
  process.on('SIGTERM', () => process.exit(0));
  const direct = createServer((socket) => {
    const app = openAppConnection('kiada', {
      namespace: 'default',
      podName: 'kiada',
      podIP: '10.244.1.10',
      hostname: 'kiada',
      containerName: 'kiada',
      clientIP: '127.0.0.1',
      port: 8080,
    });
    socket.on('error', () => app.destroy());
    app.on('error', () => socket.destroy());
    socket.pipe(app).pipe(socket);
  });
  direct.listen(0, '127.0.0.1', () => {
    process.stdout.write(
      `${JSON.stringify({ kubeconfig: demo.kubeconfig(), direct: direct.address().port })}\n`,
    );
  });
}

/** CPU seconds a process has used (utime + stime from /proc). */
function childCpu(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** curl in its own process, awaited: the forward runs in this process's event loop. */
async function curl(url) {
  const { stdout } = await promisify(execFile)('curl', [
    '-sS',
    '-o',
    '/dev/null',
    '-w',
    '%{size_download} %{time_total}',
    url,
  ]);
  const [size, seconds] = stdout.trim().split(' ').map(Number);
  return { size, seconds };
}

/** `kubectl port-forward` (SPDY over WebSocket) to the same pod, as a reference; undefined without kubectl. */
async function startKubectlForward(kubeconfigText) {
  const dir = mkdtempSync(join(tmpdir(), 'podscope-pf-bench-'));
  const file = join(dir, 'kubeconfig');
  writeFileSync(file, kubeconfigText, { mode: 0o600 });
  const child = spawn(
    'kubectl',
    [`--kubeconfig=${file}`, `--cache-dir=${join(dir, 'cache')}`, 'port-forward', 'pod/kiada', ':8080'],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return new Promise((resolve) => {
    let out = '';
    child.on('error', () => resolve(undefined));
    child.on('exit', () => resolve(undefined));
    child.stdout.on('data', (d) => {
      out += d;
      const m = /Forwarding from 127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
  });
}

async function main() {
  const MB = opt('mb', 100);
  const RUNS = opt('runs', 3);
  const bytes = MB * 1024 * 1024;
  const { KubeConfig } = await import('@kubernetes/client-node');
  const { PortForwardRegistry } = await import(join(DIST, 'kube/portForward/index.js'));

  // The demo gets this process's node flags (--cpu-prof, --trace-gc, …) so both ends can be profiled alike.
  const child = spawn(process.execPath, [...process.execArgv, import.meta.filename, '--serve'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // The demo goes with this process, whatever ends it.
  process.on('exit', () => child.kill('SIGTERM'));
  const info = await new Promise((resolve, reject) => {
    let out = '';
    let ready = false;
    child.stdout.on('data', (d) => {
      if (ready) return void process.stderr.write(d);
      out += d;
      // Node flags such as --trace-gc print on stdout too: the handshake is the line that starts with `{`.
      const line = out.split('\n').find((l, i, all) => l.startsWith('{') && i < all.length - 1);
      if (line === undefined) return;
      ready = true;
      resolve(JSON.parse(line));
    });
    child.on('exit', (c) => reject(new Error(`demo exited with ${c}`)));
  });
  const kc = new KubeConfig();
  kc.loadFromString(info.kubeconfig);
  const registry = new PortForwardRegistry(kc);
  let forward;
  for (const deadline = Date.now() + 10_000; !forward;) {
    try {
      forward = await registry.start({ namespace: 'default', pod: 'kiada', remotePort: 8080 });
    } catch (e) {
      // kiada runs a moment after the cluster starts (its image is "pulled" first).
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const kubectl = await startKubectlForward(info.kubeconfig);
  const path = `/bytes?n=${bytes}`;
  const rate = (r) => bytes / 2 ** 20 / r.seconds;
  const results = { direct: [], forward: [], kubectl: [] };
  const cpu = { direct: [], forward: [], kubectl: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const [name, port] of [
      ['direct', info.direct],
      ['forward', forward.localPort],
      ...(kubectl ? [['kubectl', kubectl.port]] : []),
    ].filter(([n]) => PATHS.includes(n))) {
      const cpu0 = process.cpuUsage();
      const child0 = childCpu(child.pid);
      const kubectl0 = kubectl ? childCpu(kubectl.child.pid) : 0;
      const r = await curl(`http://127.0.0.1:${port}${path}`);
      const c = process.cpuUsage(cpu0);
      // CPU milliseconds per MiB moved, per process: unlike MiB/s, barely moved by other load on the machine.
      cpu[name].push({
        podscope: (c.user + c.system) / 1e3 / MB,
        demo: ((childCpu(child.pid) - child0) * 1e3) / MB,
        kubectl: kubectl ? ((childCpu(kubectl.child.pid) - kubectl0) * 1e3) / MB : 0,
      });
      if (r.size !== bytes) throw new Error(`${name}: got ${r.size} bytes of ${bytes}`);
      results[name].push(rate(r));
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const f = registry.getSnapshot().forwards[0];
  console.log(`${MB} MiB from kiada's /bytes, ${RUNS} runs each, curl as the client (MiB/s):`);
  console.log(
    `  direct loopback TCP to the in-memory app: ${results.direct.map((x) => x.toFixed(0)).join(', ')}`,
  );
  console.log(
    `  through a podscope port-forward:          ${results.forward.map((x) => x.toFixed(0)).join(', ')}`,
  );
  if (kubectl) {
    console.log(
      `  kubectl port-forward (reference):         ${results.kubectl.map((x) => x.toFixed(0)).join(', ')}`,
    );
    console.log(
      `  median ratio kubectl/direct: ${(median(results.kubectl) / median(results.direct)).toFixed(2)}×`,
    );
    kubectl.child.kill('SIGTERM');
  }
  console.log(
    `  median ratio forward/direct: ${(median(results.forward) / median(results.direct)).toFixed(2)}× (goal ≥ 0.5×)`,
  );
  const cost = (name, procs) =>
    procs.map((k) => `${k} ${median(cpu[name].map((x) => x[k])).toFixed(2)}`).join(' + ');
  console.log('  CPU ms per MiB (median; the client curl not counted):');
  if (PATHS.includes('direct')) console.log(`    direct:  ${cost('direct', ['demo'])}`);
  if (PATHS.includes('forward')) console.log(`    forward: ${cost('forward', ['podscope', 'demo'])}`);
  if (kubectl && PATHS.includes('kubectl'))
    console.log(`    kubectl: ${cost('kubectl', ['kubectl', 'demo'])}`);
  console.log(
    `  forward counters: ${f.bytesFromPod} bytes from the pod, ${f.bytesToPod} to it, state ${f.state.kind}`,
  );
  await registry.close();
  child.kill('SIGTERM');
}

if (args.includes('--serve')) await serve();
else await main();
