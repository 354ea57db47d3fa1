#!/usr/bin/env node
// Benchmark of port-forward throughput (issue 6): N MiB from a demo app's `GET /bytes?n=…`, with curl as the client,
// over four paths to the same in-memory app (kiada's node:http server in the demo process):
//   direct   curl → loopback TCP → demo process → app. What the issue calls "a direct loopback connection to the
//            same server": one hop, no TLS. The app only writes a constant 64 KiB buffer, so this is the demo
//            process's ceiling, not a realistic server; real apps are slower and the ratio would look better.
//   tls      curl → loopback TCP → a relay process → one TLS connection → demo process → app. No WebSocket, no
//            forward: one TLS hop in Node written the plain way (pipe, a fresh buffer per read). Its own process,
//            so that its garbage is not collected on the forward's time.
//   forward  curl → podscope's PortForwardRegistry in this process → WebSocket v4.channel.k8s.io over TLS → demo
//            API server (kubelet folded in, so already one hop shorter than a real cluster) → app. The registry the
//            dashboard uses: the forward runs in a worker thread (src/kube/portForward/workerRegistry.ts).
//   main     the same forward with everything on the main thread (InThreadPortForwardRegistry), as before issue 17.
//   kubectl  `kubectl port-forward` (SPDY over WebSocket over TLS) to the same pod: what Go's client achieves.
// The demo cluster runs in a child process (this file with --serve). Besides MiB/s, which moves with other load on
// the machine, it prints the CPU milliseconds each process spent per MiB, which barely does. Asserts nothing.
// Node flags given to this script go to the demo process too: `node --cpu-prof test/bench/portforward.mjs` profiles
// both ends. `--busy 10/20` makes the main thread work 10 ms of every 20 (as a dashboard's does: rendering, the pod
// list's decoding) while the bytes flow; the CPU column leaves that work out.
// `--echo` sends the bytes to the app's /echo and reads them back instead: the upload path too.
// Run: npm run build && node test/bench/portforward.mjs [--mb 100] [--runs 3] [--paths forward,main,tls] [--busy W/P]
//   [--echo]
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { connect as tlsConnect, createServer as createTlsServer } from 'node:tls';
import { join } from 'node:path';
import { clearInterval, setInterval } from 'node:timers';

const DIST = join(import.meta.dirname, '../../dist');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
/** `--paths forward,kubectl` measures only those (to profile one path); all four by default. */
const pathsArg = args.indexOf('--paths');
const PATHS = pathsArg >= 0 ? args[pathsArg + 1].split(',') : ['direct', 'tls', 'forward', 'main', 'kubectl'];

const KIADA = {
  namespace: 'default',
  podName: 'kiada',
  podIP: '10.244.1.10',
  hostname: 'kiada',
  containerName: 'kiada',
  clientIP: '127.0.0.1',
  port: 8080,
};

/** Child: the demo cluster, plus kiada's app on a loopback port (direct) and behind a TLS port (tls). */
async function serve() {
  const { startDemoCluster } = await import(join(DIST, 'demo/server.js'));
  const { openAppConnection } = await import(join(DIST, 'demo/apps/index.js'));
  const { makeTls } = await import(join(DIST, 'demo/tls.js'));
  const demo = await startDemoCluster({ seed: 42 });
  // Exit rather than die on the parent's SIGTERM, so --cpu-prof also profiles this process.
  process.on('SIGTERM', () => process.exit(0));
  const toApp = (socket) => {
    const app = openAppConnection('kiada', KIADA);
    socket.on('error', () => app.destroy());
    app.on('error', () => socket.destroy());
    socket.pipe(app).pipe(socket);
  };
  const tls = await makeTls();
  const direct = createServer(toApp).listen(0, '127.0.0.1');
  const tlsServer = createTlsServer({ key: tls.key, cert: tls.cert }, toApp).listen(0, '127.0.0.1');
  await Promise.all([direct, tlsServer].map((s) => new Promise((r) => s.once('listening', r))));
  const ports = { direct: direct.address().port, tls: tlsServer.address().port };
  process.stdout.write(`${JSON.stringify({ kubeconfig: demo.kubeconfig(), ...ports })}\n`);
}

/** Child: the tls path's relay, a loopback port relayed to the demo's TLS port, bytes as they come. */
async function serveRelay(port) {
  const server = createServer((local) => {
    const remote = tlsConnect({ port, host: '127.0.0.1', rejectUnauthorized: false });
    local.on('error', () => remote.destroy());
    remote.on('error', () => local.destroy());
    local.pipe(remote).pipe(local);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.on('SIGTERM', () => process.exit(0));
  process.stdout.write(`${server.address().port}\n`);
}

/** The relay in its own process; resolves with the process and its port. */
function startTlsRelay(port) {
  const child = spawn(process.execPath, [import.meta.filename, '--relay', String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.on('exit', () => child.kill('SIGTERM'));
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (d) => resolve({ child, port: Number(String(d).trim()) }));
    child.on('exit', (c) => reject(new Error(`the relay exited with ${c}`)));
  });
}

/** A registry with the forward to kiada:8080, once kiada runs (its image is "pulled" a moment after the start). */
async function startBenchForward(kc, className) {
  const Registry = (await import(join(DIST, 'kube/portForward/index.js')))[className];
  const registry = new Registry(kc);
  for (const deadline = Date.now() + 10_000; ;) {
    try {
      await registry.start({ namespace: 'default', pod: 'kiada', remotePort: 8080 });
      return registry;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * `--busy W/P`: the main thread works W ms (synchronously) every P ms, as a dashboard's main thread renders and
 * decodes while the user's forward runs. Returns the stop function.
 */
function busyMainThread(spec) {
  const [work, period] = spec.split('/').map(Number);
  const busy = { ms: 0, stop: () => clearInterval(timer) };
  const timer = setInterval(() => {
    // Counted as CPU time of this thread: on a loaded machine the wall time spun is more than the CPU it took.
    const cpu = process.threadCpuUsage();
    const start = performance.now();
    while (performance.now() < start + work);
    const used = process.threadCpuUsage(cpu);
    busy.ms += (used.user + used.system) / 1e3;
  }, period);
  return busy;
}

/** CPU seconds a process has used (utime + stime from /proc). */
function childCpu(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** curl in its own process, awaited: the forward runs in this process's event loop. */
async function curl(url, upload) {
  const { stdout } = await promisify(execFile)('curl', [
    '-sS',
    ...(upload ? ['--data-binary', `@${upload}`, '-H', 'Content-Type: application/octet-stream'] : []),
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
  // forward: the dashboard's registry (its single-pod forwards in a worker thread); main: all on this thread.
  const registries = {};
  for (const [path, className] of [
    ['forward', 'PortForwardRegistry'],
    ['main', 'InThreadPortForwardRegistry'],
  ])
    if (PATHS.includes(path)) registries[path] = await startBenchForward(kc, className);
  const forwardPort = (path) => registries[path]?.getSnapshot().forwards[0]?.localPort;
  const kubectl = PATHS.includes('kubectl') ? await startKubectlForward(info.kubeconfig) : undefined;
  const relay = await startTlsRelay(info.tls);
  // --echo: curl POSTs the N MiB to /echo, which streams them back: the upload path (local read → channel byte →
  // masking → TLS) and the download path at once. MiB/s counts the bytes one way.
  const echo = args.includes('--echo');
  const upload = echo ? join(mkdtempSync(join(tmpdir(), 'podscope-pf-bench-')), 'upload') : undefined;
  if (upload) writeFileSync(upload, Buffer.alloc(bytes, 'podscope '));
  const path = echo ? '/echo' : `/bytes?n=${bytes}`;
  const ports = {
    direct: info.direct,
    tls: relay.port,
    ...(registries.forward ? { forward: forwardPort('forward') } : {}),
    ...(registries.main ? { main: forwardPort('main') } : {}),
    ...(kubectl ? { kubectl: kubectl.port } : {}),
  };
  const measured = PATHS.filter((p) => ports[p] !== undefined);
  const results = Object.fromEntries(measured.map((p) => [p, []]));
  const busy = args.includes('--busy') ? args[args.indexOf('--busy') + 1] : undefined;
  const busyWork = busy ? busyMainThread(busy) : { ms: 0, stop: () => undefined };
  for (let i = 0; i < RUNS; i++) {
    for (const name of measured) {
      const cpu0 = process.cpuUsage();
      const busy0 = busyWork.ms;
      const child0 = childCpu(child.pid);
      const kubectl0 = kubectl ? childCpu(kubectl.child.pid) : 0;
      const relay0 = childCpu(relay.child.pid);
      const r = await curl(`http://127.0.0.1:${ports[name]}${path}`, upload);
      const c = process.cpuUsage(cpu0);
      const busyMs = busyWork.ms - busy0;
      if (r.size !== bytes) throw new Error(`${name}: got ${r.size} bytes of ${bytes}`);
      // CPU milliseconds per MiB moved, per process: unlike MiB/s, barely moved by other load on the machine.
      results[name].push({
        rate: MB / r.seconds,
        // This process, both threads, less the --busy work.
        here: ((c.user + c.system) / 1e3 - busyMs) / MB,
        demo: ((childCpu(child.pid) - child0) * 1e3) / MB,
        kubectl: kubectl ? ((childCpu(kubectl.child.pid) - kubectl0) * 1e3) / MB : 0,
        relay: ((childCpu(relay.child.pid) - relay0) * 1e3) / MB,
      });
    }
  }
  busyWork.stop();
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const med = (name, k) => median(results[name].map((x) => x[k]));
  const labels = {
    direct: 'direct loopback TCP to the app',
    tls: 'one TLS hop, a plain Node relay',
    forward: 'podscope port-forward',
    main: 'podscope, all on the main thread',
    kubectl: 'kubectl port-forward',
  };
  const client = {
    direct: undefined,
    tls: 'relay',
    forward: 'podscope',
    main: 'podscope',
    kubectl: 'kubectl',
  };
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
  const busyText = busy ? `; the main thread busy ${busy.replace('/', ' ms every ')} ms` : '';
  const what = echo ? `${MB} MiB to kiada's /echo and back` : `${MB} MiB from kiada's /bytes`;
  console.log(`${what}, ${RUNS} runs each, curl as the client${busyText}; load average ${load}.`);
  console.log(
    '  path                                  MiB/s (each run)      ratio  CPU ms/MiB (median, curl not counted)',
  );
  for (const name of measured) {
    const runs = results[name].map((x) => x.rate.toFixed(0)).join(', ');
    const ratio = results.direct ? `${(med(name, 'rate') / med('direct', 'rate')).toFixed(2)}×` : '';
    const who = client[name];
    const perProcess = who
      ? `${who} ${med(name, who === 'podscope' ? 'here' : who).toFixed(2)} + demo ${med(name, 'demo').toFixed(2)}`
      : `demo ${med(name, 'demo').toFixed(2)}`;
    console.log(`  ${labels[name].padEnd(37)} ${runs.padEnd(21)} ${ratio.padStart(5)}  ${perProcess}`);
  }
  console.log('  (ratio: median MiB/s against direct; the issue asks ≥ 0.5× for the podscope forward)');
  const counters = (f) =>
    `${f.bytesFromPod} bytes from the pod, ${f.bytesToPod} to it, state ${f.state.kind}`;
  for (const [path, registry] of Object.entries(registries)) {
    // The counters are published at most every 100 ms (from the worker, by message): wait for the last bytes.
    const total = RUNS * bytes;
    // (with --echo as many went to the pod)
    for (const deadline = Date.now() + 2000; Date.now() < deadline;) {
      if (registry.getSnapshot().forwards[0].bytesFromPod >= total) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    console.log(`  ${path} counters: ${counters(registry.getSnapshot().forwards[0])}`);
  }
  kubectl?.child.kill('SIGTERM');
  relay.child.kill('SIGTERM');
  for (const registry of Object.values(registries)) await registry.close();
  child.kill('SIGTERM');
}

if (args.includes('--serve')) await serve();
else if (args.includes('--relay')) await serveRelay(Number(args[args.indexOf('--relay') + 1]));
else await main();
