#!/usr/bin/env node
// Benchmark (issue 16): the gap in service during a pod replacement behind a forward. A forward to
// svc/frontend (podscope's PortForwardRegistry.startFollow, in this process) is asked over fresh connections every
// 10 ms; a pod it serves from is deleted (the API's DELETE with the default grace, as `kubectl delete pod` does);
// measured: from the DELETE's answer to the first successful request through the forward (gap), and to the
// forward listing another pod (switch), over N runs (median, p95). Beside it, `kubectl -n frontend port-forward
// service/frontend`, which picks one pod at start and forwards to it alone: the pod it picked (read from its -v=6
// request log) is deleted the same way, and what its port does after is recorded — it never answers again, and
// how the process ends is printed. The demo runs in its own process (`podscope demo`). Asserts nothing.
// Run: npm run bench:failover [-- --runs 10]
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { startDemoProcess } from './demoProcess.mjs';

const DIST = join(import.meta.dirname, '../../dist');
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1] || 0) || 10;
const KUBECTL_RUNS = Number(args[args.indexOf('--kubectl-runs') + 1] || 0) || 3;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One GET on a fresh connection: true when web-app answered. */
function ok(port) {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false, timeout: 1000 }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(res.statusCode === 200 && body.includes('<title>web-app</title>')));
      res.on('error', () => resolve(false));
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

async function readyPods(core) {
  const list = await core.listNamespacedPod({ namespace: 'frontend', labelSelector: 'app=web-app' });
  return list.items.filter(
    (p) =>
      !p.metadata?.deletionTimestamp &&
      p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
  );
}

async function waitForThreeReady(core) {
  const deadline = Date.now() + 60_000;
  while ((await readyPods(core)).length < 3) {
    if (Date.now() > deadline) throw new Error('web-app did not get three Ready pods within 60 s');
    await sleep(100);
  }
}

async function podscopeRuns(kc, core, grace) {
  const { PortForwardRegistry, resolveFollowTarget } = await import(join(DIST, 'kube/portForward/index.js'));
  const registry = new PortForwardRegistry(kc, { flushMs: 10 });
  const target = await resolveFollowTarget(
    kc,
    { kind: 'service', name: 'frontend', remote: '8080' },
    'frontend',
  );
  const f = await registry.startFollow({ target, localPort: 0 });
  const info = () => registry.getSnapshot().forwards.find((x) => x.id === f.id);
  const gaps = [];
  const switches = [];
  const baseline = [];
  let failures = 0;
  for (let run = 0; run < RUNS; run++) {
    await waitForThreeReady(core);
    while (!(await ok(f.localPort))) await sleep(10);
    // A request's own time when nothing happens, to read the gap against.
    const b0 = performance.now();
    await ok(f.localPort);
    baseline.push(performance.now() - b0);
    const victim = info().pod;
    await core.deleteNamespacedPod({
      name: victim,
      namespace: 'frontend',
      ...(grace === undefined ? {} : { gracePeriodSeconds: grace }),
    });
    const t0 = performance.now();
    let switched;
    let gap;
    while (gap === undefined || switched === undefined) {
      if (switched === undefined && info().pod !== victim && info().pod !== '')
        switched = performance.now() - t0;
      if (gap === undefined) {
        if (await ok(f.localPort)) gap = performance.now() - t0;
        else failures++;
      }
      if (performance.now() - t0 > 10_000) throw new Error('no answer through the forward within 10 s');
      await sleep(10);
    }
    gaps.push(gap);
    switches.push(switched);
    process.stderr.write(`  run ${run + 1}: gap ${gap.toFixed(0)} ms, switch ${switched.toFixed(0)} ms\n`);
  }
  await registry.close();
  return { gaps, switches, baseline, failures, switchCount: info().follow.switches };
}

/** kubectl port-forward service/frontend: which pod it picked, and what its port does once that pod is deleted. */
async function kubectlRun(kubeconfig, cacheDir, core) {
  await waitForThreeReady(core);
  const child = spawn(
    'kubectl',
    [
      `--kubeconfig=${kubeconfig}`,
      `--cache-dir=${cacheDir}`,
      '-v=6',
      '-n',
      'frontend',
      'port-forward',
      'service/frontend',
      '0:8080',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise((r) => child.on('exit', (code) => r(code)));
  let port;
  for (const deadline = Date.now() + 15_000; !port; await sleep(20)) {
    port = /127\.0\.0\.1:(\d+) -> 8080/.exec(out)?.[1];
    if (Date.now() > deadline) throw new Error(`kubectl did not start: ${err}`);
  }
  port = Number(port);
  while (!(await ok(port))) await sleep(10);
  const pod = /pods\/([^/]+)\/portforward/.exec(err)?.[1];
  await core.deleteNamespacedPod({ name: pod, namespace: 'frontend' });
  const t0 = performance.now();
  let answered;
  let exitedAt;
  let code;
  void exited.then((c) => {
    code = c;
    exitedAt = performance.now() - t0;
  });
  // The deleted pod serves on while it terminates (its grace period): follow until kubectl's port stops answering.
  let failedAt;
  while (performance.now() - t0 < 45_000 && exitedAt === undefined) {
    if (await ok(port)) {
      answered = performance.now() - t0;
      failedAt = undefined;
    } else failedAt ??= performance.now() - t0;
    if (failedAt !== undefined && performance.now() - t0 - failedAt > 3000) break;
    await sleep(50);
  }
  if (exitedAt === undefined) child.kill();
  await exited;
  const lastLine =
    err
      .split('\n')
      .filter((l) => l.trim() && !/^I\d{4} /.test(l))
      .pop() ?? '';
  return { pod, answered, failedAt, exitedAt, code, lastLine: lastLine.trim() };
}

async function main() {
  const demo = await startDemoProcess();
  process.on('exit', () => demo.child.kill('SIGTERM'));
  const { KubeConfig, CoreV1Api } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  kc.loadFromFile(demo.kubeconfig);
  const core = kc.makeApiClient(CoreV1Api);

  const results = [];
  for (const grace of [undefined, 0]) {
    process.stderr.write(`podscope :pf svc/frontend, ${RUNS} runs, grace ${grace ?? 'default (30 s)'}\n`);
    results.push({ grace, ...(await podscopeRuns(kc, core, grace)) });
  }
  process.stderr.write(`kubectl port-forward service/frontend, ${KUBECTL_RUNS} runs\n`);
  const k = [];
  for (let i = 0; i < KUBECTL_RUNS; i++) k.push(await kubectlRun(demo.kubeconfig, demo.cacheDir, core));

  const f = (ms) => `${ms.toFixed(0)} ms`;
  console.log(`\nfailover behind a forward to svc/frontend (3 web-app replicas), ${RUNS} pod deletions each`);
  for (const p of results) {
    const gaps = [...p.gaps].sort((a, b) => a - b);
    const sw = [...p.switches].sort((a, b) => a - b);
    const base = [...p.baseline].sort((a, b) => a - b);
    console.log(`podscope :pf svc/frontend, pod deleted with grace ${p.grace ?? 'default (30 s)'}:`);
    console.log(
      `  deletion → first answer: median ${f(quantile(gaps, 0.5))}, p95 ${f(quantile(gaps, 0.95))}, max ${f(gaps.at(-1))} (one request alone: median ${f(quantile(base, 0.5))})`,
    );
    console.log(
      `  deletion → another pod listed: median ${f(quantile(sw, 0.5))}, p95 ${f(quantile(sw, 0.95))}; switches counted ${p.switchCount}`,
    );
    console.log(`  requests refused meanwhile: ${p.failures} (probes every 10 ms)`);
  }
  for (const r of k) {
    const served =
      r.answered === undefined
        ? 'no answer after the deletion'
        : `last answer ${f(r.answered)} after the deletion (the pod serving out its grace period)`;
    const failed = r.failedAt === undefined ? '' : `, refused from ${f(r.failedAt)}`;
    const end =
      r.exitedAt === undefined
        ? 'still running, its port dead (killed)'
        : `exited ${r.code} after ${f(r.exitedAt)}`;
    console.log(
      `kubectl port-forward service/frontend (picked ${r.pod}): ${served}${failed}; ${end}; last words: ${r.lastLine}`,
    );
  }
  demo.child.kill('SIGTERM');
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
